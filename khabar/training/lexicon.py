"""Build the word-frequency resource the builtin clitic segmenter consults.

    python -m khabar.training.lexicon ../shared/data/saudinewsnet/*.jsonl.gz

Counts every Arabic word (light form: diacritics, tatweel and invisible
characters removed, letters as written) in the ``content`` field of JSONL
news files and writes ``khabar/resources/segment/wordfreq.tsv.gz``: one
``word<TAB>count`` line per word seen at least ``--min-count`` times, with a
third column, the clitic segmentation the rules give over these counts, for
the words that split (a fresh process then looks them up instead of working
them out). Only single words, their counts and segmentations are shipped,
never text. Rebuild after changing the rules in ``clitics.py``
(tests/test_segment.py checks the stored segmentations are current).
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

from khabar.arabic import LEXICON_LETTERS, char_class
from khabar.normalise import normalise_text
from khabar.segment.clitics import LEXICON_PATH, LIGHT_CFG, CliticSegmenter

WORD_RE = re.compile(f"[{char_class(LEXICON_LETTERS)}]+")


def count_words(paths: list[Path]) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    for path in paths:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("content") or ""
                counts.update(WORD_RE.findall(normalise_text(text, LIGHT_CFG).text))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--out", type=Path, default=LEXICON_PATH)
    args = parser.parse_args(argv)
    counts = count_words(sorted(args.files))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    kept = sorted(((w, c) for w, c in counts.items() if c >= args.min_count), key=lambda wc: (-wc[1], wc[0]))
    # The rules over these counts, stored for the words that split.
    segmenter = CliticSegmenter(dict(kept))
    lines = []
    n_split = 0
    for w, c in kept:
        labels = " ".join(seg.label for seg in segmenter.segment(w))
        if labels != w:
            n_split += 1
            lines.append(f"{w}\t{c}\t{labels}\n")
        else:
            lines.append(f"{w}\t{c}\n")
    # mtime=0 and no file name in the header: the same counts give a byte-identical file.
    with open(args.out, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write("".join(lines).encode("utf-8"))
    print(f"{len(counts)} word types, {sum(counts.values())} words; kept {len(kept)} with count >= {args.min_count} ({n_split} split by the rules) in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

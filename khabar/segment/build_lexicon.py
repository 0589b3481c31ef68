"""Build the word-frequency resource the builtin clitic segmenter consults.

    python -m khabar.segment.build_lexicon ../shared/data/saudinewsnet/*.jsonl.gz

Counts every Arabic word (light form: diacritics, tatweel and invisible
characters removed, letters as written) in the ``content`` field of JSONL
news files and writes ``khabar/resources/segment/wordfreq.tsv.gz``: one
``word<TAB>count`` line per word seen at least ``--min-count`` times. Only
single words and their counts are shipped, never text.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

from khabar.normalise import normalise_text
from khabar.segment.clitics import LIGHT_CFG, LEXICON_PATH

WORD_RE = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+")


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
    kept = [(w, c) for w, c in counts.most_common() if c >= args.min_count]
    # mtime=0: the same counts give a byte-identical file.
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write("".join(f"{w}\t{c}\n" for w, c in kept).encode("utf-8"))
    print(f"{len(counts)} word types, {sum(counts.values())} words; kept {len(kept)} with count >= {args.min_count} in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

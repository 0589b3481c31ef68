"""Turn an annotator's mention lists into a real-news set's offsets (docs/annotation/ner-realnews.md).

Annotators write, per article, one mention a line in reading order:
``surface<TAB>LABEL`` (the span as written in the text, without proclitics,
quotes or trailing punctuation). Each surface is found in the text after the
end of the previous mention, at a word start or after a proclitic (و ف ب ل ك),
so repeated names resolve to the occurrence meant. The article text is read
from the data folder; only offsets, labels and the text's hash are written.

    python bench/realnews_offsets.py text FILE LINE            # the article's text, to annotate
    python bench/realnews_offsets.py check FILE LINE MENTIONS   # the text with [span|LABEL] marks, or what was not found
    python bench/realnews_offsets.py build LIST.tsv DIR > set.jsonl

``build``: LIST.tsv has ``file<TAB>line`` per article (``bench/sample_realnews.py``
output); DIR holds ``<n>.tsv`` mention lists, n the article's row in LIST (1-based).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import _paths

from khabar.arabic import DIACRITICS, TATWEEL
from khabar.evaluate.realnews import article_texts, text_sha256

LABELS = ("PER", "LOC", "ORG", "MISC")
PROCLITICS = "وفبلك"
_DATA = _paths.SHARED_DATA


def set_path(name: str) -> str:
    """The path a set stores: under the data folder (sample_realnews.py prints the file name alone)."""
    return name if "/" in name else f"saudinewsnet/{name}"


def article_text(name: str, line: int) -> str:
    name = set_path(name)
    text = article_texts(_DATA, {(name, line)}).get((name, line))
    if text is None:
        raise SystemExit(f"{name}:{line}: article not found under {_DATA}")
    return text


def read_mentions(path: Path) -> list[tuple[str, str]]:
    mentions = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        surface, _, label = raw.rstrip("\n").rpartition("\t")
        if label not in LABELS or not surface.strip():
            raise SystemExit(f"{path}:{n}: want 'surface<TAB>LABEL' with LABEL one of {', '.join(LABELS)}")
        mentions.append((surface.strip(), label))
    return mentions


def _starts_word(text: str, i: int) -> bool:
    """A span may start at a word start, or after one to three proclitic letters that start the word."""
    j = i
    while j > 0 and i - j < 3 and text[j - 1] in PROCLITICS:
        j -= 1
    for k in range(j, i + 1):
        if k == 0 or not (text[k - 1].isalnum() or text[k - 1] in DIACRITICS or text[k - 1] == TATWEEL):
            return all(c in PROCLITICS for c in text[k:i])
    return False


def _ends_word(text: str, end: int) -> bool:
    return end == len(text) or not text[end].isalnum()


def _find(text: str, surface: str, pos: int, whole: bool) -> int:
    i = text.find(surface, pos)
    while i >= 0 and not (_starts_word(text, i) and (not whole or _ends_word(text, i + len(surface)))):
        i = text.find(surface, i + 1)
    return i


def locate(text: str, mentions: list[tuple[str, str]]) -> tuple[list[list], list[str]]:
    """Offsets of each mention in order, and the mentions not found after the previous one.

    A surface that ends a word is preferred («اليمن» is not the start of a later «اليمني»); one that only
    starts a word is the fallback."""
    spans, missing, pos = [], [], 0
    for surface, label in mentions:
        i = _find(text, surface, pos, whole=True)
        if i < 0:
            i = _find(text, surface, pos, whole=False)
        if i < 0:
            missing.append(f"{surface}\t{label} (not found after offset {pos})")
            continue
        spans.append([i, i + len(surface), label])
        pos = i + len(surface)
    return spans, missing


def marked(text: str, spans: list[list]) -> str:
    out, prev = [], 0
    for start, end, label in spans:
        out += [text[prev:start], "[", text[start:end], "|", label, "]"]
        prev = end
    return "".join(out + [text[prev:]])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("text")
    t.add_argument("file")
    t.add_argument("line", type=int)
    c = sub.add_parser("check")
    c.add_argument("file")
    c.add_argument("line", type=int)
    c.add_argument("mentions", type=Path)
    b = sub.add_parser("build")
    b.add_argument("list", type=Path)
    b.add_argument("dir", type=Path)
    args = parser.parse_args()
    if args.cmd == "text":
        print(article_text(args.file, args.line))
        return 0
    if args.cmd == "check":
        spans, missing = locate(article_text(args.file, args.line), read_mentions(args.mentions))
        print(marked(article_text(args.file, args.line), spans))
        for m in missing:
            print("NOT FOUND:", m, file=sys.stderr)
        return 1 if missing else 0
    rows = [r.split("\t")[:2] for r in args.list.read_text(encoding="utf-8").splitlines() if r.strip()]
    failed = 0
    for n, (name, line) in enumerate(rows, 1):
        text = article_text(name, int(line))
        spans, missing = locate(text, read_mentions(args.dir / f"{n}.tsv"))
        for m in missing:
            print(f"{n} {name}:{line}: NOT FOUND: {m}", file=sys.stderr)
        failed += len(missing)
        print(json.dumps({"file": set_path(name), "line": int(line), "sha256": text_sha256(text), "entities": spans}, ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

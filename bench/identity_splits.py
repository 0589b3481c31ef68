"""Measure entity identity on one day of a store: one-word person ids and ids split by spelling alone.

    python bench/identity_splits.py <store> [YYYY-MM-DD]

Reads ``entity_daily`` of the day and prints
- how many of the 50 most-mentioned PER ids have a one-word canonical (goal: at most 2);
- among ids with >= 5 mentions, how many share a *folded* canonical with another
  id of the same label (goal: at most 1%). The fold is deliberately blunter than
  ``canonical.key``: every alef/hamza form, ى/ي, ة/ه, diacritics, tatweel, spaces
  (عبد العزيز = عبدالعزيز), a leading article on every word, and a trailing
  ``آل سعود``; two ids with one fold are split by spelling alone;
- the top 20 PER and ORG rows, for judging by eye.
Nothing is written.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def fold(name: str) -> str:
    words = _MARKS.sub("", name).translate(_FOLD).split()
    if words[-2:] == ["ال", "سعود"]:
        words = words[:-2]
    return "".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words)


def main(store: str, day: str | None = None) -> None:
    root = Path(store) / "entity_daily"
    part = root / f"dt={day}" if day else max((p for p in root.iterdir() if p.name.startswith("dt=2015")), key=lambda p: p.name)
    rows = pq.read_table(part).to_pylist()
    rows.sort(key=lambda r: (-r["mentions"], r["entity_id"]))
    per = [r for r in rows if r["label"] == "PER"]
    top = per[:50]
    one = [r for r in top if len(r["canonical"].split()) == 1]
    print(f"{part}: {len(rows)} ids; one-word among top 50 PER: {len(one)}: " + "، ".join(f"{r['canonical']} ({r['mentions']})" for r in one))
    groups = defaultdict(list)
    for r in rows:
        groups[(r["label"], fold(r["canonical"]))].append(r)
    big = [r for r in rows if r["mentions"] >= 5]
    split = [r for r in big if len(groups[(r["label"], fold(r["canonical"]))]) > 1]
    print(f"ids with >= 5 mentions: {len(big)}; split from another by spelling alone: {len(split)} ({100 * len(split) / max(1, len(big)):.1f}%)")
    for r in split:
        others = [o["canonical"] + f" ({o['mentions']})" for o in groups[(r["label"], fold(r["canonical"]))] if o is not r]
        print(f"  {r['label']} {r['canonical']} ({r['mentions']}) ~ " + "، ".join(others))
    for label in ("PER", "ORG"):
        print(f"top 20 {label}:")
        for r in [r for r in rows if r["label"] == label][:20]:
            print(f"  {r['mentions']:5d} {r['documents']:4d}  {r['canonical']}")


if __name__ == "__main__":
    main(*sys.argv[1:])

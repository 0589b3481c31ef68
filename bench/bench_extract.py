"""Throughput of the quote, date and amount extractors together, on one
SaudiNewsNet crawl day (field ``content``), in words per second on one core.

    .venv/bin/python bench/bench_extract.py [--file PATH] [--repeat N]

Words are whitespace-separated tokens. The published time used for relative
dates is the record's ``date_extracted``. Target: >= 200k words/s/core.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from _paths import BENCH_DAY as DEFAULT


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3, help="best of N timed passes")
    args = ap.parse_args()

    from khabar.extract.amounts import find_amounts
    from khabar.extract.dates import find_dates
    from khabar.extract.fold import fold
    from khabar.extract.quotes import find_quotes

    docs = []
    with gzip.open(args.file, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("content"):
                docs.append((rec["content"], (rec.get("date_extracted") or "")[:19] or None))
    words = sum(len(text.split()) for text, _ in docs)
    best = None
    counts = None
    for _ in range(args.repeat):
        fold.cache_clear()
        t0 = time.process_time()
        q = d = a = 0
        for text, pub in docs:
            q += len(find_quotes(text))
            d += len(find_dates(text, pub))
            a += len(find_amounts(text))
        elapsed = time.process_time() - t0
        best = elapsed if best is None else min(best, elapsed)
        counts = (q, d, a)
    print(f"{args.file.name}: {len(docs)} articles, {words} words")
    print(f"quotes {counts[0]}, dates {counts[1]}, amounts {counts[2]}")
    print(f"CPU time {best:.2f} s (best of {args.repeat}) -> {words / best:,.0f} words/s/core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

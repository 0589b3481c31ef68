"""Incremental equals one-shot, and reprocess touches only its partitions.

    python bench/compare_incremental.py [--days ../shared/data/saudinewsnet] [--work /tmp/khabar-compare]

1. Runs one nightly `khabar run` per day file, in date order, into <work>/nightly.
2. Runs one `khabar run` over the whole folder into <work>/oneshot.
3. Compares every aggregate dataset partition by partition (rows without run_id).
4. Reprocesses 2015-07-21..2015-07-23 from extract in <work>/nightly and checks by
   SHA-256 that files of every other partition are untouched, and that the
   aggregates still equal the one-shot run's.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import time
from pathlib import Path

from _paths import SAUDINEWSNET

AGGREGATES = ["entity_daily", "cooccurrence", "speakers_daily", "amounts_daily", "corpus_daily"]


def rows(out: Path, name: str) -> dict[str, list[tuple]]:
    from khabar.store import Store

    store = Store(out)
    result = {}
    for dt in store.partitions(name):
        table = store.read_partition(name, dt).drop_columns(["run_id"])
        result[dt] = sorted(tuple(str(v) for v in r.values()) for r in table.to_pylist())
    return result


def checksums(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.glob("*/dt=*/*.parquet"))
        if p.parts[-3] != "runs"
    }


def compare(a: Path, b: Path) -> bool:
    same = True
    for name in AGGREGATES:
        ra, rb = rows(a, name), rows(b, name)
        differing = [dt for dt in sorted(set(ra) | set(rb)) if ra.get(dt) != rb.get(dt)]
        print(f"  {name:<15} {len(ra):>3} partitions vs {len(rb):>3}: {'equal' if not differing else 'DIFFERENT ' + ', '.join(differing)}")
        same &= not differing
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", default=str(SAUDINEWSNET))
    parser.add_argument("--work", default="/tmp/khabar-compare")
    parser.add_argument("--oneshot", help="an existing one-shot store of the same days (e.g. from bench_pipeline.py --out); default: run it here")
    args = parser.parse_args()
    from khabar.cli import main as khabar
    from khabar.store import Store

    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    nightly, oneshot = work / "nightly", Path(args.oneshot) if args.oneshot else work / "oneshot"
    days = sorted(Path(args.days).glob("*.jsonl.gz"))
    started = time.perf_counter()
    for day in days:
        assert khabar(["run", "--raw", str(day), "--out", str(nightly)]) == 0, day
    print(f"{len(days)} nightly runs: {time.perf_counter() - started:.0f}s")
    if not args.oneshot:
        started = time.perf_counter()
        assert khabar(["run", "--raw", args.days, "--out", str(oneshot)]) == 0
        print(f"one-shot run: {time.perf_counter() - started:.0f}s")
    print(f"runs recorded in the nightly store: {Store(nightly).runs().num_rows}")
    print("incremental vs one-shot:")
    ok = compare(nightly, oneshot)

    before = checksums(nightly)
    assert khabar(["reprocess", "--since", "2015-07-21", "--until", "2015-07-23", "--from-stage", "extract", "--out", str(nightly)]) == 0
    after = checksums(nightly)
    inside = lambda path: any(f"dt={d}" in path for d in ("2015-07-21", "2015-07-22", "2015-07-23"))
    changed_outside = [p for p in before if not inside(p) and before[p] != after.get(p)]
    changed_inside = sorted({p.split("/")[0] for p in after if inside(p) and before.get(p) != after[p]})
    print(f"reprocess 2015-07-21..23 from extract: datasets rewritten inside the range: {', '.join(changed_inside)}")
    print(f"files changed outside the range: {len(changed_outside)} of {sum(1 for p in before if not inside(p))}")
    print("after reprocess, incremental vs one-shot:")
    ok &= compare(nightly, oneshot) and not changed_outside
    print("RESULT:", "all equal" if ok else "DIFFERENCES FOUND")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

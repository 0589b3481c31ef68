"""End-to-end benchmark: the nightly run on SaudiNewsNet days.

    python bench/bench_pipeline.py                                  # 2015-07-21
    python bench/bench_pipeline.py --raw ../shared/data/saudinewsnet/   # all 18 days

Prints documents, words, seconds and words/s per stage and end to end (wall
time of the whole command, Prefect start-up included), the CPU seconds of the
run, and peak RSS of the main process, of the largest pool worker and of
Prefect's server, sampled from /proc every 0.25 s (a forked worker that the
pool never waits for is missing from ``getrusage(RUSAGE_CHILDREN)``).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from _paths import BENCH_DAY as DEFAULT_RAW
from _procs import ProcessSampler


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", default=str(DEFAULT_RAW), help="a SaudiNewsNet day file or the folder of all days")
    parser.add_argument("--out", help="output root (default: a temporary folder, removed afterwards)")
    parser.add_argument("--config", help="khabar TOML configuration")
    args = parser.parse_args()

    from khabar.cli import main as khabar
    from khabar.store import Store

    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="khabar-bench-"))
    argv = ["run", "--raw", args.raw, "--out", str(out)] + (["--config", args.config] if args.config else [])
    sampler = ProcessSampler()
    sampler.start()
    started = time.perf_counter()
    status = khabar(argv)
    wall = time.perf_counter() - started
    sampler.stop()
    # Taken before the counting below: reading every token of the store is this script's, not the run's
    # (the kind column of 18 days as Python strings took the main process to 1.3 GB; counted in Arrow below).
    me = resource.getrusage(resource.RUSAGE_SELF)
    self_rss = me.ru_maxrss / 1024
    cpu = me.ru_utime + me.ru_stime + sampler.cpu_seconds()
    if status != 0:
        print(f"khabar run failed with status {status}", file=sys.stderr)
        return status
    store = Store(out)
    run = store.runs().to_pylist()[-1]
    counts, timings = json.loads(run["counts"]), json.loads(run["timings"])
    kinds = store.read_dataset("tokens", ["kind"]).column("kind")
    words = len(kinds) - pc.sum(pc.is_in(kinds, value_set=pa.array(["punct", "symbol"]))).as_py()
    ingest = counts["ingest"]
    print(f"input      {args.raw}")
    print(f"records    {ingest['records_seen']:,} = documents {ingest['documents']:,} + quarantined {ingest['quarantined']:,} + duplicates {ingest['duplicates']:,}")
    print(f"words      {words:,} (tokens that are not punctuation or symbols)")
    print(f"{'stage':<10} {'seconds':>8} {'words/s':>12}")
    for stage in ("ingest", "normalise", "segment", "extract", "aggregate"):
        seconds = timings.get(stage, 0.0)
        print(f"{stage:<10} {seconds:>8.2f} {words / seconds if seconds else 0:>12,.0f}")
    stages = sum(timings.values())
    print(f"{'stages':<10} {stages:>8.2f} {words / stages:>12,.0f}")
    print(f"{'end to end':<10} {wall:>8.2f} {words / wall:>12,.0f}   (wall time of `khabar run`, Prefect start-up included)")
    print(f"CPU        {cpu:.1f} s (this process and every process below it; {words / cpu:,.0f} words per CPU-s)")
    print(f"CPU by process  main {me.ru_utime + me.ru_stime:.1f} s, workers {sampler.cpu_seconds('worker'):.1f} s, Prefect server {sampler.cpu_seconds('server'):.1f} s")
    print(
        f"peak RSS   main process {self_rss:,.0f} MiB, largest worker {sampler.peak_mib('worker'):,.0f} MiB, "
        f"Prefect server {sampler.peak_mib('server'):,.0f} MiB"
    )
    if not args.out:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

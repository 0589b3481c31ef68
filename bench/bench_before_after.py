"""Before vs after, side by side in one sitting: `khabar run` from two checkouts,
alternating, on the same inputs; wall time and CPU seconds (user + sys of the
command and every process it waited for: the pool's workers, Prefect's
temporary server) for each case, and the stage seconds the run recorded.

    python bench/bench_before_after.py --before /tmp/wt-speed-before --after . \\
        --case sample=data/raw --case day=../shared/data/saudinewsnet/2015-07-21.jsonl.gz --repeat 2

Each case runs on a fresh store, then once more on the same store with nothing
new (the "rerun" line). CPU seconds are the fairer number on a shared machine:
wall time also counts the time other processes held the cores. With
--keep DIR the stores stay under DIR/<checkout>-<case> (for compare_stores.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.dataset as ds


def run_once(checkout: Path, raw: str, out: Path, config: str | None) -> dict:
    """One `khabar run` in a child process: wall, CPU (its own and its waited-for children's), peak RSS."""
    # A loaded machine makes Prefect's temporary servers miss their 20 s start-up timeout.
    env = {"PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180", **os.environ, "PYTHONPATH": str(checkout)}
    env.pop("PREFECT_API_URL", None)
    argv = [sys.executable, "-m", "khabar.cli", "run", "--raw", raw, "--out", str(out)] + (["--config", config] if config else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=checkout, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{checkout}: khabar run failed:\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "timings": _last_timings(out)}


def _last_timings(out: Path) -> dict:
    runs = ds.dataset(out / "runs", format="parquet", partitioning="hive").to_table(columns=["started_at", "timings"]).to_pylist()
    return json.loads(max(runs, key=lambda r: r["started_at"])["timings"])


def _line(label: str, result: dict) -> str:
    stages = " ".join(f"{k}={v:.1f}" for k, v in result["timings"].items())
    return f"  {label:<28} wall {result['wall']:6.1f}s  cpu {result['cpu']:6.1f}s   {stages}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True, type=Path, help="checkout of the code before the change")
    parser.add_argument("--after", required=True, type=Path, help="checkout of the code after the change")
    parser.add_argument("--case", action="append", required=True, help="NAME=RAW (a raw folder or file), repeatable")
    parser.add_argument("--config", help="khabar TOML configuration for both sides")
    parser.add_argument("--repeat", type=int, default=1, help="runs per case and side, alternating (default 1)")
    parser.add_argument("--keep", type=Path, help="keep the stores of the last repeat under this folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="khabar-ba-"))
    try:
        for case in args.case:
            name, raw = case.split("=", 1)
            raw = str(Path(raw).resolve())
            print(f"{name}: {raw}")
            for repeat in range(args.repeat):
                for side, checkout in (("before", args.before.resolve()), ("after", args.after.resolve())):
                    out = (args.keep or work) / f"{side}-{name}"
                    shutil.rmtree(out, ignore_errors=True)
                    print(_line(f"{side} #{repeat + 1} fresh", run_once(checkout, raw, out, args.config)), flush=True)
                    print(_line(f"{side} #{repeat + 1} rerun, nothing new", run_once(checkout, raw, out, args.config)), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

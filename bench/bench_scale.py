"""Nightly cost as the store grows: synthetic nights from the 18 SaudiNewsNet days.

    python bench/bench_scale.py --nights 12 --docs-per-night 300
    python bench/bench_scale.py --prefill 17 --nights 3             # nights after a store of 17 days

Night k is SaudiNewsNet day ``(k - 1) mod 18`` with its dates moved to
2016-01-01 + (k - 1) days and every text varied (a closing line naming the
night: nights 19, 37, ... are then new documents, near-duplicates of earlier
ones, as republished wire stories are), written as one file and ingested by
its own `khabar run` on the same store. ``--prefill D`` first ingests D such
nights in one run (a backfill), so that the nights measured after it run
against a store of that size without running D nights.

``--measure 2,30,180,365`` takes one growing store to each of those nights:
the nights up to the first one by one, then before each later one the nights
in between as one backfill, and the measured night alone (night 365 is then
measured on a store of 364 nights without running 364 `khabar run`s).

Prints per run: wall, CPU seconds (the command and every process it waited
for), peak RSS of the main process and of the largest other process (a pool
worker or Prefect's server), the store's documents, and the stage seconds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from _paths import REPO, SAUDINEWSNET

BASE = datetime(2016, 1, 1)
# Run in a fresh child per night, so that its figures are this night's alone: the command runs in
# that child (RUSAGE_SELF: the main process); its pool workers and Prefect's server are its children,
# sampled from /proc (bench/_procs.py: forked workers nobody waits for are missing from RUSAGE_CHILDREN).
MEASURE = r"""
import json, resource, sys
sys.path.insert(0, sys.argv[2])
from _procs import ProcessSampler
from khabar.cli import main
sampler = ProcessSampler()
sampler.start()
rc = main(sys.argv[3:])
sampler.stop()
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
kids_cpu = max(kids.ru_utime + kids.ru_stime, sampler.cpu_seconds())
# Not kids.ru_maxrss: a child forked then exec'd (the server) reports the parent's size at the fork.
other_mib = max(sampler.peak_mib("worker"), sampler.peak_mib("server"))
with open(sys.argv[1], "w") as out:
    json.dump({"rc": rc, "cpu": me.ru_utime + me.ru_stime + kids_cpu,
               "main_mib": me.ru_maxrss / 1024, "other_mib": other_mib}, out)
"""


def night_records(night: int, days: list[Path], limit: int | None) -> list[dict]:
    """The records of ``night`` (1-based): a source day, dates shifted, texts varied."""
    source = days[(night - 1) % len(days)]
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    records = records[:limit] if limit else records
    day = BASE + timedelta(days=night - 1)
    for record in records:
        stamp = str(record.get("date_extracted") or "")
        clock = stamp[11:19] if len(stamp) >= 19 else "06:00:00"
        record["date_extracted"] = f"{day:%Y-%m-%d} {clock}"
        record["id"] = f"n{night:04d}-{record.get('id')}"
        record["content"] = f"{record.get('content') or ''}\nالعدد {night} من النشرة الليلية."
    return records


def write_night(folder: Path, name: str, records: list[dict]) -> Path:
    path = folder / f"{name}.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def run_night(raw: Path, out: Path, config: str | None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    argv = ["run", "--raw", str(raw), "--out", str(out)] + (["--config", config] if config else [])
    result_path = out.parent / "measure.json"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, str(result_path), str(Path(__file__).parent), *argv], cwd=REPO, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    result = json.loads(result_path.read_text()) if done.returncode == 0 and result_path.exists() else {"rc": done.returncode}
    result_path.unlink(missing_ok=True)
    if result["rc"] != 0:
        raise SystemExit(f"khabar run failed on {raw}:\n{done.stderr[-3000:]}")
    return {**result, "wall": wall}


def store_summary(out: Path) -> tuple[int, dict]:
    sys.path.insert(0, str(REPO))
    from khabar.store import Store

    store = Store(out)
    documents = sum(store.row_count("documents", dt) for dt in store.partitions("documents"))
    runs = store.runs().to_pylist()
    return documents, json.loads(max(runs, key=lambda r: r["started_at"])["timings"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nights", type=int, default=12, help="nights to run one by one (default 12)")
    parser.add_argument("--prefill", type=int, default=0, help="nights ingested first in one backfill run (default 0)")
    parser.add_argument("--measure", help="nights to measure on one growing store, the nights between as backfills (e.g. 2,30,180,365)")
    parser.add_argument("--docs-per-night", type=int, help="records per night (default: the whole source day, ~3,000)")
    parser.add_argument("--config", help="khabar TOML configuration")
    parser.add_argument("--work", type=Path, help="folder for the raw nights and the store (default: a temporary one, removed)")
    args = parser.parse_args()
    days = sorted(SAUDINEWSNET.glob("*.jsonl.gz"))
    work = args.work or Path(tempfile.mkdtemp(prefix="khabar-scale-"))
    plan = measure_plan(sorted({int(n) for n in args.measure.split(",")})) if args.measure else backfill_plan(args.prefill, args.nights)
    try:
        print(f"{'night':>9} {'wall s':>7} {'cpu s':>7} {'main MiB':>8} {'other MiB':>9} {'documents':>10}  stages (s)", flush=True)
        for first, last in plan:
            _run_nights(work, first, last, days, args)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def backfill_plan(prefill: int, nights: int) -> list[tuple[int, int]]:
    """(first, last) night of each run: a backfill of ``prefill`` nights, then ``nights`` nights one by one."""
    return ([(1, prefill)] if prefill else []) + [(n, n) for n in range(prefill + 1, prefill + nights + 1)]


def measure_plan(measured: list[int]) -> list[tuple[int, int]]:
    """The runs reaching each measured night: one by one up to the first, then the
    nights in between as one backfill and the measured night alone."""
    plan, done = [(n, n) for n in range(1, measured[0] + 1)], measured[0]
    for night in measured[1:]:
        if night - 1 > done:
            plan.append((done + 1, night - 1))
        plan.append((night, night))
        done = night
    return plan


def _run_nights(work: Path, first: int, last: int, days: list[Path], args: argparse.Namespace) -> None:
    """Ingest nights ``first``..``last`` in one `khabar run` (the folder of their files) and report it."""
    folder = work / (f"night-{first:04d}" if first == last else f"nights-{first:04d}-{last:04d}")
    folder.mkdir(parents=True, exist_ok=True)
    for night in range(first, last + 1):
        write_night(folder, f"night-{night:04d}", night_records(night, days, args.docs_per_night))
    raw = folder / f"night-{first:04d}.jsonl.gz" if first == last else folder
    _report(str(first) if first == last else f"{first}-{last}", run_night(raw, work / "store", args.config), work / "store")


def _report(label: str, result: dict, out: Path) -> None:
    documents, timings = store_summary(out)
    stages = " ".join(f"{k}={v:.1f}" for k, v in timings.items())
    print(f"{label:>9} {result['wall']:>7.1f} {result['cpu']:>7.1f} {result['main_mib']:>8.0f} {result['other_mib']:>9.0f} {documents:>10,}  {stages}",
          flush=True)


if __name__ == "__main__":
    sys.exit(main())

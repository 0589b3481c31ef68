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

Prints per night: wall, CPU seconds (the command and every process it waited
for), peak RSS of the largest process (main, a pool worker or Prefect's
server), the store's documents, and the stage seconds.
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
from datetime import datetime, timedelta
from pathlib import Path

from _paths import REPO, SAUDINEWSNET

BASE = datetime(2016, 1, 1)
# Run in a fresh child per night, so that RUSAGE_CHILDREN's maxrss is this night's alone.
MEASURE = r"""
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": done.returncode, "wall": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime,
                  "rss_mib": usage.ru_maxrss / 1024, "stderr": done.stderr[-2000:]}))
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
    argv = [sys.executable, "-m", "khabar.cli", "run", "--raw", str(raw), "--out", str(out)] + (["--config", config] if config else [])
    done = subprocess.run([sys.executable, "-c", MEASURE, *argv], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"khabar run failed on {raw}:\n{result['stderr']}")
    return result


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
    parser.add_argument("--docs-per-night", type=int, help="records per night (default: the whole source day, ~3,000)")
    parser.add_argument("--config", help="khabar TOML configuration")
    parser.add_argument("--work", type=Path, help="folder for the raw nights and the store (default: a temporary one, removed)")
    args = parser.parse_args()
    days = sorted(SAUDINEWSNET.glob("*.jsonl.gz"))
    work = args.work or Path(tempfile.mkdtemp(prefix="khabar-scale-"))
    out = work / "store"
    try:
        print(f"{'night':>9} {'wall s':>7} {'cpu s':>7} {'peak RSS MiB':>12} {'documents':>10}  stages (s)", flush=True)
        if args.prefill:
            folder = work / "prefill"
            folder.mkdir(parents=True, exist_ok=True)
            for night in range(1, args.prefill + 1):
                write_night(folder, f"night-{night:04d}", night_records(night, days, args.docs_per_night))
            _report(f"1-{args.prefill}", run_night(folder, out, args.config), out)
        for night in range(args.prefill + 1, args.prefill + args.nights + 1):
            folder = work / f"night-{night:04d}"
            folder.mkdir(parents=True, exist_ok=True)
            raw = write_night(folder, f"night-{night:04d}", night_records(night, days, args.docs_per_night))
            _report(str(night), run_night(raw, out, args.config), out)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _report(label: str, result: dict, out: Path) -> None:
    documents, timings = store_summary(out)
    stages = " ".join(f"{k}={v:.1f}" for k, v in timings.items())
    print(f"{label:>9} {result['wall']:>7.1f} {result['cpu']:>7.1f} {result['rss_mib']:>12.0f} {documents:>10,}  {stages}", flush=True)


if __name__ == "__main__":
    sys.exit(main())

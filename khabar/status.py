"""``khabar status``: what the store holds.

Partitions and rows per dataset, the last runs with their record counts
(and whether they reconcile: records seen = documents + quarantined +
duplicates), quarantine by reason, and stale partitions: those whose rows
were written by another code version or configuration than the current one
(rerun them with ``khabar reprocess``).
"""

from __future__ import annotations

import json
from collections import Counter

from khabar import schemas
from khabar.config import config_hash
from khabar.lineage import code_version
from khabar.store import Store

PARTITIONED = [name for name in schemas.DATASETS if name != "runs"]  # runs are shown on their own


def collect_status(store: Store, config: dict, last_runs: int = 10) -> dict:
    datasets = {}
    for name in PARTITIONED:
        dts = store.partitions(name)
        if dts:
            datasets[name] = {"partitions": len(dts), "first": dts[0], "last": dts[-1], "rows": sum(store.row_count(name, dt) for dt in dts)}
    runs = store.runs().to_pylist()
    quarantine = store.read_dataset("quarantine", ["reason"])
    reasons = Counter(quarantine.column("reason").to_pylist())
    return {
        "root": str(store.root),
        "datasets": datasets,
        "runs_total": len(runs),
        "runs": [_run_summary(r) for r in runs[-last_runs:]],
        "quarantine_by_reason": dict(sorted(reasons.items())),
        "stale": stale_partitions(store, runs, config),
        "unfinished_runs": [j["run_id"] for j in store.open_journals()],
    }


def _run_summary(run: dict) -> dict:
    counts = json.loads(run["counts"] or "{}")
    ingest = counts.get("ingest", {})
    seen = ingest.get("records_seen", 0)
    accounted = ingest.get("documents", 0) + ingest.get("quarantined", 0) + ingest.get("duplicates", 0)
    duration = (run["finished_at"] - run["started_at"]).total_seconds() if run["finished_at"] else None
    return {
        "run_id": run["run_id"],
        "flow": run["flow"],
        "status": run["status"],
        "started_at": run["started_at"].isoformat(timespec="seconds"),
        "seconds": round(duration, 1) if duration is not None else None,
        "partitions": len(run["partitions"]),
        "records_seen": seen,
        "documents": ingest.get("documents", 0),
        "quarantined": ingest.get("quarantined", 0),
        "duplicates": ingest.get("duplicates", 0),
        "reconciles": seen == accounted,
    }


def stale_partitions(store: Store, runs: list[dict], config: dict) -> list[dict]:
    """Partitions with rows from a code version or configuration other than the current one."""
    current = (code_version(), config_hash(config))
    version_of = {r["run_id"]: (r["code_version"], r["config_hash"]) for r in runs}
    stale = []
    for name in ["entities", "quotes", "dates", "amounts", "tokens"]:
        for dt in store.partitions(name):
            run_ids = set(store.read_partition(name, dt, ["run_id"]).column("run_id").to_pylist())
            versions = {version_of.get(run_id, ("unknown", "unknown")) for run_id in run_ids}
            old = sorted(v for v in versions if v != current)
            if old:
                stale.append({"dataset": name, "dt": dt, "written_by": [f"{code} config {cfg}" for code, cfg in old]})
    return stale


def render(status: dict) -> str:
    lines = [f"store {status['root']}", "", "datasets:"]
    if not status["datasets"]:
        lines.append("  (empty: run `khabar run` first)")
    for name, info in status["datasets"].items():
        lines.append(f"  {name:<15} {info['rows']:>10,} rows  {info['partitions']:>4} partition(s)  {info['first']} .. {info['last']}")
    lines += ["", f"runs: {status['runs_total']} in all, the last {len(status['runs'])}:"]
    for run in status["runs"]:
        check = "ok" if run["reconciles"] else "DOES NOT RECONCILE"
        lines.append(
            f"  {run['run_id']}  {run['flow']:<9} {run['status']:<13} {run['started_at']}  {run['seconds'] or 0:>7.1f}s  "
            f"partitions {run['partitions']:>3}  records {run['records_seen']} = documents {run['documents']} + quarantined "
            f"{run['quarantined']} + duplicates {run['duplicates']} ({check})"
        )
    lines += ["", "quarantine by reason:"]
    lines += [f"  {reason:<20} {count}" for reason, count in status["quarantine_by_reason"].items()] or ["  (none)"]
    lines += ["", "stale partitions (written by another code version or config; rerun with `khabar reprocess`):"]
    stale = status["stale"]
    lines += [f"  {s['dataset']}/dt={s['dt']}: {', '.join(s['written_by'])}" for s in stale[:20]] or ["  (none)"]
    if len(stale) > 20:
        lines.append(f"  ... and {len(stale) - 20} more")
    if status["unfinished_runs"]:
        lines += ["", f"unfinished runs (the next `khabar run` completes them): {', '.join(status['unfinished_runs'])}"]
    return "\n".join(lines)

"""The flows: the nightly incremental run and reprocessing of a date range.

Both share :func:`run_stages`, which runs every stage from a given one on for
a set of dt partitions: one task per document shard (one per partition for
aggregate), a barrier after each stage, then the stage's partitions are
swapped in atomically. Nothing passes between stages in memory: each task
reads its inputs from the store and writes its outputs to staging.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

from prefect import flow
from prefect.futures import as_completed

from khabar import schemas, stages
from khabar.config import config_hash, load_config
from khabar.ingest import list_raw_files
from khabar.lineage import code_version
from khabar.store import Store, StoreLock
from tasks.aggregate import aggregate_partition
from tasks.extract import extract_shard
from tasks.faults import fault_point
from tasks.ingest import commit, file_sha256, finish_ingest_commit, read_file
from tasks.normalise import normalise_shard
from tasks.segment import segment_shard

SHARD_TASKS = {"normalise": normalise_shard, "segment": segment_shard, "extract": extract_shard}


def say(message: str) -> None:
    """Progress for the person at the terminal (stderr, so stdout stays data)."""
    print(f"khabar: {message}", file=sys.stderr, flush=True)


def path_key(path: Path) -> str:
    """The absolute path as text that survives Parquet: bytes that are not
    UTF-8 in a file name are written as backslash escapes."""
    return os.fsencode(path.resolve()).decode("utf-8", "backslashreplace")


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


def _wait_all(futures: list, stage: str, unit: str) -> list[dict]:
    started, results, total = time.monotonic(), [], len(futures)
    for done, future in enumerate(as_completed(futures), 1):
        results.append(future.result())
        say(f"{stage:<9} {done}/{total} {unit} ({time.monotonic() - started:.1f}s)")
    return results


def run_stages(store: Store, run_id: str, dts: list[str], from_stage: str, config: dict, extra_aggregate_dts: list[str] = ()) -> tuple[dict, dict]:
    """Run every stage from ``from_stage`` on for partitions ``dts``; return (rows, seconds) per stage.

    ``extra_aggregate_dts`` are partitions that received no documents but
    quarantine or duplicate rows (the run date, typically): only their
    aggregates (corpus_daily) change.
    """
    root, rows, timings = str(store.root), {}, {}
    shards = store.shards(dts)
    for stage in (s.name for s in stages.stages_from(from_stage)):
        if stage == "ingest":
            continue
        started = time.monotonic()
        stage_dts = sorted(set(dts) | set(extra_aggregate_dts)) if stage == "aggregate" else dts
        if stage == "aggregate":
            futures = [aggregate_partition.submit(root, run_id, dt, config) for dt in stage_dts]
            results = _wait_all(futures, stage, "partitions")
        else:
            futures = [SHARD_TASKS[stage].submit(root, run_id, shard, config) for shard in shards]
            results = _wait_all(futures, stage, "shards")
        fault_point(f"{stage}:staged")
        for name in stages.BY_NAME[stage].writes:
            for dt in stage_dts:
                store.swap_partition(run_id, name, dt)
                fault_point(f"{stage}:swapping")
            rows[name] = sum(r.get(name, 0) for r in results)
        timings[stage] = round(time.monotonic() - started, 3)
    return rows, timings


def _prepare_store(store: Store) -> tuple[list[str], list[str], list[str]]:
    """Repair what killed runs left, before any work.

    Half-swapped partitions are restored, ingest commits cut short are rolled
    forward from their staged files (so this runs before staging is
    cleared), then staging is dropped. Returns the partitions whose later
    stages must be redone, those whose aggregates must be redone, and the
    run ids of the unfinished journals.
    """
    for note in store.recover():
        say(note)
    dts, touched, run_ids = set(), set(), []
    for journal in store.open_journals():
        if journal["state"] == "committing":
            finish_ingest_commit(store, journal)
        say(f"resuming the unfinished run {journal['run_id']}: {len(journal['dts'])} partition(s) to finish")
        dts.update(journal["dts"])
        touched.update(journal.get("touched_dts", []))
        run_ids.append(journal["run_id"])
    shutil.rmtree(store.root / "_staging", ignore_errors=True)
    return sorted(dts), sorted(touched), run_ids


def _record_run(store: Store, run_id: str, flow_name: str, started: datetime, status: str, parameters: dict, config: dict, dts: list[str], counts: dict, timings: dict, from_stage: str | None) -> None:
    store.write_run(
        {
            "run_id": run_id,
            "flow": flow_name,
            "started_at": started,
            "finished_at": datetime.now(timezone.utc),
            "status": status,
            "parameters": json.dumps(parameters, ensure_ascii=False, sort_keys=True),
            "config_hash": config_hash(config),
            "code_version": code_version(),
            "schema_version": schemas.SCHEMA_VERSION,
            "datasets": stages.datasets_written_from(from_stage),
            "partitions": dts,
            "counts": json.dumps(counts, ensure_ascii=False, sort_keys=True),
            "timings": json.dumps(timings, sort_keys=True),
        }
    )


@flow(name="khabar-run", log_prints=False)
def nightly(raw: str, out: str, config_path: str | None = None) -> dict:
    """Ingest what is new under ``raw`` and run every stage on the partitions it touched."""
    config = load_config(config_path)
    store = Store(out)
    started = datetime.now(timezone.utc)
    run_id = new_run_id(started)
    parameters = {"raw": raw, "out": out, "config": config_path}
    with StoreLock(store, f"run {run_id}"):
        pending_dts, pending_touched, pending_runs = _prepare_store(store)
        raw_root = Path(raw)
        files = list_raw_files(raw_root)
        known = store.ingested_keys()
        new_files = []
        for path in files:
            key = path_key(path)
            sha = file_sha256(path) if path.is_file() and not path.is_symlink() else ""
            if (key, sha) not in known:
                new_files.append((str(path), key, sha))
        say(f"{len(files)} raw file(s) under {raw}, {len(files) - len(new_files)} already ingested, {len(new_files)} new")
        timings: dict[str, float] = {}
        ingest_counts = {"records_seen": 0, "documents": 0, "quarantined": 0, "duplicates": 0, "files": 0}
        new_dts: list[str] = []
        touched_dts: list[str] = []
        if new_files:
            t0 = time.monotonic()
            base = raw_root if raw_root.is_dir() else raw_root.parent
            futures = [read_file.submit(str(store.root), run_id, path, key, str(base.resolve()), config["ingest"]) for path, key, _ in new_files]
            results = _wait_all(futures, "ingest", "files")
            fault_point("ingest:staged")
            shas = {key: sha for _, key, sha in new_files}
            for result in results:
                result["sha256"] = shas[result["raw_path"]]
            committed = commit(str(store.root), run_id, results, config["ingest"], config["run"]["shard_size"], started.strftime("%Y-%m-%d"), started)
            ingest_counts, new_dts, touched_dts = committed["counts"], committed["dts"], committed["touched_dts"]
            timings["ingest"] = round(time.monotonic() - t0, 3)
            say(
                f"ingest    {ingest_counts['records_seen']} records: {ingest_counts['documents']} documents, "
                f"{ingest_counts['quarantined']} quarantined, {ingest_counts['duplicates']} duplicates"
            )
        dts = sorted(set(new_dts) | set(pending_dts))
        touched_dts = sorted(set(touched_dts) | set(pending_touched))
        if not dts and not touched_dts:
            say("nothing new to ingest: no stage ran")
            _record_run(store, run_id, "run", started, "nothing_to_do", parameters, config, [], {"ingest": ingest_counts}, timings, "ingest" if new_files else None)
            store.close_journal(run_id)
            return {"run_id": run_id, "status": "nothing_to_do", "partitions": [], "counts": ingest_counts}
        rows, stage_timings = run_stages(store, run_id, dts, "normalise", config, touched_dts)
        timings.update(stage_timings)
        counts = {"ingest": ingest_counts, "rows": rows}
        all_dts = sorted(set(dts) | set(touched_dts))
        _record_run(store, run_id, "run", started, "completed", parameters, config, all_dts, counts, timings, "ingest" if new_files else "normalise")
        for finished in [run_id, *pending_runs]:
            store.close_journal(finished)
        store.drop_staging(run_id)
        say(f"done: run {run_id}, {len(dts)} partition(s), {sum(timings.values()):.1f}s")
        return {"run_id": run_id, "status": "completed", "partitions": dts, "counts": counts, "timings": timings}


@flow(name="khabar-reprocess", log_prints=False)
def reprocess(since: str, until: str, from_stage: str = "normalise", out: str = "data/processed", config_path: str | None = None) -> dict:
    """Rebuild the partitions with ``since <= dt <= until``, from ``from_stage`` on."""
    config = load_config(config_path)
    store = Store(out)
    started = datetime.now(timezone.utc)
    run_id = new_run_id(started)
    parameters = {"since": since, "until": until, "from_stage": from_stage, "out": out, "config": config_path}
    with StoreLock(store, f"reprocess {run_id}"):
        _prepare_store(store)  # unfinished nightly runs stay pending for the next `khabar run`
        dts = [dt for dt in store.partitions("documents") if since <= dt <= until]
        say(f"reprocess {len(dts)} partition(s) from {since} to {until}, from stage {from_stage}")
        if not dts:
            _record_run(store, run_id, "reprocess", started, "nothing_to_do", parameters, config, [], {}, {}, None)
            return {"run_id": run_id, "status": "nothing_to_do", "partitions": []}
        # A journal makes a killed reprocess resumable by the next run.
        store.write_journal(run_id, {"run_id": run_id, "state": "stages", "dts": dts, "from_stage": from_stage, "started_at": started.isoformat()})
        rows, timings = run_stages(store, run_id, dts, from_stage, config)
        _record_run(store, run_id, "reprocess", started, "completed", parameters, config, dts, {"rows": rows}, timings, from_stage)
        store.close_journal(run_id)
        store.drop_staging(run_id)
        say(f"done: run {run_id}, {len(dts)} partition(s), {sum(timings.values()):.1f}s")
        return {"run_id": run_id, "status": "completed", "partitions": dts, "counts": {"rows": rows}, "timings": timings}

"""The flows: the nightly incremental run and reprocessing of a date range.

Both share :func:`run_stages`, which runs every stage from a given one on for
a set of dt partitions: one task per document shard (one per partition for
aggregate), a barrier after each stage, then the stage's partitions are
swapped in atomically. Nothing passes between stages in memory: each task
reads its inputs from the store and writes its outputs to staging.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from prefect import flow
from prefect.futures import as_completed

from khabar import stages
from khabar.config import load_config
from khabar.ingest import list_raw_files
from khabar.ingest.commit import Committed, IngestBatch
from khabar.ingest.manifest import new_raw_files
from khabar.runs import Run, recover_unfinished, run_record
from khabar.store import Shard, Store, StoreLock
from flows.progress import PROGRESS, summary_lines
from flows.runner import worker_count
from tasks.aggregate import aggregate_partition
from tasks.extract import extract_shard, extract_units
from tasks.faults import fault_point
from tasks.ingest import commit, read_file
from tasks.normalise import normalise_shard
from tasks.segment import segment_shard
from tasks.sizes import shard_size

SHARD_TASKS = {"normalise": normalise_shard, "segment": segment_shard, "extract": extract_shard}


say = PROGRESS.say  # one-line messages for the person at the terminal (stderr, so stdout stays data)


def _wait_all(futures: list, stage: str, unit: str) -> list:
    results = []
    with PROGRESS.stage(stage, len(futures), unit) as tick:
        for future in as_completed(futures):
            results.append(future.result())
            tick()
    return results


def _say_done(store: Store, run_id: str, dts: list[str], timings: dict) -> None:
    """The final line, then seconds and words/s per stage (words: corpus_daily of the processed partitions, a few rows each)."""
    say(f"done: run {run_id}, {len(dts)} partition(s), {sum(timings.values()):.1f}s")
    words = sum(sum(store.read_partition("corpus_daily", dt, ["words"]).column("words").to_pylist()) for dt in dts)
    for line in summary_lines(words, timings):
        say(line)


def largest_first(store: Store, shards: list, dts: list[str]) -> tuple[list, list[str]]:
    """``shards`` and ``dts`` with the most text first (:func:`tasks.sizes.shard_size`, as extract cuts by).

    The pool starts tasks in the order they are submitted: the largest first
    and the small ones filling in after them end a stage sooner than the order
    of dates did (3 days, 4 shards of 1.1-1.9 MB on 2 workers: the stage waited
    for the largest, started last). Outputs do not depend on the order.
    """
    text_bytes: dict[Shard, int] = {}  # each footer read once: a shard's size counts for its dt too

    def size(shard: Shard) -> int:
        if shard not in text_bytes:
            text_bytes[shard] = shard_size(store, shard)[1]
        return text_bytes[shard]

    by_shard = sorted(shards, key=lambda shard: -size(shard))
    by_dt = sorted(dts, key=lambda dt: -sum(size(Shard(dt, part)) for part in store.parts("documents", dt)))
    return by_shard, by_dt


def run_stages(store: Store, run_id: str, dts: list[str], from_stage: str, config: dict, extra_aggregate_dts: list[str] = ()) -> tuple[dict, dict]:
    """Run every stage from ``from_stage`` on for partitions ``dts``; return (rows, seconds) per stage.

    ``extra_aggregate_dts`` are partitions that received no documents but
    quarantine or duplicate rows (the run date, typically): only their
    aggregates (corpus_daily) change.
    """
    root, rows, timings = str(store.root), {}, {}
    shards, aggregate_dts = largest_first(store, store.shards(dts), sorted(set(dts) | set(extra_aggregate_dts)))
    for stage in (s.name for s in stages.stages_from(from_stage)):
        if stage == "ingest":
            continue
        started = time.monotonic()
        stage_dts = sorted(aggregate_dts) if stage == "aggregate" else dts
        if stage == "aggregate":
            futures = [aggregate_partition.submit(root, run_id, dt, config) for dt in aggregate_dts]
            results = _wait_all(futures, stage, "partitions")
        elif stage == "extract":  # pieces of shards, largest first, so that the workers finish together
            units = extract_units(store, shards, worker_count(config))
            futures = [extract_shard.submit(root, run_id, shard, config, piece) for shard, piece in units]
            results = _wait_all(futures, stage, "shards" if len(units) == len(shards) else "shard pieces")
        else:
            futures = [SHARD_TASKS[stage].submit(root, run_id, shard, config) for shard in shards]
            results = _wait_all(futures, stage, "shards")
        fault_point(f"{stage}:staged", store.staging_dir(run_id))
        for name in stages.BY_NAME[stage].writes:
            for dt in stage_dts:
                store.swap_partition(run_id, name, dt)
                fault_point(f"{stage}:swapping", store.partition_dir(name, dt))
            rows[name] = sum(r.get(name, 0) for r in results)
        timings[stage] = round(time.monotonic() - started, 3)
    return rows, timings


SPLIT_BYTES = 1 << 20  # a raw file this large is read in one part per worker (a day of SaudiNewsNet: 3 MB)


def _file_bytes(raw_file) -> int:  # noqa: ANN001 - a RawFile
    try:
        return os.stat(raw_file.path).st_size
    except OSError:  # the read task reports it
        return 0


def _parts_of(raw_file, config: dict) -> int:  # noqa: ANN001 - a RawFile
    """How many read tasks share ``raw_file``: one per worker when it is large and there are several."""
    return worker_count(config) if _file_bytes(raw_file) >= SPLIT_BYTES else 1


def ingest_new_files(store: Store, run: Run, raw: str, config: dict) -> tuple[Committed, dict]:
    """Read and commit the raw files not ingested yet; return the commit and its seconds."""
    raw_root = Path(raw)
    listed = list_raw_files(raw_root)
    files = new_raw_files(listed, store.ingested_keys())
    say(f"{len(listed)} raw file(s) under {raw}, {len(listed) - len(files)} already ingested, {len(files)} new")
    if not files:
        return Committed(), {}
    started = time.monotonic()
    base = str((raw_root if raw_root.is_dir() else raw_root.parent).resolve())
    reads = [(raw_file, part, parts) for raw_file in files for parts in [_parts_of(raw_file, config)] for part in range(parts)]
    reads.sort(key=lambda read: -_file_bytes(read[0]) / read[2])  # largest parts first, as in run_stages; the commit sorts them back
    futures = [read_file.submit(str(store.root), run.run_id, raw_file, base, config["ingest"], part, parts) for raw_file, part, parts in reads]
    staged = _wait_all(futures, "ingest", "files" if len(reads) == len(files) else "file parts")
    fault_point("ingest:staged", store.staging_dir(run.run_id) / "ingest")
    batch = IngestBatch(run.run_id, staged, config["ingest"], config["run"]["shard_size"], run.run_date, run.started)
    committed = commit(str(store.root), batch)
    counts = committed.counts
    say(f"ingest    {counts['records_seen']} records: {counts['documents']} documents, {counts['quarantined']} quarantined, {counts['duplicates']} duplicates")
    return committed, {"ingest": round(time.monotonic() - started, 3)}


@flow(name="khabar-run", log_prints=False)
def nightly(raw: str, out: str, config_path: str | None = None, run_id: str | None = None) -> dict:
    """Ingest what is new under ``raw`` and run every stage on the partitions it touched."""
    config = load_config(config_path)
    store = Store(out)
    run = Run.start("run", {"raw": raw, "out": out, "config": config_path}, config, run_id)
    with StoreLock(store, f"run {run.run_id}"):
        unfinished = recover_unfinished(store, say)
        committed, timings = ingest_new_files(store, run, raw, config)
        first_stage = "ingest" if committed.counts["files"] else None
        dts = sorted(set(committed.dts) | set(unfinished.dts))
        touched_dts = sorted(set(committed.touched_dts) | set(unfinished.touched_dts))
        if not dts and not touched_dts:
            say("nothing new to ingest: no stage ran")
            store.write_run(run_record(run, "nothing_to_do", counts={"ingest": committed.counts}, timings=timings, from_stage=first_stage))
            store.close_journal(run.run_id)
            return {"run_id": run.run_id, "status": "nothing_to_do", "partitions": [], "counts": committed.counts}
        rows, stage_timings = run_stages(store, run.run_id, dts, "normalise", config, touched_dts)
        timings.update(stage_timings)
        counts = {"ingest": committed.counts, "rows": rows}
        all_dts = sorted(set(dts) | set(touched_dts))
        store.write_run(run_record(run, "completed", partitions=all_dts, counts=counts, timings=timings, from_stage=first_stage or "normalise"))
        for finished in [run.run_id, *unfinished.run_ids]:
            store.close_journal(finished)
        store.drop_staging(run.run_id)
        _say_done(store, run.run_id, dts, timings)
        return {"run_id": run.run_id, "status": "completed", "partitions": dts, "counts": counts, "timings": timings}


@flow(name="khabar-reprocess", log_prints=False)
def reprocess(since: str, until: str, from_stage: str = "normalise", out: str = "data/processed", config_path: str | None = None, run_id: str | None = None) -> dict:
    """Rebuild the partitions with ``since <= dt <= until``, from ``from_stage`` on."""
    config = load_config(config_path)
    store = Store(out)
    parameters = {"since": since, "until": until, "from_stage": from_stage, "out": out, "config": config_path}
    run = Run.start("reprocess", parameters, config, run_id)
    with StoreLock(store, f"reprocess {run.run_id}"):
        recover_unfinished(store, say)  # unfinished nightly runs stay pending for the next `khabar run`
        dts = [dt for dt in store.partitions("documents") if since <= dt <= until]
        say(f"reprocess {len(dts)} partition(s) from {since} to {until}, from stage {from_stage}")
        if not dts:
            store.write_run(run_record(run, "nothing_to_do"))
            return {"run_id": run.run_id, "status": "nothing_to_do", "partitions": []}
        # A journal makes a killed reprocess resumable by the next run.
        store.write_journal(run.run_id, {"run_id": run.run_id, "state": "stages", "dts": dts, "from_stage": from_stage, "started_at": run.started.isoformat()})
        rows, timings = run_stages(store, run.run_id, dts, from_stage, config)
        store.write_run(run_record(run, "completed", partitions=dts, counts={"rows": rows}, timings=timings, from_stage=from_stage))
        store.close_journal(run.run_id)
        store.drop_staging(run.run_id)
        _say_done(store, run.run_id, dts, timings)
        return {"run_id": run.run_id, "status": "completed", "partitions": dts, "counts": {"rows": rows}, "timings": timings}

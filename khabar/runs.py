"""Runs and their bookkeeping in the store: run ids, the ``runs`` record,
the log of a failed run, and the repair of runs a crash cut short.

Every run is journalled (``_state/journal/<run_id>.json``) from the moment it
changes the store until it finishes; :func:`recover_unfinished` reads the
journals left open and tells the next run what is still to do.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from khabar import schemas, stages
from khabar.config import config_hash
from khabar.lineage import code_version
from khabar.store import Store


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


def run_log_path(out: str | Path, run_id: str) -> Path:
    """Where the traceback of a failed run goes: ``<out>/_logs/<run_id>.log``."""
    return Path(out) / "_logs" / f"{run_id}.log"


@dataclass(frozen=True)
class Run:
    """One run of a flow: who it is, when it started, what it was asked."""

    run_id: str
    flow: str  # "run" or "reprocess"
    started: datetime
    parameters: dict
    config: dict

    @classmethod
    def start(cls, flow: str, parameters: dict, config: dict, run_id: str | None = None) -> Run:
        started = datetime.now(UTC)
        return cls(run_id or new_run_id(started), flow, started, parameters, config)

    @property
    def run_date(self) -> str:
        return self.started.strftime("%Y-%m-%d")


def run_record(run: Run, status: str, *, partitions: list[str] = (), counts: dict | None = None, timings: dict | None = None, from_stage: str | None = None) -> dict:
    """The row of the ``runs`` dataset for ``run``, finishing now with ``status``."""
    return {
        "run_id": run.run_id,
        "flow": run.flow,
        "started_at": run.started,
        "finished_at": datetime.now(UTC),
        "status": status,
        "parameters": json.dumps(run.parameters, ensure_ascii=False, sort_keys=True),
        "config_hash": config_hash(run.config),
        "code_version": code_version(),
        "schema_version": schemas.SCHEMA_VERSION,
        "datasets": stages.datasets_written_from(from_stage),
        "partitions": list(partitions),
        "counts": json.dumps(counts or {}, ensure_ascii=False, sort_keys=True),
        "timings": json.dumps(timings or {}, sort_keys=True),
    }


@dataclass(frozen=True)
class Unfinished:
    """What runs killed earlier left to do."""

    dts: list[str]  # partitions whose stages after ingest must be redone
    touched_dts: list[str]  # partitions whose aggregates must be redone
    run_ids: list[str]  # their journals, closed once the work is done


def recover_unfinished(store: Store, say: Callable[[str], None]) -> Unfinished:
    """Repair what killed runs left, before any work.

    Half-swapped partitions are restored, ingest commits cut short are rolled
    forward from their staged files (so this runs before staging is
    cleared), then staging is dropped.
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
    return Unfinished(sorted(dts), sorted(touched), run_ids)


def finish_ingest_commit(store: Store, journal: dict, indexed: Callable[[], None] = lambda: None) -> None:
    """Move the staged ingest parts into place, add the new documents to the state
    index (``khabar.ingest.index``), then record the files (idempotent). The manifest
    comes last: a run it names is one the index holds, unless the index is stale."""
    from khabar.ingest.index import add_committed

    for name, dt in journal["partitions"]:
        store.add_parts(journal["run_id"], name, dt)
    if "document_parts" in journal:  # a journal of a khabar without the index: the next sync rebuilds it
        add_committed(store, journal["run_id"], [tuple(p) for p in journal["document_parts"]])
    indexed()  # the crash tests stop here: the index holds the run, the manifest not yet
    store.record_ingested_files(journal["files"])
    store.write_journal(journal["run_id"], {**journal, "state": "ingested"})


def nothing_new(parameters: dict, config: dict, say: Callable[[str], None]) -> dict | None:
    """The nightly run when it has nothing to do, decided from the store's manifest
    alone, so that Prefect, its server and the worker pool are never started:
    no raw file is new and no killed run is waiting. Returns the run's summary,
    or None when the flow must run (then nothing was changed or said).

    The run is recorded as the flow records it (status ``nothing_to_do``).
    """
    from khabar.ingest import list_raw_files
    from khabar.ingest.commit import Committed
    from khabar.ingest.manifest import new_raw_files
    from khabar.store import StoreLock

    store = Store(parameters["out"])
    if store.open_journals():  # a killed run to finish: the flow's work
        return None
    raw = Path(parameters["raw"])
    run = Run.start("run", {"raw": parameters["raw"], "out": parameters["out"], "config": parameters["config_path"]}, config)
    with StoreLock(store, f"run {run.run_id}"):
        listed = list_raw_files(raw)
        if new_raw_files(listed, store.ingested_keys()) or store.open_journals():
            return None
        recover_unfinished(store, say)  # restores what an interrupted swap left, as the flow would
        committed = Committed()
        say(f"{len(listed)} raw file(s) under {raw}, {len(listed)} already ingested, 0 new")
        say("nothing new to ingest: no stage ran")
        store.write_run(run_record(run, "nothing_to_do", counts={"ingest": committed.counts}, timings={}, from_stage=None))
        store.close_journal(run.run_id)
    return {"run_id": run.run_id, "status": "nothing_to_do", "partitions": [], "counts": committed.counts}


def runs_inline(parameters: dict, config: dict) -> bool:
    """True when the nightly run is small enough for the main process
    (``runner.inline_max_bytes``), decided from the raw files and the store's
    manifest before anything starts: the raw files not ingested yet total at
    most that many bytes and no killed run waits (its remaining work is not
    measured here, so it gets the pool)."""
    from khabar.ingest import list_raw_files
    from khabar.ingest.manifest import new_raw_files

    limit = config["runner"]["inline_max_bytes"]
    if config["runner"]["kind"] != "local" or limit <= 0 or Store(parameters["out"]).open_journals():
        return False
    listed = list_raw_files(Path(parameters["raw"]))
    if _total_bytes(listed) <= limit:  # small whatever is new: no need to hash
        return True
    return _total_bytes([Path(f.path) for f in new_raw_files(listed, Store(parameters["out"]).ingested_keys())]) <= limit


def _total_bytes(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        try:
            total += path.lstat().st_size  # a link is not followed: the reader refuses it
        except OSError:  # vanished or unreadable: the reader quarantines it
            continue
    return total

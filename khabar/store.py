"""The store: every dataset as Hive-partitioned Parquet under one output root.

This module is the catalogue: it alone knows where files live and how they
are written. Layout::

    <root>/<dataset>/dt=YYYY-MM-DD/part-NNNNN.parquet
    <root>/_state/ingested_files.parquet     raw files already ingested (path, sha256)
    <root>/_state/minhash/part-NNNNN.parquet MinHash signatures of stored documents
    <root>/_state/index.sqlite               derived index of doc_ids and signatures (khabar.ingest.index)
    <root>/_state/journal/<run_id>.json      progress of runs, for crash recovery
    <root>/_staging/<run_id>/...             work in progress, invisible to readers
    <root>/_trash/...                        partitions being replaced

Writes are crash-safe. A file is written under a temporary name and renamed.
A partition is rebuilt in staging and swapped in with two renames (old out to
``_trash``, new in); :meth:`Store.recover` repairs a swap cut in half by a
crash, so a reader never sees half a partition.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from khabar import schemas

PART_RE = re.compile(r"^part-(\d{5})\.parquet$")
DT_RE = re.compile(r"^dt=(\d{4}-\d{2}-\d{2})$")
COMPRESSION = "zstd"


class StoreError(Exception):
    """The output root cannot be used (not writable, not a khabar store)."""


@dataclass(frozen=True)
class Shard:
    """One unit of work: a part file of one dt partition."""

    dt: str
    part: str  # "part-00000"


def _empty(name: str, columns: list[str] | None) -> pa.Table:
    table = schemas.DATASETS[name].empty_table()
    return table.select(columns) if columns else table


def _read_part(name: str, path: Path, columns: list[str] | None) -> pa.Table:
    """One part file; a column asked for that a part written before it existed lacks reads as nulls."""
    if columns is None:
        return pq.read_table(path)
    present = set(pq.read_schema(path).names)
    table = pq.read_table(path, columns=[c for c in columns if c in present])
    schema = schemas.DATASETS[name]
    for c in columns:
        if c not in present and c in schema.names:
            table = table.append_column(schema.field(c), pa.nulls(table.num_rows, schema.field(c).type))
    return table.select([c for c in columns if c in table.column_names])


def _file_keys(manifest: pa.Table) -> set[tuple[str, str]]:
    return set(zip(manifest.column("raw_path").to_pylist(), manifest.column("sha256").to_pylist()))


def _write_parquet_atomic(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        pq.write_table(table, tmp, compression=COMPRESSION, compression_level=3, row_group_size=64 * 1024)
    except OSError as exc:  # Arrow's error names no file (a full disk): name it, free the space
        tmp.unlink(missing_ok=True)
        raise OSError(exc.errno, os.strerror(exc.errno) if exc.errno else str(exc), str(path)) from exc
    os.replace(tmp, path)


def write_json_atomic(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


class Store:
    def __init__(self, root: str | Path):
        self.root = Path(root)

    # -- locations -----------------------------------------------------------
    def dataset_dir(self, name: str) -> Path:
        return self.root / name

    def partition_dir(self, name: str, dt: str) -> Path:
        return self.root / name / f"dt={dt}"

    def staging_dir(self, run_id: str) -> Path:
        return self.root / "_staging" / run_id

    def staged_partition_dir(self, run_id: str, name: str, dt: str) -> Path:
        return self.staging_dir(run_id) / name / f"dt={dt}"

    @property
    def state_dir(self) -> Path:
        return self.root / "_state"

    # -- setup ---------------------------------------------------------------
    def ensure_writable(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / f".write-test-{uuid.uuid4().hex[:8]}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise StoreError(f"cannot write to output root {self.root}: {exc.strerror or exc}") from None

    # -- reading ---------------------------------------------------------------
    def partitions(self, name: str) -> list[str]:
        """The dt values of a dataset's partitions, sorted."""
        folder = self.dataset_dir(name)
        if not folder.is_dir():
            return []
        return sorted(m.group(1) for p in folder.iterdir() if p.is_dir() and (m := DT_RE.match(p.name)))

    def parts(self, name: str, dt: str) -> list[str]:
        folder = self.partition_dir(name, dt)
        if not folder.is_dir():
            return []
        return sorted(p.name[: -len(".parquet")] for p in folder.iterdir() if PART_RE.match(p.name))

    def shards(self, dts: list[str]) -> list[Shard]:
        """Document shards of the given partitions: the unit of per-document stages."""
        return [Shard(dt, part) for dt in sorted(dts) for part in self.parts("documents", dt)]

    def read_part(self, name: str, shard: Shard, columns: list[str] | None = None) -> pa.Table:
        path = self.partition_dir(name, shard.dt) / f"{shard.part}.parquet"
        if not path.exists():
            return _empty(name, columns)
        return pq.read_table(path, columns=columns)

    def read_partition(self, name: str, dt: str, columns: list[str] | None = None) -> pa.Table:
        """All rows of one partition (every part), in part order."""
        parts = self.parts(name, dt)
        if not parts:
            return _empty(name, columns)
        tables = [_read_part(name, self.partition_dir(name, dt) / f"{p}.parquet", columns) for p in parts]
        return pa.concat_tables(tables, promote_options="default")

    def read_dataset(self, name: str, columns: list[str] | None = None, dts: list[str] | None = None) -> pa.Table:
        """Rows of a dataset across partitions, with ``dt`` as a string column."""
        tables = []
        for dt in dts if dts is not None else self.partitions(name):
            table = self.read_partition(name, dt, columns)
            tables.append(table.append_column("dt", pa.array([dt] * table.num_rows, pa.string())))
        if not tables:
            return _empty(name, columns).append_column("dt", pa.array([], pa.string()))
        return pa.concat_tables(tables, promote_options="default")

    def row_count(self, name: str, dt: str) -> int:
        return sum(pq.ParquetFile(self.partition_dir(name, dt) / f"{p}.parquet").metadata.num_rows for p in self.parts(name, dt))

    def pyarrow_dataset(self, name: str) -> "ds.Dataset":  # noqa: F821 - imported here: pyarrow.dataset imports pandas (~0.2 s)
        import pyarrow.dataset as ds

        return ds.dataset(self.dataset_dir(name), format="parquet", partitioning="hive")

    # -- writing ---------------------------------------------------------------
    def stage_part(self, run_id: str, name: str, shard: Shard, table: pa.Table) -> Path:
        """Write one shard's output into staging, conformed to the dataset schema."""
        table = schemas.with_run_id(name, table, run_id)
        path = self.staged_partition_dir(run_id, name, shard.dt) / f"{shard.part}.parquet"
        _write_parquet_atomic(table, path)
        return path

    def next_part_number(self, name: str, dt: str) -> int:
        parts = self.parts(name, dt)
        return int(parts[-1][len("part-") :]) + 1 if parts else 0

    def add_parts(self, run_id: str, name: str, dt: str) -> list[str]:
        """Move staged part files into a live partition, one atomic rename each.

        Used for append-only datasets (documents, quarantine, duplicates):
        earlier parts are never rewritten. Idempotent: parts already moved are
        simply no longer in staging.
        """
        staged = self.staged_partition_dir(run_id, name, dt)
        if not staged.is_dir():
            return []
        target = self.partition_dir(name, dt)
        target.mkdir(parents=True, exist_ok=True)
        moved = []
        for path in sorted(staged.glob("part-*.parquet")):
            os.replace(path, target / path.name)
            moved.append(path.stem)
        return moved

    def swap_partition(self, run_id: str, name: str, dt: str) -> bool:
        """Replace a live partition by its staged version (or remove it if the stage wrote none).

        Two renames: the old partition goes to ``_trash``, the new one comes
        in. :meth:`recover` completes or undoes a swap interrupted between them.
        """
        staged = self.staged_partition_dir(run_id, name, dt)
        live = self.partition_dir(name, dt)
        trash = self.root / "_trash" / run_id / name / f"dt={dt}"
        if not staged.is_dir():
            staged.mkdir(parents=True)  # the stage produced no rows: an empty partition
        trash.parent.mkdir(parents=True, exist_ok=True)
        if trash.exists():
            shutil.rmtree(trash)
        if live.exists():
            os.replace(live, trash)
        live.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, live)
        shutil.rmtree(trash, ignore_errors=True)
        return True

    def recover(self) -> list[str]:
        """Repair what a killed run left: restore half-swapped partitions, drop staging.

        Returns a line per repair, for the log.
        """
        notes = []
        trash_root = self.root / "_trash"
        if trash_root.is_dir():
            for partition in sorted(trash_root.glob("*/*/dt=*")):
                name, dt_dir = partition.parent.name, partition.name
                live = self.root / name / dt_dir
                if not live.exists():
                    os.replace(partition, live)
                    notes.append(f"restored {name}/{dt_dir} from an interrupted swap")
            shutil.rmtree(trash_root, ignore_errors=True)
        for tmp in self.root.glob("*/dt=*/.*.tmp"):
            tmp.unlink(missing_ok=True)
        return notes

    def drop_staging(self, run_id: str) -> None:
        shutil.rmtree(self.staging_dir(run_id), ignore_errors=True)

    # -- ingest state ------------------------------------------------------------
    @property
    def ingested_files_path(self) -> Path:
        return self.state_dir / "ingested_files.parquet"

    @property
    def index_path(self) -> Path:
        """The ingest state index (:mod:`khabar.ingest.index`): derived, rebuilt when missing."""
        return self.state_dir / "index.sqlite"

    def ingested_files(self) -> pa.Table:
        if not self.ingested_files_path.exists():
            return pa.table({"raw_path": pa.array([], pa.string()), "sha256": pa.array([], pa.string()), "run_id": pa.array([], pa.string())})
        # One file: ParquetFile reads it as read_table does, without pyarrow.dataset (and pandas, ~0.2 s),
        # so that a run with nothing new decides so before any of that is imported.
        return pq.ParquetFile(self.ingested_files_path).read()

    def ingested_keys(self) -> set[tuple[str, str]]:
        """(raw_path, sha256) of every file already ingested."""
        return _file_keys(self.ingested_files())

    def record_ingested_files(self, rows: list[dict]) -> None:
        """Add files to the manifest, skipping those already in it (idempotent)."""
        known = self.ingested_files()
        keys = _file_keys(known)
        rows = [r for r in rows if (r["raw_path"], r["sha256"]) not in keys]
        if rows:
            new = pa.Table.from_pylist(rows, schema=known.schema)
            _write_parquet_atomic(pa.concat_tables([known, new]), self.ingested_files_path)

    def read_state(self, name: str, schema: pa.Schema) -> pa.Table:
        """A table of ``_state/`` (e.g. near-duplicate signatures), empty if absent."""
        path = self.state_dir / f"{name}.parquet"
        return pq.read_table(path) if path.exists() else schema.empty_table()

    def write_state(self, name: str, table: pa.Table) -> None:
        _write_parquet_atomic(table, self.state_dir / f"{name}.parquet")

    # -- runs ----------------------------------------------------------------------
    def write_run(self, row: dict) -> None:
        dt = row["started_at"].strftime("%Y-%m-%d")
        table = pa.Table.from_pylist([row], schema=schemas.RUNS)
        _write_parquet_atomic(table, self.partition_dir("runs", dt) / f"run-{row['run_id']}.parquet")

    def runs(self) -> pa.Table:
        folder = self.dataset_dir("runs")
        files = sorted(folder.glob("dt=*/run-*.parquet")) if folder.is_dir() else []
        if not files:
            return schemas.RUNS.empty_table()
        table = pa.concat_tables([pq.read_table(f) for f in files], promote_options="default")
        return table.sort_by([("started_at", "ascending")])

    # -- journal -------------------------------------------------------------------
    def journal_path(self, run_id: str) -> Path:
        return self.state_dir / "journal" / f"{run_id}.json"

    def write_journal(self, run_id: str, entry: dict) -> None:
        write_json_atomic(entry, self.journal_path(run_id))

    def open_journals(self) -> list[dict]:
        """Journals of runs that did not finish, oldest first."""
        folder = self.state_dir / "journal"
        if not folder.is_dir():
            return []
        entries = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
        return sorted((e for e in entries if e.get("state") != "done"), key=lambda e: e["started_at"])

    def close_journal(self, run_id: str) -> None:
        self.journal_path(run_id).unlink(missing_ok=True)


class StoreLocked(StoreError):
    """Another khabar run holds the store."""


class StoreLock:
    """One run at a time per output root (an exclusive ``flock`` on ``<root>/_lock``).

    The lock dies with its process, so a killed run never leaves the store
    locked; the file only tells who holds it.
    """

    def __init__(self, store: Store, purpose: str):
        self.path = store.root / "_lock"
        self.purpose = purpose
        self._handle = None

    def __enter__(self) -> "StoreLock":
        import fcntl
        from datetime import datetime, timezone

        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise StoreLocked(f"the output root {self.path.parent} is in use by {holder}; wait for it to finish and run again") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"khabar {self.purpose} (pid {os.getpid()}, since {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC)")
        handle.flush()
        self._handle = handle
        return self

    def probe(self) -> None:
        """Raise :class:`StoreLocked` now if another process holds the store."""
        with self:
            pass

    def __exit__(self, *exc) -> None:
        import fcntl

        if self._handle is not None:
            self._handle.truncate(0)
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None

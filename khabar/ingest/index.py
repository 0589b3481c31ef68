"""The ingest state index, ``<out>/_state/index.sqlite``: what an ingest commit
looks up every night, answered from B-trees so that a night's cost grows
with its new documents, not with the store.

    doc(doc_id)                          every stored document (exact duplicates)
    sig(ord, doc_id, cluster_id, signature)  the MinHash state, ord = its row in state order
    band(key, ord)                       the LSH band keys of each signature (near-duplicate candidates)
    applied(run_id)                      the ingest commits whose documents ``doc`` holds
    meta(key, value)                     version, LSH bands, MinHash parts absorbed (name, size)

It is derived state, never the truth: ``doc`` mirrors the documents dataset
and ``sig``/``band`` mirror ``_state/minhash/`` (the append-only log of
signatures, one part per run). :func:`synced` checks it before every commit
and repairs it:

- ``doc``: the runs in the manifest (``_state/ingested_files.parquet``, every
  committed run's files) must be exactly ``applied``; otherwise (no index, a
  run by a khabar without it, a store restored from a copy) ``doc`` is rebuilt
  from the documents' doc_id columns.
- ``sig``/``band``: the parts absorbed must be the first parts listed, same
  names and sizes; parts written since are absorbed (only they are read),
  anything else (a part rewritten, removed, other LSH bands) rebuilds them
  from every part.

Writes are SQLite transactions, so a killed run leaves the index as it was
before or after one of them. The commit adds its documents in the same
transaction as its run_id, during the journalled roll-forward
(:func:`add_committed`, before the manifest records the run), which a
killed commit repeats (``INSERT OR IGNORE``). Deleting the file is always
safe: the next commit rebuilds it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from khabar.store import Store

from .commit import MINHASH_STATE
from .neardup import SIGNATURE_BYTES, band_keys_of

VERSION = "1"
_TABLES = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS doc(doc_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sig(ord INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, cluster_id TEXT, signature BLOB);
CREATE INDEX IF NOT EXISTS sig_doc ON sig(doc_id);
CREATE TABLE IF NOT EXISTS band(key INTEGER, ord INTEGER, PRIMARY KEY(key, ord)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS applied(run_id TEXT PRIMARY KEY) WITHOUT ROWID;
"""
_BATCH = 8192  # rows read and inserted at a time: a backfill's part is absorbed in bounded memory (16 band keys a row)


def index_path(store: Store) -> Path:
    return store.index_path


def minhash_state_paths(store: Store) -> list[Path]:
    """The MinHash state in order: an older store's ``minhash.parquet``, then one part per run."""
    legacy = store.state_dir / "minhash.parquet"
    folder = store.state_dir / "minhash"
    parts = sorted(folder.glob("part-[0-9][0-9][0-9][0-9][0-9].parquet")) if folder.is_dir() else []
    return ([legacy] if legacy.exists() else []) + parts


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)  # transactions are explicit (BEGIN ... COMMIT)
    db.execute("PRAGMA synchronous = NORMAL")  # safe against a killed process; the store fsyncs nothing else either
    db.execute("PRAGMA temp_store = MEMORY")
    return db


def _open(path: Path) -> sqlite3.Connection:
    """The index with its tables, a fresh one where the file is unreadable or of another version."""
    try:
        db = _connect(path)
        db.executescript(_TABLES)
        if _meta(db, "version", VERSION) == VERSION:
            return db
        db.close()
    except sqlite3.DatabaseError:  # not a database (a truncated copy): it is only derived state
        pass
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = _connect(path)
    db.executescript(_TABLES)
    _set_meta(db, "version", VERSION)
    return db


def _meta(db: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def _set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


class StateIndex:
    """An open, synced index (:func:`synced`); close it when the commit is done."""

    def __init__(self, db: sqlite3.Connection, bands: tuple[int, int] | None = None) -> None:
        self.db = db
        self.bands = bands
        self.rebuilt: list[str] = []  # what the sync had to rebuild, for the tests and the log

    def close(self) -> None:
        self.db.close()

    def absorb(self, store: Store) -> None:
        """Take in the MinHash parts written since the sync (a commit's earlier group of dates)."""
        if self.bands is not None:
            _sync_signatures(self.db, store, self.bands)

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` the documents dataset holds."""
        _fill(self.db, "want_id", "doc_id TEXT PRIMARY KEY", list(set(ids)))
        return {row[0] for row in self.db.execute("SELECT d.doc_id FROM want_id w CROSS JOIN doc d ON d.doc_id = w.doc_id")}

    def candidates(self, keys: np.ndarray, ids: pa.Array) -> list[pa.Table]:
        """The rows of the MinHash state sharing a band key in ``keys`` or a doc_id in ``ids``,
        in state order: what the scan of the whole state keeps (``commit._candidates``)."""
        _fill(self.db, "want_key", "key INTEGER PRIMARY KEY", np.unique(keys).view(np.int64).tolist())
        _fill(self.db, "want_id", "doc_id TEXT PRIMARY KEY", list(set(ids.to_pylist())))
        # CROSS JOIN keeps the few wanted values the outer loop, each a search of the index:
        # without statistics SQLite would rather scan the whole band or sig table.
        ords = self.db.execute("SELECT b.ord FROM want_key w CROSS JOIN band b ON b.key = w.key"
                               " UNION SELECT s.ord FROM want_id w CROSS JOIN sig s ON s.doc_id = w.doc_id").fetchall()
        _fill(self.db, "want_ord", "ord INTEGER PRIMARY KEY", [o for (o,) in ords])
        rows = self.db.execute("SELECT s.doc_id, s.cluster_id, s.signature FROM want_ord w CROSS JOIN sig s ON s.ord = w.ord ORDER BY w.ord").fetchall()
        columns = list(zip(*rows)) if rows else [[], [], []]
        return [pa.table([pa.array(c, f.type) for c, f in zip(columns, MINHASH_STATE)], schema=MINHASH_STATE)]


def _fill(db: sqlite3.Connection, name: str, columns: str, values: list) -> None:
    """Temporary table ``name`` holding ``values`` (ints or strings), once each.

    One statement over a JSON array: executemany outside a transaction (the lookups run in autocommit)
    runs a statement, and a commit, per row: 0.4-1.6 CPU-s for 97k band keys (a night of 6k documents)
    on their own against 0.04-0.07 s this way; in the 3-day run's commit task ~0.2 of its ~1.6 CPU-s."""
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name}({columns}) WITHOUT ROWID")
    db.execute(f"DELETE FROM {name}")
    db.execute(f"INSERT OR IGNORE INTO {name} SELECT value FROM json_each(?)", (json.dumps(values),))


def synced(store: Store, bands: tuple[int, int] | None) -> StateIndex:
    """The store's index, brought in step with the manifest and the MinHash parts
    (``bands``: the LSH of the commit's threshold; None: near-duplicates off, ``sig`` not needed)."""
    index = StateIndex(_open(index_path(store)), bands)
    runs = set(store.ingested_files().column("run_id").to_pylist())
    if {row[0] for row in index.db.execute("SELECT run_id FROM applied")} != runs:
        _rebuild_docs(index.db, store, runs)
        index.rebuilt.append("doc")
    if bands is not None and _sync_signatures(index.db, store, bands):
        index.rebuilt.append("sig")
    return index


def _rebuild_docs(db: sqlite3.Connection, store: Store, runs: set[str]) -> None:
    """``doc`` from every stored document's doc_id (read a batch at a time), ``applied`` from the manifest."""
    db.execute("BEGIN IMMEDIATE")
    db.execute("DELETE FROM doc")
    db.execute("DELETE FROM applied")
    for dt in store.partitions("documents"):
        for part in store.parts("documents", dt):
            _insert_ids(db, store.partition_dir("documents", dt) / f"{part}.parquet")
    db.executemany("INSERT INTO applied VALUES (?)", ((r,) for r in sorted(runs)))
    db.execute("COMMIT")


def _insert_ids(db: sqlite3.Connection, path: Path) -> None:
    for batch in pq.ParquetFile(path).iter_batches(batch_size=_BATCH, columns=["doc_id"]):
        db.executemany("INSERT OR IGNORE INTO doc VALUES (?)", ((i,) for i in sorted(batch.column(0).to_pylist())))


def _sync_signatures(db: sqlite3.Connection, store: Store, bands: tuple[int, int]) -> bool:
    """Absorb the MinHash parts written since the last sync; rebuild when the absorbed ones changed. True: rebuilt."""
    listed = [[p.name, p.stat().st_size] for p in minhash_state_paths(store)]
    absorbed = json.loads(_meta(db, "minhash_parts", "[]"))
    rebuild = _meta(db, "bands") != json.dumps(list(bands)) or listed[: len(absorbed)] != absorbed
    if not rebuild and len(listed) == len(absorbed):
        return False
    db.execute("BEGIN IMMEDIATE")
    if rebuild:
        db.execute("DELETE FROM sig")
        db.execute("DELETE FROM band")
        absorbed = []
    paths = minhash_state_paths(store)
    for path in paths[len(absorbed) :]:
        _absorb(db, path, bands)
    _set_meta(db, "minhash_parts", json.dumps(listed))
    _set_meta(db, "bands", json.dumps(list(bands)))
    db.execute("COMMIT")
    return rebuild


def _absorb(db: sqlite3.Connection, path: Path, bands: tuple[int, int]) -> None:
    """Append one MinHash part to ``sig`` (next ords) and its band keys to ``band``."""
    start = db.execute("SELECT COALESCE(MAX(ord) + 1, 0) FROM sig").fetchone()[0]
    for batch in pq.ParquetFile(path).iter_batches(batch_size=_BATCH, columns=MINHASH_STATE.names):
        ids, clusters, sigs = (batch.column(c).to_pylist() for c in MINHASH_STATE.names)
        ords = range(start, start + len(ids))
        db.executemany("INSERT INTO sig VALUES (?, ?, ?, ?)", zip(ords, ids, clusters, sigs))
        full = [j for j, s in enumerate(sigs) if s and len(s) == SIGNATURE_BYTES]
        if full:
            keys = band_keys_of(b"".join(sigs[j] for j in full), bands).view(np.int64).ravel()
            rows = np.repeat(np.asarray(ords)[full], bands[0])
            order = np.argsort(keys, kind="stable")  # inserted in key order: B-tree pages filled in turn, not at random
            db.executemany("INSERT OR IGNORE INTO band VALUES (?, ?)", zip(keys[order].tolist(), rows[order].tolist()))
        start += len(ids)


def add_committed(store: Store, run_id: str, document_parts: list[tuple[str, str]]) -> None:
    """Record a commit's documents (its live parts ``(dt, part)``) and its run in one transaction.

    Idempotent (the roll-forward of a killed commit runs it again). Without
    an index file nothing is written: the next :func:`synced` builds it whole."""
    path = index_path(store)
    if not path.exists():
        return
    db = _open(path)
    try:
        db.execute("BEGIN IMMEDIATE")
        for dt, part in document_parts:
            live = store.partition_dir("documents", dt) / f"{part}.parquet"
            if live.exists():
                _insert_ids(db, live)
        db.execute("INSERT OR IGNORE INTO applied VALUES (?)", (run_id,))
        db.execute("COMMIT")
    finally:
        db.close()

"""The decisions of an ingest commit, as pure functions over rows: which
documents are exact duplicates, which dt partition each lands in, how they are
cut into shards, which near-duplicate cluster each joins, and the journal
entry that makes the commit resumable. Reading and writing the store is the
ingest task's part (tasks/ingest.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..schemas import DOCUMENTS, without_run_id
from .neardup import (
    SIGNATURE_BYTES,
    band_keys,
    band_keys_of,
    cluster_signatures,
    lsh_bands,
    signature,
)

DUPLICATE_FIELDS = ("doc_id", "source", "raw_path", "raw_record")

# Near-duplicate state kept across runs in ``_state/minhash.parquet``.
MINHASH_STATE = pa.schema([("doc_id", pa.string()), ("cluster_id", pa.string()), ("signature", pa.binary())])


# Columns of the staged output of a read task beside the documents' own: the
# record's number in its file (to put a file's parts together in file order),
# the MinHash signature (computed there, in parallel), the unreadable-date flag.
SEQ, SIGNATURE = "_seq", "_signature"
STAGED_DOCUMENTS = pa.schema(
    [f for f in DOCUMENTS if f.name not in ("run_id", "ingested_at", "cluster_id")]
    + [pa.field("date_unparsed", pa.bool_()), pa.field(SEQ, pa.int64()), pa.field(SIGNATURE, pa.binary())]
)


def merge_parts(doc_parts: list[list[dict]], quarantine_parts: list[list[dict]]) -> tuple[list[dict], list[dict]]:
    """The documents and quarantine rows of one file read in parts, as one read
    of the whole file gives them: in record order, and nothing after the first
    parse_error row (a part that stopped on an error did not stop the others).
    The ``_seq`` column is dropped; ``_signature`` stays (None when not computed)."""
    docs = sorted((d for part in doc_parts for d in part), key=lambda d: d[SEQ])
    quarantined = sorted((q for part in quarantine_parts for q in part), key=lambda q: q[SEQ])
    errors = [q for q in quarantined if q["reason"] == "parse_error"]
    if errors:
        cut = errors[0][SEQ]
        docs = [d for d in docs if d[SEQ] < cut]
        quarantined = [q for q in quarantined if q[SEQ] < cut] + [errors[0]]
    for row in (*docs, *quarantined):
        del row[SEQ]
    return docs, quarantined


@dataclass(frozen=True)
class IngestBatch:
    """What one run commits: the staged output of its ``read_file`` tasks."""

    run_id: str
    files: list[dict]  # one per read task (a file or a part of one): raw_path, sha256, documents_path, quarantine_path, part;
    # in the commit, one per raw file: raw_path, sha256, records, dates_unparsed
    cfg: dict  # the [ingest] section of the configuration
    shard_size: int
    run_date: str  # dt of rows without a publication date (quarantine, undated documents)
    ingested_at: datetime


@dataclass(frozen=True)
class Committed:
    """The outcome of a commit: partitions with new documents, every partition written, counts."""

    dts: list[str] = field(default_factory=list)
    touched_dts: list[str] = field(default_factory=list)
    counts: dict = field(default_factory=lambda: {"records_seen": 0, "documents": 0, "quarantined": 0, "duplicates": 0, "files": 0})


def dt_of(published_at: datetime | None, run_date: str) -> str:
    return published_at.astimezone(UTC).strftime("%Y-%m-%d") if published_at is not None else run_date


def record_order(doc: dict) -> tuple:
    return doc["raw_path"], doc["raw_record"]


def deduplicate(docs: Iterable[dict], seen: set[str], run_date: str) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """Split ``docs`` into new documents and duplicate rows, both by dt.

    A document is an exact duplicate when its doc_id is in ``seen`` (already
    stored) or came earlier in ``docs``; the first one wins. New documents
    come sorted by raw file and record, the order they are clustered and written in.
    """
    seen = set(seen)
    new_docs: dict[str, list[dict]] = defaultdict(list)
    duplicates: dict[str, list[dict]] = defaultdict(list)
    for doc in docs:
        dt = dt_of(doc["published_at"], run_date)
        if doc["doc_id"] in seen:
            duplicates[dt].append({k: doc[k] for k in DUPLICATE_FIELDS})
            continue
        seen.add(doc["doc_id"])
        new_docs[dt].append(doc)
    for rows in new_docs.values():
        rows.sort(key=record_order)
    return dict(new_docs), dict(duplicates)


def new_mask(doc_ids: pa.Array | pa.ChunkedArray, stored: set[str]) -> np.ndarray:
    """:func:`deduplicate`'s rule on a column: True where a document is new, the first
    of its doc_id in the run and not in ``stored``. No Python object per row, so a
    backfill holds its run's doc_ids as one array, not a dict per document."""
    codes = pc.dictionary_encode(doc_ids).combine_chunks().indices.to_numpy(zero_copy_only=False) if len(doc_ids) else np.empty(0, np.int64)
    first = np.zeros(len(doc_ids), dtype=bool)
    first[np.unique(codes, return_index=True)[1]] = True
    known = pc.is_in(doc_ids, value_set=pa.array(sorted(stored), pa.string())).to_numpy(zero_copy_only=False)
    return first & ~known.astype(bool)


def dts_of(published_at: pa.Array | pa.ChunkedArray, run_date: str) -> pa.Array | pa.ChunkedArray:
    """:func:`dt_of` of a timestamp[UTC] column."""
    return pc.fill_null(pc.strftime(published_at, "%Y-%m-%d"), run_date)


def date_groups(counts: dict[str, int], max_docs: int) -> list[list[str]]:
    """The dts in order, cut into groups of consecutive dts of at most ``max_docs`` new
    documents (a dt holding more is a group of its own). A commit decides and writes a
    group at a time: a backfill holds a few days' decisions, not all of them. A group
    sees the earlier ones as a later run sees an earlier run, and clustering runs in
    dt order anyway, so the clusters are those of one group of everything."""
    groups, size = [], 0
    for dt in sorted(counts):
        if not groups or size + counts[dt] > max_docs:
            groups.append([])
            size = 0
        groups[-1].append(dt)
        size += counts[dt]
    return groups


def even_chunks(rows: list, shard_size: int) -> list[list]:
    """Split rows into the fewest chunks of at most shard_size, of near-equal size
    (2,972 documents make two shards of 1,486, not 2,000 + 972: both cores stay busy).

    Rows are dealt out in turn rather than cut into runs: a raw file groups its
    articles by outlet, and outlets differ in length (the first half of one
    SaudiNewsNet day holds 770k tokens, the second 402k), so runs would leave
    one worker extracting alone for half the stage. Each chunk keeps the rows' order."""
    if not rows:
        return []
    count = -(-len(rows) // shard_size)
    return [rows[k::count] for k in range(count)]


def document_table(docs: pa.Table, clusters: dict[str, str], batch: IngestBatch) -> pa.Table:
    """A new shard's documents (staged rows, in shard order) as stored: the staged
    columns as they are, completed with cluster_id (the document's own id when it
    joined no earlier story) and the batch's ingested_at. Arrow throughout: no
    Python dict per document and back (~0.5 s of a 3-day commit)."""
    schema = without_run_id(DOCUMENTS)
    ids = docs.column("doc_id").to_pylist()
    added = {"cluster_id": pa.array([clusters.get(i, i) for i in ids], schema.field("cluster_id").type),
             "ingested_at": pa.array([batch.ingested_at] * len(ids), schema.field("ingested_at").type)}
    return pa.Table.from_arrays([added[f.name] if f.name in added else docs.column(f.name) for f in schema], schema=schema)


def shard_slots(docs: list[dict], shard_size: int) -> list[list[str]]:
    """The doc_ids of each new shard of one partition, in row order (:func:`even_chunks`
    of the documents), so that a commit can place each row as it streams the texts in."""
    return even_chunks([d["doc_id"] for d in docs], shard_size)


def cluster_documents(state: pa.Table, new_docs: dict[str, list[dict]], threshold: float) -> tuple[dict[str, str], pa.Table | None]:
    """cluster_id of every new document, and the MinHash state with their signatures added.

    ``state`` holds the signatures of earlier runs (:data:`MINHASH_STATE`), so
    stories of earlier runs are joined. The new state is None when no
    document added a signature (nothing to write).
    """
    clusters, added = cluster_against([state], new_docs, threshold)
    return clusters, None if added is None else pa.concat_tables([state, added])


def cluster_against(state_parts: Iterable[pa.Table] | Callable[[np.ndarray, pa.Array], Iterable[pa.Table]],
                    new_docs: dict[str, list[dict]], threshold: float) -> tuple[dict[str, str], pa.Table | None]:
    """:func:`cluster_documents` over a state read a part at a time; returns the
    clusters and only the rows to add to the state (None: none).

    Memory stays that of the new documents: of each part only the rows that
    can be LSH candidates of a new document are kept (a band key in common,
    :func:`~khabar.ingest.neardup.band_keys`, or the same doc_id), in state
    order. Any other earlier document is never a candidate, so the clusters
    are those of an index holding the whole state.

    ``state_parts`` may instead be a function of (the new documents' band keys,
    their doc_ids) giving those candidate rows, in state order, from an index
    (``khabar.ingest.index.StateIndex.candidates``): the same clusters without reading the whole state.
    """
    docs = [d for dt in sorted(new_docs) for d in new_docs[dt]]
    bands = lsh_bands(threshold)
    own = [d.get(SIGNATURE) if d.get(SIGNATURE) is not None else signature(d["text"]) for d in docs]
    wanted_keys = np.unique(band_keys([sig for sig in own if sig], bands))
    wanted_ids = pa.array(sorted({d["doc_id"] for d in docs}), pa.string())
    if callable(state_parts):
        state_parts = state_parts(wanted_keys, wanted_ids)
    known = []
    for part in state_parts:
        known += zip(*(_candidates(part, wanted_keys, wanted_ids, bands).column(c).to_pylist() for c in MINHASH_STATE.names))
    known_ids = {doc_id for doc_id, _, _ in known}
    every = cluster_signatures(known + [(d["doc_id"], None, sig) for d, sig in zip(docs, own)], threshold)
    clusters, added = {}, []
    for d, sig in zip(docs, own):
        doc_id = d["doc_id"]
        if doc_id not in clusters:
            clusters[doc_id] = every[doc_id]
            if sig and doc_id not in known_ids:
                added.append({"doc_id": doc_id, "cluster_id": clusters[doc_id], "signature": sig})
    return clusters, pa.Table.from_pylist(added, schema=MINHASH_STATE) if added else None


def _candidates(part: pa.Table, wanted_keys: np.ndarray, wanted_ids: pa.Array, bands: tuple[int, int]) -> pa.Table:
    """The rows of a state part sharing a band key with a new document, or its doc_id.

    Read every night over the whole state, so done on the column's buffer, no
    Python object per row: a signature is 512 bytes or none (a text without
    words), so the values of the rows that have one lie end to end in the
    binary column's data buffer."""
    if part.num_rows == 0:
        return part
    shares_band = np.zeros(part.num_rows, dtype=bool)
    column = part.column("signature").combine_chunks()
    lengths = pc.binary_length(column).fill_null(0).to_numpy(zero_copy_only=False)
    with_values = np.flatnonzero(lengths)
    if with_values.size and wanted_keys.size:
        first = int(np.frombuffer(column.buffers()[1], dtype=np.int32)[column.offset])  # the slice's first byte
        data = np.frombuffer(column.buffers()[2], dtype=np.uint8)[first : first + int(lengths.sum())]
        for lo in range(0, with_values.size, 8192):  # bounded temporaries (the keys widen values to 64 bits)
            rows = with_values[lo : lo + 8192]
            keys = band_keys_of(data[lo * SIGNATURE_BYTES : (lo + rows.size) * SIGNATURE_BYTES], bands)
            shares_band[rows] = np.isin(keys, wanted_keys).any(axis=1)
    same_id = pc.is_in(part.column("doc_id"), value_set=wanted_ids).to_numpy(zero_copy_only=False)
    return part.filter(pa.array(shares_band | same_id))


def commit_counts(batch: IngestBatch, documents: int, duplicates: dict[str, list], quarantined: list) -> dict:
    return {
        "records_seen": sum(r["records"] for r in batch.files),
        "documents": documents,
        "quarantined": len(quarantined),
        "duplicates": sum(len(v) for v in duplicates.values()),
        "files": len(batch.files),
        "dates_unparsed": sum(r.get("dates_unparsed", 0) for r in batch.files),
    }


def commit_journal(batch: IngestBatch, written: list[tuple[str, str]], new_dts: list[str], counts: dict) -> dict:
    """The journal entry of a commit whose parts are staged: enough for the
    next run to move them in and record the files if this one dies."""
    files = [{"raw_path": r["raw_path"], "sha256": r["sha256"], "run_id": batch.run_id} for r in batch.files]
    return {
        "run_id": batch.run_id,
        "state": "committing",
        "partitions": written,
        "files": files,
        "dts": sorted(new_dts),
        "touched_dts": sorted({dt for _, dt in written}),
        "counts": counts,
        "started_at": batch.ingested_at.isoformat(),
        "from_stage": "normalise",
    }

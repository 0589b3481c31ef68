"""Ingest: read raw files into staged document and quarantine rows, then
commit them to the store as new shards (exact duplicates skipped, recorded).

The decisions (duplicates, dt, shards, clusters) are ``khabar.ingest.commit``'s;
these tasks read and write the store around them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from prefect import task
from prefect.cache_policies import NO_CACHE

from khabar import ingest as ingest_lib
from khabar import schemas
from khabar.ingest import commit as decide
from khabar.ingest import index as state_index
from khabar.ingest.commit import MINHASH_STATE, Committed, IngestBatch
from khabar.ingest.manifest import RawFile
from khabar.ingest.neardup import lsh_bands
from khabar.runs import finish_ingest_commit
from khabar.store import Shard, Store
from tasks.faults import fault_point


@task(name="ingest-file", cache_policy=NO_CACHE)
def read_file(root: str, run_id: str, raw_file: RawFile, raw_root: str, cfg: dict, part: int = 0, parts: int = 1) -> dict:
    """Read part ``part`` of ``parts`` of one raw file (every record when one
    part); stage its documents, with their MinHash signatures, and quarantine rows as Parquet."""
    store = Store(root)
    docs, quarantined = [], []
    for seq, item in ingest_lib.read_raw_file_part(Path(raw_file.path), Path(raw_root), cfg, part, parts):
        kind = item.pop("kind")
        item[decide.SEQ] = seq
        (docs if kind == "document" else quarantined).append(item)
    stem = hashlib.sha1(os.fsencode(raw_file.path)).hexdigest()[:16] + (f"-{part}" if parts > 1 else "")
    folder = store.staging_dir(run_id) / "ingest"
    folder.mkdir(parents=True, exist_ok=True)
    docs_path, quarantine_path = folder / f"{stem}.documents.parquet", folder / f"{stem}.quarantine.parquet"
    fault_point("ingest:file", docs_path)
    if cfg["near_duplicates"]:  # here, in parallel, rather than in the one commit task
        for doc in docs:
            doc[decide.SIGNATURE] = ingest_lib.signature(doc["text"])
    pq.write_table(pa.Table.from_pylist(docs, schema=decide.STAGED_DOCUMENTS), docs_path)
    quarantine = schemas.table_from_rows("quarantine", quarantined)
    pq.write_table(quarantine.append_column(decide.SEQ, pa.array([q[decide.SEQ] for q in quarantined], pa.int64())), quarantine_path)
    return {
        "raw_path": raw_file.key,
        "sha256": raw_file.sha256,
        "documents_path": str(docs_path),
        "quarantine_path": str(quarantine_path),
        "part": part,
    }


@task(name="ingest-commit", cache_policy=NO_CACHE)
def commit(root: str, batch: IngestBatch) -> Committed:
    """Deduplicate against the store, assign dt partitions and shards, write."""
    return commit_ingest(Store(root), batch)


def commit_ingest(store: Store, batch: IngestBatch) -> Committed:
    """Turn the staged per-file output of a run into new shards in the store.

    Exact duplicates (a doc_id already stored, or seen earlier in this run)
    are not written as documents but as ``duplicates`` rows. Commit is
    journalled: a crash after the journal says "committing" is rolled forward
    by the next run, so documents are never ingested twice nor lost.

    Two passes over the staged files keep the texts out of memory: the
    decisions (duplicates, dt, shards, clusters) are taken on every row
    without its text, then the texts are read a raw file at a time and each
    shard is written as soon as its rows are in (a backfill of many days
    holds one day's texts, not all of them).
    """
    by_file = _staged_by_file(batch.files)
    docs, quarantined, files = _read_staged(by_file, batch.cfg["near_duplicates"])
    index = state_index.synced(store, lsh_bands(batch.cfg["near_duplicate_threshold"]) if batch.cfg["near_duplicates"] else None)
    try:
        seen = index.stored_ids(d["doc_id"] for d in docs)
        batch = dataclasses.replace(batch, files=files)
        new_docs, duplicates = decide.deduplicate(docs, seen, batch.run_date)
        del docs
        clusters = _near_duplicate_clusters(store, index, new_docs, batch.cfg)
    finally:
        index.close()
    written, document_parts = _stage_documents(store, batch, by_file, new_docs, clusters)
    records = {"duplicates": duplicates, "quarantine": {batch.run_date: quarantined} if quarantined else {}}
    written += _stage_records(store, batch.run_id, records)
    counts = decide.commit_counts(batch, new_docs, duplicates, quarantined)
    journal = {**decide.commit_journal(batch, written, list(new_docs), counts), "document_parts": document_parts}
    store.write_journal(batch.run_id, journal)
    fault_point("ingest:committing", store.journal_path(batch.run_id))
    finish_ingest_commit(store, journal, indexed=lambda: fault_point("ingest:indexed", state_index.index_path(store)))
    return Committed(journal["dts"], journal["touched_dts"], counts)


def _staged_by_file(part_results: list[dict]) -> dict[str, list[dict]]:
    """The read tasks' results grouped by raw file, files in raw path order, each file's parts in order."""
    by_file: dict[str, list[dict]] = {}
    for result in sorted(part_results, key=lambda r: (r["raw_path"], r.get("part", 0))):
        by_file.setdefault(result["raw_path"], []).append(result)
    return by_file


# What the commit's decisions read of every document (duplicates, dt, order, clusters): its text,
# title and the rest are read again a raw file at a time when its shard is written.
DECISION_COLUMNS = ["doc_id", "source", "raw_path", "raw_record", "published_at", "date_unparsed", decide.SEQ, decide.SIGNATURE]


def _file_rows(parts: list[dict], with_text: bool = True) -> tuple[list[dict], list[dict]]:
    """The documents and quarantine rows of one raw file, its parts put together (``merge_parts``)."""
    columns = None if with_text else DECISION_COLUMNS
    return decide.merge_parts(
        [pq.read_table(r["documents_path"], columns=columns).to_pylist() for r in parts], [pq.read_table(r["quarantine_path"]).to_pylist() for r in parts]
    )


def _read_staged(by_file: dict[str, list[dict]], near_duplicates: bool) -> tuple[list[dict], list[dict], list[dict]]:
    """Documents (their DECISION_COLUMNS) and quarantine rows of every staged file, in raw
    path order; and one entry per file (IngestBatch.files). A document the read task
    gave no signature gets it here when clusters need it (the text is read for that file only)."""
    docs, quarantined, files = [], [], []
    for raw_path, parts in by_file.items():
        file_docs, file_quarantined = _file_rows(parts, with_text=False)
        if near_duplicates and any(d[decide.SIGNATURE] is None for d in file_docs):
            file_docs = [{**{c: d[c] for c in DECISION_COLUMNS}, decide.SIGNATURE: d[decide.SIGNATURE] or ingest_lib.signature(d["text"])}
                         for d in _file_rows(parts)[0]]
        docs.extend(file_docs)
        quarantined.extend(file_quarantined)
        dates_unparsed = sum(1 for d in file_docs if d["date_unparsed"])
        files.append({"raw_path": raw_path, "sha256": parts[0]["sha256"], "records": len(file_docs) + len(file_quarantined), "dates_unparsed": dates_unparsed})
    return docs, quarantined, files


def _near_duplicate_clusters(store: Store, index: state_index.StateIndex, new_docs: dict[str, list[dict]], cfg: dict) -> dict[str, str]:
    """cluster_id of every new document, joining the stories of earlier runs
    through their MinHash signatures kept in ``_state/minhash/`` (one part per
    run, after ``_state/minhash.parquet`` where an older store has it). The
    candidates among them come from the state index (``_state/index.sqlite``,
    by band key and doc_id): a night reads the rows its documents can match, not the whole state."""
    if not cfg["near_duplicates"]:
        return {}
    paths = state_index.minhash_state_paths(store)
    clusters, added = decide.cluster_against(index.candidates, new_docs, cfg["near_duplicate_threshold"])
    if added is not None:
        # Written before the documents: a crash in between leaves signatures of
        # documents the rerun reads again, and they get the same cluster back.
        # The index absorbs the part at the next commit's sync.
        last = max((int(p.stem.split("-")[1]) for p in paths if p.parent.name == "minhash"), default=0)
        store.write_state(f"minhash/part-{last + 1:05d}", added)
        fault_point("ingest:minhash", store.state_dir / "minhash")
    return clusters


def state_slices(paths: list[Path], rows: int = 8192):
    """The MinHash state in order, ``rows`` at a time: the whole-state scan, kept to check the index against
    (a run's part can hold a whole backfill in one row group: 53k signatures, 27 MB)."""
    for path in paths:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=rows, columns=MINHASH_STATE.names):
            yield pa.Table.from_batches([batch])


def _stage_documents(store: Store, batch: IngestBatch, by_file: dict[str, list[dict]], new_docs: dict[str, list[dict]],
                     clusters: dict[str, str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Stage the new documents as parts after the last of each partition
    (:func:`~khabar.ingest.commit.document_shards`), reading the texts a raw
    file at a time and writing each shard once its last row is in.
    Returns the partitions written and the (dt, part) of every new part."""
    schema = schemas.without_run_id(schemas.DOCUMENTS)
    slots: dict[str, tuple[Shard, int]] = {}
    pending: dict[Shard, list] = {}
    new_parts = []
    for dt, docs in sorted(new_docs.items()):
        first = store.next_part_number("documents", dt)
        for offset, ids in enumerate(decide.shard_slots(docs, batch.shard_size)):
            shard = Shard(dt, f"part-{first + offset:05d}")
            pending[shard] = [len(ids)] + [None] * len(ids)  # rows still missing, then the rows
            new_parts.append((shard.dt, shard.part))
            slots.update((doc_id, (shard, i + 1)) for i, doc_id in enumerate(ids))
    for parts in by_file.values():
        if not slots:
            break
        for doc in _file_rows(parts)[0]:
            slot = slots.pop(doc["doc_id"], None)  # the first of a doc_id is the new one, as in deduplicate
            if slot is None:
                continue
            shard, i = slot
            rows = pending[shard]
            rows[i] = decide.document_row(doc, clusters, batch)
            rows[0] -= 1
            if rows[0] == 0:
                store.stage_part(batch.run_id, "documents", shard, pa.Table.from_pylist(pending.pop(shard)[1:], schema=schema))
    if pending or slots:  # cannot happen: every new document came from a staged file
        raise RuntimeError(f"ingest commit: {len(slots)} new document(s) not found again in the staged files")
    return [("documents", dt) for dt in sorted(new_docs)], new_parts


def _stage_records(store: Store, run_id: str, rows_by_dataset: dict[str, dict[str, list[dict]]]) -> list[tuple[str, str]]:
    """Stage duplicate and quarantine rows, one new part per partition."""
    written = []
    for name, by_dt in rows_by_dataset.items():
        for dt, rows in sorted(by_dt.items()):
            part = f"part-{store.next_part_number(name, dt):05d}"
            store.stage_part(run_id, name, Shard(dt, part), schemas.table_from_rows(name, rows))
            written.append((name, dt))
    return written

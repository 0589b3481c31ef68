"""Ingest: read raw files into staged document and quarantine rows, then
commit them to the store as new shards (exact duplicates skipped, recorded).

The decisions (duplicates, dt, shards, clusters) are ``khabar.ingest.commit``'s;
these tasks read and write the store around them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections import defaultdict
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
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

    Memory stays that of a few days however long the backfill: which rows
    are new and their dt are decided on columns (:func:`_plan`, ~100 bytes a
    document), then the new documents are decided and written a group of
    dates at a time (:data:`GROUP_DOCS`): their decision rows (clusters,
    shards), then their texts read a raw file at a time, each shard written
    as soon as its rows are in. The state index (``_state/index.sqlite``)
    answers the lookups of the store's doc_ids and MinHash signatures.
    """
    by_file = _staged_by_file(batch.files)
    index = state_index.synced(store, lsh_bands(batch.cfg["near_duplicate_threshold"]) if batch.cfg["near_duplicates"] else None)
    try:
        plan = _plan(index, by_file, batch.run_date)
        batch = dataclasses.replace(batch, files=plan.files)
        written, document_parts = [], []
        for group in decide.date_groups(plan.new_counts, GROUP_DOCS):
            group_files, new_docs = _decision_rows(by_file, plan, group, batch.cfg["near_duplicates"])
            clusters = _near_duplicate_clusters(store, index, new_docs, batch.cfg)
            group_written, group_parts = _stage_documents(store, batch, group_files, new_docs, clusters)
            written += group_written
            document_parts += group_parts
            del new_docs, clusters
            pa.default_memory_pool().release_unused()  # the group's Arrow buffers go back to the system, not to a high-water mark
    finally:
        index.close()
    records = {"duplicates": plan.duplicates, "quarantine": {batch.run_date: plan.quarantined} if plan.quarantined else {}}
    written += _stage_records(store, batch.run_id, records)
    counts = decide.commit_counts(batch, sum(plan.new_counts.values()), plan.duplicates, plan.quarantined)
    journal = {**decide.commit_journal(batch, written, list(plan.new_counts), counts), "document_parts": document_parts}
    store.write_journal(batch.run_id, journal)
    fault_point("ingest:committing", store.journal_path(batch.run_id))
    finish_ingest_commit(store, journal, indexed=lambda: fault_point("ingest:indexed", state_index.index_path(store)))
    return Committed(journal["dts"], journal["touched_dts"], counts)


# New documents a commit decides and writes at once: a backfill is committed a group of dates at a
# time (~3.5 KB of decision rows, clusters and slots a document: ~17 MB a group, not 0.5 GB for 90 days).
GROUP_DOCS = 5_000


def _staged_by_file(part_results: list[dict]) -> dict[str, list[dict]]:
    """The read tasks' results grouped by raw file, files in raw path order, each file's parts in order."""
    by_file: dict[str, list[dict]] = {}
    for result in sorted(part_results, key=lambda r: (r["raw_path"], r.get("part", 0))):
        by_file.setdefault(result["raw_path"], []).append(result)
    return by_file


# What the commit's plan reads of every document (which are new, their dt), and what it reads of the
# new ones of a group of dates (clusters, order): the text and the rest come when its shard is written.
PLAN_COLUMNS = ["doc_id", "source", "raw_path", "raw_record", "published_at", "date_unparsed", decide.SEQ]
DECISION_COLUMNS = ["doc_id", "source", "raw_path", "raw_record", "published_at", "date_unparsed", decide.SEQ, decide.SIGNATURE]


@dataclasses.dataclass(frozen=True)
class _Plan:
    """What a commit decides on columns before any document's row: files, duplicates, quarantine, and per raw file which rows are new and their dt."""

    files: list[dict]  # IngestBatch.files of the commit: one per raw file
    per_file: dict[str, tuple[np.ndarray, pa.Array]]  # raw path -> (new?, dt) of its documents in record order
    new_counts: dict[str, int]  # dt -> new documents
    duplicates: dict[str, list[dict]]
    quarantined: list[dict]


def _merged(parts: list[dict], columns: list[str] | None = None) -> tuple[pa.Table, list[dict]]:
    """One raw file's documents (a table of ``columns``, in record order, none after the first
    parse error) and quarantine rows, its parts put together as ``merge_parts`` does."""
    quarantine = [pq.read_table(r["quarantine_path"]).to_pylist() for r in parts]
    docs = pa.concat_tables([pq.read_table(r["documents_path"], columns=columns) for r in parts]).sort_by(decide.SEQ)
    errors = [q[decide.SEQ] for part in quarantine for q in part if q["reason"] == "parse_error"]
    if errors:
        docs = docs.filter(pc.less(docs[decide.SEQ], min(errors)))
    return docs, decide.merge_parts([[] for _ in parts], quarantine)[1]


def _plan(index: state_index.StateIndex, by_file: dict[str, list[dict]], run_date: str) -> _Plan:
    """Which documents are new (``commit.new_mask``) and their dt, from a few columns of every staged file."""
    tables, quarantined, files = [], [], []
    for raw_path, parts in by_file.items():
        docs, file_quarantined = _merged(parts, PLAN_COLUMNS)
        tables.append(docs.append_column("dt", decide.dts_of(docs["published_at"], run_date)))
        quarantined += file_quarantined
        unparsed = pc.sum(docs["date_unparsed"]).as_py() or 0
        files.append({"raw_path": raw_path, "sha256": parts[0]["sha256"], "records": docs.num_rows + len(file_quarantined), "dates_unparsed": unparsed})
    every = pa.concat_tables(tables)
    new = decide.new_mask(every["doc_id"], index.stored_ids(every["doc_id"].to_pylist()))
    duplicates = defaultdict(list)
    for row in every.filter(pa.array(~new)).select([*decide.DUPLICATE_FIELDS, "dt"]).to_pylist():
        duplicates[row.pop("dt")].append(row)
    counts = pc.value_counts(every["dt"].filter(pa.array(new))).to_pylist()
    starts = np.cumsum([0] + [t.num_rows for t in tables])
    per_file = {raw_path: (new[a:b], t["dt"]) for raw_path, t, a, b in zip(by_file, tables, starts, starts[1:])}
    return _Plan(files, per_file, {c["values"]: c["counts"] for c in counts}, dict(duplicates), quarantined)


def _decision_rows(by_file: dict[str, list[dict]], plan: _Plan, group: list[str], near_duplicates: bool) -> tuple[dict, dict[str, list[dict]]]:
    """The raw files holding new documents of the dts ``group``, and those documents' decision rows by dt,
    each dt in record order (as ``commit.deduplicate`` gives them). A document the read task gave no
    signature gets it here when clusters need it (the text is read for that file only)."""
    wanted = pa.array(group, pa.string())
    files, new_docs = {}, defaultdict(list)
    for raw_path, parts in by_file.items():
        new, dts = plan.per_file[raw_path]
        mask = pa.array(new & pc.is_in(dts, value_set=wanted).to_numpy(zero_copy_only=False).astype(bool))
        if not pc.any(mask).as_py():
            continue
        files[raw_path] = parts
        rows = _merged(parts, DECISION_COLUMNS)[0].filter(mask).to_pylist()
        if near_duplicates and any(r[decide.SIGNATURE] is None for r in rows):
            texts = _merged(parts, [decide.SEQ, "text"])[0].filter(mask).column("text").to_pylist()
            rows = [{**r, decide.SIGNATURE: r[decide.SIGNATURE] or ingest_lib.signature(t)} for r, t in zip(rows, texts)]
        for row, dt in zip(rows, dts.filter(mask).to_pylist()):
            del row[decide.SEQ]
            new_docs[dt].append(row)
    for rows in new_docs.values():
        rows.sort(key=decide.record_order)
    return files, dict(new_docs)


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
        last = max((int(p.stem.split("-")[1]) for p in paths if p.parent.name == "minhash"), default=0)
        store.write_state(f"minhash/part-{last + 1:05d}", added)
        fault_point("ingest:minhash", store.state_dir / "minhash")
        index.absorb(store)  # the next group of dates sees these documents as earlier ones
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
    (:func:`~khabar.ingest.commit.shard_slots`, :func:`~khabar.ingest.commit.document_table`), reading the texts a raw
    file at a time and writing each shard once its last row is in.
    Returns the partitions written and the (dt, part) of every new part."""
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
        docs = _texts(parts, slots)
        for j, doc_id in enumerate(docs.column("doc_id").to_pylist()):
            slot = slots.pop(doc_id, None)  # the first of a doc_id is the new one, as in deduplicate
            if slot is None:
                continue
            shard, i = slot
            rows = pending[shard]
            rows[i] = (docs, j)
            rows[0] -= 1
            if rows[0] == 0:
                store.stage_part(batch.run_id, "documents", shard, _shard_table(pending.pop(shard)[1:], clusters, batch))
    if pending or slots:  # cannot happen: every new document came from a staged file
        raise RuntimeError(f"ingest commit: {len(slots)} new document(s) not found again in the staged files")
    return [("documents", dt) for dt in sorted(new_docs)], new_parts


def _texts(parts: list[dict], slots: dict[str, tuple]) -> pa.Table:
    """The whole rows of one raw file's documents that have a slot, in record order."""
    docs = _merged(parts)[0]
    return docs.filter(pc.is_in(docs["doc_id"], value_set=pa.array(list(slots), pa.string()))).drop_columns([decide.SEQ])


def _shard_table(rows: list[tuple[pa.Table, int]], clusters: dict[str, str], batch: IngestBatch) -> pa.Table:
    """One shard's documents as stored (``commit.document_table``), gathered from its
    rows: (a raw file's table of texts, row) each, in shard order."""
    tables = list({id(t): t for t, _ in rows}.values())
    first = dict(zip(map(id, tables), np.cumsum([0] + [t.num_rows for t in tables]).tolist()))
    docs = pa.concat_tables(tables).take(pa.array([first[id(t)] + j for t, j in rows], pa.int64()))
    return decide.document_table(docs, clusters, batch)


def _stage_records(store: Store, run_id: str, rows_by_dataset: dict[str, dict[str, list[dict]]]) -> list[tuple[str, str]]:
    """Stage duplicate and quarantine rows, one new part per partition."""
    written = []
    for name, by_dt in rows_by_dataset.items():
        for dt, rows in sorted(by_dt.items()):
            part = f"part-{store.next_part_number(name, dt):05d}"
            store.stage_part(run_id, name, Shard(dt, part), schemas.table_from_rows(name, rows))
            written.append((name, dt))
    return written

"""Ingest: read raw files into staged document and quarantine rows, then
commit them to the store as new shards (exact duplicates skipped, recorded)."""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from datetime import timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from prefect import task
from prefect.cache_policies import NO_CACHE

from khabar import ingest as ingest_lib
from khabar import schemas
from khabar.store import Shard, Store
from tasks.faults import fault_point


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@task(name="ingest-file", cache_policy=NO_CACHE)
def read_file(root: str, run_id: str, path: str, key: str, raw_root: str, cfg: dict) -> dict:
    """Read one raw file; stage its documents and quarantine rows as Parquet.

    ``key`` names the file in the ingested-files manifest (its absolute path as text).
    """
    store = Store(root)
    docs, quarantined = [], []
    for item in ingest_lib.read_raw_file(Path(path), Path(raw_root), cfg):
        kind = item.pop("kind")
        (docs if kind == "document" else quarantined).append(item)
    stem = hashlib.sha1(os.fsencode(path)).hexdigest()[:16]
    folder = store.staging_dir(run_id) / "ingest"
    folder.mkdir(parents=True, exist_ok=True)
    docs_path, quarantine_path = folder / f"{stem}.documents.parquet", folder / f"{stem}.quarantine.parquet"
    doc_schema = schemas.without_run_id(schemas.DOCUMENTS).remove(schemas.DOCUMENTS.get_field_index("ingested_at"))
    doc_schema = doc_schema.remove(doc_schema.get_field_index("cluster_id"))
    doc_rows = [{f.name: d.get(f.name) for f in doc_schema} for d in docs]
    pq.write_table(pa.Table.from_pylist(doc_rows, schema=doc_schema), docs_path)
    pq.write_table(schemas.table_from_rows("quarantine", quarantined), quarantine_path)
    return {
        "raw_path": key,
        "documents_path": str(docs_path),
        "quarantine_path": str(quarantine_path),
        "records": len(docs) + len(quarantined),
        "dates_unparsed": sum(1 for d in docs if d.get("date_unparsed")),
    }


@task(name="ingest-commit", cache_policy=NO_CACHE)
def commit(root: str, run_id: str, file_results: list[dict], cfg: dict, shard_size: int, run_date: str, ingested_at) -> dict:
    """Deduplicate against the store, assign dt partitions and shards, write."""
    return commit_ingest(Store(root), run_id, file_results, cfg, shard_size, run_date, ingested_at)


def _even_chunks(rows: list, shard_size: int) -> list[list]:
    """Split rows into the fewest chunks of at most shard_size, of near-equal size
    (2,972 documents make two shards of 1,486, not 2,000 + 972: both cores stay busy)."""
    if not rows:
        return []
    count = -(-len(rows) // shard_size)
    size = -(-len(rows) // count)
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _dt_of(published_at, run_date: str) -> str:
    return published_at.astimezone(timezone.utc).strftime("%Y-%m-%d") if published_at is not None else run_date


def commit_ingest(store: Store, run_id: str, file_results: list[dict], cfg: dict, shard_size: int, run_date: str, ingested_at) -> dict:
    """Turn the staged per-file output of a run into new shards in the store.

    Exact duplicates (a doc_id already stored, or seen earlier in this run)
    are not written as documents but as ``duplicates`` rows. Commit is
    journalled: a crash after the journal says "committing" is rolled forward
    by the next run, so documents are never ingested twice nor lost.
    """
    seen = set(store.read_dataset("documents", ["doc_id"]).column("doc_id").to_pylist())
    new_docs: dict[str, list[dict]] = defaultdict(list)
    duplicates: dict[str, list[dict]] = defaultdict(list)
    quarantined: list[dict] = []
    records = 0
    for result in sorted(file_results, key=lambda r: r["raw_path"]):
        records += result["records"]
        quarantined.extend(pq.read_table(result["quarantine_path"]).to_pylist())
        for doc in pq.read_table(result["documents_path"]).to_pylist():
            dt = _dt_of(doc["published_at"], run_date)
            if doc["doc_id"] in seen:
                duplicates[dt].append({k: doc[k] for k in ("doc_id", "source", "raw_path", "raw_record")})
                continue
            seen.add(doc["doc_id"])
            new_docs[dt].append(doc)

    clusters = _near_duplicate_clusters(store, new_docs, cfg)
    written: list[tuple[str, str]] = []
    for dt, docs in sorted(new_docs.items()):
        docs.sort(key=lambda d: (d["raw_path"], d["raw_record"]))
        first = store.next_part_number("documents", dt)
        for offset, chunk in enumerate(_even_chunks(docs, shard_size)):
            rows = [{**d, "cluster_id": clusters.get(d["doc_id"], d["doc_id"]), "ingested_at": ingested_at} for d in chunk]
            table = pa.Table.from_pylist(rows, schema=schemas.without_run_id(schemas.DOCUMENTS))
            store.stage_part(run_id, "documents", Shard(dt, f"part-{first + offset:05d}"), table)
        written.append(("documents", dt))
    for name, by_dt in (("duplicates", duplicates), ("quarantine", {run_date: quarantined} if quarantined else {})):
        for dt, rows in sorted(by_dt.items()):
            table = schemas.table_from_rows(name, rows)
            store.stage_part(run_id, name, Shard(dt, f"part-{store.next_part_number(name, dt):05d}"), table)
            written.append((name, dt))

    counts = {
        "records_seen": records,
        "documents": sum(len(v) for v in new_docs.values()),
        "quarantined": len(quarantined),
        "duplicates": sum(len(v) for v in duplicates.values()),
        "files": len(file_results),
        "dates_unparsed": sum(r.get("dates_unparsed", 0) for r in file_results),
    }
    files = [{"raw_path": r["raw_path"], "sha256": r["sha256"], "run_id": run_id} for r in file_results]
    journal = {"run_id": run_id, "state": "committing", "partitions": written, "files": files, "dts": sorted(new_docs), "touched_dts": sorted({dt for _, dt in written}), "counts": counts, "started_at": ingested_at.isoformat(), "from_stage": "normalise"}
    store.write_journal(run_id, journal)
    fault_point("ingest:committing")
    finish_ingest_commit(store, journal)
    return {"dts": sorted(new_docs), "touched_dts": sorted({dt for _, dt in written}), "counts": counts}


def finish_ingest_commit(store: Store, journal: dict) -> None:
    """Move the staged ingest parts into place and record the files (idempotent)."""
    for name, dt in journal["partitions"]:
        store.add_parts(journal["run_id"], name, dt)
    store.record_ingested_files(journal["files"])
    store.write_journal(journal["run_id"], {**journal, "state": "ingested"})


MINHASH_STATE = pa.schema([("doc_id", pa.string()), ("cluster_id", pa.string()), ("signature", pa.binary())])


def _near_duplicate_clusters(store: Store, new_docs: dict[str, list[dict]], cfg: dict) -> dict[str, str]:
    """cluster_id of every new document; stories of earlier runs are joined
    through their MinHash signatures kept in ``_state/minhash.parquet``."""
    if not cfg.get("near_duplicates"):
        return {}
    state = store.read_state("minhash", MINHASH_STATE)
    index = ingest_lib.NearDuplicateIndex(cfg["near_duplicate_threshold"])
    for doc_id, cluster_id, signature in zip(*(state.column(c).to_pylist() for c in MINHASH_STATE.names)):
        index.add(doc_id, signature=signature, cluster_id=cluster_id)
    known = set(index.clusters)
    docs = [d for dt in sorted(new_docs) for d in sorted(new_docs[dt], key=lambda d: (d["raw_path"], d["raw_record"]))]
    clusters = {d["doc_id"]: index.add(d["doc_id"], d["text"]) for d in docs}
    signatures = index.signatures()
    added = [{"doc_id": i, "cluster_id": clusters[i], "signature": signatures[i]} for i in clusters if i in signatures and i not in known]
    if added:
        # Written before the documents: a crash in between leaves signatures of
        # documents the rerun reads again, and they get the same cluster back.
        store.write_state("minhash", pa.concat_tables([state, pa.Table.from_pylist(added, schema=MINHASH_STATE)]))
    return clusters

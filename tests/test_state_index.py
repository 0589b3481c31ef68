"""The ingest state index (_state/index.sqlite) answers what the whole-state
scans answered: the same exact duplicates, the same near-duplicate clusters;
a missing or stale index is rebuilt, and a commit killed half way leaves
index and datasets in step once the next run has rolled it forward."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from khabar.ingest import commit as decide
from khabar.ingest import doc_id_for, list_raw_files
from khabar.ingest import index as state_index
from khabar.ingest.manifest import new_raw_files
from khabar.ingest.neardup import band_keys, lsh_bands, signature
from khabar.runs import recover_unfinished
from khabar.store import Store
from tasks import ingest as ingest_task
from tasks.ingest import commit_ingest, read_file

from .test_ingest_commit import CFG, _raw_files
from .test_neardup import OTHER, REPUBLISHED, WIRE

BANDS = lsh_bands(CFG["near_duplicate_threshold"])


class ScanIndex:
    """What the commit read before the index: every doc_id and the whole MinHash state, scanned."""

    rebuilt = ()

    def __init__(self, store: Store) -> None:
        self.store = store

    def close(self) -> None:
        pass

    def absorb(self, store: Store) -> None:
        pass  # the scan reads the parts as they are

    def stored_ids(self, ids) -> set[str]:
        wanted = set(ids)
        return {i for i in self.store.read_dataset("documents", ["doc_id"]).column("doc_id").to_pylist() if i in wanted}

    def candidates(self, keys, ids):
        return [decide._candidates(part, keys, ids, BANDS) for part in ingest_task.state_slices(state_index.minhash_state_paths(self.store))]


def _commit_runs(root: Path, raw: Path) -> Store:
    """Ingest the three raw files of ``raw`` in three runs (one file each), as three nights do."""
    store = Store(root)
    for n, f in enumerate(new_raw_files(list_raw_files(raw), set())):
        run_id = f"run{n}"
        staged = [read_file.fn(str(store.root), run_id, f, str(raw), CFG)]
        batch = decide.IngestBatch(run_id, staged, CFG, 2, "2026-12-01", datetime(2026, 12, 1, n, tzinfo=UTC))
        commit_ingest(store, batch)
        store.close_journal(run_id)
    return store


def _rows(store: Store) -> dict:
    return {name: sorted(map(tuple, (r.values() for r in store.read_dataset(name, cols).to_pylist())))
            for name, cols in (("documents", ["doc_id", "cluster_id"]), ("duplicates", ["doc_id", "raw_path", "raw_record"]))}


@pytest.fixture()
def raw(tmp_path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    _raw_files(folder)  # three files of near copies of one story
    lines = [json.dumps({"text": t, "date": "2015-07-24T08:00:00Z", "title": "خبر"}, ensure_ascii=False) for t in (WIRE, OTHER)]
    (folder / "day3.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")  # and two other stories
    return folder


def test_the_index_gives_the_duplicates_and_clusters_of_the_whole_state_scan(tmp_path, raw, monkeypatch):
    indexed = _commit_runs(tmp_path / "indexed", raw)
    with monkeypatch.context() as m:
        m.setattr(state_index, "synced", lambda store, bands: ScanIndex(store))
        scanned = _commit_runs(tmp_path / "scanned", raw)
    assert _rows(indexed) == _rows(scanned)
    rows = _rows(indexed)
    assert len(rows["duplicates"]) == 1  # file 2's copy of file 0's first article, found in the index
    assert len({r[1] for r in rows["documents"]}) < len(rows["documents"])  # near copies of earlier nights joined their clusters
    for a, b in zip(state_index.minhash_state_paths(indexed), state_index.minhash_state_paths(scanned), strict=True):
        assert pq.read_table(a).equals(pq.read_table(b))


def _probe(store: Store) -> tuple[np.ndarray, pa.Array, list[str]]:
    """Band keys of a copy of one stored story, doc_ids of some stored documents and of a made-up one."""
    state = pa.concat_tables(pq.read_table(p) for p in state_index.minhash_state_paths(store))
    keys = np.unique(band_keys([signature(REPUBLISHED)], BANDS))
    ids = sorted(state.column("doc_id").to_pylist()[1:6] + ["not-stored"])
    return keys, pa.array(ids, pa.string()), ids


def _answers(index, store: Store) -> tuple:
    keys, ids, id_list = _probe(store)
    candidates = pa.concat_tables(index.candidates(keys, ids))
    return sorted(index.stored_ids(id_list)), candidates.to_pylist()


def test_index_answers_equal_the_scans_and_a_missing_or_stale_index_is_rebuilt(tmp_path, raw):
    store = _commit_runs(tmp_path / "out", raw)
    truth = _answers(ScanIndex(store), store)
    assert doc_id_for(WIRE) in {r["doc_id"] for r in truth[1]}
    assert 0 < len(truth[1]) < sum(pq.read_metadata(p).num_rows for p in state_index.minhash_state_paths(store))
    index = state_index.synced(store, BANDS)
    assert index.rebuilt == [] and _answers(index, store) == truth  # kept in step commit by commit
    index.close()

    def rebuilt_after(change) -> list[str]:
        change()
        index = state_index.synced(store, BANDS)
        try:
            assert _answers(index, store) == truth
            return index.rebuilt
        finally:
            index.close()

    path = state_index.index_path(store)
    assert rebuilt_after(lambda: path.unlink()) == ["doc", "sig"]
    assert rebuilt_after(lambda: path.write_bytes(b"not a database")) == ["doc", "sig"]
    manifest = store.ingested_files()  # a run the index never saw (a khabar without the index wrote it)
    store.record_ingested_files([{"raw_path": "/elsewhere", "sha256": "0" * 64, "run_id": "old-khabar"}])
    assert rebuilt_after(lambda: None) == ["doc"]
    pq.write_table(manifest, store.ingested_files_path)  # the store restored from an older copy of the manifest
    assert rebuilt_after(lambda: None) == ["doc"]
    part = state_index.minhash_state_paths(store)[0]
    table = pq.read_table(part)
    assert rebuilt_after(lambda: pq.write_table(table, part, compression="none")) == ["sig"]  # a part rewritten
    assert rebuilt_after(lambda: None) == []


def test_a_part_written_since_is_absorbed_without_rebuilding(tmp_path, raw):
    store = _commit_runs(tmp_path / "out", raw)
    state_index.synced(store, BANDS).close()
    paths = state_index.minhash_state_paths(store)
    extra = pq.read_table(paths[0]).slice(0, 2)
    extra = extra.set_column(0, "doc_id", pc.binary_join_element_wise(extra.column("doc_id"), pa.scalar("-copy"), ""))
    store.write_state("minhash/part-00099", extra)
    index = state_index.synced(store, BANDS)
    try:
        assert index.rebuilt == []
        keys = np.unique(band_keys(extra.column("signature").to_pylist(), BANDS))
        got = pa.concat_tables(index.candidates(keys, pa.array([], pa.string())))
        assert set(extra.column("doc_id").to_pylist()) <= set(got.column("doc_id").to_pylist())
        assert got.column("doc_id").to_pylist()[-2:] == extra.column("doc_id").to_pylist()  # last in state order
    finally:
        index.close()


@pytest.mark.parametrize("crash_at", ["index", "manifest"])
def test_a_commit_killed_mid_way_leaves_index_and_datasets_in_step(tmp_path, raw, monkeypatch, crash_at):
    """The commit dies after its parts are moved in: before the index holds its documents,
    or after (before the manifest records its files). The next run's roll-forward completes
    both; the index then agrees with the documents without a rebuild."""
    files = new_raw_files(list_raw_files(raw), set())
    store = Store(tmp_path / "out")
    first = [read_file.fn(str(store.root), "run0", files[0], str(raw), CFG)]
    commit_ingest(store, decide.IngestBatch("run0", first, CFG, 2, "2026-12-01", datetime(2026, 12, 1, tzinfo=UTC)))
    store.close_journal("run0")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt("killed")

    target = (state_index, "add_committed") if crash_at == "index" else (Store, "record_ingested_files")
    staged = [read_file.fn(str(store.root), "run1", files[2], str(raw), CFG)]
    with monkeypatch.context() as m:
        m.setattr(*target, killed)
        with pytest.raises(KeyboardInterrupt):
            commit_ingest(store, decide.IngestBatch("run1", staged, CFG, 2, "2026-12-01", datetime(2026, 12, 1, 1, tzinfo=UTC)))
    assert [j["run_id"] for j in store.open_journals()] == ["run1"]
    recover_unfinished(store, lambda line: None)
    index = state_index.synced(store, BANDS)
    try:
        assert index.rebuilt == []
        stored = store.read_dataset("documents", ["doc_id"]).column("doc_id").to_pylist()
        assert index.stored_ids(stored + ["not-stored"]) == set(stored)
        assert {r[0] for r in index.db.execute("SELECT run_id FROM applied")} == {"run0", "run1"}
    finally:
        index.close()

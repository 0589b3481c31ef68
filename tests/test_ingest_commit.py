"""The ingest commit streams the texts (decisions on the rows without them, then
a raw file at a time): its shards are exactly those of the whole run taken in
memory at once, also when a partition's documents come from several files and
a shard is filled from more than one of them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from khabar.config import DEFAULTS
from khabar.ingest import commit as decide
from khabar.ingest import list_raw_files
from khabar.ingest.manifest import new_raw_files
from khabar.store import Store
from khabar.ingest import index as state_index
from tasks import ingest as ingest_task
from tasks.ingest import commit_ingest, read_file

CFG = {**DEFAULTS["ingest"], "min_arabic_ratio": 0.5}
STORY = ("أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة {city} بسعة {beds} سرير، وقال الوزير إن العمل في المشروع بدأ منذ عامين "
         "وإن المستشفى سيخدم سكان المنطقة والقرى المجاورة لها، وأضاف أن الوزارة تعمل على تجهيز ثلاثة مراكز صحية أخرى قبل نهاية العام، "
         "وأن التكلفة الإجمالية للمشروع بلغت مئتي مليون ريال تحملتها الدولة بالكامل.")


def _raw_files(root: Path) -> None:
    """Three files, each with articles of the three days in turn: a file's n-th article is a near copy of
    the other files' (another number of beds), and one is an exact copy of an earlier file's."""
    for f in range(3):
        lines = []
        for n in range(7):
            text = STORY.format(city=f"رقم {n}", beds=100 + 10 * f + n)
            if f == 2 and n == 0:
                text = STORY.format(city="رقم 0", beds=100)  # an exact duplicate of file 0's first article
            lines.append(json.dumps({"text": text, "date": f"2015-07-{21 + (n + f) % 3}T08:00:00Z", "title": f"خبر {f}-{n}"}, ensure_ascii=False))
        (root / f"day{f}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _whole_run(staged: list[dict], batch: decide.IngestBatch) -> tuple[pa.Table, dict[str, list[list[tuple]]]]:
    """The MinHash state and the shards the commit took before streaming: every document with its text in memory."""
    docs = []
    for raw_path in sorted({r["raw_path"] for r in staged}):
        parts = sorted((r for r in staged if r["raw_path"] == raw_path), key=lambda r: r["part"])
        docs += decide.merge_parts([pq.read_table(r["documents_path"]).to_pylist() for r in parts],
                                   [pq.read_table(r["quarantine_path"]).to_pylist() for r in parts])[0]
    new_docs, _ = decide.deduplicate(docs, set(), batch.run_date)
    clusters, added = decide.cluster_against([], new_docs, CFG["near_duplicate_threshold"])
    return added, {dt: [[(d["doc_id"], d["text"], d["title"], clusters.get(d["doc_id"], d["doc_id"])) for d in shard]
                 for shard in decide.even_chunks(rows, batch.shard_size)]
            for dt, rows in new_docs.items()}


@pytest.mark.parametrize("group_docs", [20_000, 7, 1])
def test_streamed_commit_writes_the_shards_of_the_whole_run(tmp_path, monkeypatch, group_docs):
    """In one group of dates or in several (a backfill's bounded memory): the same shards, clusters and MinHash state."""
    monkeypatch.setattr(ingest_task, "GROUP_DOCS", group_docs)
    raw, store = tmp_path / "raw", Store(tmp_path / "out")
    raw.mkdir()
    _raw_files(raw)
    files = new_raw_files(list_raw_files(raw), set())
    staged = [read_file.fn(str(store.root), "run1", f, str(raw), CFG, part, parts) for f, parts in zip(files, (2, 1, 3)) for part in range(parts)]
    batch = decide.IngestBatch("run1", staged, CFG, 2, "2026-12-01", datetime(2026, 12, 1, tzinfo=UTC))
    expected_state, expected = _whole_run(staged, batch)
    committed = commit_ingest(store, batch)
    assert committed.counts["documents"] == 20 and committed.counts["duplicates"] == 1
    got = {dt: [[(r["doc_id"], r["text"], r["title"], r["cluster_id"]) for r in store.read_part("documents", shard).to_pylist()]
                for shard in store.shards([dt])] for dt in store.partitions("documents")}
    assert got == expected
    assert sorted(len(shards) for shards in got.values()) == [3, 4, 4]  # 6 or 7 documents a day in shards of 2, filled from several files
    assert any(c != d for shards in got.values() for shard in shards for d, _, _, c in shard)  # the near copies joined a cluster
    paths = state_index.minhash_state_paths(store)
    assert len(paths) == (1 if group_docs > 20 else 3)  # a part per group of dates (7 documents a day here)
    assert pa.concat_tables(pq.read_table(p) for p in paths).equals(expected_state)

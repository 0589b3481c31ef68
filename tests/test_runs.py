"""The library side of a run, without Prefect: which raw files are new, the
decisions of an ingest commit, the run record, and the one-line error."""

from __future__ import annotations

import errno
import tempfile
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa

from khabar import schemas
from khabar.commands.run import failure_message, write_traceback
from khabar.ingest.commit import (
    MINHASH_STATE,
    IngestBatch,
    cluster_documents,
    deduplicate,
    document_table,
    dt_of,
    even_chunks,
)
from khabar.ingest.manifest import file_sha256, new_raw_files, path_key
from khabar.runs import Run, run_log_path, run_record

STORY = (
    "أعلنت وزارة الزراعة اليوم عن خطة جديدة لدعم المزارعين في المناطق الشمالية تشمل توزيع البذور المحسنة "
    "وتوفير قروض ميسرة وتدريب الشباب على أساليب الري الحديثة وقال المتحدث باسم الوزارة إن الخطة ستبدأ "
    "مطلع الشهر المقبل وتستمر ثلاث سنوات بتكلفة تقارب مئتي مليون ريال"
)
STORY_EDITED = STORY.replace("مئتي", "ثلاثمئة")
OTHER = "افتتح المتحف الوطني معرضا للخط العربي يضم أعمالا نادرة من القرن الماضي ويستمر حتى نهاية العام"
NOON = datetime(2026, 3, 4, 12, tzinfo=UTC)


def doc(doc_id: str, raw_path: str, raw_record: int, published_at=NOON, text: str = OTHER) -> dict:
    return {"doc_id": doc_id, "source": "وكالة", "raw_path": raw_path, "raw_record": raw_record, "published_at": published_at, "text": text}


def test_new_raw_files_skips_known_files_and_reads_a_rewritten_one_again(tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("خبر قديم", encoding="utf-8")
    new.write_text("خبر جديد", encoding="utf-8")
    known = {(path_key(old), file_sha256(old))}
    assert [f.path for f in new_raw_files([old, new], known)] == [str(new)]
    old.write_text("خبر قديم بعد التصحيح", encoding="utf-8")
    (rewritten, _) = new_raw_files([old, new], known)
    assert rewritten.key == path_key(old) and rewritten.sha256 == file_sha256(old)


def test_a_link_is_listed_with_an_empty_hash(tmp_path):
    (tmp_path / "target.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "target.txt")
    (link,) = new_raw_files([tmp_path / "link.txt"], set())
    assert link.sha256 == "" and link.key == str(tmp_path / "target.txt")


def test_deduplicate_keeps_the_first_of_each_doc_id_and_dates_by_utc_day():
    late_evening = datetime(2026, 3, 4, 23, 30, tzinfo=timezone(-timedelta(hours=3)))
    docs = [
        doc("stored", "a.jsonl", 0),
        doc("twice", "b.jsonl", 1),
        doc("twice", "b.jsonl", 2),
        doc("undated", "a.jsonl", 3, published_at=None),
        doc("evening", "a.jsonl", 4, published_at=late_evening),
        doc("first", "a.jsonl", 1),
    ]
    new, duplicates = deduplicate(docs, {"stored"}, "2026-03-10")
    assert {dt: [d["doc_id"] for d in rows] for dt, rows in new.items()} == {
        "2026-03-04": ["first", "twice"],  # sorted by raw file then record
        "2026-03-10": ["undated"],
        "2026-03-05": ["evening"],
    }
    assert duplicates == {
        "2026-03-04": [
            {"doc_id": "stored", "source": "وكالة", "raw_path": "a.jsonl", "raw_record": 0},
            {"doc_id": "twice", "source": "وكالة", "raw_path": "b.jsonl", "raw_record": 2},
        ]
    }
    assert dt_of(None, "2026-03-10") == "2026-03-10"


def test_even_chunks_are_the_fewest_of_near_equal_size():
    assert [len(c) for c in even_chunks(list(range(2972)), 2000)] == [1486, 1486]
    assert [len(c) for c in even_chunks(list(range(5)), 2)] == [2, 2, 1]
    assert even_chunks([], 10) == []


def test_even_chunks_deal_rows_out_in_turn_so_long_and_short_articles_mix():
    # a raw file's first half from one outlet (long articles), second half from another
    assert even_chunks(list(range(7)), 3) == [[0, 3, 6], [1, 4], [2, 5]]


def test_document_table_completes_the_staged_rows_with_their_cluster_and_ingest_time():
    batch = IngestBatch("r1", [], {}, shard_size=2, run_date="2026-03-04", ingested_at=NOON)
    staged_schema = pa.schema([f for f in schemas.DOCUMENTS if f.name not in ("cluster_id", "ingested_at", "run_id")])
    staged = pa.Table.from_pylist([{**doc("x", "a", 0), "text": "خبر أول"}, {**doc("y", "a", 1), "text": "خبر ثان"}], schema=staged_schema)
    table = document_table(staged, {"y": "x"}, batch)
    assert table.schema == schemas.without_run_id(schemas.DOCUMENTS)
    assert table.column("cluster_id").to_pylist() == ["x", "x"]  # x joined no story: its own id
    assert table.column("ingested_at").to_pylist() == [NOON, NOON]
    assert table.column("text").to_pylist() == ["خبر أول", "خبر ثان"]


def test_a_republished_story_joins_the_cluster_of_an_earlier_run_through_the_state():
    clusters, state = cluster_documents(MINHASH_STATE.empty_table(), {"2026-03-04": [doc("a", "x", 0, text=STORY)]}, 0.8)
    assert clusters == {"a": "a"} and state.num_rows == 1 and state.schema == MINHASH_STATE
    later = {"2026-03-05": [doc("b", "y", 0, text=STORY_EDITED), doc("c", "y", 1, text=OTHER)]}
    clusters, state = cluster_documents(state, later, 0.8)
    assert clusters == {"b": "a", "c": "c"}
    assert state.column("doc_id").to_pylist() == ["a", "b", "c"]
    assert cluster_documents(state, {"2026-03-06": [doc("d", "z", 0, text="")]}, 0.8) == ({"d": "d"}, None)


def test_run_record_of_a_run_that_did_nothing():
    run = Run.start("reprocess", {"since": "2026-03-01", "out": "/تخزين"}, {"run": {"shard_size": 5}}, run_id="20260304T120000-abcdef")
    record = run_record(run, "nothing_to_do")
    assert record["run_id"] == "20260304T120000-abcdef" and record["flow"] == "reprocess" and record["status"] == "nothing_to_do"
    assert record["datasets"] == [] and record["partitions"] == [] and record["counts"] == "{}" and record["timings"] == "{}"
    assert json.loads(record["parameters"]) == {"since": "2026-03-01", "out": "/تخزين"}
    assert record["started_at"] <= record["finished_at"]
    assert run_record(run, "completed", from_stage="aggregate")["datasets"][-1] == "corpus_daily"


def test_failure_message_names_the_file_the_cause_and_what_to_do():
    out, log = Path("/data/out"), Path("/data/out/_logs/r1.log")
    full = OSError(errno.ENOSPC, "No space left on device", "/data/out/entities/dt=2026-03-04/part-00000.parquet")
    assert failure_message(full, out, log) == (
        "cannot write /data/out/entities/dt=2026-03-04/part-00000.parquet: No space left on device "
        "(free space under /data/out and rerun: the store is intact); traceback in /data/out/_logs/r1.log"
    )
    denied = OSError(errno.EACCES, "Permission denied")
    assert failure_message(denied, out, None) == "cannot use /data/out: Permission denied (give this user write access to /data/out and rerun: the store is intact)"
    assert failure_message(ValueError("bad row"), out, log) == "the run failed: ValueError: bad row; traceback in /data/out/_logs/r1.log"


def test_the_traceback_goes_to_the_temporary_folder_when_the_store_refuses_it(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))  # not the machine's shared /tmp
    (tmp_path / "tmp").mkdir()
    (tmp_path / "out").write_text("", encoding="utf-8")  # a file where the store should be: no _logs folder possible
    try:
        raise OSError(errno.ENOSPC, "No space left on device", "/x")
    except OSError as exc:
        written = write_traceback(exc, run_log_path(tmp_path / "out", "r-test"))
    assert written == tmp_path / "tmp" / "khabar-r-test.log" and "OSError: [Errno 28]" in written.read_text(encoding="utf-8")


def _inline(raw: Path, out: Path, **runner) -> bool:
    from khabar.config import load_config
    from khabar.runs import runs_inline

    return runs_inline({"raw": str(raw), "out": str(out), "config_path": None}, load_config(overrides={"runner": runner}))


def test_a_small_input_runs_in_the_main_process_and_a_large_one_on_the_pool(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text(STORY, encoding="utf-8")
    size = (raw / "a.txt").stat().st_size
    assert _inline(raw, out, inline_max_bytes=size) is True
    assert _inline(raw, out, inline_max_bytes=size - 1) is False
    assert _inline(raw, out, inline_max_bytes=0) is False  # 0: always the pool
    assert _inline(raw, out, kind="dask", inline_max_bytes=size) is False


def test_only_the_files_not_ingested_yet_count_and_a_killed_run_gets_the_pool(tmp_path, monkeypatch):
    from khabar.store import Store

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "old.txt").write_text(STORY * 20, encoding="utf-8")
    (raw / "new.txt").write_text(OTHER, encoding="utf-8")
    known = {(path_key(raw / "old.txt"), file_sha256(raw / "old.txt"))}
    monkeypatch.setattr(Store, "ingested_keys", lambda self: known)
    limit = (raw / "new.txt").stat().st_size
    assert _inline(raw, out, inline_max_bytes=limit) is True
    monkeypatch.setattr(Store, "open_journals", lambda self: ["20260304T120000-abcdef"])
    assert _inline(raw, out, inline_max_bytes=limit) is False

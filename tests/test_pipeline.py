"""The whole pipeline through the CLI, on our sample articles and on real news.

These tests run real flows (Prefect test harness, process pool of two
workers), so they share runs through module-scoped fixtures.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from khabar.cli import main as khabar
from khabar.store import Store

from .conftest import SAMPLE_RAW

DESIGN_DATASETS = [
    "documents", "quarantine", "normalised", "sentences", "tokens", "entities",
    "quotes", "dates", "amounts", "entity_daily", "runs",
]
SPAN_DATASETS = {"sentences": None, "tokens": "form", "entities": "text", "quotes": "text", "dates": "text", "amounts": "text"}


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory) -> str:
    """Config running tasks in the test process: no pool to start, for the smaller runs."""
    path = tmp_path_factory.mktemp("config") / "one-worker.toml"
    path.write_text("[runner]\nworkers = 1\n", encoding="utf-8")
    return str(path)


def runs_of(out: Path) -> list[dict]:
    return Store(out).runs().to_pylist()


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, prefect_harness) -> Path:
    out = tmp_path_factory.mktemp("sample") / "processed"
    assert khabar(["run", "--raw", str(SAMPLE_RAW), "--out", str(out)]) == 0
    return out


def test_sample_run_writes_every_dataset_and_duckdb_reads_them(sample_store):
    for name in DESIGN_DATASETS:
        files = list((sample_store / name).glob("dt=*/*.parquet"))
        assert files, f"{name} has no Parquet files"
        count = duckdb.sql(f"select count(*) from read_parquet('{sample_store}/{name}/**/*.parquet', hive_partitioning=true)").fetchall()[0][0]
        assert count > 0, name
    # the dt partition column comes from the folder names
    dts = duckdb.sql(f"select distinct dt::varchar from read_parquet('{sample_store}/documents/**/*.parquet', hive_partitioning=true) order by 1").fetchall()
    assert ("2026-11-25",) in dts and ("2026-11-26",) in dts


def test_sample_run_accounts_for_every_record(sample_store):
    (run,) = runs_of(sample_store)
    counts = json.loads(run["counts"])["ingest"]
    # wire.jsonl: 5 lines (one blank text, one cut JSON line), economy.jsonl.gz: 2, beirut.txt: 1
    assert counts["records_seen"] == 8
    assert counts["documents"] == 6 and counts["quarantined"] == 2 and counts["duplicates"] == 0
    quarantine = Store(sample_store).read_dataset("quarantine").to_pylist()
    assert sorted(q["reason"] for q in quarantine) == ["no_text", "not_json"]
    assert all(q["raw_path"].endswith("wire.jsonl") for q in quarantine)
    assert {q["raw_record"] for q in quarantine} == {2, 4}


def test_sample_offsets_hold_for_every_span(sample_store):
    assert_offsets_hold(sample_store)


def test_sample_entities_find_the_people_of_the_articles(sample_store):
    entities = Store(sample_store).read_dataset("entities").to_pylist()
    people = {(e["text"], e["canonical"], e["role"]) for e in entities if e["label"] == "PER"}
    # full name with its title split off, then the short form linked to it
    assert ("محمد شياع السوداني", "محمد شياع السوداني", "رئيس الوزراء العراقي") in people
    assert ("السوداني", "محمد شياع السوداني", None) in people
    assert ("عبد الله بو حبيب", "عبد الله بو حبيب", "وزير الخارجية اللبناني") in people
    assert ("بو حبيب", "عبد الله بو حبيب", None) in people
    ids = {e["entity_id"] for e in entities if e["canonical"] == "محمد شياع السوداني"}
    assert len(ids) == 1


def test_second_run_on_same_input_does_nothing(sample_store, capsys):
    before = {p: p.stat().st_mtime_ns for p in sample_store.rglob("*.parquet") if "runs" not in p.parts}
    assert khabar(["run", "--raw", str(SAMPLE_RAW), "--out", str(sample_store)]) == 0
    assert "nothing new to ingest: no stage ran" in capsys.readouterr().err
    after = {p: p.stat().st_mtime_ns for p in sample_store.rglob("*.parquet") if "runs" not in p.parts}
    assert before == after
    assert [r["status"] for r in runs_of(sample_store)] == ["completed", "nothing_to_do"]


def test_reprocess_reproduces_the_same_rows(sample_store):
    store = Store(sample_store)
    before = {name: _rows_without_run_id(store, name) for name in SPAN_DATASETS}
    assert khabar(["reprocess", "--since", "2026-11-25", "--until", "2026-11-25", "--out", str(sample_store)]) == 0
    after = {name: _rows_without_run_id(store, name) for name in SPAN_DATASETS}
    assert before == after
    last = runs_of(sample_store)[-1]
    assert last["flow"] == "reprocess" and last["partitions"] == ["2026-11-25"]
    reprocessed = set(store.read_partition("tokens", "2026-11-25", ["run_id"]).column("run_id").to_pylist())
    assert reprocessed == {last["run_id"]}


def test_extract_cut_into_pieces_writes_the_rows_of_whole_shards(sample_store, tmp_path, monkeypatch, capsys):
    from khabar import stages

    # the flow, in this process, cuts the sample's small shards into pieces of a few documents
    monkeypatch.setattr(stages, "MIN_PIECE_DOCS", 1)
    monkeypatch.setattr(stages, "UNIT_OVERHEAD", 0)
    out = tmp_path / "pieces"
    assert khabar(["run", "--raw", str(SAMPLE_RAW), "--out", str(out)]) == 0
    assert "shard pieces" in capsys.readouterr().err
    whole, pieces = Store(sample_store), Store(out)
    for name in ("entities", "quotes", "dates", "amounts"):
        assert _rows_without_run_id(pieces, name) == _rows_without_run_id(whole, name), name
        assert {dt: pieces.parts(name, dt) for dt in pieces.partitions(name)} == {dt: whole.parts(name, dt) for dt in whole.partitions(name)}
    assert not (out / "_staging").exists() or not any((out / "_staging").iterdir())


def _rows_without_run_id(store: Store, name: str) -> list[tuple]:
    table = store.read_dataset(name).drop_columns(["run_id"])
    return sorted(tuple(row.values()) for row in table.to_pylist())


def assert_offsets_hold(out: Path) -> None:
    store = Store(out)
    texts = dict(zip(*[store.read_dataset("documents", ["doc_id", "text"]).column(c).to_pylist() for c in ("doc_id", "text")]))
    for name, surface in SPAN_DATASETS.items():
        rows = store.read_dataset(name).to_pylist()
        for row in rows:
            text = texts[row["doc_id"]]
            assert 0 <= row["start"] < row["end"] <= len(text), (name, row)
            if surface:
                assert text[row["start"] : row["end"]] == row[surface], (name, row)


def _write_saudinewsnet_slice(source: Path, target: Path, records: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(source, "rt", encoding="utf-8") as src, open(target, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i == records:
                break
            dst.write(line)


@pytest.mark.slow
def test_real_saudinewsnet_shard_offsets_and_reconciliation(tmp_path, shared_data, prefect_harness, one_worker):
    raw = tmp_path / "raw" / "snn.jsonl"
    _write_saudinewsnet_slice(shared_data / "saudinewsnet" / "2015-07-21.jsonl.gz", raw, 400)
    out = tmp_path / "out"
    assert khabar(["run", "--raw", str(raw), "--out", str(out), "--config", one_worker]) == 0
    counts = json.loads(runs_of(out)[-1]["counts"])["ingest"]
    assert counts["records_seen"] == 400
    assert counts["documents"] + counts["quarantined"] + counts["duplicates"] == 400
    assert counts["documents"] > 350
    assert_offsets_hold(out)
    tokens = Store(out).read_dataset("tokens", ["doc_id"]).num_rows
    assert tokens > 50_000


def test_bad_input_is_quarantined_and_the_run_goes_on(tmp_path, prefect_harness, one_worker):
    raw = tmp_path / "raw"
    raw.mkdir()
    good = {"content": "قال وزير المالية إن الميزانية سترتفع العام المقبل.", "published_at": "2026-01-05T10:00:00Z"}
    (raw / "invalid-utf8.txt").write_bytes(b"\xff\xfe\xfa bad bytes \xc3\x28 \x80\x81")
    (raw / "mixed.jsonl").write_text(json.dumps(good, ensure_ascii=False) + "\n{not json\n" + json.dumps({"content": ""}) + "\n", encoding="utf-8")
    (raw / "empty.jsonl").write_bytes(b"")
    out = tmp_path / "out"
    assert khabar(["run", "--raw", str(raw), "--out", str(out), "--config", one_worker]) == 0
    quarantine = Store(out).read_dataset("quarantine").to_pylist()
    reasons = {(Path(q["raw_path"]).name, q["reason"]) for q in quarantine}
    assert ("invalid-utf8.txt", "undecodable") in reasons
    assert ("mixed.jsonl", "not_json") in reasons
    assert ("mixed.jsonl", "no_text") in reasons
    assert ("empty.jsonl", "no_text") in reasons or ("empty.jsonl", "empty_file") in reasons
    assert all(q["detail"] for q in quarantine)
    counts = json.loads(runs_of(out)[-1]["counts"])["ingest"]
    assert counts["documents"] == 1
    assert counts["records_seen"] == counts["documents"] + counts["quarantined"] + counts["duplicates"]


def test_exact_duplicates_are_skipped_within_and_across_runs(tmp_path, prefect_harness, one_worker):
    raw = tmp_path / "raw"
    raw.mkdir()
    article = {"content": "أعلنت وزارة الصحة تسجيل ١٢ إصابة جديدة في جدة.", "source": "a", "published_at": "2026-02-01T08:00:00Z"}
    (raw / "one.jsonl").write_text("\n".join(json.dumps({**article, "source": s}, ensure_ascii=False) for s in "ab") + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert khabar(["run", "--raw", str(raw), "--out", str(out), "--config", one_worker]) == 0
    (raw / "two.jsonl").write_text(json.dumps({**article, "source": "c"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert khabar(["run", "--raw", str(raw), "--out", str(out), "--config", one_worker]) == 0
    runs = runs_of(out)
    first, second = (json.loads(r["counts"])["ingest"] for r in runs)
    assert (first["documents"], first["duplicates"]) == (1, 1)
    assert (second["records_seen"], second["documents"], second["duplicates"]) == (1, 0, 1)
    assert Store(out).read_dataset("documents").num_rows == 1
    assert sorted(Store(out).read_dataset("duplicates").column("source").to_pylist()) == ["b", "c"]


def test_runs_on_a_dask_local_cluster(tmp_path, prefect_harness):
    config = tmp_path / "dask.toml"
    config.write_text('[runner]\nkind = "dask"\nworkers = 2\n', encoding="utf-8")
    out = tmp_path / "out"
    assert khabar(["run", "--raw", str(SAMPLE_RAW / "2026-11-25"), "--out", str(out), "--config", str(config)]) == 0
    assert Store(out).read_dataset("documents").num_rows == 3
    assert_offsets_hold(out)


@pytest.mark.parametrize(
    "argv_tail, message",
    [
        (["run", "--raw", "/no/such/path"], "input path not found: /no/such/path"),
        (["run", "--raw", str(SAMPLE_RAW), "--out", "/proc/khabar-cannot-write"], "cannot write to output root"),
    ],
)
def test_cli_errors_are_one_line(argv_tail, message, capsys):
    assert khabar(argv_tail) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("khabar: error:") and message in err and "\n" not in err and "Traceback" not in err


def test_unreadable_config_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[runner\nkind = ", encoding="utf-8")
    assert khabar(["run", "--config", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("khabar: error: config file") and "not valid TOML" in err and "\n" not in err
    assert khabar(["run", "--config", str(tmp_path / "missing.toml")]) == 2
    assert "config file not found" in capsys.readouterr().err


def test_a_second_run_on_the_same_store_refuses_while_the_first_holds_it(tmp_path, capsys):
    from khabar.store import StoreLock

    out = tmp_path / "out"
    out.mkdir()
    with StoreLock(Store(out), "run test-holder"):
        assert khabar(["run", "--raw", str(SAMPLE_RAW), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "is in use by khabar run test-holder" in err and "wait for it to finish" in err


def test_status_reconciles_runs_and_flags_partitions_of_another_config_as_stale(sample_store, tmp_path, capsys):
    assert khabar(["status", "--out", str(sample_store), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["datasets"]["documents"]["rows"] == 6
    assert status["quarantine_by_reason"] == {"no_text": 1, "not_json": 1}
    assert all(run["reconciles"] for run in status["runs"])
    assert status["stale"] == []
    changed = tmp_path / "changed.toml"
    changed.write_text("[normalise]\nteh_marbuta = false\n", encoding="utf-8")
    assert khabar(["status", "--out", str(sample_store), "--config", str(changed)]) == 0
    text = capsys.readouterr().out
    assert "records 8 = documents 6 + quarantined 2 + duplicates 0 (ok)" in text
    assert "entities/dt=2026-11-25: " in text and "tokens/dt=2026-11-26: " in text

"""khabar warehouse: DuckDB views over a small store written here with pyarrow."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from khabar import cli, schemas, warehouse


def write(out: Path, dataset: str, dt: str, rows: list[dict], schema: pa.Schema | None = None, part: str = "part-00000") -> None:
    """One part file of the store layout: <out>/<dataset>/dt=<dt>/<part>.parquet, zstd."""
    schema = schema or schemas.DATASETS[dataset]
    rows = [{"run_id": "r1", **r} for r in rows] if "run_id" in schema.names else rows
    path = out / dataset / f"dt={dt}" / f"{part}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path, compression="zstd")


def ed(entity_id, canonical, label, mentions, documents=1):
    return {"entity_id": entity_id, "canonical": canonical, "label": label, "mentions": mentions, "documents": documents, "sources": 1}


@pytest.fixture
def store(tmp_path):
    out = tmp_path / "store"
    write(out, "entity_daily", "2015-07-10", [ed("per:fahd", "فهد", "PER", 50)])  # outside the last week
    write(out, "entity_daily", "2015-07-15", [ed("per:salman", "الملك سلمان", "PER", 3), ed("org:aramco", "أرامكو", "ORG", 40)])
    write(out, "entity_daily", "2015-07-20", [ed("per:salman", "سلمان بن عبدالعزيز", "PER", 7, 4), ed("per:jubeir", "عادل الجبير", "PER", 5)])
    write(out, "entity_daily", "2015-07-21", [ed("per:jubeir", "عادل الجبير", "PER", 6)])

    def doc(doc_id, source):
        return {"doc_id": doc_id, "source": source, "text": "نص الخبر", "raw_path": "raw.jsonl", "raw_record": 0, "ingested_at": datetime(2015, 7, 21, tzinfo=timezone.utc)}

    def quote(doc_id, idx, speaker, speaker_id):
        return {"doc_id": doc_id, "quote_idx": idx, "start": 0, "end": 4, "text": "نعمل", "speaker": speaker, "speaker_entity_id": speaker_id}

    write(out, "documents", "2015-07-20", [doc("d1", "spa"), doc("d2", "okaz")])
    write(out, "documents", "2015-07-21", [doc("d3", "spa")])
    write(out, "quotes", "2015-07-20", [quote("d1", 0, "الوزير الجبير", "per:jubeir"), quote("d1", 1, "الجبير", "per:jubeir"), quote("d2", 0, "الجبير", "per:jubeir")])
    write(out, "quotes", "2015-07-21", [quote("d3", 0, "عادل الجبير", "per:jubeir"), quote("d3", 1, "مصدر مسؤول", None), quote("d3", 2, None, None)])

    def money(unit, total, count, docs, kind="money"):
        return {"kind": kind, "unit": unit, "total": total, "count": count, "documents": docs}

    write(out, "amounts_daily", "2015-07-20", [money("SAR", 5e9, 3, 2), money("USD", 2e6, 1, 1), money("percent", 12.0, 2, 1, kind="percent")])
    write(out, "amounts_daily", "2015-07-21", [money("SAR", 1e9, 2, 1)])
    (out / "_staging" / "r9" / "entity_daily").mkdir(parents=True)  # work in progress: not a dataset
    (out / "sentences" / "dt=2015-07-21").mkdir(parents=True)  # a partition a stage left empty: no view
    return out


def test_views_read_from_another_working_directory(store, tmp_path, monkeypatch):
    database, views = warehouse.build(store)
    assert database == store / "khabar.duckdb"
    assert set(views) == {"entity_daily", "documents", "quotes", "amounts_daily", "person_ids", "top_people_week", "who_quoted_whom", "money_by_currency"}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    con = duckdb.connect(str(database), read_only=True)
    rows = con.execute("select dt, entity_id, mentions from entity_daily where dt = date '2015-07-20' order by entity_id").fetchall()
    con.close()
    assert [(str(dt), e, m) for dt, e, m in rows] == [("2015-07-20", "per:jubeir", 5), ("2015-07-20", "per:salman", 7)]


def test_a_column_added_in_later_partitions_still_reads(tmp_path):
    out = tmp_path / "store"
    old = schemas.ENTITY_DAILY.remove(schemas.ENTITY_DAILY.get_field_index("sources"))  # written before 'sources' existed
    write(out, "entity_daily", "2015-07-01", [{k: v for k, v in ed("per:a", "أحمد", "PER", 2).items() if k != "sources"}], schema=old)
    write(out, "entity_daily", "2015-07-02", [ed("per:a", "أحمد", "PER", 3)])
    database, _ = warehouse.build(out)
    con = duckdb.connect(str(database), read_only=True)
    rows = con.execute("select strftime(dt, '%Y-%m-%d'), mentions, sources from entity_daily order by dt").fetchall()
    con.close()
    assert rows == [("2015-07-01", 2, None), ("2015-07-02", 3, 1)]


def test_top_people_this_week_covers_the_seven_days_ending_on_the_latest_day(store):
    database, _ = warehouse.build(store)
    rows = warehouse.run_query(database, "top_people_week").to_pylist()
    # fahd (2015-07-10) is outside 07-15..07-21; aramco is an ORG; salman's most mentioned spelling wins
    assert [(r["entity_id"], r["canonical"], r["mentions"], r["days"]) for r in rows] == [
        ("per:jubeir", "عادل الجبير", 11, 2),
        ("per:salman", "سلمان بن عبدالعزيز", 10, 2),
    ]


def test_who_quoted_whom_counts_quotes_per_outlet_and_speaker(store):
    database, _ = warehouse.build(store)
    rows = warehouse.run_query(database, "who_quoted_whom").to_pylist()
    assert [(r["source"], r["speaker_id"], r["quotes"], r["documents"]) for r in rows] == [
        ("spa", "per:jubeir", 3, 2),
        ("okaz", "per:jubeir", 1, 1),
    ]  # unnamed speakers (مصدر مسؤول) and the anonymous quote are left out


def test_money_by_currency_sums_the_days(store):
    database, _ = warehouse.build(store)
    rows = warehouse.run_query(database, "money_by_currency").to_pylist()
    assert [(r["currency"], r["total"], r["mentions"], r["documents"], str(r["first_day"]), str(r["last_day"])) for r in rows] == [
        ("SAR", 6e9, 5, 3, "2015-07-20", "2015-07-21"),
        ("USD", 2e6, 1, 1, "2015-07-20", "2015-07-20"),
    ]


def test_rebuild_drops_views_of_datasets_that_are_gone_and_leaves_no_temp_files(store):
    warehouse.build(store)
    for path in (store / "amounts_daily").glob("*/*.parquet"):
        path.unlink()
    _, views = warehouse.build(store)
    assert "amounts_daily" not in views and "money_by_currency" not in views
    assert sorted(p.name for p in store.iterdir() if p.name.startswith(".") or "duckdb" in p.name) == ["khabar.duckdb"]


def test_command_uses_paths_out_from_the_config_and_prints_a_query(store, tmp_path, capsys):
    config = tmp_path / "my.toml"
    config.write_text(f'[paths]\nout = "{store.as_posix()}"\n', encoding="utf-8")
    assert cli.main(["warehouse", "--config", str(config), "--query", "money_by_currency"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith(f"{store / 'khabar.duckdb'}: 8 views")
    assert printed[1].split("\t")[:3] == ["currency", "total", "mentions"]
    assert printed[2].split("\t")[:3] == ["SAR", "6000000000.0", "5"]


def test_command_on_a_missing_store_is_a_one_line_user_error(tmp_path, capsys):
    assert cli.main(["warehouse", "--out", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("khabar: error: no store at") and err.count("\n") == 1
    assert not os.path.exists(tmp_path / "nowhere")

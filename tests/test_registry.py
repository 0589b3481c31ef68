"""The entity registry: aliases per day, lookup by any written form, nightly == all at once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from khabar import aggregate, cli, registry, schemas, warehouse
from khabar.extract.canonical import entity_id
from khabar.store import Store

from .conftest import SAMPLE_RAW

CFG = {"link_short_names": True, "max_entities_per_doc": 50, "sample_quotes": 3}


def mention(doc_id: str, text: str, canonical: str, label: str = "PER") -> dict:
    return {"doc_id": doc_id, "sent_idx": 0, "start": 0, "end": len(text), "text": text, "label": label, "entity_id": entity_id(label, canonical), "canonical": canonical, "score": 1.0}


def entities(*rows: dict) -> pa.Table:
    return schemas.table_from_rows("entities", [{**r, "mention_idx": i} for i, r in enumerate(rows)])


def documents(*ids: str) -> pa.Table:
    return schemas.table_from_rows("documents", [{"doc_id": d, "source": "spa", "text": "نص", "raw_path": "r", "raw_record": i} for i, d in enumerate(ids)])


DAY1 = entities(
    mention("a1", "جوزيف بلاتر", "جوزيف بلاتر"),
    mention("a1", "بلاتر", "جوزيف بلاتر"),  # linked within the document already
    mention("a2", "جوزيف بلاتر", "جوزيف بلاتر"),
    mention("a3", "بلاتر", "بلاتر"),  # alone in its article: the day links it
    mention("a3", "فهد", "فهد"),  # a given name alone: nobody in particular
    mention("a3", "الفيفا", "الفيفا", "ORG"),
)
DAY2 = entities(
    mention("b1", "جوزيف بلاتر", "جوزيف بلاتر"),
    mention("b2", "جوزيف بلاتر", "جوزيف بلاتر"),
    mention("b2", "فيفا", "فيفا", "ORG"),
    mention("b2", "الاتحاد الدولي لكرة القدم", "الاتحاد الدولي لكرة القدم", "ORG"),
)
BLATTER, FIFA = entity_id("PER", "جوزيف بلاتر"), entity_id("ORG", "فيفا")


def test_aliases_of_a_day_are_counted_under_the_days_ids():
    rows = aggregate.entity_aliases_daily(entities=DAY1, cfg=CFG).to_pylist()
    assert {(r["entity_id"], r["alias"]): (r["mentions"], r["documents"]) for r in rows} == {
        (BLATTER, "جوزيف بلاتر"): (2, 2),
        (BLATTER, "بلاتر"): (2, 2),
        (FIFA, "الفيفا"): (1, 1),
    }
    assert entity_id("ORG", "الفيفا") == FIFA == entity_id("ORG", "الاتحاد الدولي لكرة القدم")


def _store(tmp_path: Path, days: dict[str, pa.Table]) -> Path:
    for dt, ents in days.items():
        docs = documents(*sorted(set(ents.column("doc_id").to_pylist())))
        for name, (inputs, fn) in aggregate.AGGREGATES.items():
            if name in ("entity_daily", "entity_aliases_daily"):
                table = fn(entities=ents, documents=docs, cfg=CFG) if "documents" in inputs else fn(entities=ents, cfg=CFG)
                path = tmp_path / name / f"dt={dt}" / "part-00000.parquet"
                path.parent.mkdir(parents=True, exist_ok=True)
                pq.write_table(schemas.with_run_id(name, table, "r1"), path)
    return tmp_path


def test_lookup_by_any_written_form(tmp_path):
    store = Store(_store(tmp_path, {"2015-07-21": DAY1, "2015-07-22": DAY2}))
    for name in ("بلاتر", "جوزيف بلاتر", "جوزيف  بلاتر"):
        rows = registry.lookup(store, name)
        assert [r["entity_id"] for r in rows] == [BLATTER], name
    blatter = registry.lookup(store, "بلاتر")[0]
    assert blatter == {
        "entity_id": BLATTER, "label": "PER", "canonical": "جوزيف بلاتر", "canonical_latin": None, "aliases": ["جوزيف بلاتر", "بلاتر"],
        "ids": [BLATTER], "first_seen": "2015-07-21", "last_seen": "2015-07-22", "mentions": 6, "documents": 5,
        "per_day": {"2015-07-21": 4, "2015-07-22": 2},
    }
    fifa = registry.lookup(store, "الفيفا")
    assert [(r["entity_id"], r["mentions"], r["aliases"]) for r in fifa] == [(FIFA, 3, ["الاتحاد الدولي لكرة القدم", "الفيفا", "فيفا"])]
    assert registry.lookup(store, "فهد") == []  # left out of the aggregates
    assert registry.lookup(store, "أحد لا يعرفه أحد") == []


def _mentions(*spec: tuple[str, str, int]) -> pa.Table:
    return entities(*(mention(doc, name, name) for doc, name, n in spec for _ in range(n)))


# One man, most often written جوزيف بلاتر on one day and سيب بلاتر on another (each day's fullest form in
# two documents ties the forms); on a third day سيب بلاتر alone. Two different Bushes own بوش on two days.
CROSS_DAYS = {
    "2015-07-21": _mentions(("a1", "جوزيف بلاتر", 2), ("a2", "جوزيف بلاتر", 1), ("a1", "سيب جوزيف بلاتر", 1), ("a2", "سيب جوزيف بلاتر", 1),
                            ("a3", "سيب بلاتر", 1), ("a1", "جيب بوش", 1), ("a2", "جيب بوش", 1), ("a3", "بوش", 1)),
    "2015-07-22": _mentions(("b1", "سيب بلاتر", 2), ("b2", "سيب بلاتر", 1), ("b1", "سيب جوزيف بلاتر", 1), ("b2", "سيب جوزيف بلاتر", 1),
                            ("b3", "جوزيف بلاتر", 1), ("b1", "جورج بوش", 1), ("b2", "جورج بوش", 1), ("b3", "بوش", 1)),
    "2015-07-23": _mentions(("c1", "سيب بلاتر", 1), ("c2", "سيب بلاتر", 1)),
}
SEPP = entity_id("PER", "سيب بلاتر")


def test_a_person_written_differently_on_different_days_is_one_registry_row(tmp_path, capsys):
    store = Store(_store(tmp_path, CROSS_DAYS))
    day_ids = {dt: set(store.read_partition("entity_daily", dt, ["entity_id"]).column("entity_id").to_pylist()) for dt in CROSS_DAYS}
    assert BLATTER in day_ids["2015-07-21"] and SEPP in day_ids["2015-07-22"] | day_ids["2015-07-23"]  # each day its own choice
    assert registry.person_ids(store.read_dataset("entity_aliases_daily")) == {BLATTER: min(BLATTER, SEPP), SEPP: min(BLATTER, SEPP)}
    for name in ("سيب بلاتر", "جوزيف بلاتر", "سيب جوزيف بلاتر"):
        rows = registry.lookup(store, name)
        assert [(r["entity_id"], r["ids"], r["mentions"], r["per_day"]) for r in rows] == [
            (min(BLATTER, SEPP), sorted([BLATTER, SEPP]), 14, {"2015-07-21": 6, "2015-07-22": 6, "2015-07-23": 2})
        ], name
    assert cli.main(["entities", "سيب بلاتر", "--out", str(tmp_path)]) == 0
    assert f"day ids joined: {', '.join(sorted([BLATTER, SEPP]))}" in capsys.readouterr().out
    # a surname's day owner is no link between days: the two Bushes stay two rows
    assert sorted(r["canonical"] for r in registry.lookup(store, "بوش")) == ["جورج بوش", "جيب بوش"]


PERSON_TIES = pa.table({
    # a (one day) and c (another) are forms under the fullest name F; b is a form only, tied to F too;
    # c's mentions under its own name on a day without F change nothing; c once under a glued G (1 of 5 mentions)
    "entity_id": ["a", "a", "c", "c", "c", "d", "e", "x"],
    "variant_id": ["a", "b", "c", None, "c", "m", "m", None],
    "fullest_id": ["F", "F", "F", None, "G", "G", "H", None],
    "mentions": [3, 2, 4, 7, 1, 2, 2, 1],
})


def test_person_ids_tie_day_ids_through_the_fullest_form_that_holds_their_mentions():
    # m was a form of two fullest names as often (G one day, H another): it ties d and e to nothing
    assert registry.person_ids(PERSON_TIES) == {"a": "a", "c": "a"}


def test_the_warehouse_ties_ids_as_the_registry_does():
    con = duckdb.connect()
    con.register("entity_aliases_daily", PERSON_TIES)
    assert dict(con.sql(warehouse.QUERIES["person_ids"][1]).fetchall()) == {"a": "a", "c": "a"}


def test_the_warehouse_joins_the_same_ids_as_the_registry(tmp_path):
    out = _store(tmp_path, CROSS_DAYS)
    database, _ = warehouse.build(out)
    con = duckdb.connect(str(database), read_only=True)
    joined = dict(con.sql("select entity_id, registry_id from person_ids").fetchall())
    row = con.sql("select entity_id, ids, mentions from entity_registry where list_contains(ids, ?)", params=[SEPP]).fetchall()
    top = con.sql("select entity_id, mentions, days from top_people_week").fetchall()
    con.close()
    assert joined == registry.person_ids(Store(out).read_dataset("entity_aliases_daily"))
    assert row == [(min(BLATTER, SEPP), sorted([BLATTER, SEPP]), 14)]
    assert top[0] == (min(BLATTER, SEPP), 14, 3)


NIGHTLY_DATASETS = ("documents", "entities", "quotes", "entity_daily", "entity_aliases_daily", "speakers_daily", "cooccurrence")


def _rows(store: Store, name: str) -> list[tuple]:
    table = store.read_dataset(name)
    table = table.drop_columns([c for c in ("run_id", "ingested_at") if c in table.column_names])
    return sorted(tuple(str(v) for v in row.values()) for row in table.to_pylist())


# Ingested on the second night, published on the first night's day: that day is aggregated again.
LATE_ARTICLE = {
    "id": "kh-late-1", "source": "khabar-wire", "url": "https://example.org/khabar/late-1", "title": "المفوضة الأوروبية في بغداد",
    "published_at": "2026-11-25T21:00:00+03:00",
    "content": "بغداد - قالت المفوضة الأوروبية كادري سيمسون إن «التعاون مع العراق في الطاقة يتسع». والتقت سيمسون رئيس الوزراء السوداني مساء الثلاثاء.",
}


def _nights(raw: Path) -> list[list[tuple[Path, Path]]]:
    late = raw.parent / "late.jsonl"
    late.write_text(json.dumps(LATE_ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    return [[(SAMPLE_RAW / "2026-11-25", raw / "2026-11-25")],
            [(SAMPLE_RAW / "2026-11-26", raw / "2026-11-26"), (late, raw / "late" / "late.jsonl")]]


def _arrive(files: list[tuple[Path, Path]]) -> None:
    for source, target in files:
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)


def test_nightly_runs_give_the_rows_and_registry_of_one_run_over_all_nights(tmp_path, prefect_harness):
    nights = _nights(tmp_path / "raw")
    for night in nights:
        _arrive(night)
        assert cli.main(["run", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "nightly")]) == 0
    assert cli.main(["run", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "once")]) == 0
    nightly, once = Store(tmp_path / "nightly"), Store(tmp_path / "once")
    second_night = nightly.runs().to_pylist()[-1]["run_id"]
    assert set(nightly.read_partition("entity_daily", "2026-11-25", ["run_id"]).column("run_id").to_pylist()) == {second_night}
    for name in NIGHTLY_DATASETS:
        assert _rows(nightly, name) == _rows(once, name), name
    names = set(once.read_dataset("entity_daily").column("canonical").to_pylist())
    assert "كادري سيمسون" in names
    for name in sorted(names):
        assert registry.lookup(nightly, name) == registry.lookup(once, name), name


def test_warehouse_view_and_command(tmp_path, capsys):
    out = _store(tmp_path, {"2015-07-21": DAY1, "2015-07-22": DAY2})
    database, views = warehouse.build(out)
    assert "entity_registry" in views
    con = duckdb.connect(str(database), read_only=True)
    top = con.sql("select entity_id, label, canonical, aliases, first_seen::varchar, last_seen::varchar, mentions, documents from entity_registry").fetchall()
    con.close()
    assert top[0] == (BLATTER, "PER", "جوزيف بلاتر", ["جوزيف بلاتر", "بلاتر"], "2015-07-21", "2015-07-22", 6, 5)
    assert cli.main(["entities", "عبد الله"] + ["--out", str(out)]) == 1
    assert cli.main(["entities", "بلاتر", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert BLATTER in printed and "per day: 2015-07-21 4, 2015-07-22 2" in printed

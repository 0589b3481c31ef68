"""Names in Latin script: canonical_latin on entities, entity_daily, speakers_daily, the registry and the CLI."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from khabar import aggregate, cli, registry, schemas, warehouse
from khabar.extract import latin
from khabar.extract.canonical import entity_id
from khabar.store import Store

CFG = {"link_short_names": True, "max_entities_per_doc": 50, "sample_quotes": 3}


@pytest.mark.parametrize(
    "label, canonical, expected",
    [
        # persons: the list, then word spellings of the English press (Mohammed, Abdulaziz, bin, al-)
        ("PER", "محمد بن سلمان", "Mohammed bin Salman"),
        ("PER", "محمد بن سلمان بن عبدالعزيز", "Mohammed bin Salman bin Abdulaziz"),
        ("PER", "باراك أوباما", "Barack Obama"),
        ("PER", "عبد العزيز", "Abdulaziz"),
        ("PER", "عبدالعزيز", "Abdulaziz"),
        ("PER", "سلمان بن عبد العزيز آل سعود", "Salman bin Abdulaziz"),  # the id fold drops آل سعود, so does the list
        ("PER", "فهد بن سلطان آل سعود", "Fahd bin Sultan Al Saud"),  # not listed: word by word, آل as the family
        ("PER", "خالد القحطاني", "Khalid al-Qahtani"),
        # places: CLDR (Egypt, Riyadh) and ours (Jeddah), any spelling the id fold accepts
        ("LOC", "الرياض", "Riyadh"),
        ("LOC", "مصر", "Egypt"),
        ("LOC", "جمهورية مصر العربية", "Egypt"),
        ("LOC", "المملكة العربية السعودية", "Saudi Arabia"),
        ("LOC", "السعوديه", "Saudi Arabia"),
        ("LOC", "جدة", "Jeddah"),
        ("ORG", "مصر", "Egypt"),  # a place the tagger called an organisation is still the place
        # organisations: ours, then a facility named after a person, an Arabic one-word name
        ("ORG", "الأمم المتحدة", "United Nations"),
        ("ORG", "منظمة الأمم المتحدة", "United Nations"),
        ("ORG", "داعش", "ISIS"),
        ("ORG", "جامعة الملك عبدالعزيز", "King Abdulaziz University"),
        ("ORG", "مطار الملك خالد الدولي", "King Khalid International Airport"),
        ("LOC", "جسر الملك فهد", "King Fahd Bridge"),  # a facility the tagger calls a place
        # a head word before a listed place; a joined أبو nobody spelled whole
        ("ORG", "أمانة جدة", "Jeddah Municipality"),
        ("LOC", "غرب القاهرة", "West Cairo"),
        ("LOC", "سورية", "Syria"),
        ("PER", "خالد أبو الزرقوط", "Khalid Abu al-Zaraqut"),
        ("ORG", "الشباب", "Al-Shabab"),
        ("ORG", "الرائد", "Al-Raed"),
    ],
)
def test_latin_names(label, canonical, expected):
    assert latin.latin(label, canonical) == expected


def test_no_latin_name_rather_than_a_misleading_one():
    assert latin.latin("ORG", "هيئة تطوير المنطقة") is None  # descriptive: spelled out it would mislead
    assert latin.latin("ORG", "كوداك") is None  # foreign: not recoverable from its Arabic spelling
    assert latin.latin("MISC", "كأس العالم") is None
    assert latin.latin("PER", "") is None
    assert latin.latin("PER", "John 3") is None  # not Arabic letters: nothing to transliterate
    assert latin.latin("XYZ", "مصر") is None


def test_an_unlisted_word_gets_a_rough_spelling_by_the_letter_rules():
    assert latin.romanize("بلاتر") == "balatr"
    assert latin.romanize("عرعر") == "arar"  # ع gives the vowel no letter writes
    assert latin.latin("PER", "فايز عليك") == "Fayez Alik"
    assert latin.latin("PER", "زرقوط") == "Zaraqut"


def test_add_latin_names_each_distinct_canonical_once(monkeypatch):
    calls = []
    real = latin.latin
    monkeypatch.setattr(latin, "latin", lambda label, name: calls.append((label, name)) or real(label, name))
    table = pa.table({"label": ["LOC", "LOC", "PER", "LOC"], "canonical": ["الرياض", "الرياض", "الرياض", "مصر"]})
    out = latin.add_latin(table)
    assert out.column("canonical_latin").to_pylist() == ["Riyadh", "Riyadh", "Al-Riad", "Egypt"]  # a man named الرياض: Wikidata spells رياض Riad
    assert calls == [("LOC", "الرياض"), ("PER", "الرياض"), ("LOC", "مصر")]
    assert latin.add_latin(out).column_names == ["label", "canonical", "canonical_latin"]  # replaced, not added twice


def mention(doc_id: str, text: str, canonical: str, label: str = "PER") -> dict:
    return {"doc_id": doc_id, "sent_idx": 0, "start": 0, "end": len(text), "text": text, "label": label,
            "entity_id": entity_id(label, canonical), "canonical": canonical, "score": 1.0}


def entities(*rows: dict) -> pa.Table:
    return latin.add_latin(schemas.table_from_rows("entities", [{**r, "mention_idx": i} for i, r in enumerate(rows)]))


def documents(*ids: str) -> pa.Table:
    return schemas.table_from_rows("documents", [{"doc_id": d, "source": "spa", "text": "نص", "raw_path": "r", "raw_record": i} for i, d in enumerate(ids)])


OBAMA, RIYADH = entity_id("PER", "باراك أوباما"), entity_id("LOC", "الرياض")
DAY = entities(
    mention("a1", "باراك أوباما", "باراك أوباما"),
    mention("a1", "الرياض", "الرياض", "LOC"),
    mention("a2", "أوباما", "أوباما"),  # alone in its article: the day links it to باراك أوباما
    mention("a2", "باراك أوباما", "باراك أوباما"),
)


def test_entity_daily_and_speakers_daily_carry_canonical_latin():
    docs = documents("a1", "a2")
    daily = aggregate.entity_daily(entities=DAY, documents=docs, cfg=CFG)
    assert daily.schema == schemas.without_run_id(schemas.ENTITY_DAILY)
    assert [(r["entity_id"], r["canonical"], r["canonical_latin"], r["mentions"]) for r in daily.to_pylist()] == [
        (OBAMA, "باراك أوباما", "Barack Obama", 3),
        (RIYADH, "الرياض", "Riyadh", 1),
    ]
    quotes = schemas.table_from_rows("quotes", [
        {"doc_id": "a2", "quote_idx": 0, "start": 0, "end": 4, "text": "سنعمل", "speaker": "أوباما", "speaker_entity_id": entity_id("PER", "أوباما")},
        {"doc_id": "a1", "quote_idx": 0, "start": 0, "end": 4, "text": "سنعمل", "speaker": "مصدر", "speaker_entity_id": None},
    ])
    speakers = aggregate.speakers_daily(quotes=quotes, documents=docs, entities=DAY, cfg=CFG).to_pylist()
    assert [(r["speaker_entity_id"], r["speaker"], r["canonical_latin"]) for r in speakers] == [
        (OBAMA, "باراك أوباما", "Barack Obama"),
        (aggregate.speaker_key("مصدر", "a1"), "مصدر", None),  # unresolved: no Latin name
    ]


def _write(out, name: str, dt: str, table: pa.Table, drop: tuple = ()) -> None:
    table = schemas.with_run_id(name, table, "r1")
    for column in drop:  # a partition written before the column existed
        table = table.drop_columns([column])
    path = out / name / f"dt={dt}" / "part-00000.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)


def _store(out, old_day: bool = True):
    docs = documents("a1", "a2")
    days = {"2015-07-21": DAY}
    if old_day:  # the day before, written at schema 2: no canonical_latin
        days["2015-07-20"] = entities(mention("z1", "الرياض", "الرياض", "LOC"))
    for dt, ents in days.items():
        drop = ("canonical_latin",) if dt == "2015-07-20" else ()
        _write(out, "entity_daily", dt, aggregate.entity_daily(entities=ents, documents=docs, cfg=CFG), drop)
        _write(out, "entity_aliases_daily", dt, aggregate.entity_aliases_daily(entities=ents, cfg=CFG))
    return out


def test_lookup_by_latin_name_and_an_old_partition_still_reads(tmp_path):
    store = Store(_store(tmp_path))
    old = store.read_dataset("entity_daily", ["entity_id", "canonical_latin"], dts=["2015-07-20"])
    assert old.column("canonical_latin").to_pylist() == [None]
    for name in ("barack obama", "BARACK OBAMA", "Barack-Obama", "باراك أوباما", "أوباما"):
        assert [r["entity_id"] for r in registry.lookup(store, name)] == [OBAMA], name
    riyadh = registry.lookup(store, "riyadh")
    assert [(r["entity_id"], r["canonical_latin"], r["per_day"]) for r in riyadh] == [(RIYADH, "Riyadh", {"2015-07-20": 1, "2015-07-21": 1})]
    assert registry.lookup(store, "Riyadh Obama") == []
    assert registry.latin_fold("Saud al-Faisal") == registry.latin_fold("saud alfaisal") == "saudalfaisal"
    assert registry.latin_fold("Habré") == "habre"


def test_the_cli_finds_an_entity_by_its_latin_name(tmp_path, capsys):
    out = _store(tmp_path)
    assert cli.main(["entities", "barack obama", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.splitlines()[0] == f"{OBAMA}  PER  باراك أوباما  (Barack Obama)"
    assert cli.main(["entities", "riyadh", "--out", str(out), "--json"]) == 0
    assert '"canonical_latin": "Riyadh"' in capsys.readouterr().out


def test_registry_view_has_canonical_latin_even_when_no_partition_has_it(tmp_path):
    out = _store(tmp_path)
    database, _ = warehouse.build(out)
    con = duckdb.connect(str(database), read_only=True)
    rows = con.sql("select entity_id, canonical, canonical_latin, mentions from entity_registry order by entity_id").fetchall()
    con.close()
    assert sorted(rows) == sorted([(OBAMA, "باراك أوباما", "Barack Obama", 3), (RIYADH, "الرياض", "Riyadh", 2)])
    old_only = tmp_path / "old"
    docs = documents("z1")
    ents = entities(mention("z1", "الرياض", "الرياض", "LOC"))
    _write(old_only, "entity_daily", "2015-07-20", aggregate.entity_daily(entities=ents, documents=docs, cfg=CFG), ("canonical_latin",))
    _write(old_only, "entity_aliases_daily", "2015-07-20", aggregate.entity_aliases_daily(entities=ents, cfg=CFG))
    database, _ = warehouse.build(old_only)
    con = duckdb.connect(str(database), read_only=True)
    assert con.sql("select canonical, canonical_latin from entity_registry").fetchall() == [("الرياض", None)]
    con.close()


def test_the_extract_stage_names_entities_in_latin_unless_switched_off():
    from khabar.config import load_config
    from khabar.stages import extract_documents

    config = load_config()
    docs = pa.table({"doc_id": ["d1"], "text": ["وصل الرئيس باراك أوباما إلى الرياض أمس."]})
    rows = extract_documents(docs, config)["entities"].to_pylist()
    assert {(r["canonical"], r["canonical_latin"]) for r in rows} >= {("باراك أوباما", "Barack Obama"), ("الرياض", "Riyadh")}
    off = {**config, "extract": {**config["extract"], "latin": False}}
    assert set(extract_documents(docs, off)["entities"].column("canonical_latin").to_pylist()) == {None}

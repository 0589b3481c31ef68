"""Daily aggregates on small hand-built partitions: exact counts, and the sums across partitions."""

from __future__ import annotations

from collections import Counter, defaultdict

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import aggregate, schemas
from khabar.config import load_config

CFG = {**load_config()["aggregate"], "sample_quotes": 2}


def docs(*rows):
    """(doc_id, source) pairs -> a DOCUMENTS table."""
    return schemas.table_from_rows(
        "documents",
        [
            {"doc_id": d, "source": s, "url": f"https://example.sa/{d}", "text": "نص", "raw_path": "raw.jsonl", "raw_record": i, "ingested_at": None}
            for i, (d, s) in enumerate(rows)
        ],
    )


def ents(*rows):
    """(doc_id, sent_idx, entity_id, canonical, label) -> an ENTITIES table."""
    return schemas.table_from_rows(
        "entities",
        [
            {"doc_id": d, "mention_idx": i, "sent_idx": s, "start": 0, "end": len(c), "text": c, "label": lab, "entity_id": e, "canonical": c, "score": 1.0}
            for i, (d, s, e, c, lab) in enumerate(rows)
        ],
    )


SALMAN = ("per:salman", "سلمان بن عبدالعزيز", "PER")
ARAMCO = ("org:aramco", "أرامكو", "ORG")
RIYADH = ("loc:riyadh", "الرياض", "LOC")


def test_entity_daily_counts_mentions_documents_sources_and_takes_modes():
    documents = docs(("d1", "spa"), ("d2", "okaz"), ("d3", "spa"))
    entities = ents(
        ("d1", 0, "per:salman", "سلمان بن عبدالعزيز", "PER"),
        ("d1", 1, "per:salman", "الملك سلمان", "PER"),
        ("d2", 0, "per:salman", "الملك سلمان", "PER"),
        ("d3", 0, "per:salman", "سلمان بن عبدالعزيز", "ORG"),  # a mislabelled mention loses the vote
        ("d3", 2, "org:aramco", "أرامكو", "ORG"),
        ("d3", 3, "org:aramco", "أرامكو", "ORG"),
    )
    out = aggregate.entity_daily(entities=entities, documents=documents, cfg=CFG)
    assert out.schema == schemas.without_run_id(schemas.ENTITY_DAILY)
    assert out.to_pylist() == [
        # tie 2–2 between the two spellings: the lexicographically smallest wins
        {"entity_id": "per:salman", "canonical": "الملك سلمان", "canonical_latin": None, "label": "PER", "mentions": 4, "documents": 3, "sources": 2, "stories": 3},
        {"entity_id": "org:aramco", "canonical": "أرامكو", "canonical_latin": None, "label": "ORG", "mentions": 2, "documents": 1, "sources": 1, "stories": 1},
    ]


def test_entity_daily_ignores_run_id_and_handles_empty_partition():
    documents = schemas.with_run_id("documents", docs(("d1", "spa")), "r1")
    entities = schemas.with_run_id("entities", ents(("d1", 0, *RIYADH)), "r1")
    out = aggregate.entity_daily(entities=entities, documents=documents, cfg=CFG)
    assert "run_id" not in out.column_names and out.column("mentions").to_pylist() == [1]
    empty = aggregate.entity_daily(entities=schemas.empty("entities"), documents=schemas.empty("documents"), cfg=CFG)
    assert empty.num_rows == 0 and empty.schema == schemas.without_run_id(schemas.ENTITY_DAILY)


def test_cooccurrence_counts_sentences_and_documents_once_per_pair():
    entities = ents(
        ("d1", 0, *SALMAN),
        ("d1", 0, *ARAMCO),
        ("d1", 0, *ARAMCO),  # twice in one sentence still counts one sentence
        ("d1", 1, *SALMAN),
        ("d1", 1, *ARAMCO),
        ("d1", 2, *RIYADH),
        ("d2", 0, *ARAMCO),
        ("d2", 4, *SALMAN),
    )
    out = aggregate.cooccurrence(entities=entities, cfg=CFG)
    rows = {(r["entity_a"], r["entity_b"]): (r["sentences"], r["documents"]) for r in out.to_pylist()}
    assert rows == {
        ("org:aramco", "per:salman"): (2, 2),
        ("loc:riyadh", "org:aramco"): (0, 1),
        ("loc:riyadh", "per:salman"): (0, 1),
    }
    first = out.to_pylist()[0]
    assert (first["canonical_a"], first["canonical_b"]) == ("أرامكو", "سلمان بن عبدالعزيز")
    assert all(r["entity_a"] < r["entity_b"] for r in out.to_pylist())


def test_cooccurrence_caps_entities_per_document_keeping_the_most_mentioned():
    rows = [("d1", 0, "per:a", "أحمد الغامدي", "PER")] * 3 + [("d1", 0, "per:b", "بدر", "PER")] * 2 + [("d1", 0, "per:c", "جابر", "PER")]
    out = aggregate.cooccurrence(entities=ents(*rows), cfg={**CFG, "max_entities_per_doc": 2})
    assert [(r["entity_a"], r["entity_b"], r["sentences"]) for r in out.to_pylist()] == [("per:a", "per:b", 1)]


def quotes(*rows):
    """(doc_id, quote_idx, speaker, speaker_entity_id) -> a QUOTES table."""
    return schemas.table_from_rows(
        "quotes",
        [
            {"doc_id": d, "quote_idx": q, "start": 0, "end": 5, "text": "سنواصل العمل", "speaker": s, "speaker_entity_id": e}
            for d, q, s, e in rows
        ],
    )


def test_speakers_daily_groups_resolved_and_unresolved_speakers():
    documents = docs(("d1", "spa"), ("d2", "okaz"), ("d3", "okaz"))
    table = quotes(
        ("d2", 1, "وزير المالية", "per:assaf"),
        ("d1", 3, "إبراهيم العساف", "per:assaf"),
        ("d1", 0, "وزير المالية", "per:assaf"),
        ("d3", 0, "المتحدث الرسمي", None),
        ("d3", 1, "المتحدّث  الرسمي", None),  # diacritic and double space: same speaker
        ("d2", 0, None, None),  # anonymous: not a speaker
        ("d2", 2, "  ", None),
    )
    out = aggregate.speakers_daily(quotes=table, documents=documents, cfg=CFG)
    # an unnamed spokesman is that document's own
    spk = aggregate.speaker_key("المتحدث الرسمي", "d3")
    assert spk.startswith("spk:") and spk == aggregate.speaker_key("المتحدّث  الرسمي", "d3")
    assert spk != aggregate.speaker_key("المتحدث الرسمي") != aggregate.speaker_key("المتحدث الرسمي", "d2")
    assert out.to_pylist() == [
        {"speaker_entity_id": "per:assaf", "speaker": "وزير المالية", "canonical_latin": None, "quotes": 3, "documents": 2, "sources": 2, "sample_quotes": ["d1:0", "d1:3"]},
        {"speaker_entity_id": spk, "speaker": "المتحدث الرسمي", "canonical_latin": None, "quotes": 2, "documents": 1, "sources": 1, "sample_quotes": ["d3:0", "d3:1"]},
    ]
    assert aggregate.speakers_daily(quotes=table, documents=documents, cfg={**CFG, "sample_quotes": 1}).column("sample_quotes").to_pylist()[0] == ["d1:0"]


def test_unnamed_sources_are_not_pooled_across_documents_but_unresolved_names_are():
    documents = docs(("d1", "spa"), ("d2", "okaz"))
    table = quotes(
        ("d1", 0, "المصدر", None), ("d2", 0, "المصدر", None),
        ("d1", 1, "مصدر أمني رفيع", None), ("d2", 1, "مصدر أمني رفيع", None),
        ("d1", 2, "البيان", None), ("d2", 2, "البيان", None),
        ("d1", 3, "المدرب سامي الحربي", None), ("d2", 3, "المدرب سامي الحربي", None),
    )
    rows = aggregate.speakers_daily(quotes=table, documents=documents, cfg=CFG).to_pylist()
    assert [(r["speaker"], r["quotes"]) for r in rows][0] == ("المدرب سامي الحربي", 2)
    assert sorted((r["speaker"], r["quotes"]) for r in rows[1:]) == sorted(
        [("المصدر", 1)] * 2 + [("مصدر أمني رفيع", 1)] * 2 + [("البيان", 1)] * 2)
    assert rows[0]["speaker_entity_id"] == aggregate.speaker_key("المدرب سامي الحربي")
    assert {r["speaker_entity_id"] for r in rows if r["speaker"] == "المصدر"} == {
        aggregate.speaker_key("المصدر", "d1"), aggregate.speaker_key("المصدر", "d2")}


def test_amounts_daily_sums_per_kind_and_unit():
    table = schemas.table_from_rows(
        "amounts",
        [
            {"doc_id": d, "amount_idx": i, "start": 0, "end": 3, "text": "مليون", "value": v, "unit": u, "kind": k, "approximate": False}
            for i, (d, v, u, k) in enumerate(
                [
                    ("d1", 1_000_000.0, "SAR", "money"),
                    ("d1", 2_500_000.0, "SAR", "money"),
                    ("d2", 300.0, "USD", "money"),
                    ("d2", 5.5, "percent", "percent"),
                    ("d3", None, "SAR", "money"),  # unresolved value: counted, adds nothing
                    ("d3", 12.0, None, "number"),
                ]
            )
        ],
    )
    out = aggregate.amounts_daily(amounts=table, documents=docs(("d1", "spa"), ("d2", "okaz"), ("d3", "spa")), cfg=CFG)
    assert out.to_pylist() == [
        {"kind": "money", "unit": "SAR", "total": 3_500_000.0, "count": 3, "documents": 2, "stories": 2},
        {"kind": "money", "unit": "USD", "total": 300.0, "count": 1, "documents": 1, "stories": 1},
        {"kind": "number", "unit": None, "total": 12.0, "count": 1, "documents": 1, "stories": 1},
        {"kind": "percent", "unit": "percent", "total": 5.5, "count": 1, "documents": 1, "stories": 1},
    ]


def _clustered_docs(*rows):
    """(doc_id, source, cluster_id) triples -> a DOCUMENTS table."""
    table = docs(*[(d, s) for d, s, _ in rows])
    return table.set_column(table.schema.get_field_index("cluster_id"), "cluster_id", pa.array([c for _, _, c in rows], pa.string()))


def test_a_figure_repeated_by_the_outlets_of_one_story_counts_as_one_story():
    # one wire story (cluster w1) republished by three outlets, and another story with the same figure
    documents = _clustered_docs(("w1", "spa", "w1"), ("w1b", "okaz", "w1"), ("w1c", "sabq", "w1"), ("x", "alyaum", "x"))
    amounts = schemas.table_from_rows(
        "amounts",
        [{"doc_id": d, "amount_idx": 0, "start": 0, "end": 3, "text": "5 مليارات ريال", "value": 5e9, "unit": "SAR", "kind": "money",
          "approximate": False} for d in ("w1", "w1b", "w1c", "x")],
    )
    rows = aggregate.amounts_daily(amounts=amounts, documents=documents, cfg=CFG).to_pylist()
    assert rows == [{"kind": "money", "unit": "SAR", "total": 2e10, "count": 4, "documents": 4, "stories": 2}]
    entities = ents(*[(d, 0, *ARAMCO) for d in ("w1", "w1b", "w1c", "x")])
    (row,) = aggregate.entity_daily(entities=entities, documents=documents, cfg=CFG).to_pylist()
    assert (row["mentions"], row["documents"], row["sources"], row["stories"]) == (4, 4, 4, 2)


def test_stories_without_a_cluster_or_without_documents_count_each_document():
    amounts = schemas.table_from_rows(
        "amounts", [{"doc_id": d, "amount_idx": 0, "start": 0, "end": 1, "text": "5", "value": 5.0, "unit": "percent", "kind": "percent",
                     "approximate": False} for d in ("a", "b", "c")])
    documents = _clustered_docs(("a", "spa", None), ("b", "okaz", "a"))  # c is missing from documents
    assert aggregate.amounts_daily(amounts=amounts, documents=documents, cfg=CFG).column("stories").to_pylist() == [2]
    assert aggregate.amounts_daily(amounts=amounts, cfg=CFG).column("stories").to_pylist() == [3]


def test_corpus_daily_counts_words_sentences_quarantine_and_duplicates():
    documents = docs(("d1", "spa"), ("d2", "spa"), ("d3", "okaz"))
    sentences = schemas.table_from_rows(
        "sentences", [{"doc_id": d, "sent_idx": i, "start": 0, "end": 1} for d, i in [("d1", 0), ("d1", 1), ("d2", 0), ("d3", 0)]]
    )
    # "قال الوزير إن 3 مليارات ." in d1, "Aramco ، نعم" in d3, d2 from an older partition without kinds
    token_rows = [
        ("d1", "قال", "word"), ("d1", "الوزير", "word"), ("d1", "إن", "word"), ("d1", "3", "number"), ("d1", "مليارات", "word"), ("d1", ".", "punct"),
        ("d3", "Aramco", "latin"), ("d3", "،", "punct"), ("d3", "نعم", "word"), ("d3", "#السعودية", "hashtag"),
        ("d2", "انتهى", None), ("d2", "«", None), ("d2", "...", None),
    ]  # fmt: skip
    tokens = schemas.table_from_rows(
        "tokens",
        [{"doc_id": d, "sent_idx": 0, "tok_idx": i, "start": 0, "end": len(f), "form": f, "norm": f, "kind": k} for i, (d, f, k) in enumerate(token_rows)],
    )
    quarantine = schemas.table_from_rows(
        "quarantine", [{"raw_path": "bad.jsonl", "raw_record": i, "reason": "bad_json", "detail": "bad.jsonl:1"} for i in range(3)]
    )
    duplicates = schemas.table_from_rows(
        "duplicates", [{"doc_id": "d1", "source": "spa", "raw_path": "x", "raw_record": 0}, {"doc_id": "d3", "source": "okaz", "raw_path": "x", "raw_record": 1}]
    )
    out = aggregate.corpus_daily(documents=documents, sentences=sentences, tokens=tokens, quarantine=quarantine, duplicates=duplicates, cfg=CFG)
    assert out.to_pylist() == [
        {"source": "okaz", "documents": 1, "words": 2, "sentences": 1, "quarantined": 0, "duplicates": 1},
        {"source": "spa", "documents": 2, "words": 6, "sentences": 3, "quarantined": 0, "duplicates": 1},
        {"source": None, "documents": 0, "words": 0, "sentences": 0, "quarantined": 3, "duplicates": 0},
    ]


def test_aggregates_table_drives_every_function_by_dataset_name():
    tables = {name: schemas.empty(name) for name in schemas.DATASETS if name != "runs"}
    for name, (inputs, fn) in aggregate.AGGREGATES.items():
        assert name in schemas.DATASETS
        out = fn(**{i: tables[i] for i in inputs}, cfg=CFG)
        assert out.schema == schemas.without_run_id(schemas.DATASETS[name])


def _obama_day():
    """A day where some outlets call the president by his surname only (ids as the extractor would give)."""
    from khabar.extract.canonical import entity_id

    def per(d, name):
        return (d, 0, entity_id("PER", name), name, "PER")

    documents = docs(("d1", "spa"), ("d2", "okaz"), ("d3", "aawsat"), ("d4", "spa"), ("d5", "okaz"))
    entities = ents(
        per("d1", "باراك أوباما"), per("d1", "باراك أوباما"), per("d2", "باراك أوباما"), per("d2", "جون كيري"),
        per("d3", "أوباما"), per("d3", "كيري"), per("d3", "كيري"),
        per("d4", "جون كيري"), per("d4", "محمد"), per("d4", "محمد"), per("d4", "محمد"), per("d4", "محمد"),
        per("d5", "علي محمد"), per("d5", "سلمان بن عبدالعزيز"), per("d2", "سلمان بن عبدالعزيز آل سعود"),
        per("d5", "سلمان بن عبدالعزيز آل سعود"), (*per("d5", "الرياض")[:4], "LOC"),
    )
    return documents, entities


def test_a_surname_alone_counts_under_the_days_full_name():
    from khabar.extract.canonical import entity_id

    documents, entities = _obama_day()
    rows = {r["canonical"]: r for r in aggregate.entity_daily(entities=entities, documents=documents, cfg=CFG).to_pylist()}
    assert rows["باراك أوباما"]["entity_id"] == entity_id("PER", "باراك أوباما")
    assert (rows["باراك أوباما"]["mentions"], rows["باراك أوباما"]["documents"], rows["باراك أوباما"]["sources"]) == (4, 3, 3)
    assert (rows["جون كيري"]["mentions"], rows["جون كيري"]["documents"]) == (4, 3)
    assert (rows["سلمان بن عبدالعزيز آل سعود"]["mentions"], rows["سلمان بن عبدالعزيز آل سعود"]["documents"]) == (3, 2)
    # a given name far more frequent than the one name ending in it is not علي محمد; alone it is nobody
    # in particular, so it is left out of the day's rows; a one-document name stays apart
    assert "محمد" not in rows and rows["علي محمد"]["mentions"] == 1
    assert "أوباما" not in rows and "كيري" not in rows and "سلمان بن عبدالعزيز" not in rows
    assert rows["الرياض"]["label"] == "LOC"
    assert sum(r["mentions"] for r in rows.values()) == entities.num_rows - 4
    unlinked = {r["canonical"] for r in aggregate.entity_daily(entities=entities, documents=documents, cfg={**CFG, "link_short_names": False}).to_pylist()}
    assert {"أوباما", "كيري", "محمد"} <= unlinked


def test_a_short_form_shared_by_two_frequent_names_stays_apart():
    from khabar.extract.canonical import entity_id

    def per(d, name):
        return (d, 0, entity_id("PER", name), name, "PER")

    documents = docs(("d1", "spa"), ("d2", "okaz"), ("d3", "spa"))
    entities = ents(per("d1", "جورج بوش"), per("d2", "جورج بوش"), per("d1", "جيب بوش"), per("d3", "جيب بوش"), per("d3", "بوش"))
    assert aggregate.day_person_links(entities) == {}


def test_a_fathers_name_or_a_given_name_is_not_a_short_form():
    from khabar.extract.canonical import entity_id

    def per(d, name):
        return (d, 0, entity_id("PER", name), name, "PER")

    entities = ents(
        # فهد المشيقح ends تركي بن فهد المشيقح after بن: the father, not the son
        per("d1", "تركي بن فهد المشيقح"), per("d2", "تركي بن فهد المشيقح"), per("d3", "فهد المشيقح"),
        # عادل opens عادل بن زيد more often than it ends غادة عادل: a given name
        per("d1", "عادل بن زيد"), per("d2", "عادل بن زيد"), per("d1", "غادة عادل"), per("d2", "غادة عادل"), per("d3", "عادل"),
        # a real surname still links
        per("d1", "أنجيلا ميركل"), per("d2", "أنجيلا ميركل"), per("d3", "ميركل"),
    )
    links = aggregate.day_person_links(entities)
    assert links == {entity_id("PER", "ميركل"): entity_id("PER", "أنجيلا ميركل")}


def test_cooccurrence_pairs_the_full_name_for_a_surname():
    from khabar.extract.canonical import entity_id

    documents, entities = _obama_day()
    pairs = {(r["canonical_a"], r["canonical_b"]) for r in aggregate.cooccurrence(entities=entities, cfg=CFG).to_pylist()}
    obama_kerry = tuple(sorted(["باراك أوباما", "جون كيري"], key=lambda c: entity_id("PER", c)))
    assert obama_kerry in pairs
    assert not any("أوباما" in p and "باراك أوباما" not in p for p in pairs)


# --- partition by partition == everything at once ----------------------------------

NAMES = {"per:a": "أحمد الغامدي", "per:b": "بدر", "org:c": "شركة جدة", "loc:d": "الدمام"}
mention = st.tuples(st.integers(0, 5), st.integers(0, 2), st.sampled_from(sorted(NAMES)))  # doc number, sent_idx, entity


@settings(max_examples=60, deadline=None)
@given(mentions=st.lists(mention, max_size=40), doc_dt=st.lists(st.sampled_from(["2015-07-21", "2015-07-22", "2015-07-23"]), min_size=6, max_size=6))
def test_daily_aggregates_add_up_to_the_whole(mentions, doc_dt):
    """Each document lives in one dt, so additive columns summed over days equal the aggregate of all days."""
    rows = [(f"d{d}", s, e, NAMES[e], e[:3].upper()) for d, s, e in mentions]
    documents = docs(*[(f"d{i}", "spa" if i % 2 else "okaz") for i in range(6)])
    whole_ed = {r["entity_id"]: r for r in aggregate.entity_daily(entities=ents(*rows), documents=documents, cfg=CFG).to_pylist()}
    whole_co = {(r["entity_a"], r["entity_b"]): r for r in aggregate.cooccurrence(entities=ents(*rows), cfg=CFG).to_pylist()}

    summed_ed: dict = defaultdict(Counter)
    summed_co: dict = defaultdict(Counter)
    for dt in sorted(set(doc_dt)):
        in_dt = {f"d{i}" for i, x in enumerate(doc_dt) if x == dt}
        part_docs = documents.filter(pa.array([d in in_dt for d in documents.column("doc_id").to_pylist()]))
        part_ents = ents(*[r for r in rows if r[0] in in_dt])
        for r in aggregate.entity_daily(entities=part_ents, documents=part_docs, cfg=CFG).to_pylist():
            summed_ed[r["entity_id"]].update({"mentions": r["mentions"], "documents": r["documents"]})
        for r in aggregate.cooccurrence(entities=part_ents, cfg=CFG).to_pylist():
            summed_co[(r["entity_a"], r["entity_b"])].update({"sentences": r["sentences"], "documents": r["documents"]})

    assert {e: {"mentions": r["mentions"], "documents": r["documents"]} for e, r in whole_ed.items()} == {e: dict(c) for e, c in summed_ed.items()}
    assert {p: {k: r[k] for k in ("sentences", "documents") if r[k]} for p, r in whole_co.items()} == {p: {k: v for k, v in c.items() if v} for p, c in summed_co.items()}
    assert sum(r["mentions"] for r in whole_ed.values()) == len(rows)


def test_a_speakers_short_form_counts_under_the_days_full_name():
    """Two documents quote «أوباما» and «باراك أوباما»: one speakers_daily row, keyed and named by the full name."""
    from khabar.extract.canonical import entity_id

    documents, entities = _obama_day()
    obama, short = entity_id("PER", "باراك أوباما"), entity_id("PER", "أوباما")
    table = quotes(("d3", 0, "أوباما", short), ("d1", 0, "الرئيس باراك أوباما", obama), ("d3", 1, "أوباما", short))
    rows = aggregate.speakers_daily(quotes=table, documents=documents, entities=entities, cfg=CFG).to_pylist()
    assert rows == [
        {"speaker_entity_id": obama, "speaker": "باراك أوباما", "canonical_latin": None, "quotes": 3, "documents": 2, "sources": 2, "sample_quotes": ["d1:0", "d3:0"]},
    ]
    # without the day's links the short form keeps its own row; without entities the row is named as written
    unlinked = aggregate.speakers_daily(quotes=table, documents=documents, entities=entities, cfg={**CFG, "link_short_names": False})
    assert [(r["speaker_entity_id"], r["speaker"], r["quotes"]) for r in unlinked.to_pylist()] == [(short, "أوباما", 2), (obama, "باراك أوباما", 1)]
    written = aggregate.speakers_daily(quotes=table, documents=documents, cfg=CFG).to_pylist()
    assert [(r["speaker_entity_id"], r["speaker"], r["quotes"]) for r in written] == [(short, "أوباما", 2), (obama, "الرئيس باراك أوباما", 1)]


def test_a_given_name_alone_is_its_documents_own_speaker():
    """«محمد» nobody owns that day: no day-wide row under the given name; each document's quotes stay its own."""
    from khabar.extract.canonical import entity_id

    documents, entities = _obama_day()
    given, kerry = entity_id("PER", "محمد"), entity_id("PER", "جون كيري")
    table = quotes(("d4", 0, "محمد", given), ("d4", 1, "محمد", given), ("d5", 0, "محمد", given), ("d4", 2, "كيري", entity_id("PER", "كيري")))
    rows = aggregate.speakers_daily(quotes=table, documents=documents, entities=entities, cfg=CFG).to_pylist()
    assert given not in {r["speaker_entity_id"] for r in rows}
    assert [(r["speaker_entity_id"], r["speaker"], r["quotes"], r["documents"]) for r in rows] == sorted(
        [(aggregate.speaker_key("محمد", "d4"), "محمد", 2, 1), (kerry, "جون كيري", 1, 1), (aggregate.speaker_key("محمد", "d5"), "محمد", 1, 1)],
        key=lambda r: (-r[2], r[0]),
    )
    assert sum(r["quotes"] for r in rows) == table.num_rows


def test_a_given_name_alone_counts_under_its_canonical_whatever_was_written():
    from khabar.extract.canonical import entity_id

    documents, entities = _obama_day()
    given = entity_id("PER", "محمد")
    table = quotes(("d4", 0, "محمد", given), ("d4", 1, "ويضيف محمد", given))
    rows = aggregate.speakers_daily(quotes=table, documents=documents, entities=entities, cfg=CFG).to_pylist()
    assert [(r["speaker_entity_id"], r["speaker"], r["quotes"]) for r in rows] == [(aggregate.speaker_key("محمد", "d4"), "محمد", 2)]


def test_amounts_daily_total_does_not_depend_on_the_order_rows_are_read_in():
    values = [0.1, 1e16, 0.3, -1e16, 0.2]  # a running sum gives 0.2, 0.1 or 0.0 by order; the exact sum is 0.6
    rows = [{"doc_id": f"d{i}", "amount_idx": 0, "start": 0, "end": 1, "text": "1", "value": v, "unit": "SAR", "kind": "money", "approximate": False}
            for i, v in enumerate(values)]
    totals = {aggregate.amounts_daily(amounts=schemas.table_from_rows("amounts", order), cfg=CFG).column("total")[0].as_py()
              for order in (rows, rows[::-1], rows[2:] + rows[:2])}
    assert totals == {0.6}


def test_the_forms_of_a_name_less_a_given_name_count_as_one_person():
    from khabar.extract.canonical import entity_id

    def per(d, name):
        return (d, 0, entity_id("PER", name), name, "PER")

    documents = docs(("d1", "spa"), ("d2", "okaz"), ("d3", "aawsat"))
    entities = ents(
        # both two-word forms are in the fullest one, in order: one man, under his most written form
        # (the fullest comes from one document: سيب and جوزيف each open another name of the day, so they are given names)
        *[per("d1", "جوزيف بلاتر")] * 5, *[per("d2", "سيب بلاتر")] * 4, *[per("d3", "سيب جوزيف بلاتر")] * 3,
        # a fuller form from one document whose extra word is no given name of the day is no evidence
        per("d1", "ليونيل ميسي"), per("d2", "ليونيل ميسي"), per("d3", "الساحر ليونيل ميسي"), per("d3", "الساحر ليونيل ميسي"), per("d3", "الساحر ليونيل ميسي"),
        # a lineage less one link is another person
        per("d1", "خالد بن سلمان بن عبدالعزيز"), per("d2", "خالد بن سلمان بن عبدالعزيز"), per("d3", "خالد بن عبدالعزيز"),
        # two fuller names that disagree: the short form stays apart
        per("d1", "جون بول سميث"), per("d2", "جون بول سميث"), per("d1", "جون ديفيد سميث"), per("d2", "جون ديفيد سميث"), per("d3", "جون سميث"),
    )
    blatter = entity_id("PER", "جوزيف بلاتر")
    assert aggregate.day_person_links(entities) == {entity_id("PER", "سيب جوزيف بلاتر"): blatter, entity_id("PER", "سيب بلاتر"): blatter}
    rows = {r["canonical"]: r for r in aggregate.entity_daily(entities=entities, documents=documents, cfg=CFG).to_pylist()}
    assert (rows["جوزيف بلاتر"]["entity_id"], rows["جوزيف بلاتر"]["mentions"], rows["جوزيف بلاتر"]["documents"]) == (blatter, 12, 3)
    assert "سيب جوزيف بلاتر" not in rows and "سيب بلاتر" not in rows
    assert rows["ليونيل ميسي"]["mentions"] == 2 and rows["خالد بن عبدالعزيز"]["mentions"] == 1 and rows["جون سميث"]["mentions"] == 1


def test_an_arabic_name_less_its_first_given_name_is_the_fathers():
    from khabar.extract.canonical import entity_id

    def per(d, name):
        return (d, 0, entity_id("PER", name), name, "PER")

    documents = docs(("d1", "spa"), ("d2", "okaz"))
    entities = ents(
        # طارق عمر الشريف is Tarek son of Omar: عمر الشريف, mentioned far more, is the father, another man
        *[per("d1", "عمر الشريف")] * 7, per("d1", "طارق عمر الشريف"), per("d2", "طارق عمر الشريف"),
        # a middle name may go: عمر البشير is عمر حسن البشير
        *[per("d1", "عمر البشير")] * 3, per("d1", "عمر حسن البشير"), per("d2", "عمر حسن البشير"),
        # and so may a foreign first name: سيب بلاتر is سيب جوزيف بلاتر is جوزيف بلاتر
        *[per("d1", "جوزيف بلاتر")] * 3, per("d1", "سيب جوزيف بلاتر"), per("d2", "سيب جوزيف بلاتر"),
    )
    assert aggregate.day_person_links(entities) == {
        entity_id("PER", "عمر حسن البشير"): entity_id("PER", "عمر البشير"), entity_id("PER", "سيب جوزيف بلاتر"): entity_id("PER", "جوزيف بلاتر")}
    rows = {r["canonical"]: r["mentions"] for r in aggregate.entity_daily(entities=entities, documents=documents, cfg=CFG).to_pylist()}
    assert rows == {"عمر الشريف": 7, "طارق عمر الشريف": 2, "عمر البشير": 5, "جوزيف بلاتر": 5}


def test_a_compound_given_name_alone_is_nobody_in_particular():
    from khabar.extract.canonical import entity_id

    def per(d, name):
        return (d, 0, entity_id("PER", name), name, "PER")

    documents = docs(("d1", "spa"), ("d2", "okaz"))
    # عز الدين is one given name in two words: alone, like فهد, it is left out of the day's rows
    entities = ents(per("d1", "عز الدين"), per("d1", "عز الدين"), per("d2", "عزالدين"), per("d2", "عز الدين الحسني"), per("d1", "نصر الدين"))
    rows = {r["canonical"]: r["mentions"] for r in aggregate.entity_daily(entities=entities, documents=documents, cfg=CFG).to_pylist()}
    assert rows == {"عز الدين الحسني": 1}


def _bush_day(jeb_twice_beside_george: bool):
    """Jeb Bush named in five articles; d1 is on George Bush and keeps a bare «بوش» it could not attribute;
    d5 says «بوش» beside a tagger's one-off glued «مستشاري بوش»."""
    from khabar.extract.canonical import entity_id

    def per(d, name):
        return (d, 0, entity_id("PER", name), name, "PER")

    return ents(
        *[per("d1", "جيب بوش")] * (2 if jeb_twice_beside_george else 1), per("d1", "جورج بوش"), per("d1", "جورج بوش"), per("d1", "بوش"),
        *[per(d, "جيب بوش") for d in ("d2", "d3", "d4", "d6") for _ in range(3)], per("d4", "جورج بوش"),
        per("d5", "مستشاري بوش"), per("d5", "بوش"), per("d5", "بوش"),
    )


def test_a_surname_left_alone_beside_its_namesakes_keeps_its_own_id_in_that_article():
    from khabar.extract.canonical import entity_id

    bush, jeb = entity_id("PER", "بوش"), entity_id("PER", "جيب بوش")
    entities = _bush_day(jeb_twice_beside_george=False)
    canon, label = aggregate._canonicals(entities)
    day_ids = dict(zip(zip(entities.column("doc_id").to_pylist(), entities.column("entity_id").to_pylist()), aggregate._linked_ids(entities, CFG, canon, label)))
    # the day's owner of «بوش» is جيب بوش (13 of 17 candidates' mentions), but d1 names جورج بوش twice
    assert day_ids[("d1", bush)] == bush
    assert day_ids[("d5", bush)] == jeb  # a glued one-off is no rival there
    rows = {r["canonical"]: r["mentions"] for r in aggregate.entity_daily(entities=entities, documents=docs(*((f"d{i}", "spa") for i in range(1, 7))), cfg=CFG).to_pylist()}
    assert rows == {"جيب بوش": 15, "جورج بوش": 3, "بوش": 1, "مستشاري بوش": 1}


def test_two_namesakes_named_twice_in_one_article_leave_the_surname_alone_where_the_owner_is_not_named():
    from khabar.extract.canonical import entity_id

    bush, jeb = entity_id("PER", "بوش"), entity_id("PER", "جيب بوش")
    entities = _bush_day(jeb_twice_beside_george=True)
    canon, label = aggregate._canonicals(entities)
    day_ids = dict(zip(zip(entities.column("doc_id").to_pylist(), entities.column("entity_id").to_pylist()), aggregate._linked_ids(entities, CFG, canon, label)))
    # d1 names جيب بوش and جورج بوش twice each: the day knows two men share «بوش»; d5 names neither
    assert day_ids[("d1", bush)] == bush and day_ids[("d5", bush)] == bush
    assert aggregate.day_person_links(entities)[bush] == jeb  # an article naming جيب بوش still counts him


def test_a_clitic_the_article_could_not_split_off_is_split_by_the_day():
    from khabar.extract.canonical import entity_id

    def per(d, name):
        return (d, 0, entity_id("PER", name), name, "PER")

    entities = ents(
        per("d1", "سعود الفيصل"), per("d2", "سعود الفيصل"), per("d3", "كسعود الفيصل"),  # «رجل كسعود الفيصل»
        per("d1", "وليد الفيصل"), per("d4", "ناصر"), per("d4", "ناصر"), per("d5", "فناصر"),
    )
    links = aggregate.day_person_links(entities)
    assert links[entity_id("PER", "كسعود الفيصل")] == entity_id("PER", "سعود الفيصل")
    # وليد is a name, not و + ليد; a given name alone stays nobody's, clitic or not
    assert entity_id("PER", "وليد الفيصل") not in links and entity_id("PER", "فناصر") not in links


def test_words_the_tagger_ran_on_after_a_name_of_the_day_do_not_make_another_person():
    from khabar.extract.canonical import entity_id

    def per(d, name):
        return (d, 0, entity_id("PER", name), name, "PER")

    entities = ents(
        *[per(d, "باراك أوباما") for d in ("d1", "d2", "d3") for _ in range(2)], *[per(d, "أوباما") for d in ("d1", "d2", "d3", "d4") for _ in range(3)],
        per("d5", "أوباما المرتجف"), per("d5", "أوباما المرتجف"),  # the article linked its «أوباما» to the glued form
        per("d6", "أوباما الزبادي"),  # a one-off after a one-word name: left alone
        *[per(d, "محمد حسين") for d in ("d1", "d2", "d3") for _ in range(4)], per("d6", "محمد حسين مشاط"),  # a surname after a given name
    )
    links = aggregate.day_person_links(entities)
    obama = entity_id("PER", "باراك أوباما")
    assert links[entity_id("PER", "أوباما المرتجف")] == obama
    assert entity_id("PER", "أوباما الزبادي") not in links and entity_id("PER", "محمد حسين مشاط") not in links
    rows = {r["canonical"]: r["mentions"] for r in aggregate.entity_daily(entities=entities, documents=docs(*((f"d{i}", "spa") for i in range(1, 7))), cfg=CFG).to_pylist()}
    assert rows["باراك أوباما"] == 20


def test_a_definite_word_the_tagger_ran_on_before_a_full_name_is_an_epithet():
    from khabar.extract.canonical import entity_id

    def per(d, name):
        return (d, 0, entity_id("PER", name), name, "PER")

    entities = ents(
        *[per(d, "سعود الفيصل") for d in ("d1", "d2", "d3") for _ in range(4)],
        per("d4", "الغالي سعود الفيصل"), per("d4", "الغالي سعود الفيصل"),  # «الأمير الغالي سعود الفيصل»
        *[per(d, "عمر الشريف") for d in ("d1", "d2", "d3") for _ in range(4)], per("d5", "طارق عمر الشريف"),  # his son
    )
    links = aggregate.day_person_links(entities)
    assert links[entity_id("PER", "الغالي سعود الفيصل")] == entity_id("PER", "سعود الفيصل")
    assert entity_id("PER", "طارق عمر الشريف") not in links

"""Canonical entities: clitics, roles, short forms, spelling variants, stable ids.

Each rule is checked on its own (pure functions) and once through
extract_entities on sentences written for these tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from khabar import schemas
from khabar.config import load_config
from khabar.extract import canonical as canon

NAMES = {"بيروت": 12, "وبيروت": 1, "بغداد": 30, "وليد": 4, "العراق": 40}


# --- clitics -------------------------------------------------------------------------


def test_conjunction_glued_to_a_known_name_is_split_off():
    assert canon.proclitic_length("وبيروت", NAMES) == (1, "بيروت")


def test_conjunction_before_the_article_is_split_off_even_for_unknown_names():
    # "والفلوجة": the rest starts with ال, so و is a clitic whatever the lexicon says
    assert canon.proclitic_length("والفلوجة", {}) == (1, "الفلوجة")


def test_names_that_begin_with_clitic_letters_stay_whole():
    assert canon.proclitic_length("بغداد", NAMES) == (0, "بغداد")
    assert canon.proclitic_length("وليد", NAMES) == (0, "وليد")
    # و+ك+الة would read as conjunction + preposition + article: too short a stem
    assert canon.proclitic_length("وكالة", NAMES) == (0, "وكالة")


def test_diacritics_on_the_clitic_go_with_it():
    # "وَبَيروت": the fatha after و belongs to the conjunction
    n, name = canon.proclitic_length("وَبَيروت", NAMES)
    assert n == 2 and "وَبَيروت"[n:] == "بَيروت" and name == "بيروت"


def test_lam_lam_starts_the_span_at_the_article_and_restores_it():
    # "للعراق" = ل + العراق with the alef elided: the span is "لعراق" (guidelines), the name العراق
    assert canon.proclitic_length("للعراق", NAMES) == (1, "العراق")


# --- roles ---------------------------------------------------------------------------


def test_role_phrase_before_a_name_starts_at_the_title():
    before = "وقال رئيس الوزراء العراقي".split()
    assert canon.role_length(before) == 3


def test_role_stops_at_a_particle():
    assert canon.role_length("وصل إلى بغداد".split()) == 0
    assert canon.role_length("التقى الملك".split()) == 1


def test_titles_inside_a_mention_are_counted():
    assert canon.leading_titles("الرئيس الفرنسي إيمانويل ماكرون".split()) == 1
    assert canon.leading_titles(["الرئيس"]) == 0  # a bare title stays a mention


# --- short forms ---------------------------------------------------------------------


def test_surname_links_to_the_full_name_in_the_same_document():
    mentions = [
        {"label": "PER", "canonical": "السوداني"},
        {"label": "PER", "canonical": "محمد شياع السوداني"},
        {"label": "LOC", "canonical": "بغداد"},
    ]
    canon.link_short_forms(mentions)
    assert [m["canonical"] for m in mentions] == ["محمد شياع السوداني", "محمد شياع السوداني", "بغداد"]


def test_short_form_shared_by_two_people_is_left_alone():
    mentions = [
        {"label": "PER", "canonical": "محمد"},
        {"label": "PER", "canonical": "محمد شياع السوداني"},
        {"label": "PER", "canonical": "محمد بن سلمان"},
    ]
    canon.link_short_forms(mentions)
    assert mentions[0]["canonical"] == "محمد"


def test_a_surname_goes_to_the_full_name_mentioned_most_among_several():
    mentions = [{"label": "PER", "canonical": c} for c in ("وندي شيرمان", "شيرمان", "وندي شيرمان", "افتخرت شيرمان", "روث شيرمان", "شيرمان")]
    canon.link_short_forms(mentions)
    assert [m["canonical"] for m in mentions] == ["وندي شيرمان", "وندي شيرمان", "وندي شيرمان", "افتخرت شيرمان", "روث شيرمان", "وندي شيرمان"]
    # a given name opening a name twice is not a surname
    given = [{"label": "PER", "canonical": c} for c in ("محمد بن سلمان", "محمد بن سلمان", "علي محمد", "علي محمد", "محمد")]
    canon.link_short_forms(given)
    assert given[4]["canonical"] == "محمد"
    # two full names mentioned twice or more are two people: no owner, even if one is mentioned more
    two = [{"label": "PER", "canonical": c} for c in ("جورج بوش", "جيب بوش", "بوش", "جورج بوش", "جيب بوش", "جيب بوش")]
    canon.link_short_forms(two)
    assert two[2]["canonical"] == "بوش"


def test_short_forms_of_other_labels_are_not_linked():
    mentions = [{"label": "LOC", "canonical": "جدة"}, {"label": "LOC", "canonical": "ميناء جدة الإسلامي"}]
    canon.link_short_forms(mentions)
    assert mentions[0]["canonical"] == "جدة"


# --- spelling variants and ids -------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("أميركا", "أمريكا"),
        ("الإمارات", "الامارات"),
        ("الولايات المتحدة الأمريكية", "الولايات المتحدة"),
        ("المملكة العربية السعودية", "السعودية"),
        ("مُصْطَفى", "مصطفي"),
        ("جامعة الملك سعود", "جامعه الملك سعود"),
    ],
)
def test_spelling_variants_share_one_id(a, b):
    assert canon.entity_id("LOC", a) == canon.entity_id("LOC", b)


def test_id_depends_on_label_and_name():
    assert canon.entity_id("ORG", "الأهلي") != canon.entity_id("LOC", "الأهلي")
    assert canon.entity_id("LOC", "بيروت") != canon.entity_id("LOC", "بغداد")


def test_id_is_a_fixed_function_of_label_and_id_key():
    # The id is sha1("LABEL|id_key")[:16], nothing else: the same in every run. Changing
    # id_key changes ids (partitions written before are then stale: khabar reprocess).
    expected = hashlib.sha1("LOC|رياض".encode()).hexdigest()[:16]
    assert canon.entity_id("LOC", "الرِّياض") == expected
    assert canon.entity_id("PER", "عبد الله الصالح") == hashlib.sha1("PER|عبداللهالصالح".encode()).hexdigest()[:16]


# --- through the pipeline ------------------------------------------------------------


def _run(text: str):
    from khabar.extract.entities import extract_entities
    from khabar.normalise import normalise_documents
    from khabar.segment import segment_documents

    cfg = load_config()
    now = dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)
    docs = schemas.table_from_rows("documents", [{"doc_id": "d1", "text": text, "raw_path": "t", "raw_record": 0, "ingested_at": now}])
    norm = normalise_documents(docs, cfg["normalise"])
    sentences, tokens = segment_documents(docs, norm, cfg["segment"], cfg["normalise"])
    return extract_entities(docs, sentences, tokens, cfg["extract"]["ner"]).to_pylist()


def test_pipeline_separates_role_links_surname_and_strips_clitic():
    text = (
        "وقال رئيس الوزراء العراقي محمد شياع السوداني إن الحكومة ماضية في الإصلاح. "
        "وأكد السوداني أن العلاقات بين العراق والسعودية وبيروت جيدة."
    )
    rows = _run(text)
    by_text = {r["text"]: r for r in rows}
    full = by_text["محمد شياع السوداني"]
    assert full["label"] == "PER" and full["role"] == "رئيس الوزراء العراقي"
    assert text[full["start"] : full["end"]] == "محمد شياع السوداني"
    short = by_text["السوداني"]
    assert short["canonical"] == "محمد شياع السوداني" and short["entity_id"] == full["entity_id"]
    # "وبيروت": the mention starts after the conjunction
    beirut = by_text["بيروت"]
    assert beirut["label"] == "LOC" and beirut["start"] == text.index("وبيروت") + 1 and beirut["canonical"] == "بيروت"
    assert by_text["السعودية"]["start"] == text.index("والسعودية") + 1
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"]


def test_spelling_variants_in_two_documents_get_one_id():
    from khabar.extract.entities import extract_entities
    from khabar.normalise import normalise_documents
    from khabar.segment import segment_documents

    texts = ["سافر وزير الخارجية إلى أميركا لبحث الأزمة مع دولة الإمارات.", "عاد الوفد من أمريكا بعد زيارة دولة الامارات والسعودية."]
    cfg = load_config()
    now = dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)
    docs = schemas.table_from_rows("documents", [{"doc_id": f"d{i}", "text": t, "raw_path": "t", "raw_record": i, "ingested_at": now} for i, t in enumerate(texts)])
    norm = normalise_documents(docs, cfg["normalise"])
    sentences, tokens = segment_documents(docs, norm, cfg["segment"], cfg["normalise"])
    rows = extract_entities(docs, sentences, tokens, cfg["extract"]["ner"]).to_pylist()
    ids = {(r["doc_id"], r["text"]): r["entity_id"] for r in rows if r["label"] == "LOC"}
    assert ids[("d0", "أميركا")] == ids[("d1", "أمريكا")]
    assert ids[("d0", "الإمارات")] == ids[("d1", "الامارات")]
    assert ids[("d0", "أميركا")] != ids[("d0", "الإمارات")]


# --- identity: facilities, lineage, tails, titles, folds (issue 13) ----------------------

from khabar.extract import person_spans as spans  # noqa: E402


def _sha(label: str, id_key: str) -> str:
    return hashlib.sha1(f"{label}|{id_key}".encode()).hexdigest()[:16]


@pytest.mark.parametrize(
    "sentence, span, expected",
    [
        # the tagger took the title in, or left it out: the bridge either way
        ("وصل الوفد إلى جسر الملك فهد مساء", (4, 6, "PER"), (3, 6, "LOC")),
        ("وصل الوفد إلى جسر الملك فهد مساء", (5, 6, "PER"), (3, 6, "LOC")),
        ("هبطت الطائرة في مطار الملك عبدالعزيز الدولي بجدة", (5, 6, "PER"), (3, 7, "LOC")),
        # with the ل phrase of its purpose, not the visit's (لتفقد، للاطلاع على)
        ("شارك مركز الأمير سلمان لتنمية الشباب في الحفل", (2, 4, "PER"), (1, 6, "ORG")),
        ("بمبادرة من مدينة الملك عبدالله للطاقة الذرية والمتجددة", (4, 5, "PER"), (2, 8, "LOC")),
        ("زار جامعة الملك سعود لتفقد المشاريع", (2, 4, "PER"), (1, 4, "ORG")),
        ("زار جامعة الملك سعود للاطلاع على المشاريع", (2, 4, "PER"), (1, 4, "ORG")),
        ("في مستشفى عبد الله الراسي الحكومي في عكار", (2, 5, "PER"), (1, 6, "ORG")),
        ("أمين مؤسسة الأمير محمد بن فهد للتنمية الإنسانية الدكتور عيسى", (3, 6, "PER"), (1, 8, "ORG")),
        ("تخرج في جامعة الملك عبدالعزيز بجدة", (4, 5, "PER"), (2, 5, "ORG")),
        ("صلى في مسجد خالد بن الوليد بحمص", (3, 6, "PER"), (2, 6, "LOC")),
        ("نقل إلى مدينة الملك فهد الطبية بالرياض", (4, 5, "PER"), (2, 6, "LOC")),
        ("زار الوفد الجامعة ومستشفى الملك خالد", (4, 6, "PER"), (3, 6, "ORG")),
        # "by way of" is not a road; a person after an ordinary word stays a person
        ("وصلت الرسالة عن طريق خالد الفيصل", (3, 5, "PER"), (3, 5, "PER")),
        ("قال الأمير خالد الفيصل", (2, 4, "PER"), (2, 4, "PER")),
    ],
)
def test_a_facility_named_after_a_person_is_that_facility(sentence, span, expected):
    assert spans.repair(sentence.split(), [span], {}) == [expected]


def test_lineage_joins_a_name_split_by_the_tagger():
    words = "استقبل الملك سلمان بن عبدالعزيز آل سعود الوفد".split()
    assert spans.repair(words, [(2, 5, "PER"), (6, 7, "PER")], {}) == [(2, 7, "PER")]
    assert spans.repair(words, [(2, 6, "PER")], {}) == [(2, 7, "PER")]  # it stopped at آل


@pytest.mark.parametrize(
    "sentence, span, names, expected",
    [
        ("إن محمد بن نايف زار الرياض", (1, 5, "PER"), {}, (1, 4, "PER")),
        # a future verb is not cut by its shape: سيزار is a name (جوليو سيزار)
        ("قال جوليو سيزار", (1, 3, "PER"), {}, (1, 3, "PER")),
        ("قالت وديانا رزق", (1, 3, "PER"), {"رزق": 3}, (1, 3, "PER")),
        ("وصل فهد صباح اليوم", (1, 3, "PER"), {}, (1, 2, "PER")),
        ("جاء خلفا لبلاتر", (1, 3, "PER"), {"بلاتر": 2}, (2, 3, "PER")),
        # صباح before a word that is no time word is a name (صباح الأحمد)
        ("وصل صباح الأحمد", (1, 3, "PER"), {}, (1, 3, "PER")),
        # على folds to علي, a name: never cut as a particle
        ("قال محمد علي", (1, 3, "PER"), {}, (1, 3, "PER")),
        ("ضغط على لودريان", (1, 3, "PER"), {}, (2, 3, "PER")),
        ("بعث سلمان بن عبدالعزيز آل سعود برقية", (1, 7, "PER"), {}, (1, 6, "PER")),
        ("قال سلمان بن عبدالعزيز ولسمو ولي العهد", (1, 5, "PER"), {}, (1, 4, "PER")),
        ("أما بلاتر فإن", (1, 3, "PER"), {}, (1, 2, "PER")),
        ("سجل رود فان نيستلروي", (1, 4, "PER"), {}, (1, 4, "PER")),
        # a title after the name is a role, not part of it
        ("استقبل محمد بن نايف ولي العهد الوفد", (1, 6, "PER"), {}, (1, 4, "PER")),
        ("قال جوزيف بلاتر رئيس الفيفا", (1, 4, "PER"), {}, (1, 3, "PER")),
        ("قال نائب خادم الحرمين الشريفين", (1, 5, "PER"), {}, (1, 5, "PER")),
        # a verb after و/ف (its cluster is the verbs'), before or after the name
        ("وشارك فيدال في المباراة", (0, 2, "PER"), {}, (1, 2, "PER")),
        ("وأشاد الأنصاري بالجهود", (0, 2, "PER"), {}, (1, 2, "PER")),
        ("وكتب هولاند رسالة", (0, 2, "PER"), {}, (1, 2, "PER")),
        ("ثم أنجيلا ميركل فأوضحت موقفها", (1, 4, "PER"), {}, (1, 3, "PER")),
        # names that open with و stay whole: their cluster is no verbs'
        ("قال وليد الحسن", (1, 3, "PER"), {}, (1, 3, "PER")),
        ("قال وسام البريدي", (1, 3, "PER"), {}, (1, 3, "PER")),
        ("قال ونستون تشرشل", (1, 3, "PER"), {}, (1, 3, "PER")),
        ("اعتقل إبراهيم ويزيد زيد القعود", (2, 5, "PER"), {}, (2, 5, "PER")),  # يزيد is a given name and a verb
        ("قتل الصحافي جيمس فولي", (2, 4, "PER"), {}, (2, 4, "PER")),  # after a name only a verb of saying is cut
        # a title's qualifier or a kinship noun before the name is not part of it; ابن opens names
        ("مع رئيس النادي المكلف أحمد الدوسري", (3, 6, "PER"), {}, (4, 6, "PER")),
        ("وصل ووالد حمزة أمس", (1, 3, "PER"), {}, (2, 3, "PER")),
        ("وشغل نجله جمال المنصب", (1, 3, "PER"), {}, (2, 3, "PER")),
        ("كتب ابن تيمية", (1, 3, "PER"), {}, (1, 3, "PER")),
    ],
)
def test_words_the_tagger_ran_on_are_cut_from_a_person(sentence, span, names, expected):
    assert spans.repair(sentence.split(), [span], names) == [expected]


@pytest.mark.parametrize(
    "sentence, span, expected",
    [
        # the tagger reads علي as the preposition على: the name is علي عبدالله صالح, not his father's
        ("التقى الرئيس علي عبدالله صالح بالسفير", (3, 5, "PER"), (2, 5, "PER")),
        ("هاجمت القوات الموالية لعلي عبدالله صالح تعز", (4, 6, "PER"), (3, 6, "PER")),
        # the preposition as written, and علي before a one-word name (a surname alone), stay out
        ("حصل على محمد صلاح", (2, 4, "PER"), (2, 4, "PER")),
        ("رد علي صالح", (2, 3, "PER"), (2, 3, "PER")),
    ],
)
def test_an_untagged_ali_before_a_name_opens_it(sentence, span, expected):
    assert spans.repair(sentence.split(), [span], {}) == [expected]


def test_pipeline_ali_opens_the_name_without_its_clitic():
    rows = [(r["label"], r["text"], r["canonical"]) for r in _run("هاجمت القوات الموالية لعلي عبدالله صالح مدينة تعز أمس.")]
    assert rows[0] == ("PER", "علي عبدالله صالح", "علي عبدالله صالح")


def test_two_people_joined_by_waw_are_two_mentions():
    # لودريان is a person elsewhere in the article (جان إيف لودريان)
    words = "اجتمع فرانسوا هولاند ولودريان أمس".split()
    known = {"فرانسوا": 1, "هولاند": 1, "ولودريان": 1, "لودريان": 2}
    assert spans.split_coordination(words, [(1, 4, "PER")], known, {}) == [(1, 3, "PER"), (3, 4, "PER")]
    # وهبي: its rest is no one's name in the article; وليد is a name the lexicon knows
    assert spans.split_coordination("غنت هيفاء وهبي".split(), [(1, 3, "PER")], {"هيفاء": 1, "وهبي": 1}, {}) == [(1, 3, "PER")]
    assert spans.split_coordination("قال محمد وليد".split(), [(1, 3, "PER")], {"ليد": 1}, {"وليد": 5}) == [(1, 3, "PER")]


def test_a_time_word_glued_to_a_known_name_is_cut():
    assert spans.glued_time("بلاترأمس", {"بلاتر": 2}) == 3
    assert spans.glued_time("بلاتراليوم", {"بلاتر": 2}) == 5
    assert spans.glued_time("بلاتر", {"بلاتر": 2}) == 0
    assert spans.glued_time("فلانأمس", {}) == 0  # unknown name: left whole


def test_a_clitic_is_split_off_against_the_documents_names():
    text = "قال جوزيف بلاتر إن الرئاسة ستذهب خلفا لبلاتر"
    at = text.index("لبلاتر")
    mentions = [
        {"label": "PER", "text": "جوزيف بلاتر", "canonical": "جوزيف بلاتر", "start": 4, "end": 15},
        {"label": "PER", "text": "لبلاتر", "canonical": "لبلاتر", "start": at, "end": at + 6},
    ]
    canon.retrim_clitics(mentions, text)
    assert (mentions[1]["canonical"], mentions[1]["text"], mentions[1]["start"]) == ("بلاتر", "بلاتر", at + 1)
    canon.link_short_forms(mentions)
    assert canon.entity_id("PER", mentions[1]["canonical"]) == canon.entity_id("PER", "جوزيف بلاتر")


def test_multi_word_titles_stay_out_of_the_name():
    assert canon.leading_titles("ولي العهد الأمير محمد بن نايف".split()) == 3
    assert canon.leading_titles("خادم الحرمين الشريفين الملك سلمان".split()) == 4
    assert canon.leading_titles("وزير الخارجية عادل الجبير".split()) == 2
    assert canon.title_only("خادم الحرمين الشريفين".split()) and not canon.title_only(["الملك"])


def test_a_title_alone_is_the_person_the_article_gives_it():
    mentions = [
        {"label": "PER", "canonical": "سلمان بن عبدالعزيز", "role": "خادم الحرمين الشريفين الملك"},
        {"label": "PER", "canonical": "خادم الحرمين الشريفين", "role": None, "_title": True},
        {"label": "PER", "canonical": "ولي العهد", "role": None, "_title": True},
    ]
    canon.resolve_titles(mentions)
    assert [m["canonical"] for m in mentions] == ["سلمان بن عبدالعزيز", "سلمان بن عبدالعزيز", "ولي العهد"]
    assert not any("_title" in m for m in mentions)


def test_a_name_after_bin_is_the_father_not_that_person():
    mentions = [
        {"label": "PER", "canonical": "سلمان"},
        {"label": "PER", "canonical": "عبدالعزيز"},
        {"label": "PER", "canonical": "سلمان بن عبدالعزيز"},
        {"label": "PER", "canonical": "محمد بن سلمان"},
    ]
    canon.link_short_forms(mentions)
    assert [m["canonical"] for m in mentions] == ["سلمان بن عبدالعزيز", "عبدالعزيز", "سلمان بن عبدالعزيز", "محمد بن سلمان"]


@pytest.mark.parametrize(
    "label, a, b, id_key",
    [
        ("PER", "عبد العزيز", "عبدالعزيز", "عبدالعزيز"),
        ("PER", "سلمان بن عبد العزيز آل سعود", "سلمان بن عبدالعزيز", "سلمانبنعبدالعزيز"),
        ("PER", "أسامة", "اسامه", "اسامه"),
        ("PER", "مصطفى", "مصطفي", "مصطفي"),
        ("LOC", "أبو ظبي", "أبوظبي", "ابوظبي"),
        ("ORG", "الفيفا", "فيفا", "فيفا"),
        ("ORG", "الاتحاد الدولي لكرة القدم", "الفيفا", "فيفا"),
        ("ORG", "مجلس الأمن الدولي", "مجلس الأمن", "مجلسامن"),
        ("ORG", "فيس بوك", "فيسبوك", "فيسبوك"),
        ("PER", "عز الدين", "عزالدين", "عزالدين"),
        ("PER", "حسن نصر الله", "حسن نصرالله", "حسننصرالله"),
        ("PER", "علاء الدين الأسواني", "علاءالدين الاسواني", "علاءالدينالاسواني"),
    ],
)
def test_spelling_folds_give_one_id(label, a, b, id_key):
    assert canon.entity_id(label, a) == canon.entity_id(label, b) == _sha(label, id_key)


def test_the_article_still_tells_persons_apart():
    assert canon.entity_id("PER", "الحسين") != canon.entity_id("PER", "حسين")
    # آل سعود is only dropped from a full name: the family itself keeps it
    assert canon.key("آل سعود") == "ال سعود"


@pytest.mark.xfail(strict=True, reason="issue 13: the written-ى model tags the dual adjective جاهزان LOC (marginal 0.53); the model before it, O")
def test_a_dual_adjective_after_a_place_is_no_place():
    text = "وقال الملك سلمان إن جامعة الملك عبدالعزيز ومطار الملك عبدالعزيز الدولي في جدة جاهزان."
    assert "جاهزان" not in [r["text"] for r in _run(text)]


@pytest.mark.xfail(strict=True, reason="issue 12: the news-trained model leaves جسر الملك فهد untagged here (no person فهد either); the model before it, LOC")
def test_a_bridge_named_after_a_king_is_a_place():
    text = "وصل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود إلى جسر الملك فهد صباح اليوم."
    rows = {r["text"]: r for r in _run(text)}
    assert rows["جسر الملك فهد"]["label"] == "LOC" and rows["جسر الملك فهد"]["entity_id"] == _sha("LOC", "جسرملكفهد")


def test_pipeline_facility_title_and_lineage():
    text = (
        "وصل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود إلى جسر الملك فهد صباح اليوم، "
        "وقال الملك سلمان إن جامعة الملك عبدالعزيز ومطار الملك عبدالعزيز الدولي في جدة جاهزان."
    )
    # جاهزان (a dual adjective) tagged LOC is the written-ى model's miss, جسر الملك فهد the news-trained
    # model's: see the strict xfails below
    rows = [(r["label"], r["text"], r["canonical"]) for r in _run(text) if r["text"] not in ("جاهزان", "جسر الملك فهد")]
    assert rows == [
        ("PER", "سلمان بن عبدالعزيز آل سعود", "سلمان بن عبدالعزيز آل سعود"),
        ("PER", "سلمان", "سلمان بن عبدالعزيز آل سعود"),
        ("ORG", "جامعة الملك عبدالعزيز", "جامعة الملك عبدالعزيز"),
        ("LOC", "مطار الملك عبدالعزيز الدولي", "مطار الملك عبدالعزيز الدولي"),
        ("LOC", "جدة", "جدة"),
    ]
    ids = {r["canonical"]: r["entity_id"] for r in _run(text)}
    assert ids["سلمان بن عبدالعزيز آل سعود"] == _sha("PER", "سلمانبنعبدالعزيز")
    roles = {r["text"]: r["role"] for r in _run(text)}
    assert roles["سلمان بن عبدالعزيز آل سعود"] == "خادم الحرمين الشريفين الملك"


def test_pipeline_a_pronoun_after_qala_is_never_a_person():
    from khabar.extract.entities import is_never_a_person

    assert is_never_a_person(["قال", "لي"], 1, 2, "PER")
    assert not is_never_a_person(["لي", "كه", "تشيانغ"], 0, 3, "PER")


# --- homonyms: one name, several organisations ------------------------------------------


def _org(name):
    return {"label": "ORG", "canonical": name}


@pytest.mark.parametrize(
    "others, sense",
    [
        # Cairo's club: its rival, its city, its league name it
        ([_org("الزمالك"), {"label": "LOC", "canonical": "القاهرة"}], "الأهلي المصري"),
        # the article names the sense itself once
        ([_org("النادي الأهلي المصري")], "الأهلي المصري"),
        # the bank: one money word is enough where nothing is about football
        ([_org("مؤسسة النقد العربي السعودي")], "البنك الأهلي"),
        # Jeddah's club in Switzerland with an Egyptian player: Saudi football outweighs مصر
        ([{"label": "LOC", "canonical": "مصر"}, {"label": "LOC", "canonical": "جدة"}, _org("الهلال")], "الأهلي"),
        # a bank word in a football story is a sponsor, not the club's name
        ([_org("البنك"), _org("النصر")], "الأهلي"),
        # nothing to go by: the name as written
        ([{"label": "PER", "canonical": "عمر السومة"}], "الأهلي"),
    ],
)
def test_a_shared_name_takes_the_sense_the_document_points_to(others, sense):
    mentions = [_org("الأهلي"), *others, _org("الأهلي")]
    canon.separate_homonyms(mentions)
    assert (mentions[0]["canonical"], mentions[-1]["canonical"]) == (sense, sense)


def test_the_qualified_forms_of_a_shared_name_share_its_senses_ids():
    assert canon.entity_id("ORG", "النادي الأهلي") == canon.entity_id("ORG", "الأهلي السعودي") == canon.entity_id("ORG", "الأهلي")
    assert canon.entity_id("ORG", "النادي الأهلي المصري") == canon.entity_id("ORG", "الأهلي المصري") != canon.entity_id("ORG", "الأهلي")
    assert canon.entity_id("ORG", "البنك الأهلي التجاري") == canon.entity_id("ORG", "البنك الأهلي")


def test_pipeline_cairos_club_and_jeddahs_get_two_ids():
    from khabar.api import analyse

    cairo = analyse("فاز الأهلي على الزمالك في القاهرة بهدفين، وقال مدرب الأهلي إن الفريق قدم مباراة كبيرة أمام جماهير مصر.")
    jeddah = analyse("تعاقد النادي الأهلي مع مدافع جديد قبل مواجهة الهلال في جدة، وقال رئيس الأهلي إن الصفقة اكتملت.")
    ahly = [(e["text"], e["canonical"]) for e in cairo.entities if e["text"] == "الأهلي"]
    assert ahly == [("الأهلي", "الأهلي المصري")] * 2
    ids = {e["entity_id"] for e in jeddah.entities if "الأهلي" in e["text"]}
    assert ids == {canon.entity_id("ORG", "الأهلي")}
    assert canon.entity_id("ORG", "الأهلي المصري") in {e["entity_id"] for e in cairo.entities}


def test_a_surname_alone_after_a_verb_of_saying_is_the_person_named_before():
    from khabar.extract.entities import surnames_after_saying

    words = "وقال رئيس الوزراء محمد شياع السوداني إن الحكومة ماضية . وأكد السوداني أن الوفد السوداني وصل وقال المسؤول".split()
    sents = [list(range(0, 10)), list(range(10, len(words)))]
    found = [[(3, 6, "PER")], []]
    # after وأكد: the person; السوداني after الوفد is an adjective; a title after قال is not a surname
    assert surnames_after_saying(sents, found, words) == [[(3, 6, "PER")], [(1, 2, "PER")]]
    # a one-word name is no surname to carry
    assert surnames_after_saying(sents, [[(5, 6, "PER")], []], words) == [[(5, 6, "PER")], []]


def test_surnames_after_saying_reads_the_verbs_found_once_for_the_chunk():
    from khabar.extract.entities import saying_rows, surnames_after_saying

    # the document's sentences are rows 3.. of the chunk: rows 0-2 belong to another document
    words = "قال خالد العمري . قال وزير المالية خالد العمري إن العجز تراجع . وأضاف العمري أن الميزانية أقرت وقال".split()
    assert saying_rows(words) == [0, 4, 13, 17, 18]  # قال، قال، وأضاف، أقرت، وقال
    sents = [list(range(4, 13)), list(range(13, len(words)))]
    found = [[(3, 5, "PER")], []]
    # وأضاف العمري: the person; after أقرت comes no surname; the closing وقال has no word after it
    expected = [[(3, 5, "PER")], [(1, 2, "PER")]]
    assert surnames_after_saying(sents, found, words, saying_rows(words)) == expected
    assert surnames_after_saying(sents, found, words) == expected


_CACHE_TEXTS = [
    "قال الرئيس الأمريكي باراك أوباما في واشنطن إن الولايات المتحدة ستدعم الأردن. وأكد أوباما أن أمريكا لن تتراجع.",
    "التقى ولي العهد الأمير محمد بن نايف بن عبدالعزيز في الرياض وزير الخارجية الأميركي جون كيري، وقال كيري إن المملكة العربية السعودية شريك.",
    "وصل عبد الله بن زايد إلى أبوظبي، واستقبل الأمير عبدالله بن زايد وفد الاتحاد الدولي لكرة القدم.",
]


def _entity_rows_with_caches(monkeypatch, size: int | None) -> list[dict]:
    """Entity rows with canonical's norm, key and entity_id caches rebuilt at ``size`` entries (0: no cache at all)."""
    from functools import lru_cache

    import pyarrow as pa

    from khabar.extract import person_spans
    from khabar.ner import features
    from khabar.stages import extract_documents

    if size is not None:
        cached_norm = lru_cache(maxsize=size)(features.norm)
        monkeypatch.setattr(canon, "norm", cached_norm)
        monkeypatch.setattr(person_spans, "norm", cached_norm)  # imported by name
        monkeypatch.setattr(canon, "key", lru_cache(maxsize=size)(canon.key.__wrapped__))
        monkeypatch.setattr(canon, "entity_id", lru_cache(maxsize=size)(canon.entity_id.__wrapped__))
    docs = pa.table({"doc_id": [f"d{i}" for i in range(len(_CACHE_TEXTS))], "text": _CACHE_TEXTS})
    return extract_documents(docs, load_config())["entities"].to_pylist()


def test_the_norm_key_and_id_caches_change_no_entity(monkeypatch):
    """The bounded caches are only a speed-up: the same rows with no cache, a one-entry cache
    (every word evicts the last) and the default bound."""
    assert canon.norm.cache_info().maxsize == canon.NORM_CACHE_WORDS
    assert canon.key.cache_info().maxsize == canon.entity_id.cache_info().maxsize == canon.KEY_CACHE_NAMES
    default = _entity_rows_with_caches(monkeypatch, None)
    assert {r["canonical"] for r in default} >= {"باراك أوباما", "واشنطن", "جون كيري"}
    assert _entity_rows_with_caches(monkeypatch, 0) == default
    assert _entity_rows_with_caches(monkeypatch, 1) == default
    assert canon.key("أميركا") == canon.key("امريكا") == "الولايات المتحده"


def _mention_at(text: str, form: str, nth: int = 0, label: str = "PER") -> dict:
    at = -1
    for _ in range(nth + 1):
        at = text.index(form, at + 1)
    return {"label": label, "text": form, "canonical": form, "start": at, "end": at + len(form), "role": None}


def test_a_name_the_lexicon_knows_keeps_a_letter_that_looks_like_a_clitic():
    # Arak's reactor once in the article is no reason to read باراك as ب + أراك
    text = "أمرهم الرئيس باراك أوباما بالعودة، وفكك مفاعل أراك"
    mentions = [_mention_at(text, "باراك أوباما"), _mention_at(text, "أراك")]
    canon.retrim_clitics(mentions, text, names={"باراك": 1})
    assert mentions[0]["canonical"] == "باراك أوباما" and mentions[0]["start"] == text.index("باراك")
    canon.retrim_clitics(mentions, text)  # without the lexicon's word the document's evidence wins, as before
    assert mentions[0]["canonical"] == "اراك أوباما"


def test_a_surname_takes_back_the_given_name_the_tagger_left_outside():
    text = "أعلن جيب بوش ترشحه وأكد جيب بوش ذلك، وقال مقربون من جيب بوش إن حملة لجيب بوش جمعت المال، وأعيد انتخاب بلاتر"
    mentions = [_mention_at(text, "جيب بوش"), _mention_at(text, "جيب بوش", 1), _mention_at(text, "جيب", 2), _mention_at(text, "بوش", 2), _mention_at(text, "بوش", 3),
                _mention_at(text, "انتخاب بلاتر"), _mention_at(text, "بلاتر", 0)]
    mentions[-1] = {**mentions[-1], "start": text.rindex("بلاتر"), "end": len(text)}
    mentions.sort(key=lambda m: m["start"])
    canon.join_split_names(mentions, text)
    bush = [m for m in mentions if "بوش" in m["text"]]
    # «جيب» «بوش» as two mentions are one; «لجيب بوش»'s clitic stays out
    assert [(m["canonical"], m["text"]) for m in bush] == [("جيب بوش", "جيب بوش")] * 4
    assert bush[3]["start"] == text.index("لجيب") + 1
    assert len({canon.entity_id("PER", m["canonical"]) for m in bush}) == 1
    # a tagger's one-off «انتخاب بلاتر» (no given name the lexicon knows) takes no «بلاتر»
    assert [m["canonical"] for m in mentions if m["text"] == "بلاتر"] == ["بلاتر"]


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("تنظيم القاعدة", "القاعدة", True),  # a kind word before a one-word name adds nothing
        ("منظمة الأوبك", "أوبك", True),
        ("حزب الله اللبناني", "حزب الله", True),  # the country it is always of
        ("الكونجرس الأميركي", "الكونغرس", True),
        ("النصر السعودي", "النصر", True),
        ("صندوق النقد", "صندوق النقد الدولي", True),
        ("حزب الله الكويتي", "حزب الله", False),  # another group
        ("منظمة الصحة العالمية", "الصحة العالمية", False),  # the kind word goes only before one word
        ("شركة الاتحاد", "الاتحاد", False),  # a company is not the club
    ],
)
def test_an_organisation_is_one_id_however_the_article_qualifies_it(a, b, same):
    assert (canon.entity_id("ORG", a) == canon.entity_id("ORG", b)) is same


def test_good_neighbourliness_is_not_hassan():
    from khabar.extract.entities import is_never_a_person

    assert is_never_a_person("علاقات تقوم على مبادئ حسن الجوار".split(), 4, 5, "PER")
    assert is_never_a_person("أبدت طهران حسن النية".split(), 2, 3, "PER")
    assert not is_never_a_person("وقال حسن روحاني".split(), 1, 2, "PER")  # حسن the given name
    assert not is_never_a_person("وقال حسن".split(), 1, 2, "PER")



def test_words_before_reads_the_last_three_words_spaced_before_the_mention():
    text = "زار أمس وزير الخارجية جون كيري"
    assert canon.words_before(text, text.index("كيري")) == [(8, "وزير"), (13, "الخارجية"), (22, "جون")]
    text = "قال الرئيس، جورج ووكر بوش"  # the comma ends the run: الرئيس is not followed by a space
    assert canon.words_before(text, text.index("بوش")) == [(12, "جورج"), (17, "ووكر")]
    assert canon.words_before("الرئيس بوش", 6) == []  # no space before the end
    long = "ب" * 100 + " بوش"  # a word the 80-character window cuts is read cut
    assert canon.words_before(long, 101) == [(21, "ب" * 79)]

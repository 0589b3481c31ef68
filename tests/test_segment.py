"""Segmentation: exact spans on Arabic news sentences written for these
tests, clitic segments, and the invariants on a real SaudiNewsNet day."""

from __future__ import annotations

import gzip
import json

import pyarrow as pa
import pytest

from khabar import schemas
from khabar.config import DEFAULTS
from khabar.normalise import INVISIBLE, normalise_documents, normalise_text
from khabar.segment import clitic_function, segment_documents, segment_text
from khabar.segment.clitics import CliticSegmenter, default_segmenter, split_form

NORM = DEFAULTS["normalise"]
SEG = DEFAULTS["segment"]


def run(text, seg_cfg=SEG, norm_cfg=NORM):
    res = normalise_text(text, norm_cfg)
    return segment_text(text, res.text, res.map_norm, res.map_orig, seg_cfg, norm_cfg, clitic_function(seg_cfg, norm_cfg))


def sentences(text, **kw):
    s = run(text, **kw)
    return [text[a:b] for a, b in zip(s.sent_start.tolist(), s.sent_end.tolist())]


def tokens(text):
    s = run(text)
    return list(zip(s.form, s.kind))


# --- tokens ------------------------------------------------------------------


def test_token_offsets_cover_diacritics_and_tatweel():
    text = "قَالَ الوزيـــرُ إنّ النمو جيد"
    s = run(text)
    assert s.form == ["قَالَ", "الوزيـــرُ", "إنّ", "النمو", "جيد"]
    assert s.tok_start.tolist() == [0, 6, 17, 21, 27]
    assert s.norm == ["قال", "الوزير", "ان", "النمو", "جيد"]
    assert all(text[a:b] == f for a, b, f in zip(s.tok_start.tolist(), s.tok_end.tolist(), s.form))


def test_numbers_decimals_dates_and_arabic_indic_digits():
    text = "ارتفع المؤشر ٣٫٥٪ إلى ١٢٬٣٤٠ نقطة في 31.12.2021 الساعة 6:30 بنسبة 2,5"
    s = run(text)
    got = [(f, n, k) for f, n, k in zip(s.form, s.norm, s.kind) if k in ("number", "punct")]
    assert got == [
        ("٣٫٥", "3.5", "number"),
        ("٪", "%", "punct"),
        ("١٢٬٣٤٠", "12,340", "number"),
        ("31.12.2021", "31.12.2021", "number"),
        ("6:30", "6:30", "number"),
        ("2,5", "2,5", "number"),
    ]


def test_url_email_hashtag_mention_emoji_one_token_each():
    text = "تابعوا https://www.spa.gov.sa/news/1.html أو spa.gov.sa وراسلونا info@spa.gov.sa #السعودية_2030 @SPA_news 👍🏽 👨\u200d👩\u200d👧."
    assert tokens(text) == [
        ("تابعوا", "word"),
        ("https://www.spa.gov.sa/news/1.html", "url"),
        ("أو", "word"),
        ("spa.gov.sa", "url"),
        ("وراسلونا", "word"),
        ("info@spa.gov.sa", "email"),
        ("#السعودية_2030", "hashtag"),
        ("@SPA_news", "mention"),
        ("👍🏽", "emoji"),
        ("👨\u200d👩\u200d👧", "emoji"),
        (".", "punct"),
    ]


def test_mixed_latin_and_presentation_forms():
    text = "أطلقت Apple هاتف iPhone-15 ﻻ سيما في دبي"
    s = run(text)
    assert list(zip(s.form, s.norm, s.kind)) == [
        ("أطلقت", "اطلقت", "word"),
        ("Apple", "Apple", "latin"),
        ("هاتف", "هاتف", "word"),
        ("iPhone-15", "iPhone-15", "latin"),
        ("ﻻ", "لا", "word"),
        ("سيما", "سيما", "word"),
        ("في", "في", "word"),
        ("دبي", "دبي", "word"),
    ]


def test_punctuation_splits_from_words_and_runs_stay_together():
    assert tokens("ماذا بعد؟!«نعم»، (لا)...") == [
        ("ماذا", "word"),
        ("بعد", "word"),
        ("؟!", "punct"),
        ("«", "punct"),
        ("نعم", "word"),
        ("»", "punct"),
        ("،", "punct"),
        ("(", "punct"),
        ("لا", "word"),
        (")", "punct"),
        ("...", "punct"),
    ]


# --- sentences -----------------------------------------------------------------


def test_stop_without_space_ends_the_sentence():
    text = "وصل الوفد إلى الرياض.وأضاف المتحدث أن الزيارة ناجحة."
    assert sentences(text) == ["وصل الوفد إلى الرياض.", "وأضاف المتحدث أن الزيارة ناجحة."]


def test_no_split_on_decimals_dates_urls_emails_abbreviations():
    text = "قال د. محمد العلي (واس) إن النمو بلغ 3.5 في المئة منذ 31.12.2021 وفق spa.gov.sa و info@spa.gov.sa، وأكد أ. د. سالم ذلك (د ب أ)."
    assert sentences(text) == [text]


def test_year_and_time_letters_after_numbers_end_sentences():
    text = "وقع ذلك عام 2015م. ثم تغير الوضع في 1436هـ. وأضاف د. م. سالم أن الموعد 10 ص. غدا"
    assert sentences(text) == ["وقع ذلك عام 2015م.", "ثم تغير الوضع في 1436هـ.", "وأضاف د. م. سالم أن الموعد 10 ص.", "غدا"]


def test_question_exclamation_and_arabic_semicolon():
    text = "هل انتهت الأزمة؟ لا! بل تعمقت؛ ويقول الخبراء ذلك"
    assert sentences(text) == ["هل انتهت الأزمة؟", "لا!", "بل تعمقت؛", "ويقول الخبراء ذلك"]


def test_stop_inside_quotation_does_not_end_the_sentence():
    text = "وقال الوزير: «النتائج جيدة. وسنواصل العمل» في المؤتمر. ثم غادر."
    assert sentences(text) == ["وقال الوزير: «النتائج جيدة. وسنواصل العمل» في المؤتمر.", "ثم غادر."]


def test_stop_right_before_closing_quote_ends_after_the_quote():
    text = "وقال: «انتهى الاجتماع.» وغادر الوفد."
    assert sentences(text) == ["وقال: «انتهى الاجتماع.»", "وغادر الوفد."]
    straight = 'وقال: "انتهى الاجتماع." وغادر.'
    assert sentences(straight) == ['وقال: "انتهى الاجتماع."', "وغادر."]


def test_unbalanced_quote_does_not_swallow_the_paragraph():
    text = "وقال «المصدر إن الاتفاق قريب. وأضاف أن التوقيع غدا."
    assert sentences(text) == ["وقال «المصدر إن الاتفاق قريب.", "وأضاف أن التوقيع غدا."]


def test_line_break_ends_sentence_and_short_line_is_heading():
    text = "أمطار غزيرة على جدة\nشهدت المدينة أمطارا غزيرة صباح اليوم\n\nوقال الدفاع المدني إن الوضع مستقر."
    s = run(text)
    got = [text[a:b] for a, b in zip(s.sent_start.tolist(), s.sent_end.tolist())]
    assert got == ["أمطار غزيرة على جدة", "شهدت المدينة أمطارا غزيرة صباح اليوم", "وقال الدفاع المدني إن الوضع مستقر."]
    assert s.sent_heading == [True, True, False]
    # too long for a heading with max_heading_words = 5
    s = run(text, seg_cfg={**SEG, "max_heading_words": 5})
    assert s.sent_heading == [True, False, False]


def test_line_ending_with_punctuation_is_not_a_heading():
    text = "قال المتحدث:\nإن الاجتماع انتهى."
    assert run(text).sent_heading == [False, False]


def test_list_numbers_and_latin_initials():
    text = "1. تحسين الخدمات\nوقال J. Smith إن U.S. Steel ستستثمر."
    assert sentences(text) == ["1. تحسين الخدمات", "وقال J. Smith إن U.S. Steel ستستثمر."]


def test_latin_stop_without_space():
    assert sentences("Aramco reported profits.The shares rose in the U.S.A and file.pdf was sent.") == [
        "Aramco reported profits.",
        "The shares rose in the U.S.A and file.pdf was sent.",
    ]


def test_mixed_arabic_latin_sentences():
    text = "Saudi Aramco reported profits. وقالت أرامكو إن الأرباح ارتفعت. The shares rose!"
    assert sentences(text) == ["Saudi Aramco reported profits.", "وقالت أرامكو إن الأرباح ارتفعت.", "The shares rose!"]


# --- clitics -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "segments"),
    [
        ("وبالعراق", "و+ ب+ ال+ عراق"),
        ("للسلطة", "ل+ ال+ سلطه"),
        ("وقال", "و+ قال"),
        ("سيزور", "س+ يزور"),
        ("كتابه", "كتاب +ه"),
        ("حكومتها", "حكومت +ها"),
        ("لهم", "ل+ +هم"),
        ("بشأن", "ب+ شان"),
        ("والدة", "والده"),
        ("بلد", "بلد"),
        ("كتاب", "كتاب"),
        ("الله", "الله"),
        ("ولاية", "ولايه"),
        ("فلسطين", "فلسطين"),
        ("بلاد", "بلاد"),
        ("كانت", "كانت"),
        ("وزير", "وزير"),
        ("فكرة", "فكره"),
        ("سعودي", "سعودي"),
        ("أماناً", "امانا"),
        ("لبلاده", "ل+ بلاد +ه"),
        ("بطريقتهم", "ب+ طريقت +هم"),
        ("فإنه", "ف+ ان +ه"),
        ("يمكنك", "يمكن +ك"),
        ("بوش", "بوش"),
        ("لون", "لون"),
        ("ورقة", "ورقه"),
        ("كلم", "كلم"),
        ("أمسك", "امسك"),
        ("سيدني", "سيدني"),
    ],
)
def test_builtin_clitic_segments(word, segments):
    s = run(f"قال {word} ثم")
    assert s.segments[1] == segments


def test_tanween_blocks_prepositions_and_pronouns():
    seg = CliticSegmenter({"عدا": 500, "شكل": 500, "بعدا": 50, "بشكل": 50})
    assert [x.label for x in seg.segment("بعدا")] == ["ب+", "عدا"]
    assert [x.label for x in seg.segment("بعدا", "\u064b")] == ["بعدا"]  # accusative: no preposition
    assert [x.label for x in seg.segment("بشكل", "\u064d")] == ["ب+", "شكل"]  # genitive: fine
    assert run("مضى بعيداً عنه").segments[1] == "بعيدا"


def test_guard_words_are_refused_without_counts():
    seg = CliticSegmenter({"الدة": 1000, "لد": 1000, "تاب": 1000})
    assert [x.label for x in seg.segment("والدة")] == ["والدة"]
    assert [x.label for x in seg.segment("بلد")] == ["بلد"]
    assert [x.label for x in seg.segment("كتاب")] == ["كتاب"]


def test_stored_segmentations_match_the_rules():
    """The lexicon ships the rules' output for its words; a rule change
    without `python -m khabar.training.lexicon` fails here."""
    shipped = default_segmenter()
    assert len(shipped.freq) > 100_000 and len(shipped.pre) > 50_000
    live = CliticSegmenter(shipped.freq)  # no stored segmentations: rules only
    words = sorted(shipped.freq, key=lambda w: -shipped.freq[w])
    sample = words[:3000] + words[3000::40]
    mismatched = [w for w in sample if shipped.labels(w) != " ".join(seg.label for seg in live.segment(w))]
    assert mismatched == []
    assert shipped.labels("وبالعراق") == "و+ ب+ ال+ عراق"
    assert [(x.surface, x.label) for x in shipped.segment("للسلطة")] == [("ل", "ل+"), ("ل", "ال+"), ("سلطة", "سلطة")]


def test_split_form_spans_keep_diacritics_with_their_letters():
    form = "وَبِالعِراقِ"
    spans = split_form(form)
    assert [(form[a:b], lab) for a, b, lab in spans] == [("وَ", "و+"), ("بِ", "ب+"), ("ال", "ال+"), ("عِراقِ", "عراق")]
    form = "للسلطة"
    assert [(form[a:b], lab) for a, b, lab in split_form(form)] == [("ل", "ل+"), ("ل", "ال+"), ("سلطة", "سلطة")]


def test_clitics_none_and_unknown_backend():
    s = run("وبالعراق", seg_cfg={**SEG, "clitics": "none"})
    assert s.segments == [None]
    from khabar.errors import UserError

    with pytest.raises(UserError, match="builtin, camel or none"):
        run("وبالعراق", seg_cfg={**SEG, "clitics": "magic"})


# --- tables --------------------------------------------------------------------


def test_segment_documents_tables():
    docs = pa.table({"doc_id": ["d1", "d2", "d3"], "text": ["عنوان قصير\nوقال الوزيـر: «نعم». ثم غادر.", "", "مرحبا"]})
    norm = normalise_documents(docs, NORM)
    sents, toks = segment_documents(docs, norm, SEG, NORM)
    assert sents.schema == schemas.without_run_id(schemas.SENTENCES)
    assert toks.schema == schemas.without_run_id(schemas.TOKENS)
    rows = sents.to_pylist()
    assert [(r["doc_id"], r["sent_idx"], r["start"], r["end"], r["is_heading"]) for r in rows] == [
        ("d1", 0, 0, 10, True),
        ("d1", 1, 11, 31, False),
        ("d1", 2, 32, 40, False),
        ("d3", 0, 0, 5, False),
    ]
    t = toks.to_pylist()
    assert [r["tok_idx"] for r in t if r["doc_id"] == "d1"] == list(range(12))
    assert [(r["form"], r["sent_idx"]) for r in t if r["doc_id"] == "d1"][2:5] == [("وقال", 1), ("الوزيـر", 1), (":", 1)]
    assert all(r["lemma"] is None for r in t)


def test_table_forms_and_norms_cut_by_offsets_across_scripts():
    texts = ["Plain ASCII text, no Arabic.", "👍🏽 قالَ: «ﻻ» 😀x٣٫٥", "", "𝐀 بـ 𐍈 ok"]
    docs = pa.table({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    norm = normalise_documents(docs, NORM)
    _, toks = segment_documents(docs, norm, SEG, NORM)
    by_id = dict(zip(docs.column("doc_id").to_pylist(), texts))
    rows = toks.to_pylist()
    assert all(by_id[r["doc_id"]][r["start"] : r["end"]] == r["form"] for r in rows)
    expected = {}
    for doc_id, text in by_id.items():
        res = normalise_text(text, NORM)
        seg = segment_text(text, res.text, res.map_norm, res.map_orig, SEG, NORM, clitic_function(SEG, NORM))
        expected[doc_id] = list(zip(seg.form, seg.norm, seg.segments))
    got: dict = {}
    for r in rows:
        got.setdefault(r["doc_id"], []).append((r["form"], r["norm"], r["segments"]))
    assert got == {k: v for k, v in expected.items() if v}


def test_missing_or_stale_normalised_rows_are_redone():
    docs = pa.table({"doc_id": ["d1", "d2"], "text": ["قَالَ الوزير", "وقال الرئيس إن"]})
    stale = pa.table(
        {"doc_id": ["d2"], "text_norm": ["وقال الرئيس ان المزيد من الكلام"], "map_norm": [[0]], "map_orig": [[0]]},
        schema=schemas.without_run_id(schemas.NORMALISED),
    )
    _, toks = segment_documents(docs, stale, SEG, NORM)
    assert [(r["doc_id"], r["form"]) for r in toks.to_pylist()] == [("d1", "قَالَ"), ("d1", "الوزير"), ("d2", "وقال"), ("d2", "الرئيس"), ("d2", "إن")]


def check_invariants(text, sent_rows, tok_rows):
    covered = bytearray(len(text))
    prev = 0
    for r in tok_rows:
        assert text[r["start"] : r["end"]] == r["form"]
        assert prev <= r["start"] < r["end"]
        prev = r["end"]
        covered[r["start"] : r["end"]] = b"\x01" * (r["end"] - r["start"])
    for i, ch in enumerate(text):
        if not ch.isspace() and ch not in INVISIBLE:
            assert covered[i], (i, text[max(0, i - 10) : i + 10])
    spans = [(r["start"], r["end"]) for r in sent_rows]
    for r in tok_rows:
        a, b = spans[r["sent_idx"]]
        assert a <= r["start"] and r["end"] <= b
    assert spans == sorted(spans) and all(a < b for a, b in spans)


def test_saudinewsnet_day_invariants(shared_data):
    path = shared_data / "saudinewsnet" / "2015-07-21.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        recs = [json.loads(line) for _, line in zip(range(300), fh)]
    docs = pa.table({"doc_id": [r["id"] for r in recs], "text": [r["content"] or "" for r in recs]})
    sents, toks = segment_documents(docs, normalise_documents(docs, NORM), SEG, NORM)
    assert toks.num_rows > 200_000 and sents.num_rows > 5_000
    by_doc_s: dict = {}
    by_doc_t: dict = {}
    for r in sents.to_pylist():
        by_doc_s.setdefault(r["doc_id"], []).append(r)
    for r in toks.to_pylist():
        by_doc_t.setdefault(r["doc_id"], []).append(r)
    for doc_id, text in zip(docs.column("doc_id").to_pylist(), docs.column("text").to_pylist()):
        check_invariants(text, by_doc_s.get(doc_id, []), by_doc_t.get(doc_id, []))
    kinds = set(toks.column("kind").to_pylist())
    assert {"word", "punct", "number", "latin", "url"} <= kinds


def test_eval_on_pud_meets_targets(shared_data):
    from khabar.evaluate.segment import evaluate, read_conllu

    sents = read_conllu(shared_data / "ud-pud" / "ar_pud-half-a.conllu")
    assert len(sents) == 500
    res = evaluate(sents, NORM, SEG)
    assert res["tokens"][2] >= 0.99
    assert res["clitics (builtin)"][2] >= 0.95
    assert res["sentences (space)"][2] >= 0.98
    assert res["sentences (no space)"][2] >= 0.98


def test_eval_cli_missing_file(tmp_path, capsys):
    from khabar.cli import main

    assert main(["eval", "segment", "--conllu", str(tmp_path / "nope.conllu")]) == 2
    assert "CoNLL-U file not found" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text",
    [
        "a." * 50000,  # every start used to rescan the run for an e-mail or a domain
        "a@" + "b." * 50000,
        "{" * 30000 + "»" * 30000,  # closers used to scan every unmatched opener
        "ب" * 100000,  # one giant word through the clitic guards
        "وال" + "ت" * 50000 + "ه",
        "www." * 30000,
        "ـَ" * 30000,
    ],
)
def test_pathological_inputs_stay_linear(text):
    import time

    t0 = time.process_time()
    s = run(text)
    assert time.process_time() - t0 < 5.0
    assert "".join(s.form) == "".join(ch for ch in text if not ch.isspace())

"""Normalisation: each switch, the offset map back to the original, speed-critical paths."""

from __future__ import annotations

import pyarrow as pa
import pytest

from khabar import schemas
from khabar.arabic import DIACRITICS, original_span, to_original
from khabar.config import DEFAULTS
from khabar.normalise import normalise_documents, normalise_text

CFG = DEFAULTS["normalise"]
OFF = {k: False for k in CFG}


def only(**on):
    return {**OFF, **on}


def back(res, text):
    """Original character behind each normalised one."""
    return [text[to_original(res.map_norm, res.map_orig, i)] for i in range(len(res.text))]


def test_diacritics_and_tatweel_removed_map_skips_them():
    text = "قَالَ الرئيـــس"
    res = normalise_text(text, CFG)
    assert res.text == "قال الرئيس"
    assert back(res, text) == list("قال الرئيس")
    # the س after the tatweel run
    assert to_original(res.map_norm, res.map_orig, 9) == text.index("س")


def test_letter_unification_is_one_for_one():
    text = "أحمد وإيمان في آخر مكتبة على الطريق ٱلسريع"
    res = normalise_text(text, CFG)
    assert res.text == "احمد وايمان في اخر مكتبه علي الطريق السريع"
    assert (res.map_norm, res.map_orig) == ([0], [0])  # no length change, no breakpoint


def test_each_letter_switch_alone():
    text = "أمسية على الشاطئ"
    assert normalise_text(text, only(alef=True)).text == "امسية على الشاطئ"
    assert normalise_text(text, only(alef_maqsura=True)).text == "أمسية علي الشاطئ"
    assert normalise_text(text, only(teh_marbuta=True)).text == "أمسيه على الشاطئ"
    assert normalise_text("مَرْحَبًا", only(dediac=True)).text == "مرحبا"
    assert normalise_text("مرحـــبا", only(tatweel=True)).text == "مرحبا"
    assert normalise_text("مرحـــبا", only(dediac=True)).text == "مرحـــبا"


def test_digits_and_separators():
    text = "نما ٣٫٥٪ إلى ١٢٬٠٠٠ و۱۴ عاما"
    res = normalise_text(text, CFG)
    assert res.text == "نما 3.5% الي 12,000 و14 عاما"
    assert normalise_text(text, only(digits=True)).text == "نما 3.5% إلى 12,000 و14 عاما"
    assert normalise_text(text, only(alef=True)).text.startswith("نما ٣٫٥٪")


def test_presentation_forms_expand_and_map_to_the_ligature():
    text = "ﻻ تقل ﷲ"  # lam-alef ligature, the Allah ligature
    res = normalise_text(text, CFG)
    assert res.text == "لا تقل الله"
    assert [to_original(res.map_norm, res.map_orig, i) for i in (0, 1, 2)] == [0, 0, 1]
    tail = [to_original(res.map_norm, res.map_orig, i) for i in range(7, 11)]
    assert tail == [6, 6, 6, 6]
    assert normalise_text(text, only(alef=True)).text == text  # NFKC off


def test_combining_sequences_compose():
    text = "ا\u0653خر"  # alef + combining madda = آ
    assert normalise_text(text, only(nfkc=True)).text == "آخر"
    assert normalise_text(text, CFG).text == "اخر"


def test_invisible_characters_removed():
    text = "\u200fالرياض\u200e \u202bجدة\u202c\u200b،\ufeff\x00مكة"
    res = normalise_text(text, CFG)
    assert res.text == "الرياض جده،مكه"
    assert "".join(back(res, text)) == "الرياض جدة،مكة"
    assert normalise_text(text, only(whitespace=True)).text == text  # invisible off


def test_zero_width_joiner_kept_inside_emoji_only():
    family = "👨\u200d👩\u200d👧"
    assert normalise_text(family + " خبر", CFG).text == family + " خبر"
    assert normalise_text("كتا\u200dب", CFG).text == "كتاب"


def test_whitespace_collapses_and_keeps_line_breaks():
    text = "العنوان  \t\n\n   النص الأول\u00a0\u00a0والثاني\r\nالثالث  "
    res = normalise_text(text, CFG)
    assert res.text == "العنوان\nالنص الاول والثاني\nالثالث "
    assert to_original(res.map_norm, res.map_orig, res.text.index("ا", 8)) == text.index("النص")
    assert normalise_text(text, only(dediac=True)).text == text


def test_orphan_tatweel_used_as_a_dash_is_kept():
    text = "قال ـ وهو محق ـ لكن"
    assert normalise_text(text, CFG).text == text


def test_original_span_covers_diacritics_and_tatweel():
    text = "قالَ الرئيـــسُ  الجديد"
    res = normalise_text(text, CFG)
    assert res.text == "قال الرئيس الجديد"
    a, b = original_span(text, res.map_norm, res.map_orig, 4, 10, len(res.text))
    assert text[a:b] == "الرئيـــسُ"
    a, b = original_span(text, res.map_norm, res.map_orig, 0, 3, len(res.text))
    assert text[a:b] == "قالَ"
    a, b = original_span(text, res.map_norm, res.map_orig, 4, 17, len(res.text))
    assert text[a:b] == "الرئيـــسُ  الجديد"


def test_map_is_monotonic_and_ends_at_the_text_end():
    text = "\u200f  أَهْلًا   ﻻ\n\n\nوسَهْلًا ٣٫٥ "
    res = normalise_text(text, CFG)
    positions = [to_original(res.map_norm, res.map_orig, i) for i in range(len(res.text) + 1)]
    assert positions == sorted(positions)
    assert positions[-1] == len(text)


def test_camel_diacritics_are_included():
    from camel_tools.utils.charsets import AR_DIAC_CHARSET

    assert set(AR_DIAC_CHARSET) <= DIACRITICS


def test_letter_switches_agree_with_camel_tools():
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar

    text = "أعلنت إدارة ٱلمدينة آخر مستجدات المبنى: الإمارة تُعِدُّ خطةً للمستشفى الجديد."
    assert normalise_text(text, only(alef=True)).text == normalize_alef_ar(text)
    assert normalise_text(text, only(alef_maqsura=True)).text == normalize_alef_maksura_ar(text)
    assert normalise_text(text, only(teh_marbuta=True)).text == normalize_teh_marbuta_ar(text)
    assert normalise_text(text, only(dediac=True)).text == dediac_ar(text)


def test_normalise_documents_schema_and_order():
    docs = pa.table({"doc_id": ["b", "a"], "text": ["مَرحبا  بكم", "٢٠١٥"]})
    out = normalise_documents(docs, CFG)
    assert out.schema == schemas.without_run_id(schemas.NORMALISED)
    assert out.column("doc_id").to_pylist() == ["b", "a"]
    assert out.column("text_norm").to_pylist() == ["مرحبا بكم", "2015"]
    first = out.to_pylist()[0]
    assert [to_original(first["map_norm"], first["map_orig"], i) for i in (0, 5, 6)] == [0, 6, 8]


@pytest.mark.parametrize("text", ["", " ", "\n", "\u200f", "ـ", "َ"])
def test_degenerate_texts(text):
    res = normalise_text(text, CFG)
    assert to_original(res.map_norm, res.map_orig, len(res.text)) <= len(text)

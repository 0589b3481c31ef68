"""khabar.arabic: the character classes, the tiny folds and the offset map."""

from __future__ import annotations

import re

from khabar.arabic import (
    ARABIC_BLOCK_MARKS,
    CAMEL_DIACRITICS,
    CORE_LETTERS,
    DIACRITICS,
    MINHASH_DELETED,
    NER_DROPPED,
    TATWEEL,
    ZWNJ,
    Mapped,
    ascii_digits,
    char_class,
    dediac,
    normalize_alef,
    normalize_alef_maqsura,
    normalize_teh_marbuta,
    strip_invisible,
    strip_tatweel,
    unpresent,
)


def test_camel_tools_charsets_agree():
    from camel_tools.utils.charsets import AR_DIAC_CHARSET, AR_LETTERS_CHARSET

    assert CAMEL_DIACRITICS == AR_DIAC_CHARSET
    assert CORE_LETTERS <= AR_LETTERS_CHARSET
    assert AR_LETTERS_CHARSET - CORE_LETTERS == {TATWEEL, "ٱ", "پ", "چ", "ڤ", "گ"}


def test_camel_tools_folds_agree():
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
    )

    text = "أعلنت إدارة ٱلمدينة آخر مستجدات المبنى: الإمارة تُعِدُّ خطةً للمستشفى الجديد."
    assert dediac(text) == dediac_ar(text)
    assert normalize_alef(text) == normalize_alef_ar(text)
    assert normalize_alef_maqsura(text) == normalize_alef_maksura_ar(text)
    assert normalize_teh_marbuta(text) == normalize_teh_marbuta_ar(text)


def test_dediac_removes_tashkeel_quranic_and_extended_marks():
    assert dediac("مُحَمَّدٌ رَسُولُ") == "محمد رسول"
    assert dediac("ذَٰلِكَ الْكِتَابُ") == "ذلك الكتاب"  # dagger alef
    assert dediac("محمد\u0610 قال\u06d6") == "محمد قال"  # honorific sign, Quranic small high mark
    assert dediac("كتاب\u08f0 علم\u08f1\u08f2") == "كتاب علم"  # Extended-A open tanween
    assert dediac("مـحـمد") == "مـحـمد"  # tatweel is not a diacritic


def test_strip_tatweel():
    assert strip_tatweel("مـــحمد جـمـيـل") == "محمد جميل"
    assert strip_tatweel("ـ") == ""


def test_strip_invisible_keeps_whitespace():
    assert strip_invisible("مي\u200cخواهم \u200fنص\u202bمضمن\u202c") == "ميخواهم نصمضمن"
    assert strip_invisible("\ufeffسطر\tثان\n\u2066x\u2069") == "سطر\tثان\nx"


def test_alef_forms():
    assert normalize_alef("أحمد إبراهيم آمنة ٱلله") == "احمد ابراهيم امنة الله"
    assert normalize_alef("ؤ ئ ء") == "ؤ ئ ء"  # hamza on waw / yeh, lone hamza: not alef forms


def test_alef_maqsura_and_teh_marbuta():
    assert normalize_alef_maqsura("مستشفى على هدى") == "مستشفي علي هدي"
    assert normalize_teh_marbuta("مدرسة الجامعة") == "مدرسه الجامعه"


def test_digits():
    assert ascii_digits("عام ٢٠١٥ أو ۱۳۹۴") == "عام 2015 أو 1394"
    assert ascii_digits("٣٫٥") == "3٫5"  # the decimal separator is not a digit


def test_unpresent_letters_but_not_ligatures():
    assert unpresent("\ufe91\ufef4\ufe96") == "بيت"
    assert unpresent("\ufefb") == "\ufefb"  # lam-alef expands to two letters: kept
    assert unpresent("بيت") == "بيت"


def test_variants_differ_where_stored_data_needs_it():
    assert "\u08f0" in DIACRITICS and "\u08f0" not in NER_DROPPED and "\u08f0" not in ARABIC_BLOCK_MARKS
    assert "\u06dd" in ARABIC_BLOCK_MARKS and "\u06dd" not in DIACRITICS  # end of ayah: a sign, not a mark
    assert ZWNJ in NER_DROPPED and ZWNJ not in DIACRITICS
    assert "\u0610" in DIACRITICS and "\u0610" not in MINHASH_DELETED and TATWEEL in MINHASH_DELETED


def test_char_class_writes_ranges():
    assert char_class("abcx") == "a-cx"
    assert char_class({"-", "]"}) == r"\-\]"
    body = char_class(DIACRITICS)
    assert len(body) < 40
    assert {c for c in map(chr, range(0x0600, 0x0900)) if re.fullmatch(f"[{body}]", c)} == DIACRITICS


def test_mapped_offsets_over_deleted_marks():
    # مُحمّد folded to محمد: the damma (1) and the shadda (4) are gone
    m = Mapped("محمد", [0, 1, 3], [0, 2, 5])
    assert [m.orig(i) for i in range(5)] == [0, 2, 3, 5, 6]
    assert [m.from_orig(o) for o in range(7)] == [0, 1, 1, 2, 3, 3, 4]


def test_mapped_run_at_the_start():
    m = Mapped("قال", [0], [2])  # "\u200f\u200eقال"
    assert [m.orig(i) for i in range(4)] == [2, 3, 4, 5]
    assert [m.from_orig(o) for o in range(6)] == [0, 0, 0, 1, 2, 3]

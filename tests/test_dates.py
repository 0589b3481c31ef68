"""Dates: absolute, every month naming system, Hijri, relative, durations."""

from __future__ import annotations

import datetime as dt
import time

import pyarrow as pa
import pytest

from khabar import schemas
from khabar.extract.dates import extract_dates, find_dates

PUB = "2023-03-15T08:30:00Z"  # a Wednesday


def _dates(text, pub=PUB):
    out = find_dates(text, pub)
    for d in out:
        assert text[d.start : d.end] == d.text
    return [(d.text, d.value, d.kind) for d in out]


@pytest.mark.parametrize("text,span,value", [
    ("وقعت الحادثة في 15 مارس 2023 قرب الميناء.", "15 مارس 2023", "2023-03-15"),
    ("صدر القرار بتاريخ 15/03/2023 ونشر لاحقا.", "15/03/2023", "2023-03-15"),
    ("بدأ العمل بالنظام في 2023-03-15 رسميا.", "2023-03-15", "2023-03-15"),
    ("انعقدت الجلسة في ٢ نيسان ٢٠٢٢ بحضور النواب.", "٢ نيسان ٢٠٢٢", "2022-04-02"),
    ("تقرر الاجتماع يوم 3 كانون الثاني 2021 في بيروت.", "3 كانون الثاني 2021", "2021-01-03"),
    ("وذلك في 20 دجنبر 2022 بالرباط.", "20 دجنبر 2022", "2022-12-20"),
    ("تنطلق الدورة في 5 جويلية 2021 بتونس.", "5 جويلية 2021", "2021-07-05"),
    ("وصل الوفد في 9 أغسطس 2019 إلى القاهرة.", "9 أغسطس 2019", "2019-08-09"),
    ("وصل الوفد في 9 اغسطس 2019 إلى القاهرة.", "9 اغسطس 2019", "2019-08-09"),
    ("وكان ذلك في 21 يوليو (تموز) 2015 في لندن.", "21 يوليو (تموز) 2015", "2015-07-21"),
])
def test_absolute_dates(text, span, value):
    assert (span, value, "date") in _dates(text)


@pytest.mark.parametrize("text,span,value,kind", [
    ("وارتفع التضخم في آب 2022 إلى مستوى قياسي.", "آب 2022", "2022-08", "month"),
    ("تراجعت الصادرات في تشرين الأول 2020 بشكل حاد.", "تشرين الأول 2020", "2020-10", "month"),
    ("وأعلنت النتائج في يوليوز 2022 بالمغرب.", "يوليوز 2022", "2022-07", "month"),
    ("اندلعت الاحتجاجات عام 2011 في عدة مدن.", "عام 2011", "2011", "year"),
    ("وانتهت الأشغال أواخر شهر آب 2020 كما كان مقررا.", "أواخر شهر آب 2020", "2020-08", "month"),
    ("وهو أعلى مستوى منذ سنة 1995 على الإطلاق.", "سنة 1995", "1995", "year"),
])
def test_months_and_years(text, span, value, kind):
    assert (span, value, kind) in _dates(text)


def test_father_is_not_august_without_date_context():
    assert _dates("قال الأب آب إن ابنه سافر.") == []


def test_hijri_date_is_converted_to_gregorian_umm_al_qura():
    out = find_dates("تستأنف الدروس يوم الجمعة 27 جمادى الأولى 1443هـ في المسجد.", PUB)
    assert len(out) == 1
    assert out[0].value == "2021-12-31" and out[0].calendar == "hijri" and out[0].kind == "date"
    assert out[0].text.endswith("1443هـ")
    assert _dates("ويفتتح المهرجان في 27 شوال الجاري.", "2015-08-02T00:00:00Z") == [("27 شوال الجاري", "2015-08-12", "relative")]
    paired = _dates("وتم تحديد يوم الاثنين الموافق 18-10-1436 موعدا للقاء.")
    assert paired == [("18-10-1436", "2015-08-03", "date")]
    numeric = find_dates("الموافق 21 / 10 / 1436هـ بحسب التقويم.", PUB)
    assert [(d.value, d.calendar) for d in numeric] == [("2015-08-06", "hijri")]


@pytest.mark.parametrize("text,span,value", [
    ("أعلنت الوزارة اليوم عن خطة جديدة.", "اليوم", "2023-03-15"),
    ("وصل الوزير أمس إلى الرياض.", "أمس", "2023-03-14"),
    ("وقعت الحادثة أول أمس في الطريق.", "أول أمس", "2023-03-13"),
    ("وصل الرئيس مساء أول من أمس إلى نيروبي.", "أول من أمس", "2023-03-13"),
    ("تنطلق البطولة غداً في جدة.", "غداً", "2023-03-16"),
    ("تبدأ المفاوضات بعد غد في جنيف.", "بعد غد", "2023-03-17"),
    ("أعلن الوزير، اليوم (الأربعاء)، عن الخطة.", "اليوم (الأربعاء)", "2023-03-15"),
    ("عاد الوفد الأحد الماضي من باريس.", "الأحد الماضي", "2023-03-12"),
    ("عاد الوفد الأربعاء الماضي من باريس.", "الأربعاء الماضي", "2023-03-08"),
    ("تعقد القمة الخميس المقبل في القاهرة.", "الخميس المقبل", "2023-03-16"),
    ("وقع الانفجار يوم الثلاثاء قرب السوق.", "يوم الثلاثاء", "2023-03-14"),
    ("وقع الانفجار يوم الأربعاء قرب السوق.", "يوم الأربعاء", "2023-03-15"),
    ("تراجعت الأسهم الأسبوع الماضي بشكل حاد.", "الأسبوع الماضي", "2023-W10"),
    ("تصدر النتائج الشهر المقبل كما هو متوقع.", "الشهر المقبل", "2023-04"),
    ("وارتفع النمو خلال العام الحالي بنسبة جيدة.", "العام الحالي", "2023"),
    ("ويكتمل المشروع قبل نهاية العام كما وعد الوزير.", "نهاية العام", "2023-12"),
    ("وسجلت الموازنة عجزا بنهاية العام الماضي كما توقع الخبراء.", "نهاية العام الماضي", "2022-12"),
    ("زار الرئيس المدينة في مارس الماضي.", "مارس الماضي", "2022-03"),
    ("زار الرئيس المدينة في 6 مارس الماضي.", "6 مارس الماضي", "2023-03-06"),
    ("يعقد المؤتمر في 15 أغسطس المقبل في جدة.", "15 أغسطس المقبل", "2023-08-15"),
    ("وتراجعت الأسعار خلال شهر فبراير بنسبة طفيفة.", "شهر فبراير", "2023-02"),
    ("وتنطلق الحملة مطلع أبريل المقبل في جدة.", "مطلع أبريل المقبل", "2023-04"),
])
def test_relative_dates_resolved_against_publication(text, span, value):
    assert (span, value, "relative") in _dates(text)


def test_relative_dates_without_publication_keep_the_expression_with_null_value():
    assert _dates("وصل الوزير أمس إلى الرياض، ويغادر الأحد المقبل.", None) == [
        ("أمس", None, "relative"), ("الأحد المقبل", None, "relative")]


def test_publication_date_is_taken_in_utc():
    # 23:30 in Riyadh on the 14th is 20:30 UTC on the 14th; 02:00 Riyadh on the 15th is 23:00 UTC on the 14th
    pub = dt.datetime(2023, 3, 15, 2, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert _dates("وصل الوزير أمس إلى الرياض.", pub) == [("أمس", "2023-03-13", "relative")]


@pytest.mark.parametrize("text,span,value", [
    ("استمرت الحرب خمس سنوات كاملة.", "خمس سنوات", "P5Y"),
    ("يستغرق العلاج ستة أسابيع على الأقل.", "ستة أسابيع", "P6W"),
    ("طلب منهم الاستسلام خلال 24 ساعة فقط.", "24 ساعة", "PT24H"),
    ("توقفت الدروس عامين بسبب الجائحة.", "عامين", "P2Y"),
    ("استمرت الرحلة ثلاثة عشر يوما في البحر.", "ثلاثة عشر يوما", "P13D"),
])
def test_durations(text, span, value):
    assert (span, value, "duration") in _dates(text)


@pytest.mark.parametrize("text", [
    "يتحرك الموظفون لفترات أطول خلال اليوم الواحد.",
    "وقال في حديث خص به «اليوم» إن الوضع مستقر.",
    "قاسم الزرعي – عين اليوم\nقام شخص بسرقة سيارة.",
    "أعيد فتح المتاجر في اليوم التالي للعاصفة.",
])
def test_the_day_and_newspaper_names_are_not_today(text):
    assert _dates(text) == []


def test_weekday_words_that_are_numbers_are_not_dates():
    assert _dates("فاز الفريق بالمباراة بين الاثنين في النهائي.") == []
    assert _dates("أمضى الأحد عشر لاعبا المباراة كلها.") == []


def test_extract_dates_table_uses_published_at_per_document():
    docs = pa.table({
        "doc_id": ["a", "b"],
        "text": ["وصل الوفد أمس إلى عمان.", "وصل الوفد أمس إلى عمان."],
        "published_at": pa.array([dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), None], schemas.TS),
    })
    table = extract_dates(docs, schemas.empty("sentences"), schemas.empty("tokens"), {"dates": True})
    assert table.schema == schemas.without_run_id(schemas.DATES)
    rows = table.to_pylist()
    assert [(r["doc_id"], r["date_idx"], r["text"], r["value"], r["calendar"]) for r in rows] == [
        ("a", 0, "أمس", "2019-12-31", "gregorian"), ("b", 0, "أمس", None, "gregorian")]


def test_digits_and_separators_run_in_linear_time():
    def run(n):
        text = ("1234567890/.-,٫٬٢٠٢٣ " * (n // 21))
        t0 = time.perf_counter()
        find_dates(text, PUB)
        return time.perf_counter() - t0

    t1 = min(run(500_000) for _ in range(2))
    t2 = min(run(1_000_000) for _ in range(2))
    assert t2 < 3.0, t2
    assert t2 < 4 * t1 + 0.2, (t1, t2)


@pytest.mark.parametrize("unit", ["15 مارس ", "يوم الأحد ", "أمس اليوم غدا "])
def test_a_text_made_of_dates_runs_in_linear_time(unit):
    # overlapping candidates are resolved with a sorted index, not pairwise
    def run(n):
        text = unit * (n // len(unit))
        t0 = time.perf_counter()
        out = find_dates(text, PUB)
        assert len(out) >= n // len(unit) // 2
        return time.perf_counter() - t0

    t1 = min(run(100_000) for _ in range(2))
    t2 = min(run(200_000) for _ in range(2))
    assert t2 < 3.0, t2
    assert t2 < 4 * t1 + 0.2, (t1, t2)


_MONTH_NAMES = [
    # Egyptian / Gulf, with spelling variants
    ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("إبريل", 4), ("مايو", 5), ("يونيو", 6), ("يونيه", 6),
    ("يوليو", 7), ("أغسطس", 8), ("اغسطس", 8), ("سبتمبر", 9), ("أكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12),
    # Levantine / Iraqi
    ("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("اذار", 3), ("نيسان", 4), ("أيار", 5), ("ايار", 5), ("حزيران", 6),
    ("تموز", 7), ("آب", 8), ("أيلول", 9), ("تشرين الأول", 10), ("تشرين الثاني", 11), ("كانون الأول", 12),
    # Moroccan
    ("ماي", 5), ("يوليوز", 7), ("غشت", 8), ("شتنبر", 9), ("نونبر", 11), ("دجنبر", 12),
    # Algerian / Tunisian
    ("جانفي", 1), ("فيفري", 2), ("أفريل", 4), ("جوان", 6), ("جويلية", 7), ("أوت", 8),
]


@pytest.mark.parametrize("name,month", _MONTH_NAMES)
def test_every_month_name_of_every_system(name, month):
    text = f"انعقد الاجتماع في 15 {name} 2020 بحضور الوزراء."
    assert _dates(text) == [(f"15 {name} 2020", f"2020-{month:02d}-15", "date")]


@pytest.mark.parametrize("name,month", [("محرم", 1), ("صفر", 2), ("ربيع الأول", 3), ("ربيع الآخر", 4), ("جمادى الأولى", 5),
                                        ("جمادى الآخرة", 6), ("رجب", 7), ("شعبان", 8), ("رمضان", 9), ("شوال", 10),
                                        ("ذو القعدة", 11), ("ذي الحجة", 12)])
def test_every_hijri_month(name, month):
    from hijridate import Hijri

    out = find_dates(f"صدر القرار في 10 {name} 1440هـ رسميا.", PUB)
    assert [(d.value, d.calendar) for d in out] == [(Hijri(1440, month, 10).to_gregorian().isoformat(), "hijri")]


@pytest.mark.parametrize("text,span,value,kind", [
    ("وصلت البعثة في الحادي عشر من فبراير المقبل إلى الدوحة.", "الحادي عشر من فبراير المقبل", "2024-02-11", "relative"),
    ("وقعت الهجمات في الحادي عشر من سبتمبر 2001 في نيويورك.", "الحادي عشر من سبتمبر 2001", "2001-09-11", "date"),
    ("ضربت العاصفة في الرابع والعشرين من يناير الماضي.", "الرابع والعشرين من يناير الماضي", "2023-01-24", "relative"),
    ("وتبلغ نفقات العام المالي 2023/2024 نحو تريليون ريال.", "العام المالي 2023/2024", "2023/2024", "year"),
    ("مقارنة بالعام المالي 2021 الذي سجل عجزا.", "العام المالي 2021", "2021", "year"),
    ("ويتوقع أن يتباطأ النمو خلال الأشهر الستة المقبلة.", "الأشهر الستة المقبلة", "P6M", "duration"),
    ("وارتفعت الصادرات في السنوات الخمس الماضية.", "السنوات الخمس الماضية", "P5Y", "duration"),
    ("وقال وزير الخارجية، الأحد، إن المفاوضات مستمرة.", "الأحد", "2023-03-12", "relative"),
])
def test_ordinal_days_fiscal_years_definite_spans_and_comma_weekdays(text, span, value, kind):
    assert (span, value, kind) in _dates(text)


def test_day_and_month_without_year_take_the_year_of_their_range():
    text = "تستمر الدورة من 1 رجب إلى 15 شعبان 1447هـ، والمعرض من 5 مارس حتى 10 أبريل 2025."
    got = _dates(text)
    assert ("1 رجب", "2025-12-21", "date") in got
    assert ("15 شعبان 1447هـ", "2026-02-03", "date") in got
    assert ("5 مارس", "2025-03-05", "date") in got
    assert ("10 أبريل 2025", "2025-04-10", "date") in got


def test_mismatched_fiscal_years_and_bare_one_are_not_dates():
    assert _dates("بلغ العام المالي 2020/2025 رقما قياسيا.") == []
    assert not [d for d in _dates("وهو الأحد الذي لا شريك له.") if d[0] == "الأحد"]


def test_day_before_yesterday_school_year_and_no_trailing_space():
    assert _dates("ووقع الانفجار أمس الأول قرب السوق.") == [("أمس الأول", "2023-03-13", "relative")]
    assert _dates("وتبدأ الدراسة مع بداية العام الدراسي المقبل.") == []
    assert _dates("نشر التقرير في الثالث من تموز/يوليو الماضي.") == [("الثالث من تموز/يوليو الماضي", "2022-07-03", "relative")]

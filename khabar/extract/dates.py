"""Temporal expressions: find them and resolve them to ISO 8601.

``find_dates(text, published_at)`` is the string-level function;
``extract_dates`` applies it to a shard. Values:

* absolute dates `15 مارس 2023`, `15/03/2023` (day first), `2023-03-15` ->
  `2023-03-15` (kind date); months of every naming system (Egyptian/Gulf,
  Levantine/Iraqi, Moroccan, Algerian/Tunisian), also doubled as
  `يوليو (تموز)`; `آب 2022`, `أواخر شهر آب 2022` -> `2022-08` (kind month);
  `عام 2011` -> `2011` (kind year);
* Hijri `27 جمادى الأولى 1443هـ`, `21/10/1436هـ` -> its Gregorian date by the
  Umm al-Qura calendar (``hijridate``), calendar `hijri`; `27 شوال` without a
  year -> the occurrence nearest to publication; `عام 1381هـ` -> its Gregorian
  days (kind hijri_year, below);
* Hijri months without a year (`شهر رمضان`, `رمضان الماضي`, `في شوال`; a
  preposition, شهر or a relative word required: رمضان and رجب are names too),
  `الشهر الفضيل` (Ramadan) and the feasts (`عيد الفطر` 1-3 Shawwal, `عيد
  الأضحى` 10-13 Dhu al-Hijja) -> their Gregorian days, the one around or
  nearest publication, or before/after it with الماضي/المقبل (kind month;
  range for the feasts); with a year (`رمضان 1393`) its days too;
* relative expressions (kind relative; ISO weeks kind week), resolved against the date of
  ``published_at`` in ``timezone`` (UTC by default; ``extract.date_timezone``): اليوم، أمس، أول أمس، غداً، بعد غد; weekdays: bare or with
  يوم -> the most recent such day on or before publication (news reports the
  past; a future sentence or a chronology decide otherwise, see below), with الماضي -> strictly before, with المقبل/القادم -> strictly
  after; الأسبوع الماضي/المقبل/الحالي -> the ISO week (`2023-W10`);
  الشهر ... -> `YYYY-MM` (الشهر السابق after a written month: the month
  before it); `الشهر المقابل من عام 2014` -> the written month in 2014 (kind
  month); `قبل عام`، `قبل شهرين`، `قبل 3 أيام` -> publication moved back, at the
  unit's precision (not `قبل عامين من الانتخابات`); on a Sunday the week just
  ended is الأسبوع الماضي; العام ... -> `YYYY`; نهاية/أواخر العام -> `YYYY-12`,
  مطلع/بداية/أوائل العام -> `YYYY-01`; a month with الماضي/المقبل/الجاري ->
  the nearest such month before/after/of publication; a day and month
  without a year, or `شهر غشت`, -> the occurrence nearest to publication.
  Without ``published_at`` the expression is kept with a null value;
* durations `خمس سنوات` -> `P5Y`, `ستة أسابيع` -> `P6W`, `24 ساعة` -> `PT24H`,
  `عامين` -> `P2Y` (kind duration); in a range (`من 18 إلى 24 شهرا`, `بين 10
  و14 يوما`) the low end is a duration of its own (`18` -> `P18M`);
* years: after a preposition (`في 1948`, `بعد 1982`; not before a counted
  noun: `في 2000 شخص`), alone before a clause end or marked م (`رؤية 2030.`,
  `1948م`), `للعام 2009` -> `1948`... (kind year); pairs `1961/1962`,
  `2014/15` -> `2014/2015` (kind year); `(1970 - 1976)` -> `1970/1976` (range);
  Hijri years `1436هـ`, `عام 1319 هجري`, `1436/1437هـ` -> the Gregorian days
  they cover, `2014-10-25/2015-10-13` (kind hijri_year; Umm al-Qura, the
  arithmetic calendar outside its 1343-1500); decades `العشرينات` ->
  `1920/1929` (the latest such decade begun by publication, the 20th century
  without one), `ثمانينات القرن الماضي` -> the century before publication's
  (kind decade; `في العشرينات من عمره` is an age, no date);
* spans: `17 - 20 أغسطس`, `21 أغسطس - 14 سبتمبر`, `15 - 26 من الشهر الحالي`
  -> `2015-08-17/2015-08-20` (kind range; days joined by a word, `من 5 مارس
  حتى 10 أبريل`, stay two dates); `الربع الثاني من العام` ->
  `2015-04-01/2015-06-30` (kind quarter), `النصف الأول من 2014`, `الأسبوع
  الأخير من شهر أغسطس` -> its days (kind range); `28 من الشهر نفسه` -> the
  month last written in the paragraph;
* no value: `الأشهر الأخيرة`, `خلال السنوات الماضية` (kind vague); `اليوم`
  meaning nowadays (`ما يعرف اليوم بـ`, `شباب اليوم`: kind generic); a day
  and month naming a place (`مدينة 6 أكتوبر`, `شارع 26 يوليو`, `خلية في 6
  أكتوبر`) is no date at all (nor an amount).

Resolution uses what the text says: the first today-word with a named weekday
(`أمس الأحد` published on a Tuesday) moves the day everything relative is
resolved against (publication times are often UTC or the crawl time); a bare
weekday is the next one when the sentence before it speaks of the future
(`سـ`/`سوف` + verb, `من المقرر`, `يلتقي`, `المقبل`...), else the last one, or
in a chronology (a full date over a week old earlier in the paragraph) the
first one on or after that date. Dialect `بكرا`, `يوم غدٍ`, `صباح الأمس`.

Every span is exact in the original text (diacritics, tatweel and
Arabic-Indic digits included): matching runs on folded text and maps back.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from khabar import schemas
from khabar.extract import lexicon as L
from khabar.extract.fold import fold, fold_word
from khabar.extract.lexicon import B, E, OSP, SP, alternation, finditer_opening
from khabar.extract.numbers import find_numbers, range_low

_MONTHS = L.folded_map(L.MONTHS)
_HMONTHS = L.folded_map(L.HIJRI_MONTHS)
_WEEKDAYS = L.folded_map(L.WEEKDAYS)
_AMBIG_WD = {fold_word(w) for w in L.AMBIGUOUS_WEEKDAYS}
_PAST = {fold_word(w) for w in L.PAST}
_NEXT = {fold_word(w) for w in L.NEXT}
_CURRENT = {fold_word(w) for w in L.CURRENT}
_TIME_UNITS = L.folded_map(L.TIME_UNITS)
_TIME_DUALS = L.folded_map(L.TIME_DUALS)
_DECADES = L.folded_map(L.DECADES)

MONTH = alternation(_MONTHS)
HMONTH = alternation(_HMONTHS)
WEEKDAY = alternation(_WEEKDAYS)
REL = alternation(L.PAST + L.NEXT + L.CURRENT)
YEAR = r"(?:1[89]\d\d|20\d\d|21\d\d)"
# an optional second month name: "يوليو (تموز)", "تموز/يوليو"
ALT = rf"(?:{OSP}[(/]{OSP}{MONTH}(?:{OSP}\))?|{SP}{MONTH}{E})?"  # no trailing space in the span
CLITIC = r"(?:[وبلف])?"

_DEF_UNITS = {"ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4, "خمسه": 5, "خمس": 5, "سته": 6, "ست": 6,
              "سبعه": 7, "سبع": 7, "ثمانيه": 8, "ثماني": 8, "تسعه": 9, "تسع": 9, "عشره": 10, "عشر": 10}
_DEF_NUM = alternation(_DEF_UNITS)
_SPAN_UNIT = {"الاشهر": "M", "الشهور": "M", "السنوات": "Y", "الاعوام": "Y", "الاسابيع": "W", "الايام": "D",
              "الساعات": "H"}

_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("hijri", re.compile(
        rf"{B}(?:(?:يوم{SP})?{WEEKDAY},?{SP})?(?:(?P<d>\d{{1,2}}){SP}(?:من{SP})?)?(?:شهر{SP})?(?P<hm>{HMONTH}){SP}(?:(?:من{SP})?(?:عام|لعام|سنه){SP})?"
        rf"(?P<y>1[234]\d\d)(?:{OSP}(?:ه|هجري|هجريه|للهجره){E})?")),
    # a Hijri day and month without a year: the occurrence nearest to publication
    ("hijri_dm", re.compile(
        rf"{B}(?P<d>\d{{1,2}}){SP}(?:من{SP})?(?:شهر{SP})?(?P<hm>{HMONTH}){E}(?:{SP}(?P<rel>{REL}){E})?")),
    # numeric, day first; "21 / 10 / 1436هـ" with a Hijri year or mark is Hijri
    ("dmy_num", re.compile(
        r"(?=\d)(?<![\d/.\-])(?P<d>\d{1,2}) ?(?P<s>[/.\-]) ?(?P<m>\d{1,2}) ?(?P=s) ?(?P<y>\d{4})(?![\d/\-]|\.\d)(?P<h> ?ه(?!\w))?")),
    ("ymd_num", re.compile(r"(?=\d)(?<![\d/.\-])(?P<y>\d{4})(?P<s>[/.\-])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?![\d/\-]|\.\d)")),
    ("dm", re.compile(
        rf"(?:{B}(?:يوم{SP})?(?P<wd>{WEEKDAY}),?{SP})?(?<!\d)(?P<d>\d{{1,2}}){SP}(?:من{SP})?(?:شهر{SP})?(?P<m>{MONTH}){E}{ALT}"
        rf"(?:{SP}(?P<rel>{REL}){E})?(?:,?{SP}(?:من{SP})?(?:عام{SP}|العام{SP}|سنه{SP})?(?P<y>{YEAR})(?:{OSP}م{E})?)?")),
    ("my", re.compile(
        rf"{B}(?:شهر{SP})?(?P<m>{MONTH}){E}{ALT}{SP}(?:من{SP})?(?:عام{SP}|العام{SP}|سنه{SP})?(?P<y>{YEAR})(?:{OSP}م{E})?")),
    ("m_rel", re.compile(rf"{B}(?:شهر{SP})?(?P<m>{MONTH}){E}{ALT}{SP}(?P<rel>{REL}){E}")),
    ("m_bare", re.compile(rf"{B}شهر{SP}(?P<m>{MONTH}){E}")),
    # في يونيو، منذ آذار: a month after a preposition, the nearest (not آب "father", جوان "Juan", ماي)
    ("m_prep", re.compile(
        rf"{B}[وف]?(?:في|خلال|منذ|حتي|طوال|طيله|بحلول|قبل|بعد){SP}(?P<mm>(?!(?:اب|جوان|ماي){E})(?P<m>{MONTH}){E}{ALT})")),
    # مطلع مارس، أواخر شهر آب 2020: month precision
    ("m_edge", re.compile(
        rf"{B}{CLITIC}(?P<edge>مطلع|اوائل|منتصف|اواخر|نهايه|بدايه){SP}(?:شهر{SP})?(?P<m>{MONTH}){E}{ALT}"
        rf"(?:{SP}(?P<rel>{REL}){E})?(?:,?{SP}(?:من{SP})?(?:عام{SP}|العام{SP}|سنه{SP})?(?P<y>{YEAR})(?:{OSP}م{E})?)?")),
    ("year", re.compile(
        rf"{B}[وبف]?(?P<kw>عام|العام|سنه|السنه|موسم|لعام|للعام|لسنه|للسنه){SP}(?P<y>{YEAR}|1[34]\d\d)(?!{OSP}[/\-]{OSP}\d)"
        rf"(?P<h>{OSP}(?:ه|هجري|هجريه|للهجره){E})?(?:{OSP}م{E})?")),
    ("year_after", re.compile(rf"{B}(?:منذ|حتي|مطلع|منتصف|اواخر|اوائل|نهايه|بدايه|خلال){SP}(?P<y>{YEAR})(?!\d)")),
    ("today", re.compile(
        rf"{B}[وف]?(?P<w>(?:اول{SP}(?:من{SP})?)?امس(?:{SP}الاول)?|اليوم|غدا|بكرا|بعد{SP}غد|يوم{SP}(?:ال)?غد){E}(?:{OSP}\({OSP}(?P<wd1>{WEEKDAY}){OSP}\)|{SP}(?P<wd2>{WEEKDAY}){E})?")),
    ("weekday", re.compile(
        rf"{B}(?:(?P<pre>يوم){SP})?(?P<paren>\({OSP})?{CLITIC}(?P<wd>{WEEKDAY}){E}(?:{OSP}\))?(?:{SP}(?P<rel>{REL}){E})?")),
    ("period", re.compile(
        rf"{B}{CLITIC}(?:(?P<edge>نهايه|مطلع|بدايه|اواخر|اوائل|منتصف){SP})?(?P<unit>الاسبوع|الشهر|العام|السنه){SP}(?P<rel>{REL}){E}")),
    ("period_this", re.compile(rf"{B}{CLITIC}(?:(?P<edge>نهايه|مطلع|بدايه|اواخر|اوائل){SP})?(?:هذا|هذه){SP}(?P<unit>الاسبوع|الشهر|العام|السنه){E}")),
    ("period_edge", re.compile(rf"{B}{CLITIC}(?P<edge>نهايه|مطلع|بدايه|اواخر|اوائل){SP}(?P<unit>الشهر|العام|السنه){E}")),
]
# Ordinal day words: الحادي عشر من فبراير، الرابع والعشرين من سبتمبر
_ORD_UNITS = {"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7,
              "الثامن": 8, "التاسع": 9}
_ORDINAL_DAYS = dict(_ORD_UNITS)
_ORDINAL_DAYS.update({"العاشر": 10, "الحادي عشر": 11, "العشرين": 20, "الثلاثين": 30, "الحادي والعشرين": 21,
                      "الحادي والثلاثين": 31})
for _w, _n in _ORD_UNITS.items():
    if _n > 1:
        _ORDINAL_DAYS[f"{_w} عشر"] = 10 + _n
        _ORDINAL_DAYS[f"{_w} والعشرين"] = 20 + _n
_ORDINAL_DAYS.update({"الاول والعشرين": 21})
ORDINAL_DAY = alternation(_ORDINAL_DAYS)
_ORDINAL_DAYS = {fold_word(k): v for k, v in _ORDINAL_DAYS.items()}
_PATTERNS += [
    ("dm_ord", re.compile(
        rf"{B}(?P<od>{ORDINAL_DAY}){SP}من{SP}(?:شهر{SP})?(?P<m>{MONTH}){E}{ALT}"
        rf"(?:{SP}(?P<rel>{REL}){E})?(?:,?{SP}(?:من{SP})?(?:عام{SP}|العام{SP}|سنه{SP})?(?P<y>{YEAR})(?:{OSP}م{E})?)?")),
    # fiscal years: العام المالي 2024/2025 -> 2024/2025 (an ISO 8601 interval of years)
    ("fiscal", re.compile(
        rf"{B}{CLITIC}(?P<kw>العام|السنه|الموسم){SP}(?:الماليه?|الدراسي|الجامعي|الاكاديمي|الرياضي){SP}(?P<y>{YEAR})(?:{OSP}/{OSP}(?P<y2>{YEAR}|\d\d))?(?![\d/])")),
    # الأشهر الستة المقبلة، السنوات الخمس الماضية: a duration
    ("span_def", re.compile(
        rf"{B}{CLITIC}(?P<u>الاشهر|الشهور|السنوات|الاعوام|الاسابيع|الايام|الساعات){SP}(?P<n>ال(?:{_DEF_NUM}))(?!\w)(?:{SP}(?P<rel>{REL}){E})?")),
]
HMARK = r"(?:ه|هجري|هجريه|للهجره)"
DMY_TAIL = rf"(?:{SP}(?P<rel>{REL}){E})?(?:,?{SP}(?:من{SP})?(?:عام{SP}|العام{SP}|سنه{SP})?(?P<y>{YEAR})(?:{OSP}م{E})?)?"
DAY_LINK = rf"{OSP}(?:-|–|الي|حتي){OSP}"
_PATTERNS += [
    # 17 - 20 أغسطس (2015): a range of days in one month
    ("dm_range", re.compile(
        rf"{B}(?P<d1>\d{{1,2}}){DAY_LINK}(?P<d>\d{{1,2}}){SP}(?:من{SP})?(?:شهر{SP})?(?P<m>{MONTH}){E}{ALT}{DMY_TAIL}")),
    # 28 من الشهر نفسه، 15 - 26 من الشهر الحالي: days of a month named by reference
    ("d_this_month", re.compile(
        rf"{B}(?:(?P<d1>\d{{1,2}}){DAY_LINK})?(?:(?P<d>\d{{1,2}})|(?P<od>{ORDINAL_DAY})){SP}من{SP}"
        rf"(?:هذا{SP}الشهر|الشهر{SP}(?P<rel>نفسه|ذاته|{REL}))(?!\w)")),
    # الربع الثاني من العام (الماضي)، للربع الأول من 2015، النصف الأول من عام 2014
    ("quarter", re.compile(
        rf"{B}(?P<part>(?:[وبف]?ال|و?لل)(?:ربع|نصف)){SP}(?P<ord>الاول|الثاني|الثالث|الرابع|الاخير){SP}(?:من{SP})?"
        rf"(?:(?:هذا{SP}|هذه{SP})?(?P<unit>العام|السنه)(?:{SP}(?P<rel>{REL}))?|(?:عام{SP}|سنه{SP})?(?P<y>{YEAR}))(?!\w)")),
    # الأسبوع الأخير من شهر أغسطس (2015): the days of that week of the month
    ("week_of_month", re.compile(
        rf"{B}{CLITIC}الاسبوع{SP}(?P<ord>الاول|الثاني|الثالث|الرابع|الاخير){SP}من{SP}(?:شهر{SP})?(?P<m>{MONTH}){E}{ALT}{DMY_TAIL}")),
    # في 1948، وبعد 1982، قبل 1948: a year after a preposition (the resolver keeps counts out: في 2000 منزل)
    ("year_prep", re.compile(rf"{B}{CLITIC}(?:في|قبل|بعد){SP}(?P<y>1[89]\d\d|20\d\d)(?![\d.,/\-%])(?:{OSP}م{E})?")),
    # a year alone at the end of a clause or marked م: طبعة 2016. رؤية 2030، ولد 1948م
    ("year_bare", re.compile(
        rf"(?=\d)(?<![\w.,/\-])(?P<y>19\d\d|20[0-4]\d)(?:{OSP}م(?!\w)|(?={OSP}(?:[.،,](?!\d)|[؛:)!؟?\n]|$)))")),
    # a Hijri year standing alone: 1436هـ، 1319 هجري
    ("hijri_year", re.compile(rf"(?=\d)(?<![\w.,/\-])(?P<y>1[34]\d\d){OSP}{HMARK}{E}")),
    # 1961/1962، 2014/15، 1436/1437هـ: academic, fiscal and sports years (one runs into the next)
    ("year_pair", re.compile(
        rf"(?=\d)(?<![\d/.\-])(?P<y>{YEAR}|1[34]\d\d){OSP}[/\-]{OSP}(?P<y2>{YEAR}|1[34]\d\d|\d\d)(?![\d/\-]|\.\d)(?P<h>{OSP}{HMARK}{E})?")),
    # العشرينات، الأربعينيات، ثمانينات القرن الماضي; «في العشرينات من عمره» is an age
    ("decade", re.compile(
        rf"{B}{CLITIC}(?:ال)?(?P<dec>{alternation(_DECADES)})(?:يات|ات){E}"
        rf"(?:{SP}(?:من{SP})?القرن{SP}(?P<c>الماضي|المنصرم|العشرين|التاسع{SP}عشر|الثامن{SP}عشر|الحالي|الحادي{SP}والعشرين){E})?"
        rf"(?P<age>{SP}من{SP}(?:ال)?عمر)?")),
    # الأشهر الأخيرة، خلال السنوات القليلة الماضية، الفترة المقبلة: a vague period, no value
    ("vague", re.compile(
        rf"{B}{CLITIC}(?P<u>{alternation(L.VAGUE_UNITS)}){SP}(?:القليله{SP})?(?P<rel>{alternation(L.VAGUE_RELS)}){E}")),
    # صباح الأمس، يوم الأمس: yesterday (a bare الأمس is often "the past": حلفاء الأمس)
    ("yesterday_def", re.compile(rf"{B}(?:صباح|مساء|ظهر|ظهيره|ليل|ليله|فجر|عصر|يوم){SP}(?P<w>الامس){E}")),
]
HOLY = r"(?:المبارك|الكريم|الفضيل|المعظم)"
_PATTERNS += [
    # شهر رمضان (المبارك) (الماضي)، رمضان المقبل، في شوال: a Hijri month without
    # its year -> its Gregorian days (the resolver wants شهر, a relative word or a preposition)
    ("hm_named", re.compile(
        rf"{B}{CLITIC}(?:(?P<shahr>شهر){SP})?(?P<hm>{HMONTH}){E}(?:{SP}{HOLY}{E})?(?:{SP}(?P<rel>{REL}){E})?")),
    # الشهر الفضيل، هذا الشهر الكريم، شهر الصوم: Ramadan
    ("holy_month", re.compile(
        rf"{B}{CLITIC}(?:هذا{SP})?(?:ال)?شهر{SP}(?:الفضيل|الكريم|المبارك|الصوم|الصيام){E}(?:{SP}(?P<rel>{REL}){E})?")),
    # عيد الفطر (المبارك) (المقبل)، عيد الأضحى: the days of the feast
    ("eid", re.compile(
        rf"{B}{CLITIC}(?:ال)?عيد{SP}(?:ال)?(?P<eid>فطر|اضحي){E}(?:{SP}(?:المبارك|السعيد){E})?(?:{SP}(?P<rel>{REL}){E})?")),
    # العاشر من رمضان عام 1393هـ، السابع من شهر شوال: an ordinal day of a Hijri month
    ("hijri_ord", re.compile(
        rf"{B}(?P<od>{ORDINAL_DAY}){SP}من{SP}(?:شهر{SP})?(?P<hm>{HMONTH}){E}(?:{SP}(?:(?:من{SP})?(?:عام|لعام|سنه){SP})?"
        rf"(?P<y>1[234]\d\d)(?:{OSP}{HMARK}{E})?|{SP}(?P<rel>{REL}){E})?")),
    # قبل عام، قبل شهر، قبل أسبوع: a year (month, week, day) before publication
    ("ago", re.compile(rf"{B}[وف]?(?P<q>قبل){SP}(?P<u>عام|سنه|شهر|اسبوع|يوم){E}")),
    # الشهر المقابل من عام 2014، الشهر نفسه من العام الماضي: the month written before, in that year
    ("month_ref", re.compile(
        rf"{B}{CLITIC}(?P<w>(?:ال)?شهر{SP}(?:المقابل|المماثل|نفسه|ذاته)|(?:نفس|ذات){SP}الشهر){SP}من{SP}"
        rf"(?:(?:عام|العام|سنه){SP}(?P<y>{YEAR})|(?:العام|السنه){SP}(?P<rel>{REL})){E}")),
]
_PATTERN = dict(_PATTERNS)
_DUAL_DURATION = re.compile(rf"{B}{CLITIC}(?P<u>{alternation(_TIME_DUALS)}){E}")
_DUAL_WORDS = tuple(sorted({fold_word(w) for w in _TIME_DUALS}))  # (each match opens with one, or its clitic before it)
_TIME_UNIT_AFTER = re.compile(rf"{SP}(?P<u>{alternation(_TIME_UNITS)}){E}")


_DAY_NOT_TODAY = re.compile(r"(?<!\w)(?:في|خلال|مدار|طوال|طيله|عين|نفس|ذات)\s{1,3}$")
_FOLLOWED_BY_DATE = re.compile(r"\s{0,3}[,،]?\s{0,3}(?:(?:الموافق|الماضي الموافق|المقبل الموافق)\s{1,3}\d|\d{1,2} ?[/.\-] ?\d{1,2} ?[/.\-] ?\d\d)")
_QUOTE_MARKS = set("«»\"“”'")


class DateMention(NamedTuple):
    start: int
    end: int
    text: str
    value: str | None
    kind: str
    calendar: str


@lru_cache(maxsize=16)
def _zone(name: str | None) -> dt.tzinfo:
    """The IANA zone ``name`` (None, "" or "UTC": UTC)."""
    if not name or name == "UTC":
        return dt.timezone.utc
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _pub_date(published_at, timezone: str | None = None) -> dt.date | None:
    """The calendar day of publication in ``timezone`` (the outlet's; a naive
    time is UTC); a date without a time is taken as it is."""
    if published_at is None:
        return None
    if isinstance(published_at, str):
        published_at = dt.datetime.fromisoformat(published_at.replace("Z", "+00:00"))
    if isinstance(published_at, dt.datetime):
        if published_at.tzinfo is None:
            published_at = published_at.replace(tzinfo=dt.timezone.utc)
        try:
            published_at = published_at.astimezone(_zone(timezone))
        except (OverflowError, ValueError):  # a time at the ends of the calendar stays in UTC
            published_at = published_at.astimezone(dt.timezone.utc)
        published_at = published_at.date()
    # a publication day outside these years is a broken timestamp, and the
    # arithmetic around it (a year on, a week back) would leave the calendar
    return published_at if 1800 <= published_at.year <= 2200 else None


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _resolve_month(m: int, rel: str | None, pub: dt.date | None) -> str | None:
    if pub is None:
        return None
    here = pub.year * 12 + pub.month - 1
    if rel in _PAST:
        y = pub.year if m < pub.month else pub.year - 1
    elif rel in _NEXT:
        y = pub.year if m > pub.month else pub.year + 1
    elif rel in _CURRENT:
        y = pub.year
    else:  # nearest occurrence
        y = min((pub.year - 1, pub.year, pub.year + 1), key=lambda yy: abs(yy * 12 + m - 1 - here))
    return f"{y:04d}-{m:02d}"


def _resolve_day_month(d: int, m: int, rel: str | None, pub: dt.date | None) -> str | None:
    if pub is None:
        return None
    cands = [c for c in (_valid(y, m, d) for y in (pub.year - 1, pub.year, pub.year + 1)) if c]
    if not cands:
        return None
    pick = _valid(pub.year, m, d) if rel in _CURRENT else _pick_date(cands, rel, pub)
    return pick.isoformat() if pick else None


def _pick_date(cands: list[dt.date], rel: str | None, pub: dt.date) -> dt.date | None:
    """The candidate a relative word points at: the latest on or before publication after a "past"
    word, the earliest on or after it after a "next" word, else the nearest."""
    if rel in _PAST:
        before = [c for c in cands if c <= pub]
        return max(before) if before else None
    if rel in _NEXT:
        after = [c for c in cands if c >= pub]
        return min(after) if after else None
    return min(cands, key=lambda c: abs((c - pub).days)) if cands else None


def _resolve_weekday(wd: int, rel: str | None, pub: dt.date | None) -> str | None:
    if pub is None:
        return None
    if rel in _PAST:
        delta = -(((pub.weekday() - wd - 1) % 7) + 1)
    elif rel in _NEXT:
        delta = ((wd - pub.weekday() - 1) % 7) + 1
    else:  # bare: the most recent such day on or before publication
        delta = -((pub.weekday() - wd) % 7)
    return (pub + dt.timedelta(days=delta)).isoformat()


def _resolve_hijri_day_month(d: int, m: int, rel: str | None, pub: dt.date | None) -> str | None:
    if pub is None or not 1 <= d <= 30:
        return None
    from hijridate import Gregorian, Hijri

    try:
        hy = Gregorian(pub.year, pub.month, pub.day).to_hijri().year
        cands = []
        for y in (hy - 1, hy, hy + 1):
            try:
                cands.append(Hijri(y, m, d).to_gregorian())
            except ValueError:
                continue
    except (ValueError, OverflowError):
        return None
    pick = _pick_date([dt.date(c.year, c.month, c.day) for c in cands], rel, pub)
    return pick.isoformat() if pick else None


def _hijri_to_iso(y: int, m: int, d: int | None) -> str | None:
    from hijridate import Hijri  # light import, only for Hijri mentions

    try:
        g = Hijri(y, m, d or 1).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return g.isoformat() if d else f"{g.year:04d}-{g.month:02d}"


# Every date expression contains an anchor: a month, weekday or relative word,
# a numeric date or a year-like number. Each pattern runs only in windows
# around the anchors of its group: scanning the whole text with each of the
# fourteen patterns costs ~5x more.
_GROUPS = {
    "num": ("dmy_num", "ymd_num", "year", "year_after", "year_prep", "year_bare", "hijri_year", "year_pair"),
    "month": ("dm", "my", "m_rel", "m_bare", "m_prep", "m_edge", "dm_ord", "dm_range", "week_of_month"),
    "fiscal": ("fiscal",),
    "span": ("span_def", "vague"),
    "hijri": ("hijri", "hijri_dm", "hm_named", "hijri_ord"),
    "holy": ("holy_month",),
    "eid": ("eid",),
    "ago": ("ago",),
    "wd": ("weekday",),
    "rel": ("today", "yesterday_def"),
    "per": ("period", "period_this", "period_edge", "d_this_month", "quarter"),
    "ref": ("month_ref", "d_this_month"),  # الشهر نفسه is their anchor, not الشهر
    "decade": ("decade",),
}
_ANCHOR_GROUP = {w: "month" for w in _MONTHS}
_ANCHOR_GROUP.update({w: "hijri" for w in _HMONTHS})
_ANCHOR_GROUP.update({w: "wd" for w in _WEEKDAYS})
_ANCHOR_GROUP.update({w: "rel" for w in ("امس", "اليوم", "غدا", "غد", "بكرا", "الامس")})
_ANCHOR_GROUP.update({w: "per" for w in ("الاسبوع", "الشهر", "العام", "السنه", "الربع", "النصف", "للربع", "للنصف")})
# (not الكريم, المبارك alone: frequent)
_ANCHOR_GROUP.update({w: "holy" for w in ("الفضيل", "الصوم", "الصيام", "الشهر الكريم", "الشهر المبارك")})
# الشهر المقابل/نفسه من ...: anchors of their own (not every الشهر, nor every نفسه, tries them)
_ANCHOR_GROUP.update({w: "ref" for w in ("الشهر المقابل", "الشهر المماثل", "الشهر نفسه", "الشهر ذاته", "شهر المقابل",
                                         "نفس الشهر", "ذات الشهر")})
_ANCHOR_GROUP.update({w: "eid" for w in ("الفطر", "الاضحي")})
_ANCHOR_GROUP.update({f"قبل {w}": "ago" for w in ("عام", "سنه", "شهر", "اسبوع", "يوم")})  # not every قبل
_ANCHOR_GROUP.update({w: "fiscal" for w in ("المالي", "الماليه", "الدراسي")})  # not الرياضي: frequent, and year_pair has the years
_ANCHOR_GROUP.update({w: "span" for w in _SPAN_UNIT})
_ANCHOR_GROUP.update({fold_word(w): "span" for w in L.VAGUE_UNITS})
_ANCHOR_GROUP.update({f"{a}{w}{s}": "decade" for w in _DECADES for a in ("", "ال") for s in ("ات", "يات")})
# Two scans, numbers and words: their anchors share no character (digits and
# / . - against letters and spaces), so neither hides one of the other, and
# each pattern alone opens with what the engine skips to fast (the digit class;
# the word trie's first letters, with no group or lookahead before them):
# 0.23 s a day against 0.32 s for one pattern with both as named branches.
# The number one consumes its first digit before its lookbehinds (a letter is
# refused at once): (?<!\d)\d is \d(?<!\d\d), (?:1[3-9]|2[01]) the digit read back.
_NUM_ANCHOR = re.compile(r"\d(?<!\d\d)(?:\d{0,3}[/.\-]\d|(?<=1)[3-9]\d\d(?!\d)|(?<=2)[01]\d\d(?!\d))")
_WORD_ANCHOR = re.compile(alternation(_ANCHOR_GROUP))
_WINDOW = {"month": (30, 45), "hijri": (30, 30), "holy": (20, 10), "eid": (10, 30), "ago": (4, 12), "fiscal": (16, 24), "per": (20, 30), "decade": (4, 40), "ref": (24, 30)}
# anchor word (or "num") -> (group, characters before, characters after)
_ANCHOR_WINDOW = {w: (g, *_WINDOW.get(g, (12, 30))) for w, g in {**_ANCHOR_GROUP, "num": "num"}.items()}


@lru_cache(maxsize=8)
def _matches(t: str) -> tuple[tuple[str, re.Match], ...]:
    """Matches of every pattern in folded text ``t`` (cached: dates and
    amounts both need them)."""
    windows: dict[str, list[list[int]]] = {}
    first: dict[str, int] = {}  # group -> its first anchor: the groups run in that order, as with one scan
    n = len(t)
    for a in _WORD_ANCHOR.finditer(t):  # (the loop is hot: one lookup per anchor, no helper calls)
        s, e = a.span()
        if (e < n and t[e].isalpha()) or (s > 1 and t[s - 1].isalpha() and t[s - 2].isalpha()):
            continue  # inside a longer word
        group, before, after = _ANCHOR_WINDOW[a.group()]
        lo, hi = (s - before if s > before else 0), e + after  # finditer clamps hi to the text
        ws = windows.get(group)
        if ws is None:
            windows[group], first[group] = [[lo, hi]], s
        elif lo <= ws[-1][1]:
            ws[-1][1] = hi
        else:
            ws.append([lo, hi])
    _, before, after = _ANCHOR_WINDOW["num"]
    num_ws: list[list[int]] = []
    for a in _NUM_ANCHOR.finditer(t):
        s, e = a.span()
        lo, hi = (s - before if s > before else 0), e + after
        if num_ws and lo <= num_ws[-1][1]:
            num_ws[-1][1] = hi
        else:
            if not num_ws:
                first["num"] = s
            num_ws.append([lo, hi])
    if num_ws:
        windows["num"] = num_ws
        windows = {g: windows[g] for g in sorted(windows, key=first.__getitem__)}
    found: dict[tuple[str, int, int], re.Match] = {}
    for group, ws in windows.items():
        for name in _GROUPS[group]:
            pat = _PATTERN[name]
            for lo, hi in ws:
                for m in pat.finditer(t, lo, hi):
                    found.setdefault((name, m.start(), m.end()), m)
    return tuple((key[0], m) for key, m in found.items())


_SCHOOL_YEAR = re.compile(r"\s{1,3}(?:الدراسيه?|الجامعي|الاكاديمي|الهجريه?|الماليه?|التدريبي)(?!\w)")
_RANGE_LINK = re.compile(r"\s{0,3}(?:الي|حتي|و|-|–|ولغايه|لغايه)\s{0,3}")


def _range_year(t: str, end: int, years: dict[int, int]) -> int | None:
    """The year of the full date that a day and month ending at ``end`` runs
    to in a range (`من 1 رجب إلى 15 شعبان 1447هـ`)."""
    m = _RANGE_LINK.match(t, end)
    return years.get(m.end()) if m and m.end() > end else None


_FOLLOWED_BY_DAY = re.compile(rf"{OSP}[,،]?{SP}(?:\d{{1,2}}|{ORDINAL_DAY}{SP}من){SP}(?:من{SP})?(?:شهر{SP})?(?:{MONTH}|{HMONTH}){E}")
_Candidate = tuple[int, int, str | None, str, str]  # start, end, value, kind, calendar (folded offsets)


class _Scan(NamedTuple):
    """What a resolver needs besides its match."""

    t: str  # folded text
    pub: dt.date | None  # the writer's day: publication, corrected by a named weekday
    hijri_years: dict[int, int]  # start of a full Hijri date -> its year
    greg_years: dict[int, int]  # start of a day, month and year -> the year
    explicit: tuple[tuple[int, str], ...] = ()  # (start, value) of dates and months written in full, by start
    months: tuple[tuple[int, str], ...] = ()  # (start, value) of every day or month resolved so far, by start
    days: tuple[int, ...] = ()  # starts of the today-words (أمس، اليوم، غدا): the writer's own time


# resolved after the others: they read the explicit dates written before them
_CONTEXTUAL = ("weekday", "d_this_month", "period", "month_ref")


def _candidates(t: str, pub: dt.date | None):
    """(start, end, value, kind, calendar) on folded text, overlapping."""
    matches = _matches(t)
    hijri_years = {m.start(): int(m.group("y")) for name, m in matches if name == "hijri" and m.group("d")}
    greg_years = {m.start(): int(m.group("y")) for name, m in matches if name == "dm" and m.group("y")}
    scan = _Scan(t, _writer_day(matches, pub), hijri_years, greg_years)
    contextual = [(name, m) for name, m in matches if name in _CONTEXTUAL and _reads_context(name, m)]
    cands = [_RESOLVERS[name](m, scan) for name, m in matches if name not in _CONTEXTUAL or not _reads_context(name, m)]
    cands = [c for c in cands if c is not None]
    if contextual:  # most articles have none: the anchors they read are built only for them
        days = [c for c in cands if _is_day_or_month(c[2])]
        scan = scan._replace(explicit=_outermost([c for c in days if c[3] in ("date", "month")]), months=_outermost(days),
                             days=tuple(sorted(m.start() for name, m in matches if name == "today")))
        cands += [c for c in (_RESOLVERS[name](m, scan) for name, m in contextual) if c is not None]
    yield from cands
    yield from _durations(t)
    yield from _ago_durations(t, scan.pub)


def _reads_context(name: str, m: re.Match) -> bool:
    """Whether a contextual match reads the dates before it (of the periods, only الشهر السابق does)."""
    return name != "period" or (m["unit"] == "الشهر" and m["rel"] == "السابق" and not m["edge"])


def _is_day_or_month(v) -> bool:
    return isinstance(v, str) and len(v) in (7, 10) and v[4] == "-"


def _outermost(cands: list[_Candidate]) -> tuple[tuple[int, str], ...]:
    """(start, value) of the candidates not inside a longer one (4 يناير 2015, not its يناير 2015)."""
    out, reach = [], -1
    for c in sorted(cands, key=lambda c: (c[0], -c[1])):
        if c[1] > reach:
            out.append((c[0], c[2]))
            reach = c[1]
    return tuple(out)


def _writer_day(matches, pub: dt.date | None) -> dt.date | None:
    """Publication times are often UTC or the crawl time: «أمس الأحد» published
    on a Tuesday was written on the Monday. The first today-word with a named
    weekday moves the day every relative expression is resolved against."""
    named = [m for name, m in matches if name == "today" and (m["wd1"] or m["wd2"])]
    if pub is None or not named:
        return pub
    m = min(named, key=lambda m: m.start())
    said = pub + dt.timedelta(days=_day_offset(m["w"]))
    return pub + (_nearest_weekday(said, _WEEKDAYS[m["wd1"] or m["wd2"]]) - said)


def _nearest_weekday(d: dt.date, wd: int) -> dt.date:
    """The day named ``wd`` that ``d`` most likely is: one day later at most (a
    Gulf evening is the next UTC day's early hours), else up to six days earlier
    (a copy is never written after it is published, often long before it is crawled)."""
    k = (wd - d.weekday()) % 7
    return d + dt.timedelta(days=k if k <= 1 else k - 7)


def _hijri_date(m: re.Match, scan: _Scan) -> _Candidate:
    """27 جمادى الأولى 1443هـ (a date), رمضان 1444 (a month)."""
    if not m["d"]:
        return m.start(), m.end(), _days_iso(_hijri_month_days(int(m["y"]), _HMONTHS[m["hm"]])), "month", "hijri"
    return m.start(), m.end(), _hijri_to_iso(int(m["y"]), _HMONTHS[m["hm"]], int(m["d"])), "date", "hijri"


@lru_cache(maxsize=1024)
def _hijri_day(y: int, m: int, d: int) -> dt.date | None:
    """A Hijri day as a Gregorian date (Umm al-Qura; the arithmetic calendar outside its years)."""
    from hijridate import Hijri

    try:
        g = Hijri(y, m, d).to_gregorian()
        return dt.date(g.year, g.month, g.day)
    except (ValueError, OverflowError):
        return _tabular_hijri(y, m, d) if 1 <= y <= 3000 and 1 <= m <= 12 and 1 <= d <= 30 else None


def _hijri_month_days(y: int, m: int, first: int = 1, last: int | None = None) -> tuple[dt.date, dt.date] | None:
    """Days ``first``..``last`` (default: to the month's end) of Hijri month ``m`` of year ``y``."""
    a = _hijri_day(y, m, first)
    if last is not None:
        b = _hijri_day(y, m, last)
    else:
        nxt = _hijri_day(y + (m == 12), m % 12 + 1, 1)
        b = nxt - dt.timedelta(days=1) if nxt else None
    return (a, b) if a and b and a <= b else None


def _days_iso(days: tuple[dt.date, dt.date] | None) -> str | None:
    return f"{days[0].isoformat()}/{days[1].isoformat()}" if days else None


def _hijri_year_of(d: dt.date) -> int | None:
    from hijridate import Gregorian

    try:
        return Gregorian(d.year, d.month, d.day).to_hijri().year
    except (ValueError, OverflowError):
        return None


@lru_cache(maxsize=256)  # a day's articles name the same few months and feasts
def _recurring(m: int, first: int, last: int | None, rel: str | None, pub: dt.date | None) -> str | None:
    """The Gregorian days of a Hijri month (or of days of it: a feast) without
    a year: after الماضي the last one ended before publication, after
    المقبل the first one begun after it, after الجاري/الحالي the one of the
    current Hijri year, else the one around publication or the nearest."""
    hy = _hijri_year_of(pub) if pub else None
    if hy is None:
        return None
    spans = [(y, d) for y in (hy - 1, hy, hy + 1) if (d := _hijri_month_days(y, m, first, last))]
    if rel in _PAST:
        pick = [d for _, d in spans if d[1] < pub][-1:]
    elif rel in _NEXT:
        pick = [d for _, d in spans if d[0] > pub][:1]
    elif rel in _CURRENT:
        pick = [d for y, d in spans if y == hy]
    else:
        pick = sorted((d for _, d in spans), key=lambda d: max((d[0] - pub).days, (pub - d[1]).days, 0))[:1]
    return _days_iso(pick[0]) if pick else None


def _hijri_day_month(m: re.Match, scan: _Scan) -> _Candidate:
    s, e = m.span()
    month, day = _HMONTHS[m["hm"]], int(m["d"])
    y = _range_year(scan.t, e, scan.hijri_years)
    if y:  # من 1 رجب إلى 15 شعبان 1447هـ: the range's year
        return s, e, _hijri_to_iso(y, month, day), "date", "hijri"
    return s, e, _resolve_hijri_day_month(day, month, m["rel"], scan.pub), "relative", "hijri"


def _numeric_dmy(m: re.Match, scan: _Scan) -> _Candidate | None:
    """15/03/2023; 21/10/1436هـ (a Hijri mark or year) is Hijri."""
    if m["h"] or 1300 <= int(m["y"]) <= 1500:
        return m.start(), m.end(), _hijri_to_iso(int(m["y"]), int(m["m"]), int(m["d"])), "date", "hijri"
    return _numeric_gregorian(m, scan)


def _numeric_gregorian(m: re.Match, scan: _Scan) -> _Candidate | None:
    day = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
    if day and 1800 <= day.year <= 2199:
        return m.start(), m.end(), day.isoformat(), "date", "gregorian"
    return None


def _gregorian_day(s: int, e: int, y: int, month: int, day: int) -> _Candidate | None:
    date = _valid(y, month, day)
    return (s, e, date.isoformat(), "date", "gregorian") if date else None


# Kind of a place named after a date: kept through selection (so neither a
# shorter date nor an amount takes its words) and then dropped from the dates.
_PLACE = "place"
_PLACE_BEFORE = re.compile(rf"(?<!\w)[وبل]?(?:{alternation(L.DATE_PLACE_WORDS)}|خليه{SP}في){SP}$")


def _day_month(m: re.Match, scan: _Scan) -> _Candidate | None:
    """15 مارس 2023 (a date); 15 مارس (the occurrence nearest to publication)."""
    s, e = m.span()
    month, day = _MONTHS[m["m"]], int(m["d"])
    if m["y"]:
        return _gregorian_day(s, e, int(m["y"]), month, day)
    if not 1 <= day <= 31:
        return None
    if not m["rel"] and _PLACE_BEFORE.search(scan.t[max(0, s - 16) : s]):
        return s, e, None, _PLACE, "gregorian"  # مدينة 6 أكتوبر، شارع 26 يوليو: a place named after a date
    y = _range_year(scan.t, e, scan.greg_years)
    in_range = _gregorian_day(s, e, y, month, day) if y else None
    if in_range:  # من 5 مارس إلى 10 أبريل 2024
        return in_range
    return s, e, _resolve_day_month(day, month, m["rel"], scan.pub), "relative", "gregorian"


def _ordinal_day_month(m: re.Match, scan: _Scan) -> _Candidate | None:
    """الحادي عشر من فبراير (2024)."""
    s, e = m.span()
    month, day = _MONTHS[m["m"]], _ORDINAL_DAYS[m["od"]]
    if m["y"]:
        return _gregorian_day(s, e, int(m["y"]), month, day)
    return s, e, _resolve_day_month(day, month, m["rel"], scan.pub), "relative", "gregorian"


def _fiscal_year(m: re.Match, scan: _Scan) -> _Candidate | None:
    """العام المالي 2024/2025 or 2024/25 -> 2024/2025; العام المالي 2024 -> 2024."""
    s, e = m.start("kw"), m.end()
    y, y2 = m["y"], m["y2"]
    if not y2:
        return s, e, y, "year", "gregorian"
    if len(y2) == 2:
        y2 = y[:2] + y2
    if int(y2) != int(y) + 1:
        return None  # not a fiscal year: one runs into the next
    return s, e, f"{y}/{y2}", "year", "gregorian"


def _definite_span(m: re.Match, scan: _Scan) -> _Candidate:
    """الأشهر الستة المقبلة -> P6M (the span starts at the unit, after any clitic)."""
    n = _DEF_UNITS[m["n"][2:]]  # without its ال
    return m.start("u"), m.end(), _duration(n, _SPAN_UNIT[m["u"]]), "duration", "gregorian"


def _month_of_year(m: re.Match) -> str:
    return f"{int(m['y']):04d}-{_MONTHS[m['m']]:02d}"


def _month_year(m: re.Match, scan: _Scan) -> _Candidate:
    return m.start(), m.end(), _month_of_year(m), "month", "gregorian"


def _month_edge(m: re.Match, scan: _Scan) -> _Candidate:
    """أواخر شهر آب 2020 -> 2020-08 (month precision); مطلع مارس -> the nearest March."""
    s, e = m.start("edge"), m.end()
    if m["y"]:
        return s, e, _month_of_year(m), "month", "gregorian"
    return s, e, _resolve_month(_MONTHS[m["m"]], m["rel"], scan.pub), "relative", "gregorian"


def _relative_month(m: re.Match, scan: _Scan) -> _Candidate:
    """آذار المقبل (m_rel), شهر غشت (m_bare: no relative word, the nearest)."""
    rel = m.groupdict().get("rel")
    return m.start(), m.end(), _resolve_month(_MONTHS[m["m"]], rel, scan.pub), "relative", "gregorian"


def _month_after_prep(m: re.Match, scan: _Scan) -> _Candidate:
    """في يونيو (تموز): the span is the month; after منذ this month or the
    last such one, in a future sentence this month or the next one, else the
    nearest (a past verb often reports what is planned: «صوتت لعقد مؤتمر في
    أيلول» is the coming September)."""
    s, month, pub = m.start("mm"), _MONTHS[m["m"]], scan.pub
    if pub is None:
        return s, m.end(), None, "relative", "gregorian"
    if m.group().lstrip("وف").startswith("منذ"):
        y = pub.year if month <= pub.month else pub.year - 1
    elif _future_context(scan.t, s):
        y = pub.year if month >= pub.month else pub.year + 1
    else:
        return s, m.end(), _resolve_month(month, None, pub), "relative", "gregorian"
    return s, m.end(), f"{y:04d}-{month:02d}", "relative", "gregorian"


def _year(m: re.Match, scan: _Scan) -> _Candidate | None:
    """عام 2011 -> 2011; عام 1381هـ -> the Gregorian year of its first day."""
    s, e = m.start("kw"), m.end()
    y = int(m["y"])
    if m["h"]:
        return s, e, None if _SOLAR.match(scan.t, e) else _hijri_year_span(y, y), "hijri_year", "hijri"
    if y < 1800:
        return None  # a Hijri-range year without its هـ mark
    return s, e, f"{y:04d}", "year", "gregorian"


def _tabular_hijri(y: int, m: int, d: int) -> dt.date:
    """The arithmetic (civil) Hijri calendar, for years outside Umm al-Qura's 1343-1500."""
    jdn = d + int(29.5 * (m - 1) + 0.99999) + (y - 1) * 354 + (3 + 11 * y) // 30 + 1948439
    return dt.date.fromordinal(jdn - 1721425)


def _hijri_first_day(y: int) -> dt.date | None:
    from hijridate import Hijri

    try:
        g = Hijri(y, 1, 1).to_gregorian()
        return dt.date(g.year, g.month, g.day)
    except (ValueError, OverflowError):
        return _tabular_hijri(y, 1, 1) if 1 <= y <= 3000 else None


def _hijri_year_span(y1: int, y2: int) -> str | None:
    """Hijri years y1..y2 as Gregorian days: `1978-12-01/1979-11-19` for 1399."""
    a, b = _hijri_first_day(y1), _hijri_first_day(y2 + 1)
    return f"{a.isoformat()}/{(b - dt.timedelta(days=1)).isoformat()}" if a and b else None


_SOLAR = re.compile(rf"{SP}شمسي{E}")


def _hijri_year(m: re.Match, scan: _Scan) -> _Candidate:
    """1436هـ, 1319 هجري standing alone; 1388 هجري شمسي is Iran's solar year (no value)."""
    value = None if _SOLAR.match(scan.t, m.end()) else _hijri_year_span(int(m["y"]), int(m["y"]))
    return m.start(), m.end(), value, "hijri_year", "hijri"


def _year_pair(m: re.Match, scan: _Scan) -> _Candidate | None:
    """1961/1962, 2014/15 -> 2014/2015; 1436/1437هـ -> its Gregorian days."""
    y, y2 = m["y"], m["y2"]
    if len(y2) == 2:
        y2 = y[:2] + y2
    if int(y2) != int(y) + 1:
        # (1970 - 1976): a range of years; 2010/2015 is no season
        ok = "-" in m.group() and 1800 <= int(y) < int(y2) <= int(y) + 100 and not m["h"]
        return (m.start(), m.end(), f"{y}/{y2}", "range", "gregorian") if ok else None
    if m["h"] or int(y) < 1800:
        if not m["h"]:
            return None  # 1436/1437 without its mark could be anything
        return m.start(), m.end(), _hijri_year_span(int(y), int(y2)), "hijri_year", "hijri"
    return m.start(), m.end(), f"{y}/{y2}", "year", "gregorian"


# After a year these words show a count (في 2000 منزل is not a year): scales,
# currencies, measures and the counted nouns of the amounts lexicon.
_COUNT_AFTER = {fold_word(w) for k in (*L.CURRENCIES, *L.COUNT_NOUNS, *L.TIME_UNITS) for w in k.split()}
_COUNT_AFTER |= {fold_word(w.split()[0]) for k in L.MEASURES for w in k.split("|")}
_COUNT_AFTER |= {fold_word(w) for w in "ألف آلاف ألفا مليون ملايين مليار مليارات ترليون تريليون".split()}
_WORD_AFTER = re.compile(r"\s{1,3}(\w+)")
# before a bare year these words make it a count or an identifier
_COUNT_BEFORE = re.compile(rf"(?<!\w)(?:نحو|حوالي|قرابه|زهاء|بلغ|بلغت|عدد|رقم|مجموع|اجمالي|الي|من|و|بين){SP}$")


def _counted(t: str, e: int) -> bool:
    w = _WORD_AFTER.match(t, e)
    return bool(w) and w.group(1) in _COUNT_AFTER


def _year_after_prep(m: re.Match, scan: _Scan) -> _Candidate | None:
    """في 1948، بعد 1982: the span is the year; not when a counted noun follows."""
    if _counted(scan.t, m.end("y")) or (scan.pub and int(m["y"]) > scan.pub.year + 30):
        return None
    return m.start("y"), m.end(), m["y"], "year", "gregorian"


def _year_bare(m: re.Match, scan: _Scan) -> _Candidate | None:
    """A year alone before a clause end (طبعة 2016.) or marked م (1948م)."""
    s = m.start()
    if _COUNT_BEFORE.search(scan.t[max(0, s - 10) : s]) or (scan.pub and int(m["y"]) > scan.pub.year + 30):
        return None
    return s, m.end(), m["y"], "year", "gregorian"


_CENTURY = {"الماضي": -1, "المنصرم": -1, "الحالي": 0, "العشرين": 1900, "التاسع عشر": 1800, "الثامن عشر": 1700,
            "الحادي والعشرين": 2000}


def _decade(m: re.Match, scan: _Scan) -> _Candidate | None:
    """العشرينات -> 1920/1929 (the latest such decade begun by publication, the
    20th century without one); ثمانينات القرن الماضي -> the century before publication's."""
    if m["age"]:
        return None  # في العشرينات من عمره: an age
    n = _DECADES[m["dec"]] * 10
    c = re.sub(r"\s+", " ", m["c"]) if m["c"] else None
    year = scan.pub.year if scan.pub else None
    if c is None:
        start = (year - n) // 100 * 100 + n if year else 1900 + n
    elif _CENTURY[c] > 0:
        start = _CENTURY[c] + n
    else:
        start = ((year // 100 + _CENTURY[c]) * 100 if year else 1900) + n
    return m.start(), m.end(), f"{start}/{start + 9}", "decade", "gregorian"


def _vague(m: re.Match, scan: _Scan) -> _Candidate:
    """الأشهر الأخيرة: a period without a value."""
    return m.start("u"), m.end(), None, "vague", "gregorian"


def _last_day(y: int, m: int) -> dt.date:
    y2, m2 = _shift_month(y, m, 1)
    return dt.date(y2, m2, 1) - dt.timedelta(days=1)


_ORD = {"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الاخير": -1}


def _quarter(m: re.Match, scan: _Scan) -> _Candidate | None:
    """الربع الثاني من العام -> 2015-04-01/2015-06-30 (quarter); النصف الأول -> Jan-Jun (range)."""
    half = "نصف" in m["part"]
    k = _ORD[m["ord"]]
    k = (2 if half else 4) if k < 0 else k
    if half and k > 2:
        return None
    if m["unit"] and _SCHOOL_YEAR.match(scan.t, m.end()):
        return m.start(), m.end(), None, "range" if half else "quarter", "gregorian"  # of the fiscal year: unknown months
    if m["y"]:
        y = int(m["y"])
    elif scan.pub:
        y = scan.pub.year + (-1 if m["rel"] in _PAST else 1 if m["rel"] in _NEXT else 0)
    else:
        return m.start(), m.end(), None, "range" if half else "quarter", "gregorian"
    size = 6 if half else 3
    first = dt.date(y, size * (k - 1) + 1, 1)
    value = f"{first.isoformat()}/{_last_day(y, size * k).isoformat()}"
    return m.start(), m.end(), value, "range" if half else "quarter", "gregorian"


def _week_of_month(m: re.Match, scan: _Scan) -> _Candidate:
    """الأسبوع الأخير من شهر أغسطس -> its last seven days (a range)."""
    ym = _month_of_year(m) if m["y"] else _resolve_month(_MONTHS[m["m"]], m["rel"], scan.pub)
    if ym is None:
        return m.start(), m.end(), None, "range", "gregorian"
    y, mo = int(ym[:4]), int(ym[5:])
    last = _last_day(y, mo)
    k = _ORD[m["ord"]]
    first = last - dt.timedelta(days=6) if k < 0 else dt.date(y, mo, 7 * (k - 1) + 1)
    return m.start(), m.end(), f"{first.isoformat()}/{(first + dt.timedelta(days=6)).isoformat()}", "range", "gregorian"


def _day_range(m: re.Match, scan: _Scan) -> _Candidate | None:
    """17 - 20 أغسطس (2015) -> 2015-08-17/2015-08-20."""
    d1, d2, month = int(m["d1"]), int(m["d"]), _MONTHS[m["m"]]
    if not 1 <= d1 < d2 <= 31:
        return None
    end = _gregorian_day(0, 0, int(m["y"]), month, d2) if m["y"] else None
    end_iso = end[2] if end else _resolve_day_month(d2, month, m["rel"], scan.pub)
    return _range_in_month(m.start(), m.end(), d1, end_iso, scan.pub is None and not m["y"])


def _range_in_month(s: int, e: int, d1: int, end_iso: str | None, unknown: bool) -> _Candidate | None:
    if end_iso is None:
        return (s, e, None, "range", "gregorian") if unknown else None
    start = _valid(int(end_iso[:4]), int(end_iso[5:7]), d1)
    return (s, e, f"{start.isoformat()}/{end_iso}", "range", "gregorian") if start else None


def _day_this_month(m: re.Match, scan: _Scan) -> _Candidate | None:
    """28 من الشهر الجاري (a date), 15 - 26 من الشهر الحالي (a range), 28 من
    الشهر نفسه: of the month last written in the paragraph."""
    rel, pub = m["rel"], scan.pub
    if rel in ("نفسه", "ذاته"):
        anchor = _paragraph_anchor(scan, m.start())
        ym = anchor[:7] if anchor else None
    elif pub is None:
        ym = None
    else:
        ym = "%04d-%02d" % _shift_month(pub.year, pub.month, -1 if rel in _PAST else 1 if rel in _NEXT else 0)
    d = int(m["d"]) if m["d"] else _ORDINAL_DAYS[m["od"]]  # الرابع عشر من الشهر الماضي
    day = _valid(int(ym[:4]), int(ym[5:]), d) if ym else None
    if m["d1"]:
        return _range_in_month(m.start(), m.end(), int(m["d1"]), day.isoformat() if day else None, ym is None)
    if ym and not day:
        return None
    return m.start(), m.end(), day.isoformat() if day else None, "relative", "gregorian"


def _year_after_word(m: re.Match, scan: _Scan) -> _Candidate:
    """منذ 2011, مطلع 2024: the span is the year alone."""
    return m.start("y"), m.end("y"), m["y"], "year", "gregorian"


_DAY_OFFSETS = {"اليوم": 0, "الليله": 0, "امس": -1, "الامس": -1, "غدا": 1, "بكرا": 1}
_GENERIC_TODAY = re.compile(rf"(?<!\w)(?:ما{SP}|بما{SP})?[وف]?(?:{alternation(L.GENERIC_TODAY_BEFORE)})(?:نا)?{SP}$")
# لمثل هذا اليوم، في مثل هذا اليوم (من عام 1990): such a day, or this day of another year
_SUCH_A_DAY = re.compile(rf"(?<!\w)[وفل]?(?:ل|ب|في{SP})?مثل{SP}هذا{SP}$")


_PAREN_YESTERDAY = re.compile(r"\s{0,3}\(\s{0,3}امس\s{0,3}\)")


def _day_offset(word: str) -> int:
    offset = _DAY_OFFSETS.get(word)
    if offset is not None:
        return offset
    if word.startswith("يوم"):  # يوم غد، يوم الغد
        return 1
    return -2 if word.startswith("اول") or word.endswith("الاول") else 2  # أول أمس، أمس الأول؛ بعد غد


def _today_word(m: re.Match, scan: _Scan) -> _Candidate | None:
    """اليوم، أمس، أول أمس، غداً، بعد غد، يوم غدٍ، بكرا (and وأمس: the span
    leaves the clitic out); with a named weekday (أمس الأحد) the value is that
    weekday, nearest to the day the word means."""
    s, e = m.start("w"), m.end()
    word, wd = m["w"], m["wd1"] or m["wd2"]
    was = _PAREN_YESTERDAY.match(scan.t, e) if word == "اليوم" and not wd else None
    if was:  # «حدث في الرطبة اليوم (أمس)»: the speaker's today is the paper's yesterday
        value = (scan.pub - dt.timedelta(days=1)).isoformat() if scan.pub else None
        return s, was.end(), value, "relative", "gregorian"
    if word == "اليوم" and not wd:
        if _GENERIC_TODAY.search(scan.t[max(0, s - 24) : s]):
            return s, e, None, "generic", "gregorian"  # ما يعرف اليوم بـ، شباب اليوم: nowadays
        if _day_not_today(scan.t, s, e) or _SUCH_A_DAY.search(scan.t[max(0, s - 16) : s]):
            return None
    if scan.pub is None:
        return s, e, None, "relative", "gregorian"
    day = scan.pub + dt.timedelta(days=_day_offset(word))
    if wd:
        day = _nearest_weekday(day, _WEEKDAYS[wd])
    return s, e, day.isoformat(), "relative", "gregorian"


def _yesterday_def(m: re.Match, scan: _Scan) -> _Candidate:
    """صباح الأمس: the span is الأمس."""
    value = (scan.pub - dt.timedelta(days=1)).isoformat() if scan.pub else None
    return m.start("w"), m.end("w"), value, "relative", "gregorian"


def _day_not_today(t: str, s: int, e: int) -> bool:
    """اليوم التالي، في اليوم، خلال اليوم، على مدار اليوم: "the day";
    «اليوم»، عين اليوم: a newspaper."""
    return bool(re.match(r"\s{1,3}(?:ال|نفسه|ذاته)", t[e : e + 12]) or _DAY_NOT_TODAY.search(t[max(0, s - 8) : s])
                or t[s - 1 : s] in _QUOTE_MARKS or t[e : e + 1] in _QUOTE_MARKS)


def _weekday(m: re.Match, scan: _Scan) -> _Candidate | None:
    """يوم الأحد (الماضي), (الأحد): the weekday nearest before or after publication."""
    t, e = scan.t, m.end()
    wd, rel = m["wd"], m["rel"]
    s = m.start() if m["paren"] else m.start("pre") if m["pre"] else m.start("wd")
    # wire copy sets the day off with commas: قال مسؤول، الأحد، إن
    wrapped = t[max(0, s - 2) : s].strip() in ("،", ",") and t[e : e + 2].strip()[:1] in ("،", ",")
    if wd in _AMBIG_WD and not (m["pre"] or m["paren"] or rel or wrapped):
        return None
    if re.match(r"\s{1,3}عشر", t[e : e + 8]):
        return None  # الأحد عشر: eleven
    if _FOLLOWED_BY_DATE.match(t, e) or _FOLLOWED_BY_DAY.match(t, e):
        return None  # يوم الاثنين الموافق 18-10-1436، يوم الخميس 4 ذي الحجة: the date that follows says which
    if rel and rel in _CURRENT:  # الأحد الجاري: resolved as a bare weekday, the span ends at the day
        e, rel = m.end("wd"), None
    if rel is None:
        return s, e, _bare_weekday(_WEEKDAYS[wd], s, scan), "relative", "gregorian"
    return s, e, _resolve_weekday(_WEEKDAYS[wd], rel, scan.pub), "relative", "gregorian"


# س/سوف + a present verb, or a word of an announcement, before the weekday in its sentence.
# The lookahead leaves out nouns that start like a future verb (سيارة، سياسة، سيطرة، ستة، سنوات، سيدة...).
_FUTURE_SIN = (r"[وف]?س(?:ي(?!ار|اس|طر|اح|د|نا|ول|له(?!\w)|ما(?!\w)|تي|ئ|ف|اق|اد)|ت(?!ين|ون|ه(?!\w)|ا|ر|ي|و)"
               r"|ن(?!و|ت|ه(?!\w)|ين|اتور|ا))\w{2,7}")
# (not المقبل: «في الأشهر المقبلة في أعقاب موجة بيع يوم الاثنين» is a past Monday)
_FUTURE = re.compile(rf"(?<!\w)(?:{_FUTURE_SIN}|[وف]?{alternation(L.FUTURE_WORDS)})(?!\w)")
# a sentence end, or a comma opening a new clause (ستوزع ... ، فيما ارتفع السهم في تعاملات الأربعاء)
_SENTENCE_END = re.compile(r"[.!?؟؛\n]|[،,]\s{0,3}(?:فيما|بينما|في حين|حيث|كما|لكن|ولكن|غير)(?!\w)")


def _future_context(t: str, s: int) -> bool:
    """Whether the sentence before position ``s`` (up to 80 characters) speaks of the future."""
    lo = max(0, s - 80)
    ends = [m.end() for m in _SENTENCE_END.finditer(t, lo, s)]
    return bool(_FUTURE.search(t, ends[-1] if ends else lo, s))


def _bare_weekday(wd: int, s: int, scan: _Scan) -> str | None:
    """A weekday without الماضي/المقبل: the next one in a future sentence; in a
    past one the first on or after a date written earlier in the paragraph when
    that date is over a week old (a chronology: «في 4 يناير 2015 ... وفي يوم
    الثلاثاء»; a month alone there leaves the day unknown), else the last one."""
    pub = scan.pub
    if pub is None:
        return None
    if _future_context(scan.t, s):
        return (pub + dt.timedelta(days=(wd - pub.weekday()) % 7)).isoformat()
    start, anchor = _chronology_anchor(scan, s) or (0, None)
    if anchor and len(anchor) == 10 and dt.date.fromisoformat(anchor) < pub - dt.timedelta(days=7):
        d = dt.date.fromisoformat(anchor)
        return (d + dt.timedelta(days=(wd - d.weekday()) % 7)).isoformat()
    if anchor and len(anchor) == 7 and anchor < f"{pub.year:04d}-{pub.month:02d}" and _same_sentence(scan.t, start, s):
        return None
    return _resolve_weekday(wd, None, pub)


_CLAUSE_END = re.compile(r"[.!?؟؛\n]")


def _same_sentence(t: str, start: int, s: int) -> bool:
    """A month written in the weekday's sentence, not in parentheses (the
    reference «(مايو /أيار 2014)» sets no chronology)."""
    return "(" not in t[max(0, start - 2) : start] and _CLAUSE_END.search(t, start, s) is None


_ARTICLE_SCOPE = True


def _chronology_anchor(scan: _Scan, s: int) -> tuple[int, str] | None:
    """The last full date or month written before ``s`` in its paragraph, or
    the last full day in an earlier one when no today-word (أمس، اليوم) came
    in between: a chronology runs on across paragraphs, a today-word brings
    the text back to the writer's time. (Measured on four SaudiNewsNet days:
    a month of an earlier paragraph misled the only two weekdays it reached,
    so months stay in their paragraph.)"""
    k = bisect_right(scan.explicit, (s, "")) - 1
    if k < 0:
        return None
    start, value = scan.explicit[k]
    if scan.t.rfind("\n", start, s) >= 0:
        d = bisect_right(scan.days, start)
        if not _ARTICLE_SCOPE or len(value) != 10 or (d < len(scan.days) and scan.days[d] < s):
            return None
    return (start, value) if len(value) in (7, 10) else None


def _paragraph_anchor(scan: _Scan, s: int) -> str | None:
    """The value of the last full date or month written before ``s`` in its paragraph."""
    k = bisect_right(scan.explicit, (s, "")) - 1
    if k < 0:
        return None
    start, value = scan.explicit[k]
    if scan.t.rfind("\n", start, s) >= 0 or len(value) not in (7, 10):
        return None
    return value


def _period(m: re.Match, scan: _Scan) -> _Candidate:
    """الأسبوع الماضي، نهاية العام المقبل (the span leaves a leading clitic out)."""
    s = m.start("edge") if m["edge"] else m.start("unit")
    if m["unit"] == "الشهر" and m["rel"] == "السابق" and not m["edge"]:
        ref = _month_before(scan, s)  # في حزيران ... مقابل الشهر السابق: May
        if ref:
            return s, m.end(), "%04d-%02d" % _shift_month(int(ref[:4]), int(ref[5:]), -1), "relative", "gregorian"
    return s, m.end(), _resolve_period(m["unit"], m["rel"], m["edge"], scan.pub), _period_kind(m["unit"]), "gregorian"


def _period_kind(unit: str) -> str:
    """An ISO week is kind week; the other periods (a month, a year before or after publication) stay relative."""
    return "week" if unit == "الاسبوع" else "relative"


def _this_period(m: re.Match, scan: _Scan) -> _Candidate:
    """هذا العام، مطلع هذه السنة: the current one."""
    s = m.start("edge") if m["edge"] else m.start()
    return s, m.end(), _resolve_period(m["unit"], None, m["edge"], scan.pub), _period_kind(m["unit"]), "gregorian"


def _period_edge(m: re.Match, scan: _Scan) -> _Candidate | None:
    """نهاية العام: of the current year."""
    if _SCHOOL_YEAR.match(scan.t, m.end()):
        return None  # بداية العام الدراسي: the school year, not January
    return m.start("edge"), m.end(), _resolve_period(m["unit"], None, m["edge"], scan.pub), "relative", "gregorian"


# before a Hijri month without شهر or a relative word: a preposition says it is the month
# (not صفر "zero", nor رجب or شعبان, given names: في رجب طيب أردوغان; «قال رمضان» has no preposition)
_MONTH_PREP = re.compile(rf"(?<!\w)[وف]?(?:في|خلال|طوال|طيله|قبل|بعد|منذ|حلول|مطلع|اوائل|منتصف|اواخر|نهايه|بدايه|اول|ايام|ليالي|ليله){SP}$")
_NOT_BARE_MONTH = {"صفر", "رجب", "شعبان"}  # رجب طيب أردوغان


def _hijri_month(m: re.Match, scan: _Scan) -> _Candidate | None:
    """شهر رمضان (المبارك)، رمضان الماضي، في شوال -> the Gregorian days of that month (kind month)."""
    s = m.start("shahr") if m["shahr"] else m.start("hm")
    if not (m["shahr"] or m["rel"]):
        if m["hm"] in _NOT_BARE_MONTH or not _MONTH_PREP.search(scan.t[max(0, m.start() - 10) : m.start()]):
            return None
    return s, m.end(), _recurring(_HMONTHS[m["hm"]], 1, None, m["rel"], scan.pub), "month", "hijri"


def _holy_month(m: re.Match, scan: _Scan) -> _Candidate:
    """الشهر الفضيل، هذا الشهر الكريم: Ramadan."""
    s = m.start() + (scan.t[m.start()] in "وبلف" and scan.t[m.start() + 1 : m.start() + 3] in ("ال", "شه", "هذ"))
    return s, m.end(), _recurring(9, 1, None, m["rel"], scan.pub), "month", "hijri"


_EID_DAYS = {"فطر": (10, 1, 3), "اضحي": (12, 10, 13)}  # 1-3 Shawwal, 10-13 Dhu al-Hijja (with the days of Tashriq)


def _eid(m: re.Match, scan: _Scan) -> _Candidate:
    """عيد الفطر -> 1-3 Shawwal, عيد الأضحى -> 10-13 Dhu al-Hijja, as Gregorian days (kind range)."""
    s = m.start() + (scan.t[m.start()] in "وبلف" and scan.t[m.start() + 1] in "اع")
    month, first, last = _EID_DAYS[m["eid"]]
    return s, m.end(), _recurring(month, first, last, m["rel"], scan.pub), "range", "hijri"


_HIJRI_ORD_NO_DAY = re.compile(rf"(?<!\w)(?:[وبل]?(?:{alternation(L.DATE_PLACE_WORDS)})|حرب|معركه|ذكري){SP}$")


def _hijri_ordinal(m: re.Match, scan: _Scan) -> _Candidate | None:
    """العاشر من رمضان عام 1393هـ -> 1973-10-06; السابع من شهر شوال -> the
    nearest; مدينة العاشر من رمضان (a place), حرب العاشر من رمضان (a war of
    an unsaid year): no day."""
    s, e = m.span()
    month, day = _HMONTHS[m["hm"]], _ORDINAL_DAYS[m["od"]]
    if m["y"]:
        date = _hijri_day(int(m["y"]), month, day)
        return (s, e, date.isoformat(), "date", "hijri") if date else None
    if _HIJRI_ORD_NO_DAY.search(scan.t[max(0, s - 16) : s]):
        return s, e, None, _PLACE, "hijri"
    return s, e, _resolve_hijri_day_month(day, month, m["rel"], scan.pub), "relative", "hijri"


_AGO_UNIT = {"عام": "Y", "سنه": "Y", "شهر": "M", "اسبوع": "W", "يوم": "D"}
# قبل عامين من الانتخابات، قبل عام على: before an event, not before publication
_NOT_AGO = re.compile(r"\s{0,3}(?:[،,]?\s{0,3}(?:من|علي|عن|واحد\s{1,3}من)(?!\w)|\d|\s{1,3}\d)")


def _shifted(pub: dt.date, n: int, unit: str) -> str:
    """Publication moved back ``n`` units, at the unit's precision (a year, a month, an ISO week, a day)."""
    if unit == "Y":
        return f"{pub.year - n:04d}"
    if unit == "M":
        return "%04d-%02d" % _shift_month(pub.year, pub.month, -n)
    if unit == "W":
        return _iso_week(pub - dt.timedelta(days=7 * n))
    return (pub - dt.timedelta(days=n)).isoformat()


def _ago(m: re.Match, scan: _Scan) -> _Candidate | None:
    """قبل عام -> the year before publication; قبل شهر -> the month before (kind relative)."""
    if _NOT_AGO.match(scan.t, m.end()):
        return None
    value = _shifted(scan.pub, 1, _AGO_UNIT[m["u"]]) if scan.pub else None
    return m.start("q"), m.end(), value, "relative", "gregorian"


_AGO_BEFORE = re.compile(rf"(?<!\w)[وف]?(?P<q>قبل){SP}(?:(?:نحو|حوالي|قرابه|زهاء){SP})?$")
_ISO_DURATION = re.compile(r"P(\d{1,4})([YMWD])")


def _ago_durations(t: str, pub: dt.date | None) -> list[_Candidate]:
    """قبل ثلاث سنوات -> the year three before publication, قبل عامين, قبل 5 أيام
    (hours and minutes stay durations)."""
    out = []
    for s, e, value, _, _ in _durations(t):
        q = _AGO_BEFORE.search(t, max(0, s - 16), s)
        iso = _ISO_DURATION.fullmatch(value)
        if q is None or iso is None or _NOT_AGO.match(t, e):
            continue
        out.append((q.start("q"), e, _shifted(pub, int(iso[1]), iso[2]) if pub else None, "relative", "gregorian"))
    return out


def _month_before(scan: _Scan, s: int) -> str | None:
    """The month (YYYY-MM) of the last day or month resolved before ``s`` in its paragraph."""
    k = bisect_right(scan.months, (s, "")) - 1
    if k < 0 or scan.t.rfind("\n", scan.months[k][0], s) >= 0:
        return None
    return scan.months[k][1][:7]


def _month_ref(m: re.Match, scan: _Scan) -> _Candidate | None:
    """الشهر المقابل من عام 2014 -> the month written before it (else publication's), in 2014 (kind month)."""
    s = m.start("w")
    ref = _month_before(scan, s) or (f"{scan.pub.year:04d}-{scan.pub.month:02d}" if scan.pub else None)
    if ref is None:
        return s, m.end(), None, "month", "gregorian"
    if m["y"]:
        y = int(m["y"])
    else:
        y = int(ref[:4]) + (-1 if m["rel"] in _PAST else 1 if m["rel"] in _NEXT else 0)
    return s, m.end(), f"{y:04d}-{ref[5:7]}", "month", "gregorian"


# pattern name -> the function turning its match into a candidate (or None: not a date after all)
_RESOLVERS = {
    "hijri": _hijri_date,
    "hijri_dm": _hijri_day_month,
    "dmy_num": _numeric_dmy,
    "ymd_num": _numeric_gregorian,
    "dm": _day_month,
    "dm_ord": _ordinal_day_month,
    "fiscal": _fiscal_year,
    "span_def": _definite_span,
    "my": _month_year,
    "m_edge": _month_edge,
    "m_rel": _relative_month,
    "m_bare": _relative_month,
    "m_prep": _month_after_prep,
    "year": _year,
    "year_after": _year_after_word,
    "today": _today_word,
    "weekday": _weekday,
    "period": _period,
    "period_this": _this_period,
    "period_edge": _period_edge,
    "dm_range": _day_range,
    "d_this_month": _day_this_month,
    "quarter": _quarter,
    "week_of_month": _week_of_month,
    "year_prep": _year_after_prep,
    "year_bare": _year_bare,
    "hijri_year": _hijri_year,
    "year_pair": _year_pair,
    "decade": _decade,
    "vague": _vague,
    "yesterday_def": _yesterday_def,
    "hm_named": _hijri_month,
    "holy_month": _holy_month,
    "eid": _eid,
    "hijri_ord": _hijri_ordinal,
    "ago": _ago,
    "month_ref": _month_ref,
}


@lru_cache(maxsize=8)
def _durations(t: str) -> tuple[_Candidate, ...]:
    """خمس سنوات -> P5Y, 24 ساعة -> PT24H, عامين -> P2Y (cached: they do not
    depend on publication, and find_dates and the amounts' date masks both need them)."""
    out = []
    prev = None
    for num in find_numbers(t):
        low, prev = prev, num
        if num.vague or num.value <= 0 or (num.digits and num.value > 1000):
            continue
        u = _TIME_UNIT_AFTER.match(t, num.end)
        if u:
            unit = _TIME_UNITS[u.group("u")]
            out.append((num.start, u.end(), _duration(num.value, unit), "duration", "gregorian"))
            lo = range_low(t, low, num)
            if lo is not None:  # من 18 إلى 24 شهرا: the low end is a duration of its own
                out.append((low.start, low.end, _duration(lo, unit), "duration", "gregorian"))
    for m in finditer_opening(_DUAL_DURATION, t, _DUAL_WORDS, back=1):
        out.append((m.start("u"), m.end(), _duration(2, _TIME_DUALS[m.group("u")]), "duration", "gregorian"))
    return tuple(out)


def _duration(n: float, unit: str) -> str:
    num = str(int(n)) if float(n).is_integer() else f"{n:g}"
    if unit in ("H", "MIN"):
        return f"PT{num}{'M' if unit == 'MIN' else 'H'}"
    return f"P{num}{unit}"


def _resolve_period(unit: str, rel: str | None, edge: str | None, pub: dt.date | None) -> str | None:
    if pub is None:
        return None
    k = -1 if rel in _PAST else 1 if rel in _NEXT else 0
    if unit == "الاسبوع":
        # on a Sunday the week just ended is last week (in the Gulf, Sunday starts the week)
        return _iso_week(pub + dt.timedelta(days=7 * k + (pub.weekday() == 6)))
    if unit == "الشهر":
        y, m = _shift_month(pub.year, pub.month, k)
        return f"{y:04d}-{m:02d}"
    y = pub.year + k
    if edge in ("نهايه", "اواخر"):
        return f"{y:04d}-12"
    if edge in ("مطلع", "بدايه", "اوائل"):
        return f"{y:04d}-01"
    if edge == "منتصف":
        return f"{y:04d}-06"
    return f"{y:04d}"


def date_spans_folded(t: str) -> list[tuple[int, int]]:
    """Spans (folded offsets) of every date expression; amounts uses them to
    leave years, dates and durations alone."""
    return [(s, e) for s, e, *_ in _join_ranges(_select(_candidates(t, None)), t)]


_DASH = re.compile(r"\s{0,3}[-–]\s{0,3}")


def _join_ranges(chosen: list[tuple], t: str) -> list[tuple]:
    """21 أغسطس - 14 سبتمبر: two days joined by a dash are one range
    (`start/end`); days joined by a word (من 5 مارس حتى 10 أبريل) stay two."""
    out: list[tuple] = []
    for c in chosen:
        p = out[-1] if out else None
        if (p and p[3] in ("date", "relative") and c[3] in ("date", "relative") and _is_day(p[2]) and _is_day(c[2])
                and p[2] < c[2] and _DASH.fullmatch(t, p[1], c[0])):
            out[-1] = (p[0], c[1], f"{p[2]}/{c[2]}", "range", c[4])
        else:
            out.append(c)
    return out


def _is_day(v) -> bool:
    return isinstance(v, str) and len(v) == 10 and v[4] == "-"


def _select(cands) -> list[tuple]:
    """Keep the longest of overlapping candidates, then leftmost (log time per
    candidate: a text made of dates must not cost quadratic time)."""
    starts: list[int] = []  # chosen, non-overlapping, sorted by start
    ends: list[int] = []
    chosen: list[tuple] = []
    for c in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[0])):
        k = bisect_right(starts, c[0])
        if k and ends[k - 1] > c[0]:
            continue  # overlaps the chosen one starting before it
        if k < len(starts) and starts[k] < c[1]:
            continue  # overlaps the chosen one starting after it
        starts.insert(k, c[0])
        ends.insert(k, c[1])
        chosen.append(c)
    return sorted(chosen)


def find_dates(text: str, published_at=None, timezone: str | None = None) -> list[DateMention]:
    """Temporal expressions of ``text``; relative ones resolved against the
    date of ``published_at`` (datetime, date, ISO string or None; a naive
    time is UTC) in ``timezone`` (an IANA name such as ``Asia/Riyadh``; None:
    UTC)."""
    pub = _pub_date(published_at, timezone)
    f = fold(text)
    out = []
    for s, e, value, kind, cal in _join_ranges(_select(_candidates(f.text, pub)), f.text):
        if kind == _PLACE:
            continue
        os_, oe = f.orig(s), f.orig(e)
        out.append(DateMention(os_, oe, text[os_:oe], value, kind, cal))
    return out


def extract_dates(documents, sentences, tokens, cfg) -> "schemas.pa.Table":
    """DATES rows for a shard (``sentences`` and ``tokens`` are not needed:
    expressions are found in ``documents.text``)."""
    if not cfg["dates"]:
        return schemas.empty("dates")
    rows = []
    zone = cfg.get("date_timezone") or None
    for doc_id, text, pub in zip(*document_columns(documents, "published_at")):
        rows += date_rows(doc_id, text, pub, zone)
    return schemas.table_from_rows("dates", rows)


def document_columns(documents, optional: str) -> tuple[list, list, list]:
    """doc_id, text and the ``optional`` column (None for each document when absent) as lists."""
    ids = documents.column("doc_id").to_pylist()
    more = documents.column(optional).to_pylist() if optional in documents.column_names else [None] * len(ids)
    return ids, documents.column("text").to_pylist(), more


def date_rows(doc_id: str, text: str | None, pub, zone: str | None) -> list[dict]:
    """DATES rows of one document."""
    return [{"doc_id": doc_id, "date_idx": i, "start": d.start, "end": d.end, "text": d.text,
             "value": d.value, "kind": d.kind, "calendar": d.calendar} for i, d in enumerate(find_dates(text or "", pub, zone))]

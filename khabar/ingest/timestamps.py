"""Publication times from whatever a scraper wrote into the date field.

Accepted: datetime/date objects, Unix epoch (seconds or milliseconds, as a
number or a digit string), ISO 8601, RFC 2822, and the usual Arabic and
English written forms: ``15 مارس 2023``, ``الأربعاء 15 آذار 2023 - 10:30 م``,
``2023/03/15 10:30``, ``15/03/2023`` (day first, as Arab sites write it),
Arabic-Indic digits, Hijri dates with month names (``5 شوال 1436 هـ``) or
in digits (``1436/10/05 هـ``: a year 1300-1500 is Hijri).

A time zone in the value is kept. A value without one is taken as UTC: the
raw field does not say where it was written, and UTC keeps the stored instant
equal to the written wall time (documented in the README). Anything else
gives ``None``; parsing never raises.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from khabar.arabic import (
    DIACRITICS,
    DIGIT_FOLD,
    HAMZA_TO_YEH,
    LETTER_FOLD,
    TASHKEEL,
    TATWEEL,
    char_class,
)

_MIN_YEAR, _MAX_YEAR = 1900, 2100

_DIGITS = str.maketrans(DIGIT_FOLD)
# Spelling variants folded before month lookup: alef forms, final yeh/teh, tatweel, diacritics.
_FOLD = str.maketrans({**LETTER_FOLD, TATWEEL: None})
_DIACRITICS = re.compile(f"[{char_class(DIACRITICS)}]")


def _fold(word: str) -> str:
    return _DIACRITICS.sub("", word.translate(_FOLD))


_GREGORIAN_MONTHS = {
    **dict.fromkeys(["يناير", "كانون الثاني", "جانفي", "january", "jan"], 1),
    **dict.fromkeys(["فبراير", "شباط", "فيفري", "february", "feb"], 2),
    **dict.fromkeys(["مارس", "آذار", "march", "mar"], 3),
    **dict.fromkeys(["أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "april", "apr"], 4),
    **dict.fromkeys(["مايو", "أيار", "ماي", "may"], 5),
    **dict.fromkeys(["يونيو", "يونيه", "حزيران", "جوان", "june", "jun"], 6),
    **dict.fromkeys(["يوليو", "يوليه", "تموز", "جويلية", "july", "jul"], 7),
    **dict.fromkeys(["أغسطس", "اغسطس", "آب", "أوت", "august", "aug"], 8),
    **dict.fromkeys(["سبتمبر", "أيلول", "september", "sep", "sept"], 9),
    **dict.fromkeys(["أكتوبر", "اكتوبر", "تشرين الأول", "october", "oct"], 10),
    **dict.fromkeys(["نوفمبر", "تشرين الثاني", "november", "nov"], 11),
    **dict.fromkeys(["ديسمبر", "كانون الأول", "december", "dec"], 12),
}
_HIJRI_MONTHS = {
    **dict.fromkeys(["محرم"], 1),
    **dict.fromkeys(["صفر"], 2),
    **dict.fromkeys(["ربيع الأول", "ربيع الاول"], 3),
    **dict.fromkeys(["ربيع الآخر", "ربيع الثاني"], 4),
    **dict.fromkeys(["جمادى الأولى", "جمادى الاولى"], 5),
    **dict.fromkeys(["جمادى الآخرة", "جمادى الثانية"], 6),
    **dict.fromkeys(["رجب"], 7),
    **dict.fromkeys(["شعبان"], 8),
    **dict.fromkeys(["رمضان"], 9),
    **dict.fromkeys(["شوال"], 10),
    **dict.fromkeys(["ذو القعدة", "ذي القعدة"], 11),
    **dict.fromkeys(["ذو الحجة", "ذي الحجة"], 12),
}
_MONTHS = {_fold(k): ("g", v) for k, v in _GREGORIAN_MONTHS.items()}
_MONTHS.update({_fold(k): ("h", v) for k, v in _HIJRI_MONTHS.items()})
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))

_TIME = (
    r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?:(?P<ampm>صباحا|صباحًا|مساءً|مساءا|مساء|ص|م|am|pm|a\.m\.|p\.m\.)"
    rf"(?![{char_class(HAMZA_TO_YEH | TASHKEEL)}a-z]))?"
)
_TZ = r"(?P<tz>(?:gmt|utc)?\s*[+-]\d{1,2}(?::?\d{2})?|z|utc|gmt)?"
_SEP = r"[\s,،\-–|/\u200f\u200e]*"
_TIME_OPT = rf"(?:{_SEP}(?:الساع[ةه]\s*)?{_TIME}\s*{_TZ})?"

_WRITTEN = re.compile(
    rf"(?P<d>\d{{1,2}})\s*(?:من\s+)?(?P<mon>{_MONTH_ALT})\s*,?\s*(?P<y>\d{{4}})\s*(?P<era>هـ|ه|م)?\.?{_TIME_OPT}"
)
_WRITTEN_MDY = re.compile(rf"(?P<mon>{_MONTH_ALT})\s+(?P<d>\d{{1,2}})\s*,?\s*(?P<y>\d{{4}}){_TIME_OPT}")
_YMD = re.compile(rf"(?P<y>\d{{4}})[/.\-](?P<m>\d{{1,2}})[/.\-](?P<d>\d{{1,2}})(?:[Tt\s]*{_TIME}\s*{_TZ})?")
_DMY = re.compile(rf"(?P<d>\d{{1,2}})[/.\-](?P<m>\d{{1,2}})[/.\-](?P<y>\d{{4}}){_TIME_OPT}")
_EPOCH = re.compile(r"\d{9,13}(?:\.\d+)?")


def _in_range(value: datetime) -> datetime | None:
    return value if _MIN_YEAR <= value.year <= _MAX_YEAR else None


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def _from_epoch(number: float) -> datetime | None:
    if number >= 1e11:  # milliseconds: 1e11 seconds would be the year 5138
        number /= 1000.0
    try:
        return _in_range(datetime.fromtimestamp(number, tz=timezone.utc))
    except (OverflowError, OSError, ValueError):
        return None


def _tz(text: str | None) -> timezone:
    if not text:
        return timezone.utc
    match = re.search(r"([+-])(\d{1,2}):?(\d{2})?", text)
    if not match:
        return timezone.utc  # Z, UTC, GMT
    sign = -1 if match.group(1) == "-" else 1
    offset = timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
    if offset > timedelta(hours=14):
        raise ValueError("offset out of range")
    return timezone(sign * offset)


def _build(groups: dict, year: int, month: int, day: int, calendar: str = "g") -> datetime | None:
    hour = int(groups.get("H") or 0)
    minute = int(groups.get("M") or 0)
    second = int(groups.get("S") or 0)
    ampm = (groups.get("ampm") or "").lower()
    if ampm and hour <= 12:
        is_pm = ampm.startswith(("م", "pm", "p."))
        hour = hour % 12 + (12 if is_pm else 0)
    if calendar == "h":
        from hijridate import Hijri

        day_value = Hijri(year, month, day).to_gregorian()
        year, month, day = day_value.year, day_value.month, day_value.day
    return _in_range(datetime(year, month, day, hour, minute, second, tzinfo=_tz(groups.get("tz"))))


def _parse_written(text: str) -> datetime | None:
    folded = _fold(text.lower())
    for pattern in (_WRITTEN, _WRITTEN_MDY):
        match = pattern.search(folded)
        if match:
            groups = match.groupdict()
            calendar, month = _MONTHS[match.group("mon")]
            if groups.get("era") in ("هـ", "ه"):
                calendar = "h"
            return _build(groups, int(groups["y"]), month, int(groups["d"]), calendar)
    match = _YMD.search(folded)
    if match:
        g = match.groupdict()
        return _build(g, int(g["y"]), int(g["m"]), int(g["d"]), _numeric_calendar(int(g["y"])))
    match = _DMY.search(folded)
    if match:
        g = match.groupdict()
        day, month = int(g["d"]), int(g["m"])
        if month > 12 >= day:  # only an American month/day/year reads this way
            day, month = month, day
        return _build(g, int(g["y"]), month, day, _numeric_calendar(int(g["y"])))
    return None


def _numeric_calendar(year: int) -> str:
    # Saudi sites write Hijri dates in digits too ("1436/10/05 هـ"); Hijri
    # years 1300-1500 are 1882-2077, far from any Gregorian news year.
    return "h" if 1300 <= year <= 1500 else "g"


def parse_timestamp(value: object) -> datetime | None:
    """A tz-aware datetime for ``value``, or None when it cannot be read."""
    try:
        return _parse(value)
    except (ValueError, TypeError, OverflowError, ImportError, KeyError):
        return None


def _parse(value: object) -> datetime | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _in_range(_aware(value))
    if isinstance(value, date):
        return _in_range(datetime(value.year, value.month, value.day, tzinfo=timezone.utc))
    if isinstance(value, (int, float)):
        return _from_epoch(float(value)) if value == value else None  # NaN
    if not isinstance(value, str):
        return None
    text = value.translate(_DIGITS).strip()
    if not text or len(text) > 200:
        return None
    if _EPOCH.fullmatch(text) and len(text.split(".")[0]) in (9, 10, 12, 13):
        return _from_epoch(float(text))
    try:
        return _in_range(_aware(datetime.fromisoformat(text)))
    except ValueError:
        pass
    try:
        return _in_range(_aware(parsedate_to_datetime(text)))
    except (ValueError, TypeError, IndexError):
        pass
    return _parse_written(text)

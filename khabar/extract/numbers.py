"""Numbers in Arabic news: digits with separators and number words.

Works on folded text (khabar.extract.fold): digits are already ASCII and
`٫ ٬` are `. ,`. A number is either digits, optionally followed by scale
words (`1.5 مليون`, `17 ألف مليار`), or a run of number words joined by و
(`خمسة وعشرون ألفاً`, `مئتي ألف`, `ثلاثة عشر`), each word in any case form,
dual included (`ألفين`, `مليوني`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from khabar.extract.fold import fold_word
from khabar.extract.lexicon import E, SP, alternation

_UNITS = {
    "واحد واحدة واحدا": 1, "اثنان اثنين اثنتان اثنتين": 2, "ثلاث ثلاثة": 3, "أربع أربعة": 4,
    "خمس خمسة": 5, "ست ستة": 6, "سبع سبعة": 7, "ثمان ثماني ثمانية": 8, "تسع تسعة": 9, "عشر عشرة": 10,
    "عشرون عشرين": 20, "ثلاثون ثلاثين": 30, "أربعون أربعين": 40, "خمسون خمسين": 50,
    "ستون ستين": 60, "سبعون سبعين": 70, "ثمانون ثمانين": 80, "تسعون تسعين": 90,
    "مئتان مئتين مئتي مائتان مائتين مائتي": 200,
    "ثلاثمئة ثلاثمائة": 300, "أربعمئة أربعمائة": 400, "خمسمئة خمسمائة": 500, "ستمئة ستمائة": 600,
    "سبعمئة سبعمائة": 700, "ثمانمئة ثمانمائة ثمانيمئة": 800, "تسعمئة تسعمائة": 900,
}
# Teens are two words, one entry each (the first word alone is not a number).
_TEENS = {"أحد عشر": 11, "إحدى عشرة": 11, "اثنا عشر": 12, "اثني عشر": 12, "اثنتا عشرة": 12, "اثنتي عشرة": 12}
_HUNDRED = "مئة مائة"
_SCALES = {"ألف ألفا": 1e3, "مليون مليونا": 1e6, "مليار مليارا بليون": 1e9, "تريليون تريليونا": 1e12}
_SCALE_PLURALS = {"آلاف": 1e3, "ملايين": 1e6, "مليارات": 1e9, "بلايين": 1e9, "تريليونات": 1e12}
_SCALE_DUALS = {"ألفان ألفين ألفي": 1e3, "مليونان مليونين مليوني": 1e6, "ملياران مليارين ملياري": 1e9}


def _expand(table: dict) -> dict[str, float]:
    """Keys list space-separated forms of one value."""
    return {fold_word(form): value for key, value in table.items() for form in key.split()}


UNIT_WORDS = {**_expand(_UNITS), **{fold_word(k): v for k, v in _TEENS.items()}}
HUNDRED_WORDS = {fold_word(w) for w in _HUNDRED.split()}
SCALE_WORDS = _expand(_SCALES)
SCALE_PLURAL_WORDS = _expand(_SCALE_PLURALS)
SCALE_DUAL_WORDS = _expand(_SCALE_DUALS)
ALL_SCALES = {**SCALE_WORDS, **SCALE_PLURAL_WORDS, **SCALE_DUAL_WORDS}
ALL_WORDS = {**UNIT_WORDS, **{w: 100.0 for w in HUNDRED_WORDS}, **ALL_SCALES}

_WORD = alternation(ALL_WORDS)
_SCALE = alternation(ALL_SCALES)
# Digits: grouped thousands, or a plain run with an optional decimal part.
# Bounded repetitions and a digit look-behind keep a megabyte of digits linear.
# Not after a Latin letter: digits glued to one are part of a name or a link
# (SRT1720, G20, cutt.us/njc3), not a number of anything.
DIGITS = r"(?<![\d.,A-Za-z])(?:\d{1,3}(?:[,.]\d{3}){1,6}(?:[.,]\d{1,6})?|\d{1,15}(?:[.,]\d{1,6})?)(?![\d])"
_DIGITS = re.compile(DIGITS)
# Thousands grouped by the Arabic comma, two groups at least (122،334،463 ريال);
# one group (3،500) is as often a list.
_ARABIC_GROUPS = re.compile(r"(?<![\d.,،A-Za-z])\d{1,3}(?:،\d{3}){2,5}(?![\d]|،\d)")
_DIGIT_RUN = re.compile(r"[\d.,]+")
# Saudi press (SPA) writes the decimal comma as ر with the fraction first in
# logical order: "935ر6 مليون" is 6.935 million, "000ر22" is 22,000.
_SAUDI = re.compile(r"(?<![\d.,ر])(?P<f>\d{1,6})ر(?P<w>\d{1,9})(?![\dر])")
# Cheap scans for where a number may start (a digit or a number word); the
# exact pattern and the word edges are checked only there. A full pattern with
# look-behinds and clitics tried at every position costs ~4x more. Digits and
# words are two scans (a digit starts no word), each searched again only once
# the reading has passed its last find: with no named group opening a pattern
# the engine tries a position faster (0.14 s a day against 0.21 s for one
# pattern with both as named branches).
_FIRST_DIGIT = re.compile(r"\d")
_FIRST_WORD = re.compile(_WORD)
_NEXT_WORD = re.compile(rf"{SP}(?P<p>و)?(?P<w>{_WORD}){E}")
_NEXT_SCALE = re.compile(rf"{SP}(?P<w>{_SCALE}){E}")
# Quote marks or parentheses around digits, before a scale word: «100» مليون.
CLOSING_MARK = {"«": "»", "»": "«", '"': '"', "“": "”", "”": "”", "(": ")", "'": "'"}
_FRACTIONS = {"نصف": 0.5, "ربع": 0.25}
_FRACTION_BEFORE = re.compile(rf"(?<!\w)[وب]?(?P<f>نصف|ربع){SP}$")
_AND_FRACTION = re.compile(rf"{SP}و(?P<f>نصف|ربع)(?:{SP}(?P<w>{_SCALE}))?{E}")
_AND_DIGITS = re.compile(rf"{SP}و ?(?P<d>\d{{1,3}}(?:[.,]\d{{1,3}})?)(?![\d.,])(?:{SP}(?P<w>{_SCALE}){E})?")  # و424 and و 424


class Number(NamedTuple):
    start: int  # folded offsets
    end: int
    value: float
    words: bool  # written (at least partly) in words
    vague: bool  # only plural scale words, e.g. "آلاف": not a precise amount
    digits: str  # the digit string ("" for words), for year / phone checks


def parse_digits(s: str, scaled: bool = False) -> float:
    """Value of a digit string with `,`/`.` separators (folded text).
    A lone `.` before exactly three digits is a thousands separator
    (`30.000 مشارك`) unless a scale word follows (`1.500 مليون` = 1.5 million)."""
    seps = [c for c in s if c in ",."]
    if not seps:
        return float(s)
    groups = re.split(r"[,.]", s)
    if len(set(seps)) == 2:  # 1,234.5 or 1.234,5: the last separator is the decimal point
        dec = seps[-1]
        whole, frac = s.rsplit(dec, 1)
        return float(re.sub(r"[,.]", "", whole) + "." + frac)
    if len(seps) > 1:  # 1,000,000 / 1.000.000
        if all(len(g) == 3 for g in groups[1:]):
            return float("".join(groups))
        whole, frac = s.rsplit(seps[-1], 1)
        return float(re.sub(r"[,.]", "", whole) + "." + frac)
    whole, frac = groups
    if len(frac) == 3 and (seps[0] == "," or (not scaled and whole != "0")):  # 1,500 / 30.000: thousands
        return float(whole + frac)
    return float(whole + "." + frac)  # 1.5, 1.500, 2,5: decimal


def words_value(words: list[str], start: float = 0.0) -> float:
    """Value of a run of folded number words (after a digit value ``start``)."""
    total = 0.0
    current = start
    last_scale = 0.0  # scale applied to ``current`` so far (0: none)
    for w in words:
        if w in ALL_SCALES:
            scale = ALL_SCALES[w]
            if w in SCALE_DUAL_WORDS:
                if current and not last_scale:
                    total += current
                current, last_scale = 2 * scale, scale
            elif last_scale and scale > last_scale:  # ألف مليار
                current *= scale
                last_scale = scale
            else:
                if last_scale:  # a new group after a finished one
                    total += current
                    current = 0.0
                current = (current or 1.0) * scale
                last_scale = scale
        elif w in HUNDRED_WORDS:
            if last_scale:
                total += current
                current, last_scale = 0.0, 0.0
            current = (current or 1.0) * 100 if current < 100 else current + 100
        else:
            if last_scale:
                total += current
                current, last_scale = 0.0, 0.0
            current += UNIT_WORDS[w]
    return total + current


def _joins(prev: str, nxt: str, with_and: bool) -> bool:
    """Whether ``nxt`` continues the number ending in ``prev``: Arabic numbers
    go down (ألف وخمسمئة) except a unit before its ten (خمسة وعشرون), and a
    scale word follows directly (ثلاثة آلاف). "أربعة وستة" is a list."""
    a, b = ALL_WORDS[prev], ALL_WORDS[nxt]
    if nxt in ALL_SCALES or nxt in HUNDRED_WORDS:
        return not with_and or a > b
    if not with_and:
        return prev in UNIT_WORDS and a < 10 and nxt in ("عشر", "عشره")
    return a > b or (a < 10 and b in (20, 30, 40, 50, 60, 70, 80, 90))


@lru_cache(maxsize=8)
def find_numbers(t: str) -> tuple[Number, ...]:
    """Every number in folded text ``t``, left to right, non-overlapping
    (cached: dates and amounts both need them)."""
    out: list[Number] = []
    pos = 0
    d, w = _FIRST_DIGIT.search(t), _FIRST_WORD.search(t)
    while d or w:
        if d and (not w or d.start() < w.start()):
            num, pos = _digit_number(t, d.start())
        else:
            num, pos = _word_number(t, w)
        if num:
            out.append(num)
        if d and d.start() < pos:  # (a find at or after pos is still the first there)
            d = _FIRST_DIGIT.search(t, pos)
        if w and w.start() < pos:
            w = _FIRST_WORD.search(t, pos)
    return tuple(out)


def _digit_number(t: str, s: int) -> tuple[Number | None, int]:
    """The number whose digits start at ``s`` (with its scale words), and where to look next."""
    n = len(t)
    sa = _SAUDI.match(t, s)
    ar = _ARABIC_GROUPS.match(t, s) if not sa and "،" in t[s + 1 : s + 4] else None
    d = sa or ar or _DIGITS.match(t, s)
    if not d:  # inside a digit run too long to be a number: skip the run
        return None, _DIGIT_RUN.match(t, s).end()
    digits = d.group().replace("،", ",") if not sa else sa.group("w") + "." + sa.group("f")
    scales: list[str] = []
    end = d.end()
    if s and end < n and CLOSING_MARK.get(t[s - 1]) == t[end] and _NEXT_SCALE.match(t, end + 1):
        s, end = s - 1, end + 1  # «100» مليون: the marks belong to the number
    for _ in range(3):
        sc = _NEXT_SCALE.match(t, end)
        if not sc:
            break
        scales.append(sc.group("w"))
        end = sc.end()
    try:
        base = parse_digits(digits, scaled=bool(scales))
    except ValueError:
        return None, d.end()
    if scales and base >= 1e5 and ALL_SCALES[scales[0]] >= 1e6:
        # "75,003,560 مليون ريال", "1800000 مليون نسمة": the number is
        # written out in full and the scale word only names it
        value = base
    else:
        value = words_value(scales, base) if scales else base
    last = ALL_SCALES[scales[-1]] if scales else 0
    value, end, smaller = _smaller_parts(t, end, value, last)
    if scales and not smaller:
        value, end = _and_a_half(t, end, value, last)
    return Number(s, end, value, bool(scales), False, digits), end


def _smaller_parts(t: str, end: int, value: float, last: float) -> tuple[float, int, bool]:
    """96 مليونا و245 ألف / 4 مليارات و908 ملايين / مليون و162 ألف: smaller parts in digits joined by و
    after a scale word ``last`` (0: none). (value, end, whether a part was added)."""
    added = False
    for _ in range(3):
        more = _AND_DIGITS.match(t, end) if last else None
        if not more:
            break
        try:
            part = parse_digits(more.group("d"))
        except ValueError:
            break
        sc = ALL_SCALES[more.group("w")] if more.group("w") else 1.0
        if sc >= last or part * sc >= last:
            break
        value += part * sc
        last = sc if more.group("w") else 0
        end, added = more.end(), True
    return value, end, added


def _word_number(t: str, m: re.Match) -> tuple[Number | None, int]:
    """The number whose first word ``m`` found (with the words joined to it), and where to look next."""
    s, end, n = m.start(), m.end(), len(t)
    # word edges: nothing glued after; before, a space or one clitic letter
    if end < n and (t[end].isalnum() or t[end] == "_"):
        return None, end
    if s and (t[s - 1].isalnum() or t[s - 1] == "_"):
        if t[s - 1] not in "وبلف" or (s >= 2 and (t[s - 2].isalnum() or t[s - 2] == "_")):
            return None, end
    words = [m.group()]
    for _ in range(8):
        nx = _NEXT_WORD.match(t, end)
        if not nx or not _joins(words[-1], nx.group("w"), bool(nx.group("p"))):
            break
        words.append(nx.group("w"))
        end = nx.end()
    vague = all(w in SCALE_PLURAL_WORDS for w in words)
    value = words_value(words)
    if words[-1] in ALL_SCALES and not vague:
        value, end, smaller = _smaller_parts(t, end, value, ALL_SCALES[words[-1]])
        if not smaller:
            value, end = _and_a_half(t, end, value, ALL_SCALES[words[-1]])
    if len(words) == 1 and words[0] in SCALE_WORDS:
        frac = _FRACTION_BEFORE.search(t, max(0, s - 12), s)  # نصف مليون: half a million
        if frac:
            value, s = value * _FRACTIONS[frac.group("f")], frac.start("f")
    return Number(s, end, value, True, vague, ""), end


def _and_a_half(t: str, end: int, value: float, scale: float) -> tuple[float, int]:
    """مليون ونصف / 3 ملايين ونصف مليون / ألفين وربع: a fraction of the last scale word joined by و."""
    m = _AND_FRACTION.match(t, end)
    if not m or (m.group("w") and ALL_SCALES[m.group("w")] != scale):
        return value, end
    return value + _FRACTIONS[m.group("f")] * scale, m.end()


# Ranges: the low end before a high end with the unit (بين 5 و7 ملايين دولار،
# 30 – 40%، من 18 إلى 24 شهرا). و joins a range only after بين.
_RANGE_LINK = re.compile(r"\s{0,3}[-–]\s{0,3}|\s{1,3}(?:الي|حتي)\s{1,3}|\s{1,3}و\s{0,2}")
_BETWEEN = re.compile(r"(?<!\w)(?:[وف]?ما\s{1,3})?[وف]?بين\s{1,3}$")
_LAST_WORD = re.compile(r"(\w+)$")


def scale_of(t: str, num: Number) -> float:
    """The scale word a number ends with (7 ملايين: 1e6), 1 without one."""
    if not num.words:
        return 1.0
    w = _LAST_WORD.search(t, num.start, num.end)
    return ALL_SCALES.get(w.group(1), 1.0) if w else 1.0


def range_low(t: str, low: Number | None, high: Number) -> float | None:
    """The value of ``low`` as the low end of a range whose high end is
    ``high`` (scaled like it: بين 5 و7 ملايين is 5 million), or None when the
    two are no range (no link between them, a bare و without بين, not rising)."""
    if low is None or low.vague or high.vague or low.end > high.start:
        return None
    link = _RANGE_LINK.fullmatch(t, low.end, high.start)
    if link is None or (link.group().strip() == "و" and not _BETWEEN.search(t, max(0, low.start - 12), low.start)):
        return None
    scale = scale_of(t, high)
    value = low.value * scale if scale_of(t, low) == 1.0 and scale > 1 else low.value
    return value if 0 < value < high.value else None

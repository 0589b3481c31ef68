"""Amounts: numbers with what they measure (money, percent, length, area,
mass, volume, counts of people and things).

``find_amounts(text)`` is the string-level function; ``extract_amounts``
applies it to a shard. Rules:

* a number (digits in any script with `, . ٬ ٫`, or number words, with scale
  words `ألف مليون مليار تريليون` in every case and number) is an amount when
  a unit follows it: `%`/`بالمئة`/`في المائة` (percent, value 12 for 12%),
  a currency word with its nationality (`ريال سعودي` SAR, `دينار كويتي` KWD,
  `جنيه` EGP, `دولار` USD; a bare `دينار`/`ليرة` has a null unit) or a
  currency symbol before or after, a measure (`كلم` km, `متر مربع` m2,
  `طن` t, ...), or a counted noun (`شخصاً` person, `جريحاً` injured,
  `قتيلاً` killed; also `ثمانية من المصابين`, and duals `طفلان` = 2 child);
* a number with a scale word but no unit (`3 ملايين`) or a number followed by
  another indefinite noun (`3 حوادث`) is kind `number` with a null unit;
* not amounts: years, dates and durations (found by khabar.extract.dates),
  bare digits with no unit, four-digit years, long digit runs and numbers
  glued to `- / :` (phone numbers, ranges, clock times), identifiers after
  `رقم`, `المادة`, ...;
* `نحو، حوالي، قرابة، أكثر من، ما يقارب ...` before the number make it
  approximate and belong to the span;
* a range (`بين 5 و7 ملايين دولار`, `30 – 40%`, `3-4 في المئة`) is two rows:
  the high end as usual, the low end (its number) with kind `range` and the
  high end's unit and scale (5,000,000 USD).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from khabar import schemas
from khabar.arabic import HAMZA_TO_YEH, char_class
from khabar.extract import lexicon as L
from khabar.extract.dates import date_rows, date_spans_folded, document_columns
from khabar.extract.fold import fold, fold_word
from khabar.extract.lexicon import B, E, OSP, SP, after_clitic, alternation
from khabar.extract.numbers import ALL_WORDS as ALL_NUMBER_WORDS, CLOSING_MARK, find_numbers, range_low, scale_of


_MEASURES = {fold_word(f): v for key, v in L.MEASURES.items() for f in key.split("|")}
_CURRENCY = {fold_word(f): iso for key, iso in L.CURRENCIES.items() for f in key.split()}
_NATIONS = {fold_word(k): v for k, v in L.CURRENCY_NATIONS.items()}
_COUNTS = {fold_word(f): u for key, u in L.COUNT_NOUNS.items() for f in key.split()}
_DUALS = {fold_word(f): u for key, u in L.COUNT_DUALS.items() for f in key.split()}
_DEFINITE = {fold_word(f): u for key, u in L.COUNT_DEFINITE.items() for f in key.split()}
_TIME = {fold_word(w) for w in list(L.TIME_UNITS) + list(L.TIME_DUALS)}
_BLOCK_BEFORE = {fold_word(w) for w in L.NUMBER_BEFORE_BLOCK}

_PERCENT = re.compile(rf"(?:{OSP}%|{SP}(?:{alternation(w for w in L.PERCENT_WORDS if w != '%')}){E})")
_MEASURE = re.compile(rf"{SP}(?P<u>{alternation(_MEASURES)})(?![\w²])")
_CURR = re.compile(
    rf"{SP}(?P<c>{alternation(_CURRENCY)}){E}(?:{SP}(?P<n>{alternation(_NATIONS)})(?:يتين|يين|يون|يات|يه|يا|ي){E})?")
_SUBUNITS = {fold_word(f): v for key, v in L.CURRENCY_SUBUNITS.items() for f in key.split()}
_SUBUNIT = re.compile(rf"{SP}(?P<c>{alternation(_SUBUNITS)}){E}")
_SYMBOL_AFTER = re.compile(rf"{OSP}(?P<s>[$€£])")
_SYMBOL_BEFORE = re.compile(rf"(?P<s>[$€£]){OSP}$")
_PER = {fold_word(f): per for key, per in L.PER_TIME.items() for f in key.split("|")}
_PER_TIME = re.compile(rf"(?:{SP}|(?=/))(?P<p>{alternation(_PER)}){E}")  # 834 كلم / ساعة too
_COUNT = re.compile(rf"{SP}(?P<u>{alternation(_COUNTS)}){E}")
_COUNT_DEF = re.compile(rf"{SP}من{SP}(?P<u>{alternation(_DEFINITE)}){E}")
_DUAL = re.compile(rf"(?P<u>{after_clitic(_DUALS, 'وبلف')}){E}")  # the dual after B[وبلف]? (only u and the end are read)
_LETTER = f"[{char_class(HAMZA_TO_YEH)}]"
_NEXT_WORD = re.compile(rf"[ \t]{{1,3}}(?P<w>{_LETTER}{{2,20}})(?![\w])")  # same line only
# Duals of any noun: صاروخين باليستيين، شحنتين. Without diacritics -ين is
# also a sound plural, so only -تين (a feminine dual; the plural is -ات) or
# -ين followed by an agreeing adjective in -ين, the noun not a participle in م-.
# Words in -ين: the literal ending is found by a fast scan, then the word is
# read back from it (a pattern starting with a letter class was tried at every
# word start and cost ten times more).
_IN_END = re.compile(r"ين(?!\w)")
_LETTERS_BEFORE = re.compile(rf"{_LETTER}+$")
_NOT_DUALS = {fold_word(w) for w in L.NOT_DUALS}
_PLURAL_ADJ = {fold_word(w) for w in L.PLURAL_ADJECTIVES}
_DUAL_STEMS = {fold_word(w) for w in L.DUAL_STEMS}
# A dual verb (كانتا، أصبحا) right before: what follows is its predicate adjective.
_PREDICATE = re.compile(rf"(?<!\w)(?:\w{{2,8}}تا|{alternation(L.DUAL_VERBS)}){SP}$")
_APPROX = re.compile(rf"(?<!\w)[وبل]?(?P<a>{alternation(L.APPROX_BEFORE)}){SP}$")
_NUMBER_OF = re.compile(r"(?<!\w)[وبل]?(?:رقم|الرقم|برقم)\s{1,3}\w{2,15}\s{1,3}$")  # رقم الخدمة 5060
_PREV_WORD = re.compile(r"(?<!\w)[وبل]?(?P<w>\w{1,20})\s{1,3}$")
_GLUED = re.compile(r"[-/:]\d")
_GLUED_BEFORE = re.compile(r"[\w][-/:]$")  # 3-5, 050-123, إف-16 (a model name)
_STOP_NEXT = {fold_word(w) for w in """في من إلى الى على عن مع و أو او ثم حتى منذ بين عند لدى أي أن إن ما لا لم لن قد
قبل بعد خلال عبر ضد دون حول أمام وراء فوق تحت عقب إثر كان كانت كانوا
بينما حيث كما التي الذي الذين عندما فيما ثم حين بعدما كل
منهم منها منه عنهم بينهم بينها فيها فيه لهم لها له عليها عليه إليها مساء مساءا صباحا ظهرا فجرا ليلا عصرا
حاليا تقريبا فقط أيضا يوميا سنويا شهريا أسبوعيا
هذه هذا هذان هاتان هؤلاء تلك ذلك""".split()}  # adverbs (200 حاليا) and demonstratives (ترتيبنا 24 هذه السنة) count nothing
# Counted nouns whose first letter is و, which a conjunction usually is (3850 تريليون وحدة حرارية: units, not riyals)
_WAW_NOUNS = {fold_word(w) for w in "وحدة وحدات وجبة وجبات وظيفة وظائف وثيقة وثائق ورقة ورقات وافد وافدين".split()}
_ARTICLE_PREFIXES = ("ال", "لل", "بال", "وال", "كال", "فال")
_IMPERFECT = re.compile(r"[يت]\w{2,}(?:ون|ان)$")
_ORDINAL_TEEN = re.compile(r"(?<!\w)[وبل]?ال\w{3,8}\s{1,3}$")


class Amount(NamedTuple):
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    kind: str
    approximate: bool


def _unit_after(t: str, end: int):
    """(unit, kind, new_end) for what follows a number at ``end``, or None.
    A shared currency's unit is its name (``dinar``) until
    :func:`_resolve_currencies` reads the article."""
    m = _PERCENT.match(t, end)
    if m:
        return "percent", "percent", m.end()
    m = _MEASURE.match(t, end)
    if m:
        unit, kind = _MEASURES[m.group("u")]
        per = _PER_TIME.match(t, m.end())
        if per and (unit, _PER[per.group("p")]) in L.RATE_UNITS:  # 62 ميلا في الساعة: a speed
            unit, kind = L.RATE_UNITS[(unit, _PER[per.group("p")])]
            return unit, kind, per.end()
        return unit, kind, m.end()
    m = _CURR.match(t, end)
    if m:
        iso = _CURRENCY[m.group("c")]
        if m.group("n"):
            iso = _NATIONS[m.group("n")]
        return iso, "money", m.end()
    m = _SYMBOL_AFTER.match(t, end)
    if m:
        return L.CURRENCY_SYMBOLS[m.group("s")], "money", m.end()
    m = _SUBUNIT.match(t, end)
    if m:  # 45 سنتا: 0.45 USD
        unit, factor = _SUBUNITS[m.group("c")]
        return unit, "money", m.end(), factor
    m = _COUNT.match(t, end)
    if m:
        return _COUNTS[m.group("u")], "count", m.end()
    m = _COUNT_DEF.match(t, end)
    if m:
        return _DEFINITE[m.group("u")], "count", m.end()
    return None


def _wrapped(t: str, start: int, end: int) -> bool:
    """Digits alone between quote marks or parentheses: «100» مليون, (40) ألف."""
    return 0 < start and end < len(t) and CLOSING_MARK.get(t[start - 1]) == t[end]


def _number_amount(t: str, num, glued_range: bool = False) -> tuple | None:
    """The amount a number is the head of, as (start, end, value, unit, kind, approximate), or None.
    ``glued_range``: the number ends a range glued to its low end (3-4 في المئة), and counts only with a unit."""
    start, end, value = num.start, num.end, num.value
    wrapped = bool(num.digits) and not num.words and _wrapped(t, start, end)
    uend = end + 1 if wrapped else end  # a unit after the closing mark: "1500" عامل
    before = t[max(0, start - 30) : start]
    unit_kind = _unit_after(t, uend)
    sym = _SYMBOL_BEFORE.search(before[-3:]) if not unit_kind else None
    if sym:
        unit_kind = (L.CURRENCY_SYMBOLS[sym.group("s")], "money", end)
        start -= len(before[-3:]) - sym.start()
    if num.digits and not num.words:
        if glued_range and not unit_kind:
            return None
        if _GLUED.match(t, end) or (_GLUED_BEFORE.search(t[max(0, start - 2) : start]) and not glued_range):
            return None  # 10:30, 3-5, 050-123: times, ranges, phone numbers
        if start and t[start - 1] in "+#":
            return None
        if num.digits.isdigit() and len(num.digits) >= 7 and not unit_kind:
            return None  # phone-like
    prev = _PREV_WORD.search(before)
    if prev and not unit_kind and (prev.group("w") in _BLOCK_BEFORE or ("رقم" in before and _NUMBER_OF.search(before))):
        return None  # رقم 5, رقم الخدمة 5060: an identifier
    nxt = _NEXT_WORD.match(t, uend)
    if nxt and nxt.group("w") in _TIME:
        return None  # a duration, not an amount
    if wrapped and (unit_kind or (nxt and nxt.group("w") not in ALL_NUMBER_WORDS)):
        start -= 1  # the opening mark; "(15) خمس عشرة هللة" restates the number in words: left to the words
    if unit_kind:
        unit, kind, end = unit_kind[:3]
        value *= unit_kind[3] if len(unit_kind) > 3 else 1
    else:
        bare = _bare_number(t, num, start, end, before, nxt if not wrapped or start < num.start else None)
        if bare is None:
            return None
        unit, kind, end = bare
    approx = _APPROX.search(before)
    if approx:
        start -= len(before) - approx.start("a")
    return start, end, value, unit, kind, bool(approx)


def _bare_number(t: str, num, start: int, end: int, before: str, nxt) -> tuple | None:
    """(None, "number", end) for a number with no unit that still counts something, or None."""
    value = num.value
    if num.digits and not num.words and num.digits.isdigit() and 1800 <= value <= 2100:
        return None  # a year
    w = nxt.group("w") if nxt else ""
    counted = (w and not w.startswith(_ARTICLE_PREFIXES) and w not in _STOP_NEXT and (not w.startswith("و") or w in _WAW_NOUNS)
               and not _IMPERFECT.match(w))  # كل ثلاثة يعبرون: a verb, not a counted noun
    if num.words and not num.digits and _ORDINAL_TEEN.search(before) and t[num.start : num.end].startswith("عشر"):
        return None  # الرابعة عشرة: an ordinal
    if num.words and t[num.start : num.end] == "ست" and num.start and t[num.start - 1] in "ول":
        return None  # وست بروميتش، لست: not six
    if t[max(0, start - 3) : start].rstrip().endswith("ال"):
        return None  # الـ20: an ordinal or an age, not a count
    if num.words and num.digits:
        return None, "number", nxt.end() if counted else end  # 2.6 مليار سهم, 3 ملايين
    if num.words and value >= 3 and counted:
        return None, "number", nxt.end()
    if num.words and value >= 11 and len(t[num.start : num.end].split()) >= 2 and not counted:
        return None, "number", end
    if num.digits and counted:
        return None, "number", nxt.end()
    return None


def _cuts_digits(t: str, num, mask: tuple[int, int]) -> bool:
    """A date span that ends inside the number's digits (a year read from 2035.24 مليون) does not mask it."""
    if not num.digits:
        return False
    first = num.start + (t[num.start] in CLOSING_MARK)
    return first <= mask[0] and mask[1] < first + len(num.digits)


def _find_folded(t: str, source: str | None = None) -> list[tuple[int, int, float, str | None, str, bool]]:
    masks = date_spans_folded(t)
    out = []
    mi = 0
    prev = None  # the number before, free (no amount, no date): a range's low end
    for num in find_numbers(t):
        low, prev = prev, None
        while mi < len(masks) and masks[mi][1] <= num.start:
            mi += 1
        if mi < len(masks) and masks[mi][0] < num.end and not _cuts_digits(t, num, masks[mi]):
            continue  # inside a date, year or duration
        if num.vague or num.value <= 0:
            continue
        amount = _number_amount(t, num) or (_number_amount(t, num, True) if _glued_pair(t, low, num) else None)
        if amount:
            out.extend(_range_low_end(t, low, num, amount))
            out.append(amount)
        else:
            prev = num
    taken_starts = [a[0] for a in out]  # already sorted: numbers come left to right
    for m in _DUAL.finditer(t):
        s = m.start("u")
        k = bisect_right(taken_starts, s) - 1
        if k >= 0 and s < out[k][1]:
            continue
        out.append((s, m.end(), 2.0, _DUALS[m.group("u")], "count", False))
    for s, e in _generic_duals(t, masks):
        k = bisect_right(taken_starts, s) - 1
        if k >= 0 and s < out[k][1]:
            continue
        out.append((s, e, 2.0, None, "count", False))
    out.sort()
    out = _elliptic_money(t, out)
    if any(a[3] in L.CURRENCY_COUNTRIES for a in out):
        out = _resolve_currencies(t, out, source)
    return out


_SHORT = re.compile(r"\d{1,3}(?:[.,]\d{1,2})?")


def _glued_pair(t: str, low, num) -> bool:
    """3-4 في المئة: two short numbers glued by a dash, nothing glued before the first (not 050-123-4567)."""
    return (low is not None and num.start == low.end + 1 and t[low.end] == "-" and not low.words and not num.words
            and bool(_SHORT.fullmatch(low.digits)) and bool(_SHORT.fullmatch(num.digits))
            and not (low.start and t[low.start - 1] in "-/:.,"))


_SCALE_WORD = re.compile(r"(?<!\w)(?:مليون|ملايين|مليار|مليارات|ترليون|تريليون|بليون)(?!\w)")
_SENTENCE_STOP = re.compile(r"[.!?؟؛\n]")


def _elliptic_money(t: str, out: list[tuple]) -> list[tuple]:
    """اشتروا 866.5 مليار دولار وباعوا 971.9 مليار: a million or billion
    figure with no unit after a sum of money in its sentence is that money."""
    res = []
    for a in out:
        p = res[-1] if res else None
        if (p and a[3] is None and a[4] == "number" and p[4] == "money" and t.endswith(_scale_word(t, a), 0, a[1])
                and _scale_word(t, a) and _scale_word(t, p) and a[0] - p[1] < 120
                and _SENTENCE_STOP.search(t, p[1], a[0]) is None and "عدد" not in t[p[1] : a[0]]):  # عدد السكان 5 ملايين
            a = (a[0], a[1], a[2], p[3], "money", a[5])
        res.append(a)
    return res


def _scale_word(t: str, a: tuple) -> str:
    m = _SCALE_WORD.search(t, a[0], a[1])
    return m.group() if m else ""


def _range_low_end(t: str, low, num, amount: tuple) -> list[tuple]:
    """بين 5 و7 ملايين دولار, 30 – 40%: the low end as a row of its own, kind
    ``range``, with the high end's unit and scale (5 million USD); the high
    end keeps its kind. Only when the high end's span starts at its number
    (an approximation word before it belongs to the low end)."""
    if amount[0] != num.start or amount[3] is None and amount[4] == "number" and scale_of(t, num) == 1.0:
        return []
    value = range_low(t, low, num)
    if value is None:
        return []
    return [(low.start, low.end, value, amount[3], "range", False)]


def _generic_duals(t: str, masks: list[tuple[int, int]]):
    """Spans of indefinite duals of nouns outside the count lexicon. Without
    diacritics -ين is also a plural and -تين also an adjective, so a dual counts
    only as the head noun of its phrase: not definite (المفتشين، للمفتشين:
    ل + المفتشين), not an adjective agreeing with the dual before it, not a
    predicate (كانتا ضروريتين), and, for -ين, not a participle or agent noun
    (مسلحين، لاعبين، فنانين) and only with an agreeing adjective in -يين."""
    mask_starts = [ms for ms, _ in masks]  # the text's date spans (from _find_folded)
    last_end = -1  # end of the last dual, or of an adjective agreeing with it
    for s, e in _in_words(t):
        w = t[s:e]
        if s - last_end <= 3 and t[last_end:s].isspace():
            last_end = e
            continue  # adjectives of the dual before it: جامعتين عامتين سابقتين
        if w.startswith(_ARTICLE_PREFIXES) or w in _NOT_DUALS:
            continue  # كريستين: a name, not ك + a dual
        if w[0] in "وبلفك" and len(w) >= 7:  # a clitic only where the rest is still a long word
            w, s = w[1:], s + 1
        if w in _TIME or w in _DUALS:
            last_end = e  # دقيقتين إضافيتين: its adjectives are not duals either
            continue
        if (w.startswith(_ARTICLE_PREFIXES) or w.endswith("يين") or w in _NOT_DUALS or (w[0] in "وبلفك" and w[1:] in _NOT_DUALS)
                or w in ALL_NUMBER_WORDS or len(w) < 5):
            continue
        if not w.endswith("تين") and w[:-2] not in _DUAL_STEMS:
            nxt = _NEXT_WORD.match(t, e)
            a = nxt.group("w") if nxt else ""
            if w[0] == "م" or (len(w) == 6 and w[1] == "ا") or (len(w) == 6 and w[2] == "ا") or not a.endswith("يين") or a in _PLURAL_ADJ:
                continue  # مسلحين، لاعبين، فنانين: plurals of persons look the same
        if _PREDICATE.search(t, max(0, s - 24), s):
            continue
        k = bisect_right(mask_starts, s) - 1
        if (k >= 0 and masks[k][1] > s) or (k + 1 < len(masks) and masks[k + 1][0] < e):
            continue  # سنتين، ساعتين: durations
        last_end = e
        yield s, e


def _in_words(t: str):
    """(start, end) of each whole word of 5 to 15 Arabic letters ending in -ين."""
    for m in _IN_END.finditer(t):
        e = m.end()
        run = _LETTERS_BEFORE.search(t, max(0, e - 15), e)
        s = run.start()
        if e - s < 5 or (s and (t[s - 1].isalnum() or t[s - 1] == "_")):
            continue  # too short, longer than 15 letters, or glued to digits or other letters
        yield s, e


# ------------------------------------------------------------ shared currencies

def _place_forms() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Folded place words -> countries, by the word without its article: those
    written with ال (الكويت) and those without (بغداد، كويتي). A nisba (كويتي)
    also stands for كويتية، كويتيا، كويتيين، كويتيون، كويتيات, with or without ال."""
    with_al: dict[str, set[str]] = {}
    bare: dict[str, set[str]] = {}
    for country, words in L.PLACE_COUNTRIES.items():
        for w in words.split():
            w = fold_word(w)
            if w.startswith("ال"):
                with_al.setdefault(w[2:], set()).add(country)
                continue
            for v in [w] + ([w + x for x in ("ه", "ا", "ين", "ون", "ات")] if w.endswith("ي") else []):
                bare.setdefault(v, set()).add(country)
                if w.endswith("ي"):
                    with_al.setdefault(v, set()).add(country)
    return with_al, bare


def _place_words() -> dict[str, set[str]]:
    """Every written form of a place word, clitics and article included
    (بالكويت، للكويت، وبغداد) -> countries."""
    with_al, bare = _place_forms()
    words: dict[str, set[str]] = {}
    for table, prefixes in ((with_al, ("ال", "وال", "بال", "لل", "فال", "كال", "ولل")), (bare, ("", "و", "ب", "ل", "ف", "ك"))):
        for stem, countries in table.items():
            for prefix in prefixes:
                words.setdefault(prefix + stem, set()).update(countries)
    return words


_PLACES = _place_words()
# Whole written forms behind a word-start look-behind: mid-word positions are
# rejected at once, where an optional clitic or article group before the names
# would be tried at every position (half again as slow on a day's articles).
_PLACE = re.compile(rf"(?<!\w)(?P<p>{alternation(_PLACES)}){E}")
_SHARED_FORMS = {f for f, iso in _CURRENCY.items() if iso in L.CURRENCY_COUNTRIES}
# "الدينار الكويتي", "بالدينار الأردني" anywhere in the article: the country of its
# bare دينار. The country word is a place the scan finds anyway; this looks
# back from it for the currency (one scan of the article, not two).
_NOUN_BEFORE = re.compile(rf"(?P<c>{alternation(_SHARED_FORMS)}){SP}$")
_SENTENCE_END = re.compile(r"[\n!?؟]|\.(?!\d)")


def outlet_country(source: str | None) -> str | None:
    """The country of an outlet (``documents.source``): its host's top-level domain, else a known name."""
    host = re.sub(r"^[a-z]+://", "", (source or "").strip().lower()).split("/")[0]
    parts = [p for p in re.split(r"[^a-z0-9]+", host) if p]
    if not parts:
        return None
    if len(parts) > 1 and parts[-1] in L.OUTLET_DOMAINS:
        return L.OUTLET_DOMAINS[parts[-1]]
    return next((L.OUTLET_NAMES[p] for p in parts if p in L.OUTLET_NAMES), None)


class _Context(NamedTuple):
    """What an article says about countries, for one shared currency."""
    place_pos: list[int]  # sorted positions of place names that are the currency's countries
    place_country: list[str]
    named_pos: list[int]  # sorted positions of "الدينار الكويتي"-like mentions of this currency
    named_iso: list[str]
    most_named: str | None  # the country the article names most (first named on ties)


def _places(t: str) -> tuple[list[tuple[int, set[str]]], list[tuple[int, str, set[str]]]]:
    """Where the article names places, and where it names a currency with its country:
    (position, countries) and (position, currency name, countries)."""
    places, named = [], []
    for m in _PLACE.finditer(t):
        countries = _PLACES[m.group("p")]
        places.append((m.start(), countries))
        noun = _NOUN_BEFORE.search(t, max(0, m.start() - 16), m.start())
        if noun:
            named.append((noun.start(), _CURRENCY[noun.group("c")], countries))
    return places, named


def _context(name: str, places: list, named: list) -> _Context:
    codes = L.CURRENCY_COUNTRIES[name]
    pp = [(p, c) for p, cs in places for c in sorted(cs) if c in codes]
    count: dict[str, list[int]] = {}
    for p, c in pp:
        count.setdefault(c, [0, p])[0] += 1
    most = min(count, key=lambda c: (-count[c][0], count[c][1])) if count else None
    nm = [(p, codes[min(cs & codes.keys())]) for p, n, cs in named if n == name and cs & codes.keys()]  # not الريال المغربي
    return _Context([p for p, _ in pp], [c for _, c in pp], [p for p, _ in nm], [i for _, i in nm], most)


def _resolve_currencies(t: str, out: list[tuple], source: str | None) -> list[tuple]:
    """Give each shared currency (unit ``dinar``, ``riyal`` ...) its country's code, from, in order:
    the outlet's country when it uses that currency (a Saudi paper's bare ريال is SAR even
    in «4 ريالات في الأردن واليمن» or next to a surname اليمني), a place named in the
    same sentence (the nearest), the same currency named with its country elsewhere in the
    article (the nearest before, else the first after), the country the article names most;
    else its default (riyal SAR, pound EGP, dirham AED) or, for dinar, lira and peso, the
    currency's name. The article is read only for currencies the outlet does not settle."""
    outlet = outlet_country(source)
    contexts: dict[str, _Context] = {}
    ends: list[int] | None = None
    res = []
    for a in out:
        name = a[3]
        if name in L.CURRENCY_COUNTRIES:
            codes = L.CURRENCY_COUNTRIES[name]
            if outlet in codes:
                a = (*a[:3], codes[outlet], *a[4:])
            else:
                if ends is None:
                    ends = [m.start() for m in _SENTENCE_END.finditer(t)]
                    places, named = _places(t)
                if name not in contexts:
                    contexts[name] = _context(name, places, named)
                k = bisect_right(ends, a[0])
                sentence = (ends[k - 1] if k else 0, ends[k] if k < len(ends) else len(t))
                a = (*a[:3], _currency_of(name, a[0], sentence, contexts[name]), *a[4:])
        res.append(a)
    return res


def _currency_of(name: str, pos: int, sentence: tuple[int, int], ctx: _Context) -> str:
    codes = L.CURRENCY_COUNTRIES[name]
    k = bisect_right(ctx.place_pos, pos)  # the nearest place of the sentence, before or after
    near = [(pos - ctx.place_pos[k - 1], k - 1)] if k and ctx.place_pos[k - 1] >= sentence[0] else []
    if k < len(ctx.place_pos) and ctx.place_pos[k] < sentence[1]:
        near.append((ctx.place_pos[k] - pos, k))
    if near:
        return codes[ctx.place_country[min(near)[1]]]
    if ctx.named_pos:
        k = bisect_right(ctx.named_pos, pos)
        return ctx.named_iso[k - 1] if k else ctx.named_iso[0]
    if ctx.most_named:
        return codes[ctx.most_named]
    return L.CURRENCY_DEFAULTS.get(name, name)


def find_amounts(text: str, source: str | None = None) -> list[Amount]:
    """Amounts in ``text``, with exact original offsets. ``source`` (the
    outlet, ``documents.source``) tells a shared currency's country when the
    text does not."""
    f = fold(text)
    res = []
    for s, e, value, unit, kind, approx in _find_folded(f.text, source):
        os_, oe = f.orig(s), f.orig(e)
        # 8.2 مليار is 8.2e9, not 8199999999.999999 (the product of two floats)
        res.append(Amount(os_, oe, text[os_:oe], float(f"{value:.12g}"), unit, kind, approx))
    return res


def extract_amounts(documents, sentences, tokens, cfg) -> "schemas.pa.Table":
    """AMOUNTS rows for a shard, found in ``documents.text``."""
    if not cfg["amounts"]:
        return schemas.empty("amounts")
    rows = []
    for doc_id, text, source in zip(*document_columns(documents, "source")):
        rows += amount_rows(doc_id, text, source)
    return schemas.table_from_rows("amounts", rows)


def amount_rows(doc_id: str, text: str | None, source: str | None) -> list[dict]:
    """AMOUNTS rows of one document."""
    return [{"doc_id": doc_id, "amount_idx": i, "start": a.start, "end": a.end, "text": a.text,
             "value": a.value, "unit": a.unit, "kind": a.kind, "approximate": a.approximate} for i, a in enumerate(find_amounts(text or "", source))]


def extract_dates_and_amounts(documents, cfg) -> tuple["schemas.pa.Table", "schemas.pa.Table"]:
    """DATES and AMOUNTS rows for a shard, the same as :func:`khabar.extract.dates.extract_dates` and
    :func:`extract_amounts`, found document by document: a text's fold, numbers, date matches
    and durations (small caches keyed by the text, since both need them) are then computed
    once, where a pass over the shard for dates and then one for amounts evicted them between."""
    dates, amounts = [], []
    zone = cfg.get("date_timezone") or None
    ids, texts, pubs = document_columns(documents, "published_at")
    sources = document_columns(documents, "source")[2]
    for doc_id, text, pub, source in zip(ids, texts, pubs, sources):
        dates += date_rows(doc_id, text, pub, zone)
        amounts += amount_rows(doc_id, text, source)
    return schemas.table_from_rows("dates", dates), schemas.table_from_rows("amounts", amounts)

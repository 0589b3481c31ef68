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
  approximate and belong to the span.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from khabar import schemas
from khabar.arabic import HAMZA_TO_YEH, char_class
from khabar.extract import lexicon as L
from khabar.extract.dates import date_spans_folded
from khabar.extract.fold import fold, fold_word
from khabar.extract.lexicon import B, E, OSP, SP, alternation
from khabar.extract.numbers import ALL_WORDS as ALL_NUMBER_WORDS, find_numbers


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
_SYMBOL_AFTER = re.compile(rf"{OSP}(?P<s>[$€£])")
_SYMBOL_BEFORE = re.compile(rf"(?P<s>[$€£]){OSP}$")
_COUNT = re.compile(rf"{SP}(?P<u>{alternation(_COUNTS)}){E}")
_COUNT_DEF = re.compile(rf"{SP}من{SP}(?P<u>{alternation(_DEFINITE)}){E}")
_DUAL = re.compile(rf"{B}[وبلف]?(?P<u>{alternation(_DUALS)}){E}")
_LETTER = f"[{char_class(HAMZA_TO_YEH)}]"
_NEXT_WORD = re.compile(rf"[ \t]{{1,3}}(?P<w>{_LETTER}{{2,20}})(?![\w])")  # same line only
# Duals of any noun: صاروخين باليستيين، شحنتين. Without diacritics -ين is
# also a sound plural, so only -تين (a feminine dual; the plural is -ات) or
# -ين followed by an agreeing adjective in -ين, the noun not a participle in م-.
_GEN_DUAL = re.compile(rf"(?<!\w)(?P<u>{_LETTER}{{3,13}}ين)(?!\w)")
_NOT_DUALS = {fold_word(w) for w in L.NOT_DUALS}
_PLURAL_ADJ = {fold_word(w) for w in L.PLURAL_ADJECTIVES}
_APPROX = re.compile(rf"(?<!\w)[وبل]?(?P<a>{alternation(L.APPROX_BEFORE)}){SP}$")
_PREV_WORD = re.compile(r"(?<!\w)[وبل]?(?P<w>\w{1,20})\s{1,3}$")
_GLUED = re.compile(r"[-/:]\d")
_GLUED_BEFORE = re.compile(r"[\w][-/:]$")  # 3-5, 050-123, إف-16 (a model name)
_STOP_NEXT = {fold_word(w) for w in """في من إلى الى على عن مع و أو او ثم حتى منذ بين عند لدى أي أن إن ما لا لم لن قد
بينما حيث كما التي الذي الذين عندما فيما ثم حين بعدما كل
منهم منها منه عنهم بينهم بينها فيها فيه لهم لها له عليها عليه إليها مساء مساءا صباحا ظهرا فجرا ليلا عصرا""".split()}
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
    """(unit, kind, new_end) for what follows a number at ``end``, or None."""
    m = _PERCENT.match(t, end)
    if m:
        return "percent", "percent", m.end()
    m = _MEASURE.match(t, end)
    if m:
        unit, kind = _MEASURES[m.group("u")]
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
    m = _COUNT.match(t, end)
    if m:
        return _COUNTS[m.group("u")], "count", m.end()
    m = _COUNT_DEF.match(t, end)
    if m:
        return _DEFINITE[m.group("u")], "count", m.end()
    return None


def _find_folded(t: str) -> list[tuple[int, int, float, str | None, str, bool]]:
    masks = date_spans_folded(t)
    out = []
    mi = 0
    for num in find_numbers(t):
        while mi < len(masks) and masks[mi][1] <= num.start:
            mi += 1
        if mi < len(masks) and masks[mi][0] < num.end:
            continue  # inside a date, year or duration
        if num.vague or num.value <= 0:
            continue
        start, end, value = num.start, num.end, num.value
        before = t[max(0, start - 30) : start]
        unit_kind = _unit_after(t, end)
        sym = _SYMBOL_BEFORE.search(before[-3:]) if not unit_kind else None
        if sym:
            unit_kind = (L.CURRENCY_SYMBOLS[sym.group("s")], "money", end)
            start -= len(before[-3:]) - sym.start()
        if num.digits and not num.words:
            if _GLUED.match(t, end) or _GLUED_BEFORE.search(t[max(0, start - 2) : start]):
                continue  # 10:30, 3-5, 050-123: times, ranges, phone numbers
            if start and t[start - 1] in "+#":
                continue
            plain = num.digits.isdigit()
            if plain and len(num.digits) >= 7 and not unit_kind:
                continue  # phone-like
        prev = _PREV_WORD.search(before)
        if prev and prev.group("w") in _BLOCK_BEFORE and not unit_kind:
            continue
        nxt = _NEXT_WORD.match(t, end)
        if nxt and nxt.group("w") in _TIME:
            continue  # a duration, not an amount
        if unit_kind:
            unit, kind, end = unit_kind
        else:
            if num.digits and not num.words and num.digits.isdigit() and 1800 <= value <= 2100:
                continue  # a year
            w = nxt.group("w") if nxt else ""
            counted = (w and not w.startswith(_ARTICLE_PREFIXES) and w not in _STOP_NEXT and not w.startswith("و")
                       and not _IMPERFECT.match(w))  # كل ثلاثة يعبرون: a verb, not a counted noun
            if num.words and not num.digits and _ORDINAL_TEEN.search(before) and t[start:end].startswith("عشر"):
                continue  # الرابعة عشرة: an ordinal
            if num.words and t[start:end] == "ست" and start and t[start - 1] in "ول":
                continue  # وست بروميتش، لست: not six
            if t[max(0, start - 3) : start].rstrip().endswith("ال"):
                continue  # الـ20: an ordinal or an age, not a count
            if num.words and num.digits and counted:
                unit, kind = None, "number"  # 2.6 مليار سهم
                end = nxt.end()
            elif num.words and num.digits:
                unit, kind = None, "number"  # 3 ملايين
            elif num.words and value >= 3 and counted:
                unit, kind = None, "number"
                end = nxt.end()
            elif num.words and value >= 11 and len(t[start:end].split()) >= 2 and not counted:
                unit, kind = None, "number"
            elif num.digits and counted:
                unit, kind = None, "number"
                end = nxt.end()
            else:
                continue
        approx = _APPROX.search(before)
        if approx:
            start -= len(before) - approx.start("a")
        out.append((start, end, value, unit, kind, bool(approx)))
    taken_starts = [a[0] for a in out]  # already sorted: numbers come left to right
    for m in _DUAL.finditer(t):
        s = m.start("u")
        k = bisect_right(taken_starts, s) - 1
        if k >= 0 and s < out[k][1]:
            continue
        out.append((s, m.end(), 2.0, _DUALS[m.group("u")], "count", False))
    for s, e in _generic_duals(t):
        k = bisect_right(taken_starts, s) - 1
        if k >= 0 and s < out[k][1]:
            continue
        out.append((s, e, 2.0, None, "count", False))
    out.sort()
    return out


def _generic_duals(t: str):
    """Spans of indefinite duals of nouns outside the count lexicon."""
    masks = None
    last_end = -1
    for m in _GEN_DUAL.finditer(t):
        w = m.group("u")
        s = m.start()
        if w[0] in "وبلف" and len(w) >= 7:  # a clitic only where the rest is still a long word
            w, s = w[1:], s + 1
        if (w.startswith(_ARTICLE_PREFIXES) or w.endswith("يين") or w in _NOT_DUALS or w[1:] in _NOT_DUALS or w in _DUALS or w in _TIME
                or w in ALL_NUMBER_WORDS or len(w) < 5):
            continue
        if s - last_end <= 3 and t[last_end:s].isspace():
            continue  # the agreeing adjective of the dual before it: دراستين تفصيليتين
        if not w.endswith("تين"):
            # masculine: only with an adjective in -يين (صاروخين باليستيين), and not
            # a participle (مسلحين، لاعبين) whose plural looks the same
            nxt = _NEXT_WORD.match(t, m.end())
            a = nxt.group("w") if nxt else ""
            if w[0] == "م" or (len(w) == 6 and w[1] == "ا") or not a.endswith("يين") or a in _PLURAL_ADJ:
                continue
        if masks is None:
            masks = date_spans_folded(t)
            mask_starts = [ms for ms, _ in masks]
        k = bisect_right(mask_starts, s) - 1
        if (k >= 0 and masks[k][1] > s) or (k + 1 < len(masks) and masks[k + 1][0] < m.end()):
            continue  # سنتين، ساعتين: durations
        last_end = m.end()
        yield s, m.end()


def find_amounts(text: str) -> list[Amount]:
    """Amounts in ``text``, with exact original offsets."""
    f = fold(text)
    res = []
    for s, e, value, unit, kind, approx in _find_folded(f.text):
        os_, oe = f.orig(s), f.orig(e)
        res.append(Amount(os_, oe, text[os_:oe], value, unit, kind, approx))
    return res


def extract_amounts(documents, sentences, tokens, cfg) -> "schemas.pa.Table":
    """AMOUNTS rows for a shard, found in ``documents.text``."""
    if not cfg["amounts"]:
        return schemas.empty("amounts")
    rows = []
    for doc_id, text in zip(documents.column("doc_id").to_pylist(), documents.column("text").to_pylist()):
        for i, a in enumerate(find_amounts(text or "")):
            rows.append({"doc_id": doc_id, "amount_idx": i, "start": a.start, "end": a.end, "text": a.text,
                         "value": a.value, "unit": a.unit, "kind": a.kind, "approximate": a.approximate})
    return schemas.table_from_rows("amounts", rows)

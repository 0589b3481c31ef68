"""The holder of a title written alone as a speaker.

Articles name a person once with the title (رئيس إقليم كردستان مسعود
بارزاني، وزير الآثار ممدوح الدماطي) and then let the title speak alone
(وقال رئيس إقليم كردستان …، وأكد وزير الآثار …); a body likewise (صحيفة
«داريو تاندي» … وقالت الصحيفة الأرجنتينية). Such a speaker is the last person
(body) named before it under the same title, not a title nobody can count.
Works on folded text (``khabar.extract.fold``) and entity rows of it.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from khabar.extract import lexicon as L
from khabar.extract.fold import fold_word
from khabar.ner.features import strip_article

# titles that name one person in an article; not unnamed sources (مصدر، مسؤول)
# nor kin (والدي), which stand for someone new each time
PERSON_TITLES = {fold_word(w) for w in L.SUBJECT_HEADS + "كاتب كاتبة محامي محامية مدعي مفوض مفوضة خادم".split()} - {
    fold_word(w) for w in L.UNNAMED_SOURCE_HEADS + L.DOCUMENT_NOUNS + "والد والدة شقيق شقيقة رئيسه مؤسسة".split()}
BODY_TITLES = {fold_word(w) for w in "تنظيم صحيفة وكالة وزارة هيئة شركة منظمة حزب حركة جماعة جبهة قناة تقرير".split()}
_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE_END = re.compile(r"[.!?؟:\n]")
_PREPOSITIONS = {fold_word(w) for w in L.PREPOSITIONS + ["لدى"]}  # (سفير لدى …)
REACH = 3000  # characters looked back for the holder (the caller passes the entities that start there)
_TITLE_BEFORE = 80  # characters before a mention in which its title is written
_HEAD_WORDS = 5  # a title stands right before its holder (خادم الحرمين الشريفين الملك سلمان)
_PERSON_TITLE_WORDS = 8



def _is_adjective(word: str) -> bool:
    """A nisba or other adjective of the title (الأرجنتينية، الاقتصادي، العام): not needed to match."""
    return word.startswith("ال") and word.endswith(("ي", "يه", "ية", "يين", "يون", "ام"))


def title_parts(words: Sequence[str]) -> tuple[str, str, list[str]] | None:
    """(kind, head, other words that must match) when ``words`` are a title
    alone: a definite title (الوزير، وزير الآثار، رئيس إقليم كردستان) of at
    most four words; kind "PER" or "ORG"."""
    if not 1 <= len(words) <= 4:
        return None
    head = strip_article(words[0])
    # definite by its article or by a genitive (وزير الآثار، رئيس إقليم كردستان), not a
    # phrase (مدربة في التنمية، مسؤول من الوزارة): someone new
    definite = words[0].startswith("ال") or (len(words) > 1 and words[1] not in _PREPOSITIONS)
    if not definite:
        return None
    rest = [strip_article(w) for w in words[1:] if not _is_adjective(w)]
    if head in PERSON_TITLES:
        return "PER", head, rest
    if head in BODY_TITLES and words[0].startswith("ال") and not rest:
        return "ORG", head, rest
    return None


def holder_before(t: str, start: int, end: int, entities: Sequence[tuple[int, int, str, str]],
                  in_speech: Callable[[int], bool]) -> tuple[int, int] | None:
    """The span of the last mention before ``start`` titled like the speaker
    ``t[start:end]`` when that speaker is a title alone; ``entities`` are the
    text's (start, end, label, id) rows starting within :data:`REACH` before ``start``, in order."""
    parts = title_parts(t[start:end].split())
    if parts is None:
        return None
    kind, head, rest = parts
    for es, ee, label, _ in reversed(entities):
        if label != kind or ee > start or in_speech(es):
            continue
        if _titled(t, es, ee, kind, head, rest):
            return es, ee
    return None


def _words_before(t: str, es: int, head: str, rest: list[str]) -> list[str]:
    """The stems of the words of the mention's own clause before it; a comma
    right before the mention ends the clause unless the title ends there
    (رئيس الإقليم، مسعود بارزاني; not قالت الوزيرة في تعليق، جوزي)."""
    seg = _CLAUSE_END.split(t[max(0, es - _TITLE_BEFORE) : es])[-1]
    words = _WORD.findall(seg)
    if seg.rstrip().endswith(("،", ",")) and words:
        last = words[-1]
        if not (strip_article(last) == head or strip_article(last) in rest or _is_adjective(last)):
            return []
    return [strip_article(w) for w in words]


def _titled(t: str, es: int, ee: int, kind: str, head: str, rest: list[str]) -> bool:
    """Whether the mention at es:ee is written with the title's head and, when
    the title has more words, one of them: before it (وزير الآثار ممدوح
    الدماطي، رئيس الإقليم، مسعود بارزاني) or, for a person, right after it in
    apposition (ممدوح الدماطي، وزير الآثار المصري)."""
    own = [strip_article(w) for w in _WORD.findall(t[es:ee])]
    before = _words_before(t, es, head, rest)
    if kind == "ORG":
        return own[:1] == [head] or before[-1:] == [head]
    if t[es - 1 : es] == "ل":
        return False  # (لزيد رعد الحسين) the one spoken to
    after = [strip_article(w) for w in _WORD.findall(t[ee : ee + _TITLE_BEFORE])][:_PERSON_TITLE_WORDS]
    for heads, near in ((before[-_HEAD_WORDS:] + own[:2], before[-_PERSON_TITLE_WORDS:] + own[:2]), (after[:1], after)):
        if head in heads and (not rest or any(w in near for w in rest)):
            return True
    return False

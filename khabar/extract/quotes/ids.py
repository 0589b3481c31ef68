"""Entities and the ids of speakers: tagged entities folded and indexed (_Entities), the PER (else ORG) entity a speaker span names (speaker_entity_id), and unnamed speakers (is_unnamed_speaker)."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple, Sequence

from khabar.extract.fold import fold, fold_word
from khabar.ner.features import strip_article
from khabar.extract.quotes.cues import (
    _ADDRESSEE, _DOCUMENTS, _HOLDER_TITLES, _MAX_ENTITY, _ORG_HEADS, _SUBJECT_HEADS, _TITLE_HEADS, _TO_MEDIA,
    _PREPOSITIONS, _UNNAMED, _WORD, _WORDS_BACK, _is_verb,
)


class _NameIndex(NamedTuple):
    """The entities' names (two words or more) by word, for matching a speaker by name in one look-up per word."""
    person_first: dict  # first word -> [(name words, id)]
    person_last: dict  # last word -> [id]
    person_first_word: dict  # first word -> [id]
    org_first: dict  # first word -> [(name words, id)]


class _Entities:
    """Entity spans (folded offsets) sorted by start, looked up by range."""

    def __init__(self, rows: list[tuple[int, int, str, str]]):
        self.items = sorted(rows)
        self.starts = [r[0] for r in self.items]
        self._names: _NameIndex | None = None

    def name_index(self, t: str) -> _NameIndex:
        """Built once per text: a speaker per quote looked up against every entity was quadratic."""
        if self._names is None:
            index = _NameIndex({}, {}, {}, {})
            for es, ee, label, eid in self.items:
                name = tuple(t[es:ee].split())
                if len(name) < 2:
                    continue
                if label == "ORG":
                    index.org_first.setdefault(name[0], []).append((name, eid))
                if label != "PER" or any(_to_whom([w]) for w in name[1:]):
                    continue  # (نظيره الكيني in أوباما لنظيره الكيني names someone else)
                index.person_first.setdefault(name[0], []).append((name, eid))
                index.person_last.setdefault(name[-1], []).append(eid)
                index.person_first_word.setdefault(name[0], []).append(eid)
            self._names = index
        return self._names

    def __bool__(self) -> bool:
        return bool(self.items)

    def starting(self, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
        """Entities whose start is in [lo, hi)."""
        return self.items[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]


_ROLE_BEFORE = re.compile(r"(?<!\w)(?:(?:باسم|عن)\s{1,3}|ل)$")


def _is_role(t: str, e) -> bool:
    """An organisation the speaker speaks for (المتحدث باسم X، الناطق عن X): a
    role of the speaker, not the speaker, when a person may follow."""
    return e[2] == "ORG" and bool(_ROLE_BEFORE.search(t, max(0, e[0] - 8), e[0]))


def _governed_name(t: str, pos: int) -> bool:
    """The name at ``pos`` is governed by the word before it, a preposition or
    a noun with ل (لبقاء سامي الجابر، لخادم الحرمين): part of a phrase about
    that person, not who speaks."""
    before = _WORDS_BACK.findall(t, max(0, pos - 20), pos)[-1:]
    return bool(before) and (before[0] in _PREPOSITIONS or (before[0][:1] == "ل" and len(before[0]) > 3 and not _is_verb(before[0])))


def _entity_for(t: str, s: int, e: int, ents) -> str | None:
    """The PER (else ORG) entity overlapping the speaker; an organisation it
    speaks for (باسم X) only when the speaker is that role alone."""
    best = None
    for ent in ents.starting(s - _MAX_ENTITY, e):
        es, ee, label, eid = ent
        if es < e and ee > s and label in ("PER", "ORG"):
            if label == "ORG" and (_is_role(t, ent) or _titled_before(t, s, es)) and _WORD.match(t, ee) and ee < e:
                continue  # المتحدث باسم الوزارة منصور التركي، وزيرة خارجية الاتحاد X: the words after the body are the person
            if label == "PER" and ee > e and _to_whom(t[e:ee].split()[:1]):
                continue  # (أوباما | لنظيره الكيني tagged as one: the name's id is another person's)
            if label == "PER" and es > s and _governed_name(t, es) and any(x[2] == "PER" for x in ents.starting(ee, e)):
                continue  # (العضو المعارض لبقاء سامي الجابر الأمير نواف بن محمد: the prince's id, not Sami's)
            if best is None or (label == "PER" and best[0] != "PER") or (label == "PER" and best[2]):
                head = t[es:ee].split()[0]
                best = (label, eid, label == "PER" and (head[2:] if head.startswith("ال") else head) in _TITLE_HEADS)
    return best[1] if best else _entity_by_name(t, s, e, ents)  # (a person tagged after a title tagged as one: his)


def _titled_before(t: str, s: int, es: int) -> bool:
    """A person's title opens the speaker before the organisation at ``es`` (وزيرة خارجية الاتحاد الأوروبي)."""
    head = t[s:es].split()[:1]
    return bool(head) and strip_article(head[0]) in _TITLE_HEADS | _HOLDER_TITLES


def _entity_by_name(t: str, s: int, e: int, ents) -> str | None:
    """A speaker no entity overlaps, matched by name with a person named in
    the text: the person's name inside the speaker (الأمير خالد الفيصل ⊃ خالد
    الفيصل) or the speaker's last word the person's last name (وأردف الغانم →
    مرزوق الغانم), when one person only fits."""
    words = t[s:e].split()
    if not words or words[-1] in _UNNAMED or words[-1][2:] in _UNNAMED:
        return None
    index = ents.name_index(t)
    inside = {eid for i, w in enumerate(words) for name, eid in index.person_first.get(w, ())
              if tuple(words[i : i + len(name)]) == name}
    surname = set()
    if not inside and len(words) <= 3:
        surname = set(index.person_last.get(words[-1], ())) | (set(index.person_first_word.get(words[0], ())) if len(words) == 1 else set())
    titled = _titled_before(t, s, e)
    orgs = set() if "باسم" in words else {eid for i, w in enumerate(words) for name, eid in index.org_first.get(w, ())
                                           if tuple(words[i : i + len(name)]) == name
                                           and not (titled and i + len(name) < len(words))}  # (وزيرة خارجية الاتحاد X: hers, not the body's)
    pick = inside or surname or orgs
    return next(iter(pick)) if len(pick) == 1 else None


def _folded_entities(fd, entities: Sequence, after: int = 0) -> _Entities:
    """Entities in folded offsets; those before ``after`` (the byline: its
    reporter never speaks in the article) left out."""
    rows = []
    for e in entities:
        get = e.get if isinstance(e, dict) else (lambda k, e=e: getattr(e, k))
        start = fd.from_orig(get("start"))
        if start >= after:
            rows.append((start, fd.from_orig(get("end")), get("label"), get("entity_id")))
    return _Entities(rows)


_TO_PEERS = (fold_word("لنظير"), fold_word("لهيئة"))  # (لنظيره، لنظيرته، لهيئة الإذاعة: to whom, after the name)


def _to_whom(words: list[str]) -> bool:
    """Whether the first of ``words`` names whom one speaks to (لنظيره، لهيئة، لوكالة، للصحفيين)."""
    g = words[0] if words else ""
    return g[:1] == "ل" and (g in _ADDRESSEE or g in _TO_MEDIA or g.startswith(_TO_PEERS))


_GENERIC = {w[2:] if w.startswith("ال") else w for w in _SUBJECT_HEADS | _ORG_HEADS} | _DOCUMENTS


def is_unnamed_speaker(speaker: str | None) -> bool:
    """A speaker that names nobody in particular: an unnamed source (مصدر
    أمني، مسؤول أميركي كبير، المصدر) or a bare title or body (الوزير،
    الوزارة، البيان). Such a speaker means someone else in each article, so
    it is never pooled across documents (aggregate.speakers_daily)."""
    words = fold(speaker or "").text.split()
    if not words:
        return False
    for head in (words[0], words[0][1:] if words[0][:1] == "و" else ""):  # والمصدر
        stem = head[2:] if head.startswith("ال") else head
        if stem in _UNNAMED or (len(words) == 1 and (stem in _GENERIC or head in _GENERIC)):
            return True
    return False

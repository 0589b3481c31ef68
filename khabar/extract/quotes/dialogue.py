"""Dialogue in a memoir: who speaks each turn when the narrator talks with
someone (فقلت لوحيد فريد: «…». فقال لي: «…»).

A reader of a memoir knows three things the sentence-level rules do not:
the first person is the narrator (سألته، وعدت أسأله، قاطعته: she who
writes, unless a woman named just before is the one who asks); the one she
spoke to answers her (قلت لعز … فقال لي: عز, not the last person who was
a verb's written subject); and a verb with no subject is a person named in
its own paragraph since the last quote (لقد دخل عمر الشريف … وقال لي), else
the last one of its gender to speak (قالت after قال: the woman of the scene).
``_Dialogue.turn`` applies these to each quote of a memoir after the other
rules; outside a memoir it changes nothing.
"""

from __future__ import annotations

import re
from itertools import islice

from khabar.extract.agreement import verb_gender
from khabar.extract.fold import fold_word
from khabar.extract.lexicon import finditer_opening
from khabar.extract.quotes.cues import (
    _KIN, _NAME_NOUNS, _PARTICIPLES, _PLURAL_VERBS, _PREPOSITIONS, _RELATIVES, _VERBS, _WORDS_BACK)
from khabar.extract.quotes.reading import _Reading
from khabar.extract.quotes.records import _Speaker
from khabar.extract.quotes.speakers import _memoir_narrator

# forms that are the narrator's first person in a memoir, and a woman's third
# person elsewhere (سألته: I asked him / she asked him)
_FIRST_OR_SHE = {fold_word(w) for w in "سألت سألته سألتها سألتهم قاطعته قاطعتها بادرته بادرتها ردت تابعت صحت صرخت".split()}
_ASKED_NAMED = fold_word("سألت")  # سألت رزق: the one named after it is asked, never the one who asks
_BACK_TO = {fold_word(w) for w in "عدت وعدت فعدت".split()}  # وعدت أسأله: I asked again
# how the narrator speaks, read as a subject after her verb (وسألته مدفوعة بتلك القوة)
_STATE_WORDS = {fold_word(w) for w in "مدفوعة مدفوعا محاولة محاولا متظاهرة مداعبة مبتسمة مبتسما".split()}
# the people of a scene a memoir names by what they are (وسكت الرجل قليلا ثم قال، ودخل الجارسون … ثم قال لي)
_SCENE_PEOPLE = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(fold_word(w) for w in """الرجل المتكلم المتحدث الجارسون
البواب الصحافي الطارق السائق الخادم المتكلمة المتحدثة الراقصة الخادمة المربية
والدي أبي شقيقي أخي والدتي أمي شقيقتي أختي""".split()))  # (and her kin: لقد عاتبني والدي … فقال لي)
_TO_SELF = {fold_word(w) for w in "لنفسي نفسي".split()}
_PRONOUN_OBJECTS = ("ه", "ها")
_MASCULINE_IN_A = {fold_word(w) for w in "حمزة أسامة طلحة عبيدة معاوية عطية".split()}
_NO_NAMES = {fold_word(w) for w in "أنا أنت انت هو هي نحن مني لي عني علي إلي ما من لا".split()}  # pronouns the tagger took for persons
_I_SAID = re.compile(r"(?<!\w)[وف]?(?:قلت|اجبت|سالته|سالت)(?!\w)")  # (folded)
_DIALOGUE_TURNS = 2  # the narrator's own turns that make a memoir a dialogue
_I_SAID_WORDS = ("قلت", "اجبت", "سالت")  # (each match of _I_SAID opens with one, or و/ف right before it)


def _turns_at_least(t: str, n: int) -> bool:
    """Whether _I_SAID matches ``t`` ``n`` times or more (looked for where its words are)."""
    return next(islice(finditer_opening(_I_SAID, t, _I_SAID_WORDS, back=1), n - 1, None), None) is not None
_GAP = 400  # how far back in its paragraph a verb looks for the person named
_SCENE = 1500  # how far a turn of the dialogue carries to the next
_ASK_REACH = 8  # words before the quote where her own «أسأله» is looked for
_TURN_GAP = 400  # a verb this close after the last quote answers it (a dialogue, not a new scene)


class _Dialogue:
    def __init__(self, r: _Reading):
        self.r = r
        # None: no memoir, or one told without the narrator's dialogue (a book's memoirs quoted in a review)
        self.narrator = _memoir_narrator(r) if _turns_at_least(r.t, _DIALOGUE_TURNS) else None
        self.names = set(fold_word(w) for w in r.t[self.narrator.start : self.narrator.end].split()) if self.narrator else set()
        self.other: _Speaker | None = None  # whom the narrator speaks with
        self.narrator_spoke = False  # the previous quote was her turn
        self.narrator_at = -1  # where she last spoke
        self.by_gender: dict[str, tuple[_Speaker, int]] = {}  # the last to speak with a verb of each gender
        self.known: re.Pattern | bool | None = None  # the names tagged in the text (see _untagged)

    def turn(self, verb_span: tuple[int, int] | None, speaker: _Speaker | None, prev_end: int, mark: int) -> _Speaker | None:
        """The speaker of a quote of a memoir opening at ``mark`` whose verb is
        ``verb_span`` (``speaker``: as the other rules found it)."""
        if self.narrator is None:
            return speaker
        if verb_span is None:
            self._spoke(speaker, None, None)
            return speaker
        vs, ve = verb_span
        if self._is_narrator(speaker) or self._first_person(vs, ve, prev_end) or self._asks_before(ve, mark):
            addressee = self._addressee(vs, ve, prev_end)
            self.other = addressee or self.other
            self.narrator_spoke = True
            self.narrator_at = vs
            return self.narrator._replace(verb_start=vs, verb_end=ve)
        word = self.r.t[vs:ve]
        if _present_first(word):
            self.narrator_spoke = False
            return speaker  # (مما أقوله: her words, not a turn of the dialogue)
        gender = verb_gender(word) or (verb_gender(word[:-1]) if word.endswith("ه") else None)  # (ما قاله لي)
        if self._written(vs) or word in _PLURAL_VERBS or word[1:] in _PLURAL_VERBS:
            self._spoke(speaker, vs, gender)
            return speaker
        named_her = speaker is not None and self._is_named_narrator((speaker.start, speaker.end))
        if not named_her and not self._named_here(speaker, vs, prev_end, gender):
            speaker = self._partner(vs, ve, prev_end, gender) or speaker
        self._spoke(speaker, vs, gender)
        return speaker

    def _named_here(self, sp: _Speaker | None, vs: int, prev_end: int, gender: str | None) -> bool:
        """A speaker the other rules found in the verb's paragraph since the
        last quote: kin (وفهم شقيقي …، وقال لي), or a tagged person named
        after no other there, of the verb's gender; the sentence's own
        subject stays."""
        t = self.r.t
        if sp is None or sp.start < max(prev_end, t.rfind("\n", 0, vs) + 1) or sp.end > vs:
            return False
        if gender and (gender == "f") != self._womans_name(sp.start, sp.end):
            return False  # (تزوجت فاتن حمامة من المخرج عز الدين …، وقالت: not him)
        if fold_word(t[sp.start : sp.end].split()[0]) in _KIN:
            return True
        later = self._named_before(vs, prev_end, None)
        return any(e[2] == "PER" for e in self.r.ents.starting(sp.start, sp.end)) and not (later and later.start > sp.start)

    def _spoke(self, speaker: _Speaker | None, vs: int | None, gender: str | None) -> None:
        self.narrator_spoke = False
        if speaker is None or self._is_narrator(speaker):
            return
        inner = [e for e in self.r.ents.starting(speaker.start + 1, speaker.end) if e[2] == "PER" and e[1] <= speaker.end]
        if inner and fold_word(self.r.t[speaker.start : speaker.end].split()[0]).endswith("ني"):  # (فسألني منير: the name, not the verb glued to it)
            speaker = speaker._replace(start=inner[0][0], end=inner[0][1])
        self.other = speaker
        if gender and vs is not None:
            self.by_gender[gender] = (speaker, vs)

    def _partner(self, vs: int, ve: int, prev_end: int, gender: str | None) -> _Speaker | None:
        """Who says a verb with no written subject: the person named in its
        paragraph since the last quote, the one the narrator just spoke to,
        or the last to speak with a verb of its gender."""
        if gender == "f" and self._narrator_named(vs, prev_end):
            return self.narrator._replace(verb_start=vs, verb_end=ve)  # (تزوجت فاتن حمامة من المخرج عز الدين …، وقالت)
        named = self._named_before(vs, prev_end, gender)
        if named:
            return named._replace(verb_start=vs, verb_end=ve)
        if self.narrator_spoke and self.other and self._gender_fits(self.other, gender):
            return self.other._replace(verb_start=vs, verb_end=ve)
        last = self.by_gender.get(gender) if gender else None
        if last and vs - last[1] <= _SCENE and vs - prev_end <= _TURN_GAP:
            return last[0]._replace(verb_start=vs, verb_end=ve)
        return None

    def _narrator_named(self, vs: int, prev_end: int) -> bool:
        """The narrator named in the verb's paragraph since the last quote
        after anyone else (the writer's own words about her)."""
        t, r = self.r.t, self.r
        lo = max(prev_end, t.rfind("\n", 0, vs) + 1, vs - _GAP)
        own = t[self.narrator.start : self.narrator.end]
        named = [e[:2] for e in r.ents.starting(lo, vs) if e[2] == "PER" and e[1] <= vs]
        named += [(k, k + len(own)) for k in _occurrences(t, own, lo, vs)]  # (the tagger may not tag her there)
        women = sorted(e for e in named if not r.in_speech(e[0]) and (self._is_named_narrator(e) or self._womans_name(*e)))
        return bool(women) and self._is_named_narrator(women[-1])

    def _gender_fits(self, sp: _Speaker, gender: str | None) -> bool:
        known = [g for g, (s, _) in self.by_gender.items() if (s.start, s.end) == (sp.start, sp.end)]
        return not gender or not known or gender in known

    def _written(self, vs: int) -> bool:
        """Whether the verb's written subject names a person (not a phrase the
        reading took for one: مدفوعة بتلك القوة، بعض الملاحظات)."""
        sub = self.r.subjects.get(vs)
        if sub is None:
            return False
        return any(e[2] in ("PER", "ORG") and e[0] < sub.end and e[1] > sub.start
                   for e in self.r.ents.starting(max(0, sub.start - 40), sub.end)) or not self._loose(sub)

    def _loose(self, sub: _Speaker) -> bool:
        """A subject after a first-person verb, or one that opens with a
        participle or a verb (مدفوعة، اسأله، أقرأ): no one."""
        w = fold_word(self.r.t[sub.start : sub.end].split()[0])
        return (w[:1] == "ا" and not w.startswith("ال")) or w in _STATE_WORDS or w in _VERBS

    def _is_narrator(self, sp: _Speaker | None) -> bool:
        return sp is not None and (sp.start, sp.end) == (self.narrator.start, self.narrator.end)

    def _first_person(self, vs: int, ve: int, prev_end: int) -> bool:
        """سألته، قاطعته، ردت، وعدت أسأله in a memoir, or a participle whose
        clause opens so (وقاطعته قائلا، وصحت قائلة): the narrator, unless a
        woman is named in the paragraph since the last quote (فذهلت سامية …
        عندما سألته: she asks)."""
        t = self.r.t
        word = t[vs:ve]
        if word in _PARTICIPLES:
            before = _WORDS_BACK.findall(t, max(0, vs - 30), vs)[-1:]
            first = [w for w in (_clause_opening(t, vs), *before) if w and (_bare(w) in _FIRST_OR_SHE or _present_first(w))]
            first += [w for w in before if len(w) > 3 and w[0] == "ا" and not w.startswith("ال")]  # (ثم أصرخ قائلة)
            return bool(first) and self._named_before(vs, prev_end, "f") is None
        if word in _BACK_TO:
            nxt = _WORDS_BACK.match(t, ve + 1) if ve < len(t) and t[ve] == " " else None
            return bool(nxt) and nxt.group()[:1] == "ا"
        if _bare(word) not in _FIRST_OR_SHE:
            return False
        if _bare(word) != _ASKED_NAMED and self._written(vs):
            return False  # ردت سامية: hers
        return self._named_before(vs, prev_end, "f") is None and not self._woman_speaking(vs)

    def _woman_speaking(self, vs: int) -> bool:
        """A woman spoke with a verb of her own (قالت المتحدثة) since the
        narrator's last turn, in this scene: فردت is hers."""
        last = self.by_gender.get("f")
        return bool(last) and vs - last[1] <= _SCENE and last[1] > self.narrator_at

    def _asks_before(self, ve: int, mark: int) -> bool:
        """Her own verb of saying between the verb found and the quote (أبدي
        بعض الملاحظات، فكان من الطبيعي أن أسأله: «…»): she asks."""
        return any(_present_first(w) for w in _WORDS_BACK.findall(self.r.t, ve, mark)[-_ASK_REACH:])

    def _addressee(self, vs: int, ve: int, prev_end: int) -> _Speaker | None:
        """Whom the narrator speaks to: the person after ل (فقلت للصديق
        العزيز الحاج وحيد فريد، وقلت لعز), or for له / سألته the person named
        in the paragraph before her verb; none: the same one as before."""
        t, r = self.r.t, self.r
        end = min(len(t), ve + 80)
        for stop in (":", "«", '"', "،", "\n"):
            k = t.find(stop, ve, end)
            end = k if k >= 0 else end
        first = _WORDS_BACK.search(t, ve, end)
        if first and first.group() in _TO_SELF:
            return None
        asked = _bare(t[vs:ve]) == _ASKED_NAMED
        if first and (asked or first.group().startswith("ل")) and first.group() not in ("له", "لها", "لي"):
            lo = first.start() if asked else first.start() + 1  # (لعز: the name after ل)
            named = [(e[0], e[1]) for e in r.ents.starting(first.start(), end) if e[2] == "PER"] + self._untagged(lo, end)
            named = [e for e in sorted(named) if not self._is_named_narrator(e)]
            return _Speaker(named[0][0], named[0][1], vs, ve) if named else None
        if (first and first.group() in ("له", "لها")) or t[vs:ve].endswith(_PRONOUN_OBJECTS):
            return self._named_before(vs, prev_end, None, subject=False)  # (اتصلت بأحمد … وقلت له)
        return None

    def _named_before(self, vs: int, prev_end: int, gender: str | None, subject: bool = True) -> _Speaker | None:
        """The last person named in the verb's paragraph since the previous
        quote (within _GAP), tagged there or a name tagged elsewhere in the
        text (كان المتكلم هو زوجي عز), not the narrator, not inside
        parentheses (ونظر إليها عز (وما أرويه مصدره رزق)، وقال: عز) nor
        quoted; with ``gender`` 'f', only a woman's name (سامية، نادية), with
        'm' no woman's name. A ``subject`` is rather one not after a
        preposition, and none such when the narrator has just spoken to
        someone; the one she speaks to (not ``subject``) may be."""
        t, r = self.r.t, self.r
        lo = max(prev_end, t.rfind("\n", 0, vs) + 1, vs - _GAP)
        tagged = [(es, ee) for es, ee, label, _ in r.ents.starting(lo, vs)
                  if label == "PER" and ee <= vs and fold_word(t[es:ee]) not in _NO_NAMES]
        spans = set(tagged + self._untagged(lo, vs) + _described(t, lo, vs))
        # the longest name where spans overlap (راقية إبراهيم, though the tagger took إبراهيم alone)
        # (but not a tagged span with a verb glued on, «وضحك عمر»: the name inside it)
        junk = {a for a in spans if not _name_word(t[a[0] : a[1]].split()[0])
                and any(b != a and a[0] <= b[0] and b[1] <= a[1] for b in spans)}
        spans = [a for a in spans if a not in junk and not any(
            b != a and b not in junk and b[0] <= a[0] and a[1] <= b[1] for b in spans)]
        found = []
        for es, ee in sorted(spans, reverse=True):
            if r.in_speech(es) or self._is_named_narrator((es, ee)) or t.rfind("(", lo, es) > t.rfind(")", lo, es):
                continue
            if gender and (gender == "f") != self._womans_name(es, ee):
                continue
            if any(w in _RELATIVES for w in _WORDS_BACK.findall(t, ee, vs)[-3:]):
                continue  # (فكان الطارق هو البواب الذي رحب بي قائلا: the one the relative is about)
            found.append((self._after_preposition(es) and subject, es, ee))
        if subject and self.narrator_spoke and self.other:
            found = [f for f in found if not f[0]]  # (مشكلة مع عز الدين، فقال لي: the one she spoke to answers)
        best = min(found, key=lambda f: f[0]) if found else None  # (the latest not after a preposition: كان عمر يرتاح إلى راقية إبراهيم)
        return _Speaker(best[1], best[2], vs, vs) if best else None

    def _after_preposition(self, es: int) -> bool:
        """A name after a preposition (مع عز الدين، لعمر), not after إليّ /
        عليّ (to me: استمع إليّ عز الدين, the one who listens)."""
        t, r = self.r.t, self.r
        if t[es : es + 1] in "لب" and t[es + 1 : es + 2] != " " and self._known_name(t[es + 1 : es + 30].split()[0]):
            return True  # (a tagged «لعز»)
        prev = _WORDS_BACK.findall(t[max(0, es - 20) : es])[-1:]
        if prev and r.text[: r.fd.orig(es)].rstrip().endswith("ّ"):
            return False
        return bool(prev) and (prev[0] in _PREPOSITIONS or prev[0][1:] in _PREPOSITIONS and prev[0][0] == "و") or (
            es > 0 and t[es - 1] in "لب")

    def _known_name(self, w: str) -> bool:
        self._untagged(0, 0)
        return bool(self.known) and bool(self.known.fullmatch(w))

    def _untagged(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Where a name tagged elsewhere in the text, or the given name of
        one (عز of عز الدين), stands untagged in [lo, hi)."""
        if self.known is None:
            names = set()
            for es, ee, label, _ in self.r.ents.starting(0, len(self.r.t)):
                words = self.r.t[es:ee].split()
                if label == "PER" and words and _name_word(words[0]):
                    names.update((" ".join(words), words[0]))
            names = sorted((n for n in names if fold_word(n) not in _NO_NAMES), key=len, reverse=True)
            self.known = re.compile(r"(?:%s)(?!\w)" % "|".join(map(re.escape, names))) if names else False
        return [(m.start(), m.end()) for m in self.known.finditer(self.r.t, lo, hi)
                if m.start() == lo or not self.r.t[m.start() - 1].isalnum()] if self.known else []

    def _womans_name(self, es: int, ee: int) -> bool:
        learned = self.r.genders.get(self.r.t[es:ee])
        if learned:
            return learned == "f"
        first = fold_word(self.r.t[es:ee].split()[0])
        before = _WORDS_BACK.findall(self.r.t, max(0, es - 20), es)[-1:]
        if ee - es < 12 and " " not in self.r.t[es:ee] and before and before[0].endswith("يه"):
            return True  # (راقية إبراهيم where the tagger took إبراهيم alone)
        return first.endswith("ه") and first not in _MASCULINE_IN_A

    def _is_named_narrator(self, ent) -> bool:
        return bool(self.names & {fold_word(w) for w in self.r.t[ent[0] : ent[1]].split()})


def _name_word(w: str) -> bool:
    """A word that can open a name: not a word with a conjunction or
    preposition the tagger glued on (وشعرت، لي عز), nor a noun of places and
    bodies (فندق بياريتز)."""
    return len(w) > 1 and w[0] not in "وفلب" and not w.startswith("ال") and w not in _NAME_NOUNS


def _present_first(word: str) -> bool:
    """أقول، أقوله، أسأل: the first person's present."""
    w = word[1:] if word[:1] in "وف" else word
    return w[:1] == "ا" and not w.startswith("ال") and any(
        "ي" + stem in _VERBS for stem in (w[1:], w[1:-1], w[1:-2]) if stem)


def _bare(word: str) -> str:
    return word[1:] if word[:1] in "وف" and word[1:] in _FIRST_OR_SHE else word


def _clause_opening(t: str, vs: int) -> str | None:
    """The first word of the clause a participle ends (وقاطعته قائلا: وقاطعته)."""
    lo = max([max(0, vs - 120)] + [t.rfind(c, max(0, vs - 120), vs) + 1 for c in "،,.:؟!\n"])
    words = _WORDS_BACK.findall(t, lo, vs)
    return words[0] if words else None


def _occurrences(t: str, s: str, lo: int, hi: int) -> list[int]:
    out, k = [], t.find(s, lo, hi)
    while k >= 0:
        out.append(k)
        k = t.find(s, k + 1, hi)
    return out


def _described(t: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SCENE_PEOPLE.finditer(t, lo, hi)]

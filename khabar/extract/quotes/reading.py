"""One text read once for quotes (_Reading): folded text, entities, speech and name pairs, reporting verbs and their written subjects (in every form: after أن, كان X قد قال, لكن X قال …; each read when a rule first asks for it), speech after a colon."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Sequence

from khabar.extract.agreement import disagree, is_given_name, learned_genders, speaker_gender, verb_gender
from khabar.extract.fold import Mapped, fold, fold_word
from khabar.extract.lexicon import B, E, OSP, SP, alternation, finditer_before, finditer_opening
from khabar.ner.features import strip_article
from khabar.extract.quotes.cues import (
    _ADDRESSEE, _CARRY, _COMPLEMENTISERS, _HOLDER_TITLES, _HONOURED_BY, _LAST_PREVERBAL_BREAK, _MARKS, _MAX_ENTITY,
    _NAME_NOUNS, _NAQL_VERBS, _OBJECT_VERBS, _describes, _ORDINALS, _ORG_HEADS, _PARTICIPLES, _PLURAL_VERBS, _POSSESSIVE,
    _PREPOSITIONS, _PRONOUNS, _QUOTE_INTRO, _RELATIVES, _SENT_END, _SPEAKER_PREPOSITIONS, _STOPS, _SUBJECT_HEADS,
    _TITLE_HEADS, _UNNAMED, _VERBS, _WAW_NAMES, _WORD, _WORDS_BACK, _is_verb,
)
from khabar.extract.quotes.ids import _folded_entities
from khabar.extract.quotes.marks import _capped, _cut, _mask_abbreviations, _pairs, _words_before
from khabar.extract.quotes.records import _Speaker, _Speech
from khabar.extract.quotes.speech import _enumerates, _long_list, _speech_and_names, _strip_spaces, _writer_says
from khabar.extract.quotes.subjects import (
    _antecedent, _naql_named, _nobody_speaks, _object_like, _own_feeling, _plain_word, _plural_noun,
    _VAN, _preverbal_subject, _quoted_opener, _speech_follows, _subject,
)
from khabar.extract.quotes.unmarked import _COLON_AFTER_VERB, _NAME_COLON, _NAME_COLON_REACH, _SAID_COLON, _byline_end, _speech_from

_NOUNLIKE = {fold_word(w) for w in "طلب نقل رد وعد ذكر كشف حث نسب ختم يتابع تتابع وصف زاد يواصل سجل سجلت أورد أوردت أوردته توقع".split()}  # (سجل: a record; سجلت خسائر: recorded losses; بحسب ما أورد: a source)  # (يتابع: also watches)
_AFTER_ADVERB = [[w] for w in "فيما ثم كما بينما حين عندما وقد قد لقد فقد جهته جانبه جهتها جانبها بدوره بدورها".split()]
# (only after و/ف: "بيان نقلته وكالة" is a relative clause, not the attribution)
# ... and after ما with its object pronoun: (م)ما قاله الوزير
_VERB_RE = re.compile(rf"{B}(?:(?P<c>[وف])(?P<cv>{alternation(_VERBS)})(?:ه|ها|هم)?"
                      rf"|(?<=ما )(?P<mv>{alternation(_VERBS)})(?:ه|ها|هم)|(?P<v>{alternation(_VERBS)})){E}")

_NAQL_AN = re.compile(rf"(?<!\w)(?:عن|الي){SP}(?P<s>[^.\n«»\"“”:،]{{2,80}}?){SP}(?:{alternation(_QUOTE_INTRO)}){E}")

_NAQL_COMMA = re.compile(rf"(?<!\w)عن{SP}(?P<s>[^.\n«»\"“”:،]{{2,60}}?){OSP}،[^.\n«»\"“”:]{{0,120}}?"
                         rf"(?:{alternation(_QUOTE_INTRO)}|ان|انه|انها|بان|بانه|بانها)(?!\w)")

# one's own words with a possessive pronoun (مقاله، كلمتها، تصريحاته، يروي حكايته): the object of the verb, never its subject
_OWN_WORDS = re.compile(r"(?:مقال|كلمت|حديث|تصريح|تصريحات|رسالت|خطاب|تغريدت|تغريدات|بيان|جواب|اجابت|رد|تعليق|كتاب"
                        r"|مداخلت|قصيدت|كلمات|حوار|حكايت|قصت|روايت|تجربت)(?:ه|ها|هم)(?!\w)"
                        r"|(?:كلاما|حديثا|تصريحا|قولا)(?!\w)")  # (وقالت للصحافيين كلاما جديدا: an object, indefinite too)
_NAQL_FROM_HIM = re.compile(r"\s{1,3}عن(?:ه|ها|هم|هما)(?!\w)")
_KANA = re.compile(rf"(?<!\w)[وف]?كان(?:ت)?{SP}(?P<s>[^.\n«»\"“”:،]{{2,80}}?){SP}قد{SP}$")
# كان X يقول (a habit, no قد): the subject between; a رحمه الله after a name is not part of it
_KANA_PRESENT = re.compile(rf"(?<!\w)[وف]?كان(?:ت)?{SP}(?P<s>[^.\n«»\"“”:،]{{2,60}}?)"
                           rf"(?:{SP}(?:رحمه|رحمها|يرحمه|يرحمها){SP}الله)?{SP}$")

_BI_NEXT = re.compile(r"\s{1,3}(?:بانه|بانها|بانهم|بان|ب)(?!\w)|\s{1,3}ب\w")

_PRONOUN_SUFFIXES = ("ه", "ها", "هم", "ني", "نا")  # (أنه، إنها، بأنهم، أنني، إننا)

_STATE_PRONOUNS = {fold_word(w) for w in "وهو وهي وهم وهما".split()}

_APPOSITION_GAP = re.compile(r"[^.!?؟\n:()]{0,80}")


def _person_antecedent(r: "_Reading", rel: int) -> tuple[int, int] | None:
    """The person a relative pronoun at ``rel`` refers to across an
    apposition in marks that _antecedent cannot rebuild (إيد بيرستيل، مدير
    محلات «ليبرتي» بلندن، الذي علق عليها بقوله): the last person tagged
    within 80 characters before it, with no verb or sentence end between."""
    per = next((e for e in reversed(r.ents.starting(max(0, rel - 80 - _MAX_ENTITY), rel)) if e[2] == "PER" and e[1] <= rel), None)
    if per is None or any(q.start <= per[0] < q.end for q in r.speech) or not _APPOSITION_GAP.fullmatch(r.t, per[1], rel):
        return None
    gap = r.t[per[1] : rel].strip()
    if gap and not (gap[0] in "،," and gap[-1] in "،,"):
        return None  # (صوت هيغل الذي: a person further back is not what the relative refers to)
    if any(_is_verb(w) for w in _WORDS_BACK.findall(gap)):
        return None
    rel_word = _WORDS_BACK.search(r.t, rel, rel + 8)
    wanted = {"الذي": "m", "التي": "f"}.get(rel_word.group() if rel_word else "")
    before = _WORDS_BACK.findall(r.t[max(0, per[0] - 20) : per[0]])[-1:]
    got = speaker_gender(before + r.t[per[0] : per[1]].split()) if before and speaker_gender(before) else (
        speaker_gender(r.t[per[0] : per[1]].split()))  # (الوزيرة X; أصائل سعود الحربي التي: the tagged part is his)
    if wanted and got and got != wanted:
        return None  # التي after a man: she is someone else
    return per[0], per[1]


class _SpokenSubjects:
    """Written subjects of speech verbs in text order: a speech verb without
    one (وأضاف:) takes the last one before it. The reading's own verbs pass
    theirs on as they are read (``_Reading.passed_on``, looked up only as far
    back as a question needs); others are added. In a tie of positions the
    added ones come first, the latest added first, and the verb's own last:
    the order the list had when every verb was read before anything was added."""

    def __init__(self, reading: "_Reading"):
        self.r = reading
        self.added: list[_Speaker] = []
        self.added_starts: list[int] = []
        # the reading's own passed-on subjects, read once in verb order as far as ``upto`` has asked
        self.own: list[_Speaker] = []
        self.own_starts: list[int] = []
        self.own_read = 0

    def add(self, speaker: _Speaker) -> None:
        k = bisect_left(self.added_starts, speaker.verb_start)
        self.added.insert(k, speaker)
        self.added_starts.insert(k, speaker.verb_start)

    def before(self, pos: int) -> _Speaker | None:
        """The last one before ``pos``, if it spoke within _CARRY characters:
        a speaker is not carried across half an article."""
        k = bisect_left(self.added_starts, pos)
        added = self.added[k - 1] if k else None
        floor = max(added.verb_start if added else -1, pos - _CARRY)
        j = bisect_left(self.r.verb_starts, pos) - 1
        while j >= 0 and self.r.verb_starts[j] >= floor:  # (a verb before the added one, or out of reach, loses)
            own = self.r.passed_on(j)
            if own:
                return own
            j -= 1
        return added if added and pos - added.verb_start <= _CARRY else None

    def _own_before(self, pos: int) -> int:
        """How many of the reading's own verbs before ``pos`` pass a subject on (each verb read once per text)."""
        for j in range(self.own_read, bisect_left(self.r.verb_starts, pos)):
            if sp := self.r.passed_on(j):
                self.own.append(sp)
                self.own_starts.append(self.r.verb_starts[j])
            self.own_read = j + 1
        return bisect_left(self.own_starts, pos)

    def upto(self, pos: int, most: int) -> list[_Speaker]:
        """All of them before ``pos``, in text order; none when there are more than ``most``
        (counted first, so a text of many speakers costs a count per question, not a list)."""
        k = bisect_left(self.added_starts, pos)
        n = self._own_before(pos)
        if k + n > most:
            return []
        added, own = self.added[:k], self.own[:n]
        if not own:
            return added
        return [sp for _, _, sp in sorted([(sp.verb_start, 0, sp) for sp in added] + [(sp.verb_start, 1, sp) for sp in own],
                                          key=lambda x: x[:2])]


class _VerbSubjects:
    """Verb start -> its written subject (a dict's get, in, values), each
    read when first asked for: most verbs of most texts never are."""

    def __init__(self, reading: "_Reading"):
        self.r = reading

    def get(self, vs: int, default=None) -> _Speaker | None:
        k = self.r.verb_index.get(vs)
        sp = self.r.subject_of(k) if k is not None else None
        return default if sp is None else sp

    def __contains__(self, vs: int) -> bool:
        return self.get(vs) is not None

    def values(self) -> list[_Speaker]:
        return [sp for k in range(len(self.r.verbs)) if (sp := self.r.subject_of(k))]


class _LearnedGenders:
    """learned_genders over the verbs' subjects written right after them
    (0 < subject start - verb end <= 2), a dict's get: a phrase's gender
    counts only the verbs that phrase follows, so only the verbs the phrase
    is written right after are read, and none when fewer than two of them
    have a gender (two votes are the least that teach one)."""

    def __init__(self, reading: "_Reading"):
        self.r = reading
        self.learned: dict[str, str | None] = {}

    def get(self, phrase: str, default=None) -> str | None:
        if phrase not in self.learned:
            self.learned[phrase] = self._learn(phrase)
        g = self.learned[phrase]
        return default if g is None else g

    def _learn(self, phrase: str) -> str | None:
        r, t = self.r, self.r.t
        near = [k for k, (vs, ve) in enumerate(r.verbs) if (t.startswith(phrase, ve + 1) or t.startswith(phrase, ve + 2))
                and verb_gender(t[vs:ve])]
        if len(near) < 2:
            return None
        said = [(t[s.verb_start : s.verb_end], t[s.start : s.end]) for k in near if (s := r.subject_of(k))
                and 0 < s.start - s.verb_end <= 2 and t[s.start : s.end] == phrase]
        return learned_genders(said).get(phrase)


_CONSIDERED = {fold_word(w) for w in "يعتبر تعتبر يعد تعد".split()}


def _considered_after_relative(t: str, verb: tuple[int, int]) -> bool:
    """القطاع الذي يعتبر الأكثر غرابة: «which is considered», no one speaks."""
    vs, ve = verb
    if t[vs:ve] not in _CONSIDERED:
        return False
    prev = _WORDS_BACK.findall(t[max(0, vs - 12) : vs])
    return bool(prev) and prev[-1] in _RELATIVES


# «دون أن يذكر X»: a verb of saying negated by «without» reports nothing,
# and X, its subject or object, is no speaker (وكتب دون أن يذكر إردوغان «…»)
_WITHOUT_WORD = re.compile(r"(?:من\s{1,3})?ب?دون\s{1,3}(?:ان|أن)(?!\w)")
_WITHOUT_SAYING = re.compile(r"(?<!\w)(?:من\s{1,3})?ب?دون\s{1,3}(?:ان|أن)\s{1,3}$")


class _Reading:
    """One text read for quotes: its folded form, entities, speech and name
    pairs, and reporting verbs with their written subjects."""

    def __init__(self, text: str, entities: Sequence, fd: Mapped | None = None):
        self.text = text
        self.fd = fd or fold(text)  # (``fd``: the text folded already)
        self.t = _mask_abbreviations(self.fd.text)
        self.ents = _folded_entities(self.fd, entities, _byline_end(self.t))
        pairs = _capped(self.t, _pairs(self.t))
        self.speech, self.names = _speech_and_names(self.t, pairs, self.ents)
        self.name_marks = set(self.names) | set(self.names.values())
        self.verbs = [v for v in _reporting_verbs(self.t, pairs) if not self._teh_marbuta_noun(v)
                      and not _considered_after_relative(self.t, v) and not _WITHOUT_SAYING.search(self.t, max(0, v[0] - 12), v[0])]
        self.verb_starts = [v[0] for v in self.verbs]
        colon = _colon_speech(self, pairs)
        if colon:
            self.speech = sorted(self.speech + colon)
        self.verb_index = {vs: k for k, vs in enumerate(self.verb_starts)}  # (one verb a start: the matches do not overlap)
        self._speech_opens = [q.mark for q in self.speech]
        self._read: list[tuple[_Speaker | None, bool] | None] = [None] * len(self.verbs)  # verb k's subject, passed on
        self.subjects = _VerbSubjects(self)
        self.spoken = _SpokenSubjects(self)
        self._genders: "_LearnedGenders | None" = None
        _add_sources(self)
        self.memoir_author: _Speaker | None | bool = False  # not looked for yet (see _narrator)
        self._speech_starts: list[int] | None = None
        self.name_starts: list[tuple[int, int]] | None = None  # the name pairs sorted, when needed
        self.topic: tuple[int, dict, dict] | None = None  # persons tallied up to a position (see _topic_person)

    def _teh_marbuta_noun(self, verb: tuple[int, int]) -> bool:
        """وإضافة (and adding), folded like وأضافه (he added it): the ة says it is a noun."""
        vs, ve = verb
        if ve >= len(self.t) or self.t[ve - 1] != "ه" or self.t[vs - 1 : vs] not in ("و", "ف"):
            return False
        return self.text[self.fd.orig(ve - 1)] == "ة"

    def _read_verb(self, k: int) -> tuple[_Speaker | None, bool]:
        if self._read[k] is None:
            self._read[k] = _verb_subject(self, *self.verbs[k], self._speech_opens)
        return self._read[k]

    def subject_of(self, k: int) -> _Speaker | None:
        """Verb ``k``'s written subject."""
        return self._read_verb(k)[0]

    def passed_on(self, k: int) -> _Speaker | None:
        """Verb ``k``'s written subject when it is speech the subject passes on to a later verb."""
        sp, passes = self._read_verb(k)
        return sp if passes else None

    def last_subject(self, pos: int, after_start: int, min_end: int) -> _Speaker | None:
        """The written subject of the last verb before ``pos`` that has one,
        when that verb starts after ``after_start`` and ends at ``min_end`` or
        later; the verbs are read back from ``pos`` only that far."""
        j = bisect_left(self.verb_starts, pos) - 1
        while j >= 0 and self.verbs[j][0] > after_start and self.verbs[j][1] >= min_end:
            sp = self.subject_of(j)
            if sp:
                return sp
            j -= 1
        return None

    @property
    def genders(self) -> "_LearnedGenders":
        """Speaker phrase -> gender, learned from the verbs right before it (learned_genders)."""
        if self._genders is None:
            self._genders = _LearnedGenders(self)
        return self._genders

    def subject(self, pos: int) -> tuple[int, int] | None:
        """The subject phrase after a verb or sourcing word ending at ``pos``."""
        return _subject(self.t, pos, self.ents, self.text, self.fd, self.names)

    def in_speech(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a quote (a person named there is spoken of, not speaking)."""
        if self._speech_starts is None:
            self._speech_starts = [q.start for q in self.speech]
        k = bisect_right(self._speech_starts, pos) - 1
        return k >= 0 and pos < self.speech[k].end

    def names_person(self, start: int, end: int) -> bool:
        """Whether a tagged person overlaps ``start``-``end`` (a speaker span that names someone)."""
        return any(e[2] == "PER" and e[0] < end and e[1] > start for e in self.ents.starting(start - _MAX_ENTITY, end))

    def subject_list(self, pos: int) -> list[_Speaker]:
        """Written subjects of the verbs before ``pos``, in text order."""
        return [sp for k in range(bisect_left(self.verb_starts, pos)) if (sp := self.subject_of(k))]


def _colon_speech(r: "_Reading", pairs) -> list[_Speech]:
    """Speech after a colon without quotation marks: `وقال : تشرفت اليوم …`
    (a reporting verb before the colon) and `الزياني : ناقشنا …` (a person,
    as tagged, opening the paragraph); it runs to the end of the paragraph,
    up to a sentence that opens with a reporting verb or a quote mark."""
    t = r.t
    marks = sorted(p[0] for p in pairs)
    spans = sorted((p[0], p[1]) for p in pairs)
    opens = [s for s, _ in spans]

    def in_quote(pos: int) -> bool:  # (a colon inside a quote: the outer quote holds what follows)
        k = bisect_right(opens, pos) - 1
        return k >= 0 and pos < spans[k][1]

    out = []
    for vs, ve in r.verbs:
        m = _COLON_AFTER_VERB.match(t, ve) if not _writer_says(t[vs:ve]) else None
        if m and in_quote(m.end()):
            continue
        if m and (not out or out[-1].raw_end <= m.end()):  # (أقول: a column's own words, no one's quote)
            colon = t.rfind(":", ve, m.end())
            q = _speech_from(t, colon, m.end(), marks, r.verb_starts)
            if q and _enumerates(_words_before(t, colon), t[q.start : q.end]):
                continue  # يضم أقساما منها: شروط …: a list, not what the verb reports
            if q and _SAID_COLON.match(t, q.start):
                continue  # بيانا جاء فيه: قال الله تعالى: ((…)): the inner verb's colon opens the words
            if q and _long_list(t[q.start : q.end]):
                continue  # (كما تم مع دول: الصومال، والنيجر، ومالي …: names, not what was said)
            if q and _deems(t[vs:ve]):
                continue  # (الرسام قد يرسم ما يعتبره جميلاً: عمود من لون أسود …: what he deems so, not his words)
            if q:
                out.append(q)
    if r.ents:
        starts = [o.start for o in out]  # in text order, not overlapping

        def inside_verb_speech(pos: int) -> bool:
            k = bisect_right(starts, pos) - 1
            return k >= 0 and pos < out[k].raw_end

        for m in finditer_before(_NAME_COLON, t, ":", _NAME_COLON_REACH, 5):
            if m.group("n").split()[0] in _ORDINALS:
                continue  # الأول: العلاقات …: an item of a list, whatever the tagger says
            per = [e for e in r.ents.starting(m.start("n"), m.end("n")) if e[2] == "PER" and e[1] == m.end("n")]
            q = per and not inside_verb_speech(m.end()) and not in_quote(m.end()) and _speech_from(
                t, t.index(":", m.end("n")), m.end(), marks, r.verb_starts)
            if q and _names_again(t, m.group("n"), q):
                continue  # (نواف بن محمد: كشف عضو الشرف … الأمير نواف بن محمد أن …: a report about him, a byline)
            if q:
                out.append(q._replace(speaker=_Speaker(m.start("n"), m.end("n"), m.start("n"), m.start("n"))))
    return out


def _deems(verb: str) -> bool:
    """اعتبر/وصف with an object pronoun (يعتبره، وصفها): its colon opens what it is deemed, not speech."""
    stem = re.sub(r"(?:ه|ها|هم)$", "", verb)
    return stem != verb and _describes(stem)


def _names_again(t: str, name: str, q: _Speech) -> bool:
    """Speech after «X:» that names X in the third person: the writer's report about X."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", t[q.start : q.end]) is not None


_THAT = "(?:ان|انه|انها|انهم|بان|بانه|بانها)(?!\\w)"  # أن and its forms, folded: what a verb of saying opens
_COMPLEMENTISER_NEXT = re.compile(rf"[ \t]{{1,3}}{_THAT}")  # (وكان مسؤول ذكر أن: a verb)


def _reporting_verbs(t: str, pairs) -> list[tuple[int, int]]:
    """Spans of reporting verbs outside quotes (a verb inside a quote is not
    the attribution); one spelled like a frequent noun only after و/ف or an
    adverb (فيما طلب)."""
    pair_starts = [p[0] for p in pairs]

    def in_pair(i: int) -> bool:
        k = bisect_right(pair_starts, i) - 1
        return k >= 0 and i < pairs[k][2]

    def after_adverb(i: int) -> bool:
        before = t[max(0, i - 12) : i]
        return _WORDS_BACK.findall(before)[-1:] in _AFTER_ADVERB or not before.strip() or before.rstrip()[-1] in ".!?؟\n:"

    def title_next(end: int) -> bool:  # (…، كشف اللواء X: the verb, its subject's title after it)
        w = _WORD.match(t, end)
        return w is not None and strip_article(w.group("w")) in _TITLE_HEADS

    verbs = [(m.start("cv") if m.group("c") else m.start(), m.end()) for m in _VERB_RE.finditer(t)
             if not in_pair(m.start())
             and (m.group("c") or m.group("v") not in _NOUNLIKE or after_adverb(m.start())
                  or _COMPLEMENTISER_NEXT.match(t, m.end()) or title_next(m.end()))]
    bayyana = [(m.start("v"), m.end("v")) for m in finditer_before(_BAYYANA_COLON, t, ":", _BAYYANA_REACH, 1) if not in_pair(m.start())]
    return sorted(verbs + bayyana) if bayyana else verbs


# وبيّن: (and he explained:), folded like بين (between), which REPORTING_VERBS leaves out: a verb only before a colon
_BAYYANA_COLON = re.compile(r"(?<!\w)[وف](?P<v>بين)[ \t]{0,3}:")
_BAYYANA_REACH = 7  # (its colon is at most 7 characters after its start)


_URGING = {fold_word(w) for w in "دعا دعت حث حثت ناشد ناشدت طالب طالبت".split()}


def _urged(r: _Reading, vs: int, ve: int, subj: tuple[int, int]) -> bool:
    """The subject read after a verb of urging is its object when it is a
    noun with a possessive (ودعا أنصاره، حث لاعبيه، ناشد أبناءه)."""
    if r.t[vs:ve] not in _URGING:
        return False
    head = r.t[subj[0] : subj[1]].split()[0]
    orig = r.text[r.fd.orig(subj[0]) : r.fd.orig(subj[0] + len(head))]
    return bool(_POSSESSIVE.search(head)) and not head.startswith("ال") and not orig.endswith("ة") \
        and head not in _HONOURED_BY and "الله" not in head and not is_given_name(head) and not _entity_at(r, subj[0])


def _entity_at(r: _Reading, pos: int) -> bool:
    return any(e[0] <= pos < e[1] for e in r.ents.starting(pos - _MAX_ENTITY, pos + 1))


_AS_SAID = [[fold_word(w)] for w in "كما وكما حسبما".split()]


def _verb_subject(r: _Reading, vs: int, ve: int, speech_opens: list[int]) -> tuple[_Speaker | None, bool]:
    """The verb's written subject, and whether it passes it on to a later verb."""
    subj = _written_subject(r, vs, ve)
    if subj and _WITHOUT_WORD.match(r.t, subj[0]):
        subj = None  # (وكتب دون أن يذكر X «…»: no subject written; the writer named before)
    if subj and _urged(r, vs, ve, subj):
        subj = None  # (ودعا إخوانه من … بقوله: «…»: those urged, the object; the subject was named before)
    if not subj:
        return None, False
    # only speech (a complementiser, colon or quote follows in the
    # sentence) passes its speaker on: "كشفت الحملات المتسببين" does not
    if _considered_as(r.t, vs, ve, subj):
        return _Speaker(subj[0], subj[1], vs, ve), False  # (أن الشهر يعتبر فترة إغلاق: «is considered», no one speaks)
    passes = _speech_follows(r.t, subj[1], speech_opens) or _WORDS_BACK.findall(r.t[max(0, vs - 8) : vs])[-1:] in _AS_SAID
    return _Speaker(subj[0], subj[1], vs, ve), passes  # (… ، كما قال مسؤول الجمعة: an attribution of what precedes)


_SAID_NEXT = re.compile(rf"[ \t]{{0,3}}(?:[:«\"“]|{_THAT})")


def _considered_as(t: str, vs: int, ve: int, subj: tuple[int, int]) -> bool:
    """يعتبر/يعد X Y with neither a complementiser, colon nor quote right
    after X: «X is considered Y», whose X says nothing (يعتبر فترة إغلاق)."""
    verb = t[vs:ve]
    return (verb[1:] if verb[:1] in "وف" else verb) in _CONSIDERED and not _SAID_NEXT.match(t, subj[1])


# a source named without a quote of its own (… على حد قول برونهولتز. وأضاف قائلا: «…»): a later
# subjectless verb goes on with it
_SOURCE_IN_TEXT = re.compile(r"(?<!\w)(?P<v>علي\s{1,3}حد\s{1,3}(?:قول|تعبير)|بحسب\s{1,3}ما\s{1,3}(?:قال|ذكر|اوضح|افاد)"
                             r"|(?:وفقا|طبقا)\s{1,3}ل(?=ل))(?=[\sل])")
_SOURCE_OPENERS = ("علي", "بحسب", "وفقا", "طبقا")  # (the words each of its matches opens with)


def _add_sources(r: "_Reading") -> None:
    """Sources named by a sourcing phrase become speech subjects: the speaker a later verb continues."""
    for m in finditer_opening(_SOURCE_IN_TEXT, r.t, _SOURCE_OPENERS):
        subj = _past_article_lam(r, m.end()) if r.t[m.end() - 1 : m.end() + 1] == "لل" else r.subject(m.end())
        if subj:
            r.spoken.add(_Speaker(subj[0], subj[1], m.start("v"), m.end("v")))


def _kana_present(before: str) -> re.Match | None:
    """كان X يقول: only a short X that opens like a subject (الأمير نايف),
    not كان من بين الجمل … عبارة تقول."""
    m = _KANA_PRESENT.search(before)
    words = m.group("s").split() if m else []
    if not 1 <= len(words) <= 4 or not (words[0].startswith("ال") or words[0] in _SUBJECT_HEADS):
        return None
    return None if any(w in _STOPS or w in _PREPOSITIONS or _is_verb(w) for w in words) else m


def _subject_after_an(r: _Reading, vs: int) -> tuple[int, int] | None:
    """أن + a tagged person or body + the verb (نقل المرصد أن تنظيم داعش أبلغ
    أصحاب المقاهي، وأكد أن الرئيس أوباما قال): the name is the verb's
    subject; what follows the verb is its object."""
    ent = next((e for e in reversed(r.ents.starting(max(0, vs - _MAX_ENTITY), vs))
                if e[2] in ("PER", "ORG") and r.t[e[1] : vs] == " "), None)
    if ent is None:
        return _title_after_an(r, vs) or _apposed_after_an(r, vs)
    words = _WORDS_BACK.findall(r.t[max(0, ent[0] - 30) : ent[0]])[-2:]
    if words[-1:] and words[-1] in _NAME_NOUNS | _TITLE_HEADS | {"ال" + w for w in _TITLE_HEADS}:
        words = words[:-1]  # (أن تنظيم | داعش، أن الرئيس | أوباما)
        start = r.t.rfind(" ", 0, ent[0] - 1) + 1
    else:
        start = ent[0]
    return (start, ent[1]) if words[-1:] and words[-1] in ("ان", "بان", "وان") else None


# أن + a title + «، NAME،» + the verb: the name set off by commas is the verb's subject
_APPOSED_AFTER_AN = re.compile(r"(?<!\w)[وب]?ان[ \t]{1,3}(?P<title>[^\W\d]{2,20}(?:[ \t]{1,3}[^\W\d]{2,20}){0,6})[ \t]{0,2}[،,][ \t]{1,2}$")


def _apposed_after_an(r: _Reading, vs: int) -> tuple[int, int] | None:
    """أن + a title + a tagged person between commas + the verb (إلا أن رئيس
    لجنة الأمن الداخلي، مايكل ماكول، قال إن «…»): the person, when the title
    opens with a title word and holds no verb or stop."""
    per = next((e for e in reversed(r.ents.starting(max(0, vs - _MAX_ENTITY), vs))
                if e[2] == "PER" and _COMMA_THEN.fullmatch(r.t, e[1], vs)), None)
    if per is None:
        return None
    m = _APPOSED_AFTER_AN.search(r.t, max(0, per[0] - 120), per[0])
    if m is None:
        return None
    words = m.group("title").split()
    if strip_article(words[0]) not in _TITLE_HEADS or any(_is_verb(w) or (w in _STOPS and w not in _WORKS_IN) for w in words[1:]):
        return None
    return per[0], per[1]


_WORKS_IN = {"في", "من"}  # (رئيس لجنة الأمن في مجلس النواب: where the title holder serves)


_TITLE_AFTER_AN = re.compile(r"(?<!\w)[وب]?ان[ \t]{1,3}(?P<s>(?:(?:سمو|معالي|فضيله|سعاده)[ \t]{1,3})?[^\W\d]{2,20}(?:[ \t]{1,3}[^\W\d]{2,20}){0,5})[ \t]{1,3}$")
_HONOURED_TITLE = re.compile(r"(?:سمو|معالي|فضيله|سعاده)[ \t]{1,3}")


def _title_after_an(r: _Reading, vs: int) -> tuple[int, int] | None:
    """أن + a title phrase the tagger left untagged + the verb (وأفاد البيان
    أن سمو أمير منطقة القصيم قال): the title phrase, when no verb, place
    word or preposition is in it."""
    m = _TITLE_AFTER_AN.search(r.t, max(0, vs - 120), vs)
    if m is None:
        return None
    head = r.t[m.start("s") : m.end("s")]
    honour = _HONOURED_TITLE.match(head)
    words = head[honour.end() if honour else 0 :].split()
    w0 = words[0][2:] if words[0].startswith("ال") else words[0]
    if not (w0 in _TITLE_HEADS or w0 in _HOLDER_TITLES or words[0] in _ORG_HEADS):
        return None
    if any(_is_verb(w) or w in _SPEAKER_PREPOSITIONS or w in _STOPS for w in words[1:]):
        return None
    return m.start("s"), m.end("s")


def _kana_past(r: _Reading, before: str, vs: int) -> re.Match | None:
    """كانت X قالت (a past verb, no قد): a short X opening like a subject or
    a body or person tagged there (وكانت مصلحة الجمارك العامة قالت في بيان)."""
    m = _KANA_PRESENT.search(before)
    words = m.group("s").split() if m else []
    if not 1 <= len(words) <= 5 or any(w in _STOPS or w in _PREPOSITIONS or _is_verb(w) for w in words):
        return None
    start = vs - len(before) + m.start("s")
    tagged = any(e[2] in ("PER", "ORG") for e in r.ents.starting(start, start + 1))
    named = len(words) == 1 and _surname_of_given(r.t, words[0], start)
    return m if tagged or named or words[0].startswith("ال") or words[0] in _SUBJECT_HEADS else None


def _surname_of_given(t: str, w: str, before: int) -> bool:
    """Whether ``w`` follows a given name earlier in the text (وكان خامنئي قال
    after «آية الله علي خامنئي», which the tagger left untagged): a person's surname."""
    return any(is_given_name(g) for g in re.findall(rf"([^\W\d]{{2,15}}) {re.escape(w)}(?!\w)", t[:before]))


_RESUMPTIVE = re.compile(r"\s{1,3}(?:عنه|عنها|فيه|فيها)(?!\w)")


def _resumed_subject(r: _Reading, ve: int) -> tuple[int, int] | None:
    """After الذي + verb + a pronoun taking up the relative (قال عنه، كتبت
    فيها), a tagged person or body written next is the verb's subject."""
    m = _RESUMPTIVE.match(r.t, ve)
    if not m:
        return None
    subj = r.subject(m.end())
    if subj and any(e[2] in ("PER", "ORG") and e[0] == subj[0] for e in r.ents.starting(subj[0], subj[0] + 1)):
        return subj
    return None


# a relative pronoun, then an aside set off by commas, then the verb (X، زعيم الحزب، الذي، رغم أنه في المعارضة، قال)
_RELATIVE_ASIDE = re.compile(r"(?<!\w)(?:الذي|التي)[ \t]{0,2}[،,][^،,.!?؟\n«»\"“”:]{3,60}[،,][ \t]{0,2}$")


def _written_after_relative(r: _Reading, ve: int) -> tuple[int, int] | None:
    """The subject after a verb whose relative pronoun is its object (التي صرح
    رئيس الوزراء X): kept only when it holds a tagged person."""
    subj = r.subject(ve)
    if subj and r.names_person(*subj):
        return subj
    return None


def _amma_named(r: _Reading, vs: int) -> tuple[int, int] | None:
    """أما القارئ «النسيم» فعلق: a name in marks inside the subject after أما,
    read with its marks blanked (the marks break the subject otherwise), when
    no person is tagged there."""
    if r.t[vs - 1] != "ف":
        return None
    lo = max(0, vs - 160)
    if any(e[2] == "PER" for e in r.ents.starting(lo, vs)):
        return None  # (أما محمد برعي «مقيم» فقال: the tagged name; the word in marks says what he is)
    unmarked = _names_unmarked(r, lo, vs)
    subj = _preverbal_subject(r.t[:lo] + unmarked + r.t[vs:], vs) if unmarked != r.t[lo:vs] else None
    if subj and subj[1] in r.name_marks:
        return subj[0], subj[1] + 1  # (the name's closing mark goes with its opening one)
    return subj


def _names_unmarked(r: _Reading, lo: int, hi: int) -> str:
    """The text from ``lo`` to ``hi`` with the marks around names blanked, so
    that a name in marks reads as a word of the subject (وكانت حركة «الشباب»
    المتطرفة قد أعلنت): same length, same offsets."""
    text = r.t[lo:hi]
    if not _MARKS.search(text):
        return text
    return "".join(" " if lo + i in r.name_marks else ch for i, ch in enumerate(text))


def _written_subject(r: _Reading, vs: int, ve: int) -> tuple[int, int] | None:
    """The subject written with the verb at ``vs``-``ve``; none for a
    participle (مضيفاً), whose speaker is an earlier verb's."""
    t = r.t
    if t[vs:ve] in _PARTICIPLES or _nobody_speaks(t, vs, ve):
        return None
    prev_words = _WORDS_BACK.findall(t[max(0, vs - 30) : vs])
    if prev_words and prev_words[-1] in _STATE_PRONOUNS:
        return None  # ويضيف وهو يشرح السبب: «and he explaining» — the pronoun is the subject, السبب the object
    if prev_words and prev_words[-1] in _COMPLEMENTISERS and prev_words[-1].endswith(_PRONOUN_SUFFIXES):
        return None  # وقال إنه يرى أسامة هوساوي أفضل اللاعبين: إنه's pronoun is the subject, the name the object
    aside = _RELATIVE_ASIDE.search(t, max(0, vs - 90), vs)
    if (prev_words and prev_words[-1] in _RELATIVES) or aside:
        rel = aside.start() if aside else vs - len(prev_words[-1]) - 1
        resumed = _resumed_subject(r, ve)
        if resumed:
            return resumed  # مصطلح «…» الذي قال عنه عباس قائد رحمت إنه: the relative is the object, the subject follows
        ante = _antecedent(t, rel) or _person_antecedent(r, rel)  # خبير … أحمد عبد الحميد، الذي يقول
        if ante and disagree(t[vs:ve], t[ante[0] : ante[1]].split()):
            # (… التي تعتبر after a man: the relative is about something else; الميليشيات التي صرح
            # رئيس الوزراء: the verb's own subject follows it)
            ante = None
        ante = ante or _written_after_relative(r, ve)
        if ante or not _WORD.match(t, ve) or _WORD.match(t, ve).group("w") not in _ADDRESSEE:
            return ante  # (الوضع الذي قالت عنه المستشارة: the subject is written after the verb)
    after_an = _subject_after_an(r, vs)
    if after_an:
        return after_an
    before = _names_unmarked(r, max(0, vs - 100), vs)
    kana = _KANA.search(before) or (t[vs : vs + 1] in ("ي", "ت") and _kana_present(before)) or _kana_past(r, before, vs)
    if kana:  # وكان X قد قال
        base = vs - len(before)
        return base + kana.start("s"), base + kana.end("s")
    naql = _NAQL_AN.search(t, ve, min(len(t), ve + 160))
    if naql and any(e[2] == "LOC" and e[0] <= naql.start("s") and e[1] >= naql.end("s")
                    for e in r.ents.starting(naql.start("s") - _MAX_ENTITY, naql.start("s") + 1)):
        naql = None  # حذر من انتقال الإرهاب إلى السودان بقوله: a place the words go to, not who speaks
    if naql and not _SENT_END.search(t, ve, naql.start()):  # نقلت … عن X قوله
        return naql.start("s"), naql.end("s")
    if t[vs:ve] in _NAQL_VERBS and _NAQL_FROM_HIM.match(t, ve):
        return None  # ونقلت عنه وكالة الصحافة الفرنسية قوله: the agency reports; "him", named before, speaks
    if t[vs:ve] in _NAQL_VERBS:
        naql = _NAQL_COMMA.search(t, ve, min(len(t), ve + 240)) or _naql_named(t, ve)
        if naql and not _SENT_END.search(t, ve, naql.start()):
            return naql.start("s"), naql.end("s")
    after = _WORD.match(t, ve)
    if t[vs:ve] not in _VERBS and after and after.group("w")[:1] == "ب" and not r.ents.starting(after.start("w"), after.start("w") + 1):
        return None  # فوصفها بصاحبة…: the verb's object is a pronoun, a phrase with ب follows, no subject (ما قاله بوتين: a name)
    subj = r.subject(ve) or _comma_subject(r, ve)
    if subj and t[subj[0] : subj[1]] in _PRONOUNS:
        return None  # وأضاف سموه: the one spoken of before
    if subj and _own_feeling(t[subj[0] : subj[1]].split()[0]):
        return None  # فقد أكد حرصه على الحضور: his care is the object; he was named before
    if subj and t[vs:ve] in _NAQL_VERBS and _NAQL_FROM_HIM.match(t, subj[1]):
        return None  # ونقل موقع النادي عنه قوله: the site reports; "him", named before, speaks
    if subj and _OWN_WORDS.match(t, subj[0]):
        return None  # ثم يختم مقاله بهذه العبارة: his article is the object; he was named before
    if subj and t[subj[0] - 1 : subj[0]] == "و" and t[vs:ve] in _PLURAL_VERBS:
        return None  # فردوا والخوف يملأ قلوبهم: a plural verb's subject is its suffix; و opens a clause of state
    if subj and t[vs:ve] in _OBJECT_VERBS and _BI_NEXT.match(t, subj[1]) and _object_like(t, subj):
        return None  # ووصف الفنانة أليسا بأنها: the object, the describer is named before
    if subj and t[vs:ve] in _OBJECT_VERBS and subj[0] - 1 in r.names and r.names[subj[0] - 1] == subj[1]:
        return None  # اعتُبر «صفعة للحوثيين»: what it was deemed, never who spoke
    if subj is None and vs and (t[vs - 1].isspace() or t[vs - 1] == "ف"):
        subj = (_preverbal_subject(t, vs) or _quoted_opener(t, vs, ve) or _particle_subject(r, vs)  # والأمين العام … الشمري قال إن
                or _named_preverbal(r, vs) or _amma_named(r, vs))
    return _drop_complementiser(t, subj, ve)


_NAMED_APPOSITION_WORDS = 8  # the most words of a title after the name: منصور الرسيني نائب رئيس نادي الرائد أكد


def _named_preverbal(r: _Reading, vs: int) -> tuple[int, int] | None:
    """A sentence that opens with a tagged person, maybe a title after the
    name, then the verb (منصور الرسيني نائب رئيس نادي الرائد أكد أن): the
    person. _preverbal_subject reads only definite or title heads; a name
    opens no noun phrase it knows. Nothing between but plain words: no
    verb, complementiser, relative or stop (… الذي قال: the antecedent's)."""
    t = r.t
    lo = max(0, vs - 160)
    cut = _cut(_LAST_PREVERBAL_BREAK(t[lo:vs]))
    if (cut < 0 and lo > 0) or (cut >= 0 and t[lo + cut] not in ".!?؟\n:"):
        return None  # (only a sentence's start: after a mark or comma the name may be inside a clause)
    first = _WORDS_BACK.search(t, lo + cut + 1, vs)
    if first is None:
        return None
    s0 = first.start() + (t[first.start()] == "و" and not r.ents.starting(first.start(), first.start() + 1))
    per = next((e for e in r.ents.starting(s0, s0 + 1) if e[2] == "PER" and e[1] < vs), None)
    if per is None:
        return None
    words = _WORDS_BACK.findall(t, per[1], vs)
    if len(words) > _NAMED_APPOSITION_WORDS or any(not _plain_word(w) or w in _STOPS or _is_verb(w) for w in words):
        return None
    if any(w[0] == "و" and w not in _WAW_NAMES for w in words):
        return None  # خالد وعبدالعزيز شقيقا الشهيد قالا: two speakers, not the first one
    return per[0], per[1]


_COMMA_THEN = re.compile(r"[ \t]{0,2}[،,][ \t]{1,2}")


def _comma_subject(r: _Reading, ve: int) -> tuple[int, int] | None:
    """A subject set off by commas after its verb (وقال، روبرتو أزيفيدو،
    المدير العام …): the person tagged right after the comma."""
    m = _COMMA_THEN.match(r.t, ve)
    per = m and next((e for e in r.ents.starting(m.end(), m.end() + 1) if e[2] == "PER"), None)
    return (per[0], per[1]) if per else None


_PARTICLE_SUBJECT = re.compile(r"(?<!\w)(?:و?لكن|غير\s{1,3}ان|الا\s{1,3}ان|بيد\s{1,3}ان)(?=\s)")
_PARTICLE_REACH = 120
_PARTICLE_GAP = re.compile(r"[^.!?؟\n:«»\"“”()]{0,80}")


def _particle_subject(r: _Reading, vs: int) -> tuple[int, int] | None:
    """The subject of لكن / غير أن / إلا أن written before the verb, in the
    accusative: `لكن مصدرًا بارزًا في الجيش الحر، أكد`, `غير أن فروم يحذر`;
    only a person or organisation tagged there, an unnamed source or a
    definite or title head, with no verb or complementiser up to the verb."""
    t = r.t
    lo = max(0, vs - _PARTICLE_REACH)
    m = None
    for m in _PARTICLE_SUBJECT.finditer(t, lo, vs):
        pass
    if m is None or _SENT_END.search(t, m.end(), vs):
        return None
    words = list(_WORDS_BACK.finditer(t, m.end(), vs))
    if not 1 <= len(words) <= 12 or not _PARTICLE_GAP.fullmatch(t, m.end(), vs):
        return None
    if any(_is_verb(w.group()) or w.group() in _COMPLEMENTISERS or w.group() in _RELATIVES for w in words):
        return None
    # read here, not by _subject: لكنّ takes the accusative (مصدرًا بارزًا), which _subject reads as an adverb
    head = words[0].group()
    stem = head[:-1] if head.endswith("ا") and len(head) > 3 else head
    comma = t.find("،", words[0].start(), vs)
    if comma >= 0:
        if stem not in _UNNAMED and not t[comma + 1 : vs].strip() and _named_before_comma(r, words[0].start(), comma):
            return words[0].start(), _strip_spaces(t, words[0].start(), comma)[1]  # (غير أن مكتب رئيس الوزراء X، أكد)
        # a described source and where it is from, then a comma: لكن مصدرًا بارزًا في الجيش الحر، أكد
        if stem not in _UNNAMED or t[comma + 1 : vs].strip():
            return None
        k = next((i for i, w in enumerate(words) if i and w.group() in _STOPS), len(words))
        return words[0].start(), words[k - 1].end()
    # right before the verb: a person or organisation tagged to its end, or a short title
    end = words[-1].end()
    named = any(e[2] in ("PER", "ORG") and e[1] == end for e in r.ents.starting(words[0].start(), end))
    if named or (len(words) <= 3 and (stem in _UNNAMED or head in _SUBJECT_HEADS or head[2:] in _UNNAMED
                                      or (head.startswith("ال") and head[2:] in _SUBJECT_HEADS))):  # (إلا أن المدرب الفرنسي قال)
        return words[0].start(), end
    verb = _WORDS_BACK.match(t, vs)
    if len(words) <= 3 and verb and verb.group() in _PLURAL_VERBS and _plural_noun(head):
        return words[0].start(), end  # غير أن مختصين آخرين يقولون: a group speaks with a plural verb
    return None


def _named_before_comma(r: _Reading, start: int, comma: int) -> bool:
    """A person or organisation tagged to the end of the words before the comma."""
    end = _strip_spaces(r.t, start, comma)[1]
    return any(e[2] in ("PER", "ORG") and e[1] == end for e in r.ents.starting(start, end))


def _drop_complementiser(t: str, subj: tuple[int, int] | None, verb_end: int | None = None) -> tuple[int, int] | None:
    """«إن زعيم الحزب …», «أن الرئيس هولاند»: the complementiser is not the
    speaker. After its verb (``verb_end``) فان is Van (وقال فان جال), not فإن."""
    if subj:
        m = _WORD.match(" " + t[subj[0] : subj[1]])
        van = verb_end is not None and subj[0] > verb_end and m is not None and m.group("w") == _VAN
        if m and m.group("w") in _COMPLEMENTISERS and m.end() - 1 < subj[1] - subj[0] and not van:
            nxt = _WORD.match(t, subj[0] + m.end() - 1)
            if nxt:
                return nxt.start("w"), subj[1]
    return subj


_LAM_REACH = re.compile(r"[^.!?؟\n،,:«»\"“”()]{1,50}")


def _past_article_lam(r: _Reading, pos: int) -> tuple[int, int] | None:
    """The source after وفقا لل… (ل + the article, its alef dropped: للرئيس الفرنسي
    فرانسوا هولاند): the person or organisation tagged in its phrase, which the
    text cannot spell with its article."""
    m = _LAM_REACH.match(r.t, pos)
    if not m:
        return None
    ent = next((x for x in r.ents.starting(pos, m.end()) if x[2] in ("PER", "ORG") and x[1] <= m.end()), None)
    return (ent[0], ent[1]) if ent else None

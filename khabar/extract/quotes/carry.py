"""Carried speakers: a quote or subjectless verb that goes on with the speech before it, a speaker continued across quotes and sentences, a body or kin that agrees with the verb."""

from __future__ import annotations

import re
from bisect import bisect_left

from khabar.extract.agreement import body_disagrees, disagree, speaker_gender, verb_gender
from khabar.extract.fold import fold_word
from khabar.extract.quotes.cues import (
    _CARRY, _COMPLEMENTISERS, _DOCUMENTS, _HOLDER_TITLES, _KIN, _MAX_ENTITY, _describes, _ORG_HEADS,
    _PLURAL_VERBS, _QUOTE_INTRO, _SENT_END, _SPEECHLIKE, _STOPS, _TITLE_HEADS, _UNNAMED, _WHAT, _WORD,
    _WORDS_BACK, _is_verb,
)
from khabar.extract.quotes.marks import _strip_clitic, _words_before
from khabar.extract.quotes.reading import _Reading
from khabar.extract.quotes.records import _Attribution, _Speaker, _Speech
from khabar.extract.quotes.speakers import (
    _governs, _group, _opening_verb, _resolve, _sentence_before, _sentence_person, _titled_or_tagged,
    _without_document_object,
)
from khabar.extract.quotes.subjects import _nobody_speaks

_OWNED_BY = {"ه": "m", "ها": "f"}


def _owner_carried(r: _Reading, sp: _Speaker, verb_span: tuple[int, int] | None) -> _Speaker | None:
    """A subject that is a thing of the speaker's own (وشرحت فكرتها قائلة:
    her idea): the speaker carried from before, when the pronoun, the verb
    and that speaker agree in gender."""
    if verb_span is None:
        return None
    words = r.t[sp.start : sp.end].split()
    suffix = "ها" if words[0].endswith("ها") else "ه" if words[0].endswith("ه") else None
    carried = r.spoken.before(sp.verb_start)  # (not the owner's own verb: وشرحت فكرتها)
    if len(words) != 1 or suffix is None or carried is None or verb_gender(r.t[verb_span[0] : verb_span[1]]) != _OWNED_BY[suffix]:
        return None
    if not _titled_or_tagged(r, (carried.start, carried.end)):
        return None  # (a carried subject that is itself no one: الأبرز)
    return _agreeing(r, carried._replace(verb_start=verb_span[0], verb_end=verb_span[0]), verb_span)


_RIGHT_AFTER = re.compile(r"[\s.،,]{0,6}[وف]?$")


def _goes_on_from_quote(r: _Reading, verb_span: tuple[int, int] | None, prev_end: int,
                        prev_speaker: _Speaker | None) -> _Speaker | None:
    """وأضاف with no subject right after a quote («…». وأضاف: «…»): the
    speaker of that quote, however it was found, over a subject carried from
    further back (وتعرب شخصيات … ويقول X: «…». وأضاف:)."""
    if not verb_span or prev_speaker is None or not prev_end or r.subjects.get(verb_span[0]) is not None:
        return None
    vs, ve = verb_span
    verb = r.t[vs:ve]
    if (verb[1:] if verb[:1] in "وف" else verb) not in _GOES_ON or not _RIGHT_AFTER.match(r.t[prev_end:vs]):
        return None
    words = r.t[prev_speaker.start : prev_speaker.end].split()
    if disagree(verb, words) or body_disagrees(verb, words) or r.genders.get(
            r.t[prev_speaker.start : prev_speaker.end], verb_gender(verb)) != verb_gender(verb):
        return None
    return prev_speaker._replace(verb_start=vs, verb_end=vs)


# «قول X» / «مقولة X» between the verb and the quote: the words are X's,
# cited by the verb's subject (واستطرد ذاكراً قول الفيصل: «…»)
_SAYING_OF = re.compile(r"(?<!\w)(?:[وب]?قول|[وب]?(?:ال)?مقوله|كلمات|عباره|(?:ال)?مقولات)\s{1,3}")
_SAYING_NOUNS = {fold_word(w) for w in "قول مقولة المقولة مقولات المقولات عبارة العبارة كلمات".split()}


def _quoted_saying(r: _Reading, verb_span: tuple[int, int], o: int) -> _Speaker | None:
    """The person whose saying the clause between the verb and the quote at
    ``o`` names: a tagged person right after قول/مقولة (and its adjectives and
    title), never a pronoun (قوله: the verb's subject's own words)."""
    vs, ve = verb_span
    m = None
    for m in _SAYING_OF.finditer(r.t, ve, o):
        pass
    if m is None or _SENT_END.search(r.t, m.end(), o):
        return None
    per = next((e for e in r.ents.starting(m.end(), o) if e[2] == "PER" and e[1] <= o and not r.in_speech(e[0])), None)
    if per is None or len(r.t[m.end() : per[0]].split()) > 3:
        return None
    return _Speaker(per[0], per[1], vs, ve)


def _saying_holder(r: _Reading, sp: _Speaker) -> _Speaker:
    """A speaker span that is a saying (المقولة المشهورة للروائي X): the person tagged in it."""
    words = r.t[sp.start : sp.end].split()
    if not words or words[0] not in _SAYING_NOUNS:
        return sp
    per = next((e for e in r.ents.starting(sp.start + 1, sp.end) if e[2] == "PER" and e[1] <= sp.end), None)
    return sp._replace(start=per[0]) if per else sp


# «نانسي عجرم: «رحم الله …»»: a list of sayings, each a name, a colon and the words in their own marks
_NAME_THEN_WORDS = re.compile(r"(?P<n>[^\W\d]{2,20}(?: [^\W\d]{2,20}){0,2}) ?: ?[«\"“]")


def _named_inside(r: _Reading, q: _Speech) -> _Attribution | None:
    """A quote whose words open with a name and a colon before an inner
    quote mark (a list of tributes: «لطيفة التونسية: «اللهم …»): that name."""
    m = _NAME_THEN_WORDS.match(r.t, q.start)
    if not m or m.end() >= q.end or any(w in _STOPS or _is_verb(w) for w in m.group("n").split()):
        return None
    return None, _Speaker(m.start("n"), m.end("n"), q.start, q.start)


_CONTINUES_GAP = 120  # the most text between two quotes of one speaker in one sentence


def _same_sentence_continues(r: _Reading, o: int, prev_end: int, prev_speaker: _Speaker | None) -> _Speaker | None:
    """A quote with no verb of its own in the sentence of the quote before it,
    a few words on, with nobody named between (قال X: «…»؛ ولكن «…»، «…»،
    فضلا عن «…»): the same speaker goes on."""
    if prev_speaker is None or not prev_end or o - prev_end > _CONTINUES_GAP or _SENT_END.search(r.t, prev_end, o):
        return None
    if any(e[2] in ("PER", "ORG") for e in r.ents.starting(prev_end, o)):
        return None
    return prev_speaker


def _kin_in_sentence(r: _Reading, verb_span: tuple[int, int]) -> _Speaker | None:
    """A verb with no subject after one whose subject is the narrator's kin
    in the same sentence (memoirs: وبدأ والدي الحديث فقال: «…»): that kin,
    unless a preposition governs it (وأسرعت إلى والدي) or the gender differs."""
    vs, ve = verb_span
    g = verb_gender(r.t[vs:ve])
    lo = max(0, vs - 200)
    ends = list(_SENT_END.finditer(r.t, lo, vs))
    lo = ends[-1].end() if ends else lo
    for m in reversed(list(_WORDS_BACK.finditer(r.t, lo, vs))):
        kin = _KIN.get(m.group())
        if kin is None:
            continue
        before = _WORDS_BACK.findall(r.t[max(0, m.start() - 20) : m.start()])[-1:]
        # the word before reads as a verb: not a preposition or noun of, not definite, no ة (وبدأ، وربتت، فنظر)
        if not before or _governs(before[0]) or before[0].startswith("ال") or before[0].endswith("ه") or (g and kin != g):
            return None
        return _Speaker(m.start(), m.end(), vs, vs)
    return None


# verbs that go on with the words of whoever spoke just before (وأضافت والدة الشهيد: she said the last quote too)
_GOES_ON = {fold_word(w) for w in "أضاف أضافت تابع تابعت أردف أردفت استطرد استطردت".split()}
_GOES_ON_REACH = 200


def _continued_after(r: _Reading, after: int, verb_span: tuple[int, int]) -> _Speaker | None:
    """A verb with no speaker found whose quote is followed, within
    _GOES_ON_REACH characters, by a continuation verb with a written subject
    of its gender (وقالت: «…». وأضافت والدة الشهيد: «…»): that subject."""
    k = bisect_left(r.verb_starts, after)
    if k >= len(r.verbs) or r.verbs[k][0] - after > _GOES_ON_REACH:
        return None
    vs, ve = r.verbs[k]
    sp = r.subjects.get(vs)
    if sp is None or r.t[vs:ve] not in _GOES_ON or r.in_speech(vs):
        return None
    g = verb_gender(r.t[verb_span[0] : verb_span[1]])
    if g is None or verb_gender(r.t[vs:ve]) != g or speaker_gender(r.t[sp.start : sp.end].split()) not in (None, g):
        return None
    return sp._replace(verb_start=verb_span[0], verb_end=verb_span[1])


_REPORTED_REACH = 700  # the most text between a report without speech and the verb that goes on with it


def _reported_before(r: _Reading, verb_span: tuple[int, int]) -> _Speaker | None:
    """A continuation verb (وأضاف، وتابع) with no speaker found, after a
    reporting verb whose written subject names a tagged person but whose
    sentence held no speech (فسر المدير الفني «لويس إنريكي» سبب استبعاد ميسي.
    … وأضاف «…»): that person goes on, in the same paragraph and gender."""
    vs, ve = verb_span
    word = r.t[vs:ve]
    if word not in _GOES_ON and word[1:] not in _GOES_ON:
        return None
    paragraph = r.t.rfind("\n", 0, vs) + 1
    for sp in reversed(r.subject_list(vs)):
        if sp.verb_start < max(paragraph, vs - _REPORTED_REACH):
            return None
        if r.in_speech(sp.verb_start):
            continue
        if r.names_person(sp.start, sp.end):
            words = r.t[sp.start : sp.end].split()
            return None if disagree(word, words) else sp._replace(verb_start=vs, verb_end=ve)
    return None


_PREVIOUS_QUOTE_GAP = 300  # the most text between a quote and the subjectless verb that goes on with it


# the topic an interview's next answer is about, before its verb (وعن الفريق الجديد، قال: «…»)
_TOPIC_LEAD = re.compile(r"[\s.،,]*[وف]?(?:عن|حول|بخصوص)[ \t][^.!?؟\n:«»\"“”()]{1,120}?[،,]?[ \t]*")


def _previous_quote_speaker(r: _Reading, verb_span: tuple[int, int], prev_end: int,
                            prev_speaker: _Speaker | None) -> _Speaker | None:
    """A singular verb with no speaker found, shortly after a quote whose
    speaker was found (وقال: «…». ⏎ وتابع: «…»): that speaker goes on,
    unless a person is named between the two (outside quotes) or the verb's
    gender is not the speaker's. Speakers the text resolved, not written
    with a verb, are not in ``r.spoken``: this is where they go on."""
    vs, ve = verb_span
    if prev_speaker is None or not prev_end or not 0 <= vs - prev_end <= _PREVIOUS_QUOTE_GAP:
        return None
    word = r.t[vs:ve]
    if word in _PLURAL_VERBS or word[:1] in "وف" and word[1:] in _PLURAL_VERBS or _group(r.t, prev_speaker):
        return None
    ends = list(_SENT_END.finditer(r.t, prev_end, vs))
    lead = r.t[ends[-1].end() if ends else prev_end : vs]
    if lead.strip(" \t\n،,.وف") and not _TOPIC_LEAD.fullmatch(lead):
        return None  # (ولذا نجده يقول: mid-sentence, about someone the tagger missed; only a verb opening its sentence)
    if any(e[2] == "PER" and not r.in_speech(e[0]) for e in r.ents.starting(prev_end, vs)):
        return None
    if not _opens_with_name_or_title(r, prev_speaker):
        return None  # (a phrase misread as the speaker is not carried on to the next quote)
    g = verb_gender(word)
    if g and speaker_gender(r.t[prev_speaker.start : prev_speaker.end].split()) not in (None, g):
        return None
    return prev_speaker._replace(verb_start=vs, verb_end=ve)


def _opens_with_name_or_title(r: _Reading, sp: _Speaker) -> bool:
    """A speaker whose first word is a tagged name's, a title (الوزير، مدير)
    or an unnamed source's (مصدر مطلع): one worth carrying on."""
    words = r.t[sp.start : sp.end].split()
    if not words:
        return False
    first_end = sp.start + len(words[0])
    if any(e[2] in ("PER", "ORG") and e[0] < first_end and e[1] > sp.start
           for e in r.ents.starting(sp.start - _MAX_ENTITY, first_end)):
        return True
    head = words[0][2:] if words[0].startswith("ال") else words[0]
    return head in _TITLE_HEADS or head in _UNNAMED or words[0] in _HOLDER_TITLES or head in _HOLDER_TITLES


_LEAD_REACH = 1200  # a lead sentence can run on for a whole paragraph
_LEAD_SUBJECT_AT = 100  # ... but its subject comes early in it


def _long_lead_person(r: _Reading, verb_span: tuple[int, int]) -> _Speaker | None:
    """A singular verb opening a paragraph with no speaker found, after a
    one-sentence paragraph longer than _previous_sentence_person reads
    (توقع رئيس إقليم كردستان مسعود بارزاني … [400 characters]. ⏎ وقال: «…»):
    the person tagged in that sentence's first _LEAD_SUBJECT_AT characters,
    unless a preposition, a noun or a complementiser comes before it."""
    t, (vs, ve) = r.t, verb_span
    word = t[vs:ve]
    if not r.ents or word in _PLURAL_VERBS or word[:1] in "وف" and word[1:] in _PLURAL_VERBS:
        return None
    if t[t.rfind("\n", 0, vs) + 1 : vs].strip(" \tوف") != "":
        return None  # (the verb opens no paragraph)
    span = _sentence_before(t, vs, _LEAD_REACH)
    if span is None or t.rfind("\n", 0, span[1]) >= span[0] and t[t.rfind("\n", 0, span[1]) + 1 : span[0]].strip():
        return None
    ps, pe = span
    per = next((e for e in r.ents.starting(ps, min(pe, ps + _LEAD_SUBJECT_AT)) if e[2] == "PER" and not r.in_speech(e[0])), None)
    if per is None:
        return None
    before = _WORDS_BACK.findall(t[ps : per[0]])
    attached = t[per[0] - 1 : per[0]] in ("ل", "ب") and (per[0] < 2 or t[per[0] - 2].isspace())
    if attached or (before and _governs(before[-1])) or any(w in _COMPLEMENTISERS for w in before):
        return None
    k = bisect_left(r.verb_starts, pe) - 1  # the lead's last reporting verb
    if k >= 0 and r.verbs[k][0] > per[1] and any(
            e[2] == "PER" and e[3] != per[3] for e in r.ents.starting(per[1], r.verbs[k][0])):
        return None  # (… بحديث لرئيس النادي إحسان الجشي أوضح من خلاله: another person spoke in the lead)
    return _Speaker(per[0], per[1], vs, vs)


# the longest subject read after a verb that is no verb of saying, unless a tagged name or body ends it
_ACTION_SUBJECT_WORDS = 2


def _untagged_title_subject(r: _Reading, verb_span: tuple[int, int]) -> _Speaker | None:
    """A speech verb with no speaker found, in (or opening the sentence
    after) a sentence that opens with a verb and a title or body whose
    holder the tagger missed (امتدح المدير الفني للفريق ناصيف البياوي
    المعسكر، وقال:؛ وانتقد رئيس بلدية ناغازاكي توميهيسا تاوي … . وقال):
    that subject, read as after a reporting verb. Not when a person is
    tagged in the sentence (the rules above declined them for a reason),
    nor for a plural verb or one whose gender is not the subject's."""
    t, (vs, ve) = r.t, verb_span
    word = t[vs:ve]
    if word in _PLURAL_VERBS or word[:1] in "وف" and word[1:] in _PLURAL_VERBS or _nobody_speaks(t, vs, ve):
        return None
    if _describes(word):
        return None  # ووصفت الطائرة بأنها «…»: what is described, never who speaks
    span = _sentence_before(t, vs)
    if span is None:
        ends = list(_SENT_END.finditer(t, max(0, vs - 300), vs))
        if not ends and vs > 300:
            return None
        span = (ends[-1].end() if ends else max(0, vs - 300), vs)
    ps, pe = span
    while ps < pe and t[ps] in " \t\n":
        ps += 1
    verb = _opening_verb(t, ps, pe)
    if verb is None or any(e[2] == "PER" and not r.in_speech(e[0]) for e in r.ents.starting(ps, vs)):
        return None
    head = _WORD.match(t, verb.end())
    w0 = head.group("w") if head else ""
    stem = w0[2:] if w0.startswith("ال") else w0
    if not (stem in _TITLE_HEADS or stem in _ORG_HEADS or w0 in _ORG_HEADS or stem in _HOLDER_TITLES):
        return None
    if _is_verb(verb.group()):  # (وانتقد رئيس البلدية … : a reporting verb's written subject, which spoke no quote)
        written = r.subjects.get(verb.start()) or r.subjects.get(verb.start() + 1)  # (the verb's span starts after و/ف)
        sub = (written.start, written.end) if written else None
    else:
        sub = _without_document_object(t, r.subject(verb.end()))
        if sub and len(t[sub[0] : sub[1]].split()) > _ACTION_SUBJECT_WORDS and not any(
                e[1] == sub[1] for e in r.ents.starting(sub[0], sub[1])):
            return None  # (وخاطب الرئيس التونسي أوروبا: after a verb of action the object may run on)
    if not sub or sub[0] != head.start("w") or sub[1] > pe or disagree(word, t[sub[0] : sub[1]].split()):
        return None
    opening = verb.group()[1:] if verb.group()[:1] in "وف" and len(verb.group()) > 3 else verb.group()
    opening_gender = verb_gender(opening) or ("f" if opening.endswith("ت") or opening.startswith("ت") else "m")
    if verb_gender(word) and verb_gender(word) != opening_gender:
        return None  # (فيما عبرت والدة الطالب …، وقال: the two verbs are not one subject's; ت ends a feminine past)
    sub = _cut_before_what(t, sub)
    if any(w in _WHAT for w in t[sub[0] : sub[1]].split()) or any(
            e[2] == "LOC" and e[1] == sub[1] and e[0] > sub[0] for e in r.ents.starting(sub[0], sub[1])):
        return None  # (نفى الوزير X ما يتم تداوله، وخاطب الرئيس أوروبا: the object read on into the subject)
    return _Speaker(sub[0], sub[1], vs, vs)


def _cut_before_what(t: str, sub: tuple[int, int]) -> tuple[int, int]:
    """The subject up to a «ما» that opens the object after a title and a name
    (نفى وزير التعليم سامي الراشد ما يتم تداوله: the minister); a «ما» right
    after the title is left for the caller to decline (نفى الوزير ما …)."""
    words = list(_WORDS_BACK.finditer(t, sub[0], sub[1]))
    k = next((i for i, m in enumerate(words) if m.group() in _WHAT), None)
    return (sub[0], words[k - 1].end()) if k is not None and k >= 3 else sub


_TERM_WORDS = 3  # a label in marks: this many words at most


def _unattributed_term(content: str) -> bool:
    """A few words in marks that no verb introduces and nobody is found to
    have said, with nothing speech-like in them (no particle, pronoun,
    first-person verb, question or exclamation): a label or scare quote
    (بأنها «الإغريقية المناكفة»، «حديثي النعمة»), not a quotation."""
    words = content.split(None, _TERM_WORDS)
    return (len(words) <= _TERM_WORDS and not _SPEECHLIKE.search(content) and not any(ch in content for ch in "?؟!")
            and not any(len(w) > 3 and w[0] in "يت" for w in words))  # (لأنها «تفسد متعة المكان»: a verb, words said)


_BODY_REACH = 1500  # how far back a feminine verb looks for the body it continues


def _agreeing(r: _Reading, sp: _Speaker, verb_span: tuple[int, int]) -> _Speaker | None:
    """A speaker the text did not write after its verb, kept when the verb
    agrees with it in gender; else the last earlier speech subject that
    agrees (وقالت … after a man was quoted: the woman quoted before him),
    for a feminine verb the last organisation named as one before (ونشرت
    صحيفة «واشنطن بوست» … وأضافت:), else nobody."""
    vs, ve = verb_span
    verb = r.t[vs:ve]
    # (a statement goes on in the masculine: وأكد البيان … وأضاف, whoever issued it)
    document = any(w is not None and r.t[w.start : w.end].split()[:1] in (["نص"], *([d] for d in _DOCUMENTS))
                   for w in (r.subjects.get(vs), r.subjects.get(sp.verb_start)))
    g = verb_gender(verb)
    if not disagree(verb, r.t[sp.start : sp.end].split()) and (g is None or r.genders.get(r.t[sp.start : sp.end], g) == g) and (
            document or not body_disagrees(verb, r.t[sp.start : sp.end].split())):
        return sp  # (وأضاف البيان: the verb agrees with the statement, whoever issued it)
    for earlier in reversed(r.subject_list(vs)):
        if vs - earlier.verb_start > _CARRY:
            break
        if _gender_of(r, earlier) == g or (g == "f" and _is_body(r, earlier)):
            return _resolve(r, earlier._replace(verb_start=vs, verb_end=ve))
    return _body_before(r, vs) if g == "f" and r.t[max(0, vs - 1) : vs + 1].strip()[:1] in ("و", "ف") else None  # (وأضافت: it goes on; عبارة تقول: a noun says)


def _gender_of(r: _Reading, sp: _Speaker) -> str | None:
    """The speaker's gender from its words, else from the verbs it followed in this text."""
    return speaker_gender(r.t[sp.start : sp.end].split()) or r.genders.get(r.t[sp.start : sp.end])


def _is_body(r: _Reading, sp: _Speaker) -> bool:
    """A speaker that is an organisation or place: feminine in agreement (قالت الوزارة، أعلنت مصر)."""
    if speaker_gender(r.t[sp.start : sp.end].split()):
        return False  # مدير عام المنظمة: a man who heads a body
    labels = {e[2] for e in r.ents.starting(sp.start - _MAX_ENTITY, sp.end) if e[0] < sp.end and e[1] > sp.start}
    return bool(labels) and "PER" not in labels and labels <= {"ORG", "LOC"}


def _body_before(r: _Reading, vs: int) -> _Speaker | None:
    """The last organisation tagged before ``vs`` (within _BODY_REACH) after a
    feminine head that names what it is (صحيفة «واشنطن بوست»، وكالة رويترز,
    or one of its own words: وزارة الصحة), outside quotes."""
    for es, ee, label, _ in reversed(r.ents.starting(max(0, vs - _BODY_REACH), vs)):
        if label != "ORG" or ee > vs or r.in_speech(es):
            continue
        before = _WORDS_BACK.findall(r.t[max(0, es - 20) : es])[-1:]
        first = r.t[es:ee].split()[:1]
        if (before and _strip_clitic(before[0]) in _BODY_HEADS) or (first and first[0] in _BODY_HEADS):
            return _Speaker(es, ee, vs, vs)
    return None


# feminine heads of organisations that speak (قالت الصحيفة، أضافت الوزارة)
_BODY_HEADS = {fold_word(w) for w in """صحيفة الصحيفة جريدة الجريدة مجلة المجلة وكالة الوكالة وزارة الوزارة
شركة الشركة منظمة المنظمة هيئة الهيئة قناة القناة إذاعة الإذاعة حركة الحركة جماعة الجماعة""".split()}


def _reported_clause_speaker(r: _Reading, o: int, prev_end: int, prev_speaker: _Speaker | None) -> _Speaker | None:
    """A quote opened by a complementiser or بقوله with no verb in its
    sentence continues reported speech: `قال X إن «…»، وأن «…»` (the
    previous quote's speaker, same sentence), `… . وأن «…»` / `وزاد أن`
    (the last speaker of the paragraph, within 600 characters)."""
    t = r.t
    words = _words_before(t, o, 2)
    if not words or not (words[-1] in _COMPLEMENTISERS or words[-1] in _QUOTE_INTRO or words[-1][1:] in _COMPLEMENTISERS
                         or (words[-1][:1] == "و" and words[-1][1:] in _QUOTE_INTRO)):  # ورغم ثناء أوباما … وقوله «…»
        return None
    if prev_speaker and prev_end and not _SENT_END.search(t, prev_end, o):
        return prev_speaker
    own = _sentence_person(r, o)  # فتوجه وائل كفوري إلى جمهوره بالقول «…»
    if own:
        return own
    last = r.spoken.before(o)
    if last and o - last.verb_end <= 600 and "\n" not in t[last.verb_end : o]:
        return last
    return None


_STANDALONE_WORDS = 8
_STANDALONE_REACH = 1200


_QUESTION_REACH = 300  # the longest interviewer's question between two answers


def _answer_continues(r: _Reading, o: int, prev_end: int, prev_speaker: _Speaker | None) -> _Speaker | None:
    """An answer in an interview: a quote right after a question that
    follows the previous quote (… «…». ⏎ - هل عاشت معك هذه الشخصية؟ ⏎ «ليس
    على نحو دائم …»): the one who answered before answers again."""
    if prev_speaker is None or not prev_end or not 0 < o - prev_end <= _QUESTION_REACH:
        return None
    between = r.t[prev_end:o].strip(" \t\n*-–:")
    if not between.endswith(("؟", "?")) or bisect_left(r.verb_starts, prev_end) < bisect_left(r.verb_starts, o):
        return None
    if any(e[2] == "PER" and not r.in_speech(e[0]) for e in r.ents.starting(prev_end, o)):
        return None  # (a question to someone named is not to the one who answered before)
    return prev_speaker._replace(verb_start=o, verb_end=o)


def _standalone_continues(r: _Reading, q: _Speech) -> _Speaker | None:
    """A quote of a sentence or more standing on its own, with no verb or
    source of its own (… قال X إن … . ⏎ «نحن نعمل …».): the speaker of the
    last attributed speech before it, within _STANDALONE_REACH characters
    and at most one paragraph back, as news copy continues a speaker."""
    t = r.t
    if len(t[q.start : q.end].split(None, _STANDALONE_WORDS)) <= _STANDALONE_WORDS:
        return None
    before = t[max(0, q.mark - 5) : q.mark].strip(" \t*-")
    if before.endswith("و"):
        before = before[:-1].rstrip()  # … إن نحو 40% يعانون. و«يوجد نحو 50 ألف تلميذ…»: and, still his words
    if before and before[-1] not in ".!?؟\n":
        return None  # mid-sentence: a fragment, not a quote standing on its own
    last = r.spoken.before(q.mark)
    if last is None or q.mark - last.verb_end > _STANDALONE_REACH or t.count("\n", last.verb_end, q.mark) > 4:
        return None
    return last

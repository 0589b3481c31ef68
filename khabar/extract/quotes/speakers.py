"""Choosing a quote's speaker (points 3, 4, 6, 8-11): the verb before the quote, sourcing before and attribution after it, documents and their issuers, unnamed sources, the person a sentence, paragraph or article is about."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from khabar.extract import lexicon as L
from khabar.extract.agreement import disagree, speaker_gender, verb_gender
from khabar.extract.fold import fold_word, keep_letters
from khabar.extract.lexicon import E, OSP, SP, alternation
from khabar.extract.quotes.cues import (
    _ADVERBIAL, _AFTER_SOURCE, _AFTER_STOP_VERB, _AFTER_VERB, _AMBIGUOUS, _AND_STOPS, _BROKEN_PLURALS,
    _CARRY, _COMPLEMENTISERS, _CONSTRUCT_HEADS, _DOCUMENTS, _FIRST_PERSON, _HIS_WORDS, _HOLDER_GAP, _HOLDER_TITLES,
    _HONOURED_BY, _MAX_ENTITY, _NAME_NOUNS, _describes, _ORG_HEADS, _PARTICIPLES, _PLURAL_VERBS, _PREPOSITIONS,
    _SENT_END, _SPEAKER_PREPOSITIONS, _STOPS, _TITLE_HEADS, _UNNAMED, _VERBS, _WORD, _WORDS_BACK, _WRITING_OF,
    _WRITING_WINDOW, _is_verb,
)
from khabar.extract.quotes.ids import _entity_for
from khabar.extract.quotes.reading import _Reading, _past_article_lam
from khabar.extract.quotes.records import _Attribution, _Speaker
from khabar.extract.quotes.speech import _strip_spaces
from khabar.extract.quotes.subjects import _clause_subject, _cut_at_entity, _nobody_speaks

_COLON_BREAK = re.compile(r"[^.!?؟\n«»\"“”]{0,120}:\s{0,6}")  # وكتبت: ⏎ «…»

_BEFORE_SOURCE = re.compile(r"(?<!\w)[وف]?(?P<v>بحسب|حسب|وفق|وفقا ل|طبقا ل|نقلا عن|علي لسان|علي حد تعبير|علي حد قول|قول|مقوله"
                            r"|جاء(?:\s{1,3}في)?(?:\s{1,3}نص)?)(?=\s)"
                            r"|(?<!\w)(?P<for>بالنسبه\s{1,3}ل|[وف]?(?:بتعبير|بكلمات)\s{1,3}|(?<=جاء )(?:علي|في)\s{1,3}(?:صفحه|حساب|موقع)\s{1,3})(?=[^\W\d])")

# Scripture quoted by whom the text names: a verse after قال (الله) تعالى /
# لقوله تعالى, a hadith after قال رسول الله ﷺ / لقوله صلى الله عليه وسلم. The
# speaker is the divine name or the Prophet as written; matched against a
# bounded window before the mark, so linear-time.
_SAY_FORMS = r"(?:[وف]?(?:قال|يقول)|[وفلبك]?قوله?)"
_DIVINE = re.compile(rf"(?<!\w){_SAY_FORMS}{SP}(?P<s>(?:(?:الله|الحق|المولي){SP})?"
                     rf"(?:تعالي|سبحانه(?:{SP}وتعالي)?|عز{SP}وجل|جل{SP}(?:وعلا|شانه)))"
                     rf"(?:{SP}في{SP}(?:محكم{SP})?(?:كتابه|تنزيله)(?:{SP}(?:الكريم|العزيز))?)?{OSP}[:،]?{OSP}$")
_BLESSING = rf"(?:ﷺ|صلي{SP}الله{SP}عليه{SP}وسلم|عليه{SP}(?:افضل{SP})?الصلاه{SP}والسلام|\(ص\))"
_PROPHET = re.compile(rf"(?<!\w){_SAY_FORMS}{SP}(?P<s>رسول{SP}الله|النبي|الرسول|الحبيب|المصطفي)(?:{SP}محمد)?"
                      rf"{OSP}{_BLESSING}{OSP}[:،]?{OSP}$")
# (روى مسلم أن) النبي ﷺ قال: «…»: the Prophet named before the verb, the blessing between
_PROPHET_SAID = re.compile(rf"(?<!\w)(?P<s>رسول{SP}الله|النبي|الرسول|المصطفي)(?:{SP}محمد)?{OSP}{_BLESSING}{OSP}"
                           rf"(?:كان{SP})?(?P<v>قال|يقول){OSP}[:،]?{OSP}$")
_SCRIPTURE_WINDOW = 90
# قال عليه (الصلاة و)السلام: «…»: the blessing stands for the Prophet the text named before
_SAID_BLESSED = re.compile(rf"(?<!\w)[وف]?(?P<v>قال|يقول){SP}عليه{SP}(?:افضل{SP})?(?:الصلاه{SP}و)?السلام{OSP}[:،]?{OSP}$")
_PROPHET_NAMED = re.compile(r"(?<!\w)(?:رسول\s{1,3}الله|النبي|الرسول)(?!\w)")
_PROPHET_REACH = 400


def _blessed_speaker(r: "_Reading", o: int) -> "_Attribution | None":
    lo = max(0, o - _SCRIPTURE_WINDOW)
    m = _SAID_BLESSED.search(r.t, lo, o)
    if not m:
        return None
    vs, ve = m.start("v"), m.end("v")
    named = list(_PROPHET_NAMED.finditer(r.t, max(0, vs - _PROPHET_REACH), vs))[-1:]
    return (vs, ve), (_Speaker(named[0].start(), named[0].end(), vs, ve) if named else None)


# تعليقات في موقع «فيسبوك» كتبها خالد بحاح، رئيس وزراء اليمن، جاء فيها: «…»: the writer named after كتبها
_WRITTEN_BY = re.compile(rf"(?<!\w)(?:كتبها|كتبه|نشرها|نشره|دونها|دونه|القاها|القاه){SP}"
                         rf"(?P<s>[^\s.\n«»\"“”:،,](?:[^.\n«»\"“”:،,]|\.(?=[^\W\d])){{1,50}}?){OSP}[،,]?[^.\n«»\"“”:]{{0,60}}?"
                         rf"(?P<v>(?:جاء|قال|يقول){SP}(?:فيها|فيه)){OSP}:?{OSP}$")
_WRITTEN_WINDOW = 200
_NOT_AUTHOR_WORDS = {fold_word(w) for w in "في حيث الذي التي من عن مع عند خلال".split()}  # (not على: علي is Ali)
_WRITING_NOT_AUTHOR = re.compile(r"(?:ه|ها|هم|هما|نا|ي)(?!\w)")  # كلمة له: his, named before


def _writing_of(r: "_Reading", o: int) -> "_Attribution | None":
    """A quote of a tweet, letter or article whose author follows its ل: the
    person tagged there, else the words after ل (a title written لل… loses
    its first word: للناشط عارف → عارف)."""
    m = _WRITING_OF.search(r.t, max(0, o - _WRITING_WINDOW), o)
    if not m:
        w = _WRITTEN_BY.search(r.t, max(0, o - _WRITTEN_WINDOW), o)
        # the writer tagged right after كتبها (تغريدة كتبها د.ريان كركدان في تويتر قال فيها:)
        per = w and next((x for x in r.ents.starting(w.start("s"), w.start("s") + 6) if x[2] in ("PER", "ORG")), None)
        return ((w.start("v"), w.end("v")), _Speaker(per[0], per[1], w.start("v"), w.end("v"))) if per else None
    if _WRITING_NOT_AUTHOR.match(r.t, m.start("s")):
        return None
    s, e = m.span("s")
    if any(w in _NOT_AUTHOR_WORDS for w in r.t[s:e].split()):
        return None  # في كلمة له عفوية في الجامعة حيث قال: no author after ل
    per = next((x for x in r.ents.starting(s, e + 1) if x[2] in ("PER", "ORG") and x[1] <= e + 1), None)
    if per:
        s, e = per[0], per[1]
    elif r.t[s] == "ل":  # للناشط عارف عمر: the article's alef is not written
        title = _WORDS_BACK.match(r.t, s)
        rest = _WORDS_BACK.search(r.t, title.end(), e) if title else None
        if not rest:
            return None
        s = rest.start()
    return (m.start("v"), m.end("v")), _Speaker(s, e, m.start("v"), m.end("v"))


def _scripture(r: "_Reading", o: int) -> "_Attribution | None":
    """A verse or hadith opening at ``o``, attributed as the text does."""
    lo = max(0, o - _SCRIPTURE_WINDOW)
    window = r.t[lo:o]
    m = _DIVINE.search(window) or _PROPHET.search(window)
    if not m:
        said = _PROPHET_SAID.search(window)
        if said:
            vs, ve = lo + said.start("v"), lo + said.end("v")
            return (vs, ve), _Speaker(lo + said.start("s"), lo + said.end("s"), vs, ve)
        return _blessed_speaker(r, o)
    vs, ve = _strip_spaces(r.t, lo + m.start(), lo + m.start("s"))
    if r.t[vs] in "وف" and r.t[vs + 1 : ve] in ("قال", "يقول"):
        vs += 1  # the verb without its conjunction, as elsewhere
    return (vs, ve), _Speaker(lo + m.start("s"), lo + m.end("s"), vs, ve)


_OPENING_PARTICLES = {fold_word(w) for w in "فيما كما ثم بينما".split()}


def _opening_verb(t: str, start: int, vs: int) -> re.Match | None:
    """The word opening a sentence at ``start`` when it looks like a verb
    (و/ف + a stem that is no noun, particle or reporting verb, maybe after
    فيما/كما): امتدح، وانتقد، فيما عبرت."""
    first = _WORDS_BACK.match(t, start, vs)
    if first and first.group() in _OPENING_PARTICLES:
        first = _WORD.match(t, first.end(), vs)
        first = first and _WORDS_BACK.match(t, first.start("w"), vs)
    if first is None:
        return None
    w = first.group()
    stem = w[1:] if w[:1] in "وف" and len(w) > 3 else w
    if (len(stem) < 3 or stem.startswith("ال") or stem in _STOPS or stem in _AND_STOPS or stem in _PARTICIPLES
            or stem in _TITLE_HEADS or stem in _ORG_HEADS or stem in _NAME_NOUNS or stem in _HOLDER_TITLES or w in _STOPS):
        return None
    return first


def _without_document_object(t: str, sub: tuple[int, int] | None) -> tuple[int, int] | None:
    """The subject without a statement read on as its last word (ونشرت الحكومة الصينية بيانا: the object)."""
    if not sub:
        return sub
    last = _WORDS_BACK.findall(t, sub[0], sub[1])[-1:]
    if last and sub[1] - len(last[0]) > sub[0] and last[0].endswith("ا") and (
            last[0][:-1] in _DOCUMENTS or "ال" + last[0][:-1] in _DOCUMENTS):
        return sub[0], t.rindex(" ", sub[0], sub[1] - len(last[0]) + 1)
    return sub


# what may open a clause before its verb (من جانبه، عبر …؛ ولم تستبعد …)
_CLAUSE_OPENER = re.compile(r"[ \t]{0,3}(?:(?:[وف]?من[ \t]{1,3}(?:جانب|جهت|ناحيت)(?:ه|ها)|[وف]?بدور(?:ه|ها))[ \t]{0,3}[،,]?"
                            r"|(?:[وف]?(?:حيث|كما|فيما|بينما|ثم))(?=[ \t])|[وف]?(?:لم|لا|لن|قد|لقد)(?=[ \t]))[ \t]{0,3}")
_EXPRESSED = re.compile(r"[وف]?عبر(?:ت)?(?=[ \t])")  # عبر X عن سعادته: expressed (عبر is also "via", a stop word)
_WITH_PERSON = re.compile(r"(?<!\w)مع(?!\w)")
_ABOUT_NEXT = re.compile(r"[ \t]{1,3}عن(?!\w)")
_CLAUSE_BREAKS = re.compile(r"[،,؛;]")
_ACTION_REACH = 400


def _clause_starts(t: str, vs: int) -> list[int]:
    """Starts of the clauses of the sentence before ``vs``, nearest first."""
    ends = list(_SENT_END.finditer(t, max(0, vs - _ACTION_REACH), vs))
    if not ends and vs > _ACTION_REACH:
        return []
    start = ends[-1].end() if ends else 0
    return [m.end() for m in reversed(list(_CLAUSE_BREAKS.finditer(t, start, vs)))] + [start]


def _action_subject(r: _Reading, verb_span: tuple[int, int], carried: _Speaker | None = None) -> _Speaker | None:
    """A speech verb with no speaker found, in a sentence whose clause before
    it opens with a verb of action and its subject, a title, a descriptor or a
    tagged body (من جانبه، عبر اللاعب البرازيلي X عن سعادته، مضيفا «…»؛ ولم
    تستبعد الممثلة المغربية X المشاركة … وقالت:): that subject, when the two
    verbs agree in gender. A bare title (ولوح القيادي في حركة X) does not
    replace a ``carried`` person who is tagged: it is how the text names them
    again. Never the one who interviews (أجرى مراسل التلفزيون مقابلة مع X)."""
    t, (vs, ve) = r.t, verb_span
    word = t[vs:ve]
    if word in _PLURAL_VERBS or word[:1] in "وف" and word[1:] in _PLURAL_VERBS or _nobody_speaks(t, vs, ve):
        return None
    if _describes(word):
        return None
    for cs in _clause_starts(t, vs):
        while cs < vs and t[cs] in " \t\n":
            cs += 1
        opener = _CLAUSE_OPENER.match(t, cs, vs)
        p = opener.end() if opener and opener.end() > cs else cs
        verb = _EXPRESSED.match(t, p, vs) or _opening_verb(t, p, vs)
        if verb is None or _is_verb(verb.group()) or len(verb.group().lstrip("وف")) < 3 or r.text[r.fd.orig(verb.end() - 1)] == "ة":
            continue  # (وقراءة الجهاز: a verbal noun, no verb)
        if _ADVERBIAL.fullmatch(verb.group()):
            continue  # (مقدما شكره: a participle going on with the clause before)
        whole = _without_document_object(t, r.subject(verb.end()))
        if not whole or whole[1] > vs:
            continue
        if _EXPRESSED.match(t, p, vs) and not _ABOUT_NEXT.match(t, whole[1]):
            continue  # (عبر الهاتف: via, not expressed)
        if _WITH_PERSON.search(t, whole[1], vs) and any(e[2] == "PER" for e in r.ents.starting(whole[1], vs)):
            return None  # (… مقابلة مع أبي مالك، قال فيها: the one met speaks)
        tagged = next((e for e in r.ents.starting(whole[0], whole[1]) if e[2] == "PER" and e[1] <= whole[1]), None)
        sub = _action_object_cut(r, whole)
        if tagged:
            sub = tagged[0], tagged[1]  # (مدير الكرة بالنادي X، أحبت الفنانة X الحب: the name, as after a reporting verb)
        elif not _titled_or_tagged(r, sub):
            return None  # (the nearest clause's subject is no one who speaks)
        elif carried and any(e[2] == "PER" and e[0] <= carried.start < e[1] for e in r.ents.starting(carried.start - _MAX_ENTITY, carried.end)):
            return None
        opening = verb.group()[1:] if verb.group()[:1] in "وف" and len(verb.group()) > 3 else verb.group()
        opening_gender = verb_gender(opening) or ("f" if opening.endswith("ت") or opening.startswith("ت") else "m")
        if disagree(word, t[sub[0] : sub[1]].split()) or verb_gender(word) and verb_gender(word) != opening_gender:
            return None
        return _Speaker(sub[0], sub[1], vs, vs)
    return None


def _titled_or_tagged(r: _Reading, sub: tuple[int, int]) -> bool:
    """Whether a subject opens with a title, descriptor or body head, or is a tagged person or organisation."""
    w0 = r.t[sub[0] : sub[1]].split()[0]
    stem = w0[2:] if w0.startswith("ال") else w0
    if stem in _TITLE_HEADS or stem in _ORG_HEADS or w0 in _ORG_HEADS or stem in _HOLDER_TITLES:
        return True
    return len(w0) > 2 and any(e[0] == sub[0] and e[2] in ("PER", "ORG") for e in r.ents.starting(sub[0], sub[0] + 1))


def _action_object_cut(r: _Reading, sub: tuple[int, int] | None) -> tuple[int, int] | None:
    """A subject read on into the object of a verb of action cut before it: a
    place or body tagged after the subject's head (وخاطب الرئيس التونسي أوروبا)."""
    if not sub:
        return sub
    t = r.t
    for e in r.ents.starting(sub[0] + 1, sub[1]):
        between = _WORDS_BACK.findall(t, sub[0], e[0])
        if e[2] in ("LOC", "ORG") and t[e[0] - 1 : e[0]].isspace() and not any(w in _SPEAKER_PREPOSITIONS for w in between):
            sub = sub[0], sub[0] + len(t[sub[0] : e[0]].rstrip())  # (not القيادي في حركة X، أستاذ في جامعة X: where the subject works)
            break
    words = list(_NON_SPACE.finditer(t, sub[0], sub[1]))
    if words and words[0].group() in _DOCUMENTS:
        return sub[0], words[0].end()  # (وشكر البيان أفراد المقاومة: the statement, read as its issuer later)
    named = 0  # name-like words in a row after a definite one (محافظ المدينة مروان عبود)
    for k in range(1, len(words)):
        w = words[k].group()
        if w.startswith("ال") and named >= 2:
            return sub[0], words[k - 1].end()  # (وقدر محافظ المدينة مروان عبود الخسائر: a name is whole, then the object)
        definite_before = words[k - 1].group().startswith("ال") or named
        named = named + 1 if definite_before and not w.startswith(("ال", "ب", "ل", "ك")) and w not in _CONSTRUCT_HEADS and w not in _ORG_HEADS else 0
        if w.endswith("ا") and (w[:-1] in _DOCUMENTS or "ال" + w[:-1] in _DOCUMENTS):
            return sub[0], words[k - 1].end()  # (أصدر المتحدث باسم الجيش بيانا جديدا)
        possessed = _POSSESSED_WORD.fullmatch(w) and not (w[-1] == "ه" and r.text[r.fd.orig(words[k].end() - 1)] == "ة")
        if possessed or _OBJECT_WORD.fullmatch(w):
            # (قصارى جهده: an indefinite head before the possessed object goes with it)
            k -= bool(k > 1 and possessed and not words[k - 1].group().startswith("ال"))
            return sub[0], words[k - 1].end()
    return sub


# a word no name or title is made of, where the object of an action starts:
# possessed (جهده; its ه no ة), governed by a preposition (لإقناع، بالتوقيع)، a verbal noun (المشاركة، الاستمرار)
_NON_SPACE = re.compile(r"\S+")
_POSSESSED_WORD = re.compile(r"[^\W\d]{2,}(?:ه|ها|هم)")
_OBJECT_WORD = re.compile(r"[لب]ا(?!ل)[^\W\d]{3,}|الم[^\W\d]ا[^\W\d]{2}ه|الاست[^\W\d]{3,}")


def _colon_person(r: _Reading, o: int) -> _Speaker | None:
    """A quote right after a colon that ends a sentence with no reporting
    verb but with a person in it (غير أن نسيرة يفضل عدم الاستغراب:،
    ونشر الجزء الآتي من خطاب ألقاه الرئيس باراك أوباما:، يفسر بايتون هذا
    الأمر: ⏎ «…»): the last person tagged in that sentence not governed by a
    preposition."""
    t = r.t
    colon = len(t[:o].rstrip())
    if not r.ents or colon == 0 or t[colon - 1] != ":" or t[colon:o].count("\n") > 2:
        return None
    colon -= 1
    lo = max(0, colon - 300)
    ends = list(_SENT_END.finditer(t, lo, colon))
    lo = ends[-1].end() if ends else lo
    for es, ee, label, _ in reversed(r.ents.starting(lo, colon)):
        if label != "PER" or ee > colon or r.in_speech(es):
            continue  # (a name inside an earlier quote is spoken of: فردوا: "أخ كريم وابن أخ كريم"، وكان جوابه: "…")
        prev = _WORDS_BACK.findall(t[max(lo, es - 20) : es])[-1:]
        attached = t[es - 1 : es] in ("ل", "ب") and (es < 2 or t[es - 2].isspace())
        if not (attached or (prev and prev[0] in _PREPOSITIONS)):
            return _Speaker(es, ee, colon, colon)
    return None


# nouns whose complement is a person who is not speaking (قوات الأسد، نظام القذافي)
_OF_PERSON = {fold_word(w) for w in """قوات نظام حكومة جانب عهد حكم عائلة أسرة نجل ابن ابنة زوجة عصر مثل ومثل
زيارة لقاء اتصال رسالة خطاب قرار تصريحات إدارة حملة وفاة مقتل اغتيال اعتقال ظهور""".split()}


def _person_before(r: _Reading, vs: int) -> _Speaker | None:
    """A speech verb with no speaker at all (`دافع كيري عن القرار. وقال: «…»`):
    the last person tagged before it in its paragraph, unless that person is
    the complement of a preposition or a noun (قوات الأسد) or the verb plural."""
    t = r.t
    word = _WORDS_BACK.match(t, vs)
    if not word or word.group() in _PLURAL_VERBS or _nobody_speaks(t, vs, word.end()):  # (وقلت: the narrator)
        return None
    lo = max(0, vs - 400, t.rfind("\n", 0, vs) + 1)
    for es, ee, label, _ in reversed(r.ents.starting(lo, vs)):
        if label != "PER" or ee > vs or r.in_speech(es) or _in_name_pair(r, es, ee):
            continue  # (a name inside a work's title, «حق ميت», is no one here)
        prev = _WORDS_BACK.findall(t[max(0, es - 20) : es])[-1:]
        attached = t[es - 1 : es] in ("ل", "ب") and (es < 2 or t[es - 2].isspace())
        if attached or (prev and (prev[0] in _PREPOSITIONS or prev[0] in _OF_PERSON)):
            return None
        return _Speaker(es, ee, vs, vs)
    return None


def _topic_person(r: _Reading, verb_span: tuple[int, int]) -> _Speaker | None:
    """A singular verb of saying with no speaker anywhere near (an interview:
    «عن إحساسه بالمنصب، قال: «…»»): the person the article is about so far,
    the one tagged most often before the verb (three times or more, twice as
    often as any other), at its last mention, when nobody else is named in
    the verb's sentence. Not in a memoir, whose dialogue has many speakers,
    nor for a plural or first-person verb."""
    vs, ve = verb_span
    word = r.t[vs:ve]
    if not r.ents or word in _PLURAL_VERBS or word[:1] in "وف" and word[1:] in _PLURAL_VERBS or _nobody_speaks(r.t, vs, ve):
        return None
    if r.memoir_author is False:
        r.memoir_author = _memoir_author(r)
    if r.memoir_author:
        return None
    if r.name_starts is None:
        r.name_starts = sorted(r.names.items())
    # counted once over the text: the verbs come in text order, so the tally only grows
    done, counts, last = r.topic if r.topic and r.topic[0] <= vs else (0, {}, {})
    for es, ee, label, eid in r.ents.starting(done, vs):
        if label == "PER" and not r.in_speech(es) and not _in_pairs(r.name_starts, es):
            counts[eid] = counts.get(eid, 0) + 1
            last[eid] = (es, ee)
    r.topic = (vs, counts, last)
    ranked = sorted(counts.values(), reverse=True)
    # (the one the article is about: three times at least, and twice as often as anyone else)
    if not ranked or ranked[0] < 3 or (len(ranked) > 1 and ranked[0] < 2 * ranked[1]):
        sole = _sole_speaker(r, vs)
        return sole._replace(verb_start=vs, verb_end=vs) if sole else None
    top = max(counts, key=counts.get)
    lo = max(0, vs - 300)
    ends = list(_SENT_END.finditer(r.t, lo, vs))
    ps = ends[-1].end() if ends else lo
    if any(e[2] == "PER" and e[3] != top for e in r.ents.starting(ps, vs)):
        return None  # someone else named in the verb's own sentence: the rules above declined them for a reason
    es, ee = last[top]
    return _Speaker(es, ee, vs, vs)


def _sole_speaker(r: _Reading, vs: int, gender: str | None = None) -> _Speaker | None:
    """The one speaker the article has quoted so far (an interview: «قالت
    الممثلة صبا مبارك … وعن مشاريعها قالت: «…»»), however far back: every
    speech subject before ``vs`` reads the same, or ends with the same word.
    With ``gender`` (the verb's), only the speakers of that gender count: the
    one woman quoted in an interview that also quotes men."""
    pool = r.spoken.upto(vs, _SOLE_MAX)
    if not pool:
        return None
    if gender:
        return _sole_of_gender(r, vs, [sp for sp in pool if speaker_gender(r.t[sp.start : sp.end].split()) == gender])
    last = pool[-1]
    named = r.names_person(last.start, last.end)
    head = r.t[last.start : last.end].split()[0]
    if not named and not head.startswith("ال") and head not in _TITLE_HEADS:
        return None  # (a person tagged there, or a definite or title head: not a stray phrase read as a subject)
    tail = r.t[last.start : last.end].split()[-1]
    for sp in pool:
        if r.t[sp.start : sp.end].split()[-1] != tail:
            return None
    return last


def _sole_of_gender(r: _Reading, vs: int, pool: list[_Speaker]) -> _Speaker | None:
    """The speaker of ``pool`` (all of the verb's gender) when they are one
    person: one tagged person among them, the others bare titles
    (الممثلة المصرية غادة عادل … الممثلة المصرية); its last tagged mention."""
    ids, last = set(), None
    for sp in pool:
        ent = _entity_for(r.t, sp.start, sp.end, r.ents)
        if ent:
            ids.add(ent)
            last = sp
        elif len(r.t[sp.start : sp.end].split()) > 2:
            return None  # an untagged name: maybe someone else
    return last._replace(verb_start=vs, verb_end=vs) if last and len(ids) == 1 else None


_SOLE_MAX = 40  # speech subjects looked through (an interview has a few)


def _in_pairs(pairs: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies inside one of the (open, close) name pairs (sorted): «حقّ ميت» is a title."""
    k = bisect_right(pairs, (pos, len(pairs) and 1 << 62)) - 1
    return k >= 0 and pairs[k][0] < pos < pairs[k][1]


def _governs(w: str) -> bool:
    """A word after which a person is a complement, not a subject: a
    preposition, a noun like قوات/زيارة, or a prepositional phrase (بكأس
    ليبرتادوريس، لرئيس الوزراء)."""
    return w in _PREPOSITIONS or w in _OF_PERSON or (
        w[:1] in "بل" and len(w) > 3 and not _is_verb(w) and w not in _NOT_GOVERNING)


_NOT_GOVERNING = {fold_word(w) for w in "بينما لكن لكنه لكنها لقد بدوره بدورها ليعود لتؤكد ليؤكد".split()}


def _sentence_person(r: _Reading, vs: int) -> _Speaker | None:
    """A verb with no subject of its own inside a sentence about a person
    (فيما حاول الرئيس بونغو توضيح ظهور ميسي قائلا:، جاء رزق يبتسم يقول:):
    the first person tagged in the sentence before the verb, unless a
    preposition or noun governs it or a complementiser comes before it."""
    t = r.t
    if not r.ents or t[vs : vs + 12].split()[0] in _PLURAL_VERBS:
        return None
    lo = max(0, vs - 300)
    ends = list(_SENT_END.finditer(t, lo, vs))
    if not ends and lo > 0:
        return None
    ps = ends[-1].end() if ends else lo
    # after فيما/بينما a new clause opens with its own subject
    clause = max((m.end() for m in _NEW_CLAUSE.finditer(t, ps, vs)), default=ps)
    for start in dict.fromkeys((clause, ps)):
        per = next((e for e in r.ents.starting(start, vs) if e[2] == "PER" and e[1] <= vs and not r.in_speech(e[0])), None)
        if per is None:
            continue
        before = _WORDS_BACK.findall(t[start : per[0]])
        attached = t[per[0] - 1 : per[0]] in ("ل", "ب") and (per[0] < 2 or t[per[0] - 2].isspace())
        if attached or (before and _governs(before[-1])) or any(w in _COMPLEMENTISERS for w in before) or _in_name_pair(r, *per[:2]):
            return None
        return _Speaker(per[0], per[1], vs, vs)
    return None



def _in_name_pair(r: _Reading, es: int, ee: int) -> bool:
    """Whether the mention lies inside marks read as a longer name (a work's
    title: «حق ميت»); a name alone in marks («سليمان», a pseudonym) is the person."""
    return any(o < es and ee <= c and r.t[o + 1 : c].strip() != r.t[es:ee] for o, c in r.names.items())


_NEW_CLAUSE = re.compile(r"(?<!\w)(?:فيما|بينما|وفيما|وبينما)(?!\w)")


def _previous_sentence_person(r: _Reading, vs: int, carried: _Speaker | None, reach: int = 400) -> _Speaker | None:
    """A verb opening its sentence with no subject (وقال: «…») after a
    sentence about a person whose words it did not report (رفض محمد علي
    جعفري القرار. وقال إن …; دافع كيري عن قرار الرئيس أوباما. وقال:): the
    first person tagged in that sentence, unless a preposition or noun
    governs it or a reporting verb or complementiser comes before it there,
    and unless the carried speaker spoke in that sentence."""
    t = r.t
    if not r.ents or t[vs : vs + 12].split()[0] in _PLURAL_VERBS:
        return None
    span = _sentence_before(t, vs, reach)
    if span is None or (carried and carried.verb_start >= span[0]):
        return None
    ps, pe = span
    per = next((e for e in r.ents.starting(ps, pe) if e[2] == "PER" and not r.in_speech(e[0])), None)
    if per is None and pe - ps <= _ASIDE_SENTENCE and not any(ps <= v < pe for v in r.verb_starts):
        span = _sentence_ending_before(t, ps, reach)  # (X أمضى … . بتهمة أنه «…». ⏎ وقال: X, two sentences back)
        if span is None or (carried and carried.verb_start >= span[0]):
            return None
        ps, pe = span
        per = next((e for e in r.ents.starting(ps, pe) if e[2] == "PER" and not r.in_speech(e[0])), None)
    if per is None:
        return None
    es, ee = per[0], per[1]
    before = _WORDS_BACK.findall(t[ps:es])
    attached = t[es - 1 : es] in ("ل", "ب") and (es < 2 or t[es - 2].isspace())
    if attached or (before and _governs(before[-1])):
        return None
    if any(w in _COMPLEMENTISERS for w in before):
        return None  # (وأشار إلى أن الرئيس Y: Y is spoken of)
    if any(_describes(w) for w in before[-2:]):
        return None  # (ووصف الفنانة أليسا بأنها …. وقال: Y is described by the one who goes on)
    return _Speaker(es, ee, vs, vs)


def _previous_statement(r: _Reading, vs: int, carried: _Speaker | None) -> _Speaker | None:
    """A verb opening its sentence with no subject (وقال: «…») after a
    sentence in which a body announced something in a statement (أعلن جيش X
    في بيان، عن …): that body, over a speaker carried from further back."""
    span = _sentence_before(r.t, vs)
    if span is None or (carried and carried.verb_start >= span[0]) or not _BAYAN.search(r.t, *span):
        return None
    k = bisect_left(r.verb_starts, span[0])
    for ws, _ in r.verbs[k:]:
        if ws >= span[1]:
            break
        sp = r.subjects.get(ws)
        if sp and not _group(r.t, sp) and r.t[sp.start : sp.end].split()[0] not in _DOCUMENTS:
            return sp._replace(verb_start=vs, verb_end=vs)
    return None


def _sentence_before(t: str, vs: int, reach: int = 400) -> tuple[int, int] | None:
    """The sentence before the one a verb at ``vs`` opens (only و/ف before
    the verb, or the particle قد: وقد كتب), within ``reach`` characters; None
    when the verb does not open it."""
    lo = max(0, vs - reach)
    ends = list(_SENT_END.finditer(t, lo, vs))
    if not ends or t[ends[-1].end() : vs].strip(" \t\nوف") not in ("", "قد", "لقد"):
        return None
    k = len(ends) - 1
    while k >= 0 and not t[(ends[k - 1].end() if k else lo) : ends[k].start()].strip():
        k -= 1  # an empty line between paragraphs
    if k < 0:
        return None
    ps = ends[k - 1].end() if k else lo
    if k == 0 and lo > 0:
        return None  # its start lies beyond the window
    return ps, ends[k].start()


_ASIDE_SENTENCE = 200  # a short sentence with no person nor reporting verb in it, said of the person before


def _sentence_ending_before(t: str, ps: int, reach: int) -> tuple[int, int] | None:
    """The sentence just before the one that starts at ``ps``, in the same paragraph."""
    lo = max(0, ps - reach)
    ends = list(_SENT_END.finditer(t, lo, ps))
    if not ends or "\n" in t[ends[-1].start() : ps].strip(" \t"):
        return None  # (a paragraph break: the sentence before belongs to another paragraph)
    start = ends[-2].end() if len(ends) > 1 else (lo if lo == 0 else None)
    return (start, ends[-1].start()) if start is not None else None


_BAYAN = re.compile(r"(?<!\w)[وبف]?(?:ال)?بيان(?:ا|ه|ها)?(?!\w)")


def _resolve(r: _Reading, sp: _Speaker | None) -> _Speaker | None:
    """A speaker written as a document (البيان، نص البيان) becomes the
    organisation that issued it; a definite unnamed source (المصدر،
    المسؤول) the indefinite one introduced earlier (مصدر دبلوماسي تركي)."""
    if sp is None:
        return None
    words = r.t[sp.start : sp.end].split()
    if (len(words) > 1 and words[0] in _DOCUMENTS and words[1][:1] == "ل" and words[1][1:2] not in ("ل", "") and len(words[1]) > 3
            and not words[1].startswith(_LAM_NOUNS)):
        # وقال بيان لقوة المهام المشتركة: the body whose statement it is (not للجيش: no الجيش is written)
        return sp._replace(start=r.t.index(words[1], sp.start) + 1)
    if words and words[0] == "نص":
        words = words[1:]
    if len(words) == 1 and words[0] in _DOCUMENTS:
        issuer = _issuer(r, sp.verb_start)
        return issuer._replace(verb_start=sp.verb_start, verb_end=sp.verb_end) if issuer else sp
    if len(words) == 1 and words[0].startswith("ال") and words[0][2:] in _UNNAMED:
        for earlier in reversed(r.subject_list(sp.verb_start)):
            head = r.t[earlier.start : earlier.end].split()[0]
            if head == words[0][2:] and earlier.end - earlier.start > len(head):
                return earlier._replace(verb_start=sp.verb_start, verb_end=sp.verb_end)
    if len(words) == 1 and words[0].startswith("ال") and words[0][2:] in _TITLE_HEADS:
        holder = _title_holder(r, words[0][2:], sp.start)
        if holder:
            return sp._replace(start=holder[0], end=holder[1])
    return sp


_HOLDER_REACH = 3000
_LAM_NOUNS = tuple(fold_word(w) for w in "لجنة لجان لواء لقاء لائحة".split())  # (تقرير لجنة التحقيق: لجنة is the noun, no ل of)


def _title_holder(r: _Reading, stem: str, pos: int) -> tuple[int, int] | None:
    """A bare title (الرئيس، الوزيرة) is the person it was written with
    before: a speaker who held it, else a person tagged within a few words
    after the title (الرئيس باراك أوباما، وزيرة القوى العاملة ناهد عشري),
    the most named of them, the latest on a tie."""
    for earlier in reversed(r.subject_list(pos)[-_SOLE_MAX:]):
        words = r.t[earlier.start : earlier.end].split()
        if pos - earlier.end > _HOLDER_REACH or not (stem in words or "ال" + stem in words):
            continue
        title = earlier.start + len(" ".join(words[: words.index(stem if stem in words else "ال" + stem)]))
        per = next((e for e in r.ents.starting(title, earlier.end) if e[2] == "PER" and e[1] <= earlier.end), None)
        if per and not _HOLDER_GAP.search(r.t, title, per[0]):
            return per[0], per[1]  # (a speaker who held the title: وقال وزير الخارجية الروسي سيرغي لافروف … وذكر الوزير)
    held: dict[str, tuple[int, int]] = {}
    mentions: dict[str, int] = {}
    for es, ee, label, eid in r.ents.starting(max(0, pos - _HOLDER_REACH), pos):
        if label != "PER" or ee > pos:
            continue
        surname = r.t[es:ee].split()[-1] if r.t[es:ee].split() else eid
        mentions[surname] = mentions.get(surname, 0) + 1
        before = list(_WORDS_BACK.finditer(r.t, max(0, es - 60), es))[-4:]
        title = next((w for w in reversed(before) if w.group() in (stem, "ال" + stem)), None)
        if title and not _HOLDER_GAP.search(r.t, title.end(), es):
            held[surname] = (es, ee)  # (the title, its body if any, then the name: no comma or mark between)
    if not held:
        return None
    for earlier in r.subject_list(pos)[-_SOLE_MAX:]:  # (a speaker written untagged counts too: قال لافروف)
        words = r.t[earlier.start : earlier.end].split()
        if words and words[-1] in held and pos - earlier.end <= _HOLDER_REACH:
            mentions[words[-1]] += 1
    # two ministers named: the one the article names most, by surname (وزير الخارجية الروسي سيرجي لافروف …
    # قال لافروف … وزير الخارجية الأميركي جون كيري)
    return held[max(held, key=lambda k: (mentions[k], held[k][0]))]


def _issuer(r: _Reading, pos: int) -> _Speaker | None:
    """Who issued the statement spoken of before ``pos``: the last subject
    of a verb whose sentence names a statement (وقال الاتحاد في بيان), else
    the last organisation named in such a sentence."""
    t = r.t
    for m in reversed(list(_BAYAN.finditer(t, max(0, pos - 3000), pos))[-6:]):
        lo = max((t.rfind(c, 0, m.start()) for c in ".!?؟\n"), default=-1) + 1
        for earlier in reversed(r.subject_list(m.start())):
            if earlier.verb_start < lo:
                break
            if r.t[earlier.start : earlier.end] not in _DOCUMENTS:
                return earlier
        orgs = [e for e in r.ents.starting(lo, m.start()) if e[2] == "ORG"]
        if orgs:
            return _Speaker(orgs[-1][0], orgs[-1][1], m.start(), m.start())
    return None


_OUTER_GAP = 300


def _outer_speaker(r: _Reading, sp: _Speaker | None) -> _Speaker | None:
    """A speaker carried to a later sentence who was the subject inside
    another's reported clause (وذكر المتحدث X أن الاتحاد الأفريقي يعتبر أن …
    ⏎ وأضاف): the one who reported it goes on, not the one reported."""
    if sp is None:
        return None
    own = next((e for e in reversed(r.subject_list(sp.verb_start + 1)) if (e.start, e.end) == (sp.start, sp.end)), None)
    if own is None or own.verb_start < own.start:
        return sp  # (وقال X: a subject after its own verb opens a clause of the text, not of another's speech)
    for earlier in reversed(r.subject_list(own.verb_start)):
        if sp.start - earlier.end > _OUTER_GAP or _SENT_END.search(r.t, earlier.end, sp.start):
            break
        if earlier.end <= sp.start and any(w in _COMPLEMENTISERS for w in _WORDS_BACK.findall(r.t, earlier.end, sp.start)):
            named = any(e[2] == "PER" and e[1] <= earlier.end for e in r.ents.starting(earlier.start, earlier.end))
            if named or _titled_or_tagged(r, (earlier.start, earlier.end)):
                return earlier._replace(verb_start=sp.verb_start, verb_end=sp.verb_end)
            return sp
    return sp


def _sentence_ends_between(r: _Reading, lo: int, hi: int) -> bool:
    """A sentence end in [lo, hi) other than a dot in the marks of a name (قناة «آر. بي. كا»: the dots are the name's)."""
    return any(m.group() != "." or not any(o < m.start() < c for o, c in r.names.items())
               for m in _SENT_END.finditer(r.t, lo, hi))  # (a ? or ! in a title, «من أنت؟!», still ends the sentence)


def _verb_before(r: _Reading, o: int, prev_end: int, prev_speaker: _Speaker | None = None) -> _Attribution | None:
    """The nearest reporting verb before the quote opening at ``o``, in the
    same sentence and after the previous quote (``prev_speaker``: that
    quote's speaker, whom a bare title may name again)."""
    k = bisect_left(r.verb_starts, o) - 1
    if k < 0:
        return None
    vs, ve = r.verbs[k]
    if vs < prev_end or vs < o - 300 or (_sentence_ends_between(r, ve, o) and not _COLON_BREAK.fullmatch(r.t, ve, o)):
        return None
    if _nobody_speaks(r.t, vs, ve):
        return (vs, ve), _narrator(r, vs, ve)
    vs, ve = _verb_said_with(r, k)
    speaker = r.subjects.get(vs)
    if speaker is None and r.t[vs:ve] in _PLURAL_VERBS:
        # فردوا: «…»: a group no one person speaks for; a group named before (ويضيفون after المواطنون) goes on
        carried = r.spoken.before(vs)
        return (vs, ve), carried if carried and _group(r.t, carried) else None
    if speaker is None and _MEMOIR_ASKED.fullmatch(r.t, vs, ve) and _memoir_narrator(r):
        return (vs, ve), _memoir_narrator(r)._replace(verb_start=vs, verb_end=vs)  # فسألته بدهشة: she who writes
    if speaker is None and r.t[vs:ve].removeprefix("ف") in _ANSWERS:
        speaker = _asked_person(r, vs)  # وسألت الصحيفة الوزير X عن …، فأجاب: «…»: X answers
    if speaker is None:
        speaker = _asked_before(r, vs)  # وبسؤال X إن كان …، يقول: «…»: X answers
    if speaker is None and _WORDS_BACK.findall(r.t[max(0, vs - 12) : vs])[-1:] in _PRONOUN_PARTICLES:
        speaker = _person_before(r, vs)  # وأن محمد بخاري «اعترف…»، لكنه قال: the person just named
    if speaker is None and _HONORIFIC_BEFORE.search(r.t, max(0, vs - 12), vs):
        speaker = _honoured(r, vs, ve)  # وأفاد البيان أن سموه قال: the prince, not the statement carried
    if speaker is None:
        speaker = _later_person(r, vs, _last_speaker(r, vs, prev_speaker))
        # the sentence's own subject beats one carried from an earlier sentence,
        # and so does the person the sentence before is about (رفض X القرار. وقال: …)
        if speaker is None or _SENT_END.search(r.t, speaker.verb_end, vs):
            speaker = (_clause_subject(r.t, vs, r.ents) or _sentence_person(r, vs)
                       or _previous_sentence_person(r, vs, speaker) or _previous_statement(r, vs, speaker)
                       or _action_subject(r, (vs, ve), speaker or r.spoken.before(vs) or prev_speaker)
                       or _outer_speaker(r, speaker)
                       or (_HONORIFIC_NEXT.match(r.t, ve) and _previous_sentence_person(r, vs, None, _HONORIFIC_REACH))
                       or _honoured(r, vs, ve))
        elif _NEW_CLAUSE.search(r.t, speaker.verb_end, vs):
            speaker = _sentence_person(r, vs) or speaker  # …، فيما حاول الرئيس X … قائلا
        else:
            speaker = _newer_person(r, vs, prev_end, speaker) or _acting_since(r, (vs, ve), speaker) or speaker
        if speaker is not None:
            speaker = _paragraph_person(r, vs, speaker) or speaker
    return (vs, ve), speaker


_BY_SAYING = fold_word("بالقول")


def _verb_said_with(r: _Reading, k: int) -> tuple[int, int]:
    """Verb ``k``, or for بالقول ("by saying") the reporting verb it completes,
    when that one has a written subject in the same sentence (وفي حين يعلق X،
    العضو …، على مذبحة إدلب، بالقول: «…»: X's)."""
    vs, ve = r.verbs[k]
    if r.t[vs:ve] != _BY_SAYING or k == 0:
        return vs, ve
    before = r.verbs[k - 1]
    if before[0] in r.subjects and not _sentence_ends_between(r, before[1], vs):
        return before
    return vs, ve


def _last_speaker(r: _Reading, vs: int, prev_speaker: _Speaker | None) -> _Speaker | None:
    """Whom a verb with no subject continues: the last written speech subject,
    or the previous quote's speaker when that quote is in the verb's paragraph
    and the written subject is not (وأخبرني X … . وأضاف: «…». وتوقع أن «…»:
    X, found for وأضاف, speaks on; a subject written paragraphs back does
    not). Across paragraphs the written subject stays: a speaker found by a
    weaker rule is not carried on."""
    spoken = r.spoken.before(vs)
    paragraph = r.t.rfind("\n", 0, vs) + 1
    if prev_speaker is None or not paragraph <= prev_speaker.verb_start < vs or vs - prev_speaker.verb_start > _CARRY:
        return spoken  # (as far back as a written subject is carried, and no farther)
    return prev_speaker if spoken is None or spoken.verb_start < paragraph else spoken


# a clause opened by و/ف and its verb after a comma, then at most two words (a title) before the subject
_AND_VERB_BEFORE = re.compile(r"[،,]\s{0,2}[وف][^\W\d]{3,8}\s{1,3}(?:[^\W\d]{2,20}\s{1,3}){0,2}$")


def _acting_since(r: _Reading, verb_span: tuple[int, int], carried: _Speaker) -> _Speaker | None:
    """A tagged person who opened a clause of action after the carried speaker's
    verb, in the same sentence (وأوضح المواطن X أن …، ويؤيد المواطن Y الرأي
    السابق …، مضيفا: «…»): Y goes on, not X."""
    acting = _action_subject(r, verb_span, carried)
    if acting is None or acting.start < carried.verb_end or not _AND_VERB_BEFORE.search(r.t, max(0, acting.start - 60), acting.start):
        return None  # (only a clause of its own: …، مثل البرلماني X is no verb «مثّل» but «such as»)
    return acting if any(e[2] == "PER" and (e[0], e[1]) == (acting.start, acting.end)
                         for e in r.ents.starting(acting.start, acting.start + 1)) else None


_ASKING = {fold_word(w) for w in "سأل سألت يسأل تسأل سألوا وسأل وسألت".split()}
_ANSWERS = {fold_word(w) for w in "أجاب أجابت يجيب تجيب رد ردت".split()}
_ASKED = re.compile(r"(?<!\w)[وف]?(?:سال|سالت|يسال|تسال|سالوا)(?!\w)")
_ASKED_REACH = 300
_ABOUT = re.compile(r"(?<!\w)(?:عن|حول)(?!\w)")


# بسؤال X / في مقابلة (خاصة) مع X: X, who is asked or interviewed, answers
_ASKED_NOUN = re.compile(r"(?<!\w)(?:(?:وب|ب|ول|ل)سوال|(?:مقابله|حوار|حديث|لقاء)(?:[ \t]{1,3}(?:خاص|خاصه|صحفي|هاتفي|تلفزيوني))?"
                         r"[ \t]{1,3}مع)(?=\s)")


def _asked_before(r: _Reading, vs: int) -> _Speaker | None:
    """A verb of saying without subject in the sentence of «بسؤال X» or «في
    مقابلة مع X»: X, tagged right after (at most a title between), answers."""
    lo = max(0, vs - _ASKED_REACH)
    asked = None
    for m in _ASKED_NOUN.finditer(r.t, lo, vs):
        asked = m
    if asked is None or _SENT_END.search(r.t, asked.end(), vs):
        return None
    per = next((e for e in r.ents.starting(asked.end(), vs) if e[2] == "PER" and e[1] <= vs), None)
    if per is None or len(r.t[asked.end() : per[0]].split()) > 1:
        return None
    return _Speaker(per[0], per[1], vs, vs)


def _asked_person(r: _Reading, vs: int) -> _Speaker | None:
    """Who answers (فأجاب، ردت) without a subject: the person a verb of asking
    just before took as its object (وسألت الصحيفة الوزير X عن …)، the last
    one tagged before what was asked about (عن/حول …) and not after a
    preposition. None when the question was put to a pronoun (سألته)."""
    lo = max(0, vs - _ASKED_REACH)
    asked = None
    for m in _ASKED.finditer(r.t, lo, vs):
        asked = m
    if asked is None or len(_SENT_END.findall(r.t, asked.end(), vs)) > 1:
        return None
    about = _ABOUT.search(r.t, asked.end(), vs)
    hi = about.start() if about else vs
    for e in reversed(r.ents.starting(asked.end(), hi)):
        if e[2] == "PER" and e[1] <= hi and not r.in_speech(e[0]):
            before = _WORDS_BACK.findall(r.t[asked.end() : e[0]])
            if not (before and _governs(before[-1])) and r.t[e[0] - 1 : e[0]] not in ("ل", "ب"):
                return _Speaker(e[0], e[1], vs, vs)
    return None


def _paragraph_person(r: _Reading, vs: int, carried: _Speaker) -> _Speaker | None:
    """A speaker carried from an earlier paragraph gives way to a person the
    verb's own paragraph made the subject of a verb of saying before it
    (⏎ فيما اعتبر الدكتور Y الاتفاقية … ⏎ «…»، قائلا: Y), however long its sentence."""
    para = r.t.rfind("\n", 0, vs) + 1
    if carried.verb_start >= para or carried.start >= para:
        return None
    for sp in reversed(r.subject_list(vs)):
        if sp.verb_start < para:
            break
        if r.t[sp.verb_start : sp.verb_end] in _ASKING:
            continue  # (سألت الدورية X عن …: the asker is not who answers)
        if r.names_person(sp.start, sp.end) \
                and not _same_name(r.t, (sp.start, sp.end), carried):
            return sp._replace(verb_start=vs, verb_end=vs)
    return _paragraph_topic(r, para, vs)


# what may stand between أما and the person it makes the paragraph's topic
_TOPIC_MARK = re.compile(r"[*•\-–\s]{0,6}و?اما\s{1,3}[«\"“]?")


def _paragraph_topic(r: _Reading, para: int, vs: int) -> _Speaker | None:
    """The person a paragraph opens on with أما (⏎ أما «خالد» الهارب من …،
    فيبلغ … . يقول إنه … . ويوضح مبتسما: «…»): the one it goes on about,
    so the one who speaks in it."""
    m = _TOPIC_MARK.match(r.t, para, vs)
    if m is None:
        return None
    per = next((e for e in r.ents.starting(m.end(), m.end() + 1) if e[2] == "PER" and e[0] == m.end()), None)
    return _Speaker(per[0], per[1], vs, vs) if per else None


_NEWER_GAP = 300
_CLAUSE_OPENERS = {fold_word(w) for w in "كما ثم".split()}


def _newer_person(r: _Reading, vs: int, prev_end: int, carried: _Speaker) -> _Speaker | None:
    """A verb without subject after the quote of the speaker it would carry,
    in the same sentence, when a person was named between as the subject of
    another verb (قال X: «…» كما تفاعل الوزير Y مع الوسم وكتب «…»): Y speaks
    now, unless a preposition, noun or complementiser takes Y in."""
    t = r.t
    if not r.ents or carried.verb_start >= prev_end or vs - prev_end > _NEWER_GAP or _SENT_END.search(t, prev_end, vs):
        return None
    per = next((e for e in r.ents.starting(prev_end, vs) if e[2] == "PER" and e[1] <= vs and not r.in_speech(e[0])), None)
    if per is None or (per[0] < carried.end and per[1] > carried.start):
        return None
    before = _WORDS_BACK.findall(t[prev_end : per[0]])
    attached = t[per[0] - 1 : per[0]] in ("ل", "ب") and t[per[0] - 2 : per[0] - 1].isspace()
    if not before or len(before) > 3 or not (before[0] in _CLAUSE_OPENERS or before[0][:1] in "وف") or attached \
            or any(_governs(w) for w in before) or any(w in _COMPLEMENTISERS for w in before):
        return None  # (only a clause of its own right after the quote: كما تفاعل [الوزير] Y، وتفاعل Y)
    head = before[1] if before[0] in _CLAUSE_OPENERS and len(before) > 1 else before[0].removeprefix("و").removeprefix("ف")
    if len(head) >= 5 and head[-2] == "ا":
        return None  # (واعتبار Y، واستقبال Y: a verbal noun, Y its object)
    if _same_name(t, per, carried):
        return None
    return _Speaker(per[0], per[1], vs, vs)


def _same_name(t: str, per: tuple, sp: _Speaker) -> bool:
    """Whether the tagged person ``per`` shares a name word with the speaker span (الوزير X … X)."""
    words = set(t[per[0] : per[1]].split())
    return bool(words & set(t[sp.start : sp.end].split()))


# وقال سموه / معاليه: the honoured person the lead sentence is about, however long that sentence
# (رفع صاحب السمو الملكي الأمير X أمير منطقة … التهاني لخادم الحرمين الشريفين … . وقال سموه:)
_HONORIFIC_NEXT = re.compile(r"\s{1,3}(?:سموه|سموها|معاليه|معاليها|سعادته|سعادتها|فضيلته|سيادته|جلالته|دولته)(?!\w)")
_HONORIFIC_REACH = 1500
# an honorific pronoun right before the verb, after أن (أن سموه قال)
_HONORIFIC_BEFORE = re.compile(rf"(?<!\w)[وب]?ان\s{{1,3}}{alternation(L.HONORIFIC_PRONOUNS)}\s{{1,3}}$")

_HONORIFIC = re.compile(rf"(?<!\w)(?:{'|'.join(sorted(_HONOURED_BY))})(?!\w)")
_HONOURED_REACH = 3000


def _honoured(r: _Reading, vs: int, ve: int) -> _Speaker | None:
    """A verb whose subject is an honorific pronoun, after it (وقال معاليه)
    or opening its sentence (ورحب سموه بالضيوف، وقال), with nobody quoted or
    named near: the person the article titled so (استقبل معالي وزير الإسكان
    X … وقال معاليه), the last one tagged after that title."""
    t = r.t
    m = _HONORIFIC.match(t, ve + 1) if t[ve : ve + 1] == " " else None
    if m is None:
        lo = max((t.rfind(c, max(0, vs - 200), vs) for c in ".!?؟\n:«»\"“”"), default=-1) + 1
        m = next(_HONORIFIC.finditer(t, lo, vs), None)
    if m is None:
        return None
    titles = _HONOURED_BY[m.group()]
    for es, ee, label, _ in reversed(r.ents.starting(max(0, vs - _HONOURED_REACH), vs)):
        if label == "PER" and ee <= vs and not r.in_speech(es) and any(
                w in titles for w in _WORDS_BACK.findall(t[max(0, es - 60) : es])[-6:]):
            return _Speaker(es, ee, vs, vs)
    return None


def _group(t: str, sp: _Speaker) -> bool:
    """A speaker that is many people (المواطنون، المسؤولين، الطرفان، الأهالي، خبراء في الطقس)."""
    head = t[sp.start : sp.end].split()[0]
    stem = head[2:] if head.startswith("ال") else head
    return head.endswith(("ون", "ين", "ان", "ات")) or stem in _BROKEN_PLURALS or head in _BROKEN_PLURALS


def _spoken_to(r: _Reading, sp: _Speaker, verb_span: tuple[int, int]) -> bool:
    """إلى أحد المنظمين أمين أبي ياغي قائلا له: the person right before a
    participle «saying to him» is the one spoken to."""
    vs, ve = verb_span
    return r.t[vs:ve] in _PARTICIPLES and sp.end <= vs and not r.t[sp.end : vs].strip() and bool(_TO_HIM.match(r.t, ve))


_TO_HIM = re.compile(r"\s{1,3}(?:له|لها|لهم)(?!\w)")

# a pronoun on the particle before the verb is the person just named (لكنه قال)
_PRONOUN_PARTICLES = [[fold_word(w)] for w in "لكنه لكنها ولكنه ولكنها".split()]


_MEMOIR = re.compile(r"(?<!\w)[وفب]?(?:ال)?مذكرات(?:ه|ها)?(?!\w)")
_MEMOIR_HEADING = re.compile(r"(?<!\w)مذكرات[ \t]{1,3}(?P<n>[^\W\d]{2,20}(?:[ \t]{1,3}[^\W\d]{2,20}){1,2})[ \t]{0,3}[(:]")


def _narrator(r: _Reading, vs: int, ve: int) -> _Speaker | None:
    """The narrator of a memoir, who speaks in the first person (فقلت): the
    person whose memoirs the article says it is (مذكرات فاتن حمامة، وتتحدث
    فاتن حمامة في الحلقة الأخيرة من مذكراتها), the first such mention; none
    for «whoever» (من يقول) or when no memoir is named."""
    t = r.t
    w = t[vs:ve]
    if w[:1] in "وف" and w[1:] in _FIRST_PERSON:
        w = w[1:]
    if w not in _FIRST_PERSON:
        return None
    if r.memoir_author is False:  # found once per text: the scan is over the whole article
        r.memoir_author = _memoir_author(r)
    return r.memoir_author._replace(verb_start=vs, verb_end=vs) if r.memoir_author else None


# in a memoir «سألته» is the narrator's «I asked him» (elsewhere it may be «she asked him»)
_MEMOIR_ASKED = re.compile(r"[وف]?سالت(?:ه|ها|هم)")


def _memoir_narrator(r: _Reading) -> _Speaker | None:
    if r.memoir_author is False:  # found once per text: the scan is over the whole article
        r.memoir_author = _memoir_author(r)
    return r.memoir_author or None


def _memoir_author(r: _Reading) -> _Speaker | None:
    t = r.t
    heading = _MEMOIR_HEADING.search(t)
    if heading:  # مذكرات فاتن حمامة (3): …, a series heading the tagger may not read
        return _Speaker(heading.start("n"), heading.end("n"), 0, 0)
    for m in _MEMOIR.finditer(t):
        after = next((e for e in r.ents.starting(m.end(), m.end() + 3) if e[2] == "PER"), None)
        if after and not m.group().endswith(("ه", "ها")):
            return _Speaker(after[0], after[1], 0, 0)  # مذكرات فاتن حمامة
        if m.group().endswith(("ه", "ها")):
            lo = max(0, m.start() - 80)
            ends = list(_SENT_END.finditer(t, lo, m.start()))
            before = [e for e in r.ents.starting(ends[-1].end() if ends else lo, m.start()) if e[2] == "PER"]
            if before:
                return _Speaker(before[0][0], before[0][1], 0, 0)  # تتحدث فاتن حمامة … من مذكراتها
    return None


def _later_person(r: _Reading, vs: int, spoken: _Speaker | None) -> _Speaker | None:
    """The speaker a verb with no subject continues: the last speech
    subject, unless a person was since the subject of another reporting
    verb in the sentence before (وحذر ديسر من … . وقال: «…»)."""
    if not r.ents:
        return spoken
    # the last subject before vs, unless it is the spoken one or before it, or more than 400 characters back
    last = r.last_subject(vs, spoken.verb_start if spoken else -1, vs - 400)
    if last is None:
        return spoken
    if len(_SENT_END.findall(r.t, last.verb_end, vs)) > 1:
        return spoken  # not the sentence before
    if r.names_person(last.start, last.end):
        return last
    return spoken


# a name alone between a break and the colon before the quote: an item of a list of sayings
_LISTED_NAME = re.compile(r"[:.\n؛][ \t]{0,6}(?P<n>[^\W\d]{2,20}(?: [^\W\d]{2,20}){0,3}) ?:[ \t]{0,3}$")


def _source_before(r: _Reading, o: int, prev_end: int) -> _Attribution | None:
    """A sourcing phrase before the quote in its sentence: وبحسب المصدر، فإن «…»."""
    t = r.t
    lo = max(prev_end, o - 200)
    sent = _SENT_END.search(t[lo:o][::-1])
    if sent:
        lo = o - sent.start()
    sources = list(_BEFORE_SOURCE.finditer(t, lo, o))
    if not sources:
        return None
    src = sources[-1]  # the nearest
    item = _LISTED_NAME.search(t, src.end(), o)
    named = item and _colon_person(r, o)
    if named and named.start >= item.start("n"):
        return None  # (وحسب الصحيفة، أثار البيان تعليقات، منها: سارة علي: «…»: hers, the source only reports it)
    if src.group("for"):
        per = next((e for e in r.ents.starting(src.end(), src.end() + 1) if e[2] == "PER"), None)
        if per is None and src.group("for")[0] not in "بوف":
            per = next((e for e in r.ents.starting(src.end(), src.end() + 1) if e[2] == "ORG"), None)
        if per is None:
            return None  # بالنسبة للمستهلك: for whom, not who says
        speaker = _Speaker(per[0], per[1], src.start("for"), src.start("for") + len(src.group("for").rstrip()))
        return (speaker.verb_start, speaker.verb_end), speaker
    subj = r.subject(src.end())
    if not subj or (src.group("v").startswith("جاء") and t[subj[0] : subj[1]].split()[0] not in _DOCUMENTS):
        return None
    if src.group("v") == "مقوله" and not any(e[2] == "PER" and e[0] < subj[1] and e[1] > subj[0] for e in r.ents.starting(subj[0], subj[1])):
        return None  # مقولة شهيرة قلتها: a saying, nobody's name after it
    span = (src.start("v"), src.end("v"))
    speaker = _Speaker(subj[0], subj[1], *span)
    if t[subj[0] : subj[1]].split()[0] in _DOCUMENTS:
        speaker = _actor_per_document(r, lo, src.start(), speaker)
    r.spoken.add(speaker)  # بحسب المرصد «…»، مشيرا إلى «…»: the participle goes on with it
    return span, speaker


_SET_OFF = re.compile(r"\s{0,3}[،,]\s{0,3}$")


def _actor_per_document(r: _Reading, lo: int, src: int, speaker: _Speaker) -> _Speaker:
    """وأوصى الغبان، بحسب البيان، بـ«…»: the person whose act the statement
    reports, named right after the sentence's first word, says it; the
    statement is only where it is read."""
    if not _SET_OFF.search(r.t, max(lo, src - 6), src):
        return speaker
    per_end = _SET_OFF.search(r.t, max(lo, src - 6), src).start()
    per = next((e for e in r.ents.starting(max(lo, per_end - _MAX_ENTITY), per_end) if e[2] == "PER" and e[1] == per_end), None)
    words = r.t[lo:per_end].split()
    if per is None and len(words) == 2 and r.ents.name_index(r.t).person_last.get(words[1]):
        per = (per_end - len(words[1]), per_end)  # (وأوصى الغبان: the surname of a person named before)
    if per is None or len(r.t[lo : per[0]].split()) != 1:
        return speaker
    return _Speaker(per[0], per[1], speaker.verb_start, speaker.verb_end)


# «…». بهذه الكلمات بدأ قائد المنتخب السابق فؤاد أنور حديثه: any verb, its subject the speaker
_THESE_WORDS = re.compile(r"[ \t]{0,3}[.،,]?[ \t]{0,3}(?:وب|ب)هذه[ \t]{1,3}(?:الكلمات|العبارات|الكلمه|العباره)[ \t]{1,3}"
                          r"(?P<v>[^\s«»\"“”،,.:]{2,12})(?=\s)")


# «…» هذا ما يقوله X / ذلك ما قالته X: the verb with its object pronoun, then who said it
_THIS_IS_WHAT = re.compile(rf"[ \t]{{0,3}}[.،,]?[ \t]{{0,3}}(?:هذا|ذلك|هو){SP}ما{SP}(?P<v>{alternation(_VERBS)})(?:ه|ها){E}")


# «…». ⏎ (مرشد إيران علي خامنئي في خطبة عيد الفطر): the speaker in parentheses after the quote
_PAREN_AFTER = re.compile(r"[ \t.،,]{0,4}\n?[ \t]{0,3}\((?P<s>[^()\n]{3,160})\)")
_PAREN_STOPS = _STOPS | {"اي", "يعني", "مروجا", "معلقا"}


def _parenthesised_after(r: _Reading, after: int) -> _Attribution | None:
    """A speaker in parentheses right after the quote (quotes of the week):
    its words up to a stop, a verb or a participle, when they open with a
    title or hold a tagged person or organisation."""
    m = _PAREN_AFTER.match(r.t, after)
    if not m:
        return None
    words = []
    for w in _WORDS_BACK.finditer(r.t, m.start("s"), m.end("s")):
        g = w.group()
        if g in _AMBIGUOUS and keep_letters(r.text[r.fd.orig(w.start()) : r.fd.orig(w.end())]) not in _AMBIGUOUS[g]:
            g = ""  # علي (Ali), not على
        if len(words) >= 8 or g in _PAREN_STOPS or _is_verb(g) or _ADVERBIAL.fullmatch(g) or g[:1].isdigit():
            break
        words.append(w)
    if not words:
        return None
    s, e = words[0].start(), words[-1].end()
    head = words[0].group()
    named = any(x[2] in ("PER", "ORG") and x[0] < e and x[1] > s for x in r.ents.starting(s - _MAX_ENTITY, e))
    if not named and (head[2:] if head.startswith("ال") else head) not in _TITLE_HEADS:
        return None
    s, e = _cut_at_entity(r.t, s, e, r.ents)
    return None, _Speaker(s, e, m.start(), m.start())  # (no verb)


# «…». ⏎ وزير الخارجية الفلسطيني رياض المالكي يقول إن …: the speaker opens the next line
_NEXT_LINE = re.compile(r"[ \t.]{0,3}\n[ \t]{0,3}(?P<s>[^\s«»\"“”*][^\n.،,:«»\"“”]{2,100}?)[ \t]{1,3}(?P<v>يقول|قال|قالت|تقول)(?!\w)")


def _next_line_speaker(r: _Reading, after: int) -> _Attribution | None:
    """A quote on a line of its own (quotes of the week) whose speaker opens
    the next line with يقول/قال, when a person or organisation is tagged
    there or it opens with a title."""
    m = _NEXT_LINE.match(r.t, after)
    if not m:
        return None
    s, e = m.start("s"), m.end("s")
    head = r.t[s:e].split()[0]
    named = any(x[2] in ("PER", "ORG") and x[0] < e and x[1] > s for x in r.ents.starting(s - _MAX_ENTITY, e))
    if not named and (head[2:] if head.startswith("ال") else head) not in _TITLE_HEADS:
        return None
    return (m.start("v"), m.end("v")), _Speaker(*_cut_at_entity(r.t, s, e, r.ents), m.start("v"), m.end("v"))


def _stop_then_verb(r: _Reading, after: int) -> _Attribution | None:
    """«…». يقول X: a quote opening its paragraph or sentence, then a
    present-tense reporting verb with its written subject."""
    m = _AFTER_STOP_VERB.match(r.t, after)
    if not m:
        return None
    subj = r.subject(m.end())
    if not subj:
        return None
    speaker = _Speaker(subj[0], subj[1], m.start("v"), m.end("v"))
    r.spoken.add(speaker)
    return (m.start("v"), m.end("v")), speaker


def _attribution_after(r: _Reading, after: int) -> _Attribution | None:
    """Right after the quote: «…»، قال X / «…» بحسب (ما كتب) X / «…». بهذه
    الكلمات بدأ X حديثه / «…» هذا ما يقوله X."""
    m = (_AFTER_VERB.match(r.t, after) or _AFTER_SOURCE.match(r.t, after) or _THESE_WORDS.match(r.t, after)
         or _THIS_IS_WHAT.match(r.t, after))
    if not m:
        his = _HIS_WORDS.match(r.t, after)
        if his:  # the pronoun: the last speaker, or a person named since (X، المدير …، يقول "…")
            vs = his.start("v")
            last, person = r.spoken.before(vs), _person_before(r, vs)
            pick = person if person and (not last or person.start > last.start) else last
            return (vs, his.end("v")), pick
        return _parenthesised_after(r, after) or _next_line_speaker(r, after) or _stop_then_verb(r, after)
    span = (m.start("v"), m.end("v"))
    if r.t[m.end() - 1 : m.end() + 1] == "لل":
        subj = _past_article_lam(r, m.end())  # «…»، وفقا للرئيس الفرنسي فرانسوا هولاند: the name, not «لرئيس …»
    else:
        subj = r.subject(m.end())
    if not subj:
        return span, r.spoken.before(span[0])
    speaker = _Speaker(subj[0], subj[1], *span)
    r.spoken.add(speaker)  # a later verb without a subject can take this one
    return span, speaker

"""Trimming a chosen speaker's span (point 8 onwards): words the tagger or the subject reading glued on, addressees, a name the tagger cut short, phrases that name nobody."""

from __future__ import annotations

import re

from khabar.extract.agreement import is_given_name
from khabar.extract.fold import fold_word, keep_letters
from khabar.extract.quotes.cues import (
    _ADVERBIAL, _ADVERB_WORDS, _AMBIGUOUS, _DAYS, _DESCRIBED, _HOLDER_TITLES, _MARKS, _MAX_ENTITY, _MEDIA, _NASAB,
    _NISBA_ADVERB, _OBJECT_VERBS, _PREPOSITIONS, _RELATIVES, _SPEAKER_PREPOSITIONS, _SPELLED_INITIALS, _STOPS,
    _TITLE_HEADS, _UNNAMED, _UTTERANCE_NOUNS, _VERBS, _WAW_NAMES, _WAW_NOUNS, _WORDS_BACK, _is_verb,
)
from khabar.extract.quotes.ids import _to_whom
from khabar.extract.quotes.reading import _Reading, _drop_complementiser, _entity_at
from khabar.extract.quotes.records import _Speaker
from khabar.extract.quotes.subjects import _manner_adverb, _names_no_one, _own_feeling

# words that end a name: what follows is a nickname or description (فانينج
# الملقب بالبرق الأبيض، X المعروف بـ)
_NICKNAMED = {fold_word(w) for w in "الملقب الملقبة الملقبين المكنى المكناة".split()}
# ... and these before a ب phrase only: الشاعر المعروف خالد البذال is a title
_KNOWN_AS = {fold_word(w) for w in "المعروف المعروفة الشهير الشهيرة".split()}
_TRAILING_VERBS = {fold_word(w) for w in "كان كانت قد".split()}  # زكي طليمات كان: a verb the tagger took in


def _person_after_words(r: _Reading, sp: _Speaker) -> _Speaker:
    """A speaker span whose tagged person comes after an utterance noun
    (ونقل التقرير تصريحات روحاني قائلا، لاحظ لغة فاروفاكيس … حيث قال): the person."""
    per = next((e for e in r.ents.starting(sp.start + 1, sp.end) if e[2] == "PER" and e[1] <= sp.end), None)
    if per is None:
        return sp
    before = _WORDS_BACK.findall(r.t[max(sp.start, per[0] - 20) : per[0]])
    first = _WORDS_BACK.match(r.t, sp.start)
    if first and first.group() in _STOPS and first.group() not in _AMBIGUOUS:
        return sp._replace(start=per[0])  # والمشكلة كما يراها عبد الله: a span opening with a stop is the person's
    return sp._replace(start=per[0]) if before and before[-1] in _UTTERANCE_NOUNS else sp


_ON_BEHALF = fold_word("باسم")
_SPOKESMEN = {fold_word(w) for w in "متحدث متحدثة ناطق ناطقة المتحدث المتحدثة الناطق الناطقة".split()}


def _on_behalf_of(r: _Reading, sp: _Speaker) -> _Speaker:
    """باسم X (on behalf of X) in a speaker span: the one who speaks is the
    person before it (فيديريكا موغيريني باسم الاتحاد الأوروبي) or the
    spokesman whose title the span lost (المتحدثة | باسم الاتحاد الأوروبي)."""
    words = list(_WORDS_BACK.finditer(r.t, sp.start, sp.end))
    k = next((i for i, w in enumerate(words) if w.group() == _ON_BEHALF), None)
    if k is None:
        return sp
    if k > 0 and any(e[2] == "PER" and e[1] == words[k - 1].end() and e[1] > sp.start  # (not X المتحدث باسم Y)
                     for e in r.ents.starting(sp.start - _MAX_ENTITY, words[k].start())):
        return sp._replace(end=words[k - 1].end())
    back = _WORDS_BACK.findall(r.t[max(0, sp.start - 14) : sp.start])
    if k == 0 and back and r.t[sp.start - len(back[-1]) - 1 : sp.start].strip() == back[-1]:
        title = back[-1][1:] if back[-1][:1] == "و" and back[-1][1:] in _SPOKESMEN else back[-1]
        if title in _SPOKESMEN:
            return sp._replace(start=sp.start - len(title) - 1)  # (والمتحدثة: the title without its و)
    return sp


# an active participle of the فاعل pattern, indefinite accusative (ضاحكا، باسما، ساخرا): a state
_FAAIL_ACCUSATIVE = re.compile(r"[^\W\dاوي]ا[^\W\dاوي]{2}ا")


def _state_accusative(w: str) -> bool:
    """A word after the speaker's name saying how they spoke (ضاحكا، مبتسما،
    أيضا), never part of the name."""
    return not is_given_name(w) and (w in _ADVERB_WORDS or bool(
        _ADVERBIAL.fullmatch(w) or _FAAIL_ACCUSATIVE.fullmatch(w) or _NISBA_ADVERB.fullmatch(w)))  # (الخيالي هاتفيا)


_SOURCES = {fold_word(w) for w in "مصدر مصادر مسؤول مسؤولة مسؤولون مسؤولين دبلوماسي دبلوماسيون شاهد شهود مواطن مواطنة".split()}
_INFORM = {fold_word(w) for w in "أبلغ أبلغت أبلغوا يبلغ تبلغ".split()}
_OUTLET_HEADS = ("وكاله", "صحيفه", "قناه", "اذاعه", "مجله", "موقع")


def _informed_cut(r: _Reading, sp: _Speaker) -> _Speaker:
    """أبلغ takes whom it informs right after its subject (وأبلغ بوتين
    الحضور بأن، وأبلغ المصدر وكالة الأنباء بأن): the subject ends at the
    person or body tagged first in it, else before an outlet."""
    if r.t[sp.verb_start : sp.verb_end] not in _INFORM:
        return sp
    first = next((e for e in r.ents.starting(sp.start, sp.start + 1) if e[2] in ("PER", "ORG") and e[1] < sp.end), None)
    if first:
        return sp._replace(end=first[1])
    words = list(_WORDS_BACK.finditer(r.t, sp.start, sp.end))
    k = next((i for i, w in enumerate(words) if i and (w.group().startswith(_OUTLET_HEADS) or w.group() in _MEDIA)), None)
    return sp._replace(end=words[k - 1].end()) if k else sp


def _trim_speaker(r: _Reading, sp: _Speaker) -> _Speaker:
    """A speaker span ends before words glued to the name by the tagger or the
    subject reading: a prepositional phrase right after a tagged name (وطالب
    قاسم بالتركيز الإعلامي), a nickname (فانينج الملقب بالبرق الأبيض), a
    trailing «الله» after a surname (سعاد الحربي الله يحفظها; عبد الله، نصر
    الله stay), a trailing كان. A بال… place after a title stays (مدير الشرطة
    بالمنطقة العميد X)."""
    sp = _on_behalf_of(r, _person_after_words(r, _informed_cut(r, sp)))
    sp = _after_and_verbs(r, sp)
    if not any(e[2] == "PER" and e[0] == sp.start for e in r.ents.starting(sp.start, sp.start + 1)):  # (فان بيرسي)
        lead = _drop_complementiser(r.t, (sp.start, sp.end), sp.verb_end)  # ورغم أن تومسون كان …، أضاف: the person, not أن
        sp = sp._replace(start=lead[0]) if lead else sp
    words = list(_WORDS_BACK.finditer(r.t, sp.start, sp.end))
    for k, w in enumerate(words[1:], 1):
        g = w.group()
        nxt = words[k + 1].group() if k + 1 < len(words) else ""
        prev = words[k - 1]
        # (a بال… word cuts only inside a tagged name: مدير جمعية الثقافة بالأحساء علي الغوينم keeps its place,
    # محمد بالطيور his name)
        glued = g.startswith("بال") and len(g) > 4 and any(  # (the tagger's span takes it in: قاسم بالتركيز)
            e[2] == "PER" and e[0] <= prev.start() and e[1] >= w.end() for e in r.ents.starting(prev.start() - _MAX_ENTITY, prev.end()))
        # (a ب phrase right after the tagged name's end: ووعد محمود بتحقيق «…»)
        # (… or an addressee with ل right after it: وقال بارتوميو لهيئة الإذاعة، قال أوباما لنظيره الكيني)
        glued = glued or (g[:1] in ("ب", "ل") and len(g) > 3 and not g.startswith("بن") and any(
            e[2] == "PER" and e[1] == prev.end() for e in r.ents.starting(prev.start() - _MAX_ENTITY, prev.end())))
        # (an addressee the tagger took into the name: أوباما لنظيره الكيني)
        glued = glued or (_to_whom([g]) and len(g) > 2 and any(  # (not لي: دولت باهجة لي is one name)
            e[2] == "PER" and e[0] <= prev.start() and e[1] >= w.end() for e in r.ents.starting(prev.start() - _MAX_ENTITY, prev.end())))
        # (what the subject expressed, his: أبدى المحترف X سعادته البالغة، أبدى المدرب X استياءه)
        glued = glued or _own_feeling(g)
        # (whom an unnamed source spoke to: دبلوماسي أميركي لمجموعة من الصحافيين; not لبناني, لدى)
        glued = glued or (g[:1] == "ل" and len(g) > 3 and k <= 2 and g != "لدي" and not g.endswith(("ي", "يه", "يون", "يين"))
                          and words[0].group().removeprefix("ال") in _SOURCES and prev.group() not in _PREPOSITIONS)
        # (how or what it was said, glued after an untagged name: عز بلهفة وقلق، أحد المشايخ بما يلي)
        glued = glued or (g[:1] == "ب" and _manner_adverb(r.t, w.start(), w.end(), None)) or (g == "بما" and nxt == "يلي")
        cut = g in _NICKNAMED or (g in _KNOWN_AS and nxt.startswith("ب")) or (k == len(words) - 1 and g in _TRAILING_VERBS) or glued
        if cut:
            return sp._replace(end=words[k - 1].end())
    prev_w = words[-2].group() if len(words) >= 2 else ""
    if prev_w and not prev_w.endswith("ا") and (prev_w[2:] if prev_w.startswith("ال") else prev_w) not in _HOLDER_TITLES \
            and _state_accusative(words[-1].group()) and not any(
            e[2] == "PER" and e[1] >= words[-1].end() for e in r.ents.starting(sp.start - _MAX_ENTITY, words[-1].start())):
        return sp._replace(end=words[-2].end())  # وعقب أبي ضاحكا: how he spoke, not who
    before = words[-2].group() if len(words) >= 3 else ""
    if words[-1:] and words[-1].group() == "الله" and before.startswith("ال") and len(before) > 3 and before != "الا":
        return sp._replace(end=words[-2].end())
    return sp


_AND_VERB = re.compile(r"و(?!ال)[^\W\d]{3,4}")


def _after_and_verbs(r: _Reading, sp: _Speaker) -> _Speaker:
    """A speaker opening with verbs joined by و before a tagged person
    (وابتسم وسكت وأرخى عمر عينيه): the person; the verbs are his actions."""
    per = next((e for e in r.ents.starting(sp.start + 1, sp.end) if e[2] == "PER"), None)
    if per is None:
        return sp
    words = r.t[sp.start : per[0]].split()
    if words and all(_AND_VERB.fullmatch(w) and w not in _WAW_NAMES and w not in _WAW_NOUNS for w in words):
        return sp._replace(start=per[0])
    return sp


_AGED = {fold_word(w) for w in "البالغ المقيم المقيمة المتهم المعروف الملقب".split()}
_NEXT_NAME_WORD = re.compile(r" (?P<w>[^\W\d]{2,20})(?!\w)")


def _complete_name(r: _Reading, sp: _Speaker) -> _Speaker:
    """A name the tagger cut inside its lineage: one ending in بن/أبو/آل
    (متولي أبو | سريع) runs on one word, one ending in بن X on to an al-
    family name (خالد بن عبدالله | العرج، ناصر بن محمد | المطوع)."""
    words = r.t[sp.start : sp.end].split()
    if r.t[sp.end : sp.end + 1] == "·" and words and words[-1] in _SPELLED_INITIALS:
        after = _NEXT_NAME_WORD.match(r.t, sp.end + 1)  # (لورا إيه. | كولانجيلو: the surname after the initial)
        return sp._replace(end=after.end("w")) if after and not _is_verb(after.group("w")) else sp
    m = _NEXT_NAME_WORD.match(r.t, sp.end)
    if not words or not m or m.group("w") in _STOPS or m.group("w") in _RELATIVES or _is_verb(m.group("w")):
        return sp
    w = m.group("w")
    if words[-1] in _NASAB or (len(words) >= 2 and words[-2] in ("بن", "ابن") and w.startswith("ال") and len(w) > 4
                                and w[2:] not in _TITLE_HEADS and w not in _ADVERB_WORDS and not w.endswith("ه")
                                and w not in _AGED):  # (صالح بن أحمد البالغ من العمر: his age, not his family)
        # (not a feminine adjective of the noun before the name: مقولة ديفيد بن غوريون التاريخية)
        return sp._replace(end=m.end("w"))
    if _family_name_after(words, w) and not any(e[2] != "PER" for e in r.ents.starting(m.start("w"), m.start("w") + 1)):
        return sp._replace(end=m.end("w"))  # (نور الدين | الطويل: the tagger stopped before the family name)
    return sp


_DAY_WORDS = set(_DAYS.split("|"))


def _family_name_after(words: list[str], w: str) -> bool:
    """A two-word given name (نور الدين، عبد الله) tagged without the al- family name right after it."""
    return (len(words) == 2 and (is_given_name(words[0] + words[1]) or words[1] in ("الدين", "الله", "الرحمن"))
            and w.startswith("ال") and len(w) > 4 and w[2:] not in _TITLE_HEADS and w[2:] not in _HOLDER_TITLES
            and w not in _ADVERB_WORDS and not w.endswith("ه") and w not in _AGED and w not in _DAY_WORDS
            and w not in _STOPS and w not in _RELATIVES)


def _opens_with_preposition(r: _Reading, pos: int) -> bool:
    """A speaker span opening with a preposition (إلى، عن، على but not علي, Ali)."""
    w = _WORDS_BACK.match(r.t, pos)
    if not w or w.group() not in _SPEAKER_PREPOSITIONS:
        return False
    return w.group() != "علي" or keep_letters(r.text[r.fd.orig(w.start()) : r.fd.orig(w.end())]) == "على"


# Words glued to a speaker by the subject reading: a preposition with a
# pronoun before it (قال خلاله القائد X), a reflexive after it (وتصف الصحيفة
# نفسها), a time clause after it (وقال إيرنست حين سئل).
_LEADING_GLUE = {fold_word(w) for w in "خلاله خلالها أثناءه أثناءها فيه فيها حينها حينه بعدها بعده عندها عندئذ".split()}
_TRAILING_GLUE = {fold_word(w) for w in "نفسه نفسها نفسهم أنفسهم ذاته ذاتها".split()}
_CLAUSE_GLUE = {fold_word(w) for w in "حين حينما عندما أثناء وهو وهي الذي التي الذين".split()}  # (not لدى: السفير لدى الأمم المتحدة)
_COLON_VERBS = {fold_word(w) for w in "بين بينت".split()}  # (وبين X: …, explained; not in the verb list: بين is "between")
_THEN_NOT = re.compile(r"\s{1,3}عدم(?!\w)")
_SOURCE_HEADS = _DESCRIBED | _UNNAMED
_OPEN_MARKS = "«“„‹\""


def _unglued(r: _Reading, sp: _Speaker) -> _Speaker:
    """``sp`` without glued words; a person's tagged name in marks that ends
    the span is the name (مدير الجهاز الفني «جوريجوس دونيس»)."""
    words = list(_WORDS_BACK.finditer(r.t, sp.start, sp.end))
    if len(words) >= 2 and words[0].group()[:1] in "وف" and words[0].group()[1:] in _VERBS | _COLON_VERBS \
            and not _entity_at(r, sp.start):
        sp = sp._replace(start=words[1].start())  # (وبين السهلي: …: the verb is not the name)
        words = words[1:]
    if len(words) >= 2 and words[0].group() in _LEADING_GLUE:
        sp = sp._replace(start=words[1].start())
        words = words[1:]
    for k, w in enumerate(words[1:], 1):
        if w.group() in _CLAUSE_GLUE or (w.group() in _TRAILING_GLUE and k == len(words) - 1):
            return sp._replace(end=words[k - 1].end())
    if r.t[sp.verb_start : sp.verb_end].removeprefix("و") in _OBJECT_VERBS:
        per = next((e for e in r.ents.starting(sp.start, sp.end) if e[2] == "PER" and e[1] < sp.end), None)
        if per and r.t[per[1] : sp.end].strip():
            return sp._replace(end=per[1])  # (واعتبر الحوثي نجاح المقاومة «…»: what he deemed follows the name)
    if len(words) >= 3 and _THEN_NOT.match(r.t, sp.end):
        return sp._replace(end=words[-2].end())  # (مصدر من المقاومة فضل عدم الكشف عن اسمه: فضل is his verb)
    if sp.start and _MARKS.match(r.t, sp.start - 1):
        inner = _MARKS.search(r.t, sp.start, sp.end)
        if inner and len(r.t[sp.start : inner.start()].split()) >= 2:
            return sp._replace(end=inner.start())  # («أم فاطمة» معلمة: the name in its marks)
    mark = max(r.t.rfind(c, sp.start, sp.end) for c in _OPEN_MARKS)
    end = sp.end - 1 if _MARKS.match(r.t, sp.end - 1) else sp.end  # (… «جوريجوس دونيس»)
    title = r.t[sp.start : mark].split() if mark > sp.start else []
    if title and len(title) <= 5 and title[0] not in _SOURCE_HEADS and not _MARKS.search(r.t, mark + 1, end) and any(
            e[2] == "PER" and e[0] == mark + 1 and e[1] <= end for e in r.ents.starting(mark + 1, mark + 2)) and (
            end < sp.end or _MARKS.match(r.t, sp.end) or r.t[sp.end : sp.end + 1].isspace() and _MARKS.match(r.t, sp.end + 1)):
        return sp._replace(start=mark + 1, end=end)  # (a person's name in marks, not a book or a paper: مؤلف كتاب «…»)
    return sp


def _names_nobody(r: _Reading, sp: _Speaker) -> bool:
    """Whether an untagged speaker span is a phrase that names no one."""
    return _names_no_one(r.t, r.text, r.fd, sp.start, sp.end)

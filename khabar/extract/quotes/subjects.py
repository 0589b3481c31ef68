"""Reading a reporting verb's written subject from the text: where it ends (sourcing, adverbials, addressees, objects), titles and their holders, a subject written before the verb."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from khabar.arabic import FATHATAN, SHADDA
from khabar.extract import lexicon as L
from khabar.extract.agreement import is_given_name, speaker_gender
from khabar.extract.fold import fold_word, keep_letters
from khabar.extract.lexicon import OSP, SP, alternation
from khabar.ner.features import strip_article
from khabar.extract.quotes.cues import (
    _ACCUSATIVES, _ADDRESSEE, _ADVERBIAL, _ADVERB_WORDS, _AMBIGUOUS, _AND_STOPS, _BROKEN_PLURALS, _COMPLEMENTISERS,
    _CONSTRUCT_HEADS, _DAYS, _DESCRIBED, _FIRST_PERSON, _HOLDER_GAP, _HOLDER_TITLES, _HONOURED_BY, _KIN,
    _LAST_PREVERBAL_BREAK, _MARKS, _MAX_ENTITY, _MEDIA, _NAME_NOUNS, _NASAB, _NISBA_ADVERB, _ORG_HEADS, _POSSESSIVE,
    _PREPOSITIONS, _PRONOUNS, _QUOTE_INTRO, _RELATIVES, _SENT_END, _SOME_OF, _STOPS, _SUBJECT_HEADS, _TITLE_HEADS,
    _TO_MEDIA, _UNNAMED, _UTTERANCE_NOUNS, _VERBS, _WAW_NAMES, _WAW_NOUNS, _WHAT, _WORD, _WORDS_BACK, _is_verb,
    _last_of,
)
from khabar.extract.quotes.ids import _Entities, _governed_name, _is_role
from khabar.extract.quotes.marks import _cut, _strip_clitic
from khabar.extract.quotes.records import _Speaker
from khabar.extract.quotes.speech import _writer_says

# the rest of a multi-word outlet name after its first word (لفرانس برس)
_MEDIA_TAILS = {fold_word(w) for w in "برس بريس نيوز بي سي إن ان عربية 24 الإخبارية".split()}

_OBJECT_HEADS = {fold_word(w) for w in L.OBJECT_HEADS}

# ... and X with a short name in marks inside (عن قيادي في كتائب «حمزة» الفاعلة …، أن)
_NAQL_COMMA_NAMED = re.compile(rf"(?<!\w)عن{SP}(?P<s>(?:[^.\n«»\"“”:،]|[«\"“][^.\n«»\"“”:،]{{1,40}}[»\"”]){{2,80}}?){OSP}،"
                               rf"[^.\n«»\"“”:]{{0,120}}?(?:{alternation(_QUOTE_INTRO)}|ان|انه|انها|بان|بانه|بانها)(?!\w)")


def _naql_named(t: str, ve: int) -> re.Match | None:
    """_NAQL_COMMA_NAMED after ``ve``, only when the source has a name in marks (else _NAQL_COMMA read it)."""
    m = _NAQL_COMMA_NAMED.search(t, ve, min(len(t), ve + 240))
    return m if m and _MARKS.search(t, m.start("s"), m.end("s")) else None


# a time phrase right after the verb (وقال أمس، قال مساء أمس، صرح الأسبوع الماضي، قال بدوره) comes before the
# subject, which it must not end; اليوم alone is left out (اليوم الوطني, a noun phrase), and so is a day's
# name alone (وقال الخميس: a surname)
_TIME_AFTER_VERB = re.compile(rf"\s{{1,3}}(?:(?:صباح|مساء|ظهر|عصر|فجر|ليله){SP}(?:امس|اليوم|{_DAYS})|امس"
                              rf"|(?:الاسبوع|الشهر|العام){SP}(?:الماضي|المنصرم)|يوم{SP}(?:{_DAYS})|(?:{_DAYS}){SP}الماضي"
                              rf"|بدوره|بدورها)(?!\w)(?=\s{{1,3}}[^\W\d])")

# a blessing on the one spoken of right after the verb (وكان يرى طيب الله ثراه أن، قال رحمه الله): never the subject;
# who it blesses was named before
_PIOUS_AFTER_VERB = re.compile(rf"\s{{1,3}}(?:طيب{SP}الله{SP}ثراه|يرحمه{SP}الله|رحمه{SP}الله|رحمها{SP}الله|حفظه{SP}الله"
                               rf"|رعاه{SP}الله|ايده{SP}الله|غفر{SP}الله{SP}له)(?!\w)")


def _subject(t: str, pos: int, ents: "_Entities", orig_text: str | None = None, fd=None,
             names: dict[int, int] | None = None, limit: int = 14) -> tuple[int, int] | None:
    """The subject phrase after a verb ending at ``pos`` (folded offsets).
    ``names``: opening mark -> closing mark of name pairs, which count as one
    word (`وأعلنت «اللجنة السورية» أن`); a leading `لـ«الشرق الأوسط»` (to whom
    it was said) is stepped over."""
    names = names or {}
    start = end = None
    aside = _ASIDE.match(t, pos)  # وكتب (باللغة الإنجليزية) عبد الله الريس: an aside before the subject
    named = next((e for e in ents.starting(pos, aside.end()) if e[2] == "PER"), None) if aside else None
    if named:
        return named[0], named[1]  # قال (مارك كيبلينغ) مدير العمليات: the name itself in parentheses
    if aside and not _WORD.match(t, aside.end()):
        aside = None
    p = _subject_opens(t, aside.end() if aside else pos, names)
    nwords = 0
    prev_w = ""
    skipped = False
    for _ in range(limit):
        q = p
        while q < len(t) and q < p + 3 and t[q].isspace():
            q += 1
        if q in names:  # «Name» as a word of the subject
            if (start is not None and nwords == 1 and prev_w.startswith("ال") and not speaker_gender([prev_w])
                    and _strip_clitic(prev_w) not in _NAME_NOUNS and prev_w not in _NAME_NOUNS):
                break  # لم يذكر التقرير «كمية مجمل الدهون» ضمن…: what the report names is its object (not السيد «فركاش»)
            if start is None:
                start = q + 1
                end = names[q]
            else:
                end = names[q] + 1  # وكالة «رويترز»: both marks inside the speaker
            p = names[q] + 1
            continue
        m = _WORD.match(t, p)
        if not m:
            break
        if start is None and m.group("w") == "ل" and _mark_at(t, m.end("w"), names) is not None:
            p = names[_mark_at(t, m.end("w"), names)] + 1  # قال لـ«الشرق الأوسط» أحد منظميها، لـ "الاقتصادية"
            continue
        w = _subject_word(t, m, orig_text, fd)
        if w is None:
            break
        if start is None and not skipped and _adverb_first(t, m, w, ents):
            p, skipped = m.end(), True  # يكشف سرا من …، وأضاف أيضا الوزير: the adverb is no subject
            continue
        if start is None and _untagged_object_word(t, m, w, ents, orig_text, fd):
            break  # (وكان يقول لأصدقائه، وتابعت كلامي: to whom, or what; the speaker was named before)
        # مسؤول في وزارة الطاقة، المحلل في شركة الراجحي المالية فهد الشثري:
        # where the source works, not where it was said (في بيان، في الرياض)
        employer = start is not None and (
            (w == "في" and nwords <= 2 and prev_w in _DESCRIBED and _org_follows(t, m.end("w")))
            or (w in ("في", "من") and nwords <= 3 and _unnamed_head(t, start) and _DEFINITE_NEXT.match(t, m.end("w"))))
        named = (start is not None and w in _NAME_STOPS and _names_start_at(t, m.start("w"), ents)) or (
            start is None and w == _VAN)  # (وقال فان جال: فإن never opens the subject right after its verb)
        if not employer and not named and (
                _phrase_after_subject(w, start is None) or _object_after_subject(t, m, w, nwords, prev_w)):
            break
        if start is None:
            # واختتم والعطية: a conjunction glued to the first word of the subject
            start = m.start("w") + (w.startswith("وال") and not w.startswith("والد") and len(w) > 5)
        end = m.end("w")
        p = m.end()
        nwords += 1
        prev_w = w
    if start is None or _manner_adverb(t, start, end, ents):
        return None
    holder = _name_after_title(t, start, end, ents, orig_text, fd)
    cut = _cut_at_entity(t, start, holder, ents)
    if cut[1] < end and t[cut[1] - 1 : cut[1]] != " " and any(
            names.get(o) == cut[1] for o in range(max(start, cut[1] - 60), cut[1])):
        cut = cut[0], cut[1] + 1  # تقرير شركة «كي بي إم جي»: the name's closing mark goes with its opening one
    if holder > end and cut[1] <= end and not any(e[2] == "PER" for e in ents.starting(start, holder)):
        return start, holder  # مدير جمعية الثقافة والفنون بالأحساء علي الغوينم: the holder, untagged, after the body
    return cut


def _subject_opens(t: str, p: int, names: dict[int, int]) -> int:
    """Where the subject after a verb (at ``p``) opens: past whom it was said
    to, a blessing, a time phrase and «كل من»."""
    p = _skip_addressee(t, p, names)
    pious = _PIOUS_AFTER_VERB.match(t, p)
    if pious:
        p = pious.end()
    when = _TIME_AFTER_VERB.match(t, p)
    if when:
        p = _skip_addressee(t, when.end(), names)  # وقال أمس وزير البيئة، كما قال مساء أمس لـ«الوطن» الوزير
    each = _EACH_OF.match(t, p)
    return each.end() if each else p  # ويقول كل من مصطفى عثمان وخورشيد خيبر: the first of those named


_NAME_STOPS = {fold_word(w) for w in "صباح فجر".split()}  # given names that are also times of day
_VAN = fold_word("فان")  # Van (فان جال، فان بيرسي), folded as فإن is


def _names_start_at(t: str, pos: int, ents) -> bool:
    """A tagged name of two words or more opens at ``pos`` (المطوفة صباح
    بوان: Sabah the name, not «morning»)."""
    return any(e[2] == "PER" and " " in t[e[0] : e[1]] for e in ents.starting(pos, pos + 1))


def _manner_adverb(t: str, start: int, end: int, ents) -> bool:
    """A subject that is ب + a noun of manner (فقال بأسى، ثم قال بهدوء،
    وأجاب بسخرية، فقال بلا حماس، قال بصوته): how it was said, not who."""
    w = t[start:end].split()[0]
    if w[:1] in ("ب", "ل") and len(w) > 4 and w.endswith("ي") and ents and not is_given_name(w):
        # بدوري، لإحدى: ب/ل + a noun (with my), unless the tagger names someone there (بارزاني)
        return not any(e[0] <= start < e[1] for e in ents.starting(start - _MAX_ENTITY, start + 1))
    if w[:1] != "ب" or len(w) < 4:
        return False
    stem = w[1:]
    for suffix in ("ها", "ه"):
        if stem.endswith(suffix) and stem[: -len(suffix)] in _MANNER_NOUNS:
            return True
    return stem in _MANNER_NOUNS or stem == "لا"


# how something is said, after ب (بهدوء، بأسى): never a speaker
_MANNER_NOUNS = {fold_word(w) for w in """هدوء أسى سخرية جدية فرحة بساطة دهشة حزن حدة غضب حماس حماسة لهفة مرارة
ثقة صراحة اندفاع غيظ خبث صوت لهجة نبرة ابتسامة ضيق عصبية استغراب فخر حسرة انفعال تأثر هدوئه دلال حنان عتاب
برود ألم تهكم حرقة إصرار حزم تردد خجل شكل طريقة""".split()}


_EACH_OF = re.compile(r"\s{1,3}كل\s{1,3}من(?=\s)")
_ASIDE = re.compile(r"[ \t]{0,3}\([^()\n]{1,40}\)")

# words that show the name after them is not the title holder's: another
# party (مع نظيره، عن، إلى), a conjunction, a clause
_NOT_HOLDER = {fold_word(w) for w in "مع عن إلى الى على أمام حول ضد بين نحو نظيره نظيرته نظيريه قبل بعد منذ حيث".split()}
_HOLDER_GAP_WORDS = 8
_DEPUTIES = {fold_word(w) for w in "نائب نائبة ممثل ممثلة".split()}
_OVERSEERS = {fold_word(w) for w in "مشرف مشرفة قائم قائمة".split()}  # (المشرف على: the supervisor of)
_IN_PLACE = {fold_word(w) for w in "في لدى".split()}  # (سفير لبنان في واشنطن X: a place, not «and»)


def _name_after_title(t: str, start: int, end: int, ents, orig_text: str | None = None, fd=None) -> int:
    """A subject that is a title alone (الباحث الأردني، سفيرة الولايات
    المتحدة، المتحدث باسم العشائر) ends at the name of its holder when a
    tagged person follows after a place or a body (في الجماعات الإسلامية،
    لدى الأمم المتحدة، بمنطقة …), or after a comma (…للتنظيم، محمد
    الشعباني); ``end`` otherwise."""
    if not ents:
        return end
    head = t[start:end].split()[0]
    if (head[2:] if head.startswith("ال") else head) not in _TITLE_HEADS:
        return end
    if any(e[2] == "PER" and e[0] < end and e[1] > start and not _tagged_title(t, e)
           for e in ents.starting(start - _MAX_ENTITY, end)):
        return end
    per = next((e for e in ents.starting(end, end + 120) if e[2] == "PER"), None)
    if per is None or per[0] > end + 60:
        return _untagged_holder(t, end, orig_text, fd) or end
    gap = _titled_apposition(t[end : per[0]].rstrip())
    if gap.endswith(("،", ",")):
        gap = gap[:-1]  # (…للتنظيم، محمد الشعباني: the name set off by a comma)
    if _HOLDER_GAP.search(gap):
        return end
    words = gap.split()
    deputy = (head[2:] if head.startswith("ال") else head) in _DEPUTIES  # النائبة عن التحالف المدني … شروق العبايجي
    # (المشرف العام على العلاقات العامة والإعلام بالوزارة X: على and what he oversees are the title's)
    oversees = bool(words) and words[0] == "علي" and (head[2:] if head.startswith("ال") else head) in _OVERSEERS
    if len(words) > _HOLDER_GAP_WORDS + 4 * oversees or any(
            (w in _NOT_HOLDER and not (deputy and w == "عن") and not (oversees and k == 0)) or _is_verb(w)
            or w in _COMPLEMENTISERS or w in _RELATIVES or w in _TO_MEDIA or w in _ADDRESSEE
            or (w[0] == "و" and w not in _WAW_NAMES and w[1:] not in _TITLE_HEADS and not (oversees and w[1:3] == "ال")
                and not _conjoined_body_word(w) and not (k and words[k - 1] in _IN_PLACE))
            for k, w in enumerate(words)):
        return end
    return per[1]


def _conjoined_body_word(w: str) -> bool:
    """و + a definite noun that is no title (إدارة التفكير والتنمية
    البشرية): part of the body's name, not a second party."""
    return w.startswith("وال") and len(w) > 5 and w[3:] not in _TITLE_HEADS and w[3:] not in _HOLDER_TITLES


def _tagged_title(t: str, e) -> bool:
    """A one-word person mention that is a title (the tagger's «القيادي»): no name."""
    w = t[e[0] : e[1]]
    return " " not in w and strip_article(w) in _TITLE_HEADS


_APPOSED_TITLE_WORDS = 3


def _titled_apposition(gap: str) -> str:
    """The gap between a title and its holder up to a last comma that sets off
    the holder's own title (عميد شؤون المكتبات بالجامعة، الدكتور X): the
    comma and the titles after it belong to the holder."""
    comma = max(gap.rfind("،"), gap.rfind(","))
    if comma < 0:
        return gap
    words = gap[comma + 1 :].split()
    if not words or len(words) > _APPOSED_TITLE_WORDS:
        return gap
    if all((w[2:] if w.startswith("ال") else w) in _HOLDER_TITLES for w in words):
        return gap[: comma + 1]
    return gap


# a title's holder the tagger missed, after at most a place with ب: (مدير الجمعية) بالأحساء علي الغوينم
_UNTAGGED_HOLDER = re.compile(r"\s{1,3}(?:ب[^\W\d]{2,20}(?:\s{1,3}ال[^\W\d]{2,20})?\s{1,3})?"
                              r"(?P<g>[^\W\d]{2,12})\s{1,3}(?P<s>ال[^\W\d]{2,20})(?!\w)")


def _untagged_holder(t: str, end: int, orig_text: str | None, fd) -> int | None:
    """The end of a given name and an al- surname right after a title (or
    after a place with ب), tagged or not: the holder is named (علي الغوينم).
    علي is the name only when spelled with ي, not the preposition على."""
    m = _UNTAGGED_HOLDER.match(t, end)
    if not m or not is_given_name(m.group("g")) or m.group("s") in _STOPS:
        return None
    if m.group("g") == "علي" and (orig_text is None or orig_text[fd.orig(m.start("g") + 2)] != "ي"):
        return None
    return m.end("s")


def _subject_word(t: str, m: re.Match, orig_text: str | None, fd) -> str | None:
    """The folded word ``m`` as the subject reads it: None where it cannot
    be in the subject, "" where it is a plain name."""
    w = m.group("w")
    if orig_text is not None and FATHATAN in orig_text[fd.orig(m.start("w")) : fd.orig(m.end("w"))]:
        return None  # tanween fath marks an accusative: the object (وكتب زوكربيرغ منشوراً), never the subject
    if w == "اول" and _MIN_NEXT.match(t, m.end("w")):
        return None  # أول من أمس (the day before yesterday), not the first word of a subject
    if w == "علي" and _COMPLEMENT_NEXT.match(t, m.end("w")):
        return None  # Egyptian spelling of على before أن: شدد الوزير علي أن
    if w == "علي" and orig_text is not None and SHADDA in orig_text[fd.orig(m.start("w")) : fd.orig(m.end("w")) + 1]:
        return None  # عليّ: "to me" (فرد عليّ قائلا), never the name Ali
    if w in _AMBIGUOUS and orig_text is not None:
        # folding merged على/علي (Ali) and أن/آن (Anne): look at the original
        ow = keep_letters(orig_text[fd.orig(m.start("w")) : fd.orig(m.end("w"))])
        if ow not in _AMBIGUOUS[w]:
            return ""
    return w


def _unnamed_head(t: str, start: int) -> bool:
    """A subject opening with an unnamed source (مسؤول رفيع، أحد القادة): what
    follows with في/من says which (في الاتحاد الأوروبي، من الجيش الليبي)."""
    head = _WORDS_BACK.match(t, start)
    return bool(head) and (head.group() in _UNNAMED or head.group() in _SOME_OF)


def _org_follows(t: str, pos: int) -> bool:
    org = _WORD.match(t, pos)
    return bool(org and org.group("w") in _ORG_HEADS)


# a participle of state (متحمسة، مبتسما، مستغربة) right before the speech: how it was said (وتابعت متحمسة: «…»)
_STATE_PARTICIPLE = re.compile(r"م[^اويى\s]\w{2,7}[اه]")
_SPEECH_NEXT = re.compile(r"[ \t]{0,3}(?:[:«\"“]|[،,][ \t]{0,3}[«\"“])")


def _state_before_speech(t: str, m: re.Match, w: str) -> bool:
    """A state participle (an organisation's head word never has a colon or a quote right after it)."""
    return bool(_STATE_PARTICIPLE.fullmatch(w) and _SPEECH_NEXT.match(t, m.end("w")))


def _adverb_first(t: str, m: re.Match, w: str, ents) -> bool:
    """An indefinite accusative right after the verb (يكشف سرا، يعتبر طبيعيا،
    وأضاف أيضا): an adverb, stepped over, never the subject, unless the tagger
    names it (أوباما، سيلفيا) or it is a given name."""
    if not w or w.startswith("ال") or not (w in _ADVERB_WORDS or _NISBA_ADVERB.fullmatch(w) or _state_before_speech(t, m, w)):
        return False
    s = m.start("w")
    return not is_given_name(w) and not any(e[1] > s for e in ents.starting(s - _MAX_ENTITY, m.end("w")))


def _phrase_after_subject(w: str, first: bool) -> bool:
    """A word that starts what follows the subject (a stop, verb, complementiser,
    number, بالرياض، بقوله); ``first``: no subject word yet (للصحافيين)."""
    return bool(w) and (w in _STOPS or _is_verb(w) or w in _COMPLEMENTISERS or (w[0] in "وف" and w[1:] in _AND_STOPS)
                        or (not first and w in _COPY_RECEIVED)  # بيان للوزارة تلقت «الشرق الأوسط» نسخة منه
                        or (not first and w in _WHAT)  # ووصف أوباما ما حدث، ونفى مسؤول ما تردد: what, the object
                        or (not first and w in _ACCUSATIVES)  # وتصف الصحيفة شيئا من سره: the object
                        or w[0].isdigit() or len(w) == 1 or (first and w.startswith("لل"))
                        or w.startswith("بال") or w in _QUOTE_INTRO or w in _TO_MEDIA
                        or (w in _ADDRESSEE and w[0] == "ل" and len(w) > 3)  # كاميرون لشبكة (إن.بي.سي)
                        or (first and w[0] == "ل" and w[1:] in _ORG_HEADS)  # وتابع لمؤسسة كارنيغي
                        or (first and bool(_ADVERBIAL.fullmatch(w)))  # ويوضح مدافعا عن …: a participle, no subject
                        or (first and len(w) > 4 and w[0] == "و" and (w[1] == "ب" or w[1:4] == "لال"))  # قال لي وبذات الزهو
                        or (first and w[0] in "لب" and len(w) > 4 and w.endswith(("ها", "هم", "ك", "كم"))
                            and not is_given_name(w)))  # بسببها، لأفرادها، فتقول لنفسك (not بارزاني: a name)


# a statement «received» by the outlet: a clause after the statement, never part of who speaks
_COPY_RECEIVED = {fold_word(w) for w in "تلقت تلقى تلقينا حصلت حصل حصلنا اطلعت اطلع اطلعنا".split()}


# what one stresses, supports or rejects (وأكد أهمية، وأكد وجود، جدد رفض): a verb's object, never
# its subject (unlike نتائج, تفاصيل: وتفيد تفاصيل القضية، أظهرت نتائج الدراسة)
_STANCE_OBJECTS = {fold_word(w) for w in """أهمية ضرورة رفض دعم استعداد التزام عزم حرص إدانة ترحيب
تأييد استمرار عدم وجود مشاركة""".split()}


def _object_after_subject(t: str, m: re.Match, w: str, nwords: int, prev_w: str) -> bool:
    """The object after a subject of two words or more: أكد الوزير خالد الفهيد
    مشاركة…، أشاد المدرب بأداء اللاعبين; after one definite word too when it
    is an object noun (روى الزوج تفاصيل الحادث); an object noun right after
    the verb is no subject at all (وأكد أهمية تضافر الجهود)."""
    if (nwords == 0 and w in _STANCE_OBJECTS) or (
            nwords == 1 and w in _OBJECT_HEADS and not w.startswith("ال") and w not in _UTTERANCE_NOUNS
            and prev_w.startswith("ال") and prev_w not in _CONSTRUCT_HEADS):
        return True
    if not w or nwords < 2 or prev_w in _CONSTRUCT_HEADS:
        return False
    return w in _OBJECT_HEADS or bool(w[0] == "ب" and len(w) >= 4 and w[1] in "اتم" and w != "باسم"
                                      and _DEFINITE_NEXT.match(t, m.end("w"))) or bool(_BI_MASDAR.fullmatch(w))


# ب + a verbal noun of the shapes إفعال/افتعال and تفعيل (بإحداث، باتخاذ، بتقديم), folded: what the subject
# pledged or called for (وتعهد وزير الخارجية التونسي بإحداث قنصلية), never part of who; the shapes
# leave out names and places (باكستان has seven letters, باسم is not one of them)
_BI_MASDAR = re.compile(r"ب(?:ا\w\wا\w|ت\w\wي\w)")


_COMPLEMENT_NEXT = re.compile(r"\s{1,3}(?:ان|انه|انها|انهم|بان|ضروره|اهميه)(?!\w)")
_DEFINITE_NEXT = re.compile(r"\s{1,3}ال")
def _object_like(t: str, subj: tuple[int, int]) -> bool:
    """Two words or fewer, not opening with a title: what وصف/اعتبر describe."""
    words = t[subj[0] : subj[1]].split()
    head = words[0][2:] if words[0].startswith("ال") else words[0]
    return len(words) <= 2 and head not in _SUBJECT_HEADS and words[0] not in _SUBJECT_HEADS


_MIN_NEXT = re.compile(r"\s{1,3}من\s{1,3}امس(?!\w)")
_LOCATIVE = re.compile(r"\s{1,3}في\s{1,3}[^\s«»\"“”،,.:]{2,20}(?=\s)")


def _mark_at(t: str, i: int, names: dict[int, int]) -> int | None:
    """The opening mark of a name pair at ``i`` or after one space there."""
    if i in names:
        return i
    return i + 1 if t[i : i + 1] == " " and i + 1 in names else None


def _skip_addressee(t: str, p: int, names: dict[int, int]) -> int:
    """Step over `لوكالة الأنباء الألمانية` / `للصحافيين في عمّان` / `عليه`
    between a verb ending at ``p`` and its subject; ``p`` when there is none.
    The phrase runs over definite words (and «names»); a subject must follow:
    an indefinite word that is not a stop (`في ختام الاجتماع إن` is no subject)."""
    m = _WORD.match(t, p)
    if m and m.group("w") in _TO_MEDIA and m.group("w") not in _ADDRESSEE:
        return _skip_media_tail(t, m.end())  # لرويترز، لفرانس برس: a whole name, the subject follows
    if not m or m.group("w") not in _ADDRESSEE:
        return p
    q = m.end()
    mark = m.end("w") if m.end("w") in names else _mark_at(t, m.end("w"), names) if m.group("w") == "ل" else None
    if mark is not None:  # لـ«الشرق الأوسط»، لـ "الاقتصادية" (لقناة «العربية» is read below)
        q = names[mark] + 1
        comma = _ADDRESSEE_COMMA.match(t, q)
        if comma and _WORD.match(t, comma.end() - 1):
            q = comma.end() - 1  # وقال لـ«الشرق الأوسط»، الدكتور فهمي صبحة: the subject after the comma
    for _ in range(4 if m.group("w")[0] == "ل" and len(m.group("w")) > 3 else 0):  # له، عليه: no phrase
        n = _WORD.match(t, q)
        if n and (n.group("w").startswith("ال") or n.group("w") in _MEDIA) and n.group("w") not in _STOPS:
            q = n.end()
            continue
        k = q
        while k < len(t) and k < q + 3 and t[k].isspace():
            k += 1
        if k in names:
            q = names[k] + 1
        break  # a «name» ends the phrase: قالت لقناة «العربية» المتحدثة
    loc = _LOCATIVE.match(t, q)
    if loc:
        q = loc.end()
    n = _WORD.match(t, q)
    if not n:
        return p
    w = n.group("w")
    if (loc and w.startswith("ال")) or w in _STOPS or w in _VERBS or w in _COMPLEMENTISERS or w[0].isdigit():
        return p
    return q


_ADDRESSEE_COMMA = re.compile(r"[ \t]{0,2}[،,][ \t]")


def _skip_media_tail(t: str, q: int) -> int:
    """Past the rest of an outlet's name (برس، نيوز) after ``q``."""
    for _ in range(3):
        n = _WORD.match(t, q)
        if not n or n.group("w") not in _MEDIA_TAILS:
            break
        q = n.end()
    return q


def _plain_word(w: str) -> bool:
    """A word that can be part of a noun phrase subject."""
    return not (w in _VERBS or w in _COMPLEMENTISERS or w in _RELATIVES or w in _QUOTE_INTRO or w[0].isdigit())


def _preverbal_subject(t: str, vs: int) -> tuple[int, int] | None:
    """A subject written before its verb at ``vs``, the whole sentence up to
    the verb: `والأمين العام للاتحاد سالم الشمري قال`, `ومدير الدائرة قال`,
    `تقرير صادر عن البنك الدولي يقول`, `أما الوزير فقال`. Only a sentence
    that opens with a definite noun or a title-like head (a verb-first
    sentence `وصل الوزير … وقال` has no subject before its verb), with no
    comma, verb or complementiser before the verb."""
    lo = max(0, vs - 160)
    seg = t[lo:vs]
    cut = _cut(_LAST_PREVERBAL_BREAK(seg))
    if cut < 0 and lo > 0:
        return None
    if cut >= 0 and seg[cut] in "،," and (seg[cut + 1 :].split() or [""])[0] not in _FA_INNA:
        return _amma_subject(t, lo + cut) if t[vs - 1] == "ف" and not seg[cut + 1 :].strip(" ف") else None
    words = list(_WORDS_BACK.finditer(t, lo + cut + 1, vs - 1 if t[vs - 1] == "ف" else vs))
    if not 1 <= len(words) <= 12:
        return None
    first = words[0].group()
    start = words[0].start()
    fa = t[vs - 1] == "ف"  # أما X فقال: only after أما
    if fa != (first in ("اما", "واما")):
        return None
    if fa:
        words = words[1:]
        if not words:
            return None
        first, start = words[0].group(), words[0].start()
    elif (first in _DEMONSTRATIVES or first in _FA_INNA) and len(words) > 1:
        words = words[1:]  # فهذا الرئيس الأمريكي يقول، فإن الرواية الصادرة عن النظام تزعم: the subject follows
        first, start = words[0].group(), words[0].start()
    elif first[0] == "و" and len(first) > 3 and first not in _WAW_NAMES and first not in _SUBJECT_HEADS:
        first, start = first[1:], start + 1
    if not (fa or first.startswith("ال") or first in _SUBJECT_HEADS) or first in _STOPS or first in _RELATIVES:
        return None  # (after أما the subject is certain: أما استشاري الأمراض … فقال)
    if not all(_plain_word(w.group()) for w in words) or words[-1].group() in _STOPS or words[-1].group() == "ثم":
        return None  # (… لم يتوقع الأمر ثم قال: ثم joins two verbs, no subject before it)
    if words[-1].group() in _WHEN_WORDS:
        return None  # (أوضحت الوزارة … يونيو الماضي عندما قالت: the verb's subject is the main clause's)
    return start, words[-1].end()


_WHEN_WORDS = {fold_word(w) for w in "عندما حينما حين بعدما كلما لما".split()}

_DEMONSTRATIVES = {fold_word(w) for w in "هذا وهذا فهذا هذه وهذه فهذه".split()}
_FA_INNA = {fold_word(w) for w in "فإن وإن".split()}  # (فإن X يقول: إن's noun is the verb's subject)

# ... and without marks when the column's formula follows: سبق تقول للمسؤول:
_COLUMN_OPENER = re.compile(r"[ \t]{0,6}(?P<s>[^\W\d]{2,20})[ \t]{1,3}")
_TO_OFFICIAL = re.compile(r"\s{1,3}للمسؤول(?!\w)")
_QUOTED_OPENER = re.compile(r"[ \t]{0,3}[\"«“](?P<s>[^\W\d]{2,20}(?: [^\W\d]{2,20}){0,2})[\"»”][ \t]{1,3}")


def _quoted_opener(t: str, vs: int, ve: int) -> tuple[int, int] | None:
    """A name in marks opening its line before a present-tense verb: the
    outlet's column `"سبق" تقول للمسؤول: …` (a speaker no NER tags)."""
    if t[vs : vs + 1] not in ("ي", "ت"):
        return None
    ls = t.rfind("\n", 0, vs) + 1
    m = _QUOTED_OPENER.fullmatch(t, ls, vs) if vs - ls <= 70 else None
    if not m and _TO_OFFICIAL.match(t, ve):
        # the column without marks, at its line's start or after the questions on the same line
        # (…فيها؟     سبق تقول للمسؤول)
        q = max(t.rfind("؟", max(0, vs - 40), vs), t.rfind("?", max(0, vs - 40), vs))
        m = _COLUMN_OPENER.fullmatch(t, max(ls, q + 1), vs)
    return (m.start("s"), m.end("s")) if m else None


_AMMA = re.compile(r"\s{0,3}و?اما\s{1,3}")


def _amma_subject(t: str, comma: int) -> tuple[int, int] | None:
    """`أما الشاعر عبد الإله الصالحي، فيرى`: the words between أما and the
    comma right before the verb's ف, or before an apposition set off by
    commas (أما خلف داهود، عضو المكتب التنفيذي، فقال)."""
    lo = max(0, comma - 200)
    strong = max(t.rfind(c, lo, comma) for c in ".!?؟\n:«»\"“”()،,")
    if strong >= 0 and t[strong] in "،,":
        comma = strong  # (an apposition: the name is before its comma)
        strong = max(t.rfind(c, lo, comma) for c in ".!?؟\n:«»\"“”()،,")
    if (strong < 0 and lo > 0) or (strong >= 0 and t[strong] not in ".!?؟\n"):
        return None  # أما opens its sentence
    m = _AMMA.match(t, strong + 1)
    if not m:
        return None
    words = list(_WORDS_BACK.finditer(t, m.end(), comma))
    if not 1 <= len(words) <= 10 or not all(_plain_word(w.group()) for w in words):
        return None
    return words[0].start(), words[-1].end()


def _antecedent(t: str, rel: int) -> tuple[int, int] | None:
    """The noun phrase a relative pronoun before ``rel`` refers to, when a
    comma sets it off: `ويتفق معه الخبير أحمد عبد الحميد، الذي يقول`."""
    seg = t[max(0, rel - 120) : rel].rstrip()
    if not seg.endswith(("،", ",")):
        return None
    end_ = max(0, rel - 120) + len(seg) - 1
    words = _WORDS_BACK.findall(t[max(0, end_ - 110) : end_])
    taken = []
    for w in reversed(words[-8:]):
        if w in _STOPS or w in _LED_BY or not _plain_word(w) or (w[0] in "وف" and w[1:] in _AND_STOPS):
            break  # (نادي الطلاب برئاسة X، الذي قال: the one who presides)
        taken.append(w)
    if not taken:
        return None
    phrase = " ".join(reversed(taken))
    start = t.rfind(taken[-1], 0, end_)
    # rebuild from text: the words are contiguous up to the comma
    seg2 = t[start:end_].rstrip()
    if " ".join(seg2.split()) != phrase:
        return None
    return start, start + len(seg2)


_LED_BY = {fold_word(w) for w in "برئاسة بقيادة بإدارة برعاية بحضور".split()}

_SPEECH_CUE = re.compile(rf"(?<!\w)(?:{alternation(_COMPLEMENTISERS)}|قوله|قولها)(?!\w)|:")


def _speech_follows(t: str, pos: int, speech_opens: list[int]) -> bool:
    """A complementiser, colon or speech quote after ``pos`` in the sentence."""
    window = t[pos : pos + 120]
    end = _SENT_END.search(window)
    limit = end.start() if end else len(window)
    if _SPEECH_CUE.search(window, 0, limit):
        return True
    k = bisect_left(speech_opens, pos)
    return k < len(speech_opens) and speech_opens[k] < pos + limit


_LAST_SENT_BREAK = _last_of(".!?؟\n")


# an adverbial opener before the sentence's verb: وتعقيبا على …، وردا على سؤال …، وتعليقا على ذلك،
_OPENER = re.compile(r"[ \t]{0,3}و?[^\W\d]{3,12}ا[ \t]{1,3}(?:علي|ل)[^.!?؟\n:«»\"“”،,]{1,80}[،,](?=[ \t])")


def _clause_subject(t: str, vs: int, ents) -> _Speaker | None:
    """For a verb with no written subject (a participle): the subject of the
    sentence's own main verb when entities mark it — `وقدّر محافظ بيروت مروان
    عبود الخسائر …، معتبراً أن «…»` — even if that verb is not a reporting
    verb. Without entities the subject is read as after a reporting verb, and
    kept only when it opens with a definite noun or a title-like head
    (`وحظرت الدائرة الحكومية المسؤولة عن المركز …، قائلة إن`)."""
    lo = max(0, vs - 300)
    seg = t[lo:vs]
    cut = _cut(_LAST_SENT_BREAK(seg))
    start = lo + cut + 1
    first = _WORD.match(" " + t[start : start + 60])
    opener = _OPENER.match(t, start)
    if opener and opener.end() < vs:  # وتعقيبا على تصريحات السفير، رفض X …، قائلا: the verb follows the opener
        start, first = opener.end() - 1, _WORD.match(" " + t[opener.end() - 1 : opener.end() + 60])
        if not first or _phrase_after_subject(first.group("w"), False) or first.group("w").startswith("ال"):
            return None
    elif not first or first.group("w")[0] not in "وف":
        return None  # the sentence does not open with (و/ف +) a verb
    if first.group("w") in _STOPS or first.group("w")[1:] in _STOPS or first.group("w")[1:] in _AND_STOPS:
        return None  # وعن مسلسل «…» …، أجابت / وبعد تأمل وقراءة يبدأ X: no verb opens the sentence
    subj_start = start + first.end() - 1
    if first.group("w") in _PARTICLE_BEFORE_VERB:  # ولا يعتقد الكاتب X …، مشيرا: the verb is the next word
        verb = _WORD.match(t, subj_start)
        if not verb:
            return None
        subj_start = verb.end()
    nxt = _WORD.match(t, subj_start)
    if not nxt:
        return None
    if nxt.group("w") in _COMPLEMENTISERS and first.group("w") not in _IT_IS_SAID:
        return None  # ونفى أن يكون حزب الله قد …، قائلا: what follows is its clause, not its subject (ويقال إن زعيم X: X)
    s0 = nxt.start("w")
    if not ents:
        stem = first.group("w")[1:]
        if len(stem) < 3 or stem in _STOPS or stem in _AND_STOPS or stem.startswith("ال") or stem in _VERBS:
            return None  # وفي …، وأيضا …: no verb opens the sentence (a reporting one would have its own subject)
        w0 = nxt.group("w")
        if not (w0.startswith("ال") or w0 in _SUBJECT_HEADS) or w0 in _STOPS:
            return None
        sub = _subject(t, subj_start, ents)
        if not sub or sub[1] > vs:
            return None
        words = list(re.finditer(r"\S+", t[sub[0] : sub[1]]))
        k = 1
        while k < len(words) and words[k].group().startswith("ال"):
            k += 1
        rest = [w.group().startswith("ال") for w in words[k:]]
        if any(not a and not b for a, b in zip(rest, rest[1:])):
            return None  # a name inside (محافظ المدينة مروان عبود الخسائر): where it ends is unknown
        # the object after the definite subject: وحظرت الهيئة المختصة توزيع المنشورات
        return _Speaker(sub[0], sub[0] + words[k - 1].end(), vs, vs)
    while nxt and (nxt.group("w") in _PRONOUNS or nxt.group("w") == "ها"):  # وها هو ديفيد ميليبند … حيث قال
        nxt = _WORD.match(t, nxt.end("w"))
        s0 = nxt.start("w") if nxt else s0
    # a name after a preposition is not the subject: ودافع كيري عن قرار الرئيس أوباما
    stop = next((w.start() for w in _WORD.finditer(t, s0, min(vs, s0 + 50)) if w.group("w") in _STOPS), vs)
    inside = [e for e in ents.starting(s0, min(vs, s0 + 50)) if e[2] in ("PER", "ORG") and e[1] <= min(vs, stop + 1)]
    if not inside:
        return None
    ee = min((e for e in inside if e[2] == "PER"), default=inside[0], key=lambda e: e[0])[1]
    return _Speaker(s0, ee, vs, vs)


_IT_IS_SAID = {fold_word(w) for w in "ويقال ويُقال وقيل ويذكر يقال قيل".split()}  # (the clause after إن is the sentence's own)


# a negation or particle between the sentence's و/ف and its verb
_PARTICLE_BEFORE_VERB = {fold_word(w) for w in "ولا ولم ولن وقد فقد ولقد فلا فلم فلن".split()}
_POSSESSED = re.compile(r"\s{1,3}(?!ال)\w{2,12}(?:اته|اتها|اتهم|ته|تها)(?!\w)")


def _cut_at_entity(t: str, start: int, end: int, ents) -> tuple[int, int]:
    """End the subject with the first person (else organisation) named in it,
    dropping an object after it (ووصف المحافظ مروان عبود الوضع). Only a name
    of two words or more cuts: a one-word mention is often part of a longer
    name the tagger missed (ياسر of ياسر المسحل)."""
    inside = [e for e in ents.starting(start, end) if len(t[e[0] : e[1]].split()) >= 2 and not _is_role(t, e)]
    first = next((e for e in ents.starting(start, start + 1) if e[2] == "PER"), None)
    if first and _POSSESSED.match(t, first[1]):
        return start, min(end, first[1])  # واختتم جابريل تصريحاته: a noun with a pronoun is no part of a name
    for e in ents.starting(start, end):
        nxt = _AND_VERB_NEXT.match(t, e[1]) if e[2] == "PER" and e[1] < end else None
        if nxt and nxt.group("w") not in _WAW_NAMES and nxt.group("w") not in _WAW_NOUNS:
            return start, e[1]  # تحدث عنه الدكتور ميزاب وحدد أرقاما: the name ends where «and he set» begins
    place = next((e for e in ents.starting(start, start + 1) if e[2] == "LOC" and e[1] < end), None)
    if place and _INDEFINITE_NEXT.match(t, place[1]):
        return start, place[1]  # ونفت روسيا إرسال جنود: the country speaks, what follows is the object
    persons = [e for e in inside if e[2] == "PER"]
    if len(persons) > 1 and _governed_name(t, persons[0][0]):
        inside = inside[inside.index(persons[0]) + 1 :]  # (عضو الشرف المعارض لبقاء سامي الجابر الأمير نواف بن محمد: the prince)
    for label in ("PER", "ORG"):
        for e in inside:
            if e[2] == label:
                if label == "PER":
                    return start, min(end, _surname_runs_on(t, _title_then_name(t, e, ents), end, ents))
                return start, _holder_after_body(t, start, min(end, _title_then_name(t, e, ents)), ents)
    return start, end


_PARTICLE_FIRST = tuple("بلوفك")
_PLAIN_WORD = re.compile(r"[^\W\d_]+")
# what ends a subject right after a name: whom it was said to, a comma, a colon, أن
_SUBJECT_BOUNDARY = re.compile(r"\s{0,3}(?:[،,:]|ل[^\W\d]|(?:إن|أن|ان|بأن|بان)(?!\w))")


def _surname_runs_on(t: str, name_end: int, end: int, ents) -> int:
    """The end of a tagged name, or of the one untagged word after it that
    is the family name the tagger cut off: the subject ends right after it
    (اللواء عبد الله | صبيحي لوكالة …) or the holder's title follows (محمد
    رحيم | امين حاكم منطقة …). Not an object: an al- noun (مروان عبود
    الوضع), an accusative in ـا, a word with a particle, a tagged word."""
    words = t[name_end:end].split()
    if not words or not _PLAIN_WORD.fullmatch(words[0]):
        return name_end
    w = words[0]
    if len(words) > 1:
        if strip_article(words[1]) not in _TITLE_HEADS:
            return name_end  # (تيم بيل رئيس شركة: رئيس is his title, not his name)
    elif strip_article(w) in _TITLE_HEADS or not _SUBJECT_BOUNDARY.match(t, end):
        return name_end  # (أبو بكر جاء، فاطمة الزهراء عضو: no name ends there)
    if (w.startswith("ال") or w.endswith(("ا", "ة")) or w.startswith(_PARTICLE_FIRST) or len(w) < 3
            or w in _STOPS or w in _PREPOSITIONS or w in _COMPLEMENTISERS or w in _RELATIVES or w in _NOT_HOLDER
            or w in _NASAB or w in _ADVERB_WORDS or _is_verb(w) or _plural_noun(w)):
        return name_end
    if ents.starting(name_end, name_end + 4):
        return name_end
    return t.index(w, name_end) + len(w)


def _holder_after_body(t: str, start: int, body_end: int, ents) -> int:
    """A title, the body it belongs to, then the holder's name untagged
    before whom it was said to (وزيرة خارجية الاتحاد الأوروبي فيديريكا
    موغيريني للصحافيين): the subject runs to the name's end; else the
    body's end."""
    if not any(e[2] == "ORG" and e[1] == body_end for e in ents.starting(body_end - _MAX_ENTITY, body_end)):
        return body_end
    end, p = body_end, body_end
    for _ in range(3):
        m = _WORD.match(t, p)
        if not m:
            break
        end = p = m.end("w")
        if _SUBJECT_BOUNDARY.match(t, p):
            break
    words = t[body_end:end].split()
    if not 2 <= len(words) <= 3 or strip_article(t[start:end].split()[0]) not in _TITLE_HEADS:
        return body_end
    if not _SUBJECT_BOUNDARY.match(t, end) or ents.starting(body_end + 1, end):
        return body_end
    if any(not _PLAIN_WORD.fullmatch(w) or w.startswith(("ال", "وال", "بال", "لل")) or len(w) < 3 or w in _STOPS
           or w in _PREPOSITIONS or w in _NOT_HOLDER or _is_verb(w) or strip_article(w) in _TITLE_HEADS for w in words):
        return body_end
    return end


def _title_then_name(t: str, e, ents) -> int:
    """The end of a person span, or of the name right after it when the
    tagger took a title for a person (وكيل الرقيب | حسين الوعيد)."""
    head = t[e[0] : e[1]].split()[0]
    if e[2] != "PER" or (head[2:] if head.startswith("ال") else head) not in _TITLE_HEADS:
        return e[1]
    nxt = next((x for x in ents.starting(e[1], e[1] + 3) if x[2] == "PER" and not t[e[1] : x[0]].strip()), None)
    return nxt[1] if nxt else e[1]


# و + a past verb of three letters (وحدد، وأكد، وقال) right after a name
_AND_VERB_NEXT = re.compile(r"\s{1,3}(?P<w>و(?!ال)[^\W\d]{3})(?!\w)")

_INDEFINITE_NEXT = re.compile(r"\s{1,3}(?!ال|[لبو])[^\W\d]{2,}")


def _plural_noun(w: str) -> bool:
    """A plural noun heading a group (مختصين، الخبراء، المسؤولون، نشطاء)."""
    stem = w[2:] if w.startswith("ال") else w
    return stem in _BROKEN_PLURALS or (len(stem) > 4 and stem.endswith(("ون", "ين")) and stem not in _STOPS)


_WHOEVER = {"من", "ومن"}  # هناك من يقول: someone, unnamed


def _nobody_speaks(t: str, vs: int, ve: int) -> bool:
    """A verb whose speaker is not its written subject nor anyone carried:
    the first person (فقلت: the narrator, see _narrator) or «whoever» (هناك
    من يقول)."""
    w = t[vs:ve]
    if w[:1] in "وف" and w[1:] in _FIRST_PERSON:
        w = w[1:]
    if w in _FIRST_PERSON or _writer_says(w):
        return True  # (the word before is read only when needed: this runs for every verb; مما أقوله: mine)
    prev = _WORDS_BACK.findall(t[max(0, vs - 12) : vs])
    return bool(prev) and prev[-1] in _WHOEVER


_FEELINGS = {fold_word(w) for w in """سعادة فرحة ارتياح استياء حزن أسف قلق رغبة حاجة شكر تقدير امتنان اعتزاز
فخر دهشة غضب تفاؤل تخوف أمل ثقة رضا انزعاج استغراب إعجاب""".split()} | _STANCE_OBJECTS


def _own_feeling(w: str) -> bool:
    """A feeling or stance with the subject's pronoun (سعادته، استياءه، رغبتها، تقديرهم)."""
    for suffix in ("هم", "ها", "ه"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            return stem in _FEELINGS or (stem.endswith("ت") and stem[:-1] + "ه" in _FEELINGS)
    return False


# A speaker is a name, a title or role, a body, a pronoun resolved to a
# person or a described source. A span the tagger did not take that opens
# with a particle or preposition, an accusative, or a noun with a possessive
# that is no person's (كلامه، أسفه، تعبيره; not نظيره، زوجته، سموه) names nobody.
_NOBODY_HEADS = {fold_word(w) for w in """غير بين إلا لذلك لهذا لكي كي حيث عند بعد قبل خلال منذ حتى بشكل بصورة بكل كل ما مما
لما عن في من إلى مع لدى ضمن عبر حول جراء إثر أيضا فقط معي معه معها معهم معنا عنه عنها منه منها فيه فيها به بها
عليه عليها إليه إليها وبين ومع وفي ومن عنهم منهم فيهم بهم عليهم إليهم لديه لديها لديهم لا لم لن
عندما حينما حين بعدما كلما إذا إذ""".split()} | _ACCUSATIVES | _ADVERB_WORDS
_PERSON_NOUNS = _TITLE_HEADS | _HOLDER_TITLES | _DESCRIBED | _UNNAMED | _SOME_OF | {k[:-1] for k in _KIN} | {
    fold_word(w) for w in """نظير زميل والد شقيق نجل ابن بنت زوج أب أم أخ أخت عم خال جد صديق رفيق محامي مدرب مساعد
مدير رئيس قائد أمير ملك شيخ مقدم""".split()}
_DIVINE_WORDS = {fold_word(w) for w in "سبحانه تعالى جل عز".split()}  # (قال سبحانه وتعالى: God)


def _names_no_one(t: str, text: str, fd, start: int, end: int) -> bool:
    """Whether an untagged speaker span (folded offsets) is a phrase that names no one."""
    words = t[start:end].split()
    if not words:
        return True
    head = words[0]
    if head in _DIVINE_WORDS:
        return False
    if head in _NOBODY_HEADS or head.startswith(("بال", "لل", "كال")):
        return True
    orig = text[fd.orig(start) : fd.orig(start + len(head))]
    if orig.endswith(("ً", "اً", "ًا")) and head.removesuffix("ا") not in _PERSON_NOUNS:
        return True  # (شيئاً، جانباً مضيئاً: an object or adverb; not لكن مصدراً بارزاً)
    if len(words) <= 2 and _lam_phrase(t, head, orig):
        return True  # (كما روى لأحد الأصدقاء، وقالوا لاثنين منها، وردت بقوة: to whom, why or how)
    return len(words) <= 2 and (_possessed_noun(t, head, orig) or _my_noun(t, head))


def _untagged_object_word(t: str, m: re.Match, w: str, ents, orig_text: str | None, fd) -> bool:
    """The first word after a verb is ل + a noun (لأصدقائه، لأبوه) or a noun
    of mine (كلامي), with no entity on it: the verb's addressee or object."""
    s, e = m.start("w"), m.end("w")
    if orig_text is None or any(x[1] > s for x in ents.starting(s - _MAX_ENTITY, e)):
        return False
    return _lam_phrase(t, w, orig_text[fd.orig(s) : fd.orig(e)]) or _my_noun(t, w)


def _lam_phrase(t: str, head: str, orig: str) -> bool:
    """ل or ب + a noun or verb (لأحد، لأستاذه، لتنام، لوجود، بقوة): the
    preposition, to whom, what for or how, when the word after it carries a
    hamza (لأ، بإ) or stands in the text with ال; not a given name (ليلى،
    لطفي، بدر)."""
    if len(head) < 4 or head[0] not in "لب" or is_given_name(head):
        return False
    rest = head[1:]
    return orig[1:2] in ("أ", "إ") or rest in _definite_words(t)


def _my_noun(t: str, head: str) -> bool:
    """A noun with the first-person ي (جوابي، إجابتي، كلامي) that is not a
    person (والدي، شقيقي، صديقي) nor a given name or nisba (سامي، الغامدي):
    the noun is in the text with ال (الجواب، الإجابة) too."""
    if not head.endswith("ي") or head.startswith("ال") or is_given_name(head):
        return False
    stem = head[:-1]
    noun = stem[:-1] + "ه" if stem.endswith("ت") else stem
    if len(stem) < 3 or {stem, noun} & _PERSON_NOUNS:
        return False
    return noun in _definite_words(t)


_DEFINITE = re.compile(r"(?<!\w)[وفب]?ال(\w{2,})")


@lru_cache(maxsize=4)
def _definite_words(t: str) -> frozenset[str]:
    """The words of ``t`` written with ال (و/ف/ب before it), without it: read once per text."""
    return frozenset(_DEFINITE.findall(t))


def _possessed_noun(t: str, head: str, orig: str) -> bool:
    """A noun with a possessive suffix (written ه، not ة) that is not a
    person's; after a bare ه only when the noun is in the text with ال too
    (هجومه … الهجوم), since foreign names end in ه (بيليه، نيتشه)."""
    m = _POSSESSIVE.search(head)
    if not m or head.startswith("ال") or orig.endswith("ة") or "الله" in head or is_given_name(head) or head in _HONOURED_BY:
        return False
    stem = head[: m.start()]
    if len(stem) < 3 or stem.endswith("و") or {stem, stem + "ه", stem.removeprefix("ل")} & _PERSON_NOUNS:
        return False  # (a plural of persons before its possessive: منتقدوه، مسؤولوها)
    return m.group() != "ه" or re.search(rf"(?<!\w)ال{re.escape(stem.removeprefix('ل'))}(?!\w)", t) is not None

"""Speech or name (points 2 and 7): whether the contents of a pair of marks are a quote, a name, a title, a list or a term."""

from __future__ import annotations

import re

from khabar.arabic import HAMZA_TO_YEH, char_class
from khabar.extract.fold import fold_word
from khabar.extract.quotes.cues import (
    _AFTER_SOURCE, _AFTER_STOP_VERB, _AFTER_VERB, _COMPLEMENTISERS, _DOCUMENTS, _HIS_WORDS, _MEDIA, _NAME_NOUNS,
    _ORDINALS, _PREPOSITIONS, _QUOTE_INTRO, _SENT_END, _SPEECHLIKE, _VERBS, _WORDS_BACK, _WRITER_SAYS, _WRITING_OF,
    _WRITING_WINDOW, _is_verb,
)
from khabar.extract.quotes.marks import _strip_clitic, _words_before
from khabar.extract.quotes.records import _Speech

_TITLE_NOUNS = {fold_word(w) for w in "عنوان بعنوان شعار بشعار وسم هاشتاغ اسم مسمى بمسمى عبارة بعبارة".split()}
# works whose title may follow a colon (وأيضا كتاب: «متى يمكننا الثقة…؟»); bare
# forms only: «قال في كتابه: "…"» quotes the book
_WORK_NOUNS = {fold_word(w) for w in "كتاب رواية فيلم مسلسل قصيدة ديوان مسرحية أغنية ألبوم برنامج".split()}
# ... and so are their plurals with a possessive (ومن أشهر كتبه: «…»، أول أفلامها «…»); the singular
# with a possessive is quoted from (قال في كتابه: «…»)
_WORK_OWNED = re.compile(r"(?:كتاب|روايت|فيلم|مسلسل|ديوان|مسرحيت|اغنيت|البوم|برنامج)(?:ه|ها|هم)")
_WORKS_OF = {fold_word(w) for w in """كتبه كتبها رواياته رواياتها أفلامه أفلامها مؤلفاته مؤلفاتها دواوينه قصائده قصائدها
مسرحياته مسرحياتها أغانيه أغانيها مسلسلاته مسلسلاتها برامجه برامجها""".split()}
_TITLE_MAX_WORDS = 20  # a report's or campaign's title after بعنوان can be a whole headline
# a copula before the colon introduces a name or list, not speech (رواية جديدة هي: «…»)
_LIKE = {fold_word(w) for w in "مثل ومثل".split()}  # examples are names: مثل «دوار هيشر»
_COPULAS = {fold_word(w) for w in "هي هو وهي وهو هما".split()}

_NAME_MAX_WORDS = 12  # titles after كتاب، برنامج، شعار can be long
_SHORT = 4

_LIST_SEP = re.compile(r"[،,]")
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = re.compile(f"[{char_class(HAMZA_TO_YEH)}]")


def _is_list(content: str) -> bool:
    """Three or more short items separated by commas, no sentence inside."""
    items = _LIST_SEP.split(content)
    sizes = [len(i.split()) for i in items]
    # (an item of four words among short ones: «… الأخبار، المركز الإعلامي، وروابط أخرى ذات صلة»; of
    # five among eight or more: «دروس من الحرمين، دروس تربوية من السيرة النبوية، ليالي البجيري، …»)
    longest = 4 if len(items) < 8 else 5
    if (len(items) >= 3 and all(n <= longest for n in sizes) and sum(n >= 4 for n in sizes) <= max(1, len(items) // 4)
            and not _SENT_END.search(content)):
        return True
    # or items joined by و that repeat their head: بدل العدوى وبدل الإشراف وبدل التميز
    words = content.split()
    return (len(words) >= 4 and len(words[0]) > 2 and sum(w == "و" + words[0] for w in words) >= 2
            and not _SENT_END.search(content) and not _SPEECHLIKE.search(content))  # (لا يعترف … ولا … ولا: speech)


_LONG_LIST_ITEMS = 5  # (not «لا، لا أبدا، أبدا» or «تميزت بتواضعك، أبهرت…، وأقنعت…»: short spoken clauses)


def _long_list(content: str) -> bool:
    """A list of at least _LONG_LIST_ITEMS short items with nothing speech-like in it."""
    if content.startswith("(") or ":" in content:
        return False  # (قال الفيروز أبادي: (المشخان، ويكسر: الديوث، …): a citation)
    return len(_LIST_SEP.split(content)) >= _LONG_LIST_ITEMS and _is_list(content) and not _SPEECHLIKE.search(content)


def _mostly_latin(content: str) -> bool:
    return len(_LATIN.findall(content)) > len(_ARABIC.findall(content))


# verbs of saying whose ل-phrase is the addressee (وقال لـ«الجريدة»)
_SAY_TO = {fold_word(w) for w in "قال قالت قالوا أضاف أضافت أكد أكدت صرح صرحت أوضح أوضحت أفاد أفادت يقول تقول كشف كشفت".split()}
# after a «name» that is the verb's subject: هددت «…» بأنها، أعلنت «…» في بيان
_SUBJECT_NAME_NEXT = re.compile(r"\s{0,3}[،,]?\s{0,3}(?:بانه|بانها|بانهم|بان|انه|انها|انهم|ان|في بيان|في تصريح|عبر|امس|اليوم)(?!\w)")
_ENDS_IN_YEAR = re.compile(r"(?:19|20)\d\d$")


def _name_by_position(t: str, attached: str, words: list[str], content: str, nwords: int, after: int,
                      colon: bool) -> bool:
    """Names told by where they stand: the addressee of a verb of saying
    (وقال لـ«الجريدة»:), the subject right after an announcing verb
    (هددت «جماعة …» بأنها), a title ending in a year with no speech cue
    (أهداف "استراتيجية دبي للطاقة 2030")."""
    if _SENT_END.search(content) or nwords > _NAME_MAX_WORDS:
        return False
    prev = words[-1] if words else ""
    verb_word = prev[1:] if prev[:1] in "وف" and prev[1:] in _VERBS else prev
    if (attached == "ل" or prev in ("ل", "لـ")) and (verb_word if attached else (words[-2:-1] or [""])[0]) in _SAY_TO:
        return True
    if verb_word in _VERBS and not colon and (_SUBJECT_NAME_NEXT.match(t, after) or t[after : after + 3].lstrip()[:1] == ":"):
        return True  # وقال "النعمي": "…": the «name» is the speaker, the speech follows the colon
    cue = colon or any(_is_verb(w) or w in _COMPLEMENTISERS for w in words[-4:])
    return not cue and nwords <= 8 and bool(_ENDS_IN_YEAR.search(content))


# after most verbs a few words in marks before a comma are a name or a term: the subject (أعلنت «طيران
# الإمارات»، كعادتها), what something is deemed (اعتبر «صفعة للحوثيين»،); after these they are what was
# said (فقال «فكرتيني يا فاتن»، وأضاف "مستوى اللاعبين تصاعدي"، قائلا "من هذا"،)
_SAY_SPEECH = {fold_word(w) for w in """قال قالت قالوا يقول تقول يقولون قائلا قائلة قائلين سأل سألت يسأل تسأل أجاب
أجابت ردد رددت أضاف أضافت يضيف تضيف تابع تابعت زاد مضيفا مضيفة""".split()}
_NAME_THEN_COMMA = re.compile(r"[ \t]{0,2}[،,][ \t]{0,2}(?!(?:قال|قالت|اضاف|اضافت|مضيفا|مضيفه|قائلا|قائله)(?!\w))[^\W\d]")
_TERM_MAX_WORDS = 12  # the longest term, title or fragment read as a name when nothing marks it as speech
_TERM_SHORT = 7  # ... and up to this length even with a reporting verb further back in its clause


def _attributed_after(t: str, before: str, after: int) -> bool:
    """A sentence of its own followed by its attribution: «…»، قال X."""
    opens_sentence = not before.strip() or before.rstrip()[-1] in ".!?؟:\n"
    rest = t[after : after + 3].lstrip(" ")
    if opens_sentence and (_HIS_WORDS.match(t, after) or _AFTER_STOP_VERB.match(t, after)):
        return True  # «…» على حد قوله، «…». يقول X
    return opens_sentence and rest[:1] in ("،", ",") and bool(_AFTER_VERB.match(t, after) or _AFTER_SOURCE.match(t, after))


_PERIOD_END = re.compile(r"(?<!\.)\.(?![.\d])\s*\S")


def _is_title(content: str) -> bool:
    """A title after بعنوان/كتاب: up to _TITLE_MAX_WORDS words; a question
    mark may stand inside (متى يمكننا الثقة في الخبراء؟ التفرقة…), a full
    stop followed by more text may not."""
    return len(content.split(None, _TITLE_MAX_WORDS + 1)) <= _TITLE_MAX_WORDS and not _PERIOD_END.search(content)


# what a colon after these words opens is a list or a headline, not speech:
# «أقسام منها: …», «بالعنوان التالي: «…»»
_LIST_INTROS = {fold_word(w) for w in "منها ومنها بينها أبرزها وأبرزها شملت وشملت تشمل وتشمل تضمنت وتضمنت تتضمن".split()}
_NEXT_WORDS = {fold_word(w) for w in "التالي كالتالي".split()}
_LINK = fold_word("رابط")
_HEADLINE_NOUNS = {fold_word(w) for w in "العنوان بالعنوان عنوان بعنوان عنوانا عنوانه عنوانها".split()}


_ANOTHER_ITEM = re.compile(r"[ \t]{0,2}[،,]?[ \t]{0,2}(?:و|او|أو)[ \t]?[«\"“]")


_EACH_OF_WORDS = ["كل", "من"]
_LIST_COPULAS = {fold_word(w) for w in "هم هي هما وهم وهي".split()}  # (الحكام المشاركون هم: X، Y …)


_LETTERS = re.compile(r"[^\W\d_]+")


def _numbered_points(content: str) -> bool:
    """Content opening with an ordinal (الأول/ …، أولا …): points someone argues, not a list of names."""
    first = _LETTERS.match(content.lstrip())
    return bool(first) and first.group() in _ORDINALS


def _enumerates(words: list[str], content: str) -> bool:
    """The words before a colon introduce a list (and ``content`` reads as
    one: منها: «إنهما قد تناولا…» after وقالوا لاثنين is speech) or a headline."""
    if _LINK in words[-5:]:
        return True  # (رابط الخبر بصحيفة X: «…»: the linked story's title)
    if words[-2:] == _EACH_OF_WORDS or (words[-1:] and words[-1] in _LIST_COPULAS and not _numbered_points(content)):
        return True  # (بتحقيق كل من: X (…) المركز الثاني، وY …; في كل من: «ثادق والدائر…»: whom or where, not words)
    if words[-1:] and words[-1] in _LIST_INTROS:
        return _is_list(content) or (len(content.split(None, _TERM_SHORT + 1)) <= _TERM_SHORT
                                     and not _SPEECHLIKE.search(content))
    return bool(words[-1:]) and words[-1] in _NEXT_WORDS and any(w in _HEADLINE_NOUNS for w in words[-4:-1])


def _verb_in_sentence(t: str, o: int) -> bool:
    """A reporting verb between the sentence start (at most 300 characters back) and ``o``."""
    lo = max(0, o - 300)
    ends = list(_SENT_END.finditer(t, lo, o))
    seg = t[ends[-1].end() if ends else lo : o]
    return any(_is_verb(w) for w in _WORDS_BACK.findall(seg))


def _writer_says(w: str) -> bool:
    """The writer's own أقول/نقول/قلنا, with و/ف and an object pronoun (وأقولها، مما أقوله)."""
    w = w[1:] if w[:1] in "وف" else w
    for suffix in ("ها", "هم", "ه", ""):
        if w.endswith(suffix) and w[: len(w) - len(suffix)] in _WRITER_SAYS:
            return True
    return False


def _reported_by(w: str) -> bool:
    """A reporting verb before a few words in marks makes them speech, but
    not the writer's own نقول/أقول (ونقول «خلينا في الأهم»: a phrase)."""
    return _is_verb(w) and not _writer_says(w)


def _is_name(t: str, o: int, cs: int, ce: int, after: int) -> bool:
    content = t[cs:ce]
    nwords = len(content.split(None, _NAME_MAX_WORDS + 1))
    before = t[max(0, o - 60) : o]
    attached = before[-1:] if before[-1:] and before[-1] in "وفبلك" and (len(before) < 2 or not before[-2].isalpha()) else ""
    words = _words_before(t, o - len(attached))
    prev = words[-1] if words else ""
    colon = before.rstrip().endswith(":") and prev not in _COPULAS
    if nwords > _SHORT and content.split(None, 1)[0] in _COMPLEMENTISERS:
        return False  # « أن المباراة كانت صعبة»: a name never opens with أن/إن
    if nwords > _SHORT and _WRITING_OF.search(t, max(0, o - _WRITING_WINDOW), o):
        return False  # تغريدة للناشط X، جاء فيها “…”: what the writing says
    if (not colon and nwords <= 8 and prev in _COPULAS and not _SENT_END.search(content)
            and not any(_is_verb(w) for w in words[-6:])):
        return True  # إيران هي «القوة الإقليمية الكبرى»: a term the copula names
    if colon and _enumerates(words, content):
        return True  # منها: «…», بالعنوان التالي: «…»: items and headlines, not speech
    if nwords <= _SHORT and _ANOTHER_ITEM.match(t, after):
        return True  # «فيسبوك»، و«تويتر»: the first of a list of names in marks
    if _name_by_position(t, attached, words, content, nwords, after, colon):
        return True
    # a colon after the noun makes it speech (في البطولة: «…»), except after a
    # title noun (بمحاضرة بعنوان: "…")
    titled = prev in _TITLE_NOUNS or prev in _WORK_NOUNS
    if (prev in _WORKS_OF or (not colon and _WORK_OWNED.fullmatch(prev))) and _is_title(content):
        return True  # (في كتابها «يد الله…» من أن: a title; قال في كتابه: «…» quotes it)
    if prev and (not colon or titled) and (prev in _NAME_NOUNS or _strip_clitic(prev) in _NAME_NOUNS):
        if titled and (_is_title(content) or _is_list(content)):
            return True  # (ومنها برنامج: "دروس من الحرمين، ليالي البجيري، …": titles, however many)
        if nwords <= _NAME_MAX_WORDS and not _SENT_END.search(content):  # "سوق عكاظ.. المعوقات" is a title
            return True
    after_prep = attached in ("ب", "ل") or prev in _PREPOSITIONS or prev in _LIKE
    if nwords > _SHORT:
        # a longer name after a preposition (بالإضافة لـ«المنتخب الإسباني ونادي …»),
        # unless a verb before it makes it speech (داعياً المواطنين إلى «…»)
        if after_prep and nwords <= 8 and not _SENT_END.search(content):
            return not (any(w in _VERBS for w in words[-3:]) or prev in _COMPLEMENTISERS)
        cue = colon or any(w in _VERBS or w in _COMPLEMENTISERS or w in _QUOTE_INTRO for w in words[-4:])
        if not cue and (_is_list(content) or _mostly_latin(content)):
            return True  # «الرعاية الصحية، والقوى البشرية، وتقنية المعلومات»، “LYVE1 و REG1A”: terms, not speech
        if (not cue and nwords <= _TERM_MAX_WORDS and not _SENT_END.search(content) and not _SPEECHLIKE.search(content)
                and not any(_is_verb(w) or w in _DOCUMENTS or w == "نص" for w in words[-4:])
                and (nwords <= _TERM_SHORT or not _verb_in_sentence(t, o))
                and not _attributed_after(t, before, after)):
            # mid-clause, no speech cue: a term or title (معايير «خطة العمل المشترك الشاملة»); a
            # longer one only with no reporting verb in its sentence (على رأس «وفد صغير من ممثلي
            # الشركات …» is a fragment; وقالت X عن سداد الديون "يتعين على اليونان…" is speech)
            return True
        return False
    if _mostly_latin(content) and (not colon or nwords <= 2):
        return True  # «X-type», «Beats 1»: a Latin term; background: 'none' (script copy)
    # Short: speech only with a cue right before it (أن a few words back, a
    # colon, the verb, or the verb's preposition: شدد على «…», وصفه بـ«…»)...
    if attached in ("ب", "ل") or prev in _PREPOSITIONS:
        cue = any(w in _VERBS for w in words[-3:]) or prev in _COMPLEMENTISERS
    elif nwords == 1:  # one word: a cue right before it (بأنه «جبان»), not أن further back (أنها حراب من عيدان «المعكرونا»)
        cue = colon or prev in _COMPLEMENTISERS or _reported_by(prev) or prev in _QUOTE_INTRO
    else:
        cue = colon or any(w in _COMPLEMENTISERS for w in words[-4:]) or _reported_by(prev) or prev in _QUOTE_INTRO
    if (cue and not colon and _is_verb(prev) and nwords <= 3 and _NAME_THEN_COMMA.match(t, after)
            and (prev[1:] if prev[:1] in "وف" and prev[1:] in _VERBS else prev) not in _SAY_SPEECH
            and not _SPEECHLIKE.search(content) and "يا" not in content.split()):
        return True  # أعلنت «طيران الإمارات»، كعادتها: the verb's subject, not what it announced
    if not cue:
        # ... or a sentence of its own followed by its attribution: «…»، قال X
        return not _attributed_after(t, before, after)
    # ... and the clause ends with it (أن «القاعدة» تقف وراء: a name)
    rest = t[after : after + 4].lstrip(" ")
    ends_clause = not rest or rest[0] in "،,.؛;:!?؟)\n"
    return not ends_clause


def _strip_spaces(t: str, start: int, end: int) -> tuple[int, int]:
    while start < end and t[start].isspace():
        start += 1
    while end > start and t[end - 1].isspace():
        end -= 1
    return start, end


def _speech_and_names(t: str, pairs, ents=None) -> tuple[list[_Speech], dict[int, int]]:
    """Pairs read as speech (the decision needs no speaker), and the closed
    name pairs as opening mark -> closing mark."""
    speech = []
    names: dict[int, int] = {}
    for o, c, ce, closed in pairs:
        cs, e = _strip_spaces(t, o + 1, ce)
        after = c + 1 if closed else c
        if e <= cs:
            continue
        if _is_name(t, o, cs, e, after) or _named_alone(t, o, cs, e, ents):
            if closed:
                names[o] = c
            continue
        if not closed and len(t[cs:e].split(None, _SHORT + 1)) <= _SHORT:
            continue  # a few words after a mark never closed: a stray mark, not a quote
        speech.append(_Speech(o, cs, e, ce, after, closed))
    return speech, names


_NAMED_BY = {fold_word(w) for w in "نقلت نقل ذكرت ذكر أوردت أورد أفادت بثت نشرت أوضحت".split()}


def _named_alone(t: str, o: int, cs: int, ce: int, ents) -> bool:
    """A few words in marks that only name: whom one speaks to after ل
    (قال مصدر لـ«الشرق الأوسط»، أكد متخصصون لـ"الرياض"), the outlet a text
    is credited to (حسبما نقلت «رويترز»), or one tagged name and nothing
    else, not after a colon (دعمت «الورفلي»، واختتم "الخازم" حديثه)."""
    content = t[cs:ce].split()
    before = t[max(0, o - 30) : o].rstrip()
    if not content or len(content) > 3 or before.endswith(":"):
        return False
    if any(es == cs and ee == ce and label in ("PER", "ORG") for es, ee, label, _ in (ents.starting(cs, cs + 1) if ents else ())):
        return True
    if _SPEECHLIKE.search(t, cs, ce):
        return False
    if before[-1:] == "ل" and (len(before) < 2 or not before[-2].isalpha()):
        return True
    words = _WORDS_BACK.findall(before)
    return bool(words) and words[-1] in _NAMED_BY and content[0] in _MEDIA

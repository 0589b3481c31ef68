"""Entity spans repaired after the tagger: small named rules over (words, spans).

The CRF learned ANERcorp's edges; on Saudi news it misses most named
institutions, cuts long names short and returns the place inside an
organisation's or event's name (اتحاد [آسيا] للمكفوفين). Each rule below
looks at the words of one sentence (normalised with :func:`features.norm`,
once per word type) and the spans the tagger gave, and returns spans:

1. :func:`trim_punctuation` — no punctuation, quote or bracket at a span's
   edge, nor a last word with the accusative ending ً (الاتحاد جبلاً); a span
   across a quote or bracket is cut there (منظمة «آيكان»).
2. :func:`fixed_names` — multi-word names written by us (مكة المكرمة،
   المملكة العربية السعودية، الدفاع المدني، عاصفة الحزم) and the multi-word
   organisations of the name lists (الحرس الثوري، البيت الأبيض) are one span.
3. :func:`named_heads` — an institution or event head (:mod:`khabar.ner.heads`)
   and the name after it are one ORG or MISC span, absorbing a place or an
   adjective inside it (هيئة الطيران المدني، جامعة نايف العربية للعلوم
   الأمنية، دوري أبطال أوروبا). A head followed by a title or a person
   (مستشفى الملك فهد) is left alone: facilities named after people are
   the identity rules' (:mod:`khabar.extract.person_spans`).
4. :func:`quoted_names` — a name in quotes right after a word that says
   what it names is that kind of name: «صحيفة "سبق"», «شركة «أوتيس»» (ORG),
   «مسلسل "كلام الناس"», «بعنوان "فلامنكو"» (MISC); the quotes and the head
   word stay out, the tagger's spans inside give way.
5. :func:`named_groups` — a group the name lists know after تنظيم or حركة
   (تنظيم داعش، حركة حماس) is an ORG span on its name; :func:`ministries_by_short_name`
   — الخارجية/الداخلية with a nationality is the ministry (أدانت الخارجية الأميركية).
6. :func:`places_after_heads` — the place after an administrative head
   (بمحافظة الطائف، قرية المندق) when the tagger missed it and the word is
   one of the words the cluster table groups with places; :func:`named_places`
   — a name after the head of a built place or natural feature is that place,
   head included (مطار القاهرة، فندق كورت يارد ماريوت، وادي حنيفة).
7. :func:`compound_places` — compass words and a state's official head
   join the place after them (جنوب أفريقيا، جمهورية مصر العربية); القديمة
   joins the town before it (حلب القديمة); :func:`split_coordinated_places`
   — two places joined by و in one span are two (باريس ولندن);
   :func:`bracketed_aliases` — one word in brackets after an organisation
   is its short name (وزارة النفط الإيرانية (شانا)).
8. :func:`drop_spurious` — phrases with الله (أسأل الله، وبالله التوفيق),
   numbers or units taken for a person or an organisation (نصف ريال) and
   diseases (إنفلونزا الطيور); last, so that it also sees what the other
   rules made.

The name chain of rule 3 is deliberately conservative: after the head it
takes one genitive (a definite word, an entity, a known name word, or an
indefinite noun followed by one of those), then adjectives (definite words
of the nisba shape -ي/-ية or a short list), ``ل`` descriptors (للعلوم،
لتنمية الشباب) and ``و`` + definite conjuncts; it stops at anything else —
verbs, other prepositions, punctuation, numbers, time words. Every rule is
one left-to-right pass over the words, each look bounded (MAX_NAME_WORDS),
and new spans are merged in one pass, so the repair is linear in the sentence.
The proclitic glued to a span's first word is cut later, character-wise, by
:func:`khabar.extract.canonical.proclitic_length`.
"""

from __future__ import annotations

from itertools import compress
from operator import attrgetter
from typing import NamedTuple

from khabar.arabic import FATHATAN
from khabar.ner.tags import spans_from_bio
from khabar.ner import heads
from khabar.ner.clusters import place_words
from khabar.ner.features import SPORT_MIN_WORDS, SPORT_WORDS
from khabar.ner.name_lists import multi_word_names, one_word_organisations, speech_words
from khabar.ner.features import norm, proclitic_splits, strip_proclitics

Span = tuple[int, int, str]

# Marginal given to a token a rule put in a span: the tagger did not vouch for it.
RULE_MARGINAL = 0.5
MAX_NAME_WORDS = 12  # an institution's name is never longer; bounds a runaway chain
MAX_ADJECTIVES = 2  # after a fixed organisation's name (الهلال الأحمر السعودي)


def _words(text: str) -> frozenset[str]:
    return frozenset(norm(w) for w in text.split())


# Titles: a head followed by one names a facility after a person (identity rules' job).
TITLES = _words(
    """الملك الملكة الأمير الأميرة الشيخ الشيخة الإمام السلطان الرئيس خادم ولي الدكتور الدكتورة المهندس
    الأستاذ السيد السيدة اللواء العميد الفريق الوزير"""
)  # and a name never runs into a title: وزارة العمل [والدكتور] ...
# Definite words that end a name: time, ordinals, relatives, demonstrative-like words.
TEMPORAL = _words(
    """اليوم الآن الماضي الماضية الحالي الحالية الجاري الجارية المقبل المقبلة القادم القادمة الأخير الأخيرة
    التالي التالية السابق السابقة الجديد الجديدة الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت"""
)
# الرسمي/الرسمية (official) describes a body, it is never part of its name.
STOPS = TEMPORAL | _words(
    """الذي التي الذين اللذين اللتين اللاتي اللواتي الأول الأولى الثاني الثانية الثالث الثالثة الرابع الرابعة
    الخامس الخامسة السادس السادسة السابع السابعة الثامن الثامنة التاسع التاسعة العاشر العاشرة
    الرسمي الرسمية الواقع الحقيقة المقابل
    في من على عن إلى الى مع بين عند لدى حتى منذ خلال بعد قبل ضد نحو حول عبر أن إن ان قد لقد لم لن ما لا
    هل كما حيث هذا هذه ذلك تلك هؤلاء أمس غدا و أو ثم بل لكن كل جميع بعض عدد أي"""
)
# A time noun before a temporal word is the date, not an adjective (وزارة الصحة [العام الماضي]).
TIME_NOUNS = _words("العام الشهر الأسبوع الموسم")
# Adjectives of names that do not have the nisba shape.
ADJECTIVES = _words("العام العامة الأعلى العليا الأحمر الكبرى الكبير الممتاز المتحدة الموحدة الدائمة المشترك المشتركة")
NISBA_ENDINGS = ("ي", "يه", "يون", "يين")
FEMININE_WORDS = _words("العليا الكبرى كأس")  # feminine without ة (كأس السوبر الإسبانية)
# ل + these is a verb's complement, not a name's descriptor (قدمت الجمعية للمواطنين).
L_STOPS = _words(
    """المواطنين المواطن المرضى الطلاب الجميع الناس الحجاج الزوار المعتمرين الصحيفة الإعلام ذلك هذا هذه
    الفترة المرة المدة العام السنة الموسم الشهر الأسبوع اليوم"""
)  # and time: [الاتحاد الأوروبي] للفترة من ...
# Genitives that make a generic body, not a named one: مجلس الإدارة، مجلس الأمناء.
GENERIC_GENITIVES = _words("الإدارة الأمناء إدارة أمناء")
# After a media head, a genitive that is part of the name: وكالة الأنباء السعودية stays whole.
MEDIA_GENITIVES = _words("الأنباء")
# The word before الله in a name (عبد الله، حزب الله، أنصار الله); elsewhere الله is a formula.
BEFORE_GOD = _words("عبد حزب نصر فضل عطا عطاء حسب جاب خلف ضيف عوض رزق جار فرج حمد خير هبة نعمة أمة فتح سيف أنصار جند عبيد")
GOD_GLUED = _words("لله ولله فلله بالله والله فالله تالله")
CURRENCIES = _words("ريال ريالا ريالات دولار دولارا دولارات يورو جنيه جنيها دينار درهم ليرة")
UNITS = _words(
    """ميغابايت ميجابايت غيغابايت جيجابايت كيلوبايت بايت كيلو كيلومتر كيلومترا كم متر مترا سم ملم طن أطنان
    كجم كغ غرام جرام لتر برميل ميغاواط واط هكتار درجة بالمئة بالمائة"""
)
QUANTITIES = _words("نصف ربع ثلث ثلثي مليون ملايين مليار مليارات ألف آلاف مئة مائة مئات عشرات")
NOT_IN_A_PERSON = CURRENCIES | UNITS | QUANTITIES  # one set, not a union per word
# Word.quoted of ل (heads.SPOKEN_TO): the quoted name after it is an outlet, ORG, if words of saying come before.
SPOKEN_TO = "TO"
# Diseases are no entities (guidelines); a span that opens with one (or with مرض، فيروس) names the
# disease (إنفلونزا الطيور، فيروس كورونا), one that holds it may be a body (جمعية أسر التوحد الخيرية).
DISEASES = _words(
    """إنفلونزا انفلونزا أنفلونزا الإنفلونزا الانفلونزا كورونا الكورونا الإيدز الايدز إيدز إيبولا ايبولا الإيبولا الايبولا
    ملاريا الملاريا كوليرا الكوليرا الحصبة زهايمر الزهايمر ألزهايمر شيزوفرينيا الشيزوفرينيا السرطان السكري السل الجدري
    الطاعون مرض مرضى فيروس"""
)
# Punctuation a span is cut at (a quote or bracket inside is two names, or a name and its head).
CUT_AT = frozenset("،,؛;:«»\"()[]{}!؟?“”„‘’<>|")
# Words that open a name without being one: a span of nothing else is dropped once cut off.
OPENERS = heads.OPENING_WORDS | TITLES

# Fixed multi-word names (written by us): first word -> [(rest, label)], longest first.
_FIXED_TEXT = {
    "LOC": """مكة المكرمة|المدينة المنورة|المملكة العربية السعودية|الإمارات العربية المتحدة|
    الولايات المتحدة الأمريكية|الولايات المتحدة الأميركية|الولايات المتحدة|المملكة المتحدة|الشرق الأوسط|
    الخليج العربي|البحر الأحمر|البحر الأبيض المتوسط|البحر المتوسط|القرن الأفريقي|أمريكا اللاتينية|
    جمهورية مصر العربية|قناة السويس""",
    "ORG": """الدفاع المدني|الهلال الأحمر|الصليب الأحمر|الأمم المتحدة|تنظيم الدولة الإسلامية|تنظيم الدولة|مجلس التعاون الخليجي|
    وزارة الشؤون الإسلامية والأوقاف والدعوة والإرشاد|هيئة الأمر بالمعروف والنهي عن المنكر|
    الرئاسة العامة لرعاية الشباب""",
    "MISC": "عاصفة الحزم|إعادة الأمل|عاصفة الصحراء|كأس العالم|الألعاب الأولمبية",
}


# Multi-word organisations of the name lists that are not always one (الشرق الأوسط is the region
# unless quoted: _FIXED_TEXT; the others are a person's name or a generic body as often).
NOT_FIXED_ORGANISATIONS = frozenset(norm(w) for w in ("الشرق الأوسط", "ماجد الفطيم", "علي بابا", "الأمن العام", "القوة الجوية"))


def _fixed_table() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word -> [(the other words, label)]: the names written here, then the multi-word
    organisations of the name lists (الحرس الوطني، جبهة النصرة، البيت الأبيض: the tagger left a
    quarter of those of 2015-07-21 untagged, and tagged the White House MISC)."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    names = [(label, name) for label, text in _FIXED_TEXT.items() for name in text.split("|")]
    names += [("ORG", name) for name in multi_word_names("ORG") if name not in NOT_FIXED_ORGANISATIONS]
    for label, name in names:
        words = tuple(norm(w) for w in name.split())
        if not any(rest == words[1:] for rest, _ in table.get(words[0], ())):  # written here first: its label wins
            table.setdefault(words[0], []).append((words[1:], label))
    for entries in table.values():
        entries.sort(key=lambda e: -len(e[0]))
    return table


FIXED = _fixed_table()


class Word(NamedTuple):
    """What the rules need of one word type (computed once per type)."""

    w: str  # normalised
    prefix: str  # proclitics (strip_proclitics)
    rest: str  # the word without them
    readings: tuple[str, ...]  # the word and every proclitic-free reading of it
    definite: bool  # starts with the article, no proclitic
    adjective: bool  # a definite adjective a name can end with
    rest_adjective: bool  # the same, once the proclitics are off (والصناعية)
    stop: bool
    punct: bool  # no letter or digit
    tanween: bool  # written with the accusative ending ً (جبلاً، شامخاً): an adverb or adjective, never a name's last word
    digit: bool
    title: bool
    head: str  # the head it reads as (indefinite spelling), or ""
    head_definite: bool  # written with the article (الهيئة)
    direction: bool
    state: bool
    quoted: str  # the label of a quoted name right after this word (QUOTED_HEADS), SPOKEN_TO for ل, or ""
    speech: bool  # a verb or noun of saying (the lists' SAY words, heads.SPEECH_NOUNS)
    admin: bool  # an administrative head (محافظة، قرية), with or without a proclitic
    group_word: bool  # a word before a group's name (تنظيم، حركة: heads.GROUP_WORDS)
    place_head: bool  # the head of a built place or natural feature, inside its name (heads.NAMED_PLACE_HEADS)
    known_org: bool  # a one-word organisation of the name lists (داعش، حماس), without proclitics
    sport: bool  # a football word (features.SPORT_WORDS): the document rule for clubs counts them
    place_like: bool  # in a cluster where places gather (clusters.place_words)
    trigger: bool  # some rule may fire on this word even outside a span


MAX_CACHED_WORDS = 1 << 19


class _WordMemo(dict):
    """form -> Word: news repeats its word types (~9 tokens a type a day). Its ``__getitem__`` mapped
    over a chunk's tokens runs the hits at C speed; emptied when full."""

    def __missing__(self, form: str) -> Word:
        if len(self) >= MAX_CACHED_WORDS:
            self.clear()
        found = self[form] = _word_info(form)
        return found


_WORDS = _WordMemo()
word_info = _WORDS.__getitem__  # (form) -> what the rules need of it, computed once per type


def _word_info(form: str) -> Word:
    w = norm(form)
    prefix, rest = strip_proclitics(w)
    readings = (w, *(r for _, r in proclitic_splits(w)))
    definite = w.startswith("ال") and len(w) >= 4
    stop = w in STOPS
    adjective = definite and not stop and _adjective_shape(w)
    rest_adjective = rest.startswith("ال") and rest not in STOPS and _adjective_shape(rest)
    head, head_definite = "", False
    if not _HEAD_READINGS.isdisjoint(readings):  # most words: none of their readings is a head
        for r in readings:
            if r in _HEADS:
                head = r
                break
            if r.startswith("ال") and r[2:] in _HEADS:
                head, head_definite = r[2:], True
                break
    # set operations and map() over the readings and letters, at C speed: this runs once per new type
    direction = not heads.DIRECTIONS.isdisjoint(readings)
    state = not heads.STATE_HEADS.isdisjoint(readings)
    punct = not any(map(str.isalnum, w))
    quoted = SPOKEN_TO if w == heads.SPOKEN_TO else next((heads.QUOTED_HEADS[r] for r in readings if r in heads.QUOTED_HEADS), "")
    admin = not heads.ADMIN_HEADS.isdisjoint(readings)
    speech = w in speech_words() or w in heads.SPEECH_NOUNS
    group_word = not heads.GROUP_WORDS.isdisjoint(readings)
    place_head = not heads.NAMED_PLACE_HEADS.isdisjoint(readings)
    ministry = rest in heads.MINISTRY_SHORT_NAMES
    trigger = (bool(head) or direction or state or bool(quoted) or admin or group_word or place_head or ministry
               or not FIXED.keys().isdisjoint(readings))  # (readings[0] is w)
    return Word(w, prefix, rest, readings, definite, adjective, rest_adjective, stop, punct, FATHATAN in form, any(map(str.isdigit, w)),
                w in TITLES or rest in TITLES, head, head_definite, direction, state, quoted, speech, admin, group_word,
                place_head, w in one_word_organisations(), w in SPORT_WORDS, w in place_words(), trigger)


_HEADS = heads.ORG_HEADS | heads.EVENT_HEADS
_HEAD_READINGS = _HEADS | {"ال" + h for h in _HEADS}  # a reading that is a head, or the article and one


def _adjective_shape(w: str) -> bool:
    return w in ADJECTIVES or (len(w) >= 5 and w.endswith(NISBA_ENDINGS))


# --- span bookkeeping ------------------------------------------------------------------


def place(spans: list[Span], new: list[Span]) -> list[Span]:
    """``spans`` (sorted, disjoint) with the ``new`` spans (sorted, disjoint) put in, in one pass.

    A span inside a new one is absorbed; one starting with it may extend its end (the tagger saw
    more of the same name); one starting before it is cut at its start; what reaches past its end
    from inside is dropped (مجلس إدارة [البنك على])."""
    out: list[Span] = []
    k = 0
    for n, (start, end, label) in enumerate(new):
        while k < len(spans) and spans[k][1] <= start:
            out.append(spans[k])
            k += 1
        limit = new[n + 1][0] if n + 1 < len(new) else None
        while k < len(spans) and spans[k][0] < end:
            a, b, lab = spans[k]
            if a < start:
                out.append((a, start, lab))
            elif a == start:
                end = max(end, b) if limit is None else min(max(end, b), limit)
            k += 1
        out.append((start, end, label))
    out.extend(spans[k:])
    return out


def _starts(spans: list[Span]) -> dict[int, tuple[int, str]]:
    return {a: (b, lab) for a, b, lab in spans}


# --- rule 1: punctuation -------------------------------------------------------------


def trim_punctuation(info: list[Word], spans: list[Span]) -> list[Span]:
    """Spans without punctuation (or a bare و/ف token) at their edges, cut at a quote, bracket or
    comma inside; a piece that is only a head word or title (منظمة of منظمة «آيكان») is dropped."""
    out = []
    for a, b, label in spans:
        piece_start = a
        for k in range(a, b + 1):
            if k == b or (info[k].punct and info[k].w[:1] in CUT_AT):
                out += _trimmed(info, piece_start, k, label, whole=(piece_start == a and k == b))
                piece_start = k + 1
    return out


def _trimmed(info: list[Word], a: int, b: int, label: str, whole: bool) -> list[Span]:
    while a < b and (info[a].punct or info[a].w in ("و", "ف")):
        a += 1
    while b > a and (info[b - 1].punct or info[b - 1].tanween):
        b -= 1
    if a >= b:
        return []
    if not whole and all(info[k].w in OPENERS or info[k].rest in OPENERS or info[k].head for k in range(a, b)):
        return []
    return [(a, b, label)]


# --- rule 2: what is never an entity ----------------------------------------------------


def drop_spurious(info: list[Word], spans: list[Span]) -> list[Span]:
    return [_without_trailing_number(info, *s) for s in spans
            if not (is_god_phrase(info, *s) or is_quantity(info, *s) or info[s[0]].rest in DISEASES)]


def _without_trailing_number(info: list[Word], a: int, b: int, label: str) -> Span:
    """A fixed name with the number after it cut off (قرار [الأمم المتحدة] 2216: the resolution's
    number); a name that holds its number stays (فرانس 24 is the channel)."""
    if b - a > 1 and info[b - 1].digit and fixed_at(info, a) == (b - 1, label):
        return a, b - 1, label
    return a, b, label


def is_god_phrase(info: list[Word], a: int, b: int, label: str) -> bool:
    """The span holds الله other than in a name (عبد الله، حزب الله): a formula (أسأل الله، بالله التوفيق)."""
    for k in range(a, b):
        w = info[k].w
        if w in GOD_GLUED or (info[k].prefix and info[k].rest == "الله"):  # بالله، وبالله: never a name
            return True
        if w == "الله" and (k == a or info[k - 1].w not in BEFORE_GOD):
            return True
    return False


def is_quantity(info: list[Word], a: int, b: int, label: str) -> bool:
    """A person with a number, currency, unit or quantity word in it (نصف ريال، 1 ميغابايت), or an
    organisation opening with a number or quantity or ending with a unit (ريال مدريد is a club)."""
    if label == "PER":
        return any(info[k].digit or info[k].rest in QUANTITIES or info[k].w in NOT_IN_A_PERSON for k in range(a, b))
    if label == "ORG":
        first, last = info[a], info[b - 1]
        return first.digit or first.w in QUANTITIES or last.w in UNITS
    return False


# --- rule 3: fixed names ------------------------------------------------------------------


def fixed_at(info: list[Word], i: int) -> tuple[int, str] | None:
    """(end, label) of a fixed multi-word name starting at word ``i`` (its first word may carry a proclitic)."""
    for r in info[i].readings:
        for rest, label in FIXED.get(r, ()):
            end = i + 1 + len(rest)
            if end <= len(info) and all(info[i + 1 + k].w == rest[k] for k in range(len(rest))):
                return end, label
    return None


def fixed_names(info: list[Word], spans: list[Span], triggers: list[int]) -> list[Span]:
    """Fixed names put in as spans; ``triggers`` are the positions of words some rule may fire on.
    An organisation takes the nationality after it (guidelines: whose body it is: حزب الله اللبناني،
    البنك المركزي الصيني), not another adjective (نداء [الأمم المتحدة] الإنساني: the appeal's)."""
    new: list[Span] = []
    for i in triggers:
        found = fixed_at(info, i) if not new or i >= new[-1][1] else None
        if found:
            end, label = found
            new.append((i, _nationalities(info, end) if label == "ORG" else end, label))
    return place(spans, new) if new else spans


# --- rule 4: institutions and events ------------------------------------------------------


def named_heads(info: list[Word], spans: list[Span], names: dict, triggers: list[int]) -> list[Span]:
    """Each institution or event head with its name after it made one ORG or MISC span."""
    starts = _starts(spans)
    new: list[Span] = []
    dropped = set()
    for i in triggers:
        if not info[i].head or (new and i < new[-1][1]):
            continue
        found = head_span(info, i, starts, names)
        fixed = fixed_at(info, i)
        if fixed and not (found and found[0] == i and found[1] > starts.get(i, fixed)[0]):
            continue  # a fixed name the head opens stands, unless the head's name goes on past it (الاتحاد الأوروبي لكرة القدم)
        if found:
            if found[0] > i:  # the head stays out: a span the tagger opened on it goes ([نادي الوحدة] -> الوحدة)
                dropped.add(i)
            new.append(found)
    if not new:
        return spans
    return place([s for s in spans if s[0] not in dropped], new)


def head_span(info: list[Word], i: int, starts: dict, names: dict) -> Span | None:
    """The span of the name the head at ``i`` opens, or None when what follows is no name."""
    h = info[i]
    label = "MISC" if h.head in heads.EVENT_HEADS else "ORG"
    j = i + 1
    if h.head_definite:
        allowed = h.head in heads.DEFINITE_EVENT_HEADS if label == "MISC" else h.head not in heads.CONSTRUCT_ONLY_HEADS
        agrees = j < len(info) and info[j].adjective and _feminine(h.head) == _feminine(info[j].w)  # قدرات [الحزب] العسكرية
        if not (allowed and agrees):
            return None
        end = name_tail(info, j, i, starts)
        if h.head in heads.DESCRIBED_HEADS and all(info[k].w in heads.NATIONALITIES for k in range(j, end)):
            return None  # المنظمة الدولية، النادي التركي: a body described, not named
        return i, end, label
    if j >= len(info) or h.head in heads.DEFINITE_ONLY_HEADS or info[j].title:
        return None
    # «شركة [أرامكو]»: the entity alone, as an organisation; but a listed name that opens with a common
    # noun keeps its descriptor (شركة الاتصالات السعودية: الاتصالات alone is "telecommunications")
    if h.head in heads.DESCRIPTOR_HEADS and j in starts and not (info[j].definite and fixed_at(info, j)):
        return j, name_tail(info, starts[j][0], j, starts), "ORG"
    if starts.get(j, (0, ""))[1] == "PER":
        return None
    if h.head in heads.SPAN_ONLY_EVENT_HEADS:
        return (i, starts[j][0], label) if j in starts else None
    found = genitive(info, j, starts, names)
    if found is None:
        return None
    end, named = found
    tail = name_tail(info, end, i, starts) if _agrees(info, h.head, j, end) else end
    if h.head in heads.MEDIA_HEADS and end == j + 1 and tail == end and info[j].w not in MEDIA_GENITIVES:  # «بصحيفة الوئام»
        return j, end, "ORG"
    if label == "MISC" and not named and tail == end:  # معرض الصور is no name
        return None
    return i, tail, label


def _feminine(w: str) -> bool:
    return w.endswith(("ه", "ات")) or w in FEMININE_WORDS


def _agrees(info: list[Word], head: str, j: int, end: int) -> bool:
    """An adjective right after a one-word genitive agrees with the head or with that word; one that
    agrees with neither belongs to a noun before the head (جلسة [مجلس الوزراء] الأسبوعية)."""
    if end != j + 1 or end >= len(info) or not info[end].adjective:
        return True
    return _feminine(info[end].w) in (_feminine(head), _feminine(info[j].w))


def genitive(info: list[Word], j: int, starts: dict, names: dict) -> tuple[int, bool] | None:
    """(end, is a name) of the word or entity a construct head governs at ``j``: an entity the
    tagger found, a definite word, or an indefinite noun governing one of those (مجلس حقوق
    الإنسان، دوري أبطال [أوروبا]، مستشفى سبلين الحكومي). An indefinite word alone is no name
    unless the tagger says so: مركز مالي is a financial centre, not Mali's."""
    if j in starts:
        end, label = starts[j]
        return None if label == "PER" else (end, True)
    t = info[j]
    if t.stop or t.punct or t.digit or t.title or t.w in GENERIC_GENITIVES:
        return None
    if t.definite:
        return j + 1, names.get(t.w, 0) > 0
    k = j + 1
    # imperfect verbs, و + a verb (جماعة ودعوا), pronoun objects: no noun of a name
    if k >= len(info) or t.w[:1] in "يو" or t.w.endswith(("ها", "هم")):
        return None
    if k in starts and starts[k][1] != "PER":
        return starts[k][0], True
    if info[k].definite and not info[k].stop and not info[k].title:
        return k + 1, info[k].adjective  # a definite adjective after an indefinite word: that word is a name
    return None


def name_tail(info: list[Word], j: int, head: int, starts: dict) -> int:
    """End of a name from ``j`` on: adjectives, one ل descriptor (للعلوم الأمنية، لتنمية الشباب;
    a second ل is a purpose, لعقد الاجتماع) and و + definite conjuncts (والتراث الوطني), each with
    its adjectives; after an adjective only another adjective is conjoined (التجارية والصناعية,
    not الجامعة العربية [والتنسيق])."""
    limit = min(head + MAX_NAME_WORDS, len(info))
    k = _adjectives(info, j, limit)
    last_adjective, described = k > j, False
    j = k
    while j < limit:
        k = None if described else _descriptor(info, j, starts)
        if k is not None:
            described, last_adjective = True, False
        elif _conjunct(info, j) and (info[j].rest_adjective or not last_adjective):
            k, last_adjective = j + 1, info[j].rest_adjective
        if k is None:
            break
        j = _adjectives(info, k, limit)
        last_adjective = last_adjective or j > k
    return min(j, limit)


def _nationalities(info: list[Word], j: int) -> int:
    """End of the run of at most MAX_ADJECTIVES nationality adjectives from ``j`` (heads.NATIONALITIES)."""
    k = j
    while k < min(len(info), j + MAX_ADJECTIVES) and info[k].w in heads.NATIONALITIES:
        k += 1
    return k


def _adjectives(info: list[Word], j: int, limit: int | None = None) -> int:
    """End of the run of adjectives from ``j``, looking no further than ``limit``."""
    limit = len(info) if limit is None else min(limit, len(info))
    while j < limit and info[j].adjective and not (info[j].w in TIME_NOUNS and j + 1 < len(info) and info[j + 1].w in TEMPORAL):
        j += 1
    return j


def _descriptor(info: list[Word], j: int, starts: dict) -> int | None:
    t = info[j]
    if t.prefix != "ل" or t.rest in L_STOPS or t.digit:
        return None
    if j in starts:  # للـ[الصليب الأحمر] is part of the name; [للدمام] is the place it is for
        return starts[j][0] if starts[j][1] in ("ORG", "MISC") else None
    if t.rest.startswith("ال"):
        return j + 1
    k = j + 1
    if k in starts and starts[k][1] != "PER":
        return starts[k][0]
    if k < len(info) and info[k].definite and not info[k].stop:
        return k + 1
    return None


def _conjunct(info: list[Word], j: int) -> int | None:
    t = info[j]
    if t.prefix == "و" and t.rest.startswith("ال") and len(t.rest) >= 4 and t.rest not in STOPS and not t.head and not t.title:
        return j + 1
    return None


# --- rule 5: quoted names ----------------------------------------------------------------

OPENING_QUOTES = frozenset('«"“')
CLOSING_QUOTES = {"«": "»", '"': '"', "“": "”"}
MAX_QUOTED_WORDS = 6  # a longer quotation after the head is a phrase (a slogan, a headline), not a name
MAX_SPEECH_GAP = 3  # words between a verb of saying and the ل of the outlet (قال مدير المستشفى لـ«عكاظ»)
CLOSING_MARKS = frozenset(CLOSING_QUOTES.values())
LIST_JOINS = frozenset(("،", ",", "و"))  # between coordinated quoted names
MAX_OUTLET_WORDS = 3  # an outlet's name (الشرق الأوسط، عين اليوم); a longer quotation after ل is a phrase
DEMONSTRATIVES = _words("هذا هذه ذلك تلك")
MAX_QUOTED_PERSON_WORDS = 4  # a person's name in quotes (لويس إنريكي، محمد بن علي الغامدي)
# Punctuation a quoted name never holds (a dot may: «آر.إس.ايه»).
NOT_IN_A_QUOTED_NAME = frozenset("،,؛;:!؟?()[]")


def quoted_names(info: list[Word], spans: list[Span], triggers: list[int]) -> list[Span]:
    """The names in quotes after a QUOTED_HEADS word, one span each with that head's label; a span of
    the tagger's inside one or on the head word alone gives way."""
    new: list[Span] = []
    heads_alone = set()
    ends = {b for _, b, label in spans if label != "PER"}
    for i in triggers:
        if info[i].quoted and (not new or i >= new[-1][1]):
            found = quoted_list(info, i, ends)
            if found:
                new += found
                heads_alone.add((i, i + 1))
    if not new:
        return spans
    kept = [s for s in spans if (s[0], s[1]) not in heads_alone and not any(s[0] < b and a < s[1] for a, b, _ in new)]
    return sorted(kept + new)


def quoted_list(info: list[Word], i: int, ends: set | frozenset = frozenset()) -> list[Span]:
    """The quoted names after the head at ``i``: the first, and those coordinated with it by و or a
    comma («صحيفتي «الحياة» و«عكاظ»», “فلامنكو”، “عذراء”), each with the head's label."""
    first = quoted_span(info, i, ends)
    if first is None:
        return []
    found = [first]
    while True:
        k = found[-1][1] + 1  # after the closing quote
        while k < len(info) and info[k].w in LIST_JOINS:
            k += 1
        nxt = _quoted_at(info, k, found[-1][2], MAX_QUOTED_WORDS) if k > found[-1][1] + 1 else None
        if nxt is None:
            return found
        found.append(nxt)


def quoted_span(info: list[Word], i: int, ends: set | frozenset = frozenset()) -> Span | None:
    """(start, end, label) of the quoted name right after the head at ``i``, or None; ``ends``: where
    the tagger's non-person spans end (a person's role may be of the body such a span names)."""
    label = info[i].quoted
    if label == SPOKEN_TO:  # لـ«عكاظ»: an outlet only when spoken to
        if not any(t.speech for t in info[max(0, i - MAX_SPEECH_GAP) : i]):
            return None
        return _quoted_at(info, i + 1, "ORG", MAX_OUTLET_WORDS)
    if label == "PER":
        q = _after_role(info, i, ends)
        found = None if q is None else _quoted_at(info, q, "PER", MAX_QUOTED_PERSON_WORDS)
        return None if found is None or any(info[k].digit for k in range(*found[:2])) else found  # «إكسبيريا زد 3»: a product
    return _quoted_at(info, i + 1, label, MAX_QUOTED_WORDS)


def _after_role(info: list[Word], i: int, ends: set | frozenset) -> int | None:
    """Where the quote naming the holder of the role at ``i`` opens: right after the role and its
    adjectives (المدرب «…»، المدير الفني «…»), or after the body it is of, ل and up to
    MAX_OUTLET_WORDS words ending where the tagger ended a non-person span (``ends``: المدير الفني
    لنادي [برشلونة] «…») or one definite word (مدرب للهلال «…»); None otherwise. A word the tagger
    left before the quote governs the quoted name itself (لوكالة أنباء «تاس»، لفريق «الهلال»): no
    person. Nor is a role in quotes itself («الفنان» ومهاجمة «المواطن»: straight quotes open and
    close alike)."""
    if i > 0 and (info[i - 1].w in OPENING_QUOTES or info[i - 1].w in DEMONSTRATIVES):
        return None  # (هذا الشيخ «سني متشدد»: a description)
    k = _adjectives(info, i + 1, i + 1 + MAX_ADJECTIVES)
    if k >= len(info) or info[k].w in OPENING_QUOTES:
        return k if k < len(info) else None
    if not info[k].prefix.endswith("ل") or info[k].punct:
        return None
    for q in range(k + 1, min(len(info), k + 1 + MAX_OUTLET_WORDS)):
        t = info[q]
        if t.w in OPENING_QUOTES:
            return q if q in ends or (q == k + 1 and info[k].rest.startswith("ال")) else None
        if t.punct or t.stop or t.digit:
            return None
    return None


def _quoted_at(info: list[Word], q: int, label: str, most: int) -> Span | None:
    """(start, end, label) of a name of at most ``most`` words in quotes opening at ``q``, or None."""
    if q + 1 >= len(info) or info[q].w not in OPENING_QUOTES:
        return None
    close = CLOSING_QUOTES[info[q].w]
    for j in range(q + 1, min(len(info), q + 2 + most)):
        w = info[j].w
        if w == close or (close == "”" and w == '"'):
            has_letters = any(not info[k].punct and not info[k].digit for k in range(q + 1, j))
            return (q + 1, j, label) if has_letters else None
        if w in OPENING_QUOTES or w in CLOSING_MARKS or w in NOT_IN_A_QUOTED_NAME:
            return None
    return None


# --- rule 6: groups -----------------------------------------------------------------------------


def named_groups(info: list[Word], spans: list[Span], triggers: list[int]) -> list[Span]:
    """A group the name lists know, right after تنظيم/حركة (تنظيم داعش، بتنظيم القاعدة، حركة حماس),
    made an ORG span on the name, where the tagger left the word out or gave it alone another label."""
    covered, starts = _covered(spans), _starts(spans)
    new = []
    for i in triggers:
        j = i + 1
        alone = starts.get(j)  # (end, label) of a span the tagger opened on the name
        other_label_alone = alone is not None and alone[0] == j + 1 and alone[1] != "ORG"
        if info[i].group_word and j < len(info) and info[j].known_org and (j not in covered or other_label_alone):
            new.append((j, j + 1, "ORG"))
    if not new:
        return spans
    return sorted([s for s in spans if not any(s[0] == a for a, _, _ in new)] + new)


def ministries_by_short_name(info: list[Word], spans: list[Span], triggers: list[int]) -> list[Span]:
    """الخارجية/الداخلية with a feminine nationality after it (heads.MINISTRY_SHORT_NAMES) is that
    ministry, an ORG span of the two words, unless a minister's word comes before it (وزير الخارجية
    السعودي is a title) or, without a proclitic, a feminine noun it describes (السياسة الخارجية)."""
    taken = _covered(spans)
    new = []
    for i in triggers:
        t = info[i]
        if t.rest not in heads.MINISTRY_SHORT_NAMES or i + 1 >= len(info) or i in taken or i + 1 in taken:
            continue
        nationality = info[i + 1].w
        before = info[i - 1] if i else None
        if nationality in heads.NATIONALITIES and nationality.endswith("ه") and not (
                before and (before.w in heads.MINISTER_WORDS or (not t.prefix and _feminine_definite(before)))):
            new.append((i, i + 2, "ORG"))
    return sorted(spans + new) if new else spans


def _feminine_definite(t: Word) -> bool:
    """A definite feminine or plural noun, proclitics off (السياسة، للسياسة، المخابرات): what an
    adjective in -ية after it describes."""
    readings = [r if r.startswith("ال") else "ال" + r[1:] if r.startswith("ل") else r for r in t.readings]
    return any(r.startswith("ال") and r.endswith(("ه", "ات")) for r in readings)


# --- rule 7: places after an administrative head -------------------------------------------


def places_after_heads(info: list[Word], spans: list[Span], triggers: list[int]) -> list[Span]:
    """The word after an administrative head (بمحافظة الطائف، قرية المندق) made a LOC span when the
    tagger left it out and it reads as a place (clusters.place_words; not a head, compass word or
    title itself), with a second such word (حفر الباطن); the head stays out."""
    covered = _covered(spans)
    new: list[Span] = []
    for i in triggers:
        j = i + 1
        if not info[i].admin or j >= len(info) or j in covered or (new and j < new[-1][1]) or not _reads_as_place(info[j], info[i]):
            continue
        end = j + 2 if j + 1 < len(info) and j + 1 not in covered and _reads_as_place(info[j + 1], info[i]) else j + 1
        new.append((j, end, "LOC"))
    return sorted(spans + new) if new else spans


def named_places(info: list[Word], spans: list[Span], triggers: list[int]) -> list[Span]:
    """A name right after the head of a built place or natural feature (مطار [القاهرة]، فندق [كورت
    يارد ماريوت]، طريق [المدينة المنورة]) made one LOC span with its head and the adjectives after it
    (مطار دبي الدولي); the tagger's label gives way (a hotel is no person). ``عن طريق`` is "by way of"."""
    starts, covered = _starts(spans), _covered(spans)
    new = [(i, _adjectives(info, starts[i + 1][0], starts[i + 1][0] + MAX_ADJECTIVES), "LOC") for i in triggers
           if info[i].place_head and i + 1 in starts and not (i > 0 and info[i - 1].w == "عن") and i not in covered]
    return place(spans, new) if new else spans


def _covered(spans: list[Span]) -> set[int]:
    """The positions of the words inside ``spans``."""
    return {k for a, b, _ in spans for k in range(a, b)}


def _reads_as_place(t: Word, head: Word) -> bool:
    if not t.place_like or t.prefix or t.head or t.admin or t.direction or t.state or t.title or t.stop or t.punct or t.w in heads.WHERE_WORDS:
        return False
    common_head = not heads.COMMON_ADMIN_HEADS.isdisjoint(head.readings)
    return not (common_head and not t.definite and t.w.endswith("ه"))  # منطقة نائية: an adjective


# --- rule 8: compound places ----------------------------------------------------------------

OLD_TOWN = _words("القديمة القديم الكبرى")
DISTANCE = _words("كم كيلومتر كيلومترا كيلومترات ميل ميلا أميال متر مترا")


def compound_places(info: list[Word], spans: list[Span]) -> list[Span]:
    """A place with the compass words (up to two) or the state head before it, the state's
    adjectives (جمهورية مصر العربية) or القديمة after it, made one LOC span. A compass word after a
    distance (50 كم شمال الرياض) says where, it names nothing."""
    out: list[Span] = []
    for a, b, label in spans:
        if label == "LOC":
            floor = out[-1][1] if out else 0
            s = a
            while s > floor and a - s < 2 and info[s - 1].direction:
                s -= 1
            if s < a and s > 0 and (info[s - 1].digit or info[s - 1].w in DISTANCE):
                s = a
            if s == a and a > floor and info[a - 1].state:
                s = a - 1
                b = _adjectives(info, b, b + 3)
            if b < len(info) and info[b].w in OLD_TOWN:
                b += 1
            a = s
        out.append((a, b, label))
    return _disjoint(out)


def bracketed_aliases(info: list[Word], spans: list[Span]) -> list[Span]:
    """One word in brackets right after an organisation is its short name (وزارة النفط الإيرانية (شانا)،
    صندوق تنمية الموارد البشرية (هدف)، (MBC)): an ORG span of its own. Not a definite word, a number,
    a compass word or a head (مجلس الشورى (البرلمان)، محكمة أنتويرب (شمال البلاد) say what or where)."""
    taken = _covered(spans)
    new = [(b + 1, b + 2, "ORG") for a, b, label in spans
           if label == "ORG" and b + 2 < len(info) and info[b].w == "(" and info[b + 2].w == ")" and b + 1 not in taken
           and _reads_as_alias(info[b + 1])]
    return sorted(spans + new) if new else spans


# Adverbs that stand in brackets after a body's name and are no name (وزارة التعليم العالي (سابقا)).
BRACKETED_ADVERBS = _words("سابقا حاليا مؤقتا رسميا تقريبا أيضا لاحقا سابقاً حالياً")


def _reads_as_alias(t: Word) -> bool:
    return not (t.punct or t.digit or t.definite or t.prefix or t.direction or t.head or t.title or t.stop or t.admin
                or t.w in BRACKETED_ADVERBS)


def split_coordinated_places(info: list[Word], spans: list[Span]) -> list[Span]:
    """A place span holding two places joined by و (باريس ولندن، الولايات المتحدة وكندا) as two,
    the second from its و: the word after و is one the clusters group with places, and neither side
    of the و is a compass word (وسط وشرق أوروبا is one region)."""
    out: list[Span] = []
    for a, b, label in spans:
        cuts = [k for k in range(a + 1, b) if label == "LOC" and _joins_places(info, k)]
        out += [(x, y, label) for x, y in zip([a, *cuts], [*cuts, b])]
    return out


def _joins_places(info: list[Word], k: int) -> bool:
    t = info[k]
    return t.w.startswith("و") and t.w[1:] in place_words() and not (t.direction or info[k - 1].direction)


def _disjoint(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        if out and s[0] < out[-1][1]:
            continue
        out.append(s)
    return out


# --- the whole repair ------------------------------------------------------------------------


def repair_info(info: list[Word], spans: list[Span], names: dict, triggers: list[int] | None = None) -> list[Span]:
    """Every rule in turn; ``triggers`` (positions of words a rule may fire on) if already known."""
    if triggers is None:
        triggers = [i for i, t in enumerate(info) if t.trigger]
    spans = trim_punctuation(info, spans)
    if triggers:
        spans = fixed_names(info, spans, triggers)
        spans = named_heads(info, spans, names, triggers)
        spans = quoted_names(info, spans, triggers)
        spans = named_groups(info, spans, triggers)
        spans = ministries_by_short_name(info, spans, triggers)
        spans = places_after_heads(info, spans, triggers)
        spans = named_places(info, spans, triggers)
    spans = bracketed_aliases(info, split_coordinated_places(info, compound_places(info, spans)))
    return drop_spurious(info, spans)  # last: a chain may have run into a formula (جماعة ودعوا الله)


def repair(words: list[str], spans: list[Span], names: dict | None = None) -> list[Span]:
    """The spans of one sentence (word indices, end exclusive) after every rule above."""
    return repair_info([word_info(w) for w in words], list(spans), names or {})


def repair_tags(words: list[str], tags: list[str], probs: list[float], names: dict) -> tuple[list[str], list[float]]:
    """BIO tags and marginals of one sentence after the rules; a token a rule added to a span gets
    RULE_MARGINAL, one it removed from every span 1.0 (what the tagger reports for O)."""
    return _repair_sentence(list(map(word_info, words)), tags, probs, names)


def _repair_sentence(info: list[Word], tags: list[str], probs: list[float], names: dict) -> tuple[list[str], list[float]]:
    triggers = [i for i, t in enumerate(info) if t.trigger]
    spans = spans_from_bio(tags) if tags.count("O") < len(tags) else []
    if not spans and not triggers:
        return tags, probs
    fixed = repair_info(info, spans, names, triggers)
    if fixed == spans:
        return tags, probs
    new_tags = ["O"] * len(tags)
    for a, b, label in fixed:
        new_tags[a:b] = [f"B-{label}"] + [f"I-{label}"] * (b - a - 1)
    new_probs = [p if t != "O" and n != "O" else (RULE_MARGINAL if n != "O" else 1.0) for t, n, p in zip(tags, new_tags, probs)]
    return new_tags, new_probs


def repair_tagged(forms: list[str], doc_sents: list[list[list[int]]], tagged: list, names: dict, clubs: frozenset = frozenset()) -> list:
    """``tagged`` (per document, per sentence: tags and marginals) with the rules applied; the words
    of sentence ``s`` are ``forms[k] for k in s``; ``clubs``: the words :func:`club_names` may tag
    (none: that rule is off). The hook in :func:`khabar.extract.entities.extract_entities`."""
    info = list(map(word_info, forms))  # once per token of the chunk, not per sentence copy
    triggers = set(compress(range(len(info)), map(attrgetter("trigger"), info)))
    # Most sentences have no span and no trigger word, which _repair_sentence returns unchanged:
    # they are passed over without copying their words' info.
    out = [
        [(tags, probs) if triggers.isdisjoint(sent) and tags.count("O") == len(tags) else _repair_sentence([info[k] for k in sent], tags, probs, names)
         for sent, (tags, probs) in zip(sents, doc_tags)]
        for sents, doc_tags in zip(doc_sents, tagged)
    ]
    # The document rules look at a few words of each document: found once for the chunk, at C speed.
    quoted = {k for k in triggers if info[k].quoted}
    out = [quoted_names_agree(info, sents, doc_tags, quoted) for sents, doc_tags in zip(doc_sents, out)] if quoted else out
    out = [quoted_persons(info, sents, doc_tags) for sents, doc_tags in zip(doc_sents, out)]
    if not clubs:
        return out
    sport = set(compress(range(len(info)), map(attrgetter("sport"), info)))
    return [club_names(info, sents, doc_tags, clubs, sport) for sents, doc_tags in zip(doc_sents, out)] if sport else out


# --- the document: one label for a name it gives in quotes after its head ----------------------


def quoted_names_agree(info: list[Word], sents: list[list[int]], doc_tags: list, quoted: set) -> list:
    """Every quoted mention of a name the document introduces in quotes after its head (ديوانها
    بعنوان “فلامنكو”) takes that name's label, tagged or not: the tagger read «فلامنكو» as an
    organisation the five other times the article names the collection. ``quoted``: the positions
    of the chunk's words with a quoted name after them (Word.quoted)."""
    labels: dict[tuple[str, ...], str] = {}
    for sent, (tags, _) in zip(sents, doc_tags):
        if quoted.isdisjoint(sent):
            continue
        words = [info[k] for k in sent]
        ends = {b for _, b, label in spans_from_bio(tags) if label != "PER"}
        for i, t in enumerate(words):
            if t.quoted:
                for a, b, label in quoted_list(words, i, ends):
                    labels.setdefault(tuple(w.w for w in words[a:b]), label)
    if not labels:
        return doc_tags
    return [_agree([info[k] for k in sent], tags, probs, labels) for sent, (tags, probs) in zip(sents, doc_tags)]


def _agree(info: list[Word], tags: list[str], probs: list[float], labels: dict) -> tuple[list[str], list[float]]:
    """Quoted mentions of a name in ``labels`` with its label; unquoted ones are left to the tagger
    (a newspaper is «الشرق الأوسط» in quotes, the region without them)."""
    spans = spans_from_bio(tags) if tags.count("O") < len(tags) else []
    starts = _starts(spans)
    kept = [s for s in spans]
    new: list[Span] = []
    for name, label in labels.items():
        n = len(name)
        for a in range(1, len(info) - n):
            if info[a - 1].w in OPENING_QUOTES and info[a + n].w in CLOSING_MARKS and tuple(t.w for t in info[a : a + n]) == name:
                if starts.get(a) == (a + n, label):
                    continue
                new.append((a, a + n, label))
    if not new:
        return tags, probs
    fixed = sorted([s for s in kept if not any(s[0] < b and a < s[1] for a, b, _ in new)] + new)
    new_tags = ["O"] * len(tags)
    for a, b, label in fixed:
        new_tags[a:b] = [f"B-{label}"] + [f"I-{label}"] * (b - a - 1)
    return new_tags, [p if t != "O" else (RULE_MARGINAL if n != "O" else 1.0) for t, n, p in zip(tags, new_tags, probs)]


def quoted_persons(info: list[Word], sents: list[list[int]], doc_tags: list) -> list:
    """A surname the document gives a person (the last word of a person of two words or more) is
    that person where the tagger read it, in quotes, as a title: وأوضح "[الغانمي]" أن، وقال «[خصروف]»."""
    misc = [(n, a) for n, (tags, _) in enumerate(doc_tags) if "B-MISC" in tags
            for a, b, label in spans_from_bio(tags) if label == "MISC" and b - a == 1]
    if not misc:
        return doc_tags
    surnames = {info[sent[b - 1]].w for sent, (tags, _) in zip(sents, doc_tags) if "B-PER" in tags
                for a, b, label in spans_from_bio(tags) if label == "PER" and b - a > 1}
    out = list(doc_tags)
    for n, a in misc:
        sent, (tags, probs) = sents[n], out[n]
        if 0 < a < len(sent) - 1 and info[sent[a]].w in surnames and info[sent[a - 1]].w in OPENING_QUOTES and info[sent[a + 1]].w in CLOSING_MARKS:
            out[n] = (tags[:a] + ["B-PER"] + tags[a + 1 :], probs)
    return out


# --- the document: clubs in a sports report ---------------------------------------------------

# Words before a club's name that make it the club (لاعب الهلال، جماهير الاتحاد، أمام النصر).
CLUB_CONTEXT = _words(
    """نادي النادي فريق لاعب لاعبي لاعبو مدرب مهاجم مدافع حارس محترف نجم جماهير جمهور إدارة رئيس مباراة
    مباريات لقاء تدريبات معسكر أمام ضد"""
)
# Words before a club word that make it the common noun (رعاية الشباب، منتخب الشباب، توقيع الاتفاق).
NOT_A_CLUB_BEFORE = _words("رعاية لرعاية فئة منتخب المنتخب درجة لدرجة توقيع إلى")


def club_names(info: list[Word], sents: list[list[int]], doc_tags: list, clubs: frozenset, sport: set) -> list:
    """A sports report's untagged mentions of a club it names elsewhere as one (tagged ORG by the
    tagger, or after a club word: لاعب الهلال), tagged ORG: the tagger finds الهلال in one sentence
    and leaves it in the next (2015-07-21: 157 of 208 الهلال in football reports untagged).

    A club word (``clubs``: the organisations of the name lists, one word) is taken bare, with و or
    with ل (للهلال), not with ب (بالتعاون مع is "with the help of"), nor before an adjective
    (الهلال النفطي), nor after a word that makes it the common noun (رعاية الشباب). ``sport``: the
    positions of the chunk's football words (features.SPORT_WORDS)."""
    if len({info[k].w for sent in sents for k in sport.intersection(sent)}) < SPORT_MIN_WORDS:
        return doc_tags
    named = set()
    for sent, (tags, _) in zip(sents, doc_tags):
        for a, b, label in spans_from_bio(tags) if tags.count("O") < len(tags) else ():
            if label == "ORG" and b - a == 1 and _club_key(info[sent[a]], clubs):
                named.add(_club_key(info[sent[a]], clubs))
        for j in range(1, len(sent)):
            if info[sent[j - 1]].w in CLUB_CONTEXT and _club_key(info[sent[j]], clubs):
                named.add(_club_key(info[sent[j]], clubs))
    if not named:
        return doc_tags
    return [_tag_clubs([info[k] for k in sent], tags, probs, named, clubs) for sent, (tags, probs) in zip(sents, doc_tags)]


def _club_key(t: Word, clubs: frozenset) -> str:
    """The club word ``t`` reads as (its spelling without و or ل), or ""."""
    if t.prefix in ("", "و", "ل", "ول") and t.rest in clubs:
        return t.rest
    if t.w.startswith(("لل", "ولل")) and "ال" + t.w.split("لل", 1)[1] in clubs:  # للهلال: the article's alef elided
        return "ال" + t.w.split("لل", 1)[1]
    return ""


def _tag_clubs(info: list[Word], tags: list[str], probs: list[float], named: set, clubs: frozenset) -> tuple[list[str], list[float]]:
    found = [j for j, t in enumerate(info) if tags[j] == "O" and _club_key(t, clubs) in named
             and not (j + 1 < len(info) and info[j + 1].adjective) and not (j > 0 and info[j - 1].w in NOT_A_CLUB_BEFORE)]
    if not found:
        return tags, probs
    tags, probs = list(tags), list(probs)
    for j in found:
        tags[j], probs[j] = "B-ORG", RULE_MARGINAL
        if j + 1 < len(tags) and tags[j + 1].startswith("I-"):  # the next word's span now opens there
            tags[j + 1] = "B-" + tags[j + 1][2:]
    return tags, probs

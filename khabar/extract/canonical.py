"""Canonical entities: one name and one stable id per real-world entity.

Rules, each applied to the mentions the tagger found:

1. Clitics: a proclitic conjunction or preposition glued to a name is not part
   of it (``وبيروت`` -> ``بيروت``; ``للعراق`` -> ``العراق``).
2. Titles and roles before a person's name are kept apart, in ``role``
   (``رئيس الوزراء العراقي محمد شياع السوداني`` -> PER ``محمد شياع السوداني``,
   role ``رئيس الوزراء العراقي``).
3. Within a document, a short form of a person's name links to the one longer
   name that contains it (``السوداني`` -> ``محمد شياع السوداني``).
4. Spelling variants collapse: the id is a hash of the label and the
   :func:`id_key` of the canonical name: normalised (hamza/alef, ى/ي, ة/ه,
   diacritics, tatweel), passed through a small table of variant spellings
   (``أميركا``/``أمريكا``) and aliases (``المملكة العربية السعودية``/``السعودية``,
   ``الاتحاد الدولي لكرة القدم``/``الفيفا``), with ``عبد``/``أبو`` joined to the
   next word, a trailing ``آل سعود`` dropped from a full name, spaces dropped
   and, except for persons, the article (``الفيفا``/``فيفا``). The id
   therefore does not depend on the document, the run or the order; changing
   the fold changes ids, and ``khabar status`` then lists the partitions
   written before as stale (another code version) until ``khabar reprocess``.
5. Titles: a multi-word title (``ولي العهد``, ``خادم الحرمين الشريفين``) is a
   role, never part of a name; a mention that is only such a title takes the
   name of the one person the article gives it (:func:`resolve_titles`).

6. A surname the tagger tagged without its given names (``جيب ⟦بوش⟧``) takes
   them back when the article names that full name elsewhere
   (:func:`join_split_names`).

Span repairs over the tagger's output (facilities named after people,
lineage, words run on) are in :mod:`khabar.extract.person_spans`; a given name
alone (فهد) is kept here but left out of the daily aggregates
(:func:`khabar.aggregate._linked_ids`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from functools import lru_cache

from khabar.arabic import ARABIC_BLOCK_MARKS, TATWEEL, char_class
from khabar.ner import features
from khabar.ner.features import strip_proclitics
from khabar.ner.heads import OPENING_WORDS

# Entity post-processing normalises the same few words over and over (~350 calls a
# document: every token near a person, every mention's words, each key); news repeats
# its word types, so one bounded cache per process makes most calls a lookup. The
# bound keeps memory flat on a year's run (~65k words, a few MB); norm is pure.
NORM_CACHE_WORDS = 1 << 16
norm = lru_cache(maxsize=NORM_CACHE_WORDS)(features.norm)


@lru_cache(maxsize=NORM_CACHE_WORDS)
def proclitic_splits(w: str) -> tuple[tuple[str, str], ...]:
    """``features.proclitic_splits`` of ``w``, cached: asked of a mention's first word two or three
    times (proclitic_length, retrim_clitics, join_split_names); a tuple, since callers share it."""
    return tuple(features.proclitic_splits(w))


_DIACRITICS = re.compile(f"[{char_class(ARABIC_BLOCK_MARKS | {TATWEEL})}]")

# Word-level spelling variants (normalised form -> preferred normalised form).
# Prefix rewrites cover the inflected forms (الاميركيه, اميركيين).
VARIANT_PREFIXES = (
    ("اميرك", "امريك"),
    ("الاميرك", "الامريك"),
    ("اوربا", "اوروبا"),
    ("الاوربي", "الاوروبي"),
    ("انجلترا", "انكلترا"),
    ("بريطانيه", "بريطانيا"),
    ("الكونجرس", "الكونغرس"),
    ("جوجل", "غوغل"),
    ("ترمب", "ترامب"),
    ("بوتن", "بوتين"),
    ("اوكرانيه", "اوكرانيا"),
    ("فلسطينيه", "فلسطين"),
)
VARIANT_WORDS = {
    "اسرائيل": "اسرائيل",
    "اسراييل": "اسرائيل",
    "امارات": "الامارات",
    "جنيف": "جنيف",
    "جينيف": "جنيف",
    "واشنطون": "واشنطن",
    "موسكوا": "موسكو",
}
# Whole-name aliases (normalised key -> preferred key).
ALIASES = {
    "المملكه العربيه السعوديه": "السعوديه",
    "المملكه السعوديه": "السعوديه",
    "الامارات العربيه المتحده": "الامارات",
    "دوله الامارات": "الامارات",
    "الولايات المتحده الامريكيه": "الولايات المتحده",
    "حلف شمال الاطلسي": "الناتو",
    "حلف الناتو": "الناتو",
    "منظمه الامم المتحده": "الامم المتحده",
    "جمهوريه مصر العربيه": "مصر",
    "امريكا": "الولايات المتحده",
    "مجلس الامن الدولي": "مجلس الامن",
    "الاتحاد الدولي لكره القدم": "الفيفا",
    # one club or bank however the article qualifies it; which one a bare الأهلي is: HOMONYMS
    "النادي الاهلي": "الاهلي",
    "النادي الاهلي السعودي": "الاهلي",
    "الاهلي السعودي": "الاهلي",
    "النادي الاهلي المصري": "الاهلي المصري",
    "البنك الاهلي التجاري": "البنك الاهلي",
    "النادي النصر": "النصر",
    "النصر السعودي": "النصر",
    # a name and the country it is always of
    "حزب الله اللبناني": "حزب الله",
    "الكونغرس الامريكي": "الكونغرس",
    "صندوق النقد": "صندوق النقد الدولي",
}
# Names several organisations share: normalised key -> senses in order of trial, each (sense, its cue
# words, its rivals' cue words, cues needed). A bare mention takes the first sense whose cues among the
# words of the document's other entity names reach the number needed and outnumber the rivals'; the
# sense's own name in the document (النادي الأهلي المصري) counts as two cues. With no sense found the
# name stands for its usual sense in Saudi news (الأهلي: the Jeddah club). Words as ``key`` spells them.
_SAUDI_CLUBS = frozenset("الهلال النصر الاتحاد الشباب الفيصلي الفتح التعاون الرايد الاتفاق الفيحاء الخليج".split())
_SAUDI_FOOTBALL = frozenset("السعودي السعوديه جده".split()) | _SAUDI_CLUBS
_FOOTBALL = frozenset("النادي الدوري مباراه المدرب اللاعب الفريق كاس بطوله المنتخب".split()) | _SAUDI_CLUBS
HOMONYMS = {
    "الاهلي": (
        ("الأهلي المصري", frozenset("مصر المصري المصريه القاهره الزمالك الاسماعيلي الاسكندريه المقاولون الجونه".split()), _SAUDI_FOOTBALL, 2),
        ("البنك الأهلي", frozenset("البنك البنوك مصرف المصارف النقد ساما تداول الاسهم".split()), _FOOTBALL, 1),
    ),
}


def separate_homonyms(mentions: list[dict]) -> None:
    """A bare organisation name several share (الأهلي: Jeddah's club, Cairo's, the bank) takes the sense the
    document's other entity names point to (الزمالك، مصر -> الأهلي المصري); ``canonical`` replaced in place."""
    keys = [key(m["canonical"]) if m["label"] == "ORG" else None for m in mentions]
    if not any(k in HOMONYMS for k in keys):
        return
    named = set(keys)
    context = {w for m in mentions for w in key(m["canonical"]).split()}
    for m, k in zip(mentions, keys):
        if k in HOMONYMS:
            m["canonical"] = _sense(k, context - set(k.split()), named) or m["canonical"]


def _sense(name: str, context: set[str], named: set) -> str | None:
    for sense, cues, rivals, needed in HOMONYMS[name]:
        found = len(context & cues) + (2 if key(sense) in named else 0)
        if found >= needed and found > len(context & rivals):
            return sense
    return None


# First words written apart or joined to the next (عبد العزيز / عبدالعزيز, أبو ظبي / أبوظبي).
JOINED_FIRST = {"عبد", "ابو", "ابي", "ابا"}
# Compound names written apart or joined (عز الدين / عزالدين, نصر الله / نصرالله): last word -> the first
# words it joins. One name, so a compound given name alone counts as one word (aggregate.GIVEN_NAMES).
_DIN_FIRST = "عز نور صلاح سيف علاء شمس بدر خير جمال نصر حسام عماد محي محيي زين تاج فخر شرف ضياء كمال بهاء نجم شهاب تقي معين عصام برهان"
JOINED_LAST = {
    "الدين": frozenset(norm(w) for w in _DIN_FIRST.split()),
    "الله": frozenset(norm(w) for w in "نصر جار فتح فضل عطا خير ضيف رزق حسب".split()),
}
COMPOUND_GIVEN_NAMES = frozenset(norm(w) + "الدين" for w in _DIN_FIRST.split())

# Titles and roles that can open a role phrase before a person's name.
ROLE_HEADS = set(
    norm(w)
    for w in """
الرئيس رئيس رئيسة الملك الملكة الأمير الأميرة ولي الشيخ السيد السيدة الدكتور الدكتورة الأستاذ المهندس
وزير الوزير وزيرة الوزيرة النائب نائب السفير سفير الجنرال اللواء العميد العقيد الفريق المشير الأمين أمين
المتحدث الناطق المستشار مستشار القائد قائد المدير مدير الرئيسة الشاعر الكاتب الفنان الفنانة اللاعب المدرب
البابا الإمام المرشد المفتي القاضي المحامي الصحفي المراسل الناشط المعارض الزعيم زعيم الحاكم حاكم
المندوب مندوب المبعوث مبعوث عضو رئيسة محافظ المحافظ أمير خادم سمو صاحب معالي فخامة
""".split()
)
# Words that end a role phrase when walking back from a name (verbs of saying, particles).
ROLE_STOPS = set(
    norm(w)
    for w in """
قال وقال قالت وقالت أكد وأكد أكدت أعلن وأعلن أعلنت أضاف وأضاف أوضح وأوضح أشار وأشار ذكر وذكر صرح وصرح
دعا ودعا التقى والتقى استقبل واستقبل بحث وبحث زار وزار أن إن ان أنه إنه كان وكان قد لقد في من على عن إلى الى
مع بين هذا هذه ذلك تلك الذي التي الذين و ثم أو أم لكن بل حيث كما عند بعد قبل خلال منذ حتى لدى
""".split()
)
MAX_ROLE_WORDS = 6


def light(text: str) -> str:
    """Display form: diacritics and tatweel off, spelling otherwise as written."""
    return " ".join(_DIACRITICS.sub("", text).split())


KEY_CACHE_NAMES = 1 << 15  # a day names ~10k distinct entities; key is pure, asked ~30 times a document


@lru_cache(maxsize=KEY_CACHE_NAMES)
def key(text: str) -> str:
    """The spelling-insensitive key two mentions of one entity share.

    Beyond :func:`norm` (hamza/alef, ى/ي, ة/ه, diacritics): the variant table,
    ``عبد``/``أبو`` joined to the next word (عبد العزيز = عبدالعزيز) and
    compounds to their first word (عز الدين = عزالدين, ``JOINED_LAST``), a trailing
    ``آل سعود`` dropped from a name of four words or more (سلمان بن عبدالعزيز
    آل سعود = سلمان بن عبدالعزيز), then the alias table.
    """
    words = []
    for w in norm(text).split():
        w = VARIANT_WORDS.get(w, w)
        for old, new in VARIANT_PREFIXES:
            if w.startswith(old):
                w = new + w[len(old) :]
                break
        if words and (words[-1] in JOINED_FIRST or words[-1] in JOINED_LAST.get(w, ())):
            w = words.pop() + w
        words.append(w)
    if len(words) > 3 and words[-2:] == ["ال", "سعود"]:
        words = words[:-2]
    joined = " ".join(words)
    return ALIASES.get(joined, joined)


# Words that say what kind of body a one-word name is and add nothing to it (تنظيم القاعدة = القاعدة,
# منظمة أوبك = أوبك), as key() spells them. Not حزب, جبهة, جماعة, شركة: they are part of the name more
# often than not (حزب الله, جبهة النصرة, شركة الاتحاد is no club).
KIND_WORDS = frozenset({"تنظيم", "منظمه"})


def id_key(label: str, canonical: str) -> str:
    """What the id hashes: the key without spaces (فيس بوك = فيسبوك), and for
    organisations, places and others without the article on each word
    (الفيفا = فيفا, الشرق الأوسط = شرق أوسط) and without a kind word before a
    one-word name (تنظيم القاعدة = القاعدة, ``KIND_WORDS``). Persons keep the
    article: حسين and الحسين are usually two people."""
    words = key(canonical).split()
    if label != "PER":
        if len(words) == 2 and words[0] in KIND_WORDS:
            words = words[1:]
        words = [w[2:] if len(w) >= 4 and w.startswith("ال") else w for w in words]
    return "".join(words)


@lru_cache(maxsize=KEY_CACHE_NAMES)  # one sha1 per distinct name, not per mention (pure)
def entity_id(label: str, canonical: str) -> str:
    """Stable id: the same label and :func:`id_key` give the same id in every document and run.

    Changing ``key`` or ``id_key`` changes ids: partitions written before are
    then reported stale by ``khabar status`` (another code version) and
    ``khabar reprocess`` rewrites them with the new ids.
    """
    return hashlib.sha1(f"{label}|{id_key(label, canonical)}".encode("utf-8")).hexdigest()[:16]


def proclitic_length(form: str, names: Mapping[str, int]) -> tuple[int, str]:
    """(characters of ``form`` to drop, name without clitics) for the first word of a mention.

    A proclitic is split off only when the rest is clearly the name: it starts
    with the article (``والعراق``), or it is known as a name more often than
    the whole word is (``names``: counts of name words, from the training data
    and the gazetteer), so that ``بغداد`` or ``وليد`` stay whole; a whole word
    known as a name more often than the rest stays whole too (``كاليفورنيا``
    is not ك + اليفورنيا). Before a name without the article only و، ب، ل are
    split off: ف and ك glued to a name are rarer than names that begin with
    them (``فريد``، ``كريم``). A word that opens names (``ومستشفى``, see
    :mod:`khabar.ner.heads`) loses its clitic too. In ``للعراق`` the article's
    alef is elided: the span starts at the article's lam (``لعراق``, as the
    annotation guidelines have it) and the name gets the article back.
    """
    w = norm(form)
    best = None
    for prefix, rest in proclitic_splits(w):
        # the article needs a stem of three letters or more after it: وكالة is not و+ك+الة
        if rest.startswith("ال") and len(rest) >= 5 and not w.startswith("ال") and names.get(w, 0) <= names.get(rest, 0):
            best = (prefix, rest)
            break
        if rest in OPENING_WORDS:
            best = (prefix, rest)
            break
        if names.get(rest, 0) > names.get(w, 0) and not set(prefix) & {"ف", "ك"} and (best is None or names.get(rest, 0) > names.get(best[1], 0)):
            best = (prefix, rest)
    if best is None:
        return 0, light(form)
    prefix, rest = best
    i = _chars_for(form, len(prefix))  # diacritics and tatweel on the clitic go with it
    if not w.endswith(rest):  # لل + name: the article's alef was elided
        return i, "ال" + light(form[i:])[1:]
    return i, light(form[i:])


def retrim_clitics(mentions: list[dict], text: str, known: frozenset = frozenset(), names: Mapping[str, int] | None = None) -> None:
    """Split a proclitic off a mention's first word when the rest is a word of the document's other
    mentions more often than the whole word is, or a word in ``known`` (``خلفا لبلاتر`` next to
    ``جوزيف بلاتر`` -> بلاتر): the lexicon does not know every name the news does. A whole word the
    lexicon (``names``) knows as a name more often than the rest needs the rest in two more of the
    document's mentions: ``باراك أوباما`` is not ب + ``أراك`` because the article names the reactor of Arak once.
    ``mentions`` are changed in place (start, text, canonical)."""
    names = names or {}
    counts: dict[str, int] = {}
    for m in mentions:
        for w in m["canonical"].split():
            counts[norm(w)] = counts.get(norm(w), 0) + 1
    for m in mentions:
        parts = m["text"].split()
        if not parts or not m["canonical"].startswith(light(parts[0])):
            continue
        own = {norm(w) for w in m["canonical"].split()}
        w = norm(parts[0])
        for _, rest in proclitic_splits(w):
            # a whole word the lexicon knows better than the rest needs the rest twice more in the document
            needed = 2 if names.get(w, 0) > names.get(rest, 0) else 1
            if rest in known or counts.get(rest, 0) - (rest in own) >= counts.get(w, 0) - (w in own) + needed:
                n, name = proclitic_length(parts[0], {rest: 1})
                m["canonical"] = name + m["canonical"][len(light(parts[0])) :]
                m["start"] += n
                m["text"] = text[m["start"] : m["end"]]
                break


# The (up to) three words right before a mention, space after each, matched on the reversed window
# before it: the forward pattern (?:(\w+)\s+)?(?:(\w+)\s+)?(\w+)\s+$ searched there tried every start
# of its 80 characters (40 µs a mention, half of join_split_names); read from the end, one match does.
_WORDS_BEFORE_REVERSED = re.compile(r"\s+(\w+)(?:\s+(\w+))?(?:\s+(\w+))?")
_WORDS_BEFORE_REACH = 80  # characters before the mention the words are read in
_MAX_NAME_WORDS_BEFORE = 3


def words_before(text: str, end: int) -> list[tuple[int, str]]:
    """(start, word) of the last words (three at most, in text order) before ``end``, each followed
    by white space and the last right before ``end``; a word cut by the window's start is read cut."""
    lo = max(0, end - _WORDS_BEFORE_REACH)
    back = text[lo:end][::-1]
    match = _WORDS_BEFORE_REVERSED.match(back)
    if not match:
        return []
    return [(end - match.end(g), match.group(g)[::-1]) for g in (3, 2, 1) if match.group(g)]


def join_split_names(mentions: list[dict], text: str, names: Mapping[str, int] | None = None) -> None:
    """A person mention whose given names the tagger left outside (``جيب ⟦بوش⟧``, ``لجيب ⟦بوش⟧``, or
    ``⟦جيب⟧ ⟦بوش⟧`` as two mentions) takes them back when, with them, it is a name of two words or
    more the document names in full elsewhere: it is that person, not a surname left to be shared
    with the family (جورج بوش in the same article). Only words right before it, space between, count;
    a clitic on the first of them stays out. ``mentions`` (in text order) are changed in place; a
    given-name mention absorbed is removed. The full name must be one the document repeats or whose
    first word the lexicon (``names``) knows: a tagger's one-off ``انتخاب بلاتر`` takes no surname."""
    names = names or {}
    seen: dict[str, list[str]] = {}
    for m in mentions:
        if m["label"] == "PER" and len(m["canonical"].split()) > 1:
            seen.setdefault(key(m["canonical"]), []).append(m["canonical"])
    full = {k: forms[0] for k, forms in seen.items() if len(forms) > 1 or names.get(norm(forms[0].split()[0]), 0) > 0}
    if not full:
        return
    last_words = {k.split()[-1] for k in full}
    absorbed = set()
    for i, m in enumerate(mentions):
        if m["label"] != "PER" or key(m["canonical"]).split()[-1] not in last_words:
            continue
        found = _name_before(text, m, full)
        if not found:
            continue
        start, name = found
        covered = [j for j in range(i - 1, -1, -1) if mentions[j]["end"] > start]
        if any(mentions[j]["label"] != "PER" for j in covered):
            continue  # a place or an organisation before it (كولومبيا بوش): the tagger's call stands
        for j in covered:
            absorbed.add(j)
            m["role"] = m.get("role") or mentions[j].get("role")
        m["start"], m["canonical"], m["text"] = start, name, text[start : m["end"]]
    if absorbed:
        mentions[:] = [m for j, m in enumerate(mentions) if j not in absorbed]


def _name_before(text: str, m: dict, full: dict[str, str]) -> tuple[int, str] | None:
    """(new start, full name) when the words right before mention ``m`` make it one of ``full``'s names."""
    words = words_before(text, m["start"])
    if not words:
        return None
    own = key(m["canonical"])
    for n in range(1, min(len(words), _MAX_NAME_WORDS_BEFORE) + 1):
        (first_at, first), rest = words[-n], [w for _, w in words[-n + 1 :]] if n > 1 else []
        for trim, given in [(0, first), *((len(p), r) for p, r in proclitic_splits(norm(first)))]:
            k = key(" ".join([given, *rest, own]))
            if k in full and k != own:
                return first_at + _chars_for(first, trim), full[k]
    return None


def _chars_for(form: str, letters: int) -> int:
    """Characters of ``form`` that its first ``letters`` normalised letters take (diacritics after them too)."""
    if letters == 0:
        return 0  # (diacritics at the word's start stay with the name)
    seen, i = 0, 0
    while i < len(form) and seen < letters:
        if not _DIACRITICS.match(form[i]):
            seen += 1
        i += 1
    while i < len(form) and _DIACRITICS.match(form[i]):
        i += 1
    return i


def role_length(before: list[str]) -> int:
    """How many of the words right before a name (given in text order) form its role.

    Walks back from the name over at most MAX_ROLE_WORDS words, stopping at a
    verb of saying, a particle or punctuation; the role starts at the earliest
    title word found (``رئيس`` in ``وقال رئيس الوزراء العراقي``).
    """
    start = None
    for k in range(1, min(len(before), MAX_ROLE_WORDS) + 1):
        w = norm(before[-k])
        if w in ROLE_STOPS or not any(c.isalpha() for c in w):
            break
        stripped = strip_proclitics(w)[1]
        if w in ROLE_HEADS or stripped in ROLE_HEADS:
            start = k
    return start or 0


# Titles of more than one word, kept whole: a role, never part of a name (ولي العهد الأمير محمد).
TITLE_PHRASES = sorted(
    (
        tuple(norm(w) for w in t.split())
        for t in ("خادم الحرمين الشريفين", "نائب خادم الحرمين الشريفين", "ولي العهد", "ولي ولي العهد", "ولي عهد", "رئيس الوزراء", "رئيس مجلس الوزراء")
    ),
    key=len,
    reverse=True,
)
_TITLE_STARTS = frozenset(phrase[0] for phrase in TITLE_PHRASES)
# Words that complete a one-word title (وزير الخارجية، الأمين العام).
ROLE_COMPLEMENTS = {norm(w) for w in "الخارجية الداخلية الدفاع العام العهد الوزراء التنفيذي المساعد الأول الثاني".split()}


def title_at(words: list[str], k: int) -> int:
    """Words of the title phrase starting at ``words[k]`` (0 when none)."""
    if 0 <= k < len(words):  # most words open no title: answered from the first word alone
        first = norm(words[k])
        core = strip_proclitics(first)[1]
        if core not in _TITLE_STARTS and first not in ROLE_HEADS and core not in ROLE_HEADS:
            return 0
    normed = [strip_proclitics(norm(w))[1] if i == 0 else norm(w) for i, w in enumerate(words[k : k + 4])]
    for phrase in TITLE_PHRASES:
        if tuple(normed[: len(phrase)]) == phrase:
            return len(phrase)
    if normed and (norm(words[k]) in ROLE_HEADS or normed[0] in ROLE_HEADS):
        n = 1
        while k + n < len(words) and norm(words[k + n]) in ROLE_COMPLEMENTS:
            n += 1
        return n
    return 0


def leading_titles(words: list[str]) -> int:
    """How many leading words of a person mention are titles (``الرئيس باراك أوباما`` -> 1,
    ``ولي العهد الأمير محمد بن نايف`` -> 3); at least one word is left."""
    k = 0
    while k < len(words) - 1:
        n = title_at(words, k)
        if n == 0 or k + n >= len(words):
            break
        k += n
    return k


def title_only(words: list[str]) -> bool:
    """The mention is a title phrase and nothing else (``خادم الحرمين الشريفين``): it names a
    person only through the article (see resolve_titles)."""
    return len(words) > 1 and title_at(words, 0) == len(words) and any(len(p) == len(words) for p in TITLE_PHRASES)


def resolve_titles(mentions: list[dict]) -> None:
    """A title-only mention (``_title`` set) takes the canonical of the one person the article gives
    that title (``خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز`` -> سلمان بن عبدالعزيز); with
    none or several it keeps the title as its name."""
    for m in mentions:
        if not m.pop("_title", False):
            continue
        title = key(m["canonical"])
        owners = {key(o["canonical"]): o["canonical"] for o in mentions if o["label"] == "PER" and not o.get("_title") and _role_title(o.get("role")) == title}
        if len(owners) == 1:
            m["canonical"] = owners.popitem()[1]


def _role_title(role: str | None) -> str | None:
    """Key of the title phrase a role opens with (``خادم الحرمين الشريفين الملك`` -> its first three words)."""
    words = (role or "").split()
    n = title_at(words, 0) if words else 0
    return key(" ".join(words[:n])) if n else None


def link_short_forms(mentions: list[dict]) -> None:
    """Point each person mention at the one longest name in the document that contains it.

    ``mentions`` are dicts with ``label`` and ``canonical``; ``canonical`` is
    replaced in place. A short form contained in two different longer names
    (``محمد`` in two people's names) is ambiguous and left as it is; a short
    form only found after ``بن``/``بنت``/``آل`` in a longer name is the
    father's or the family's name, not that person (سلمان in محمد بن سلمان).
    """
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    for m in mentions:
        if m["label"] == "PER":
            k = key(m["canonical"])
            names.setdefault(k, m["canonical"])
            counts[k] = counts.get(k, 0) + 1
    keyed = {k: tuple(k.split()) for k in names}
    longest: dict[str, str] = {}
    for k, words in keyed.items():
        containers = [c for c, cw in keyed.items() if len(cw) > len(words) and stands_for(cw, words)]
        # keep only maximal containers: a name inside another container is the same person
        maximal = {c for c in containers if not any(len(keyed[d]) > len(keyed[c]) and contains_words(keyed[d], keyed[c]) for d in containers)}
        owner = maximal.pop() if len(maximal) == 1 else _surname_owner(words, maximal, keyed, counts)
        if owner:
            longest[k] = owner
    for m in mentions:
        if m["label"] == "PER":
            target = longest.get(key(m["canonical"]))
            if target:
                m["canonical"] = names[target]


def _surname_owner(words: tuple, containers: set, keyed: dict, counts: dict) -> str | None:
    """Of the names a one-word surname ends, the one mentioned at least twice when every other
    is mentioned once (وندي شيرمان over the tagger's one-off افتخرت شيرمان); names it opens
    (لودريان يرنو) do not count unless it opens one twice or more: then it is a given name too
    (محمد of محمد بن سلمان is not علي محمد)."""
    ending = [c for c in containers if keyed[c][-1] == words[0]]
    if len(words) != 1 or not ending:
        return None
    ranked = sorted(ending, key=lambda c: (-counts[c], c))
    opening = [counts[c] for c in containers if keyed[c][0] == words[0]]
    if any(n > 1 for n in opening):  # it opens a name more than once here: a given name too
        return None
    # a second full name mentioned twice is a second person (جيب بوش and جورج بوش in one article)
    if counts[ranked[0]] >= 2 and (len(ranked) == 1 or counts[ranked[1]] < 2):
        return ranked[0]
    return None


LINEAGE_KEYS = frozenset({"بن", "ابن", "بنت", "ال"})  # as key() spells them (آل -> ال)


def stands_for(longer: tuple, shorter: tuple) -> bool:
    """``shorter`` occurs in ``longer`` other than right after بن/بنت/آل."""
    n = len(shorter)
    return any(longer[i : i + n] == shorter and (i == 0 or longer[i - 1] not in LINEAGE_KEYS) for i in range(len(longer) - n + 1))


def contains_words(longer: tuple, shorter: tuple) -> bool:
    """``shorter`` occurs in ``longer`` as a run of consecutive words."""
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))

"""Canonical entities: one name and one stable id per real-world entity.

Rules, each applied to the mentions the tagger found:

1. Clitics: a proclitic conjunction or preposition glued to a name is not part
   of it (``وبيروت`` -> ``بيروت``; ``للعراق`` -> ``العراق``).
2. Titles and roles before a person's name are kept apart, in ``role``
   (``رئيس الوزراء العراقي محمد شياع السوداني`` -> PER ``محمد شياع السوداني``,
   role ``رئيس الوزراء العراقي``).
3. Within a document, a short form of a person's name links to the one longer
   name that contains it (``السوداني`` -> ``محمد شياع السوداني``).
4. Spelling variants collapse: the id is a hash of the label and the *key* of
   the canonical name, where the key is normalised (hamza/alef, ى/ي, ة/ه,
   diacritics, tatweel) and passed through a small table of variant spellings
   (``أميركا``/``أمريكا``) and aliases (``المملكة العربية السعودية``/``السعودية``).
   The id therefore does not depend on the document, the run or the order.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

from khabar.arabic import ARABIC_BLOCK_MARKS, TATWEEL, char_class
from khabar.ner.features import norm, proclitic_splits, strip_proclitics
from khabar.ner.heads import OPENING_WORDS

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
}

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


def key(text: str) -> str:
    """The spelling-insensitive key two mentions of one entity share."""
    words = []
    for w in norm(text).split():
        w = VARIANT_WORDS.get(w, w)
        for old, new in VARIANT_PREFIXES:
            if w.startswith(old):
                w = new + w[len(old) :]
                break
        words.append(w)
    joined = " ".join(words)
    return ALIASES.get(joined, joined)


def entity_id(label: str, canonical: str) -> str:
    """Stable id: the same label and key give the same id in every document and run."""
    return hashlib.sha1(f"{label}|{key(canonical)}".encode("utf-8")).hexdigest()[:16]


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
    # Walk the original characters: diacritics and tatweel on the clitic go with it.
    seen, i = 0, 0
    while i < len(form) and seen < len(prefix):
        if not _DIACRITICS.match(form[i]):
            seen += 1
        i += 1
    while i < len(form) and _DIACRITICS.match(form[i]):
        i += 1
    if not w.endswith(rest):  # لل + name: the article's alef was elided
        return i, "ال" + light(form[i:])[1:]
    return i, light(form[i:])


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


def leading_titles(words: list[str]) -> int:
    """How many leading words of a person mention are titles (``الرئيس باراك أوباما`` -> 1)."""
    k = 0
    while k < len(words) - 1 and (norm(words[k]) in ROLE_HEADS or strip_proclitics(norm(words[k]))[1] in ROLE_HEADS):
        k += 1
    return k


def link_short_forms(mentions: list[dict]) -> None:
    """Point each person mention at the one longest name in the document that contains it.

    ``mentions`` are dicts with ``label`` and ``canonical``; ``canonical`` is
    replaced in place. A short form contained in two different longer names
    (``محمد`` in two people's names) is ambiguous and left as it is.
    """
    names = {}
    for m in mentions:
        if m["label"] == "PER":
            names.setdefault(key(m["canonical"]), m["canonical"])
    keyed = {k: tuple(k.split()) for k in names}
    longest: dict[str, str] = {}
    for k, words in keyed.items():
        containers = [c for c, cw in keyed.items() if len(cw) > len(words) and contains_words(cw, words)]
        # keep only maximal containers: a name inside another container is the same person
        maximal = {c for c in containers if not any(len(keyed[d]) > len(keyed[c]) and contains_words(keyed[d], keyed[c]) for d in containers)}
        if len(maximal) == 1:
            longest[k] = maximal.pop()
    for m in mentions:
        if m["label"] == "PER":
            target = longest.get(key(m["canonical"]))
            if target:
                m["canonical"] = names[target]


def contains_words(longer: tuple, shorter: tuple) -> bool:
    """``shorter`` occurs in ``longer`` as a run of consecutive words."""
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))

"""Names in Latin script: ``canonical_latin`` beside ``canonical`` (Barack Obama, Riyadh, United Nations).

Analysts who work in English look entities up and read tables by their
English names, which for places and organisations are translations (مصر ->
Egypt, الأمم المتحدة -> United Nations), not transliterations, and for
persons the spellings the English press uses (محمد -> Mohammed, عبد العزيز ->
Abdulaziz), not what a letter-by-letter rule gives. So, in this order:

1. the whole name in a list: ``names.tsv`` (written for khabar: frequent
   organisations, persons, places and spelling choices of the Saudi English
   press) over ``cldr_places.tsv`` (country and city names in Arabic and
   English from the Unicode CLDR), both keyed like entity ids
   (:func:`khabar.extract.canonical.id_key`: hamza/alef, ة/ه, article and
   alias folds), so السعودية and المملكة العربية السعودية both find Saudi
   Arabia;
2. a person or place not in the lists: word by word, each word's most
   attested English-convention spelling from Wikidata (``name_words.tsv``),
   بن/بنت/آل as bin/bint/Al, an article as ``al-``, and a rule over the
   letters for a word nobody spelled;
3. an organisation not in the lists: a facility named after a person
   (جامعة الملك سعود -> King Saud University), an Arabic one-word name with
   its article (الهلال -> Al-Hilal); otherwise null: a descriptive name
   spelled out letter by letter (Wazara al-Dakhlia) would mislead more than
   it helps, and a foreign one (أبل) cannot be recovered from its Arabic
   spelling. MISC is always null.

Nothing is downloaded and no model runs: three small tables, read once per
process. :func:`add_latin` names each distinct (label, canonical) of a
shard once, not every mention. The tables' sources and licences are in
``khabar/resources/latin/LICENSES.md``; ``bench/build_latin_lists.py``
regenerates the two generated ones.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pyarrow as pa

from khabar.arabic import CORE_LETTERS
from khabar.extract.canonical import JOINED_FIRST, id_key
from khabar.ner.features import norm

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "latin"

LINEAGE = {"بن": "bin", "ابن": "ibn", "بنت": "bint"}
FAMILY = "ال"  # آل as norm() spells it: the family (آل سعود -> Al Saud)
# Facilities named after a person: head word -> English pattern (the rest is the person).
FACILITY_HEADS = {
    "جامعه": "{} University",
    "مطار": "{} Airport",
    "مستشفي": "{} Hospital",
    "مدينه": "{} City",
    "جسر": "{} Bridge",
    "مركز": "{} Center",
    "مؤسسه": "{} Foundation",
    "جائزه": "{} Prize",
    "قاعده": "{} Base",
    "شارع": "{} Street",
    "طريق": "{} Road",
    "ملعب": "{} Stadium",
}
# A head word before a listed place: أمانة القصيم -> Qassim Municipality, شمال الرياض -> North Riyadh.
PLACE_HEADS = {
    "امانه": "{} Municipality",
    "اماره": "{} Emirate",
    "جامعه": "{} University",
    "مطار": "{} Airport",
    "ميناء": "Port of {}",
    "محافظه": "{} Governorate",
    "منطقه": "{} Region",
    "شرطه": "{} Police",
    "شمال": "North {}",
    "جنوب": "South {}",
    "شرق": "East {}",
    "غرب": "West {}",
    "وسط": "Central {}",
}
PERSON_TITLES = {"الملك": "King", "الامير": "Prince", "الاميره": "Princess", "الشيخ": "Sheikh", "الامام": "Imam"}
JOINED_SPELLINGS = {"ابو": "Abu ", "ابي": "Abi ", "ابا": "Aba ", "عبد": "Abd "}
TRAILING = {"الدولي": "International", "التخصصي": "Specialist", "العام": "General"}


def word_key(text: str) -> str:
    """The key of a word or name in ``name_words.tsv``: norm() spelling, عبد/أبو joined to the next word."""
    words: list[str] = []
    for w in norm(text).split():
        if words and words[-1] in JOINED_FIRST:
            w = words.pop() + w
        words.append(w)
    return " ".join(words)


def _read(name: str) -> list[tuple[str, str, str]]:
    path = RESOURCES / name
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            label, arabic, latin = line.split("\t")
            rows.append((label, arabic, latin))
    return rows


@functools.lru_cache(maxsize=1)
def tables() -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """(whole names by (label, id key), words by word_key); ours win over CLDR's."""
    names: dict[tuple[str, str], str] = {}
    for label, arabic, spelling in _read("cldr_places.tsv") + _read("names.tsv"):
        if label in ("PER", "ORG", "LOC"):
            names[(label, id_key(label, arabic))] = spelling
    words = {arabic: spelling for _, arabic, spelling in _read("name_words.tsv")}
    words.update({word_key(arabic): spelling for label, arabic, spelling in _read("names.tsv") if label == "WORD"})
    return names, words


def latin(label: str, canonical: str) -> str | None:
    """The name in Latin script of an entity with this label and canonical name, or None."""
    if not canonical or label not in ("PER", "ORG", "LOC"):
        return None
    names, words = tables()
    k = id_key(label, canonical)
    # a place the tagger called an organisation (or the reverse) is still that place: مصر is Egypt either way
    listed = names.get((label, k)) or (names.get(("LOC" if label == "ORG" else "ORG", k)) if label != "PER" else None)
    if listed:
        return listed
    keys = word_key(canonical).split()
    if not keys or not all(_arabic_word(w) for w in keys):
        return None
    facility = _facility(keys, words) or _at_place(keys, names)  # جسر الملك فهد is a LOC, جامعة الملك سعود an ORG
    if facility or label == "ORG":
        return facility or _organisation(keys, words)
    return _spell_name(keys, words)


def _arabic_word(word: str) -> bool:
    return all(ch in CORE_LETTERS for ch in word)


def _facility(keys: list[str], words: dict[str, str]) -> str | None:
    """A facility named after a person: جامعة الملك سعود -> King Saud University, مطار الملك خالد الدولي -> King Khalid International Airport."""
    head = FACILITY_HEADS.get(keys[0])
    if not head or len(keys) < 3 or keys[1] not in PERSON_TITLES:
        return None
    tail = TRAILING.get(keys[-1])
    person = _spell_name(keys[1:-1] if tail else keys[1:], words)
    return head.format(f"{person} {tail}" if tail else person)


def _at_place(keys: list[str], names: dict[tuple[str, str], str]) -> str | None:
    """A head word before a listed place (:data:`PLACE_HEADS`)."""
    head = PLACE_HEADS.get(keys[0])
    if not head or len(keys) < 2:
        return None
    place = names.get(("LOC", id_key("LOC", " ".join(keys[1:]))))
    return head.format(place) if place else None


def _organisation(keys: list[str], words: dict[str, str]) -> str | None:
    """An organisation no list names: an Arabic one-word name with its article (الهلال -> Al-Hilal), else None."""
    if len(keys) == 1 and keys[0].startswith("ال") and len(keys[0]) > 3:
        return _spell_name(keys, words)
    return None


def _spell_name(keys: list[str], words: dict[str, str]) -> str:
    out: list[str] = []
    i = 0
    while i < len(keys):
        w = keys[i]
        pair = f"{w} {keys[i + 1]}" if i + 1 < len(keys) else None
        if w in LINEAGE and i + 1 < len(keys):
            out.append(LINEAGE[w])
        elif w == FAMILY and i + 1 < len(keys):
            out.append("Al " + _spell_word(keys[i + 1], words, article=False))
            i += 1
        elif pair and pair in words:
            out.append(words[pair])
            i += 1
        elif w in PERSON_TITLES:
            out.append(PERSON_TITLES[w])
        else:
            out.append(_spell_word(w, words, article=True))
        i += 1
    name = " ".join(out)
    return name[:1].upper() + name[1:]


def _spell_word(w: str, words: dict[str, str], article: bool) -> str:
    if w in words:
        return _article_style(words[w])
    for first, spelling in JOINED_SPELLINGS.items():  # أبو الرحى, joined by word_key, is Abu al-Rahi when nobody spelled it whole
        if w.startswith(first) and len(w) > len(first) + 1:
            return f"{spelling}{_spell_word(w[len(first):], words, article=True)}"
    if article and w.startswith("ال") and len(w) > 3:
        stem = w[2:]
        return "al-" + _capital(words.get(stem) or romanize(stem))
    return _capital(romanize(w))


def _article_style(spelling: str) -> str:
    """One style for the article: al-Faisal (Al-Faisal, Alfaisal, el-Faisal and al Faisal as written in Wikidata)."""
    low = spelling.lower()
    for prefix in ("al-", "el-", "al ", "el "):
        if low.startswith(prefix) and len(spelling) > len(prefix) + 1:
            return "al-" + _capital(spelling[len(prefix) :])
    return _capital(spelling)


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


# Letter rules for a word no list spells: consonants by their usual English
# values; long vowels by their letters; a short "a" between two consonants
# (Arabic writes no short vowels). A rough spelling (بلاتر -> Balatr), meant
# to be recognisable, not right: the lists carry the names that matter.
CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "gh", "ف": "f", "ق": "q", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h",
}
GUTTURALS = "عءئؤ"


def romanize(word: str) -> str:
    """A Latin spelling of one Arabic word (norm() spelling) by the letter rules above."""
    out: list[str] = []
    n = len(word)
    for i, ch in enumerate(word):
        if ch in GUTTURALS:  # ع and hamza: a vowel where no letter gives one (عرعر -> arar, عقبه -> aqaba)
            if i == 0 or word[i - 1] not in "اوي":
                out.append("a" if i + 1 == n or word[i + 1] not in "اوي" else "")
            continue
        if ch == "ا":
            out.append("a")
        elif ch in "وي":
            glide = i == 0 or word[i - 1] == "ا" or (i + 1 < n and word[i + 1] == "ا")
            out.append(("w" if ch == "و" else "y") if glide else ("u" if ch == "و" else "i"))
        elif ch == "ه" and i == n - 1 and i > 0:
            out.append("a" if word[i - 1] not in "اوي" else "h")  # ة folded to ه: Fatima, Makkah's -ah is a list entry
        elif ch in CONSONANTS:
            out.append(CONSONANTS[ch])
            nxt = word[i + 1] if i + 1 < n else ""
            if nxt in CONSONANTS and nxt not in GUTTURALS and nxt != "ه" and i + 1 < n - 1:
                out.append("a")
    return "".join(out)


def add_latin(entities: pa.Table) -> pa.Table:
    """``entities`` with ``canonical_latin``: :func:`latin` of each distinct (label, canonical) once."""
    labels = entities.column("label").to_pylist()
    names = entities.column("canonical").to_pylist()
    memo: dict[tuple, str | None] = {}
    values = []
    for pair in zip(labels, names):
        if pair not in memo:
            memo[pair] = latin(*pair)
        values.append(memo[pair])
    column = pa.array(values, pa.string())
    if "canonical_latin" in entities.column_names:
        return entities.set_column(entities.column_names.index("canonical_latin"), "canonical_latin", column)
    return entities.append_column("canonical_latin", column)

"""Verb–subject gender agreement for speakers.

Arabic marks the subject's gender on the verb: قالت، تقول، مؤكدة take a
woman, a feminine noun or a body (الوزارة، الصحيفة، مصر); قال، يقول، مؤكدا
not a woman. A speaker the text does not write after the verb (carried from
an earlier sentence, guessed from the paragraph) is kept only when the verb
agrees with it; ``verb_gender`` and ``speaker_gender`` read the two sides,
both on folded text (khabar/extract/fold.py). Unknown is None: a body, a
name worn by both, an untitled foreign name; None never disagrees.
"""

from __future__ import annotations

from khabar.extract import lexicon as L
from khabar.extract.fold import fold_word

_VERBS = {fold_word(w) for w in L.REPORTING_VERBS}
_PARTICIPLES = {fold_word(w) for w in L.REPORTING_PARTICIPLES}
_SAYING = frozenset(_VERBS | _PARTICIPLES)  # (built once: verb_gender is asked tens of thousands of times a day)
_FEMALE = {fold_word(w) for w in L.FEMALE_GIVEN_NAMES}
_MALE = {fold_word(w) for w in L.MALE_GIVEN_NAMES} - _FEMALE
_TITLES = {fold_word(w) for w in L.GENDERED_TITLES}
# past forms ending in ت that are not a feminine third person: لفت (he drew
# attention) and the first person, whose speaker is the narrator
_NOT_FEMININE = {fold_word(w) for w in "لفت قلت أجبت أضفت رددت سألت".split()}
# participles in -ة that are also nouns: لافتة (a sign), معلقة (hanging), متحدثة (a spokeswoman)
_NOUN_PARTICIPLES = {fold_word(w) for w in "لافتة معلقة متحدثة".split()}
_PLURAL_ENDS = ("وا", "ون", "ين", "ان", "تا")


def _bare(w: str, known: set) -> str:
    """The word without a conjunction attached (وقالت، فأضاف)."""
    return w[1:] if w[:1] in ("و", "ف") and w not in known and w[1:] in known else w


def verb_gender(word: str) -> str | None:
    """'f', 'm' or None for a folded verb or participle of saying."""
    w = _bare(word, _SAYING)
    if w in _NOUN_PARTICIPLES:
        return None
    if w in _PARTICIPLES:
        return "f" if w.endswith("ه") else "m" if w.endswith("ا") else None
    if w not in _VERBS or w.endswith(_PLURAL_ENDS) or w in _NOT_FEMININE:
        return None
    if w.endswith("ت"):
        return "f"
    if w.startswith("ت") and "ي" + w[1:] in _VERBS:
        return "f"  # تقول، تضيف (not تابع، تحدث: past forms of their own)
    if w.startswith("ي"):
        return "m"
    return "m" if w + "ت" in _VERBS or w[:-1] + "ت" in _VERBS else None  # (نفى → نفت)


def _title_gender(w: str) -> str | None:
    stem = w[2:] if w.startswith("ال") else w
    if stem not in _TITLES:
        return None
    return "f" if stem.endswith("ه") else "m"


def speaker_gender(words: list[str]) -> str | None:
    """'f' or 'm' for a speaker phrase (folded words) that opens with a
    gendered title (الفنانة فاتن حمامة، الرئيس باراك أوباما) or, in a name of
    two words or more, a given name (سارة القحطاني); else None. The first
    word decides: عائلة عبد العزيز is a family, محامي السيدة لي a lawyer,
    and a one-word name is often a surname (كريم for نيللي كريم)."""
    if not words:
        return None
    w = words[0][1:] if words[0][:1] == "و" and _title_gender(words[0][1:]) else words[0]
    g = _title_gender(w)
    if g or len(words) < 2:
        return g
    return "f" if w in _FEMALE else "m" if w in _MALE else None


# bodies whose head is a feminine noun: a masculine verb never continues them (وأضاف after وزارة العدل قالت)
_FEMININE_BODIES = {fold_word(w) for w in """وزارة هيئة حكومة شركة جامعة منظمة وكالة صحيفة جريدة مجلة قناة إذاعة
لجنة رابطة جمعية مؤسسة بلدية أمانة إدارة مديرية رئاسة نيابة محكمة سفارة قيادة""".split()}


def disagree(verb: str, words: list[str]) -> bool:
    """Whether the verb's gender and the speaker's are both known and differ."""
    v = verb_gender(verb)
    return v is not None and speaker_gender(words) not in (None, v)


def body_disagrees(verb: str, words: list[str]) -> bool:
    """A masculine finite verb (وأضاف، وقال) after a body whose head is a
    feminine noun (وزارة العدل قالت): the verb is not hers. Participles
    (مضيفا after الحكومة) are written masculine for bodies too often to count."""
    w = verb[1:] if verb[:1] in "وف" and verb[1:] in _VERBS else verb
    return (verb_gender(verb) == "m" and w not in _PARTICIPLES and bool(words)
            and (words[0][2:] if words[0].startswith("ال") else words[0]) in _FEMININE_BODIES)


def is_given_name(w: str) -> bool:
    """A folded word that is a given name of either list (علي، سارة)."""
    return w in _FEMALE or w in _MALE


def learned_genders(said: list[tuple[str, str]]) -> dict[str, str]:
    """Speaker phrase -> gender, learned from the verbs written just before it
    in one text (قال عز … فقال عز … وأضاف عز: a man, though a one-word name
    says nothing by itself). ``said``: (folded verb, folded speaker phrase).
    A phrase counts once it followed two verbs of one gender and at least
    three times as many as of the other (سألت عز: عز is the object there)."""
    votes: dict[str, dict[str, int]] = {}
    for verb, phrase in said:
        g = verb_gender(verb)
        if g:
            votes.setdefault(phrase, {"m": 0, "f": 0})[g] += 1
    out = {}
    for phrase, v in votes.items():
        for g, other in (("m", "f"), ("f", "m")):
            if v[g] >= 2 and v[g] >= 3 * v[other]:
                out[phrase] = g
    return out

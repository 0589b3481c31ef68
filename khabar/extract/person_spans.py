"""Mention spans repaired over the tagger's output, before canonical names are made.

The tagger (trained on ANERcorp) marks names well but their edges poorly on
Saudi news, and these rules fix the edges it gets wrong most often there:

1. Facilities named after a person are that facility: ``جسر الملك فهد``,
   ``جامعة الملك عبدالعزيز``, ``مسجد خالد بن الوليد`` become one LOC or ORG
   mention from the head word (``جسر``، ``جامعة``، ``مسجد``) to the name, plus a
   trailing qualifier (``مدينة الملك فهد الطبية``). Without this, the title is
   stripped and ``فهد`` or ``عبدالعزيز`` counts as a person; on 2015-07-21 these
   were most of the one-word names among the day's top persons.
2. Lineage: a person followed by ``آل``/``بن``/``بنت`` and another person is
   one name (``سلمان بن عبدالعزيز`` + ``آل`` + ``سعود``), never two people.
3. Words the tagger ran on past a person's name are cut: a verb
   (``محمد بن نايف زار``), a title (``... ولي العهد``), a time phrase
   (``... صباح اليوم``) or a time word glued to the last word (``بلاترأمس``);
   so is an adverbial or a preposition before it (``خلفا لبلاتر``، ``على لودريان``),
   and a verb with و or ف before it (``وشارك فيدال``، ``وأشاد الأنصاري``):
   a word the cluster table groups with the verbs of saying, once its
   conjunction is off (:func:`khabar.ner.clusters.verb_words`).
4. Two people joined by و in one span (``هولاند ولودريان``) are two mentions.

Each rule looks at words only (normalised with :func:`canonical.norm`), so
it is linear in the sentence and cannot backtrack.
"""

from __future__ import annotations

from functools import lru_cache

from khabar.extract.canonical import LINEAGE_KEYS as LINEAGE, ROLE_HEADS, ROLE_STOPS, TITLE_PHRASES, leading_titles, norm, title_at, title_only
from khabar.extract.lexicon import REPORTING_VERBS
from khabar.ner.clusters import verb_words
from khabar.ner.features import strip_proclitics
from khabar.ner.heads import FACILITY_HEADS

HEAD_WORDS = frozenset(FACILITY_HEADS)
# Titles that may stand between the head and the person's name (جسر الملك فهد).
FACILITY_TITLES = {norm(w) for w in "الملك الأمير الأميرة الملكة الشيخ الإمام الامام السلطان الرئيس خادم الحرمين الشريفين".split()}
# Qualifiers that end a facility's name (مطار الملك عبدالعزيز الدولي).
FACILITY_TAILS = {
    norm(w)
    for w in """الدولي الدولية الطبية الطبي التخصصي التخصصية الجامعي الجامعية الرياضية الرياضي الإسلامية الاسلامية
للعلوم للبترول للتقنية للعلوم والتقنية الحضاري الثقافي العالمي العالمية الحكومي الحكومية المركزي المركزية""".split()
}
MAX_FACILITY_TITLES = 3

COMPOUND_STARTS = {norm(w) for w in "عبد أبو أبي".split()}
# Titles that end a name when they follow it; أمين، أمير، الشيخ are left out: they are names too.
TRAILING_TITLES = {norm(w) for w in "رئيس الرئيس وزير الوزير وزيرة نائب ولي المتحدث الناطق سفير مستشار مدير قائد".split()}
ADVERBIALS = {norm(w) for w in "خلفا خلافا مكسبا وفقا طبقا تبعا نقلا تكريما دعما تأييدا شكرا تقديرا ممثلا نيابة".split()}
# Words the tagger takes into a person's name from the phrase before it: a qualifier of the title
# (رئيس النادي المكلف [أحمد الدوسري]) or a kinship noun (ووالد [حمزة]، نجله [جمال]; not ابن/بنت,
# which open names: ابن تيمية).
ROLE_QUALIFIERS = {norm(w) for w in "المكلف المكلفة السابق السابقة الأسبق الأسبقة المنتخب المنتخبة".split()}
KIN_WORDS = {
    norm(w)
    for w in """والد والدة زوج زوجة نجل نجلة شقيق شقيقة حفيد حفيدة أرملة طليقة والده والدته زوجته زوجها نجله نجلها
    شقيقه شقيقها ابنه ابنها ابنته ابنتها""".split()
}
# Honorifics the tagger runs a name into, with a clitic (ولسمو، وبمعالي).
GLUED_TITLES = {norm(w) for w in "سمو معالي فخامة صاحب".split()}
# A time word the tagger runs a name into, alone or glued to its end.
TIME_WORDS = {norm(w) for w in "أمس الأمس امس اليوم غدا غداً الغد".split()}
GLUED_TIME = tuple(sorted(TIME_WORDS, key=len, reverse=True))
TIME_PARTS = {norm(w) for w in "صباح مساء ظهر فجر ليلة ليل عصر".split()}
# Particles that end a name (ROLE_STOPS holds the verbs of saying and the prepositions).
# على folds to علي (a name) and is left out.
NAME_STOPS = (ROLE_STOPS - {norm("على")}) | TIME_WORDS | {norm(w) for w in "زار يزور التقى تلقى أجرى وصل غادر استقبل عاد رأس ترأس".split()}
# Particles compared as written: folded, فإن is فان (van) and بأن is بان (Ban Ki-moon).
WRITTEN_STOPS = set("فإن وإن بأن لأن وأن".split())


def _core(word: str) -> str:
    return strip_proclitics(norm(word))[1]


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    return verb_words(frozenset(norm(v) for v in REPORTING_VERBS))


def _conjoined_verb(word: str, names: dict, verbs: frozenset | None = None) -> bool:
    """و/ف and a verb of ``verbs`` (default: the verb clusters' words: وشارك، وأشاد), not a name that
    opens with و or ف (وليد، وسام، فولي: not in a verb cluster, or a given name of the lists)."""
    w = norm(word)
    prefix, rest = strip_proclitics(w)
    return prefix in ("و", "ف") and rest in (_verbs() if verbs is None else verbs) and names.get(w, 0) == 0


# After a name only a verb of saying proper is cut (أنجيلا ميركل فأوضحت): a surname that opens with
# ف reads as ف + a verb too often (فولي = ف + ولي، فيلبي = ف + يلبي).
_SAYING = frozenset(norm(v) for v in REPORTING_VERBS)


def _facility_head(words: list[str], a: int) -> int | None:
    """Index of the facility head before ``words[a]`` over at most MAX_FACILITY_TITLES titles, if any."""
    j = a - 1
    while j >= 0 and a - j <= MAX_FACILITY_TITLES and norm(words[j]) in FACILITY_TITLES:
        j -= 1
    if j >= 0 and (norm(words[j]) in FACILITY_HEADS or _core(words[j]) in FACILITY_HEADS):
        return j
    return None


def facility(words: list[str], a: int, b: int, label: str) -> tuple[int, int, str]:
    """(start, end, label) of a mention that names a facility after a person (``جسر الملك فهد``), else unchanged.

    A person span (or any span opening with a title, ``[الملك فهد]``) with a
    facility head right before it, possibly across titles (``مطار الملك``),
    or opening with the head itself (``[ومطار الملك عبدالعزيز]``), becomes
    the facility: from the head, with a trailing qualifier. ``عن طريق`` is
    "by way of", not a road.
    """
    if label != "PER" and norm(words[a]) not in FACILITY_TITLES:
        return a, b, label
    if b - a > 1 and _core(words[a]) in FACILITY_HEADS:
        head = a
    else:
        head = _facility_head(words, a)
    if head is None or (head > 0 and norm(words[head - 1]) == "عن"):
        return a, b, label
    new_label = FACILITY_HEADS.get(norm(words[head])) or FACILITY_HEADS[_core(words[head])]
    end = b
    while end < len(words) and norm(words[end]) in FACILITY_TAILS:
        end += 1
    return head, _purpose(words, end), new_label


MAX_PURPOSE_WORDS = 3  # the definite words after a facility's ل purpose (لتنمية الشباب، للطاقة الذرية والمتجددة)
# The ل + verbal noun words that open the purpose in a facility's name; any other (زار جامعة الملك سعود
# لتفقد المشاريع) is the visit's purpose. ل + the article (للطاقة، للعلوم) always opens it.
PURPOSE_WORDS = {norm(w) for w in "لتنمية لرعاية لتطوير لأبحاث لدراسات لعلوم لمكافحة لحقوق لطب لخدمة لتحفيظ".split()}


def _purpose(words: list[str], end: int) -> int:
    """End of a facility's name with the ل phrase of its purpose, if one follows (مركز الأمير سلمان
    [لتنمية الشباب]، مدينة الملك عبدالله [للطاقة الذرية والمتجددة]): the ل word and the definite words
    after it (with و; one at least), at most MAX_PURPOSE_WORDS."""
    w = norm(words[end]) if end < len(words) else ""
    if not (w.startswith("لل") and len(w) >= 5) and w not in PURPOSE_WORDS:
        return end
    k = end + 1
    while (k < len(words) and k - end <= MAX_PURPOSE_WORDS and norm(words[k]).startswith(("ال", "وال"))
           and norm(words[k]) not in NAME_STOPS and norm(words[k]) not in ROLE_HEADS):
        k += 1
    return k if k > end + 1 else end  # a purpose word alone (للاطلاع على) is the visit's purpose


def trim_tail(words: list[str], a: int, b: int, names: dict) -> int:
    """End of a person span without the words the tagger ran on past the name (a verb, a time phrase,
    a title after the name: ``محمد بن نايف ولي العهد``، ``جوزيف بلاتر رئيس الفيفا``)."""
    if title_only(words[a:b]):
        return b
    for i in range(a + leading_titles(words[a:b]) + 1, b):
        if norm(words[i]) in TRAILING_TITLES or _core(words[i]) in GLUED_TITLES or _is_phrase_title(words, i):
            b = i
            break
        if norm(words[i]) == "ال" and i + 2 < b:  # آل سعود closes a name: what follows is not part of it
            b = i + 2
            break
    while b - a > 1:
        w = norm(words[b - 1])
        nxt = norm(words[b]) if b < len(words) else ""
        if w in NAME_STOPS or words[b - 1] in WRITTEN_STOPS or (w in TIME_PARTS and nxt in TIME_WORDS) or _conjoined_verb(words[b - 1], names, _SAYING):
            b -= 1
        else:
            break
    return b


def trim_head(words: list[str], a: int, b: int, names: dict) -> int:
    """Start of a person span without a word the tagger took in before the name: a particle, an
    adverbial accusative (``خلفا لبلاتر``، ``مكسبا لبلاتر``; a list, not a pattern: ديانا ends like
    them), a verb after و/ف (``وشارك فيدال``), a title's qualifier or a kinship noun (``المكلف أحمد
    الدوسري``، ``ووالد حمزة``)."""
    while b - a > 1:
        w = norm(words[a])
        # على is a preposition as written; the name is spelt علي (both fold to علي), except in
        # Egyptian spelling, where على عبد المجيد is a name: not before عبد/أبو
        if (w in NAME_STOPS or w in ADVERBIALS or w in ROLE_QUALIFIERS or _core(words[a]) in KIN_WORDS
                or (words[a] == "على" and norm(words[a + 1]) not in COMPOUND_STARTS) or _conjoined_verb(words[a], names)):
            a += 1
        else:
            break
    return a


def _is_phrase_title(words: list[str], i: int) -> bool:
    n = title_at(words, i)
    return n > 1 and any(len(p) == n for p in TITLE_PHRASES)


def glued_time(form: str, names: dict) -> int:
    """Characters of a time word glued to the end of a known name (``بلاترأمس`` -> 3), else 0."""
    w = norm(form)
    if len(w) != len(form):  # diacritics or tatweel inside: offsets would not map, leave it
        return 0
    for t in GLUED_TIME:
        if w.endswith(t) and len(w) - len(t) >= 3 and names.get(w[: -len(t)], 0) > names.get(w, 0):
            return len(t)
    return 0


def split_coordination(words: list[str], spans: list[tuple[int, int, str]], known: dict, names: dict) -> list[tuple[int, int, str]]:
    """Person spans holding two people joined by و (``هولاند ولودريان``) as two spans.

    The split is made at a word glued to و whose rest is a word of another
    person span of the article (``known``: normalised word -> count; لودريان in
    جان إيف لودريان) and which the lexicon does not know whole (وليد، وهبي
    stay); the second span's clitic is then split off (retrim_clitics).
    """
    out = []
    for a, b, label in spans:
        cuts = [i for i in range(a + 1, b) if label == "PER" and _joins(words, i, known, names)] if b - a > 1 else []
        for x, y in zip([a, *cuts], [*cuts, b]):
            out.append((x, y, label))
    return out


def _joins(words: list[str], i: int, known: dict, names: dict) -> bool:
    w = norm(words[i])
    return w.startswith("و") and len(w) >= 4 and known.get(w[1:], 0) > 0 and names.get(w, 0) == 0 and norm(words[i - 1]) not in LINEAGE


def merge_lineage(words: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join a person, ``آل``/``بن``/``بنت`` and the person right after it into one span."""
    out: list[tuple[int, int, str]] = []
    for a, b, label in spans:
        if out and label == "PER" and out[-1][2] == "PER":
            pa, pb, _ = out[-1]
            gap = [norm(w) for w in words[pb:a]]
            if len(gap) == 1 and gap[0] in LINEAGE:
                out[-1] = (pa, b, "PER")
                continue
        out.append((a, b, label))
    return out


# The given name علي as written: the tagger learnt it as the preposition على (both fold to علي) and leaves it
# out before a name (الرئيس [علي] عبدالله صالح -> عبدالله صالح, the ex-president's father's name). Since the
# written final ى is a feature (issue 13) it keeps it more often, not always: on 2015-07-21 this rule still
# opens 16 names (all right; MODEL_CARD.md, "The written final ى").
ALI_WRITTEN = frozenset(("علي", "وعلي", "لعلي", "بعلي"))


def take_ali(words: list[str], a: int, b: int) -> int:
    """The start of a person span of two words or more, moved back over an untagged علي written with ي
    right before it (the preposition is written على); ``a`` otherwise."""
    return a - 1 if a > 0 and b - a >= 2 and words[a - 1] in ALI_WRITTEN else a


def repair(words: list[str], spans: list[tuple[int, int, str]], names: dict, facilities: bool = True) -> list[tuple[int, int, str]]:
    """The tagger's spans of one sentence with the rules above applied (the facility rule only
    when ``facilities``); overlapping results keep the first."""
    fixed = []
    for a, b, label in merge_lineage(words, spans):
        if label == "PER" and b < len(words) and norm(words[b - 1]) in LINEAGE and any(c.isalpha() for c in words[b]):
            b += 1  # the tagger stopped at بن/آل: the name goes on (سلمان بن عبدالعزيز آل [سعود])
        if label == "PER":
            b = trim_tail(words, a, b, names)
            a = trim_head(words, a, b, names)
            a = take_ali(words, a, b)
        if facilities:
            a, b, label = facility(words, a, b, label)
        if fixed and a < fixed[-1][1]:
            if fixed[-1][0] >= a and label != "PER":  # the facility swallows the earlier fragment
                fixed.pop()
            else:
                continue
        fixed.append((a, b, label))
    return fixed

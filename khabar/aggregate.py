"""Daily aggregates: one function per aggregate dataset, over ONE ``dt`` partition.

Every function takes keyword arguments named after the stage datasets it
reads, plus ``cfg`` (the ``[aggregate]`` configuration section), and returns
a table of its dataset's schema without ``run_id`` (``khabar/schemas.py``),
rows in a deterministic order. Inputs may carry ``run_id`` or ``dt``; they
are ignored. :data:`AGGREGATES` lists, per aggregate, the datasets it reads
so that the task layer can stay generic::

    inputs, fn = AGGREGATES["entity_daily"]
    table = fn(**{name: read(name, dt) for name in inputs}, cfg=config["aggregate"])

Because every document lives in exactly one ``dt`` partition, the additive
columns (mentions, documents, quotes, sentences, count, total, words ...) of
a day's aggregate sum to the figure over any range of days; ``sources`` and
the distinct counts across days (and ``stories``: a wire story's cluster
can be republished on a later day) do not add up and must be recomputed
from the stage datasets when needed.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import math
import re
import unicodedata
import weakref
from collections import Counter, defaultdict
from typing import Callable

import pyarrow as pa
import pyarrow.compute as pc

from khabar import schemas
from khabar.arabic import ARABIC_BLOCK_MARKS, LETTER_FOLD, TATWEEL, char_class
from khabar.extract.canonical import COMPOUND_GIVEN_NAMES, LINEAGE_KEYS
from khabar.extract.quotes import is_unnamed_speaker

# Token kinds that count as words in corpus_daily.words.
WORD_KINDS = ("word", "number", "latin")

# Prefix of the speaker id given to quotes whose speaker was not resolved to
# an entity (speaker_entity_id null): "spk:" + 16 hex digits of the SHA-1 of
# the normalised speaker string (see speaker_key).
UNRESOLVED_SPEAKER_PREFIX = "spk:"

_DIACRITICS = re.compile(f"[{char_class(ARABIC_BLOCK_MARKS | {TATWEEL})}]")
_ALEFS = str.maketrans(LETTER_FOLD)
_SPACE = re.compile(r"\s+")


def _column(table: pa.Table, name: str) -> list:
    """A column as a Python list, or all None when an older partition lacks it."""
    if name in table.column_names:
        return table.column(name).to_pylist()
    return [None] * table.num_rows


def _mode(counter: Counter) -> str:
    """Most frequent value; ties go to the lexicographically smallest."""
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _doc_sources(documents: pa.Table) -> dict[str, str | None]:
    return dict(zip(_column(documents, "doc_id"), _column(documents, "source")))


def _doc_stories(documents: pa.Table) -> dict[str, str]:
    """doc_id -> its story: ``documents.cluster_id`` (the near-duplicate cluster), else the document itself."""
    return {d: c or d for d, c in zip(_column(documents, "doc_id"), _column(documents, "cluster_id"))}


def _story_count(doc_ids, stories: dict[str, str]) -> int:
    """Distinct stories among ``doc_ids``; a document missing from ``documents`` is its own story."""
    return len({stories.get(d, d) for d in doc_ids})


def _per_entities(function: Callable) -> Callable:
    """``function(entities, *args)`` computed once for the partition's entities table: the
    aggregate task passes the same table to the four aggregates that need a day's canonicals and
    person links (~0.7 s of CPU a busy day each time). One entry, keyed by the table's identity
    (held weakly) and the other arguments' (themselves memoised results): the callers only read the result."""
    last: list = [None, (), None]  # weak reference to the table, the other arguments, result

    @functools.wraps(function)
    def memoised(entities: pa.Table, *args):  # noqa: ANN202
        ref, held, result = last
        if ref is not None and ref() is entities and len(held) == len(args) and all(a is b for a, b in zip(held, args)):
            return result
        result = function(entities, *args)
        last[:] = [weakref.ref(entities), args, result]
        return result

    return memoised


@_per_entities
def _canonicals(entities: pa.Table) -> tuple[dict[str, str], dict[str, str]]:
    """The day's canonical name and label of each entity_id (their modes)."""
    canon: dict[str, Counter] = defaultdict(Counter)
    label: dict[str, Counter] = defaultdict(Counter)
    for eid, c, lab in zip(_column(entities, "entity_id"), _column(entities, "canonical"), _column(entities, "label")):
        canon[eid][c] += 1
        label[eid][lab] += 1
    return {e: _mode(c) for e, c in canon.items()}, {e: _mode(c) for e, c in label.items()}


def _latin_names(entities: pa.Table, canon: dict[str, str]) -> dict[str, str | None]:
    """Each entity_id's ``canonical_latin`` for the day's canonical (``_canonicals``); None where
    the extractor gave none or an older partition has no such column."""
    wanted = {(e, c) for e, c in canon.items()}
    found: dict[str, str | None] = {}
    for eid, c, latin in zip(_column(entities, "entity_id"), _column(entities, "canonical"), _column(entities, "canonical_latin")):
        if latin and eid not in found and (eid, c) in wanted:
            found[eid] = latin
    return found


def day_person_links(entities: pa.Table) -> dict[str, str]:
    """entity_id of a person's short form -> entity_id of the one full name of the day it stands for.

    A one-word name links to the longer names ending in it (a surname:
    أوباما -> باراك أوباما), a longer name to those that contain it
    (سلمان بن عبدالعزيز -> سلمان بن عبدالعزيز آل سعود); names compare by
    ``canonical.key``. The most mentioned candidate wins only when it is the
    clear owner: at least 3/4 of all candidates' mentions, in two or more
    documents, and mentioned at least a third as often as the short form (a
    bare محمد with 300 mentions is not the علي محمد of five). A short form
    never stands for a name it ends after بن/بنت/آل (فهد المشيقح is not
    تركي بن فهد المشيقح, his father is), and a word that opens the day's
    longer names at least as often (in mentions) as it ends them is a given
    name, nobody's surname (عادل of عادل بن زيد is not غادة عادل). Where an article
    names a rival of the owner twice and left the short form alone, or, when two
    of its full names share an article the same day (جيب بوش and جورج بوش, twice
    each), where an article does not name the owner, those mentions keep their
    own id (``_contested_at_home``, applied by ``_day_ids``). Forms of one
    name less a given name (جوزيف بلاتر, سيب بلاتر, سيب جوزيف بلاتر) count
    under the most mentioned of them (``_variant_groups``).
    """
    return _person_links(entities, *_canonicals(entities))


def _person_links(entities: pa.Table, canon: dict[str, str], label: dict[str, str]) -> dict[str, str]:
    """``day_person_links`` given the day's canonicals and labels (``_canonicals``), which callers already hold."""
    return _links_and_variants(entities, canon, label)[0]


@_per_entities
def _links_and_variants(entities: pa.Table, canon: dict[str, str], label: dict[str, str]) -> tuple[dict[str, str], dict[str, str], frozenset]:
    """``_person_links``, and the ids of the forms of a name less a given name (``_variant_groups``) -> the id of
    the day's fullest form of it: what ties the day's id for a person to other days' (سيب جوزيف بلاتر behind
    جوزيف بلاتر one day and سيب بلاتر the next), unlike a short form's link (بلاتر, عبدالله بن عبدالعزيز), whose
    owner is the day's."""
    from khabar.extract.canonical import key

    mentions: Counter = Counter(_column(entities, "entity_id"))
    docs: dict[str, set] = defaultdict(set)
    doc_people: dict[str, Counter] = defaultdict(Counter)  # doc_id -> its persons' ids and mentions
    for eid, doc_id in zip(_column(entities, "entity_id"), _column(entities, "doc_id")):
        docs[eid].add(doc_id)
        if label[eid] == "PER":
            doc_people[doc_id][eid] += 1
    people = {e: tuple(key(canon[e]).split()) for e in canon if label[e] == "PER"}
    opens: Counter = Counter()
    ends: Counter = Counter()
    # longer names by first and last word: a short form can only open or end them
    # (comparing every name with every other one took ~6 s on a real day)
    by_edge: dict[str, set] = defaultdict(set)
    for e, words in people.items():
        if len(words) > 1:
            opens[words[0]] += mentions[e]
            ends[words[-1]] += mentions[e]
            by_edge[words[0]].add(e)
            by_edge[words[-1]].add(e)
    given = {w for w, n in opens.items() if n >= ends[w]}
    contested: set[tuple[str, str]] = set()
    variants = _variant_groups(people, by_edge, mentions, docs, opens)
    links = {e: group[0] for e, group in variants.items() if group and group[0] != e}
    fullest_of = {e: group[1] for e, group in variants.items() if group}
    clitic = _clitic_forms(people, links, mentions, docs)
    clitic.update(_glued_after(people, links, mentions, docs, given))
    for e, words in people.items():
        if not words or e in clitic:
            continue
        if len(words) == 1 and words[0] in given:
            continue
        if e in variants:  # a form of a fuller name: linked (or the form chosen) above, or left apart
            continue
        near = by_edge.get(words[0], set()) | by_edge.get(words[-1], set())
        candidates = [c for c in near if _short_form_of(words, people[c])]
        if not candidates:
            continue
        best = min(candidates, key=lambda c: (-mentions[c], c))
        # candidates that are forms of the best one's name (سيب بلاتر, جوزيف بلاتر, سيب جوزيف بلاتر) do not compete
        names = [people[d] for d in candidates]
        rivals = [c for c in candidates if not _compatible(people[clitic.get(c, c)], people[best], names)]
        owns = mentions[best] * 4 >= (mentions[best] + sum(mentions[c] for c in rivals)) * 3
        if owns and len(docs[best]) >= 2 and mentions[best] * 3 >= mentions[e]:
            links[e] = best
            contested.update((e, d) for d in _contested_at_home(e, best, rivals, docs, doc_people))
    links.update(clitic)
    for e in list(links):  # follow chains (a -> b -> c) to their end
        seen, target = {e}, links[e]
        while target in links and target not in seen:
            seen.add(target)
            target = links[target]
        links[e] = target
    return links, fullest_of, frozenset(contested)




# Proclitics the extractor leaves on a first word it cannot tell from a name within one article (وجيب بوش،
# كسعود الفيصل، لسيب بلاتر، فحبري): the day's names can.
_CLITIC_LETTERS = frozenset("وفبلك")


def _clitic_forms(people: dict, links: dict, mentions: Counter, docs: dict) -> dict[str, str]:
    """Ids of persons whose first word is a proclitic glued to a name of the day -> that name's id, when the name
    without it is a person of the day mentioned at least twice as often and in two documents or more."""
    by_words = {words: e for e, words in people.items()}
    out = {}
    for e, words in people.items():
        if e in links or not words or words[0][0] not in _CLITIC_LETTERS or len(words[0]) < 4:
            continue
        target = by_words.get((words[0][1:], *words[1:]))
        if len(words) == 1 and words[0][1:] in GIVEN_NAMES:
            continue  # فناصر: a given name alone is nobody in particular, with or without the clitic
        if target and target != e and mentions[target] >= 2 * mentions[e] and len(docs[target]) >= 2:
            out[e] = target
    return out


def _glued_after(people: dict, links: dict, mentions: Counter, docs: dict, given: set) -> dict[str, str]:
    """Ids of persons that are a name of the day with one or two words the tagger ran on after it
    (أوباما المرتجف، عبد ربه منصور هادي قرارا جمهوريا، بلاتر المستقيل) -> that name's id. The name must be
    mentioned five times as often in three documents or more and not end in a given name (محمد حسين مشاط
    is no محمد حسين); the words after it must be in no other person's name of the day and hold no بن/آل;
    after a one-word name the run-on form must be mentioned twice (the article linked its surname to it:
    أوباما المرتجف), a one-off being as often a noun phrase (كريم الزبادي). Before a full name of the day, one
    definite word in no other person's name is an epithet or a glued word (الغالي سعود الفيصل، اليمني عبده
    الحذيفي); a given name there is a son's (طارق عمر الشريف), so only words with the article count."""
    by_words = {words: e for e, words in people.items()}
    in_names = Counter(w for words in people.values() for w in set(words))
    out = {}
    for e, words in people.items():
        if e in links or len(words) < 2:
            continue
        for cut in (len(words) - 1, len(words) - 2):
            name, after = words[:cut], words[cut:]
            target = by_words.get(name) if cut >= 1 else None
            if not target or any(in_names[w] > 1 or w in LINEAGE_KEYS for w in after):
                continue
            if name[-1] in GIVEN_NAMES or name[-1] in FOREBEAR_CHAIN_OPENERS or name[-1] in given:
                continue  # محمد حسين مشاط: after a given name, a word is a surname more often than not
            if len(name) == 1 and mentions[e] < 2:
                continue  # كريم الزبادي: one article's one-off after a one-word name is as often a noun phrase
            if mentions[target] >= 5 * mentions[e] and len(docs[target]) >= 3:
                out[e] = target
                break
        else:
            # a definite word before a full name is an epithet, not a given name (الغالي سعود الفيصل)
            first, name = words[0], words[1:]
            target = by_words.get(name) if len(name) >= 2 else None
            if target and first.startswith("ال") and in_names[first] == 1 and first not in FOREBEAR_CHAIN_OPENERS and first not in LINEAGE_KEYS:
                if mentions[target] >= 5 * mentions[e] and len(docs[target]) >= 3:
                    out[e] = target
    return out


def _contested_at_home(e: str, best: str, rivals: list[str], docs: dict, doc_people: dict) -> list[str]:
    """The documents where short form ``e`` keeps its own id though the day links it to ``best``: those
    that name a rival of ``best`` twice or more (بوش in an article on جورج بوش, the day's owner being جيب
    بوش: the extractor, reading the article, found no single owner there, and the day's would be the wrong
    man), and, when the day shows two namesakes (:func:`_namesakes_together`), those that do not name
    ``best`` at all (بوش alone in a story on the father). Elsewhere the day's link stands, also where only a
    tagger's one-off glued form competed (بلاتر المستقيل)."""
    shared = _namesakes_together(best, rivals, docs, doc_people)
    return [d for d in docs[e] if any(doc_people[d][c] >= 2 for c in rivals) or (shared and not doc_people[d][best])]


def _namesakes_together(best: str, rivals: list[str], docs: dict, doc_people: dict) -> bool:
    """Some article of the day names ``best`` and one of its rivals twice each (جيب بوش and جورج بوش): two
    people share the short form that day, however rare the other is elsewhere."""
    return any(doc_people[d][best] >= 2 and any(doc_people[d][c] >= 2 for c in rivals) for d in docs[best])


def _given_name_dropped(short: tuple, full: tuple) -> bool:
    """``short`` is ``full`` less one or more given names, surname kept (سيب بلاتر, جوزيف بلاتر of سيب جوزيف بلاتر):
    two words or more, the same last word, the others in order. Not for names with بن/بنت/آل: a lineage
    less one link is another person (خالد بن عبدالعزيز is not خالد بن سلمان بن عبدالعزيز)."""
    if len(short) < 2 or len(full) <= len(short) or short[-1] != full[-1]:
        return False
    if short[0] != full[0] and full[0] in FOREBEAR_CHAIN_OPENERS:
        return False
    return not LINEAGE_KEYS.intersection(full) and _subsequence(short, full)


def _variant_groups(people: dict, by_edge: dict, mentions: Counter, docs: dict, opens: Counter) -> dict[str, tuple[str, str] | None]:
    """Names of two words or more that are one person's, less a given name (``_given_name_dropped``): each id of
    such a group -> (the group's most mentioned form, which counts for all, and its fullest form) (جوزيف بلاتر 55,
    سيب بلاتر 40 and سيب جوزيف بلاتر 13 are one man; بشار الأسد keeps his id over a lone بشار حافظ الأسد). A form
    whose fuller names disagree (علي صالح in علي عبدالله صالح and احمد علي صالح) -> None: it stays apart.

    The fullest form is the evidence, so it must be trusted: in two documents, or repeated in its one
    document and adding only words that open other names of the day (given names, not glued words)."""
    groups: dict[str, set] = defaultdict(set)
    out: dict[str, tuple[str, str] | None] = {}
    for e, words in people.items():
        fuller = [c for c in by_edge.get(words[-1], ()) if _given_name_dropped(words, people[c])] if words else []
        if not fuller:
            continue
        fullest = _fullest_name(fuller, people)
        trusted = fullest and (len(docs[fullest]) >= 2 or (mentions[fullest] >= 3 and _given_names_of_the_day(words, people[fullest], opens, mentions[fullest])))
        if trusted:
            groups[fullest].update((e, fullest))
        else:
            out[e] = None
    for fullest, members in groups.items():
        rep = min(members, key=lambda m: (-mentions[m], m))
        out.update({m: (rep, fullest) for m in members})
    return out


def _given_names_of_the_day(short: tuple, full: tuple, opens: Counter, full_mentions: int) -> bool:
    """Every word ``full`` has and ``short`` lacks opens another name of the day: a given name, not a glued word
    or role (سيب of سيب جوزيف بلاتر opens سيب بلاتر), so a fullest form from one document is trusted."""
    dropped = list(full)
    for w in short:
        dropped.remove(w)
    return all(opens[w] - (full_mentions if w == full[0] else 0) > 0 for w in dropped)


def _fullest_name(fuller: list[str], people: dict[str, tuple]) -> str | None:
    """The one longest of ``fuller`` (ids of the names a short form is a variant of) that holds all the others, if any.

    Unlike a surname alone, two or more words with the surname name one person whatever
    the counts: the day's fullest form of the name is theirs (jointly, جوزيف بلاتر 55 and
    سيب بلاتر 40 mentions go under سيب جوزيف بلاتر 13), unless two fuller names disagree
    (علي صالح in علي عبدالله صالح and in احمد علي صالح)."""
    top = max(fuller, key=lambda c: (len(people[c]), c))
    return top if all(_subsequence(people[c], people[top]) for c in fuller) else None


def _subsequence(short: tuple, full: tuple) -> bool:
    it = iter(full)
    return all(w in it for w in short)


def _compatible(a: tuple, b: tuple, names: list[tuple]) -> bool:
    """Two names can be one person's: one is in the other word by word in order, or both in a third of the day's names."""
    if _subsequence(a, b) or _subsequence(b, a):
        return True
    return any(_subsequence(a, n) and _subsequence(b, n) for n in names)


def _short_form_of(short: tuple, full: tuple) -> bool:
    """``short`` (key words) can stand for ``full``: a surname ending it, or a run of words opening or ending it,
    but not the words after بن/بنت/آل (a father's or family name)."""
    n = len(short)
    if len(full) <= n:
        return False
    if n > 1 and full[:n] == short:
        return True
    return full[-n:] == short and full[-n - 1] not in LINEAGE_KEYS


# Given names that, alone, say nobody in particular (normalised as canonical.key spells them).
# The day's own given names (words that open its longer names more than they end them) are added.
GIVEN_NAMES = frozenset(
    """محمد احمد علي عمر عثمان خالد فهد سعود سلمان سلطان نايف عبدالعزيز عبدالله عبدالرحمن عبدالملك عبدالفتاح صالح
فيصل تركي بندر مشعل متعب منصور ماجد سعد سعيد ناصر حمد حمود يوسف ابراهيم اسماعيل حسن حسين مصطفي محمود طلال
عادل وليد زياد طارق ياسر هاني سامي فارس راشد مشاري نواف عبدالرحمن عبدالكريم عبدالرحيم عبدالمجيد عبداللطيف
ساره نوره فاطمه عائشه مريم هند ليلي""".split()
) | COMPOUND_GIVEN_NAMES

# Arabic given names that, opening a name, make the words after it the forebears' (طارق عمر الشريف: عمر الشريف
# is the father); a foreign first name does not (سيب جوزيف بلاتر). More than GIVEN_NAMES, which must also mean
# nobody alone (مبارك or عباس alone may well be the president).
FOREBEAR_CHAIN_OPENERS = GIVEN_NAMES | frozenset(
    """خميس سيف زيد مهدي سالم جعفر عباس ممدوح ماطر جهاد مبارك عايض مفرح عوض غازي محسن مساعد مسفر مطلق معيض جابر
جاسم حامد رائد رياض شاكر صقر ظافر عامر عبدالمحسن عبدالهادي عبدالوهاب علاء عماد عيسي غانم فواز قاسم كمال مازن
مروان معاذ منير نبيل نزار هشام وائل ياسين يحيي يزيد بدر حمدان""".split()
)


def _linked_ids(entities: pa.Table, cfg: dict, canon: dict[str, str], label: dict[str, str]) -> list[str | None]:
    """The entity_id column with short forms replaced by their day's full name (unless ``cfg["link_short_names"]`` is off).

    A person's short form on its own (أوباما, سلمان بن عبدالعزيز) counts under
    the day's full name (باراك أوباما, سلمان بن عبدالعزيز آل سعود) when that
    name is the clear owner of the short form that day; see day_person_links.
    Within a document the extractor links short forms already. A one-word
    given name left unlinked (فهد، سعود، محمد: ``GIVEN_NAMES`` and the day's
    given names) is None: it stands for nobody in particular, so it is left
    out of entity_daily and cooccurrence (its mentions stay in ``entities``).
    """
    day_id = _day_ids(entities, cfg, canon, label)
    return [day_id(e, d) for e, d in zip(_column(entities, "entity_id"), _column(entities, "doc_id"))]


def _day_ids(entities: pa.Table, cfg: dict, canon: dict[str, str], label: dict[str, str]) -> Callable[..., str | None]:
    """(entity_id, its doc_id) -> the id it counts under that day (``_linked_ids``), for ids from any dataset
    (speakers too). A short form keeps its own id in a document where the day's link is contested
    (``_contested_at_home``); without a doc_id the day's link stands."""
    if not cfg["link_short_names"]:
        return lambda e, doc=None: e
    links, _, contested = _links_and_variants(entities, canon, label)
    alone = _given_names_alone(canon, label, links)

    def day_id(e: str | None, doc: str | None = None) -> str | None:
        if contested and (e, doc) in contested:
            return None if e in alone else e
        target = links.get(e, e)
        return None if e in alone or target in alone else target  # فرضا -> رضا: a given name alone is nobody

    return day_id


def _given_names_alone(canon: dict[str, str], label: dict[str, str], links: dict[str, str]) -> set[str]:
    """Ids of the day's one-word persons that are a given name and were not linked to a full name."""
    from khabar.extract.canonical import key

    people = {e: key(canon[e]).split() for e in canon if label[e] == "PER"}
    opens: Counter = Counter(w[0] for w in people.values() if len(w) > 1)
    ends: Counter = Counter(w[-1] for w in people.values() if len(w) > 1)
    return {e for e, w in people.items() if len(w) == 1 and e not in links and (w[0] in GIVEN_NAMES or opens[w[0]] > max(1, ends[w[0]]))}


def entity_daily(*, entities: pa.Table, documents: pa.Table, cfg: dict) -> pa.Table:
    """Per entity_id: canonical and label (day's modes), mentions, distinct documents, stories and sources.

    A person's short form counts under the day's full name it stands for
    (``day_person_links``; unless ``cfg["link_short_names"]`` is off), whose
    canonical the row keeps; a one-word given name nobody owns that day is
    left out (see ``_linked_ids``), so PER rows rank people, not first
    names, and mentions sum to the day's entities less those. ``sources``
    counts distinct non-null ``documents.source`` values, ``stories`` distinct
    ``documents.cluster_id`` (one wire story republished by seven outlets is
    one story). ``canonical_latin`` is the Latin name the extractor gave
    that canonical (null when it gave none). Rows are sorted by mentions
    (descending), then entity_id.
    """
    sources = _doc_sources(documents)
    stories = _doc_stories(documents)
    canon, label = _canonicals(entities)
    latin = _latin_names(entities, canon)
    mentions: Counter = Counter()
    docs: dict[str, set] = defaultdict(set)
    for eid, doc_id in zip(_linked_ids(entities, cfg, canon, label), _column(entities, "doc_id")):
        if eid is None:  # a given name alone
            continue
        mentions[eid] += 1
        docs[eid].add(doc_id)
    rows = []
    for eid, n in mentions.items():
        srcs = {sources.get(d) for d in docs[eid]} - {None}
        rows.append(
            {"entity_id": eid, "canonical": canon[eid], "canonical_latin": latin.get(eid), "label": label[eid], "mentions": n, "documents": len(docs[eid]),
             "sources": len(srcs), "stories": _story_count(docs[eid], stories)}
        )
    rows.sort(key=lambda r: (-r["mentions"], r["entity_id"]))
    return schemas.table_from_rows("entity_daily", rows)


def entity_aliases_daily(*, entities: pa.Table, cfg: dict) -> pa.Table:
    """Per (entity_id, alias): mentions and distinct documents, the id being entity_daily's.

    ``alias`` is the mention's text without diacritics and tatweel (بلاتر,
    سيب بلاتر, جوزيف بلاتر under one id), so a name can be looked up by any
    form it was written in (``khabar entities``). Ids are entity_daily's:
    short forms count under the day's full name, and a given name alone is
    left out. ``label`` is the day's label of the id. For a form the day
    counts with others as one person's name less a given name (سيب بلاتر and
    جوزيف بلاتر under جوزيف بلاتر), ``variant_id`` is the form's own id and
    ``fullest_id`` the id of the name's fullest form that day (سيب جوزيف
    بلاتر); both null otherwise. The registry joins ids across days by them
    (:func:`khabar.registry.person_ids`). Rows sorted by entity_id, then
    mentions (descending), alias, variant_id, fullest_id.
    """
    from khabar.extract.canonical import light

    canon, label = _canonicals(entities)
    fullest_of = _links_and_variants(entities, canon, label)[1] if cfg["link_short_names"] else {}
    day_id = _day_ids(entities, cfg, canon, label)
    mentions: Counter = Counter()
    docs: dict[tuple, set] = defaultdict(set)
    for own, text, doc_id in zip(_column(entities, "entity_id"), _column(entities, "text"), _column(entities, "doc_id")):
        eid = day_id(own, doc_id)
        if eid is None or not text:
            continue
        k = (eid, light(text), own if own in fullest_of else None, fullest_of.get(own))
        mentions[k] += 1
        docs[k].add(doc_id)
    rows = [{"entity_id": k[0], "label": label[k[0]], "alias": k[1], "variant_id": k[2], "fullest_id": k[3], "mentions": n, "documents": len(docs[k])}
            for k, n in mentions.items()]
    rows.sort(key=lambda r: (r["entity_id"], -r["mentions"], r["alias"], r["variant_id"] or "", r["fullest_id"] or ""))
    return schemas.table_from_rows("entity_aliases_daily", rows)


def cooccurrence(*, entities: pa.Table, cfg: dict) -> pa.Table:
    """Pairs of distinct entities mentioned in the same document, with sentence- and document-level counts.

    A pair is stored once, ``entity_a < entity_b``. ``documents`` counts the
    documents mentioning both; ``sentences`` the sentences (doc_id, sent_idx)
    mentioning both, which may be 0 for a pair that only shares a document.
    Per document only the ``cfg["max_entities_per_doc"]`` most mentioned
    entities take part (ties by entity_id): co-occurrence is quadratic in the
    distinct entities of a document, and a long article listing hundreds of
    names (a cabinet list, a sports table) would dominate the day's pairs.
    Persons' short forms count as their day's full name, as in
    ``entity_daily``. Rows are sorted by documents, sentences (descending),
    then the pair.
    """
    cap = cfg["max_entities_per_doc"]
    canon, label = _canonicals(entities)
    per_doc: dict[str, Counter] = defaultdict(Counter)
    per_sent: dict[tuple, set] = defaultdict(set)
    for doc_id, sent_idx, eid in zip(_column(entities, "doc_id"), _column(entities, "sent_idx"), _linked_ids(entities, cfg, canon, label)):
        if eid is None:  # a given name alone
            continue
        per_doc[doc_id][eid] += 1
        per_sent[(doc_id, sent_idx)].add(eid)
    kept: dict[str, set] = {}
    doc_pairs: Counter = Counter()
    for doc_id, counts in per_doc.items():
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:cap]
        kept[doc_id] = {e for e, _ in top}
        doc_pairs.update(itertools.combinations(sorted(kept[doc_id]), 2))
    sent_pairs: Counter = Counter()
    for (doc_id, _), eids in per_sent.items():
        sent_pairs.update(itertools.combinations(sorted(eids & kept[doc_id]), 2))
    # Built column-wise and sorted by Arrow: a busy day has hundreds of thousands of pairs.
    pairs = list(doc_pairs)
    schema = schemas.without_run_id(schemas.COOCCURRENCE)
    table = pa.Table.from_arrays(
        [
            pa.array([a for a, _ in pairs], pa.string()),
            pa.array([b for _, b in pairs], pa.string()),
            pa.array([canon[a] for a, _ in pairs], pa.string()),
            pa.array([canon[b] for _, b in pairs], pa.string()),
            pa.array([sent_pairs.get(p, 0) for p in pairs], pa.int64()),
            pa.array([doc_pairs[p] for p in pairs], pa.int64()),
        ],
        schema=schema,
    )
    return table.sort_by([("documents", "descending"), ("sentences", "descending"), ("entity_a", "ascending"), ("entity_b", "ascending")])


def normalise_speaker(speaker: str) -> str:
    """Speaker string as compared across quotes: NFKC, no diacritics/tatweel, one alef, single spaces."""
    text = unicodedata.normalize("NFKC", speaker)
    text = _DIACRITICS.sub("", text).translate(_ALEFS)
    return _SPACE.sub(" ", text).strip()


def speaker_key(speaker: str, doc_id: str | None = None) -> str:
    """Stable id of an unresolved speaker: ``spk:`` + 16 hex digits of SHA-1 of its normalised form.

    The same spelling (up to diacritics, alef/hamza forms, spacing) gets the
    same id on every day and every run, so unresolved speakers can be
    followed across partitions. With ``doc_id`` (an unnamed source: «مصدر
    أمني», «المصدر») the id is that document's own: one article's source
    is not another's.
    """
    key = normalise_speaker(speaker) + ("\x1f" + doc_id if doc_id else "")
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return UNRESOLVED_SPEAKER_PREFIX + digest


def speakers_daily(*, quotes: pa.Table, documents: pa.Table, cfg: dict, entities: pa.Table | None = None) -> pa.Table:
    """Per speaker: quotes, distinct documents and sources, the first N quote ids.

    The speaker is ``speaker_entity_id`` when the extractor resolved it, after
    the day's person links entity_daily uses (``_linked_ids``): a quote by
    أوباما counts under باراك أوباما's id when that name owns the short form
    that day. A resolved speaker that is a one-word given name nobody owns
    that day (عز، فهد) is nobody in particular across the day, but within
    its document the extractor already links names, so it is that
    document's own speaker: :func:`speaker_key` of its canonical with the
    doc_id, as for unnamed sources; it never gets a day-wide row under the
    given name. Unresolved speakers get :func:`speaker_key` of the
    ``speaker`` string (per document for unnamed sources). Quotes with
    neither (anonymous) are not counted here; they stay in ``quotes``.
    ``speaker`` is the id's canonical of the day (entity_daily's) when
    ``entities`` has it, else the most frequent speaker string of the group
    (ties: smallest); ``canonical_latin`` that canonical's Latin name (null for
    unresolved speakers). ``sample_quotes`` lists "doc_id:quote_idx" of the
    first N quotes by (doc_id, quote_idx), N = ``cfg["sample_quotes"]``.
    Rows sorted by quotes (descending), then speaker id.
    """
    n_samples = cfg["sample_quotes"]
    sources = _doc_sources(documents)
    entities = schemas.empty("entities") if entities is None else entities
    canon, label = _canonicals(entities)
    latin = _latin_names(entities, canon)
    day_id = _day_ids(entities, cfg, canon, label)
    groups: dict[str, dict] = {}
    for doc_id, quote_idx, speaker, speaker_id in zip(
        _column(quotes, "doc_id"), _column(quotes, "quote_idx"), _column(quotes, "speaker"), _column(quotes, "speaker_entity_id")
    ):
        key, name = _speaker_group((speaker or "").strip(), speaker_id, doc_id, day_id, canon)
        if key is None:
            continue
        group = groups.setdefault(key, {"names": Counter(), "quotes": []})
        if name:
            group["names"][name] += 1
        group["quotes"].append((doc_id, quote_idx))
    rows = []
    for key, group in groups.items():
        ids = sorted(group["quotes"])
        docs = {d for d, _ in ids}
        rows.append(
            {
                "speaker_entity_id": key,
                # a resolved speaker always has a name in practice; fall back to its id
                "speaker": canon.get(key) or (_mode(group["names"]) if group["names"] else key),
                "canonical_latin": latin.get(key),
                "quotes": len(ids),
                "documents": len(docs),
                "sources": len({sources.get(d) for d in docs} - {None}),
                "sample_quotes": [f"{d}:{q}" for d, q in ids[:n_samples]],
            }
        )
    rows.sort(key=lambda r: (-r["quotes"], r["speaker_entity_id"]))
    return schemas.table_from_rows("speakers_daily", rows)


def _speaker_group(name: str, speaker_id: str | None, doc_id: str, day_id: Callable, canon: dict[str, str]) -> tuple[str | None, str]:
    """The speakers_daily key of one quote (see speakers_daily), None for an anonymous one, and the name it counts."""
    if speaker_id:
        linked = day_id(speaker_id, doc_id)
        if linked:
            return linked, name
        # a given name alone is its document's own speaker, like an unnamed source; under its canonical,
        # so one document's «أبو شعيب» and «يبدأ أبو شعيب» are one speaker
        name = canon.get(speaker_id) or name or speaker_id
        return speaker_key(name, doc_id), name
    if not name:
        return None, name
    return speaker_key(name, doc_id if is_unnamed_speaker(name) else None), name


def amounts_daily(*, amounts: pa.Table, documents: pa.Table | None = None, cfg: dict) -> pa.Table:
    """Per (kind, unit): sum of values, number of amounts, distinct documents and stories.

    ``count`` counts every amount, ``total`` sums the non-null values (an
    amount the extractor could not evaluate is counted but adds nothing).
    ``stories`` counts distinct ``documents.cluster_id`` of those documents
    (a figure repeated by seven outlets of one wire story is one story; a
    document without a cluster, or without ``documents``, is its own).
    Rows sorted by kind, unit (null unit last).
    """
    stories = _doc_stories(documents) if documents is not None else {}
    groups: dict[tuple, dict] = {}
    for kind, unit, value, doc_id in zip(_column(amounts, "kind"), _column(amounts, "unit"), _column(amounts, "value"), _column(amounts, "doc_id")):
        group = groups.setdefault((kind, unit), {"values": [], "count": 0, "docs": set()})
        if value is not None:
            group["values"].append(value)
        group["count"] += 1
        group["docs"].add(doc_id)
    # fsum is exact, so the total does not depend on the order shards are read in
    rows = [{"kind": k, "unit": u, "total": math.fsum(g["values"]), "count": g["count"], "documents": len(g["docs"]),
             "stories": _story_count(g["docs"], stories)} for (k, u), g in groups.items()]
    rows.sort(key=lambda r: (r["kind"], r["unit"] is None, r["unit"] or ""))
    return schemas.table_from_rows("amounts_daily", rows)


def _is_punct(form: str) -> bool:
    return bool(form) and all(unicodedata.category(ch)[0] in "PSZ" for ch in form)


def _counts_by_doc(table: pa.Table) -> dict[str, int]:
    if table.num_rows == 0:
        return {}
    grouped = table.select(["doc_id"]).group_by("doc_id").aggregate([("doc_id", "count")])
    return dict(zip(grouped.column("doc_id").to_pylist(), grouped.column("doc_id_count").to_pylist()))


def _word_tokens(tokens: pa.Table) -> pa.Table:
    """Tokens that count as words: kind word/number/latin; for tokens without a kind, every non-punctuation token."""
    if tokens.num_rows == 0:
        return tokens
    if "kind" not in tokens.column_names:
        kind = pa.nulls(tokens.num_rows, pa.string())
    else:
        kind = tokens.column("kind")
    is_word = pc.fill_null(pc.is_in(kind, value_set=pa.array(WORD_KINDS)), False)
    no_kind = pc.is_null(kind)
    if pc.any(no_kind).as_py():
        # Rare (older partitions): decide punctuation per form in Python.
        forms = tokens.column("form").to_pylist() if "form" in tokens.column_names else [""] * tokens.num_rows
        unknown_word = pa.array([k is None and not _is_punct(f or "") for k, f in zip(kind.to_pylist(), forms)])
        is_word = pc.or_(is_word, unknown_word)
    return tokens.filter(is_word)


def corpus_daily(
    *,
    documents: pa.Table,
    sentences: pa.Table,
    tokens: pa.Table,
    quarantine: pa.Table,
    duplicates: pa.Table,
    cfg: dict,
) -> pa.Table:
    """Per source: documents, words, sentences, quarantined and duplicate records.

    Quarantined records could not be read, so they have no source: they are
    counted under source null, in the partition the task passes them with
    (the run date's). Duplicates are counted under the source they carry.
    Rows sorted by source, null last.
    """
    sources = _doc_sources(documents)
    per_source: dict[str | None, dict] = defaultdict(lambda: {"documents": 0, "words": 0, "sentences": 0, "quarantined": 0, "duplicates": 0})
    for source in sources.values():
        per_source[source]["documents"] += 1
    for field, table in (("words", _word_tokens(tokens)), ("sentences", sentences)):
        for doc_id, n in _counts_by_doc(table).items():
            per_source[sources.get(doc_id)][field] += n
    if quarantine.num_rows:
        per_source[None]["quarantined"] += quarantine.num_rows
    for source in _column(duplicates, "source"):
        per_source[source]["duplicates"] += 1
    rows = [{"source": s, **counts} for s, counts in per_source.items()]
    rows.sort(key=lambda r: (r["source"] is None, r["source"] or ""))
    return schemas.table_from_rows("corpus_daily", rows)


# The columns the aggregates use of the stage datasets they read (any other: every column). A
# day's documents with their texts and its tokens with every column took ~300 MB of a worker.
INPUT_COLUMNS = {"documents": ["doc_id", "source", "cluster_id"], "sentences": ["doc_id"], "tokens": ["doc_id", "kind", "form"]}

# aggregate dataset -> (stage datasets it reads, function)
AGGREGATES: dict[str, tuple[tuple[str, ...], Callable[..., pa.Table]]] = {
    "entity_daily": (("entities", "documents"), entity_daily),
    "entity_aliases_daily": (("entities",), entity_aliases_daily),
    "cooccurrence": (("entities",), cooccurrence),
    "speakers_daily": (("quotes", "documents", "entities"), speakers_daily),
    "amounts_daily": (("amounts", "documents"), amounts_daily),
    "corpus_daily": (("documents", "sentences", "tokens", "quarantine", "duplicates"), corpus_daily),
}

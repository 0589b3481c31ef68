"""The entity registry: one row per entity over every day of the store, and lookup by any alias.

There is no registry state to keep in step: an entity's id is a fixed
function of its label and folded name (:func:`khabar.extract.canonical.entity_id`),
so the same entity gets the same id on every night, in every run and after
every reprocess, without looking anything up. What grows night by night is
``entity_aliases_daily`` (one partition per day, written by the aggregate
stage with entity_daily); the registry folds those partitions::

    entity_id, label, canonical, canonical_latin, aliases, first_seen, last_seen, mentions, documents

(the warehouse view ``entity_registry`` runs the same fold in SQL). Because
each day's rows depend on that day only, running night by night gives the
same registry as one run over all days, and a night costs the same after a
year as on the first day; only a lookup reads every day (two small columns).

One person may still have an id per day: a day counts the forms of a name
less a given name under its most mentioned form (جوزيف بلاتر one day, سيب
بلاتر the next), and keeps in ``entity_aliases_daily`` each form's own id
(``variant_id``) and the id of the name's fullest form that day
(``fullest_id``: سيب جوزيف بلاتر), so the registry joins the day ids tied to
one fullest form into one row (:func:`person_ids`), whose ``entity_id`` is the
smallest of its ``ids``: a fold of every day again, so the same night by night
as at once, whatever the order of the days. A form is tied to the fullest
name that holds 3/4 of its mentions under any (محمد العمري under محمد علي
العمري one day and محمد عبدالله العمري another, as often, ties nothing), and a
short form's link (بلاتر, عبدالله بن عبدالعزيز: which full name owns it is
the day's) is no tie.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict

from khabar.extract.canonical import entity_id, id_key
from khabar.store import Store

LABELS = ("PER", "ORG", "LOC", "MISC")


def latin_fold(name: str) -> str:
    """How Latin names compare: letters and digits only, case and accents off ("barack obama" = "Barack Obama",
    "saud alfaisal" = "Saud al-Faisal", "Habre" = "Habré")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


def latin_ids(store: Store, name: str) -> set[str]:
    """Ids whose ``canonical_latin`` on some day folds like ``name`` (:func:`latin_fold`)."""
    wanted = latin_fold(name)
    if not wanted:
        return set()
    days = store.read_dataset("entity_daily", ["entity_id", "canonical_latin"])
    folded: dict[str, bool] = {}
    found = set()
    for eid, latin in zip(days.column("entity_id").to_pylist(), days.column("canonical_latin").to_pylist()):
        if latin and folded.setdefault(latin, latin_fold(latin) == wanted):
            found.add(eid)
    return found


def person_ids(aliases) -> dict[str, str]:
    """entity_id -> the registry's id of its person, for the day ids of ``aliases`` (an ``entity_aliases_daily``
    table) joined to others: the smallest day id of those joined (a form that is never a day's id does not name
    the row). Each day id and each form counted as a variant (``variant_id``) is tied to the fullest form of
    the name it was counted under (``fullest_id``) when that one holds at least 3/4 of its mentions under any
    (a tagger's glued form, لسويسري جوزيف بلاتر, does not undo a tie; محمد العمري under two men's names ties
    nothing); ids tied to none are their own, and left out."""
    under: dict[str, Counter] = defaultdict(Counter)
    day_ids = set(aliases.column("entity_id").to_pylist())
    columns = ("entity_id", "variant_id", "fullest_id", "mentions")
    for eid, variant, full, n in zip(*(aliases.column(c).to_pylist() for c in columns)):
        if full:
            under[eid][full] += n
            if variant:
                under[variant][full] += n
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, forms in under.items():
        full, n = forms.most_common(1)[0]
        if n * 4 >= sum(forms.values()) * 3:
            parent[root(x)] = root(full)
    members: dict[str, list[str]] = defaultdict(list)
    for x in parent:
        if x in day_ids:
            members[root(x)].append(x)
    return {x: min(group) for group in members.values() if len(group) > 1 for x in group}


ALIAS_COLUMNS = ["entity_id", "label", "alias", "mentions", "variant_id", "fullest_id"]


def _aliases_and_persons(store: Store):
    """Every day's ``entity_aliases_daily`` (the columns the registry uses) and its :func:`person_ids`."""
    aliases = store.read_dataset("entity_aliases_daily", ALIAS_COLUMNS)
    return aliases, person_ids(aliases)


def matching_ids(store: Store, name: str, read=None) -> list[str]:
    """Registry ids of the entities whose own fold or one of whose aliases folds like ``name`` (عبد العزيز
    finds عبدالعزيز), or whose Latin name does (``barack obama``, ``riyadh``). ``read``: the store's
    ``_aliases_and_persons`` when the caller has it."""
    aliases, person = read or _aliases_and_persons(store)
    wanted = {label: id_key(label, name) for label in LABELS}
    direct = {entity_id(label, name) for label in LABELS}
    found = set()
    seen: dict[tuple, bool] = {}
    for eid, label, alias in zip(*(aliases.column(c).to_pylist() for c in ("entity_id", "label", "alias"))):
        k = (label, alias)
        if k not in seen:
            seen[k] = label in wanted and id_key(label, alias) == wanted[label]
        if seen[k] or eid in direct:
            found.add(eid)
    return sorted({person.get(e, e) for e in found | latin_ids(store, name)})


def describe(store: Store, ids: list[str], read=None) -> list[dict]:
    """Registry rows of ``ids`` (registry ids, :func:`matching_ids`) plus ``per_day`` (dt -> mentions), most
    mentioned first; ``ids`` lists the day ids a row joins (its own alone for most). ``read`` as for matching_ids."""
    wanted = set(ids)
    aliases, person = read or _aliases_and_persons(store)
    columns = ("entity_id", "canonical", "canonical_latin", "label", "mentions", "documents")
    days = store.read_dataset("entity_daily", list(columns))
    rows: dict[str, dict] = {}
    for eid, canonical, latin, label, n, docs, dt in zip(*(days.column(c).to_pylist() for c in columns + ("dt",))):
        rid = person.get(eid, eid)
        if rid not in wanted:
            continue
        r = rows.setdefault(rid, {"labels": Counter(), "names": Counter(), "latin": Counter(), "ids": set(), "mentions": 0, "documents": 0, "per_day": {}})
        r["labels"][label] += n
        r["names"][canonical] += n
        if latin:
            r["latin"][latin] += n
        r["ids"].add(eid)
        r["mentions"] += n
        r["documents"] += docs
        r["per_day"][dt] = r["per_day"].get(dt, 0) + n
    forms = _aliases(aliases, person, wanted)
    out = [_registry_row(rid, r, forms.get(rid, [])) for rid, r in rows.items()]
    out.sort(key=lambda r: (-r["mentions"], r["entity_id"]))
    return out


def _registry_row(rid: str, r: dict, aliases: list[str]) -> dict:
    return {
        "entity_id": rid,
        "label": _top(r["labels"]),
        "canonical": _top(r["names"]),
        "canonical_latin": _top(r["latin"]) if r["latin"] else None,
        "aliases": aliases,
        "ids": sorted(r["ids"]),
        "first_seen": min(r["per_day"]),
        "last_seen": max(r["per_day"]),
        "mentions": r["mentions"],
        "documents": r["documents"],
        "per_day": dict(sorted(r["per_day"].items())),
    }


def _aliases(table, person: dict[str, str], wanted: set[str]) -> dict[str, list[str]]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for eid, alias, n in zip(*(table.column(c).to_pylist() for c in ("entity_id", "alias", "mentions"))):
        rid = person.get(eid, eid)
        if rid in wanted:
            counts[rid][alias] += n
    return {e: [a for a, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))] for e, c in counts.items()}


def _top(counter: Counter) -> str:
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def lookup(store: Store, name: str) -> list[dict]:
    """Every entity ``name`` may stand for, as registry rows with mentions per day."""
    read = _aliases_and_persons(store)  # one read of every day's aliases for both steps
    return describe(store, matching_ids(store, name, read), read)

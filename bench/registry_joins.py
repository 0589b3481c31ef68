"""Persons the registry joins across days: registry rows that hold more than one day id.

    python bench/registry_joins.py <store> [--sample N --seed S]

Reads ``entity_aliases_daily`` and ``entity_daily`` of every day, joins the day ids as
:func:`khabar.registry.person_ids` does, and prints how many registry rows join several
day ids (and their mentions), the rows most mentioned first, or ``N`` of them drawn at
random with seed ``S`` for judging by hand (is every form in the row the same person?).
Nothing is written.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter, defaultdict

from khabar.registry import person_ids
from khabar.store import Store


def joined_rows(store: Store) -> list[tuple[int, list[tuple[str, int]]]]:
    """(mentions, [(day canonical, mentions) per day id]) of each registry row joining day ids, most mentioned first."""
    aliases = store.read_dataset("entity_aliases_daily", ["entity_id", "label", "alias", "mentions", "variant_id", "fullest_id"])
    person = person_ids(aliases)
    days = store.read_dataset("entity_daily", ["entity_id", "canonical", "label", "mentions"])
    mentions: Counter = Counter()
    names: dict[str, Counter] = defaultdict(Counter)
    for eid, canonical, label, n in zip(*(days.column(c).to_pylist() for c in ("entity_id", "canonical", "label", "mentions"))):
        if label == "PER":
            mentions[eid] += n
            names[eid][canonical] += n
    groups: dict[str, list[str]] = defaultdict(list)
    for eid, rid in person.items():
        if eid in mentions:
            groups[rid].append(eid)
    rows = [(sum(mentions[e] for e in g), [(names[e].most_common(1)[0][0], mentions[e]) for e in sorted(g, key=lambda e: -mentions[e])])
            for g in groups.values() if len(g) > 1]
    return sorted(rows, key=lambda r: (-r[0], r[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--sample", type=int, default=0, help="draw this many rows at random instead of the top 40")
    parser.add_argument("--seed", type=int, default=43)
    args = parser.parse_args()
    rows = joined_rows(Store(args.store))
    print(f"registry rows joining more than one PER day id: {len(rows)}; day ids joined: {sum(len(r[1]) for r in rows)}; "
          f"mentions: {sum(r[0] for r in rows)}")
    shown = random.Random(args.seed).sample(rows, min(args.sample, len(rows))) if args.sample else rows[:40]
    for total, forms in shown:
        print(f"{total:6d}  " + " | ".join(f"{name} ({n})" for name, n in forms))


if __name__ == "__main__":
    main()

"""``khabar entities NAME``: look an entity up by any alias or its Latin name (:mod:`khabar.registry`)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from khabar.config import load_config
from khabar.errors import UserError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="any written form of the entity (عبد العزيز, فيفا, بلاتر ...) or its Latin name (riyadh, \"barack obama\")")
    parser.add_argument("--out", help="output root of the store (default: paths.out of the configuration)")
    parser.add_argument("--config", help="configuration file (TOML)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--limit", type=int, default=5, help="show at most this many entities (default 5)")


def main(args: argparse.Namespace) -> int:
    from khabar.registry import lookup
    from khabar.store import Store

    config = load_config(args.config)
    out = Path(args.out or config["paths"]["out"])
    if not out.is_dir():
        raise UserError(f"no khabar store at {out} (run `khabar run --out {out}` first)")
    if not args.name.strip():
        raise UserError("give a name to look up")
    rows = lookup(Store(out), args.name)[: max(1, args.limit)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print(f"no entity known as {args.name!r} in {out}")
        return 1
    for r in rows:
        latin = f"  ({r['canonical_latin']})" if r["canonical_latin"] else ""
        print(f"{r['entity_id']}  {r['label']}  {r['canonical']}{latin}")
        print(f"  aliases: {'، '.join(r['aliases'][:12])}{' …' if len(r['aliases']) > 12 else ''}")
        if len(r["ids"]) > 1:
            print(f"  day ids joined: {', '.join(r['ids'])}")
        print(f"  seen {r['first_seen']} .. {r['last_seen']}: {r['mentions']} mentions in {r['documents']} documents")
        print("  per day: " + ", ".join(f"{d} {n}" for d, n in r["per_day"].items()))
    return 0

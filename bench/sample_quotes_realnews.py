"""Draw the articles of the real-news quote dev set (tests/realnews/quotes-dev.jsonl).

Random with a fixed seed over the July 2015 SaudiNewsNet files: articles of
100-400 words (short enough to annotate every quote by hand) that look like
they report speech (a quotation mark « " “ ” and a common reporting verb
قال/أكد/أضاف/أوضح/أشار in some form). Sources are shuffled and visited in
turn, so no outlet dominates. Prints ``file<TAB>line<TAB>source<TAB>words``
per article; nothing of the text.

    python bench/sample_quotes_realnews.py --seed 1307 --n 18
    python bench/sample_quotes_realnews.py --seed 5309 --n 16 --exclude tests/realnews/quotes-dev.jsonl

``--exclude FILE`` leaves out the articles a dev set already holds (its
``file``/``line`` pairs), so a held-out part never overlaps it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import defaultdict

import _paths

_MARK = re.compile(r"[«\"“”]")
_VERB = re.compile(r"(?<!\w)[وف]?(?:قال|قالت|أكد|أكدت|أضاف|أضافت|أوضح|أوضحت|أشار|أشارت)(?!\w)")


def excluded(paths: list[str]) -> set[tuple[str, int]]:
    """(file name, line) of the articles the given dev-set files hold."""
    out = set()
    for p in paths:
        with open(p, encoding="utf-8") as handle:
            for raw in handle:
                if raw.strip():
                    obj = json.loads(raw)
                    out.add((obj["file"].rsplit("/", 1)[-1], int(obj["line"])))
    return out


def candidates(skip: set[tuple[str, int]] = frozenset()) -> dict[str, list[tuple[str, int, int]]]:
    """source -> [(file, line, words)] of the July articles that report speech, less ``skip``."""
    pools: dict[str, list] = defaultdict(list)
    for path in sorted(_paths.SAUDINEWSNET.glob("2015-07-*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line, raw in enumerate(handle):
                if (path.name, line) in skip:
                    continue
                record = json.loads(raw)
                text = record.get("content") or ""
                words = len(text.split())
                if 100 <= words <= 400 and _MARK.search(text) and _VERB.search(text):
                    pools[record.get("source") or "?"].append((path.name, line, words))
    return pools


def draw(pools: dict, seed: int, n: int) -> list[tuple]:
    rng = random.Random(seed)
    sources = sorted(pools)
    rng.shuffle(sources)
    for s in sources:
        pools[s].sort()
        rng.shuffle(pools[s])
    picked, i = [], 0
    while len(picked) < n and any(pools[s] for s in sources):
        s = sources[i % len(sources)]
        if pools[s]:
            picked.append((*pools[s].pop(), s))
        i += 1
    return picked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1307)
    parser.add_argument("--n", type=int, default=18)
    parser.add_argument("--exclude", action="append", default=[], help="dev-set JSONL whose articles to leave out")
    args = parser.parse_args()
    for name, line, words, source in draw(candidates(excluded(args.exclude)), args.seed, args.n):
        print(f"{name}\t{line}\t{source}\t{words}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

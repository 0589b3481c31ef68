"""Draw the articles of the real-news NER dev set (tests/realnews/ner-dev.jsonl).

Random with a fixed seed, stratified so that the set mixes sources and
topics: every non-empty article of the July 2015 SaudiNewsNet files with
100-350 words (short enough to annotate by hand) gets a topic from keyword
counts over its title and text (politics, local, economy, sports, culture; an
article with no clear topic is left out), then each topic draws ``--per-topic``
articles, cycling through its sources in a shuffled order so that no outlet
dominates a topic. Prints ``file<TAB>line<TAB>source<TAB>topic<TAB>words``
per article; nothing of the text.

    python bench/sample_realnews.py --seed 2015 --per-topic 8
    python bench/sample_realnews.py --seed 2026 --per-topic 6 --exclude tests/realnews/ner-dev.jsonl   # the held-out set

``--exclude`` leaves out the articles of existing sets (their ``file`` and
``line``), so that a held-out set never shares an article with a dev set.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import defaultdict

import _paths

# Keywords per topic, counted as whole words (a proclitic و/ب/ل/ال may precede).
TOPICS = {
    "politics": "الرئيس الحكومة المعارضة الحوثي الحوثيين داعش الأسد سوريا اليمن العراق إيران مجلس النووي الانتخابات التحالف قوات الخارجية",
    "local": "أمير منطقة أمانة بلدية محافظة محافظ المدني الشرطة مستشفى التعليم المرور الأهالي حي المواطنين البلدية",
    "economy": "سوق الأسهم النفط برميل مليار الاقتصاد الاقتصادي شركة الشركة الاستثمار البنك المؤشر أرباح التضخم",
    "sports": "نادي النادي الهلال النصر الاتحاد الأهلي مباراة لاعب اللاعب الدوري المنتخب كرة المدرب بطولة الفريق",
    "culture": "ثقافة الثقافي الثقافية مهرجان معرض كتاب رواية شاعر الشعر فيلم مسرح التراث الأدب فنان الفنية",
}
_WORD = re.compile(r"\w+")
_CLITIC = re.compile(r"^(?:[وف]?[بل]?(?:ال)?)")
_STEMS = {topic: {_CLITIC.sub("", w) for w in words.split()} for topic, words in TOPICS.items()}


def topic_of(title: str, text: str) -> str | None:
    """The topic whose keywords occur most (title words count thrice); None below 3 hits or on a tie."""
    counts = dict.fromkeys(TOPICS, 0)
    for weight, part in ((3, title), (1, text)):
        for word in _WORD.findall(part):
            for topic, stems in _STEMS.items():
                if _CLITIC.sub("", word) in stems:
                    counts[topic] += weight
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked[0][1] < 3 or ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def candidates() -> dict[str, dict[str, list]]:
    """topic -> source -> [(file, line, words)] over the July files."""
    pools: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(_paths.SAUDINEWSNET.glob("2015-07-*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line, raw in enumerate(handle):
                record = json.loads(raw)
                text = record.get("content") or ""
                words = len(text.split())
                if not 100 <= words <= 350:
                    continue
                topic = topic_of(record.get("title") or "", text)
                if topic:
                    pools[topic][record["source"]].append((path.name, line, words))
    return pools


def draw(pools: dict, seed: int, per_topic: int, exclude: frozenset = frozenset()) -> list[tuple]:
    rng = random.Random(seed)
    chosen = []
    for topic in TOPICS:
        sources = sorted(pools[topic])
        rng.shuffle(sources)
        for source in sources:
            pools[topic][source] = [a for a in pools[topic][source] if (f"saudinewsnet/{a[0]}", a[1]) not in exclude]
            rng.shuffle(pools[topic][source])
        picked, i = [], 0
        while len(picked) < per_topic and any(pools[topic][s] for s in sources):
            source = sources[i % len(sources)]
            if pools[topic][source]:
                picked.append((*pools[topic][source].pop(), source, topic))
            i += 1
        chosen += picked
    return chosen


def _articles_of(paths: list[str]) -> frozenset:
    """(file, line) of every article in the JSONL sets at ``paths``."""
    articles = set()
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            articles |= {(entry["file"], entry["line"]) for entry in map(json.loads, handle)}
    return frozenset(articles)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument("--per-topic", type=int, default=8)
    parser.add_argument("--exclude", nargs="*", default=[], help="JSONL sets whose articles are left out")
    args = parser.parse_args()
    for name, line, words, source, topic in draw(candidates(), args.seed, args.per_topic, _articles_of(args.exclude)):
        print(f"{name}\t{line}\t{source}\t{topic}\t{words}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

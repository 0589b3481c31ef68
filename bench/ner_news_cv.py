"""Cross-validate real-news training articles for the CRF (issue 12): does in-domain data help on news it never saw?

The real-news training set (``tests/realnews/ner-train.jsonl``, 150 SaudiNewsNet
articles of July 2015) is cut into 5 folds by annotator (article ``i`` of the
set, 0-based, is in fold ``(i + 1) % 5``: each annotator took every fifth
article of the draw), so a held-out fold is also another person's reading of
the guidelines. Per fold and variant, a model is trained with the packaged
recipe on the packaged ANERcorp part (all but the last 10% of sentences) plus
the other four folds' articles, each ``weight`` times in stage 1, and scored
on the held-out fold's articles:

- ``tagger``: gold tokens (the pipeline's own tokens of the article), entity
  level, exact span and label, one document per article;
- ``pipeline``: end to end as ``khabar eval ner --realnews`` scores a set
  (normalise, segment, extract with span rules and analyst filters), code points;
- ``no_rules``: the same with ``extract.ner.span_rules = false`` (the rules
  were written against the ANERcorp-only model: do they still pay?).

The baseline is the same recipe trained without news articles, the
ANERcorp-only model (training is deterministic: it is the model packaged before
issue 12's news articles), scored on the same folds (paired Δ per fold). Not
the packaged model: that one has learnt every fold's articles. With
``--baseline-first N`` the baseline learns the other folds' articles among the
set's first ``N`` only: does a later batch of articles add to the earlier ones?

    .venv/bin/python bench/ner_news_cv.py --weights 1,3 --jobs 2 --json /tmp/k/news-cv.json
    .venv/bin/python bench/ner_news_cv.py --weights 1 --baseline-first 150 --jobs 2 --json /tmp/k/news300.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import _paths

from khabar.config import load_config
from khabar.evaluate.ner import evaluate_realnews, read_realnews
from khabar.evaluate.scorer import LABEL_ORDER
from khabar.training.ner import evaluate_words
from khabar.training.news import DEFAULT_SET, read_news_documents

K = 5
ROWS = ("overall",) + LABEL_ORDER


def fold_of(i: int) -> int:
    return (i + 1) % K


def pipeline_scores(model_path: Path, entries: list, span_rules: bool = True) -> dict:
    config = load_config(None)
    config["extract"]["ner"]["model"] = str(model_path)
    config["extract"]["ner"]["span_rules"] = span_rules
    return evaluate_realnews(entries, config)["exact"]


def run(job: tuple) -> dict:
    fold, weight, train_news, test_docs, test_entries = job  # weight 0: the baseline
    from khabar.training.augment import default_name_lists, read_training_names
    from khabar.training.corpus import default_data, read_conll, split
    from khabar.training.ner import train
    from khabar.training.recipe import FEATURE_SET, PARAMS, STAGE2_FOLDS, STAGES, WRITTEN

    started = time.perf_counter()
    anercorp, _ = split(read_conll(default_data()))
    with tempfile.TemporaryDirectory(prefix="khabar-newscv-") as tmp:
        out = Path(tmp) / "crf.crfsuite"
        train(anercorp, out, FEATURE_SET, PARAMS, STAGES, read_training_names(default_name_lists()), STAGE2_FOLDS,
              written=WRITTEN, news=train_news or None, news_weight=max(weight, 1))
        result = {"fold": fold, "weight": weight, "tagger": evaluate_words(out, [], docs=test_docs),
                  "pipeline": pipeline_scores(out, test_entries), "no_rules": pipeline_scores(out, test_entries, span_rules=False)}
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def summary(results: list, weight: int, view: str) -> dict:
    rows = {}
    for row in ROWS:
        values = [r[view][row]["f1"] for r in sorted(results, key=lambda r: r["fold"]) if r["weight"] == weight and row in r[view]]
        rows[row] = values
    return rows


def print_table(results: list, weights: list[int]) -> None:
    for view in ("tagger", "pipeline", "no_rules"):
        base = summary(results, 0, view)
        print(f"\n{view}: F1 per fold (1..{K}), mean ± sd, paired Δ vs the baseline (w=0)")
        for weight in [0] + weights:
            rows = summary(results, weight, view)
            for row in ROWS:
                v = rows[row]
                line = f"  w={weight} {row:<8} " + " ".join(f"{x:6.2f}" for x in v) + f"   {statistics.fmean(v):6.2f} ± {statistics.stdev(v):5.2f}"
                if weight:
                    d = [a - b for a, b in zip(v, base[row])]
                    line += f"   Δ {statistics.fmean(d):+6.2f} ± {statistics.stdev(d):5.2f} (better on {sum(x > 0 for x in d)}/{len(d)})"
                print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--weights", default="1,3", help="stage-1 copies of each news article, comma-separated")
    parser.add_argument("--baseline-first", type=int, default=0, metavar="N",
                        help="the baseline learns the other folds' articles among the set's first N (default 0: none)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    weights = [int(w) for w in args.weights.split(",")]
    entries = read_realnews(args.set, _paths.SHARED_DATA)
    docs = read_news_documents(args.set, _paths.SHARED_DATA, load_config(None))
    jobs = []
    for fold in range(K):
        test = [i for i in range(len(entries)) if fold_of(i) == fold]
        train_news = [docs[i] for i in range(len(entries)) if fold_of(i) != fold]
        baseline_news = [docs[i] for i in range(args.baseline_first) if fold_of(i) != fold]
        for weight in [0] + weights:
            jobs.append((fold + 1, weight, train_news if weight else baseline_news, [docs[i] for i in test], [entries[i] for i in test]))
    started = time.perf_counter()
    results = []
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for r in pool.map(run, jobs):
            results.append(r)
            print(f"fold {r['fold']} w={r['weight']}: tagger {r['tagger']['overall']['f1']:.2f} (ORG {r['tagger'].get('ORG', {}).get('f1', 0):.2f}), "
                  f"pipeline {r['pipeline']['overall']['f1']:.2f} (ORG {r['pipeline'].get('ORG', {}).get('f1', 0):.2f}) {r['seconds']:.0f} s", flush=True)
    print_table(results, weights)
    print(f"\n{time.perf_counter() - started:.0f} s in all")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

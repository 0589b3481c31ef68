"""Score variants A and B of issue 12 (and their combinations) on CV folds of the CRF recipe.

    .venv/bin/python bench/ner_keep_self_folds.py --folds 1,2,3,4,5 [--no-name-swap] --json out.json

Each fold is trained exactly as ``khabar train ner --cv 5`` trains it (the
packaged recipe, or without the organisation swap: variant C), then scored
four ways with the same fold models:

- ``base``: the recipe as trained (``khabar.training.ner.evaluate_words``);
- ``keep``: A, stage 2's tags with stage 1's ORG spans put back where stage 2
  has no ORG span over them (``khabar.training.variants.keep_spans``);
- ``self``: B, stage 1 refitted on the training folds plus the first
  ``--limit`` sentences of a fixed pool of unlabelled SaudiNewsNet July 2015
  sentences that the fold's own stage 1 tags with an entity and every token's
  marginal >= ``--threshold`` (``khabar.training.variants``); stage 2 is the
  fold's own (it learns from the held-out halves' tags, without the pool);
- ``self+keep``: both.

The pool (``--pool``, a .json.gz under /tmp: it holds article text and never
goes into the repository) is built once: ``--articles`` articles drawn
(seed 1) from the July 2015 days, the real-news dev set's articles left out,
segmented as ``khabar run`` does, sentences of 5-40 tokens, shuffled (seed 1).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _paths import REPO, SAUDINEWSNET
from khabar.evaluate.scorer import score
from khabar.ner.crf import CrfModel
from khabar.ner.tags import khabar_tag, spans_from_bio
from khabar.training.augment import default_name_lists, read_training_names
from khabar.training.corpus import DOC_SENTENCES, default_data, documents, folds, read_conll
from khabar.training.cv import summarise
from khabar.training.ner import fit_stage1, model_resources, train
from khabar.training.recipe import FEATURE_SET, PARAMS, STAGE2_FOLDS, STAGES, WRITTEN
from khabar.training.variants import confident, keep_spans

LABELS = ("overall", "PER", "LOC", "ORG", "MISC")
JULY = ("2015-07-21", "2015-07-22", "2015-07-23", "2015-07-24", "2015-07-25", "2015-07-26", "2015-07-27", "2015-07-31")


def build_pool(path: Path, articles: int, dev_set: Path) -> list[list[str]]:
    from khabar import schemas, stages
    from khabar.config import load_config
    import datetime as dt

    dev = {(json.loads(line)["file"], json.loads(line)["line"]) for line in dev_set.read_text(encoding="utf-8").splitlines() if line.strip()}
    refs = []
    for day in JULY:
        name = f"saudinewsnet/{day}.jsonl.gz"
        with gzip.open(SAUDINEWSNET / f"{day}.jsonl.gz", "rt", encoding="utf-8") as f:
            refs += [(name, i + 1, line) for i, line in enumerate(f) if (name, i + 1) not in dev]
    chosen = random.Random(1).sample(refs, articles)
    now = dt.datetime.now(dt.timezone.utc)
    rows = [{"doc_id": f"{n}:{i}", "text": json.loads(line)["content"], "raw_path": n, "raw_record": i, "ingested_at": now}
            for n, i, line in chosen]
    config = load_config()
    docs = schemas.table_from_rows("documents", rows)
    _, tokens = stages.segment(docs, stages.normalise(docs, config), config)
    sents: dict = {}
    for doc, sent, form in zip(*(tokens.column(c).to_pylist() for c in ("doc_id", "sent_idx", "form"))):
        sents.setdefault((doc, sent), []).append(form)
    pool = [words for words in sents.values() if 5 <= len(words) <= 40]
    random.Random(1).shuffle(pool)
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump(pool, f, ensure_ascii=False)
    return pool


def tagged_docs(model: CrfModel, stage1: CrfModel, test_sents, keep: bool):
    for doc in documents(test_sents, DOC_SENTENCES):
        words = [w for w, _ in doc]
        two = [t for t, _ in model.tag_document(words)]
        if keep:
            one = [t for t, _ in stage1.tag_document(words)]
            two = [keep_spans(a, b, "ORG") for a, b in zip(one, two)]
        yield doc, two


def stage1_alone(out: Path) -> Path:
    """The model at ``out`` without its stage 2 (the same stage-1 file; its tags are those stage 2 reads)."""
    meta = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    meta.pop("stage2", None)
    alone = out.with_name("stage1.crfsuite")
    shutil.copyfile(out, alone)
    alone.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    return alone


def scores(out: Path, test_sents, keep: bool) -> dict:
    model = CrfModel(out)
    stage1 = CrfModel(stage1_alone(out)) if keep else None
    gold, pred, k = [], [], 0
    for doc, tags in tagged_docs(model, stage1, test_sents, keep):
        for (_, gold_tags), predicted in zip(doc, tags):
            gold += [(k, s, e, lab) for s, e, lab in spans_from_bio([khabar_tag(t) for t in gold_tags])]
            pred += [(k, s, e, lab) for s, e, lab in spans_from_bio(predicted)]
            k += 1
    return score(gold, pred)


def run_fold(train_sents, test_sents, swap: dict, pool, threshold: float, limit: int) -> dict:
    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="khabar-ks-") as tmp:
        base = Path(tmp) / "base" / "crf.crfsuite"
        base.parent.mkdir()
        train(train_sents, base, FEATURE_SET, PARAMS, STAGES, swap, STAGE2_FOLDS, None, WRITTEN)
        out["base"], out["keep"] = scores(base, test_sents, False), scores(base, test_sents, True)
        featurizer = model_resources(base.parent, FEATURE_SET, WRITTEN)[2]
        pseudo = confident(base, featurizer, pool, threshold, limit)
        mine = Path(tmp) / "self"
        shutil.copytree(base.parent, mine)
        fit_stage1(featurizer, train_sents, mine / "crf.crfsuite", PARAMS, swap, pseudo)
        out["self"], out["self+keep"] = scores(mine / "crf.crfsuite", test_sents, False), scores(mine / "crf.crfsuite", test_sents, True)
        out["pseudo"] = {"sentences": len(pseudo), "entities": sum(len(spans_from_bio(t)) for _, t in pseudo)}
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", default="1")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--no-name-swap", action="store_true")
    parser.add_argument("--pool", default="/tmp/khabar-selftrain-pool.json.gz")
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--limit", type=int, default=1500)
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)
    pool_path = Path(args.pool)
    if pool_path.is_file():
        with gzip.open(pool_path, "rt", encoding="utf-8") as f:
            pool = json.load(f)
    else:
        pool = build_pool(pool_path, args.articles, REPO / "tests" / "realnews" / "ner-dev.jsonl")
    print(f"pool: {len(pool)} sentences", flush=True)
    sentences = read_conll(default_data())
    ranges = folds(sentences, args.k)
    swap = {} if args.no_name_swap else read_training_names(default_name_lists())
    results = []
    for fold in map(int, args.folds.split(",")):
        start, end = ranges[fold - 1]
        cpu, wall = time.process_time(), time.perf_counter()
        outcome = run_fold(sentences[:start] + sentences[end:], sentences[start:end], swap, pool, args.threshold, args.limit)
        outcome.update(fold=fold, test_sentences=[start, end], cpu_s=round(time.process_time() - cpu, 1), wall_s=round(time.perf_counter() - wall, 1))
        results.append(outcome)
        for v in ("base", "keep", "self", "self+keep"):
            print(fold, v, json.dumps({lab: outcome[v][lab]["f1"] for lab in LABELS if lab in outcome[v]}), flush=True)
        print(fold, outcome["pseudo"], f"{outcome['wall_s']} s wall, {outcome['cpu_s']} CPU-s", flush=True)
        if args.json:
            summary = {v: summarise([r[v] for r in results]) for v in ("base", "keep", "self", "self+keep")}
            Path(args.json).write_text(json.dumps({"args": vars(args), "folds": results, "summary": summary}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

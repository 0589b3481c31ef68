"""Screen how the CRF's stage 2 gets its training tags, on one CV fold (issue 12).

    .venv/bin/python bench/ner_stage2_folds.py --fold 1 --variants 2,3,5,2+5 --cache /tmp/k/nerstage2-cache --json out.json

Stage 2 learns from stage-1 tags of documents the tagging model did not see.
Each variant is a ``--stage2-folds`` value: "2" the packaged halves, "5" an
inner 5-fold, "2+5" both (every document twice). On the fold, one stage-1
model is trained with the packaged recipe on the other folds (the same for
every variant, as in ``khabar train ner --cv``), then each variant's stage 2,
and each is scored on the held-out fold with the CV's scorer. The first
variant's model is exactly what ``--cv`` trains on that fold; ``--cache``
uses the folder ``--cv --cache`` reads, so a CV run afterwards skips the
held-out fits made here.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from khabar.training.augment import default_name_lists, read_training_names
from khabar.training.corpus import default_data, documents, folds, read_conll
from khabar.training.ner import _cache_key, evaluate_words, fit_stage2, model_resources, train
from khabar.training.recipe import FEATURE_SET, PARAMS


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fold", type=int, default=1, help="which of the --k CV folds to hold out (1-based)")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--variants", default="2,3,5,2+5", help="comma-separated --stage2-folds values, '+' joining several K")
    parser.add_argument("--cache", default=None, help="folder of held-out stage-1 tags (as train ner --cache)")
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)
    sentences = read_conll(default_data())
    start, end = folds(sentences, args.k)[args.fold - 1]
    train_sents, test_sents = sentences[:start] + sentences[end:], sentences[start:end]
    swap = read_training_names(default_name_lists())
    cache = Path(args.cache) if args.cache else None
    variants = [tuple(int(k) for k in v.split("+")) for v in args.variants.split(",")]
    results = {}
    with tempfile.TemporaryDirectory(prefix="khabar-stage2-") as tmp:
        base = Path(tmp) / "base" / "crf.crfsuite"
        started = time.process_time()
        train(train_sents, base, FEATURE_SET, PARAMS, 2, swap, variants[0], cache)
        results[_name(variants[0])] = _scored(_name(variants[0]), base, test_sents, started)
        for variant in variants[1:]:
            folder = Path(tmp) / _name(variant)
            shutil.copytree(base.parent, folder)  # the same stage-1 model, name lists and clusters
            gazetteer, clusters, featurizer = model_resources(folder, FEATURE_SET)
            started = time.process_time()
            key = _cache_key(train_sents, FEATURE_SET, PARAMS, swap, gazetteer, clusters)
            fit_stage2(featurizer, documents(train_sents), folder / "crf.stage2.crfsuite", PARAMS, swap, variant, cache, key)
            results[_name(variant)] = _scored(_name(variant), folder / "crf.crfsuite", test_sents, started)
    if args.json:
        Path(args.json).write_text(json.dumps({"fold": args.fold, "k": args.k, "results": results}, indent=1) + "\n", encoding="utf-8")
    return 0


def _name(variant: tuple[int, ...]) -> str:
    return "+".join(map(str, variant))


def _scored(name: str, model: Path, test_sents: list, started: float) -> dict:
    scores = evaluate_words(model, test_sents)
    row = {label: scores[label]["f1"] for label in ("overall", "PER", "LOC", "ORG", "MISC") if label in scores}
    row["cpu_s"] = round(time.process_time() - started, 1)
    print(name, json.dumps(row), flush=True)
    return {"scores": scores, "cpu_s": row["cpu_s"]}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Score written-ى variants of the CRF recipe on some CV folds (issue 13).

    .venv/bin/python bench/ner_written_folds.py --folds 1 --variants ya1,ya12 --json out.json

Each variant is a ``khabar train ner --written`` value; each fold is trained
and scored exactly as ``khabar train ner --cv 5 --written V`` trains and
scores it (``khabar.training.cv.run_fold``, the packaged recipe otherwise:
stage 2, organisation swap, PARAMS), so a fold scored here is that fold of
the CV, and folds scored in separate runs can be put together.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import _paths  # noqa: F401  (puts the repository on sys.path)
from khabar.training.augment import default_name_lists, read_training_names
from khabar.training.corpus import default_data, folds, read_conll
from khabar.training.cv import run_fold, summarise
from khabar.training.recipe import FEATURE_SET, PARAMS, STAGES

LABELS = ("overall", "PER", "LOC", "ORG", "MISC")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", default="1", help="comma-separated folds (1-based) of the --k CV")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--variants", default="ya1,ya12", help="comma-separated --written values ('none' for the packaged recipe)")
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)
    sentences = read_conll(default_data())
    ranges = folds(sentences, args.k)
    swap = read_training_names(default_name_lists())
    results: dict[str, list] = {}
    for variant in args.variants.split(","):
        recipe = {"feature_set": FEATURE_SET, "params": PARAMS, "stages": STAGES, "swap": swap,
                  "written": "" if variant == "none" else variant}
        for fold in map(int, args.folds.split(",")):
            start, end = ranges[fold - 1]
            cpu = time.process_time()
            outcome = run_fold(sentences[:start] + sentences[end:], sentences[start:end], recipe)
            outcome.update(fold=fold, test_sentences=[start, end], cpu_s=round(time.process_time() - cpu, 1))
            results.setdefault(variant, []).append(outcome)
            row = {label: outcome["scores"][label]["f1"] for label in LABELS if label in outcome["scores"]}
            print(variant, fold, json.dumps(row), f"{outcome['seconds']} s wall, {outcome['cpu_s']} CPU-s", flush=True)
            if args.json:  # after every fold, so that a long run keeps what it has
                _write(Path(args.json), args, results)
    return 0


def _write(path: Path, args: argparse.Namespace, results: dict) -> None:
    out = {"k": args.k, "variants": {v: {"folds": r, "summary": summarise([f["scores"] for f in r])} for v, r in results.items()}}
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

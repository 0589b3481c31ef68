"""``khabar train ner``: rebuild the CRF named-entity model (:mod:`khabar.training.ner`)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from khabar.errors import UserError
from khabar.training.recipe import FEATURE_SET, PARAMS, STAGES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", default=None, help="ANERcorp-format 'word TAG' file (default: ../shared/data/anercorp/train.txt)")
    parser.add_argument("--out", default=None, help="model file to write (default: the packaged khabar/resources/ner/crf.crfsuite)")
    parser.add_argument("--feature-set", default=FEATURE_SET, choices=("full", "base"), help="feature set: full (default) or base")
    parser.add_argument("--max-iterations", type=int, default=PARAMS["max_iterations"])
    parser.add_argument("--c1", type=float, default=PARAMS["c1"])
    parser.add_argument("--c2", type=float, default=PARAMS["c2"])
    parser.add_argument("--rebuild-gazetteer", action="store_true", help="regenerate name_lists.tsv from the written lists and CLDR (needs babel) instead of copying the packaged one")
    parser.add_argument("--stages", type=int, choices=(1, 2), default=STAGES, help="2 (default): a second CRF that sees document-level label votes")
    parser.add_argument("--name-lists", default=None, help="folder of ANERGazet/ANETAC lists, read at training time only for name-swapped "
                        "copies of sentences with organisations (default: ../shared/data/gazetteers)")
    parser.add_argument("--no-name-swap", action="store_true", help="train without the name-swapped copies (no lists needed)")


def main(args: argparse.Namespace) -> int:
    from khabar.evaluate.scorer import format_table
    from khabar.ner.crf import DEFAULT_MODEL
    from khabar.training.corpus import default_data, read_conll, split
    from khabar.training.ner import evaluate_words, train

    data = Path(args.data) if args.data else default_data()
    if not data.is_file():
        raise UserError(f"training data not found: {data} (pass --data FILE in 'word TAG' format)")
    sentences = read_conll(data)
    if len(sentences) < 10:
        raise UserError(f"{data} holds {len(sentences)} sentences; need 'word TAG' lines with blank lines between sentences")
    train_sents, dev_sents = split(sentences)
    out = Path(args.out) if args.out else DEFAULT_MODEL
    params = dict(PARAMS, c1=args.c1, c2=args.c2, max_iterations=args.max_iterations)
    if args.rebuild_gazetteer:
        from khabar.training.name_lists import write_gazetteer

        write_gazetteer(out.parent / "name_lists.tsv")
    swap = None
    if not args.no_name_swap:
        from khabar.training.augment import default_name_lists, read_training_names

        lists = Path(args.name_lists) if args.name_lists else default_name_lists()
        swap = read_training_names(lists)
        if not any(swap.values()):
            raise UserError(f"no ANERGazet/ANETAC name lists in {lists} (pass --name-lists DIR, or --no-name-swap to train without them)")
    meta = train(train_sents, out, args.feature_set, params, args.stages, swap)
    dev = evaluate_words(out, dev_sents)
    meta["dev"] = dev
    meta["dev_sentences"] = len(dev_sents)
    meta["model_bytes"] = out.stat().st_size
    out.with_suffix(".json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"trained on {meta['train_sentences']} sentences ({meta['train_tokens']} tokens) in {meta['train_seconds']} s; "
          f"model {meta['model_bytes'] / 1e6:.1f} MB at {out}")
    print(f"dev ({len(dev_sents)} sentences, gold words):")
    print(format_table(dev))
    return 0

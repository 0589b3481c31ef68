"""``khabar eval ner --conll FILE`` or ``--realnews FILE``: entity scores of the whole pipeline (:mod:`khabar.evaluate.ner`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from khabar.config import load_config
from khabar.errors import UserError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    gold = parser.add_mutually_exclusive_group(required=True)
    gold.add_argument("--conll", help="gold file, one 'word TAG' per line, blank line between sentences (ANERcorp format)")
    gold.add_argument("--realnews", help="real-news dev set: article ids, text hashes and character offsets (tests/realnews/ner-dev.jsonl); "
                                         "the articles are read from --data")
    parser.add_argument("--data", default="../shared/data", help="folder the --realnews articles are read from (default ../shared/data)")
    parser.add_argument("--errors", action="store_true", help="with --realnews: list every miss and false positive (terminal only)")
    parser.add_argument("--config", default=None, help="configuration file (extract.ner section is used)")
    parser.add_argument("--dev-split", action="store_true", help="score only the last 10%% of sentences (the dev split `khabar train ner` holds out)")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N sentences, or with --realnews the first N articles (0 = all)")


def main(args: argparse.Namespace) -> int:
    if args.realnews:
        return _realnews(args)
    from khabar.evaluate.ner import evaluate
    from khabar.evaluate.scorer import format_table
    from khabar.training.corpus import DOC_SENTENCES, read_conll, split

    path = Path(args.conll)
    if not path.is_file():
        raise UserError(f"gold file not found: {path}")
    sentences = read_conll(path)
    if not sentences:
        raise UserError(f"{path} holds no 'word TAG' sentences")
    if args.dev_split:
        sentences = split(sentences)[1]
    if args.limit:
        sentences = sentences[: args.limit]
    config = load_config(args.config)
    result = evaluate(sentences, config, DOC_SENTENCES)
    n_words = sum(len(w) for w, _ in sentences)
    print(f"{path}: {len(sentences)} sentences, {n_words} words, fed as documents of {DOC_SENTENCES} sentences "
          f"through normalise -> segment -> extract (backend {config['extract']['ner']['backend']})")
    print(format_table(result))
    print(f"pipeline: {result['pipeline_tokens_per_s']} tokens/s")
    return 0


def _realnews(args: argparse.Namespace) -> int:
    from khabar.evaluate.ner import evaluate_realnews, read_realnews, realnews_errors
    from khabar.evaluate.scorer import format_table

    path = Path(args.realnews)
    if not path.is_file():
        raise UserError(f"dev-set file not found: {path}")
    if not Path(args.data).is_dir():
        raise UserError(f"data folder not found: {args.data} (the articles are read from there)")
    entries = read_realnews(path, args.data)
    if args.limit:
        entries = entries[: args.limit]
    config = load_config(args.config)
    result = evaluate_realnews(entries, config)
    words = sum(len(e["text"].split()) for e in entries)
    print(f"{path}: {len(entries)} articles, {words} words, {len(result['gold'])} gold mentions, texts checked against their sha256; "
          f"fed through normalise -> segment -> extract (backend {config['extract']['ner']['backend']})")
    print("exact match (span and label):")
    print(format_table(result["exact"]))
    print("lenient (a span overlapping one of the same label):")
    print(format_table(result["lenient"]))
    if args.errors:
        print("errors (doc, MISS/FP, kind, label, surface, context):")
        print("\n".join(realnews_errors(entries, result["gold"], result["pred"])))
    return 0

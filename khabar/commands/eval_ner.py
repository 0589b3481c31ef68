"""``khabar eval ner --conll FILE``: entity scores of the whole pipeline (:mod:`khabar.evaluate.ner`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from khabar.config import load_config
from khabar.errors import UserError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--conll", required=True, help="gold file, one 'word TAG' per line, blank line between sentences (ANERcorp format)")
    parser.add_argument("--config", default=None, help="configuration file (extract.ner section is used)")
    parser.add_argument("--dev-split", action="store_true", help="score only the last 10%% of sentences (the dev split `khabar train ner` holds out)")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N sentences (0 = all)")


def main(args: argparse.Namespace) -> int:
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

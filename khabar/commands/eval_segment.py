"""``khabar eval segment --conllu FILE``: sentence, token and clitic scores against a CoNLL-U file (:mod:`khabar.evaluate.segment`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from khabar.config import load_config
from khabar.errors import UserError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--conllu", required=True, help="gold CoNLL-U file with '# text' lines (e.g. UD Arabic-PUD)")
    parser.add_argument("--config", default=None, help="configuration file (normalise and segment sections are used)")
    parser.add_argument("--paragraph", type=int, default=5, help="sentences per paragraph for the sentence-boundary score (default 5)")
    parser.add_argument("--errors", type=int, default=0, help="print up to N clitic segmentation errors")


def main(args: argparse.Namespace) -> int:
    from khabar.evaluate.segment import evaluate, read_conllu

    path = Path(args.conllu)
    if not path.is_file():
        raise UserError(f"CoNLL-U file not found: {path}")
    config = load_config(args.config)
    sentences = read_conllu(path)
    if not sentences:
        raise UserError(f"no sentences with '# text' lines in {path}")
    result = evaluate(sentences, config["normalise"], config["segment"], args.paragraph, args.errors)
    n_tok = sum(len(s.tokens) for s in sentences)
    n_words = sum(len(s.words) for s in sentences)
    print(f"{path.name}: {len(sentences)} sentences, {n_tok} gold tokens, {n_words} gold UD words")
    print(f"{'':24} {'P':>6} {'R':>6} {'F1':>6}")
    for name, (p, r, f) in result.items():
        print(f"{name:24} {100 * p:6.2f} {100 * r:6.2f} {100 * f:6.2f}")
    return 0

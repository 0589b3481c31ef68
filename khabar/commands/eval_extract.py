"""``khabar eval extract``: quotes, speakers, dates and amounts against the gold set (:mod:`khabar.evaluate.extract`)."""

from __future__ import annotations

import json
from pathlib import Path

from khabar.errors import UserError

from khabar.evaluate.extract import DEFAULT_GOLD


def add_arguments(parser) -> None:
    parser.add_argument("--gold", type=Path, default=None, help=f"gold folder of *.json articles (default: {DEFAULT_GOLD})")
    parser.add_argument("--errors", action="store_true", help="also print every miss and every spurious prediction")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--with-entities", action="store_true",
                        help="run normalise, segment and NER on the gold texts and give their entities to the quote extractor")
    parser.add_argument("--realnews-quotes", type=Path, default=None,
                        help="instead: score quotes and speakers on the real-news quote dev set (tests/realnews/quotes-dev.jsonl)")
    parser.add_argument("--data", default="../shared/data", help="folder the --realnews-quotes articles are read from")


def main(args) -> int:
    if args.realnews_quotes:
        return _realnews_quotes(args)
    folder = args.gold or DEFAULT_GOLD
    if not folder.is_dir():
        raise UserError(f"gold folder not found: {folder} (pass --gold DIR)")
    from khabar.evaluate.extract import evaluate

    scores, errors = evaluate(folder, with_entities=args.with_entities)
    if args.json:
        print(json.dumps(scores, ensure_ascii=False, indent=1))
    else:
        cols = ["quote_precision", "quote_recall", "speaker_accuracy", "names_as_quotes",
                "date_accuracy", "date_precision", "date_kind_accuracy", "amount_accuracy", "amount_precision"]
        print(f"{'split':8} {'docs':>4} " + " ".join(f"{c:>17}" for c in cols))
        for split in ("dev", "heldout", "all"):
            if split in scores:
                s = scores[split]
                print(f"{split:8} {s['articles']:>4} " + " ".join(f"{s[c]:>17}" for c in cols))
    if args.errors:
        for e in errors:
            print(e)
    return 0


def _realnews_quotes(args) -> int:
    from khabar.config import load_config
    from khabar.evaluate.quotes_realnews import evaluate_quotes_realnews

    if not args.realnews_quotes.is_file():
        raise UserError(f"quote dev set not found: {args.realnews_quotes}")
    c, errors = evaluate_quotes_realnews(args.realnews_quotes, args.data, load_config(None))
    if args.json:
        print(json.dumps(c, ensure_ascii=False, indent=1))
    else:
        pct = lambda n: f"{100 * n / max(1, c['gold']):.1f}%"  # noqa: E731
        print(f"{c['articles']} articles, {c['gold']} gold quotes: found {c['found']} ({pct(c['found'])}), "
              f"exact span {c['exact']}, found with the right speaker {c['speaker_right']} ({pct(c['speaker_right'])}); "
              f"{c['predicted']} predicted, {c['spurious']} overlapping no gold quote")
    if args.errors:
        print("\n".join(errors))
    return 0

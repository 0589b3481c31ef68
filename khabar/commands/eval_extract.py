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


def main(args) -> int:
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

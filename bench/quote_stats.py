"""Speaker coverage of the quotes of a store: the two rates issue 13 sets goals for.

    python bench/quote_stats.py <store> [YYYY-MM-DD] [--sample N --seed S [--no-speaker]]

Prints, over the ``quotes`` dataset (one day's partition, or all):
- quotes without a speaker (goal: at most 10%);
- named speakers without ``speaker_entity_id`` (goal: at most 30%); a speaker
  is *named* when ``quotes.is_unnamed_speaker`` says it is not an unnamed
  source or a bare title (مصدر أمني، الوزير، البيان);
- the top 10 rows of ``speakers_daily`` when the store has them.

``--sample N --seed S`` also lists N random quotes (with ``--no-speaker``: N
random quotes without speaker) as doc_id, quote_idx, speaker and the first
words of the quote, for judging by hand against the article. Terminal only:
nothing of the text is written.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import _paths  # noqa: F401  (puts the checkout first on sys.path)
import pyarrow.parquet as pq

from khabar.extract.quotes import is_unnamed_speaker


def _read(store: Path, name: str, day: str | None):
    root = store / name
    if not root.is_dir():
        return None
    return pq.read_table(root / f"dt={day}" if day else root)


def rates(rows: list[dict]) -> dict:
    """Counts and percentages of quotes without speaker and named speakers without id."""
    n = len(rows)
    none = sum(1 for r in rows if not (r["speaker"] or "").strip())
    named = [r for r in rows if (r["speaker"] or "").strip() and not is_unnamed_speaker(r["speaker"])]
    no_id = sum(1 for r in named if not r["speaker_entity_id"])
    return {"quotes": n, "no_speaker": none, "no_speaker_pct": 100 * none / max(1, n),
            "named": len(named), "named_no_id": no_id, "named_no_id_pct": 100 * no_id / max(1, len(named))}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("store", type=Path)
    ap.add_argument("day", nargs="?")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-speaker", action="store_true")
    args = ap.parse_args()
    quotes = _read(args.store, "quotes", args.day)
    rows = quotes.select(["doc_id", "quote_idx", "text", "speaker", "speaker_entity_id"]).to_pylist()
    s = rates(rows)
    print(f"quotes {s['quotes']}; without speaker {s['no_speaker']} ({s['no_speaker_pct']:.1f}%); "
          f"named speakers {s['named']}, without speaker_entity_id {s['named_no_id']} ({s['named_no_id_pct']:.1f}%)")
    daily = _read(args.store, "speakers_daily", args.day)
    if daily is not None:
        print("top 10 speakers_daily:")
        for r in daily.select(["speaker_entity_id", "speaker", "quotes", "documents"]).to_pylist()[:10]:
            print(f"  {r['quotes']:4d} {r['documents']:4d}  {r['speaker']}  [{r['speaker_entity_id']}]")
    if args.sample:
        pool = [r for r in rows if not (r["speaker"] or "").strip()] if args.no_speaker else rows
        pool.sort(key=lambda r: (r["doc_id"], r["quote_idx"]))
        for r in random.Random(args.seed).sample(pool, min(args.sample, len(pool))):
            words = " ".join((r["text"] or "").split()[:12])
            print(f"{r['doc_id']}\t{r['quote_idx']}\t{r['speaker']}\t{r['speaker_entity_id']}\t{words}")


if __name__ == "__main__":
    main()

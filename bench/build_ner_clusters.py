"""Rebuild khabar/resources/ner/clusters.tsv.gz (word -> k-means ids of word2vec vectors) from SaudiNewsNet.

    .venv/bin/pip install -e '.[train]'   # gensim, scikit-learn
    .venv/bin/python bench/build_ner_clusters.py [--out PATH] [files ...]

Fixed seeds and one word2vec thread, so a rebuild gives the same table
(a few minutes of one core). See khabar/training/clusters.py for why.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from _paths import SAUDINEWSNET as DATA


def main() -> int:
    from khabar.ner.clusters import CLUSTERS
    from khabar.training.clusters import build

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, help="SaudiNewsNet .jsonl.gz files (default: all of ../shared/data/saudinewsnet)")
    ap.add_argument("--out", type=Path, default=CLUSTERS)
    ap.add_argument("--ks", default="64,256,1024", help="cluster counts, coarse to fine")
    ap.add_argument("--vocab", type=int, default=80_000, help="most frequent words kept in the table")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--workers", type=int, default=1, help="word2vec threads (1 = reproducible)")
    ap.add_argument("--window", type=int, default=5)
    ap.add_argument("--skipgram", action="store_true", help="skip-gram instead of CBOW")
    args = ap.parse_args()
    files = args.files or sorted(DATA.glob("*.jsonl.gz"))
    if not files:
        print(f"no SaudiNewsNet files under {DATA}", file=sys.stderr)
        return 1
    stats = build(files, args.out, ks=tuple(int(k) for k in args.ks.split(",")), vocab=args.vocab, epochs=args.epochs, workers=args.workers,
                  window=args.window, sg=int(args.skipgram))
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())

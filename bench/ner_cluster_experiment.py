"""Dev F1 of the NER model with and without word-cluster features (issue 4).

    .venv/bin/python bench/ner_cluster_experiment.py [--variants base,clusters] [--max-iterations 150]

Reuses khabar train ner's recipe unchanged (split, stages, identity-free
copies, parameters) and only appends cluster features to each word type's
feature lists, by swapping in a subclass of the NER owner's Featurizer.
Models go to a temporary folder; nothing packaged is touched.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import _paths  # noqa: F401  (puts the repository on sys.path)


def cluster_featurizer(clusters, variant: str = "clusters"):
    """The owner's Featurizer with a cluster variant in place of the packaged cluster features.

    ``base``: no cluster features at all (the 71.4 model);
    ``clusters-s1``: own ids of word and core, coarse ids of ±1 neighbours, stage 1 only;
    ``clusters-wide``: ``clusters-s1`` plus the finest id of ±1 and the coarsest of ±2 neighbours;
    ``clusters-bigram``: ``clusters-s1`` plus the k256 ids of (previous, this) word pairs;
    ``clusters``: ``clusters-s1`` plus the word's own ids in stage 2's compact list (packaged);
    ``clusters-s2n``: ``clusters`` plus the ±1 neighbours' coarse ids in stage 2 too;
    ``clusters-s2c``: ``clusters`` plus the core's ids in stage 2 too.
    """
    from khabar.ner.features import Featurizer, norm

    wide = variant == "clusters-wide"

    class ClusterFeaturizer(Featurizer):
        def __init__(self, gazetteer, feature_set="full", _packaged=None):
            super().__init__(gazetteer, feature_set, None)  # cluster features added below, per variant

        def _type(self, w):
            own, ctx = super()._type(w)
            if self.feature_set != "full" or variant == "base":
                return own, ctx
            c_own, c_ctx = clusters(w)
            word_ids = [f for f in c_own if f.startswith("k")]
            near = c_ctx + [f for f in word_ids if f.startswith(f"k{clusters.ks[-1]}=")] if wide else c_ctx
            far = c_ctx[:1] if wide else []
            ctx = tuple(c + [f"{o}:{f}" for f in (near if abs(o) == 1 else far)] for o, c in zip(self.offsets, ctx))
            # cluster ids go under "x" names unless stage 2 should see them (its compact list keeps "k" ids)
            stage2 = variant.startswith("clusters") and variant not in ("clusters-s1", "clusters-wide", "clusters-bigram")
            return own + (c_own if stage2 else ["x" + f for f in c_own]), ctx

        def _compact_entry(self, w, own):
            mine, prev, nxt = super()._compact_entry(w, own)
            if variant in ("clusters-s2n", "clusters-s2c"):
                c_own, c_ctx = clusters(w)
                extra = [f for f in c_own if f.startswith("ck")] if variant == "clusters-s2c" else []
                p = ["-1:" + f for f in c_ctx] if variant == "clusters-s2n" else []
                n = ["1:" + f for f in c_ctx] if variant == "clusters-s2n" else []
                if self.known_compact is not None:
                    extra, p, n = ([f for f in x if f in self.known_compact] for x in (extra, p, n))
                mine, prev, nxt = mine + extra, prev + p, nxt + n
            return mine, prev, nxt

        def sentence(self, words):
            out = super().sentence(words)
            if variant == "clusters-bigram":
                ids = [clusters.table.get(norm(w), ("-", "-", "-"))[1] for w in words]
                for i in range(1, len(out)):
                    out[i].append(f"kb={ids[i - 1]}|{ids[i]}")
            return out

    return ClusterFeaturizer


def run(variant: str, clusters_path: Path, params: dict) -> dict:
    """Train and score one variant with khabar train ner's recipe (the variant's featurizer swapped in)."""
    import khabar.ner.crf as ner_crf
    import khabar.ner.features as ner_features
    import khabar.training.ner as ner_train
    from khabar.training import corpus, recipe
    from khabar.training.augment import default_name_lists, read_training_names
    from khabar.ner.clusters import load_features

    original = ner_features.Featurizer
    cls = cluster_featurizer(load_features(clusters_path), variant)
    ner_features.Featurizer = ner_crf.Featurizer = ner_train.Featurizer = cls
    try:
        sentences = corpus.read_conll(corpus.default_data())
        train_sents, dev_sents = corpus.split(sentences)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "crf.crfsuite"
            started = time.perf_counter()
            swap = read_training_names(default_name_lists())  # as khabar train ner does by default
            meta = ner_train.train(train_sents, out, "full", params, recipe.STAGES, swap)
            dev = ner_train.evaluate_words(out, dev_sents)
            dev["wall_s"] = round(time.perf_counter() - started, 1)
            dev["model_bytes"] = out.stat().st_size
            dev["train_seconds"] = meta["train_seconds"]
        return dev
    finally:
        ner_features.Featurizer = ner_crf.Featurizer = ner_train.Featurizer = original


def main() -> int:
    from khabar.ner.clusters import CLUSTERS
    from khabar.evaluate.scorer import format_table
    from khabar.training.recipe import PARAMS

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variants", default="base,clusters")
    ap.add_argument("--clusters", type=Path, default=CLUSTERS)
    ap.add_argument("--max-iterations", type=int, default=PARAMS["max_iterations"])
    ap.add_argument("--c1", type=float, default=PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=PARAMS["c2"])
    args = ap.parse_args()
    params = dict(PARAMS, max_iterations=args.max_iterations, c1=args.c1, c2=args.c2)
    for variant in args.variants.split(","):
        dev = run(variant, args.clusters, params)
        print(f"== {variant} ({args.clusters.name if variant != 'base' else 'no clusters'}, {params}): "
              f"wall {dev['wall_s']} s, model {dev['model_bytes'] / 1e6:.1f} MB")
        print(format_table(dev))
        print(json.dumps({k: v["f1"] for k, v in dev.items() if isinstance(v, dict)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Dev F1 of the packaged NER recipe against its ablations (issue 4): what the name swap and the football topic each buy.

    .venv/bin/python bench/ner_variants.py [--variants packaged,no-topic,...] [--split dev|mixed]

Each variant trains khabar train ner's recipe with one change, into a
temporary folder, and scores it on gold words; nothing packaged is touched.
About 2–3 minutes of one core per variant. ``--split dev`` (default) is the
fixed dev split (the last 10% of sentences); ``--split mixed`` holds out
every 10th block of 20 sentences of the whole file instead, a check that a
gain is not peculiar to the last block's topics.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import _paths  # noqa: F401  (puts the repository on sys.path)

VARIANTS = {
    "packaged": "organisation names swapped in, football topic on stage-1 LOC/ORG tags",
    "no-topic": "no football topic in stage 2",
    "topic-on-all-tags": "the football topic on every stage-1 tag, PER and O included",
    "no-swap": "no name-swapped copies",
    "swap-all-labels": "person and place names swapped too",
    "previous": "neither the name swap nor the topic (the model before them)",
}


def mixed_split(sentences: list) -> tuple[list, list]:
    """Every 10th block of 20 consecutive sentences held out, the rest for training."""
    blocks = [sentences[i : i + 20] for i in range(0, len(sentences), 20)]
    train = [s for k, block in enumerate(blocks) if k % 10 != 9 for s in block]
    dev = [s for k, block in enumerate(blocks) if k % 10 == 9 for s in block]
    return train, dev


def run(variant: str, split: str = "dev") -> dict:
    import khabar.ner.crf as ner_crf
    import khabar.ner.features as ner_features
    import khabar.training.ner as ner_train
    from khabar.training import corpus, recipe
    from khabar.training.augment import default_name_lists, read_training_names

    saved = ner_features.TOPIC_LABELS, ner_features.document_topics, ner_crf.document_topics, ner_train.document_topics
    try:
        if variant in ("no-topic", "previous"):
            ner_features.document_topics = ner_crf.document_topics = ner_train.document_topics = lambda counts: ()
        elif variant == "topic-on-all-tags":
            ner_features.TOPIC_LABELS = ("PERS", "LOC", "ORG", "MISC", "")  # "" is O's label part
        labels = ("PERS", "LOC", "ORG") if variant == "swap-all-labels" else ("ORG",)
        swap = None if variant in ("no-swap", "previous") else read_training_names(default_name_lists(), labels)
        sentences = corpus.read_conll(corpus.default_data())
        train_sents, dev_sents = mixed_split(sentences) if split == "mixed" else corpus.split(sentences)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "crf.crfsuite"
            started = time.perf_counter()
            ner_train.train(train_sents, out, recipe.FEATURE_SET, dict(recipe.PARAMS), recipe.STAGES, swap)
            dev = ner_train.evaluate_words(out, dev_sents)
            dev["wall_s"] = round(time.perf_counter() - started, 1)
        return dev
    finally:
        ner_features.TOPIC_LABELS, ner_features.document_topics, ner_crf.document_topics, ner_train.document_topics = saved


def main() -> int:
    from khabar.evaluate.scorer import format_table

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--split", choices=("dev", "mixed"), default="dev")
    args = ap.parse_args()
    for variant in args.variants.split(","):
        if variant not in VARIANTS:
            print(f"unknown variant {variant!r}; choose from {', '.join(VARIANTS)}", file=sys.stderr)
            return 2
        dev = run(variant, args.split)
        print(f"== {variant}: {VARIANTS[variant]} ({args.split} split, wall {dev['wall_s']} s)")
        print(format_table(dev))
        print(json.dumps({"variant": variant, "split": args.split, **{k: v["f1"] for k, v in dev.items() if isinstance(v, dict)}}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

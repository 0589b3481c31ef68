"""Recipes measured and not adopted (issue 12, MODEL_CARD.md), kept for the CV script that measured them
(bench/ner_keep_self_folds.py), outside the runtime packages: variant A, stage 1's organisations kept
over stage 2 (:func:`keep_spans`), and variant B, self-training of stage 1 on unlabelled news (:func:`confident`).

Self-training: a
stage-1 model tags unlabelled sentences; those it tags with confidence (every
token's marginal at least ``threshold``, O tokens included) and that hold an
entity are added to its training data as if gold. In the CV the fold's own
stage 1 tags them, so no held-out sentence informs its training.
"""

from __future__ import annotations

from pathlib import Path

from khabar.ner.features import Featurizer
from khabar.ner.tags import spans_from_bio


def confident(model_path: Path, featurizer: Featurizer, pool: list[list[str]], threshold: float, limit: int) -> list[tuple[list[str], list[str]]]:
    """(words, tags) of the first ``limit`` sentences of ``pool`` that the crfsuite model at ``model_path``
    tags with an entity and with every token's marginal >= ``threshold``; tags in the model's label names."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    kept = []
    for words in pool:
        if len(kept) >= limit:
            break
        if not words:
            continue
        tagger.set(featurizer.sentence(words))
        tags = tagger.tag()
        if all(t == "O" for t in tags):
            continue
        if min(tagger.marginal(t, i) for i, t in enumerate(tags)) >= threshold:
            kept.append((list(words), tags))
    return kept


def keep_spans(first: list[str], second: list[str], label: str) -> list[str]:
    """``second`` with each ``label`` span of ``first`` put back where ``second`` has no ``label`` span
    overlapping it (dropped or relabelled); ``second``'s spans that overlap a span put back are dropped.

    Stage 2 overrules stage 1 on names it never saw in training (it drops «داعش»); this keeps
    stage 1's organisations where stage 2 has none there (variant A of issue 12, MODEL_CARD.md).
    A span of ``second`` with the label that only moves an edge is kept as it is.
    """
    theirs = spans_from_bio(second)
    back = [(s, e) for s, e, lab in spans_from_bio(first) if lab == label
            and not any(lab2 == label and s2 < e and s < e2 for s2, e2, lab2 in theirs)]
    if not back:
        return second
    out = list(second)
    for s2, e2, _ in theirs:
        if any(s2 < e and s < e2 for s, e in back):
            out[s2:e2] = ["O"] * (e2 - s2)
    for s, e in back:
        out[s:e] = [f"B-{label}"] + [f"I-{label}"] * (e - s - 1)
        if e < len(out) and out[e].startswith("I-"):
            out[e] = "B-" + out[e][2:]  # a span of ``second`` right after is not glued to the one put back
    return out

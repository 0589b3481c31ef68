"""Self-training of stage 1 on unlabelled news (issue 12, variant B; MODEL_CARD.md "Measured, not adopted").

A stage-1 model tags unlabelled sentences; those it tags with confidence (every
token's marginal at least ``threshold``, O tokens included) and that hold an
entity are added to its training data as if gold. In the CV the fold's own
stage 1 tags them, so no held-out sentence informs its training.
"""

from __future__ import annotations

from pathlib import Path

from khabar.ner.features import Featurizer


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

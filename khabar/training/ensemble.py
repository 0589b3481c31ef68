"""Training the ensemble NER backend (``khabar train ner --backend ensemble``): one document-level stage 2
over the tags of BOTH stage-1 taggers (the CRF's and the neural BiLSTM-CRF's).

The two stage-1 taggers make different errors (the network is better on
persons, the CRF on organisations in real news); a stage-2 CRF that sees both
tags and both document votes can learn which to believe where. Like the two
existing stage 2s it learns from stage-1 tags of documents the stage-1 models
did not see: the pseudo-articles are cut in two halves and each half is
tagged by stage-1 models fitted on the other half (:func:`stage1_outputs`).

The stage-1 outputs are plain data (tags and marginals per sentence), so
cross-validation caches them (:func:`cached_outputs`) and screens stage-2
variants at the cost of crfsuite fits only.
"""

from __future__ import annotations

import gzip
import json
import tempfile
import time
from pathlib import Path

from khabar.training.corpus import DOC_SENTENCES, documents

CRF_STAGE1 = "ensemble.crf.crfsuite"  # the CRF stage 1 of the ensemble (its own file: the CRF backend keeps crf.crfsuite)
STAGE2_FILE = "ensemble.stage2.crfsuite"
META_FILE = "ensemble.json"


def _halves(docs: list) -> list[tuple[list, list]]:
    """(fit, tag) document halves, in the order :func:`khabar.training.neural.heldout_tags` tags them."""
    half = len(docs) // 2
    return [(docs[:half], docs[half:]), (docs[half:], docs[:half])]


def _crf_stage1(train_sents: list, out: Path, recipe: dict):
    """A one-stage CRF with the CRF backend's recipe at ``out``; the loaded model."""
    from khabar.ner.crf import CrfModel
    from khabar.training.ner import train

    train(train_sents, out, recipe["feature_set"], recipe["params"], 1, recipe.get("swap"))
    return CrfModel(out)


def _neural_stage1(train_sents: list, out: Path, recipe: dict, source: Path | None = None):
    from khabar.ner.neural import NeuralModel
    from khabar.training import neural

    neural._copy_resources(out.parent, source)
    neural.train(train_sents, out, recipe["neural"])
    return NeuralModel(out, stage2=None)


def _plain(tagged: list) -> list:
    """Tags and marginals (rounded: they are only binned) as JSON-ready lists."""
    return [[[list(tags), [round(p, 4) for p in probs]] for tags, probs in doc] for doc in tagged]


def _tag(model, docs: list) -> list:
    return _plain(model.tag_documents([[w for w, _ in d] for d in docs]))


def stage1_outputs(train_sents: list, test_sents: list, recipe: dict, tmp: Path, keep: Path | None = None) -> dict:
    """Both taggers' stage-1 output: on the halves of ``train_sents`` (each by models fitted on the other
    half; ``halves``) and on ``test_sents`` by models fitted on all of ``train_sents`` (``test``).
    ``keep``: a folder where the full-data CRF stage 1 is kept (the shipped one is trained there); with no
    test sentences the full-data models are not trained (shipping reuses the neural model it has)."""
    started = time.perf_counter()
    docs = documents(train_sents)
    out: dict = {"halves": {"crf": [], "neural": []}, "test": {}}
    for k, (fit_docs, tag_docs) in enumerate(_halves(docs)):
        fit = [st for d in fit_docs for st in d]
        out["halves"]["crf"] += _tag(_crf_stage1(fit, tmp / f"crf{k}" / "crf.crfsuite", recipe), tag_docs)
        out["halves"]["neural"] += _tag(_neural_stage1(fit, tmp / f"neural{k}" / "neural.pt", recipe), tag_docs)
    test_docs = documents(test_sents, DOC_SENTENCES)
    if test_docs:
        out["test"]["crf"] = _tag(_crf_stage1(train_sents, tmp / "crf" / "crf.crfsuite", recipe), test_docs)
        out["test"]["neural"] = _tag(_neural_stage1(train_sents, tmp / "neural" / "neural.pt", recipe), test_docs)
    elif keep is not None:
        _crf_stage1(train_sents, keep / CRF_STAGE1, recipe)
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out


def cached_outputs(train_sents: list, test_sents: list, recipe: dict, cache: Path, keep: Path | None = None) -> dict:
    """:func:`stage1_outputs`, read from ``cache`` (a .json.gz) when it is there, else computed and written there."""
    if cache.is_file():
        with gzip.open(cache, "rt", encoding="utf-8") as f:
            return json.load(f)
    with tempfile.TemporaryDirectory(prefix="khabar-ensemble-") as tmp:
        out = stage1_outputs(train_sents, test_sents, recipe, Path(tmp), keep)
    cache.parent.mkdir(parents=True, exist_ok=True)
    part = cache.with_suffix(".part")
    with gzip.open(part, "wt", encoding="utf-8") as f:
        json.dump(out, f)
    part.replace(cache)
    return out

"""The ensemble NER backend (``extract.ner.backend = "ensemble"``): one document-level stage 2 over the
tags of both stage-1 taggers, the CRF's (:mod:`khabar.ner.crf`) and the BiLSTM-CRF's (:mod:`khabar.ner.neural`).

The two taggers make different errors (the network is better on persons, the
CRF on organisations in real news). Stage 2 gets the CRF backend's stage-2
features over the CRF's tags (:func:`khabar.ner.features.stage2_features`) and
the same tag and document-vote features over the network's tags, prefixed
``n``, plus the pair of the two tags at each token: it learns which tagger to
believe where.

Files (``khabar train ner --backend ensemble``): ``ensemble.json`` (names the
rest, variant, training record), ``ensemble.stage2.crfsuite``, the CRF stage 1
``ensemble.crf.crfsuite`` (+ its ``.json`` and ``names.tsv``), and the neural
backend's ``neural.pt`` with its vectors.
"""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path

from khabar.ner.features import document_counts, document_topics, marginal_bin, stage2_features
from khabar.ner.model_files import model_file

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "ner"
DEFAULT_MODEL = RESOURCES / "ensemble.json"
VARIANTS = ("both", "both+marginals", "both+vote-pair")  # screened on CV fold 1 (MODEL_CARD.md, "The ensemble backend")


def ensemble_features(featurizer, words: list[str], keys: list[str], crf: tuple, neural: tuple, doc: dict, variant: str) -> list[list[str]]:
    """Stage-2 features of one sentence: the CRF stage 2's over the CRF's (tags, marginals) ``crf``, the
    network's tag and vote features over ``neural`` (prefixed ``n``) and the pair of both tags.
    ``doc``: the document's votes and caches (:func:`document_state`)."""
    (ctags, cprobs), (ntags, nprobs) = crf, neural
    marginals = variant == "both+marginals"
    feats = stage2_features(featurizer.compact(words), keys, ctags, doc["crf"], doc["crf_cache"], doc["topics"], cprobs if marginals else None)
    extra = stage2_features([[] for _ in words], keys, ntags, doc["neural"], doc["neural_cache"], doc["topics"])
    for i, (f, e) in enumerate(zip(feats, extra)):
        f += ["n" + x for x in e]
        f.append("a=" + ctags[i] + "|" + ntags[i])
        if marginals and ntags[i] != "O":
            f.append("nq=" + marginal_bin(nprobs[i]) + "|" + ntags[i])
        if variant == "both+vote-pair":
            f.append("dd=" + _first(doc["crf_cache"].get((keys[i], ctags[i]))) + "|" + _first(doc["neural_cache"].get((keys[i], ntags[i]))))
    return feats


def _first(vote: list[str] | None) -> str:
    return vote[0] if vote else "-"


def document_state(keys: list[list[str]], crf_tags: list[list[str]], neural_tags: list[list[str]]) -> dict:
    """Both taggers' document votes (``document_counts``), the topic, and per-document vote caches."""
    crf = document_counts(keys, crf_tags)
    return {"crf": crf, "neural": document_counts(keys, neural_tags), "topics": document_topics(crf), "crf_cache": {}, "neural_cache": {}}


def ensemble_document(featurizer, tagger2, sentences: list[list[str]], crf: list, neural: list, variant: str) -> list:
    """Stage 2 over one document from both taggers' (tags, marginals) per sentence; sentences where neither
    tagger found an entity nor has a voted word keep their all-O tags (as :func:`khabar.ner.crf.stage2_document`)."""
    from khabar.ner.crf import run_tagger

    keys = [[featurizer.key(w) for w in words] for words in sentences]
    doc = document_state(keys, [t for t, _ in crf], [t for t, _ in neural])
    voted = {k for counts in (doc["crf"], doc["neural"]) for k, c in counts.items() if len(c) > 1 or "O" not in c}
    out = []
    for words, k, c, n in zip(sentences, keys, crf, neural):
        if any(t != "O" for t in c[0]) or any(t != "O" for t in n[0]) or any(x in voted for x in k):
            out.append(run_tagger(tagger2, ensemble_features(featurizer, words, k, c, n, doc, variant)))
        else:
            out.append(c)
    return out


class EnsembleModel:
    """Tags documents with both stage-1 taggers and the ensemble stage 2; same interface as ``CrfModel``."""

    def __init__(self, path: Path):
        from khabar.ner.clusters import load_features
        from khabar.ner.crf import CrfModel
        from khabar.ner.features import Featurizer
        from khabar.ner.name_lists import read_gazetteer
        from khabar.ner.neural import NeuralModel

        self.meta = json.loads(path.read_text(encoding="utf-8"))
        folder = path.parent
        self.crf = CrfModel(folder / self.meta["crf"])
        self.neural = NeuralModel(folder / self.meta["neural"], stage2=None)
        self.names, self.variant = self.crf.names, self.meta["variant"]
        self._path = str(folder / self.meta["stage2"])
        clusters = folder / "clusters.tsv.gz"
        self.featurizer = Featurizer(read_gazetteer(folder / "name_lists.tsv"), "full", load_features(clusters) if clusters.is_file() else None)
        self._local = threading.local()
        tagger = self._tagger()
        # stage 1 features are the CRF model's own; this featurizer only makes stage 2's, where it has weights
        self.featurizer.restrict(set(), {attr for attr, _ in tagger.info().state_features})

    def _tagger(self):
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            import pycrfsuite

            tagger = self._local.tagger = pycrfsuite.Tagger()
            tagger.open(self._path)
        return tagger

    def tag_documents(self, documents: list[list[list[str]]]) -> list[list[tuple[list[str], list[float]]]]:
        """The neural stage 1 batched over all sentences, the CRF's per sentence, then stage 2 per document."""
        neural = self.neural.tag_documents(documents)
        crf = self.crf.tag_documents(documents)
        tagger = self._tagger()
        return [ensemble_document(self.featurizer, tagger, doc, c, n, self.variant) for doc, c, n in zip(documents, crf, neural)]

    def tag_document(self, sentences: list[list[str]]) -> list[tuple[list[str], list[float]]]:
        return self.tag_documents([sentences])[0]

    def tag(self, words: list[str]) -> tuple[list[str], list[float]]:
        return self.tag_documents([[words]])[0][0]


@lru_cache(maxsize=4)
def load_ensemble(path: str = "") -> EnsembleModel:
    """The model at ``path`` (an ``ensemble.json``; "" = the packaged one), loaded once per process, torch on one thread."""
    from khabar.ner.neural import _torch

    model_path = model_file(path, DEFAULT_MODEL, "ensemble")
    _torch().set_num_threads(1)
    return EnsembleModel(model_path)

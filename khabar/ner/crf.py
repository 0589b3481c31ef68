"""The CRF tagger: loads the packaged (or a given) crfsuite model and tags documents.

A model is a few files side by side, all written by ``khabar train ner``:
``<name>.crfsuite`` (stage 1: per-sentence features), ``<name>.stage2.crfsuite``
(stage 2: stage-1 tags plus document-level votes), ``<name>.json`` (feature
set, parameters, dev scores), ``name_lists.tsv`` and ``names.tsv`` (how often a
word is part of a name in the training data; used to decide clitic splits).
"""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path

from khabar.ner.features import Featurizer, document_counts, document_topics, stage2_features
from khabar.ner.model_files import model_file
from khabar.ner.name_lists import read_gazetteer
from khabar.ner.tags import khabar_tag
from khabar.ner.viterbi import FastTagger

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "ner"
DEFAULT_MODEL = RESOURCES / "crf.crfsuite"


class CrfModel:
    def __init__(self, path: Path, fast: bool = True):
        """``fast``: tag with :class:`khabar.ner.viterbi.FastTagger` (numpy, the model's own weights, the
        same tags), else with crfsuite's tagger, sentence by sentence (the reference the tests compare with)."""
        meta_path = path.with_suffix(".json")
        self.meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        gazetteer_path = path.parent / self.meta.get("gazetteer", "name_lists.tsv")
        gazetteer = read_gazetteer(gazetteer_path) if gazetteer_path.exists() else {}
        clusters = None
        if self.meta.get("clusters"):
            from khabar.ner.clusters import load_features

            clusters = load_features(path.parent / self.meta["clusters"])
        self.featurizer = Featurizer(gazetteer, self.meta.get("feature_set", "full"), clusters, self.meta.get("written", ""))
        self.names = read_names(path.parent / self.meta.get("names", "names.tsv"), gazetteer)
        self._paths = (str(path), str(path.parent / self.meta["stage2"]) if self.meta.get("stage2") else None)
        # A crfsuite tagger holds the sequence between set() and tag(): one per thread,
        # so that a threaded runner sharing this cached model cannot interleave them.
        # The fast path never tags with crfsuite: its taggers open on first use (_taggers).
        self._local = threading.local()
        self.fast = FastTagger(self.featurizer, *self._paths) if fast else None
        if self.fast is not None:
            # The attributes with weights, from the weights FastTagger read: the same sets as
            # crfsuite's info() dump (tests/test_ner_viterbi.py), without parsing that text
            # (~0.5 s of CPU per worker process).
            w2 = self.fast.w2
            self.featurizer.restrict(set(self.fast.w1.attrs), set(w2.attrs) if w2 is not None else None)
        else:
            tagger, tagger2 = self._taggers()
            self.featurizer.restrict(_attributes(tagger), _attributes(tagger2) if tagger2 else None)
        labels = self.fast.w1.labels + (self.fast.w2.labels if self.fast.w2 else []) if fast else []
        self._khabar_tags = {t: khabar_tag(t) for t in labels}

    def _taggers(self):
        taggers = getattr(self._local, "taggers", None)
        if taggers is None:
            import pycrfsuite

            opened = []
            for p in self._paths:
                t = None
                if p:
                    t = pycrfsuite.Tagger()
                    t.open(p)
                opened.append(t)
            taggers = self._local.taggers = tuple(opened)
        return taggers

    @property
    def tagger(self):
        return self._taggers()[0]

    @property
    def tagger2(self):
        return self._taggers()[1]

    def tag_documents(self, documents: list[list[list[str]]]) -> list[list[tuple[list[str], list[float]]]]:
        if self.fast is None:
            return [self.tag_document(sentences) for sentences in documents]
        as_khabar = self._khabar_tags.__getitem__  # per token a lookup, not a new string
        return [[(list(map(as_khabar, tags)), probs) for tags, probs in doc] for doc in self.fast.tag_documents(documents)]

    def tag(self, words: list[str]) -> tuple[list[str], list[float]]:
        """BIO tags (khabar labels) and marginals of one sentence tagged on its own."""
        return self.tag_document([words])[0]

    def tag_document(self, sentences: list[list[str]]) -> list[tuple[list[str], list[float]]]:
        """Tag the sentences of one document; stage 2 (if the model has one) sees the whole document."""
        if self.fast is not None:
            return self.tag_documents([sentences])[0]
        featurizer = self.featurizer
        tagger, tagger2 = self._taggers()
        feats = [featurizer.sentence(words) for words in sentences]
        results = [run_tagger(tagger, f) for f in feats]
        if tagger2 is not None:
            results = stage2_document(featurizer, tagger2, sentences, results)
        return [([khabar_tag(t) for t in tags], probs) for tags, probs in results]


def stage2_document(featurizer: Featurizer, tagger2, sentences: list[list[str]], results: list, marginals: bool = False) -> list:
    """Stage 2 over one document: ``results`` (stage 1's (tags, marginals) per sentence) retagged with
    the document's votes. Shared by the CRF and the neural backend (``marginals``: also the binned
    stage-1 marginal of each entity tag, a feature of the neural backend's stage 2)."""
    keys = [[featurizer.key(w) for w in words] for words in sentences]
    tags1 = [tags for tags, _ in results]
    counts = document_counts(keys, tags1)
    voted = {k for k, c in counts.items() if len(c) > 1 or "O" not in c}  # words with an entity vote
    cache: dict = {}
    topics = document_topics(counts)
    out = []
    for words, k, (tags, probs) in zip(sentences, keys, results):
        if _needs_stage2(k, tags, voted):
            feats = stage2_features(featurizer.compact(words), k, tags, counts, cache, topics, probs if marginals else None)
            out.append(run_tagger(tagger2, feats))
        else:
            out.append((tags, probs))
    return out


def _attributes(tagger) -> set[str]:
    """The attributes a loaded model has weights for."""
    return {attr for attr, _ in tagger.info().state_features}


def _needs_stage2(keys: list[str], tags: list[str], voted: set[str]) -> bool:
    """Stage 2 can only change a sentence that has a stage-1 entity or a word the document voted
    an entity elsewhere; other sentences keep their all-O stage-1 tags (saves about a third of stage 2)."""
    return any(t != "O" for t in tags) or any(k in voted for k in keys)


def run_tagger(tagger, feats: list[list[str]]) -> tuple[list[str], list[float]]:
    if not feats:
        return [], []
    tagger.set(feats)
    tags = tagger.tag()
    # the marginal of the chosen tag; O tags are not reported, so not computed
    return tags, [tagger.marginal(t, i) if t != "O" else 1.0 for i, t in enumerate(tags)]


def read_names(path: Path, gazetteer: dict[str, set[str]]) -> dict[str, int]:
    """Normalised word -> how often it is (part of) a name: training counts, plus one per gazetteer entry."""
    names: dict[str, int] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            word, _, count = line.partition("\t")
            if count:
                names[word] = int(count)
    for label in ("PER", "LOC", "ORG"):
        for word in gazetteer.get(label, ()):
            names[word] = names.get(word, 0) + 1
    return names


@lru_cache(maxsize=4)
def load_model(path: str = "") -> CrfModel:
    """The model at ``path`` ("" = the packaged one), loaded once per process."""
    return CrfModel(model_file(path, DEFAULT_MODEL, "crf"))

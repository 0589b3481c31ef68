"""Training the CRF named-entity model from ANERcorp-format data (``khabar train ner``).

Reproducible: the dev split is fixed (the last 10% of sentences, never
trained on), the feature set and crfsuite parameters are constants below,
and crfsuite's L-BFGS is deterministic. The dev scores go into the model's
JSON sidecar and the model card.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from pathlib import Path

from khabar.evaluate.scorer import score
from khabar.ner.clusters import load_features
from khabar.ner.crf import RESOURCES, CrfModel, run_tagger
from khabar.ner.features import Featurizer, document_counts, document_topics, norm, stage2_features
from khabar.ner.name_lists import read_gazetteer
from khabar.ner.tags import khabar_tag, spans_from_bio
from khabar.training.augment import swap_names
from khabar.training.corpus import DOC_SENTENCES, documents
from khabar.training.name_lists import write_gazetteer
from khabar.training.recipe import STAGES, WRITTEN



def name_counts(sentences) -> list[tuple[str, int]]:
    """How often each normalised word is tagged as (part of) a name; words seen twice or more."""
    counts = Counter(norm(w) for words, tags in sentences for w, t in zip(words, tags) if t != "O")
    return sorted((w, c) for w, c in counts.items() if c >= 2)


RARE = 2  # words seen at most this often get an identity-free copy of their sentence
IDENTITY = ("w=", "c=", "b-=", "b+=", "wy=")


def _examples(featurizer: Featurizer, sentences, swap: dict) -> list:
    """(features, tags) pairs, plus a copy of each sentence with a rare name in it where
    rare words lose their identity features, plus the name-swapped copies of ``ner_augment``.

    Most names in new text were never seen in training; the copies make the
    model learn the context and affix cues it must rely on for them, instead of
    memorising the identity of every training name.
    """
    counts = Counter(norm(w) for words, _ in sentences for w in words)
    examples = []
    for words, tags in sentences:
        feats = featurizer.sentence(words)
        examples.append((feats, tags))
        rare = [counts[norm(w)] <= RARE for w in words]
        if any(r and t != "O" for r, t in zip(rare, tags)):
            examples.append(([[f for f in fs if not f.startswith(IDENTITY)] if r else fs for fs, r in zip(feats, rare)], tags))
    if swap:
        examples += [(featurizer.sentence(words), tags) for words, tags in swap_names(sentences, swap)]
    return examples


def _fit(examples, out: Path, params: dict) -> float:
    """Train one crfsuite model on (features, tags) pairs; seconds taken."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, tags in examples:
        trainer.append(feats, tags)
    trainer.set_params(params)
    started = time.perf_counter()
    trainer.train(str(out))
    return time.perf_counter() - started


def _stage1_tags(featurizer: Featurizer, model_path: Path, docs: list) -> list[list[list[str]]]:
    """Stage-1 BIO tags (in the training data's tag names) of every sentence of every document."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    return [[run_tagger(tagger, featurizer.sentence(words))[0] for words, _ in doc] for doc in docs]


def _stage2_examples(featurizer: Featurizer, docs: list, tags1: list) -> list:
    examples = []
    for doc, doc_tags in zip(docs, tags1):
        keys = [[featurizer.key(w) for w in words] for words, _ in doc]
        counts = document_counts(keys, doc_tags)
        topics = document_topics(counts)
        for (words, gold), k, t in zip(doc, keys, doc_tags):
            examples.append((stage2_features(featurizer.compact(words), k, t, counts, topics=topics), gold))
    return examples


def train(train_sents, out: Path, feature_set: str, params: dict, stages: int = STAGES, swap: dict | None = None,
          written: str = WRITTEN) -> dict:
    """Write the model (and its stage-2 companion and JSON sidecar) at ``out``.

    ``swap``: label -> names (``ner_augment.read_training_names``) for the
    name-swapped training copies; None or empty trains without them.
    ``written``: where the written final ى is a feature (``features.WRITTEN``).
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    gazetteer_path = out.parent / "name_lists.tsv"
    if not gazetteer_path.exists():
        packaged = RESOURCES / "name_lists.tsv"
        if packaged.exists():
            gazetteer_path.write_bytes(packaged.read_bytes())
        else:
            write_gazetteer(gazetteer_path)
    # word clusters from unlabeled news (ner_clusters), shipped next to the model like the gazetteer
    clusters_path = out.parent / "clusters.tsv.gz"
    if not clusters_path.exists() and (RESOURCES / clusters_path.name).exists():
        clusters_path.write_bytes((RESOURCES / clusters_path.name).read_bytes())
    clusters = load_features(clusters_path) if feature_set == "full" and clusters_path.exists() else None
    featurizer = Featurizer(read_gazetteer(gazetteer_path), feature_set, clusters, written)  # one memo for every fit below
    swap = swap or {}
    seconds = _fit(_examples(featurizer, train_sents, swap), out, params)
    names_path = out.parent / "names.tsv"
    names_path.write_text("".join(f"{w}\t{c}\n" for w, c in name_counts(train_sents)), encoding="utf-8")
    meta = {
        "feature_set": feature_set,
        "names": names_path.name,
        "params": params,
        "gazetteer": gazetteer_path.name,
        "clusters": clusters_path.name if clusters else None,
        "swapped_names": {label: len(names) for label, names in swap.items()},
        "doc_sentences": DOC_SENTENCES,
        "train_sentences": len(train_sents),
        "train_tokens": sum(len(w) for w, _ in train_sents),
    }
    if written:
        meta["written"] = written
    if stages == 2 and len(documents(train_sents)) < 2:
        stages = 1  # too little data to hold half of it out for stage 2
    if stages == 2:
        # Stage 2 learns from stage-1 output it has not been trained on: each
        # half of the documents is tagged by a stage-1 model fitted on the other half.
        docs = documents(train_sents)
        half = len(docs) // 2
        folds = [(docs[:half], docs[half:]), (docs[half:], docs[:half])]
        tags1 = []
        with tempfile.TemporaryDirectory() as tmp:
            for k, (fit_docs, tag_docs) in enumerate(folds):
                fold_model = Path(tmp) / f"fold{k}.crfsuite"
                seconds += _fit(_examples(featurizer, [st for d in fit_docs for st in d], swap), fold_model, params)
                tags1.append(_stage1_tags(featurizer, fold_model, tag_docs))
        stage2_docs = docs[half:] + docs[:half]
        stage2 = out.with_name(out.stem + ".stage2.crfsuite")
        seconds += _fit(_stage2_examples(featurizer, stage2_docs, tags1[0] + tags1[1]), stage2, params)
        meta["stage2"] = stage2.name
    meta["train_seconds"] = round(seconds, 1)
    out.with_suffix(".json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    return meta


def evaluate_words(model_path: Path, dev_sents, model=None) -> dict:
    """Entity-level scores of the model on gold word sequences (no segmentation in the loop).

    ``model``: an already loaded backend with ``tag_document`` (the neural one) instead of the CRF at ``model_path``.
    """
    model = model or CrfModel(model_path)
    gold, pred = [], []
    started = time.perf_counter()
    k = 0
    for doc in documents(dev_sents, model.meta.get("doc_sentences", DOC_SENTENCES)):
        for (words, tags), (predicted, _) in zip(doc, model.tag_document([w for w, _ in doc])):
            gold += [(k, s, e, label) for s, e, label in spans_from_bio([khabar_tag(t) for t in tags])]
            pred += [(k, s, e, label) for s, e, label in spans_from_bio(predicted)]
            k += 1
    elapsed = time.perf_counter() - started
    result = score(gold, pred)
    result["tokens_per_s"] = round(sum(len(w) for w, _ in dev_sents) / elapsed)
    return result



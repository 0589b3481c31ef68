"""Training the CRF named-entity model from ANERcorp-format data (``khabar train ner``).

Reproducible: the dev split is fixed (the last 10% of sentences, never
trained on), the feature set and crfsuite parameters are constants below,
and crfsuite's L-BFGS is deterministic. The dev scores go into the model's
JSON sidecar and the model card.
"""

from __future__ import annotations

import gzip
import hashlib
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
from khabar.training.corpus import DOC_SENTENCES, documents, interleave
from khabar.training.name_lists import write_gazetteer
from khabar.training.recipe import STAGE2_FOLDS, STAGES, WRITTEN



def name_counts(sentences) -> list[tuple[str, int]]:
    """How often each normalised word is tagged as (part of) a name; words seen twice or more."""
    counts = Counter(norm(w) for words, tags in sentences for w, t in zip(words, tags) if t != "O")
    return sorted((w, c) for w, c in counts.items() if c >= 2)


RARE = 2  # words seen at most this often get an identity-free copy of their sentence
IDENTITY = ("w=", "c=", "b-=", "b+=", "wy=")  # wy=: the word as written (features.written_form) names it too


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


def inner_folds(docs: list, k: int) -> list[tuple[list, list]]:
    """(fit, tag) documents of stage 2's inner k-fold: ``k`` contiguous runs of documents, each tagged by a
    stage-1 model fitted on the others (at most one run per document).

    Listed last run first, so that k = 2 is the halves recipe exactly as it
    was (the second half tagged first, by the model of the first half).
    """
    k = max(1, min(k, len(docs)))
    bounds = [i * len(docs) // k for i in range(k + 1)]
    return [(docs[:s] + docs[e:], docs[s:e]) for s, e in reversed(list(zip(bounds[:-1], bounds[1:])))]


def heldout_tags(featurizer: Featurizer, docs: list, swap: dict, params: dict, k: int, cache: Path | None = None) -> tuple[list, list, float]:
    """Stage-1 tags of every document by a stage-1 model that did not see it (:func:`inner_folds`): the
    documents in the order tagged, their tags, and the seconds the ``k`` fits took.

    Stage 2 learns from these tags and is then applied to those of a stage 1
    trained on all the data; the larger ``k``, the closer the two (a model on
    (k-1)/k of the data instead of half). ``cache``: a .json.gz keeping the
    tags and seconds (read when there).
    """
    runs = inner_folds(docs, k)
    order = [d for _, tag_docs in runs for d in tag_docs]
    if cache and cache.is_file():
        with gzip.open(cache, "rt", encoding="utf-8") as f:
            saved = json.load(f)
        return order, saved["tags"], saved["seconds"]
    tags, seconds = [], 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for j, (fit_docs, tag_docs) in enumerate(runs):
            fold_model = Path(tmp) / f"fold{j}.crfsuite"
            seconds += _fit(_examples(featurizer, [st for d in fit_docs for st in d], swap), fold_model, params)
            tags += _stage1_tags(featurizer, fold_model, tag_docs)
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        part = cache.with_suffix(".part")
        with gzip.open(part, "wt", encoding="utf-8") as f:
            json.dump({"tags": tags, "seconds": seconds}, f)
        part.replace(cache)
    return order, tags, seconds


def _cache_key(train_sents, feature_set: str, params: dict, swap: dict, *files) -> str:
    """What held-out stage-1 tags depend on (sentences, recipe, name lists, clusters), hashed: a cache file's name,
    so that a changed file or recipe never reads stale tags (a change of the feature code does: clear the folder)."""
    key = [feature_set, params, {label: sorted(names) for label, names in swap.items()},
           [w for w, _ in train_sents], [t for _, t in train_sents],
           [hashlib.sha256(f.read_bytes()).hexdigest() if f else None for f in files]]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False, sort_keys=True, default=sorted).encode("utf-8")).hexdigest()[:16]


def model_resources(folder: Path, feature_set: str, written: str = WRITTEN) -> tuple[Path, Path | None, Featurizer]:
    """The name lists and word clusters a model in ``folder`` is trained with (copied there from the package
    when absent), and the featurizer over them; ``clusters_path`` None when the feature set does not use them."""
    folder.mkdir(parents=True, exist_ok=True)
    gazetteer_path = folder / "name_lists.tsv"
    if not gazetteer_path.exists():
        packaged = RESOURCES / "name_lists.tsv"
        if packaged.exists():
            gazetteer_path.write_bytes(packaged.read_bytes())
        else:
            write_gazetteer(gazetteer_path)
    # word clusters from unlabeled news (ner_clusters), shipped next to the model like the gazetteer
    clusters_path = folder / "clusters.tsv.gz"
    if not clusters_path.exists() and (RESOURCES / clusters_path.name).exists():
        clusters_path.write_bytes((RESOURCES / clusters_path.name).read_bytes())
    clusters = load_features(clusters_path) if feature_set == "full" and clusters_path.exists() else None
    featurizer = Featurizer(read_gazetteer(gazetteer_path), feature_set, clusters, written)  # one memo for every fit of a training
    return gazetteer_path, clusters_path if clusters else None, featurizer


def fit_stage1(featurizer: Featurizer, train_sents, out: Path, params: dict, swap: dict, extra: list | None = None) -> float:
    """Stage 1 at ``out`` from ``train_sents`` (with their copies, :func:`_examples`) and ``extra`` sentences as they
    are (self-training, :mod:`khabar.training.variants`: no copies, and stage 2 never learns from them); seconds."""
    examples = _examples(featurizer, train_sents, swap) + [(featurizer.sentence(words), tags) for words, tags in extra or ()]
    return _fit(examples, out, params)


def fit_stage2(featurizer: Featurizer, train_docs: list, path: Path, params: dict, swap: dict, stage2_folds: tuple[int, ...],
               cache: Path | None, cache_key: str) -> float:
    """Stage 2 at ``path``, learnt from held-out stage-1 tags of ``train_docs`` (an inner k-fold per k of
    ``stage2_folds``, every document once per k); seconds of all the fits."""
    examples, seconds = [], 0.0
    for k in stage2_folds:
        docs, tags1, fold_seconds = heldout_tags(featurizer, train_docs, swap, params, k,
                                                 cache / f"crf-stage2-{cache_key}-k{k}.json.gz" if cache else None)
        seconds += fold_seconds
        examples += _stage2_examples(featurizer, docs, tags1)
    return seconds + _fit(examples, path, params)


def train(train_sents, out: Path, feature_set: str, params: dict, stages: int = STAGES, swap: dict | None = None,
          stage2_folds: tuple[int, ...] = STAGE2_FOLDS, cache: Path | None = None, written: str = WRITTEN,
          extra: list | None = None, news: list | None = None, news_weight: int = 1) -> dict:
    """Write the model (and its stage-2 companion and JSON sidecar) at ``out``.

    ``swap``: label -> names (``ner_augment.read_training_names``) for the
    name-swapped training copies; None or empty trains without them.
    ``stage2_folds``: stage 2 learns from the held-out stage-1 tags of an inner
    k-fold for each k listed (:func:`heldout_tags`; (2,): the halves).
    ``cache``: a folder keeping those held-out tags, so that a rerun on the
    same sentences and recipe (the CV's folds, a screen) skips their fits.
    ``written``: where the written final ى is a feature (``features.WRITTEN``).
    ``extra``: more (words, tags) sentences for stage 1 only (:func:`fit_stage1`).
    ``news``: real-news training articles (:mod:`khabar.training.news`), each a document of (words, tags)
    sentences: stage 1 learns from each ``news_weight`` times, stage 2 from each once, as a whole document
    spread among ANERcorp's pseudo-articles (:func:`khabar.training.corpus.interleave`).
    """
    gazetteer_path, clusters_path, featurizer = model_resources(out.parent, feature_set, written)
    swap = swap or {}
    news = news or []
    news_sents = [s for doc in news for s in doc]
    seconds = fit_stage1(featurizer, train_sents + news_sents * news_weight, out, params, swap, extra)
    names_path = out.parent / "names.tsv"
    names_path.write_text("".join(f"{w}\t{c}\n" for w, c in name_counts(train_sents + news_sents)), encoding="utf-8")
    meta = {
        "feature_set": feature_set,
        "names": names_path.name,
        "params": params,
        "gazetteer": gazetteer_path.name,
        "clusters": clusters_path.name if clusters_path else None,
        "swapped_names": {label: len(names) for label, names in swap.items()},
        "doc_sentences": DOC_SENTENCES,
        "train_sentences": len(train_sents),
        "train_tokens": sum(len(w) for w, _ in train_sents),
    }
    if news:
        meta.update(news_articles=len(news), news_sentences=len(news_sents), news_tokens=sum(len(w) for w, _ in news_sents),
                    news_weight=news_weight)
    if written:
        meta["written"] = written
    if stages == 2 and len(documents(train_sents)) < 2:
        stages = 1  # too little data to hold half of it out for stage 2
    if stages == 2:
        stage2 = out.with_name(out.stem + ".stage2.crfsuite")
        cache_key = _cache_key(train_sents + news_sents, f"{feature_set}+{written}" if written else feature_set, params, swap,
                               gazetteer_path, clusters_path)
        docs = interleave(documents(train_sents), news)
        seconds += fit_stage2(featurizer, docs, stage2, params, swap, stage2_folds, cache, cache_key)
        meta["stage2"] = stage2.name
        meta["stage2_folds"] = list(stage2_folds)
    meta["train_seconds"] = round(seconds, 1)
    out.with_suffix(".json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    return meta


def evaluate_words(model_path: Path, dev_sents, model=None, docs: list | None = None) -> dict:
    """Entity-level scores of the model on gold word sequences (no segmentation in the loop).

    ``model``: an already loaded backend with ``tag_document`` (the neural one) instead of the CRF at ``model_path``.
    ``docs``: the documents to tag, each a list of (words, tags) sentences (real articles), instead of
    ``dev_sents`` cut into the model's pseudo-articles.
    """
    model = model or CrfModel(model_path)
    docs = docs if docs is not None else documents(dev_sents, model.meta.get("doc_sentences", DOC_SENTENCES))
    gold, pred = [], []
    started = time.perf_counter()
    k = 0
    for doc in docs:
        for (words, tags), (predicted, _) in zip(doc, model.tag_document([w for w, _ in doc])):
            gold += [(k, s, e, label) for s, e, label in spans_from_bio([khabar_tag(t) for t in tags])]
            pred += [(k, s, e, label) for s, e, label in spans_from_bio(predicted)]
            k += 1
    elapsed = time.perf_counter() - started
    result = score(gold, pred)
    result["tokens_per_s"] = round(sum(len(w) for doc in docs for w, _ in doc) / elapsed)
    return result

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

    # the CRF stage 1 of the ensemble's measured recipe: without the written ى (issue 13 came after it)
    train(train_sents, out, recipe["feature_set"], recipe["params"], 1, recipe.get("swap"), written=recipe.get("written", ""))
    return CrfModel(out)


def _ship_crf(train_sents: list, folder: Path, recipe: dict) -> None:
    """The CRF stage 1 as ``ensemble.crf.*`` in ``folder``, trained aside so that the CRF backend's own
    ``names.tsv`` there is not overwritten (its names file becomes ``ensemble.crf.names.tsv``)."""
    stem = CRF_STAGE1.removesuffix(".crfsuite")
    with tempfile.TemporaryDirectory(prefix="khabar-ensemble-crf-") as tmp:
        _crf_stage1(train_sents, Path(tmp) / "crf.crfsuite", recipe)
        meta = json.loads((Path(tmp) / "crf.json").read_text(encoding="utf-8"))
        (folder / CRF_STAGE1).write_bytes((Path(tmp) / "crf.crfsuite").read_bytes())
        (folder / f"{stem}.names.tsv").write_bytes((Path(tmp) / meta["names"]).read_bytes())
    meta["names"] = f"{stem}.names.tsv"
    (folder / f"{stem}.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")


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


def stage1_outputs(train_sents: list, test_sents: list, recipe: dict, tmp: Path, source: Path | None = None) -> dict:
    """Both taggers' stage-1 output: on the halves of ``train_sents`` (each by models fitted on the other
    half; ``halves``) and on ``test_sents`` by models fitted on all of ``train_sents`` (``test``; none
    trained when there are no test sentences). ``recipe``: the CRF's feature_set, params, swap and the
    neural recipe under "neural"; ``source``: the folder with the word vectors (default: the package's)."""
    started = time.perf_counter()
    out: dict = {"halves": {"crf": [], "neural": []}, "test": {}}
    for k, (fit_docs, tag_docs) in enumerate(_halves(documents(train_sents))):
        fit = [st for d in fit_docs for st in d]
        out["halves"]["crf"] += _tag(_crf_stage1(fit, tmp / f"crf{k}" / "crf.crfsuite", recipe), tag_docs)
        out["halves"]["neural"] += _tag(_neural_stage1(fit, tmp / f"neural{k}" / "neural.pt", recipe, source), tag_docs)
    test_docs = documents(test_sents, DOC_SENTENCES)
    if test_docs:
        out["test"]["crf"] = _tag(_crf_stage1(train_sents, tmp / "crf" / "crf.crfsuite", recipe), test_docs)
        out["test"]["neural"] = _tag(_neural_stage1(train_sents, tmp / "neural" / "neural.pt", recipe, source), test_docs)
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out


def cached_outputs(train_sents: list, test_sents: list, recipe: dict, cache: Path, source: Path | None = None) -> dict:
    """:func:`stage1_outputs`, read from ``cache`` (a .json.gz) when it is there, else computed and written there."""
    if cache.is_file():
        with gzip.open(cache, "rt", encoding="utf-8") as f:
            return json.load(f)
    with tempfile.TemporaryDirectory(prefix="khabar-ensemble-") as tmp:
        out = stage1_outputs(train_sents, test_sents, recipe, Path(tmp), source)
    cache.parent.mkdir(parents=True, exist_ok=True)
    part = cache.with_suffix(".part")
    with gzip.open(part, "wt", encoding="utf-8") as f:
        json.dump(out, f)
    part.replace(cache)
    return out


def stage2_featurizer(folder: Path):
    """The unrestricted stage-2 featurizer over the name lists and clusters in ``folder`` (as the stage 2s are trained)."""
    from khabar.ner.clusters import load_features
    from khabar.ner.features import Featurizer
    from khabar.ner.name_lists import read_gazetteer

    clusters = folder / "clusters.tsv.gz"
    return Featurizer(read_gazetteer(folder / "name_lists.tsv"), "full", load_features(clusters) if clusters.is_file() else None)


def heldout_order(train_sents: list) -> list:
    """The documents of ``train_sents`` in the order their held-out halves are tagged."""
    fit_tag = _halves(documents(train_sents))
    return fit_tag[0][1] + fit_tag[1][1]


def stage2_examples(featurizer, docs: list, crf: list, neural: list, variant: str) -> list:
    """(features, gold khabar tags) per sentence of ``docs`` from both taggers' output on them."""
    from khabar.ner.ensemble import document_state, ensemble_features
    from khabar.ner.tags import khabar_tag

    examples = []
    for doc, c_doc, n_doc in zip(docs, crf, neural):
        keys = [[featurizer.key(w) for w in words] for words, _ in doc]
        state = document_state(keys, [t for t, _ in c_doc], [t for t, _ in n_doc])
        for (words, gold), k, c, n in zip(doc, keys, c_doc, n_doc):
            examples.append((ensemble_features(featurizer, words, k, c, n, state, variant), [khabar_tag(t) for t in gold]))
    return examples


def fit_stage2(path: Path, featurizer, train_sents: list, outputs: dict, variant: str, params: dict) -> float:
    """The ensemble stage 2 at ``path`` from the held-out halves' outputs (:func:`stage1_outputs`); seconds taken."""
    from khabar.training.ner import _fit

    halves = outputs["halves"]
    return _fit(stage2_examples(featurizer, heldout_order(train_sents), halves["crf"], halves["neural"], variant), path, params)


def score_outputs(path: Path, featurizer, test_sents: list, outputs: dict, variant: str) -> dict:
    """Entity scores on ``test_sents`` of the stage 2 at ``path`` over the cached stage-1 test outputs (the
    same spans and scorer as :func:`khabar.training.ner.evaluate_words`)."""
    import pycrfsuite

    from khabar.evaluate.scorer import score
    from khabar.ner.ensemble import ensemble_document
    from khabar.ner.tags import khabar_tag, spans_from_bio

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    gold, pred, k = [], [], 0
    for doc, c, n in zip(documents(test_sents, DOC_SENTENCES), outputs["test"]["crf"], outputs["test"]["neural"]):
        for (words, tags), (predicted, _) in zip(doc, ensemble_document(featurizer, tagger, [w for w, _ in doc], c, n, variant)):
            gold += [(k, s, e, label) for s, e, label in spans_from_bio([khabar_tag(t) for t in tags])]
            pred += [(k, s, e, label) for s, e, label in spans_from_bio(predicted)]
            k += 1
    return score(gold, pred)


def single_scores(path: Path, featurizer, train_sents: list, test_sents: list, outputs: dict, which: str, params: dict) -> dict:
    """Scores of ONE tagger's ("crf" or "neural") output retagged by the existing document-level stage 2
    (:func:`khabar.ner.crf.stage2_document`) fitted at ``path`` on the same cached halves: the baseline
    the ensemble is paired with, on the same stage-1 models."""
    import pycrfsuite

    from khabar.evaluate.scorer import score
    from khabar.ner.crf import stage2_document
    from khabar.ner.features import document_counts, document_topics, stage2_features
    from khabar.ner.tags import khabar_tag, spans_from_bio
    from khabar.training.ner import _fit

    examples = []
    for doc, tagged in zip(heldout_order(train_sents), outputs["halves"][which]):
        keys = [[featurizer.key(w) for w in words] for words, _ in doc]
        counts = document_counts(keys, [t for t, _ in tagged])
        for (words, gold), k, (tags, _) in zip(doc, keys, tagged):
            examples.append((stage2_features(featurizer.compact(words), k, tags, counts, topics=document_topics(counts)), [khabar_tag(t) for t in gold]))
    _fit(examples, path, params)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    gold, pred, k = [], [], 0
    for doc, tagged in zip(documents(test_sents, DOC_SENTENCES), outputs["test"][which]):
        for (words, tags), (predicted, _) in zip(doc, stage2_document(featurizer, tagger, [w for w, _ in doc], tagged)):
            gold += [(k, s, e, label) for s, e, label in spans_from_bio([khabar_tag(t) for t in tags])]
            pred += [(k, s, e, label) for s, e, label in spans_from_bio(predicted)]
            k += 1
    return score(gold, pred)


def digest(train_sents: list, test_sents: list, recipe: dict) -> str:
    """The name of a cache file: what the stage-1 models train on and tag, and the recipe they train with
    (so that a changed file, fold or recipe never reads a stale cache)."""
    import hashlib

    swap = {label: sorted(names) for label, names in (recipe.get("swap") or {}).items()}
    key = [recipe["feature_set"], recipe["params"], recipe["neural"], swap, [w for w, _ in train_sents], [t for _, t in train_sents],
           [w for w, _ in test_sents]]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False, sort_keys=True, default=sorted).encode("utf-8")).hexdigest()[:16]


def _trained_on(meta_path: Path, sentences: list) -> bool:
    """Whether the model recorded at ``meta_path`` was trained on as many sentences and tokens as ``sentences`` (a rerun reuses it)."""
    if not meta_path.is_file():
        return False
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return (meta.get("train_sentences"), meta.get("train_tokens")) == (len(sentences), sum(len(w) for w, _ in sentences))


def train(sentences: list, folder: Path, recipe: dict, cache: Path | None = None, log=print) -> dict:
    """The shipped ensemble in ``folder`` from all of ``sentences``: the CRF stage 1 and the neural model on
    all of them (each reused when ``folder`` already has one trained on the same sentences), the stage 2 from
    the held-out halves' outputs (``cache``: a folder keeping them); writes and returns ``ensemble.json``."""
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    if cache is not None:
        outputs = cached_outputs(sentences, [], recipe, cache / f"all-{digest(sentences, [], recipe)}.json.gz", folder)
    else:
        with tempfile.TemporaryDirectory(prefix="khabar-ensemble-") as tmp:
            outputs = stage1_outputs(sentences, [], recipe, Path(tmp), folder)
    log(f"stage-1 outputs of the halves: {time.perf_counter() - started:.0f} s")
    if not _trained_on(folder / CRF_STAGE1.replace(".crfsuite", ".json"), sentences):
        _ship_crf(sentences, folder, recipe)
    if not _trained_on(folder / "neural.json", sentences):
        _neural_stage1(sentences, folder / "neural.pt", recipe)
    log(f"stage-1 models: {time.perf_counter() - started:.0f} s")
    variant = recipe["ensemble"]["variant"]
    fit_stage2(folder / STAGE2_FILE, stage2_featurizer(folder), sentences, outputs, variant, recipe["params"])
    meta = {"backend": "ensemble", "variant": variant, "crf": CRF_STAGE1, "neural": "neural.pt", "stage2": STAGE2_FILE,
            "stage2_heldout": "halves", "params": recipe["params"], "neural_recipe": recipe["neural"], "doc_sentences": DOC_SENTENCES,
            "train_sentences": len(sentences), "train_tokens": sum(len(w) for w, _ in sentences),
            "stage1_outputs_seconds": outputs.get("seconds"), "train_seconds": round(time.perf_counter() - started, 1)}
    (folder / META_FILE).write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    return meta

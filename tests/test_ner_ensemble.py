"""The ensemble NER backend: one stage 2 over the CRF's and the neural tagger's tags, trained here on a tiny corpus."""

from __future__ import annotations

import argparse

import pytest

pytest.importorskip("torch")

from khabar.commands import train_ner
from khabar.ner import ensemble
from khabar.ner.features import Featurizer
from tests.test_ner import SENTENCES, _run, _write_conll
from tests.test_ner_neural import _tiny_vectors


def _train(folder, *extra: str) -> str:
    """``khabar train ner --backend ensemble`` on the tiny corpus 8 times over (two 20-sentence pseudo-articles,
    so that each half is tagged by models of the other), seeded vectors; the path of ``ensemble.json``."""
    data = folder / "gold.txt"
    _write_conll(data, repeat=8)
    out = folder / "model" / "ensemble.json"
    _tiny_vectors(out.parent, SENTENCES)
    parser = argparse.ArgumentParser()
    train_ner.add_arguments(parser)
    args = ["--backend", "ensemble", "--data", str(data), "--out", str(out), "--epochs", "30", "--no-name-swap", *extra]
    assert train_ner.main(parser.parse_args(args)) == 0
    return str(out)


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> str:
    return _train(tmp_path_factory.mktemp("ensemble"))


def _mentions(text: str, model: str) -> list[tuple[str, str]]:
    return [(r["text"], r["label"]) for r in _run([text], {"backend": "ensemble", "model": model}).to_pylist()]


def test_the_learnt_sentences_come_back_with_exact_spans_and_labels(trained):
    assert _mentions("وصل الرئيس عمر البشير إلى الخرطوم أمس .", trained) == [("عمر البشير", "PER"), ("الخرطوم", "LOC")]
    assert _mentions("قالت وكالة الأنباء السودانية إن الوفد غادر .", trained) == [("وكالة الأنباء السودانية", "ORG")]
    assert _mentions("وشارك في مهرجان كان فيلم مصري .", trained) == [("مهرجان كان", "MISC")]
    tags, _ = ensemble.load_ensemble(trained).tag("التقى وزير الخارجية سامح شكري نظيره في القاهرة .".split())
    assert tags == ["O", "O", "O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"]


def test_the_model_files_and_record(trained):
    model = ensemble.load_ensemble(trained)
    assert model is ensemble.load_ensemble(trained)  # loaded once per process
    assert model.meta["variant"] in ensemble.VARIANTS and model.meta["train_sentences"] == 40
    assert model.meta["stage2_heldout"] == "halves" and model.names  # the clitic-split counts the span rules need


def test_empty_input_and_odd_tokens_do_not_crash(trained):
    model = ensemble.load_ensemble(trained)
    assert model.tag_documents([]) == []
    assert model.tag_documents([[[]]]) == [[([], [])]]
    assert len(model.tag(["\u200f", "", "%%%", "🙂"])[0]) == 4


def test_stage2_sees_both_taggers_tags_their_votes_and_the_pair():
    featurizer = Featurizer({}, "full")
    words = "زار وفد البنك الأهلي جدة".split()
    keys = [featurizer.key(w) for w in words]
    crf = (["O", "O", "B-ORG", "I-ORG", "B-LOC"], [1.0, 1.0, 0.9, 0.9, 0.97])
    neural = (["O", "O", "B-PER", "I-PER", "B-LOC"], [1.0, 1.0, 0.6, 0.6, 0.99])
    doc = ensemble.document_state([keys, keys], [crf[0], crf[0]], [neural[0], ["O"] * 5])
    feats = ensemble.ensemble_features(featurizer, words, keys, crf, neural, doc, "both")
    assert {"t=B-ORG", "nt=B-PER", "a=B-ORG|B-PER", "nt-=O", "nt+=I-PER", "d=ORG", "nd=O"} <= set(feats[2])
    assert "a=B-LOC|B-LOC" in feats[4] and not any(f.startswith(("q=", "nq=", "dd=")) for f in feats[2])
    marg = ensemble.ensemble_features(featurizer, words, keys, crf, neural, doc, "both+marginals")
    assert {"q=mid", "nq=lo|B-PER"} <= set(marg[2])
    pair = ensemble.ensemble_features(featurizer, words, keys, crf, neural, doc, "both+vote-pair")
    assert "dd=d=ORG|d=O" in pair[2]


def test_a_missing_model_says_how_to_build_it(tmp_path):
    from khabar.errors import DataNotFound

    with pytest.raises(DataNotFound, match="--backend ensemble"):
        ensemble.load_ensemble(str(tmp_path / "ensemble.json"))


def test_cross_validation_reuses_cached_stage1_outputs(tmp_path):
    from khabar.training.corpus import read_conll
    from khabar.training.cv import cross_validate
    from khabar.training.recipe import FEATURE_SET, NEURAL, PARAMS

    data = tmp_path / "gold.txt"
    _write_conll(data, repeat=16)  # four pseudo-articles: two folds of two
    _tiny_vectors(tmp_path / "vectors", SENTENCES)
    recipe = {"backend": "ensemble", "feature_set": FEATURE_SET, "params": dict(PARAMS, max_iterations=30), "swap": None,
              "neural": dict(NEURAL, epochs=3), "ensemble": {"variant": "both"}, "cache": str(tmp_path / "cache"), "source": str(tmp_path / "vectors")}
    sentences = read_conll(data)
    sentences[-5] = ("وصل الرئيس عمر البشير إلى جدة أمس .".split(), sentences[-5][1])  # the two folds differ
    first = cross_validate(sentences, 2, recipe)
    assert len(list((tmp_path / "cache").glob("*.json.gz"))) == 2  # one per fold: what its models saw and tagged
    again = cross_validate(sentences, 2, recipe)  # stage 2 only: the same scores
    assert [f["scores"] for f in again["folds"]] == [f["scores"] for f in first["folds"]]
    assert set(first["variants"]) == {"crf-stage2", "neural-stage2"}

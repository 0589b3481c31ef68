"""The neural NER backend: a model trained here, its CRF layer, batching, and the trainer end to end."""

from __future__ import annotations

import argparse
import itertools
import json

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from khabar.commands import train_ner
from khabar.ner import neural
from khabar.ner.features import norm
from khabar.ner.tags import khabar_tag
from tests.test_ner import SENTENCES, _run, _write_conll

NEURAL = {"backend": "neural", "model": ""}


def _mentions(text: str, **cfg) -> list[tuple[str, str]]:
    return [(r["text"], r["label"]) for r in _run([text], {**NEURAL, **cfg}).to_pylist()]


# --- a model trained here ------------------------------------------------------------
# The neural model is not shipped: its word vectors are derived from SaudiNewsNet,
# which may not be redistributed, so `khabar train ner --backend neural` builds
# both from ../shared/data. These tests train one on the corpus of tests/test_ner.py
# (random seeded vectors), long enough to learn it by heart.


def _train_tiny(folder, repeat: int, lists: tuple[str, ...] = ()) -> str:
    """``khabar train ner --backend neural`` on the tiny corpus repeated ``repeat`` times, into ``folder``/model,
    with seeded vectors and the packaged files named in ``lists`` beside them; the model's path."""
    data = folder / "gold.txt"
    _write_conll(data, repeat=repeat)
    out = folder / "model" / "neural.pt"
    _tiny_vectors(out.parent, SENTENCES)
    for name in lists:
        (out.parent / name).write_bytes((neural.RESOURCES / name).read_bytes())
    parser = argparse.ArgumentParser()
    train_ner.add_arguments(parser)
    assert train_ner.main(parser.parse_args(["--backend", "neural", "--data", str(data), "--out", str(out), "--epochs", "30"])) == 0
    return str(out)


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> str:
    return _train_tiny(tmp_path_factory.mktemp("neural"), repeat=4)


def test_a_model_loads_without_network_once_per_process(trained, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the neural model must not reach the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    model = neural.load_neural(trained)
    monkeypatch.undo()
    assert model is neural.load_neural(trained)  # loaded once per process
    assert torch.get_num_threads() == 1
    assert model.names  # the clitic-split counts the span rules need


def test_the_learnt_sentences_come_back_with_exact_spans_and_labels(trained):
    assert _mentions("وصل الرئيس عمر البشير إلى الخرطوم أمس .", model=trained) == [("عمر البشير", "PER"), ("الخرطوم", "LOC")]
    tags, probs = neural.load_neural(trained).tag("التقى وزير الخارجية سامح شكري نظيره في القاهرة .".split())
    assert tags == ["O", "O", "O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"]
    assert all(p == 1.0 for p, t in zip(probs, tags) if t == "O") and all(0.5 < p < 1.0001 for p, t in zip(probs, tags) if t != "O")


def test_empty_input_and_very_long_sentences_do_not_crash(trained):
    model = neural.load_neural(trained)
    assert model.tag_documents([]) == []
    assert model.tag_documents([[[]]]) == [[([], [])]]
    long = ("زار الرئيس بيروت ثم عاد إلى القاهرة ، و" * 400).split()  # 3,600 words in one sentence
    (tags, probs), (short, _) = model.tag_sentences([long, ["بيروت"]])
    assert len(tags) == len(probs) == len(long) and len(short) == 1
    assert all(0.0 < p <= 1.0 for p in probs)
    assert len(model.tag_sentences([["\u200f", "", "%%%", "🙂"]])[0][0]) == 4


def test_batching_does_not_change_tags(trained, monkeypatch):
    model = neural.load_neural(trained)
    sents = [words.split() for words, _ in SENTENCES] + [["بيروت"]]
    whole = model.tag_sentences(sents)
    monkeypatch.setattr(neural, "BATCH_TOKENS", 1)  # one sentence per batch
    one_by_one = model.tag_sentences(sents)
    assert [t for t, _ in whole] == [t for t, _ in one_by_one]
    assert np.allclose([p for _, ps in whole for p in ps], [p for _, ps in one_by_one for p in ps], atol=1e-5)


# --- the CRF layer ---------------------------------------------------------------------


def test_crf_partition_viterbi_and_marginals_match_brute_force():
    torch.manual_seed(0)
    k = len(neural.TAGS)
    crf = neural.crf_class()(k)
    with torch.no_grad():
        for p in (crf.trans, crf.start, crf.end):
            p.normal_()
    em = torch.randn(2, 3, k)
    mask = torch.tensor([[True, True, True], [True, True, False]])
    with torch.no_grad():
        tags, probs = crf.decode(em, mask)
        _brute_force(crf, em, mask, tags, probs, k)


def _brute_force(crf, em, mask, tags, probs, k) -> None:
    for b, n in ((0, 3), (1, 2)):
        seqs = list(itertools.product(range(k), repeat=n))
        scores = torch.cat([crf.gold_score(em[b : b + 1], torch.tensor([list(s) + [0] * (3 - n)]), mask[b : b + 1]) for s in seqs])
        assert float(crf.log_partition(em, mask)[b]) == pytest.approx(float(torch.logsumexp(scores, 0)), abs=1e-4)
        valid = [i for i, s in enumerate(seqs) if neural.TAGS[s[0]][0] != "I" and all(crf.allowed[a, c] for a, c in itertools.pairwise(s))]
        best = max(valid, key=lambda i: float(scores[i]))
        assert tags[b, :n].tolist() == list(seqs[best])
        z = torch.logsumexp(scores[valid], 0)
        for pos in range(n):
            marginal = sum(float(torch.exp(scores[i] - z)) for i in valid if seqs[i][pos] == seqs[best][pos])
            assert float(probs[b, pos]) == pytest.approx(marginal, abs=1e-4)


# --- training ------------------------------------------------------------------------


def _tiny_vectors(folder, sentences) -> None:
    """A word-vector table for the test corpus (random, seeded): the trainer must not need SaudiNewsNet."""
    words = sorted({norm(w) for words, _ in sentences for w in words.split()})
    folder.mkdir(parents=True)
    (folder / "embeddings.vocab.txt").write_text("".join(w + "\n" for w in words), encoding="utf-8")
    np.save(folder / "embeddings.npy", np.random.default_rng(1).normal(size=(len(words), 8)).astype(np.float16))


def test_trainer_runs_end_to_end_on_a_tiny_corpus(tmp_path, capsys):
    data = tmp_path / "gold.txt"
    _write_conll(data, repeat=2)
    out = tmp_path / "m" / "neural.pt"
    _tiny_vectors(out.parent, SENTENCES)
    parser = argparse.ArgumentParser()
    train_ner.add_arguments(parser)
    assert train_ner.main(parser.parse_args(["--backend", "neural", "--data", str(data), "--out", str(out), "--epochs", "1"])) == 0
    assert "trained on 10 sentences" in capsys.readouterr().out
    meta = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["recipe"]["epochs"] == 1 and len(meta["losses"]) == 1 and meta["dims"]["n_gaz"] > 0
    table = _run(["وصل الرئيس عمر البشير إلى الخرطوم أمس ."], {**NEURAL, "model": str(out)})
    assert set(table.column_names) >= {"text", "label", "score"}  # one epoch learns little: it must run, not be right


def test_cv_runs_the_neural_trainer_on_the_same_folds(tmp_path, capsys, monkeypatch):
    from tests.test_ner_cv import _args, _write_corpus

    resources = tmp_path / "resources"  # the built word vectors' folder, here with test vectors
    _tiny_vectors(resources, SENTENCES)
    for name in ("name_lists.tsv", "clusters.tsv.gz"):
        (resources / name).write_bytes((neural.RESOURCES / name).read_bytes())
    monkeypatch.setattr(neural, "RESOURCES", resources)
    data = tmp_path / "gold.txt"
    _write_corpus(data)
    packaged = neural.DEFAULT_MODEL.exists()
    out_json = tmp_path / "cv.json"
    assert train_ner.main(_args(["--data", str(data), "--cv", "3", "--backend", "neural", "--epochs", "1", "--json", str(out_json)])) == 0
    result = json.loads(out_json.read_text(encoding="utf-8"))
    assert result["recipe"]["backend"] == "neural" and result["recipe"]["neural"]["epochs"] == 1
    assert [f["test_sentences"] for f in result["folds"]] == [[0, 20], [20, 40], [40, 60]]
    assert result["summary"]["overall"]["gold"] == 130  # the CRF's CV scores the same 130 entities
    assert neural.DEFAULT_MODEL.exists() == packaged  # fold models are never written where the built model goes
    # stage 1 alone and the other marginal setting, from the same fold models, paired with the recipe on every fold
    assert sorted(result["variants"]) == ["stage1", "stage2-marginal" if not neural_recipe()["stage2_marginal"] else "stage2-tags"]
    assert all(sorted(f["variants"]) == sorted(result["variants"]) for f in result["folds"])
    assert "mean ± sd over 3 folds" in capsys.readouterr().out


# --- stage 2: the CRF's document-level stage over the neural tags ----------------------


@pytest.fixture(scope="module")
def stacked(tmp_path_factory) -> str:
    """A model with a stage 2: 40 sentences are two pseudo-articles, so each half can be tagged by a model of the other."""
    return _train_tiny(tmp_path_factory.mktemp("stacked"), repeat=8, lists=("name_lists.tsv", "clusters.tsv.gz"))


def test_a_stacked_model_tags_documents_through_its_stage_2(stacked):
    meta = json.loads(neural.Path(stacked).with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["stage2"] == "neural.stage2.crfsuite" and meta["stage2_heldout"] == "halves"
    assert meta["stage2_marginal"] is neural_recipe()["stage2_marginal"]
    model = neural.load_neural(stacked)
    assert model.stage2 is not None and neural.NeuralModel(neural.Path(stacked), stage2=None).stage2 is None
    assert _mentions("وصل الرئيس عمر البشير إلى الخرطوم أمس .", model=stacked) == [("عمر البشير", "PER"), ("الخرطوم", "LOC")]
    doc = [words.split() for words, _ in SENTENCES]
    tagged = model.tag_document(doc)
    assert [t for t, _ in tagged] == [[khabar_tag(t) for t in tags.split()] for _, tags in SENTENCES]
    assert tagged == model.tag_documents([doc, doc])[1]  # documents are retagged one by one
    assert model.tag_documents([[[]], []]) == [[([], [])], []]


def test_stage_2_sees_a_binned_marginal_of_entity_tags_only():
    from khabar.ner.features import marginal_bin, stage2_features

    assert [marginal_bin(p) for p in (1.0, 0.95, 0.9, 0.8, 0.6, 0.5, 0.2)] == ["hi", "hi", "mid", "mid", "lo", "lo", "vlo"]
    feats = stage2_features([[], []], ["عمر", "قال"], ["B-PER", "O"], {}, probs=[0.7, 1.0])
    assert [f for f in feats[0] if f.startswith("q=")] == ["q=lo", "q=lo|B-PER"]
    assert not [f for f in feats[1] if f.startswith("q=")]
    assert stage2_features([[], []], ["عمر", "قال"], ["B-PER", "O"], {}) == stage2_features([[], []], ["عمر", "قال"], ["B-PER", "O"], {}, probs=None)


def neural_recipe() -> dict:
    from khabar.training.recipe import NEURAL as recipe

    return recipe


def test_missing_neural_model_is_a_user_error(tmp_path):
    from khabar.errors import UserError

    with pytest.raises(UserError, match="neural NER model not found"):
        _run(["زار الوفد بيروت."], {**NEURAL, "model": str(tmp_path / "nope.pt")})

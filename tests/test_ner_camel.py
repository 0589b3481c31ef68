"""The camel backend loads a real BertForTokenClassification directory through
camel-tools' NERecognizer and tags in batches; offline, with a tiny model built here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from khabar.errors import UserError

from .test_ner import _run  # normalise -> segment -> extract_entities on texts

TINY_CATALOGUE = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "camel-morph-tiny"
LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]
WORDS = "زار الوفد بيروت أمس ثم عاد إلى دمشق".split()


@pytest.fixture
def tiny_model(tmp_path, monkeypatch):
    """A 1-layer BERT whose classifier always prefers B-PERS (bias), saved with its tokenizer."""
    import torch
    from transformers import BertConfig, BertForTokenClassification, BertTokenizer

    if "camel_tools.data" not in sys.modules:
        monkeypatch.setenv("CAMELTOOLS_DATA", str(TINY_CATALOGUE))
    vocab = tmp_path / "vocab.txt"
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "."] + WORDS) + "\n", encoding="utf-8")
    BertTokenizer(str(vocab)).save_pretrained(tmp_path)
    config = BertConfig(
        vocab_size=6 + len(WORDS), hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32,
        max_position_embeddings=512, id2label=dict(enumerate(LABELS)), label2id={l: i for i, l in enumerate(LABELS)},
    )
    torch.manual_seed(0)
    model = BertForTokenClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.zero_()
        model.classifier.bias[LABELS.index("B-PERS")] = 5.0
    model.save_pretrained(tmp_path)
    return tmp_path




def test_camel_backend_loads_the_directory_and_tags_in_batches(tiny_model, monkeypatch):
    from khabar.ner import camel as ner_camel

    ner_camel.load_camel.cache_clear()
    backend = ner_camel.load_camel(str(tiny_model), 2)
    calls = []
    real_predict = backend.recognizer.predict
    monkeypatch.setattr(backend.recognizer, "predict", lambda sents, batch_size=32: calls.append(len(sents)) or real_predict(sents, batch_size))
    texts = ["زار الوفد بيروت أمس.", "ثم عاد إلى دمشق.", "زار الوفد دمشق."]
    rows = _run(texts, {"backend": "camel", "model": str(tiny_model), "batch_size": 2}).to_pylist()
    assert calls == [2, 1]  # three sentences, batches of two
    # every token is B-PERS, so every word is its own PER mention; the full stop is
    # no name and the span rules drop it
    first = [r for r in rows if r["doc_id"] == "d0"]
    assert [r["text"] for r in first] == ["زار", "الوفد", "بيروت", "أمس"]
    assert {r["label"] for r in rows} == {"PER"} and {r["score"] for r in rows} == {1.0}
    for r in rows:
        assert texts[int(r["doc_id"][1:])][r["start"] : r["end"]] == r["text"]


def test_camel_backend_without_a_model_directory_is_a_user_error(tmp_path):
    from khabar.ner import camel as ner_camel

    ner_camel.load_camel.cache_clear()
    with pytest.raises(UserError, match="needs extract.ner.model"):
        _run(["زار الوفد بيروت."], {"backend": "camel", "model": "", "batch_size": 4})
    with pytest.raises(UserError, match="camel NER model not found"):
        _run(["زار الوفد بيروت."], {"backend": "camel", "model": str(tmp_path / "absent"), "batch_size": 4})
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(UserError, match="no weights"):
        _run(["زار الوفد بيروت."], {"backend": "camel", "model": str(tmp_path), "batch_size": 4})

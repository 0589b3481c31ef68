"""Real-news training articles (khabar.training.news): tokens take the label of the span they overlap."""

from __future__ import annotations

import json

import pytest

from khabar.config import load_config
from khabar.errors import UserError
from khabar.training.corpus import interleave
from khabar.training.news import DEFAULT_SET, anercorp_misc, tagged_sentences
from khabar.training.ner import name_counts


def _tokens(text: str) -> list[dict]:
    """Whitespace tokens of ``text``, a sentence per line, with their code-point offsets."""
    tokens, pos = [], 0
    for sent_idx, line in enumerate(text.split("\n")):
        for word in line.split(" "):
            tokens.append({"sent_idx": sent_idx, "start": pos, "end": pos + len(word), "form": word})
            pos += len(word) + 1
    return tokens


def _span(text: str, surface: str, label: str) -> tuple[int, int, str]:
    start = text.index(surface)
    return start, start + len(surface), label


def test_tokens_take_the_label_of_the_span_they_overlap():
    text = "وصل خالد بن سعد إلى وبالرياض\nوقال نادي الشباب الأهلي"
    entities = [_span(text, "خالد بن سعد", "PER"), _span(text, "الرياض", "LOC"),
                _span(text, "الشباب", "ORG"), _span(text, "الأهلي", "ORG")]
    assert tagged_sentences(_tokens(text), entities) == [
        (["وصل", "خالد", "بن", "سعد", "إلى", "وبالرياض"], ["O", "B-PERS", "I-PERS", "I-PERS", "O", "B-LOC"]),
        # two names side by side stay two mentions; the descriptor نادي is outside
        (["وقال", "نادي", "الشباب", "الأهلي"], ["O", "O", "B-ORG", "B-ORG"]),
    ]


def test_currencies_and_god_alone_follow_anercorp_not_the_set():
    text = "دفع عبد الله مئة دولار سبحان الله"
    tags = tagged_sentences(_tokens(text), [_span(text, "عبد الله", "PER")])[0][1]
    # the set leaves currencies and الله out (the pipeline drops them); ANERcorp, which the model also learns, tags them MISC
    assert tags == ["O", "B-PERS", "I-PERS", "O", "B-MISC", "O", "B-MISC"]


def test_a_span_inside_a_longer_token_tags_that_token():
    text = "زار لهلال الأحمر"
    tokens = [{"sent_idx": 0, "start": 0, "end": 3, "form": "زار"}, {"sent_idx": 0, "start": 4, "end": 9, "form": "للهلال"},
              {"sent_idx": 0, "start": 10, "end": 16, "form": "الأحمر"}]
    assert tagged_sentences(tokens, [(5, 16, "ORG")]) == [(["زار", "للهلال", "الأحمر"], ["O", "B-ORG", "I-ORG"])]


def test_news_articles_are_spread_through_the_pseudo_articles():
    assert interleave(list("abcdefghij"), [1, 2, 3]) == ["a", "b", 1, "c", "d", "e", 2, "f", "g", "h", 3, "i", "j"]
    assert interleave(list("ab"), []) == ["a", "b"]


def test_the_training_set_reads_into_pipeline_tokens(shared_data):
    from khabar.training.news import read_news_documents

    spans_only = read_news_documents(DEFAULT_SET, shared_data, load_config(None), anercorp=False)
    docs = read_news_documents(DEFAULT_SET, shared_data, load_config(None))
    assert len(docs) == 300
    # every annotated span starts a B- tag on some token: no span was lost between offsets and tokens
    spans = sum(len(json.loads(line)["entities"]) for line in DEFAULT_SET.read_text(encoding="utf-8").splitlines())
    assert sum(t.startswith("B-") for doc in spans_only for _, tags in doc for t in tags) == spans
    # ANERcorp's convention only adds B-MISC, on currencies and الله the set leaves out
    changed = [(old, new) for d0, d1 in zip(spans_only, docs) for (_, t0), (_, t1) in zip(d0, d1) for old, new in zip(t0, t1) if old != new]
    assert changed and set(changed) == {("O", "B-MISC")}
    assert len(name_counts([s for doc in docs for s in doc])) > 50  # names seen twice or more, for names.tsv


def _args(argv: list[str]):
    import argparse

    from khabar.commands import train_ner

    parser = argparse.ArgumentParser()
    train_ner.add_arguments(parser)
    return parser.parse_args(argv)


@pytest.mark.parametrize(("argv", "message"), [
    (["--news", "missing.jsonl"], "real-news training set not found: missing.jsonl"),
    (["--news", "tests/realnews/ner-train.jsonl", "--backend", "neural"], "--news trains the crf backend only"),
    (["--news", "tests/realnews/ner-train.jsonl", "--news-weight", "0"], "--news-weight needs at least 1"),
])
def test_news_options_refuse_what_they_cannot_do(argv, message):
    from khabar.commands.train_ner import _news

    with pytest.raises(UserError, match=message):
        _news(_args(argv))


def test_news_articles_reach_every_cv_fold(monkeypatch, shared_data):
    from khabar.commands import train_ner
    from khabar.training import cv

    recipes = []

    def fake(train_sents, test_sents, recipe):
        recipes.append(recipe)
        return {"scores": {"overall": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 1, "pred": 1}}, "train_seconds": 0, "seconds": 0}

    monkeypatch.setattr(cv, "run_fold", fake)
    assert train_ner.main(_args(["--cv", "2", "--no-name-swap", "--news", str(DEFAULT_SET), "--news-weight", "2"])) == 0
    assert len(recipes) == 2 and all(len(r["news"]) == 300 and r["news_weight"] == 2 for r in recipes)

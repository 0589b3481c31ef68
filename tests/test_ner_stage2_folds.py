"""Stage 2's training tags from an inner k-fold (``khabar train ner --stage2-folds K``, issue 12)."""

from __future__ import annotations

import argparse
import json

import pytest

from khabar.commands import train_ner
from khabar.training import cv, ner
from khabar.training.ner import inner_folds

# A tiny corpus written for these tests: four sentence patterns filled with
# fifteen names each, 60 sentences, so three pseudo-articles of 20.
PEOPLE = ["خالد العمري", "سعاد الحربي", "ماجد الشهري", "نورة القحطاني", "فهد الدوسري", "ريم الزهراني", "سلمان الغامدي",
          "هدى المطيري", "ناصر العتيبي", "لمى السبيعي", "بدر الشمري", "منى العنزي", "تركي المالكي", "أمل الجهني", "راشد البقمي"]
PLACES = ["جدة", "الطائف", "أبها", "تبوك", "حائل", "جازان", "نجران", "الباحة", "بريدة", "الخبر", "ينبع", "عرعر", "سكاكا", "القطيف", "الدمام"]
ORGS = ["المراعي", "سابك", "الراجحي", "موبايلي", "أرامكو", "معادن", "جرير", "التصنيع", "البحري", "زين", "ساسكو", "نادك", "صافولا", "الخزف", "بترورابغ"]


def _sentence(pattern: int, i: int) -> list[tuple[str, str]]:
    per = [(w, "B-PERS" if k == 0 else "I-PERS") for k, w in enumerate(PEOPLE[i].split())]
    loc = [(PLACES[i], "B-LOC")]
    org = [("شركة", "B-ORG"), (ORGS[i], "I-ORG")]
    o = lambda text: [(w, "O") for w in text.split()]  # noqa: E731
    return [
        o("وصل") + per + o("إلى") + loc + o("صباح أمس ."),
        o("أعلنت") + org + o("عن أرباحها في") + loc + o("."),
        o("قال") + per + o("إن") + org + o("ستفتتح فرعا جديدا ."),
        o("زار وفد من") + loc + o("مقر") + org + o("."),
    ][pattern]


def _corpus(path) -> None:
    sentences = [_sentence(p, i) for i in range(15) for p in range(4)]
    path.write_text("".join("".join(f"{w} {t}\n" for w, t in s) + "\n" for s in sentences), encoding="utf-8")


def _args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    train_ner.add_arguments(parser)
    return parser.parse_args(argv)


def test_inner_folds_hold_out_every_document_once_and_k2_is_the_halves():
    docs = list("abcdefg")
    assert inner_folds(docs, 2) == [(list("abc"), list("defg")), (list("defg"), list("abc"))]
    runs = inner_folds(docs, 3)
    assert [tag for _, tag in runs] == [list("efg"), list("cd"), list("ab")]
    assert all(sorted(fit + tag) == docs and not set(fit) & set(tag) for fit, tag in runs)
    assert [tag for _, tag in inner_folds(docs[:2], 5)] == [["b"], ["a"]]  # never more runs than documents


def test_stage2_from_an_inner_3_fold_trains_tags_and_reuses_its_cache(tmp_path, monkeypatch):
    data, cache = tmp_path / "gold.txt", tmp_path / "cache"
    _corpus(data)
    argv = ["--data", str(data), "--no-name-swap", "--max-iterations", "20", "--stage2-folds", "3", "--cache", str(cache)]
    first = tmp_path / "a" / "crf.crfsuite"
    assert train_ner.main(_args(argv + ["--out", str(first)])) == 0
    assert json.loads(first.with_suffix(".json").read_text(encoding="utf-8"))["stage2_folds"] == [3]
    assert [p.name[-11:] for p in cache.iterdir()] == ["-k3.json.gz"]
    from khabar.ner.crf import CrfModel

    words = "قال بدر الشمري إن شركة نادك ستفتتح فرعا جديدا في عرعر .".split()
    (tags, _), = CrfModel(first).tag_document([words])
    assert tags == ["O", "B-PER", "I-PER", "O", "B-ORG", "I-ORG", "O", "O", "O", "O", "B-LOC", "O"]
    fits = []
    fit = ner._fit
    monkeypatch.setattr(ner, "_fit", lambda examples, out, params: fits.append(out.name) or fit(examples, out, params))
    second = tmp_path / "b" / "crf.crfsuite"
    assert train_ner.main(_args(argv + ["--out", str(second)])) == 0
    assert fits == ["crf.crfsuite", "crf.stage2.crfsuite"]  # the three inner stage-1 fits come from the cache
    for name in ("crf.crfsuite", "crf.stage2.crfsuite"):
        assert (first.parent / name).read_bytes() == (second.parent / name).read_bytes()


def test_several_inner_folds_feed_one_stage2_and_bad_counts_are_refused(tmp_path, monkeypatch, capsys):
    data = tmp_path / "gold.txt"
    _corpus(data)
    seen = []
    examples = ner._stage2_examples
    monkeypatch.setattr(ner, "_stage2_examples", lambda f, docs, tags: seen.append(len(docs)) or examples(f, docs, tags))
    out = tmp_path / "m" / "crf.crfsuite"
    assert train_ner.main(_args(["--data", str(data), "--no-name-swap", "--max-iterations", "10", "--stage2-folds", "2,3", "--out", str(out)])) == 0
    assert seen == [3, 3]  # every pseudo-article once per K
    assert json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))["stage2_folds"] == [2, 3]
    for bad in ("1", "x", "3,1"):
        with pytest.raises(SystemExit):
            _args(["--stage2-folds", bad])
    assert "--stage2-folds" in capsys.readouterr().err


def test_cv_folds_get_the_stage2_folds_and_cache(tmp_path, monkeypatch):
    data = tmp_path / "gold.txt"
    _corpus(data)
    recipes = []

    def fake(train_sents, test_sents, recipe):
        recipes.append(recipe)
        return {"scores": {"overall": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 1, "pred": 1}}, "train_seconds": 0, "seconds": 0}

    monkeypatch.setattr(cv, "run_fold", fake)
    out_json = tmp_path / "cv.json"
    assert train_ner.main(_args(["--data", str(data), "--cv", "3", "--no-name-swap", "--stage2-folds", "5",
                                 "--cache", str(tmp_path / "c"), "--json", str(out_json)])) == 0
    assert [(r["stage2_folds"], r["cache"]) for r in recipes] == [([5], str(tmp_path / "c"))] * 3
    assert json.loads(out_json.read_text(encoding="utf-8"))["recipe"]["stage2_folds"] == [5]

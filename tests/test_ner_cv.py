"""k-fold cross-validation of the NER recipe (``khabar train ner --cv K``): folds, summary, command."""

from __future__ import annotations

import argparse
import json
import statistics

import pytest

from khabar.commands import train_ner
from khabar.errors import UserError
from khabar.training import corpus, cv

# A tiny corpus written for these tests: six sentence patterns, each filled
# with ten different names, so that the 60 sentences make three pseudo-articles
# of 20 and every fold holds names the other folds never saw.
PEOPLE = ["خالد العمري", "سعاد الحربي", "ماجد الشهري", "نورة القحطاني", "فهد الدوسري",
          "ريم الزهراني", "سلمان الغامدي", "هدى المطيري", "ناصر العتيبي", "لمى السبيعي"]
PLACES = ["جدة", "الطائف", "أبها", "تبوك", "حائل", "جازان", "نجران", "الباحة", "بريدة", "الخبر"]
ORGS = [["شركة", "المراعي"], ["جامعة", "الملك", "سعود"], ["بنك", "الرياض"], ["نادي", "الاتحاد"], ["هيئة", "الطيران"],
        ["شركة", "سابك"], ["جامعة", "طيبة"], ["بنك", "البلاد"], ["نادي", "النصر"], ["هيئة", "السياحة"]]
EVENTS = [["مهرجان", "الجنادرية"], ["معرض", "الكتاب"], ["سباق", "الهجن"], ["مؤتمر", "الطاقة"], ["ملتقى", "الشباب"],
          ["مهرجان", "الورد"], ["معرض", "السيارات"], ["سباق", "الخيل"], ["مؤتمر", "المياه"], ["ملتقى", "الأسر"]]


def _sentence(pattern: int, i: int) -> list[tuple[str, str]]:
    per = [(w, "B-PERS" if k == 0 else "I-PERS") for k, w in enumerate(PEOPLE[i].split())]
    loc = [(PLACES[i], "B-LOC")]
    org = [(w, "B-ORG" if k == 0 else "I-ORG") for k, w in enumerate(ORGS[i])]
    misc = [(w, "B-MISC" if k == 0 else "I-MISC") for k, w in enumerate(EVENTS[i])]
    o = lambda text: [(w, "O") for w in text.split()]  # noqa: E731
    return [
        o("وصل") + per + o("إلى") + loc + o("صباح أمس ."),
        o("أعلنت") + org + o("عن نتائجها في") + loc + o("."),
        o("قال") + per + o("إن") + org + o("ستفتتح فرعا جديدا ."),
        o("افتتح") + per + misc + o("في") + loc + o("."),
        o("يشارك") + org + o("في") + misc + o("هذا العام ."),
        o("زار وفد من") + loc + o("مقر") + org + o("."),
    ][pattern]


def _write_corpus(path) -> list:
    sentences = [_sentence(p, i) for i in range(10) for p in range(6)]
    path.write_text("".join("".join(f"{w} {t}\n" for w, t in s) + "\n" for s in sentences), encoding="utf-8")
    return sentences


def _args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    train_ner.add_arguments(parser)
    return parser.parse_args(argv)


# --- folds -----------------------------------------------------------------------------


def test_folds_are_contiguous_whole_pseudo_articles_covering_every_sentence():
    sentences = [([f"w{i}"], ["O"]) for i in range(130)]  # 7 pseudo-articles, the last of 10 sentences
    ranges = corpus.folds(sentences, 3)
    assert ranges == [(0, 40), (40, 80), (80, 130)]  # 2, 2 and 3 articles
    assert corpus.folds(sentences, 7) == [(i * 20, min(130, i * 20 + 20)) for i in range(7)]
    held_out = [i for start, end in ranges for i in range(start, end)]
    assert held_out == list(range(130))  # disjoint, in order, nothing left out
    assert corpus.folds(sentences, 3) == ranges  # no randomness


def test_too_many_folds_is_refused():
    with pytest.raises(ValueError, match="pseudo-articles"):
        corpus.folds([([f"w{i}"], ["O"]) for i in range(50)], 4)  # 3 articles
    with pytest.raises(ValueError):
        corpus.folds([([f"w{i}"], ["O"]) for i in range(50)], 1)


# --- summary over folds, with a fake fold ---------------------------------------------

FAKE_F1 = {  # fold -> overall, PER, MISC F1 (MISC absent from fold 2)
    0: {"overall": 60.0, "PER": 50.0, "MISC": 40.0},
    1: {"overall": 70.0, "PER": 60.0},
    2: {"overall": 80.0, "PER": 100.0, "MISC": 50.0},
}


def _fake_fold(train_sents, test_sents, recipe):
    fold = int(test_sents[0][0][0][1:]) // 20  # sentence "w<i>": which fold it opens
    scores = {row: {"precision": f1 + 10, "recall": f1 - 10, "f1": f1, "gold": 10, "pred": 10} for row, f1 in FAKE_F1[fold].items()}
    return {"scores": scores, "train_seconds": 0.0, "seconds": 0.0, "train": [s[0][0] for s in train_sents], "test": [s[0][0] for s in test_sents]}


def test_cross_validation_trains_on_the_other_folds_and_summarises_mean_and_sd():
    sentences = [([f"w{i}"], ["O"]) for i in range(60)]
    seen = []
    result = cv.cross_validate(sentences, 3, {"stages": 2}, progress=seen.append, fold_fn=_fake_fold)
    assert [f["fold"] for f in result["folds"]] == [1, 2, 3] == [f["fold"] for f in seen]
    for fold in result["folds"]:
        assert set(fold["train"]).isdisjoint(fold["test"])
        assert sorted(fold["train"] + fold["test"], key=lambda w: int(w[1:])) == [f"w{i}" for i in range(60)]
    assert [f["test"][0] for f in result["folds"]] == ["w0", "w20", "w40"]
    summary = result["summary"]
    assert list(summary) == ["overall", "PER", "MISC"]
    assert summary["overall"]["f1"] == {"mean": 70.0, "sd": 10.0}
    assert summary["overall"]["precision"] == {"mean": 80.0, "sd": 10.0}
    assert summary["overall"]["recall"] == {"mean": 60.0, "sd": 10.0}
    assert summary["PER"]["f1"] == {"mean": 70.0, "sd": 26.46}  # sqrt((20² + 10² + 30²) / 2)
    assert summary["MISC"] == {"folds": 2, "gold": 20, "f1": {"mean": 45.0, "sd": 7.07},
                               "precision": {"mean": 55.0, "sd": 7.07}, "recall": {"mean": 35.0, "sd": 7.07}}
    assert summary["overall"]["folds"] == 3 and summary["overall"]["gold"] == 30


def test_recipe_options_reach_every_fold(tmp_path, monkeypatch, capsys):
    data = tmp_path / "gold.txt"
    _write_corpus(data)
    recipes = []

    def fake(train_sents, test_sents, recipe):
        recipes.append(recipe)
        return {"scores": {"overall": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 1, "pred": 1}}, "train_seconds": 0, "seconds": 0}

    monkeypatch.setattr(cv, "run_fold", fake)
    assert train_ner.main(_args(["--data", str(data), "--cv", "3", "--no-name-swap", "--stages", "1", "--c1", "0.3", "--feature-set", "base"])) == 0
    assert len(recipes) == 3
    assert all(r["stages"] == 1 and r["swap"] is None and r["feature_set"] == "base" and r["params"]["c1"] == 0.3 for r in recipes)
    assert "overall     1.00 ± 0.00" in capsys.readouterr().out


# --- the real thing on the tiny corpus ---------------------------------------------------


def test_cv_command_trains_three_folds_and_writes_the_table(tmp_path, capsys):
    from khabar.ner.crf import DEFAULT_MODEL

    data = tmp_path / "gold.txt"
    written = _write_corpus(data)
    packaged = DEFAULT_MODEL.read_bytes()
    out_json = tmp_path / "cv" / "cv.json"
    argv = ["--data", str(data), "--cv", "3", "--no-name-swap", "--max-iterations", "30"]
    assert train_ner.main(_args(argv + ["--json", str(out_json)])) == 0
    printed = capsys.readouterr().out
    assert "3-fold cross-validation" in printed and "mean ± sd over 3 folds" in printed
    result = json.loads(out_json.read_text(encoding="utf-8"))
    assert result["k"] == 3 and result["sentences"] == len(written) == 60
    assert [f["test_sentences"] for f in result["folds"]] == [[0, 20], [20, 40], [40, 60]]
    assert result["recipe"]["stages"] == 2 and result["recipe"]["name_swap"] == {}
    for row in ("overall", "PER", "LOC", "ORG", "MISC"):
        f1 = [f["scores"][row]["f1"] for f in result["folds"]]
        assert result["summary"][row]["f1"] == {"mean": round(statistics.fmean(f1), 2), "sd": round(statistics.stdev(f1), 2)}
    # every entity of the file is scored exactly once: 10 names x (PER in 3 patterns, LOC 4, ORG 4, MISC 2)
    assert {row: cells["gold"] for row, cells in result["summary"].items()} == {"overall": 130, "PER": 30, "LOC": 40, "ORG": 40, "MISC": 20}
    assert result["summary"]["overall"]["f1"]["mean"] > 80  # 96.9: every fold learns names it never saw from their contexts
    assert DEFAULT_MODEL.read_bytes() == packaged  # fold models never go over the packaged one
    # two processes give the same folds and scores as one
    assert train_ner.main(_args(argv + ["--jobs", "2", "--json", str(tmp_path / "cv2.json")])) == 0
    parallel = json.loads((tmp_path / "cv2.json").read_text(encoding="utf-8"))
    scores = lambda r: [{k: v for k, v in f["scores"].items() if k != "tokens_per_s"} for f in r["folds"]]  # noqa: E731  (timing aside)
    assert scores(parallel) == scores(result)


def test_cv_option_mistakes_are_user_errors(tmp_path):
    data = tmp_path / "gold.txt"
    _write_corpus(data)
    with pytest.raises(UserError, match="temporary folder"):
        train_ner.main(_args(["--data", str(data), "--cv", "3", "--out", str(tmp_path / "m.crfsuite")]))
    with pytest.raises(UserError, match="2 to 3 folds"):
        train_ner.main(_args(["--data", str(data), "--cv", "5", "--no-name-swap"]))
    with pytest.raises(UserError, match="with --cv"):
        train_ner.main(_args(["--data", str(data), "--json", str(tmp_path / "x.json")]))

"""`khabar eval extract`: scoring is right, and the extractors meet their
targets on the hand-annotated gold set (dev and held-out)."""

from __future__ import annotations

import json

import pytest

from khabar.cli import main as cli_main
from khabar.evaluate.extract import DEFAULT_GOLD, evaluate, load_gold


def _write(tmp_path, **art):
    base = {"id": "t1", "split": "dev", "published_at": "2023-03-15T08:00:00Z", "quotes": [], "names": [], "dates": [], "amounts": []}
    base.update(art)
    (tmp_path / f"{base['id']}.json").write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")


def test_gold_set_is_large_enough_and_annotations_are_in_the_text():
    arts = load_gold(DEFAULT_GOLD)
    assert len(arts) >= 15
    assert {a["split"] for a in arts} == {"dev", "heldout"}
    assert sum(a["split"] == "heldout" for a in arts) >= 3
    for a in arts:
        for group in ("quotes", "dates", "amounts"):
            for ann in a[group]:
                assert a["text"].count(ann["text"]) >= ann.get("n", 1), (a["id"], ann["text"])


def test_targets_on_gold_set():
    scores, errors = evaluate(DEFAULT_GOLD)
    for split in ("dev", "heldout", "all"):
        s = scores[split]
        assert s["quote_precision"] >= 95 and s["quote_recall"] >= 95, (split, s, errors)
        assert s["speaker_accuracy"] >= 90, (split, s, errors)
        assert s["names_as_quotes"] == 0, (split, errors)
        assert s["date_accuracy"] >= 90 and s["amount_accuracy"] >= 90, (split, s, errors)


def test_scoring_counts_misses_wrong_speakers_names_and_wrong_values(tmp_path):
    text = "وقال الوزير إن «الخطة ستنفذ كاملة خلال العام المقبل» ووصل أمس، فيما نشرت صحيفة «الحياة» أن «الخطة لن تنفذ».\nقتل 5 أشخاص."
    _write(tmp_path, text=text,
           quotes=[{"text": "الخطة ستنفذ كاملة خلال العام المقبل", "speaker": "رئيس الوزراء"},
                   {"text": "قتل 5", "speaker": ""}],
           names=["الحياة"],
           dates=[{"text": "أمس", "value": "2023-03-13"}, {"text": "العام المقبل", "value": "2024"}],
           amounts=[{"text": "5 أشخاص", "value": 5, "unit": "killed"}])
    scores, errors = evaluate(tmp_path)
    s = scores["dev"]
    assert s["quote_recall"] == 50.0            # one of two gold quotes found
    assert s["quote_precision"] == 50.0         # «الخطة لن تنفذ» is predicted but not in the gold
    assert s["speaker_accuracy"] == 0.0         # predicted الوزير, gold رئيس الوزراء
    assert s["names_as_quotes"] == 0
    assert s["date_accuracy"] == 50.0           # أمس resolves to 2023-03-14, not 13
    assert s["amount_accuracy"] == 0.0          # unit person, gold says killed
    assert any("speaker" in e for e in errors)


def test_cli_prints_scores_and_rejects_an_empty_gold_folder(tmp_path, capsys):
    _write(tmp_path, text="وقال الوزير إن «الخطة ستنفذ كاملة خلال العام المقبل».",
           quotes=[{"text": "الخطة ستنفذ كاملة خلال العام المقبل", "speaker": "الوزير"}])
    assert cli_main(["eval", "extract", "--gold", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "quote_precision" in out and "dev" in out
    assert cli_main(["eval", "extract", "--gold", str(tmp_path), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["all"]["speaker_accuracy"] == 100.0
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli_main(["eval", "extract", "--gold", str(empty)]) == 2
    assert "no gold articles" in capsys.readouterr().err

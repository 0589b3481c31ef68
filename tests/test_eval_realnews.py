"""The real-news NER dev set (tests/realnews/ner-dev.jsonl) and its scoring.

The articles are read from ../shared/data at run time (never stored here);
the offset scoring itself is checked on a sentence written for this test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.errors import UserError
from khabar.evaluate.ner import error_kind, evaluate_realnews, read_realnews, realnews_errors, text_sha256
from khabar.evaluate.scorer import score, score_overlap

DEV_SET = Path(__file__).resolve().parent / "realnews" / "ner-dev.jsonl"
HELDOUT_SET = DEV_SET.with_name("ner-heldout.jsonl")
TRAIN_SET = DEV_SET.with_name("ner-train.jsonl")
FIRST = 3  # articles scored by the end-to-end test: enough for every label, quick on 2 cores


def _span(text: str, surface: str, label: str, doc: str = "d") -> tuple:
    start = text.index(surface)
    return (doc, start, start + len(surface), label)


def test_offset_scoring_exact_and_lenient():
    text = "وصل الأمير خالد بن سعد إلى جسر الملك فهد قادما من الرياض."
    gold = [_span(text, "خالد بن سعد", "PER"), _span(text, "جسر الملك فهد", "LOC"), _span(text, "الرياض", "LOC")]
    pred = [_span(text, "خالد بن سعد", "PER"), _span(text, "فهد", "PER"), _span(text, "من الرياض", "LOC")]
    exact, lenient = score(gold, pred), score_overlap(gold, pred)
    assert (exact["overall"]["precision"], exact["overall"]["recall"]) == (33.33, 33.33)
    assert exact["PER"]["f1"] == 66.67 and exact["LOC"]["f1"] == 0.0
    # "من الرياض" overlaps the gold LOC; "فهد" overlaps a LOC but is PER, so it counts nowhere.
    assert (lenient["overall"]["precision"], lenient["overall"]["recall"]) == (66.67, 66.67)
    assert (lenient["LOC"]["precision"], lenient["LOC"]["recall"], lenient["LOC"]["gold"]) == (100.0, 50.0, 2)
    assert error_kind(gold[1], pred) == "boundary+label"
    assert error_kind(gold[2], pred) == "boundary"
    assert error_kind(pred[1], gold) == "boundary+label"
    assert error_kind(("d", 0, 3, "LOC"), gold) == "none"
    assert error_kind(("d", gold[2][1], gold[2][2], "ORG"), gold) == "label"


def test_lenient_on_empty_sides():
    assert score_overlap([], [])["overall"]["f1"] == 0.0
    only_gold = score_overlap([("d", 0, 4, "ORG")], [])
    assert (only_gold["ORG"]["recall"], only_gold["ORG"]["pred"]) == (0.0, 0)


def _first_entries(tmp_path: Path, n: int = FIRST) -> Path:
    path = tmp_path / "dev.jsonl"
    path.write_text("\n".join(DEV_SET.read_text(encoding="utf-8").splitlines()[:n]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("path", "articles"), [(DEV_SET, 40), (HELDOUT_SET, 30), (TRAIN_SET, 300)])
def test_real_news_sets_store_no_text(path, articles):
    for raw in path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(raw)
        assert set(entry) == {"file", "line", "sha256", "entities"}
        assert all(isinstance(s, int) and isinstance(e, int) and lab in ("PER", "LOC", "ORG", "MISC") for s, e, lab in entry["entities"])
    assert len(path.read_text(encoding="utf-8").splitlines()) == articles


def _articles(path: Path) -> set:
    return {(e["file"], e["line"]) for e in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def test_the_held_out_set_shares_no_article_with_the_dev_set(shared_data):
    assert not _articles(DEV_SET) & _articles(HELDOUT_SET)
    quote_sets = set().union(*(_articles(p) for p in DEV_SET.parent.glob("quotes-*.jsonl")))
    assert not _articles(TRAIN_SET) & (_articles(DEV_SET) | _articles(HELDOUT_SET) | quote_sets)
    entries = read_realnews(HELDOUT_SET, shared_data)  # every text still matches its hash
    assert len(entries) == 30 and sum(len(e["entities"]) for e in entries) == 491


def test_hash_check_refuses_a_changed_text(tmp_path, shared_data):
    path = _first_entries(tmp_path)
    entries = read_realnews(path, shared_data)
    assert len(entries) == FIRST and all(text_sha256(e["text"]) == e["sha256"] for e in entries)
    lines = path.read_text(encoding="utf-8").splitlines()
    tampered = json.loads(lines[1])
    tampered["sha256"] = text_sha256(entries[1]["text"] + " ")
    path.write_text("\n".join([lines[0], json.dumps(tampered)]) + "\n", encoding="utf-8")
    with pytest.raises(UserError, match="no longer matches its sha256"):
        read_realnews(path, shared_data)


def test_bad_entries_are_refused(tmp_path, shared_data):
    entry = json.loads(DEV_SET.read_text(encoding="utf-8").splitlines()[0])
    path = tmp_path / "bad.jsonl"
    for broken, why in (({**entry, "entities": [[0, 10**6, "PER"]]}, "bad span"), ({**entry, "entities": [[0, 3, "DATE"]]}, "bad span"),
                        ({**entry, "line": 10**7}, "not found"), ({"file": entry["file"]}, "not a dev-set entry")):
        path.write_text(json.dumps(broken) + "\n", encoding="utf-8")
        with pytest.raises(UserError, match=why):
            read_realnews(path, shared_data)


def test_scores_are_over_the_stored_gold(tmp_path, shared_data):
    entries = read_realnews(_first_entries(tmp_path), shared_data)
    result = evaluate_realnews(entries, _config())
    stored = [lab for e in entries for _, _, lab in e["entities"]]
    for table in (result["exact"], result["lenient"]):
        assert table["overall"]["gold"] == len(stored)
        for label in set(stored):
            assert table[label]["gold"] == stored.count(label)
        assert table["overall"]["pred"] == len(set(result["pred"]))
    assert result["lenient"]["overall"]["f1"] >= result["exact"]["overall"]["f1"]
    assert result["exact"]["overall"]["f1"] >= 80  # 90.6 with the packaged model: a broken tagger falls far below
    tp = len(set(result["gold"]) & set(result["pred"]))
    errors = realnews_errors(entries, result["gold"], result["pred"])
    assert len(errors) == (len(result["gold"]) - tp) + (len(set(result["pred"])) - tp)
    assert all(line.split("\t")[1] in ("MISS", "FP") for line in errors)


def test_cli_scores_the_dev_set(tmp_path, shared_data, capsys):
    from khabar.cli import main

    assert main(["eval", "ner", "--realnews", str(_first_entries(tmp_path, 2)), "--data", str(shared_data), "--errors"]) == 0
    out = capsys.readouterr().out
    assert "2 articles" in out and "exact match" in out and "lenient" in out and "errors (doc" in out


def _config() -> dict:
    from khabar.config import load_config

    return load_config(None)

"""The camel clitic backend, loaded for real from the tiny camel-tools data
(morphology DB only: its MLE model is not installed, so disambiguation uses
the analyzer's scores), and its errors when the data is missing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from khabar.errors import UserError
from khabar.config import DEFAULTS
from khabar.normalise import normalise_text
from khabar.segment import segment_text
from khabar.segment.camel_backend import CamelClitics, camel_segments, locate_data

NORM = DEFAULTS["normalise"]


@pytest.fixture()
def tiny(shared_data, monkeypatch):
    root = shared_data / "camel-morph-tiny"
    monkeypatch.setenv("CAMELTOOLS_DATA", str(root))  # restored after the test
    return root


def test_camel_backend_segments_with_the_tiny_db(tiny):
    cfg = {**DEFAULTS["segment"], "clitics": "camel", "camel_data": str(tiny)}
    text = "ورماها الفتى ثم سيرمون الكرة."
    res = normalise_text(text, NORM)
    from khabar.segment import clitic_function

    clitics = clitic_function(cfg, NORM)
    assert isinstance(clitics, CamelClitics)
    assert clitics.db_path.name == "morphology.db" and clitics.mle_path is None
    seg = segment_text(text, res.text, res.map_norm, res.map_orig, cfg, NORM, clitics)
    assert seg.form == ["ورماها", "الفتى", "ثم", "سيرمون", "الكرة", "."]
    assert seg.segments[0] == "و+ رمي +ها"  # رمى, alef maqsura normalised like the norm column
    assert seg.segments[3] == "س+ يرمون"
    assert seg.segments[5] == "."
    assert "ورماها" in clitics.memo  # memoised per word: camel's MLE cache never fills
    assert camel_segments(cfg, NORM) is clitics  # loaded once per process


def test_camel_backend_fills_segments_and_lemmas_in_the_tables(tiny):
    import pyarrow as pa

    from khabar.normalise import normalise_documents
    from khabar.segment import segment_documents

    cfg = {**DEFAULTS["segment"], "clitics": "camel", "camel_data": str(tiny)}
    docs = pa.table({"doc_id": ["a", "b"], "text": ["ورماها ثم رمى.", "يرمي ورماها"]})
    _, toks = segment_documents(docs, normalise_documents(docs, NORM), cfg, NORM)
    rows = [(r["doc_id"], r["form"], r["segments"], r["lemma"]) for r in toks.to_pylist()]
    assert rows == [
        ("a", "ورماها", "و+ رمي +ها", "رمي"),
        ("a", "ثم", "ثم", None),  # not in the tiny DB: no analysis, the word itself
        ("a", "رمى", "رمي", "رمي"),
        ("a", ".", ".", None),
        ("b", "يرمي", "يرمي", "رمي"),
        ("b", "ورماها", "و+ رمي +ها", "رمي"),
    ]


def test_camel_backend_other_scheme_and_bad_scheme(tiny):
    atb = camel_segments({"camel_data": str(tiny), "camel_scheme": "atbtok"}, NORM)
    assert atb(["فرماه"], ["فرماه"], ["word"]) == ["ف+ رمي +ه"]
    with pytest.raises(UserError, match="camel_scheme 'nope'"):
        CamelClitics({"camel_data": str(tiny), "camel_scheme": "nope"}, NORM)


def test_missing_camel_data_names_the_install_command(tmp_path):
    with pytest.raises(UserError, match=r"no catalogue.json in .*camel_data -i"):
        camel_segments({**DEFAULTS["segment"], "camel_data": str(tmp_path / "none")}, NORM)


def test_catalogue_without_morphology_db(tmp_path, shared_data):
    shutil.copy(shared_data / "camel-morph-tiny" / "catalogue.json", tmp_path / "catalogue.json")
    with pytest.raises(UserError, match="needs a camel-tools morphology database"):
        locate_data(tmp_path)
    (tmp_path / "catalogue.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError, match="cannot read camel-tools catalogue"):
        locate_data(tmp_path)


def test_locate_data_prefers_the_default_and_finds_an_mle_model(tmp_path):
    catalogue = {
        "components": {
            "MorphologyDB": {"default": "b", "datasets": {"a": {"path": "morphology_db/a"}, "b": {"path": "morphology_db/b"}}},
            "DisambigMLE": {"default": "m", "datasets": {"m": {"path": "disambig_mle/m"}}},
        }
    }
    (tmp_path / "catalogue.json").write_text(json.dumps(catalogue), encoding="utf-8")
    for sub in ("morphology_db/a", "morphology_db/b"):
        (tmp_path / "data" / sub).mkdir(parents=True)
        (tmp_path / "data" / sub / "morphology.db").write_text("x")
    assert locate_data(tmp_path) == (tmp_path / "data" / "morphology_db" / "b" / "morphology.db", None)
    (tmp_path / "data" / "disambig_mle" / "m").mkdir(parents=True)
    (tmp_path / "data" / "disambig_mle" / "m" / "model.json").write_text("{}")
    assert locate_data(tmp_path)[1] == tmp_path / "data" / "disambig_mle" / "m" / "model.json"


def test_segment_imports_no_camel_morphology():
    code = "import sys, khabar.segment, khabar.evaluate.segment; print(sorted(m for m in sys.modules if m.startswith(('camel_tools.morphology', 'camel_tools.data', 'camel_tools.disambig'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_eval_scores_the_camel_backend(tiny, shared_data):
    from khabar.evaluate.segment import evaluate, read_conllu

    sents = read_conllu(shared_data / "ud-pud" / "ar_pud-half-a.conllu")[:40]
    cfg = {**DEFAULTS["segment"], "clitics": "camel", "camel_data": str(tiny)}
    res = evaluate(sents, NORM, cfg)
    assert "clitics (camel)" in res
    camel_f1 = res["clitics (camel)"][2]
    builtin_f1 = evaluate(sents, NORM, DEFAULTS["segment"])["clitics (builtin)"][2]
    # the tiny DB knows a dozen stems: almost nothing is split, far below builtin
    assert 0.5 < camel_f1 < builtin_f1


def test_split_form_lays_other_labels_on_the_letters():
    from khabar.segment.clitics import split_form

    form = "وَرَماها"
    assert [(form[a:b], lab) for a, b, lab in split_form(form, labels="و+ رمي +ها")] == [("وَ", "و+"), ("رَما", "رمي"), ("ها", "+ها")]
    assert split_form("للسلطة", labels="ل+ ال+ سلطه") == [(0, 1, "ل+"), (1, 2, "ال+"), (2, 6, "سلطه")]
    assert split_form("عليه", labels="على +هو") == [(0, 4, "على +هو")]  # letters do not add up: whole

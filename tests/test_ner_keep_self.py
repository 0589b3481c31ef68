"""Issue 12's variants A and B: stage 1's ORG spans kept over stage 2 (``training.variants.keep_spans``) and
self-training of stage 1 on confidently tagged unlabelled sentences (``training.variants.confident``)."""

from __future__ import annotations

from khabar.training import ner
from khabar.training.ner import fit_stage1, model_resources
from khabar.training.recipe import PARAMS
from khabar.training.variants import confident, keep_spans


def test_an_org_span_stage2_dropped_comes_back():
    assert keep_spans(["O", "B-ORG", "O"], ["O", "O", "O"], "ORG") == ["O", "B-ORG", "O"]


def test_an_org_span_stage2_relabelled_comes_back_whole_and_the_overlapping_span_goes():
    first = ["B-ORG", "I-ORG", "O", "O"]
    second = ["O", "B-PER", "I-PER", "B-LOC"]
    assert keep_spans(first, second, "ORG") == ["B-ORG", "I-ORG", "O", "B-LOC"]


def test_stage2s_own_org_edges_and_other_labels_are_left_alone():
    # stage 2 cut the organisation to one word: an ORG span overlaps, so stage 2's edges stand
    assert keep_spans(["B-ORG", "I-ORG", "O"], ["B-ORG", "O", "B-PER"], "ORG") == ["B-ORG", "O", "B-PER"]
    # only ORG is kept: a person stage 2 dropped stays dropped
    assert keep_spans(["B-PER", "O"], ["O", "O"], "ORG") == ["O", "O"]


def test_a_span_right_after_one_put_back_is_not_glued_to_it():
    assert keep_spans(["B-ORG", "O", "O"], ["O", "I-LOC", "O"], "ORG") == ["B-ORG", "B-LOC", "O"]


# Sentences written for these tests: two patterns with fifteen names each.
PLACES = ["جدة", "الطائف", "أبها", "تبوك", "حائل", "جازان", "نجران", "الباحة", "بريدة", "الخبر", "ينبع", "عرعر", "سكاكا", "القطيف", "الدمام"]
ORGS = ["المراعي", "سابك", "الراجحي", "موبايلي", "أرامكو", "معادن", "جرير", "التصنيع", "البحري", "زين", "ساسكو", "نادك", "صافولا", "الخزف", "بترورابغ"]


def _gold() -> list[tuple[list[str], list[str]]]:
    out = []
    for place, org in zip(PLACES, ORGS):
        out.append((["افتتحت", "شركة", org, "فرعا", "في", place, "."], ["O", "B-ORG", "I-ORG", "O", "O", "B-LOC", "O"]))
        out.append((["ارتفعت", "درجات", "الحرارة", "أمس", "."], ["O"] * 5))
    return out


def _stage1(tmp_path, extra=None):
    out = tmp_path / "crf.crfsuite"
    featurizer = model_resources(tmp_path, "base", "")[2]
    fit_stage1(featurizer, _gold(), out, {**PARAMS, "max_iterations": 30}, {}, extra)
    return out, featurizer


def test_confident_keeps_sentences_with_an_entity_whose_every_marginal_clears_the_threshold(tmp_path):
    out, featurizer = _stage1(tmp_path)
    pool = [["ارتفعت", "درجات", "الحرارة", "أمس", "."],  # no entity: never kept
            ["افتتحت", "شركة", "سابك", "فرعا", "في", "جدة", "."],
            ["افتتحت", "شركة", "زين", "فرعا", "في", "تبوك", "."]]
    assert confident(out, featurizer, pool, 0.0, 5) == [(pool[1], ["O", "B-ORG", "I-ORG", "O", "O", "B-LOC", "O"]),
                                                         (pool[2], ["O", "B-ORG", "I-ORG", "O", "O", "B-LOC", "O"])]
    assert confident(out, featurizer, pool, 0.0, 1) == [(pool[1], ["O", "B-ORG", "I-ORG", "O", "O", "B-LOC", "O"])]
    assert confident(out, featurizer, pool, 1.01, 5) == []  # no marginal exceeds 1


def test_extra_sentences_go_into_stage1_as_they_are(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(ner, "_fit", lambda examples, out, params: seen.append(examples) or 0.0)
    extra = [(["زار", "الوفد", "مقر", "سابك", "."], ["O", "O", "O", "B-ORG", "O"])]
    featurizer = model_resources(tmp_path, "base", "")[2]
    fit_stage1(featurizer, _gold(), tmp_path / "a.crfsuite", PARAMS, {}, None)
    fit_stage1(featurizer, _gold(), tmp_path / "b.crfsuite", PARAMS, {}, extra)
    assert seen[1][:-1] == seen[0]
    assert seen[1][-1] == (featurizer.sentence(extra[0][0]), extra[0][1])

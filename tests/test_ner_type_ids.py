"""khabar.ner.type_ids gives, as attribute ids, exactly the lists features.py builds as strings."""

from __future__ import annotations

import random

import numpy as np
import pytest

from khabar.ner.crf import DEFAULT_MODEL, CrfModel
from khabar.ner.features import Featurizer, norm
from khabar.ner import type_ids
from khabar.ner.type_ids import TypeIds, templates
from khabar.ner.viterbi import segment_sums

# Written for these tests: clitics, the article, nisba adjectives, a gazetteer-like place, digits, Latin, symbols.
WRITTEN = """و وب بال لل للمملكة وبالعراق العراقي الامريكيه الرياض بالرياض والرياض جدة وجدة كيري فيينا 2015 ٢٠١٥ Reuters
CNN « » . ، ( ) = a=b الاتحاد والاتحاد الأوروبي فاستقبل كأس لكرة ي ـ""".split()


@pytest.fixture(scope="module")
def model():
    return CrfModel(DEFAULT_MODEL)


def _random_words(model, n: int, seed: int) -> list[str]:
    """Words made of the pieces the features look at: proclitics, the article, letters, gazetteer and cluster words."""
    rng = random.Random(seed)
    gazetteer = sorted({w for words in model.featurizer.gazetteer.values() for w in words})
    clustered = sorted(model.featurizer.clusters.table)
    letters = list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءأإآؤئ") + ["ال", "لل", "ي", "يه", "ه"]
    out = []
    for _ in range(n):
        kind = rng.random()
        pre = rng.choice(["", "", "و", "ف", "ب", "ل", "ك", "وب", "فل", "لل", "وال", "بال"])
        if kind < 0.3:
            body = rng.choice(gazetteer)
        elif kind < 0.6:
            body = rng.choice(clustered)
        else:
            body = "".join(rng.choice(letters) for _ in range(rng.randint(0, 7)))
        out.append(pre + body)
    return out


def _expected(featurizer: Featurizer, attrs1: dict, attrs2: dict | None, w: str):
    own, ctx = featurizer._type(w)
    stage1 = [[attrs1[f] for f in part if f in attrs1] for part in (own, *ctx)]
    stage2 = [[attrs2[f] for f in part if f in attrs2] for part in featurizer._compact_entry(w, own)] if attrs2 is not None else None
    return stage1, stage2


def _parts(ids: list[int], pad: int) -> list[list[int]]:
    """A TypeIds list cut at its pads (each part opens with one)."""
    assert ids[:1] == [pad]
    parts: list[list[int]] = []
    for i in ids:
        if i == pad:
            parts.append([])
        else:
            parts[-1].append(i)
    return parts


def _check(featurizer: Featurizer, attrs1: dict, attrs2: dict | None, words: list[str]) -> None:
    ids = TypeIds(featurizer, attrs1, attrs2)
    for word in words:
        w = featurizer.type_form(word)  # normalised; a final ى kept when the featurizer has the written letter
        stage1, stage2 = _expected(featurizer, attrs1, attrs2, w)
        assert _parts(ids.stage1(w), ids.pad1) == stage1, word
        if attrs2 is not None:
            assert _parts(ids.stage2(w), ids.pad2) == stage2, word


def test_the_packaged_model_gets_the_featurizers_lists(model):
    fast = model.fast
    assert fast.type_ids is not None
    _check(model.featurizer, fast.w1.attrs, fast.w2.attrs, WRITTEN + _random_words(model, 4000, seed=3))


@pytest.mark.parametrize("written", ["", "ya1", "ya12"])
def test_every_feature_string_is_looked_up(model, written):
    """With every string the featurizer makes known to the 'model', nothing is left out or added."""
    featurizer = Featurizer(model.featurizer.gazetteer, "full", model.featurizer.clusters, written)
    words = [featurizer.type_form(w) for w in WRITTEN + _random_words(model, 1500, seed=5) + ["على", "وعلى", "علي", "إلى", "حتى", "مصطفى"]]
    assert any(w.endswith("ى") for w in words) == bool(written)
    attrs1: dict[str, int] = {}
    attrs2: dict[str, int] = {}
    for w in words:
        own, ctx = featurizer._type(w)
        for f in (*own, *(f for part in ctx for f in part)):
            attrs1.setdefault(f, len(attrs1))
        for f in (f for part in featurizer._compact_entry(w, own) for f in part):
            attrs2.setdefault(f, len(attrs2))
    _check(featurizer, attrs1, attrs2, words)


@pytest.mark.parametrize("feature_set", ["base", "full"])
def test_other_feature_sets_and_no_clusters(model, feature_set):
    featurizer = Featurizer(model.featurizer.gazetteer, feature_set, None)
    words = WRITTEN + _random_words(model, 1000, seed=9)
    attrs: dict[str, int] = {}
    for w in map(norm, words):
        own, ctx = featurizer._type(w)
        for f in (*own, *(f for part in ctx for f in part), *(f for part in featurizer._compact_entry(w, own) for f in part)):
            attrs.setdefault(f, len(attrs))
    _check(featurizer, attrs, attrs, words)
    _check(featurizer, attrs, None, words[:50])


def test_templates_split_at_the_first_equals_sign():
    assert templates({"w=a=b": 0, "b": 1, "pc=": 2, "-1:g=LOC~": 3}) == {"w=": {"a=b": 0}, "b": {"": 1}, "pc=": {"": 2}, "-1:g=": {"LOC~": 3}}


def test_vectors_equal_segment_sums_bit_for_bit(model, monkeypatch):
    monkeypatch.setattr(type_ids, "VECTOR_CHUNK", 100)  # several chunks
    w1, w2, ids, featurizer = model.fast.w1, model.fast.w2, model.fast.type_ids, model.featurizer
    forms = list(dict.fromkeys(featurizer.type_form(w) for w in WRITTEN + _random_words(model, 500, seed=1)))
    words = list(map(ids.word, forms))
    strings = [part for w in forms for part in (featurizer._type(w)[0], *featurizer._type(w)[1])]
    assert np.array_equal(ids.vectors1(w1.state, forms, words).reshape(-1, len(w1.labels)), segment_sums(w1, strings))
    compact = [part for w in forms for part in featurizer._compact_entry(w, featurizer._type(w)[0])]
    assert np.array_equal(ids.vectors2(w2.state, forms, words).reshape(-1, len(w2.labels)), segment_sums(w2, compact))
    assert ids.vectors1(w1.state, [], []).shape == (0, 1 + len(featurizer.offsets), len(w1.labels))
    assert ids.pad1 == w1.pad


def test_a_featurizer_subclass_keeps_its_own_strings():
    class Marked(Featurizer):
        def _type(self, w):
            own, ctx = super()._type(w)
            return own + ["x"], ctx

    from khabar.ner.viterbi import FastTagger

    model = CrfModel(DEFAULT_MODEL)
    tagger = FastTagger(Marked(model.featurizer.gazetteer, "full", model.featurizer.clusters), str(DEFAULT_MODEL), model._paths[1])
    assert tagger.type_ids is None
    sentence = "وقال وزير الخارجية جون كيري في جنيف".split()
    assert tagger.tag_documents([[sentence]]) == model.fast.tag_documents([[sentence]])

"""The featurizer's memo is bounded (two generations, MAX_MEMO words together) and never changes a feature."""

from __future__ import annotations

from khabar.ner import features

SENTENCES = [
    "وقال وزير الخارجية الأمريكي جون كيري في جنيف إن المحادثات مع إيران مستمرة .".split(),
    "وأكد كيري أن الاتحاد الأوروبي يدعم الاتفاق الذي وقع في فيينا .".split(),
    "واستقبل أمير منطقة الرياض الأمير فيصل بن بندر وفد الغرفة التجارية .".split(),
]


def test_a_small_memo_gives_the_features_of_an_unbounded_one(monkeypatch):
    from khabar.ner.crf import CrfModel, DEFAULT_MODEL

    model = CrfModel(DEFAULT_MODEL)
    featurizer = model.featurizer
    expected = [(featurizer.sentence(s), featurizer.compact(s), [featurizer.key(w) for w in s]) for s in SENTENCES]
    monkeypatch.setattr(features, "MAX_MEMO", 8)
    featurizer.restrict(featurizer.known, featurizer.known_compact)  # empty memo
    for _ in range(3):  # words leave the young generation, come back from the old one, or are computed again
        got = [(featurizer.sentence(s), featurizer.compact(s), [featurizer.key(w) for w in s]) for s in SENTENCES]
        assert got == expected
        assert len(featurizer._by_word) <= 4 and len(featurizer._old) <= 4
    assert model.tag_document(SENTENCES[:1])[0][0][4:6] == ["B-PER", "I-PER"]

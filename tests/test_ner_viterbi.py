"""The numpy CRF tagger (khabar.ner.viterbi, khabar.ner.votes) gives exactly crfsuite's tags and its marginals."""

from __future__ import annotations

import random

import numpy as np
import pycrfsuite
import pytest

from khabar.ner.crf import DEFAULT_MODEL, CrfModel, _needs_stage2
from khabar.ner.features import SPORT_WORDS, Featurizer, document_counts, document_topics, stage2_features
from khabar.ner.viterbi import marginals, read_crfsuite, segment_sums, viterbi
from khabar.ner.votes import Stage2Codes, document_votes

# Documents written for these tests: a name said in full then bare, places, an organisation, a football report.
DOCUMENTS = [
    [
        "استقبل الرئيس التونسي قيس سعيد وفدا من البنك الدولي في قصر قرطاج .".split(),
        "وقال سعيد إن تونس ماضية في الإصلاح .".split(),
        "وأكد ممثل البنك الدولي دعم تونس .".split(),
    ],
    [
        "فاز نادي الترجي على الأهلي بهدفين في المباراة النهائية للبطولة .".split(),
        "وسجل اللاعب يوسف البلايلي الهدف الأول في الشوط الثاني .".split(),
        "وقال مدرب الفريق إن الفوز على الأهلي في القاهرة صعب .".split(),
        [],
        "«".split() + "ليالي الحلمية".split() + "»".split(),
    ],
    [["الرياض"]],
    [],
]


def _same(reference, fast) -> None:
    assert len(reference) == len(fast)
    for doc_ref, doc_fast in zip(reference, fast):
        assert [tags for tags, _ in doc_ref] == [tags for tags, _ in doc_fast]
        for (_, p_ref), (_, p_fast) in zip(doc_ref, doc_fast):
            assert p_fast == pytest.approx(p_ref, abs=1e-9)


def test_weights_are_read_exactly_from_the_model_file():
    weights = read_crfsuite(DEFAULT_MODEL)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(DEFAULT_MODEL))
    info = tagger.info()  # printed with six decimals, hence the tolerance
    assert weights.labels == tagger.labels()
    assert len(weights.attrs) == len({a for a, _ in info.state_features})
    for (attr, label), w in list(info.state_features.items())[:2000]:
        assert weights.state[weights.attrs[attr], weights.labels.index(label)] == pytest.approx(w, abs=5e-7)
    for (a, b), w in info.transitions.items():
        assert weights.trans[weights.labels.index(a), weights.labels.index(b)] == pytest.approx(w, abs=5e-7)
    assert not weights.state[weights.pad].any()


def _same_restriction(reference: CrfModel, fast: CrfModel) -> None:
    """The fast path restricts the featurizer to the attributes of the weights it read, not of crfsuite's
    info() dump (not parsed there): the same sets, since crfsuite saves only attributes that have a weight."""
    assert fast.featurizer.known == reference.featurizer.known == {a for a, _ in reference.tagger.info().state_features}
    assert fast.featurizer.known_compact == reference.featurizer.known_compact
    if reference.tagger2 is not None:
        assert fast.featurizer.known_compact == {a for a, _ in reference.tagger2.info().state_features}


def test_the_packaged_model_tags_as_crfsuite_does():
    reference, fast = CrfModel(DEFAULT_MODEL, fast=False), CrfModel(DEFAULT_MODEL)
    _same_restriction(reference, fast)
    _same(reference.tag_documents(DOCUMENTS), fast.tag_documents(DOCUMENTS))
    _same([fast.tag_document(DOCUMENTS[0])], fast.tag_documents(DOCUMENTS)[:1])  # batching changes no tag (marginals: the last bit)
    assert fast.tag_documents([]) == [] and fast.tag_documents([[[]]]) == [[([], [])]]
    tags, _ = fast.tag(DOCUMENTS[0][0])
    assert (tags[3:5], tags[7:9], tags[11]) == (["B-PER", "I-PER"], ["B-ORG", "I-ORG"], "B-LOC")  # قيس سعيد; البنك الدولي; قرطاج


def _trained(tmp_path, feature_set: str, written: str = ""):
    from khabar.training.ner import train

    sentences = [
        ("زار الوزير خالد الفيصل مدينة جدة أمس .", "O O B-PERS I-PERS O B-LOC O O"),
        ("وقالت شركة أرامكو إن الإنتاج ارتفع .", "O B-ORG I-ORG O O O O"),
        ("التقى خالد الفيصل رئيس شركة سابك في الرياض .", "O B-PERS I-PERS O B-ORG I-ORG O B-LOC O"),
        ("وصل الوفد إلى جدة قادما من الرياض .", "O O O B-LOC O O B-LOC O"),
        ("وأعلن مهرجان الجنادرية برنامجه .", "O B-MISC I-MISC O O"),
        ("وقال علي حسن إن الوفد وصل على عجل .", "O B-PERS I-PERS O O O O O O"),
    ]
    data = [(s.split(), t.split()) for _ in range(8) for s, t in sentences]
    out = tmp_path / (feature_set + written) / "crf.crfsuite"
    train(data, out, feature_set, {"c1": 0.05, "c2": 0.01, "max_iterations": 30, "feature.possible_transitions": True},
          written=written)
    return out


@pytest.mark.parametrize(("feature_set", "written"), [("full", ""), ("base", ""), ("full", "ya1"), ("full", "ya12")])
def test_a_model_trained_here_tags_as_crfsuite_does(tmp_path, feature_set, written):
    path = _trained(tmp_path, feature_set, written)
    docs = DOCUMENTS + [[s.split() for s in ("قال خالد الفيصل إن جدة جميلة .", "وزار الفيصل شركة سابك .",
                                             "وأكد علي حسن أن الوفد وافق على حسن الاختيار .", "وعلى الوفد أن يصل إلى جدة .")]]
    reference, fast = CrfModel(path, fast=False), CrfModel(path)
    assert (fast.fast.w2 is None) == (reference.tagger2 is None)
    _same_restriction(reference, fast)
    tagged = fast.tag_documents(docs)
    _same(reference.tag_documents(docs), tagged)
    assert [tags for tags, _ in tagged[-1][:2]] == [["O", "B-PER", "I-PER", "O", "B-LOC", "O", "O"], ["O", "O", "B-ORG", "I-ORG", "O"]]
    assert (fast.meta.get("written", ""), fast.featurizer.written) == (written, written)


def _toy_tagger(tmp_path):
    """A small crfsuite model over hand-made attributes, and random items with those attributes."""
    rng = random.Random(7)
    attrs = [f"a{i}" for i in range(12)]
    trainer = pycrfsuite.Trainer(verbose=False)
    for _ in range(40):
        n = rng.randint(1, 7)
        xs = [rng.sample(attrs, 3) for _ in range(n)]
        trainer.append(xs, [("X" if "a1" in x else "Y" if "a2" in x else "Z") for x in xs])
    trainer.set_params({"c2": 0.1, "max_iterations": 50})
    path = str(tmp_path / "toy.crfsuite")
    trainer.train(path)
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    seqs = [[rng.sample(attrs, rng.randint(0, 4)) + ["unknown"] for _ in range(rng.randint(1, 9))] for _ in range(30)]
    return read_crfsuite(path), tagger, seqs


def test_viterbi_and_marginals_equal_crfsuite_on_every_label(tmp_path):
    weights, tagger, seqs = _toy_tagger(tmp_path)
    emission = segment_sums(weights, [x for s in seqs for x in s])
    lengths = np.array([len(s) for s in seqs])
    best, probs = viterbi(emission, lengths, weights.trans), marginals(emission, lengths, weights.trans)
    at = 0
    for s in seqs:
        tagger.set(s)
        assert [weights.labels[i] for i in best[at : at + len(s)]] == tagger.tag()
        for t in range(len(s)):
            for j, label in enumerate(weights.labels):
                assert probs[at + t, j] == pytest.approx(tagger.marginal(label, t), abs=1e-12)
        at += len(s)


def test_ties_go_to_the_first_label_as_in_crfsuite():
    trans = np.zeros((3, 3))
    emission = np.array([[1.0, 1.0, 0.0], [0.0, 2.0, 2.0], [0.5, 0.5, 0.5]])
    assert viterbi(emission, np.array([3]), trans).tolist() == [0, 1, 0]
    assert viterbi(emission[:0], np.array([], dtype=np.int64), trans).tolist() == []


def _reference_stage2(featurizer, doc, tags):
    """features.py's stage 2 inputs of one document: (needs stage 2, the strings stage2_features adds) per sentence."""
    keys = [[featurizer.key(w) for w in s] for s in doc]
    counts = document_counts(keys, tags)
    voted = {k for k, c in counts.items() if len(c) > 1 or "O" not in c}
    topics = document_topics(counts)
    return [(_needs_stage2(k, t, voted), stage2_features([[] for _ in t], k, t, counts, {}, topics)) for k, t in zip(keys, tags)]


def test_document_votes_give_the_strings_of_stage2_features():
    labels = ["B-LOC", "O", "B-ORG", "I-ORG", "B-PERS", "I-PERS", "I-LOC", "B-MISC", "I-MISC"]
    vocab = ["المباراه", "الدوري", "المنتخب", "اللاعب", "الهدف", "جدة", "وجدة", "بجدة", "سابك", "خالد", "،", ".", "2015", "و"]
    featurizer, codes, rng = Featurizer({}, "full"), Stage2Codes(labels), random.Random(11)
    key_ids: dict[str, int] = {}
    for _ in range(300):
        doc = [[rng.choice(vocab) for _ in range(rng.randint(1, 6))] for _ in range(rng.randint(1, 4))]
        tags = [[rng.choice(labels[:2] if rng.random() < 0.5 else labels) for _ in s] for s in doc]
        flat_keys = [featurizer.key(w) for s in doc for w in s]
        ids = np.array([key_ids.setdefault(k, len(key_ids)) if k else -1 for k in flat_keys], dtype=np.int64)
        sport = np.array([k in SPORT_WORDS for k in key_ids] + [False])
        lab = np.array([labels.index(t) for s in tags for t in s], dtype=np.int64)
        lengths = np.array([len(s) for s in doc], dtype=np.int64)
        needs, packed = document_votes(codes, lab, ids, sport, np.zeros(len(lab), dtype=np.int64), lengths)
        expected = _reference_stage2(featurizer, doc, tags)
        assert needs.tolist() == [n for n, _ in expected]
        assert [codes.strings(int(c)) for c in packed] == [f for _, feats in expected for f in feats]


def test_a_small_memo_changes_no_tag(monkeypatch):
    from khabar.ner import viterbi as fast_module

    model = CrfModel(DEFAULT_MODEL)
    expected = model.tag_documents(DOCUMENTS)
    monkeypatch.setattr(fast_module, "MAX_ROWS", 5)
    for _ in range(3):  # each batch after the first starts from an emptied memo
        assert model.tag_documents(DOCUMENTS) == expected
        assert len(model.fast.rows.index) > 5 and len(model.fast.keys) > 0
    _same(model.tag_documents(DOCUMENTS[:1]), expected[:1])  # a batch of its own: the same tags, marginals to the last bit
    assert len(model.fast.rows.index) < 30  # emptied, then only the first document's words


def test_quoted_marks_the_words_features_quoted_marks():
    """FastTagger._quoted walks from each opening mark only; the words it marks are features._quoted's."""
    from khabar.ner.features import _quoted, norm
    from khabar.ner.viterbi import _positions

    fast = CrfModel(DEFAULT_MODEL).fast
    assert "quoted" in fast.w1.attrs  # else nothing below could be marked
    sentences = [
        "قال « ليالي الحلمية » ثم « عنوان طويل جدا لا يغلق قبل سبع كلمات » .".split(),
        'بعنوان " الأرض " و " السماء " .'.split(),
        "( غير مغلق".split(),
        "«".split(),
        "لا علامات هنا".split(),
    ]
    rows = fast._stage1_rows(sentences)
    flat, pos, n = _positions(rows)
    marked = fast._quoted(flat, pos, n, fast.rows.ints[flat, 2]) == fast.w1.attrs["quoted"]
    expected = [q for words in sentences for q in _quoted([norm(w) for w in words])]
    assert marked.tolist() == expected
    assert sum(expected) == 2 + 3  # ليالي الحلمية; الأرض, و and السماء (each " opens as well as closes)

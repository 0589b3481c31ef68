"""Name-swapped training copies (ner_augment) and the sports-report topic of stage 2 (ner_features)."""

import pytest

from khabar.training.augment import read_training_names, swap_names
from khabar.ner.features import document_topics, stage2_features


def _lists(folder):
    # the two formats of ../shared/data/gazetteers, with names written for this test
    (folder / "anetac-en-ar-named-entities.txt").write_text(
        "PERSON Karim كريم\nORGANIZATION Al Hilal Club نادي الهلال\nORGANIZATION Aramco أرامكو\nLOCATION Jeddah جدة\n", encoding="utf-8")
    (folder / "ANERGazet_Org.txt").write_text("الأمم المتحدة\n====\nأرامكو\n", encoding="utf-8")
    return folder


def test_training_names_come_from_both_lists_sorted_with_separators_skipped(tmp_path):
    names = read_training_names(_lists(tmp_path))
    assert names == {"ORG": [["أرامكو"], ["أرامكو"], ["الأمم", "المتحدة"], ["نادي", "الهلال"]]}
    assert read_training_names(tmp_path, ("PERS", "LOC")) == {"PERS": [["كريم"]], "LOC": [["جدة"]]}


def test_swap_replaces_each_organisation_and_keeps_everything_else():
    sentences = [
        ("قالت وكالة الأنباء السودانية إن الرئيس عمر البشير غادر .".split(), "O B-ORG I-ORG I-ORG O O B-PERS I-PERS O O".split()),
        ("وصل الوفد إلى الخرطوم أمس .".split(), "O O O B-LOC O O".split()),
    ]
    names = {"ORG": [["نادي", "الهلال"]]}
    copies = swap_names(sentences, names)
    assert copies == [("قالت نادي الهلال إن الرئيس عمر البشير غادر .".split(), "O B-ORG I-ORG O O B-PERS I-PERS O O".split())]
    assert swap_names(sentences, names, share=0.0) == [sentences[0]]  # nothing swapped: the sentence as it was


def test_swap_is_deterministic_for_a_seed():
    sentences = [(["شركة", "أرامكو", "و", "سابك"], ["B-ORG", "I-ORG", "O", "B-ORG"])] * 5
    names = {"ORG": [[f"منظمة{i}"] for i in range(50)]}
    assert swap_names(sentences, names, seed=3) == swap_names(sentences, names, seed=3)
    assert swap_names(sentences, names, seed=3) != swap_names(sentences, names, seed=4)


def test_a_football_report_marks_places_and_organisations_for_stage_2():
    report = {"مباراه": {"O": 1}, "الدوري": {"O": 2}, "المدرب": {"O": 1}, "برشلونه": {"LOC": 2}}
    politics = {"الوزير": {"O": 1}, "الدوري": {"O": 1}, "برشلونه": {"LOC": 1}}
    assert document_topics(report) == ("sport",) and document_topics(politics) == ()
    feats = [["w=فاز"], ["w=برشلونه"], ["w=ميسي"]]
    tags = ["O", "B-LOC", "B-PERS"]
    out = stage2_features(feats, ["فاز", "برشلونه", "ميسي"], tags, report, topics=("sport",))
    assert "sp|t=B-LOC" in out[1] and not any(f.startswith("sp") for f in out[0] + out[2])
    assert not any(f.startswith("sp") for fs in stage2_features(feats, ["فاز", "برشلونه", "ميسي"], tags, report) for f in fs)


# A football report that names برشلونة three times and ميلان once (the tests of the packaged model below).
FOOTBALL_REPORT = [
    "فاز برشلونة على ضيفه إشبيلية بهدفين في مباراة الدوري الإسباني .".split(),
    "وقال مدرب برشلونة إن الفريق قدم أفضل مباراة هذا الموسم .".split(),
    "ويلتقي برشلونة مع ميلان في الجولة المقبلة من البطولة .".split(),
]


def test_the_packaged_model_reads_a_city_as_its_club_in_a_football_report_only():
    from khabar.ner.crf import DEFAULT_MODEL, CrfModel

    model = CrfModel(DEFAULT_MODEL)
    report = FOOTBALL_REPORT
    visit = [
        "وصل وزير الخارجية إلى برشلونة أمس في زيارة رسمية .".split(),
        "ويلتقي الوزير في برشلونة رئيس حكومة الإقليم .".split(),
    ]

    def named(doc):
        return [[(w, t) for w, t in zip(words, tags) if t != "O"] for words, (tags, _) in zip(doc, model.tag_document(doc))]

    # ميلان, a club the report names once, is the news-trained model's miss: see the strict xfail below
    assert [sent[:1] for sent in named(report)] == [[("برشلونة", "B-ORG")]] * 3
    assert named(report)[0][1:] == [("إشبيلية", "B-ORG")]
    assert named(visit) == [[("برشلونة", "B-LOC")], [("برشلونة", "B-LOC")]]


def test_the_club_before_the_preposition_ala_in_a_football_report():
    """The written-ى model (issue 13) tagged this برشلونة LOC; the news-trained model (issue 12) has it right again."""
    from khabar.ner.crf import DEFAULT_MODEL, CrfModel

    report = FOOTBALL_REPORT
    tags, _ = CrfModel(DEFAULT_MODEL).tag_document(report)[0]
    assert tags[1] == "B-ORG"


@pytest.mark.xfail(strict=True, reason="issue 12: the news-trained model tags ميلان, named once in the report, LOC; the model before it, ORG")
def test_a_club_named_once_in_a_football_report():
    from khabar.ner.crf import DEFAULT_MODEL, CrfModel

    report = FOOTBALL_REPORT
    tags, _ = CrfModel(DEFAULT_MODEL).tag_document(report)[2]
    assert tags[3] == "B-ORG"

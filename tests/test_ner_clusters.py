"""Word clusters for NER: tokenising for the build, the table format, the features, and the shipped table."""

from __future__ import annotations

import gzip

from khabar.ner.clusters import CLUSTERS, ClusterFeatures, load_features, read_clusters, tokenize
from khabar.training.clusters import write_clusters


def test_tokenize_normalises_like_the_featurizer():
    text = "قالَ وزيرُ الخارجيةِ إنّ «المحادثات» ستُستأنفُ في ٢٠٢٥."
    assert tokenize(text) == ["قال", "وزير", "الخارجيه", "ان", "«", "المحادثات", "»", "ستستانف", "في", "2025", "."]


def test_tokenize_keeps_clitics_attached_and_splits_latin():
    assert tokenize("وبالرياض شركةُ Aramco،") == ["وبالرياض", "شركه", "Aramco", "،"]


def test_write_read_roundtrip_is_byte_identical(tmp_path):
    words = ["الرياض", "جده", "محمد"]
    ids = [(3, 17, 400), (3, 17, 401), (9, 80, 12)]
    a, b = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    write_clusters(a, words, ids, (64, 256, 1024))
    write_clusters(b, words, ids, (64, 256, 1024))
    assert a.read_bytes() == b.read_bytes()  # no timestamp in the gzip header: rebuilds diff cleanly
    assert read_clusters(a) == {"الرياض": ("3", "17", "400"), "جده": ("3", "17", "401"), "محمد": ("9", "80", "12")}
    cf = load_features(a)
    assert cf.ks == (64, 256, 1024)


def test_features_of_word_and_of_its_core():
    cf = ClusterFeatures({"الرياض": ("3", "17", "400"), "رياض": ("5", "30", "99"), "جده": ("3", "17", "401")}, (64, 256, 1024))
    # the word is known and so is its core (article off)
    own, ctx = cf("الرياض")
    assert own == ["k64=3", "k256=17", "k1024=400", "ck64=5", "ck256=30", "ck1024=99"]
    assert ctx == ["k64=3", "k256=17"]  # neighbours see the coarse ids only
    # a rare clitic form unknown to the table falls back to its core for context
    own, ctx = cf("وبالرياض")
    assert own == ["ck64=5", "ck256=30", "ck1024=99"]
    assert ctx == ["k64=5", "k256=30"]
    # a word without proclitics has no separate core feature
    assert cf("جده") == (["k64=3", "k256=17", "k1024=401"], ["k64=3", "k256=17"])
    assert cf("مجهولتماما") == ([], [])


def test_shipped_table_is_small_and_holds_single_normalised_words():
    assert CLUSTERS.stat().st_size < 3_000_000
    with gzip.open(CLUSTERS, "rt", encoding="utf-8") as fh:
        assert fh.readline() == "#word\tk64\tk256\tk1024\n"
    table = read_clusters(CLUSTERS)
    assert 50_000 <= len(table) <= 100_000
    for word, ids in table.items():
        assert word and " " not in word and len(ids) == 3
        assert not any(c in word for c in "أإآىة\u064e\u0640"), word
    assert {"k1024=" + table["محمد"][2]} != {"k1024=" + table["بيروت"][2]}


def test_shipped_clusters_group_names_by_kind():
    table = read_clusters(CLUSTERS)
    # the point of the clusters: an unseen name shares ids with names of its kind, not with names of another kind
    given = ("محمد", "احمد", "ابراهيم", "خالد", "عبدالله")
    capitals = ("بغداد", "دمشق", "بيروت", "القاهره")
    assert len({table[w][1] for w in capitals}) == 1  # one k256 cluster of Arab capitals

    def shares(a, b):
        return any(x == y for x, y in zip(table[a], table[b]))

    for w in given:
        assert any(shares(w, o) for o in given if o != w), w
        assert not any(shares(w, c) for c in capitals), w


def test_a_file_without_the_header_is_refused(tmp_path):
    import pytest

    bad = tmp_path / "bad.tsv.gz"
    with gzip.open(bad, "wt", encoding="utf-8") as fh:
        fh.write("الرياض\t3\t17\n")
    with pytest.raises(ValueError, match="not a cluster table"):
        load_features(bad)


def test_featurizer_adds_cluster_ids_for_the_word_its_neighbours_and_stage_2():
    from khabar.ner.features import Featurizer

    cf = ClusterFeatures({"ارسنال": ("40", "80", "856"), "فاز": ("7", "9", "11"), "امس": ("2", "3", "4")}, (64, 256, 1024))
    f = Featurizer({}, "full", cf)
    feats = f.sentence(["فاز", "آرسنال", "أمس"])
    mid = feats[1]
    assert {"k64=40", "k256=80", "k1024=856"} <= set(mid)  # own ids, after normalising آ -> ا
    assert {"-1:k64=7", "-1:k256=9", "1:k64=2", "1:k256=3"} <= set(mid)  # neighbours: coarse ids only
    assert not any(x.endswith("k1024=11") or x.endswith("k1024=4") for x in mid)
    assert "-2:k64=7" not in feats[2]  # ±2 neighbours carry no cluster ids
    # stage 2's compact list keeps the word's own ids
    assert {"k64=40", "k256=80", "k1024=856"} <= set(f.compact(["فاز", "آرسنال", "أمس"])[1])
    # without clusters nothing changes
    plain = Featurizer({}, "full").sentence(["فاز", "آرسنال", "أمس"])
    assert [[x for x in fs if "k64=" not in x and "k256=" not in x and "k1024=" not in x] for fs in feats] == plain


def test_packaged_model_uses_the_shipped_clusters():
    from khabar.ner.crf import DEFAULT_MODEL, load_model

    model = load_model("")
    assert model.meta["clusters"] == CLUSTERS.name and DEFAULT_MODEL.parent == CLUSTERS.parent
    assert model.featurizer.clusters is not None
    assert any(a.startswith(("k64=", "k256=", "k1024=")) for a in model.featurizer.known)  # the model has weights for them

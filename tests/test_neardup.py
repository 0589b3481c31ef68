"""Near-duplicate clusters: a wire story republished with small edits joins
the first copy's cluster; a different story on the same topic does not."""

from __future__ import annotations

from khabar.ingest import NearDuplicateIndex, doc_id_for, near_duplicate_clusters, signature
from khabar.ingest.neardup import NUM_PERM

WIRE = (
    "أعلنت وزارة الطاقة اليوم الأحد عن خطة جديدة لتوسيع شبكة الكهرباء في المناطق الشمالية خلال السنوات الخمس المقبلة، "
    "وقال وزير الطاقة في مؤتمر صحفي عقده في العاصمة إن الخطة تشمل بناء ثلاث محطات توليد تعمل بالطاقة الشمسية "
    "بقدرة إجمالية تبلغ ألفي ميغاواط، إضافة إلى مد خطوط نقل جديدة بطول أربعمئة كيلومتر تربط المدن الصغيرة بالشبكة الوطنية. "
    "وأوضح الوزير أن تكلفة المشروع تقدر بنحو ستة مليارات ريال، وأن القطاع الخاص سيشارك في تمويل جزء منه عبر عقود طويلة الأجل. "
    "وأشار إلى أن المرحلة الأولى ستبدأ مطلع العام المقبل وتستمر ثمانية عشر شهرا، وستوفر نحو خمسة آلاف فرصة عمل للمواطنين. "
    "ومن المتوقع أن تسهم الخطة في خفض انبعاثات الكربون وتقليل الاعتماد على الوقود التقليدي في توليد الكهرباء."
)
# The same story as another outlet runs it: its own dateline, a word dropped, a word changed.
REPUBLISHED = "الرياض - واس: " + WIRE.replace("اليوم الأحد", "الأحد").replace("بنحو", "بحوالي")
OTHER = (
    "قالت شركة الكهرباء الوطنية إن انقطاع التيار الذي شهدته عدة أحياء في المنطقة الشمالية مساء أمس نتج عن عطل فني "
    "في إحدى محطات التحويل، وأكدت الشركة في بيان أن فرقها أعادت الخدمة إلى معظم المشتركين خلال ساعتين، "
    "واعتذرت عن الإزعاج الذي سببه الانقطاع، داعية المواطنين إلى الإبلاغ عن أي أعطال عبر الرقم المجاني. "
    "وأضاف البيان أن الشركة ستعوض المتضررين وفق اللوائح المعمول بها، وأن التحقيق في أسباب العطل لا يزال جاريا."
)


def test_republished_story_joins_the_first_copy_and_another_story_does_not():
    docs = [(doc_id_for(t), t) for t in (WIRE, OTHER, REPUBLISHED)]
    clusters = near_duplicate_clusters(docs, threshold=0.8)
    wire_id, other_id, copy_id = (d for d, _ in docs)
    assert clusters == {wire_id: wire_id, other_id: other_id, copy_id: wire_id}


def test_cluster_named_by_the_first_member_in_input_order():
    docs = [(doc_id_for(t), t) for t in (REPUBLISHED, WIRE)]
    clusters = near_duplicate_clusters(docs, threshold=0.8)
    assert set(clusters.values()) == {docs[0][0]}


def test_a_strict_threshold_separates_the_edited_copy():
    docs = [(doc_id_for(t), t) for t in (WIRE, REPUBLISHED)]
    clusters = near_duplicate_clusters(docs, threshold=0.99)
    assert clusters[docs[1][0]] == docs[1][0]


def test_incremental_a_later_run_joins_clusters_of_earlier_runs():
    first_run = NearDuplicateIndex(threshold=0.8)
    wire_id = doc_id_for(WIRE)
    assert first_run.add(wire_id, WIRE) == wire_id
    stored = first_run.signatures()
    assert len(stored[wire_id]) == NUM_PERM * 4 and stored[wire_id] == signature(WIRE)
    known = [(wire_id, wire_id, stored[wire_id])]
    later = near_duplicate_clusters([(doc_id_for(REPUBLISHED), REPUBLISHED), (doc_id_for(OTHER), OTHER)], 0.8, known=known)
    assert later == {doc_id_for(REPUBLISHED): wire_id, doc_id_for(OTHER): doc_id_for(OTHER)}


def test_texts_without_words_and_repeated_ids_are_their_own_clusters():
    clusters = near_duplicate_clusters([("a", "..."), ("b", "؟!"), ("c", WIRE), ("c", WIRE)], 0.8)
    assert clusters == {"a": "a", "b": "b", "c": "c"}
    assert signature("...") == b""


def _variants(count: int) -> list[str]:
    """Distinct made-up stories: WIRE and OTHER with numbered words swapped in, every third a near copy of the one before."""
    texts = []
    for n in range(count):
        base = WIRE if n % 2 else OTHER
        if n % 3 == 2:
            texts.append(texts[-1].replace("الكهرباء", "الطاقة الكهربائية", 1))
        else:
            texts.append(" ".join(f"{word}{n}" if i % 4 == n % 4 else word for i, word in enumerate(base.split())))
    return texts


def test_clustering_against_a_state_read_in_parts_equals_the_whole_state():
    import pyarrow as pa

    from khabar.ingest import commit

    def docs_of(texts: list[str], dt: str) -> dict[str, list[dict]]:
        return {dt: [{"doc_id": doc_id_for(t), "text": t, "raw_path": "f", "raw_record": i} for i, t in enumerate(texts)]}

    old = _variants(30)
    new = [REPUBLISHED, WIRE, old[4].replace("الشركة", "المؤسسة", 1), old[13] + " تحديث", OTHER + " تحديث"]
    clusters_old, state = commit.cluster_documents(commit.MINHASH_STATE.empty_table(), docs_of(old, "2026-03-01"), 0.8)
    whole, whole_state = commit.cluster_documents(state, docs_of(new, "2026-03-02"), 0.8)
    parts = [state.slice(0, 7), state.slice(7, 13), state.slice(20)]
    in_parts, added = commit.cluster_against(parts, docs_of(new, "2026-03-02"), 0.8)
    assert in_parts == whole
    assert pa.concat_tables([state, added]).equals(whole_state)
    assert len(set(clusters_old.values())) < len(old)  # the near copies joined their originals
    assert whole[doc_id_for(new[2])] == clusters_old[doc_id_for(old[4])]  # a new copy joins a cluster of the state
    # Of the earlier documents only the possible candidates are kept.
    index = NearDuplicateIndex(0.8)
    keys = commit.np.unique(commit.band_keys([signature(t) for t in new], index.bands))
    kept = commit._candidates(state, keys, pa.array([], pa.string()), index.bands).num_rows
    assert 0 < kept < state.num_rows


def test_clustering_on_arrays_equals_the_index_added_row_by_row():
    """cluster_signatures (the ingest commit's) against NearDuplicateIndex on signatures with
    planted near copies: some values changed (below and above the threshold, some bands equal),
    known rows with their clusters, a repeated doc_id and rows without words."""
    import numpy as np

    from khabar.ingest.neardup import _SIG_DTYPE, cluster_signatures

    rng = np.random.default_rng(7)
    sigs = []
    for n in range(400):
        if n and n % 3 == 0:  # a copy of an earlier row with 5 to 40 of 128 values changed
            values = np.frombuffer(sigs[rng.integers(0, n)] or rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32).tobytes(), _SIG_DTYPE).copy()
            changed = rng.choice(NUM_PERM, size=rng.integers(5, 40), replace=False)
            values[changed] = rng.integers(0, 2**32, changed.size, dtype=np.uint32)
            sigs.append(values.tobytes())
        else:
            sigs.append(b"" if n % 37 == 5 else rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32).tobytes())
    rows = [(f"d{n}", f"c{n % 7}" if n < 60 else None, sig) for n, sig in enumerate(sigs)] + [("d70", None, sigs[3])]
    for threshold in (0.8, 0.7):
        index = NearDuplicateIndex(threshold)
        expected = {doc_id: index.add(doc_id, signature=sig, cluster_id=cluster) for doc_id, cluster, sig in rows}
        got = cluster_signatures(rows, threshold)
        assert got == expected
        assert sum(1 for doc_id, c in got.items() if c != doc_id and int(doc_id[1:]) >= 60) > 20  # copies joined earlier rows


def test_signature_is_datasketchs_affine32_minhash():
    """signature() computes with numpy what datasketch's MinHash gives (the stored signatures stay valid)."""
    from khabar.ingest.neardup import _minhash

    long_text = " ".join(f"{WIRE} {i}" for i in range(60))  # more shingles than one chunk of _CHUNK
    for text in (WIRE, REPUBLISHED, OTHER, "قال الوزير", "الرياض", long_text):
        assert signature(text) == _minhash(text).hashvalues.astype("<u4").tobytes()


def test_lsh_bands_are_datasketchs():
    from khabar.ingest.neardup import lsh_bands

    for threshold in [i / 40 for i in range(1, 41)] + [0.8, 0.83, 0.01, 0.99]:
        lsh_bands.cache_clear()
        assert lsh_bands(threshold) == NearDuplicateIndex(threshold).bands, threshold
    assert lsh_bands(0.8) == (16, 8)


def test_a_run_does_not_import_datasketch():
    """Signatures and bands come without datasketch (and scipy): ~0.5 s of CPU in every process of a run."""
    import subprocess
    import sys

    code = ("import sys; from khabar.ingest.neardup import signature, lsh_bands; "
            f"signature({WIRE!r}); lsh_bands(0.8); print('datasketch' in sys.modules, 'scipy' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split() == ["False", "False"]

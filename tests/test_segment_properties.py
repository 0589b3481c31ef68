"""Properties over arbitrary text: normalise and segment never raise, the
offset map is monotonic, token spans are ordered, disjoint, inside the text,
match their form and cover every visible character."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.arabic import INVISIBLE, to_original
from khabar.config import DEFAULTS
from khabar.normalise import normalise_text
from khabar.segment import clitic_function, segment_text

NORM = DEFAULTS["normalise"]
SEG = DEFAULTS["segment"]
CLITICS = clitic_function(SEG, NORM)

# Characters that exercise every branch: Arabic letters and marks, tatweel,
# presentation forms, digits of three scripts, separators, stops, quotes,
# bidi and zero-width controls, whitespace of several kinds, emoji parts.
NEWS_CHARS = list(
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآىةؤئ"
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0653\u0654\u0640"
    "ﻻﷲﷺ﷽ﹼﹽ"
    "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳"
    "٫٬٪.,:;!?؟؛،-«»\"“”(){}[]#@/%"
    "\u200b\u200c\u200d\u200e\u200f\u202b\u202c\u2066\u2069\u061c\ufeff\x00\x07"
    " \t\n\r\u00a0\u2028\u3000"
    "abcXYZé\u0301👍🏽👨👩\ufe0f"
)
texts = st.one_of(
    st.text(alphabet=st.sampled_from(NEWS_CHARS), max_size=80),
    st.text(max_size=60),
    st.lists(st.sampled_from(["وقال", " ", ".", "د.", "3.5", "«", "»", "\n", "بالعراق", "ـ", "َ", "http://a.sa/x", "a@b.com", "ﻻ", "\u200f", "  "]), max_size=25).map("".join),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_normalise_map_is_monotonic_and_bounded(text):
    res = normalise_text(text, NORM)
    positions = [to_original(res.map_norm, res.map_orig, i) for i in range(len(res.text) + 1)]
    assert positions == sorted(positions)
    assert all(0 <= p <= len(text) for p in positions)
    assert res.map_norm == sorted(res.map_norm)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_segment_spans_cover_the_text(text):
    res = normalise_text(text, NORM)
    seg = segment_text(text, res.text, res.map_norm, res.map_orig, SEG, NORM, CLITICS)
    starts, ends = seg.tok_start.tolist(), seg.tok_end.tolist()
    assert len(starts) == len(ends) == len(seg.form) == len(seg.norm) == len(seg.kind) == len(seg.segments) == len(seg.tok_sent)
    covered = [False] * len(text)
    prev = 0
    for a, b, form in zip(starts, ends, seg.form):
        assert prev <= a < b <= len(text)
        assert text[a:b] == form
        prev = b
        for i in range(a, b):
            covered[i] = True
    for i, ch in enumerate(text):
        if not ch.isspace() and ch not in INVISIBLE:
            assert covered[i], (i, repr(text))
    s_start, s_end = seg.sent_start.tolist(), seg.sent_end.tolist()
    assert all(a < b for a, b in zip(s_start, s_end))
    assert all(b <= a for b, a in zip(s_end, s_start[1:]))
    for k, a, b in zip(seg.tok_sent.tolist(), starts, ends):
        assert s_start[k] <= a and b <= s_end[k]
    assert len(seg.sent_heading) == len(s_start)


configs = st.fixed_dictionaries({k: st.booleans() for k in NORM})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, configs)
def test_any_normalise_configuration_keeps_spans_exact(text, norm_cfg):
    res = normalise_text(text, norm_cfg)
    positions = [to_original(res.map_norm, res.map_orig, i) for i in range(len(res.text) + 1)]
    assert positions == sorted(positions) and all(0 <= p <= len(text) for p in positions)
    seg = segment_text(text, res.text, res.map_norm, res.map_orig, SEG, norm_cfg, clitic_function(SEG, norm_cfg))
    prev = 0
    for a, b, form in zip(seg.tok_start.tolist(), seg.tok_end.tolist(), seg.form):
        assert prev <= a < b <= len(text) and text[a:b] == form
        prev = b


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts.filter(lambda t: not any(0xD800 <= ord(c) < 0xE000 for c in t)), min_size=1, max_size=4))
def test_tables_match_the_texts(batch):
    import pyarrow as pa

    from khabar.normalise import normalise_documents
    from khabar.segment import segment_documents

    docs = pa.table({"doc_id": [f"d{i}" for i in range(len(batch))], "text": batch})
    sents, toks = segment_documents(docs, normalise_documents(docs, NORM), SEG, NORM)
    for r in toks.to_pylist():
        text = batch[int(r["doc_id"][1:])]
        assert text[r["start"] : r["end"]] == r["form"]
        assert r["norm"] and r["segments"]
    for r in sents.to_pylist():
        assert r["start"] < r["end"] <= len(batch[int(r["doc_id"][1:])])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.data())
def test_original_span_is_trimmed_and_covers_its_characters(text, data):
    from khabar.arabic import original_span

    res = normalise_text(text, NORM)
    n = len(res.text)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    oa, ob = original_span(text, res.map_norm, res.map_orig, a, b, n)
    assert 0 <= oa <= ob <= len(text)
    if ob > oa:
        assert not text[oa].isspace() and not text[ob - 1].isspace()
        assert text[oa] not in INVISIBLE and text[ob - 1] not in INVISIBLE
    # every visible normalised character inside [a, b) comes from inside the span
    for i in range(a, b):
        if not res.text[i].isspace():
            assert oa <= to_original(res.map_norm, res.map_orig, i) < max(ob, oa + 1)

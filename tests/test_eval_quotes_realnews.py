"""The real-news quote dev set (tests/realnews/quotes-dev.jsonl) and its scoring.

The articles are read from ../shared/data at run time (never stored here);
the speaker matching and counting are checked on sentences written for this test.
"""

from __future__ import annotations

import json
from pathlib import Path

from khabar.evaluate.quotes_realnews import score_quotes, speaker_matches

DEV_SET = Path(__file__).resolve().parent / "realnews" / "quotes-dev.jsonl"


def test_dev_set_stores_no_text():
    for raw in DEV_SET.read_text(encoding="utf-8").splitlines():
        entry = json.loads(raw)
        assert set(entry) == {"file", "line", "sha256", "quotes"}
        for start, end, speakers in entry["quotes"]:
            assert isinstance(start, int) and isinstance(end, int) and start < end
            assert all(isinstance(a, int) and isinstance(b, int) and a < b for a, b in speakers)


def test_speaker_matches_a_tail_of_the_mention_ending_with_its_last_word():
    gold = ["وزير الخارجية عادل الجبير"]
    assert speaker_matches("عادل الجبير", gold) and speaker_matches("الجبير", gold)
    assert speaker_matches("وزير الخارجية عادل الجبير", gold)
    assert not speaker_matches("وزير الخارجية", gold)
    assert not speaker_matches("عادل الجبير في مؤتمر", gold)
    assert speaker_matches("وكالة «رويترز»", ["وكالة «رويترز»"])  # marks do not count
    assert speaker_matches(None, []) and not speaker_matches("مصدر", [])


def test_score_counts_found_exact_right_speaker_and_spurious():
    text = "قال الوزير سامي العلي إن «الخطة جاهزة». وشاهد الجمهور فيلم «الطريق»."
    q = text.index("الخطة")
    entry = {"doc_id": "d", "text": text,
             "quotes": [(q, q + len("الخطة جاهزة"), [(text.index("الوزير"), text.index(" إن"))])]}
    pred = {"d": [{"start": q, "end": q + len("الخطة جاهزة"), "speaker": "سامي العلي"},
                  {"start": text.index("الطريق"), "end": text.index("الطريق") + 6, "speaker": None}]}
    counts, errors = score_quotes([entry], pred)
    assert counts == {"gold": 1, "found": 1, "exact": 1, "speaker_right": 1, "predicted": 2, "spurious": 1}
    assert len(errors) == 1 and "SPURIOUS" in errors[0]

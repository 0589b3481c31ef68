"""How the extract stage cuts shards into work units, and that a shard cut into pieces gives the rows of the whole shard."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from khabar import schemas, stages
from khabar.config import load_config
from khabar.stages import _makespan, extract_pieces, piece_bounds


# (documents, bytes of text) of the four shards of SaudiNewsNet's 2015-07-21..23 (numbers, no text)
THREE_DAYS = [(1398, 5_637_923), (1397, 5_623_339), (1963, 6_351_998), (1284, 3_706_150)]


def test_three_days_on_two_workers_are_cut_so_that_both_finish_together():
    units = extract_pieces(THREE_DAYS, 2)
    assert units == [(2, 0, 2), (2, 1, 2), (0, 0, 2), (0, 1, 2), (1, 0, 2), (1, 1, 2), (3, 0, 2), (3, 1, 2)]  # largest first
    costs = [THREE_DAYS[i][1] / n + stages.UNIT_OVERHEAD for i, _, n in units]
    assert _makespan(costs, 2) == pytest.approx(sum(costs) / 2)
    # the shards whole end later, even largest first: one worker's last shard runs alone
    assert _makespan([b + stages.UNIT_OVERHEAD for _, b in THREE_DAYS], 2) > 1.015 * sum(costs) / 2


def test_makespan_follows_the_largest_first_hand_out():
    assert _makespan([5, 4, 3, 3, 3], 2) == 10  # 5+3, 4+3+3
    assert _makespan([], 3) == 0
    assert _makespan([7], 3) == 7


def test_small_shards_and_one_worker_are_not_cut():
    assert extract_pieces([(6, 9_000), (3, 5_000)], 2) == [(0, 0, 1), (1, 0, 1)]  # under MIN_PIECE_DOCS a piece
    assert extract_pieces(THREE_DAYS, 1) == [(2, 0, 1), (0, 0, 1), (1, 0, 1), (3, 0, 1)]
    assert extract_pieces([], 2) == []
    assert extract_pieces([(0, 0), (0, 0)], 2) == [(0, 0, 1), (1, 0, 1)]


def test_one_large_shard_is_cut_for_every_worker():
    units = extract_pieces([(3000, 9_000_000)], 4)
    assert len(units) % 4 == 0 and units == [(0, k, len(units)) for k in range(len(units))]
    assert all(n <= stages.MAX_PIECES for _, _, n in units)


@pytest.mark.parametrize("lengths", [[10] * 7, [1, 50, 3, 3, 3, 100, 2, 2], [0, 0, 0], [500], [], [5, 0, 0, 5]])
@pytest.mark.parametrize("pieces", [1, 2, 3, 5])
def test_pieces_cover_the_documents_once_in_order(lengths, pieces):
    bounds = [piece_bounds(lengths, k, pieces) for k in range(pieces)]
    assert bounds[0][0] == 0 and bounds[-1][1] == len(lengths)
    assert all(lo <= hi for lo, hi in bounds)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))


def test_pieces_hold_about_equal_text():
    assert [piece_bounds([10] * 8, k, 4) for k in range(4)] == [(0, 2), (2, 4), (4, 6), (6, 8)]
    # a document goes where the middle of its text falls: the long one to piece 1, which it overfills
    assert [piece_bounds([10, 60, 10, 20], k, 4) for k in range(4)] == [(0, 1), (1, 2), (2, 2), (2, 4)]
    assert [piece_bounds([5, 0, 95], k, 2) for k in range(2)] == [(0, 2), (2, 3)]


# Written for this test: short made-up news items with people, places, dates, amounts and a quote.
TEXTS = [
    "قال وزير المالية خالد العمري في الرياض يوم الأحد 5 يوليو 2015 إن الإيرادات بلغت 300 مليون ريال.",
    "أكد الأمين العام لجامعة الدول العربية أن الاجتماع سيعقد في القاهرة الأسبوع المقبل.",
    "وصل الرئيس التونسي قيس سعيد إلى الجزائر أمس في زيارة تستمر يومين.",
    "وقالت المتحدثة باسم الوزارة سارة الأحمد: «نعمل على خطة جديدة لدعم 20 ألف أسرة».",
    "ارتفع مؤشر السوق بنسبة 2 في المئة إلى 9 آلاف نقطة.",
]


def test_a_shard_cut_into_pieces_gives_the_rows_of_the_whole_shard():
    config = load_config()
    now = datetime(2015, 7, 5, tzinfo=UTC)
    rows = [{"doc_id": f"{i:016x}", "text": t, "published_at": now, "source": "test", "raw_path": "test", "raw_record": i, "ingested_at": now}
            for i, t in enumerate(TEXTS)]
    documents = schemas.table_from_rows("documents", rows)
    sentences, tokens = stages.segment(documents, stages.normalise(documents, config), config)
    whole = stages.extract(documents, sentences, tokens, config)
    assert all(whole[name].num_rows for name in ("entities", "quotes", "dates", "amounts"))
    for pieces in (2, 3, 5):
        parts = [stages.extract(*stages.extract_piece(documents, sentences, tokens, k, pieces), config) for k in range(pieces)]
        for name, table in whole.items():
            assert [row for part in parts for row in part[name].to_pylist()] == table.to_pylist(), (pieces, name)

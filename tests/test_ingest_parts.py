"""A raw file read in parts by several workers gives, put together, exactly
the rows of one whole read: same rows, same order, the same stop at a record
limit or at an error one part met."""

from __future__ import annotations

import json

import pytest

from khabar.config import DEFAULTS
from khabar.ingest import read_raw_file, read_raw_file_part
from khabar.ingest import reader as reader_module
from khabar.ingest.commit import SEQ, merge_parts

CFG = {**DEFAULTS["ingest"], "min_arabic_ratio": 0.5}
ARTICLE = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة {n} بسعة مئتي سرير."


def _write(tmp_path, lines: list[str]):
    path = tmp_path / "day.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _records(count: int) -> list[str]:
    lines = []
    for n in range(count):
        if n % 5 == 3:
            lines.append("{not json")  # a bad record among the good ones
        elif n % 7 == 6:
            lines.append(json.dumps({"text": "English only text here.", "date": "2015-07-21"}))
        else:
            lines.append(json.dumps({"text": ARTICLE.format(n=n), "date": f"2015-07-{21 + n % 3}T08:00:00Z", "title": f"خبر {n}"}, ensure_ascii=False))
    return lines


def _in_parts(path, root, cfg, parts: int) -> list[dict]:
    doc_parts, quarantine_parts = [], []
    for part in range(parts):
        docs, quarantined = [], []
        for seq, item in read_raw_file_part(path, root, cfg, part, parts):
            (docs if item["kind"] == "document" else quarantined).append({**item, SEQ: seq})
        doc_parts.append(docs)
        quarantine_parts.append(quarantined)
    docs, quarantined = merge_parts(doc_parts, quarantine_parts)
    return docs + quarantined


def _whole(path, root, cfg) -> list[dict]:
    items = list(read_raw_file(path, root, cfg))
    return [i for i in items if i["kind"] == "document"] + [i for i in items if i["kind"] != "document"]


@pytest.mark.parametrize("parts", [1, 2, 3, 7])
def test_parts_put_together_equal_the_whole_file(tmp_path, parts):
    path = _write(tmp_path, _records(40))
    whole = _whole(path, tmp_path, CFG)
    assert {i["kind"] for i in whole} == {"document", "quarantine"}
    assert _in_parts(path, tmp_path, CFG, parts) == whole


def test_the_record_limit_stops_every_part_where_the_whole_read_stops(tmp_path):
    path = _write(tmp_path, _records(40))
    cfg = {**CFG, "max_records_per_file": 17}
    whole = _whole(path, tmp_path, cfg)
    assert [i["reason"] for i in whole if i.get("reason") == "too_many_records"] == ["too_many_records"]
    assert _in_parts(path, tmp_path, cfg, 3) == whole


def test_an_error_in_one_part_cuts_the_others_where_the_whole_read_stops(tmp_path, monkeypatch):
    path = _write(tmp_path, _records(40))
    original = reader_module._Reader.document

    def failing(self, raw_path, raw):
        if raw.index == 12:
            raise RuntimeError("boom")
        return original(self, raw_path, raw)

    monkeypatch.setattr(reader_module._Reader, "document", failing)
    whole = _whole(path, tmp_path, CFG)
    assert whole[-1]["reason"] == "parse_error"
    assert _in_parts(path, tmp_path, CFG, 3) == whole


def test_an_empty_file_gives_one_row_from_the_first_part_only(tmp_path):
    path = _write(tmp_path, ["", "   "])
    whole = _whole(path, tmp_path, CFG)
    assert len(whole) == 1
    assert _in_parts(path, tmp_path, CFG, 2) == whole

"""A real crawl day of SaudiNewsNet: every record accounted for."""

from __future__ import annotations

import gzip
import json
from collections import Counter

from khabar.ingest import doc_id_for, read_raw_file

DAY = "2015-07-21.jsonl.gz"


def test_every_record_of_a_day_is_a_document_or_quarantined(shared_data):
    path = shared_data / "saudinewsnet" / DAY
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        raw = [json.loads(line) for line in handle if line.strip()]
    empty = {i for i, r in enumerate(raw) if not r["content"].strip()}
    items = list(read_raw_file(path, path.parent, {}))
    assert len(items) == len(raw) == 2972
    assert sorted(i["raw_record"] for i in items) == list(range(len(raw)))
    reasons = Counter(i["reason"] for i in items if i["kind"] == "quarantine")
    assert {i["raw_record"] for i in items if i.get("reason") == "no_text"} == empty
    assert set(reasons) <= {"no_text", "not_arabic"}  # the few film lists in English
    assert reasons["not_arabic"] < 10
    docs = [i for i in items if i["kind"] == "document"]
    assert len(docs) == len(raw) - sum(reasons.values())
    first = docs[0]
    record = raw[first["raw_record"]]
    assert (first["source"], first["url"], first["title"], first["author"]) == (record["source"], record["url"], record["title"], record["author"])
    assert first["text"] == record["content"].strip()
    assert first["doc_id"] == doc_id_for(record["content"])
    assert first["raw_path"] == DAY and first["encoding"] == "utf-8"
    # date_extracted ("2015-07-21 02:51:32") is read for every document
    assert all(d["published_at"] is not None and not d["date_unparsed"] for d in docs)
    assert {d["published_at"].date().isoformat() for d in docs} <= {"2015-07-21", "2015-07-22"}
    assert all(d["author"] is None for d in docs if not raw[d["raw_record"]]["author"])

"""Property: whatever bytes a raw file holds, read_raw_file does not raise,
yields at least one item, and what it yields fits the datasets."""

from __future__ import annotations

import gzip
import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.ingest import REASONS, doc_id_for, read_raw_file

EXTENSIONS = [".txt", ".jsonl", ".json", ".csv", ".tsv", ".parquet", ".html", ".htm", ".zip", ".jsonl.gz", ".txt.gz", ".gz", ".bin"]
CFG = {"max_file_bytes": 100_000, "max_chars": 500, "max_records_per_file": 50}


def _zip_of(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


arabicish = st.lists(st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهوي «»؟،.\n\"{}[],:\x00\u200f\ud800") + ["\\u0000", "\\ud800", '"text": ', "كلمة "]), max_size=300).map("".join)
contents = st.one_of(
    st.binary(max_size=3000),
    arabicish.map(lambda s: s.encode("utf-8", "surrogatepass")),
    arabicish.map(lambda s: s.encode("cp1256", "replace")),
    arabicish.map(lambda s: ('{"text": "' + s + '"}\n').encode("utf-8", "surrogatepass")),
    st.binary(max_size=500).map(gzip.compress),
    st.lists(st.tuples(st.sampled_from(["a.txt", "../x.txt", "b.jsonl", "/abs.txt", "c.zip", "d.csv"]), st.binary(max_size=300)), max_size=4, unique_by=lambda member: member[0]).map(_zip_of),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=contents, extension=st.sampled_from(EXTENSIONS))
def test_arbitrary_bytes_never_raise_and_yield_at_least_one_item(data, extension):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / f"input{extension}"
        path.write_bytes(data)
        items = list(read_raw_file(path, root, CFG))
    assert items
    for item in items:
        assert item["raw_path"].startswith("input")
        if item["kind"] == "quarantine":
            assert item["reason"] in REASONS and item["reason"] != "parse_error", item
            assert "input" in item["detail"]
        else:
            assert item["kind"] == "document"
            text = item["text"]
            assert text and "\x00" not in text and len(text) <= CFG["max_chars"]
            text.encode("utf-8")  # no lone surrogate
            assert item["doc_id"] == doc_id_for(text)
            assert isinstance(item["raw_record"], int)

"""A corpus of bad input, generated here, through the whole pipeline.

Every kind of bad input the ingest stage knows, plus the big ones (a 20 MB
one-line article, 100k unbalanced guillemets), must leave the run at exit 0
with every record accounted for: documents + quarantined + duplicates =
records seen, each quarantined record with the reason expected of it.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from khabar.cli import main as khabar
from khabar.store import Store

ARTICLE = "أعلنت وزارة المالية اليوم ارتفاع الإيرادات بنسبة 12 في المائة. وقال الوزير إن «الاقتصاد يتعافى»."


def build_corpus(raw: Path) -> dict[str, str]:
    """Write the corpus; return file name -> the reason expected (or 'document')."""
    raw.mkdir()
    expected = {}

    def put(name: str, data: bytes, outcome: str) -> None:
        (raw / name).write_bytes(data)
        expected[name] = outcome

    put("good.txt", ARTICLE.encode("utf-8"), "document")
    put("bom.txt", b"\xef\xbb\xbf" + ("خبر آخر: " + ARTICLE).encode("utf-8"), "document")
    put("cp1256.txt", ("من أرشيف قديم. " + ARTICLE).encode("cp1256"), "document")
    put("utf16.txt", ("نسخة بترميز آخر. " + ARTICLE).encode("utf-16"), "document")
    put("latin1.txt", "Ceci n'est pas de l'arabe: éàü çà et là, encore et encore.".encode("latin-1") * 3, "undecodable")
    put("invalid-utf8.txt", b"\xc3\x28\xa0\xa1\x80\x81" * 50, "undecodable")
    put("empty.jsonl", b"", "no_text")
    put("notjson.jsonl", b"{this is not json\n", "not_json")
    put("notext.jsonl", json.dumps({"title": "بلا نص", "content": ""}, ensure_ascii=False).encode("utf-8") + b"\n", "no_text")
    put("english.jsonl", json.dumps({"content": "The quick brown fox jumps over the lazy dog. " * 5}).encode("utf-8") + b"\n", "not_arabic")
    put("binary.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(2000), "binary")  # an image saved as .txt
    put("nul.txt", ARTICLE.encode("utf-8") + b"\x00" * 40, "binary")
    put("image.png", b"\x89PNG\r\n\x1a\n" + os.urandom(100), "unsupported_format")
    put("broken.jsonl.gz", gzip.compress(json.dumps({"content": ARTICLE}, ensure_ascii=False).encode("utf-8"))[:-12], "bad_archive")
    put("huge.txt", ("وقال المتحدث إن الوضع مستقر. " * 700_000).encode("utf-8")[: 20 * 1024 * 1024], "document")
    put("guillemets.txt", ("قال «" * 100_000 + " انتهى.").encode("utf-8"), "document")
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("../evil.txt", ARTICLE)
    put("escape.zip", zipped.getvalue(), "outside_root")
    (raw / "passwd.txt").symlink_to("/etc/passwd")
    expected["passwd.txt"] = "outside_root"
    dup = json.dumps({"content": ARTICLE}, ensure_ascii=False).encode("utf-8") + b"\n"
    put("repeat.jsonl", dup, "duplicate")  # the same text as good.txt, read after it (files in name order)
    return expected


@pytest.mark.slow
def test_a_corpus_of_bad_input_runs_to_exit_0_and_every_record_is_accounted_for(tmp_path, prefect_harness):
    raw, out = tmp_path / "raw", tmp_path / "out"
    expected = build_corpus(raw)
    config = tmp_path / "c.toml"
    config.write_text("[runner]\nworkers = 1\n", encoding="utf-8")
    assert khabar(["run", "--raw", str(raw), "--out", str(out), "--config", str(config)]) == 0

    store = Store(out)
    (run,) = store.runs().to_pylist()
    counts = json.loads(run["counts"])["ingest"]
    assert counts["records_seen"] == len(expected) == counts["documents"] + counts["quarantined"] + counts["duplicates"]

    outcome = {}
    for row in store.read_dataset("quarantine").to_pylist():
        outcome[Path(row["raw_path"].split("!")[0]).name] = row["reason"]
        assert row["detail"], row
    for row in store.read_dataset("duplicates").to_pylist():
        outcome[Path(row["raw_path"]).name] = "duplicate"
    documents = store.read_dataset("documents").to_pylist()
    for row in documents:
        outcome[Path(row["raw_path"]).name] = "document"
    assert outcome == expected

    by_name = {Path(d["raw_path"]).name: d for d in documents}
    assert by_name["cp1256.txt"]["encoding"] == "cp1256" and by_name["utf16.txt"]["encoding"].startswith("utf-16")
    assert by_name["huge.txt"]["truncated"] is True and len(by_name["huge.txt"]["text"]) <= 200_000
    assert by_name["huge.txt"]["text"].endswith(".")  # cut at a sentence boundary
    # the extract stage ran over every document, the 100k guillemets included
    assert store.read_dataset("tokens", ["doc_id"]).num_rows > 100_000

"""Coverage-guided fuzzing of khabar.ingest.read_raw_file.

    python tests/fuzz/fuzz_ingest.py --minutes 5            # atheris (pip install atheris)
    python tests/fuzz/fuzz_ingest.py --minutes 5 -- -dict=... # extra libFuzzer flags after --

Each input's first byte picks the file extension, the rest is the file's
content. A run fails (and libFuzzer writes the crashing input as
``crash-<sha1>``) when read_raw_file raises, yields nothing, yields an unknown
or ``parse_error`` quarantine reason, or a document whose text holds NUL or a
lone surrogate, exceeds max_chars or does not match its doc_id.

Inputs, seeds and the growing corpus live in $TMPDIR/khabar-fuzz/.
Without atheris, the same check runs on hypothesis-generated inputs until the
time is up. Not collected by pytest (the name does not start with test_).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

EXTENSIONS = [".txt", ".jsonl", ".json", ".csv", ".tsv", ".parquet", ".html", ".zip", ".jsonl.gz", ".txt.gz", ".csv.gz", ".htm"]
CFG = {"max_file_bytes": 1_000_000, "max_chars": 2_000, "max_records_per_file": 200}
# One fixed folder, reused: the corpus libFuzzer grows carries over to the next
# run, and nothing piles up (libFuzzer exits without running atexit hooks).
FOLDER = Path(tempfile.gettempdir()) / "khabar-fuzz"
ROOT = FOLDER / "work"
ROOT.mkdir(parents=True, exist_ok=True)
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run from a checkout, installed or not

ARTICLE = "ارتفعت أسعار النفط صباح الثلاثاء بعد تراجع المخزونات. وقال محلل إن «الطلب قوي»."


def seed_corpus() -> Path:
    """One small valid input per extension, so the fuzzer starts from real structure."""
    import gzip
    import io
    import json
    import zipfile

    import pyarrow as pa
    import pyarrow.parquet as pq

    record = {"title": "النفط", "content": ARTICLE, "date": "15 مارس 2023", "authors": ["سعد"]}
    jsonl = (json.dumps(record, ensure_ascii=False) + "\n").encode()
    parquet = io.BytesIO()
    pq.write_table(pa.table({"text": [ARTICLE], "date": ["2023-03-15T10:30:00+03:00"]}), parquet)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("a.txt", ARTICLE)
        handle.writestr("b.jsonl", jsonl)
    by_ext = {
        ".txt": ("عنوان\n\n" + ARTICLE).encode("cp1256"),
        ".jsonl": jsonl,
        ".json": json.dumps([record], ensure_ascii=False).encode("utf-16"),
        ".csv": f'title,content,date\nالنفط,"{ARTICLE}",2023/03/15 10:30\n'.encode(),
        ".tsv": f"title\ttext\nالنفط\t{ARTICLE}\n".encode(),
        ".parquet": parquet.getvalue(),
        ".html": f'<html><head><title>النفط</title><meta property="article:published_time" content="2023-03-15"></head><body><article><p>{ARTICLE}</p></article></body></html>'.encode(),
        ".zip": archive.getvalue(),
        ".jsonl.gz": gzip.compress(jsonl),
        ".txt.gz": gzip.compress(ARTICLE.encode()),
        ".csv.gz": gzip.compress(f"text\n{ARTICLE}\n".encode()),
        ".htm": f"<p>{ARTICLE}</p>".encode("cp1256"),
    }
    folder = FOLDER / "seeds"
    folder.mkdir(exist_ok=True)
    for index, ext in enumerate(EXTENSIONS):
        (folder / f"seed{index}").write_bytes(bytes([index]) + by_ext[ext])
    return folder


def check(data: bytes, read_raw_file, reasons, doc_id_for) -> None:
    if not data:
        return
    path = ROOT / f"input{EXTENSIONS[data[0] % len(EXTENSIONS)]}"
    path.write_bytes(data[1:])
    items = list(read_raw_file(path, ROOT, CFG))
    if not items:
        raise AssertionError("no item yielded")
    for item in items:
        if item["kind"] == "quarantine":
            if item["reason"] not in reasons or item["reason"] == "parse_error":
                raise AssertionError(f"bad quarantine row {item}")
        elif item["kind"] == "document":
            text = item["text"]
            if not text or "\x00" in text or len(text) > CFG["max_chars"] or item["doc_id"] != doc_id_for(text):
                raise AssertionError(f"bad document {item['raw_path']} {item['raw_record']}")
            text.encode("utf-8")
            for key in ("title", "author", "url", "source"):
                if item[key] is not None:
                    item[key].encode("utf-8")
        else:
            raise AssertionError(f"unknown kind {item['kind']}")


def run_atheris(minutes: float, extra: list[str]) -> None:
    import atheris

    with atheris.instrument_imports(include=["khabar"]):
        from khabar.ingest import REASONS, doc_id_for, read_raw_file

    def one_input(data: bytes) -> None:
        check(data, read_raw_file, REASONS, doc_id_for)

    corpus = FOLDER / "corpus"
    corpus.mkdir(exist_ok=True)
    args = [sys.argv[0], f"-max_total_time={int(minutes * 60)}", "-max_len=20000", "-rss_limit_mb=4096", *extra, str(corpus), str(seed_corpus())]
    atheris.Setup(args, one_input)
    atheris.Fuzz()


def run_hypothesis(minutes: float) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from khabar.ingest import REASONS, doc_id_for, read_raw_file

    deadline = time.monotonic() + minutes * 60
    count = 0

    @settings(max_examples=10**9, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.binary(min_size=1, max_size=5000))
    def fuzz(data: bytes) -> None:
        nonlocal count
        if time.monotonic() > deadline:
            raise TimeoutError
        count += 1
        check(data, read_raw_file, REASONS, doc_id_for)

    try:
        fuzz()
    except TimeoutError:
        print(f"hypothesis fuzz: {count} inputs, no failure")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--hypothesis", action="store_true", help="use hypothesis even if atheris is installed")
    parser.add_argument("extra", nargs="*", help="libFuzzer flags (after --)")
    args = parser.parse_args()
    try:
        import atheris  # noqa: F401
    except ImportError:
        args.hypothesis = True
    if args.hypothesis:
        run_hypothesis(args.minutes)
    else:
        run_atheris(args.minutes, args.extra)


if __name__ == "__main__":
    main()

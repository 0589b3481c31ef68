"""The closed set of quarantine reason codes.

Every ``quarantine`` row carries one of these codes in ``reason`` and a human
``detail`` naming the file and the record. Analysts group by ``reason``, so
the set is closed: a new way for input to be bad gets a new code here (and a
line in the README), never free text.
"""

from __future__ import annotations

REASONS: dict[str, str] = {
    "unreadable": "the file cannot be opened or read (permissions, not a regular file, vanished, broken link)",
    "outside_root": "the file or archive member resolves outside the raw root (symlink target, absolute path or '..' in an archive)",
    "unsupported_format": "the file name's extension is not one khabar reads (or an archive nested in an archive)",
    "too_large": "the file, its decompressed content or an archive member exceeds ingest.max_file_bytes (also zip and gzip bombs)",
    "bad_archive": "a gzip or zip container is corrupt, truncated or encrypted",
    "binary": "a text format holds binary content (NUL bytes, or the magic number of an image, PDF, executable, archive)",
    "undecodable": "the bytes are neither UTF-8 (at most one broken sequence per 1000 bytes), UTF-16/32, nor plausibly Arabic Windows-1256",
    "not_json": "a JSON document or JSONL line is not valid JSON",
    "not_csv": "a CSV/TSV file cannot be parsed from this row on",
    "not_parquet": "a Parquet file cannot be read",
    "bad_record": "the record parses but is not an object with fields (e.g. a JSON number), or its text field is not text",
    "no_text": "the record (or the whole file) has no article text: empty file, empty text field, no text column",
    "not_arabic": "the share of Arabic letters among the letters is below ingest.min_arabic_ratio",
    "too_many_records": "the file holds more than ingest.max_records_per_file records; one row stands for all the rest, which were not read",
    "parse_error": "the reader failed unexpectedly on this input (a khabar bug): the detail holds the exception; the run goes on",
}

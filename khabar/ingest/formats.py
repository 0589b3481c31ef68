"""Parsers from bytes to raw records, one per input format.

Each parser yields :class:`Raw` (a record to map and check) or :class:`Bad`
(a record or file to quarantine), in file order, and never raises for bad
input. ``index`` is the 0-based line (JSONL), item (JSON array), data row
(CSV, Parquet) or 0 for one-article files; ``Bad.index`` is None when the
whole file is bad. Messages in ``detail`` name the record; the reader adds
the file.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Callable, Iterator

from .encoding import UndecodableError, bom_encoding, decode_bytes

# The csv module refuses fields over 128 KiB by default, but one article is
# easily longer; the limit is process-wide, so raise it once on import. The
# file itself is already bounded by ingest.max_file_bytes.
csv.field_size_limit(2**31 - 1)

_TITLE_MAX_CHARS = 200
_TITLE_MAX_WORDS = 20
_WRAPPER_KEYS = ("articles", "data", "items", "records", "documents", "results")


@dataclass
class Raw:
    index: int
    fields: dict
    encoding: str | None
    where: str  # "line 13", "row 4", "item 2", "file" — for messages
    mapped: bool = False  # fields already carry column names (txt, html)


@dataclass
class Bad:
    index: int | None
    reason: str
    detail: str


def encoding_label(name: str) -> str:
    """The encoding as stored in documents.encoding (a BOM is not an encoding)."""
    return "utf-8" if name == "utf-8-sig" else name


def decode_whole(data: bytes) -> tuple[str, str] | Bad:
    try:
        text, name = decode_bytes(data)
    except UndecodableError as exc:
        return Bad(None, "undecodable", str(exc))
    return text, encoding_label(name)


def split_title(text: str) -> tuple[str | None, str]:
    """A short first line followed by a blank line is the title.

    Short means at most 200 characters and 20 words, and not ending like a
    sentence (a full stop, comma or colon): a one-sentence first paragraph
    is text, not a headline.
    """
    head, sep, rest = text.lstrip("\ufeff\r\n ").partition("\n")
    head = head.strip()
    if (
        sep
        and rest.lstrip(" \t\r").startswith("\n")
        and rest.strip()
        and 0 < len(head) <= _TITLE_MAX_CHARS
        and len(head.split()) <= _TITLE_MAX_WORDS
        and not head.endswith((".", "،", ",", ":", "\u06d4"))
    ):
        return head, rest.strip()
    return None, text


def read_whole(data: bytes, kind: str, to_fields: Callable[[str], dict]) -> Iterator[Raw | Bad]:
    """One record from a whole decoded file (a .txt article, an HTML page)."""
    decoded = decode_whole(data)
    if isinstance(decoded, Bad):
        yield decoded
        return
    text, encoding = decoded
    yield Raw(0, to_fields(text), encoding, kind, mapped=True)


def _txt_fields(text: str) -> dict:
    title, body = split_title(text)
    return {"text": body, "title": title}


def read_txt(data: bytes) -> Iterator[Raw | Bad]:
    return read_whole(data, "file", _txt_fields)


def _json_record(index: int, line: str, encoding: str, where: str) -> Raw | Bad:
    try:
        # strict=False: scraped JSON often holds raw tabs and newlines in strings.
        value = json.loads(line, strict=False)
    except (ValueError, RecursionError) as exc:
        message = str(exc) if not isinstance(exc, RecursionError) else "nested too deeply"
        return Bad(index, "not_json", f"{where}: {message[:200]}")
    if not isinstance(value, dict):
        return Bad(index, "bad_record", f"{where} is a JSON {type(value).__name__}, not an object")
    return Raw(index, value, encoding, where)


def _text_lines(data: bytes) -> Iterator[tuple[int, str | None, str | Exception]]:
    """(index, line, encoding) per non-blank line; undecodable lines give the error."""
    bom = bom_encoding(data)
    if bom in ("utf-16", "utf-32"):
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as exc:
            yield 0, None, UndecodableError(f"{bom} byte-order mark but invalid {bom} at byte {exc.start}")
            return
        for index, line in enumerate(io.StringIO(text, newline="\n")):
            if line.strip():
                yield index, line, bom
        return
    if bom == "utf-8-sig":
        data = data[3:]
    # Line by line: one corrupt line is one quarantined record, not a lost file.
    for index, raw_line in enumerate(io.BytesIO(data)):
        if not raw_line.strip():
            continue
        try:
            line, encoding = decode_bytes(raw_line, bom_allowed=False)
        except UndecodableError as exc:
            yield index, None, exc
            continue
        yield index, line, encoding_label(encoding)


def read_jsonl(data: bytes) -> Iterator[Raw | Bad]:
    for index, line, encoding in _text_lines(data):
        where = f"line {index + 1}"
        if line is None:
            yield Bad(index, "undecodable", f"{where}: {encoding}")
        else:
            yield _json_record(index, line, encoding, where)


def read_json(data: bytes) -> Iterator[Raw | Bad]:
    """A JSON array of objects, one object, an object wrapping an array
    (``{"articles": [...]}``), or — when the file is not one JSON value —
    one object per line."""
    decoded = decode_whole(data)
    if isinstance(decoded, Bad):
        yield decoded
        return
    text, encoding = decoded
    try:
        value = json.loads(text, strict=False)
    except (ValueError, RecursionError):
        yield from read_jsonl(data)
        return
    if isinstance(value, dict):
        wrapped = [value[k] for k in _WRAPPER_KEYS if isinstance(value.get(k), list)]
        if wrapped:
            value = wrapped[0]
        else:
            yield Raw(0, value, encoding, "object")
            return
    if not isinstance(value, list):
        yield Bad(None, "bad_record", f"the file is a JSON {type(value).__name__}, not an object or array")
        return
    for index, item in enumerate(value):
        where = f"item {index}"
        if isinstance(item, dict):
            yield Raw(index, item, encoding, where)
        else:
            yield Bad(index, "bad_record", f"{where} is a JSON {type(item).__name__}, not an object")


def read_csv(data: bytes, delimiter: str, text_aliases: list[str]) -> Iterator[Raw | Bad]:
    decoded = decode_whole(data)
    if isinstance(decoded, Bad):
        yield decoded
        return
    text, encoding = decoded
    # strict: a stray quote raises instead of silently merging the following
    # rows into one field; the rows before it are kept, the rest quarantined.
    reader = csv.reader(io.StringIO(text.replace("\x00", ""), newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        yield Bad(None, "not_csv", f"header: {exc}")
        return
    header = [h.strip() for h in header or []]
    if not any(h for h in header):
        yield Bad(None, "no_text", "no header row")
        return
    lowered = {h.lower() for h in header}
    if not any(alias.lower() in lowered for alias in text_aliases):
        yield Bad(None, "no_text", f"no text column: header is {header[:20]} (ingest.text_fields: {text_aliases})")
        return
    index = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Bad(index, "not_csv", f"row {index} (line {reader.line_num}): {exc}; the rest of the file was not read")
            return
        if not row or not any(cell.strip() for cell in row):
            continue  # blank line: not a record
        where = f"row {index} (line {reader.line_num})"
        if len(row) > len(header):
            yield Bad(index, "bad_record", f"{where} has {len(row)} fields, the header {len(header)}")
        else:
            yield Raw(index, dict(zip(header, row)), encoding, where)
        index += 1


def read_parquet(data: bytes) -> Iterator[Raw | Bad]:
    import pyarrow.parquet as pq

    # Parquet readers fail in many ways on hostile bytes (ArrowInvalid,
    # OSError, ValueError, IndexError...): any failure is the file's, not ours.
    try:
        reader = pq.ParquetFile(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - see above
        yield Bad(None, "not_parquet", f"{type(exc).__name__}: {str(exc)[:200]}")
        return
    index = 0
    try:
        for batch in reader.iter_batches(batch_size=512):
            for row in batch.to_pylist():
                yield Raw(index, row, "utf-8", f"row {index}")
                index += 1
    except Exception as exc:  # noqa: BLE001 - see above
        yield Bad(index, "not_parquet", f"row {index} on: {type(exc).__name__}: {str(exc)[:200]}; the rest of the file was not read")

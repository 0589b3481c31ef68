"""read_raw_file: one raw file in, one dict per record seen out.

Every record becomes either a document or a quarantine row, in file order,
so that records seen = documents + quarantined (+ duplicates, decided later
by the task from ``doc_id``). The function never raises for bad input.

A document dict carries the DOCUMENTS columns the library decides (not
run_id, ingested_at, cluster_id) plus ``date_unparsed``: True when the record
had a date field but its value could not be read (``published_at`` is then
None); the task counts these as warnings. Quarantine dicts carry the
QUARANTINE columns (not run_id).

Records in a zip archive have ``raw_path`` ``archive.zip!/member/name.jsonl``
and ``raw_record`` counting within the member.

Over ``ingest.max_records_per_file`` records (archive members included), the
first record over the limit becomes one ``too_many_records`` row standing for
the rest of the file, which is not read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterator

from ..config import DEFAULTS
from .archives import ArchiveError, ByteBudget, TooLargeError, gunzip, zip_members
from .encoding import bom_encoding, utf16_without_bom
from .fields import FieldError, map_fields
from .files import display_path, outside_root
from .formats import Bad, Raw, read_csv, read_json, read_whole, read_jsonl, read_parquet, read_txt
from .text import arabic_ratio, clean_text, printable_path, truncate
from .timestamps import parse_timestamp

FORMATS = ("txt", "jsonl", "ndjson", "json", "csv", "tsv", "parquet", "html", "htm", "zip")
_TEXT_FORMATS = {"txt", "jsonl", "ndjson", "json", "csv", "tsv", "html", "htm"}
_META_MAX_CHARS = 2_000  # title, author, url, source: longer is scraper noise
_MAGIC = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF"), (b"PK\x03\x04", "a zip archive"), (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "an ELF executable"), (b"MZ\x90\x00", "a Windows executable"), (b"PAR1", "Parquet"),
    (b"BZh9", "bzip2 data"), (b"\xfd7zXZ\x00", "xz data"), (b"7z\xbc\xaf", "a 7z archive"),
    (b"Rar!\x1a\x07", "a RAR archive"), (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an MS Office document"), (b"OggS", "Ogg media"), (b"\x00\x00\x00 ftyp", "MP4 media"),
)


def doc_id_for(text: str) -> str:
    """Stable id of an article: sha256 of its whitespace-collapsed text, 16 hex digits.

    Depends on the content only, so the same article re-scraped with other
    line breaks or into another file gets the same id (exact duplicates are
    skipped by comparing ids).
    """
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def format_of(name: str) -> tuple[str, bool]:
    """(format, gzipped) from a file name: ``a.jsonl.gz`` -> ("jsonl", True)."""
    lower = name.lower().rsplit("/", 1)[-1]
    gzipped = lower.endswith(".gz")
    if gzipped:
        lower = lower[:-3]
    return (lower.rsplit(".", 1)[1] if "." in lower else ""), gzipped


def binary_content(data: bytes) -> str | None:
    """Why ``data`` (declared text) is binary, or None."""
    if bom_encoding(data) in ("utf-16", "utf-32") or utf16_without_bom(data):
        return None  # NUL bytes are how UTF-16/32 spell ASCII
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"content is {what}"
    head = data[:65536]
    nuls = head.count(0)
    if nuls and nuls * 100 >= len(head):
        return f"{nuls} NUL bytes in the first {len(head)} bytes"
    return None


class _Reader:
    def __init__(self, cfg: dict, part: int = 0, parts: int = 1) -> None:
        self.cfg = cfg
        self.seen = 0
        self.stopped = False
        # Reading a file in ``parts`` parts: every part parses all of it and counts
        # every record, but builds the rows (the costly part) only of its own,
        # the records seen with number ``part`` modulo ``parts``.
        self.part, self.parts = part, parts

    def owned(self) -> bool:
        return (self.seen - 1) % self.parts == self.part

    def quarantine(self, raw_path: str, index: int | None, reason: str, detail: str) -> dict:
        where = raw_path if index is None else f"{raw_path} record {index}"
        return {"kind": "quarantine", "raw_path": raw_path, "raw_record": index, "reason": reason, "detail": printable_path(f"{where}: {detail}")}

    def emit(self, raw_path: str, item: Raw | Bad) -> Iterator[dict]:
        """One output dict for ``item``, unless the record limit is reached."""
        if self.stopped:
            return
        self.seen += 1
        if self.seen > self.cfg["max_records_per_file"]:
            self.stopped = True
            if not self.owned():
                return
            yield self.quarantine(raw_path, item.index, "too_many_records",
                                  f"more than ingest.max_records_per_file={self.cfg['max_records_per_file']} records; this and all later records of the file were not read")
            return
        if not self.owned():
            return
        if isinstance(item, Bad):
            yield self.quarantine(raw_path, item.index, item.reason, item.detail)
        else:
            yield self.document(raw_path, item)

    def document(self, raw_path: str, raw: Raw) -> dict:
        cfg = self.cfg
        try:
            fields = raw.fields if raw.mapped else map_fields(raw.fields, cfg)
        except FieldError as exc:
            return self.quarantine(raw_path, raw.index, "bad_record", f"{raw.where}: {exc}")
        text = clean_text(fields.get("text") or "")
        if not text:
            what = "has an empty text field" if fields.get("text") is not None else f"has no text field (looked for {cfg['text_fields']})"
            return self.quarantine(raw_path, raw.index, "no_text", f"{raw.where} {what}" if not raw.mapped else f"{raw.where} has no article text")
        text, truncated = truncate(text, cfg["max_chars"])
        ratio = arabic_ratio(text)
        if ratio < cfg["min_arabic_ratio"]:
            return self.quarantine(raw_path, raw.index, "not_arabic",
                                   f"{raw.where}: {ratio:.0%} of letters are Arabic, below ingest.min_arabic_ratio={cfg['min_arabic_ratio']}")
        date_value = fields.get("published_at")
        published_at = parse_timestamp(date_value)
        meta = {k: _meta(fields.get(k)) for k in ("source", "url", "title", "author")}
        return {
            "kind": "document",
            "doc_id": doc_id_for(text),
            **meta,
            "published_at": published_at,
            "text": text,
            "raw_path": raw_path,
            "raw_record": raw.index,
            "encoding": raw.encoding,
            "truncated": truncated,
            "date_unparsed": published_at is None and _present(date_value),
        }

    def parse(self, data: bytes, name: str, raw_path: str, in_archive: bool, budget: ByteBudget) -> Iterator[dict]:
        fmt, gzipped = format_of(name)
        if fmt not in FORMATS or (gzipped and fmt == "zip"):
            yield from self.emit(raw_path, Bad(None, "unsupported_format", f"file type '{name.rsplit('/', 1)[-1]}' is not one of {', '.join(FORMATS)} (optionally .gz)"))
            return
        if fmt == "zip" and in_archive:
            yield from self.emit(raw_path, Bad(None, "unsupported_format", "a zip inside an archive is not opened"))
            return
        if gzipped:
            try:
                data = gunzip(data, budget.left)
            except ArchiveError as exc:
                yield from self.emit(raw_path, Bad(None, "bad_archive", str(exc)))
                return
            except TooLargeError as exc:
                yield from self.emit(raw_path, Bad(None, "too_large", f"{exc} (ingest.max_file_bytes)"))
                return
        if not data.strip():
            yield from self.emit(raw_path, Bad(None, "no_text", "empty file"))
            return
        if fmt in _TEXT_FORMATS:
            why = binary_content(data)
            if why:
                yield from self.emit(raw_path, Bad(None, "binary", f"a .{fmt} file but {why}"))
                return
        if fmt == "zip":
            yield from self.parse_zip(data, raw_path, budget)
            return
        for item in self.records(fmt, data):
            yield from self.emit(raw_path, item)
            if self.stopped:
                return

    def records(self, fmt: str, data: bytes) -> Iterator[Raw | Bad]:
        if fmt == "txt":
            return read_txt(data)
        if fmt in ("jsonl", "ndjson"):
            return read_jsonl(data)
        if fmt == "json":
            return read_json(data)
        if fmt in ("csv", "tsv"):
            return read_csv(data, "\t" if fmt == "tsv" else ",", self.cfg["text_fields"])
        if fmt == "parquet":
            return read_parquet(data)
        return self.read_html(data)

    @staticmethod
    def read_html(data: bytes) -> Iterator[Raw | Bad]:
        from .html import extract_html

        return read_whole(data, "page", extract_html)

    def parse_zip(self, data: bytes, raw_path: str, budget: ByteBudget) -> Iterator[dict]:
        for name, content in zip_members(data, budget):
            member_path = raw_path if name is None else printable_path(f"{raw_path}!/{name}")
            if isinstance(content, Bad):
                yield from self.emit(member_path, content)
            else:
                yield from self.parse(content, name, member_path, True, budget)
            if self.stopped:
                return
        if self.seen == 0:
            yield from self.emit(raw_path, Bad(None, "no_text", "the archive has no member files"))


def _present(value) -> bool:
    """A field value that says something (not None, blank or an empty list)."""
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value != []


def _meta(value) -> str | None:
    if value is None:
        return None
    value = clean_text(str(value))[:_META_MAX_CHARS]
    return value or None


def read_raw_file(path: Path, raw_root: Path, cfg: dict | None = None) -> Iterator[dict]:
    """Yield one dict per record of ``path`` (see the module docstring).

    ``raw_root`` is the raw input root (a folder, or the single raw file);
    ``cfg`` the ``[ingest]`` configuration section (defaults for missing keys).
    """
    for _, item in read_raw_file_part(path, raw_root, cfg):
        yield item


def read_raw_file_part(path: Path, raw_root: Path, cfg: dict | None = None, part: int = 0, parts: int = 1) -> Iterator[tuple[int, dict]]:
    """Part ``part`` of ``parts`` of :func:`read_raw_file`: (seq, row) of the
    records seen with number ``part`` modulo ``parts``, so that parts are read
    by different workers. ``seq`` numbers the records seen (from 1); a
    ``parse_error`` row stands after every record seen before it. Every part
    may end with one: :func:`khabar.ingest.commit.merge_parts` puts the parts
    together as one whole read, cut at the first parse_error.
    """
    cfg = {**DEFAULTS["ingest"], **(cfg or {})}
    path, raw_root = Path(path), Path(raw_root)
    raw_path = printable_path(display_path(path, raw_root))
    reader = _Reader(cfg, part, parts)
    try:
        for item in _read(reader, path, raw_root, raw_path):
            yield reader.seen, item
    except Exception as exc:  # noqa: BLE001 - a bug must not stop the run: quarantine it, visibly
        reader.seen += 1
        yield reader.seen, reader.quarantine(raw_path, None, "parse_error", f"{type(exc).__name__}: {str(exc)[:300]}; records after this point were not read")
    if reader.seen == 0 and part == 0:
        yield 0, reader.quarantine(raw_path, None, "no_text", "the file holds no records")


def _read(reader: _Reader, path: Path, raw_root: Path, raw_path: str) -> Iterator[dict]:
    cfg = reader.cfg
    try:
        target = outside_root(path, raw_root)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        yield from reader.emit(raw_path, Bad(None, "unreadable", f"cannot resolve the path: {exc}"))
        return
    if target is not None:
        yield from reader.emit(raw_path, Bad(None, "outside_root", f"resolves to {target}, outside the raw root {raw_root}: refused"))
        return
    try:
        if not path.is_file():
            what = "a folder (links to folders are not followed)" if path.is_dir() else "not a regular file (or a broken link)"
            yield from reader.emit(raw_path, Bad(None, "unreadable", what))
            return
        size = path.stat().st_size
        if size > cfg["max_file_bytes"]:
            yield from reader.emit(raw_path, Bad(None, "too_large", f"{size} bytes, over ingest.max_file_bytes={cfg['max_file_bytes']}"))
            return
        with open(path, "rb") as handle:
            data = handle.read(cfg["max_file_bytes"] + 1)
    except OSError as exc:
        yield from reader.emit(raw_path, Bad(None, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}"))
        return
    if len(data) > cfg["max_file_bytes"]:
        yield from reader.emit(raw_path, Bad(None, "too_large", f"grew over ingest.max_file_bytes={cfg['max_file_bytes']} while read"))
        return
    yield from reader.parse(data, path.name, raw_path, False, ByteBudget(cfg["max_file_bytes"]))

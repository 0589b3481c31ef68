"""Real-news dev sets: annotations stored without the articles' text.

Each line of a dev set is one JSON object: ``file`` (path under the data
folder), ``line`` (record index in that gzipped JSONL file), ``sha256`` (of
the record's ``content``, UTF-8) and the set's own annotations (entities,
quotes). :func:`read_dev_set` reads the text from the data folder and refuses
an entry whose article is missing or changed, so offsets are never applied to
another text. The evaluators check their own spans against ``text``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from khabar.errors import UserError


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_dev_set(path, data_dir, annotations: Callable[[dict], dict], what: str) -> list[dict]:
    """Entries with ``file``, ``line``, ``sha256``, what ``annotations(obj)`` returns, ``text`` and ``doc_id`` (file:line).

    ``annotations`` raises ValueError, KeyError or TypeError on a malformed
    object; that and a missing or changed article become a UserError naming the line."""
    entries = []
    for n, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
            entries.append({"file": str(obj["file"]), "line": int(obj["line"]), "sha256": str(obj["sha256"]), **annotations(obj)})
        except (ValueError, KeyError, TypeError) as exc:
            raise UserError(f"{path}:{n}: not a {what} entry ({exc})") from None
    texts = article_texts(Path(data_dir), {(e["file"], e["line"]) for e in entries})
    for entry in entries:
        entry["doc_id"] = f"{entry['file']}:{entry['line']}"
        entry["text"] = texts.get((entry["file"], entry["line"]))
        _check_article(entry)
    return entries


def _check_article(entry: dict) -> None:
    where = entry["doc_id"]
    if entry["text"] is None:
        raise UserError(f"{where}: article not found in the data folder")
    if text_sha256(entry["text"]) != entry["sha256"]:
        raise UserError(f"{where}: the article's text no longer matches its sha256; its offsets cannot be trusted")


def article_texts(data_dir: Path, wanted: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """(file, line) -> the record's ``content``, each file read once; absent files and lines are left out."""
    texts = {}
    for name in sorted({f for f, _ in wanted}):
        lines = {line for f, line in wanted if f == name}
        path = data_dir / name
        if not path.is_file():
            continue
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for i, raw in enumerate(handle):
                if i in lines:
                    texts[(name, i)] = json.loads(raw).get("content") or ""
                if i >= max(lines):
                    break
    return texts

"""The public Python API: analyse articles without a store, a flow or Prefect.

:func:`analyse` takes one article as a string and returns an :class:`Analysis`;
:func:`analyse_table` takes many as an Arrow table and returns one table per
dataset. Both run :func:`khabar.stages.extract_documents`, the same
normalise -> segment -> extract chain as ``khabar run``, so a row here is the
row the pipeline would write, less ``run_id``. Offsets are code points into
the text given: ``text[start:end]`` is the surface of every item.

Bad input raises :class:`khabar.errors.UserError` with a message naming it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from khabar import schemas
from khabar.config import load_config
from khabar.errors import UserError
from khabar import stages
from khabar.stages import extract_documents

__all__ = ["ANALYSED", "Analysis", "analyse", "analyse_table"]

ANALYSED: tuple[str, ...] = stages.BY_NAME["extract"].writes

ConfigLike = str | Path | dict[str, Any] | None


@dataclass(frozen=True)
class Analysis:
    """One article's extractions: rows of the datasets of the same names
    (see :mod:`khabar.schemas`) as dicts, without ``doc_id`` and ``run_id``."""

    text: str = field(repr=False)
    entities: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    dates: list[dict[str, Any]]
    amounts: list[dict[str, Any]]


def analyse(text: str, published_at: dt.datetime | dt.date | str | None = None, config: ConfigLike = None) -> Analysis:
    """Entities, quotes, dates and amounts of one article.

    ``published_at`` (a datetime, a date or an ISO 8601 string; naive means
    UTC) resolves relative dates (أمس، الأسبوع الماضي); without it they are
    kept with a null ``value``. ``config``: None for the defaults, the path
    of a TOML file, or a dict of overrides such as ``{"extract": {"quotes": False}}``.
    """
    _check_text(text, "text")
    documents = pa.table(
        {"doc_id": ["_"], "text": [text], "published_at": pa.array([_utc(published_at)], schemas.TS)},
    )
    tables = analyse_table(documents, config)
    return Analysis(text, **{name: tables[name].drop_columns(["doc_id"]).to_pylist() for name in ANALYSED})


def analyse_table(documents: pa.Table, config: ConfigLike = None) -> dict[str, pa.Table]:
    """Entities, quotes, dates and amounts of many articles, one table each.

    ``documents`` has columns ``doc_id`` (unique strings) and ``text``, and
    optionally ``published_at`` (timestamps, naive meaning UTC, or ISO 8601
    strings) and ``source``; other columns are ignored. Every row returned
    carries the ``doc_id`` of its article.
    """
    tables = extract_documents(_documents(documents), _config(config))
    return {name: tables[name] for name in ANALYSED}


def _config(config: ConfigLike) -> dict:
    if config is None or isinstance(config, dict):
        return load_config(overrides=config)
    if isinstance(config, (str, Path)):
        return load_config(config)
    raise UserError(f"config must be None, the path of a TOML file or a dict of overrides, got {type(config).__name__}")


def _check_text(text: object, what: str) -> None:
    if not isinstance(text, str):
        raise UserError(f"{what} must be a str, got {type(text).__name__}")
    if not text.strip():
        raise UserError(f"{what} is empty: there is nothing to analyse")


def _utc(value: object) -> dt.datetime | None:
    """``value`` as an aware UTC datetime (naive and date-only values are taken as UTC)."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise UserError(f"published_at {value!r} is not an ISO 8601 date or time (e.g. 2023-03-15 or 2023-03-15T08:30:00+03:00)") from None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    if not isinstance(value, dt.datetime):
        raise UserError(f"published_at must be a datetime, a date, an ISO 8601 string or None, got {type(value).__name__}")
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _documents(documents: object) -> pa.Table:
    """The columns the stages read, checked, with ``published_at`` as UTC timestamps."""
    if not isinstance(documents, pa.Table):
        raise UserError(f"documents must be a pyarrow.Table, got {type(documents).__name__}")
    missing = [name for name in ("doc_id", "text") if name not in documents.column_names]
    if missing:
        raise UserError(f"documents has no column {', '.join(missing)} (columns: {', '.join(documents.column_names) or 'none'})")
    doc_ids = documents.column("doc_id").to_pylist()
    _check_doc_ids(doc_ids)
    for doc_id, text in zip(doc_ids, documents.column("text").to_pylist()):
        _check_text(text, f"the text of document {doc_id!r}")
    columns = {"doc_id": pa.array(doc_ids, pa.string()), "text": documents.column("text").cast(pa.string())}
    if "published_at" in documents.column_names:
        columns["published_at"] = _published_at(documents.column("published_at"))
    if "source" in documents.column_names:
        columns["source"] = documents.column("source").cast(pa.string())
    return pa.table(columns)


def _check_doc_ids(doc_ids: list) -> None:
    bad = [d for d in doc_ids if not isinstance(d, str) or not d]
    if bad:
        raise UserError(f"every doc_id must be a non-empty str, got {bad[0]!r}")
    repeated = sorted(d for d, n in Counter(doc_ids).items() if n > 1)
    if repeated:
        raise UserError(f"doc_id must be unique: {', '.join(map(repr, repeated[:5]))} appear more than once")


def _published_at(column: pa.ChunkedArray) -> pa.Array:
    try:
        return pa.array([_utc(value) for value in column.to_pylist()], schemas.TS)
    except UserError as exc:
        raise UserError(f"documents column {exc}") from None

"""Map a raw record's fields onto the document columns via configured aliases.

Scrapers disagree on names: trafilatura writes ``text, date, hostname`` (and
puts the URL in ``source``), news-please ``maintext, date_publish,
source_domain``, newspaper4k ``text, publish_date, authors``, SaudiNewsNet
``content, date_extracted``. The alias lists live in ``[ingest]`` so a user
with another scraper adds a name rather than code.
"""

from __future__ import annotations

import html

from typing import Any
from urllib.parse import urlsplit

_ALIAS_KEYS = {
    "text": "text_fields",
    "title": "title_fields",
    "url": "url_fields",
    "source": "source_fields",
    "author": "author_fields",
    "published_at": "date_fields",
}


class FieldError(ValueError):
    """A field holds a value that cannot stand for its column."""


def _lookup(record: dict, aliases: list[str]) -> tuple[str | None, Any]:
    """First alias with a non-blank value: exact key first, then any case."""
    lowered = None
    for alias in aliases:
        value = record.get(alias)
        if value is None:
            if lowered is None:
                lowered = {str(k).lower(): v for k, v in record.items()}
            value = lowered.get(alias.lower())
        if isinstance(value, str) and not value.strip():
            continue  # a blank "content" must not hide a filled "text"
        if value is not None and value != []:
            return alias, value
    return None, None


def _as_text(value: Any, joiner: str, column: str) -> str | None:
    """A string for ``value``: lists are joined (authors, paragraphs)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise FieldError(f"{column} is a boolean")
    if isinstance(value, (int, float)):
        return None if value != value else str(value)  # NaN from pandas-made files
    if isinstance(value, dict):
        name = value.get("name") or value.get("text")
        if isinstance(name, str):
            return name
        raise FieldError(f"{column} is an object without a 'name' or 'text' string")
    if isinstance(value, (list, tuple)):
        parts = [_as_text(item, joiner, column) for item in value]
        return joiner.join(p.strip() for p in parts if p and p.strip()) or None
    raise FieldError(f"{column} has type {type(value).__name__}")


def _unescape(value: str | None) -> str | None:
    return html.unescape(value) if value and "&" in value else value


def _hostname(url: str | None) -> str | None:
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host[4:] if host and host.startswith("www.") else host


def map_fields(record: dict, cfg: dict) -> dict:
    """Document fields from a raw record: text, title, url, source, author,
    published_at (raw value, parsed later), date_field (the alias that held it).

    Raises FieldError when the text field holds something that is not text.
    """
    found = {column: _lookup(record, cfg[key]) for column, key in _ALIAS_KEYS.items()}
    text_value = found["text"][1]
    if text_value is not None and not isinstance(text_value, (str, list, tuple)):
        raise FieldError(f"text field '{found['text'][0]}' holds a {type(text_value).__name__}, not text")
    url = _as_text(found["url"][1], " ", "url")
    source = _as_text(found["source"][1], ", ", "source")
    # trafilatura puts the page URL in "source": keep the URL, name the site.
    if source and _hostname(source):
        url = url or source
        source = _hostname(source)
    return {
        "text": _as_text(text_value, "\n\n", "text"),
        # CMS exports leave HTML entities in metadata (232 SaudiNewsNet titles hold &quot;).
        "title": _unescape(_as_text(found["title"][1], " ", "title")),
        "url": url,
        "source": source or _hostname(url),
        "author": _unescape(_as_text(found["author"][1], ", ", "author")),
        "published_at": found["published_at"][1],
        "date_field": found["published_at"][0],
    }

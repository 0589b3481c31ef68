"""Article text and metadata from an HTML page.

The text comes from trafilatura (boilerplate removal that is far better than
anything small) when it is installed; pages it rejects, pages over
``_TRAFILATURA_MAX_CHARS`` and installs without it fall back to a small
stdlib extractor of ``<article>``/``<p>`` text. Metadata (title, date, URL,
author, site) always comes from the stdlib pass over ``<title>``, ``<meta>``,
``<link rel=canonical>`` and ``<time>``, so it does not depend on which
extractor ran.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

_TRAFILATURA_MAX_CHARS = 5_000_000
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:»«]\s+")
_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg", "iframe", "button", "select"}
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "td", "blockquote", "tr", "main", "figcaption"}
_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish_date",
    "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued", "sailthru.date",
    "parsely-pub-date", "article.published", "created", "timestamp",
)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.canonical: str | None = None
        self.time_datetime: str | None = None
        self.blocks: list[tuple[str, bool, bool]] = []  # (text, in <article>, in <p>)
        self._current: list[str] = []
        self._skip = 0
        self._article = 0
        self._para = 0
        self._in_title = False

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append((text, self._article > 0, self._para > 0))
        self._current = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
            if key and attr.get("content") and key not in self.meta:
                self.meta[key] = attr["content"]
            return
        if tag == "link" and "canonical" in attr.get("rel", "").lower() and attr.get("href"):
            self.canonical = self.canonical or attr["href"]
            return
        if tag == "time" and attr.get("datetime") and self.time_datetime is None:
            self.time_datetime = attr["datetime"]
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP:
            self._skip += 1
        if tag in _BLOCK:
            self._flush()
        if tag == "article":
            self._article += 1
        elif tag == "p":
            self._para += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        if tag in _BLOCK:
            self._flush()
        if tag == "article":
            self._article = max(0, self._article - 1)
        elif tag == "p":
            self._para = max(0, self._para - 1)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _fallback_text(parser: _PageParser) -> str:
    """Paragraphs of the <article> if it has real text, else all <p>, else all blocks."""
    article = [text for text, in_article, _ in parser.blocks if in_article]
    if sum(map(len, article)) >= 100:
        return "\n\n".join(article)
    paragraphs = [text for text, _, in_para in parser.blocks if in_para]
    if sum(map(len, paragraphs)) >= 100:
        return "\n\n".join(paragraphs)
    return "\n\n".join(text for text, _, _ in parser.blocks)


def _without_site_name(title: str, site: str | None) -> str:
    """``<title>`` minus the site name sites append or prepend ("خبر | الصحيفة")."""
    if not site:
        return title
    parts = [p.strip() for p in _TITLE_SEPARATOR.split(title)]
    if len(parts) > 1 and parts[-1] == site.strip():
        return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    if len(parts) > 1 and parts[0] == site.strip():
        return " - ".join(parts[1:]) if len(parts) > 2 else parts[1]
    return title


def _trafilatura_text(html: str) -> str | None:
    try:
        import trafilatura
    except ImportError:
        return None
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        return trafilatura.extract(html, favor_recall=True, include_comments=False, include_tables=True, deduplicate=False)
    except Exception:  # noqa: BLE001 - a third-party parser on hostile input: fall back
        return None


def extract_html(html: str) -> dict:
    """Column-named fields of a page: text, title, url, source, author, published_at (raw)."""
    parser = _PageParser()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser on garbage: keep what was read
        pass
    meta = parser.meta
    title = meta.get("og:title") or _without_site_name(" ".join("".join(parser.title_parts).split()), meta.get("og:site_name")) or None
    text = _trafilatura_text(html) if len(html) <= _TRAFILATURA_MAX_CHARS else None
    if not text or not text.strip():
        text = _fallback_text(parser)
    elif title:
        # trafilatura repeats the <h1> headline as the first line: the title column has it.
        first, _, rest = text.partition("\n")
        if first.strip() == title.strip() and rest.strip():
            text = rest
    date_key = next((k for k in _DATE_META if meta.get(k)), None)
    return {
        "text": text,
        "title": title,
        "url": meta.get("og:url") or parser.canonical,
        "source": meta.get("og:site_name"),
        "author": meta.get("author") or meta.get("article:author") or meta.get("byl"),
        "published_at": meta[date_key] if date_key else parser.time_datetime,
        "date_field": f"meta {date_key}" if date_key else ("time" if parser.time_datetime else None),
    }

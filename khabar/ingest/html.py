"""Article text and metadata from an HTML page.

The text comes from trafilatura (boilerplate removal that is far better than
anything small) when it is installed; pages it rejects, pages over
``_TRAFILATURA_MAX_CHARS`` and installs without it fall back to a small
stdlib extractor of ``<article>``/``<p>`` text. Metadata (title, date, URL,
author, site) always comes from the stdlib pass over ``<title>``, ``<meta>``
(OpenGraph, Dublin Core...), schema.org JSON-LD, ``<link rel=canonical>``
and ``<time>``, so it does not depend on which extractor ran.
"""

from __future__ import annotations

import json
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
        self.ld_json: list[str] = []  # <script type="application/ld+json"> bodies
        self._ld: list[str] | None = None

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
        if tag == "script" and "ld+json" in attr.get("type", "").lower():
            self._ld = []
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
        if tag == "script" and self._ld is not None:
            self.ld_json.append("".join(self._ld))
            self._ld = None
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
        if self._ld is not None:
            self._ld.append(data)
        elif self._in_title:
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


_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle", "webpage"}


def _ld_article(scripts: list[str]) -> dict:
    """The first schema.org article object in the page's JSON-LD (``@graph`` included)."""
    found: list[dict] = []

    def walk(node, depth: int = 0) -> None:
        if depth > 4:
            return
        if isinstance(node, list):
            for item in node:
                walk(item, depth + 1)
        elif isinstance(node, dict):
            kinds = node.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds) or "datePublished" in node:
                found.append(node)
            walk(node.get("@graph"), depth + 1)

    for script in scripts[:20]:
        try:
            walk(json.loads(script, strict=False))
        except (ValueError, RecursionError):
            continue
    # a NewsArticle beats a generic WebPage of the same page
    found.sort(key=lambda n: "datePublished" not in n)
    return found[0] if found else {}


def _name(value) -> str | None:
    """A schema.org person/organisation (or list of them) as text."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return value.get("name") if isinstance(value.get("name"), str) else None
    if isinstance(value, list):
        names = [n for n in map(_name, value[:10]) if n]
        return ", ".join(names) or None
    return None


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
    ld = _ld_article(parser.ld_json)
    headline = ld.get("headline") if isinstance(ld.get("headline"), str) else None
    site = meta.get("og:site_name") or _name(ld.get("publisher"))
    page_title = _without_site_name(" ".join("".join(parser.title_parts).split()), site)
    title = meta.get("og:title") or headline or page_title or None
    text = _trafilatura_text(html) if len(html) <= _TRAFILATURA_MAX_CHARS else None
    if not text or not text.strip():
        text = _fallback_text(parser)
    elif title:
        # trafilatura repeats the <h1> headline as the first line: the title column has it.
        first, _, rest = text.partition("\n")
        if first.strip() == title.strip() and rest.strip():
            text = rest
    # Dates: the article's own published time first (OpenGraph, then JSON-LD),
    # then the looser meta names, then the first <time datetime>.
    date_value, date_field = None, None
    for key, value in (
        ("meta article:published_time", meta.get("article:published_time")),
        ("ld+json datePublished", ld.get("datePublished")),
        *((f"meta {k}", meta.get(k)) for k in _DATE_META[1:]),
        ("time", parser.time_datetime),
    ):
        if isinstance(value, str) and value.strip():
            date_value, date_field = value, key
            break
    url = meta.get("og:url") or parser.canonical or (ld.get("url") if isinstance(ld.get("url"), str) else None)
    return {
        "text": text,
        "title": title,
        "url": url,
        "source": site,
        "author": meta.get("author") or _name(ld.get("author")) or meta.get("article:author") or meta.get("byl"),
        "published_at": date_value,
        "date_field": date_field,
    }

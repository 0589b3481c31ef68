"""``khabar report``: one self-contained HTML file about a range of days.

    khabar report --since 2015-07-01 --until 2015-07-31 --out report.html

Reads the datasets straight from the store (:mod:`khabar.report.queries`:
DuckDB over the Parquet files, partitions pruned on ``dt``) and builds a
single page with inline CSS and inline SVG charts (:mod:`khabar.report.html`,
:mod:`khabar.report.svg`): no JavaScript, no fonts or scripts from the
network. The only URLs in it are the article links of the quote board, and
only when they are http(s).

Sections: top entities with their daily trend, co-occurrence of the top
people and organisations, a quote board, money by currency, and run health
(documents per day, quarantine by reason, stage durations of the runs that
wrote these days).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from khabar.report import html, queries
from khabar.report.queries import Range

__all__ = ["Range", "render"]


def render(store: Path, rng: Range) -> str:
    """The whole HTML document for the store at ``store`` and the days of ``rng``."""
    data = queries.load(store, rng)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return html.page(store, rng, data, generated)

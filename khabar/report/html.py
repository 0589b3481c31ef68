"""The report's HTML page: inline CSS, one section per view, inline SVG charts (:mod:`khabar.report.svg`).

No I/O: :func:`page` turns the rows of :mod:`khabar.report.queries` into the
document. Every piece of text from the data goes through :func:`esc`;
Arabic cells carry ``dir="rtl"``; only http(s) article URLs become links.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from khabar import schemas
from khabar.report.queries import QUOTE_MAX_CHARS, Range, ReportData
from khabar.report.svg import (
    bar_chart,
    column_chart,
    esc,
    has_arabic,
    heatmap,
    human,
    line_chart,
    sparkline,
    stacked_bars,
)
from khabar.stages import stage_order

TREND_LINES = 6  # entities drawn on the shared trend chart

CSS = """
body { font-family: 'DejaVu Sans', 'Noto Sans Arabic', Tahoma, Arial, sans-serif; margin: 24px auto; max-width: 1120px; color: #222; line-height: 1.45; }
h1 { font-size: 24px; margin-bottom: 4px; }
h2 { font-size: 19px; border-bottom: 2px solid #1f77b4; padding-bottom: 4px; margin-top: 36px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta { color: #666; font-size: 13px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 16px 0; }
.card { background: #f4f7fb; border: 1px solid #dde5ef; border-radius: 6px; padding: 10px 16px; min-width: 120px; }
.card b { display: block; font-size: 22px; }
.card span { color: #555; font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #e6e6e6; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #fafafa; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td[dir=rtl] { text-align: right; font-size: 14px; }
.quote { font-size: 15px; }
.quote::before { content: "«"; color: #999; } .quote::after { content: "»"; color: #999; }
.empty { color: #888; font-style: italic; }
.label { font-size: 11px; border-radius: 3px; padding: 1px 5px; color: #fff; }
.PER { background: #1f77b4; } .ORG { background: #d62728; } .LOC { background: #2ca02c; } .MISC { background: #7f7f7f; }
.status-completed { color: #2ca02c; } .status-failed { color: #d62728; font-weight: bold; }
svg { display: block; margin: 8px 0; }
.spark { display: inline-block; margin: 0; }
footer { margin-top: 40px; color: #888; font-size: 12px; }
"""


def _ar(text) -> str:
    """A table cell for text that may be Arabic: right-to-left, escaped."""
    text = "" if text is None else str(text)
    if has_arabic(text):
        return f'<td dir="rtl" lang="ar">{esc(text)}</td>'
    return f"<td>{esc(text)}</td>"


def _num(value, digits: int | None = None) -> str:
    if value is None:
        return '<td class="num">–</td>'
    if digits is not None:
        return f'<td class="num">{value:,.{digits}f}</td>'
    return f'<td class="num">{int(value):,}</td>'


def _empty(what: str) -> str:
    return f'<p class="empty">{esc(what)}</p>'


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links are kept: a javascript: or data: URL in the data never becomes a link."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def section_entities(top: list[dict], daily: dict, rng: Range) -> str:
    parts = ['<section id="entities"><h2>Top entities</h2>']
    if not top:
        return parts[0] + _empty("No entities in this range (entity_daily has no rows for these days).") + "</section>"
    days = rng.days()
    series = [(r["canonical"], [daily[r["entity_id"]].get(d, 0) for d in days]) for r in top[:TREND_LINES]]
    if len(days) > 1:  # a one-day range has no trend to draw
        parts.append("<h3>Mentions per day</h3>")
        parts.append(line_chart(days, series))
    parts.append('<table><tr><th class="num">#</th><th>entity</th><th>label</th><th class="num">mentions</th><th class="num">documents</th><th class="num">days</th><th>trend</th></tr>')
    for i, r in enumerate(top, 1):
        values = [daily[r["entity_id"]].get(d, 0) for d in days]
        label = esc(r["label"])
        trend = sparkline(values, title=f"{r['canonical']}: " + ", ".join(str(v) for v in values))
        parts.append(
            f'<tr><td class="num">{i}</td>{_ar(r["canonical"])}<td><span class="label {label}">{label}</span></td>'
            f'{_num(r["mentions"])}{_num(r["documents"])}{_num(r["days"])}<td>{trend}</td></tr>'
        )
    parts.append("</table></section>")
    return "".join(parts)


def section_cooccurrence(top: list[dict], matrix: list[list[float]]) -> str:
    parts = ['<section id="cooccurrence"><h2>Who appears with whom</h2>']
    if len(top) < 2:
        return parts[0] + _empty("Not enough people or organisations in this range for a co-occurrence view.") + "</section>"
    parts.append(
        '<p class="meta">Documents mentioning both, for the most mentioned people and organisations. '
        "Columns are numbered like the rows (the number on the diagonal).</p>"
    )
    labels = [f"{r['canonical']} ({r['label']})" for r in top]
    parts.append(heatmap(labels, matrix, title="documents mentioning both entities"))
    parts.append("</section>")
    return "".join(parts)


def section_quotes(quotes: list[dict]) -> str:
    parts = ['<section id="quotes"><h2>Quote board</h2>']
    if not quotes:
        return parts[0] + _empty("No quotes in this range.") + "</section>"
    parts.append('<p class="meta">The most quoted named speakers of the range (linked to a person or organisation), a few of their quotes each, with the article.</p>')
    parts.append("<table><tr><th>speaker</th><th>quote</th><th>source</th><th>day</th><th>article</th></tr>")
    for q in quotes:
        text = q["text"] or ""
        if len(text) > QUOTE_MAX_CHARS:
            text = text[: QUOTE_MAX_CHARS - 1] + "…"
        speaker = q["speaker_name"] or q["speaker"] or q["speaker_key"]
        url = _safe_url(q.get("url"))
        link_text = esc(q.get("title") or "article")
        link_dir = ' dir="rtl"' if has_arabic(q.get("title") or "") else ""
        link = f'<a href="{esc(url)}" rel="noopener noreferrer"{link_dir}>{link_text}</a>' if url else esc(q["doc_id"])
        parts.append(
            f'<tr>{_ar(speaker)}<td dir="rtl" lang="ar" class="quote">{esc(text)}</td>'
            f"<td>{esc(q.get('source') or '')}</td><td>{esc(q['dt'])}</td><td>{link}</td></tr>"
        )
    parts.append("</table></section>")
    return "".join(parts)


def section_money(rows: list[dict]) -> str:
    parts = ['<section id="money"><h2>Money by currency</h2>']
    if not rows:
        return parts[0] + _empty("No amounts of money in this range.") + "</section>"
    parts.append('<p class="meta">Bars: how many amounts of money were reported in each currency; the label gives their total.</p>')
    bars = [(r["currency"], float(r["mentions"]), f"{int(r['mentions']):,} mentions · total {human(r['total'])} {r['currency']}") for r in rows]
    parts.append(bar_chart(bars, title="amounts of money by currency"))
    parts.append('<table><tr><th>currency</th><th class="num">mentions</th><th class="num">documents</th><th class="num">total</th></tr>')
    for r in rows:
        parts.append(f"<tr><td>{esc(r['currency'])}</td>{_num(r['mentions'])}{_num(r['documents'])}{_num(r['total'], 2)}</tr>")
    parts.append("</table></section>")
    return "".join(parts)


def section_health(corpus_rows: list[dict], reasons: list[dict], run_rows: list[dict]) -> str:
    parts = ['<section id="health"><h2>Run health</h2>', "<h3>Documents per day</h3>", _corpus_days(corpus_rows)]
    parts.append("<h3>Quarantined input by reason</h3>")
    parts.append('<p class="meta">Records of these days\' partitions and of the runs below that could not be read.</p>')
    parts.append(_quarantine(reasons))
    parts.append("<h3>Runs that wrote these days</h3>")
    parts.append(_runs(run_rows))
    parts.append("</section>")
    return "".join(parts)


def _corpus_days(corpus_rows: list[dict]) -> str:
    if not corpus_rows:
        return _empty("No corpus_daily rows for these days.")
    parts = [column_chart([r["dt"][5:] for r in corpus_rows], [float(r["documents"]) for r in corpus_rows], title="documents per day")]
    parts.append(
        '<table><tr><th>day</th><th class="num">sources</th><th class="num">documents</th><th class="num">words</th>'
        '<th class="num">sentences</th><th class="num">quarantined</th><th class="num">duplicates</th></tr>'
    )
    for r in corpus_rows:
        parts.append(
            f"<tr><td>{esc(r['dt'])}</td>{_num(r['sources'])}{_num(r['documents'])}{_num(r['words'])}"
            f"{_num(r['sentences'])}{_num(r['quarantined'])}{_num(r['duplicates'])}</tr>"
        )
    parts.append("</table>")
    return "".join(parts)


def _quarantine(reasons: list[dict]) -> str:
    if not reasons:
        return _empty("Nothing quarantined in these partitions.")
    parts = ['<table><tr><th>reason</th><th class="num">records</th><th class="num">files</th><th>example</th></tr>']
    for r in reasons:
        parts.append(f"<tr><td>{esc(r['reason'])}</td>{_num(r['records'])}{_num(r['files'])}<td>{esc(r['example'])}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


def _runs(run_rows: list[dict]) -> str:
    if not run_rows:
        return _empty("No run in the runs dataset rewrote a partition of this range.")
    parts = [
        (
            '<table><tr><th>run</th><th>flow</th><th>started (UTC)</th><th>status</th><th class="num">duration</th>'
            '<th class="num">records seen</th><th class="num">documents</th><th class="num">quarantined</th><th class="num">duplicates</th></tr>'
        )
    ]
    parts += [_run_row(r) for r in run_rows]
    parts.append("</table>")
    timings = [(str(r["run_id"])[:20], _stage_seconds(r)) for r in run_rows]
    if any(t for _, t in timings):
        parts.append("<h3>Seconds per stage</h3>")
        parts.append(stacked_bars(timings, title="seconds per stage of each run"))
    return "".join(parts)


def _run_row(run: dict) -> str:
    counts = _run_counts(run)
    started = run["started_at"].astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") if run.get("started_at") else "–"
    status = esc(run.get("status"))
    return (
        f"<tr><td><code>{esc(run['run_id'])}</code></td><td>{esc(run.get('flow'))}</td><td>{started}</td>"
        f'<td class="status-{status}">{status}</td><td class="num">{_duration(run)}</td>'
        + "".join(_num(counts.get(k)) if isinstance(counts.get(k), (int, float)) else _num(None) for k in ("records_seen", "documents", "quarantined", "duplicates"))
        + "</tr>"
    )


def _run_counts(run: dict) -> dict:
    """records_seen, documents, quarantined, duplicates of a run: under "ingest" in counts (or at its top level)."""
    counts = run["counts"]
    ingest = counts.get("ingest") if isinstance(counts.get("ingest"), dict) else {}
    return {**counts, **ingest}


def _stage_seconds(run: dict) -> dict[str, float]:
    """Seconds per stage in pipeline order (the JSON keeps keys sorted), unknown stages after."""
    timings = {k: float(v) for k, v in run["timings"].items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    return {k: timings[k] for k in sorted(timings, key=lambda k: (stage_order(k), k))}


def _duration(run: dict) -> str:
    start, end = run.get("started_at"), run.get("finished_at")
    if not start or not end:
        return "–"
    return f"{(end - start).total_seconds():.1f} s"


def page(out: Path, rng: Range, data: ReportData, generated: str) -> str:
    """The whole HTML document for the store at ``out``, the days of ``rng`` and their ``data``."""
    body = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>khabar report {esc(rng.since)} – {esc(rng.until)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>khabar report: {esc(rng.since)} to {esc(rng.until)}</h1>",
        (
            f'<p class="meta">Store <code>{esc(out)}</code> · generated {generated} · '
            '<a href="#entities">entities</a> · <a href="#cooccurrence">co-occurrence</a> · <a href="#quotes">quotes</a> · '
            '<a href="#money">money</a> · <a href="#health">run health</a></p>'
        ),
        f'<div class="cards">{_cards(data)}</div>',
        section_entities(data.top, data.daily, rng),
        section_cooccurrence(data.matrix_top, data.matrix),
        section_quotes(data.quotes),
        section_money(data.money),
        section_health(data.corpus, data.reasons, data.runs),
        f"<footer>khabar · schema version {schemas.SCHEMA_VERSION} · figures per publication day (dt)</footer>",
        "</body></html>",
    ]
    return "\n".join(body)


def _cards(data: ReportData) -> str:
    totals = {
        "documents": sum(int(r["documents"]) for r in data.corpus),
        "words": sum(int(r["words"]) for r in data.corpus),
        "quarantined": sum(int(r["records"]) for r in data.reasons),
        "days with data": len(data.corpus),
    }
    return "".join(f"<div class=\"card\"><b>{human(v)}</b><span>{esc(k)}</span></div>" for k, v in totals.items())

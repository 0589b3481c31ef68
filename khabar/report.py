"""``khabar report``: one self-contained HTML file about a range of days.

    khabar report --since 2015-07-01 --until 2015-07-31 --out report.html

Reads the datasets straight from the store (DuckDB over the Parquet files,
partitions pruned on ``dt``) and writes a single file with inline CSS and
inline SVG charts: no JavaScript, no fonts or scripts from the network. The
only URLs in it are the article links of the quote board, and only when they
are http(s). Every piece of text from the data goes through html.escape;
Arabic cells carry ``dir="rtl"``.

Sections: top entities with their daily trend, co-occurrence of the top
people and organisations, a quote board, money by currency, and run health
(documents per day, quarantine by reason, stage durations of the runs that
wrote these days).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from khabar import report_svg as svg
from khabar import schemas
from khabar.stages import stage_order
from khabar.report_svg import esc, human

TOP_ENTITIES = 12  # rows of the top-entities table
TREND_LINES = 6  # entities drawn on the shared trend chart
MATRIX_SIZE = 12  # people and organisations in the co-occurrence matrix
QUOTE_SPEAKERS = 10  # speakers on the quote board
QUOTES_PER_SPEAKER = 3
QUOTE_MAX_CHARS = 320  # longer quotes are cut, with an ellipsis
CURRENCIES = 12
RUNS_SHOWN = 12


@dataclass
class Range:
    since: str
    until: str

    def days(self) -> list[str]:
        start, end = date.fromisoformat(self.since), date.fromisoformat(self.until)
        return [(start + timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


class StoreReader:
    """DuckDB over the store: one view per dataset present, ``dt`` kept as 'YYYY-MM-DD' text."""

    def __init__(self, out: Path):
        import duckdb

        from khabar.warehouse import present_datasets

        self.out = out
        self.con = duckdb.connect()
        self.present = set(present_datasets(out))
        for name in self.present:
            folder = (out / name).resolve().as_posix().replace("'", "''")
            partitioned = any(p.name.startswith("dt=") for p in (out / name).iterdir())
            hive = ", hive_types={'dt': VARCHAR}" if partitioned else ""
            self.con.execute(
                f'create view "{name}" as select * from read_parquet(\'{folder}/**/*.parquet\', hive_partitioning=true, union_by_name=true{hive})'
            )

    def has(self, *names: str) -> bool:
        return all(n in self.present for n in names)

    def columns(self, name: str) -> set[str]:
        return {row[0] for row in self.con.execute(f'describe "{name}"').fetchall()} if name in self.present else set()

    def rows(self, sql: str, params: list | None = None) -> list[dict]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def close(self) -> None:
        self.con.close()


# --- data ---------------------------------------------------------------------------


def top_entities(reader: StoreReader, rng: Range) -> tuple[list[dict], dict[str, dict[str, int]]]:
    if not reader.has("entity_daily"):
        return [], {}
    top = reader.rows(
        """
        select entity_id, arg_max(canonical, mentions) as canonical, mode(label) as label,
               sum(mentions) as mentions, sum(documents) as documents, count(distinct dt) as days
        from entity_daily where dt between ? and ?
        group by entity_id order by mentions desc, entity_id limit ?
        """,
        [rng.since, rng.until, TOP_ENTITIES],
    )
    ids = [r["entity_id"] for r in top]
    daily: dict[str, dict[str, int]] = {i: {} for i in ids}
    if ids:
        for r in reader.rows(
            "select entity_id, dt, sum(mentions) as m from entity_daily where dt between ? and ? and list_contains(?, entity_id) group by all",
            [rng.since, rng.until, ids],
        ):
            daily[r["entity_id"]][r["dt"]] = int(r["m"])
    return top, daily


def cooccurrence_matrix(reader: StoreReader, rng: Range) -> tuple[list[dict], list[list[float]]]:
    """The most mentioned PER/ORG entities and their pairwise shared-document counts."""
    if not reader.has("entity_daily", "cooccurrence"):
        return [], []
    top = reader.rows(
        """
        select entity_id, arg_max(canonical, mentions) as canonical, mode(label) as label, sum(mentions) as mentions
        from entity_daily where dt between ? and ? and label in ('PER', 'ORG')
        group by entity_id order by mentions desc, entity_id limit ?
        """,
        [rng.since, rng.until, MATRIX_SIZE],
    )
    index = {r["entity_id"]: i for i, r in enumerate(top)}
    matrix = [[0.0] * len(top) for _ in top]
    if top:
        ids = list(index)
        for r in reader.rows(
            """
            select entity_a, entity_b, sum(documents) as documents from cooccurrence
            where dt between ? and ? and list_contains(?, entity_a) and list_contains(?, entity_b)
            group by all
            """,
            [rng.since, rng.until, ids, ids],
        ):
            i, j = index[r["entity_a"]], index[r["entity_b"]]
            matrix[i][j] = matrix[j][i] = float(r["documents"])
    return top, matrix


def quote_board(reader: StoreReader, rng: Range) -> list[dict]:
    """Up to QUOTES_PER_SPEAKER quotes of each of the most quoted named speakers, with their article.

    Named: the speaker links to a PER or ORG entity. Unnamed sources (المصدر،
    البيان) would otherwise fill the board on real news.
    """
    if not reader.has("quotes"):
        return []
    doc_cols = reader.columns("documents")
    join = "left join documents d on d.doc_id = q.doc_id and d.dt = q.dt" if doc_cols else ""
    source = "d.source" if "source" in doc_cols else "null"
    url = "d.url" if "url" in doc_cols else "null"
    title = "d.title" if "title" in doc_cols else "null"
    return reader.rows(
        f"""
        with q as (
            select *, speaker_entity_id as speaker_key
            from quotes where dt between ? and ?
        ),
        speakers as (
            select speaker_key, count(*) as n, mode(trim(speaker)) as speaker_name from q
            where speaker_key is not null group by speaker_key order by n desc, speaker_key limit ?
        ),
        ranked as (
            select q.*, s.n, s.speaker_name, row_number() over (
                partition by q.speaker_key
                -- prefer quotes of a readable length, then the latest
                order by (length(q.text) between 20 and {QUOTE_MAX_CHARS}) desc, q.dt desc, q.doc_id, q.quote_idx
            ) as rank
            from q join speakers s using (speaker_key)
        )
        select q.speaker_key, q.speaker_name, q.n as speaker_quotes, q.speaker, q.text, q.dt, q.doc_id, q.quote_idx,
               {source} as source, {url} as url, {title} as title
        from ranked q {join}
        where q.rank <= ?
        order by q.n desc, q.speaker_key, q.rank
        """,
        [rng.since, rng.until, QUOTE_SPEAKERS, QUOTES_PER_SPEAKER],
    )


def money(reader: StoreReader, rng: Range) -> list[dict]:
    if not reader.has("amounts_daily"):
        return []
    return reader.rows(
        """
        select coalesce(unit, '?') as currency, sum(total) as total, sum("count") as mentions, sum(documents) as documents
        from amounts_daily where dt between ? and ? and kind = 'money'
        group by all order by mentions desc, currency limit ?
        """,
        [rng.since, rng.until, CURRENCIES],
    )


def corpus(reader: StoreReader, rng: Range) -> list[dict]:
    if not reader.has("corpus_daily"):
        return []
    return reader.rows(
        """
        select dt, sum(documents) as documents, sum(words) as words, sum(sentences) as sentences,
               sum(quarantined) as quarantined, sum(duplicates) as duplicates, count(source) as sources
        from corpus_daily where dt between ? and ? group by dt order by dt
        """,
        [rng.since, rng.until],
    )


def quarantine_reasons(reader: StoreReader, rng: Range, run_ids: list[str]) -> list[dict]:
    """Quarantined records by reason: those in the range's partitions and those of the runs shown.

    A quarantined record has no publication date, so it lands in the
    partition of its run's date, which is outside the range when an archive
    is backfilled; its run_id still ties it to the run that wrote these days.
    """
    if not reader.has("quarantine"):
        return []
    return reader.rows(
        """
        select reason, count(*) as records, count(distinct raw_path) as files, min(detail) as example
        from quarantine where dt between ? and ? or list_contains(?::varchar[], run_id)
        group by reason order by records desc, reason
        """,
        [rng.since, rng.until, run_ids],
    )


def runs(reader: StoreReader, rng: Range) -> list[dict]:
    """The latest runs that rewrote a partition in the range."""
    if not reader.has("runs"):
        return []
    rows = reader.rows("select * from runs order by started_at desc")
    days = set(rng.days())
    picked = [r for r in rows if days & set(r.get("partitions") or [])]
    return picked[:RUNS_SHOWN]


def _json(text: str | None) -> dict:
    try:
        value = json.loads(text or "{}")
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


# --- rendering -------------------------------------------------------------------------

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
    if svg._has_arabic(text):
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
        parts.append(svg.line_chart(days, series))
    parts.append('<table><tr><th class="num">#</th><th>entity</th><th>label</th><th class="num">mentions</th><th class="num">documents</th><th class="num">days</th><th>trend</th></tr>')
    for i, r in enumerate(top, 1):
        values = [daily[r["entity_id"]].get(d, 0) for d in days]
        label = esc(r["label"])
        trend = svg.sparkline(values, title=f"{r['canonical']}: " + ", ".join(str(v) for v in values))
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
    parts.append(svg.heatmap(labels, matrix, title="documents mentioning both entities"))
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
        link_dir = ' dir="rtl"' if svg._has_arabic(q.get("title") or "") else ""
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
    parts.append(svg.bar_chart(bars, title="amounts of money by currency"))
    parts.append('<table><tr><th>currency</th><th class="num">mentions</th><th class="num">documents</th><th class="num">total</th></tr>')
    for r in rows:
        parts.append(f"<tr><td>{esc(r['currency'])}</td>{_num(r['mentions'])}{_num(r['documents'])}{_num(r['total'], 2)}</tr>")
    parts.append("</table></section>")
    return "".join(parts)


def _run_counts(run: dict) -> dict:
    """records_seen, documents, quarantined, duplicates of a run: under "ingest" in counts (or at its top level)."""
    counts = _json(run.get("counts"))
    ingest = counts.get("ingest") if isinstance(counts.get("ingest"), dict) else {}
    return {**counts, **ingest}


def _stage_seconds(run: dict) -> dict[str, float]:
    """Seconds per stage in pipeline order (the JSON keeps keys sorted), unknown stages after."""
    timings = {k: float(v) for k, v in _json(run.get("timings")).items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    return {k: timings[k] for k in sorted(timings, key=lambda k: (stage_order(k), k))}


def _duration(run: dict) -> str:
    start, end = run.get("started_at"), run.get("finished_at")
    if not start or not end:
        return "–"
    return f"{(end - start).total_seconds():.1f} s"


def section_health(corpus_rows: list[dict], reasons: list[dict], run_rows: list[dict]) -> str:
    parts = ['<section id="health"><h2>Run health</h2>', "<h3>Documents per day</h3>"]
    if corpus_rows:
        parts.append(svg.column_chart([r["dt"][5:] for r in corpus_rows], [float(r["documents"]) for r in corpus_rows], title="documents per day"))
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
    else:
        parts.append(_empty("No corpus_daily rows for these days."))
    parts.append("<h3>Quarantined input by reason</h3>")
    parts.append('<p class="meta">Records of these days\' partitions and of the runs below that could not be read.</p>')
    if reasons:
        parts.append('<table><tr><th>reason</th><th class="num">records</th><th class="num">files</th><th>example</th></tr>')
        for r in reasons:
            parts.append(f"<tr><td>{esc(r['reason'])}</td>{_num(r['records'])}{_num(r['files'])}<td>{esc(r['example'])}</td></tr>")
        parts.append("</table>")
    else:
        parts.append(_empty("Nothing quarantined in these partitions."))
    parts.append("<h3>Runs that wrote these days</h3>")
    if run_rows:
        timings = []
        parts.append(
            '<table><tr><th>run</th><th>flow</th><th>started (UTC)</th><th>status</th><th class="num">duration</th>'
            '<th class="num">records seen</th><th class="num">documents</th><th class="num">quarantined</th><th class="num">duplicates</th></tr>'
        )
        for r in run_rows:
            counts = _run_counts(r)
            stage_seconds = _stage_seconds(r)
            timings.append((str(r["run_id"])[:20], stage_seconds))
            started = r["started_at"].astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S") if r.get("started_at") else "–"
            status = esc(r.get("status"))
            parts.append(
                f"<tr><td><code>{esc(r['run_id'])}</code></td><td>{esc(r.get('flow'))}</td><td>{started}</td>"
                f'<td class="status-{status}">{status}</td><td class="num">{_duration(r)}</td>'
                + "".join(_num(counts.get(k)) if isinstance(counts.get(k), (int, float)) else _num(None) for k in ("records_seen", "documents", "quarantined", "duplicates"))
                + "</tr>"
            )
        parts.append("</table>")
        if any(t for _, t in timings):
            parts.append("<h3>Seconds per stage</h3>")
            parts.append(svg.stacked_bars(timings, title="seconds per stage of each run"))
    else:
        parts.append(_empty("No run in the runs dataset rewrote a partition of this range."))
    parts.append("</section>")
    return "".join(parts)


def render(out: Path, rng: Range) -> str:
    """The whole HTML document for the store at ``out`` and the days of ``rng``."""
    reader = StoreReader(out)
    try:
        top, daily = top_entities(reader, rng)
        matrix_top, matrix = cooccurrence_matrix(reader, rng)
        quotes = quote_board(reader, rng)
        money_rows = money(reader, rng)
        corpus_rows = corpus(reader, rng)
        run_rows = runs(reader, rng)
        reasons = quarantine_reasons(reader, rng, [r["run_id"] for r in run_rows])
    finally:
        reader.close()
    totals = {
        "documents": sum(int(r["documents"]) for r in corpus_rows),
        "words": sum(int(r["words"]) for r in corpus_rows),
        "quarantined": sum(int(r["records"]) for r in reasons),
        "days with data": len(corpus_rows),
    }
    cards = "".join(f"<div class=\"card\"><b>{human(v)}</b><span>{esc(k)}</span></div>" for k, v in totals.items())
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>khabar report {esc(rng.since)} – {esc(rng.until)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>khabar report: {esc(rng.since)} to {esc(rng.until)}</h1>",
        f'<p class="meta">Store <code>{esc(out)}</code> · generated {generated} · '
        '<a href="#entities">entities</a> · <a href="#cooccurrence">co-occurrence</a> · <a href="#quotes">quotes</a> · '
        '<a href="#money">money</a> · <a href="#health">run health</a></p>',
        f'<div class="cards">{cards}</div>',
        section_entities(top, daily, rng),
        section_cooccurrence(matrix_top, matrix),
        section_quotes(quotes),
        section_money(money_rows),
        section_health(corpus_rows, reasons, run_rows),
        f"<footer>khabar · schema version {schemas.SCHEMA_VERSION} · figures per publication day (dt)</footer>",
        "</body></html>",
    ]
    return "\n".join(body)

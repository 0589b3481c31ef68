"""What the report reads from the store: DuckDB over the Parquet files, partitions pruned on ``dt``.

Every function returns plain rows (dicts keyed by column name); nothing here
knows about HTML. :func:`load` gathers everything one report needs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

TOP_ENTITIES = 12  # rows of the top-entities table
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


@dataclass
class ReportData:
    top: list[dict]  # top entities
    daily: dict[str, dict[str, int]]  # entity_id -> dt -> mentions, for the top entities
    matrix_top: list[dict]  # the PER/ORG entities of the co-occurrence matrix
    matrix: list[list[float]]
    quotes: list[dict]
    money: list[dict]
    corpus: list[dict]
    runs: list[dict]
    reasons: list[dict]  # quarantine by reason


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


def load(out: Path, rng: Range) -> ReportData:
    """Everything the report shows for the store at ``out`` and the days of ``rng``."""
    reader = StoreReader(out)
    try:
        top, daily = top_entities(reader, rng)
        matrix_top, matrix = cooccurrence_matrix(reader, rng)
        run_rows = runs(reader, rng)
        return ReportData(
            top=top,
            daily=daily,
            matrix_top=matrix_top,
            matrix=matrix,
            quotes=quote_board(reader, rng),
            money=money(reader, rng),
            corpus=corpus(reader, rng),
            runs=run_rows,
            reasons=quarantine_reasons(reader, rng, [r["run_id"] for r in run_rows]),
        )
    finally:
        reader.close()


# An entity's name in the range is the one of its best day; ties go to the
# latest day, then the name, so the same store always renders the same page
# (a bare arg_max returned either of two tied names, thread timing deciding).
NAME_OF_BEST_DAY = "arg_max(canonical, (mentions, dt, canonical)) as canonical, arg_max(label, (mentions, dt, label)) as label"


def top_entities(reader: StoreReader, rng: Range) -> tuple[list[dict], dict[str, dict[str, int]]]:
    if not reader.has("entity_daily"):
        return [], {}
    top = reader.rows(
        f"""
        select entity_id, {NAME_OF_BEST_DAY},
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
        f"""
        select entity_id, {NAME_OF_BEST_DAY}, sum(mentions) as mentions
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
    """The latest runs that rewrote a partition in the range, their JSON ``counts`` and ``timings`` decoded to dicts."""
    if not reader.has("runs"):
        return []
    rows = reader.rows("select * from runs order by started_at desc")
    days = set(rng.days())
    picked = [r for r in rows if days & set(r.get("partitions") or [])]
    return [{**r, "counts": _json(r.get("counts")), "timings": _json(r.get("timings"))} for r in picked[:RUNS_SHOWN]]


def _json(text: str | None) -> dict:
    try:
        value = json.loads(text or "{}")
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}

"""``khabar warehouse``: a DuckDB database with one view per dataset of the store.

The database ``<out>/khabar.duckdb`` holds no data, only views over the
Parquet files, so it is cheap to rebuild and always shows what the store
holds now::

    khabar warehouse --out data/processed
    duckdb data/processed/khabar.duckdb -c "select * from entity_daily limit 5"
    python -c "import duckdb; print(duckdb.connect('data/processed/khabar.duckdb').sql('from money_by_currency'))"

Each view reads ``<abs out>/<dataset>/**/*.parquet`` with Hive partitioning
(``dt`` becomes a DATE column) and ``union_by_name``, so partitions written
before a column was added still read (the column is null there). Paths are
absolute because DuckDB resolves a relative path in a view against the
current directory of the reader, not against the database file: move the
store, rerun ``khabar warehouse``. New partitions and files show up without a
rebuild; a new dataset needs one.

The analyst queries in :data:`QUERIES` are also created as views
(``person_ids``, ``top_people_week``, ``entity_registry``, ``who_quoted_whom``, ``money_by_currency``) when the
datasets they read exist.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pyarrow as pa

from khabar import schemas

DATABASE_NAME = "khabar.duckdb"

# name -> (datasets it reads, SQL). "This week" is the 7 days ending on the
# latest dt in the store, not the calendar week: a backfilled archive
# (SaudiNewsNet is from 2015) still answers.
QUERIES: dict[str, tuple[tuple[str, ...], str]] = {
    "person_ids": (
        ("entity_aliases_daily",),
        """
        -- Day ids of one person joined over all days (khabar/registry.py person_ids): each day id and each
        -- form counted as a variant is tied to the day's fullest form of the name it was counted under that
        -- holds 3/4 of its mentions under any; the registry id is the smallest day id joined. Ids joined to
        -- no other are not listed.
        with recursive ties(node, f, n) as (
            select node, f, sum(n) from (
                select entity_id as node, fullest_id as f, mentions as n from entity_aliases_daily where fullest_id is not null
                union all
                select variant_id, fullest_id, mentions from entity_aliases_daily where variant_id is not null and fullest_id is not null
            ) group by node, f
        ),
        edges(a, b) as (select node, arg_max(f, n) from ties group by node having max(n) * 4 >= sum(n) * 3),
        links(a, b) as (select a, b from edges union select b, a from edges),
        reach(node, other) as (
            select a, b from links
            union
            select r.node, l.b from reach r join links l on l.a = r.other
        ),
        day_ids as (select distinct entity_id from entity_aliases_daily)
        select r.node as entity_id, least(r.node, min(r.other)) as registry_id
        from reach r
        join day_ids d on d.entity_id = r.node
        join day_ids o on o.entity_id = r.other
        where r.other <> r.node
        group by r.node
        """,
    ),
    "top_people_week": (
        ("entity_daily",),
        """
        -- Top people this week: PER entities by mentions over the 7 days ending on the latest dt,
        -- one row per person of the registry (its day ids joined: person_ids).
        with last as (select max(dt) as d from entity_daily)
        select coalesce(p.registry_id, e.entity_id) as entity_id,
               arg_max(e.canonical, e.mentions) as canonical,
               sum(e.mentions) as mentions,
               sum(e.documents) as documents,
               count(distinct e.dt) as days
        from entity_daily e
        cross join last
        left join person_ids p on p.entity_id = e.entity_id
        where e.label = 'PER' and e.dt > last.d - 7
        group by 1
        order by mentions desc, entity_id
        limit 20
        """,
    ),
    "entity_registry": (
        ("entity_daily", "entity_aliases_daily"),
        """
        -- The entity registry: one row per entity over every day of the store (see khabar/registry.py).
        -- Ids are fixed functions of label and folded name, and a person's day ids are joined by
        -- person_ids, a fold of every day too: the same whether the days were run night by night or
        -- all at once.
        with days as (
            select coalesce(p.registry_id, e.entity_id) as entity_id,
                   arg_max(e.label, e.mentions) as label,
                   arg_max(e.canonical, e.mentions) as canonical,
                   arg_max(e.canonical_latin, e.mentions) as canonical_latin,
                   list(distinct e.entity_id order by e.entity_id) as ids,
                   min(e.dt) as first_seen,
                   max(e.dt) as last_seen,
                   sum(e.mentions) as mentions,
                   sum(e.documents) as documents
            from entity_daily e left join person_ids p on p.entity_id = e.entity_id
            group by 1
        ),
        forms as (
            select entity_id, list(alias order by n desc, alias) as aliases
            from (
                select coalesce(p.registry_id, a.entity_id) as entity_id, a.alias, sum(a.mentions) as n
                from entity_aliases_daily a left join person_ids p on p.entity_id = a.entity_id
                group by 1, 2
            )
            group by entity_id
        )
        select d.entity_id, d.label, d.canonical, d.canonical_latin, coalesce(f.aliases, []) as aliases,
               d.ids, d.first_seen, d.last_seen, d.mentions, d.documents
        from days d left join forms f using (entity_id)
        order by d.mentions desc, d.entity_id
        """,
    ),
    "who_quoted_whom": (
        ("quotes", "documents"),
        """
        -- Who quoted whom most: which outlet quoted which named speaker (a PER or ORG entity) in the
        -- most articles, over the whole store (articles first: one long interview should not outrank
        -- a speaker quoted every day). Unnamed sources (مصدر مسؤول، البيان) are left out: on real
        -- news they would fill the top of the list and say nothing about who was quoted.
        select d.source,
               q.speaker_entity_id as speaker_id,
               mode(trim(q.speaker)) as speaker,
               count(*) as quotes,
               count(distinct q.doc_id) as documents
        from quotes q
        join documents d on d.doc_id = q.doc_id and d.dt = q.dt
        where q.speaker_entity_id is not null
        group by d.source, speaker_id
        order by documents desc, quotes desc, d.source, speaker_id
        limit 20
        """,
    ),
    "money_by_currency": (
        ("amounts_daily",),
        """
        -- Money mentioned by currency (ISO 4217), over the whole store.
        select unit as currency,
               sum(total) as total,
               sum("count") as mentions,
               sum(documents) as documents,
               min(dt) as first_day,
               max(dt) as last_day
        from amounts_daily
        where kind = 'money'
        group by unit
        order by mentions desc, currency
        """,
    ),
}

# person_ids where the store has no entity_aliases_daily yet: no day ids joined.
NO_PERSON_IDS = "select null::varchar as entity_id, null::varchar as registry_id where false"


def queries_for(datasets: list[str]) -> list[tuple[str, str]]:
    """(name, SQL) of the :data:`QUERIES` whose datasets are all present, in creation order; ``person_ids``
    is empty where entity_daily has no entity_aliases_daily beside it (an older store), so the views
    joining it still work."""
    out = []
    for name, (needs, sql) in QUERIES.items():
        if name == "person_ids" and "entity_aliases_daily" not in datasets and "entity_daily" in datasets:
            needs, sql = ("entity_daily",), NO_PERSON_IDS
        if all(n in datasets for n in needs):
            out.append((name, sql))
    return out


def present_datasets(out: Path) -> list[str]:
    """Known datasets that have at least one Parquet file under ``out``."""
    return [name for name in schemas.DATASETS if (out / name).is_dir() and next((out / name).glob("**/*.parquet"), None) is not None]


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def view_sql(out: Path, name: str) -> str:
    """The CREATE VIEW statement of one dataset."""
    folder = (out / name).resolve()
    hive_types = ", hive_types={'dt': DATE}" if any(p.name.startswith("dt=") for p in folder.iterdir()) else ""
    glob = _sql_string(f"{folder.as_posix()}/**/*.parquet")
    return (
        f'create or replace view "{name}" as select * from '
        f"read_parquet({glob}, hive_partitioning=true, union_by_name=true{hive_types})"
    )


# DuckDB types of the Arrow types of columns added to a schema after its first version.
_DUCKDB_TYPES = {pa.string(): "VARCHAR", pa.int64(): "BIGINT", pa.int32(): "INTEGER", pa.float64(): "DOUBLE", pa.bool_(): "BOOLEAN"}


def _add_missing_columns(con, out: Path, name: str) -> None:
    """Recreate the view of ``name`` with the schema's columns that no file has yet as typed nulls.

    ``union_by_name`` gives a column null in the files that lack it, but only
    if one file has it: a store written entirely before ``canonical_latin``
    existed would otherwise have no such column, and the queries that read it
    (``entity_registry``) would fail instead of showing nulls.
    """
    have = {row[0] for row in con.execute(f'describe "{name}"').fetchall()}
    missing = [f for f in schemas.DATASETS[name] if f.name not in have and f.type in _DUCKDB_TYPES]
    if missing:
        extra = ", ".join(f'null::{_DUCKDB_TYPES[f.type]} as "{f.name}"' for f in missing)
        con.execute(view_sql(out, name).replace(" as select * from ", f" as select *, {extra} from ", 1))


def build(out: str | Path) -> tuple[Path, list[str]]:
    """Build ``<out>/khabar.duckdb`` afresh; returns its path and the views created.

    The database is written aside and renamed into place, so a reader never
    sees a half-built one and views of datasets that disappeared go away.
    """
    import duckdb

    out = Path(out)
    if not out.is_dir():
        from khabar.errors import UserError

        raise UserError(f"no store at {out}: run 'khabar run --out {out}' first, or pass --out")
    datasets = present_datasets(out)
    target = out / DATABASE_NAME
    tmp = out / f".{DATABASE_NAME}.{uuid.uuid4().hex[:8]}.tmp"
    views = []
    try:
        con = duckdb.connect(str(tmp))
        try:
            for name in datasets:
                con.execute(view_sql(out, name))
                _add_missing_columns(con, out, name)
                views.append(name)
            for name, sql in queries_for(datasets):
                con.execute(f'create or replace view "{name}" as {sql}')
                views.append(name)
        finally:
            con.close()
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
    return target, views


def run_query(database: str | Path, name: str):
    """Run one of :data:`QUERIES` against a built database; returns a pyarrow Table."""
    import duckdb

    if name not in QUERIES:
        raise KeyError(f"unknown query {name!r}; known: {', '.join(QUERIES)}")
    con = duckdb.connect(str(database), read_only=True)
    try:
        relation = con.sql(QUERIES[name][1])
        # duckdb >= 1.4 names it to_arrow_table; older releases only have arrow()
        return relation.to_arrow_table() if hasattr(relation, "to_arrow_table") else relation.arrow()
    finally:
        con.close()

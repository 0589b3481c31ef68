"""Arrow schemas of every dataset khabar writes, in one place.

Each dataset is Hive-partitioned by ``dt=YYYY-MM-DD``; ``dt`` lives in the
folder name, not in the files, so it is not part of these schemas. Library
functions return tables with the columns below *without* ``run_id``; the task
that writes a shard adds ``run_id`` (see :func:`with_run_id`).

Offsets (``start``, ``end``) are code-point offsets into ``documents.text``:
``text[start:end]`` is exactly the surface form.

SCHEMA_VERSION goes up whenever a column is added or changes meaning; it is
recorded in ``runs`` so readers know what a partition holds. Columns are only
ever added (never renamed or retyped), so readers of older partitions keep
working with ``union_by_name``.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 4  # 2: entity_daily.stories, amounts_daily.stories; 3: canonical_latin (entities, entity_daily, speakers_daily); 4: entity_aliases_daily.variant_id, fullest_id

TS = pa.timestamp("us", tz="UTC")
I32 = pa.int32()
I64 = pa.int64()
STR = pa.string()


def _schema(*fields: tuple) -> pa.Schema:
    return pa.schema([pa.field(name, typ, nullable=nullable) for name, typ, nullable in fields])


DOCUMENTS = _schema(
    ("doc_id", STR, False),
    ("source", STR, True),
    ("url", STR, True),
    ("title", STR, True),
    ("author", STR, True),
    ("published_at", TS, True),
    ("text", STR, False),
    ("raw_path", STR, False),
    ("raw_record", I64, False),  # 0-based line / row / member index within the raw file
    ("encoding", STR, True),  # detected encoding: utf-8, utf-8-sig, utf-8-lossy, utf-16, utf-32, cp1256
    ("truncated", pa.bool_(), True),  # text cut at a sentence boundary (ingest.max_chars)
    ("cluster_id", STR, True),  # near-duplicate story cluster; the doc_id of its first member
    ("ingested_at", TS, False),
    ("run_id", STR, False),
)

QUARANTINE = _schema(
    ("raw_path", STR, False),
    ("raw_record", I64, True),  # null when the whole file is quarantined
    ("reason", STR, False),  # short code from khabar.ingest.REASONS
    ("detail", STR, False),  # human message naming file and record
    ("run_id", STR, False),
)

DUPLICATES = _schema(  # exact duplicates skipped at ingest: recorded, never silently dropped
    ("doc_id", STR, False),  # the document already in the store (or earlier in the run)
    ("source", STR, True),
    ("raw_path", STR, False),
    ("raw_record", I64, False),
    ("run_id", STR, False),
)

NORMALISED = _schema(
    ("doc_id", STR, False),
    ("text_norm", STR, False),
    # Offset map, run-length coded: at normalised position map_norm[k] the
    # original position is map_orig[k]; between breakpoints both advance by one.
    ("map_norm", pa.list_(I32), False),
    ("map_orig", pa.list_(I32), False),
    ("run_id", STR, False),
)

SENTENCES = _schema(
    ("doc_id", STR, False),
    ("sent_idx", I32, False),
    ("start", I32, False),
    ("end", I32, False),
    ("is_heading", pa.bool_(), True),
    ("run_id", STR, False),
)

TOKENS = _schema(
    ("doc_id", STR, False),
    ("sent_idx", I32, False),
    ("tok_idx", I32, False),  # index within the document
    ("start", I32, False),
    ("end", I32, False),
    ("form", STR, False),  # == documents.text[start:end]
    ("norm", STR, False),  # normalised form
    ("kind", STR, True),  # word, number, punct, latin, url, email, hashtag, mention, emoji, symbol
    ("segments", STR, True),  # clitic segmentation, e.g. "و+ ب+ ال+ عراق"
    ("lemma", STR, True),
    ("run_id", STR, False),
)

ENTITIES = _schema(
    ("doc_id", STR, False),
    ("mention_idx", I32, False),
    ("sent_idx", I32, False),
    ("start", I32, False),
    ("end", I32, False),
    ("text", STR, False),
    ("label", STR, False),  # PER, ORG, LOC, MISC
    ("entity_id", STR, False),
    ("canonical", STR, False),
    ("canonical_latin", STR, True),  # the name in Latin script (schema 3; null when unknown, for MISC, and in older partitions)
    ("role", STR, True),  # title / role stripped from a PER mention
    ("score", pa.float32(), False),
    ("run_id", STR, False),
)

QUOTES = _schema(
    ("doc_id", STR, False),
    ("quote_idx", I32, False),
    ("start", I32, False),
    ("end", I32, False),
    ("text", STR, False),
    ("speaker", STR, True),
    ("speaker_entity_id", STR, True),
    ("speaker_start", I32, True),
    ("speaker_end", I32, True),
    ("verb", STR, True),
    ("run_id", STR, False),
)

DATES = _schema(
    ("doc_id", STR, False),
    ("date_idx", I32, False),
    ("start", I32, False),
    ("end", I32, False),
    ("text", STR, False),
    ("value", STR, True),  # ISO 8601 at the expression's precision, intervals start/end; null if unresolvable or vague
    # date, month, year (also 2014/2015), relative, duration, range (days, a half year, a week of a month,
    # years 1970/1976), quarter, hijri_year (its Gregorian days), decade (1920/1929), vague and generic (no value)
    ("kind", STR, False),
    ("calendar", STR, False),  # gregorian, hijri
    ("run_id", STR, False),
)

AMOUNTS = _schema(
    ("doc_id", STR, False),
    ("amount_idx", I32, False),
    ("start", I32, False),
    ("end", I32, False),
    ("text", STR, False),
    ("value", pa.float64(), True),
    ("unit", STR, True),  # ISO 4217 for money (dinar, lira, peso: country not told); km, m2, km/h, percent, person, ...
    ("kind", STR, False),  # money, percent, length, area, mass, volume, power, energy, speed, flow, data, temperature, count, number
    ("approximate", pa.bool_(), False),
    ("run_id", STR, False),
)

ENTITY_DAILY = _schema(
    ("entity_id", STR, False),
    ("canonical", STR, False),
    ("canonical_latin", STR, True),  # the canonical's Latin name (schema 3; null in older partitions)
    ("label", STR, False),
    ("mentions", I64, False),
    ("documents", I64, False),
    ("sources", I64, False),
    ("stories", I64, True),  # distinct documents.cluster_id (schema 2; null in older partitions)
    ("run_id", STR, False),
)

# Per day: each written form of an entity under the id entity_daily counts it
# (short forms linked to the day's full name). Additive across days: the
# warehouse view entity_registry folds all days into one row per entity.
ENTITY_ALIASES_DAILY = _schema(
    ("entity_id", STR, False),
    ("label", STR, False),
    ("alias", STR, False),  # the mention's text, diacritics and tatweel off
    # forms of a person's name less a given name the day counts as one: the form's own id, the day's fullest form's id
    ("variant_id", STR, True),
    ("fullest_id", STR, True),
    ("mentions", I64, False),
    ("documents", I64, False),
    ("run_id", STR, False),
)

COOCCURRENCE = _schema(
    ("entity_a", STR, False),  # entity_a < entity_b
    ("entity_b", STR, False),
    ("canonical_a", STR, False),
    ("canonical_b", STR, False),
    ("sentences", I64, False),  # sentences mentioning both
    ("documents", I64, False),  # documents mentioning both
    ("run_id", STR, False),
)

SPEAKERS_DAILY = _schema(
    ("speaker_entity_id", STR, False),
    ("speaker", STR, False),
    ("canonical_latin", STR, True),  # a resolved speaker's Latin name (schema 3; null for unresolved speakers, older partitions)
    ("quotes", I64, False),
    ("documents", I64, False),
    ("sources", I64, False),
    ("sample_quotes", pa.list_(STR), False),  # "doc_id:quote_idx"
    ("run_id", STR, False),
)

AMOUNTS_DAILY = _schema(
    ("kind", STR, False),
    ("unit", STR, True),
    ("total", pa.float64(), False),
    ("count", I64, False),
    ("documents", I64, False),
    ("stories", I64, True),  # distinct documents.cluster_id (schema 2; null in older partitions)
    ("run_id", STR, False),
)

CORPUS_DAILY = _schema(
    ("source", STR, True),
    ("documents", I64, False),
    ("words", I64, False),
    ("sentences", I64, False),
    ("quarantined", I64, False),
    ("duplicates", I64, False),
    ("run_id", STR, False),
)

RUNS = _schema(
    ("run_id", STR, False),
    ("flow", STR, False),  # run, reprocess
    ("started_at", TS, False),
    ("finished_at", TS, True),
    ("status", STR, False),  # completed, failed, nothing_to_do
    ("parameters", STR, False),  # JSON
    ("config_hash", STR, False),
    ("code_version", STR, False),
    ("schema_version", I32, False),
    ("datasets", pa.list_(STR), False),
    ("partitions", pa.list_(STR), False),  # dt values the run rewrote
    ("counts", STR, False),  # JSON: records_seen, documents, quarantined, duplicates, rows per dataset
    ("timings", STR, False),  # JSON: seconds per stage
)

DATASETS: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "quarantine": QUARANTINE,
    "duplicates": DUPLICATES,
    "normalised": NORMALISED,
    "sentences": SENTENCES,
    "tokens": TOKENS,
    "entities": ENTITIES,
    "quotes": QUOTES,
    "dates": DATES,
    "amounts": AMOUNTS,
    "entity_daily": ENTITY_DAILY,
    "entity_aliases_daily": ENTITY_ALIASES_DAILY,
    "cooccurrence": COOCCURRENCE,
    "speakers_daily": SPEAKERS_DAILY,
    "amounts_daily": AMOUNTS_DAILY,
    "corpus_daily": CORPUS_DAILY,
    "runs": RUNS,
}


def without_run_id(schema: pa.Schema) -> pa.Schema:
    """The schema a library function returns: the dataset's, less ``run_id``."""
    return schema.remove(schema.get_field_index("run_id"))


def empty(name: str) -> pa.Table:
    """An empty table of dataset ``name`` without ``run_id``."""
    return without_run_id(DATASETS[name]).empty_table()


def table_from_rows(name: str, rows: list[dict]) -> pa.Table:
    """Build a table of dataset ``name`` (without ``run_id``) from row dicts."""
    return pa.Table.from_pylist(rows, schema=without_run_id(DATASETS[name]))


def with_run_id(name: str, table: pa.Table, run_id: str) -> pa.Table:
    """Conform ``table`` to dataset ``name``'s schema and stamp ``run_id``."""
    schema = DATASETS[name]
    table = table.append_column("run_id", pa.array([run_id] * table.num_rows, STR)) if "run_id" not in table.column_names else table
    columns = [table.column(f.name).cast(f.type) if f.name in table.column_names else pa.nulls(table.num_rows, f.type) for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)

"""The stages, defined once: what each one reads, writes and is configured by.

Everything that lists stages derives from :data:`STAGES`: the flows (which
datasets to swap in after a stage), ``khabar reprocess --from-stage``, the
report's stage order, the run record's list of datasets written. The
per-document stages also chain here, in memory, for callers that have no
store: :func:`extract_documents` runs normalise -> segment -> extract over a
``documents`` table exactly as ``khabar run`` would, and the evaluators, the
benches and the public API (:func:`khabar.analyse`) all call it.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class Stage:
    name: str
    reads: dict[str, tuple[str, ...] | None]  # dataset -> columns read (None: all of them)
    writes: tuple[str, ...]
    config: tuple[str, ...]  # configuration sections the stage's functions receive


def _aggregate_inputs() -> dict[str, None]:
    from khabar.aggregate import AGGREGATES

    return {name: None for inputs, _ in AGGREGATES.values() for name in inputs}


def _aggregate_datasets() -> tuple[str, ...]:
    from khabar.aggregate import AGGREGATES

    return tuple(AGGREGATES)


STAGES: tuple[Stage, ...] = (
    Stage("ingest", {}, ("documents", "quarantine", "duplicates"), ("ingest", "run")),
    Stage("normalise", {"documents": ("doc_id", "text")}, ("normalised",), ("normalise",)),
    Stage("segment", {"documents": ("doc_id", "text"), "normalised": None}, ("sentences", "tokens"), ("segment", "normalise")),
    # extract reads the tokens' positions and forms only (a third of reading the whole part, which each piece does)
    Stage("extract", {"documents": ("doc_id", "text", "published_at", "source"), "sentences": None,
                      "tokens": ("doc_id", "sent_idx", "tok_idx", "start", "end", "form")},
          ("entities", "quotes", "dates", "amounts"), ("extract",)),
    Stage("aggregate", _aggregate_inputs(), _aggregate_datasets(), ("aggregate",)),
)
STAGE_NAMES: tuple[str, ...] = tuple(s.name for s in STAGES)
BY_NAME: dict[str, Stage] = {s.name: s for s in STAGES}
RERUNNABLE: tuple[str, ...] = STAGE_NAMES[1:]  # every stage after ingest can be rerun from the store


def stages_from(first: str) -> tuple[Stage, ...]:
    """``first`` and every stage after it, in order."""
    return STAGES[STAGE_NAMES.index(first) :]


def datasets_written_from(first: str | None) -> list[str]:
    """Every dataset a run starting at stage ``first`` rewrites ([] for None: nothing ran)."""
    return [] if first is None else [name for stage in stages_from(first) for name in stage.writes]


def stage_order(name: str) -> int:
    """Sort key of a stage name; unknown names go last."""
    return STAGE_NAMES.index(name) if name in STAGE_NAMES else len(STAGE_NAMES)


def normalise(documents: pa.Table, config: dict) -> pa.Table:
    from khabar.normalise import normalise_documents

    return normalise_documents(documents, config["normalise"])


def segment(documents: pa.Table, normalised: pa.Table, config: dict) -> tuple[pa.Table, pa.Table]:
    from khabar.segment import segment_documents

    return segment_documents(documents, normalised, config["segment"], config["normalise"])


def extract(documents: pa.Table, sentences: pa.Table, tokens: pa.Table, config: dict) -> dict[str, pa.Table]:
    """entities, then quotes (which link speakers to the entities), dates and amounts."""
    from khabar.extract.entities import extract_entities

    cfg = config["extract"]
    with cyclic_gc_paused():
        entities = extract_entities(documents, sentences, tokens, cfg["ner"])
        if cfg["latin"]:
            from khabar.extract.latin import add_latin

            entities = add_latin(entities)
        quotes, dates, amounts = _quotes_dates_amounts(documents, entities, cfg)
    return {"entities": entities, "quotes": quotes, "dates": dates, "amounts": amounts}


def _quotes_dates_amounts(documents: pa.Table, entities: pa.Table, cfg: dict) -> tuple[pa.Table, pa.Table, pa.Table]:
    """QUOTES, DATES and AMOUNTS rows (each empty when off in ``cfg``), found document by document: the
    text's fold (``fold.fold`` keeps the last few) is then made once for the three, where a pass over
    the shard for quotes evicted it before dates and amounts asked for it."""
    from khabar import schemas
    from khabar.extract.amounts import amount_rows
    from khabar.extract.dates import date_rows, document_columns
    from khabar.extract.quotes import entities_by_document, quote_rows

    on = {name: cfg[name] for name in ("quotes", "dates", "amounts")}
    by_doc = entities_by_document(entities) if on["quotes"] else {}
    zone = cfg.get("date_timezone") or None
    ids, texts, pubs = document_columns(documents, "published_at")
    sources = document_columns(documents, "source")[2]
    rows: dict[str, list[dict]] = {name: [] for name in on}
    for doc_id, text, pub, source in zip(ids, texts, pubs, sources):
        if on["quotes"]:
            rows["quotes"] += quote_rows(doc_id, text, by_doc.get(doc_id, ()))
        if on["dates"]:
            rows["dates"] += date_rows(doc_id, text, pub, zone)
        if on["amounts"]:
            rows["amounts"] += amount_rows(doc_id, text, source)
    return tuple(schemas.table_from_rows(name, rows[name]) if on[name] else schemas.empty(name) for name in on)


# The extract stage's work units. A shard's extract costs ~10x its segment, and the shards of a run
# differ in size (a day's last shard is a remainder): four shards of 1398, 1397, 1963 and 1284
# documents on two workers left one of them idle for the last 3 of 16 s. So extract cuts shards
# into pieces of about equal text and hands the largest out first; how many pieces each shard gets
# is chosen by simulating that hand-out (the workers take the next piece as they free up).
MAX_PIECES = 8  # of one shard
MIN_PIECE_DOCS = 100  # documents of a piece, at least (unless its shard has fewer)
UNIT_OVERHEAD = 200_000  # a piece's fixed cost (a task run, reading its whole shard: ~0.2 s) in bytes of text extracted


def extract_pieces(shards: list[tuple[int, int]], workers: int) -> list[tuple[int, int, int]]:
    """How the extract stage cuts shards of (documents, bytes of text) for ``workers`` workers:
    (shard index, piece, pieces of that shard) per unit, largest unit first (ties in shard order).

    Of the cuts that give every shard's pieces about one size (:func:`_cuts`), the one whose
    largest-first hand-out (:func:`_makespan`) ends soonest, a piece's overhead counted."""
    best = [1] * len(shards)
    if workers > 1:
        def span(cut: list[int]) -> float:
            return _makespan([b / n + UNIT_OVERHEAD for (_, b), n in zip(shards, cut) for _ in range(n)], workers)

        for cut in _cuts(shards):
            if span(cut) < span(best):
                best = cut
    units = [(i, k, n) for i, n in enumerate(best) for k in range(n)]
    return sorted(units, key=lambda u: -shards[u[0]][1] / u[2])


def _cuts(shards: list[tuple[int, int]]) -> list[list[int]]:
    """Pieces per shard for each piece size that cuts some shard into 1..MAX_PIECES equal parts."""
    out: list[list[int]] = []
    for size in sorted({-(-b // n) for _, b in shards for n in range(1, MAX_PIECES + 1) if b}, reverse=True):
        cut = [max(1, min(-(-b // size), MAX_PIECES, docs // MIN_PIECE_DOCS)) for docs, b in shards]
        if cut not in out:
            out.append(cut)
    return out


def _makespan(costs: list[float], workers: int) -> float:
    """When the last of ``costs`` ends if ``workers`` take them largest first, each the next as it frees up."""
    import heapq

    loads = [0.0] * workers
    for cost in sorted(costs, reverse=True):
        heapq.heappush(loads, heapq.heappop(loads) + cost)
    return max(loads)


def piece_bounds(lengths: list[int], piece: int, pieces: int) -> tuple[int, int]:
    """The documents [lo, hi) of piece ``piece`` of ``pieces`` of a shard whose texts have ``lengths``:
    a document goes to the piece its text's middle falls in when the shard's texts are laid end to
    end and cut into ``pieces`` equal lengths, so pieces are contiguous and hold about equal text."""
    total, start, lo, hi = sum(lengths), 0, len(lengths), len(lengths)
    for j, length in enumerate(lengths):
        k = (2 * start + length) * pieces // (2 * total) if total else 0
        if k >= piece and lo == len(lengths):
            lo = j
        if k > piece:
            hi = j
            break
        start += length
    return lo, max(lo, hi)


def extract_piece(documents: pa.Table, sentences: pa.Table, tokens: pa.Table, piece: int, pieces: int) -> tuple[pa.Table, pa.Table, pa.Table]:
    """The rows of piece ``piece`` of ``pieces`` (:func:`piece_bounds`) of a shard's extract inputs."""
    if pieces <= 1:
        return documents, sentences, tokens
    import pyarrow.compute as pc

    lengths = pc.fill_null(pc.utf8_length(documents.column("text")), 0).to_pylist()
    lo, hi = piece_bounds(lengths, piece, pieces)
    documents = documents.slice(lo, hi - lo)
    ids = documents.column("doc_id")
    return documents, sentences.filter(pc.is_in(sentences.column("doc_id"), value_set=ids)), tokens.filter(pc.is_in(tokens.column("doc_id"), value_set=ids))


@contextmanager
def cyclic_gc_paused():
    """CPython's cycle collector off for the block, back as it was after it.

    The extract stage makes millions of short-lived lists, tuples and dicts
    (per token, per type, per mention); each 700 of them start a collection,
    and the older generations' passes walk every live object of a long-lived
    worker (its memos of word types): 15% of a day's extract CPU. None of them
    needs the cycle collector (reference counting frees them); the few cycles
    made meanwhile wait for the collector's next run after the block."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def entities_only(config: dict, **ner: object) -> dict:
    """``config`` with quotes, dates and amounts off (and the ``ner`` keys given set), for callers that score entities."""
    extract = {**config["extract"], "ner": {**config["extract"]["ner"], **ner}, "quotes": False, "dates": False, "amounts": False}
    return {**config, "extract": extract}


def extract_documents(documents: pa.Table, config: dict) -> dict[str, pa.Table]:
    """normalise -> segment -> extract over ``documents`` (columns doc_id, text; published_at
    and source if known) in memory; every per-document dataset by name."""
    normalised = normalise(documents, config)
    sentences, tokens = segment(documents, normalised, config)
    return {"normalised": normalised, "sentences": sentences, "tokens": tokens, **extract(documents, sentences, tokens, config)}

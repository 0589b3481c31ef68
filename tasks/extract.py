"""Extract from one shard, or one piece of it: entities, quotes, dates and amounts (``khabar.stages.extract``).

The flow hands extract out in pieces of shards (:func:`extract_units`,
``khabar.stages.extract_pieces``) so that the workers finish together. A piece
writes its outputs beside staging; the piece that finds all of its shard's
pieces written joins them, in piece order, into the shard's staged part, so
the store holds what one task per shard would have written.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from prefect import task
from prefect.cache_policies import NO_CACHE

from khabar import stages
from khabar.store import Shard, Store
from tasks.sizes import shard_size


def extract_units(store: Store, shards: list[Shard], workers: int) -> list[tuple[Shard, tuple[int, int]]]:
    """(shard, (piece, pieces)) per extract task, largest first (:func:`tasks.sizes.shard_size`)."""
    sizes = [shard_size(store, shard) for shard in shards]
    return [(shards[i], (k, n)) for i, k, n in stages.extract_pieces(sizes, workers)]


@task(name="extract-shard", cache_policy=NO_CACHE)
def extract_shard(root: str, run_id: str, shard: Shard, config: dict, piece: tuple[int, int] = (0, 1)) -> dict:
    store = Store(root)
    reads = stages.BY_NAME["extract"].reads
    inputs = {name: store.read_part(name, shard, list(columns) if columns else None) for name, columns in reads.items()}
    documents, sentences, tokens = stages.extract_piece(inputs["documents"], inputs["sentences"], inputs["tokens"], *piece)
    outputs = stages.extract(documents, sentences, tokens, config)
    if piece[1] <= 1:
        for name, table in outputs.items():
            store.stage_part(run_id, name, shard, table)
    else:
        _stage_piece(store, run_id, shard, piece, outputs)
    return {name: table.num_rows for name, table in outputs.items()}


def _piece_path(store: Store, run_id: str, name: str, shard: Shard, k: int) -> Path:
    # outside the staged partitions, which the flow swaps in whole
    return store.staging_dir(run_id) / "_pieces" / name / f"dt={shard.dt}" / f"{shard.part}.{k}.parquet"


def _stage_piece(store: Store, run_id: str, shard: Shard, piece: tuple[int, int], outputs: dict[str, pa.Table]) -> None:
    """Write this piece's outputs; if every piece of the shard is then written, stage the shard's parts.

    Each piece checks after its own writes (atomic renames), so the last one to finish always sees all
    of them; two that finish together both join the same files into the same part, an atomic replace."""
    k, n = piece
    for name, table in outputs.items():
        path = _piece_path(store, run_id, name, shard, k)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    paths = {name: [_piece_path(store, run_id, name, shard, i) for i in range(n)] for name in outputs}
    if all(p.exists() for ps in paths.values() for p in ps):
        for name, ps in paths.items():
            store.stage_part(run_id, name, shard, pa.concat_tables([pq.read_table(p) for p in ps], promote_options="default"))

"""How much text a documents shard holds: what the flow orders and cuts its work by."""

from __future__ import annotations

import pyarrow.parquet as pq

from khabar.store import Shard, Store


def shard_size(store: Store, shard: Shard) -> tuple[int, int]:
    """(documents, bytes of text) of a shard's documents part, read from its Parquet footer; (0, 0) if it has
    none (a partition of quarantine rows only: no work)."""
    path = store.partition_dir("documents", shard.dt) / f"{shard.part}.parquet"
    try:
        meta = pq.read_metadata(path)
    except OSError:  # absent: the task reports it
        return 0, 0
    text = meta.schema.to_arrow_schema().get_field_index("text")
    return meta.num_rows, sum(meta.row_group(g).column(text).total_uncompressed_size for g in range(meta.num_row_groups)) if text >= 0 else 0

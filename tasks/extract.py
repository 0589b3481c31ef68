"""Extract from one shard: entities, quotes, dates and amounts (``khabar.stages.extract``)."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from khabar import stages
from khabar.store import Shard, Store


@task(name="extract-shard", cache_policy=NO_CACHE)
def extract_shard(root: str, run_id: str, shard: Shard, config: dict) -> dict:
    store = Store(root)
    reads = stages.BY_NAME["extract"].reads
    inputs = {name: store.read_part(name, shard, list(columns) if columns else None) for name, columns in reads.items()}
    outputs = stages.extract(inputs["documents"], inputs["sentences"], inputs["tokens"], config)
    for name, table in outputs.items():
        store.stage_part(run_id, name, shard, table)
    return {name: table.num_rows for name, table in outputs.items()}

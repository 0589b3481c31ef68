"""Aggregate one dt partition: every aggregate dataset from the stage outputs."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from khabar.aggregate import AGGREGATES, INPUT_COLUMNS
from khabar.store import Shard, Store


@task(name="aggregate-partition", cache_policy=NO_CACHE)
def aggregate_partition(root: str, run_id: str, dt: str, config: dict) -> dict:
    store = Store(root)
    cache = {}
    counts = {}
    for name, (inputs, function) in AGGREGATES.items():
        for dataset in inputs:
            if dataset not in cache:
                cache[dataset] = store.read_partition(dataset, dt, INPUT_COLUMNS.get(dataset))
        table = function(**{dataset: cache[dataset] for dataset in inputs}, cfg=config["aggregate"])
        store.stage_part(run_id, name, Shard(dt, "part-00000"), table)
        counts[name] = table.num_rows
    return counts

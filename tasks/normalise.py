"""Normalise one shard: documents -> normalised (text_norm + offset map)."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from khabar import stages
from khabar.store import Shard, Store


@task(name="normalise-shard", cache_policy=NO_CACHE)
def normalise_shard(root: str, run_id: str, shard: Shard, config: dict) -> dict:
    store = Store(root)
    documents = store.read_part("documents", shard, list(stages.BY_NAME["normalise"].reads["documents"]))
    normalised = stages.normalise(documents, config)
    store.stage_part(run_id, "normalised", shard, normalised)
    return {"normalised": normalised.num_rows}

"""Segment one shard: normalised text -> sentences and tokens with offsets."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from khabar import stages
from khabar.store import Shard, Store


@task(name="segment-shard", cache_policy=NO_CACHE)
def segment_shard(root: str, run_id: str, shard: Shard, config: dict) -> dict:
    store = Store(root)
    documents = store.read_part("documents", shard, list(stages.BY_NAME["segment"].reads["documents"]))
    normalised = store.read_part("normalised", shard)
    sentences, tokens = stages.segment(documents, normalised, config)
    store.stage_part(run_id, "sentences", shard, sentences)
    store.stage_part(run_id, "tokens", shard, tokens)
    return {"sentences": sentences.num_rows, "tokens": tokens.num_rows}

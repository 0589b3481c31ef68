"""Segment one shard: normalised text -> sentences and tokens with offsets."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from khabar.segment import segment_documents
from khabar.store import Shard, Store


@task(name="segment-shard", cache_policy=NO_CACHE)
def segment_shard(root: str, run_id: str, shard: Shard, config: dict) -> dict:
    store = Store(root)
    documents = store.read_part("documents", shard, ["doc_id", "text"])
    normalised = store.read_part("normalised", shard)
    sentences, tokens = segment_documents(documents, normalised, config["segment"], config["normalise"])
    store.stage_part(run_id, "sentences", shard, sentences)
    store.stage_part(run_id, "tokens", shard, tokens)
    return {"sentences": sentences.num_rows, "tokens": tokens.num_rows}

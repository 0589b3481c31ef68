"""Extract from one shard: entities, then quotes (which link speakers to
entities), dates and amounts. One task per shard reads the segmentation once."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from khabar import schemas
from khabar.extract.amounts import extract_amounts
from khabar.extract.dates import extract_dates
from khabar.extract.entities import extract_entities
from khabar.extract.quotes import extract_quotes
from khabar.store import Shard, Store


@task(name="extract-shard", cache_policy=NO_CACHE)
def extract_shard(root: str, run_id: str, shard: Shard, config: dict) -> dict:
    store = Store(root)
    cfg = config["extract"]
    documents = store.read_part("documents", shard, ["doc_id", "text", "published_at", "source"])
    sentences = store.read_part("sentences", shard)
    tokens = store.read_part("tokens", shard)
    entities = extract_entities(documents, sentences, tokens, cfg["ner"])
    outputs = {
        "entities": entities,
        "quotes": extract_quotes(documents, sentences, tokens, entities, cfg) if cfg["quotes"] else schemas.empty("quotes"),
        "dates": extract_dates(documents, sentences, tokens, cfg) if cfg["dates"] else schemas.empty("dates"),
        "amounts": extract_amounts(documents, sentences, tokens, cfg) if cfg["amounts"] else schemas.empty("amounts"),
    }
    for name, table in outputs.items():
        store.stage_part(run_id, name, shard, table)
    return {name: table.num_rows for name, table in outputs.items()}

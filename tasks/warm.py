"""Warming a worker up: run every per-shard stage once on one short made-up
article, so that what the stages load on first use (the MinHash
permutations, the segmenter's tables, the NER model and lexicons) is loaded while Prefect's
server boots rather than in the run's first tasks. Never raises: a warm-up
that fails leaves the loading to the first real task, which reports it."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from khabar import schemas, stages
from khabar.ingest import signature

# Written for this purpose (a made-up news sentence with a person, a place, a date and an amount).
ARTICLE = "قال وزير المالية خالد العمري في الرياض يوم الأحد 5 يوليو 2015 إن الإيرادات بلغت 300 مليون ريال. وأضاف أن العمل مستمر."


def warm_up(config: dict) -> None:
    try:
        now = datetime(2015, 7, 5, tzinfo=UTC)
        row = {"doc_id": "0" * 16, "source": "warm-up", "url": None, "title": None, "author": None, "published_at": now, "text": ARTICLE,
               "raw_path": "warm-up", "raw_record": 0, "encoding": "utf-8", "truncated": False, "cluster_id": "0" * 16, "ingested_at": now}
        documents = schemas.table_from_rows("documents", [row])
        signature(ARTICLE)
        normalised = stages.normalise(documents, config)
        sentences, tokens = stages.segment(documents, normalised, config)
        stages.extract(documents, sentences, tokens, config)
    except Exception:  # noqa: BLE001 - see the module docstring
        logging.getLogger(__name__).debug("warm-up failed", exc_info=True)


def warm_up_commit(config: dict) -> None:
    """What the ingest commit (in the flow's own process) computes on first use: the LSH bands."""
    try:
        if config["ingest"]["near_duplicates"]:
            from khabar.ingest.neardup import lsh_bands

            lsh_bands(config["ingest"]["near_duplicate_threshold"])
    except Exception:  # noqa: BLE001 - see the module docstring
        logging.getLogger(__name__).debug("warm-up failed", exc_info=True)

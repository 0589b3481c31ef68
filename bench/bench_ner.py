"""Throughput of extract_entities (CRF, neural or ensemble backend) on one SaudiNewsNet crawl day, in tokens per second per core.

    .venv/bin/python bench/bench_ner.py [--backend crf|neural|ensemble] [--file PATH] [--limit N] [--repeat N]

Documents are normalised and segmented first (not timed); the timed part is
extract_entities alone, in this one process, best of --repeat passes,
reported per wall-clock second and per CPU second (= per core, what matters
on a machine shared with other work); the first pass also pays for filling the per-type feature
memo, reported separately as "cold". Peak RSS is the whole process's.
Goal: >= 50k tokens/s/core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import resource
import sys
import time
from pathlib import Path

from _paths import BENCH_DAY as DEFAULT


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (0 = all)")
    ap.add_argument("--backend", default="", choices=("", "crf", "neural", "ensemble"), help="NER backend (default: the configured one)")
    ap.add_argument("--model", default="", help="model file of the backend (default: the packaged one)")
    ap.add_argument("--repeat", type=int, default=2, help="timed passes; the best warm one is reported")
    args = ap.parse_args()

    from khabar import schemas
    from khabar.config import load_config
    from khabar.extract.entities import _backend, extract_entities
    from khabar.stages import normalise, segment

    cfg = load_config()
    now = dt.datetime.now(dt.timezone.utc)
    rows = []
    with gzip.open(args.file, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("content"):
                rows.append({"doc_id": f"b{len(rows)}", "text": rec["content"], "raw_path": str(args.file), "raw_record": len(rows), "ingested_at": now})
            if args.limit and len(rows) >= args.limit:
                break
    documents = schemas.table_from_rows("documents", rows)
    sentences, tokens = segment(documents, normalise(documents, cfg), cfg)
    ner_cfg = dict(cfg["extract"]["ner"], model=args.model)
    if args.backend:
        ner_cfg["backend"] = args.backend
    _backend(ner_cfg)  # model loading is a one-off per process, not throughput

    times, cpu = [], []
    for _ in range(max(1, args.repeat)):
        started, started_cpu = time.perf_counter(), time.process_time()
        entities = extract_entities(documents, sentences, tokens, ner_cfg)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    n = tokens.num_rows
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    warm = min(times[1:]) if len(times) > 1 else times[0]
    warm_cpu = min(cpu[1:]) if len(cpu) > 1 else cpu[0]
    print(f"backend {ner_cfg['backend']}; {args.file.name}: {len(rows)} articles, {n} tokens, {entities.num_rows} entity mentions")
    print(f"wall clock: cold pass {n / times[0]:,.0f} tokens/s; warm {n / warm:,.0f} tokens/s (one process)")
    # per core = per second of CPU this process got; on a shared machine wall clock undercounts it
    print(f"per CPU-second: cold {n / cpu[0]:,.0f} tokens/s; warm {n / warm_cpu:,.0f} tokens/s per core")
    print(f"peak RSS: {peak_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

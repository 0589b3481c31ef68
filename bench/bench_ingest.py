"""Benchmark ingest on SaudiNewsNet: read speed, peak memory, quarantine
reasons, exact and near-duplicate counts, and example clusters to judge by eye.

    .venv/bin/python bench/bench_ingest.py                 # all 18 days in ../shared/data
    .venv/bin/python bench/bench_ingest.py --raw FILE_OR_DIR --examples 5
"""

from __future__ import annotations

import argparse
import resource
import time
from collections import Counter, defaultdict
from pathlib import Path

from _paths import SAUDINEWSNET

from khabar.config import DEFAULTS  # noqa: E402
from khabar.ingest import list_raw_files, near_duplicate_clusters, read_raw_file  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=SAUDINEWSNET)
    parser.add_argument("--threshold", type=float, default=DEFAULTS["ingest"]["near_duplicate_threshold"])
    parser.add_argument("--examples", type=int, default=3, help="multi-member clusters to print")
    args = parser.parse_args()

    cfg = DEFAULTS["ingest"]
    files = list_raw_files(args.raw)
    started = time.perf_counter()
    records, reasons, unparsed, truncated = 0, Counter(), 0, 0
    docs: dict[str, dict] = {}
    exact_duplicates = 0
    for path in files:
        for item in read_raw_file(path, args.raw, cfg):
            records += 1
            if item["kind"] == "quarantine":
                reasons[item["reason"]] += 1
                continue
            unparsed += item["date_unparsed"]
            truncated += item["truncated"]
            if item["doc_id"] in docs:
                exact_duplicates += 1
            else:
                docs[item["doc_id"]] = {k: item[k] for k in ("title", "source", "text", "published_at")}
    read_s = time.perf_counter() - started
    documents = records - sum(reasons.values())
    print(f"files {len(files)}  records {records}  documents {documents}  quarantined {sum(reasons.values())} {dict(reasons)}")
    print(f"read: {read_s:.1f} s, {records / read_s:,.0f} records/s; dates unparsed {unparsed}, truncated {truncated}")
    print(f"exact duplicates (same doc_id) {exact_duplicates}; unique documents {len(docs)}")

    started = time.perf_counter()
    clusters = near_duplicate_clusters([(doc_id, d["text"]) for doc_id, d in docs.items()], args.threshold)
    near_s = time.perf_counter() - started
    members: dict[str, list[str]] = defaultdict(list)
    for doc_id, cluster_id in clusters.items():
        members[cluster_id].append(doc_id)
    multi = sorted((m for m in members.values() if len(m) > 1), key=len, reverse=True)
    print(f"near-duplicates (threshold {args.threshold}): {len(members)} clusters for {len(docs)} documents; "
          f"{len(multi)} clusters with >1 member holding {sum(map(len, multi))} documents; "
          f"{near_s:.1f} s, {len(docs) / near_s:,.0f} docs/s")
    sizes = Counter(len(m) for m in multi)
    print("cluster sizes:", dict(sorted(sizes.items())))
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    # Examples spread over the size range: the largest, a middle one, a pair.
    picks = [multi[0], multi[len(multi) // 2], multi[-1]][: args.examples] if multi else []
    for number, cluster in enumerate(picks, 1):
        print(f"\n--- example cluster {number}: {len(cluster)} documents")
        for doc_id in cluster[:6]:
            d = docs[doc_id]
            print(f"  [{d['source']}] {d['published_at']:%Y-%m-%d} {d['title']!s:.80}")
            print(f"      {' '.join(d['text'].split())[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

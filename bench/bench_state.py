"""CPU seconds of an ingest commit's per-night state reads on a store: the
seen-doc-id lookup and the near-duplicate candidates, from the whole-state
scans (what the commit did before ``_state/index.sqlite``) and from the index.

    python bench/bench_state.py STORE_COPY --docs 100

STORE_COPY is changed (the index is built in it, a MinHash part added): give
a copy. A synthetic night of ``--docs`` new documents is drawn from the
store's last MinHash part (seed 0): every other one a near copy of a stored
signature (a few values changed), the rest fresh random signatures, all with
new doc_ids, and a tenth of the doc_ids already stored (exact duplicates).

Printed per step: CPU seconds (user+sys of this process) and wall, the best
of ``--repeat``. ``index build`` is the one-time rebuild of a store that has
no index; ``index sync`` absorbs one new MinHash part, as a night absorbs
the one its predecessor wrote.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from _paths import REPO  # noqa: F401 - puts the checkout on sys.path

from khabar.config import DEFAULTS
from khabar.ingest import commit as decide
from khabar.ingest import index as state_index
from khabar.ingest.neardup import NUM_PERM, lsh_bands
from khabar.store import Store
from tasks.ingest import state_slices

THRESHOLD = DEFAULTS["ingest"]["near_duplicate_threshold"]


def night(store: Store, count: int) -> tuple[dict[str, list[dict]], list[str]]:
    """New documents (doc_id, signature) and the doc_ids looked up (theirs and some stored ones)."""
    rng = np.random.default_rng(0)
    last = pq.read_table(state_index.minhash_state_paths(store)[-1])
    stored = last.column("signature").to_pylist()
    docs = []
    for n in range(count):
        if n % 2:
            values = np.frombuffer(stored[rng.integers(len(stored))] or bytes(4 * NUM_PERM), dtype="<u4").copy()
            values[rng.integers(NUM_PERM, size=8)] = rng.integers(2**32, size=8, dtype=np.uint32)
        else:
            values = rng.integers(2**32, size=NUM_PERM, dtype=np.uint32)
        docs.append({"doc_id": f"bench-{n:06d}", "raw_path": "bench", "raw_record": n, decide.SIGNATURE: values.astype("<u4").tobytes()})
    looked_up = [d["doc_id"] for d in docs] + last.column("doc_id").to_pylist()[: max(1, count // 10)]
    return {"2099-01-01": docs}, looked_up


def previous_night(count: int) -> pa.Table:
    """The MinHash part of the night before: fresh random signatures (seed 1), their own clusters."""
    rng = np.random.default_rng(1)
    ids = [f"previous-{n:06d}" for n in range(count)]
    sigs = [rng.integers(2**32, size=NUM_PERM, dtype=np.uint32).astype("<u4").tobytes() for _ in ids]
    return pa.table({"doc_id": ids, "cluster_id": ids, "signature": pa.array(sigs, pa.binary())}, schema=decide.MINHASH_STATE)


def scan_ids(store: Store, ids: set[str]) -> set[str]:
    """The doc-id scan of the commit before the index (tasks/ingest._stored_ids at 2ff9134)."""
    found, wanted = set(), pa.array(sorted(ids), pa.string())
    for dt in store.partitions("documents"):
        for part in store.parts("documents", dt):
            for batch in pq.ParquetFile(store.partition_dir("documents", dt) / f"{part}.parquet").iter_batches(batch_size=65_536, columns=["doc_id"]):
                column = batch.column(0)
                found.update(pc.filter(column, pc.is_in(column, value_set=wanted)).to_pylist())
    return found


def timed(label: str, fn, repeat: int):
    best, result = None, None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        took = (time.process_time() - cpu, time.perf_counter() - wall)
        best = took if best is None or took[0] < best[0] else best
    print(f"{label:28s} {best[0]:7.3f} CPU-s {best[1]:7.3f} s wall", flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    store = Store(args.store)
    new_docs, looked_up = night(store, args.docs)
    documents = sum(store.row_count("documents", dt) for dt in store.partitions("documents"))
    print(f"store {args.store}: {documents:,} documents, {len(state_index.minhash_state_paths(store))} MinHash parts; night of {args.docs}")
    pc.is_in(pa.array(["a"]), value_set=pa.array(["b"]))  # Arrow's first-call costs outside the timings
    seen = timed("scan: doc ids", lambda: scan_ids(store, set(looked_up)), args.repeat)
    clusters, _ = timed("scan: MinHash state", lambda: decide.cluster_against(state_slices(state_index.minhash_state_paths(store)), new_docs, THRESHOLD), args.repeat)
    bands = lsh_bands(THRESHOLD)
    state_index.index_path(store).unlink(missing_ok=True)
    timed("index build (once)", lambda: state_index.synced(store, bands).close(), 1)
    store.write_state("minhash/part-99999", previous_night(args.docs))  # for the next sync to absorb
    index = timed("index sync (+1 part)", lambda: state_index.synced(store, bands), 1)
    index.close()
    index = timed("index sync (nothing new)", lambda: state_index.synced(store, bands), args.repeat)
    got_seen = timed("index: doc ids", lambda: index.stored_ids(looked_up), args.repeat)
    got = timed("index: MinHash candidates", lambda: decide.cluster_against(index.candidates, new_docs, THRESHOLD), args.repeat)
    index.close()
    (store.state_dir / "minhash" / "part-99999.parquet").unlink()
    state_index.index_path(store).unlink()  # built with the bench's part: the store's next commit rebuilds it
    joined = sum(1 for d, c in clusters.items() if c != d)
    same = got_seen == seen and got[0] == clusters
    print(f"same answers as the scans: {same} ({len(seen)} seen, {joined} of {args.docs} joined an earlier cluster)")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Kill the pipeline with SIGKILL in the middle of each stage, run it again,
and check the store equals a clean run's: same rows, same ids.

The run is stopped at exact points with the ``KHABAR_FAULT_AT`` hook
(tasks/faults.py) in a child process that talks to the session's Prefect
test server.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from khabar.store import Store

from .conftest import REPO, SAMPLE_RAW

FAULTS = [
    "ingest:staged",  # files read, nothing committed
    "ingest:minhash",  # the run's MinHash part written, no document staged (the index absorbs it next run)
    "ingest:committing",  # journal written, documents not yet moved in
    "ingest:indexed",  # documents moved in and in the state index, the files not yet in the manifest
    "normalise:staged",  # outputs staged, not swapped in
    "segment:swapping",  # sentences of one partition swapped in, the rest not
    "extract:staged",
    "aggregate:swapping",
]
VOLATILE = {"run_id", "ingested_at"}
DATASETS = ["documents", "quarantine", "duplicates", "normalised", "sentences", "tokens", "entities", "quotes", "dates", "amounts", "entity_daily", "corpus_daily"]


def khabar_process(args: list[str], fault: str | None = None, marker: str = "") -> subprocess.CompletedProcess:
    """Run the CLI in a child process (output to a file: pipes could be held by orphans)."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "KHABAR_TEST_MARKER": marker}
    env.pop("KHABAR_FAULT_AT", None)
    if fault:
        env["KHABAR_FAULT_AT"] = fault
    with tempfile.TemporaryFile("w+") as log:
        done = subprocess.run([sys.executable, "-m", "khabar.cli", *args], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, text=True, timeout=600)
        log.seek(0)
        done.stderr = log.read()
    return done


def processes_with_marker(marker: str) -> list[int]:
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"KHABAR_TEST_MARKER={marker}".encode() in environ.read_bytes():
                found.append(int(environ.parent.name))
        except OSError:
            continue
    return found


def snapshot(out: Path) -> dict[str, list[tuple]]:
    store = Store(out)
    result = {}
    for name in DATASETS:
        table = store.read_dataset(name)
        keep = [c for c in table.column_names if c not in VOLATILE]
        result[name] = sorted(tuple(str(v) for v in row.values()) for row in table.select(keep).to_pylist())
    return result


def assert_no_partial_files_visible(out: Path) -> None:
    for name in DATASETS:
        for path in (out / name).glob("dt=*/*"):
            assert not path.name.endswith(".tmp"), path
            pq.read_metadata(path)  # every visible file is a complete Parquet file


def assert_index_in_step(out: Path) -> None:
    """The state index agrees with the documents and the MinHash parts without a rebuild."""
    from khabar.config import DEFAULTS
    from khabar.ingest import index as state_index
    from khabar.ingest.neardup import lsh_bands

    store = Store(out)
    index = state_index.synced(store, lsh_bands(DEFAULTS["ingest"]["near_duplicate_threshold"]))
    try:
        assert index.rebuilt == []
        assert {r[0] for r in index.db.execute("SELECT doc_id FROM doc")} == set(store.read_dataset("documents", ["doc_id"]).column("doc_id").to_pylist())
        state = [r for p in state_index.minhash_state_paths(store) for r in pq.read_table(p).to_pylist()]
        assert [tuple(r) for r in index.db.execute("SELECT doc_id, cluster_id, signature FROM sig ORDER BY ord")] == [tuple(r.values()) for r in state]
    finally:
        index.close()


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("config") / "one-worker.toml"
    path.write_text("[runner]\nworkers = 1\n", encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def pooled(tmp_path_factory) -> str:
    """The default pool of two workers even for the sample, which is small enough to run in the main process by default."""
    path = tmp_path_factory.mktemp("config") / "pooled.toml"
    path.write_text("[runner]\ninline_max_bytes = 0\n", encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory, prefect_harness, one_worker) -> dict:
    out = tmp_path_factory.mktemp("clean") / "out"
    done = khabar_process(["run", "--raw", str(SAMPLE_RAW), "--out", str(out), "--config", one_worker])
    assert done.returncode == 0, done.stderr
    return snapshot(out)


@pytest.mark.slow
@pytest.mark.parametrize("fault", FAULTS)
def test_a_killed_run_is_completed_by_the_next_one(fault, clean_run, tmp_path, one_worker):
    out = tmp_path / "out"
    killed = khabar_process(["run", "--raw", str(SAMPLE_RAW), "--out", str(out), "--config", one_worker], fault=fault)
    assert killed.returncode == -9, killed.stderr
    assert_no_partial_files_visible(out)
    rerun = khabar_process(["run", "--raw", str(SAMPLE_RAW), "--out", str(out), "--config", one_worker])
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(out) == clean_run
    assert not (out / "_staging").exists() or not any((out / "_staging").iterdir())
    assert Store(out).open_journals() == []
    assert_index_in_step(out)


@pytest.mark.slow
def test_killing_a_pooled_run_leaves_no_worker_behind_and_the_rerun_completes(clean_run, tmp_path, pooled):
    out, marker = tmp_path / "out", uuid.uuid4().hex
    killed = khabar_process(["run", "--raw", str(SAMPLE_RAW), "--out", str(out), "--config", pooled], fault="segment:staged", marker=marker)
    assert killed.returncode == -9, killed.stderr
    deadline = time.monotonic() + 10
    while processes_with_marker(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_with_marker(marker) == []
    rerun = khabar_process(["run", "--raw", str(SAMPLE_RAW), "--out", str(out), "--config", pooled])
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(out) == clean_run


ENOSPC_POINTS = [
    ("ingest:file", False),  # in a task of a pool worker
    ("ingest:committing", True),  # in a task of the flow's own process, the commit journalled
    ("segment:swapping", True),  # in the flow, one partition swapped in
]
ONE_LINE = re.compile(r"^khabar: error: cannot write (\S+): No space left on device \(free space under (\S+) and rerun: the store is intact\); traceback in (\S+)$")


@pytest.mark.slow
@pytest.mark.parametrize(("point", "in_process"), ENOSPC_POINTS)
def test_a_full_disk_ends_the_run_with_one_line_and_the_rerun_completes(point, in_process, clean_run, tmp_path, one_worker, pooled):
    out = tmp_path / "out"
    args = ["run", "--raw", str(SAMPLE_RAW), "--out", str(out), "--config", one_worker if in_process else pooled]
    failed = khabar_process(args, fault=f"{point}:enospc")
    assert failed.returncode == 2, failed.stderr
    *progress, last = failed.stderr.splitlines()
    assert all(line.startswith("khabar: ") and not line.startswith("khabar: error:") for line in progress), failed.stderr
    match = ONE_LINE.match(last)
    assert match, last
    written, under, log = (Path(p) for p in match.groups())
    assert written.is_relative_to(out) and under == out
    assert log == out / "_logs" / f"{log.stem}.log"
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and f"OSError: [Errno 28] No space left on device: '{written}'" in text
    assert_no_partial_files_visible(out)
    rerun = khabar_process(args)
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(out) == clean_run
    assert Store(out).open_journals() == []

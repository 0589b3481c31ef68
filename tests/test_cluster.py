"""The cluster path: `khabar run` with ``runner.kind = "dask"`` and an
``address`` gives the same rows as a local run.

Everything a real deployment has, on loopback: a standing ``prefect server
start`` (its own PREFECT_HOME, a free port), a ``dask scheduler`` and two
``dask worker`` processes that import khabar from this checkout. Every
process the test starts is stopped at the end, pass or fail.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import pytest

from .conftest import REPO, SAMPLE_RAW

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(stack: ExitStack, argv: list[str], env: dict, log: Path) -> subprocess.Popen:
    """Start a process in its own session; the stack stops its whole group."""
    handle = open(log, "w")  # noqa: SIM115 - closed by the stack
    stack.callback(handle.close)
    process = subprocess.Popen(argv, cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
    stack.callback(_stop, process)
    return process


def _stop(process: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue


def _wait_for_prefect(url: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"prefect server exited:\n{log.read_text()[-2000:]}"
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"prefect server did not answer within {timeout}s:\n{log.read_text()[-2000:]}")


def _wait_for_workers(address: str, count: int, timeout: float = 90) -> None:
    from distributed import Client

    with Client(address, timeout=timeout) as client:
        client.wait_for_workers(count, timeout=timeout)


def _khabar(args: list[str], env: dict) -> None:
    done = subprocess.run([sys.executable, "-m", "khabar.cli", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]


def _compare_stores():
    spec = importlib.util.spec_from_file_location("compare_stores", REPO / "bench" / "compare_stores.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_a_run_on_a_dask_cluster_gives_the_rows_of_a_local_run(tmp_path):
    api_url = f"http://127.0.0.1:{_free_port()}/api"
    scheduler = f"tcp://127.0.0.1:{_free_port()}"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_LOGGING_LEVEL": "WARNING", "PYTHONPATH": str(REPO)}
    env.pop("KHABAR_FAULT_AT", None)
    with ExitStack() as stack:
        port = api_url.rsplit(":", 1)[1].split("/")[0]
        server = _start(stack, [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", port, "--no-ui"], env, tmp_path / "prefect.log")
        env["PREFECT_API_URL"] = api_url  # the scheduler, the workers and both runs use the standing server
        _start(stack, [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", scheduler.rsplit(":", 1)[1], "--no-dashboard"], env, tmp_path / "scheduler.log")
        for n in range(2):
            _start(stack, [str(BIN / "dask"), "worker", scheduler, "--nworkers", "1", "--nthreads", "1", "--no-dashboard", "--name", f"w{n}",
                           "--local-directory", str(tmp_path / f"worker-{n}")], env, tmp_path / f"worker-{n}.log")
        _wait_for_prefect(api_url, server, tmp_path / "prefect.log")
        _wait_for_workers(scheduler, 2)
        config = tmp_path / "cluster.toml"
        config.write_text(f'[runner]\nkind = "dask"\naddress = "{scheduler}"\n', encoding="utf-8")
        _khabar(["run", "--raw", str(SAMPLE_RAW), "--out", str(tmp_path / "cluster"), "--config", str(config)], env)
        _khabar(["run", "--raw", str(SAMPLE_RAW), "--out", str(tmp_path / "local")], env)
    compare = _compare_stores()
    names = compare.datasets(tmp_path / "local") - {"runs"}  # runs differ by design: another runner, another config hash
    assert names >= {"documents", "sentences", "tokens", "entities", "corpus_daily"}
    assert compare.datasets(tmp_path / "cluster") - {"runs"} == names
    for name in sorted(names):
        local, cluster = compare.read_rows(tmp_path / "local", name), compare.read_rows(tmp_path / "cluster", name)
        only_local, only_cluster = compare.compare(local, cluster)
        assert len(local) and only_local.empty and only_cluster.empty, (name, only_local.head(), only_cluster.head())

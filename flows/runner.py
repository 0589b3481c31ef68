"""The task runner, chosen by the ``[runner]`` section of the configuration.

- ``local``: a pool of processes, one per worker (CPU-bound Python work needs
  processes, not threads: the GIL would serialise threads). With one worker
  the tasks run in the flow's own process: no pool to start.
- ``dask``: a Dask ``LocalCluster`` of that many workers, or, when
  ``address`` is set, the existing scheduler at that address. Workers there
  must reach the Prefect API (``PREFECT_API_URL`` in their environment).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from flows.prefect_env import die_with_parent  # noqa: F401 - where it always was


def worker_count(config: dict) -> int:
    workers = config["runner"]["workers"]
    return workers if workers > 0 else (os.cpu_count() or 1)


def task_runner_from_config(config: dict):
    """The runner of ``runner.kind`` (local or dask: load_config allows no other)."""
    runner = config["runner"]
    if runner["kind"] == "dask":
        from prefect_dask import DaskTaskRunner

        if runner["address"]:
            return DaskTaskRunner(address=runner["address"])
        return DaskTaskRunner(cluster_kwargs={"n_workers": worker_count(config), "threads_per_worker": 1, "processes": True, "dashboard_address": None})
    from prefect.task_runners import ThreadPoolTaskRunner

    if worker_count(config) == 1:  # one worker: run in this process, no pool to start
        return ThreadPoolTaskRunner(max_workers=1)
    from flows.pool import WarmProcessPoolTaskRunner, prepare_worker

    return WarmProcessPoolTaskRunner(max_workers=worker_count(config), initializer=prepare_worker)


@contextmanager
def prestarted_workers(config: dict) -> Iterator[None]:
    """The local pool's workers started now (they import Prefect and khabar and
    warm the stages up while the server boots), for the flow run inside to take over."""
    if config["runner"]["kind"] != "local" or worker_count(config) == 1:
        yield
        return
    from flows.pool import prestarted_pool

    with prestarted_pool(worker_count(config), config):
        yield


def warm_up_main(config: dict) -> None:
    """Load in this process what its part of the run (the ingest commit, and
    every stage when the tasks run here) loads on first use."""
    import fastapi.encoders  # noqa: F401 - Prefect's first flow call imports it (serialize_parameters): ~0.08 s, now instead
    from tasks.warm import warm_up, warm_up_commit

    warm_up_commit(config)
    if config["runner"]["kind"] == "local" and worker_count(config) == 1:
        warm_up(config)

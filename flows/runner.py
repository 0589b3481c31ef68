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


def die_with_parent() -> None:
    """Worker initializer: ask Linux to kill this worker when the main process dies.

    Without it a ``kill -9`` of the run leaves its pool workers behind, idle
    forever and holding the terminal's pipes.
    """
    try:
        import ctypes
        import signal

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: workers exit when their queue breaks
        pass


def worker_count(config: dict) -> int:
    workers = int(config["runner"]["workers"])
    return workers if workers > 0 else (os.cpu_count() or 1)


def task_runner_from_config(config: dict):
    runner = config["runner"]
    kind = runner["kind"]
    if kind == "local":
        from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

        if worker_count(config) == 1:  # one worker: run in this process, no pool to start
            return ThreadPoolTaskRunner(max_workers=1)
        return ProcessPoolTaskRunner(max_workers=worker_count(config), initializer=die_with_parent)
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if runner["address"]:
            return DaskTaskRunner(address=runner["address"])
        return DaskTaskRunner(cluster_kwargs={"n_workers": worker_count(config), "threads_per_worker": 1, "processes": True, "dashboard_address": None})
    from khabar.config import ConfigError

    raise ConfigError(f"runner.kind must be 'local' or 'dask', not {kind!r}")

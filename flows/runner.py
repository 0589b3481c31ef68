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
    """Ask Linux to kill this pool worker when the main process dies.

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


def prepare_worker() -> None:
    """Pool worker initializer: die with the parent, and write Prefect's run
    logs where the parent writes them (the run's log file unless --verbose)."""
    from flows.prefect_env import route_worker_logs

    die_with_parent()
    route_worker_logs()


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
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

    if worker_count(config) == 1:  # one worker: run in this process, no pool to start
        return ThreadPoolTaskRunner(max_workers=1)
    return ProcessPoolTaskRunner(max_workers=worker_count(config), initializer=prepare_worker)

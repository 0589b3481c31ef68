"""The local process pool, started before the flow and taken over by its task runner.

Prefect's ProcessPoolTaskRunner starts its processes when the flow's first
task is submitted: after the API server is up and the flow run created; each
process then imports Prefect and khabar (seconds on a busy machine), and only
then runs the task. :func:`prestarted_pool` starts them at the beginning of
the command instead, while the temporary server boots, and
:class:`WarmProcessPoolTaskRunner` takes that pool over (the same queue and
executor Prefect's own ``__enter__`` would make). The same workers then serve
every stage of the run. On Linux they are forked from this process once it
has loaded and warmed up what they need (:func:`start_method`), so that it is
loaded once rather than once per worker.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, _initialize_process_pool_worker

from flows.prefect_env import die_with_parent, route_worker_logs

# What every task needs: imported by a worker as it starts rather than by its first task.
TASK_MODULES = ("tasks.ingest", "tasks.normalise", "tasks.segment", "tasks.extract", "tasks.aggregate")

_PRESTARTED: dict[int, tuple] = {}  # max_workers -> (message queue, executor), not yet taken over


def prepare_worker(config: dict | None = None) -> None:
    """Pool worker initializer: die with the parent, write Prefect's run logs
    where the parent writes them (the run's log file unless --verbose), import
    the tasks; with the run's ``config`` (a prestarted pool of spawned workers), warm the
    stages up (a forked worker comes with its parent's, warmed up by :func:`_start_pool`)."""
    die_with_parent()
    route_worker_logs()
    reuse_settings_context()
    for name in TASK_MODULES:
        importlib.import_module(name)
    if config is not None:
        from tasks.warm import warm_up

        warm_up(config)


def reuse_settings_context() -> None:
    """In a pool worker: build the run's Prefect settings once, not once per task.

    Every task the flow submits carries the flow's settings, serialised, and
    the worker rebuilt them (pydantic validating ~300 settings: ~60 ms of CPU,
    most of what a task run costs a worker) before running it. The same
    settings come with every task of a run, so the worker keeps the last ones
    and enters them again; other settings are built as before.
    """
    import prefect.context as context

    original = context.hydrated_context
    if getattr(original, "reuses_settings", False):
        return
    held: list = [None, None]  # the serialised settings, their SettingsContext

    @contextmanager
    def hydrated_context(serialized_context: dict | None = None, client=None) -> Iterator[None]:  # noqa: ANN001 - as Prefect's
        settings = (serialized_context or {}).get("settings_context")
        if not settings:
            with original(serialized_context, client):
                yield
            return
        if held[0] != settings:
            held[:] = [settings, context.SettingsContext(**settings)]
        with held[1], original({**serialized_context, "settings_context": None}, client):
            yield

    hydrated_context.reuses_settings = True
    context.hydrated_context = hydrated_context


def _spawned() -> None:
    """A no-op: submitting one per worker makes the executor start them all now."""


def start_method() -> str:
    """``fork`` on Linux while this process runs no other Python thread, else ``spawn`` (Prefect's).

    A spawned worker imports Prefect and khabar and warms the stages up
    itself: ~2 CPU-s each, while the temporary server boots on the same
    cores. Forked from this process once it holds all that, a worker starts
    with it (and shares its pages). Before the flow run starts, no Prefect
    thread or client exists yet; the native threads there are (numpy's
    OpenBLAS, Arrow's jemalloc) handle fork themselves.
    """
    return "fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn"


def _start_pool(max_workers: int, config: dict) -> tuple:
    """The message queue and executor as ProcessPoolTaskRunner.__enter__ makes them, workers starting."""
    method = start_method()
    if method == "fork":  # what a spawned worker would load, loaded once here for every worker
        from tasks.warm import warm_up

        for name in TASK_MODULES:
            importlib.import_module(name)
        warm_up(config)
        # What is loaded now lives as long as the processes: kept out of the cycle collector's
        # scans, in here and in the workers, where a scan would also copy every page it touches.
        gc.freeze()
    context = multiprocessing.get_context(method)
    queue = context.Queue()
    executor = ProcessPoolExecutor(max_workers=max_workers, mp_context=context, initializer=_initialize_process_pool_worker,
                                   initargs=(queue, prepare_worker, (None if method == "fork" else config,)))
    for _ in range(max_workers):  # no worker is idle yet, so each submit starts one
        executor.submit(_spawned)
    return queue, executor


@contextmanager
def prestarted_pool(max_workers: int, config: dict) -> Iterator[None]:
    """Start ``max_workers`` workers for a run of ``config`` now; shut them down at the end unless a runner took them over."""
    queue, executor = _PRESTARTED[max_workers] = _start_pool(max_workers, config)
    try:
        yield
    finally:
        _PRESTARTED.pop(max_workers, None)
        # Also when the runner took the pool over: a failed flow run can leave
        # here with a worker still starting; killed then (with this process),
        # it would leave semaphores behind and the resource tracker would say
        # so on the terminal. Waiting lets it start and stop cleanly.
        executor.shutdown(wait=True, cancel_futures=True)
        queue.close()


class WarmProcessPoolTaskRunner(ProcessPoolTaskRunner):
    """ProcessPoolTaskRunner that takes over a prestarted pool of its size, if there is one."""

    def __enter__(self):
        prestarted = _PRESTARTED.pop(self._max_workers, None)
        if prestarted is None or getattr(self, "_initializer", None) is not prepare_worker:
            if prestarted is not None:
                _PRESTARTED[self._max_workers] = prestarted  # not ours to take: prestarted_pool shuts it down
            return super().__enter__()
        TaskRunner.__enter__(self)
        self._subprocess_message_queue, self._executor = prestarted
        self._message_forwarding_thread = threading.Thread(target=self._forward_subprocess_messages, name="ProcessPoolTaskRunnerMessageForwarder", daemon=True)
        self._message_forwarding_thread.start()
        self._resolver_executor = ThreadPoolExecutor(max_workers=self._max_workers)
        return self

    def __exit__(self, exc_type, exc_value, traceback) -> None:  # noqa: ANN001
        # After a flow that finished, every task is done and the workers idle:
        # stopped gracefully, each spends seconds in Prefect's exit handlers;
        # SIGTERM now instead. After a failure, Prefect's own shutdown as before.
        if exc_type is None and self._executor is not None:
            processes = list(getattr(self._executor, "_processes", {}).values())
            self._executor.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
        super().__exit__(exc_type, exc_value, traceback)

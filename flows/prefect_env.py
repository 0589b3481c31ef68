"""Prefect settings khabar needs before Prefect is imported, and where
Prefect's logs of flow and task runs go.

Offline machines: analytics off (its failed calls also cause SQLite
"database is locked" errors, Prefect #18934, #19771). Prefect's own INFO
logs are hidden unless the user asks for them; khabar prints its own progress.
A failed task or flow run makes Prefect log a traceback at ERROR level: unless
--verbose, those logs go to the run's log file, not the terminal, and the
command prints one line.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

RUN_LOG_ENV = "KHABAR_RUN_LOG"  # tells pool workers (spawned, so configured afresh) where to log
RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs")


def configure_prefect(verbose: bool = False) -> None:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false" if not verbose else "true")


class _RunLogFile(logging.FileHandler):
    """Appends to the run's log, created on the first record. A record that
    cannot be written (the disk is full) is dropped: printing logging's own
    traceback instead would defeat the one-line error."""

    def __init__(self, path: str | Path):
        from prefect.logging.formatters import PrefectFormatter

        super().__init__(path, mode="a", encoding="utf-8", delay=True)
        self.setFormatter(
            PrefectFormatter(
                format="%(asctime)s %(levelname)s %(name)s - %(message)s",
                flow_run_fmt="%(asctime)s %(levelname)s flow run %(flow_run_name)r - %(message)s",
                task_run_fmt="%(asctime)s %(levelname)s task run %(task_run_name)r - %(message)s",
            )
        )

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        pass

    def close(self) -> None:
        try:
            super().close()
        except OSError:  # the last records could not be flushed: lost, as in handleError
            pass


def _route(path: str | Path) -> tuple[logging.Handler, dict[str, bool]]:
    from prefect.logging.configuration import ensure_logging_setup

    ensure_logging_setup()  # now: Prefect setting up its logging later would drop the handler
    handler = _RunLogFile(path)
    propagated = {}
    for name in RUN_LOGGERS:
        logger = logging.getLogger(name)
        propagated[name] = logger.propagate
        logger.addHandler(handler)
        logger.propagate = False  # the terminal handler hangs on the root logger
    return handler, propagated


@contextmanager
def run_logs_to(path: Path | None) -> Iterator[None]:
    """Send Prefect's flow and task run logs to ``path`` (None: leave them on the terminal)."""
    if path is None:
        yield
        return
    os.environ[RUN_LOG_ENV] = str(path)
    handler, propagated = _route(path)
    try:
        yield
    finally:
        os.environ.pop(RUN_LOG_ENV, None)
        for name, propagate in propagated.items():
            logging.getLogger(name).removeHandler(handler)
            logging.getLogger(name).propagate = propagate
        handler.close()


def route_worker_logs() -> None:
    """In a pool worker: log where the parent's :func:`run_logs_to` does."""
    if path := os.environ.get(RUN_LOG_ENV):
        _route(path)

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


def die_with_parent() -> None:
    """Ask Linux to kill this process (a pool worker, the temporary server) when its parent dies.

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
    if any(isinstance(h, _RunLogFile) and h.baseFilename == os.path.abspath(path) for h in logging.getLogger(RUN_LOGGERS[0]).handlers):
        return None, {}  # a forked pool worker: its parent's handler came with it
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
        if handler is not None:
            handler.close()


def route_worker_logs() -> None:
    """In a pool worker: log where the parent's :func:`run_logs_to` does."""
    if path := os.environ.get(RUN_LOG_ENV):
        _route(path)


# -- the temporary API server ---------------------------------------------------------
# Without PREFECT_API_URL, Prefect starts a temporary server on the first API call
# and waits for it: the main process first imports the whole server (FastAPI,
# SQLAlchemy, ~4 s of CPU) only to launch it as a subprocess, then the pool's
# workers start once the flow run exists. Launching the same uvicorn command
# ourselves, before Prefect is imported, lets the server boot while this process
# imports Prefect and the pool's workers start.


def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TemporaryServer:
    """Prefect's temporary API server (the command Prefect runs), started by us
    so that the start overlaps with other work; it dies with this process."""

    def __init__(self) -> None:
        import importlib.util
        import subprocess
        import sys
        import tempfile

        self.port = _free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        app_dir = str(Path(importlib.util.find_spec("prefect").origin).parent.parent)
        # Block types are not registered: no khabar flow uses a block (results are not persisted), and the
        # check that they are imports every Prefect collection (prefect-dask: dask, distributed) to hash
        # them, ~0.5 of the boot's ~4 CPU-s, every run. Not memoised either, so the memo store keeps saying
        # what a server that does register found. A standing server (PREFECT_API_URL) is not ours to change.
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1",
               "PREFECT_API_BLOCKS_REGISTER_ON_START": "false", "PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false"}
        command = [sys.executable, "-m", "uvicorn", "--app-dir", app_dir, "--factory", "prefect.server.api.server:create_app",
                   "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "error", "--lifespan", "on"]
        # Its log goes to a file, not to the user's terminal: when it is stopped, its services log the events
        # they were still flushing as ERROR with tracebacks (harmless: the run is over and recorded in the store).
        # The file is read back only if the server fails (wait_ready) and removed by stop().
        self.log_path = Path(tempfile.mkstemp(prefix="khabar-prefect-server-", suffix=".log")[1])
        with open(self.log_path, "wb") as log:
            # preexec_fn: a `kill -9` of the run must not leave the server behind (Prefect's own relies on atexit).
            self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log, preexec_fn=die_with_parent)

    def wait_ready(self, timeout: float = 120.0) -> None:
        """Block until the server answers /health; raise if it died or took too long."""
        import time
        import urllib.error
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Prefect's temporary server exited with code {self.process.returncode}{self._log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"Prefect's temporary server did not answer within {timeout:.0f}s{self._log_tail()}")

    def _log_tail(self, lines: int = 20) -> str:
        try:
            tail = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
        except OSError:
            return ""
        return (": its log ends\n" + "\n".join(tail)) if tail else ""

    def stop(self) -> None:
        import subprocess

        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_path.unlink(missing_ok=True)


def _truthy(value) -> bool:  # noqa: ANN001 - a TOML or environment value
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def _active_profile() -> dict:
    """The settings of Prefect's active profile, read as Prefect reads them (its
    defaults, then the user's profiles.toml) but without importing Prefect."""
    import importlib.util
    import tomllib

    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    paths = [Path(importlib.util.find_spec("prefect").origin).parent / "settings" / "profiles.toml",
             Path(os.environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml").expanduser()]
    active, profiles = "ephemeral", {}
    for path in paths:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):  # absent or unreadable: Prefect falls back the same way
            continue
        active = data.get("active", active)
        for name, settings in data.get("profiles", {}).items():
            profiles.setdefault(name, {}).update(settings)
    return profiles.get(os.environ.get("PREFECT_PROFILE") or active, {})


def _wants_temporary_server() -> bool:
    """True where Prefect itself would start a temporary server: no API URL
    anywhere (environment, active profile, settings already in force) and
    temporary servers allowed."""
    import sys

    if os.environ.get("PREFECT_API_URL"):
        return False
    if "prefect.settings" in sys.modules:  # Prefect already loaded (a test harness, an embedding program)
        from prefect.settings import get_current_settings

        settings = get_current_settings()
        return not settings.api.url and settings.server.ephemeral.enabled
    profile = _active_profile()
    if profile.get("PREFECT_API_URL"):
        return False
    names = ("PREFECT_SERVER_EPHEMERAL_ENABLED", "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE")
    return any(_truthy(os.environ[n]) for n in names if n in os.environ) or (
        not any(n in os.environ for n in names) and any(_truthy(profile[n]) for n in names if n in profile))


def _loopback_ca_file() -> str:
    """A CA file of one certificate (certifi's first) for Prefect's clients of the temporary server.

    Every Prefect API client builds a TLS context from PREFECT_API_SSL_CERT_FILE,
    by default certifi's bundle of ~150 certificates: ~35 ms of CPU, and a pool
    worker made a client or two per task. The temporary server speaks plain
    HTTP on 127.0.0.1, so the context is never used; one certificate builds it
    in ~1 ms. Written once per user in the temporary folder.
    """
    import re
    import tempfile

    import certifi

    path = Path(tempfile.gettempdir()) / f"khabar-loopback-ca-{os.getuid()}.pem"
    bundle = Path(certifi.where()).read_text(encoding="ascii")
    first = re.search(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----\n", bundle, re.S)
    if first is None:  # not a PEM bundle: leave Prefect's default
        return certifi.where()
    try:
        if not path.is_file() or path.read_text(encoding="ascii") != first.group(0):
            partial = path.with_name(f"{path.name}.{os.getpid()}")
            partial.write_text(first.group(0), encoding="ascii")
            os.replace(partial, path)
    except OSError:  # an unwritable temporary folder: the default, only slower
        return certifi.where()
    return str(path)


# The temporary server of this process, kept for its later runs: Prefect, once loaded, keeps the
# API URL it read at import (its event and log services too), so a second run in the same process
# (an embedding program, a benchmark calling cli.main twice) must find the same server there.
_SERVER: TemporaryServer | None = None


@contextmanager
def temporary_server() -> Iterator[TemporaryServer | None]:
    """Prefect's temporary server for the commands of this process, launched on the first,
    where Prefect would start one itself (see :func:`_wants_temporary_server`); it stops
    when the process ends.

    Enter before importing Prefect: the server boots meanwhile, and
    PREFECT_API_URL must be in the environment before Prefect reads its
    settings, or Prefect's own threads (which do not see a settings context)
    start a second server.
    """
    global _SERVER
    if _SERVER is not None and _SERVER.process.poll() is None and os.environ.get("PREFECT_API_URL") == _SERVER.api_url:
        yield _SERVER
        return
    if not _wants_temporary_server():
        yield None
        return
    import atexit

    # For this process, the server and the pool workers it starts: plain HTTP, no certificates needed.
    os.environ.setdefault("PREFECT_API_SSL_CERT_FILE", _loopback_ca_file())
    _SERVER = TemporaryServer()
    os.environ["PREFECT_API_URL"] = _SERVER.api_url  # for this process and the pool workers it starts
    atexit.register(_SERVER.stop)
    yield _SERVER


@contextmanager
def without_flow_heartbeats(server: TemporaryServer | None) -> Iterator[None]:
    """No flow-run heartbeats for a flow run on our temporary server.

    Heartbeats let a standing server mark a flow run whose process died as
    crashed; the temporary server dies with the process, so no one reads
    them. And the sync flow engine, at the end of every run, joins its
    heartbeat thread, which sleeps in one-second steps: 0.5 s of wall time on
    average, up to 1 s, after the work is done. A configured server
    (``server`` None) keeps them.
    """
    if server is None:
        yield
        return
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    # None turns them off (the environment cannot say None: its value must be an integer of at least 30).
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield

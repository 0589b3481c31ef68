"""``khabar run``: the nightly job.

    khabar run                                  # data/raw -> data/processed
    khabar run --raw day.jsonl.gz --out /data/khabar
"""

from __future__ import annotations

import argparse
import errno
import json
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw", help="input: a folder (read recursively) or one file (default: paths.raw of the config, data/raw)")
    parser.add_argument("--out", help="output root (default: paths.out of the config, data/processed)")
    parser.add_argument("--config", help="TOML configuration file (default: built-in defaults, see config/khabar.toml)")
    parser.add_argument("--verbose", action="store_true", help="show Prefect's own logs")
    parser.add_argument("--json", action="store_true", help="print the run summary as JSON on stdout")


def resolve_paths(args: argparse.Namespace, config: dict) -> tuple[Path, Path]:
    """Paths from the command line, else from the config; checked before anything starts."""
    from khabar.errors import UserError
    from khabar.store import Store, StoreError

    raw = Path(getattr(args, "raw", None) or config["paths"]["raw"])
    out = Path(args.out or config["paths"]["out"])
    if not raw.exists():
        raise UserError(f"input path not found: {raw} (give a folder or a file with --raw)")
    try:
        Store(out).ensure_writable()
    except StoreError as exc:
        raise UserError(f"{exc} (choose another --out)") from None
    check_not_locked(out)
    return raw.resolve(), out.resolve()


def check_not_locked(out: Path) -> None:
    """Refuse before Prefect starts (seconds) when another run holds the store."""
    from khabar.errors import UserError
    from khabar.store import Store, StoreLock, StoreLocked

    try:
        StoreLock(Store(out), "probe").probe()
    except StoreLocked as exc:
        raise UserError(str(exc)) from None


def run_flow(flow_name: str, config: dict, verbose: bool, **parameters) -> dict:
    """Run the flow ``flow_name`` of flows.pipeline with the configured task runner; turn failures into one line.

    The run id is chosen here so that the log of a failed run has its name:
    ``<out>/_logs/<run_id>.log`` gets the traceback and, unless ``verbose``,
    Prefect's logs of the run, which would otherwise fill the terminal.

    Start-up runs concurrently: Prefect's temporary server (unless one is
    configured) is launched first, then the pool's workers, and only then does
    this process import Prefect and the flows; it waits for the server last.
    """
    from flows.prefect_env import configure_prefect, temporary_server

    configure_prefect(verbose)
    from khabar.errors import KhabarError, UserError
    from khabar.runs import new_run_id, run_log_path
    from khabar.store import StoreError

    run_id = new_run_id(datetime.now(UTC))
    log = run_log_path(parameters["out"], run_id)
    try:
        with temporary_server() as server:
            from flows.prefect_env import run_logs_to
            from flows.runner import prestarted_workers

            with run_logs_to(None if verbose else log), prestarted_workers(config):
                return _call_flow(flow_name, config, server, parameters, run_id)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    except KhabarError:
        raise
    except Exception as exc:  # noqa: BLE001 - any other failure: one line, the traceback in the log
        raise UserError(failure_message(exc, Path(parameters["out"]), write_traceback(exc, log))) from None


def _call_flow(flow_name: str, config: dict, server, parameters: dict, run_id: str) -> dict:  # noqa: ANN001 - server: TemporaryServer | None
    from flows import pipeline
    from flows.prefect_env import without_flow_heartbeats
    from flows.runner import task_runner_from_config

    flow_fn = getattr(pipeline, flow_name)
    runner = task_runner_from_config(config)
    if server is not None:
        from flows.runner import warm_up_main

        warm_up_main(config)  # while the server boots
        server.wait_ready()
    with without_flow_heartbeats(server):
        return flow_fn.with_options(task_runner=runner)(**parameters, run_id=run_id)


# Errors of the operating system a person fixes on the output root, and how.
_OS_ADVICE = {
    errno.ENOSPC: "free space under {out}",
    errno.EDQUOT: "free space under {out} or raise the disk quota",
    errno.EFBIG: "free space under {out}",
    errno.EROFS: "mount {out} writable",
    errno.EACCES: "give this user write access to {out}",
    errno.EPERM: "give this user write access to {out}",
}
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS}


def failure_message(exc: Exception, out: Path, log: Path | None) -> str:
    """One line: what failed, why, what to do, where the traceback is."""
    where = f"; traceback in {log}" if log else ""
    if not isinstance(exc, OSError):
        return f"the run failed: {type(exc).__name__}: {exc}{where}"
    path = exc.filename if exc.filename is not None else out
    verb = "write" if exc.errno in _WRITE_ERRNOS else "use"
    advice = _OS_ADVICE.get(exc.errno, "fix the cause").format(out=out)
    # A run stopped by an exception leaves the store as a killed one does: the rerun completes it.
    return f"cannot {verb} {path}: {exc.strerror or exc} ({advice} and rerun: the store is intact){where}"


def write_traceback(exc: Exception, log: Path) -> Path | None:
    """Append the traceback of ``exc`` to ``log``; where the store's disk
    refuses it (full), to the temporary folder. Returns the file written."""
    text = "khabar: the run stopped on this error:\n" + "".join(traceback.format_exception(exc))
    for path in (log, Path(tempfile.gettempdir()) / f"khabar-{log.name}"):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(text)
            return path
        except OSError:
            continue
    return None


def inline(config: dict) -> dict:
    """``config`` for choosing the runner of a small run: one worker, so the
    tasks run in this process and no pool starts (the flow reads its own
    config: what the stages write does not depend on the worker count)."""
    return {**config, "runner": {**config["runner"], "workers": 1}}


def _say(message: str) -> None:
    from flows.progress import PROGRESS

    PROGRESS.say(message)


def main(args: argparse.Namespace) -> int:
    from flows.prefect_env import configure_prefect
    from khabar.config import load_config

    configure_prefect(args.verbose)  # before anything imports prefect
    config = load_config(args.config)
    raw, out = resolve_paths(args, config)
    config_path = str(Path(args.config).resolve()) if args.config else None
    parameters = {"raw": str(raw), "out": str(out), "config_path": config_path}
    from khabar.runs import nothing_new, runs_inline

    summary = nothing_new(parameters, config, _say)  # decided from the store's manifest: no Prefect, no pool
    if summary is None:
        runner_config = inline(config) if runs_inline(parameters, config) else config
        summary = run_flow("nightly", runner_config, args.verbose, **parameters)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1, default=str))
    return 0

"""``khabar run``: the nightly job.

    khabar run                                  # data/raw -> data/processed
    khabar run --raw day.jsonl.gz --out /data/khabar
"""

from __future__ import annotations

import argparse
import json
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


def run_flow(flow_fn, config: dict, verbose: bool, **parameters) -> dict:
    """Run a flow with the configured task runner; turn failures into one line."""
    from flows.prefect_env import configure_prefect

    configure_prefect(verbose)
    from flows.runner import task_runner_from_config
    from khabar.errors import UserError
    from khabar.store import StoreError

    try:
        return flow_fn.with_options(task_runner=task_runner_from_config(config))(**parameters)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    except Exception as exc:  # the one-line reason; the log (--verbose) has the traceback
        raise UserError(f"the run failed: {type(exc).__name__}: {exc}") from None


def main(args: argparse.Namespace) -> int:
    from flows.prefect_env import configure_prefect
    from khabar.config import load_config

    configure_prefect(args.verbose)  # before anything imports prefect
    config = load_config(args.config)
    raw, out = resolve_paths(args, config)
    from flows.pipeline import nightly

    config_path = str(Path(args.config).resolve()) if args.config else None
    summary = run_flow(nightly, config, args.verbose, raw=str(raw), out=str(out), config_path=config_path)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1, default=str))
    return 0

"""``khabar serve``: serve the nightly schedule and an on-demand reprocess deployment.

Two deployments are served by this process:

- ``khabar-run/nightly``: the nightly run, on ``schedule.cron`` in
  ``schedule.timezone``, one run at a time;
- ``khabar-reprocess/reprocess``: no schedule; trigger it from the Prefect UI
  or with ``prefect deployment run khabar-reprocess/reprocess --param
  since=2015-07-21 --param until=2015-07-23 --param from_stage=extract``.

Without ``PREFECT_API_URL`` Prefect starts a temporary server that loses its
run history when the process stops: for production start a standing
``prefect server start`` and export ``PREFECT_API_URL`` first (see README).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw", help="input root watched by the nightly run (default: paths.raw of the config)")
    parser.add_argument("--out", help="output root (default: paths.out of the config)")
    parser.add_argument("--config", help="TOML configuration file (its [schedule] section sets cron and timezone)")
    parser.add_argument("--dry-run", action="store_true", help="print the deployments that would be served and exit")


def main(args: argparse.Namespace) -> int:
    from flows.prefect_env import configure_prefect
    from khabar.config import load_config

    config = load_config(args.config)
    configure_prefect(verbose=True)  # before anything imports prefect
    from flows.serve import deployments, serve_deployments

    raw = str(Path(args.raw or config["paths"]["raw"]).resolve())
    out = str(Path(args.out or config["paths"]["out"]).resolve())
    config_path = str(Path(args.config).resolve()) if args.config else None
    served = deployments(raw, out, config_path, config)
    for deployment in served:
        schedule = ", ".join(f"{s.schedule.cron} ({s.schedule.timezone})" for s in deployment.schedules or []) or "on demand"
        print(f"{deployment.flow_name}/{deployment.name}: {schedule}, parameters {deployment.parameters}")
    if args.dry_run:
        return 0
    serve_deployments(served)
    return 0

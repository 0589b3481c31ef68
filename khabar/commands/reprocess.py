"""``khabar reprocess``: rebuild a date range of partitions, from one stage on.

    khabar reprocess --since 2015-07-21 --until 2015-07-23 --from-stage extract
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from khabar.stages import RERUNNABLE


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", required=True, type=_iso_date, help="first dt to rebuild (YYYY-MM-DD)")
    parser.add_argument("--until", required=True, type=_iso_date, help="last dt to rebuild, inclusive")
    parser.add_argument("--from-stage", default="normalise", choices=RERUNNABLE, help="first stage to rerun (default: normalise); later stages follow")
    parser.add_argument("--out", help="output root (default: paths.out of the config)")
    parser.add_argument("--config", help="TOML configuration file")
    parser.add_argument("--verbose", action="store_true", help="show Prefect's own logs")
    parser.add_argument("--json", action="store_true", help="print the run summary as JSON on stdout")


def main(args: argparse.Namespace) -> int:
    from flows.prefect_env import configure_prefect

    configure_prefect(args.verbose)  # before anything imports prefect
    from khabar.commands.run import check_not_locked, run_flow
    from khabar.config import load_config
    from khabar.errors import UserError

    config = load_config(args.config)
    if args.since > args.until:
        raise UserError(f"--since {args.since} is after --until {args.until}")
    out = Path(args.out or config["paths"]["out"])
    if not (out / "documents").is_dir():
        raise UserError(f"no khabar store at {out} (run `khabar run --out {out}` first)")
    check_not_locked(out)
    config_path = str(Path(args.config).resolve()) if args.config else None
    summary = run_flow(
        "reprocess", config, args.verbose, since=args.since, until=args.until, from_stage=args.from_stage, out=str(out.resolve()), config_path=config_path
    )
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1, default=str))
    return 0

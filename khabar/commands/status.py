"""``khabar status``: what the store holds (:mod:`khabar.status`)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from khabar.config import load_config
from khabar.errors import UserError
from khabar.status import collect_status, render
from khabar.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", help="output root (default: paths.out of the config)")
    parser.add_argument("--config", help="TOML configuration file (to tell stale partitions)")
    parser.add_argument("--runs", type=int, default=10, help="how many recent runs to show (default 10)")
    parser.add_argument("--json", action="store_true", help="print the status as JSON")


def main(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    out = Path(args.out or config["paths"]["out"])
    if not out.is_dir():
        raise UserError(f"no khabar store at {out} (run `khabar run --out {out}` first)")
    status = collect_status(Store(out), config, args.runs)
    print(json.dumps(status, ensure_ascii=False, indent=1) if args.json else render(status))
    return 0

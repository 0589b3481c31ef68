"""``khabar report --since D --until D``: a self-contained HTML report of a date range (:mod:`khabar.report`)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from khabar.config import load_config
from khabar.errors import UserError
from khabar.report import Range, render


def _day(value: str, flag: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UserError(f"{flag} must be a date like 2015-07-21, got {value!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", required=True, help="first day (YYYY-MM-DD, a dt partition)")
    parser.add_argument("--until", required=True, help="last day, included (YYYY-MM-DD)")
    parser.add_argument("--out", default="report.html", help="HTML file to write (default: report.html)")
    parser.add_argument("--store", help="output root of the store (default: paths.out of the configuration)")
    parser.add_argument("--config", help="configuration file (TOML)")


def main(args: argparse.Namespace) -> int:
    rng = Range(_day(args.since, "--since"), _day(args.until, "--until"))
    if rng.since > rng.until:
        raise UserError(f"--since {rng.since} is after --until {rng.until}")
    if (date.fromisoformat(rng.until) - date.fromisoformat(rng.since)).days > 366:
        raise UserError("the range is longer than a year: pass a shorter --since/--until")
    config = load_config(args.config)
    store = Path(args.store or config["paths"]["out"])
    if not store.is_dir():
        raise UserError(f"no store at {store}: run 'khabar run' first, or pass --store")
    html_text = render(store, rng)
    target = Path(args.out)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(html_text, encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
    print(f"{target}: report for {rng.since} to {rng.until} ({len(html_text) // 1024} KiB)")
    return 0

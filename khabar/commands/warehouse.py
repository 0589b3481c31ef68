"""``khabar warehouse``: build or refresh the DuckDB views over the store (:mod:`khabar.warehouse`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from khabar.config import load_config
from khabar.errors import UserError
from khabar.warehouse import DATABASE_NAME, QUERIES, build, run_query


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", help="output root of the store (default: paths.out of the configuration)")
    parser.add_argument("--config", help="configuration file (TOML)")
    parser.add_argument("--query", choices=sorted(QUERIES), help="after building, run this analyst query and print its rows")


def main(args: argparse.Namespace) -> int:
    import duckdb


    config = load_config(args.config)
    out = Path(args.out or config["paths"]["out"])
    try:
        database, views = build(out)
    except OSError as exc:
        raise UserError(f"cannot write {out / DATABASE_NAME}: {exc.strerror or exc}") from None
    except duckdb.Error as exc:
        first_line = str(exc).splitlines()[0]
        raise UserError(f"cannot build {out / DATABASE_NAME}: {first_line} (is a Parquet file under {out} damaged?)") from None
    print(f"{database}: {len(views)} views ({', '.join(views) or 'store is empty'})")
    if args.query:
        if args.query not in views:
            raise UserError(f"query {args.query} needs datasets {', '.join(QUERIES[args.query][0])}, not all in {out}")
        table = run_query(database, args.query)
        try:
            print("\t".join(table.column_names))
            for row in table.to_pylist():
                print("\t".join("" if v is None else str(v) for v in row.values()))
            sys.stdout.flush()
        except BrokenPipeError:  # `khabar warehouse --query ... | head`
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0

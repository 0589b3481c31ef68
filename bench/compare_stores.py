"""Do two stores hold the same rows? The check behind "behaviour is unchanged".

    python bench/compare_stores.py STORE_A STORE_B

Reads every dataset present in either store, drops the columns that differ
between any two runs by design (run_id, ingested_at; in ``runs`` also the
clock times, timings, code version and the paths given), sorts the rows and
compares them. Prints one line per dataset, and for a dataset that differs the
rows only one side holds (at most --show of each). Exit status 1 if any differs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds

VOLATILE = ("run_id", "ingested_at")
RUN_VOLATILE = ("started_at", "finished_at", "timings", "code_version", "parameters")


def datasets(store: Path) -> set[str]:
    return {p.name for p in store.iterdir() if p.is_dir() and not p.name.startswith("_")}


def read_rows(store: Path, name: str) -> pd.DataFrame:
    folder = store / name
    if not folder.exists():
        return pd.DataFrame()
    table = ds.dataset(folder, format="parquet", partitioning="hive").to_table()
    volatile = VOLATILE + (RUN_VOLATILE if name == "runs" else ())
    frame = table.drop_columns([c for c in volatile if c in table.column_names]).to_pandas()
    frame = frame.astype(str)  # lists, dicts and NaN compare as their text
    return frame.sort_values(list(frame.columns)).reset_index(drop=True) if len(frame) else frame


def compare(a: pd.DataFrame, b: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows only in ``a`` and rows only in ``b`` (as multisets)."""
    if list(a.columns) != list(b.columns):
        return a, b
    key = list(a.columns)
    a = a.assign(_n=a.groupby(key).cumcount())
    b = b.assign(_n=b.groupby(key).cumcount())
    merged = a.merge(b, on=key + ["_n"], how="outer", indicator=True)
    only_a = merged[merged["_merge"] == "left_only"][key]
    only_b = merged[merged["_merge"] == "right_only"][key]
    return only_a, only_b


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store_a", type=Path)
    parser.add_argument("store_b", type=Path)
    parser.add_argument("--show", type=int, default=5, help="differing rows to print per side")
    args = parser.parse_args()
    differs = 0
    for name in sorted(datasets(args.store_a) | datasets(args.store_b)):
        a, b = read_rows(args.store_a, name), read_rows(args.store_b, name)
        only_a, only_b = compare(a, b)
        same = only_a.empty and only_b.empty
        differs += not same
        print(f"{name:16} {len(a):>9} vs {len(b):>9} rows  {'same' if same else f'DIFFERENT: {len(only_a)} only in A, {len(only_b)} only in B'}")
        if not same:
            with pd.option_context("display.width", 200, "display.max_colwidth", 60):
                print("  only in A:\n" + only_a.head(args.show).to_string())
                print("  only in B:\n" + only_b.head(args.show).to_string())
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())

"""Prefect tasks: one module per stage. Each task reads one shard's Parquet
from the store, calls the pure ``khabar`` function of its stage and writes the
result into the run's staging area. Tasks take and return small values
(paths, shard ids, counts), never DataFrames.
"""

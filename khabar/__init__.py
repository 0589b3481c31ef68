"""khabar: Arabic news in, warehouse-ready Parquet out.

The package is the pure part of the pipeline: functions over strings and Arrow
tables, no Prefect. ``tasks/`` does the I/O per shard and ``flows/`` wires the
stages together.
"""

__version__ = "0.1.0"

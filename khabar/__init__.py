"""khabar: Arabic news in, warehouse-ready Parquet out.

The package is the pure part of the pipeline: functions over strings and Arrow
tables, no Prefect. ``tasks/`` does the I/O per shard and ``flows/`` wires the
stages together. From Python, ``khabar.analyse(text)`` analyses one article and
``khabar.analyse_table(documents)`` a table of them (see :mod:`khabar.api`).
"""

import importlib

__version__ = "0.1.0"

# Loaded on first use (PEP 562), so that `import khabar` and `khabar --help`
# stay light: the API pulls in pyarrow and, on the first call, the CRF model.
_LAZY = {"analyse": "khabar.api", "analyse_table": "khabar.api", "Analysis": "khabar.api"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'khabar' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])

"""Segment stage: sentences and tokens with offsets into ``documents.text``.

The work lives in :mod:`khabar.segment.stage`; names are resolved on first
use so that importing a light submodule (``khabar.evaluate.segment``, which
the CLI imports to build ``khabar --help``) does not load numpy and pyarrow.
"""

from __future__ import annotations

__all__ = ["segment_documents", "segment_text", "clitic_function", "SegmentedText"]


def __getattr__(name: str):  # noqa: ANN202 - PEP 562 lazy attributes
    if name in __all__:
        from khabar.segment import stage

        return getattr(stage, name)
    raise AttributeError(f"module 'khabar.segment' has no attribute {name!r}")

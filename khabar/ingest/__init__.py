"""Ingest: raw files (txt, JSON/JSONL, CSV/TSV, Parquet, HTML, their .gz,
zip archives of them) to documents and quarantine rows.

The interface the pipeline's ingest task calls (docs/architecture.md):

- :func:`list_raw_files` — the files under the raw root;
- :func:`read_raw_file` — one dict per record seen, document or quarantine;
- :func:`doc_id_for` — the stable id of an article's text;
- :data:`REASONS` — the closed set of quarantine reason codes;
- :func:`near_duplicate_clusters` / :class:`NearDuplicateIndex` — MinHash
  clusters of republished stories (``cluster_id``).
"""

from .files import list_raw_files
from .neardup import NearDuplicateIndex, near_duplicate_clusters, signature
from .reader import FORMATS, doc_id_for, read_raw_file, read_raw_file_part
from .reasons import REASONS
from .timestamps import parse_timestamp

__all__ = [
    "FORMATS",
    "REASONS",
    "NearDuplicateIndex",
    "doc_id_for",
    "list_raw_files",
    "near_duplicate_clusters",
    "parse_timestamp",
    "read_raw_file",
    "read_raw_file_part",
    "signature",
]

"""Check DESIGN's offsets rule on a whole store: for every row of sentences,
tokens, entities, quotes, dates and amounts, 0 <= start < end <= len(text) and
text[start:end] equals the stored surface form.

    python bench/check_offsets.py /tmp/khabar-18days
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SURFACE = {"sentences": None, "tokens": "form", "entities": "text", "quotes": "text", "dates": "text", "amounts": "text"}


def main() -> int:
    from khabar.store import Store

    store = Store(sys.argv[1])
    failures = 0
    totals = dict.fromkeys(SURFACE, 0)
    for dt in store.partitions("documents"):
        docs = store.read_partition("documents", dt, ["doc_id", "text"])
        texts = dict(zip(docs.column("doc_id").to_pylist(), docs.column("text").to_pylist()))
        for name, surface in SURFACE.items():
            columns = ["doc_id", "start", "end"] + ([surface] if surface else [])
            table = store.read_partition(name, dt, columns)
            ids, starts, ends = (table.column(c).to_pylist() for c in ("doc_id", "start", "end"))
            forms = table.column(surface).to_pylist() if surface else [None] * len(ids)
            for doc_id, start, end, form in zip(ids, starts, ends, forms):
                text = texts[doc_id]
                if not (0 <= start < end <= len(text)) or (form is not None and text[start:end] != form):
                    failures += 1
                    if failures <= 10:
                        print(f"FAIL {name} dt={dt} {doc_id} {start}:{end} {form!r} != {text[start:end]!r}")
            totals[name] += len(ids)
    print(", ".join(f"{name} {count:,}" for name, count in totals.items()), f"rows checked; {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

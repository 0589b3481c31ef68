"""Benchmark the normalise and segment stages on one SaudiNewsNet day.

    python bench/bench_segment.py [--day ../shared/data/saudinewsnet/2015-07-21.jsonl.gz] [--docs N]

Prints words per second per core (CPU time of this process, one core) for:

* normalise (``khabar.stages.normalise``);
* segment with builtin clitics (sentences + tokens + clitic segments, the
  Arrow tables included), cold (first call in the process: the clitic memo
  is empty) and warm (second call on the same documents, what a worker sees
  once it has processed a shard or two);
* segment without clitics;
* camel-tools' ``simple_word_tokenize`` alone on the same texts, the
  reference the issue compares against (it does none of the above: no
  offsets, no sentences, no normalisation);

and the peak resident memory. Words are whitespace-separated chunks of the
original text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import time
from pathlib import Path

from _paths import BENCH_DAY as DEFAULT_DAY


def cpu(fn):  # noqa: ANN001, ANN201
    t0 = time.process_time()
    out = fn()
    return time.process_time() - t0, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--day", type=Path, default=DEFAULT_DAY)
    parser.add_argument("--docs", type=int, default=0, help="first N documents only (0 = all)")
    args = parser.parse_args()

    import pyarrow as pa

    from khabar.config import load_config
    from khabar.segment.clitics import default_segmenter
    from khabar.stages import normalise, segment

    with gzip.open(args.day, "rt", encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh]
    if args.docs:
        recs = recs[: args.docs]
    texts = [r.get("content") or "" for r in recs]
    docs = pa.table({"doc_id": [r["id"] for r in recs], "text": texts})
    words = sum(len(t.split()) for t in texts)
    chars = sum(len(t) for t in texts)
    cfg = load_config()
    no_clitics = load_config(overrides={"segment": {"clitics": "none"}})
    print(f"{args.day.name}: {len(texts)} documents, {words} words, {chars} characters")

    def line(name: str, seconds: float, extra: str = "") -> None:
        print(f"  {name:38} {seconds:6.2f} s  {words / seconds / 1e3:7.0f}k words/s/core {extra}")

    t_norm, normalised = cpu(lambda: normalise(docs, cfg))
    line("normalise", t_norm, f"({chars / t_norm / 1e6:.1f}M chars/s)")
    t_lex, _ = cpu(default_segmenter)
    print(f"  {'load clitic lexicon (once per process)':38} {t_lex:6.2f} s")
    t_cold, (sents, toks) = cpu(lambda: segment(docs, normalised, cfg))
    line("segment, builtin clitics, cold", t_cold, f"({toks.num_rows} tokens, {sents.num_rows} sentences)")
    t_warm, _ = cpu(lambda: segment(docs, normalised, cfg))
    line("segment, builtin clitics, warm", t_warm)
    t_none, _ = cpu(lambda: segment(docs, normalised, no_clitics))
    line("segment, no clitics", t_none)

    from camel_tools.tokenizers.word import simple_word_tokenize

    t_camel, n_camel = cpu(lambda: sum(len(simple_word_tokenize(t)) for t in texts))
    line("camel-tools simple_word_tokenize", t_camel, f"({n_camel} tokens)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

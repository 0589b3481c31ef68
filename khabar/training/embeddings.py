"""Build the neural NER's word vectors (``resources/ner/embeddings.npy`` + ``embeddings.vocab.txt``) from SaudiNewsNet.

word2vec (skip-gram) over the lines of each article, words spelt as the
featurizer spells them (:func:`khabar.ner.clusters.tokenize`, i.e.
``features.norm``), so that the tagger looks up exactly the words it saw
here. Only the ``vocab`` most frequent words are kept and stored as float16,
which keeps the shipped table near 20 MB. Needs the ``train`` extra (gensim);
the runtime reads the table with numpy only (:mod:`khabar.ner.neural`).
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

from khabar.ner.clusters import TOKEN_RE, tokenize

VOCAB_FILE = "embeddings.vocab.txt"
VECTORS_FILE = "embeddings.npy"


def read_lines(paths: list[Path]) -> list[list[str]]:
    """Normalised tokens of every non-empty line of the ``content`` of SaudiNewsNet JSONL files, files in name order."""
    lines = []
    for p in sorted(paths):
        with gzip.open(p, "rt", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("content") or ""
                lines += [toks for toks in map(tokenize, text.split("\n")) if toks]
    return lines


def build(paths: list[Path], out_dir: Path, vocab: int = 100_000, dims: int = 100, window: int = 5, min_count: int = 3,
          epochs: int = 5, workers: int = 2, seed: int = 1, log=print) -> dict:
    """Train word2vec on the files and write the vocabulary and vectors into ``out_dir``; timings and sizes.

    Seeded, but with ``workers`` > 1 word2vec's threads race, so vectors vary
    slightly between rebuilds (as the cluster table's note says for k-means).
    """
    import numpy as np
    from gensim.models import Word2Vec

    started = time.perf_counter()
    lines = read_lines(paths)
    t_read = time.perf_counter() - started
    log(f"read {len(lines)} lines, {sum(map(len, lines))} words in {t_read:.0f} s")
    model = Word2Vec(lines, vector_size=dims, window=window, min_count=min_count, workers=workers, epochs=epochs,
                     seed=seed, sg=1, negative=5)
    t_w2v = time.perf_counter() - started - t_read
    log(f"word2vec: {len(model.wv)} words, {t_w2v:.0f} s")
    words = [w for w in model.wv.index_to_key if TOKEN_RE.fullmatch(w) and "\n" not in w][:vocab]
    vectors = np.stack([model.wv[w] for w in words])
    # one scale for the whole table: the tagger's first layer sees vectors of unit average length
    vectors /= np.linalg.norm(vectors, axis=1).mean()
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / VOCAB_FILE).write_text("".join(w + "\n" for w in words), encoding="utf-8")
    np.save(out_dir / VECTORS_FILE, vectors.astype(np.float16))
    return {"lines": len(lines), "words": sum(map(len, lines)), "vocab": len(words), "dims": dims, "epochs": epochs,
            "window": window, "min_count": min_count, "seed": seed, "workers": workers, "read_s": round(t_read, 1),
            "word2vec_s": round(t_w2v, 1), "bytes": (out_dir / VECTORS_FILE).stat().st_size}

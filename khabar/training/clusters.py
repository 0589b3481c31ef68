"""Build the NER's word-cluster table (``resources/ner/clusters.tsv.gz``) from SaudiNewsNet.

word2vec over the lines of each article, then k-means of the normalised
vectors at several granularities. Needs the ``train`` extra (gensim,
scikit-learn); the runtime only reads the table (:mod:`khabar.ner.clusters`).
"""

from __future__ import annotations

import gzip
from pathlib import Path

from khabar.ner.clusters import TOKEN_RE, tokenize


def write_clusters(path: Path, words: list[str], ids: list[tuple[int, ...]], ks: tuple[int, ...]) -> None:
    """Write the table in a fixed order (by frequency rank), gzip without a timestamp so rebuilds are byte-identical."""
    lines = ["#word\t" + "\t".join(f"k{k}" for k in ks) + "\n"]
    lines += [w + "\t" + "\t".join(str(i) for i in row) + "\n" for w, row in zip(words, ids)]
    data = "".join(lines).encode("utf-8")
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(data)



def build(paths: list[Path], out: Path, ks: tuple[int, ...] = (64, 256, 1024), vocab: int = 80_000, dims: int = 100,
          window: int = 5, min_count: int = 5, epochs: int = 5, workers: int = 1, seed: int = 1, sg: int = 0, log=print) -> dict:
    """Train word2vec on the ``content`` of SaudiNewsNet JSONL files and k-means its vectors; write the table.

    Sentences are the lines of an article. Vectors are L2-normalised before
    k-means so clusters follow cosine similarity. ``workers=1`` makes word2vec
    bit-reproducible; with more threads the vectors (and so a few cluster ids)
    vary slightly from run to run.
    """
    import json
    import time

    import numpy as np
    from gensim.models import Word2Vec
    from sklearn.cluster import MiniBatchKMeans

    started = time.perf_counter()
    sentences = []
    n_words = 0
    for p in sorted(paths):
        with gzip.open(p, "rt", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("content") or ""
                for part in text.split("\n"):
                    toks = tokenize(part)
                    if toks:
                        sentences.append(toks)
                        n_words += len(toks)
    t_read = time.perf_counter() - started
    log(f"read {len(sentences)} lines, {n_words} words in {t_read:.0f} s")
    model = Word2Vec(sentences, vector_size=dims, window=window, min_count=min_count, workers=workers, epochs=epochs, seed=seed, sg=sg)
    t_w2v = time.perf_counter() - started - t_read
    log(f"word2vec: {len(model.wv)} words in vocabulary, {t_w2v:.0f} s")
    words = [w for w in model.wv.index_to_key if TOKEN_RE.fullmatch(w) and not w.isdigit()][:vocab]
    vectors = np.stack([model.wv[w] for w in words]).astype(np.float64)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    ids = []
    for k in ks:
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3, max_iter=100)
        ids.append(km.fit_predict(vectors))
    t_km = time.perf_counter() - started - t_read - t_w2v
    log(f"k-means {ks} on {len(words)} words: {t_km:.0f} s")
    write_clusters(out, words, list(zip(*(i.tolist() for i in ids))), ks)
    return {"lines": len(sentences), "words": n_words, "vocab": len(words), "read_s": round(t_read, 1),
            "word2vec_s": round(t_w2v, 1), "kmeans_s": round(t_km, 1), "bytes": out.stat().st_size}

"""Distributional word clusters for the NER model: build them from unlabeled news, load them, turn them into features.

Most names in new text never occur in the 113k training words of ANERcorp,
so the CRF can only recognise them by their context and affixes. Words that
occur in similar contexts in a large unlabeled corpus (club names, company
names, given names) end up in the same cluster; a cluster id is a feature the
model can learn from the few training names and apply to the unseen ones
(Turian et al. 2010, "Word representations").

The shipped table (``resources/ner/clusters.tsv.gz``) maps a normalised word
(``ner_features.norm``) to its k-means cluster at several granularities of
word2vec vectors. Building needs gensim and scikit-learn (``pip install
khabar[train]``); reading the table needs neither.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from khabar.extract.ner_features import norm, strip_article, strip_proclitics

CLUSTERS = Path(__file__).resolve().parents[1] / "resources" / "ner" / "clusters.tsv.gz"

# Runs of Arabic letters, of Latin letters, of digits, or one other symbol:
# the same words the segmenter hands to the tagger once clitics stay attached.
_TOKEN = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+|[A-Za-z]+|[0-9]+|[^\s\w]|_")


def tokenize(text: str) -> list[str]:
    """Normalised words of a text (as ``ner_features.norm`` spells them)."""
    return _TOKEN.findall(norm(text))


def core(w: str) -> str:
    """A normalised word without its proclitics and article, as the featurizer's ``c=`` feature."""
    return strip_article(strip_proclitics(w)[1])


def read_clusters(path: Path = CLUSTERS) -> dict[str, tuple[str, ...]]:
    """word -> cluster ids (coarse to fine) from a ``word<TAB>id<TAB>id...`` table."""
    return _read(path)[0]


def _read(path: Path) -> tuple[dict[str, tuple[str, ...]], tuple[int, ...]]:
    """The table and its cluster counts (from the ``#word<TAB>k64<TAB>...`` header)."""
    table: dict[str, tuple[str, ...]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        if header[0] != "#word":
            raise ValueError(f"{path}: not a cluster table (first line must be '#word<TAB>k64...')")
        ks = tuple(int(h[1:]) for h in header[1:])
        for line in fh:
            word, *ids = line.rstrip("\n").split("\t")
            table[word] = tuple(ids)
    return table, ks


def write_clusters(path: Path, words: list[str], ids: list[tuple[int, ...]], ks: tuple[int, ...]) -> None:
    """Write the table in a fixed order (by frequency rank), gzip without a timestamp so rebuilds are byte-identical."""
    lines = ["#word\t" + "\t".join(f"k{k}" for k in ks) + "\n"]
    lines += [w + "\t" + "\t".join(str(i) for i in row) + "\n" for w, row in zip(words, ids)]
    data = "".join(lines).encode("utf-8")
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(data)


class ClusterFeatures:
    """Cluster features of a normalised word: its own ids (or its core's when the word itself is rare), and context ids.

    Own: ``k<k>=<id>`` at every granularity for the word, ``ck<k>=<id>`` for its
    clitic-stripped core. Context (for ±1 neighbours): the coarser ids only,
    which keeps the feature count low. Memoised per word type.
    """

    def __init__(self, table: dict[str, tuple[str, ...]], ks: tuple[int, ...]):
        self.table = table
        self.ks = ks
        self._memo: dict[str, tuple[list[str], list[str]]] = {}

    def __call__(self, w: str) -> tuple[list[str], list[str]]:
        hit = self._memo.get(w)
        if hit is None:
            own, ctx = [], []
            ids = self.table.get(w)
            if ids:
                own += [f"k{k}={i}" for k, i in zip(self.ks, ids)]
                ctx += [f"k{k}={i}" for k, i in zip(self.ks[:-1], ids)]
            c = core(w)
            cids = self.table.get(c) if c != w else None
            if cids:
                own += [f"ck{k}={i}" for k, i in zip(self.ks, cids)]
                if not ids:
                    ctx += [f"k{k}={i}" for k, i in zip(self.ks[:-1], cids)]
            if len(self._memo) >= 500_000:
                self._memo.clear()
            hit = self._memo[w] = (own, ctx)
        return hit


def load_features(path: Path = CLUSTERS) -> ClusterFeatures:
    return ClusterFeatures(*_read(path))


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
    words = [w for w in model.wv.index_to_key if _TOKEN.fullmatch(w) and not w.isdigit()][:vocab]
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

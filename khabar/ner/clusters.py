"""Distributional word clusters for the NER model: load the table, turn it into features.

Most names in new text never occur in the 113k training words of ANERcorp,
so the CRF can only recognise them by their context and affixes. Words that
occur in similar contexts in a large unlabeled corpus (club names, company
names, given names) end up in the same cluster; a cluster id is a feature the
model can learn from the few training names and apply to the unseen ones
(Turian et al. 2010, "Word representations").

The shipped table (``resources/ner/clusters.tsv.gz``) maps a normalised word
(``features.norm``) to its k-means cluster at several granularities of
word2vec vectors, built by :mod:`khabar.training.clusters` (``pip install
khabar[train]``); reading the table needs neither gensim nor scikit-learn.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from khabar.arabic import CLUSTER_LETTERS, char_class
from khabar.ner.features import norm, strip_article, strip_proclitics

CLUSTERS = Path(__file__).resolve().parents[1] / "resources" / "ner" / "clusters.tsv.gz"
NAME_LISTS = CLUSTERS.with_name("name_lists.tsv")
# A cluster (at the middle granularity, k = 256) where at least this share of the words are places
# of the name lists gathers places: Saudi towns and governorates, Arab capitals, countries.
PLACE_CLUSTER_SHARE = 0.10
# A cluster holding this many verbs of saying, and given names for under this share of its words, gathers verbs.
VERB_CLUSTER_SEEDS = 3
NAME_SHARE_OF_VERBS = 0.02

# Runs of Arabic letters, of Latin letters, of digits, or one other symbol:
# the same words the segmenter hands to the tagger once clitics stay attached.
TOKEN_RE = re.compile(rf"[{char_class(CLUSTER_LETTERS)}]+|[A-Za-z]+|[0-9]+|[^\s\w]|_")


def tokenize(text: str) -> list[str]:
    """Normalised words of a text (as ``ner_features.norm`` spells them)."""
    return TOKEN_RE.findall(norm(text))


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
            if len(self._memo) >= 150_000:  # as the featurizer's memo (features.MAX_MEMO): bounded worker memory
                self._memo.clear()
            hit = self._memo[w] = (own, ctx)
        return hit


def load_features(path: Path = CLUSTERS) -> ClusterFeatures:
    return ClusterFeatures(*_read(path))


@lru_cache(maxsize=1)  # place_words and verb_words both read it: the table once per process
def _middle_clusters(path: Path) -> dict[str, str]:
    """word -> its cluster at the middle granularity (k = 256 in the shipped table)."""
    table, ks = _read(path)
    level = ks.index(256) if 256 in ks else len(ks) // 2
    return {w: ids[level] for w, ids in table.items()}


def _words_of(clusters: dict[str, str], chosen: set[str]) -> frozenset[str]:
    return frozenset(w for w, c in clusters.items() if c in chosen)


@lru_cache(maxsize=1)
def place_words(path: Path = CLUSTERS, lists: Path = NAME_LISTS) -> frozenset[str]:
    """Normalised words of the clusters where the places of the name lists gather (PLACE_CLUSTER_SHARE).

    Most are places the lists do not hold (طبرجل، قلوة، النماص، خليص), with the place words that
    share their contexts (مدينة، شمال، وادي): a rule reading them must set those apart itself."""
    clusters = _middle_clusters(path)
    places = {entry for label, _, entry in (line.partition("\t") for line in lists.read_text(encoding="utf-8").splitlines()) if label == "LOC"}
    size = Counter(clusters.values())
    hits = Counter(clusters[w] for w in places if w in clusters)
    return _words_of(clusters, {c for c, n in hits.items() if n >= PLACE_CLUSTER_SHARE * size[c]})


@lru_cache(maxsize=4)
def verb_words(verbs: frozenset[str], path: Path = CLUSTERS, lists: Path = NAME_LISTS) -> frozenset[str]:
    """Normalised words of the clusters that hold at least VERB_CLUSTER_SEEDS of ``verbs`` (normalised
    verbs of saying) and almost no given name of the name lists (< NAME_SHARE_OF_VERBS): the
    clusters of verbs (شارك، أشاد، ناشد، كتب، أدلى). Given names that are also verbs fall there too
    (يزيد، أشرف، باراك): the given names of the name lists are left out, and a rule should read the
    rest only where a verb is already likely."""
    clusters = _middle_clusters(path)
    persons = {entry for label, _, entry in (line.partition("\t") for line in lists.read_text(encoding="utf-8").splitlines()) if label == "PER"}
    size = Counter(clusters.values())
    seeds = Counter(clusters[w] for w in verbs if w in clusters)
    names = Counter(clusters[w] for w in persons if w in clusters)
    chosen = {c for c, n in seeds.items() if n >= VERB_CLUSTER_SEEDS and names[c] < NAME_SHARE_OF_VERBS * size[c]}
    return _words_of(clusters, chosen) - persons

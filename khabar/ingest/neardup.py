"""Near-duplicate story clusters: the same wire story republished with edits.

MinHash (``datasketch``'s affine32 scheme) over word 3-gram shingles of a lightly folded text
(diacritics, tatweel, alef/yeh/teh-marbuta variants), LSH to find candidate
pairs, then the MinHash Jaccard estimate checked against the threshold.

Clustering is "join the earliest match": a document whose estimated Jaccard
with an already indexed document reaches the threshold joins that
document's cluster (the earliest such document, in index order); otherwise it
starts its own cluster, named by its own doc_id. Clusters never merge later,
so a cluster_id once written stays true.

Incremental use across runs: store ``index.signatures()`` (doc_id -> 512
bytes, 128 little-endian uint32) with each document's cluster_id, e.g. in
``_state/minhash/``; the next run passes them back as ``known``
(``(doc_id, cluster_id, signature)`` triples, oldest first) and new
documents join the clusters of earlier runs. Signatures depend only on the
text and the fixed NUM_PERM/SEED/SHINGLE_WORDS/SCHEME, so they stay valid across
runs and machines.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

import numpy as np

from khabar.arabic import LETTER_FOLD, MINHASH_DELETED, char_class

if TYPE_CHECKING:
    from datasketch import MinHash

# datasketch is imported where it is used: importing it (scipy with it) takes
# ~0.5 s of CPU, which every process of a run paid (the main one and each
# worker). The run itself does not use it: :func:`signature` computes
# datasketch's affine32 MinHash with numpy and :func:`lsh_bands` its LSH
# banding; tests/test_neardup.py checks both against datasketch.

NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 3
# datasketch 2 made the hashing scheme explicit; signatures are only comparable
# within one scheme, so it is fixed here and stored signatures stay valid.
SCHEME = "affine32"

_FOLD_PAIRS = tuple(LETTER_FOLD.items())
_DIACRITICS = re.compile(f"[{char_class(MINHASH_DELETED)}]")  # and tatweel
_WORD = re.compile(r"\w+")
_K1, _K2 = np.uint64(0x9E3779B1), np.uint64(0x85EBCA77)  # odd multipliers: word order matters
_SIG_DTYPE = "<u4"  # affine32 values; 512 bytes per signature
SIGNATURE_BYTES = NUM_PERM * 4


# LSH weights of NearDuplicateIndex (false positive, false negative): see its __init__.
_LSH_WEIGHTS = (0.05, 0.95)

_WORD_HASHES: dict[str, int] = {}  # news vocabulary repeats: hash each word once per process


def _fold(text: str) -> str:
    # str.replace per variant: five times faster than str.translate with a dict.
    for variant, base in _FOLD_PAIRS:
        text = text.replace(variant, base)
    return _DIACRITICS.sub("", text).lower()


def _words(text: str) -> list[str]:
    return _WORD.findall(_fold(text))


def shingles(text: str) -> set[str]:
    """Word 3-grams of the folded text (the whole text when shorter), for reading."""
    words = _words(text)
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the word 3-grams (one, padded, when shorter).

    Each word is hashed once (CRC-32: stable across processes, unlike
    ``hash()``) and three word hashes are mixed into a shingle hash with
    vectorised arithmetic; datasketch scrambles the values (fmix) before its
    permutations. SHA-1 over each shingle's bytes cost three times as much.
    """
    words = _words(text)
    if not words:
        return np.empty(0, dtype=np.uint64)
    if len(_WORD_HASHES) > 2_000_000:
        _WORD_HASHES.clear()
    for word in set(words).difference(_WORD_HASHES):
        _WORD_HASHES[word] = zlib.crc32(word.encode("utf-8"))
    ids = np.fromiter(map(_WORD_HASHES.__getitem__, words), dtype=np.uint64, count=len(words))
    if ids.size < SHINGLE_WORDS:
        ids = np.concatenate([ids, np.zeros(SHINGLE_WORDS - ids.size, dtype=np.uint64)])
    mixed = (ids[:-2] * _K1 + ids[1:-1]) * _K2 + ids[2:]  # wraps mod 2**64
    return np.unique(mixed & np.uint64(0xFFFFFFFF))


@lru_cache(maxsize=1)
def _template() -> MinHash:
    from datasketch import MinHash

    # hashfunc=int: the inputs are already the 32-bit shingle hashes.
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=int)


def _minhash(text: str) -> MinHash | None:
    hashes = shingle_hashes(text)
    if hashes.size == 0:
        return None
    minhash = _template().copy()  # building the permutations anew costs more than hashing an article
    minhash.update_batch(hashes.tolist())
    return minhash


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """(a, b) of datasketch's affine32 permutations for NUM_PERM and SEED, drawn as it draws them."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (datasketch's pre-mix of every input hash), wrapping in uint32."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


_CHUNK = 4096  # shingles permuted at once: 2 MB of uint32 however long the article


def signature(text: str) -> bytes:
    """The serialisable MinHash signature of ``text`` (empty bytes if it has no words): the
    hash values datasketch's ``MinHash(NUM_PERM, SEED, scheme="affine32", hashfunc=int)``
    gets from ``update_batch`` of the shingle hashes, computed with numpy in one pass
    (datasketch calls ``hashfunc`` once per shingle in Python)."""
    hashes = shingle_hashes(text)
    if hashes.size == 0:
        return b""
    a, b = _permutations()
    mixed = _fmix32(hashes.astype(np.uint32))
    values = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, mixed.size, _CHUNK):
        chunk = mixed[start : start + _CHUNK, None]
        np.minimum(values, (chunk * a + b).min(axis=0), out=values)
    return values.astype(_SIG_DTYPE).tobytes()


def _from_signature(sig: bytes) -> MinHash | None:
    if not sig:
        return None
    values = np.frombuffer(sig, dtype=_SIG_DTYPE)
    if values.size != NUM_PERM:
        raise ValueError(f"a signature holds {NUM_PERM} values, got {values.size}")
    from datasketch import MinHash

    template = _template()
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, hashvalues=values.astype(template.hashvalues.dtype),
                   permutations=template.permutations, scheme=SCHEME)


class NearDuplicateIndex:
    """Documents indexed so far, with their clusters; add more incrementally."""

    def __init__(self, threshold: float = 0.8) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        # LSH only proposes candidates; each is checked against the threshold
        # with the full signature, so false positives cost a comparison while
        # false negatives lose a duplicate. datasketch's default weights band
        # 9x13, which finds a pair at Jaccard 0.8 only 40% of the time; the
        # weights below give 16x8: 95% at 0.8, 99% at 0.85. datasketch cannot
        # band for thresholds near 0 or 1, hence the clamp.
        self._lsh = MinHashLSH(threshold=min(max(threshold, 0.05), 0.95), num_perm=NUM_PERM, weights=_LSH_WEIGHTS)
        self._values: dict[str, np.ndarray] = {}
        self._order: dict[str, int] = {}
        self.clusters: dict[str, str] = {}

    def add(self, doc_id: str, text: str | None = None, *, signature: bytes | None = None, cluster_id: str | None = None) -> str:
        """Index a document (by text or signature) and return its cluster_id.

        ``cluster_id`` given: the document is known (an earlier run) and keeps it.
        """
        if doc_id in self.clusters:
            return self.clusters[doc_id]
        minhash = _from_signature(signature) if signature is not None else _minhash(text or "")
        if cluster_id is None:
            cluster_id = self._match(minhash) or doc_id
        self.clusters[doc_id] = cluster_id
        self._order[doc_id] = len(self._order)
        if minhash is not None:
            self._values[doc_id] = minhash.hashvalues
            self._lsh.insert(doc_id, minhash, check_duplication=False)
        return cluster_id

    def _match(self, minhash: MinHash | None) -> str | None:
        if minhash is None:
            return None
        matches = [
            other
            for other in self._lsh.query(minhash)
            if np.count_nonzero(self._values[other] == minhash.hashvalues) / NUM_PERM >= self.threshold
        ]
        return self.clusters[min(matches, key=self._order.__getitem__)] if matches else None

    @property
    def bands(self) -> tuple[int, int]:
        """(bands, rows per band) of the LSH: two documents are candidates when one band is equal."""
        return self._lsh.b, self._lsh.r

    def signatures(self) -> dict[str, bytes]:
        """doc_id -> signature of every indexed document that has words."""
        return {doc_id: values.astype(_SIG_DTYPE).tobytes() for doc_id, values in self._values.items()}


_BAND_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5,
                      0x94D049BB133111EB, 0xBF58476D1CE4E5B9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD] * (NUM_PERM // 8), dtype=np.uint64)


def band_keys(signatures: list[bytes], bands: tuple[int, int]) -> np.ndarray:
    """A 64-bit key per LSH band of each signature (rows: signatures, columns: bands).

    Equal bands give equal keys, so every LSH candidate pair shares a key; a
    shared key without an equal band (a collision) only adds a candidate,
    which the Jaccard check then rejects. Used to pick, from a large store,
    the few earlier documents that can be candidates of the new ones.
    """
    return band_keys_of(b"".join(signatures), bands)


def band_keys_of(values: bytes | np.ndarray, bands: tuple[int, int]) -> np.ndarray:
    """:func:`band_keys` of signatures laid end to end (bytes or a uint8 array of SIGNATURE_BYTES each)."""
    b, r = bands
    values = np.frombuffer(values, dtype=_SIG_DTYPE) if isinstance(values, bytes) else values.view(_SIG_DTYPE)
    count = values.size // NUM_PERM
    if not count:
        return np.empty((0, b), dtype=np.uint64)
    widened = values.reshape(count, NUM_PERM)[:, : b * r].astype(np.uint64)
    keys = (widened.reshape(count, b, r) * _BAND_MIX[:r]).sum(axis=2)  # wraps mod 2**64
    return keys ^ (np.arange(b, dtype=np.uint64) * _K2)


def near_duplicate_clusters(
    docs: list[tuple[str, str]],
    threshold: float = 0.8,
    known: Iterable[tuple[str, str, bytes]] = (),
) -> dict[str, str]:
    """doc_id -> cluster_id for ``docs`` ((doc_id, text) in input order).

    ``known``: (doc_id, cluster_id, signature) of documents of earlier runs,
    oldest first; a new document similar to one of them joins its cluster.
    A cluster_id is the doc_id of the cluster's first member.
    """
    index = NearDuplicateIndex(threshold)
    for doc_id, cluster_id, sig in known:
        index.add(doc_id, signature=sig, cluster_id=cluster_id)
    return {doc_id: index.add(doc_id, text) for doc_id, text in docs}


def cluster_signatures(rows: Iterable[tuple[str, str | None, bytes]], threshold: float = 0.8) -> dict[str, str]:
    """doc_id -> cluster_id of every row ``(doc_id, cluster_id or None, signature)``,
    exactly as :class:`NearDuplicateIndex` gives them when the rows are added
    in order (a row's cluster_id given: a known document that keeps it; the
    first row of a doc_id wins).

    The index keeps per document a datasketch MinHash and 16 LSH buckets
    (~7 KB: 225 MB on the 30k documents of 18 SaudiNewsNet days, the largest
    part of an ingest commit); here the signatures are one array (512 bytes
    a document) and the LSH bands are grouped with ``np.unique``: exact band
    equality, as datasketch compares bands, so the candidates are the same.
    """
    ids, given, sigs = [], [], []
    first: dict[str, int] = {}
    for doc_id, cluster_id, sig in rows:
        if doc_id not in first:
            first[doc_id] = len(ids)
            ids.append(doc_id)
            given.append(cluster_id)
            sigs.append(sig or b"")
    clusters = [None] * len(ids)
    lsh = _Bands(sigs, lsh_bands(threshold))
    for j, doc_id in enumerate(ids):
        clusters[j] = given[j] or lsh.earliest_match(j, threshold, clusters) or doc_id
    return dict(zip(ids, clusters))


@lru_cache(maxsize=8)
def lsh_bands(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) of :class:`NearDuplicateIndex`'s LSH at ``threshold``.

    datasketch chooses them by minimising the weighted false positive and
    negative probabilities, each an integral it takes with scipy's ``quad``
    for every (b, r) with b * r <= NUM_PERM. The integrands are polynomials
    of degree b * r <= 128, which Gauss-Legendre quadrature on 80 nodes
    integrates exactly up to rounding; the same minimum comes out without
    importing datasketch and scipy. Where two choices come within 1e-7 of
    each other (quad's tolerance is 1.5e-8: it could then decide otherwise),
    datasketch decides (8% of thresholds; not 0.8, whose gap is 8e-5).
    """
    t = min(max(threshold, 0.05), 0.95)  # NearDuplicateIndex's clamp
    nodes, weights = np.polynomial.legendre.leggauss(80)
    pairs = [(b, r) for b in range(1, NUM_PERM + 1) for r in range(1, NUM_PERM // b + 1)]
    b, r = (np.array(column, dtype=float)[:, None] for column in zip(*pairs))

    def integral(low: float, high: float, candidate: bool) -> np.ndarray:
        s = (high - low) / 2 * nodes + (high + low) / 2
        found = 1 - (1 - s**r) ** b  # the probability that a pair of similarity s becomes a candidate
        return (high - low) / 2 * ((found if candidate else 1 - found) @ weights)

    error = integral(0.0, t, True) * _LSH_WEIGHTS[0] + integral(t, 1.0, False) * _LSH_WEIGHTS[1]
    best, second = np.argsort(error, kind="stable")[:2]
    if error[second] - error[best] < 1e-7:
        return NearDuplicateIndex(threshold).bands
    return pairs[best]


class _Bands:
    """Signatures as one array, and per LSH band the rows whose band is equal (groups of 2 or more)."""

    def __init__(self, sigs: list[bytes], bands: tuple[int, int]) -> None:
        b, r = bands
        self.position = np.full(len(sigs), -1)  # row -> its line in values (-1: no signature, never a candidate)
        with_values = [j for j, s in enumerate(sigs) if s]
        self.position[with_values] = np.arange(len(with_values))
        self.rows = np.array(with_values, dtype=np.int64)
        self.values = np.frombuffer(b"".join(sigs[j] for j in with_values), dtype=_SIG_DTYPE).reshape(len(with_values), NUM_PERM)
        self.groups = []  # per band: (group of each line, lines of each shared group)
        self.shared = np.zeros(len(with_values), dtype=bool)  # lines with a band in common with another line
        for k in range(b if with_values else 0):
            band = np.ascontiguousarray(self.values[:, k * r : (k + 1) * r]).view(np.dtype((np.void, 4 * r))).ravel()
            _, group, counts = np.unique(band, return_inverse=True, return_counts=True)
            group = group.ravel()
            self.shared |= counts[group] > 1
            lines = np.argsort(group, kind="stable")
            starts = np.concatenate(([0], np.cumsum(counts)))
            self.groups.append((group, {g: lines[starts[g] : starts[g + 1]] for g in np.flatnonzero(counts > 1)}))

    def earliest_match(self, row: int, threshold: float, clusters: list) -> str | None:
        """The cluster of the earliest earlier row sharing a band with ``row`` whose estimated Jaccard reaches ``threshold``."""
        line = self.position[row]
        if line < 0 or not self.shared[line]:
            return None
        earlier = [members[members < line] for group, shared in self.groups if (members := shared.get(group[line])) is not None]
        if not earlier:
            return None
        candidates = np.unique(np.concatenate(earlier))
        if candidates.size == 0:
            return None
        same = np.count_nonzero(self.values[candidates] == self.values[line], axis=1) / NUM_PERM >= threshold
        return clusters[self.rows[candidates[same][0]]] if same.any() else None

"""Stage 2's document votes over a whole batch in numpy: what ``features.stage2_features`` computes, as integer codes.

Per token, stage 2's own strings (``t=``, ``t-=``, ``t+=``, the document's
vote on the word and on its neighbours, the sports topic) are a function of
seven small integers: the stage-1 label of the token and its neighbours, the
vote of each (``features._vote``: none, ``d=O``, or the best label with
``+``/``-``), and whether the document is a sports report and the label a
topic label. ``document_votes`` computes those for every token of a batch
with array operations and packs them into one code; ``Stage2Codes.strings``
turns a code back into the exact strings of ``stage2_features``, so that a
code's weights are looked up once. tests/test_ner_viterbi.py checks both
against features.py on random documents: a change to stage 2's features
there must be made here too.
"""

from __future__ import annotations

import numpy as np

from khabar.ner.features import SPORT_MIN_WORDS, TOPIC_LABELS, label_of


class Stage2Codes:
    """Packing of a token's stage-2 inputs for the labels of a stage-1 model (crfsuite's label ids)."""

    def __init__(self, labels: list[str]):
        self.labels = labels
        # vote classes: 0 = O, then the entity labels in sorted order (``_vote`` breaks ties that way)
        self.classes = ["O"] + sorted({label_of(t) for t in labels} - {"O"})
        self.class_of = np.array([self.classes.index(label_of(t)) for t in labels], dtype=np.int64)
        self.topic = np.array([t[2:] in TOPIC_LABELS for t in labels])
        self.radix = (len(labels), len(labels) + 1, len(labels) + 1, self.votes, self.votes, self.votes, 2)

    @property
    def votes(self) -> int:
        """0: no vote, 1: ``d=O``, then 2 + 2 * class + (0: ``+``, 1: ``-``) per entity class."""
        return 2 + 2 * (len(self.classes) - 1)

    def pack(self, parts: tuple[np.ndarray, ...]) -> np.ndarray:
        code = np.zeros_like(parts[0])
        for size, part in zip(self.radix, parts):
            code = code * size + part
        return code

    def unpack(self, code: int) -> list[int]:
        parts = []
        for size in reversed(self.radix):
            code, part = divmod(code, size)
            parts.append(part)
        return parts[::-1]

    def _vote_strings(self, v: int) -> list[str]:
        if v == 0:
            return []
        if v == 1:
            return ["d=O"]
        best = self.classes[1 + (v - 2) // 2]
        return ["d=" + best, "d=" + best + ("+" if (v - 2) % 2 == 0 else "-")]

    def strings(self, code: int) -> list[str]:
        """The strings ``stage2_features`` gives a token with these inputs (``probs`` None), in its order."""
        t, tp, tn, v, vp, vn, sport = self.unpack(code)
        names, edge = self.labels, len(self.labels)
        tag = names[t]
        out = ["t=" + tag, "t-=" + (names[tp] if tp < edge else "BOS"), "t+=" + (names[tn] if tn < edge else "EOS")]
        out += self._vote_strings(v)
        if vp:
            out.append("-1:" + self._vote_strings(vp)[0])
        if vn:
            out.append("1:" + self._vote_strings(vn)[0])
        if sport:
            out += ["sp", "sp|t=" + tag]
        return out


def document_votes(codes: Stage2Codes, labels: np.ndarray, keys: np.ndarray, sport_key: np.ndarray, docs: np.ndarray,
                   lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(does each sentence need stage 2, each token's code) for a batch of sentences, tokens flat.

    ``labels``: stage-1 label ids; ``keys``: ``Featurizer.key`` ids (-1 for no key);
    ``sport_key``: per key id, is it one of SPORT_WORDS; ``docs``: each token's document."""
    n = len(labels)
    cls = codes.class_of[labels]
    keyed = np.flatnonzero(keys >= 0)
    width = int(keys.max()) + 1 if n else 1
    groups, inverse = np.unique(docs[keyed] * width + keys[keyed], return_inverse=True)
    nc = len(codes.classes)
    counts = np.bincount(inverse * nc + cls[keyed], minlength=len(groups) * nc).reshape(len(groups), nc)
    vote = np.zeros(n, dtype=np.int64)
    vote[keyed] = _votes(counts[inverse], cls[keyed])
    voted = np.zeros(n, dtype=bool)
    voted[keyed] = counts[inverse, 1:].sum(axis=1) > 0
    starts = np.cumsum(lengths) - lengths
    needs = np.add.reduceat((cls != 0) | voted, starts) > 0 if n else np.zeros(0, dtype=bool)
    sport_docs = np.bincount((groups // width)[sport_key[groups % width]], minlength=int(docs.max()) + 1 if n else 0) >= SPORT_MIN_WORDS
    return needs, codes.pack(_neighbours(labels, vote, lengths, starts, len(codes.labels)) + (sport_docs[docs] & codes.topic[labels],))


def _votes(counts: np.ndarray, own: np.ndarray) -> np.ndarray:
    """``features._vote`` per token from its word's label counts in the document, leaving its own label out."""
    others = counts.copy()
    others[np.arange(len(own)), own] -= 1
    total = others.sum(axis=1)
    ent = others[:, 1:]
    best = ent.argmax(axis=1) if ent.shape[1] else np.zeros(len(own), dtype=np.int64)
    top = ent[np.arange(len(own)), best] if ent.shape[1] else np.zeros(len(own), dtype=np.int64)
    return np.where(total == 0, 0, np.where(top == 0, 1, 2 + 2 * best + (top * 2 < total)))


def _neighbours(labels: np.ndarray, vote: np.ndarray, lengths: np.ndarray, starts: np.ndarray, edge: int) -> tuple:
    """(label, previous label or BOS, next label or EOS, vote, previous vote, next vote) per token."""
    n = len(labels)
    pos = np.arange(n) - np.repeat(starts, lengths)
    last = pos == np.repeat(lengths, lengths) - 1
    prev_i, next_i = np.clip(np.arange(n) - 1, 0, None), np.clip(np.arange(n) + 1, None, max(n - 1, 0))
    first = pos == 0
    return (labels, np.where(first, edge, labels[prev_i]), np.where(last, edge, labels[next_i]), vote,
            np.where(first, 0, vote[prev_i]), np.where(last, 0, vote[next_i]))

"""CRF inference in numpy with a crfsuite model's own weights: the same tags, no per-token feature strings.

A linear-chain CRF scores label ``y`` at token ``i`` with the sum of the
weights ``(attribute, y)`` of the token's attributes. Stage 1's attributes
(``Featurizer.sentence``) are, apart from the bigrams, BOS/EOS and the quote
mark, functions of one word at a fixed offset: the word's own list and its
neighbours' context lists. So each surface word type gets, once, one score
vector per offset (own, -2, -1, +1, +2), and a token's emission vector is a
handful of row lookups and additions; stage 2 does the same for the compact
features and looks its few per-token strings (votes, stage-1 tags) up in a
dict. Viterbi and forward-backward then run over all sentences of a batch at
once, one numpy step per position.

The weights are read from the model file (``read_crfsuite``), not from
``Tagger.info()``, which prints them with six decimals. Viterbi repeats
crfsuite's arithmetic and tie-breaking (``crf1dc_viterbi``: the first best
previous label, the first best last label), so a tag can differ from
crfsuite's only if two paths score within the rounding of a different order
of additions (~1e-15); the marginals agree to ~1e-12.
"""

from __future__ import annotations

import struct
import threading
from itertools import chain, islice, repeat
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from khabar.ner.features import _OPEN, QUOTED_WIDTH, SPORT_WORDS, Featurizer, key_of, norm
from khabar.ner.type_ids import TypeIds
from khabar.ner.votes import Stage2Codes, document_votes

_HEADER = struct.Struct("<4sI4sIIIIIIIII")  # crf1d_model.c: header_t
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])  # 20 bytes, packed


@dataclass
class CrfWeights:
    labels: list[str]  # crfsuite's label ids, in order
    attrs: dict[str, int]  # attribute -> row of ``state``
    state: np.ndarray  # (attributes + 1, labels); the last row is zeros: the row of "no attribute"
    trans: np.ndarray  # (labels, labels): from -> to

    @property
    def pad(self) -> int:
        return self.state.shape[0] - 1


def _cqdb_strings(buf: bytes, off: int) -> list[str]:
    """The strings of a CQDB chunk in id order (cqdb.c: the backward array holds each record's offset)."""
    chunk, _, _, _, n, bwd_offset = struct.unpack_from("<4sIIIII", buf, off)
    if chunk != b"CQDB":
        raise ValueError("not a crfsuite string database")
    out = []
    for rec in struct.unpack_from(f"<{n}I", buf, off + bwd_offset):
        _, size = struct.unpack_from("<II", buf, off + rec)
        out.append(buf[off + rec + 8 : off + rec + 7 + size].decode("utf-8"))  # size counts the trailing NUL
    return out


def read_crfsuite(path: Path | str) -> CrfWeights:
    """Labels, attributes, state and transition weights of a crfsuite (crf1d) model file, exactly."""
    buf = Path(path).read_bytes()
    magic, _, kind, _, _, n_labels, n_attrs, off_feat, off_labels, off_attrs, _, _ = _HEADER.unpack_from(buf, 0)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError(f"{path}: not a crfsuite CRF model")
    chunk, _, n = struct.unpack_from("<4sII", buf, off_feat)
    if chunk != b"FEAT":
        raise ValueError(f"{path}: no feature chunk")
    feats = np.frombuffer(buf, _FEATURE, n, off_feat + 12)
    state = np.zeros((n_attrs + 1, n_labels))
    trans = np.zeros((n_labels, n_labels))
    s, t = feats[feats["type"] == 0], feats[feats["type"] == 1]
    state[s["src"], s["dst"]] = s["weight"]
    trans[t["src"], t["dst"]] = t["weight"]
    labels = _cqdb_strings(buf, off_labels)
    return CrfWeights(labels, {a: i for i, a in enumerate(_cqdb_strings(buf, off_attrs))}, state, trans)


def segment_sums(weights: CrfWeights, parts: list[list[str]]) -> np.ndarray:
    """(len(parts), labels): per list of attributes, the sum of their state rows, added in list order from
    zero as crfsuite does; attributes the model lacks add nothing (crfsuite ignores them)."""
    if not parts:
        return np.zeros((0, weights.state.shape[1]))
    # one C-level pass of dict lookups; None (-> the zero row) opens each list, so that none is empty
    flat = np.fromiter(map(weights.attrs.get, chain.from_iterable(chain((None,), p) for p in parts), repeat(weights.pad)), np.int64)
    first = np.zeros(len(flat), dtype=bool)
    first[np.cumsum([0] + [len(p) + 1 for p in parts[:-1]])] = True
    keep = first | (flat != weights.pad)
    return np.add.reduceat(weights.state[flat[keep]], np.flatnonzero(first[keep]), axis=0)


def _order(lengths: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """First flat token of each sentence, longest sentence first, and per position t how many are longer than t."""
    order = np.argsort(-lengths, kind="stable")
    starts = (np.cumsum(lengths) - lengths)[order]
    by_len = lengths[order]
    return starts, [int(np.searchsorted(-by_len, -t, side="left")) for t in range(int(by_len[0]) if len(by_len) else 0)]


def _by_position(lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """The flat token of each sentence (longest first) at each position, position after position: the
    rows of position t are ``rows[offsets[t] : offsets[t] + active[t]]``; the recursions then read a
    step's scores as one slice of ``emission[rows]`` (gathered once) instead of gathering them each step."""
    starts, active = _order(lengths)
    offsets = np.concatenate(([0], np.cumsum(active))).astype(np.int64)
    rank = np.arange(int(offsets[-1])) - np.repeat(offsets[:-1], active)  # the sentence's place among those still running
    rows = starts[rank] + np.repeat(np.arange(len(active)), active)
    return rows, offsets, active


def viterbi(emission: np.ndarray, lengths: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Best label id of every token of a batch of sentences (``emission``: tokens × labels, sentence after sentence).

    crfsuite's recursion, all sentences at once: score = prev[i] + trans[i, j],
    first maximum over i, plus the state score; the first best label at the end."""
    out = np.zeros(len(emission), dtype=np.int64)
    if not len(emission):
        return out
    rows, offsets, active = _by_position(lengths)
    em = emission[rows]
    cur = em[: active[0]]
    n_labels = emission.shape[1]
    into = np.ascontiguousarray(trans.T)[None]  # into[0, j, i] = trans[i, j]
    buffer = np.empty((active[0], n_labels, n_labels))  # each step's scores, written over (no allocation per step)
    cells = np.arange(active[0] * n_labels)
    backs, finals = [None], {}
    for t in range(1, len(active)):
        k = active[t]
        if k < active[t - 1]:
            finals[t - 1] = cur[k:].argmax(axis=1)
        score = np.add(cur[:k, None, :], into, out=buffer[:k])  # (sentence, to, from): the maximum runs along contiguous memory
        best = score.argmax(axis=2)
        backs.append(best)
        # the maximum is the score at its first argmax: read there rather than found again
        cur = score.reshape(-1, n_labels)[cells[: k * n_labels], best.ravel()].reshape(k, n_labels) + em[offsets[t] : offsets[t] + k]
    finals[len(active) - 1] = cur.argmax(axis=1)
    lab = finals[len(active) - 1]
    labels = np.empty(len(rows), dtype=np.int64)
    for t in range(len(active) - 1, -1, -1):
        labels[offsets[t] : offsets[t + 1]] = lab
        if t:
            lab = backs[t][np.arange(len(lab)), lab]
            if t - 1 in finals:
                lab = np.concatenate((lab, finals[t - 1]))
    out[rows] = labels
    return out


def marginals(emission: np.ndarray, lengths: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """P(label | sentence) of every token and label (forward-backward, each position rescaled to sum 1)."""
    out = np.zeros_like(emission)
    if not len(emission):
        return out
    rows, offsets, active = _by_position(lengths)
    e, et = np.exp(emission)[rows], np.exp(trans)
    alphas = [e[: active[0]] / e[: active[0]].sum(axis=1, keepdims=True)]
    for t in range(1, len(active)):
        a = (alphas[-1][: active[t]] @ et) * e[offsets[t] : offsets[t + 1]]
        alphas.append(a / a.sum(axis=1, keepdims=True))
    beta = np.ones((active[-1], emission.shape[1]))
    by_position = np.empty_like(e)
    for t in range(len(active) - 1, -1, -1):
        k = active[t]
        if len(beta) < k:  # sentences that end at t: beta is one
            beta = np.concatenate((beta, np.ones((k - len(beta), emission.shape[1]))))
        p = alphas[t] * beta
        by_position[offsets[t] : offsets[t + 1]] = p / p.sum(axis=1, keepdims=True)
        if t:
            b = (beta * e[offsets[t] : offsets[t + 1]]) @ et.T
            beta = b / b.sum(axis=1, keepdims=True)
    out[rows] = by_position
    return out


# Bits of a stage-1 row's flags: what its word can take part in, so that only those tokens build strings.
LEFT, RIGHT, OPENS = 1, 2, 4  # first / second word of a bigram the model has; an opening quote (features._quoted)

# Surface words whose score vectors are kept (a row is ~0.4 KB): the featurizer's own bound.
MAX_ROWS = 150_000


class _Rows:
    """Per-type score vectors: key -> row of a growing table (row 0: zeros, the padding of sentence edges)."""

    def __init__(self, parts: int, labels: int):
        self.shape = (parts, labels)
        self.clear()

    def clear(self) -> None:
        self.index: dict[str, int] = {}
        self.norms: list[str] = [""]
        self.table = np.zeros((1024, *self.shape))
        # per row of stage 1's table: the word's Featurizer.key id, its row in stage 2's compact table, FLAGS
        self.ints = np.full((1024, 3), -1, dtype=np.int64)
        self.size = 1

    def add(self, keys: list, norms: list[str], vectors: np.ndarray, ints: np.ndarray | None = None) -> None:
        end = self.size + len(keys)
        if end > len(self.table):
            grown = np.zeros((max(end, 2 * len(self.table)), *self.shape))
            grown[: self.size] = self.table[: self.size]
            self.table = grown
            self.ints = np.concatenate((self.ints, np.full((len(grown) - len(self.ints), 3), -1, dtype=np.int64)))
        self.table[self.size : end] = vectors.reshape(len(keys), *self.shape)
        if ints is not None:
            self.ints[self.size : end] = ints
        self.index.update(zip(keys, range(self.size, end)))
        self.norms += norms
        self.size = end


class FastTagger:
    """A CrfModel's two stages in numpy: the tags and marginals crfsuite gives, over many sentences at once."""

    def __init__(self, featurizer: Featurizer, path: str, path2: str | None):
        self.featurizer = featurizer
        self.w1 = read_crfsuite(path)
        self.w2 = read_crfsuite(path2) if path2 else None
        self.rows = _Rows(1 + len(featurizer.offsets), len(self.w1.labels))
        self.rows2 = _Rows(3, len(self.w2.labels)) if self.w2 else None
        self.extras = _Rows(1, len(self.w2.labels)) if self.w2 else None  # stage 2's per-token strings (a tuple) -> vector
        self.keys: dict[str, int] = {}  # Featurizer.key -> id (stage 2 pools a document's words by it)
        self.sport: list[bool] = []  # per key id: a word of football reports (features.SPORT_WORDS)
        self.codes = Stage2Codes(self.w1.labels) if self.w2 else None
        self._bigram_words = _bigram_words(self.w1)
        # exactly khabar's Featurizer: its lists are known here, as ids (a subclass may add its own strings)
        plain = type(featurizer) is Featurizer
        pads = (self.w1.pad, self.w2.pad if self.w2 else 0)
        self.type_ids = TypeIds(featurizer, self.w1.attrs, self.w2.attrs if self.w2 else None, pads) if plain else None
        self._lock = threading.Lock()  # the tables grow while tagging: one batch at a time

    def tag_documents(self, documents: list[list[list[str]]]) -> list[list[tuple[list[str], list[float]]]]:
        """(crfsuite tags, marginal of each non-O tag, 1.0 on O) per sentence of each document."""
        with self._lock:
            sentences = [s for doc in documents for s in doc if s]
            doc_of = [d for d, doc in enumerate(documents) for s in doc if s]
            rows = self._stage1_rows(sentences)
            emission = self._emission1(rows)
            labels = viterbi(emission, _lengths(rows), self.w1.trans)
            tags = self._labels(self.w1, labels, rows)
            if self.w2 is None:
                results = self._with_marginals(self.w1, emission, rows, tags, labels)
            else:
                results = self._stage2(doc_of, rows, labels, tags)
            it = iter(results)
            return [[next(it) if s else ([], []) for s in doc] for doc in documents]

    def _stage1_rows(self, sentences: list[list[str]]) -> list[list[int]]:
        table = self.rows
        if len(table.index) > MAX_ROWS:
            for memo in (table, self.rows2, self.keys, self.sport, self.featurizer._key):  # the key memo: bounded with the rest
                if memo is not None:
                    memo.clear()
        get = table.index.get
        rows = [list(map(get, s, repeat(0))) for s in sentences]  # 0: not seen yet (row 0 is the padding)
        new = list(dict.fromkeys(w for s, r in zip(sentences, rows) if 0 in r for w, i in zip(s, r) if not i))
        if new:
            # Featurizer._type's lists, unrestricted: their weights are looked up once, here, and the
            # featurizer's own memo of feature strings is not needed (nor kept) on this path.
            f = self.featurizer
            norms = [norm(w) for w in new]
            forms = list(map(f.type_form, new, norms)) if f.written else norms  # the memo's keys: a final ى as written (features.WRITTEN)
            vectors = self._type_vectors(forms)
            compact = self.rows2.index if self.rows2 is not None else {}
            # Featurizer.key without its memo (each word is new here), from the spellings at hand
            keys = map(key_of, map(f.key_spelling, new, norms, forms))
            ints = [(self._key_id(k), compact.get(t, 0), self._flags(w)) for k, w, t in zip(keys, norms, forms)]
            table.add(new, norms, vectors, np.array(ints, dtype=np.int64))
            index = table.index
            rows = [list(map(index.__getitem__, s)) if 0 in r else r for s, r in zip(sentences, rows)]
        return rows

    def _type_vectors(self, forms: list[str]) -> np.ndarray:
        """Stage 1's score vectors (own, then per offset) of each word's type form (``Featurizer.type_form``);
        stage 2's compact vectors of those new to its table are added to it on the way."""
        distinct = list(dict.fromkeys(forms))
        fresh = [w for w in distinct if w not in self.rows2.index] if self.rows2 is not None else []
        if self.type_ids is not None:  # the featurizer's lists straight as attribute ids (khabar.ner.type_ids)
            ids = self.type_ids
            words = dict(zip(distinct, map(ids.word, distinct)))  # what both stages read of a type, found once
            vectors = ids.vectors1(self.w1.state, distinct, list(words.values()))
            if fresh:
                self.rows2.add(fresh, fresh, ids.vectors2(self.w2.state, fresh, [words[w] for w in fresh]))
        else:  # a subclass of Featurizer (bench/ner_cluster_experiment.py): its own strings
            f = self.featurizer
            typed = {w: f._type(w) for w in distinct}
            vectors = segment_sums(self.w1, [part for w in distinct for part in (typed[w][0], *typed[w][1])])
            self._add_compact(fresh, [f._compact_entry(w, typed[w][0]) for w in fresh])
        at = {w: i for i, w in enumerate(distinct)}
        return vectors.reshape(len(distinct), -1)[[at[w] for w in forms]]

    def _flags(self, w: str) -> int:
        left, right = self._bigram_words
        return (w in left) * LEFT | (w in right) * RIGHT | (w in _OPEN) * OPENS

    def _key_id(self, key: str) -> int:
        if not key:
            return -1
        i = self.keys.get(key)
        if i is None:
            i = self.keys[key] = len(self.keys)
            self.sport.append(key in SPORT_WORDS)
        return i

    def _emission1(self, rows: list[list[int]]) -> np.ndarray:
        """Stage-1 scores: own, then each offset's context vector, then bigrams/BOS/EOS/quoted (crfsuite's order)."""
        flat, pos, n = _positions(rows)
        table, w = self.rows.table, self.w1
        e = table[flat, 0].copy()
        full = self.featurizer.feature_set == "full"
        for k, o in enumerate(self.featurizer.offsets, 1):
            e += table[np.where((pos + o >= 0) & (pos + o < n), flat[np.clip(np.arange(len(flat)) + o, 0, max(len(flat) - 1, 0))], 0), k]
            if not full and o in (-1, 1):  # base set: BOS/EOS stand in for the missing neighbour
                e += w.state[np.where(pos == 0 if o < 0 else pos == n - 1, self._attr(w, "BOS" if o < 0 else "EOS"), w.pad)]
        if full:
            flags = self.rows.ints[flat, 2]
            e += w.state[self._bigrams(flat, pos == 0, flags, "b-=", -1, "BOS")]
            e += w.state[self._bigrams(flat, pos == n - 1, flags, "b+=", 1, "EOS")]
            e += w.state[self._quoted(flat, pos, n, flags)]
        return e

    @staticmethod
    def _attr(weights: CrfWeights, name: str) -> int:
        return weights.attrs.get(name, weights.pad)

    def _bigrams(self, flat: np.ndarray, edge: np.ndarray, flags: np.ndarray, prefix: str, step: int, mark: str) -> np.ndarray:
        """Per token the attribute row of its bigram with the word ``step`` away (``b-=`` / ``b+=``), or of BOS / EOS."""
        w, norms = self.w1, self.rows.norms
        out = np.where(edge, self._attr(w, mark), w.pad)
        other = np.clip(np.arange(len(flat)) + step, 0, max(len(flat) - 1, 0))
        first, second = (other, np.arange(len(flat))) if step < 0 else (np.arange(len(flat)), other)
        maybe = np.flatnonzero(~edge & (flags[first] & LEFT > 0) & (flags[second] & RIGHT > 0)) if len(flat) else np.zeros(0, dtype=np.int64)
        get, pad = w.attrs.get, w.pad
        for i in maybe.tolist():
            out[i] = get(prefix + norms[flat[first[i]]] + "|" + norms[flat[second[i]]], pad)
        return out

    def _quoted(self, flat: np.ndarray, pos: np.ndarray, n: np.ndarray, flags: np.ndarray) -> np.ndarray:
        """Per token the row of ``quoted`` if features._quoted marks it: features._quoted's walk, from each
        opening mark only (``flat``, ``pos``, ``n``: :func:`_positions`), not over every word of its sentence."""
        w, norms = self.w1, self.rows.norms
        out = np.full(len(flags), w.pad)
        opens = np.flatnonzero(flags & OPENS)
        if not len(opens):
            return out
        quoted = self._attr(w, "quoted")
        ends = np.minimum(opens - pos[opens] + n[opens], opens + QUOTED_WIDTH + 2)  # the sentence's end, or the width's
        for i, end in zip(opens.tolist(), ends.tolist()):
            close = _OPEN[norms[flat[i]]]
            for j in range(i + 1, end):
                if norms[flat[j]] == close:
                    out[i + 1 : j] = quoted
                    break
        return out

    def _labels(self, weights: CrfWeights, labels: np.ndarray, rows: list) -> list[list[str]]:
        it = iter(list(map(weights.labels.__getitem__, labels.tolist())))
        return [list(islice(it, len(s))) for s in rows]

    def _with_marginals(self, weights: CrfWeights, emission: np.ndarray, rows: list, tags: list, labels: np.ndarray) -> list:
        """(tags, probs) of every sentence: the marginal of each non-O tag; O's are not reported (1.0).
        ``labels``: the label ids of ``tags``, flat. Forward-backward runs only over the sentences with a non-O tag."""
        lengths = _lengths(rows)
        other = labels != (weights.labels.index("O") if "O" in weights.labels else -1)
        probs = np.ones(len(labels))
        if other.any():
            todo = np.add.reduceat(other, np.cumsum(lengths) - lengths) > 0
            tokens = np.repeat(todo, lengths)
            p = marginals(emission[tokens], lengths[todo], weights.trans)
            # each token's marginal of its own tag, read for all tokens at once
            probs[tokens] = np.where(other[tokens], p[np.arange(len(p)), labels[tokens]], 1.0)
        it = iter(probs.tolist())
        return [(t, list(islice(it, len(t)))) for t in tags]

    def _stage2(self, doc_of: list[int], rows: list, labels: np.ndarray, tags: list) -> list:
        """crf.stage2_document over every document of the batch at once (votes: khabar.ner.votes)."""
        lengths = _lengths(rows)
        flat = _positions(rows)[0]
        keys = self.rows.ints[flat, 0]
        sport = np.array(self.sport + [False], dtype=bool)  # one more, so that an empty batch indexes something
        needs, codes = document_votes(self.codes, labels, keys, sport, np.repeat(np.array(doc_of, dtype=np.int64), lengths), lengths)
        which = np.flatnonzero(needs).tolist()
        results = [(t, [1.0] * len(t)) for t in tags]  # not retagged: all O (crf._needs_stage2)
        if which:
            codes = codes[np.repeat(needs, lengths)]
            srows = [rows[j] for j in which]
            emission = self._emission2(srows, codes)
            labels2 = viterbi(emission, _lengths(srows), self.w2.trans)
            tags2 = self._labels(self.w2, labels2, srows)
            for j, r in zip(which, self._with_marginals(self.w2, emission, srows, tags2, labels2)):
                results[j] = r
        return results

    def _add_compact(self, words: list[str], entries: list) -> None:
        if words:
            self.rows2.add(words, words, segment_sums(self.w2, [part for c in entries for part in c]))

    def _emission2(self, rows: list[list[int]], codes: np.ndarray) -> np.ndarray:
        """Stage-2 scores: compact own, -1 neighbour or BOS, +1 neighbour or EOS, then the stage-2 strings."""
        w = self.w2
        flat, pos, n = _positions(rows)
        flat = self.rows.ints[flat, 1]  # rows of the compact table
        table = self.rows2.table
        shifted = np.arange(len(flat))
        e = table[flat, 0].copy()
        e += table[np.where(pos > 0, flat[np.clip(shifted - 1, 0, None)], 0), 1]
        e += w.state[np.where(pos == 0, self._attr(w, "BOS"), w.pad)]
        e += table[np.where(pos + 1 < n, flat[np.clip(shifted + 1, None, len(flat) - 1)], 0), 2]
        e += w.state[np.where(pos == n - 1, self._attr(w, "EOS"), w.pad)]
        # Tokens share their stage-2 inputs (most: an O between O's, no vote): one vector per distinct code.
        memo = self.extras
        if len(memo.index) > MAX_ROWS:
            memo.clear()
        distinct, inverse = np.unique(codes, return_inverse=True)
        distinct = distinct.tolist()
        new = [c for c in distinct if c not in memo.index]
        if new:
            memo.add(new, [], segment_sums(w, [self.codes.strings(c) for c in new]))
        index = memo.index
        e += memo.table[np.array([index[c] for c in distinct], dtype=np.int64)[inverse], 0]
        return e


def _bigram_words(weights: CrfWeights) -> tuple[set[str], set[str]]:
    """Words that are first / second in some ``b-=`` or ``b+=`` attribute of the model (every split at a '|')."""
    left, right = set(), set()
    for attr in weights.attrs:
        if attr.startswith(("b-=", "b+=")):
            body = attr[3:]
            for i, c in enumerate(body):
                if c == "|":
                    left.add(body[:i])
                    right.add(body[i + 1 :])
    return left, right


def _lengths(rows: list[list[int]]) -> np.ndarray:
    return np.array([len(s) for s in rows], dtype=np.int64)


def _positions(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows of all tokens in one array, each token's position in its sentence, and its sentence's length."""
    lengths = _lengths(rows)
    flat = np.fromiter(chain.from_iterable(rows), np.int64, int(lengths.sum()))
    starts = np.cumsum(lengths) - lengths
    return flat, np.arange(len(flat)) - np.repeat(starts, lengths), np.repeat(lengths, lengths)

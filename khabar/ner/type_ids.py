"""A word type's feature lists as a model's attribute ids, without building the strings.

A worker that meets a word for the first time used to build its ~45 feature
strings (``Featurizer._type``), filter the compact ones for stage 2
(``Featurizer._compact_entry``) and look each string up in the models: about
100 µs a type, 10 of the 23 CPU seconds of a cold SaudiNewsNet day's extract
stage (~98k types). The models only have weights for some of those strings.
Here each template's attributes are split once, at load, into a dict from the
template's value (a suffix, a core, a cluster id...) to the attribute id, so a
type costs a few dozen slices and small-dict lookups, made a template at a time
over a batch's new types (:meth:`TypeIds.vectors1`). The ids come out in the
order of the featurizer's lists, so the score vectors, summed in that order,
are bit for bit those of ``viterbi.segment_sums`` on the strings. tests/test_ner_type_ids.py checks the lists against features.py on
written and random words: a change to the features there must be made here too.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import repeat

import numpy as np

from khabar.ner.features import Featurizer, folded_form, shape, strip_article, strip_proclitics


def templates(attrs: dict[str, int]) -> dict[str, dict[str, int]]:
    """Attribute ids by template (the attribute up to its first ``=``, the ``=`` kept) and value (the rest).

    A featurizer string is always a template name without ``=`` and ``=``, then its value, so the split is exact."""
    out: dict[str, dict[str, int]] = {}
    for attr, i in attrs.items():
        cut = attr.find("=") + 1
        out.setdefault(attr[:cut] if cut else attr, {})[attr[cut:] if cut else ""] = i
    return out


class TypeIds:
    """``Featurizer._type`` (stage 1: own list, then one per offset) and ``_compact_entry`` (stage 2) of a
    word's type form (``Featurizer.type_form``: normalised, a final ى kept when written is on), as the ids of the attributes each model has weights for, in the featurizer's order."""

    def __init__(self, featurizer: Featurizer, attrs1: dict[str, int], attrs2: dict[str, int] | None, pads: tuple[int, int] | None = None):
        """``pads``: the zero rows of the two models' state tables (``CrfWeights.pad``), which open each list;
        by default the row after the last attribute id."""
        self.full = featurizer.feature_set == "full"
        self.offsets = featurizer.offsets
        self.t1, self.t2 = templates(attrs1), templates(attrs2 or {})
        self.gaz: dict[str, tuple[str, ...]] = {}  # word -> its gazetteer labels (Featurizer._gaz)
        for label, words in featurizer.gazetteer.items():
            for w in words:
                self.gaz[w] = (*self.gaz.get(w, ()), label)
        clusters = featurizer.clusters if self.full else None
        self.table = clusters.table if clusters is not None else None
        self.ks = clusters.ks if clusters is not None else ()
        self._plain = [self.t1.get(t, {}) for t in ("w=", "s2=", "s3=", "p2=", "p3=")]
        self._core = [self.t1.get(t, {}) for t in ("c=", "pc=", "cs1=", "cs2=", "cp2=")]
        self._tail = [self.t1.get(t, {}) for t in ("p4=", "s4=")]
        self._ctx = {o: [self.t1.get(f"{o}:{t}", {}) for t in ("w=", "c=", "pc=", "s2=", "g=")] for o in self.offsets}
        self._k = [self.t1.get(f"k{k}=", {}) for k in self.ks]
        self._ck = [self.t1.get(f"ck{k}=", {}) for k in self.ks]
        self._kctx = {o: [self.t1.get(f"{o}:k{k}=", {}) for k in self.ks[:-1]] for o in (-1, 1)}
        self._compact = [self.t2.get(t, {}) for t in ("w=", "s2=", "s3=", "p2=", "c=", "pc=", "g=")]
        self._compact_ctx = [[self.t2.get(f"{o}:{t}", {}) for t in ("w=", "g=")] for o in (-1, 1)]
        self._k2 = [self.t2.get(f"k{k}=", {}) for k in self.ks]
        self._g, self._sh = self.t1.get("g=", {}), self.t1.get("sh=", {})
        # the written final ى (features.WRITTEN): own and ±1 in stage 1, own in stage 2 with "ya12"
        self._wy = self.t1.get("wy=", {}) if featurizer.written else {}
        self._wy_ctx = {o: self.t1.get(f"{o}:wy=", {}) if featurizer.written else {} for o in (-1, 1)}
        self._wy2 = self.t2.get("wy=", {}) if featurizer.written == "ya12" else {}
        self._one1 = {name: self.t1.get(name, {}).get("") for name in ("b", "short", "nisba")}  # None: not in the model
        self._one2 = {name: self.t2.get(name, {}).get("") for name in ("b", "nisba")}
        self.pad1, self.pad2 = pads or (max(attrs1.values(), default=-1) + 1, max((attrs2 or {}).values(), default=-1) + 1)

    def _labels(self, w: str, rest: str, core: str) -> list[str]:
        """``Featurizer._type``'s gazetteer classes: the word's labels, and ``~``-marked those of its stripped forms, sorted."""
        get = self.gaz.get
        if not (get(w) or (rest != w and get(rest)) or (core != w and get(core))):
            return []  # most words: no class
        found = set(get(w, ()))
        for stripped in {rest, core} - {w}:
            found.update(g + "~" for g in get(stripped, ()))
        return sorted(found)

    def word(self, form: str) -> tuple:
        """What stage 1 and stage 2 both read of a type form: (folded word, shape, proclitics mark ``pc``,
        clitic-stripped rest, core, gazetteer classes, cluster ids), found once for the two (a cold
        type's lists are most of its cost)."""
        w = folded_form(form)
        if not self.full:
            return w, shape(w), "", w, w, (), None
        pre, rest = strip_proclitics(w)
        core = strip_article(rest)
        labels = self._labels(w, rest, core) if self.gaz else ()
        return w, shape(w), pre + ("+ال" if core != rest else ""), rest, core, labels, self.table.get(w) if self.table is not None else None

    def stage1(self, form: str, word: tuple | None = None) -> list[int]:
        """For a type form: pad, its own ids, then per offset pad and the context ids (``Featurizer._type``);
        ``word``: :meth:`word` of ``form`` if already found."""
        return _as_list(self._columns1([form], [word or self.word(form)]), 1 + len(self.offsets), self.pad1)

    def stage2(self, form: str, word: tuple | None = None) -> list[int]:
        """``Featurizer._compact_entry``'s three lists (own, as the -1 neighbour, as the +1 neighbour) for a type form,
        each opened by pad; ``word``: :meth:`word` of ``form`` if already found."""
        return _as_list(self._columns2([form], [word or self.word(form)]), 3, self.pad2)

    def vectors1(self, state: np.ndarray, forms: list[str], words: list[tuple]) -> np.ndarray:
        """Stage 1's score vectors of ``forms`` (``words``: their :meth:`word`): (forms, 1 + offsets, labels),
        each the sum of its list's rows of ``state`` (the model's state weights, its last row zeros) in
        :meth:`stage1`'s order, so bit for bit ``viterbi.segment_sums`` of the featurizer's strings."""
        return _chunked(state, self._columns1, forms, words, 1 + len(self.offsets))

    def vectors2(self, state: np.ndarray, forms: list[str], words: list[tuple]) -> np.ndarray:
        """Stage 2's compact vectors (own, as the -1 neighbour, as the +1 neighbour) of ``forms``, as :meth:`vectors1`."""
        return _chunked(state, self._columns2, forms, words, 3)

    # The lists are built a template at a time over all the new types of a batch (a column: one id per
    # type, pad where the model has no weight for its value): per template a comprehension and a
    # dict lookup mapped at C speed, where a list per type cost a Python call and ~40 lookups.

    def _columns1(self, forms: list[str], words: list[tuple]) -> Iterator[tuple[int, list[int]]]:
        """(part, one attribute id per form) of each template of stage 1, in the featurizer's order."""
        pad, one = self.pad1, self._one1
        ws, shs, pcs, _, cores, labels, ids = zip(*words)
        yield 0, _flag(one["b"], (True for _ in ws), pad)
        plain = (ws, _suffix(ws, 2), _suffix(ws, 3), _prefix(ws, 2), _prefix(ws, 3))
        yield from ((0, _ids(d, vs, pad)) for d, vs in zip(self._plain, plain))
        yield 0, _flag(one["short"], (len(w) <= 2 for w in ws), pad)
        yield 0, [self._sh.get(sh, pad) if sh != "ar" else pad for sh in shs]
        if not self.full:
            for part, o in enumerate(self.offsets, 1):
                yield part, _ids(self._ctx[o][0], ws, pad)
            return
        core = (cores, pcs, _suffix(cores, 1), _suffix(cores, 2), _prefix(cores, 2))
        yield from ((0, _ids(d, vs, pad)) for d, vs in zip(self._core, core))
        yield from _listed(self._g, labels, pad)
        yield 0, _ids(self._tail[0], _prefix(cores, 4), pad)
        yield 0, _ids(self._tail[1], _suffix(ws, 4), pad)
        yield 0, _flag(one["nisba"], (sh == "ar" and c.endswith("ي") and len(c) > 4 for sh, c in zip(shs, cores)), pad)
        wys = [f if f != w else None for f, w in zip(forms, ws)]  # written with a final ى
        yield 0, [self._wy.get(wy, pad) if wy else pad for wy in wys]
        cids = [self.table.get(c) if c != w else None for w, c in zip(ws, cores)] if self.table is not None else [None] * len(ws)
        yield from _listed(self._k, ids, pad, by_level=True)
        yield from _listed(self._ck, cids, pad, by_level=True)
        near = [i or c for i, c in zip(ids, cids)]  # the ±1 neighbours' coarse ids: the word's, or its core's when it has none
        for part, o in enumerate(self.offsets, 1):
            cw, cc, cpc, cs2, cg = self._ctx[o]
            yield part, _ids(cw, ws, pad)
            yield part, _ids(cc, cores, pad)
            if abs(o) == 1:
                yield part, _ids(cpc, pcs, pad)
                yield part, _ids(cs2, _suffix(ws, 2), pad)
            yield from ((part, col) for _, col in _listed(cg, labels, pad))
            if abs(o) == 1:
                yield part, [self._wy_ctx[o].get(wy, pad) if wy else pad for wy in wys]
                yield from ((part, col) for _, col in _listed(self._kctx[o], near, pad, by_level=True))

    def _columns2(self, forms: list[str], words: list[tuple]) -> Iterator[tuple[int, list[int]]]:
        """(part, one attribute id per form) of each template of stage 2's compact lists, in the featurizer's order."""
        pad, c = self.pad2, self._compact
        ws, shs, pcs, _, cores, labels, ids = zip(*words)
        yield 0, _flag(self._one2["b"], (True for _ in ws), pad)
        plain = (ws, _suffix(ws, 2), _suffix(ws, 3), _prefix(ws, 2))
        yield from ((0, _ids(d, vs, pad)) for d, vs in zip(c[:4], plain))
        if self.full:
            yield 0, _ids(c[4], cores, pad)
            yield 0, _ids(c[5], pcs, pad)
            yield from _listed(c[6], labels, pad)
            yield 0, _flag(self._one2["nisba"], (sh == "ar" and k.endswith("ي") and len(k) > 4 for sh, k in zip(shs, cores)), pad)
            yield 0, [self._wy2.get(f, pad) if f != w else pad for f, w in zip(forms, ws)]
            yield from _listed(self._k2, ids, pad, by_level=True)
        for part, (cw, cg) in enumerate(self._compact_ctx, 1):
            yield part, _ids(cw, ws, pad)
            yield from ((part, col) for _, col in _listed(cg, labels, pad))


def _ids(attrs: dict, values, pad: int) -> list[int]:
    return list(map(attrs.get, values, repeat(pad)))


def _suffix(words, n: int) -> list[str]:
    return [w[-n:] for w in words]


def _prefix(words, n: int) -> list[str]:
    return [w[:n] for w in words]


def _flag(attr: int | None, which, pad: int) -> list[int]:
    """The attribute ``attr`` (None: not in the model) where ``which`` is true, else pad."""
    return [attr if on and attr is not None else pad for on in which]


def _listed(attrs, lists, pad: int, by_level: bool = False) -> Iterator[tuple[int, list[int]]]:
    """(0, column) per position of variable-length ``lists`` (None or empty: nothing), as the per-type lists
    append ``map(attrs.get, values)``: one dict for all positions, or with ``by_level`` one dict per position
    (a cluster level), the positions then as many as the shorter of the two."""
    longest = max((len(v) for v in lists if v), default=0)
    for k in range(min(longest, len(attrs)) if by_level else longest):
        get = attrs[k].get if by_level else attrs.get
        yield 0, [get(v[k], pad) if v and len(v) > k else pad for v in lists]


def _as_list(columns, parts: int, pad: int) -> list[int]:
    """A type's columns (each one id long) as one list: per part pad, then the ids the model has."""
    lists = [[pad] for _ in range(parts)]
    for part, (i,) in columns:
        if i != pad:
            lists[part].append(i)
    return [i for ids in lists for i in ids]


VECTOR_CHUNK = 4096  # types summed at once: their gathered rows (~7 MB) stay in cache


def _chunked(state: np.ndarray, columns, forms: list[str], words: list[tuple], parts: int) -> np.ndarray:
    """(forms, parts, labels): per form and part the sum of its ids' rows of ``state`` (``columns``: a
    :meth:`TypeIds._columns1`-like method), VECTOR_CHUNK forms at a time."""
    pad = state.shape[0] - 1
    out = np.zeros((len(forms), parts, state.shape[1]))
    for lo in range(0, len(forms), VECTOR_CHUNK):
        hi = min(lo + VECTOR_CHUNK, len(forms))
        by_part: list[list[list[int]]] = [[[pad] * (hi - lo)] for _ in range(parts)]  # each list opens with the zero row
        for part, ids in columns(forms[lo:hi], words[lo:hi]):
            by_part[part].append(ids)
        for part, cols in enumerate(by_part):
            out[lo:hi, part] = _sums(state, np.array(cols, dtype=np.int64).T, pad)
    return out


def _sums(state: np.ndarray, ids: np.ndarray, pad: int) -> np.ndarray:
    """Per row of ``ids`` (pad, then one id or pad per template), the sum of the rows of ``state`` of the
    first pad and the other ids, by ``np.add.reduceat`` over them in order: numpy sums a segment pairwise,
    so the order and number of the terms fix the bits, which are then those of the per-type lists
    :meth:`TypeIds.stage1` gives (and of ``viterbi.segment_sums`` on the featurizer's strings)."""
    keep = ids != pad
    keep[:, 0] = True
    counts = keep.sum(axis=1)
    return np.add.reduceat(state[ids[keep]], np.cumsum(counts) - counts, axis=0)

"""A word type's feature lists as a model's attribute ids, without building the strings.

A worker that meets a word for the first time used to build its ~45 feature
strings (``Featurizer._type``), filter the compact ones for stage 2
(``Featurizer._compact_entry``) and look each string up in the models: about
100 µs a type, 10 of the 23 CPU seconds of a cold SaudiNewsNet day's extract
stage (~98k types). The models only have weights for some of those strings.
Here each template's attributes are split once, at load, into a dict from the
template's value (a suffix, a core, a cluster id...) to the attribute id, so a
type costs a few dozen slices and small-dict lookups. The ids come out in the
order of the featurizer's lists, so the score vectors, summed in that order
(:func:`id_sums`), are bit for bit those of ``viterbi.segment_sums`` on the
strings. tests/test_ner_type_ids.py checks the lists against features.py on
written and random words: a change to the features there must be made here too.
"""

from __future__ import annotations

from itertools import chain

import numpy as np

from khabar.ner.features import Featurizer, shape, strip_article, strip_proclitics


def templates(attrs: dict[str, int]) -> dict[str, dict[str, int]]:
    """Attribute ids by template (the attribute up to its first ``=``, the ``=`` kept) and value (the rest).

    A featurizer string is always a template name without ``=`` and ``=``, then its value, so the split is exact."""
    out: dict[str, dict[str, int]] = {}
    for attr, i in attrs.items():
        cut = attr.find("=") + 1
        out.setdefault(attr[:cut] if cut else attr, {})[attr[cut:] if cut else ""] = i
    return out


def id_sums(state: np.ndarray, parts: list[list[int]]) -> np.ndarray:
    """(len(parts), labels): per list of attribute ids, the sum of their rows of ``state``, added in
    list order from zero, exactly as ``viterbi.segment_sums`` adds the rows of the same attributes."""
    pad = state.shape[0] - 1  # the zero row opens each list, so that none is empty
    if not parts:
        return np.zeros((0, state.shape[1]))
    flat = np.fromiter(chain.from_iterable(chain((pad,), p) for p in parts), np.int64)
    starts = np.cumsum([0] + [len(p) + 1 for p in parts[:-1]])
    return np.add.reduceat(state[flat], starts, axis=0)


class TypeIds:
    """``Featurizer._type`` (stage 1: own list, then one per offset) and ``_compact_entry`` (stage 2) of a
    normalised word, as the ids of the attributes each model has weights for, in the featurizer's order."""

    def __init__(self, featurizer: Featurizer, attrs1: dict[str, int], attrs2: dict[str, int] | None):
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

    def _single(self, table: dict[str, dict[str, int]], name: str) -> list[int]:
        i = table.get(name, {}).get("")
        return [] if i is None else [i]

    def _labels(self, w: str, rest: str, core: str) -> list[str]:
        """``Featurizer._type``'s gazetteer classes: the word's labels, and ``~``-marked those of its stripped forms, sorted."""
        get = self.gaz.get
        found = set(get(w, ()))
        for stripped in {rest, core} - {w}:
            found.update(g + "~" for g in get(stripped, ()))
        return sorted(found)

    def stage1(self, w: str) -> tuple[list[int], ...]:
        """Own ids, then per offset the context ids (``Featurizer._type``), for normalised word ``w``."""
        t1 = self.t1
        plain = self._plain
        own = [*self._single(t1, "b")]
        own += [i for i in (plain[0].get(w), plain[1].get(w[-2:]), plain[2].get(w[-3:]), plain[3].get(w[:2]), plain[4].get(w[:3]))
                if i is not None]
        sh = shape(w)
        if len(w) <= 2:
            own += self._single(t1, "short")
        if sh != "ar" and (i := t1.get("sh=", {}).get(sh)) is not None:
            own.append(i)
        if not self.full:
            return own, *([i] if (i := self._ctx[o][0].get(w)) is not None else [] for o in self.offsets)
        pre, rest = strip_proclitics(w)
        core = strip_article(rest)
        pc = pre + ("+ال" if core != rest else "")
        labels = self._labels(w, rest, core) if self.gaz else []
        c, g = self._core, t1.get("g=", {})
        own += [i for i in (c[0].get(core), c[1].get(pc), c[2].get(core[-1:]), c[3].get(core[-2:]), c[4].get(core[:2])) if i is not None]
        own += [i for i in map(g.get, labels) if i is not None]
        own += [i for i in (self._tail[0].get(core[:4]), self._tail[1].get(w[-4:])) if i is not None]
        if sh == "ar" and core.endswith("ي") and len(core) > 4:
            own += self._single(t1, "nisba")
        ctx = []
        for o in self.offsets:
            cw, cc, cpc, cs2, cg = self._ctx[o]
            near = (cw.get(w), cc.get(core), cpc.get(pc), cs2.get(w[-2:])) if abs(o) == 1 else (cw.get(w), cc.get(core))
            ctx.append([i for i in chain(near, map(cg.get, labels)) if i is not None])
        if self.table is not None:
            self._clusters(w, core, own, ctx)
        return own, *ctx

    def _clusters(self, w: str, core: str, own: list[int], ctx: list[list[int]]) -> None:
        """``ClusterFeatures``: own ids of the word and (``ck``) of its core; the ±1 neighbours' coarse ids
        of the word, or of its core when the word has none."""
        ids = self.table.get(w)
        cids = self.table.get(core) if core != w else None
        if ids:
            own += [i for i in (d.get(v) for d, v in zip(self._k, ids)) if i is not None]
        if cids:
            own += [i for i in (d.get(v) for d, v in zip(self._ck, cids)) if i is not None]
        near = ids or cids
        if near:
            for o, part in zip(self.offsets, ctx):
                if abs(o) == 1:
                    part += [i for i in (d.get(v) for d, v in zip(self._kctx[o], near)) if i is not None]

    def stage2(self, w: str) -> tuple[list[int], list[int], list[int]]:
        """``Featurizer._compact_entry``'s three lists (own, as the -1 neighbour, as the +1 neighbour) for ``w``."""
        t2, c = self.t2, self._compact
        mine = self._single(t2, "b")
        mine += [i for i in (c[0].get(w), c[1].get(w[-2:]), c[2].get(w[-3:]), c[3].get(w[:2])) if i is not None]
        labels: list[str] = []
        if self.full:
            pre, rest = strip_proclitics(w)
            core = strip_article(rest)
            labels = self._labels(w, rest, core) if self.gaz else []
            mine += [i for i in (c[4].get(core), c[5].get(pre + ("+ال" if core != rest else ""))) if i is not None]
            mine += [i for i in map(c[6].get, labels) if i is not None]
            if shape(w) == "ar" and core.endswith("ي") and len(core) > 4:
                mine += self._single(t2, "nisba")
            ids = self.table.get(w) if self.table is not None else None
            if ids:
                mine += [i for i in (d.get(v) for d, v in zip(self._k2, ids)) if i is not None]
        sides = []
        for cw, cg in self._compact_ctx:
            sides.append([i for i in chain((cw.get(w),), map(cg.get, labels)) if i is not None])
        return mine, sides[0], sides[1]

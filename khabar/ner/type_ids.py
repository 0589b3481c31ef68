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

from khabar.ner.features import Featurizer, folded_form, shape, strip_article, strip_proclitics


def templates(attrs: dict[str, int]) -> dict[str, dict[str, int]]:
    """Attribute ids by template (the attribute up to its first ``=``, the ``=`` kept) and value (the rest).

    A featurizer string is always a template name without ``=`` and ``=``, then its value, so the split is exact."""
    out: dict[str, dict[str, int]] = {}
    for attr, i in attrs.items():
        cut = attr.find("=") + 1
        out.setdefault(attr[:cut] if cut else attr, {})[attr[cut:] if cut else ""] = i
    return out


def id_sums(state: np.ndarray, lists: list[list[int]]) -> np.ndarray:
    """Per part of the lists (a part opens with the zero row ``pad``, then its attribute ids), the sum of
    their rows of ``state`` added in list order from zero, exactly as ``viterbi.segment_sums`` adds the rows of
    the same attributes: (parts, labels)."""
    if not lists:
        return np.zeros((0, state.shape[1]))
    # A few thousand lists at a time: the rows gathered at once for a cold day's ~100k types were
    # ~160 MB (2M ids x 9 labels), and writing and reading them back cost twice the arithmetic.
    return np.concatenate([_id_sums(state, lists[i : i + ID_SUMS_CHUNK]) for i in range(0, len(lists), ID_SUMS_CHUNK)])


ID_SUMS_CHUNK = 2048  # lists summed at once by id_sums: their gathered rows (~3 MB) stay in cache


def _id_sums(state: np.ndarray, lists: list[list[int]]) -> np.ndarray:
    pad = state.shape[0] - 1
    flat = np.fromiter(chain.from_iterable(lists), np.int64)
    if not len(flat):
        return np.zeros((0, state.shape[1]))
    return np.add.reduceat(state[flat], np.flatnonzero(flat == pad), axis=0)


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
        pad, one = self.pad1, self._one1
        w, sh, pc, rest, core, labels, ids = word or self.word(form)
        wy = form if form != w else None
        p0, p1, p2, p3, p4 = self._plain
        out = [pad, one["b"], p0.get(w), p1.get(w[-2:]), p2.get(w[-3:]), p3.get(w[:2]), p4.get(w[:3]),
               one["short"] if len(w) <= 2 else None, self._sh.get(sh) if sh != "ar" else None]
        if not self.full:
            for o in self.offsets:
                out += (pad, self._ctx[o][0].get(w))
            return [i for i in out if i is not None]
        c0, c1, c2, c3, c4 = self._core
        out += (c0.get(core), c1.get(pc), c2.get(core[-1:]), c3.get(core[-2:]), c4.get(core[:2]))
        out += map(self._g.get, labels)
        out += (self._tail[0].get(core[:4]), self._tail[1].get(w[-4:]),
                one["nisba"] if sh == "ar" and core.endswith("ي") and len(core) > 4 else None)
        if wy:
            out.append(self._wy.get(wy))
        cids = None
        if self.table is not None:  # ClusterFeatures: own ids of the word and (ck) of its core
            cids = self.table.get(core) if core != w else None
            if ids:
                out += map(dict.get, self._k, ids)
            if cids:
                out += map(dict.get, self._ck, cids)
        near = ids or cids  # the ±1 neighbours' coarse ids: the word's, or its core's when it has none
        for o in self.offsets:
            cw, cc, cpc, cs2, cg = self._ctx[o]
            out += (pad, cw.get(w), cc.get(core), cpc.get(pc), cs2.get(w[-2:])) if abs(o) == 1 else (pad, cw.get(w), cc.get(core))
            out += map(cg.get, labels)
            if wy and abs(o) == 1:
                out.append(self._wy_ctx[o].get(wy))
            if near and abs(o) == 1:
                out += map(dict.get, self._kctx[o], near)
        return [i for i in out if i is not None]

    def stage2(self, form: str, word: tuple | None = None) -> list[int]:
        """``Featurizer._compact_entry``'s three lists (own, as the -1 neighbour, as the +1 neighbour) for a type form,
        each opened by pad; ``word``: :meth:`word` of ``form`` if already found."""
        pad, c = self.pad2, self._compact
        w, sh, pc, _, core, labels, ids = word or self.word(form)
        out = [pad, self._one2["b"], c[0].get(w), c[1].get(w[-2:]), c[2].get(w[-3:]), c[3].get(w[:2])]
        if self.full:
            out += (c[4].get(core), c[5].get(pc))
            out += map(c[6].get, labels)
            if sh == "ar" and core.endswith("ي") and len(core) > 4:
                out.append(self._one2["nisba"])
            if form != w:
                out.append(self._wy2.get(form))
            if ids:
                out += map(dict.get, self._k2, ids)
        for cw, cg in self._compact_ctx:
            out += (pad, cw.get(w))
            out += map(cg.get, labels)
        return [i for i in out if i is not None]

"""Segment stage: sentences and tokens with offsets into ``documents.text``.

The work runs on the normalised text (``normalised`` table), where digits are
ASCII and diacritics gone, and every span is mapped back through the
normalisation's offset map. Mapping is vectorised with numpy; Python only
visits the sparse places where normalisation deleted or expanded characters.

Clitic segmentation (``segments`` column) is chosen by ``segment.clitics``:
``builtin`` (rules + word frequencies, ships with khabar), ``camel``
(camel-tools' morphological tokenizer, needs its data) or ``none``.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from khabar import schemas
from khabar.normalise import INVISIBLE, normalise_text
from khabar.segment.sentences import split_sentences
from khabar.segment.tokens import tokenize

__all__ = ["segment_documents", "segment_text", "SegmentedText"]


class SegmentedText:
    """Sentences and tokens of one document, as parallel lists."""

    __slots__ = ("sent_start", "sent_end", "sent_heading", "tok_sent", "tok_start", "tok_end", "form", "norm", "kind", "segments")

    def __init__(self) -> None:
        for name in self.__slots__:
            setattr(self, name, [])


def _attached(ch: str) -> bool:
    """A character that belongs to the letters next to it (a diacritic, a
    tatweel), as opposed to whitespace or an invisible control."""
    return not ch.isspace() and ch not in INVISIBLE


def _map_spans(text: str, norm_len: int, map_norm: list[int], map_orig: list[int], starts: list[int], ends: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Original spans of normalised token spans; see normalise.original_span."""
    mn = np.asarray(map_norm, dtype=np.int64)
    mo = np.asarray(map_orig, dtype=np.int64)
    a = np.asarray(starts, dtype=np.int64)
    b = np.asarray(ends, dtype=np.int64) - 1
    if len(mn) == 1 and mn[0] == 0 and mo[0] == 0:
        return a, b + 1  # normalisation changed no length
    ka = np.searchsorted(mn, a, side="right") - 1
    kb = np.searchsorted(mn, b, side="right") - 1
    oa = mo[ka] + (a - mn[ka])
    ob = mo[kb] + (b - mn[kb]) + 1
    # Characters normalisation deleted (diacritics, tatweel, extra spaces):
    # between breakpoints the original advances by more than the normalised.
    # The first breakpoint may skip characters at the very start, and the
    # text may go on after the normalised text ends.
    gap_start = np.concatenate([[0], mo[:-1] + (mn[1:] - mn[:-1]), [mo[-1] + (norm_len - mn[-1])]])
    gap_end = np.concatenate([[mo[0] - mn[0]], mo[1:], [len(text)]])
    has_gap = gap_end > gap_start
    g0 = gap_start[has_gap]
    g1 = gap_end[has_gap]
    if len(g0):
        oa = oa.copy()
        ob = ob.copy()
        for r0, r1 in zip(g0.tolist(), g1.tolist()):
            # The token ending where the gap starts takes the marks that follow it.
            i = int(np.searchsorted(ob, r0, side="left"))
            p = r0
            if i < len(ob) and ob[i] == r0:
                while p < r1 and _attached(text[p]):
                    p += 1
                ob[i] = p
            # The token starting where the gap ends takes marks just before it.
            j = int(np.searchsorted(oa, r1, side="left"))
            if j < len(oa) and oa[j] == r1:
                q = r1
                while q > p and _attached(text[q - 1]):
                    q -= 1
                oa[j] = q
    return oa, ob


def _merge_overlaps(oa: np.ndarray, ob: np.ndarray, keep: list[int]) -> list[int]:
    """Indices of tokens to keep when an expansion (ﷺ -> four words) made
    several tokens share original characters: they merge into the first."""
    if len(oa) < 2 or not (oa[1:] < ob[:-1]).any():
        return keep
    out = [0]
    for i in range(1, len(oa)):
        last = out[-1]
        if oa[i] < ob[last]:
            ob[last] = max(ob[last], ob[i])
        else:
            out.append(i)
    return out


def segment_text(text: str, norm_text: str, map_norm: list[int], map_orig: list[int], cfg: dict, norm_cfg: dict, clitics=None) -> SegmentedText:  # noqa: ANN001
    """Sentences and tokens of one document. ``clitics`` maps (form, norm,
    kind) lists to segments (see :func:`clitic_function`); None = no segments."""
    out = SegmentedText()
    starts, ends, kinds = tokenize(norm_text)
    if not starts:
        return out
    oa, ob = _map_spans(text, len(norm_text), map_norm, map_orig, starts, ends)
    keep = _merge_overlaps(oa, ob, list(range(len(starts))))
    if len(keep) != len(starts):
        # Merged tokens: one normalised span, kind of the first.
        new_s, new_e, new_k = [], [], []
        for n_i, i in enumerate(keep):
            j_end = keep[n_i + 1] - 1 if n_i + 1 < len(keep) else len(starts) - 1
            new_s.append(starts[i])
            new_e.append(ends[j_end])
            new_k.append(kinds[i])
        idx = np.asarray(keep)
        oa, ob = oa[idx], ob[idx]
        starts, ends, kinds = new_s, new_e, new_k
    last_of, headings = split_sentences(norm_text, starts, ends, kinds, int(cfg.get("max_heading_words", 12)))
    oa_l = oa.tolist()
    ob_l = ob.tolist()
    out.tok_start = oa_l
    out.tok_end = ob_l
    out.form = [text[s:e] for s, e in zip(oa_l, ob_l)]
    out.norm = [norm_text[s:e] for s, e in zip(starts, ends)]
    out.kind = kinds
    first = 0
    tok_sent: list[int] = []
    for k, li in enumerate(last_of):
        out.sent_start.append(oa_l[first])
        out.sent_end.append(ob_l[li])
        out.sent_heading.append(headings[k])
        tok_sent.extend([k] * (li - first + 1))
        first = li + 1
    out.tok_sent = tok_sent
    out.segments = clitics(out.form, out.norm, kinds) if clitics is not None else [None] * len(kinds)
    return out


def clitic_function(cfg: dict, norm_cfg: dict):  # noqa: ANN201
    """The function filling ``segments`` for a configuration, or None."""
    backend = cfg.get("clitics", "builtin")
    if backend == "none":
        return None
    if backend == "builtin":
        from khabar.segment.clitics import builtin_segments

        return builtin_segments(norm_cfg)
    if backend == "camel":
        from khabar.segment.camel_backend import camel_segments

        return camel_segments(cfg, norm_cfg)
    from khabar.cli import UserError

    raise UserError(f"unknown segment.clitics backend '{backend}': use builtin, camel or none")


def segment_documents(documents: pa.Table, normalised: pa.Table, cfg: dict, norm_cfg: dict) -> tuple[pa.Table, pa.Table]:
    """SENTENCES and TOKENS (without run_id) for the documents of one shard."""
    doc_ids = documents.column("doc_id").to_pylist()
    texts = documents.column("text").to_pylist()
    norm_rows = {
        d: (t, mn, mo)
        for d, t, mn, mo in zip(
            normalised.column("doc_id").to_pylist(),
            normalised.column("text_norm").to_pylist(),
            normalised.column("map_norm").to_pylist(),
            normalised.column("map_orig").to_pylist(),
        )
    }
    clitics = clitic_function(cfg, norm_cfg)
    s_doc: list[str] = []
    s_idx: list[int] = []
    s_start: list[int] = []
    s_end: list[int] = []
    s_head: list[bool] = []
    t_doc: list[str] = []
    t_sent: list[int] = []
    t_idx: list[int] = []
    t_start: list[int] = []
    t_end: list[int] = []
    t_form: list[str] = []
    t_norm: list[str] = []
    t_kind: list[str] = []
    t_seg: list = []
    for doc_id, text in zip(doc_ids, texts):
        text = text or ""
        row = norm_rows.get(doc_id)
        if row is None:  # not normalised yet: do it here rather than fail
            res = normalise_text(text, norm_cfg)
            row = (res.text, res.map_norm, res.map_orig)
        seg = segment_text(text, row[0], row[1], row[2], cfg, norm_cfg, clitics)
        n_s, n_t = len(seg.sent_start), len(seg.tok_start)
        s_doc.extend([doc_id] * n_s)
        s_idx.extend(range(n_s))
        s_start.extend(seg.sent_start)
        s_end.extend(seg.sent_end)
        s_head.extend(seg.sent_heading)
        t_doc.extend([doc_id] * n_t)
        t_sent.extend(seg.tok_sent)
        t_idx.extend(range(n_t))
        t_start.extend(seg.tok_start)
        t_end.extend(seg.tok_end)
        t_form.extend(seg.form)
        t_norm.extend(seg.norm)
        t_kind.extend(seg.kind)
        t_seg.extend(seg.segments)
    i32, s = pa.int32(), pa.string()
    sentences = pa.Table.from_arrays(
        [pa.array(s_doc, s), pa.array(s_idx, i32), pa.array(s_start, i32), pa.array(s_end, i32), pa.array(s_head, pa.bool_())],
        schema=schemas.without_run_id(schemas.SENTENCES),
    )
    tokens = pa.Table.from_arrays(
        [
            pa.array(t_doc, s),
            pa.array(t_sent, i32),
            pa.array(t_idx, i32),
            pa.array(t_start, i32),
            pa.array(t_end, i32),
            pa.array(t_form, s),
            pa.array(t_norm, s),
            pa.array(t_kind, s),
            pa.array(t_seg, s),
            pa.nulls(len(t_doc), s),
        ],
        schema=schemas.without_run_id(schemas.TOKENS),
    )
    return sentences, tokens

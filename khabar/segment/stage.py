"""Segment stage: sentences and tokens with offsets into ``documents.text``
(re-exported by :mod:`khabar.segment`).

The work runs on the normalised text (``normalised`` table), where digits are
ASCII and diacritics gone, and every span is mapped back through the
normalisation's offset map. Mapping is vectorised with numpy; Python only
visits the sparse places where normalisation deleted or expanded characters.

Coverage: every character of the text that is not whitespace lies in exactly
one token. Invisible formatting characters that normalisation removes (bidi
marks, zero-width characters, C0/C1 controls) are treated like whitespace:
one between two words belongs to neither, so that no token's form starts or
ends with a control. Diacritics and tatweel go with the letters they follow.

Clitic segmentation (``segments`` column) is chosen by ``segment.clitics``:
``builtin`` (rules + word frequencies, ships with khabar), ``camel``
(camel-tools' morphological tokenizer, needs its data) or ``none``.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from khabar import schemas
from khabar.arabic import INVISIBLE
from khabar.normalise import normalise_text
from khabar.segment.sentences import split_sentences
from khabar.segment.tokens import tokenize


class SegmentedText:
    """Sentences and tokens of one document: int columns as numpy arrays,
    string columns as lists."""

    __slots__ = ("sent_start", "sent_end", "sent_heading", "tok_sent", "tok_start", "tok_end", "form", "norm", "kind", "segments", "text", "norm_text", "norm_start", "norm_end")

    def __init__(self) -> None:
        empty = np.zeros(0, dtype=np.int64)
        self.sent_start = self.sent_end = self.tok_sent = self.tok_start = self.tok_end = empty
        self.norm_start = self.norm_end = empty
        self.text = self.norm_text = ""
        self.sent_heading: list[bool] = []
        self.form: list[str] = []
        self.norm: list[str] = []
        self.kind: list[str] = []
        self.segments: list = []


def _attached(ch: str) -> bool:
    """A character that belongs to the letters next to it (a diacritic, a
    tatweel), as opposed to whitespace or an invisible control."""
    return not ch.isspace() and ch not in INVISIBLE


def _map_spans(text: str, norm_len: int, map_norm: list[int], map_orig: list[int], starts: list[int], ends: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Original spans of normalised token spans (as arabic.original_span,
    for all tokens at once): a token also takes the diacritics and tatweel
    deleted right after it, and stray ones just before it."""
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
        # Only gaps that touch a token need a look at their characters.
        n = len(ob)
        i_all = np.searchsorted(ob, g0, side="left")
        j_all = np.searchsorted(oa, g1, side="left")
        end_hit = (i_all < n) & (ob[np.minimum(i_all, n - 1)] == g0)
        start_hit = (j_all < n) & (oa[np.minimum(j_all, n - 1)] == g1)
        touch = end_hit | start_hit
        if touch.any():
            oa = oa.copy()
            ob = ob.copy()
            for r0, r1, i, j, e_hit, s_hit in zip(g0[touch].tolist(), g1[touch].tolist(), i_all[touch].tolist(), j_all[touch].tolist(), end_hit[touch].tolist(), start_hit[touch].tolist()):
                p = r0
                if e_hit:  # the token ending where the gap starts takes the marks after it
                    while p < r1 and _attached(text[p]):
                        p += 1
                    ob[i] = p
                if s_hit:  # the token starting where the gap ends takes marks just before it
                    q = r1
                    while q > p and _attached(text[q - 1]):
                        q -= 1
                    oa[j] = q
    return oa, ob


def _merge_overlaps(oa: np.ndarray, ob: np.ndarray) -> list[int] | None:
    """Indices of tokens to keep when an expansion (ﷺ -> four words) made
    several tokens share original characters: they merge into the first.
    None when no tokens overlap (the usual case)."""
    if len(oa) < 2 or not (oa[1:] < ob[:-1]).any():
        return None
    out = [0]
    for i in range(1, len(oa)):
        last = out[-1]
        if oa[i] < ob[last]:
            ob[last] = max(ob[last], ob[i])
        else:
            out.append(i)
    return out


def segment_text(text: str, norm_text: str, map_norm: list[int], map_orig: list[int], cfg: dict, norm_cfg: dict, clitics=None, strings: bool = True) -> SegmentedText:  # noqa: ANN001
    """Sentences and tokens of one document. ``clitics`` maps (form, norm,
    kind) lists to segments (see :func:`clitic_function`); None = no segments
    (:func:`segment_documents` fills them per batch instead). With
    ``strings`` False the form and norm lists are left empty: the tables are
    cut from the texts by offsets instead."""
    out = SegmentedText()
    out.text, out.norm_text = text, norm_text
    starts, ends, kinds = tokenize(norm_text)
    if not starts:
        return out
    oa, ob = _map_spans(text, len(norm_text), map_norm, map_orig, starts, ends)
    keep = _merge_overlaps(oa, ob)
    if keep is not None:
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
    last_of, headings = split_sentences(norm_text, starts, ends, kinds, cfg["max_heading_words"])
    out.tok_start = oa
    out.tok_end = ob
    out.norm_start = np.asarray(starts, dtype=np.int64)
    out.norm_end = np.asarray(ends, dtype=np.int64)
    out.kind = kinds
    if strings:
        out.form = [text[s:e] for s, e in zip(oa.tolist(), ob.tolist())]
        out.norm = [norm_text[s:e] for s, e in zip(starts, ends)]
    last = np.asarray(last_of, dtype=np.int64)
    first = np.concatenate([[0], last[:-1] + 1])
    out.sent_start = oa[first]
    out.sent_end = ob[last]
    out.sent_heading = headings
    out.tok_sent = np.repeat(np.arange(len(last), dtype=np.int64), last - first + 1)
    if clitics is not None and strings:
        out.segments = clitics(out.form, out.norm, kinds)
    else:
        out.segments = [None] * len(kinds)
    return out


def clitic_function(cfg: dict, norm_cfg: dict):  # noqa: ANN201
    """The function filling ``segments`` for a configuration, or None."""
    backend = cfg["clitics"]
    if backend == "none":
        return None
    if backend == "builtin":
        from khabar.segment.clitics import builtin_segments

        return builtin_segments(norm_cfg)
    if backend == "camel":
        from khabar.segment.camel_backend import camel_segments

        return camel_segments(cfg, norm_cfg)
    from khabar.errors import UserError

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
    # Python strings cost ~60 bytes each: turn every batch of documents into
    # Arrow (a few bytes per string) before starting the next one.
    sent_chunks: list[pa.Table] = []
    tok_chunks: list[pa.Table] = []
    parts: list[SegmentedText] = []
    batch_ids: list[str] = []
    for doc_id, text in zip(doc_ids, texts):
        text = text or ""
        row = norm_rows.get(doc_id)
        if row is None or not _map_fits(row, len(text)):
            # Not normalised yet, or normalised from another text: redo it
            # here rather than write offsets that miss the text.
            res = normalise_text(text, norm_cfg)
            row = (res.text, res.map_norm, res.map_orig)
        parts.append(segment_text(text, row[0], row[1], row[2], cfg, norm_cfg, None, strings=False))
        batch_ids.append(doc_id)
        if len(parts) == BATCH_DOCS:
            sent_chunks.append(_sentences_table(batch_ids, parts))
            tok_chunks.append(_tokens_table(batch_ids, parts, clitics))
            parts, batch_ids = [], []
    if parts or not sent_chunks:
        sent_chunks.append(_sentences_table(batch_ids, parts))
        tok_chunks.append(_tokens_table(batch_ids, parts, clitics))
    return pa.concat_tables(sent_chunks), pa.concat_tables(tok_chunks)


BATCH_DOCS = 256


def _map_fits(row: tuple, text_len: int) -> bool:
    """The normalised text's end maps inside the original text."""
    norm_text, map_norm, map_orig = row
    return bool(map_norm) and len(map_norm) == len(map_orig) and 0 <= map_orig[-1] + (len(norm_text) - map_norm[-1]) <= text_len


def _ints(arrays: list[np.ndarray]) -> pa.Array:
    return pa.array(np.concatenate(arrays).astype(np.int32) if arrays else np.zeros(0, np.int32), pa.int32())


def _doc_column(doc_ids: list[str], counts: list[int]) -> pa.Array:
    """doc_id repeated per row, built by index (no Python list of strings)."""
    idx = np.repeat(np.arange(len(doc_ids), dtype=np.int32), counts)
    return pa.array(doc_ids, pa.string()).take(pa.array(idx))


def _index_within(counts: list[int]) -> np.ndarray:
    """0..n-1 for each group of n rows."""
    total = int(sum(counts))
    starts = np.repeat(np.cumsum([0, *counts[:-1]]), counts) if counts else np.zeros(0, np.int64)
    return np.arange(total, dtype=np.int64) - starts


def _sentences_table(doc_ids: list[str], parts: list[SegmentedText]) -> pa.Table:
    counts = [len(p.sent_start) for p in parts]
    heading: list[bool] = []
    for p in parts:
        heading.extend(p.sent_heading)
    return pa.Table.from_arrays(
        [
            _doc_column(doc_ids, counts),
            pa.array(_index_within(counts).astype(np.int32), pa.int32()),
            _ints([p.sent_start for p in parts]),
            _ints([p.sent_end for p in parts]),
            pa.array(heading, pa.bool_()),
        ],
        schema=schemas.without_run_id(schemas.SENTENCES),
    )


def _substrings(texts: list[str], starts: list[np.ndarray], ends: list[np.ndarray]) -> pa.Array:
    """``text[start:end]`` for every span of every text, as one Arrow string
    array cut from the UTF-8 bytes by offsets: no Python string per token.

    The texts are joined into one buffer; the spans (ordered, disjoint)
    interleaved with the gaps between them form a valid offsets buffer, and
    the spans are every other value of that array."""
    buffers: list[bytes] = []
    offsets: list[np.ndarray] = []
    base = 0
    for text, s, e in zip(texts, starts, ends):
        if not len(s):
            continue
        raw = text.encode("utf-8")
        if len(raw) == len(text):  # ASCII: code points are bytes
            bs, be = s, e
        else:
            cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
            width = 1 + (cp >= 0x80).astype(np.int64) + (cp >= 0x800) + (cp >= 0x10000)
            byte_at = np.zeros(len(cp) + 1, dtype=np.int64)
            np.cumsum(width, out=byte_at[1:])
            bs, be = byte_at[s], byte_at[e]
        offsets.append(np.column_stack([bs + base, be + base]).ravel())
        buffers.append(raw)
        base += len(raw)
    if not offsets:
        return pa.array([], pa.string())
    flat = np.concatenate(offsets)
    if flat[-1] >= 2**31:
        return pa.array([t[a:b] for t, s, e in zip(texts, starts, ends) for a, b in zip(s.tolist(), e.tolist())], pa.string())
    pieces = pa.StringArray.from_buffers(len(flat) - 1, pa.py_buffer(flat.astype(np.int32)), pa.py_buffer(b"".join(buffers)))
    return pieces.take(pa.array(np.arange(0, len(flat) - 1, 2, dtype=np.int64)))


def _segments_columns(form: pa.Array, norm: pa.Array, kind: pa.Array, clitics) -> tuple[pa.Array, pa.Array]:  # noqa: ANN001
    """Clitic segments and lemmas of a batch: worked out once per distinct
    word form (a third of the word tokens), spread back with Arrow take; the
    other tokens get their norm as segments and no lemma."""
    if clitics is None:
        return pa.nulls(len(form), pa.string()), pa.nulls(len(form), pa.string())
    is_word = pc.equal(kind, "word")
    encoded = form.filter(is_word).dictionary_encode()
    forms = encoded.dictionary.to_pylist()
    unique = pa.array(clitics.words(forms), pa.string())
    segments = pc.replace_with_mask(norm, is_word, unique.take(encoded.indices))
    lemmas = pa.nulls(len(form), pa.string())
    if hasattr(clitics, "lemmas"):  # the camel backend knows them; builtin does not
        unique_lemmas = pa.array(clitics.lemmas(forms), pa.string())
        lemmas = pc.replace_with_mask(lemmas, is_word, unique_lemmas.take(encoded.indices))
    return segments, lemmas


def _tokens_table(doc_ids: list[str], parts: list[SegmentedText], clitics=None) -> pa.Table:  # noqa: ANN001
    counts = [len(p.kind) for p in parts]
    # Kinds repeat: build them as a dictionary array and decode once.
    kinds: list[str] = []
    for p in parts:
        kinds.extend(p.kind)
    kind_col = pa.array(kinds, pa.string()) if len(kinds) < 1000 else pa.array(kinds, pa.dictionary(pa.int8(), pa.string())).cast(pa.string())
    form = _substrings([p.text for p in parts], [p.tok_start for p in parts], [p.tok_end for p in parts])
    norm = _substrings([p.norm_text for p in parts], [p.norm_start for p in parts], [p.norm_end for p in parts])
    segments, lemmas = _segments_columns(form, norm, kind_col, clitics)
    return pa.Table.from_arrays(
        [
            _doc_column(doc_ids, counts),
            _ints([p.tok_sent for p in parts]),
            pa.array(_index_within(counts).astype(np.int32), pa.int32()),
            _ints([p.tok_start for p in parts]),
            _ints([p.tok_end for p in parts]),
            form,
            norm,
            kind_col,
            segments,
            lemmas,
        ],
        schema=schemas.without_run_id(schemas.TOKENS),
    )

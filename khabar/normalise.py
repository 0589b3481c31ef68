"""Normalise Arabic text and keep a map back to the original offsets.

Every switch of the ``[normalise]`` configuration section can be turned off.
The work is split by what a step does to positions, so that no Python loop
visits every character:

* steps that change length (NFKC of presentation forms, deleting diacritics,
  tatweel and invisible characters, collapsing whitespace) touch few
  characters in news text: a regex finds them and only those are handled in
  Python, each adding a breakpoint to the offset map;
* one-for-one replacements (alef forms, alef maqsura, teh marbuta, digits)
  never move a position, so they run as one ``str.translate`` over the whole
  text.

The offset map is run-length coded (``schemas.NORMALISED``): at normalised
position ``map_norm[k]`` the original position is ``map_orig[k]``, and between
breakpoints both advance by one.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import pyarrow as pa

from khabar import schemas
from khabar.arabic import (
    ALEF_FOLD,
    ALEF_MAQSURA_FOLD,
    DIACRITICS,
    DIGIT_FOLD,
    INVISIBLE,
    SEPARATOR_FOLD,
    TATWEEL,
    TEH_MARBUTA_FOLD,
    ZWJ,
    Mapped,
    char_class,
    from_original,
    to_original,
)

# Characters Python's str.isspace() accepts, minus the invisible ones.
WHITESPACE = frozenset(chr(c) for c in range(0x3000 + 1) if chr(c).isspace()) - INVISIBLE
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")

_DIGITS = {**DIGIT_FOLD, **SEPARATOR_FOLD}

# Emoji (base characters): a zero-width joiner between two of them is part of
# one pictogram (family, profession emoji) and is kept.
EMOJI_RANGES = "\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_EMOJI_MOD = "\ufe0f\U0001f3fb-\U0001f3ff"


def _nfkc_unstable() -> str:
    """Characters NFKC changes on their own (presentation forms, ligatures,
    compatibility digits and spaces). Computed once over the planes news text
    uses; combining sequences are caught separately."""
    out = []
    for c in range(0x80, 0x30000):
        if 0xD800 <= c < 0xE000 or 0x3400 <= c < 0xA000 or 0xAC00 <= c < 0xF900 or 0x20000 <= c < 0x2F800:
            continue  # surrogates, CJK and Hangul blocks: NFKC-stable, skip for speed
        ch = chr(c)
        if unicodedata.normalize("NFKC", ch) != ch:
            out.append(ch)
    return char_class(out)


# ﷽ is left alone by NFKC but stands for words; camel-tools spells it out too.
_NFKC_EXTRA = {"\ufdfd": "بسم الله الرحمن الرحيم"}


@functools.cache
def _nfkc_cluster_re() -> re.Pattern:
    """What NFKC may change, built on first use (scanning Unicode takes
    ~0.1 s; most texts never need it). A run of marks is normalised together
    with the character before it; the regex does not take that character (an
    optional class before every position would cost a second attempt at each
    of them)."""
    # Marks that may compose with or reorder around the preceding character.
    combining = char_class(chr(c) for c in range(0x300, 0x30000) if unicodedata.combining(chr(c)) and not 0xD800 <= c < 0xE000)
    return re.compile(f"\ufdfd|(?P<marks>[{combining}]+)|[{_nfkc_unstable()}]")


_TABLE_CACHE: dict[tuple, tuple] = {}


def _compiled(cfg: dict) -> tuple:
    """The translate table and the regex of length-changing characters for a
    configuration (cached: building them costs more than a document)."""
    key = tuple(bool(cfg[k]) for k in ("nfkc", "dediac", "tatweel", "alef", "alef_maqsura", "teh_marbuta", "digits", "invisible", "whitespace"))
    if key in _TABLE_CACHE:
        return _TABLE_CACHE[key]
    nfkc, dediac, tatweel, alef, maqsura, marbuta, digits, invisible, whitespace = key
    table: dict[str, str] = {}
    for on, mapping in ((alef, ALEF_FOLD), (maqsura, ALEF_MAQSURA_FOLD), (marbuta, TEH_MARBUTA_FOLD), (digits, _DIGITS)):
        if on:
            table.update(mapping)
    # str.replace per character present beats str.translate ~20x on Arabic
    # text: translate goes through a dict lookup per character.
    trans = tuple(table.items())
    deleted = set()
    if dediac:
        deleted |= DIACRITICS
    if tatweel:
        deleted.add(TATWEEL)
    if invisible:
        deleted |= INVISIBLE
    ws = WHITESPACE if whitespace else frozenset()
    regex = None
    if ws or deleted:
        # Runs of whitespace take invisible characters with them; diacritics
        # and tatweel are matched on their own so that an orphan one between
        # spaces (a tatweel used as a dash) can be kept.
        run = char_class(ws | (deleted & INVISIBLE))
        marks = deleted - INVISIBLE
        starters = (ws - {" "}) | (deleted & INVISIBLE)
        branches = []
        if ws:
            branches.append(f" [{run}]+")  # a single plain space is not matched
        if marks:
            branches.append(f"[{char_class(marks)}]+")
        if starters:
            branches.append(f"[{char_class(starters)}][{run}]*")
        # Branches starting with distinct classes and no named groups: sre
        # scans this ~10x faster than named alternatives; what a match is
        # gets decided in Python.
        regex = re.compile("|".join(branches))
    _TABLE_CACHE[key] = (nfkc, trans, regex, frozenset(ws), frozenset(deleted))
    return _TABLE_CACHE[key]


class _MapBuilder:
    """Accumulates pieces of output and the breakpoints of the offset map."""

    __slots__ = ("pieces", "map_norm", "map_orig", "norm_pos", "orig_pos")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.map_norm = [0]
        self.map_orig = [0]
        self.norm_pos = 0  # length of output so far
        self.orig_pos = 0  # input consumed so far

    def copy_to(self, text: str, end: int) -> None:
        """Copy input unchanged up to ``end``."""
        if end > self.orig_pos:
            self.pieces.append(text[self.orig_pos : end])
            self.norm_pos += end - self.orig_pos
            self.orig_pos = end

    def replace(self, start: int, end: int, new: str) -> None:
        """Input [start, end) becomes ``new``; ``start`` >= input consumed."""
        n, m, k = self.norm_pos, end - start, len(new)
        self.pieces.append(new)
        if k == m:
            pass  # one for one: positions still advance together
        elif k < m:
            self._point(n + k, end)
        else:
            # Extra output characters all point at the last input character.
            for j in range(m, k):
                self._point(n + j, start + m - 1 if m else start)
            self._point(n + k, end)
        self.norm_pos += k
        self.orig_pos = end

    def _point(self, norm: int, orig: int) -> None:
        if self.map_norm[-1] == norm:  # replaces a breakpoint at the same place
            self.map_orig[-1] = orig
            if len(self.map_norm) > 1 and self.map_orig[-1] - self.map_orig[-2] == norm - self.map_norm[-2]:
                self.map_norm.pop()
                self.map_orig.pop()
            return
        if self.map_orig[-1] - self.map_norm[-1] == orig - norm:
            return  # already implied by the previous run
        self.map_norm.append(norm)
        self.map_orig.append(orig)


def _nfkc_candidates(text: str):
    """Cluster matches, searched only in the lines that are not already NFKC
    (one C call per line): the cluster regex is slow over whole texts."""
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if not unicodedata.is_normalized("NFKC", line) or "\ufdfd" in line:
            yield from _nfkc_cluster_re().finditer(text, pos, end)
        pos = end + 1


def _nfkc_pass(text: str) -> tuple[str, list[int], list[int]] | None:
    """NFKC over the clusters that need it; None when nothing changes."""
    if unicodedata.is_normalized("NFKC", text) and "\ufdfd" not in text:
        return None
    b = _MapBuilder()
    for m in _nfkc_candidates(text):
        start, end = m.span()
        if m.lastgroup == "marks" and start > b.orig_pos:
            start -= 1  # the base the marks sit on
        old = text[start:end]
        new = unicodedata.normalize("NFKC", _NFKC_EXTRA.get(old, old))
        if new == old:
            continue
        # A mark's isolated presentation form (U+FE7C ...) decomposes to space
        # + mark: the space would leave a visible character without a token.
        if old.strip() == old and new.strip() != new:
            new = new.strip() or new
        b.copy_to(text, start)
        b.replace(start, end, new)
    if len(b.pieces) == 0:
        return None
    b.copy_to(text, len(text))
    return "".join(b.pieces), b.map_norm, b.map_orig


def _compose(first: tuple[list[int], list[int]], second: tuple[list[int], list[int]], length: int) -> tuple[list[int], list[int]]:
    """Offset map of two passes: ``second`` maps final -> middle, ``first``
    middle -> original. Both are sparse, so the loop is over breakpoints."""
    n1, o1 = first
    n2, o2 = second
    points = sorted(set(n2) | {from_original(n2, o2, x) for x in n1 if x <= _max_mid(n2, o2, length)})
    out_n: list[int] = []
    out_o: list[int] = []
    for p in points:
        if p > length:
            continue
        o = to_original(n1, o1, to_original(n2, o2, p))
        if out_n and out_o[-1] - out_n[-1] == o - p:
            continue
        out_n.append(p)
        out_o.append(o)
    return out_n or [0], out_o or [0]


def _max_mid(n2: list[int], o2: list[int], length: int) -> int:
    return to_original(n2, o2, length) if length else 0


def normalise_text(text: str, cfg: dict) -> Mapped:
    """Normalise ``text`` under ``cfg`` (the ``[normalise]`` section)."""
    nfkc, trans, regex, ws, deleted = _compiled(cfg)
    first = _nfkc_pass(text) if nfkc else None
    mid = first[0] if first else text
    for old, new in trans:
        if old in mid:
            mid = mid.replace(old, new)
    if regex is None:
        if first:
            return Mapped(mid, first[1], first[2])
        return Mapped(mid, [0], [0])
    b = _MapBuilder()
    for m in regex.finditer(mid):
        start, end = m.span()
        s = m.group()
        if s == ZWJ and _joins_emoji(mid, start):
            continue
        b.copy_to(mid, start)
        if s[0] in ws or s[0] in INVISIBLE:
            k = 0
            while k < len(s) and s[k] not in ws:
                k += 1  # invisible characters before the whitespace: dropped
            if k:
                b.replace(start, start + k, "")
            if k < len(s):
                b.replace(start + k, end, "\n" if any(c in LINE_BREAKS for c in s) else " ")
        elif (start == 0 or mid[start - 1] in ws or mid[start - 1] in INVISIBLE) and (end == len(mid) or mid[end] in ws or mid[end] in INVISIBLE):
            b.copy_to(mid, end)  # orphan marks between spaces (a tatweel as a dash): kept
        else:
            b.replace(start, end, "")
    if not b.pieces:
        out, mn, mo = mid, [0], [0]
    else:
        b.copy_to(mid, len(mid))
        out, mn, mo = "".join(b.pieces), b.map_norm, b.map_orig
    if first:
        mn, mo = _compose((first[1], first[2]), (mn, mo), len(out))
    return Mapped(out, mn, mo)


_EMOJI_RE = re.compile(f"[{EMOJI_RANGES}{_EMOJI_MOD}]")


def _joins_emoji(text: str, pos: int) -> bool:
    """A zero-width joiner between two emoji is part of one pictogram."""
    return 0 < pos < len(text) - 1 and bool(_EMOJI_RE.match(text, pos - 1)) and bool(_EMOJI_RE.match(text, pos + 1))


def normalise_documents(documents: pa.Table, cfg: dict) -> pa.Table:
    """One NORMALISED row (without run_id) per document, in the same order."""
    ids = documents.column("doc_id").to_pylist()
    texts = documents.column("text").to_pylist()
    out_text, out_n, out_o = [], [], []
    for text in texts:
        res = normalise_text(text or "", cfg)
        out_text.append(res.text)
        out_n.append(res.map_norm)
        out_o.append(res.map_orig)
    schema = schemas.without_run_id(schemas.NORMALISED)
    return pa.Table.from_arrays(
        [pa.array(ids, pa.string()), pa.array(out_text, pa.string()), pa.array(out_n, pa.list_(pa.int32())), pa.array(out_o, pa.list_(pa.int32()))],
        schema=schema,
    )

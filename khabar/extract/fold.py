"""Fold Arabic text for matching, keeping a map back to original offsets.

The extractors (quotes, dates, amounts) match their lexicons on a *folded*
copy of the text: diacritics, tatweel and invisible characters removed, alef
forms, alef maqsura and teh marbuta conflated, Arabic-Indic and Persian digits
and separators turned into ASCII. Lexicon words go through the same fold, so
`مضيفاً`, `مُضيفا` and `مضيفـاً` all match one entry.

Only deletions move positions; they are rare in news text, so a regex finds the
deleted runs and only those become breakpoints of a run-length offset map
(no Python loop over characters). One-for-one replacements run as a single
``str.translate``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

# Deleted: Arabic combining marks (harakat, tanween, shadda, sukun, dagger alef,
# Quranic marks), tatweel, zero-width and bidi controls, soft hyphen, BOM.
_DELETE = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
    "\u0640\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+"
)

_ONE_FOR_ONE = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك",
    "٫": ".", "٬": ",", "٪": "%", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
}
_ONE_FOR_ONE.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic
_ONE_FOR_ONE.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Persian
_TABLE = str.maketrans(_ONE_FOR_ONE)

# Arabic presentation forms (text from PDFs and old encoders) whose
# compatibility form is one letter: folded one for one, so lexicons match them.
# The lam-alef ligatures expand to two letters and are left alone.
_PRESENTATION = {}
for _cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
    _nf = unicodedata.normalize("NFKC", chr(_cp))
    if len(_nf) == 1 and _nf != chr(_cp):
        _PRESENTATION[chr(_cp)] = _nf
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_PRESENTATION_TABLE = str.maketrans(_PRESENTATION)


class Folded(NamedTuple):
    """Folded text and its map: folded index ``i`` is original index
    ``i + shifts[k]`` where ``k`` is the last break with ``breaks[k] <= i``."""

    text: str
    breaks: tuple[int, ...]
    shifts: tuple[int, ...]
    ends: tuple[int, ...] = ()  # original end offset of each deleted run

    def orig(self, i: int) -> int:
        """Original offset of folded offset ``i``. For a span end this
        includes marks that follow the last letter (they belong to it); for a
        start it skips marks before the first letter."""
        if not self.breaks:
            return i
        k = bisect_right(self.breaks, i)
        return i + self.shifts[k - 1] if k else i

    def to_folded(self, o: int) -> int:
        """Folded offset of original offset ``o`` (the inverse of :meth:`orig`;
        an offset inside a deleted run goes to the next kept character)."""
        if not self.breaks:
            return o
        k = bisect_right(self.ends, o)
        shift = self.shifts[k - 1] if k else 0
        if k < len(self.breaks) and o > self.breaks[k] + shift:  # inside run k
            return self.breaks[k]
        return o - shift


def unpresent(text: str) -> str:
    """Presentation forms to plain letters (nothing else changes)."""
    return text.translate(_PRESENTATION_TABLE) if _PRESENTATION_RE.search(text) else text


def keep_letters(word: str) -> str:
    """Strip marks and presentation forms but keep the letters folding merges
    (ى/ي, آ/أ/ا): where the spelling tells على from علي or آن from أن."""
    return unpresent(_DELETE.sub("", word))


def fold_word(word: str) -> str:
    """Fold a lexicon entry (no offset map needed)."""
    return unpresent(_DELETE.sub("", word)).translate(_TABLE)


@lru_cache(maxsize=8)
def fold(text: str) -> Folded:
    """Fold ``text``; cached because the three extractors fold the same text."""
    breaks: list[int] = []
    shifts: list[int] = []
    removed = 0
    pieces: list[str] = []
    last = 0
    for m in _DELETE.finditer(text):
        pieces.append(text[last : m.start()])
        removed += m.end() - m.start()
        breaks.append(m.start() - (removed - (m.end() - m.start())))
        shifts.append(removed)
        last = m.end()
    if breaks:
        pieces.append(text[last:])
        text = "".join(pieces)
    if _PRESENTATION_RE.search(text):  # rare: pay for the dict lookups only then
        text = text.translate(_PRESENTATION_TABLE)
    # str.translate looks every character up in a dict (slow for Arabic);
    # a replace per present character runs in C at memchr speed.
    for src, dst in _ONE_FOR_ONE.items():
        if src in text:
            text = text.replace(src, dst)
    return Folded(text, tuple(breaks), tuple(shifts), tuple(b + s for b, s in zip(breaks, shifts)))

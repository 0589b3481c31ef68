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
from functools import lru_cache

from khabar.arabic import (
    DIACRITICS,
    DIGIT_FOLD,
    INVISIBLE,
    LETTER_FOLD,
    PERSIAN_LETTER_FOLD,
    SEPARATOR_FOLD,
    TATWEEL,
    Mapped,
    char_class,
    unpresent,
)

# Deleted: what normalisation deletes (diacritics, tatweel, invisible characters).
_DELETE = re.compile(f"[{char_class(DIACRITICS | {TATWEEL} | INVISIBLE)}]+")

_ONE_FOR_ONE = {
    **LETTER_FOLD, **PERSIAN_LETTER_FOLD, **SEPARATOR_FOLD, **DIGIT_FOLD,
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
}
_TABLE = str.maketrans(_ONE_FOR_ONE)


def keep_letters(word: str) -> str:
    """Strip marks and presentation forms but keep the letters folding merges
    (ى/ي, آ/أ/ا): where the spelling tells على from علي or آن from أن."""
    return unpresent(_DELETE.sub("", word))


def fold_word(word: str) -> str:
    """Fold a lexicon entry (no offset map needed)."""
    return unpresent(_DELETE.sub("", word)).translate(_TABLE)


@lru_cache(maxsize=8)
def fold(text: str) -> Mapped:
    """Fold ``text``; cached because the three extractors fold the same text."""
    map_norm, map_orig = [0], [0]
    pieces: list[str] = []
    last = removed = 0
    for m in _DELETE.finditer(text):
        start, end = m.span()
        pieces.append(text[last:start])
        removed += end - start
        if end == removed:  # a run at the very start
            map_orig[0] = end
        else:
            map_norm.append(end - removed)
            map_orig.append(end)
        last = end
    if pieces:
        pieces.append(text[last:])
        text = "".join(pieces)
    text = unpresent(text)
    # str.translate looks every character up in a dict (slow for Arabic);
    # a replace per present character runs in C at memchr speed.
    for src, dst in _ONE_FOR_ONE.items():
        if src in text:
            text = text.replace(src, dst)
    return Mapped(text, map_norm, map_orig)

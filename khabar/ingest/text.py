"""Text hygiene at ingest: what must hold for every ``documents.text``.

Ingest removes only what breaks storage (NUL, lone surrogates, which Parquet's
UTF-8 cannot hold) and unifies line endings; bidi controls and zero-width
characters stay for the normalise stage, which removes them with an offset
map back to this text.
"""

from __future__ import annotations

import re

from khabar.arabic import RATIO_LETTERS, char_class

_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_ENDS = re.compile("\r\n?")
# Letters of the Arabic script: base block, supplement, extended-A and the
# presentation forms (old sites still emit those).
# Matched as runs (words), not single letters: five times fewer match objects.
_ARABIC_LETTERS = re.compile(f"[{char_class(RATIO_LETTERS)}]+")
_LETTERS = re.compile(r"[^\W\d_]+")
# Where an article may be cut: end of sentence (Latin or Arabic marks) or line.
_BOUNDARY = re.compile("[.!?\u061f\u06d4\n]")
_RATIO_SAMPLE = 50_000


def clean_text(value: str) -> str:
    """NUL removed, lone surrogates replaced by U+FFFD, CRLF/CR -> LF, stripped."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    if _SURROGATE.search(value):
        value = _SURROGATE.sub("\ufffd", value)
    if "\r" in value:
        value = _LINE_ENDS.sub("\n", value)
    return value.strip()


def printable_path(value: str) -> str:
    """``value`` safe for a UTF-8 column: a file name that is not UTF-8 reaches
    Python with its bytes as lone surrogates (surrogateescape), which Parquet
    cannot store; each becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", value)


def truncate(text: str, max_chars: int) -> tuple[str, bool]:
    """Cut ``text`` to at most ``max_chars`` at the last sentence boundary.

    The boundary is the last ``. ! ? ؟ ۔`` or line break before the limit,
    kept in the text. If none lies in the second half of the window (one
    endless sentence), cut at the last space, else hard at the limit.
    """
    if len(text) <= max_chars:
        return text, False
    window = text[:max_chars]
    half = max_chars // 2
    last = -1
    # Only the window is scanned, so a 20 MB one-line article costs no more than max_chars.
    for match in _BOUNDARY.finditer(window, half):
        last = match.end()
    if last <= 0:
        space = window.rfind(" ", half)
        last = space if space > 0 else max_chars
    return window[:last].rstrip(), True


def arabic_ratio(text: str) -> float:
    """Share of Arabic letters among all letters (0.0 when there are none)."""
    sample = text[:_RATIO_SAMPLE]
    letters = sum(map(len, _LETTERS.findall(sample)))
    if letters == 0:
        return 0.0
    return sum(map(len, _ARABIC_LETTERS.findall(sample))) / letters

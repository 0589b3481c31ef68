"""Decode raw bytes into text without ever producing mojibake.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); else Arabic UTF-16
without its mark (recognisable by its byte pattern); else strict UTF-8;
else Windows-1256 (the legacy Arabic code page of many Gulf and Levant sites),
but only when the result is plausibly Arabic. Every byte sequence decodes
under cp1256, so "it decoded" proves nothing: the plausibility test is what
keeps Latin-1 text or random bytes from being turned into fake Arabic.
Last, UTF-8 with a rare broken sequence (a stray byte, a character cut at the
end) is kept with U+FFFD in its place and reported as ``utf-8-lossy``.
Anything else is undecodable: quarantined, never guessed.
"""

from __future__ import annotations

import codecs
import re

from khabar.arabic import (
    ARABIC_BLOCK,
    BLOCK_LETTERS,
    CORE_LETTERS,
    DIACRITICS,
    LRM,
    RLM,
    TATWEEL,
    ZWJ,
    ZWNJ,
    char_class,
)

# Arabic block, plus the marks and punctuation an Arabic cp1256 text shows in
# its high bytes (guillemets, ZWNJ/ZWJ, LRM/RLM, NBSP, the odd en/em dash).
_HIGH_PUNCTUATION = frozenset("\u00ab\u00bb\u00a0\u2013\u2014\u2026")
_ARABIC_HIGH = re.compile(f"[{char_class(ARABIC_BLOCK | {ZWNJ, ZWJ, LRM, RLM} | _HIGH_PUNCTUATION)}]")
_ARABIC_LETTERS = re.compile(f"[{char_class(BLOCK_LETTERS)}]")
_CORE_WORDS = re.compile(f"[{char_class(CORE_LETTERS)}]{{2,}}")
_MARKS = re.compile(f"[{char_class(DIACRITICS | {TATWEEL})}]")  # of these cp1256 holds tashkeel and tatweel
_C0_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class UndecodableError(ValueError):
    """The bytes have no encoding khabar trusts."""


def bom_encoding(data: bytes) -> str | None:
    """The encoding named by a byte-order mark at the start of ``data``."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def plausibly_arabic_cp1256(text: str) -> bool:
    """Whether ``text``, decoded as cp1256, reads as Arabic rather than noise.

    In real Arabic cp1256 text nearly every non-ASCII character lands in the
    Arabic block, the letters are the 36 of standard Arabic (not the Persian
    and Urdu ones cp1256 keeps in 0x80-0x9F) and they come in words of two
    letters or more. Latin-1 accents or random bytes fail at least one of
    these. Control characters never occur in real text.
    """
    high = [c for c in text if c >= "\x80"]
    if len(high) < 2:
        return False
    arabic = sum(1 for c in high if _ARABIC_HIGH.match(c))
    if arabic / len(high) < 0.9 or len(_C0_CONTROLS.findall(text)) > len(text) // 1000:
        return False
    letters = _ARABIC_LETTERS.findall(text)
    core = sum(1 for c in letters if c in CORE_LETTERS)
    bare = _MARKS.sub("", text)  # tashkeel and tatweel do not split a word
    in_words = sum(len(run) for run in _CORE_WORDS.findall(bare))
    return bool(letters) and core / len(letters) >= 0.9 and in_words / max(core, 1) >= 0.8


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``data`` is Arabic UTF-16 that lost its BOM.

    Arabic and ASCII code points have high byte 0x06 or 0x00, so in such a
    file nearly every other byte is one of the two; the decoded text must
    then also be mostly Arabic letters.
    """
    head = data[:4096]
    if len(head) < 8 or len(data) % 2 or b"\x00" not in head:
        return None
    for name, high in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if sum(1 for b in high if b in (0, 6)) >= 0.95 * len(high) and high.count(6) >= len(high) // 4:
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                return None
            letters = _ARABIC_LETTERS.findall(text[:4096])
            alpha = sum(1 for c in text[:4096] if c.isalpha())
            return name if alpha and len(letters) / alpha >= 0.5 else None
    return None


def decode_bytes(data: bytes, bom_allowed: bool = True) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)`` or raise UndecodableError.

    The returned encoding is one of utf-8, utf-8-sig, utf-16, utf-32, cp1256
    (utf-16 also for BOM-less Arabic UTF-16, see :func:`utf16_without_bom`),
    or utf-8-lossy: UTF-8 with at most one broken sequence per 1000 bytes,
    each replaced by U+FFFD.
    """
    bom = bom_encoding(data) if bom_allowed else None
    if bom is not None:
        try:
            return data.decode(bom), bom
        except UnicodeDecodeError as exc:
            raise UndecodableError(f"{bom} byte-order mark but invalid {bom} at byte {exc.start}") from None
    if bom_allowed:  # a whole file, not one line of it
        bomless = utf16_without_bom(data)
        if bomless is not None:
            return data.decode(bomless), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    text = data.decode("cp1256", errors="replace")
    if "\ufffd" not in text and plausibly_arabic_cp1256(text):
        return text, "cp1256"
    # UTF-8 with a stray byte or a character cut at the end (common in scraped
    # pages): keep the text, each broken sequence replaced by U+FFFD, and say
    # so in the encoding. More than one per 1000 bytes is not a glitch.
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if broken <= len(data) // 1000:
        return text, "utf-8-lossy"
    raise UndecodableError(
        f"invalid UTF-8 at byte {utf8_error.start} and not plausible Windows-1256 Arabic"
    )

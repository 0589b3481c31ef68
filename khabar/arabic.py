"""Arabic spelling, defined once: character classes, folds and offset maps.

Every module that deletes diacritics, unifies alef forms, turns Arabic digits
into ASCII or looks for Arabic letters takes its classes from here. A class is
a frozenset of characters; :func:`char_class` writes one as the body of a
regex character class. The tiny functions (:func:`dediac`,
:func:`normalize_alef` ...) apply one class or table, like camel-tools'
``dediac_ar`` and ``normalize_alef_ar``.

A few modules need a class that differs from the common one because something
stored was built with it (the CRF model, MinHash signatures, speaker ids);
those variants live here too, each saying why.

:class:`Mapped` is text made from an original (normalised, folded) together
with its offset map back to the original.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from typing import NamedTuple


def _span(first: int, last: int) -> frozenset[str]:
    return frozenset(map(chr, range(first, last + 1)))


def char_class(chars) -> str:
    """The body of a regex character class for a set of characters, as
    ranges: a class listing thousands of single characters is scanned linearly."""
    codes = sorted({ord(c) for c in chars})
    out = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        a, b = chr(codes[i]), chr(codes[j])
        out.append(re.escape(a) if i == j else f"{re.escape(a)}-{re.escape(b)}")
        i = j + 1
    return "".join(out)


# --- Diacritics -------------------------------------------------------------

FATHATAN, DAMMATAN, KASRATAN = "\u064b", "\u064c", "\u064d"
TANWEEN = FATHATAN + DAMMATAN + KASRATAN
SHADDA = "\u0651"
# Tanween, fatha, damma, kasra, shadda, sukun.
TASHKEEL = _span(0x064B, 0x0652)
DAGGER_ALEF = "\u0670"
# camel-tools' AR_DIAC_CHARSET, spelled out: importing camel_tools.utils.charsets
# costs a good part of a second (it scans all of Unicode), too much for
# `khabar --help`. tests/test_arabic.py checks the two agree.
CAMEL_DIACRITICS = TASHKEEL | {DAGGER_ALEF}
# Madda and hamza above/below when they did not compose, and the other marks up to U+065F.
HAMZA_MARKS = _span(0x0653, 0x065F)
# Small high signs over names (sallallahou alayhe wasallam, radi allahou anhu ...).
HONORIFIC_MARKS = _span(0x0610, 0x061A)
# Quranic annotation marks and small high letters of the Arabic block (not the
# stop signs U+06DD, U+06DE, U+06E9 nor the small waw/yeh letters U+06E5/6).
QURANIC_MARKS = _span(0x06D6, 0x06DC) | _span(0x06DF, 0x06E4) | _span(0x06E7, 0x06E8) | _span(0x06EA, 0x06ED)
# Quranic marks of Arabic Extended-A (U+08E2 is a format sign, not a mark).
EXTENDED_A_MARKS = _span(0x08D3, 0x08E1) | _span(0x08E3, 0x08FF)
DIACRITICS = CAMEL_DIACRITICS | HAMZA_MARKS | HONORIFIC_MARKS | QURANIC_MARKS | EXTENDED_A_MARKS

TATWEEL = "\u0640"

# The Arabic block's mark ranges taken whole (stop signs and small waw/yeh
# included, Extended-A not): canonical entity names and speaker ids, stored and
# compared across days, are spelled with it.
ARABIC_BLOCK_MARKS = HONORIFIC_MARKS | _span(0x064B, 0x065F) | {DAGGER_ALEF} | _span(0x06D6, 0x06ED)

# --- Invisible characters ---------------------------------------------------

ZWSP, ZWNJ, ZWJ, LRM, RLM = "\u200b", "\u200c", "\u200d", "\u200e", "\u200f"
ARABIC_LETTER_MARK = "\u061c"
BOM = "\ufeff"
SOFT_HYPHEN = "\u00ad"
WORD_JOINER = "\u2060"
BIDI_CONTROLS = _span(0x202A, 0x202E) | _span(0x2066, 0x2069) | {LRM, RLM, ARABIC_LETTER_MARK}
# C0/C1 controls other than whitespace (tab, line breaks, U+001C-U+001F, NEL).
CONTROLS = _span(0x00, 0x08) | _span(0x0E, 0x1B) | {"\x7f"} | _span(0x80, 0x84) | _span(0x86, 0x9F)
# They carry no text and break matching when left in.
INVISIBLE = frozenset({ZWSP, ZWNJ, ZWJ, BOM, SOFT_HYPHEN, WORD_JOINER}) | BIDI_CONTROLS | CONTROLS

# --- Letters ----------------------------------------------------------------

ALEF, YEH, HEH, KAF = "\u0627", "\u064a", "\u0647", "\u0643"
ALEF_FORMS = "\u0623\u0625\u0622\u0671"  # hamza above, hamza below, madda, wasla
ALEF_MAQSURA = "\u0649"
TEH_MARBUTA = "\u0629"
ALEF_FOLD = dict.fromkeys(ALEF_FORMS, ALEF)
ALEF_MAQSURA_FOLD = {ALEF_MAQSURA: YEH}
TEH_MARBUTA_FOLD = {TEH_MARBUTA: HEH}
LETTER_FOLD = {**ALEF_FOLD, **ALEF_MAQSURA_FOLD, **TEH_MARBUTA_FOLD}
PERSIAN_LETTER_FOLD = {"\u06cc": YEH, "\u06a9": KAF}  # Farsi yeh, keheh

ARABIC_BLOCK = _span(0x0600, 0x06FF)
# The 36 letters of standard Arabic: hamza to ghain, feh to yeh.
CORE_LETTERS = _span(0x0621, 0x063A) | _span(0x0641, 0x064A)
# Hamza to yeh as one range: the core letters plus U+063B-U+063F and tatweel.
HAMZA_TO_YEH = _span(0x0621, 0x064A)
# Alef wasla to yeh barree: the Persian, Urdu and other letters of the block.
EXTRA_BLOCK_LETTERS = _span(0x0671, 0x06D3)
ARABIC_SUPPLEMENT = _span(0x0750, 0x077F)
EXTENDED_A_LETTERS = _span(0x08A0, 0x08C9)
PRESENTATION_FORMS = _span(0xFB50, 0xFDFF) | _span(0xFE70, 0xFEFF)  # the Forms-A and Forms-B blocks
# Letters of the Arabic script (base block, supplement, Extended-A, presentation forms).
SCRIPT_LETTERS = (
    CORE_LETTERS | _span(0x063B, 0x063F) | {"\u066e", "\u066f", "\u06d5", "\u06e5", "\u06e6", "\u06ee", "\u06ef"}
    | EXTRA_BLOCK_LETTERS | _span(0x06FA, 0x06FF) | ARABIC_SUPPLEMENT | EXTENDED_A_LETTERS
    | _span(0xFB50, 0xFD3D) | _span(0xFD50, 0xFDFF) | _span(0xFE70, 0xFEFC)
)
# The block's letters as cp1256 detection counts them: U+066E-U+06D3 whole
# (so the dagger alef too) and the ae U+06D5.
BLOCK_LETTERS = CORE_LETTERS | _span(0x066E, 0x06D3) | {"\u06d5"}
# The letters ingest counts for a text's Arabic ratio (the stored ratios and
# the filter threshold were measured with it).
RATIO_LETTERS = (
    BLOCK_LETTERS | _span(0x06FA, 0x06FF) | ARABIC_SUPPLEMENT | EXTENDED_A_LETTERS
    | _span(0xFB50, 0xFDFF) | _span(0xFE70, 0xFEFC)
)
# Word letters of the shipped clitic lexicon (counted with this class).
LEXICON_LETTERS = CORE_LETTERS | EXTRA_BLOCK_LETTERS
# Word letters of the shipped NER cluster table (counted with this class).
CLUSTER_LETTERS = HAMZA_TO_YEH | EXTRA_BLOCK_LETTERS

# Marks a word token may hold when normalisation keeps them: the diacritics,
# the Extended-A marks normalisation keeps (U+08CA-U+08D2, U+08E2), tatweel,
# and ZWNJ/ZWJ as Persian writes them.
WORD_MARKS = DIACRITICS | _span(0x08CA, 0x08D2) | {"\u08e2", TATWEEL, ZWNJ, ZWJ}

# --- Digits -----------------------------------------------------------------

ARABIC_INDIC_DIGITS = "".join(map(chr, range(0x0660, 0x066A)))
PERSIAN_DIGITS = "".join(map(chr, range(0x06F0, 0x06FA)))
DIGIT_FOLD = {**dict(zip(ARABIC_INDIC_DIGITS, "0123456789")), **dict(zip(PERSIAN_DIGITS, "0123456789"))}
ARABIC_DECIMAL_SEPARATOR, ARABIC_THOUSANDS_SEPARATOR = "\u066b", "\u066c"
SEPARATOR_FOLD = {ARABIC_DECIMAL_SEPARATOR: ".", ARABIC_THOUSANDS_SEPARATOR: ",", "\u066a": "%"}

# --- Clitics ----------------------------------------------------------------

CONJUNCTION_PROCLITICS = "وف"
PREPOSITION_PROCLITICS = "بلك"  # the one-letter prepositions written on the word
FUTURE_PROCLITIC = "س"
ARTICLE = "ال"

# --- Variants kept because something stored was built with them -------------

# What NER words drop: the packaged CRF model and cluster table were trained
# on words spelled this way (block marks whole, four invisibles, no Extended-A).
NER_DROPPED = ARABIC_BLOCK_MARKS | {TATWEEL, ZWNJ, ZWJ, LRM, RLM}
# What the near-duplicate fold deletes: stored MinHash signatures were computed with it.
MINHASH_DELETED = CAMEL_DIACRITICS | HAMZA_MARKS | {TATWEEL}

# --- Tiny functions ---------------------------------------------------------

_DIACRITICS_RE = re.compile(f"[{char_class(DIACRITICS)}]+")
_INVISIBLE_RE = re.compile(f"[{char_class(INVISIBLE)}]+")
_ALEF_TABLE = str.maketrans(ALEF_FOLD)
_MAQSURA_TABLE = str.maketrans(ALEF_MAQSURA_FOLD)
_MARBUTA_TABLE = str.maketrans(TEH_MARBUTA_FOLD)
_DIGIT_TABLE = str.maketrans(DIGIT_FOLD)
# Presentation forms whose compatibility form is one letter; the lam-alef
# ligatures expand to two letters and are left alone.
_PRESENTATION_TABLE = str.maketrans({c: n for c in PRESENTATION_FORMS if len(n := unicodedata.normalize("NFKC", c)) == 1 and n != c})
_PRESENTATION_RE = re.compile(f"[{char_class(PRESENTATION_FORMS)}]")


def dediac(text: str) -> str:
    """``text`` without diacritics (tatweel stays)."""
    return _DIACRITICS_RE.sub("", text)


def strip_tatweel(text: str) -> str:
    return text.replace(TATWEEL, "")


def strip_invisible(text: str) -> str:
    """``text`` without zero-width, bidi and control characters."""
    return _INVISIBLE_RE.sub("", text)


def normalize_alef(text: str) -> str:
    """أ إ آ ٱ -> ا."""
    return text.translate(_ALEF_TABLE)


def normalize_alef_maqsura(text: str) -> str:
    """ى -> ي."""
    return text.translate(_MAQSURA_TABLE)


def normalize_teh_marbuta(text: str) -> str:
    """ة -> ه."""
    return text.translate(_MARBUTA_TABLE)


def ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits -> ASCII."""
    return text.translate(_DIGIT_TABLE)


def unpresent(text: str) -> str:
    """Presentation forms to plain letters (nothing else changes)."""
    return text.translate(_PRESENTATION_TABLE) if _PRESENTATION_RE.search(text) else text


# --- Offset maps ------------------------------------------------------------


class Mapped(NamedTuple):
    """Text made from an original one and its offset map, run-length coded:
    at position ``map_norm[k]`` the original position is ``map_orig[k]``, and
    between breakpoints both advance by one (``schemas.NORMALISED``)."""

    text: str
    map_norm: list[int]
    map_orig: list[int]

    def orig(self, i: int) -> int:
        """Original offset of offset ``i``. Over deletions, a span end
        includes the marks that follow its last letter (they belong to it);
        a start skips the marks before its first letter."""
        return to_original(self.map_norm, self.map_orig, i)

    def from_orig(self, o: int) -> int:
        """Offset of original offset ``o``; one inside a deleted run goes to
        the next kept character."""
        return from_original(self.map_norm, self.map_orig, o)


def to_original(map_norm: list[int], map_orig: list[int], pos: int) -> int:
    """Original position of position ``pos`` (``pos`` may be the length of
    the text: then the end of the original text, when the map was built from it)."""
    k = bisect_right(map_norm, pos) - 1
    if k < 0:
        return pos
    return map_orig[k] + (pos - map_norm[k])


def from_original(map_norm: list[int], map_orig: list[int], orig: int) -> int:
    """The first position whose original position is >= ``orig``."""
    k = bisect_right(map_orig, orig) - 1
    if k < 0:
        return 0
    p = map_norm[k] + (orig - map_orig[k])
    if k + 1 < len(map_norm) and p > map_norm[k + 1]:
        p = map_norm[k + 1]
    return p


def _attached(ch: str) -> bool:
    """A character normalisation removed that belongs to the letter before it."""
    return not ch.isspace() and ch not in INVISIBLE


def original_span(text: str, map_norm: list[int], map_orig: list[int], start: int, end: int, norm_len: int) -> tuple[int, int]:
    """Original span of the normalised span [start, end).

    The span covers the whole surface: diacritics and tatweel that
    normalisation removed inside the span or right after its last letter are
    included; it never starts or ends on whitespace or invisible characters.
    ``text`` is the original text, ``norm_len`` the normalised length.
    """
    if end <= start:
        p = to_original(map_norm, map_orig, start)
        return p, p
    a = to_original(map_norm, map_orig, start)
    b = to_original(map_norm, map_orig, end - 1) + 1
    limit = to_original(map_norm, map_orig, end) if end < norm_len else len(text)
    while b < limit and _attached(text[b]):
        b += 1
    while a < b and not _attached(text[a]):
        a += 1
    while b > a and not _attached(text[b - 1]):
        b -= 1
    return a, b

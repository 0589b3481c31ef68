"""Split normalised text into tokens: one regex, one pass.

The tokenizer runs on the normalised text (digits are ASCII there, diacritics
and tatweel gone), so the patterns stay simple; offsets are mapped back to the
original text by the caller. Every non-space character of the input ends up
in exactly one token: the last alternative takes any single character the
others did not.
"""

from __future__ import annotations

import re
import unicodedata

from khabar.arabic import (
    ARABIC_DECIMAL_SEPARATOR,
    ARABIC_THOUSANDS_SEPARATOR,
    SCRIPT_LETTERS,
    TATWEEL,
    WORD_MARKS,
    char_class,
)

# Arabic-script letters (presentation forms stay when NFKC is off) and the
# marks that may stay inside a word when the matching normalisation step is off.
AR_LETTER = char_class(SCRIPT_LETTERS)
AR_MARK = char_class(WORD_MARKS)
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
EMOJI = "\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001f1e5\U0001f200-\U0001faff"
EMOJI_MOD = "\ufe0f\U0001f3fb-\U0001f3ff\u20e3"
_URL_END = "\\s\"'<>«»()\\[\\]{}"
_TLD = "com|net|org|gov|edu|info|int|sa|ae|eg|qa|kw|bh|om|jo|lb|iq|sy|ps|ye|ma|dz|tn|ly|sd|uk|us|fr|de|io|me|tv|news|co"

_BRANCHES = [
    # Arabic words first: most tokens are, and no other branch starts with
    # an Arabic letter.
    # A hyphen stays a token of its own between Arabic words (المدينة-الدولة),
    # as UD Arabic has it.
    rf"(?P<word>[{AR_LETTER}][{AR_LETTER}{AR_MARK}]*)",
    # Lengths are bounded (RFC limits: 64-letter local part, 63-letter
    # labels): unbounded, a long "a.a.a.a..." run made every start rescan the
    # rest of it, quadratic time.
    r"(?P<email>[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9]))",
    rf"(?P<url>(?:(?:https?|ftp)://|www\.)[^{_URL_END}]*[^{_URL_END}.,;:!?،؛؟]"
    rf"|[A-Za-z0-9][A-Za-z0-9-]{{0,62}}(?:\.[A-Za-z0-9-]{{1,63}}){{0,8}}\.(?:{_TLD})(?![A-Za-z0-9])(?:/[^{_URL_END}]*[^{_URL_END}.,;:!?،؛؟])?)",
    rf"(?P<hashtag>#[\w{AR_MARK}]*[^\W\d_][\w{AR_MARK}]*)",
    r"(?P<mention>@[A-Za-z0-9_]*[A-Za-z_][A-Za-z0-9_]*)",
    rf"(?P<number>\d{{1,2}}:\d\d(?::\d\d)?(?!\d)|\d+(?:[.,{ARABIC_DECIMAL_SEPARATOR}{ARABIC_THOUSANDS_SEPARATOR}]\d+)*)",  # 6:30, 1,250.5
    rf"(?P<latin>[{LATIN}][{LATIN}0-9\u0300-\u036f]*(?:['\u2019][{LATIN}]+)?(?:-[{LATIN}0-9]+)*)",  # don't, COVID-19
    rf"(?P<emoji>(?:[\U0001f1e6-\U0001f1ff]{{2}}|[{EMOJI}][{EMOJI_MOD}]*(?:\u200d[{EMOJI}][{EMOJI_MOD}]*)*))",
    r"(?P<other>[^\W\d_][^\W_]*)",  # letters of other scripts
    r"(?P<punct>\.{2,}|[!?\u061f]+)",
    r"(?P<char>\S)",
]
# The lookahead lets the engine skip whitespace with one cheap test instead of
# trying every branch at each space (halves the scan time).
TOKEN_RE = re.compile("(?=\\S)(?:" + "|".join(_BRANCHES) + ")")

KINDS = {"email": "email", "url": "url", "hashtag": "hashtag", "mention": "mention", "number": "number", "word": "word", "latin": "latin", "emoji": "emoji", "other": "word", "punct": "punct"}
_CHAR_KIND: dict[str, str] = {}


def char_kind(ch: str) -> str:
    """Kind of a one-character token the other patterns did not take."""
    kind = _CHAR_KIND.get(ch)
    if kind is None:
        cat = unicodedata.category(ch)
        if ch == TATWEEL:
            kind = "punct"  # a lone tatweel is a dash
        else:
            kind = "punct" if cat[0] == "P" else "number" if cat[0] == "N" else "word" if cat[0] == "L" else "symbol"
        _CHAR_KIND[ch] = kind
    return kind


def tokenize(text: str) -> tuple[list[int], list[int], list[str]]:
    """Token starts, ends and kinds over ``text`` (normalised)."""
    starts: list[int] = []
    ends: list[int] = []
    kinds: list[str] = []
    add_s, add_e, add_k = starts.append, ends.append, kinds.append
    for m in TOKEN_RE.finditer(text):
        s, e = m.span()
        add_s(s)
        add_e(e)
        g = m.lastgroup
        add_k(char_kind(m.group()) if g == "char" else KINDS[g])
    return starts, ends, kinds

"""Sentence boundaries over the tokens of one normalised text.

Only the places where a sentence may end are examined in Python (stops and
line breaks, found by regex); everything between them is left alone, which
keeps this cheap next to tokenizing.

Rules, in the order they are tried at a full stop, question or exclamation
mark or Arabic semicolon (``.`` ``?`` ``!`` ``؟`` ``؛``):

* a stop inside a number, URL or e-mail is part of that token, never a stop;
* an ellipsis (``..``, ``...``) is a pause, not an end;
* a dot after a single letter (``د.`` ``أ.`` ``J.``), a known abbreviation, or
  a list number at the start of a line is not an end;
* a dot glued between two Latin words (``U.S`` ``file.pdf``) is not an end,
  unless a longer word is followed by a capital (``profits.The``);
* inside a quotation that closes later in the same paragraph, a stop does not
  end the sentence unless the quotation closes right after it; closing quotes
  and brackets right after a stop belong to the sentence that ends;
* a line break always ends a sentence.

A short line (at most ``max_heading_words`` words) with no final punctuation,
followed by more text, is a heading: its own sentence, flagged.
"""

from __future__ import annotations

import re
from bisect import bisect_left

STOP_RE = re.compile("[.!?\u061f\u061b]+")
LINE_RE = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
QUOTE_RE = re.compile("[«»\"“”{}]")
PAIRS = {"«": "»", "“": "”", "{": "}"}
CLOSERS = frozenset("»\"”)]}’'")
# Latin abbreviations common in Arabic news (lower case, without the dot).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr vs etc inc ltd co corp no nos vol fig jan feb mar apr jun jul aug sep sept oct nov dec gen col lt sgt rev gov sen rep".split()
)
# After a number, م (AD, PM), ه (AH) and ص (AM) are not abbreviations cut
# by the dot: the date or time ends the sentence.
YEAR_AND_TIME_LETTERS = frozenset("مهص")
HEADING_END_BLOCKERS = frozenset(".!?\u061f\u061b:\u060c,;\u2026-")
WORD_KINDS = frozenset(["word", "latin", "number", "hashtag", "mention"])


def _quote_spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Quotations that open and close within text[a:b] (one paragraph)."""
    spans = []
    stack: list[tuple[str, int]] = []
    straight = None
    for m in QUOTE_RE.finditer(text, a, b):
        ch, pos = m.group(), m.start()
        if ch == '"':
            if straight is None:
                straight = pos
            else:
                spans.append((straight, pos))
                straight = None
        elif ch in PAIRS:
            stack.append((ch, pos))
        else:
            # Look a few levels down only: a run of unmatched openers must
            # not make every closer scan all of them.
            for i in range(len(stack) - 1, max(-1, len(stack) - 9), -1):
                if PAIRS[stack[i][0]] == ch:
                    spans.append((stack[i][1], pos))
                    del stack[i:]
                    break
    return spans


def split_sentences(text: str, starts: list[int], ends: list[int], kinds: list[str], max_heading_words: int) -> tuple[list[int], list[bool]]:
    """Index of the last token of each sentence and whether it is a heading."""
    n = len(starts)
    if n == 0:
        return [], []
    ends_after: set[int] = set()
    # Paragraphs: the text between line breaks. A line break always ends.
    line_breaks = [m.start() for m in LINE_RE.finditer(text)]
    para_bounds = []
    prev = 0
    for p in [*line_breaks, len(text)]:
        para_bounds.append((prev, p))
        prev = p + 1
    for pa_start, pa_end in para_bounds:
        first = bisect_left(starts, pa_start)
        last = bisect_left(starts, pa_end) - 1
        if last < first:
            continue
        ends_after.add(last)
        quotes = None
        for m in STOP_RE.finditer(text, pa_start, pa_end):
            i = bisect_left(starts, m.start(), first, last + 1)
            if i > last or starts[i] != m.start() or kinds[i] != "punct":
                continue  # inside a number, URL, e-mail
            form = text[starts[i] : ends[i]]
            if form.startswith(".."):
                continue
            if form == "." and i > first and _dot_not_an_end(text, starts, ends, kinds, i, first, last):
                continue
            j = i  # the sentence ends after closing quotes / brackets
            while j + 1 <= last and starts[j + 1] == ends[j] and text[starts[j + 1]] in CLOSERS and ends[j + 1] - starts[j + 1] == 1:
                j += 1
            if quotes is None:
                quotes = _quote_spans(text, pa_start, pa_end)
            if quotes and any(qa < m.start() and ends[j] <= qb for qa, qb in quotes):
                continue  # inside a quotation that goes on
            ends_after.add(j)
    last_of = sorted(ends_after)
    headings = [False] * len(last_of)
    prev_last = -1
    for k, li in enumerate(last_of):
        first = prev_last + 1
        prev_last = li
        if li + 1 >= n:
            continue  # the last sentence heads nothing
        # A heading is a whole line: it starts a paragraph and ends one.
        if not _line_break_between(text, ends[li], starts[li + 1]):
            continue
        if first > 0 and not _line_break_between(text, ends[first - 1], starts[first]):
            continue
        last_char = text[ends[li] - 1]
        if last_char in HEADING_END_BLOCKERS:
            continue
        words = sum(1 for t in range(first, li + 1) if kinds[t] in WORD_KINDS)
        if 0 < words <= max_heading_words:
            headings[k] = True
    return last_of, headings


def _line_break_between(text: str, a: int, b: int) -> bool:
    return LINE_RE.search(text, a, b) is not None


def _dot_not_an_end(text: str, starts, ends, kinds, i: int, first: int, last: int) -> bool:  # noqa: ANN001
    prev = text[starts[i - 1] : ends[i - 1]]
    glued_before = ends[i - 1] == starts[i]
    if not glued_before:
        return False
    pk = kinds[i - 1]
    if pk in ("word", "latin") and len(prev) == 1:
        if prev in YEAR_AND_TIME_LETTERS and i - 2 >= first and kinds[i - 2] == "number":
            return False  # 2015م. 1436هـ. 10ص. end a sentence like the number would
        return True  # initial or one-letter Arabic abbreviation: د. أ. م.
    if pk == "latin" and prev.lower() in ABBREVIATIONS:
        return True
    if pk == "number" and i - 1 == first:
        return True  # list item number at the start of a line: "1. ..."
    if i + 1 <= last and starts[i + 1] == ends[i]:
        nk = kinds[i + 1]
        if pk == "latin" and nk == "latin":
            # U.S, e.g, file.pdf stay; "profits.The" is a stop typed without a space
            nxt = text[starts[i + 1] : ends[i + 1]]
            return len(prev) <= 3 or prev.isupper() or not nxt[:1].isupper()
        if pk == "number" and nk == "number":
            return True
    return False

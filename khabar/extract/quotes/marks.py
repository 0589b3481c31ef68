"""Pairing quotation marks (docstring point 1): which way a mark faces, the outermost pairs, unclosed and overlong quotes capped, abbreviations that end no sentence."""

from __future__ import annotations

import re
from bisect import bisect_right

from khabar.extract.lexicon import B, E, alternation
from khabar.extract.quotes.cues import (
    _COMPLEMENTISERS, _MARKS, _SENT_END, _SPELLED_INITIALS, _VERBS, _WORDS_BACK, _is_verb, _last_of,
)

_FAMILY = {"«": "g", "»": "g", "‹": "g", "›": "g", "“": "d", "”": "d", "„": "d", "‟": "d", "″": "d", '"': "d",
           "'": "s", "‘": "s", "’": "s"}

_MAX_DEPTH = 8


def _faces(t: str, i: int, ch: str) -> str:
    """'open', 'close' or '' for the mark at ``i``, from its neighbours."""
    left = t[i - 1] if i else " "
    right = t[i + 1] if i + 1 < len(t) else " "
    left_open = left.isspace() or left in "([{:،,؛;-—–" or (
        left in "وفبلك" and (i < 2 or t[i - 2].isspace() or t[i - 2] in "(:،,"))
    right_word = not right.isspace() and right not in "،,.؛;:!?؟)"
    if ch == "“" and not left.isspace() and not right_word and left not in "([{:،,؛;-—–":
        return "close"  # “…“: the opening mark used again to close
    if ch in "«‹„‟“":
        return "open"
    if ch == "″":
        return "close"
    if ch in "»›”":  # a closing mark standing where an opening one would: و»حركة
        return "open" if left_open and right_word else "close"
    if ch in "'’‘":
        if left.isascii() and left.isalpha() and right.isascii() and right.isalpha():
            return ""  # apostrophe in a Latin word
        if ch == "‘" or (left_open and right_word and right.isalpha()):
            return "open"
        return "close" if not left.isspace() else ""
    if left_open and right_word:
        return "open"
    if not left.isspace():
        return "close"
    return "close" if not right_word else "open"


_CUE_BEFORE = re.compile(rf"(?:{B}(?:[وف]?(?:{alternation(_VERBS)})|{alternation(_COMPLEMENTISERS)})|:)\s{{1,3}}$")


def _spaced_open(t: str, i: int) -> bool:
    """A `"` with spaces on both sides right after a verb, complementiser or colon."""
    if not (i + 2 < len(t) and t[i + 1] in " \t" and t[i + 2].isalpha()):
        return False
    # the cue right before the mark, or a reporting verb opening the clause (وقال مدرب الفريق " ان…)
    return bool(_CUE_BEFORE.search(t, max(0, i - 16), i)) or any(_is_verb(w) for w in _words_before(t, i, 5)[:2])


def _speech_cue_before(t: str, i: int) -> bool:
    """A reporting verb, complementiser or colon right before ``i``, or a
    reporting verb among the clause's last words (قال كاميرون لشبكة … "…)."""
    return bool(_CUE_BEFORE.search(t, max(0, i - 16), i)) or any(
        _is_verb(w) for w in _words_before(t, i, 6))


def _pairs(t: str) -> list[tuple[int, int, int, bool]]:
    """Outermost quote pairs: (open mark, close mark or content end, content end, closed)."""
    out = []
    stack: list[tuple[str, int]] = []
    nl = [m.start() for m in re.finditer(r"\n", t)]

    def para_end(pos: int) -> int:
        k = bisect_right(nl, pos)
        return nl[k] if k < len(nl) else len(t)

    inner_close: dict[int, int] = {}  # an outer mark's open position -> where a nested pair of its family closed

    def flush(limit: int):
        # close what is still open at the end of its paragraph (before ``limit``)
        while stack and para_end(stack[0][1]) < limit:
            fam, pos = stack[0]
            end = para_end(pos)
            if fam != "s":
                out.append(_unclosed(t, pos, end, inner_close.get(pos)))
            stack.clear()

    for m in _MARKS.finditer(t):
        i, ch = m.start(), m.group()
        flush(i)
        fam = _FAMILY[ch]
        way = _faces(t, i, ch)
        if way == "close" and ch == '"' and not any(f == "d" for f, _ in stack) and _spaced_open(t, i):
            way = "open"  # وقال " ان المباراة…: an opening mark set off by a space after a speech cue
        if way == "open" and ch == '"' and stack and stack[-1][0] == "d" and _SENT_END.search(t, stack[-1][1], i):
            # a " facing forward while one is open across a sentence end: the
            # open one lost its closing mark mid-paragraph (قال "أود … في صفي.
            # "نبحث …"): it ends here when a speech cue opened it (not صفة "عمل
            # ارهابي …), and a new one opens
            if len(stack) == 1 and _speech_cue_before(t, stack[0][1]):
                out.append((stack[0][1], i, i, False))
            stack.pop()
            stack.append((fam, i))
        elif way == "close" or (way == "open" and ch == '"' and stack and stack[-1][0] == "d"):
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == fam:
                    if k == 0:
                        out.append((stack[0][1], i, i, True))
                    elif fam == stack[0][0]:
                        inner_close[stack[0][1]] = i
                    del stack[k:]
                    break
            else:
                if way == "close" and ch == "»" and len(stack) == 1 and stack[0][0] == "d":
                    out.append((stack[0][1], i, i, True))  # إن "إيران لن تلتزم … المعاهدات»: the » closes what " opened
                    stack.clear()
                elif way == "open" and len(stack) < _MAX_DEPTH:
                    stack.append((fam, i))
        elif way == "open" and len(stack) < _MAX_DEPTH:
            stack.append((fam, i))
    flush(len(t) + 1)
    if stack and stack[0][0] != "s":
        out.append((stack[0][1], len(t), len(t), False))
    return out


_NAME_WITH_NESTED = 150  # how long a name in marks with a nested one may run


def _unclosed(t: str, pos: int, end: int, inner: int | None) -> tuple[int, int, int, bool]:
    """A pair left open at its paragraph's end: it closes there, or where a
    nested pair of its family closed right before narration, within one
    short sentence («دورية الحساسية «Annals of Allergy»، فقد كانت: one
    closing mark for both)."""
    if (inner is not None and inner - pos <= _NAME_WITH_NESTED and t[inner + 1 : inner + 2] in ("،", ",", ".")
            and not _SENT_END.search(t, pos, inner)):
        return (pos, inner, inner, True)
    return (pos, end, end, False)


# A quote that runs on past a sentence end into narration lost its closing
# mark: a sentence opening with «و/ف + reporting verb» (… السياحية.. وأضاف
# سموه: …; after ".." too, a pause elsewhere) is the writer again, so the quote ends before it. Closed quotes are
# cut so only when long: a short one with «فقال» inside is a story told.
_NARRATION_RESUMES = re.compile(rf"(?:\.(?!\d)|[!?؟\n])[^\S\n]{{0,6}}[وف](?:{alternation(_VERBS)})(?:ه|ها|هم)?{E}")
_CUT_CLOSED_FROM = 500  # a closed quote this long may hide a lost closing mark
_UNCLOSED_MAX = 600  # an unclosed quote in a paragraph without line breaks ends within this
_QUOTE_MAX = 1500  # no quote runs longer: a mark paired across half an article


def _capped(t: str, pairs: list[tuple[int, int, int, bool]]) -> list[tuple[int, int, int, bool]]:
    """``pairs`` with runaway quotes ended: at the sentence where narration
    resumes, else an unclosed one within _UNCLOSED_MAX and any within _QUOTE_MAX
    characters, at the last sentence end before the limit. The quote is then
    unclosed and stops at the sentence end, so the verb that resumes the
    narration is not read as its attribution (… . وأضاف X)."""
    out = []
    for o, c, ce, closed in pairs:
        cut = None
        if not closed or ce - o > _CUT_CLOSED_FROM:
            m = _NARRATION_RESUMES.search(t, o + 1, ce)
            cut = m.start() if m else None
        if cut is None and ce - o > (_QUOTE_MAX if closed else _UNCLOSED_MAX):
            cut = _sentence_end_before(t, o + 1, o + (_QUOTE_MAX if closed else _UNCLOSED_MAX))
        out.append((o, cut, _content_end(t, o, cut), False) if cut is not None else (o, c, ce, closed))
    return out


def _content_end(t: str, o: int, cut: int) -> int:
    """Where the content of a quote cut at ``cut`` ends: with its full stop,
    or before a closing mark of another kind just before it (إن "…بحقهم». وأضاف)."""
    k = cut
    while k > o + 1 and t[k - 1] in " \t.!?؟":
        k -= 1
    if _MARKS.match(t, k - 1):
        return k - 1
    return cut + (t[cut] in ".!?؟")


def _sentence_end_before(t: str, lo: int, hi: int) -> int:
    """The last sentence end in ``t[lo:hi]``, else the last space there (a
    word is never cut), else ``hi``."""
    last = None
    for m in _SENT_END.finditer(t, lo, hi):
        last = m
    if last:
        return last.start()
    space = t.rfind(" ", lo, hi)
    return space if space > lo else hi


def _cut(m) -> int:
    return m.end() - 1 if m else -1


_LAST_CLAUSE_BREAK = _last_of("،,.؛;!?؟\n«»“”\"")


def _words_before(t: str, i: int, n: int = 7) -> list[str]:
    """Up to ``n`` words before ``i`` in the same clause (stops at , . and marks)."""
    lo = max(0, i - 200)
    seg = t[lo:i]
    cut = _cut(_LAST_CLAUSE_BREAK(seg))
    seg = seg[cut + 1 :]
    return _WORDS_BACK.findall(seg)[-n:]


def _strip_clitic(w: str) -> str:
    if len(w) > 3 and w[0] in "وفبل":
        w = w[1:]
    if len(w) > 4 and w.startswith("ال"):
        w = w[2:]
    return w


_ABBREVIATION = re.compile(r"(?<![\w.])(?:\w{1,3}\.){1,4}\w{1,3}(?![\w])")

# The same matches found from their dots: a pattern that starts with a literal
# dot is searched for with a fast scan, where _TITLE_DOT and _ABBREVIATION,
# starting with a lookbehind, are tried at every character (a fifth of the
# time of quotes went to them).
_TITLE_DOT_AT_DOT = re.compile(r"\.(?<=(?<![\w.])[^\W\d]\.)(?=[ \t]{1,3}[^\W\d])")
_WORD_DOT = re.compile(r"\.(?<=\w\.)(?=\w)")  # the dot of every abbreviation's first \w{1,3}\.

_SPELLED_INITIAL_DOT = re.compile(rf"(?<=[^\W\d] )(?:{'|'.join(_SPELLED_INITIALS)})\.(?=[ \t]{{1,3}}[^\W\d])")


def _mask_abbreviations(t: str) -> str:
    """The folded text with the dots of abbreviations (إن.بي.سي، بي.سي، د.
    علي، جيه. ميتشيل) made middle dots, so they end no sentence; same length, so offsets hold."""
    if "." not in t:
        return t
    t = _TITLE_DOT_AT_DOT.sub("·", t)  # (the letter before the dot is kept as it is)
    if any(f" {w}." in t for w in _SPELLED_INITIALS):  # (rare: a substring scan before the regex)
        t = _SPELLED_INITIAL_DOT.sub(lambda m: m.group()[:-1] + "·", t)
    pieces, done, tried = [], 0, 0  # done: end of the last abbreviation; tried: starts tried up to
    for d in _WORD_DOT.finditer(t):
        q = d.start()
        # an abbreviation starting at p has its first dot at p+1..p+3, so the
        # starts before q not tried yet are tried in order: leftmost first, as sub does
        for p in range(max(done, tried, q - 3), q):
            m = _ABBREVIATION.match(t, p)
            if m:
                pieces += [t[done:p], m.group().replace(".", "·")]
                done = m.end()
                break
        tried = max(tried, q)
    return "".join(pieces) + t[done:] if pieces else t

"""Speech without marks (point 5): the colon patterns, one sentence after a colon read as speech, and the Sabq byline that names no speaker; reading._colon_speech applies them to a _Reading."""

from __future__ import annotations

import re
from bisect import bisect_left

from khabar.extract.quotes.cues import _PARTICIPLES, _SENT_END
from khabar.extract.quotes.records import _Speech
from khabar.extract.quotes.speech import _strip_spaces

# a colon after a reporting verb (and its subject) in the same sentence
# (and a short name in marks on the way: وقال عضو المجلس لـ"الوطن": …)
_COLON_AFTER_VERB = re.compile(r"(?:[^.!?؟\n«»‹›“”„‟″\"'‘’:]|[«\"“][^.!?؟\n«»‹›“”„‟″\"'‘’:]{1,40}[»\"”]){0,100}"
                               r"(?<!\d):[ \t]{0,3}(?=[^\s«»‹›“”„‟″\"'‘’\d])")
# a name opening a paragraph or sentence, then a colon: الزياني : ناقشنا…
_NAME_COLON = re.compile(r"(?:^|(?<=\n)|(?<=[.!?؟] ))[ \t]{0,3}(?P<n>[^\s:.،,«»\"]{2,20}(?: [^\s:.،,«»\"]{2,20}){0,3})"
                         r" ?:[ \t]{0,3}(?=[^\s«»‹›“”„‟\"'‘’\d])")
_NAME_COLON_REACH = 3 + 20 + 3 * 21 + 1  # the farthest its colon is from its start

_SAID_COLON = re.compile(r"[وف]?(?:قال|يقول|قالت|تقول)[ \t][^:\n.«»\"“”]{1,40}:")
_COLON_MAX = 600  # longest speech read after a colon before cutting at a sentence end


def _speech_from(t: str, colon: int, start: int, marks: list[int], verb_starts: list[int]) -> _Speech | None:
    """The unmarked speech starting at ``start`` after the colon at ``colon``."""
    nl = t.find("\n", start, start + _COLON_MAX + 1)
    end = min(len(t), start + _COLON_MAX + 1) if nl < 0 else nl  # (longer: cut at a sentence end below)
    k = bisect_left(marks, start)
    if k < len(marks) and marks[k] < end:
        end = marks[k]  # a quote mark: the quoted speech is its own
    k = bisect_left(verb_starts, start)
    while k < len(verb_starts) and verb_starts[k] < end:
        lo = max(start, verb_starts[k] - 6)
        before = t[lo : verb_starts[k]].rstrip(" وف")
        if before.endswith((".", "!", "?", "؟")):
            end = lo + len(before)
            break  # وقال: … . وأضاف أن …: reported speech after it
        if before.endswith(("،", ",")) and t[verb_starts[k] : verb_starts[k] + 20].split()[0] in _PARTICIPLES:
            end = lo + len(before)
            break  # وقال: إن …، مضيفا أن …: the narration resumes with the participle
        k += 1
    sent = _SENT_END.search(t, start, end)
    if sent:
        end = sent.start()  # one sentence: what follows is as often narration as more speech
    if t.startswith("http", start):
        return None
    s, e = _strip_spaces(t, start, end)
    while e > s and t[e - 1] in ".،,:؛;":
        e -= 1
    if len(t[s:e].split(None, 3)) < 3:
        return None
    return _Speech(colon, s, e, e, e, True)


# the outlet's byline opening an article: «NAME- سبق- CITY:» or «سبق- CITY:»
_BYLINE = re.compile(r"[ \t\n\u200f\u200e]{0,6}(?:[^\W\d]{2,20}(?:[ \t][^\W\d]{2,20}){0,4}[ \t]{0,2}[-–]+[ \t]{0,2})?"
                     r"سبق[ \t]{0,2}[-–]+[ \t]{0,2}(?:[^\W\d]{2,20}[ \t]{0,2}){1,3}:")


def _byline_end(t: str) -> int:
    """Where the byline opening ``t`` (folded) ends; 0 when there is none."""
    m = _BYLINE.match(t)
    return m.end() if m else 0

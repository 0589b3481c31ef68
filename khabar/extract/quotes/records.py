"""The records quotes are read into: Quote (a finished quote), _Speaker (a speaker span and its verb), _Speech (a pair of marks read as speech)."""

from __future__ import annotations

from typing import NamedTuple


class Quote(NamedTuple):
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_entity_id: str | None
    speaker_start: int | None
    speaker_end: int | None
    verb: str | None


class _Speaker(NamedTuple):
    start: int  # folded
    end: int
    verb_start: int
    verb_end: int


class _Speech(NamedTuple):
    """A pair read as speech (folded offsets)."""

    mark: int  # the opening mark
    start: int  # content without surrounding spaces
    end: int
    raw_end: int  # content end with spaces: where an unclosed quote stops, its paragraph's end
    after: int  # just past the closing mark
    closed: bool
    speaker: "_Speaker | None" = None  # written with the speech itself (الزياني: ناقشنا…)


# (verb or sourcing word span, speaker): how a quote is attributed
_Attribution = tuple[tuple[int, int], _Speaker | None]

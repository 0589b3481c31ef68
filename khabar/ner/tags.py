"""BIO tags: the label names khabar uses and the spans a tag sequence marks.

Shared by the taggers, training and evaluation, so none of them imports another.
"""

from __future__ import annotations

from itertools import compress

# ANERcorp's tag names -> khabar's labels (PERS is spelled PER in khabar's datasets)
LABELS = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


def khabar_tag(tag: str) -> str:
    """A BIO tag with its label in khabar's names: B-PERS -> B-PER."""
    return tag if tag == "O" else tag[:2] + LABELS.get(tag[2:], tag[2:])


def spans_from_bio(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first, last+1, label) word spans; an I- without a matching B- opens a span (conlleval)."""
    spans = []
    start, label, last = None, None, -2
    # Only the tags that are not O are visited (found at C speed): most of a sentence is O, and
    # an O only ever closes the span before it, at the position after that span's last tag.
    for i in compress(range(len(tags)), map("O".__ne__, tags)):
        tag = tags[i]
        prefix, lab = tag[:1], tag[2:]
        if start is not None and (i != last + 1 or prefix != "I" or lab != label):
            spans.append((start, last + 1, label))
            start = None
        if prefix == "B" or (prefix == "I" and start is None):
            start, label = i, lab
        last = i
    if start is not None:
        spans.append((start, last + 1, label))
    return spans


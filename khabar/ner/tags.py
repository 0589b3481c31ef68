"""BIO tags: the label names khabar uses and the spans a tag sequence marks.

Shared by the taggers, training and evaluation, so none of them imports another.
"""

from __future__ import annotations

# ANERcorp's tag names -> khabar's labels (PERS is spelled PER in khabar's datasets)
LABELS = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


def khabar_tag(tag: str) -> str:
    """A BIO tag with its label in khabar's names: B-PERS -> B-PER."""
    return tag if tag == "O" else tag[:2] + LABELS.get(tag[2:], tag[2:])


def spans_from_bio(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first, last+1, label) word spans; an I- without a matching B- opens a span (conlleval)."""
    spans = []
    start, label = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, lab = (tag[:1], tag[2:]) if tag != "O" else ("O", None)
        if start is not None and (prefix != "I" or lab != label):
            spans.append((start, i, label))
            start, label = None, None
        if prefix == "B" or (prefix == "I" and start is None):
            start, label = i, lab
    return spans

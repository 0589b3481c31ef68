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


def keep_spans(first: list[str], second: list[str], label: str) -> list[str]:
    """``second`` with each ``label`` span of ``first`` put back where ``second`` has no ``label`` span
    overlapping it (dropped or relabelled); ``second``'s spans that overlap a span put back are dropped.

    Stage 2 overrules stage 1 on names it never saw in training (it drops «داعش»); this keeps
    stage 1's organisations where stage 2 has none there (variant A of issue 12, MODEL_CARD.md).
    A span of ``second`` with the label that only moves an edge is kept as it is.
    """
    theirs = spans_from_bio(second)
    back = [(s, e) for s, e, lab in spans_from_bio(first) if lab == label
            and not any(lab2 == label and s2 < e and s < e2 for s2, e2, lab2 in theirs)]
    if not back:
        return second
    out = list(second)
    for s2, e2, _ in theirs:
        if any(s2 < e and s < e2 for s, e in back):
            out[s2:e2] = ["O"] * (e2 - s2)
    for s, e in back:
        out[s:e] = [f"B-{label}"] + [f"I-{label}"] * (e - s - 1)
        if e < len(out) and out[e].startswith("I-"):
            out[e] = "B-" + out[e][2:]  # a span of ``second`` right after is not glued to the one put back
    return out

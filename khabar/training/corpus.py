"""Reading NER training data: ANERcorp-format files, the fixed dev split, pseudo-articles.

Training (:mod:`khabar.training.ner`) and evaluation (:mod:`khabar.evaluate.ner`)
both read the corpus through here, so neither imports the other.
"""

from __future__ import annotations

from pathlib import Path

DEV_FRACTION = 0.10
DOC_SENTENCES = 20  # pseudo-article size for document-level features (ANERcorp has no boundaries)

REPO = Path(__file__).resolve().parents[2]  # the checkout: training reads its tests/realnews sets
# ../shared/data beside a checkout: where training and evaluation find ANERcorp and the name lists
SHARED_DATA = REPO.parent / "shared" / "data"


def default_data() -> Path:
    return SHARED_DATA / "anercorp" / "train.txt"


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of (words, tags) from a 'word TAG' file, blank line between sentences."""
    sentences, words, tags = [], [], []
    for raw in path.read_text(encoding="utf-8").splitlines():
        parts = raw.split()
        if not parts:
            if words:
                sentences.append((words, tags))
                words, tags = [], []
            continue
        if len(parts) < 2:
            continue  # a bare tag or word: malformed line, skipped
        words.append(" ".join(parts[:-1]))
        tags.append(parts[-1])
    if words:
        sentences.append((words, tags))
    return sentences


def split(sentences: list) -> tuple[list, list]:
    """Fixed rule: the last 10% of sentences are dev."""
    cut = len(sentences) - int(len(sentences) * DEV_FRACTION)
    return sentences[:cut], sentences[cut:]


def documents(sentences: list, size: int = 0) -> list[list]:
    """ANERcorp has no article boundaries: consecutive blocks of ``size`` sentences stand in for articles."""
    size = size or DOC_SENTENCES
    return [sentences[i : i + size] for i in range(0, len(sentences), size)]


def interleave(docs: list, others: list) -> list:
    """``others`` spread evenly through ``docs`` (each after about the same share of ``docs``), so that contiguous
    runs of the result, the inner folds of stage 2, each hold their share of both."""
    if not others:
        return list(docs)
    at = {round((j + 0.5) * len(docs) / len(others)): j for j in range(len(others))}
    out = []
    for i in range(len(docs) + 1):
        if i in at:
            out.append(others[at[i]])
        if i < len(docs):
            out.append(docs[i])
    return out


def folds(sentences: list, k: int, size: int = 0) -> list[tuple[int, int]]:
    """Sentence ranges ``[start, end)`` of ``k`` cross-validation folds, in file order.

    Each fold is a contiguous run of whole pseudo-articles (``documents``), so
    a held-out fold keeps the same 20-sentence articles it has in the whole
    file and a model is never scored on the rest of an article it trained on;
    and, since ANERcorp is ordered by source and topic, contiguous folds also
    hold out whole stretches of topics, as new text does. No randomness: the
    same file always gives the same folds. Fold sizes differ by at most one
    article.
    """
    size = size or DOC_SENTENCES
    n_docs = len(documents(sentences, size))
    if k < 2 or n_docs < k:
        raise ValueError(f"{k} folds need k >= 2 and at least k pseudo-articles of {size} sentences ({n_docs} here)")
    bounds = [min(len(sentences), (i * n_docs // k) * size) for i in range(k + 1)]
    return list(zip(bounds[:-1], bounds[1:]))

"""Reading NER training data: ANERcorp-format files, the fixed dev split, pseudo-articles.

Training (:mod:`khabar.training.ner`) and evaluation (:mod:`khabar.evaluate.ner`)
both read the corpus through here, so neither imports the other.
"""

from __future__ import annotations

from pathlib import Path

DEV_FRACTION = 0.10
DOC_SENTENCES = 20  # pseudo-article size for document-level features (ANERcorp has no boundaries)

# ../shared/data beside a checkout: where training and evaluation find ANERcorp and the name lists
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


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

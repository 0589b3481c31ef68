"""Training-time augmentation: copies of training sentences with their organisation names swapped for others.

ANERcorp's training part names few organisations of each kind (a handful
of clubs, companies, parties), and 45% of the dev split's organisation
names never occur in it, so the model learns "this word is an ORG" for the
few names it saw rather than what the context around an organisation looks
like. One copy of every sentence with an organisation in it, each
organisation replaced by a name drawn from a list of organisations, teaches
both: the context (the same sentence with another name) and many more
names. Swapping person and place names as well cost dev F1 (person names in
the lists are mostly single transliterated foreign names, unlike the full
Arabic names of news text), so only organisations are swapped.

The lists are ANERGazet and ANETAC (``../shared/data/gazetteers``). They state
no licence: they may be used to train and evaluate but not shipped, so they
are read here, at training time only; the tagger never opens them. The
model's weights for words seen in the swapped copies are learnt from them.
"""

from __future__ import annotations

import random
from pathlib import Path

from khabar.ner.features import shape
from khabar.ner.tags import spans_from_bio
from khabar.training.corpus import SHARED_DATA

SWAPPED_LABELS = ("ORG",)  # ANERcorp tag names
ANETAC_FILE = "anetac-en-ar-named-entities.txt"
ANERGAZET_FILES = {"PERS": "ANERGazet_Pers.txt", "LOC": "ANERGazet_Loc.txt", "ORG": "ANERGazet_Org.txt"}
ANETAC_CLASSES = {"PERSON": "PERS", "LOCATION": "LOC", "ORGANIZATION": "ORG"}


def default_name_lists() -> Path:
    return SHARED_DATA / "gazetteers"


def read_training_names(folder: Path, labels: tuple[str, ...] = SWAPPED_LABELS) -> dict[str, list[list[str]]]:
    """Label -> names (each a list of words), sorted, from ANETAC (``CLASS English Arabic``) and ANERGazet lists.

    ANERGazet location groups are separated by ``====``/``****`` lines, which
    are skipped. Duplicates are kept (a name in both lists is drawn twice as often).
    """
    names: dict[str, list[list[str]]] = {label: [] for label in labels}
    anetac = folder / ANETAC_FILE
    if anetac.is_file():
        for line in _lines(anetac):
            cls, *rest = line.split(" ")
            label = ANETAC_CLASSES.get(cls)
            arabic = [w for w in rest if shape(w) == "ar"]  # the Arabic words of the English/Arabic pair
            if label in names and arabic:
                names[label].append(arabic)
    for label, file in ANERGAZET_FILES.items():
        path = folder / file
        if label in names and path.is_file():
            for line in _lines(path):
                words = line.split()
                if words and not words[0].startswith(("====", "****")):
                    names[label].append(words)
    for label in names:
        names[label].sort()
    return names


def _lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [line.rstrip("\n") for line in fh]


def swap_names(sentences: list, names: dict[str, list[list[str]]], share: float = 1.0, seed: int = 1) -> list:
    """One copy of each sentence that names an entity of a label in ``names``, with those names replaced.

    Each such name is replaced (with probability ``share``) by one drawn
    from ``names[label]``; its tags become ``B-label I-label ...``. Other
    words and tags are kept. Deterministic for a given ``seed``.
    """
    rng = random.Random(seed)
    copies = []
    for words, tags in sentences:
        spans = [s for s in spans_from_bio(tags) if names.get(s[2])]
        if not spans:
            continue
        new_words, new_tags, last = [], [], 0
        for start, end, label in spans:
            new_words += words[last:start]
            new_tags += tags[last:start]
            if rng.random() < share:
                name = rng.choice(names[label])
                new_words += name
                new_tags += ["B-" + label] + ["I-" + label] * (len(name) - 1)
            else:
                new_words += words[start:end]
                new_tags += tags[start:end]
            last = end
        copies.append((new_words + words[last:], new_tags + tags[last:]))
    return copies

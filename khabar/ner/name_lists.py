"""The NER's own name lists (``resources/ner/name_lists.tsv``), read at run time.

Built by :mod:`khabar.training.name_lists` from lists we wrote and CLDR place
names; one ``LABEL<TAB>entry`` per line, entries in ``features.norm`` spelling.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

NAME_LISTS = Path(__file__).resolve().parents[1] / "resources" / "ner" / "name_lists.tsv"


def read_gazetteer(path: Path) -> dict[str, set[str]]:
    """Label -> set of single words that are a name or part of a multi-word name."""
    words: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        label, _, entry = line.partition("\t")
        if not entry:
            continue
        parts = entry.split()
        if len(parts) == 1:
            words.setdefault(label, set()).add(entry)
        else:
            words.setdefault(label + "_PART", set()).update(parts)
    return words


@lru_cache(maxsize=1)
def one_word_organisations(path: Path = NAME_LISTS) -> frozenset[str]:
    """The organisations of the name lists that are one word (الهلال، الفيصلي، أرامكو): the words
    the sports-report rule of :mod:`khabar.ner.spans` may tag where the document names them."""
    return frozenset(read_gazetteer(path).get("ORG", ()))


@lru_cache(maxsize=1)
def speech_words(path: Path = NAME_LISTS) -> frozenset[str]:
    """The verbs of saying of the name lists (class SAY: قال، وأكد، أوضحت)."""
    return frozenset(read_gazetteer(path).get("SAY", ()))


@lru_cache(maxsize=4)
def multi_word_names(label: str, path: Path = NAME_LISTS) -> tuple[str, ...]:
    """The names of ``label`` in the name lists that are more than one word (الحرس الوطني، بوكو حرام)."""
    entries = (line.partition("\t") for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(entry for lab, _, entry in entries if lab == label and " " in entry)

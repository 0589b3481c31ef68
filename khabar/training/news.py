"""Real-news training articles: a hand-annotated SaudiNewsNet set turned into tagged sentences.

ANERcorp is 2007 newswire of other outlets; Saudi news names ministries,
directorates, clubs and local places it never saw. The set
(``tests/realnews/ner-train.jsonl``, same format and guidelines as the dev
sets: offsets, labels, text hashes) is read with its texts from the data
folder, then run through the pipeline's own normalise and segment stages, so
the training sentences hold exactly the tokens the tagger sees at run time.
A token takes the label of the annotated span it overlaps (B- on the first,
I- after), in ANERcorp's tag names; a span that starts after a proclitic
(«وبالرياض» → ``الرياض``) tags the whole token, as ANERcorp does.

A currency or الله standing alone is tagged B-MISC, as ANERcorp tags them
(a quarter of its MISC mentions), although the set leaves them out: the set
scores what analysts see, and the pipeline drops them after tagging
(``extract.ner.drop_currencies_and_god``); taught as O, the news articles
contradicted ANERcorp and cost MISC 6 points in the 5-fold CV.

Articles stay whole: each is one document for stage 2's document votes,
instead of ANERcorp's 20-sentence pseudo-articles.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from pathlib import Path

from khabar import schemas
from khabar.training.corpus import REPO

DEFAULT_SET = REPO / "tests" / "realnews" / "ner-train.jsonl"
ANERCORP_LABEL = {"PER": "PERS", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


def read_news_documents(path: Path, data_dir: Path, config: dict, anercorp: bool = True) -> list[list[tuple[list[str], list[str]]]]:
    """Per article of the set, its sentences as (token forms, BIO tags), in the set's order; ``anercorp``:
    in ANERcorp's convention (:func:`tagged_sentences`), else the set's spans alone (:func:`span_tags`)."""
    from khabar.evaluate.ner import read_realnews
    from khabar.stages import normalise, segment

    entries = read_realnews(path, data_dir)
    now = dt.datetime.now(dt.timezone.utc)
    rows = [{"doc_id": e["doc_id"], "text": e["text"], "raw_path": e["file"], "raw_record": e["line"], "ingested_at": now} for e in entries]
    documents = schemas.table_from_rows("documents", rows)
    _, tokens = segment(documents, normalise(documents, config), config)
    columns = {c: tokens.column(c).to_pylist() for c in ("doc_id", "sent_idx", "start", "end", "form")}
    by_doc: dict[str, list[int]] = {}
    for i, doc_id in enumerate(columns["doc_id"]):
        by_doc.setdefault(doc_id, []).append(i)
    tag = tagged_sentences if anercorp else span_tags
    return [tag([{c: columns[c][i] for c in columns} for i in by_doc.get(e["doc_id"], [])], e["entities"]) for e in entries]


def tagged_sentences(tokens: list[dict], entities: list[tuple[int, int, str]]) -> list[tuple[list[str], list[str]]]:
    """(forms, tags) per sentence of one document's tokens (dicts with sent_idx, start, end, form), in ANERcorp's convention."""
    return [(words, anercorp_misc(words, tags)) for words, tags in span_tags(tokens, entities)]


def span_tags(tokens: list[dict], entities: list[tuple[int, int, str]]) -> list[tuple[list[str], list[str]]]:
    """(forms, tags) per sentence: each token tagged from the annotated span it overlaps, nothing else."""
    spans = sorted(entities)
    starts = [s for s, _, _ in spans]
    tags, prev_span = [], None
    for tok in tokens:
        k = bisect_right(starts, tok["end"] - 1) - 1  # the last span starting inside or before the token
        span = spans[k] if k >= 0 and spans[k][1] > tok["start"] else None
        if span is None:
            tags.append("O")
        else:
            tags.append(("I-" if span == prev_span else "B-") + ANERCORP_LABEL[span[2]])
        prev_span = span
    sentences: list[tuple[list[str], list[str]]] = []
    last = None
    for tok, tag in zip(tokens, tags):
        if tok["sent_idx"] != last:
            sentences.append(([], []))
            last = tok["sent_idx"]
        sentences[-1][0].append(tok["form"])
        sentences[-1][1].append(tag)
    return sentences


def anercorp_misc(words: list[str], tags: list[str]) -> list[str]:
    """``tags`` with each untagged currency or الله (``is_never_an_entity``) as B-MISC, ANERcorp's convention."""
    from khabar.extract.entities import is_never_an_entity

    return [("B-MISC" if t == "O" and is_never_an_entity(words, i, i + 1) else t) for i, t in enumerate(tags)]

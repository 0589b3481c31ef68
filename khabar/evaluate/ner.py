"""``khabar eval ner --conll FILE``: entity-level scores of the whole pipeline.

Each gold sentence is fed as raw text (its words joined by single spaces)
through normalise -> segment -> extract_entities, exactly as an article would
be. Predicted character spans are mapped back to gold words (a word belongs
to an entity when the entity overlaps it), then scored conlleval-style: a
prediction counts only when its word span and label both match a gold entity.
"""

from __future__ import annotations

import datetime as dt
import time

from khabar import schemas
from khabar.evaluate.scorer import score
from khabar.ner.tags import khabar_tag, spans_from_bio
from khabar.stages import extract_documents


def pseudo_documents(sentences: list[tuple[list[str], list[str]]], size: int) -> list[dict]:
    """Gold sentences grouped ``size`` at a time into documents: text, and each word's char span and tag."""
    docs = []
    for d in range(0, len(sentences), size):
        text_parts, words = [], []
        pos = 0
        for sent_words, sent_tags in sentences[d : d + size]:
            line_start = pos
            spans = []
            for w in sent_words:
                spans.append((pos, pos + len(w)))
                pos += len(w) + 1
            text_parts.append(" ".join(sent_words))
            words.append((spans, sent_tags))
            pos = line_start + len(text_parts[-1]) + 1  # the newline between sentences
        docs.append({"doc_id": f"conll-{d // size:05d}", "text": "\n".join(text_parts), "sentences": words})
    return docs


def run_pipeline(docs: list[dict], config: dict):
    """normalise -> segment -> extract over the pseudo-documents, as `khabar run` would: (entities, token count)."""
    now = dt.datetime.now(dt.timezone.utc)
    rows = [{"doc_id": d["doc_id"], "text": d["text"], "raw_path": "conll", "raw_record": i, "ingested_at": now} for i, d in enumerate(docs)]
    documents = schemas.table_from_rows("documents", rows)
    # Scored on ANERcorp's convention, which tags currencies and الله as MISC
    # and the person inside a facility's name (ملعب [سانتياغو برنابيو]) as PER:
    # the analyst-facing filter and the facility rule are off here.
    ner_cfg = {**config["extract"]["ner"], "drop_currencies_and_god": False, "facilities_as_places": False}
    only_entities = {**config["extract"], "ner": ner_cfg, "quotes": False, "dates": False, "amounts": False}
    tables = extract_documents(documents, {**config, "extract": only_entities})
    return tables["entities"], tables["tokens"].num_rows


def evaluate(sentences: list, config: dict, doc_sentences: int) -> dict:
    docs = pseudo_documents(sentences, doc_sentences)
    started = time.perf_counter()
    entities, n_tokens = run_pipeline(docs, config)
    elapsed = time.perf_counter() - started
    gold, word_spans = [], {}
    for d in docs:
        offset = 0
        spans = []
        for sent_spans, tags in d["sentences"]:
            gold += [(d["doc_id"], offset + s, offset + e, label) for s, e, label in spans_from_bio([khabar_tag(t) for t in tags])]
            spans += sent_spans
            offset += len(sent_spans)
        word_spans[d["doc_id"]] = spans
    pred = []
    for doc_id, start, end, label in zip(*(entities.column(c).to_pylist() for c in ("doc_id", "start", "end", "label"))):
        covered = [i for i, (s, e) in enumerate(word_spans[doc_id]) if s < end and start < e]
        if covered:
            pred.append((doc_id, covered[0], covered[-1] + 1, label))
    result = score(gold, pred)
    result["pipeline_tokens_per_s"] = round(n_tokens / elapsed) if elapsed else 0
    return result

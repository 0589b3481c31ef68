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
from khabar.evaluate.realnews import read_dev_set, text_sha256  # noqa: F401 - text_sha256 is part of this module's API
from khabar.evaluate.scorer import score
from khabar.ner.tags import khabar_tag, spans_from_bio
from khabar.stages import entities_only, extract_documents


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
    # The span rules (khabar/ner/spans.py) follow the real-news guidelines, not ANERcorp's: it keeps
    # compass words out of places (شمال [إسرائيل]), leaves many institutions untagged (مجلس الشيوخ)
    # and tags الله as MISC. They are scored on `eval ner --realnews`; here the tagger is.
    now = dt.datetime.now(dt.timezone.utc)
    rows = [{"doc_id": d["doc_id"], "text": d["text"], "raw_path": "conll", "raw_record": i, "ingested_at": now} for i, d in enumerate(docs)]
    documents = schemas.table_from_rows("documents", rows)
    # Scored on ANERcorp's convention, which tags currencies and الله as MISC
    # and the person inside a facility's name (ملعب [سانتياغو برنابيو]) as PER:
    # the analyst-facing filter and the facility rule are off here.
    tables = extract_documents(documents, entities_only(config, span_rules=False, drop_currencies_and_god=False, facilities_as_places=False))
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


# --- Real-news dev set: ``khabar eval ner --realnews FILE`` -------------------------------
#
# The file holds one JSON object per article: ``file`` (path under the data
# folder), ``line`` (record index in that gzipped JSONL file), ``sha256`` (of
# the record's ``content``, UTF-8) and ``entities``, [start, end, label]
# code-point offsets into that text. The text itself is never stored: it is
# read from the data folder here and refused when its hash has changed, since
# offsets into another text would score nonsense. Guidelines:
# docs/annotation/ner-realnews.md.

REALNEWS_LABELS = ("PER", "LOC", "ORG", "MISC")


def read_realnews(path, data_dir) -> list[dict]:
    """The dev set's entries, each with its article ``text`` and a ``doc_id`` (file:line).

    Raises UserError on a malformed line, a missing article, a text whose hash
    no longer matches, or an offset outside the text."""
    entries = read_dev_set(path, data_dir, _entity_annotations, "dev-set")
    for entry in entries:
        _check_spans(entry)
    return entries


def _entity_annotations(obj: dict) -> dict:
    return {"entities": [(int(s), int(e), str(lab)) for s, e, lab in obj["entities"]]}


def _check_spans(entry: dict) -> None:
    from khabar.errors import UserError

    for start, end, label in entry["entities"]:
        if not 0 <= start < end <= len(entry["text"]) or label not in REALNEWS_LABELS:
            raise UserError(f"{entry['doc_id']}: bad span ({start}, {end}, {label}) for a text of {len(entry['text'])} characters")


def realnews_predictions(entries: list[dict], config: dict) -> list[tuple]:
    """(doc_id, start, end, label) of every entity the pipeline finds in the articles, as ``khabar run`` would
    with the given configuration (its analyst-facing filters included); quotes, dates and amounts are off."""
    now = dt.datetime.now(dt.timezone.utc)
    rows = [{"doc_id": e["doc_id"], "text": e["text"], "raw_path": e["file"], "raw_record": e["line"], "ingested_at": now} for e in entries]
    entities = extract_documents(schemas.table_from_rows("documents", rows), entities_only(config))["entities"]
    return list(zip(*(entities.column(c).to_pylist() for c in ("doc_id", "start", "end", "label"))))


def evaluate_realnews(entries: list[dict], config: dict) -> dict:
    """Exact and lenient (overlap) scores of the pipeline on the dev set, and the gold and predicted items."""
    from khabar.evaluate.scorer import score_overlap

    gold = [(e["doc_id"], s, end, label) for e in entries for s, end, label in e["entities"]]
    started = time.perf_counter()
    pred = realnews_predictions(entries, config)
    elapsed = time.perf_counter() - started
    return {"exact": score(gold, pred), "lenient": score_overlap(gold, pred), "gold": gold, "pred": pred, "seconds": elapsed}


def error_kind(item: tuple, others: list[tuple]) -> str:
    """Why a gold item was missed (``others`` = predictions) or a prediction was wrong (``others`` = gold):
    ``label`` same span other label, ``boundary`` overlap with the same label, ``boundary+label``
    overlap with another label, ``none`` nothing overlaps."""
    doc, start, end, label = item
    overlapping = [o for o in others if o[0] == doc and o[1] < end and start < o[2]]
    if any(o[1] == start and o[2] == end for o in overlapping):
        return "label"
    if any(o[3] == label for o in overlapping):
        return "boundary"
    return "boundary+label" if overlapping else "none"


def realnews_errors(entries: list[dict], gold: list[tuple], pred: list[tuple]) -> list[str]:
    """One line per miss and false positive, in text order: kind, label, surface and a little context.
    For the terminal only: the article text must not be stored."""
    texts = {e["doc_id"]: e["text"] for e in entries}
    gold_set, pred_set = set(gold), set(pred)
    lines = []
    for doc_id in texts:
        wrong = [("MISS", g, pred) for g in gold if g[0] == doc_id and g not in pred_set]
        wrong += [("FP", p, gold) for p in pred if p[0] == doc_id and p not in gold_set]
        for what, (_, start, end, label), others in sorted(wrong, key=lambda w: (w[1][1], w[0])):
            text = texts[doc_id]
            kind = error_kind((doc_id, start, end, label), others)
            context = f"{text[max(0, start - 25):start]}[{text[start:end]}]{text[end:end + 25]}".replace("\n", " ")
            lines.append(f"{doc_id}\t{what}\t{kind}\t{label}\t{text[start:end]}\t{context}")
    return lines

"""``khabar eval ner --conll FILE``: entity-level scores of the whole pipeline.

Each gold sentence is fed as raw text (its words joined by single spaces)
through normalise -> segment -> extract_entities, exactly as an article would
be. Predicted character spans are mapped back to gold words (a word belongs
to an entity when the entity overlaps it), then scored conlleval-style: a
prediction counts only when its word span and label both match a gold entity.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

LABEL_ORDER = ("PER", "LOC", "ORG", "MISC")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--conll", required=True, help="gold file, one 'word TAG' per line, blank line between sentences (ANERcorp format)")
    parser.add_argument("--config", default=None, help="configuration file (extract.ner section is used)")
    parser.add_argument("--dev-split", action="store_true", help="score only the last 10%% of sentences (the dev split `khabar train ner` holds out)")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N sentences (0 = all)")


def score(gold: list[tuple], pred: list[tuple]) -> dict:
    """Exact-match precision/recall/F1 overall and per label; items are (..., label) tuples."""
    gold_set, pred_set = set(gold), set(pred)
    labels = sorted({g[-1] for g in gold_set} | {p[-1] for p in pred_set}, key=lambda x: (LABEL_ORDER + (x,)).index(x))

    def prf(g: set, p: set) -> dict:
        tp = len(g & p)
        precision = tp / len(p) if p else 0.0
        recall = tp / len(g) if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(100 * precision, 2), "recall": round(100 * recall, 2), "f1": round(100 * f1, 2), "gold": len(g), "pred": len(p)}

    result = {"overall": prf(gold_set, pred_set)}
    for label in labels:
        result[label] = prf({g for g in gold_set if g[-1] == label}, {p for p in pred_set if p[-1] == label})
    return result


def format_table(result: dict) -> str:
    lines = [f"{'label':<8}{'precision':>10}{'recall':>9}{'F1':>8}{'gold':>7}{'pred':>7}"]
    for label, row in result.items():
        if isinstance(row, dict):
            lines.append(f"{label:<8}{row['precision']:>10.2f}{row['recall']:>9.2f}{row['f1']:>8.2f}{row['gold']:>7}{row['pred']:>7}")
    return "\n".join(lines)


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
    """normalise -> segment -> extract_entities over the pseudo-documents, as `khabar run` would."""
    import datetime as dt

    from khabar import schemas
    from khabar.extract.entities import extract_entities
    from khabar.normalise import normalise_documents
    from khabar.segment import segment_documents

    now = dt.datetime.now(dt.timezone.utc)
    rows = [{"doc_id": d["doc_id"], "text": d["text"], "raw_path": "conll", "raw_record": i, "ingested_at": now} for i, d in enumerate(docs)]
    documents = schemas.table_from_rows("documents", rows)
    normalised = normalise_documents(documents, config["normalise"])
    sentences, tokens = segment_documents(documents, normalised, config["segment"], config["normalise"])
    # Scored on ANERcorp's convention, which tags currencies and الله as MISC:
    # the analyst-facing filter of those one-word mentions is off here.
    ner_cfg = {**config["extract"]["ner"], "drop_currencies_and_god": False}
    return extract_entities(documents, sentences, tokens, ner_cfg), tokens.num_rows


def evaluate(sentences: list, config: dict, doc_sentences: int) -> dict:
    from khabar.extract.ner_crf import spans_from_bio
    from khabar.extract.ner_train import _khabar_tag

    docs = pseudo_documents(sentences, doc_sentences)
    started = time.perf_counter()
    entities, n_tokens = run_pipeline(docs, config)
    elapsed = time.perf_counter() - started
    gold, word_spans = [], {}
    for d in docs:
        offset = 0
        spans = []
        for sent_spans, tags in d["sentences"]:
            gold += [(d["doc_id"], offset + s, offset + e, label) for s, e, label in spans_from_bio([_khabar_tag(t) for t in tags])]
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


def main(args: argparse.Namespace) -> int:
    from khabar.cli import UserError
    from khabar.config import load_config
    from khabar.extract.ner_train import DOC_SENTENCES, read_conll, split

    path = Path(args.conll)
    if not path.is_file():
        raise UserError(f"gold file not found: {path}")
    sentences = read_conll(path)
    if not sentences:
        raise UserError(f"{path} holds no 'word TAG' sentences")
    if args.dev_split:
        sentences = split(sentences)[1]
    if args.limit:
        sentences = sentences[: args.limit]
    config = load_config(args.config)
    result = evaluate(sentences, config, DOC_SENTENCES)
    n_words = sum(len(w) for w, _ in sentences)
    print(f"{path}: {len(sentences)} sentences, {n_words} words, fed as documents of {DOC_SENTENCES} sentences "
          f"through normalise -> segment -> extract (backend {config['extract']['ner']['backend']})")
    print(format_table(result))
    print(f"pipeline: {result['pipeline_tokens_per_s']} tokens/s")
    return 0

"""The one scorer every evaluator uses: exact-match precision, recall and F1, overall and per label."""

from __future__ import annotations

LABEL_ORDER = ("PER", "LOC", "ORG", "MISC")


def precision_recall_f1(gold: set, pred: set) -> tuple[float, float, float]:
    """Fractions in [0, 1]; an empty side scores 0."""
    tp = len(gold & pred)
    precision = tp / len(pred) if pred else 0.0
    recall = tp / len(gold) if gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def prf(gold: set, pred: set) -> dict:
    """Scores of one set of predictions against one set of gold items (percentages, two decimals)."""
    precision, recall, f1 = precision_recall_f1(gold, pred)
    return {"precision": round(100 * precision, 2), "recall": round(100 * recall, 2), "f1": round(100 * f1, 2), "gold": len(gold), "pred": len(pred)}


def score(gold: list[tuple], pred: list[tuple]) -> dict:
    """Exact-match scores overall and per label; items are (..., label) tuples."""
    gold_set, pred_set = set(gold), set(pred)
    labels = sorted({g[-1] for g in gold_set} | {p[-1] for p in pred_set}, key=lambda x: (LABEL_ORDER + (x,)).index(x))
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


def _overlaps(a: tuple, b: tuple) -> bool:
    """Same document and label, character ranges intersect; items are (doc, start, end, label)."""
    return a[0] == b[0] and a[3] == b[3] and a[1] < b[2] and b[1] < a[2]


def _lenient_row(gold: list[tuple], pred: list[tuple]) -> dict:
    """Precision counts predictions that overlap a gold item of their label; recall, gold items overlapped by one."""
    hit_pred = sum(any(_overlaps(p, g) for g in gold) for p in pred)
    hit_gold = sum(any(_overlaps(g, p) for p in pred) for g in gold)
    precision = hit_pred / len(pred) if pred else 0.0
    recall = hit_gold / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(100 * precision, 2), "recall": round(100 * recall, 2), "f1": round(100 * f1, 2), "gold": len(gold), "pred": len(pred)}


def score_overlap(gold: list[tuple], pred: list[tuple]) -> dict:
    """Lenient scores of character spans, overall and per label: (doc, start, end, label) items match
    when they overlap with the same label, so a span cut short or run long still counts."""
    gold, pred = sorted(set(gold)), sorted(set(pred))
    labels = sorted({g[-1] for g in gold} | {p[-1] for p in pred}, key=lambda x: (LABEL_ORDER + (x,)).index(x))
    result = {"overall": _lenient_row(gold, pred)}
    for label in labels:
        result[label] = _lenient_row([g for g in gold if g[-1] == label], [p for p in pred if p[-1] == label])
    return result

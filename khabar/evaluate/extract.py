"""``khabar eval extract``: score the quote, date and amount extractors
against the hand-annotated gold set (``tests/gold/*.json``, see its README).

Scores, per split (dev, heldout) and overall:

* quotes: precision and recall of the quoted span (exact, marks excluded);
  speaker accuracy over the gold quotes found (speaker strings compared after
  folding; empty = no speaker); names-as-quotes = predicted quotes that
  overlap a gold name/scare-quote span (target 0);
* dates: a gold date is correct when a predicted date overlaps its span with
  the same value; date precision = predicted dates overlapping some gold date;
  relative dates are resolved in the article's ``timezone`` (IANA name; UTC
  when absent); date_kind_accuracy = correct dates whose gold names a
  ``kind`` and the prediction has it;
* amounts: correct when an overlapping prediction has the same value
  (relative tolerance 1e-9) and unit; precision likewise.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from khabar.errors import UserError

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "tests" / "gold"


def load_gold(folder: Path) -> list[dict]:
    files = sorted(folder.glob("*.json"))
    if not files:
        raise UserError(f"no gold articles (*.json) in {folder}: pass --gold DIR")
    return [json.loads(p.read_text(encoding="utf-8")) for p in files]


def _locate(text: str, surface: str, n: int = 1) -> tuple[int, int]:
    pos = -1
    for _ in range(n):
        pos = text.find(surface, pos + 1)
        if pos < 0:
            raise ValueError(f"gold span {surface!r} (occurrence {n}) not in text")
    return pos, pos + len(surface)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_value(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-9)


class _Counts(dict):
    def add(self, key: str, n: int = 1) -> None:
        self[key] = self.get(key, 0) + n


def entities_for(arts: list[dict]) -> dict[str, list[dict]]:
    """Entities of the gold texts from the pipeline's own stages (needs the NER model)."""
    import pyarrow as pa

    from khabar.config import load_config
    from khabar.stages import entities_only, extract_documents

    cfg = load_config()
    docs = pa.table({"doc_id": [a["id"] for a in arts], "text": [a["text"] for a in arts]})
    out: dict[str, list[dict]] = {}
    for row in extract_documents(docs, entities_only(cfg))["entities"].to_pylist():
        out.setdefault(row["doc_id"], []).append(row)
    return out


def _score_dates(art: dict, c: _Counts, errors: list[str]) -> None:
    from khabar.extract.dates import find_dates

    text, tag = art["text"], art["id"]
    pred_d = find_dates(text, art.get("published_at"), art.get("timezone"))
    gold_d = [(_locate(text, d["text"], d.get("n", 1)), d["value"], d.get("kind")) for d in art["dates"]]
    c.add("dates_gold", len(gold_d))
    c.add("dates_pred", len(pred_d))
    for span, value, kind in gold_d:
        hits = [d for d in pred_d if _overlaps((d.start, d.end), span)]
        if any(d.value == value for d in hits):
            c.add("dates_ok")
            if kind is not None:
                c.add("kinds_gold")
                if any(d.value == value and d.kind == kind for d in hits):
                    c.add("kinds_ok")
                else:
                    errors.append(f"{tag} date kind {text[span[0]:span[1]]!r} gold {kind!r}, got {[d.kind for d in hits]}")
        else:
            errors.append(f"{tag} date {text[span[0]:span[1]]!r} gold {value!r}, got {[(d.text, d.value) for d in hits]}")
    _count_spurious(pred_d, [s for s, _, _ in gold_d], c, "dates_pred_ok", lambda d: f"{tag} spurious date: {d.text!r} -> {d.value!r}", errors)


def score_article(art: dict, errors: list[str], entities: list[dict] = ()) -> _Counts:
    from khabar.extract.amounts import find_amounts
    from khabar.extract.fold import fold_word
    from khabar.extract.quotes import find_quotes

    text = art["text"]
    c = _Counts()
    tag = art["id"]

    # quotes
    pred_q = find_quotes(text, entities)
    gold_q = [(_locate(text, q["text"], q.get("n", 1)), q["speaker"]) for q in art["quotes"]]
    pred_spans = {(q.start, q.end): q for q in pred_q}
    c.add("quotes_pred", len(pred_q))
    c.add("quotes_gold", len(gold_q))
    for span, speaker in gold_q:
        q = pred_spans.get(span)
        if q is None:
            errors.append(f"{tag} quote missed: {text[span[0]:span[1]][:60]!r}")
            continue
        c.add("quotes_tp")
        if fold_word((q.speaker or "").strip()) == fold_word(speaker.strip()):
            c.add("speaker_ok")
        else:
            errors.append(f"{tag} speaker: got {q.speaker!r}, gold {speaker!r} for {q.text[:40]!r}")
    gold_spans = {s for s, _ in gold_q}
    name_spans = []
    for name in art.get("names", []):
        pos = text.find(name)
        while pos >= 0:
            name_spans.append((pos, pos + len(name)))
            pos = text.find(name, pos + 1)
    for q in pred_q:
        if (q.start, q.end) in gold_spans:
            continue
        if any(_overlaps((q.start, q.end), s) and not any(_overlaps((q.start, q.end), g) for g in gold_spans) for s in name_spans):
            c.add("names_as_quotes")
            errors.append(f"{tag} name reported as quote: {q.text!r}")
        else:
            errors.append(f"{tag} spurious quote: {q.text[:60]!r}")

    _score_dates(art, c, errors)

    # amounts
    pred_a = find_amounts(text, art.get("source"))
    gold_a = [(_locate(text, a["text"], a.get("n", 1)), a["value"], a["unit"]) for a in art["amounts"]]
    c.add("amounts_gold", len(gold_a))
    c.add("amounts_pred", len(pred_a))
    for span, value, unit in gold_a:
        hits = [a for a in pred_a if _overlaps((a.start, a.end), span)]
        if any(_same_value(a.value, value) and a.unit == unit for a in hits):
            c.add("amounts_ok")
        else:
            errors.append(f"{tag} amount {text[span[0]:span[1]]!r} gold {value} {unit}, got {[(a.text, a.value, a.unit) for a in hits]}")
    _count_spurious(pred_a, [s for s, _, _ in gold_a], c, "amounts_pred_ok", lambda a: f"{tag} spurious amount: {a.text!r} -> {a.value} {a.unit}", errors)
    return c


def _count_spurious(predicted, gold_spans: list, c: "_Counts", counter: str, describe, errors: list[str]) -> None:
    """Count under ``counter`` the predictions overlapping a gold span; report the others with ``describe``."""
    for p in predicted:
        if any(_overlaps((p.start, p.end), s) for s in gold_spans):
            c.add(counter)
        else:
            errors.append(describe(p))


def _pct(a: int, b: int) -> float:
    return round(100.0 * a / b, 1) if b else 100.0


def summarise(c: dict) -> dict:
    g = c.get
    return {
        "articles": g("articles", 0),
        "quote_precision": _pct(g("quotes_tp", 0), g("quotes_pred", 0)),
        "quote_recall": _pct(g("quotes_tp", 0), g("quotes_gold", 0)),
        "speaker_accuracy": _pct(g("speaker_ok", 0), g("quotes_tp", 0)),
        "names_as_quotes": g("names_as_quotes", 0),
        "date_accuracy": _pct(g("dates_ok", 0), g("dates_gold", 0)),
        "date_precision": _pct(g("dates_pred_ok", 0), g("dates_pred", 0)),
        "date_kind_accuracy": _pct(g("kinds_ok", 0), g("kinds_gold", 0)),
        "amount_accuracy": _pct(g("amounts_ok", 0), g("amounts_gold", 0)),
        "amount_precision": _pct(g("amounts_pred_ok", 0), g("amounts_pred", 0)),
        "counts": {k: g(k, 0) for k in ("quotes_gold", "quotes_pred", "dates_gold", "dates_pred", "amounts_gold", "amounts_pred")},
    }


def evaluate(folder: Path, with_entities: bool = False) -> tuple[dict[str, dict], list[str]]:
    """Scores per split ('dev', 'heldout', 'all') and the list of errors."""
    arts = load_gold(folder)
    ents = entities_for(arts) if with_entities else {}
    totals: dict[str, _Counts] = {}
    errors: list[str] = []
    for art in arts:
        c = score_article(art, errors, ents.get(art["id"], []))
        c["articles"] = 1
        for split in (art.get("split", "dev"), "all"):
            acc = totals.setdefault(split, _Counts())
            for k, v in c.items():
                acc.add(k, v)
    return {split: summarise(c) for split, c in totals.items()}, errors

"""``khabar eval extract --realnews-quotes FILE``: quotes and speakers on real articles.

The file holds one JSON object per article: ``file`` (path under the data
folder), ``line`` (record index in that gzipped JSONL file), ``sha256`` (of
the record's ``content``, UTF-8) and ``quotes``, a list of
``[start, end, speakers]``: the code-point span of the quoted words (marks
excluded) and the spans of the mentions that name its speaker (empty: the
text names nobody). The text itself is never stored; it is read from the
data folder and refused when its hash changed. Guidelines:
docs/annotation/quotes-realnews.md.

Scores, over the gold quotes: *found* (a predicted quote overlaps it),
*exact* (same span), *speaker right* (found, and the predicted speaker names
the speaker: see :func:`speaker_matches`); over the predictions: *spurious*
(a predicted quote that overlaps no gold quote: a title, a name, a scare
quote read as speech).
"""

from __future__ import annotations

import datetime as dt
import re

from khabar import schemas
from khabar.errors import UserError
from khabar.evaluate.realnews import read_dev_set
from khabar.extract.fold import fold

_NOT_WORD = re.compile(r"[«»“”\"'،,.:؛;()\-–—]")


def read_quotes_realnews(path, data_dir) -> list[dict]:
    """The dev set's entries with their article ``text`` and ``doc_id`` (file:line); UserError on a bad entry."""
    entries = read_dev_set(path, data_dir, _quote_annotations, "quote dev-set")
    for entry in entries:
        _check_spans(entry)
    return entries


def _quote_annotations(obj: dict) -> dict:
    return {"quotes": [(int(s), int(end), [(int(a), int(b)) for a, b in spk]) for s, end, spk in obj["quotes"]]}


def _check_spans(e: dict) -> None:
    n = len(e["text"])
    for s, end, spk in e["quotes"]:
        if not 0 <= s < end <= n or any(not 0 <= a < b <= n for a, b in spk):
            raise UserError(f"{e['doc_id']}: bad span in quote ({s}, {end}) for a text of {n} characters")


def _words(text: str) -> list[str]:
    return fold(_NOT_WORD.sub(" ", text)).text.split()


def speaker_matches(predicted: str | None, gold: list[str]) -> bool:
    """Right when the text names nobody and nothing is predicted, or when the
    predicted speaker is a run of consecutive words of one gold mention that
    ends with the mention's last word (the name, or the head of an unnamed
    source: «عادل الجبير» or «الجبير» for «وزير الخارجية عادل الجبير», not
    «وزير الخارجية»), compared after folding."""
    if not gold:
        return not (predicted or "").strip()
    words = _words(predicted or "")
    if not words:
        return False
    for mention in gold:
        m = _words(mention)
        if len(words) <= len(m) and m[len(m) - len(words):] == words:
            return True
    return False


def predict(entries: list[dict], config: dict) -> dict[str, list[dict]]:
    """doc_id -> quote rows, as ``khabar run`` extracts them (entities on, dates and amounts off)."""
    from khabar.stages import extract_documents

    extract = {**config["extract"], "quotes": True, "dates": False, "amounts": False}
    now = dt.datetime.now(dt.timezone.utc)
    rows = [{"doc_id": e["doc_id"], "text": e["text"], "raw_path": e["file"], "raw_record": e["line"], "ingested_at": now}
            for e in entries]
    quotes = extract_documents(schemas.table_from_rows("documents", rows), {**config, "extract": extract})["quotes"]
    out: dict[str, list[dict]] = {}
    for row in quotes.to_pylist():
        out.setdefault(row["doc_id"], []).append(row)
    return out


def score_quotes(entries: list[dict], pred: dict[str, list[dict]]) -> tuple[dict, list[str]]:
    """The counts (gold, found, exact, speaker_right, predicted, spurious) and one line per error (terminal only)."""
    c = dict.fromkeys(("gold", "found", "exact", "speaker_right", "predicted", "spurious"), 0)
    errors = []
    for e in entries:
        text, rows = e["text"], pred.get(e["doc_id"], [])
        c["gold"] += len(e["quotes"])
        c["predicted"] += len(rows)
        for s, end, spk in e["quotes"]:
            hits = [r for r in rows if r["start"] < end and s < r["end"]]
            gold_names = [text[a:b] for a, b in spk]
            head = text[s : min(end, s + 40)].replace("\n", " ")
            if not hits:
                errors.append(f"{e['doc_id']}\tMISSED\t{head}…\tspeaker {gold_names}")
                continue
            c["found"] += 1
            c["exact"] += any(r["start"] == s and r["end"] == end for r in hits)
            best = next((r for r in hits if speaker_matches(r["speaker"], gold_names)), None)
            if best:
                c["speaker_right"] += 1
            else:
                errors.append(f"{e['doc_id']}\tSPEAKER\t{head}…\tgot {hits[0]['speaker']!r}, gold {gold_names}")
        for r in rows:
            if not any(r["start"] < end and s < r["end"] for s, end, _ in e["quotes"]):
                c["spurious"] += 1
                errors.append(f"{e['doc_id']}\tSPURIOUS\t{text[r['start']:r['start'] + 40]!r}\tspeaker {r['speaker']!r}")
    return c, errors


def evaluate_quotes_realnews(path, data_dir, config: dict) -> tuple[dict, list[str]]:
    entries = read_quotes_realnews(path, data_dir)
    counts, errors = score_quotes(entries, predict(entries, config))
    counts["articles"] = len(entries)
    return counts, errors

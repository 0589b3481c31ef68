"""``khabar eval segment --conllu FILE``: score segmentation against UD.

Runs the raw ``# text`` of every sentence through normalise + segment and
prints three scores (precision / recall / F1 over exact character spans):

* tokens: surface tokens. Gold surface tokens are the UD words glued by
  ``SpaceAfter=No`` where both sides hold letters (a clitic and its host);
  punctuation, symbols and numbers stand alone, as khabar tokenizes them.
* clitic segments: the UD words themselves, as ``segment.clitics`` splits
  them (builtin for ``none``; the camel backend's segment strings are laid
  on the word's letters, a word whose letters do not add up stays whole).
  UD does not split the article,
  so khabar's ``ال+`` is merged back into its stem before comparing; ل + ال
  (لل) then gives UD's ``ل`` + ``لسلطة``.
* sentence boundaries: sentences joined into paragraphs of
  ``--paragraph`` sentences, once with a space after each sentence and once
  with none (``.وأضاف``); scored on the boundaries inside paragraphs.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from khabar.evaluate.scorer import precision_recall_f1


class GoldSentence(NamedTuple):
    text: str
    words: list[tuple[int, int]]  # UD word spans in text
    tokens: list[tuple[int, int]]  # surface token spans in text


def _has_letter(form: str) -> bool:
    return any(ch.isalpha() for ch in form)


def read_conllu(path: Path) -> list[GoldSentence]:
    """Sentences with gold word and token spans aligned to ``# text``."""
    out: list[GoldSentence] = []
    text = None
    rows: list[tuple[str, bool]] = []

    def flush() -> None:
        if text is None or not rows:
            return
        words, tokens = _align(text, rows)
        out.append(GoldSentence(text, words, tokens))

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                flush()
                text, rows = None, []
            elif line.startswith("# text = "):
                text = line[len("# text = ") :]
            elif line.startswith("#"):
                continue
            else:
                cols = line.split("\t")
                if len(cols) < 10 or "-" in cols[0] or "." in cols[0]:
                    continue  # multiword ranges and empty nodes: the words follow
                rows.append((cols[1], "SpaceAfter=No" in cols[9]))
    flush()
    return out


def _align(text: str, rows: list[tuple[str, bool]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Word spans: each form is looked for at the cursor; a form that differs
    from the surface (عما for عن + ما) takes the letters up to the next word."""
    words: list[tuple[int, int]] = []
    cur = 0
    for i, (form, _) in enumerate(rows):
        while cur < len(text) and text[cur].isspace():
            cur += 1
        if text.startswith(form, cur):
            end = cur + len(form)
        else:
            nxt = rows[i + 1][0] if i + 1 < len(rows) else ""
            end = cur + 1
            while end < len(text) and not text[end].isspace() and not (nxt and text.startswith(nxt, end)):
                end += 1
        words.append((cur, min(end, len(text))))
        cur = min(end, len(text))
    tokens: list[tuple[int, int]] = []
    for i, (span, (form, no_space)) in enumerate(zip(words, rows)):
        glue = tokens and rows[i - 1][1] and _has_letter(rows[i - 1][0]) and _has_letter(form) and tokens[-1][1] == span[0]
        if glue:
            tokens[-1] = (tokens[-1][0], span[1])
        else:
            tokens.append(span)
    return words, tokens


def _ud_words(form: str, start: int, clitics=None) -> list[tuple[int, int]]:  # noqa: ANN001
    """khabar's clitic segments of one word token as UD words (article
    merged). ``clitics``: a non-builtin backend whose segments are laid on
    the form (None: the builtin segmenter)."""
    from khabar.segment.clitics import split_form

    labels = clitics.words([form])[0] if clitics is not None else None
    spans = []
    pending = None
    for a, b, label in split_form(form, labels=labels):
        if label == "ال+":
            pending = a if pending is None else pending
            continue
        if pending is not None:
            a, pending = pending, None
        spans.append((start + a, start + b))
    if pending is not None:
        spans.append((start + pending, start + len(form)))
    return spans


def evaluate(sentences: list[GoldSentence], norm_cfg: dict, seg_cfg: dict, paragraph: int = 5, errors: int = 0) -> dict:
    from khabar.normalise import normalise_text
    from khabar.segment import clitic_function, segment_text

    backend = seg_cfg["clitics"]
    other = clitic_function(seg_cfg, norm_cfg) if backend not in ("builtin", "none") else None
    gold_tok, pred_tok, gold_words, pred_words = set(), set(), set(), set()
    shown = 0
    for k, sent in enumerate(sentences):
        res = normalise_text(sent.text, norm_cfg)
        seg = segment_text(sent.text, res.text, res.map_norm, res.map_orig, seg_cfg, norm_cfg, None)
        starts, ends = seg.tok_start.tolist(), seg.tok_end.tolist()
        gold_tok.update((k, a, b) for a, b in sent.tokens)
        pred_tok.update((k, a, b) for a, b in zip(starts, ends))
        gold_words.update((k, a, b) for a, b in sent.words)
        mine = []
        for a, b, kind, form in zip(starts, ends, seg.kind, seg.form):
            mine.extend(_ud_words(form, a, other) if kind == "word" else [(a, b)])
        pred_words.update((k, a, b) for a, b in mine)
        if errors and shown < errors:
            gw = set(sent.words)
            for a, b, kind, form in zip(starts, ends, seg.kind, seg.form):
                if kind != "word" or (a, b) not in set(sent.tokens):
                    continue
                g = [sent.text[x:y] for x, y in sorted(gw) if a <= x and y <= b]
                p = [sent.text[x:y] for x, y in _ud_words(form, a, other)]
                if g != p and shown < errors:
                    print(f"  {form}: gold {' + '.join(g)}  khabar {' + '.join(p)}")
                    shown += 1
    name = f"clitics ({'builtin' if other is None else backend})"
    result = {"tokens": precision_recall_f1(gold_tok, pred_tok), name: precision_recall_f1(gold_words, pred_words)}
    for name, sep in (("sentences (space)", " "), ("sentences (no space)", "")):
        result[name] = _sentence_scores(sentences, norm_cfg, seg_cfg, paragraph, sep)
    return result


def _sentence_scores(sentences: list[GoldSentence], norm_cfg: dict, seg_cfg: dict, paragraph: int, sep: str) -> tuple[float, float, float]:
    from khabar.normalise import normalise_text
    from khabar.segment import segment_text

    gold, pred = set(), set()
    for p, i in enumerate(range(0, len(sentences), paragraph)):
        group = [s.text.strip() for s in sentences[i : i + paragraph]]
        text = sep.join(group)
        pos = 0
        for g in group[:-1]:
            pos += len(g)
            gold.add((p, pos))
            pos += len(sep)
        res = normalise_text(text, norm_cfg)
        seg = segment_text(text, res.text, res.map_norm, res.map_orig, seg_cfg, norm_cfg, None)
        pred.update((p, int(e)) for e in seg.sent_end.tolist()[:-1])
    return precision_recall_f1(gold, pred)

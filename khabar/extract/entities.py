"""Named entities: tag the tokens of each sentence, turn tags into mentions with canonical ids.

Mention spans: a mention covers its tokens (start of the first, end of the
last), minus a proclitic glued to the first token when the rest is clearly the
name (``وبيروت`` -> span on ``بيروت``), so that ``text`` reads as the name
itself; the ANERcorp evaluation maps spans back to gold words by overlap, so
the trim does not change scores. Titles before a person (``الرئيس``) are not
part of the mention; they go to ``role`` (see :mod:`khabar.extract.canonical`).
"""

from __future__ import annotations

from itertools import groupby

import pyarrow as pa

from khabar import schemas
from khabar.extract import canonical as canon
from khabar.extract.ner_crf import spans_from_bio
from khabar.extract.ner_features import strip_proclitics


def extract_entities(documents: pa.Table, sentences: pa.Table, tokens: pa.Table, cfg: dict) -> pa.Table:
    """ENTITIES rows (without run_id) for the documents of one shard."""
    backend = _backend(cfg)
    texts = dict(zip(documents.column("doc_id").to_pylist(), documents.column("text").to_pylist()))
    if tokens.num_rows == 0:
        return schemas.empty("entities")
    cols = {name: tokens.column(name).to_pylist() for name in ("doc_id", "sent_idx", "tok_idx", "start", "end", "form")}
    rows_by_doc: dict[str, list[int]] = {}
    for i, doc_id in enumerate(cols["doc_id"]):
        rows_by_doc.setdefault(doc_id, []).append(i)

    # Per document: sentences as lists of token row numbers, in order.
    doc_ids, doc_sents = [], []
    for doc_id in texts:
        rows = rows_by_doc.get(doc_id)
        if not rows:
            continue
        rows.sort(key=lambda i: cols["tok_idx"][i])
        doc_ids.append(doc_id)
        doc_sents.append([list(g) for _, g in groupby(rows, key=lambda i: cols["sent_idx"][i])])

    forms = cols["form"]
    tagged = backend.tag_documents([[[forms[i] for i in sent] for sent in sents] for sents in doc_sents])
    out = []
    for doc_id, sents, doc_tags in zip(doc_ids, doc_sents, tagged):
        out += _mentions(doc_id, texts[doc_id], sents, doc_tags, cols, backend.names)
    return schemas.table_from_rows("entities", out)


def _mentions(doc_id: str, text: str, sents: list[list[int]], doc_tags: list, cols: dict, names) -> list[dict]:
    forms, starts, ends = cols["form"], cols["start"], cols["end"]
    mentions = []
    for sent, (tags, probs) in zip(sents, doc_tags):
        words = [forms[i] for i in sent]
        for a, b, label in spans_from_bio(tags):
            if is_month_in_date(words, a, b):
                continue
            score = sum(probs[a:b]) / (b - a)
            role_start = None
            if label == "PER":
                titles = canon.leading_titles(words[a:b])
                before = canon.role_length(words[max(0, a - canon.MAX_ROLE_WORDS) : a])
                if before or titles:
                    role_start, role_end = a - before, a + titles
                a += titles
            first = sent[a]
            trim, first_name = canon.proclitic_length(forms[first], names)
            start, end = starts[first] + trim, ends[sent[b - 1]]
            rest = text[ends[first] : end]
            mention = {
                "doc_id": doc_id,
                "sent_idx": cols["sent_idx"][first],
                "start": start,
                "end": end,
                "text": text[start:end],
                "label": label,
                "canonical": canon.light(first_name + rest),
                "role": _role(text, sent, role_start, role_end, starts, ends) if role_start is not None else None,
                "score": round(float(score), 4),
            }
            mentions.append(mention)
    canon.link_short_forms(mentions)
    for idx, m in enumerate(mentions):
        m["mention_idx"] = idx
        m["entity_id"] = canon.entity_id(m["label"], m["canonical"])
    return mentions


# Month names that are also names (نيسان the carmaker, رمضان, رجب, شعبان the men):
# next to a number they are dates, never entities.
MONTHS = {
    canon.norm(m)
    for m in """كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين يناير فبراير مارس أبريل إبريل مايو يونيو
يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر محرم صفر ربيع جمادى رجب شعبان رمضان شوال""".split()
}


def is_month_in_date(words: list[str], a: int, b: int) -> bool:
    """A one-word mention that is a month name with a number or another month name
    at most two words away (``12 أيار 2015``, ``مايو (أيار) الماضي``)."""
    if b - a != 1 or _month(words[a]) is False:
        return False
    for j in (a - 2, a - 1, b, b + 1):
        if 0 <= j < len(words) and (any(ch.isdigit() for ch in words[j]) or _month(words[j])):
            return True
    return False


def _month(word: str) -> bool:
    w = canon.norm(word)
    return w in MONTHS or strip_proclitics(w)[1] in MONTHS


def _role(text: str, sent: list[int], a: int, b: int, starts: list, ends: list) -> str:
    role = canon.light(text[starts[sent[a]] : ends[sent[b - 1]]])
    # a conjunction glued to the title (والرئيس) is not part of the role
    if role[:1] in ("و", "ف") and canon.norm(role.split()[0][1:]) in canon.ROLE_HEADS:
        role = role[1:]
    return role


def _backend(cfg: dict):
    from khabar.cli import UserError

    name = cfg.get("backend", "crf")
    if name == "crf":
        from khabar.extract.ner_crf import load_model

        return load_model(cfg.get("model", "") or "")
    if name == "camel":
        from khabar.extract.ner_camel import load_camel

        return load_camel(cfg.get("model", "") or "", int(cfg.get("batch_size", 32)))
    raise UserError(f"unknown extract.ner.backend {name!r}: use 'crf' or 'camel'")

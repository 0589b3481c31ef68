"""Named entities: tag the tokens of each sentence, turn tags into mentions with canonical ids.

Mention spans: a mention covers its tokens (start of the first, end of the
last), minus a proclitic glued to the first token when the rest is clearly the
name (``وبيروت`` -> span on ``بيروت``), so that ``text`` reads as the name
itself; the ANERcorp evaluation maps spans back to gold words by overlap, so
the trim does not change scores. Titles before a person (``الرئيس``) are not
part of the mention; they go to ``role`` (see :mod:`khabar.extract.canonical`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import compress, groupby

import pyarrow as pa

from khabar import schemas
from khabar.extract import canonical as canon
from khabar.extract import lexicon, person_spans
from khabar.extract.fold import fold_word
from khabar.ner.tags import spans_from_bio
from khabar.ner.features import strip_proclitics
from khabar.ner.spans import repair_tagged
from khabar.ner.name_lists import one_word_organisations


CHUNK_DOCS = 200  # documents converted to Python and tagged at a time: bounds memory on big shards

# An outlet's footer after the story, «رابط الخبر بصحيفة الوئام: <the story's title>»:
# the outlet named there is no mention of the story (Al-Weeam was the day's
# second ORG, once in each of its 568 articles); the title's names are the
# story's and stay.
_LINK_FOOTER = re.compile(r"رابط الخبر[ \t]{1,3}(?:ب|في[ \t])?(?:صحيفة|موقع)[ \t]{1,3}[^\s:]{1,30}(?:[ \t][^\s:]{1,30})?[ \t]{0,3}:")
_FOOTER_REACH = 400  # characters from the footer to the end of the text, at most


def link_footer(text: str) -> tuple[int, int]:
    """The span of an outlet's link footer (up to its colon) if one ends the text; else an empty span at the end."""
    for match in _LINK_FOOTER.finditer(text, max(0, len(text) - _FOOTER_REACH - 80)):
        if len(text) - match.end() <= _FOOTER_REACH:
            return match.span()
    return len(text), len(text)


def extract_entities(documents: pa.Table, sentences: pa.Table, tokens: pa.Table, cfg: dict) -> pa.Table:
    """ENTITIES rows (without run_id) for the documents of one shard."""
    backend = _backend(cfg)
    if tokens.num_rows == 0:
        return schemas.empty("entities")
    doc_ids = documents.column("doc_id").to_pylist()
    texts = documents.column("text")
    tokens = _by_document(tokens, doc_ids)
    bounds = _bounds(tokens, doc_ids)
    out = []
    for c in range(0, len(doc_ids), CHUNK_DOCS):
        chunk = [(i, doc_ids[i]) for i in range(c, min(c + CHUNK_DOCS, len(doc_ids))) if bounds[i][1] > bounds[i][0]]
        if not chunk:
            continue
        lo, hi = bounds[chunk[0][0]][0], bounds[chunk[-1][0]][1]
        part = tokens.slice(lo, hi - lo)
        cols = {name: part.column(name).to_pylist() for name in ("sent_idx", "start", "end", "form")}
        # Per document: sentences as lists of token row numbers (within the chunk), in order.
        doc_sents = []
        for i, _ in chunk:
            rows = range(bounds[i][0] - lo, bounds[i][1] - lo)
            doc_sents.append([list(g) for _, g in groupby(rows, key=cols["sent_idx"].__getitem__)])
        forms = cols["form"]
        cols["says"] = saying_rows(forms)
        # the words of each sentence, built once: the tagger and the post-processing both read them
        doc_words = [[[forms[k] for k in sent] for sent in sents] for sents in doc_sents]
        tagged = backend.tag_documents(doc_words)
        tagged = repair_tagged(forms, doc_sents, tagged, backend.names, one_word_organisations()) if cfg["span_rules"] else tagged
        for (i, doc_id), sents, doc_tags, words in zip(chunk, doc_sents, tagged, doc_words):
            out += _mentions(doc_id, texts[i].as_py(), (sents, words), doc_tags, cols, backend.names, cfg["drop_currencies_and_god"], cfg["facilities_as_places"])
    return schemas.table_from_rows("entities", out)


def _by_document(tokens: pa.Table, doc_ids: list[str]) -> pa.Table:
    """Tokens ordered by document (in ``doc_ids`` order), then tok_idx; other documents' tokens dropped."""
    import numpy as np
    import pyarrow.compute as pc

    position = pc.index_in(tokens.column("doc_id"), value_set=pa.array(doc_ids, pa.string()))
    keep = pc.is_valid(position)
    if not pc.all(keep).as_py():
        tokens, position = tokens.filter(keep), position.filter(keep)
    doc_pos = np.asarray(position.to_numpy(zero_copy_only=False), dtype=np.int64)
    tok_idx = tokens.column("tok_idx").to_numpy()
    order = np.lexsort((tok_idx, doc_pos))
    if not np.all(order[1:] > order[:-1]):  # already in order in the usual case: no copy
        tokens = tokens.take(pa.array(order))
    return tokens.append_column("_doc", pa.array(doc_pos[order]))


def _bounds(tokens: pa.Table, doc_ids: list[str]) -> list[tuple[int, int]]:
    """(first row, last row + 1) of each document's tokens in the ordered table."""
    import numpy as np

    doc_pos = tokens.column("_doc").to_numpy()
    idx = np.arange(len(doc_ids))
    starts = np.searchsorted(doc_pos, idx, side="left")
    ends = np.searchsorted(doc_pos, idx, side="right")
    return list(zip(starts.tolist(), ends.tolist()))


def _mentions(doc_id: str, text: str, doc: tuple, doc_tags: list, cols: dict, names, drop_never: bool = True, facilities: bool = True) -> list[dict]:
    """The mentions of one document; ``doc`` is (its sentences as token rows, their words)."""
    sents, sent_words = doc
    mentions = []
    # most sentences are all O: no spans to read or repair (both would return none)
    repaired = [person_spans.repair(words, spans_from_bio(tags), names, facilities) if tags.count("O") < len(tags) else [] for words, (tags, _) in zip(sent_words, doc_tags)]
    repaired = surnames_after_saying(sents, repaired, cols["form"], cols.get("says"))
    known = _person_words(sents, repaired, cols["form"])
    footer_start, footer_end = link_footer(text)
    for sent, (tags, probs), found, words in zip(sents, doc_tags, repaired, sent_words):
        prev_end = 0  # a role never reaches back into the mention before it
        for a, b, label in person_spans.split_coordination(words, found, known, names):
            if footer_start <= cols["start"][sent[a]] < footer_end or is_month_in_date(words, a, b) or (drop_never and is_never_an_entity(words, a, b)) or is_never_a_person(words, a, b, label) \
                    or is_sector_adjective(words, a, b):
                prev_end = b
                continue
            mentions.append(_mention(doc_id, text, sent, words, (a, b, label, prev_end), sum(probs[a:b]) / (b - a), cols, names))
            prev_end = b
    canon.retrim_clitics(mentions, text, person_spans.HEAD_WORDS, names)
    canon.join_split_names(mentions, text, names)
    canon.resolve_titles(mentions)
    canon.link_short_forms(mentions)
    canon.separate_homonyms(mentions)
    for idx, m in enumerate(mentions):
        m["mention_idx"] = idx
        m["entity_id"] = canon.entity_id(m["label"], m["canonical"])
    return mentions


# Verbs of saying, bare or after و/ف, whose subject is the word after them (وأكد السوداني).
_SAYING = frozenset(fold_word(v) for v in lexicon.REPORTING_VERBS)


def _says_uncached(word: str) -> bool:
    return fold_word(word) in _SAYING or (len(word) > 3 and word[0] in "وف" and fold_word(word[1:]) in _SAYING)


class _SaysMemo(dict):
    """word -> :func:`_says_uncached`: asked of every token of the documents that name a person in
    full (~1M a day, ~110k types). A dict hit is a third of an lru_cache hit, which also reorders its
    list; the memo is emptied when full instead (1 << 16 types thrashed an LRU of that size)."""

    def __missing__(self, word: str) -> bool:
        if len(self) >= 1 << 18:
            self.clear()
        found = self[word] = _says_uncached(word)
        return found


_says = _SaysMemo().__getitem__


def saying_rows(forms: list[str]) -> list[int]:
    """The positions in ``forms`` of the verbs of saying, ascending: found once for a chunk's tokens, at C speed (map, compress)."""
    return list(compress(range(len(forms)), map(_says, forms)))


def surnames_after_saying(sents: list[list[int]], found: list[list[tuple]], forms: list[str], says: list[int] | None = None) -> list[list[tuple]]:
    """``found`` (spans per sentence) plus the untagged surnames of the document right after a verb of saying.

    A surname repeated alone as the subject of قال/أكد (وأكد السوداني after محمد شياع السوداني)
    is that person; a tagger reading the sentence alone misses the ones that are also words
    (السوداني "the Sudanese"). Only the last word of a person named in two words or more counts.
    Each sentence is a run of consecutive rows, so its verbs are a slice of ``says``
    (:func:`saying_rows` of ``forms``: the caller finds them once per chunk)."""
    surnames = {canon.norm(forms[sent[b - 1]]) for sent, spans in zip(sents, found) for a, b, label in spans if label == "PER" and b - a >= 2}
    if not surnames:
        return found
    says = saying_rows(forms) if says is None else says
    out = []
    for sent, spans in zip(sents, found):
        first = sent[0] if sent else 0  # the words right after the verbs before the sentence's last word
        after = [k - first + 1 for k in says[bisect_left(says, first) : bisect_left(says, first + len(sent) - 1)]]
        added = []
        if after:
            covered = {i for a, b, _ in spans for i in range(a, b)}
            added = [(i, i + 1, "PER") for i in after if i not in covered and i - 1 not in covered and canon.norm(forms[sent[i]]) in surnames]
        out.append(sorted(spans + added) if added else spans)
    return out


def _person_words(sents: list[list[int]], found: list[list[tuple]], forms: list[str]) -> dict[str, int]:
    """Normalised word -> how often it is in a person span of the document (for split_coordination)."""
    counts: dict[str, int] = {}
    for sent, spans_ in zip(sents, found):
        for a, b, label in spans_:
            if label == "PER":
                for i in sent[a:b]:
                    w = canon.norm(forms[i])
                    counts[w] = counts.get(w, 0) + 1
    return counts


def _mention(doc_id: str, text: str, sent: list[int], words: list[str], span: tuple, score: float, cols: dict, names) -> dict:
    """One mention row (without mention_idx and entity_id) for the tagger span ``span`` = (a, b, label, prev_end)."""
    forms, starts, ends = cols["form"], cols["start"], cols["end"]
    a, b, label, prev_end = span
    role_start = None
    title = label == "PER" and canon.title_only(words[a:b])
    if label == "PER" and not title:
        titles = canon.leading_titles(words[a:b])
        before = canon.role_length(words[max(prev_end, a - canon.MAX_ROLE_WORDS) : a])
        if before or titles:
            role_start, role_end = a - before, a + titles
        a += titles
    first, last = sent[a], sent[b - 1]
    cut = person_spans.glued_time(forms[last], names)  # بلاترأمس: the time word is not part of the name
    if cut and canon.norm(text[ends[last] - cut : ends[last]]) != canon.norm(forms[last][-cut:]):
        cut = 0  # the token's text is not its form: leave it whole
    trim, first_name = canon.proclitic_length(forms[first][:-cut] if cut and first == last else forms[first], names)
    start, end = starts[first] + trim, ends[last] - cut
    rest = text[ends[first] : end] if first != last else ""
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
    if title:
        mention["_title"] = True
    return mention


# «حسن» before these is "good" (مبادئ حسن الجوار، حسن النية), not the given name: the tagger took 15 of them for
# a person on 2015-07-21, and the article's حسن روحاني took them in. Normalised as canon.norm spells them.
_GOOD_MANNERS = frozenset(canon.norm(w) for w in "الجوار الجيرة النية نية الظن التعامل الخلق الأخلاق السير الحظ الأداء الضيافة الاستقبال التدبير السلوك الخاتمة التصرف الإدارة".split())


def is_never_a_person(words: list[str], a: int, b: int, label: str) -> bool:
    """A one-word person of two letters or fewer is a pronoun or particle the tagger took (لي in قال لي);
    ``حسن`` before a word of manner (حسن الجوار، حسن النية) is "good", no حسن."""
    if label != "PER" or b - a != 1:
        return False
    w = canon.norm(words[a])
    if len(w) <= 2:
        return True
    return strip_proclitics(w)[1] == "حسن" and b < len(words) and canon.norm(words[b]).strip(".،,") in _GOOD_MANNERS


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


# One-word mentions that are not entities for an analyst: currencies and the
# name of God in formulas (إن شاء الله، رحمه الله). ANERcorp tags them MISC
# (دولار 107 times, الله 48), so the model finds them, and on SaudiNewsNet they
# topped entity_daily (الله 1,115 mentions on one day, دولار and ريال in the
# top ten). Dropped when extract.ner.drop_currencies_and_god is on (default);
# `khabar eval ner` turns it off to score the tagger on ANERcorp's own
# convention. Longer mentions keep them: ريال مدريد، عبد الله، حزب الله.
NEVER_ALONE = {
    canon.norm(w)
    for w in """الله دولار دولارا دولارات ريال ريالا ريالات يورو جنيه جنيها جنيهات دينار دينارا دنانير درهم دراهم
ليرة ليرات ين يوان روبل روبية فرنك استرليني""".split()
}


def is_never_an_entity(words: list[str], a: int, b: int) -> bool:
    if b - a != 1:
        return False
    core = strip_proclitics(canon.norm(words[a]))[1]
    return core in NEVER_ALONE or (core.startswith("ال") and core[2:] in NEVER_ALONE)


# «القطاع الأهلي» is the private sector, «القطاع الخاص»'s synonym, not the club الأهلي.
_SECTOR = frozenset(canon.norm(w) for w in ("القطاع", "قطاع"))
_PRIVATE = canon.norm("الأهلي")


def is_sector_adjective(words: list[str], a: int, b: int) -> bool:
    """The one word الأهلي right after قطاع: the adjective "private", no organisation."""
    return b - a == 1 and a > 0 and strip_proclitics(canon.norm(words[a]))[1] == _PRIVATE \
        and strip_proclitics(canon.norm(words[a - 1]))[1] in _SECTOR


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
    from khabar.errors import UserError

    name = cfg["backend"]
    if name == "crf":
        from khabar.ner.crf import load_model

        return load_model(cfg["model"])
    if name == "neural":
        from khabar.ner.neural import load_neural

        return load_neural(cfg["model"])
    if name == "camel":
        from khabar.ner.camel import load_camel

        return load_camel(cfg["model"], cfg["batch_size"])
    if name == "ensemble":
        from khabar.ner.ensemble import load_ensemble

        return load_ensemble(cfg["model"])
    raise UserError(f"unknown extract.ner.backend {name!r}: use 'crf', 'neural', 'ensemble' or 'camel'")

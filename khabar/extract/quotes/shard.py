"""find_quotes over one text, and extract_quotes / quote_rows over a shard's documents and entities."""

from __future__ import annotations

import re
from typing import Sequence

from khabar import schemas
from khabar.extract.agreement import verb_gender
from khabar.extract.title_holders import REACH as TITLE_REACH, holder_before
from khabar.extract.quotes.carry import (
    _agreeing, _answer_continues, _continued_after, _goes_on_from_quote, _kin_in_sentence, _long_lead_person, _named_inside,
    _owner_carried, _previous_quote_speaker, _quoted_saying, _reported_before, _reported_clause_speaker, _same_sentence_continues,
    _saying_holder, _standalone_continues, _unattributed_term, _untagged_title_subject,
)
from khabar.extract.fold import fold
from khabar.extract.quotes.cues import _MARKS, _NAQL_VERBS
from khabar.extract.quotes.dialogue import _Dialogue
from khabar.extract.quotes.ids import _entity_for
from khabar.extract.quotes.reading import _Reading
from khabar.extract.quotes.records import Quote, _Speaker, _Speech
from khabar.extract.quotes.spans import _complete_name, _names_nobody, _opens_with_preposition, _trim_speaker, _unglued
from khabar.extract.quotes.speakers import (
    _action_subject, _attribution_after, _colon_person, _person_before, _resolve, _scripture, _sole_speaker,
    _source_before, _spoken_to, _topic_person, _verb_before, _writing_of,
)
from khabar.extract.quotes.subjects import _nobody_speaks


def find_quotes(text: str, entities: Sequence = ()) -> list[Quote]:
    """Direct quotes of ``text`` with speakers. ``entities``: rows (dicts or
    objects) with start, end, label, entity_id in original offsets."""
    fd = fold(text)
    if not _MARK_OR_COLON.search(fd.text):
        return []  # speech is read from marks (a pair) or a colon (speech without marks): a text with neither has none
    r = _Reading(text, entities, fd)
    out: list[Quote] = []
    prev_end = 0
    prev_speaker: _Speaker | None = None
    prev_unclosed_end = -1
    dialogue = _Dialogue(r)
    for q in r.speech:
        if q.speaker:
            r.spoken.add(q.speaker)  # a later وأضاف continues it
        found = ((None, q.speaker) if q.speaker else _named_inside(r, q) or _scripture(r, q.mark) or _writing_of(r, q.mark)
                 or _verb_before(r, q.mark, prev_end, prev_speaker)
                 or _source_before(r, q.mark, prev_end) or _attribution_after(r, q.after))
        if found and found[0]:
            found = (found[0], _quoted_saying(r, found[0], q.mark) or found[1])  # (ذاكراً قول الفيصل «…»: the king's)
        if found:
            verb_span, speaker = found
            speaker = _goes_on_from_quote(r, verb_span, prev_end, prev_speaker) or speaker
        else:
            verb_span = None
            # a quote opening the paragraph after an unclosed one continues it,
            # and so does one that follows a closed quote with nothing between
            # («…». «…»)
            continues = (prev_unclosed_end >= 0 and r.t[prev_unclosed_end : q.mark].strip() == "") or (
                prev_end and _ONLY_BREAK.fullmatch(r.t, prev_end, q.mark))
            speaker = prev_speaker if continues else (
                _colon_person(r, q.mark) or _reported_clause_speaker(r, q.mark, prev_end, prev_speaker)
                or _same_sentence_continues(r, q.mark, prev_end, prev_speaker) or _standalone_continues(r, q)
                or _answer_continues(r, q.mark, prev_end, prev_speaker))
        speaker = _resolve(r, speaker)
        owner = None
        if speaker and _names_nobody(r, speaker) and _entity_for(r.t, speaker.start, speaker.end, r.ents) is None:
            owner = _owner_carried(r, speaker, verb_span)
            speaker = None  # (فكرتها، بين زملائه: no one; the person the sentence is about, if any, below)
        if speaker is None and verb_span:
            speaker = _resolve(r, _person_before(r, verb_span[0]) or _topic_person(r, verb_span))
        if speaker is None and verb_span and not _nobody_speaks(r.t, *verb_span):
            speaker = (_kin_in_sentence(r, verb_span)
                       or _sole_speaker(r, verb_span[0], verb_gender(r.t[verb_span[0] : verb_span[1]]) or "?")
                       or _continued_after(r, q.after, verb_span) or _previous_quote_speaker(r, verb_span, prev_end, prev_speaker)
                       or _long_lead_person(r, verb_span) or _untagged_title_subject(r, verb_span)
                       or _action_subject(r, verb_span, r.spoken.before(verb_span[0]) or prev_speaker)
                       or _reported_before(r, verb_span) or owner)
        if speaker and verb_span and _spoken_to(r, speaker, verb_span):
            speaker = None
        if speaker and verb_span and speaker != r.subjects.get(verb_span[0]) and r.t[verb_span[0] : verb_span[1]] not in _NAQL_VERBS:
            speaker = _agreeing(r, speaker, verb_span) or _previous_quote_speaker(r, verb_span, prev_end, prev_speaker)
        if speaker is None and verb_span is None and _unattributed_term(r.t[q.start : q.end]):
            continue  # (وصفها بأنها «رجعية»، اسم المقهى بأنه «مقهى المعقدين»: a label, no one's words)
        speaker = dialogue.turn(verb_span, speaker, prev_end, q.mark)
        prev_end = q.after
        prev_speaker = speaker
        prev_unclosed_end = q.raw_end if not q.closed else -1
        out.append(_quote(r, q, speaker, verb_span))
    return out


_MARK_OR_COLON = re.compile(_MARKS.pattern[:-1] + ":]")  # (the marks _pairs reads, and a colon)
_ONLY_BREAK = re.compile(r"[\s.،,]{0,8}")


def _quote(r: _Reading, q: _Speech, speaker: _Speaker | None, verb_span: tuple[int, int] | None) -> Quote:
    """The quote in original offsets."""
    fd, text = r.fd, r.text
    qs, qe = fd.orig(q.start), fd.orig(q.end)
    if speaker and _opens_with_preposition(r, speaker.start):
        speaker = None  # «إلى الزمالك»: a tagger's span from a prepositional phrase names no speaker
    if speaker:
        speaker = _complete_name(r, _saying_holder(r, _unglued(r, _trim_speaker(r, speaker))))
        ent = _entity_for(r.t, speaker.start, speaker.end, r.ents)
        if ent is None:  # a title alone (وقال وزير الآثار): the one the article named with it
            held = holder_before(r.t, speaker.start, speaker.end, r.ents.starting(max(0, speaker.start - TITLE_REACH), speaker.start),
                                 r.in_speech)
            if held:
                speaker = speaker._replace(start=held[0], end=held[1])
                ent = _entity_for(r.t, speaker.start, speaker.end, r.ents)
        if ent is None and _names_nobody(r, speaker):  # (ent first: it is known here)
            speaker = None  # (… بين زملائه، شيئا، تعبيره: a phrase of the clause, no one who speaks)
    if speaker:
        ss, se = fd.orig(speaker.start), fd.orig(speaker.end)
        sp_text = text[ss:se]
    else:
        ss = se = sp_text = ent = None
    verb = text[fd.orig(verb_span[0]) : fd.orig(verb_span[1])] if verb_span else None
    return Quote(qs, qe, text[qs:qe], sp_text, ent, ss, se, verb)


def extract_quotes(documents, sentences, tokens, entities, cfg) -> "schemas.pa.Table":
    """QUOTES rows for a shard: quotes found in ``documents.text``; speakers
    linked to ``entities`` (PER, else ORG) when that table has rows."""
    if not cfg["quotes"]:
        return schemas.empty("quotes")
    by_doc = entities_by_document(entities)
    rows = []
    for doc_id, text in zip(documents.column("doc_id").to_pylist(), documents.column("text").to_pylist()):
        rows += quote_rows(doc_id, text, by_doc.get(doc_id, ()))
    return schemas.table_from_rows("quotes", rows)


def entities_by_document(entities) -> dict[str, list[dict]]:
    """doc_id -> its entity rows (the columns find_quotes reads), in table order."""
    by_doc: dict[str, list[dict]] = {}
    if entities is not None and entities.num_rows:
        for row in entities.select(["doc_id", "start", "end", "label", "entity_id"]).to_pylist():
            by_doc.setdefault(row["doc_id"], []).append(row)
    return by_doc


def quote_rows(doc_id: str, text: str | None, ents: Sequence) -> list[dict]:
    """QUOTES rows of one document."""
    return [{"doc_id": doc_id, "quote_idx": i, "start": q.start, "end": q.end, "text": q.text,
             "speaker": q.speaker, "speaker_entity_id": q.speaker_entity_id,
             "speaker_start": q.speaker_start, "speaker_end": q.speaker_end, "verb": q.verb}
            for i, q in enumerate(find_quotes(text or "", ents))]

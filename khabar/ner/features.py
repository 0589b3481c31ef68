"""CRF features for Arabic named entities, computed once per word type.

News text repeats its word types heavily (a day of SaudiNewsNet has ~9 tokens
per type), so every feature that depends on one word only is computed once
per type and memoised; a token's feature list is then the concatenation of
its own list and its neighbours' context lists. That keeps feature
extraction, the bottleneck of a CRF tagger in Python, at a few microseconds
per token.

Words are normalised here rather than taken from the tokens table's ``norm``
column so that training (ANERcorp words) and tagging (segmenter tokens) see
exactly the same function whatever the normalise configuration.
"""

from __future__ import annotations

import re

from khabar.arabic import (
    ALEF_MAQSURA,
    CONJUNCTION_PROCLITICS,
    DIGIT_FOLD,
    HAMZA_TO_YEH,
    LETTER_FOLD,
    NER_DROPPED,
    PREPOSITION_PROCLITICS,
    YEH,
    char_class,
)

_DROP = dict.fromkeys(map(ord, NER_DROPPED))
_MAP = str.maketrans({**LETTER_FOLD, **DIGIT_FOLD})

_ARABIC = re.compile(f"[{char_class(HAMZA_TO_YEH)}]")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")


def norm(word: str) -> str:
    """Dediacritised, tatweel-free, alef/ya/teh-marbuta-unified, ASCII digits."""
    return word.translate(_DROP).translate(_MAP)


def written_form(word: str, normed: str | None = None) -> str:
    """``norm(word)`` with a final alef maqsura kept as written: ``على`` stays ``على``, ``علي`` stays ``علي``.

    ``norm`` folds ى into ي, so the preposition على and the given name علي
    are one word to every other feature; the written letter tells them apart
    in text that writes ى (ANERcorp mostly does: 1,445 على against 233
    prepositions written علي; the name is written علي 44 times of 45). ``normed``: ``norm(word)`` if known.
    """
    w = norm(word) if normed is None else normed
    return w[:-1] + ALEF_MAQSURA if w.endswith(YEH) and word.translate(_DROP).endswith(ALEF_MAQSURA) else w


def folded_form(form: str) -> str:
    """The ``norm`` spelling of a ``written_form``."""
    return form[:-1] + YEH if form.endswith(ALEF_MAQSURA) else form


def strip_proclitics(w: str) -> tuple[str, str]:
    """Split a normalised word into (proclitics, rest): ``وبالعراق`` -> (``وب``, ``العراق``).

    Conjunction و/ف, then preposition ب/ل/ك; ``لل`` is ل + ال with the alef
    elided, so its rest gets the ``ال`` back. A clitic is only split off when
    at least three letters remain, which keeps short names whole; longer names
    that begin with these letters (بغداد) are split too; callers that need
    certainty check the rest against a lexicon.
    """
    prefix = ""
    rest = w
    if len(rest) >= 4 and rest[0] in CONJUNCTION_PROCLITICS:
        prefix, rest = rest[0], rest[1:]
    if len(rest) >= 4 and rest.startswith("لل"):
        return prefix + "ل", "ا" + rest[1:]
    if len(rest) >= 4 and rest[0] in PREPOSITION_PROCLITICS:
        prefix, rest = prefix + rest[0], rest[1:]
    return prefix, rest


def proclitic_splits(w: str) -> list[tuple[str, str]]:
    """Every (proclitics, rest) reading of a normalised word, shortest prefix first, the whole word excluded."""
    splits = []
    for conj in ("", *CONJUNCTION_PROCLITICS):
        if conj and not w.startswith(conj):
            continue
        after = w[len(conj) :]
        if conj and len(after) >= 3:
            splits.append((conj, after))
        if len(after) >= 4 and after.startswith("لل"):
            splits.append((conj + "ل", "ا" + after[1:]))
        elif len(after) >= 4 and after[0] in PREPOSITION_PROCLITICS:
            splits.append((conj + after[0], after[1:]))
    # Already shortest prefix first: a word opening with و/ف has no split in the bare pass (neither letter
    # is a preposition nor opens لل), so the splits come from one pass, the conjunction alone before it with a preposition.
    return splits


def key_of(w: str) -> str:
    """``Featurizer.key`` of a word spelled ``w`` (``Featurizer.key_spelling``): proclitics off; "" for symbols and single letters."""
    return strip_proclitics(w)[1] if shape(w) != "sym" and len(w) > 1 else ""


def strip_article(w: str) -> str:
    return w[2:] if len(w) >= 4 and w.startswith("ال") else w


def shape(word: str) -> str:
    if _ARABIC.search(word):
        return "ar"
    if _DIGIT.search(word):
        return "num"
    if _LATIN.search(word):
        return "lat"
    return "sym"


# Feature sets compared on the dev split (see ner_train): "base" is word
# identity, affixes and a ±1 window; "full" adds clitic-stripped forms,
# gazetteers and trigger words, and a ±2 window with bigrams.
FEATURE_SETS = ("base", "full")

# Where the written final ى (written_form) is a feature (issue 13, screened on CV fold 1, MODEL_CARD.md):
# "" nowhere; "ya1": stage 1, ``wy=<written word>`` on the word and its ±1 neighbours, for words written with a
# final ى; "ya12": also stage 2's compact list, and the document's votes pool على apart from علي.
WRITTEN = ("", "ya1", "ya12")


class Featurizer:
    """Turns a sentence (list of surface words) into crfsuite feature lists."""

    def __init__(self, gazetteer: dict[str, set[str]], feature_set: str = "full", clusters=None, written: str = ""):
        if feature_set not in FEATURE_SETS:
            raise ValueError(f"unknown feature set {feature_set!r}")
        if written not in WRITTEN:
            raise ValueError(f"unknown written-letter variant {written!r}")
        self.feature_set = feature_set
        self.written = written
        self.gazetteer = gazetteer
        self.clusters = clusters  # ner_clusters.ClusterFeatures (word -> distributional cluster ids) or None
        self._key: dict[str, str] = {}
        self._compact: dict[str, tuple[list[str], list[str], list[str]]] = {}
        self._by_word: dict[str, tuple[str, list[str], tuple[list[str], ...]]] = {}
        self._old: dict[str, tuple[str, list[str], tuple[list[str], ...]]] = {}  # the memo's older generation (_entry)
        self._old_compact: dict[str, tuple[list[str], list[str], list[str]]] = {}
        self.known: set[str] | None = None
        self.known_compact: set[str] | None = None
        self._canonical: dict[str, str] | None = None  # known, each string mapped to itself (restrict)
        self._canonical_compact: dict[str, str] | None = None
        self.offsets = (-2, -1, 1, 2) if feature_set == "full" else (-1, 1)

    def _gaz(self, w: str) -> list[str]:
        return [label for label, words in self.gazetteer.items() if w in words]

    def type_form(self, word: str, normed: str | None = None) -> str:
        """The form a surface word's features are memoised under: ``norm``, or ``written_form`` when the
        written ى is a feature (the two differ only in a final ى); ``normed``: ``norm(word)`` if known."""
        if self.written:
            return written_form(word, normed)
        return norm(word) if normed is None else normed

    def _type(self, form: str) -> tuple[list[str], tuple[list[str], ...]]:
        """Own features and per-offset context features of a word's ``type_form``."""
        w = folded_form(form)
        sh = shape(w)
        own = ["b", "w=" + w, "s2=" + w[-2:], "s3=" + w[-3:], "p2=" + w[:2], "p3=" + w[:3]]
        ctx_words = ["w=" + w]
        if len(w) <= 2:
            own.append("short")
        if sh != "ar":
            own.append("sh=" + sh)
        if self.feature_set == "full":
            pre, rest = strip_proclitics(w)
            core = strip_article(rest)
            own += ["c=" + core, "pc=" + pre + ("+ال" if core != rest else ""), "cs1=" + core[-1:], "cs2=" + core[-2:],
                    "cp2=" + core[:2]]
            # gazetteer hits of the word itself, and (marked ~) of its clitic-stripped forms
            gaz = set(self._gaz(w))
            for stripped in {rest, core} - {w}:
                gaz |= {g + "~" for g in self._gaz(stripped)}
            own += ["g=" + g for g in sorted(gaz)]
            own += ["p4=" + core[:4], "s4=" + w[-4:]]
            ctx_words += ["c=" + core, "pc=" + pre + ("+ال" if core != rest else ""), "s2=" + w[-2:]] + ["g=" + g for g in sorted(gaz)]
            if sh == "ar" and core.endswith("ي") and len(core) > 4:
                own.append("nisba")  # adjectives of origin: العراقي, الامريكيه -> s2 catches the ه form
            if form != w:  # written with a final ى: على, إلى, حتى (the name علي is written with ي)
                own.append("wy=" + form)
                ctx_words.append("wy=" + form)
        # the far neighbours (±2) contribute identity and gazetteer classes only (cheaper, as good on dev)
        far = [f for f in ctx_words if not f.startswith(("pc=", "s2=", "wy="))]
        ctx = tuple([f"{o}:{f}" for f in (ctx_words if abs(o) == 1 else far)] for o in self.offsets)
        if self.clusters is not None and self.feature_set == "full":
            # word-cluster ids learnt from unlabeled news (ner_clusters): names never seen in
            # training share them with training names of their kind; ±1 neighbours get coarse ids
            c_own, c_ctx = self.clusters(w)
            own += c_own
            ctx = tuple(c + [f"{o}:{f}" for f in c_ctx] if abs(o) == 1 else c for o, c in zip(self.offsets, ctx))
        return own, ctx

    def compact(self, words: list[str]) -> list[list[str]]:
        """A short feature list per token (identity, key affixes, gazetteer, ±1 words) for stage 2.

        Stage 2 mostly needs stage 1's decisions and the document's votes;
        the full list would double the cost of tagging for little gain.
        """
        memo, get, entry = self._compact, self._by_word.get, self._entry
        per = []
        for word in words:
            form = (get(word) or entry(word))[3]
            c = memo.get(form)
            if c is None:  # the memo was cleared between stage 1 and here
                c = memo[form] = self._compact_entry(form, self._type(form)[0])
            per.append(c)
        n = len(per)
        return [per[i][0] + (per[i - 1][1] if i else ["BOS"]) + (per[i + 1][2] if i + 1 < n else ["EOS"]) for i in range(n)]

    def key(self, word: str) -> str:
        """The form under which a word's occurrences are pooled across a document: normalised, proclitics off."""
        k = self._key.get(word)
        if k is None:
            k = self._key[word] = key_of(self.key_spelling(word))
        return k

    def key_spelling(self, word: str, normed: str | None = None, form: str | None = None) -> str:
        """The spelling :meth:`key` strips: ``written_form`` with "ya12", else ``norm`` (either given if known:
        ``normed``, and ``form`` = ``type_form(word)``)."""
        if self.written == "ya12":
            return form if form is not None else written_form(word, normed)
        return norm(word) if normed is None else normed

    def _entry(self, word: str) -> tuple[str, list[str], tuple[list[str], ...], str]:
        """(normalised form, own features, context features, type form) of a surface word, memoised.

        The memo has two generations (bounded memory for a long-lived tagger
        that keeps the frequent words): when the young one is full it becomes
        the old one, and a word found in the old one moves back to the young."""
        entry = self._by_word.get(word)
        if entry is None:
            entry = self._old.pop(word, None)
            if entry is None:
                entry = self._new_entry(word)
            elif entry[3] not in self._compact and (compact := self._old_compact.get(entry[3])) is not None:
                self._compact[entry[3]] = compact
            if len(self._by_word) >= MAX_MEMO // 2:
                self._old, self._by_word = self._by_word, {}
                self._old_compact, self._compact = self._compact, {}
                self._key.clear()
            self._by_word[word] = entry
        return entry

    def _new_entry(self, word: str) -> tuple[str, list[str], tuple[list[str], ...], str]:
        form = self.type_form(word)
        own, ctx = self._type(form)
        if form not in self._compact:
            self._compact[form] = self._compact_entry(form, own)
        canonical = self._canonical
        if canonical is not None:  # drop what the model has no weight for: same tags, less to convert and keep
            own = _kept(own, canonical)
            ctx = tuple(_kept(c, canonical) for c in ctx)
        return folded_form(form), own, ctx, form

    def _compact_entry(self, form: str, own: list[str]) -> tuple[list[str], list[str], list[str]]:
        w = folded_form(form)
        kept = _COMPACT + ("wy=",) if self.written == "ya12" else _COMPACT
        mine = [f for f in own if f == "b" or f == "nisba" or f.startswith(kept)]
        gaz = [f for f in own if f.startswith("g=")]
        c = (mine, ["-1:w=" + w] + ["-1:" + g for g in gaz], ["1:w=" + w] + ["1:" + g for g in gaz])
        if self._canonical_compact is not None:
            c = tuple(_kept(part, self._canonical_compact) for part in c)
        return c

    def restrict(self, known: set[str] | None, known_compact: set[str] | None = None) -> None:
        """Only emit features the model(s) have weights for (stage 1: ``known``; stage 2: ``known_compact``).

        crfsuite ignores unknown attributes, so the tags do not change; but
        turning feature strings into crfsuite items is most of the tagging
        time, and L1 regularisation leaves weights on a fraction of them.
        """
        self.known, self.known_compact = known, known_compact
        # The memo's lists then hold the model's own strings, not a copy per word type:
        # most of a long-lived tagger's memory (a third of it on a SaudiNewsNet day).
        self._canonical = None if known is None else {f: f for f in known}
        self._canonical_compact = None if known_compact is None else {f: f for f in known_compact}
        self._by_word.clear()
        self._compact.clear()
        self._old.clear()
        self._old_compact.clear()

    def sentence(self, words: list[str]) -> list[list[str]]:
        get, entry = self._by_word.get, self._entry
        entries = [get(word) or entry(word) for word in words]
        n = len(entries)
        out = []
        if self.feature_set != "full":
            for i in range(n):
                feats = entries[i][1].copy()
                feats += entries[i - 1][2][0] if i else ["BOS"]
                feats += entries[i + 1][2][1] if i + 1 < n else ["EOS"]
                out.append(feats)
            return out
        quoted = _quoted([e[0] for e in entries])
        known = self.known
        for i in range(n):
            w, own = entries[i][:2]
            feats = own.copy()
            extra = []
            if i > 1:
                feats += entries[i - 2][2][0]
            if i:
                prev = entries[i - 1]
                feats += prev[2][1]
                extra.append("b-=" + prev[0] + "|" + w)
            else:
                extra.append("BOS")
            if i + 1 < n:
                nxt = entries[i + 1]
                feats += nxt[2][2]
                extra.append("b+=" + w + "|" + nxt[0])
            else:
                extra.append("EOS")
            if i + 2 < n:
                feats += entries[i + 2][2][3]
            if quoted[i]:
                extra.append("quoted")
            feats += extra if known is None else [f for f in extra if f in known]
            out.append(feats)
        return out


# Surface words remembered, both generations of the memo together: a pool worker serves every
# shard of a run, and at ~1.5 KB a word type the memo of 500k words made a worker of 18
# SaudiNewsNet days 1.7 GB; a shard of a day brings ~70k types, the frequent ones stay.
MAX_MEMO = 150_000

_COMPACT = ("w=", "c=", "s2=", "s3=", "p2=", "pc=", "g=", "k")  # k<n>=: the word's own cluster ids (+2.8 dev F1 in stage 2)

_OPEN = {"«": "»", '"': '"', "“": "”", "'": "'", "''": "''", "(": ")"}


QUOTED_WIDTH = 6  # tokens between a quote and its closing one, at most, for the words between to be quoted


def _quoted(words: list[str], width: int = QUOTED_WIDTH) -> list[bool]:
    """Tokens between an opening and its closing quote at most ``width`` tokens apart (titles of works)."""
    inside = [False] * len(words)
    for i, w in enumerate(words):
        close = _OPEN.get(w)
        if close is None:
            continue
        for j in range(i + 1, min(len(words), i + width + 2)):
            if words[j] == close:
                for k in range(i + 1, j):
                    inside[k] = True
                break
    return inside


def label_of(tag: str) -> str:
    return tag[2:] if tag != "O" else "O"


def document_counts(keys: list[list[str]], tags: list[list[str]]) -> dict[str, dict[str, int]]:
    """For each word key of a document, how often stage 1 gave it each label."""
    counts: dict[str, dict[str, int]] = {}
    for sent_keys, sent_tags in zip(keys, tags):
        for k, t in zip(sent_keys, sent_tags):
            if k:
                c = counts.setdefault(k, {})
                lab = label_of(t)
                c[lab] = c.get(lab, 0) + 1
    return counts


# Word keys (``Featurizer.key``: normalised, proclitics off) of football reports.
SPORT_WORDS = frozenset(
    """
مباراه المباراه مباريات المباريات الدوري دوري المنتخب منتخب لاعب اللاعب لاعبين اللاعبين لاعبي المدرب مدرب
الفريق فريق نادي النادي البطوله بطوله كاس الملعب ملعب هدف هدفا الهدف اهداف الاهداف ركله المرمى الشوط حارس
مهاجم التعادل الفوز فوز هدفين الكره كره المونديال
""".split()
)
SPORT_MIN_WORDS = 3  # distinct sport words that make a document a sports report
TOPIC_LABELS = ("LOC", "ORG")  # stage-1 labels that carry the topic into stage 2 (on PER too: -0.7 dev F1)


def document_topics(counts: dict[str, dict[str, int]]) -> tuple[str, ...]:
    """Topics of a document from its word keys (those of ``document_counts``): ``("sport",)`` or ``()``.

    In a football report a city name is usually its club (برشلونة، ميلان،
    بنفيكا are ORG there), which a sentence on its own cannot tell.
    """
    return ("sport",) if sum(1 for k in counts if k in SPORT_WORDS) >= SPORT_MIN_WORDS else ()


def _kept(features: list[str], canonical: dict[str, str]) -> list[str]:
    """The features the model knows, as the model's own string objects."""
    get = canonical.get
    return [c for f in features if (c := get(f)) is not None]


def stage2_features(feats: list[list[str]], keys: list[str], tags: list[str], counts: dict, cache: dict | None = None,
                    topics: tuple[str, ...] = (), probs: list[float] | None = None) -> list[list[str]]:
    """Compact features plus what stage 1 decided here and for the same word elsewhere in the document.

    Names recur within an article, often once with a telling context (a title,
    a full name) and then bare; pooling stage-1 labels per word lets the
    confident occurrence carry the others. Neighbours' votes help multi-word
    names (``البنك التجاري``) come out whole. In a sports report
    (``document_topics``) a stage-1 place or organisation also carries the
    topic, so that city names can become clubs; persons are left alone (the
    topic on them cost dev F1).

    ``probs``: stage 1's marginal of each tag (the neural stage 1's); given, a
    token stage 1 tagged as an entity also gets the tag's confidence, binned
    (:func:`marginal_bin`), so that stage 2 can overrule a doubtful tag and keep a sure one.
    """
    n = len(tags)
    if cache is None:
        cache = {}
    votes = []
    for k, t in zip(keys, tags):
        v = cache.get((k, t))  # one vote per word and tag within a document
        if v is None:
            v = cache[(k, t)] = _vote(k, t, counts)
        votes.append(v)
    out = []
    for i in range(n):
        f = feats[i] + ["t=" + tags[i], "t-=" + (tags[i - 1] if i else "BOS"), "t+=" + (tags[i + 1] if i + 1 < n else "EOS")]
        f += votes[i]
        if i and votes[i - 1]:
            f.append("-1:" + votes[i - 1][0])
        if i + 1 < n and votes[i + 1]:
            f.append("1:" + votes[i + 1][0])
        if "sport" in topics and tags[i][2:] in TOPIC_LABELS:
            f += ["sp", "sp|t=" + tags[i]]
        if probs is not None and tags[i] != "O":
            q = marginal_bin(probs[i])
            f += ["q=" + q, "q=" + q + "|" + tags[i]]
        out.append(f)
    return out


MARGINAL_BINS = ((0.95, "hi"), (0.8, "mid"), (0.5, "lo"))  # a stage-1 tag's marginal -> bin; below 0.5: "vlo"


def marginal_bin(p: float) -> str:
    """The bin of a marginal probability (a few bins: crfsuite features are indicators)."""
    for floor, name in MARGINAL_BINS:
        if p >= floor:
            return name
    return "vlo"


def _vote(k: str, tag: str, counts: dict) -> list[str]:
    """The document's vote on word key ``k``, leaving out this occurrence (tagged ``tag``)."""
    if not k:
        return []
    c = counts.get(k)
    if not c:
        return []
    own = label_of(tag)
    others = {lab: m - (lab == own) for lab, m in c.items()}
    total = sum(others.values())
    if not total:
        return []
    ent = {lab: m for lab, m in others.items() if m and lab != "O"}
    if not ent:
        return ["d=O"]
    best = max(sorted(ent), key=ent.get)
    return ["d=" + best, "d=" + best + ("+" if ent[best] * 2 >= total else "-")]

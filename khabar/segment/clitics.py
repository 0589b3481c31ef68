"""Builtin clitic segmentation: rules checked against word frequencies.

An Arabic word is ``[و|ف] [ب|ل|ك|س] [ال] stem [pronoun]``. Which letters are
clitics and which belong to the stem (والدة، بلد، كتاب) is decided by
evidence: a split is taken when the stem it leaves is a word news writers use
on its own (counted over SaudiNewsNet at build time, see
:mod:`khabar.training.lexicon`) often enough next to the unsplit word
(a ratio per clitic), and among such readings the one with the most frequent
stem wins, discounted for the rarer clitics. A short list of guard words
covers the frequent cases counts get wrong (كان is not ك + ان, الله is not
ال + له); particles after و/ف always split (فإن); a word too rare to be
counted still loses the proclitics before its article (والضفادع).

The decision is made on the word's light form (diacritics and tatweel gone,
letters as written: ة and ى still tell nouns from pronoun suffixes). Results
are memoised per word: news vocabulary repeats, so almost every token is a
dictionary hit.
"""

from __future__ import annotations

import gzip
import math
import unicodedata
from pathlib import Path
from typing import NamedTuple

from khabar.arabic import (
    ARTICLE,
    CONJUNCTION_PROCLITICS,
    DIACRITICS,
    FATHATAN,
    FUTURE_PROCLITIC,
    INVISIBLE,
    PREPOSITION_PROCLITICS,
    TANWEEN,
    TATWEEL,
)
from khabar.normalise import normalise_text

LEXICON_PATH = Path(__file__).resolve().parents[1] / "resources" / "segment" / "wordfreq.tsv.gz"

# The normalisation the decisions are made on (and the lexicon is counted in).
LIGHT_CFG = {
    "nfkc": True,
    "dediac": True,
    "tatweel": True,
    "alef": False,
    "alef_maqsura": False,
    "teh_marbuta": False,
    "digits": False,
    "invisible": True,
    "whitespace": True,
}

# Proclitic chains: (surface letters, segment labels). ل before the article
# swallows the article's alef: لل = ل + ال.
_CONJ = [("", ()), *((c, (c + "+",)) for c in CONJUNCTION_PROCLITICS)]
_PREP = [("", ()), *((p, (p + "+",)) for p in PREPOSITION_PROCLITICS + FUTURE_PROCLITIC)]
PROCLITICS: list[tuple[str, tuple[str, ...]]] = [(c + p, cl + pl) for c, cl in _CONJ for p, pl in _PREP]
# كن (your, fem. pl.) is left out: in news it is almost always the end of a
# word (أماكن، يمكن، لكن).
ENCLITICS = ["ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "نا", "ي", "ني"]

# Prior weight of each clitic: ranks the readings that pass the evidence test
# by the frequency of their stem, discounted for the rarer clitics: ك and س
# are rare as clitics and often a word's first letter; ي is mostly the nisba
# ending (سعودي), ك a final letter.
PRIORS = {
    "و+": 1.0,
    "ف+": 1.0,
    "ب+": 1.0,
    "ل+": 1.0,
    "ك+": 0.3,
    "س+": 0.5,
    "+ه": 1.0,
    "+ها": 1.0,
    "+هم": 1.0,
    "+هما": 1.0,
    "+هن": 0.3,
    "+ك": 0.2,
    "+كم": 0.3,
    "+كما": 0.3,
    "+نا": 0.5,
    "+ي": 0.2,
    "+ني": 0.2,
}
# Evidence test: the stem must be a word of its own at least MIN_STEM times
# in the news corpus, and the unsplit word may be at most RATIO times more
# frequent than the stem (وزير is far more frequent than زير: no split).
# The ratio differs by clitic: news writes وقال twice as often as قال, but a
# word starting with ف or ك is rarely ف/ك + word (فكرة، كذلك); pronoun
# suffixes are rarer than their host except on frequent nouns.
MIN_STEM = 5
# Proclitics only: a two-letter stem must be a particle or very frequent, and
# a stem seen fewer than COMMON_STEM times gets a three times stricter ratio.
SHORT_STEM_MIN = 2000
COMMON_STEM = 200
MIN_STEM_BY_CLITIC = {"ك+": 20, "+ك": 150, "س+": 20}
RATIO = {
    "و+": 30.0,
    "ف+": 0.15,
    "ب+": 12.0,
    "ل+": 1000.0,
    "ك+": 0.5,
    "س+": 50.0,
    "+ه": 2.5,
    "+ها": 3.0,
    "+هم": 5.0,
    "+هما": 5.0,
    "+هن": 2.0,
    "+ك": 0.5,
    "+كم": 2.0,
    "+كما": 2.0,
    "+نا": 3.0,
    "+ي": 5.0,
    "+ني": 5.0,
}
ENCLITIC_SET = frozenset(ENCLITICS)
ENCLITICS_OR_NONE = ["", *ENCLITICS]
# Pronouns that attach straight to ب/ل with no stem between: له، بها، لنا.
BARE_PRONOUNS = frozenset(["ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "نا", "ي"])
# Stems that take ي / ني / ك as a pronoun (لي، مني، عنك، إنني ...); otherwise
# ي and ك are pronouns only after a noun in ة (حياتي، تجربتك), ني and ك
# after an imperfect verb (يمكنني، يمكنك).
YA_STEMS = frozenset(["من", "عن", "لد", "لدي", "عل", "علي", "إلي", "في", "مع", "إن", "أن", "لكن", "بين", "عند", "معي", "حول", "أمام", "خلف", "نحو", "دون", "مثل"])
IMPERFECT = frozenset("يتنأ")
# Particles, prepositions and pronouns: after و / ف they are always a
# separate word however often the pair is written (فإن is ف + إن).
FUNCTION_WORDS = frozenset(
    """
    إن أن إنما أنما لا لم لن ما قد هو هي هم هما هن نحن أنا أنت في من إلى على عن مع منذ حتى ثم أو أي
    إذا إذ لو لولا لكن لكنه ليس كل بعض غير هذا هذه هذان هؤلاء ذلك تلك الذي التي الذين عند بعد قبل بين
    """.split()
)
NOMINAL_FUNCTION_WORDS = frozenset("هذا هذه هذان هؤلاء ذلك تلك الذي التي الذين كل بعض غير".split())
PREPOSITIONS = frozenset(["ب+", "ل+", "ك+"])
# Words whose first or last letters look like clitics but are not. A split
# point inside one of these is refused where the guard word starts the word
# or follows proclitics and ends it or is followed by a pronoun.
GUARDS = frozenset(
    """
    الله اللهم والد والدة والدي والدين ولاية ولايات ولي والي بلد بلاد بلدة بلدية كتاب كتب فلسطين
    كان كانت كانوا كانا كل كلا لكن ليس ليست ليبيا لبنان لندن بنك بنوك بند هناك هنالك مالك ملك
    سنة سنوات ستة سبعة سيارة سياسة سياسي سوريا سبب فيما فقد فقط فحسب كما كذلك لذا وزير وزارة
    باب بعيد بعيدة بحر بحرية بحيرة بطاقات واصل واصلت بنت بي كوفي وقاص لينا دينا وليا وضع وضعي لدي لقد لحق لين بدا بشر بصمة ورد ورش وجد وجدت كلما لغم
    واس وام كونا قنا سبأ كأن فعل فعلي فعلية فعليا فكرة بحث بحثت بطاقة بحري بوست واحد واحدة وسام وصف وسط وقت وفد
    وحدة وحد وطن وطني ولد وجه وجهة بين بعد بعض بيان برنامج فرنسا فريق لجنة لقاء لدى كبير كثير كافة كلمة
    الذي التي الذين اللذان اللتان اللذين اللتين اللاتي اللواتي الان الآن الا الى الي إلا إلى ألا أما إما
    """.split()
)
GUARD_MAX_LEN = max(map(len, GUARDS))
# Article guard: words that start with ال but carry no article.
ARTICLE_GUARDS = frozenset(["الله", "اللهم", "الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللاتي", "اللواتي", "اللائي", "الان", "الآن", "الا", "الى", "الي", "الف", "الاف", "الية", "اليه", "اليها", "اليهم", "الينا", "اليوم"])

# Candidate clitics by the letter they start / end with.
_NO_PROC = [("", ())]
_NO_ENC = [""]
_PROCLITIC_LETTERS = CONJUNCTION_PROCLITICS + PREPOSITION_PROCLITICS + FUTURE_PROCLITIC
PROCS_BY_FIRST = {ch: [p for p in PROCLITICS if not p[0] or p[0][0] == ch] for ch in _PROCLITIC_LETTERS}
ENCS_BY_LAST = {ch: [e for e in ENCLITICS_OR_NONE if not e or e[-1] == ch] for ch in {e[-1] for e in ENCLITICS}}

PROC_PRIORS = {labels: math.prod(PRIORS[lab] for lab in labels) for _, labels in PROCLITICS}


class Segment(NamedTuple):
    surface: str  # the letters of the word this segment covers (light form)
    label: str  # the segment as written in ``segments``: "و+", "ال+", "عراق", "+ه"


_LEXICON: tuple[dict[str, int], dict[str, str]] | None = None


def load_lexicon(path: Path = LEXICON_PATH) -> tuple[dict[str, int], dict[str, str]]:
    """(word -> count, word -> segment labels) from the shipped resource.

    Each line is ``word<TAB>count[<TAB>labels]``; the labels ("و+ قال") are
    the segmentation the rules give for that word, stored by
    ``build_lexicon`` for the words that split, so that a fresh process does
    not have to work out the 100k words of a day's news again. Both are empty
    when the file is missing."""
    global _LEXICON
    if _LEXICON is not None and path == LEXICON_PATH:
        return _LEXICON
    freq: dict[str, int] = {}
    pre: dict[str, str] = {}
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                freq[parts[0]] = int(parts[1])
                if len(parts) > 2 and parts[2]:
                    pre[parts[0]] = parts[2]
    if path == LEXICON_PATH:
        _LEXICON = (freq, pre)
    return freq, pre


def decode_labels(labels: str) -> tuple[Segment, ...]:
    """Segments from their labels: ال+ right after ل+ is written with one ل."""
    out = []
    prev = ""
    for lab in labels.split(" "):
        if lab.endswith("+"):
            surface = "ل" if lab == "ال+" and prev == "ل+" else lab[:-1]
        elif lab.startswith("+"):
            surface = lab[1:]
        else:
            surface = lab
        out.append(Segment(surface, lab))
        prev = lab
    return tuple(out)


class CliticSegmenter:
    """Segments light-form Arabic words; one instance per lexicon.

    With ``freq`` given (tests, the lexicon build) every word is worked out
    by the rules; by default the shipped counts and stored segmentations
    are used."""

    def __init__(self, freq: dict[str, int] | None = None) -> None:
        if freq is None:
            self.freq, self.pre = load_lexicon()
        else:
            self.freq, self.pre = freq, {}
        self.memo: dict[str, tuple[Segment, ...]] = {}

    def labels(self, word: str, tanween: str = "") -> str:
        """The segment labels of ``word`` joined by spaces (the fast path:
        a stored segmentation or a known unsplit word is a dict lookup)."""
        if not tanween and self.pre:
            hit = self.pre.get(word)
            if hit is not None:
                return hit
            if word in self.freq and self.pre:
                return word  # in the lexicon and not stored as split: whole
        return " ".join([seg.label for seg in self.segment(word, tanween)])

    def _stem_count(self, stem: str, has_enclitic: bool) -> int:
        f = self.freq.get(stem, 0)
        if has_enclitic and stem:
            # Before a pronoun ة is written ت and final ى is written ا / ي.
            last = stem[-1]
            if last == "ت":
                f += self.freq.get(stem[:-1] + "ة", 0)
            elif last in "اي":
                f += self.freq.get(stem[:-1] + "ى", 0)
            elif last in "ؤئ":
                f += self.freq.get(stem[:-1] + "ء", 0) + self.freq.get(stem[:-1] + "أ", 0)
        return f

    def _forbidden(self, word: str, procs: list) -> set[int]:
        """Split points that would cut a guard word starting at a clitic
        boundary (the word start, after proclitics, after the article)."""
        boundaries = {len(p[0]) for p in procs} | {len(p[0]) + 2 for p in procs if word.startswith(ARTICLE, len(p[0]))}
        n = len(word)
        # A guard word ends the word or is followed by a pronoun.
        ends = {n} | {n - len(e) for e in ENCLITICS if word.endswith(e)}
        out: set[int] = set()
        for k in boundaries:
            for end in ends:
                if not 2 <= end - k <= GUARD_MAX_LEN:
                    continue
                piece = word[k:end]
                if piece in GUARDS or (end < n and piece[-1] == "ت" and piece[:-1] + "ة" in GUARDS):
                    out.update(range(k + 1, end))
        return out

    def segment(self, word: str, tanween: str = "") -> tuple[Segment, ...]:
        """Segments of ``word`` (light form, Arabic letters only).

        ``tanween`` is the tanween the surface carried, if any ("ً", "ٌ",
        "ٍ"): a word with tanween has no pronoun suffix, and with ً
        (accusative) no preposition before it (بعداً is not ب + عدا)."""
        key = word + tanween
        hit = self.memo.get(key)
        if hit is not None:
            return hit
        stored = self.pre.get(word) if not tanween else None
        result = decode_labels(stored) if stored is not None else self._segment(word, tanween)
        self.memo[key] = result
        return result

    def _segment(self, word: str, tanween: str = "") -> tuple[Segment, ...]:
        n = len(word)
        if n < 2:
            return (Segment(word, word),)
        lp, plabels, stem_end, enc = best = self._best(word, tanween)
        # A reading that takes only proclitics or only a pronoun gets a second
        # look at the other end of its host: لبلاده is ل + بلاده by counts
        # (بلاده is more frequent than بلاد), and بلاده is then بلاد + ه.
        if plabels and not enc and stem_end - lp >= 3:
            sub = self._best(word[lp:], tanween, procs_allowed=False)
            if sub[3]:
                best = (lp, plabels, lp + sub[2], sub[3])
        elif enc and not plabels and stem_end >= 3:
            sub = self._best(word[:stem_end], "", encs_allowed=False, host=True)
            # the guards of the whole word still hold (ولايته is not و + لايت + ه)
            if sub[1] and sub[0] not in self._forbidden(word, [p for p in PROCLITICS if word.startswith(p[0])]):
                best = (sub[0], sub[1], stem_end, enc)
        return self._finish(word, best)

    def _best(self, word: str, tanween: str = "", procs_allowed: bool = True, encs_allowed: bool = True, host: bool = False) -> tuple:
        """The best reading (proclitic length, labels, stem end, enclitic).
        ``host``: ``word`` is the host of a pronoun (its ة written ت)."""
        n = len(word)
        freq = self.freq
        whole = self._stem_count(word, True) if host else freq.get(word, 0)
        best = (0, (), n, None)
        procs = [p for p in PROCS_BY_FIRST.get(word[0], _NO_PROC) if word.startswith(p[0])] if procs_allowed else _NO_PROC
        encs = [e for e in ENCS_BY_LAST.get(word[-1], _NO_ENC) if word.endswith(e)] if encs_allowed and not tanween else _NO_ENC
        if len(procs) == 1 and len(encs) == 1:
            return best
        forbidden = None  # split points inside guard words: computed when a reading gets that far
        best_score = -math.inf
        for psurf, plabels in procs:
            lp = len(psurf)
            last = plabels[-1] if plabels else ""
            if tanween == FATHATAN and last in PREPOSITIONS:
                continue
            p_prior = PROC_PRIORS[plabels]
            for enc in encs:
                le = len(enc)
                if not lp and not le:
                    continue
                stem = word[lp : n - le]
                if last == "س+" and (len(stem) < 3 or stem[0] not in IMPERFECT):
                    continue
                if last == "ل+" and stem.startswith(ARTICLE):
                    continue  # ل + ال is written لل
                if not stem:
                    # ب / ل straight onto a pronoun: له، بها، ولنا
                    if (last == "ب+" or last == "ل+") and enc in BARE_PRONOUNS:
                        if forbidden is None:
                            forbidden = self._forbidden(word, procs)
                        if lp not in forbidden and n - le not in forbidden:
                            best, best_score = (lp, plabels, n - le, enc), math.inf
                    continue
                if len(stem) < 2 or stem == ARTICLE:
                    continue
                count = self._stem_count(stem, bool(le) or host)
                if last == "ل+" and stem[0] == "ل":
                    count += self._stem_count("ا" + stem, bool(le) or host)  # لل: ل + ال
                if count < MIN_STEM:
                    continue
                if enc == "ي" and stem not in YA_STEMS and not (stem[-1] == "ت" and freq.get(stem[:-1] + "ة", 0) >= MIN_STEM):
                    continue
                if enc == "ني" and stem not in YA_STEMS and (stem[0] not in IMPERFECT or len(stem) < 3):
                    continue
                if enc[:1] == "ك" and stem not in YA_STEMS and stem[-1] != "ت" and not (stem[0] in "يتن" and len(stem) >= 3):
                    continue  # you(r): after a particle (عليك), a noun in ة (تجربتك), an imperfect verb (يمكنك); not أمسك
                if enc == "نا" and freq.get(word[:-1], 0) > count:
                    continue  # أماناً: an accusative alif after ن, not نا
                need = MIN_STEM
                ratio = 0.0
                for lab in (*plabels, "+" + enc) if le else plabels:
                    need = max(need, MIN_STEM_BY_CLITIC.get(lab, MIN_STEM))
                    ratio = max(ratio, RATIO[lab])
                if last == "ك+" and stem in FUNCTION_WORDS and stem not in NOMINAL_FUNCTION_WORDS:
                    continue  # ك (like) goes before nouns: كلم is a word (km), كهذا is ك + هذا
                if not le and stem not in FUNCTION_WORDS:
                    if len(stem) == 2:
                        need = max(need, SHORT_STEM_MIN)  # بوش، لون، وعد: two letters left are rarely a word
                    elif count < COMMON_STEM:
                        ratio /= 3  # a rare stem must not be dwarfed by the word (ورقة، بديل)
                if count < need or (whole > count * ratio and not (stem in FUNCTION_WORDS and last in ("و+", "ف+"))):
                    continue
                prior = p_prior * PRIORS["+" + enc] if le else p_prior
                score = math.log(count * prior)
                if score > best_score:
                    if forbidden is None:
                        forbidden = self._forbidden(word, procs)
                    if lp in forbidden or (le and n - le in forbidden):
                        continue
                    best_score, best = score, (lp, plabels, n - le, enc or None)
        if best_score == -math.inf and whole < MIN_STEM and procs_allowed and not host:
            best = self._unseen_with_article(word, procs, self._forbidden(word, procs) if forbidden is None else forbidden, best)
        return best

    def _unseen_with_article(self, word: str, procs: list, forbidden: set[int], best: tuple) -> tuple:
        """A word too rare to have counts: proclitics before the article
        (والضفادع، بالبطع، للقطن) are still recognisable by their shape."""
        for psurf, plabels in sorted(procs, key=lambda p: -len(p[0])):
            lp = len(psurf)
            if not lp or lp in forbidden or (plabels[-1] == "س+"):
                continue
            rest = word[lp:]
            if plabels[-1] == "ل+":
                ok = rest.startswith("ل") and not rest.startswith("لل") and len(rest) >= 4
            else:
                ok = rest.startswith(ARTICLE) and len(rest) >= 5
            if ok:
                return (lp, plabels, len(word), None)
        return best

    def _finish(self, word: str, best: tuple) -> tuple[Segment, ...]:
        lp, plabels, stem_end, enc = best
        segs: list[Segment] = [Segment(lab[:-1], lab) for lab in plabels]
        stem = word[lp:stem_end]
        # The article: ال after a proclitic or at the start; لل = ل + ال.
        if plabels and plabels[-1] == "ل+" and stem.startswith("ل") and len(stem) >= 3 and not stem.startswith("لل") and self._article_ok("ال" + stem[1:]):
            segs.append(Segment("ل", "ال+"))
            stem = stem[1:]
        elif stem.startswith(ARTICLE) and len(stem) >= 4 and self._article_ok(stem):
            segs.append(Segment(ARTICLE, "ال+"))
            stem = stem[2:]
        if stem:
            segs.append(Segment(stem, stem))
        if enc:
            segs.append(Segment(enc, "+" + enc))
        return tuple(segs)

    def _article_ok(self, word: str) -> bool:
        if word in ARTICLE_GUARDS:
            return False
        rest = word[2:]
        return len(rest) >= 3 or (len(rest) == 2 and self.freq.get(rest, 0) > 0)


_SEGMENTER: CliticSegmenter | None = None


def default_segmenter() -> CliticSegmenter:
    """The process-wide segmenter over the shipped lexicon (loaded once)."""
    global _SEGMENTER
    if _SEGMENTER is None:
        _SEGMENTER = CliticSegmenter()
    return _SEGMENTER


_MEMOS: dict[tuple, dict[str, str]] = {}
MEMO_MAX = 400_000  # word forms remembered per process (~60 MB)
# What the light form drops from a word token (NFKC aside).
_LIGHT_DROPPED = frozenset(DIACRITICS | INVISIBLE | {TATWEEL})
_LIGHT_DELETE = str.maketrans(dict.fromkeys(_LIGHT_DROPPED))


class BuiltinClitics:
    """Fills ``segments`` with the builtin segmenter: Arabic words get their
    clitic segmentation, in the letters of the configured normalisation;
    other tokens their norm. Memoised per surface form."""

    def __init__(self, norm_cfg: dict) -> None:
        from khabar.normalise import _compiled

        self.segmenter = default_segmenter()
        self.replacements = _compiled(norm_cfg)[1]
        # The configured letter unification (one character for one).
        self.letters = str.maketrans(dict(self.replacements)) if self.replacements else None
        self.memo = _MEMOS.setdefault(tuple(self.replacements), {})

    def render(self, form: str) -> str:
        if unicodedata.is_normalized("NFKC", form):
            light = form.translate(_LIGHT_DELETE)
        else:  # presentation forms, marks to compose (ا + ٓ = آ)
            light = normalise_text(form, LIGHT_CFG).text
        # Only a form that lost marks can have carried tanween.
        tanween = tanween_of(form) if len(light) != len(form) else ""
        out = self.segmenter.labels(light, tanween) if light else form
        if self.letters is not None:
            out = out.translate(self.letters)
        self.memo[form] = out
        return out

    def words(self, forms: list[str]) -> list[str]:
        """Segments of word tokens, given their surface forms."""
        memo = self.memo
        if len(memo) > MEMO_MAX:  # a long-lived worker: keep memory bounded
            memo.clear()
            self.segmenter.memo.clear()
        get, render = memo.get, self.render
        return [get(f) or render(f) for f in forms]

    def __call__(self, forms: list[str], norms: list[str], kinds: list[str]) -> list[str]:
        get, render = self.memo.get, self.render
        return [(get(f) or render(f)) if k == "word" else n for f, n, k in zip(forms, norms, kinds)]


def builtin_segments(norm_cfg: dict) -> BuiltinClitics:
    """The builtin ``segments`` filler for a normalisation configuration."""
    return BuiltinClitics(norm_cfg)


def tanween_of(form: str) -> str:
    """The tanween a word's surface carries ("" when none)."""
    for t in TANWEEN:
        if t in form:
            return t
    return ""


def split_form(form: str, segmenter: CliticSegmenter | None = None, labels: str | None = None) -> list[tuple[int, int, str]]:
    """Clitic segments of one word token as spans of ``form`` (the original
    surface): ``[(start, end, label), ...]``. Diacritics and tatweel go with
    the letter before them; ل + ال (لل) gives the article the second lam.

    ``labels`` (a ``segments`` string from another backend, e.g. camel's
    "و+ رمي +ها") is laid on the form instead of the builtin segmentation;
    when its letters do not add up to the word's, the word is one span."""
    kept = [i for i, ch in enumerate(form) if ch not in _LIGHT_DROPPED]
    light = "".join(form[i] for i in kept)
    if not unicodedata.is_normalized("NFKC", light):
        return [(0, len(form), normalise_text(form, LIGHT_CFG).text)]  # presentation forms: no offsets per letter
    if labels is None:
        segs = (segmenter or default_segmenter()).segment(light, tanween_of(form))
    else:
        segs = decode_labels(labels)
        if sum(len(seg.surface) for seg in segs) != len(light):
            return [(0, len(form), labels)]
    out = []
    pos = 0
    for seg in segs:
        if not seg.surface:
            continue
        a, b = pos, pos + len(seg.surface)
        pos = b
        start = kept[a] if a < len(kept) else len(form)
        end = kept[b] if b < len(kept) else len(form)
        out.append((start, end, seg.label))
    if out:
        out[0] = (0, out[0][1], out[0][2])
    return out

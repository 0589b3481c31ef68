"""``segment.clitics = "camel"``: camel-tools' morphological tokenizer.

CAMeL Tools' MorphologyDB + MLEDisambiguator + MorphologicalTokenizer
(scheme ``segment.camel_scheme``: d3tok, atbtok, ...), loaded from the data
directory ``segment.camel_data`` (else ``$CAMELTOOLS_DATA``, else
``~/.camel_tools``). The camel morphology modules are imported here only:
importing them loads the data catalogue and, without one, camel-tools tries
to download it; so the directory is checked first and ``CAMELTOOLS_DATA`` is
set before the import.

The data files are located through the directory's own ``catalogue.json``:
the default MorphologyDB dataset, else the first one installed; the default
DisambigMLE model when installed, else disambiguation falls back to the
analyzer's own scores (``MLEDisambiguator`` without a model file).

MLEDisambiguator's cache never fills (``self._cache.get(word, compute(word))``
computes on every call), so results are memoised here, per word. The chosen
analysis also gives the token's ``lemma`` (camel-tools' ``lex``).
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

from khabar.normalise import normalise_text

INSTALL_HINT = "camel_data -i disambig-mle-calima-msa-r13"  # the MLE model and the MSA morphology DB it depends on


def _user_error(message: str) -> Exception:
    from khabar.errors import UserError

    return UserError(message)


def data_dir(cfg: dict) -> Path:
    configured = cfg["camel_data"] or os.environ.get("CAMELTOOLS_DATA") or "~/.camel_tools"
    return Path(configured).expanduser().resolve()


def locate_data(root: Path) -> tuple[Path, Path | None]:
    """(morphology.db, MLE model.json or None) under a camel-tools data dir."""
    catalogue_path = root / "catalogue.json"
    hint = f"install it with `CAMELTOOLS_DATA={root} {INSTALL_HINT}` or point segment.camel_data at an installed camel-tools data directory"
    if not catalogue_path.is_file():
        raise _user_error(f"segment.clitics = 'camel' needs camel-tools data: no catalogue.json in {root}; {hint}")
    try:
        components = json.loads(catalogue_path.read_text(encoding="utf-8"))["components"]
    except (OSError, ValueError, KeyError) as exc:
        raise _user_error(f"cannot read camel-tools catalogue {catalogue_path}: {exc}") from None

    def installed(component: str, filename: str) -> list[Path]:
        entry = components.get(component) or {}
        datasets = entry.get("datasets") or {}
        order = [entry.get("default"), *sorted(datasets)]
        found = []
        for name in order:
            if name in datasets:
                candidate = root / "data" / datasets[name]["path"] / filename
                if candidate.is_file() and candidate not in found:
                    found.append(candidate)
        return found

    dbs = installed("MorphologyDB", "morphology.db")
    if not dbs:
        raise _user_error(f"segment.clitics = 'camel' needs a camel-tools morphology database: none installed under {root / 'data' / 'morphology_db'}; {hint}")
    models = installed("DisambigMLE", "model.json")
    return dbs[0], (models[0] if models else None)


class CamelClitics:
    """Word -> segments with camel-tools, memoised per word."""

    def __init__(self, cfg: dict, norm_cfg: dict) -> None:
        root = data_dir(cfg)
        db_path, mle_path = locate_data(root)
        scheme = cfg["camel_scheme"]
        # camel_tools.data reads CAMELTOOLS_DATA when first imported.
        os.environ["CAMELTOOLS_DATA"] = str(root)
        from camel_tools.disambig.mle import MLEDisambiguator
        from camel_tools.morphology.analyzer import Analyzer
        from camel_tools.morphology.database import MorphologyDB
        from camel_tools.tokenizers.morphological import MorphologicalTokenizer

        db = MorphologyDB(str(db_path), "a")
        # As camel-tools' pretrained MLE does: words the DB does not know are
        # analysed as proper nouns, clitics included (وغلاسكو = و + غلاسكو),
        # when the DB has the backoff categories for it.
        analyzer = Analyzer(db, "NOAN_PROP" if "PROP" in getattr(db, "stem_backoffs", {}) else "NONE")
        disambiguator = MLEDisambiguator(analyzer, str(mle_path) if mle_path else None, top=1, cache_size=0)
        if scheme not in disambiguator.tok_feats():
            raise _user_error(f"segment.camel_scheme '{scheme}' is not produced by {db_path.parent.name}: use one of {', '.join(sorted(disambiguator.tok_feats()))}")
        self.disambiguator = disambiguator
        # The tokenizer is only used for its scheme's diacritic stripping,
        # so that segments come out exactly as MorphologicalTokenizer gives them.
        self.tokenizer = MorphologicalTokenizer(disambiguator, scheme, split=True)
        self.db_path, self.mle_path, self.scheme = db_path, mle_path, scheme
        from camel_tools.utils.dediac import dediac_ar

        from khabar.normalise import _compiled

        self._dediac = dediac_ar
        self.replacements = _compiled(norm_cfg)[1]
        self.memo: dict[str, tuple[str, str | None]] = {}

    def _letters(self, text: str) -> str:
        for old, new in self.replacements:
            if old in text:
                text = text.replace(old, new)
        return unicodedata.normalize("NFC", text)

    def analyse(self, form: str) -> tuple[str, str | None]:
        """(segments, lemma) of one word form, memoised."""
        hit = self.memo.get(form)
        if hit is not None:
            return hit
        from khabar.segment.clitics import LIGHT_CFG, MEMO_MAX

        if len(self.memo) > MEMO_MAX:  # a long-lived worker: keep memory bounded
            self.memo.clear()

        light = normalise_text(form, LIGHT_CFG).text or form
        segments, lemma = light, None
        analyses = self.disambiguator.disambiguate([light])[0].analyses
        if analyses:
            analysis = analyses[0].analysis
            tok = analysis.get(self.scheme)
            if tok and tok != "NOAN":
                segments = " ".join(p for p in self.tokenizer._diacf(tok).split("_") if p)
            lex = analysis.get("lex")
            if lex and lex != "NOAN":
                lemma = self._dediac(lex)
        hit = self.memo[form] = (self._letters(segments), self._letters(lemma) if lemma else None)
        return hit

    def segment_word(self, form: str) -> str:
        return self.analyse(form)[0]

    def words(self, forms: list[str]) -> list[str]:
        """Segments of word tokens, given their surface forms."""
        return [self.analyse(f)[0] for f in forms]

    def lemmas(self, forms: list[str]) -> list[str | None]:
        """Lemmas (camel-tools' lex, undiacritised) of word tokens."""
        return [self.analyse(f)[1] for f in forms]

    def __call__(self, forms: list[str], norms: list[str], kinds: list[str]) -> list[str]:
        seg = self.segment_word
        return [seg(f) if k == "word" else n for f, n, k in zip(forms, norms, kinds)]


_BACKENDS: dict[tuple, CamelClitics] = {}


def camel_segments(cfg: dict, norm_cfg: dict) -> CamelClitics:
    """The camel backend for a configuration, loaded once per process."""
    key = (str(data_dir(cfg)), cfg["camel_scheme"], tuple(sorted(norm_cfg.items())))
    if key not in _BACKENDS:
        _BACKENDS[key] = CamelClitics(cfg, norm_cfg)
    return _BACKENDS[key]

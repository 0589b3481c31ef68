"""Optional NER backend: a CAMeL Tools BERT token classifier (``extract.ner.backend = "camel"``).

``extract.ner.model`` names a local model directory (a Hugging Face
``BertForTokenClassification`` with its tokenizer, labels in
``config.id2label``, e.g. CAMeL Lab's ANERcorp model). Sentences are sent in
batches of ``extract.ner.batch_size``.

camel_tools.ner is imported here only: importing it loads the camel-tools
data catalogue, which camel-tools downloads when missing (and fails offline).
The backend needs no catalogue entry (it loads the model by path), so when no
catalogue can be found an empty one is written to a temporary directory.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from khabar.ner.tags import LABELS

_EMPTY_CATALOGUE = {"version": "1.6", "packages": {}, "components": {}}


def _ensure_catalogue() -> None:
    """Point CAMELTOOLS_DATA at an empty catalogue if camel-tools would otherwise download one."""
    if "camel_tools.data" in sys.modules:
        return  # already loaded by someone else: its catalogue is settled
    configured = os.environ.get("CAMELTOOLS_DATA")
    data_dir = Path(configured).expanduser() if configured else Path.home() / ".camel_tools"
    if (data_dir / "catalogue.json").exists():
        return
    tmp = Path(tempfile.mkdtemp(prefix="khabar-camel-"))
    (tmp / "catalogue.json").write_text(json.dumps(_EMPTY_CATALOGUE), encoding="utf-8")
    os.environ["CAMELTOOLS_DATA"] = str(tmp)


class CamelBackend:
    """Tags documents with camel-tools' NERecognizer; same interface as ner_crf.CrfModel."""

    def __init__(self, model_dir: str, batch_size: int):
        from khabar.errors import UserError

        if not model_dir:
            raise UserError("extract.ner.backend = 'camel' needs extract.ner.model: the directory of a BERT token-classification model")
        path = Path(model_dir).expanduser()
        if not (path / "config.json").is_file():
            raise UserError(f"camel NER model not found: {path} has no config.json (download CAMeL Lab's NER model there, or use backend 'crf')")
        if not any((path / f).is_file() for f in ("pytorch_model.bin", "model.safetensors")):
            raise UserError(f"camel NER model incomplete: {path} has config.json but no weights (pytorch_model.bin or model.safetensors)")
        if not (path / "vocab.txt").is_file():
            raise UserError(f"camel NER model incomplete: {path} has no vocab.txt (the BERT tokenizer)")
        _ensure_catalogue()
        from camel_tools.ner import NERecognizer

        self.recognizer = NERecognizer(str(path))
        self.batch_size = max(1, int(batch_size))
        from khabar.ner.crf import RESOURCES, read_names
        from khabar.ner.name_lists import read_gazetteer

        gazetteer = RESOURCES / "name_lists.tsv"
        self.names = read_names(RESOURCES / "names.tsv", read_gazetteer(gazetteer) if gazetteer.exists() else {})

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags (khabar labels) of each sentence, in batches of batch_size sentences."""
        tokenize = self.recognizer.tokenizer.tokenize
        out = []
        for i in range(0, len(sentences), self.batch_size):
            batch = sentences[i : i + self.batch_size]
            # camel-tools drops words that tokenize to nothing; tag them O and keep the rest aligned
            kept = [[w for w in words if tokenize(w)] for words in batch]
            predicted = self.recognizer.predict(kept, batch_size=self.batch_size) if any(kept) else [[] for _ in kept]
            for words, tags in zip(batch, predicted):
                it = iter(tags)
                out.append([_khabar(next(it, "O")) if tokenize(w) else "O" for w in words])
        return out

    def tag_documents(self, documents: list[list[list[str]]]) -> list[list[tuple[list[str], list[float]]]]:
        flat = [words for doc in documents for words in doc]
        tags = iter(self.tag_sentences(flat))
        # NERecognizer.predict returns labels only: every mention gets score 1.0
        return [[(t, [1.0] * len(t)) for t in (next(tags) for _ in doc)] for doc in documents]


def _khabar(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    return f"{prefix}-{LABELS.get(label, label)}"


@lru_cache(maxsize=2)
def load_camel(model_dir: str, batch_size: int) -> CamelBackend:
    return CamelBackend(model_dir, batch_size)

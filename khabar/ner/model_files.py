"""Where a tagger's model file is, and the one message saying how to build it when it is missing."""

from __future__ import annotations

from pathlib import Path

from khabar.errors import DataNotFound


def model_file(path: str, default: Path, backend: str, companions: tuple[str, ...] = ()) -> Path:
    """The model ``path`` names ("" = the packaged ``default``), with the files of the same name and the
    ``companions`` suffixes beside it (``.json``); DataNotFound telling how to build it when one is absent."""
    model_path = Path(path) if path else default
    if not model_path.is_file() or not all(model_path.with_suffix(s).is_file() for s in companions):
        command = "khabar train ner" + ("" if backend == "crf" else f" --backend {backend}")
        hint = f"run `{command}` to build it" if not path else f"set extract.ner.model to a model written by `{command}`"
        name = "NER model" if backend == "crf" else f"{backend} NER model"
        raise DataNotFound(f"{name} not found: {model_path} ({hint})")
    return model_path

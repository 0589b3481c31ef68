"""Which raw files a run must read: those not in the store's manifest of
ingested files, a file being known by its path and the SHA-256 of its bytes
(so a file rewritten in place is read again)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RawFile:
    """A raw file to read: ``path`` as listed, ``key`` its name in the manifest."""

    path: str
    key: str
    sha256: str


def path_key(path: Path) -> str:
    """The absolute path as text that survives Parquet: bytes that are not
    UTF-8 in a file name are written as backslash escapes."""
    return os.fsencode(path.resolve()).decode("utf-8", "backslashreplace")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def new_raw_files(paths: list[Path], known: set[tuple[str, str]]) -> list[RawFile]:
    """The files of ``paths`` whose (key, sha256) is not in ``known``, in order.

    A link or anything else that is not a regular file gets an empty hash:
    the reader quarantines it, and it is listed once.
    """
    files = []
    for path in paths:
        key = path_key(path)
        sha = file_sha256(path) if path.is_file() and not path.is_symlink() else ""
        if (key, sha) not in known:
            files.append(RawFile(str(path), key, sha))
    return files

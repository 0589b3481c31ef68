"""gzip and zip containers, opened in memory with hard bounds.

Nothing is extracted to disk, so an archive cannot write outside the raw
root; members whose names would (absolute, ``..``, drive letters, symbolic
links) are still refused so that the quarantine shows the hostile archive.
Decompressed bytes are bounded by the same budget as a raw file
(``ingest.max_file_bytes`` for the whole archive): zip and gzip bombs stop
at the bound instead of filling memory.
"""

from __future__ import annotations

import gzip
import io
import stat
import zipfile
import zlib
from typing import Iterator

from .formats import Bad


class ArchiveError(ValueError):
    """A container is corrupt, truncated or encrypted."""


class TooLargeError(ValueError):
    """Decompressed content exceeds the byte budget."""


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress (possibly multi-member) gzip ``data`` up to ``limit`` bytes."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(limit + 1)
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        raise ArchiveError(f"broken gzip: {exc or type(exc).__name__}") from None
    if len(out) > limit:
        raise TooLargeError(f"decompresses to more than {limit} bytes")
    return out


def unsafe_member_name(name: str) -> bool:
    """Absolute, drive-lettered or climbing out with '..'."""
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return True
    return any(part == ".." for part in name.replace("\\", "/").split("/"))


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def _hidden(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts if p)


class ByteBudget:
    """Bytes an archive may still decompress to."""

    def __init__(self, limit: int) -> None:
        self.left = limit


def zip_members(data: bytes, budget: ByteBudget) -> Iterator[tuple[str, bytes] | tuple[str | None, Bad]]:
    """(member name, content) per file member, or (member name, Bad).

    Directories and hidden entries (``.name``, ``__MACOSX/``: the same rule
    as for raw folders) are skipped. An unreadable archive gives one
    ``(None, Bad)``.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        yield None, Bad(None, "bad_archive", f"broken zip: {exc or type(exc).__name__}")
        return
    for info in infos:
        name = info.filename
        if not name:  # zipfile's own is_dir() fails on it
            yield name, Bad(None, "bad_archive", "an archive member has an empty name")
            continue
        if info.is_dir():
            continue
        if unsafe_member_name(name):
            yield name, Bad(None, "outside_root", f"archive member {name!r} has an absolute path or '..': refused")
            continue
        if _is_symlink(info):
            yield name, Bad(None, "outside_root", f"archive member {name!r} is a symbolic link: refused")
            continue
        if _hidden(name):
            continue
        if info.flag_bits & 0x1:
            yield name, Bad(None, "bad_archive", f"archive member {name!r} is encrypted")
            continue
        if info.file_size > budget.left:
            yield name, Bad(None, "too_large", f"archive member {name!r} declares {info.file_size} bytes, over the {budget.left} left of ingest.max_file_bytes")
            continue
        try:
            with archive.open(info) as handle:
                content = handle.read(budget.left + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
            yield name, Bad(None, "bad_archive", f"archive member {name!r} cannot be read: {exc or type(exc).__name__}")
            continue
        if len(content) > budget.left:
            # The header lied about the size: a zip bomb.
            yield name, Bad(None, "too_large", f"archive member {name!r} decompresses to more than the {budget.left} bytes left of ingest.max_file_bytes")
            budget.left = 0
            continue
        budget.left -= len(content)
        yield name, content

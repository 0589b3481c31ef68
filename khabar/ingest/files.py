"""Which raw files to read, and the rule that they come from inside the root."""

from __future__ import annotations

import os
from pathlib import Path


def list_raw_files(raw: Path) -> list[Path]:
    """Files under ``raw`` (recursive, sorted by relative path), or ``[raw]`` if it is a file.

    Hidden files and folders (name starting with '.') are skipped: editors,
    rsync and macOS leave them and they are not articles. Symbolic links are
    listed, not followed into folders; :func:`read_raw_file` refuses those
    that lead outside the root, so they show up in quarantine.
    Raises FileNotFoundError when ``raw`` does not exist.
    """
    raw = Path(raw)
    if raw.is_file():
        return [raw]
    if not raw.is_dir():
        raise FileNotFoundError(f"raw input {raw} does not exist")
    found = []
    for folder, dirs, names in os.walk(raw, followlinks=False):
        # A link to a folder is listed as an entry (the reader quarantines it) so
        # that it is not silently ignored; os.walk does not descend into it.
        links = [d for d in dirs if os.path.islink(os.path.join(folder, d))]
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in links]
        found.extend(Path(folder) / n for n in names + links if not n.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(raw).as_posix())


def root_dir(raw_root: Path) -> Path:
    """The folder raw paths are relative to (the parent of a single-file root)."""
    return raw_root.parent if raw_root.is_file() else raw_root


def display_path(path: Path, raw_root: Path) -> str:
    """``path`` relative to the raw root when inside it (as given, links unresolved)."""
    try:
        relative = Path(os.path.relpath(path, root_dir(raw_root))).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return path.as_posix() if relative == ".." or relative.startswith("../") else relative


def outside_root(path: Path, raw_root: Path) -> Path | None:
    """The resolved target of ``path`` if it lies outside the raw root, else None."""
    target = path.resolve()
    root = raw_root.resolve()
    if root.is_file():
        return None if target == root else target
    return None if target == root or target.is_relative_to(root) else target

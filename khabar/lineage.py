"""Where rows came from: the code version that wrote them."""

from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

from khabar import __version__


@lru_cache(maxsize=1)
def code_version() -> str:
    """Package version plus the git commit of the checkout, when there is one."""
    try:
        commit_id = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=Path(__file__).resolve().parent, capture_output=True, text=True, timeout=5
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit_id = ""
    return f"{__version__}+{commit_id}" if commit_id else __version__

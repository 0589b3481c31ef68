"""Crash-test hook shared by tasks and flows."""

from __future__ import annotations

import errno
import os
import signal
from pathlib import Path


def fault_point(name: str, path: str | Path | None = None) -> None:
    """``KHABAR_FAULT_AT=<name>`` kills this process with SIGKILL here.

    The crash-safety tests use it to stop a run at exact points (a stage's
    output staged but not swapped in, a swap half done, an ingest commit half
    written) and check that the next run completes the work. Unset in normal use.

    ``KHABAR_FAULT_AT=<name>:enospc`` raises instead the error of a full disk,
    as if writing ``path`` (the file or folder written around this point) had
    failed: the tests check that the run ends with one line and the store intact.
    """
    fault = os.environ.get("KHABAR_FAULT_AT")
    if fault == name:
        os.kill(os.getpid(), signal.SIGKILL)
    if fault == f"{name}:enospc":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path or name))

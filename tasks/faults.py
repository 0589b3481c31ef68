"""Crash-test hook shared by tasks and flows."""

from __future__ import annotations

import os
import signal


def fault_point(name: str) -> None:
    """``KHABAR_FAULT_AT=<name>`` kills this process with SIGKILL here.

    The crash-safety tests use it to stop a run at exact points (a stage's
    output staged but not swapped in, a swap half done, an ingest commit half
    written) and check that the next run completes the work. Unset in normal use.
    """
    if os.environ.get("KHABAR_FAULT_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)

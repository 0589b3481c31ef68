"""The check behind every "runs in linear time" test: doubling the input at
most about doubles the CPU time (a quadratic pattern would quadruple it).

CPU time of this process, not wall time, so other jobs on the machine do not
count; the best of two runs of each size, so one hiccup does not either.
"""

from __future__ import annotations

import time
from typing import Callable


def cpu_seconds(call: Callable[[], object]) -> float:
    started = time.process_time()
    call()
    return time.process_time() - started


def assert_linear(run: Callable[[int], float], n: int, limit: float = 3.0, ratio: float = 4.0) -> None:
    """``run(size)`` returns the CPU seconds of one call on an input of about ``size`` characters."""
    small = min(run(n) for _ in range(2))
    big = min(run(2 * n) for _ in range(2))
    assert big < limit, big
    assert big < ratio * small + 0.2, (small, big)

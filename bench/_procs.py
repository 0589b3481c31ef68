"""What the processes below this one use, sampled from /proc in a thread.

A forked pool worker that its pool never waits for is missing from
``getrusage(RUSAGE_CHILDREN)``, both its peak RSS and its CPU time; sampling
every process below this one sees it. CPU seconds are each process's last
sample, so a process's final fraction of a sampling interval can be missed.
"""

from __future__ import annotations

import threading

import psutil


class ProcessSampler:
    """Peak RSS and CPU seconds of every process below this one, by kind (``worker`` or ``server``)."""

    def __init__(self, every_s: float = 0.25) -> None:
        self.every_s = every_s
        self.peaks: dict[int, tuple[str, int]] = {}
        self.cpu: dict[int, tuple[str, float]] = {}
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._sample()
        self._done.set()
        self._thread.join()

    def peak_mib(self, kind: str) -> float:
        return max((rss for k, rss in self.peaks.values() if k == kind), default=0) / 2**20

    def cpu_seconds(self, kind: str | None = None) -> float:
        """CPU seconds of the processes of ``kind`` (all of them for None)."""
        return sum(cpu for k, cpu in self.cpu.values() if kind in (None, k))

    def _run(self) -> None:
        while not self._done.wait(self.every_s):
            self._sample()

    def _sample(self) -> None:
        for child in psutil.Process().children(recursive=True):
            try:
                with child.oneshot():
                    rss = child.memory_info().rss
                    times = child.cpu_times()
                    kind = "server" if "prefect" in " ".join(child.cmdline()) else "worker"
            except psutil.Error:
                continue
            _, peak = self.peaks.get(child.pid, (kind, 0))
            self.peaks[child.pid] = (kind, max(peak, rss))
            self.cpu[child.pid] = (kind, times.user + times.system)

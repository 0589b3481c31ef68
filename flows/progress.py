"""Progress for the person running khabar: always on stderr, so stdout stays data.

On a terminal each stage gets a bar (done/total units, rate, ETA, via tqdm);
anywhere else (a log file, a pipe, a test's capture) the plain lines stay as
they always were, ``khabar: normalise 1/2 shards (0.3s)``, because users'
logs and the tests parse them. After a run, :func:`summary_lines` gives one
line per stage with its seconds and the run's words per second.
"""

from __future__ import annotations

import shutil
import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO

from tqdm import tqdm


def _is_tty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream: write plain lines
        return False


def _screen() -> dict:
    # tqdm asks the stream's terminal itself; one reporting 0x0 (a fresh pty, `script` in CI) hid the bar.
    # shutil falls back to 80x24 there.
    columns, rows = shutil.get_terminal_size((80, 24))
    return {"ncols": columns, "nrows": rows}


class Progress:
    """Stage progress and one-line messages to ``stream`` (sys.stderr at the time of writing when None)."""

    def __init__(self, stream: TextIO | None = None):
        self._stream = stream

    @property
    def stream(self) -> TextIO:
        # Looked up at each write: pytest's capsys and the CLI swap sys.stderr after import.
        return self._stream if self._stream is not None else sys.stderr

    def say(self, message: str) -> None:
        print(f"khabar: {message}", file=self.stream, flush=True)

    @contextmanager
    def stage(self, name: str, total: int, unit: str) -> Iterator[Callable[[], None]]:
        """Yield ``tick``, to call once per finished unit of ``total``."""
        stream = self.stream
        if not _is_tty(stream):
            started, done = time.monotonic(), 0

            def tick() -> None:
                nonlocal done
                done += 1
                self.say(f"{name:<9} {done}/{total} {unit} ({time.monotonic() - started:.1f}s)")

            yield tick
            return
        # tqdm's rate reads "2.1shard/s": the unit in the singular. [elapsed<ETA, rate] after the count.
        bar_format = "{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_fmt}]"
        unit_one = unit.removesuffix("s")
        with tqdm(total=total, desc=f"khabar: {name:<9}", unit=unit_one, bar_format=bar_format, file=stream, leave=True, **_screen()) as bar:
            yield lambda: bar.update(1)


PROGRESS = Progress()  # the run's: the flows' stage bars and the commands' one-line messages


def summary_lines(words: int, timings: dict[str, float]) -> list[str]:
    """One line per stage: its seconds and ``words`` (the run's corpus words) per second of it."""
    lines = [f"{words} words in the run's partitions (corpus_daily.words)"]
    for stage, seconds in timings.items():
        rate = f"{words / seconds:>10.0f} words/s" if seconds > 0 else f"{'-':>10} words/s"
        lines.append(f"  {stage:<9} {seconds:>8.1f}s {rate}")
    return lines

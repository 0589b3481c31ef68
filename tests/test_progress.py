"""Progress on stderr: plain lines off a terminal (logs and tests parse them), a bar on one, words/s per stage."""

import io
import re

from flows.progress import Progress, summary_lines


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_stage(stream, total=2, name="normalise", unit="shards"):
    progress = Progress(stream)
    with progress.stage(name, total, unit) as tick:
        for _ in range(total):
            tick()
    return stream.getvalue()


def test_plain_lines_when_not_a_terminal():
    lines = run_stage(io.StringIO()).splitlines()
    assert len(lines) == 2
    assert re.fullmatch(r"khabar: normalise 1/2 shards \(\d+\.\ds\)", lines[0])
    assert re.fullmatch(r"khabar: normalise 2/2 shards \(\d+\.\ds\)", lines[1])


def test_short_stage_names_are_padded_as_before():
    assert re.fullmatch(r"khabar: ingest    1/1 files \(\d+\.\ds\)\n", run_stage(io.StringIO(), 1, "ingest", "files"))


def test_no_units_no_lines():
    assert run_stage(io.StringIO(), 0) == ""


def test_a_stream_without_isatty_gets_plain_lines():
    class Bare:
        def __init__(self):
            self.parts = []

        def write(self, text):
            self.parts.append(text)

        def flush(self):
            pass

    stream = Bare()
    with Progress(stream).stage("segment", 1, "shards") as tick:
        tick()
    assert "".join(stream.parts).startswith("khabar: segment   1/1 shards (")


def test_a_terminal_gets_a_bar_with_count_and_rate():
    out = run_stage(FakeTTY(), 3, "extract", "shards")
    assert "\r" in out  # redrawn in place, not one line per shard
    assert "khabar: extract" in out
    assert "3/3" in out and "shard/s" in out
    assert re.search(r"3/3 \[\d\d:\d\d<\d\d:\d\d, ", out)  # elapsed<ETA
    assert not re.search(r"extract\s+1/3 shards \(", out)  # not the plain lines


def test_say_writes_one_khabar_line():
    stream = io.StringIO()
    Progress(stream).say("done: run r1, 1 partition(s), 2.0s")
    assert stream.getvalue() == "khabar: done: run r1, 1 partition(s), 2.0s\n"


def test_summary_words_per_second_per_stage():
    lines = summary_lines(12000, {"ingest": 4.0, "normalise": 0.5, "aggregate": 0.0})
    assert lines[0] == "12000 words in the run's partitions (corpus_daily.words)"
    assert lines[1].split() == ["ingest", "4.0s", "3000", "words/s"]
    assert lines[2].split() == ["normalise", "0.5s", "24000", "words/s"]
    assert lines[3].split() == ["aggregate", "0.0s", "-", "words/s"]  # no division by zero
    assert len(lines) == 4

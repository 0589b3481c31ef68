"""The command line: every command documented, defaults documented, schedule served."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import pytest

from khabar.cli import COMMANDS, build_parser, main as khabar
from khabar.config import DEFAULTS, ConfigError, load_config

from .conftest import REPO


def test_config_file_documents_exactly_the_built_in_defaults():
    assert tomllib.loads((REPO / "config" / "khabar.toml").read_text(encoding="utf-8")) == DEFAULTS


def test_unknown_config_key_is_refused_with_its_name(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[normalise]\ndediacritise = false\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown configuration key 'normalise.dediacritise'"):
        load_config(path)


def test_config_overrides_keep_the_other_defaults(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[normalise]\nteh_marbuta = false\n[runner]\nworkers = 1\n", encoding="utf-8")
    config = load_config(path)
    assert config["normalise"]["teh_marbuta"] is False and config["normalise"]["alef"] is True
    assert config["runner"] == {"kind": "local", "workers": 1, "address": "", "inline_max_bytes": 262144}


def test_every_command_is_in_the_readme_and_has_help(capsys):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    for path, _module, _help in COMMANDS:
        assert f"khabar {' '.join(path)}" in readme, path
        with pytest.raises(SystemExit) as exit_info:
            parser.parse_args([*path, "--help"])
        assert exit_info.value.code == 0
        assert "usage: khabar " + " ".join(path) in capsys.readouterr().out


def test_serve_dry_run_lists_the_nightly_and_reprocess_deployments(tmp_path, capsys):
    config = tmp_path / "c.toml"
    config.write_text('[schedule]\ncron = "30 3 * * *"\ntimezone = "Asia/Baghdad"\n', encoding="utf-8")
    assert khabar(["serve", "--dry-run", "--config", str(config), "--raw", str(tmp_path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "khabar-run/nightly: 30 3 * * * (Asia/Baghdad)" in out
    assert "khabar-reprocess/reprocess: on demand" in out


def test_reprocess_refuses_a_reversed_range_and_a_missing_store(tmp_path, capsys):
    (tmp_path / "documents").mkdir()
    assert khabar(["reprocess", "--since", "2015-07-23", "--until", "2015-07-21", "--out", str(tmp_path)]) == 2
    assert "--since 2015-07-23 is after --until 2015-07-21" in capsys.readouterr().err
    assert khabar(["reprocess", "--since", "2015-07-21", "--until", "2015-07-23", "--out", str(tmp_path / "none")]) == 2
    assert "no khabar store at" in capsys.readouterr().err


def test_readme_lists_every_quarantine_reason():
    from khabar.ingest import REASONS

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for reason in REASONS:
        assert f"| `{reason}` |" in readme, reason


def test_the_command_leaves_at_once_with_its_exit_code_and_all_its_output(tmp_path):
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "khabar.cli", "status", "--out"]
    missing = subprocess.run([*command, str(tmp_path / "none")], cwd=REPO, env=env, capture_output=True, text=True)
    assert missing.returncode == 2
    assert missing.stderr == f"khabar: error: no khabar store at {tmp_path / 'none'} (run `khabar run --out {tmp_path / 'none'}` first)\n"
    (tmp_path / "out").mkdir()
    done = subprocess.run([*command, str(tmp_path / "out"), "--json"], cwd=REPO, env=env, capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "") and json.loads(done.stdout)  # stdout flushed before the process left


def test_the_resource_trackers_note_on_freed_semaphores_is_silenced_for_the_run(monkeypatch):
    from khabar import cli

    monkeypatch.setenv("PYTHONWARNINGS", "error::DeprecationWarning")
    cli._quiet_resource_tracker()
    cli._quiet_resource_tracker()
    assert os.environ["PYTHONWARNINGS"] == "error::DeprecationWarning,ignore::UserWarning:multiprocessing.resource_tracker"
    # a child that leaks a semaphore and leaves with os._exit, as a run does, prints nothing
    leak = "import multiprocessing as mp, os; s = mp.get_context('spawn').Semaphore(1); os._exit(0)"
    done = subprocess.run([sys.executable, "-c", leak], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_runs_of_one_process_share_its_temporary_prefect_server(tmp_path):
    # Prefect keeps the API URL it read at import: a second run in the same process (an embedding
    # program, bench/compare_incremental.py) failed with "Connection refused" on the first run's
    # stopped server. Without a configured server, every run of the process now uses the one it started.
    from .conftest import SAMPLE_RAW

    script = tmp_path / "twice.py"
    out = tmp_path / "out"
    script.write_text(
        "from khabar import cli\n"
        "if __name__ == '__main__':\n"
        f"    first = cli.main(['run', '--raw', {str(SAMPLE_RAW / '2026-11-25')!r}, '--out', {str(out)!r}])\n"
        f"    second = cli.main(['run', '--raw', {str(SAMPLE_RAW)!r}, '--out', {str(out)!r}])\n"
        "    print('exit codes', first, second)\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false", PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, str(script)], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert "exit codes 0 0" in done.stdout, done.stdout[-2000:] + done.stderr[-2000:]
    assert "Connection refused" not in done.stdout + done.stderr
    # Only khabar speaks on stderr: the server's own log (its services' shutdown tracebacks) goes to its file.
    assert [line for line in done.stderr.splitlines() if not line.startswith("khabar:")] == [], done.stderr[-2000:]

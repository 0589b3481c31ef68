"""The ``khabar`` command line.

Every command is a module exposing ``add_arguments(parser)`` and
``main(args) -> int``; it is imported only when the command runs, so
``khabar --help`` is fast and Prefect loads only for commands that need it.
Errors the user can fix print one line (``khabar: error: ...``) and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# (command path, module, one-line help)
COMMANDS: list[tuple[tuple[str, ...], str, str]] = [
    (("run",), "khabar.commands.run", "the nightly job: ingest what is new under --raw and run every stage on the affected partitions"),
    (("reprocess",), "khabar.commands.reprocess", "rebuild the partitions of a date range, from a given stage on"),
    (("status",), "khabar.commands.status", "what the store holds: partitions, counts, recent runs, quarantine, stale partitions"),
    (("serve",), "khabar.commands.serve", "serve the nightly schedule (and an on-demand reprocess deployment) with Prefect"),
    (("warehouse",), "khabar.commands.warehouse", "build or refresh a DuckDB database with one view per dataset"),
    (("entities",), "khabar.commands.entities", "look an entity up by any alias: id, label, canonical, aliases, first/last seen, mentions per day"),
    (("report",), "khabar.commands.report", "write a self-contained HTML report for a date range"),
    (("eval", "segment"), "khabar.commands.eval_segment", "score sentence, token and clitic segmentation against a CoNLL-U file"),
    (("eval", "ner"), "khabar.commands.eval_ner", "score named entities against a 'word TAG' CoNLL file"),
    (("eval", "extract"), "khabar.commands.eval_extract", "score quotes, speakers, dates and amounts against the gold set"),
    (("train", "ner"), "khabar.commands.train_ner", "train the CRF named-entity model from ANERcorp-format data"),
]


def _chosen(argv: list[str] | None) -> tuple[str, ...] | None:
    """The command path ``argv`` opens with (``("run",)``, ``("eval", "ner")``), None when it opens with none."""
    if argv is None:
        return None
    return next((path for path, _module, _help in COMMANDS if tuple(argv[: len(path)]) == path), None)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command; given ``argv`` that names a command, the other commands' modules
    are not imported for their arguments: their imports (pyarrow, pandas, the store: ~0.4 s of CPU)
    would delay ``khabar run`` starting Prefect's server, and a rerun with nothing new."""
    chosen = _chosen(argv)
    parser = argparse.ArgumentParser(prog="khabar", description="Arabic news in, warehouse-ready Parquet out.")
    from khabar import __version__

    parser.add_argument("--version", action="version", version=f"khabar {__version__}")
    top = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    groups: dict[str, argparse._SubParsersAction] = {}
    for path, module, help_text in COMMANDS:
        if len(path) == 1:
            sub = top.add_parser(path[0], help=help_text, description=help_text)
        else:
            if path[0] not in groups:
                group_parser = top.add_parser(path[0], help=f"{path[0]} commands")
                groups[path[0]] = group_parser.add_subparsers(dest="subcommand", metavar="WHAT", required=True)
            sub = groups[path[0]].add_parser(path[1], help=help_text, description=help_text)
        sub.set_defaults(_module=module)
        if chosen is None or path == chosen:
            _add_module_arguments(sub, module)
    return parser


def _add_module_arguments(sub: argparse.ArgumentParser, module: str) -> None:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            sub.set_defaults(_missing=f"command not available in this build ({module} is missing)")
            return
        raise
    mod.add_arguments(sub)


def main(argv: list[str] | None = None) -> int:
    """Run the command of ``argv`` (default: this process's arguments) and return its exit code.

    Called for this process's own arguments (the ``khabar`` command, not a
    test calling ``main([...])``), the process then leaves at once: freeing
    every object Prefect, pyarrow and the NER model made takes the
    interpreter's finalisation ~0.6 s, a tenth of the README sample's run.
    """
    if argv is None:
        _quiet_resource_tracker()
    code = _command(argv)
    if argv is None:
        _leave(code)
    return code


# Leaving with os._exit (``_leave``) lets multiprocessing's resource tracker free the worker
# pool's semaphores itself; its note that it did ("leaked semaphore objects to clean up") is
# no news to the user and could land after khabar's last line, so its processes ignore it.
_TRACKER_NOTE = "ignore::UserWarning:multiprocessing.resource_tracker"


def _quiet_resource_tracker() -> None:
    import os

    current = os.environ.get("PYTHONWARNINGS")
    if _TRACKER_NOTE not in (current or ""):
        os.environ["PYTHONWARNINGS"] = f"{current},{_TRACKER_NOTE}" if current else _TRACKER_NOTE


def _leave(code: int) -> None:
    """Exit now with ``code``, after the exit handlers (Prefect's, logging's)
    and the flush of stdout and stderr a normal exit does; where a thread that
    a normal exit would wait for still runs, return and let it wait."""
    import atexit
    import os
    import threading

    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        return
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: what a normal exit would also lose
            pass
    os._exit(code)


def _command(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if getattr(args, "_missing", None):
        print(f"khabar: error: {args._missing}", file=sys.stderr)
        return 2
    from khabar.errors import KhabarError

    module = importlib.import_module(args._module)
    try:
        return int(module.main(args) or 0)
    except KhabarError as exc:
        print(f"khabar: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("khabar: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

"""The local pool's start-up savings: what each task run and each Prefect client cost a worker."""

from __future__ import annotations

import ssl

import prefect.context

from flows.pool import reuse_settings_context
from flows.prefect_env import _loopback_ca_file


def test_a_worker_builds_the_runs_settings_once_and_enters_them_for_every_task(monkeypatch):
    monkeypatch.setattr(prefect.context, "hydrated_context", prefect.context.hydrated_context)  # restored after the test
    reuse_settings_context()
    reuse_settings_context()  # installed once however often a worker is initialised
    serialized = {"settings_context": prefect.context.SettingsContext.get().serialize()}
    entered = []
    for _ in range(2):
        with prefect.context.hydrated_context(serialized):
            entered.append(prefect.context.SettingsContext.get())
    assert entered[0] is entered[1] and entered[0] is not None
    assert entered[0].settings == prefect.context.SettingsContext.get().settings
    with prefect.context.hydrated_context({}):  # no settings: the worker's own, as before
        assert prefect.context.SettingsContext.get() is not entered[0]


def test_the_temporary_servers_clients_build_their_tls_context_from_one_certificate():
    path = _loopback_ca_file()
    text = open(path, encoding="ascii").read()
    assert text.count("BEGIN CERTIFICATE") == 1 and _loopback_ca_file() == path
    ssl.create_default_context(cafile=path)  # a valid CA file: Prefect's client accepts it


def test_the_temporary_servers_log_goes_to_its_file_and_the_file_goes_with_it():
    # Stopped at the end of a run, the server's services log the events they were still flushing as ERROR
    # with tracebacks; on the user's terminal they read as a failed run. Its stderr is a file of its own.
    import os

    from flows.prefect_env import TemporaryServer

    server = TemporaryServer()
    try:
        assert os.readlink(f"/proc/{server.process.pid}/fd/2") == str(server.log_path)
        server.wait_ready()
    finally:
        server.stop()
    assert server.process.returncode is not None and not server.log_path.exists()

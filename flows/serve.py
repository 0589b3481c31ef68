"""The deployments ``khabar serve`` serves: the nightly run on the configured
schedule and an on-demand reprocess, one run at a time each."""

from __future__ import annotations

from prefect import serve
from prefect.schedules import Cron

from flows.pipeline import nightly, reprocess
from flows.runner import task_runner_from_config


def deployments(raw: str, out: str, config_path: str | None, config: dict) -> list:
    runner = task_runner_from_config(config)
    schedule = config["schedule"]
    return [
        nightly.with_options(task_runner=runner).to_deployment(
            name="nightly",
            schedules=[Cron(schedule["cron"], timezone=schedule["timezone"])],
            parameters={"raw": raw, "out": out, "config_path": config_path},
            concurrency_limit=1,
        ),
        reprocess.with_options(task_runner=runner).to_deployment(
            name="reprocess",
            parameters={"out": out, "config_path": config_path, "from_stage": "normalise"},
            concurrency_limit=1,
        ),
    ]


def serve_deployments(served: list) -> None:
    serve(*served)

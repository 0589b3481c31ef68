"""Prefect settings khabar needs before Prefect is imported.

Offline machines: analytics off (its failed calls also cause SQLite
"database is locked" errors, Prefect #18934, #19771). Prefect's own INFO
logs are hidden unless the user asks for them; khabar prints its own progress.
"""

from __future__ import annotations

import os


def configure_prefect(verbose: bool = False) -> None:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false" if not verbose else "true")

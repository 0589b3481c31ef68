"""Where the bench scripts find the repository and ``../shared/data``.

Importing this module puts the repository on ``sys.path``, so a script run as
``python bench/<script>.py`` imports the checkout's ``khabar`` package.
"""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SHARED_DATA = REPO.parent / "shared" / "data"
SAUDINEWSNET = SHARED_DATA / "saudinewsnet"
BENCH_DAY = SAUDINEWSNET / "2015-07-21.jsonl.gz"  # the day every per-day benchmark reads by default

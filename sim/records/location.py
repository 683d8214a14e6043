"""Where the records live: `--data-dir`, else `PEER_SIM_DATA_DIR`, else the user data dir.

The platform's user data directory (platformdirs) is private to the user on
every system, and the override lets a trainer, a test or a shared classroom
point peer-sim somewhere else without touching code.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "PEER_SIM_DATA_DIR"
DB_NAME = "records.db"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("peer-sim", appauthor=False))

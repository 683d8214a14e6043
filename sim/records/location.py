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
    """The records folder; RecordsUnavailable when it is given as a home folder not found."""
    given, name = (explicit, "--data-dir") if explicit else (os.environ.get(ENV), ENV)
    if given:
        from sim.homes import NoHome, home_path

        try:
            return home_path(given)
        except NoHome as exc:
            from sim.records.opening import RecordsUnavailable

            raise RecordsUnavailable(
                f"the records folder {exc}.",
                f"set {name} to the folder's full path.",
            ) from None
    from platformdirs import user_data_dir

    return Path(user_data_dir("peer-sim", appauthor=False))

"""A folder named with `~` or `~user`, read as the shell reads it, or why it cannot be.

`Path.expanduser` raises RuntimeError when the home folder cannot be found: a
`~nouser/x` for an account the system does not have, or `~` with HOME unset for
an account missing from the password file. Given in PEER_SIM_DATA_DIR,
--data-dir, PEER_SIM_CONFIG_DIR or PEER_SIM_CACHE_DIR, that came out as
"unexpected error ... This is a bug in peer-sim" from every command and the app.
"""

from __future__ import annotations

import os
from pathlib import Path

from sim.text import shown


class NoHome(ValueError):
    """The folder starts with `~` or `~user` and that home folder cannot be found."""


def home_path(text: str | os.PathLike[str]) -> Path:
    """`text` as a Path with its leading `~` or `~user` expanded; NoHome naming why not."""
    path = Path(text)
    try:
        return path.expanduser()
    except RuntimeError:
        head = str(text).split("/", 1)[0].split(os.sep, 1)[0]
        user = head[1:]
        if user:
            why = f"the home folder of a user '{shown(user)}', and this system has no such user"
        else:
            why = "your home folder, which cannot be found (HOME is not set)"
        raise NoHome(f"{shown(str(text))} starts with {shown(head)}, {why}") from None

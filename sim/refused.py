"""Why a folder that is there took no new file, when the system's own answer reads otherwise.

/proc, /sys and their like answer a new file with "No such file or directory" (ENOENT),
about a folder one can list: "cannot write /proc/1/x.md: No such file or directory" and
"the records folder /proc/1 cannot be written (No such file or directory)" sent people
looking for a folder that was there. Every writer (the records, `-o FILE`, `new`, the
app's settings) words that answer here, once.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from sim.text import shown


def no_disk(folder: Path) -> bool:
    """Whether `folder` is on a filesystem with no disk behind it (/proc, /sys): nothing
    there is ever full, and no file of ours can be made there."""
    try:
        return os.statvfs(folder).f_blocks == 0
    except (OSError, ValueError):
        return False


def no_new_file(folder: Path, exc: OSError) -> str | None:
    """For ENOENT on making a file in `folder` (or `folder` itself): what is true, said from
    the nearest folder that is there ("/proc/1 is part of the system's own view of itself
    ..., where no file can be made (the system said: ...)"); None for any other error, or
    when no folder above is there (then the system's words are right)."""
    if exc.errno != errno.ENOENT:
        return None
    there = next((p for p in (folder, *folder.parents) if p.is_dir()), None)
    if there is None:
        return None
    what = (
        "is part of the system's own view of itself (as /proc and /sys are), where"
        if no_disk(there)
        else "is there, but"
    )
    made = "file" if there == folder else "folder"
    return f"{shown(there)} {what} no {made} can be made (the system said: {exc.strerror})"


def file_in_the_way(path: Path) -> str | None:
    """`-o notes.toml/x`: a part of the path that is a file where a folder should be.

    The system says only "Not a directory", which does not say which part is not
    one (and `new` said "there is no folder notes.toml ... make it first", which
    cannot be done while the file is there). None when every part above is a folder
    or is missing.
    """
    for part in path.parents:
        if part.is_dir():
            return None
        if os.path.lexists(part):
            return f"{shown(part)} is a file, not a folder, so nothing can be written inside it"
    return None

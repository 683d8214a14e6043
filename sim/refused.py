"""Why a folder that is there took no new file, when the system's own answer reads otherwise.

Two answers of the system read wrong to a person. ENOTDIR ("Not a directory") for
`-o notes.toml/out.md`, where a folder on the way is a file: which one, and what it is,
is said (`file_in_the_way`). And ENOENT from /proc, below.

/proc, /sys and their like answer a new file with "No such file or directory" (ENOENT),
about a folder one can list: "cannot write /proc/1/x.md: No such file or directory" and
"the records folder /proc/1 cannot be written (No such file or directory)" sent people
looking for a folder that was there. Every writer (the records, `-o FILE`, `new`, the
app's settings) words that answer here, once.
"""

from __future__ import annotations

import errno
import os
import stat
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


def kind(mode: int) -> str:
    """What a file that is not a regular file is, in words ("a named pipe (FIFO)")."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def file_in_the_way(path: Path) -> str | None:
    """`-o notes.toml/x`: the name on the way to `path` that is there but is no folder,
    and what it is ("notes.toml is a file, not a folder"); else None.

    The system's "Not a directory" for `-o notes.toml/out.md` named neither the file in
    the way nor what to do: every writer (`-o`, `new`) and reader (`check`, `replay`)
    words it here. The nearest name that is there decides: below a file, nothing is.
    """
    for here in path.parents:
        try:
            mode = os.stat(here).st_mode
        except (FileNotFoundError, NotADirectoryError):  # absent, or itself below a file
            continue
        except (OSError, ValueError):
            return None
        if stat.S_ISDIR(mode):
            return None
        what = "a file" if stat.S_ISREG(mode) else kind(mode)
        return f"{shown(here)} is {what}, not a folder, so nothing can be put or found under it"
    return None

"""Find and read files we do not trust, without hanging or following them anywhere odd.

A scenarios folder may hold anything: a FIFO or a link to /dev/stdin (reading
would wait forever), a link to /dev/zero (endless), a socket, a device, a
symlink loop, a file nobody can read, a 5 GB file. Only regular files are
opened: the path is stat'ed first (so no device is ever opened, which can have
side effects), then opened non-blocking and checked again on the open file
descriptor (the path may have been swapped in between), and never read past
the size limit. Every refusal is a `ScenarioError` naming the file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from sim.problems import Problem, ScenarioError
from sim.refused import file_in_the_way, kind

MAX_BYTES = 1024 * 1024
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _error(path: Path, message: str, hint: str = "", code: str = "unreadable") -> ScenarioError:
    return ScenarioError([Problem(path, message, hint=hint, code=code)])


def _link_target(path: Path) -> str | None:
    try:
        return os.readlink(path)
    except (OSError, ValueError):
        return None


def _not_a_file(path: Path, mode: int, what: str = "scenario") -> ScenarioError:
    kind_ = kind(mode)
    target = _link_target(path)
    if stat.S_ISDIR(mode) and target is None:
        if not os.access(path, os.R_OK | os.X_OK):
            return _error(
                path,
                "this folder cannot be read (permission denied), so its scenarios are not listed",
                "check the folder's permissions",
            )
        return _error(path, f"this is a folder, not {_a(what)} file", _FOLDER.get(what, ""))
    this = f"a link to {target}, which is {kind_}" if target is not None else kind_
    return _error(
        path,
        f"this is {this}, not {_a(what)} file",
        _ONLY_REGULAR.get(what, f"only regular files are read; give the path of {_a(what)} file"),
        code="not-a-file",
    )


_ONLY_REGULAR = {
    "scenario": "only regular .toml files are read; remove it or move it out of the folder",
    "principle catalogue": "only a regular file is read; replace it with one, or remove it "
    "to use the bundled catalogue",
}


# A folder where a file belongs: "this is a folder" alone left the author to guess the way out.
_FOLDER = {
    "principle catalogue": "rename or move the folder: a catalogue is one file, as "
    "`peer-sim principles --toml` prints it, and with none there the bundled one is used",
}


def _a(what: str) -> str:
    return f"{'an' if what[:1] in 'aeiou' else 'a'} {what}"


def _too_large(path: Path, limit: int = MAX_BYTES, what: str = "scenario") -> ScenarioError:
    size = f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit} bytes"
    return _error(
        path,
        f"the file is larger than {size}, far beyond any real {what}",
        "split it into several scenarios, or check it is the file you meant"
        if what == "scenario"
        else "check it is the file you meant",
        code="too-large",
    )


def unreadable(path: Path, exc: OSError, what: str = "scenario") -> ScenarioError:
    """A sentence for why `path` could not be opened, never a traceback."""
    code = exc.errno
    if code == errno.ELOOP:
        return _error(
            path,
            "this is a symbolic link that loops back on itself",
            f"remove the link, or point it at {_a(what)} file",
        )
    if code == errno.ENOENT:
        target = _link_target(path)
        if target is not None:
            return _error(
                path,
                f"this is a link to {target}, which does not exist",
                f"remove the link, or point it at {_a(what)} file",
            )
        # a scenario path may name a folder (check, list, --scenarios): "no such file" of
        # a folder's name read as if a folder were not allowed there (author33)
        kind = "file or folder" if what == "scenario" and path.suffix != ".toml" else "file"
        return _error(path, f"there is no such {kind}", _missing_hint(path, what))
    if code in (errno.EACCES, errno.EPERM):
        return _error(
            path,
            "this file cannot be read (permission denied)",
            "check the file's permissions, e.g. chmod u+r FILE",
        )
    if code == errno.ENOTDIR:  # "Not a directory": a file stands where a folder is named
        in_the_way = file_in_the_way(path)
        if in_the_way is not None:
            return _error(
                path, f"there is no such file: {in_the_way}", f"give the path of {_a(what)} file"
            )
    if code == errno.ENAMETOOLONG:
        return _error(path, "the file's name or path is too long to open")
    return _error(path, f"this file cannot be read ({exc.strerror or exc})")


def backslash_hint(path: Path | str) -> str | None:
    """`sc\\draft.toml` typed on Linux or macOS, where `\\` is part of a name: the
    Windows habit (or a path copied from a Windows colleague's note) is told the `/` it
    needs, with the path that way when it is there."""
    written = str(path)
    if os.sep != "/" or "\\" not in written:
        return None
    slashed = written.replace("\\", "/")
    if os.path.lexists(slashed):
        return f"did you mean {slashed}? Here folders are separated by /, not \\"
    return "here folders are separated by /, not \\ as on Windows"


def misnamed_hint(path: Path) -> str | None:
    """The file a missing scenario path meant: written with \\ (on Linux or macOS), or
    saved by an editor as x.toml.txt."""
    slashes = backslash_hint(path)
    if slashes is not None:
        return slashes
    saved = with_txt(path)
    if saved is not None:
        return f"there is {saved}: {NOTEPAD}; rename it to {path.name}"
    return None


def _missing_hint(path: Path, what: str) -> str:
    """A scenario named without its `.toml` (`check my-draft`) is told its whole name."""
    misnamed = misnamed_hint(path) if what == "scenario" else backslash_hint(path)
    if misnamed is not None:
        return misnamed
    if what == "scenario" and path.suffix != ".toml":
        whole = Path(f"{path}.toml")
        if os.path.lexists(whole):
            return f"did you mean {whole}?"
    if what == "scenario":  # check, test, play and graph take an id as well as a path
        return "check the path and the file name, or give a scenario id from `peer-sim list`"
    return "check the path and the file name"


def read_limited(path: Path, limit: int = MAX_BYTES, what: str = "scenario") -> bytes:
    """The bytes of the regular file at `path`; ScenarioError for anything else.

    `what` names the kind of file expected, in the messages ("scenario",
    "exported run").

    A file that grows while being read is cut at `limit + 1` bytes, so the
    caller's size check still fires.
    """
    try:
        before = os.stat(path)
    except (OSError, ValueError) as exc:
        raise _value_error(path, exc, what) from None
    if not stat.S_ISREG(before.st_mode):
        raise _not_a_file(path, before.st_mode, what)
    if before.st_size > limit:
        raise _too_large(path, limit, what)
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise unreadable(path, exc, what) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):  # swapped since the stat above
            raise _not_a_file(path, opened.st_mode, what)
        if opened.st_size > limit:
            raise _too_large(path, limit, what)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            try:
                chunk = os.read(fd, min(left, 1 << 20))
            except BlockingIOError:  # pragma: no cover - regular files do not block
                break
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise unreadable(path, exc, what) from None
    finally:
        os.close(fd)


def _value_error(path: Path, exc: Exception, what: str = "scenario") -> ScenarioError:
    if isinstance(exc, OSError):
        return unreadable(path, exc, what)
    # a NUL byte in the name: os functions refuse it outright
    return _error(path, "the file's name holds a character no file name can have")


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    """Text of a regular file (UTF-8, BOM dropped, bad bytes replaced), "" when unreadable."""
    try:
        return read_limited(path, limit).decode("utf-8-sig", "replace")
    except ScenarioError:
        return ""


def find_toml(folder: Path) -> list[Path]:
    """`*.toml` under `folder`, hidden entries skipped, in sorted order.

    Walked with an explicit stack (no recursion limit on deep trees), never
    into linked folders (no loops); a subfolder that cannot be listed is
    returned itself, so reading it reports it by name.
    """
    found: list[Path] = []
    stack = [folder]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as entries:
                listed = list(entries)
        except OSError:
            found.append(here)
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                stack.append(Path(entry.path))
            elif entry.name.endswith(".toml"):
                found.append(Path(entry.path))
    found.sort()
    return found


# What an editor may have added after .toml: Notepad saves "x.toml" as x.toml.txt unless
# "All files" is chosen, and Windows hides the extension, so the author sees x.toml.
_ADDED = (".txt", ".TXT")
NOTEPAD = "an editor added .txt, as Notepad does (Windows hides it)"


def with_txt(path: Path) -> Path | None:
    """`x.toml.txt` beside a missing `x.toml`: the file the author saved."""
    if path.suffix != ".toml":
        return None
    for added in _ADDED:
        saved = Path(f"{path}{added}")
        if os.path.lexists(saved):
            return saved
    return None


def no_scenarios_note(paths: list[str] | list[Path]) -> str:
    """The "no scenario files found" line, naming a .toml.txt in the folders if one is there."""
    from sim.text import shown

    for entry in paths:
        folder = Path(entry)
        if not folder.is_dir():
            continue
        try:
            names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(_ADDED))
        except OSError:
            continue
        saved = next((n for n in names if n[: -len(".txt")].endswith(".toml")), None)
        if saved is not None:
            return (
                f"no scenario files found: {shown(str(folder / saved))} ends in .txt, so "
                f"it is not read: {NOTEPAD}; rename it to {shown(saved[: -len('.txt')])}"
            )
    return "no scenario files found"

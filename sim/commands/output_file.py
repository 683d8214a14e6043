"""The file a command's `-o` names: written whole or not at all, never over the records.

Every command's `-o FILE` comes here (`write_file`). A full disk, a folder that
takes no new file, a named pipe nobody reads, a socket, or the records store
itself under that name each end in one sentence saying why, never a traceback,
a hang, a half-written file or a lost store.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sim.commands.streams import on_stop_signals
from sim.refused import file_in_the_way, no_new_file
from sim.text import shown, shown_name


def write_file(name: str, text: str | Iterable[str]) -> str | None:
    """Write `text` (or its pieces, in order) to the file `-o` names, whole or not at all;
    why it failed, else None.

    Every command's `-o` comes here. A regular file (or a new one) is written
    beside and renamed over, so a full disk leaves the old file whole; a named
    pipe is opened non-blocking, so one nobody reads is an error, not a hang
    (with a reader, as for `-o >(gzip > f)`, it is written as usual).
    """
    if name.endswith(("/", os.sep)) and not Path(name).is_dir():
        # Path("x.csv/") is Path("x.csv"): a name said as a folder was written as a file
        in_the_way = file_in_the_way(Path(name) / "x")
        if in_the_way is not None:
            return f"cannot write {shown_name(name)}: {in_the_way}; give a file name (such as class.csv)"
        return (
            f"cannot write {shown_name(name)}: the / at its end names a folder, and there is no "
            "such folder; give a file name (such as class.csv)"
        )
    out = Path(name)
    records = records_file(out)
    if records is not None:
        return f"cannot write {shown_name(name)}: {records}; give another file name"
    try:
        if _regular_or_new(out):
            _replace_whole(out, text)
        else:
            nonblock = getattr(os, "O_NONBLOCK", 0)
            fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | nonblock, 0o600)
            if nonblock:
                os.set_blocking(fd, True)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                _write_pieces(f, text)
    except OSError as exc:
        return f"cannot write {shown_name(name)}: {_why_not(out, exc)}"
    return None


_SQLITE_MAGIC = b"SQLite format 3\x00"


def records_file(out: Path) -> str | None:
    """What peer-sim records file `out` is (or belongs to), else None.

    `export last -o records.db` (in the records folder, or a trainee's store copied
    elsewhere) wrote one run's Markdown over the store: the next command moved the
    "damaged" file aside and every run was gone (adversarial-8). The file is known by
    its header (SQLite, peer-sim's application id), so any copy is kept safe; SQLite's
    files beside it (-wal, -shm, -journal) by that of the file they belong to, whether or
    not they exist now (SQLite reads one it finds, then deletes it: the export was lost).
    """
    from sim.records.schema import APPLICATION_ID

    def is_records(path: Path) -> bool:
        try:
            with open(path, "rb", buffering=0) as f:  # a regular file: checked before opening
                head = f.read(72)
        except (OSError, ValueError):
            return False
        if head[:16] != _SQLITE_MAGIC:
            return False
        if head[68:72] == APPLICATION_ID.to_bytes(4, "big"):
            return True
        # A store made in a process that is still running can hold its header (the
        # application id with it) in the write-ahead log beside it, not yet copied into
        # the file: an export was written over the store then (a flaky test showed it).
        if not _regular(Path(f"{path}-wal")):
            return False
        import sqlite3  # here: every command installs these streams; few need SQLite

        from sim.records.opening import connect_read_only

        try:
            conn = connect_read_only(path)
            try:
                return conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
            finally:
                conn.close()
        except sqlite3.Error:
            return True  # an SQLite file we cannot read beside its log: not ours to overwrite

    if _regular(out) and is_records(out):
        return "it is a peer-sim records file, and writing over it would lose every run in it"
    for suffix in ("-wal", "-shm", "-journal"):  # SQLite would take (and drop) a new one too
        if out.name.endswith(suffix):
            base = out.with_name(out.name[: -len(suffix)])
            if _regular(base) and is_records(base):
                return (
                    f"SQLite keeps its working file under that name beside the peer-sim "
                    f"records file {shown(base)}: written there, it could damage the records, "
                    "and SQLite would delete it"
                )
    return None


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


class _FolderRefuses(OSError):
    """The file could be written, but not replaced whole: no new file can go beside it."""

    def __init__(self, code: int, folder: Path, reason: str | None) -> None:
        super().__init__(code, reason)
        self.folder = folder


def _why_not(out: Path, exc: OSError) -> str:
    if isinstance(exc, _FolderRefuses):
        # /proc answers "No such file or directory" about a folder that is there
        said = no_new_file(exc.folder, exc)
        folder = said or f"its folder {shown(exc.folder)} takes no new file ({exc.strerror})"
        return (
            f"it is written whole beside the old one and then swapped in, and {folder}; "
            "write it elsewhere, or print it and redirect: peer-sim ... > FILE"
        )
    if exc.errno == errno.ENXIO:
        # a socket answers as a pipe with no reader does: "No such device or address"
        if _is_socket(out):
            return "it is a socket, which takes no file; give another file name"
        return "it is a named pipe and nothing is reading from it"
    if exc.errno == errno.EISDIR or out.is_dir():
        return "it is a folder (give a file name inside it)"
    blocked = file_in_the_way(out)
    if blocked is not None:
        return f"{blocked} (give a file name in a folder)"
    if exc.errno == errno.ENOENT and not out.parent.is_dir():
        return f"there is no folder {shown(out.parent)}"
    said = no_new_file(
        out.parent, exc
    )  # /proc: "No such file or directory" in a folder that is there
    if said is not None:
        return f"{said}; write it to a folder you can write"
    if exc.errno == errno.ENOSPC:
        return "No space left on device"
    return exc.strerror or str(exc)


def _is_socket(path: Path) -> bool:
    try:
        return stat.S_ISSOCK(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _regular_or_new(out: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(out).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False  # the direct open names what is wrong


def _write_pieces(f: Any, text: str | Iterable[str]) -> None:
    for piece in [text] if isinstance(text, str) else text:
        f.write(piece)


def _replace_whole(out: Path, text: str | Iterable[str]) -> None:
    """Write beside the file and rename over it: a full disk leaves the old file whole.

    Truncating first lost the previous export and left an empty file when the
    write failed. A link is followed, so the file it points at is replaced.
    """
    # a link is followed; any other name is used as given (resolved, a folder above that
    # cannot be read, as a working folder can be, made every check fail "Permission denied")
    target = Path(os.path.realpath(out)) if out.is_symlink() else out
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(out))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o600
    temp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT) and target.exists():
            # "Permission denied" for a file one can write, or "No such file" for one that
            # exists: the file is there, but its folder takes no new file beside it
            raise _FolderRefuses(exc.errno, target.parent, exc.strerror) from None
        raise
    try:
        with _removed_if_killed(temp):
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                _write_pieces(f, text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


@contextlib.contextmanager
def _removed_if_killed(temp: Path) -> Iterator[None]:
    """While `temp` is written, a signal that would end the process (TERM, HUP, QUIT...)
    removes it before the process ends as the signal would.

    Killed mid-write (a 45 MB `export all` takes a while), the half-written
    `.NAME.PID.partial` was left beside the file for good (adversarial-6).
    """
    import signal

    def end(signum: int, _frame: object) -> None:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    with on_stop_signals(end):
        yield

"""Standard streams for the command line: gated, and never the cause of a traceback.

Two jobs, done once in `sim.cli.main` so no subcommand has to remember them:

- Everything written to stdout and stderr passes through the untrusted-text
  gate (`sim.text.shown`, keeping line breaks). Subcommands already quote file
  names and keys through it; this is the backstop for anything they miss
  (an argument echoed in an error, a message from a library).
- The edges a shell can hand us: a closed stdin, stdout or stderr (`<&-`,
  `>&-`), a full disk (`>/dev/full`), a reader that left (`| head`), and a
  locale whose encoding cannot spell the output (`LANG=C` on an old Python,
  latin-1): characters it cannot encode are written as escapes, and a failed
  write becomes one line on stderr and exit status 1. Typed input the encoding
  cannot read (`PYTHONIOENCODING=utf-8` or `ascii` makes stdin strict) is
  read as undecodable characters, which the readers clean, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from sim.refused import file_in_the_way, no_new_file
from sim.text import shown, shown_name


class Gated:
    """A text stream whose writes go through the gate first; everything else is passed on."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(shown(text, newlines=True))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def write_mark(mark: str) -> None:
    """Write a byte-order mark peer-sim adds itself (`report --bom`) to stdout past the
    gate, which shows U+FEFF as the escape `\\ufeff`: right for a file name or a scenario's
    text, where it would hide, but `report --format csv --bom > class.csv` then began with
    six letters that made the first column `\\ufefftrainee` (trainer-test-7). The mark is
    no control sequence; on a terminal it has no width."""
    stream = sys.stdout
    (stream._stream if isinstance(stream, Gated) else stream).write(mark)


class Closed(io.TextIOBase):
    """What stdout is when the shell closed it: any write is an error the CLI reports."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def writable(self) -> bool:
        return True


def _occupy(fd: int) -> bool:
    """Put /dev/null on a closed descriptor, so no file we open later takes its number.

    Without this, with `>&-` the first scenario file opened would become fd 1,
    and anything writing to fd 1 would write into it. True when it was closed.
    """
    try:
        os.fstat(fd)
        return False
    except OSError:
        pass
    try:
        null = os.open(os.devnull, os.O_RDWR)
    except OSError:
        return True
    if null != fd:
        os.dup2(null, fd)
        os.close(null)
    return True


def _tolerant(stream: TextIO | None) -> None:
    """Write what the encoding cannot spell as escapes instead of raising."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a stream that refuses
            reconfigure(errors="backslashreplace")


def _forgiving(stream: TextIO | None) -> None:
    """Read bytes the encoding cannot decode as lone surrogates instead of raising.

    An answer typed in another encoding (or pasted binary) ended the plain
    player with "unexpected error (UnicodeDecodeError)" whenever the encoding
    was set strict, as `PYTHONIOENCODING=utf-8` does; every reader of typed
    text cleans such characters out.
    """
    if getattr(stream, "errors", None) == "strict":
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="surrogateescape")


# Characters whose encoded bytes must hold no control byte: among them one whose UTF-16
# form is ESC [ (U+1B5B), and CJK that ISO-2022 encodings shift in with ESC sequences.
_PROBE = "\u1b5b\u0a1b\u00e9\u2014\u65e5\u672c\ud55c"


def ascii_safe(encoding: str | None) -> bool:
    """Whether text in `encoding` can put no control byte on the wire that the gate did
    not leave there: ASCII as itself, and nothing else as a byte below 0x20.

    `PYTHONIOENCODING=utf-16` wrote NUL bytes between the letters, and a scenario's
    U+1B5B reached the terminal as ESC [ (adversarial-8): the gate works on characters,
    so an encoding that spells a harmless character with control bytes undoes it.
    """
    if not encoding:
        return True
    try:
        if "".join(map(chr, range(32, 127))).encode(encoding) != bytes(range(32, 127)):
            return False
        for ch in _PROBE:
            try:
                if any(b < 0x20 for b in ch.encode(encoding)):
                    return False
            except UnicodeEncodeError:
                continue  # written as an escape (backslashreplace): ASCII
    except (LookupError, UnicodeError):
        return False
    return True


def _utf8_if_unsafe(stream: TextIO | None) -> None:
    encoding = getattr(stream, "encoding", None)
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and not ascii_safe(encoding):
        with contextlib.suppress(ValueError, OSError):
            reconfigure(encoding="utf-8")


def install() -> dict[str, bool]:
    """Prepare the standard streams; which of them the shell had closed."""
    closed = {name: _occupy(fd) for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr"))}
    if sys.stdin is None or closed["stdin"]:
        # a closed stdin reads as empty: the plain player stops at end of input
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as we do
    _utf8_if_unsafe(sys.stdin)
    _forgiving(sys.stdin)
    if sys.stdout is None or closed["stdout"]:
        sys.stdout = Closed()  # type: ignore[assignment]
    if sys.stderr is None or closed["stderr"]:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        _utf8_if_unsafe(stream)
        _tolerant(stream)
        if not isinstance(stream, Gated):
            setattr(sys, name, Gated(stream))
    return closed


def for_app() -> None:
    """The app draws on stderr: in a locale that cannot spell its glyphs, draw `?`.

    An escape like `\\u2502` is six cells wide where the layout allowed one, and
    would tear the screen apart; a `?` keeps every line its width.
    """
    stream = getattr(sys.__stderr__, "reconfigure", None)
    if stream is not None:
        with contextlib.suppress(ValueError, OSError):
            stream(errors="replace")


def write_failed(exc: OSError) -> int:
    """Say that the output could not be written, once, and pick the exit status.

    A reader that left (`peer-sim list | head`) is not an error. Whatever is
    still buffered for stdout is sent to /dev/null, so the interpreter's own
    flush at exit cannot fail a second time with a message of its own.
    """
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:  # pragma: no cover
        pass
    if isinstance(exc, BrokenPipeError):
        return 0
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        reason = "no space left on the device"
    elif exc.errno == errno.EBADF:
        reason = "standard output is closed"
    try:
        sys.stderr.write(f"peer-sim: cannot write the output: {reason}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return 1


def flush_stdout() -> None:
    """Flush now, inside main, so a failure is reported rather than printed at exit."""
    stream = sys.stdout
    if stream is not None:
        stream.flush()


def keys_reach_the_app() -> bool:
    """Standard input is a terminal, or textual-serve drives the app (a tab's keys
    come over a pipe then, with TEXTUAL_DRIVER naming its web driver)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    try:
        return sys.__stdin__ is not None and sys.__stdin__.isatty()
    except (OSError, ValueError):
        return False


def not_a_terminal(plain_form: str) -> str:
    """Why the app will not start on stdin from a file, a pipe or /dev/null (it would
    draw and wait for keys that never come, with no way to quit), and what to run."""
    return f"the app needs a terminal, but standard input is not one (for plain text: {plain_form})"


def draws_nowhere(plain_form: str, closed: bool = False) -> str:
    """Why the app would draw where nobody sees it, else ''.

    The app draws on standard error (Textual's way). `peer-sim 2> errors.log`, or
    2>/dev/null, drew the whole app into that file and left the terminal blank, a
    trainee pressing keys at nothing; to /dev/full it could not be quit at all
    (adversarial-24). A tab served by textual-serve draws over its own pipe, and any
    driver named there is the driver's to check (`check_driver`).
    """
    if "TEXTUAL_DRIVER" in os.environ:
        return ""
    if not closed:
        try:
            if sys.__stderr__ is not None and sys.__stderr__.isatty():
                return ""
        except (OSError, ValueError):
            pass
    where = "closed (2>&-)" if closed else "not a terminal here (2> sends it elsewhere)"
    return (
        f"the app draws on standard error, and it is {where}: run it without redirecting "
        f"standard error, or for plain text: {plain_form}"
    )


def tell_the_terminal(message: str) -> None:
    """`message` on standard error, and on standard output too when that is the terminal
    the person is looking at (standard error went to a file or nowhere)."""
    try:
        terminal = sys.__stdout__ is not None and sys.__stdout__.isatty()
    except (OSError, ValueError):
        terminal = False
    if terminal:
        print(f"peer-sim: {message}", flush=True)
    with contextlib.suppress(OSError, ValueError):  # /dev/full: the terminal was told
        print(f"peer-sim: {message}", file=sys.stderr, flush=True)


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
    records = _records_file(out)
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


def _records_file(out: Path) -> str | None:
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
def on_stop_signals(handler: Callable[[int, object], None]) -> Iterator[None]:
    """While the block runs, TERM and HUP call `handler` (in the main thread; elsewhere
    signals cannot be caught, and nothing changes). The handlers before are put back after."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {}
    for name in ("SIGTERM", "SIGHUP"):
        if (signum := getattr(signal, name, None)) is not None:
            with contextlib.suppress(ValueError, OSError):
                before[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, previous in before.items():
            # None: a handler set from C, which Python cannot put back; the default is kept
            with contextlib.suppress(ValueError, OSError):
                signal.signal(signum, signal.SIG_DFL if previous is None else previous)


@contextlib.contextmanager
def _removed_if_killed(temp: Path) -> Iterator[None]:
    """While `temp` is written, TERM or HUP removes it before the process ends as they would.

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

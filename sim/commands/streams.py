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

A file named with `-o` is written by `sim.commands.output_file`.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from sim.text import shown


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


@contextlib.contextmanager
def on_stop_signals(handler: Callable[[int, object], None]) -> Iterator[None]:
    """While the block runs, every signal that would end the process (sim/ending_signals.py:
    TERM, HUP, QUIT, USR1, USR2, ALRM, XCPU) calls `handler`, in the main thread;
    elsewhere signals cannot be caught, and nothing changes. The handlers before are
    put back after."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    from sim.ending_signals import ENDING

    before = {}
    for name in ENDING:
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

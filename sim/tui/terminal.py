"""What the app does about the terminal it runs in: a window too small, and signals.

While the "too small" notice covers the screen (widgets/too_small.py), input
must not reach the screens under it: a 20x8 terminal once started a scenario
and chose lines nobody saw. SIGTERM, SIGHUP, SIGQUIT, SIGUSR1/2, SIGALRM, SIGXCPU and a
`kill -INT` close the app the way ctrl+q does, so Textual's driver leaves the alternate screen, turns mouse reporting
off and gives the terminal back in cooked mode (benchmarks/tui_signals.py
checks it in tmux).
"""

from __future__ import annotations

import asyncio
import contextlib
import select
import signal
import socket
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events

from sim.ending_signals import ENDING
from sim.tui.textual_internals import (
    app_bindings,
    has_screens,
    input_read_last,
    messages_waiting,
)
from sim.tui.widgets.too_small import too_small

if TYPE_CHECKING:
    from textual.events import Resize


# with no handler for one of these the app died inside the alternate screen, mouse
# reporting on (adversarial-24)
_held: list[int] = []  # signals that came before the app could close itself

# and SIGINT: in raw mode ctrl+c is a key, but a bare `kill -INT` (a script, a
# supervisor) closed the app with status 0, as if the trainee had quit, where
# every other ending signal gives 128 + n (adv30b). The plain player has its
# own KeyboardInterrupt handling, so SIGINT stays out of the shared list.
_APP_ENDING = (*ENDING, "SIGINT")


def hold_signals() -> Callable[[], None]:
    """Until the app has mounted, keep an ending signal instead of dying of it.

    Textual puts the terminal in raw mode, the alternate screen and mouse
    reporting before the app mounts, and the app's own handlers come at mount:
    a SIGTERM or SIGQUIT in that half second (a window manager closing at once,
    a test harness) left the shell in raw mode. A held signal closes the app as
    soon as it mounts. Returns the function that puts the old handlers back; it
    sends a held signal again if the app never got to it.
    """
    _held.clear()
    before: dict[int, object] = {}
    for sig in (getattr(signal, name) for name in _APP_ENDING if hasattr(signal, name)):
        with contextlib.suppress(OSError, ValueError):  # not the main thread, or no such
            before[sig] = signal.signal(sig, lambda number, _frame: _held.append(number))

    def release() -> None:
        _stop_waking_loop()
        for sig, handler in before.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
        if _held:
            import os

            os.kill(os.getpid(), _held.pop(0))

    return release


# the app's own wake-up socket pair for signals, its loop and the wake-up fd before it
_waking: list[tuple[socket.socket, socket.socket, int, asyncio.AbstractEventLoop]] = []


def _wake_loop_on_signals(loop: asyncio.AbstractEventLoop) -> None:
    """Have a signal wake the event loop, whichever thread of the process it comes to.

    Python runs a signal's handler in the main thread, the next time that thread runs
    Python code; the kernel hands a signal to any thread not blocking it, mostly the
    main one. When it came to another (Textual's input or writer thread, the hang-up
    watch), the main thread slept on in the event loop's wait with nothing to do, and
    the handler with it: a `kill -INT` to the app sitting on the library went unheard
    until a key was pressed (a loaded CI run waited out 30 s; tests/tui/test_closing.py
    sends one to another thread). Python writes a byte to its wake-up fd for every signal
    from whichever thread; asyncio sets one only for `add_signal_handler`, which the app
    does not use (`_restore_terminal_on_signals` says why). So the app sets its own: a
    socket pair of its own, not asyncio's, which a burst of keys fills (adversarial-35).
    """
    _stop_waking_loop()
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)

    def drain() -> None:  # waking is all it is for: the handlers run as the loop wakes
        with contextlib.suppress(OSError):
            while reader.recv(4096):
                pass

    try:
        before = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    except ValueError:  # not the main thread
        before = None
    if before is not None and before != -1:
        # one is set already, and wakes the loop: asyncio's, for `add_signal_handler`
        # (the web driver's), whose handlers it alone can dispatch; it stays
        signal.set_wakeup_fd(before)
    if before is None or before != -1:
        reader.close()
        writer.close()
        return
    loop.add_reader(reader.fileno(), drain)
    _waking.append((reader, writer, before, loop))


def _stop_waking_loop() -> None:
    """Put the wake-up fd back as it was and close the app's pair (`hold_signals`' release)."""
    while _waking:
        reader, writer, before, loop = _waking.pop()
        with contextlib.suppress(OSError, ValueError):  # not the main thread; fd closed
            signal.set_wakeup_fd(before)
        with contextlib.suppress(Exception):  # a loop closed already has let go of it
            loop.remove_reader(reader.fileno())
        reader.close()
        writer.close()


def terminal_gone() -> bool:
    """Has the terminal hung up under the app (its window closed, tmux killed)?

    Nobody need send SIGHUP then (the app is not always the terminal's
    foreground process), and Textual's input thread read end-of-file in a
    busy loop for ever: an unreachable process at 50-70% CPU.
    """
    if not hasattr(select, "poll"):
        return False  # Windows: no such loop there
    poller = select.poll()
    for stream in (sys.__stdin__, sys.__stderr__):
        try:
            poller.register(stream.fileno(), select.POLLIN)  # type: ignore[union-attr]
        except (AttributeError, OSError, ValueError):
            return False
    gone = select.POLLHUP | select.POLLERR | select.POLLNVAL
    return any(events & gone for _fd, events in poller.poll(0))


CLOSING_GRACE = 5.0  # seconds a close on a hung-up terminal may take
INPUT_GRACE = 2.0  # seconds an ending signal waits for keys already read to be taken
INPUT_QUIET = 0.05  # seconds with no input passed on: the input read is all on its way


def _end_if_closing_hangs(code: int) -> None:
    """After a hang-up, end the process if closing the app stalls on the dead terminal.

    Textual's driver says goodbye to the terminal as the app closes; with the
    terminal gone its writer thread dies and the next write waits for ever on a
    full queue (seen: an app behind a killed tmux, stuck at exit). Every move
    is already in the records, so nothing is lost by ending here.
    """
    import os
    import threading

    def end() -> None:
        os._exit(code)

    timer = threading.Timer(CLOSING_GRACE, end)
    timer.daemon = True
    timer.start()


class TerminalGuards:
    """Mixed into `PeerSimApp` (before `App`, so `on_event` sees input first)."""

    def _guard_terminal(self) -> None:
        """At mount: the size guard as the terminal is now, and the signal handlers."""
        self.set_class(too_small(*self.size), "-too-small")  # type: ignore[attr-defined]
        if not self.is_headless:  # type: ignore[attr-defined]
            self._restore_terminal_on_signals()
            self._watch_terminal()
        self.app_resume_signal.subscribe(self, self._repaint_resumed)  # type: ignore[attr-defined]

    def _repaint_resumed(self, _app: object) -> None:
        """Back from a stop (ctrl+z or `kill -TSTP`, then `fg`): draw the whole screen.

        Textual's driver gives the terminal back on SIGTSTP and takes it again on
        SIGCONT, in a fresh alternate screen, but only `App.suspend` repaints after:
        the trainee came back from `fg` to a blank window, nothing on it until a
        key changed something (adversarial-10).
        """
        self.refresh(layout=True)  # type: ignore[attr-defined]
        self.screen.refresh(layout=True)  # type: ignore[attr-defined]

    def _watch_terminal(self) -> None:
        """Notice a hang-up from a thread of its own, not from a timer on the event loop.

        With the terminal gone, Textual's writer thread dies on its first failed
        write and the next screen refresh blocks the event loop for good on the
        writer's full queue (seen under test: a timer-based check never ran
        again). A thread still sees it: it asks the loop to close as for SIGHUP,
        and the grace timer ends the process if the loop cannot.
        """
        import threading
        import time

        loop = asyncio.get_running_loop()

        def watch() -> None:
            while True:
                time.sleep(1.0)
                if terminal_gone():
                    _end_if_closing_hangs(128 + signal.SIGHUP)
                    with contextlib.suppress(RuntimeError):  # the loop has already closed
                        loop.call_soon_threadsafe(self.exit, None, 128 + signal.SIGHUP)  # type: ignore[attr-defined]
                    return

        threading.Thread(target=watch, name="peer-sim-hangup", daemon=True).start()

    def on_resize(self, event: Resize) -> None:
        self.set_class(too_small(*event.size), "-too-small")

    async def on_event(self, event: events.Event) -> None:
        # While the "too small" notice covers the screen, input must not reach the
        # screens under it (a 20x8 terminal once started a scenario nobody saw):
        # only the quit key gets through. Resize events come through this same
        # queue, so a key typed after the window grew is handled after the notice went.
        typed = isinstance(event, (events.Key, events.MouseEvent, events.Paste))
        if typed and not has_screens(self):  # type: ignore[arg-type]
            # closing, its screens gone: keys of a burst still bubbling up from a
            # widget's queue met Textual's `self.screen` and ended the app in
            # ScreenStackError's traceback (adversarial-35: 5,000 characters in one write)
            return
        if (
            typed
            and not event.is_forwarded
            and self.has_class("-too-small")
            and not (isinstance(event, events.Key) and self._quits(event.key))
        ):
            return
        await super().on_event(event)  # type: ignore[misc]

    def _quits(self, key: str) -> bool:
        """Whether `key` is bound (after the user's keymap) to quitting."""
        bindings = app_bindings(self)  # type: ignore[arg-type]
        return any(b.action in ("quit", "help_quit") for b in bindings.key_to_bindings.get(key, ()))

    def _restore_terminal_on_signals(self) -> None:
        """Signals that would end the process close the app as ctrl+q would, so the
        terminal is restored: SIGTERM and SIGHUP, and SIGQUIT, SIGUSR1 and SIGUSR2
        (`kill -QUIT`, a process manager's choice; in raw mode ctrl+\\ is a key).

        Without this the process dies inside the alternate screen with mouse
        reporting on and the terminal in raw mode. Exit status 128 + the signal.

        Python's own handlers, not asyncio's `add_signal_handler`: asyncio hears of a
        signal only by a byte on its wake-up socket, which the keys of a burst fill
        (Textual's input thread wakes the loop once a key), and a signal that finds it
        full is lost. A SIGTERM sent while 5,000 characters typed in one write were
        still being taken was never acted on: the app ran on (adversarial-35, tmux).
        """

        if sys.platform == "win32":
            return  # no such signals to restore there
        loop = asyncio.get_running_loop()

        def heard(number: int, _frame: object) -> None:
            try:  # the handle is queued even when the wake-up byte finds no room
                loop.call_soon_threadsafe(self._on_signal, number)
            except RuntimeError:  # the loop has closed: `hold_signals`' release sends it again
                _held.append(number)

        for sig in (getattr(signal, name) for name in _APP_ENDING if hasattr(signal, name)):
            try:
                signal.signal(sig, heard)
            except (OSError, ValueError):
                return  # not the main thread: nothing to restore there
        _wake_loop_on_signals(loop)
        if _held:  # one came while the app was starting (hold_signals)
            self._on_signal(_held.pop(0))
            _held.clear()

    def _on_signal(self, sig: int) -> None:
        if sig == signal.SIGHUP:
            _end_if_closing_hangs(128 + sig)
        import time

        self._close_when_input_taken(128 + sig, time.monotonic() + INPUT_GRACE)

    def _close_when_input_taken(self, code: int, deadline: float) -> None:
        """Close once the keys already read have reached where they were typed, or at
        `deadline`.

        Textual's input thread reads a burst (a paste without bracketed paste, tmux
        send-keys) far faster than the box takes it, and a signal closed the app with
        the rest still on its way: of 1,800 characters read, 580 were kept
        (adversarial-37, SIGTERM 0.15 s into the burst). Keys not yet read are the
        terminal's, and go with it.
        """
        import time

        now = time.monotonic()
        if now < deadline and not self._input_taken(now):
            self.set_timer(0.02, lambda: self._close_when_input_taken(code, deadline))  # type: ignore[attr-defined]
            return
        self.exit(return_code=code)  # type: ignore[attr-defined]

    def _input_taken(self, now: float) -> bool:
        """No input passed on in the last INPUT_QUIET seconds, and none waiting on the way
        from the app to the focused widget."""
        if now - input_read_last(self) < INPUT_QUIET:  # type: ignore[arg-type]
            return False
        screen = self.screen if has_screens(self) else None  # type: ignore[attr-defined, arg-type]
        path = [self, screen, getattr(self, "focused", None)]
        return not any(messages_waiting(node) for node in path if node is not None)

"""The app stopped and continued by signals: one terminal session, however the signals come.

Textual's Linux driver restarts its terminal mode on every SIGCONT. A SIGCONT
that follows no SIGTSTP of its own (after an uncatchable SIGSTOP from another
program, a debugger, a stray `kill -CONT`) therefore started a second reader
and writer while the first still ran. Two readers share the keys: a paste's
start went to one parser and its end to the other, so its text came as key
presses (a pasted newline submitted the own-words box), and that reader then
sat inside a "paste" for good, swallowing later keys, ctrl+q among them. A
burst of SIGTSTP and SIGCONT, whose handlers can run inside each other, left the
screen blank with every key ignored.

Here the terminal is restarted only after this driver gave it up for a
SIGTSTP, and the two handlers never run inside each other.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator

from textual.drivers.linux_driver import LinuxDriver

_STOPS = {signal.SIGTSTP, signal.SIGCONT}


@contextlib.contextmanager
def _one_at_a_time() -> Iterator[None]:
    """Hold SIGTSTP and SIGCONT back while a handler runs (they wait, they are not lost)."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


class SteadyDriver(LinuxDriver):
    """Textual's Linux driver, resuming only what a SIGTSTP suspended."""

    _given_up = False  # the terminal was handed back for a SIGTSTP

    def _sigtstp_application(self, *_: object) -> None:
        with _one_at_a_time():
            if self._auto_restart and not self._given_up:
                self.suspend_application_mode()
                self._given_up = True
                self._must_signal_resume = True
            os.kill(os.getpid(), signal.SIGSTOP)

    def _sigcont_application(self, *_: object) -> None:
        with _one_at_a_time():
            if self._auto_restart and self._given_up:
                self._given_up = False
                self.resume_application_mode()
            # else: a SIGSTOP never let go of the terminal, so there is nothing to restart


def steady_driver(found: type) -> type:
    """Ours in place of Textual's Linux driver, else `found` (another platform, a web tab)."""
    return SteadyDriver if found is LinuxDriver else found

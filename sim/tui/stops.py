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
SIGTSTP, and the handlers never run inside each other: a signal that comes
while one is handled (CPython runs Python handlers between any two bytecodes,
and blocking the signals in the main thread only sends them to another thread)
waits its turn. A SIGTSTP handled just after a SIGCONT that had nothing to
resume came with it (CPython runs handlers due together in signal-number
order, SIGCONT first), so the stop it asked for is already over: the app no
longer stopped itself for good after the SIGCONT meant to wake it.
"""

from __future__ import annotations

import os
import signal
import time
from collections import deque
from typing import Any

from textual.drivers.linux_driver import LinuxDriver

from sim.tui.textual_internals import driver_auto_restarts, resume_signal_due

TOGETHER = 0.05  # seconds: a SIGTSTP this soon after an idle SIGCONT came with it


class SteadyDriver(LinuxDriver):
    """Textual's Linux driver, resuming only what a SIGTSTP suspended."""

    _given_up = False  # the terminal was handed back for a SIGTSTP
    _busy = False  # a handler is running: any signal now waits in _due
    _idle_cont = float("-inf")  # when a SIGCONT last found nothing to resume
    last_input = float("-inf")  # when input was last passed on to the app (monotonic)

    def process_message(self, message: Any) -> None:
        """Input read and parsed, on its way to the app (from the input thread): stamped,
        so an ending signal can wait for the keys already read (terminal.py)."""
        self.last_input = time.monotonic()
        super().process_message(message)

    def _sigtstp_application(self, *_: object) -> None:
        self._one_at_a_time(signal.SIGTSTP)

    def _sigcont_application(self, *_: object) -> None:
        self._one_at_a_time(signal.SIGCONT)

    def _one_at_a_time(self, signum: int) -> None:
        due = self.__dict__.setdefault("_due", deque())
        if signum == signal.SIGCONT:  # it ends any stop asked before it, as the kernel's does
            while signal.SIGTSTP in due:
                due.remove(signal.SIGTSTP)
        due.append(signum)
        if self._busy:
            return  # the handler already running takes it next
        self._busy = True
        try:
            while due:
                self._handle(due.popleft())
        finally:
            self._busy = False

    def _handle(self, signum: int) -> None:
        if signum == signal.SIGCONT:
            if driver_auto_restarts(self) and self._given_up:
                self._given_up = False
                self.resume_application_mode()
            else:  # a SIGSTOP never let go of the terminal, so there is nothing to restart
                self._idle_cont = time.monotonic()
            return
        if time.monotonic() - self._idle_cont < TOGETHER:
            return  # its SIGCONT was handled first: the stop is already over
        if driver_auto_restarts(self) and not self._given_up:
            self.suspend_application_mode()
            self._given_up = True
            resume_signal_due(self)
        if signal.SIGCONT not in self.__dict__["_due"]:  # none came while the terminal was let go
            os.kill(os.getpid(), signal.SIGSTOP)


def steady_driver(found: type) -> type:
    """Ours in place of Textual's Linux driver, else `found` (another platform, a web tab)."""
    return SteadyDriver if found is LinuxDriver else found

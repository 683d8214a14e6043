"""The app as `peer-sim serve` runs it: one process per browser tab, driven over pipes.

textual-serve starts each tab with TEXTUAL_DRIVER naming Textual's web driver,
which reads keys as packets from standard input and writes the screen as
packets to standard output. Two things go wrong with it as it stands:

- When the server goes without saying "quit" (killed, crashed, its machine's
  session closed), the tab's input simply ends; Textual's driver stops reading
  and the app goes on for ever, a process nobody can reach that holds the
  trainee's run as being played, so it was never offered for resume. The
  driver here ends the app when its input ends, as a closed tab does.
- Named in a terminal (a copied environment, a stale export), the driver
  wrote its packets onto the screen, left the terminal in the alternate screen
  with mouse reporting on, and with standard input from a file or /dev/null
  died in a Textual traceback. `web_driver_problem` says why not, before start.
- A browser window resized while the page loaded (a phone turned, a window
  snapped to half the screen) sends its size as the app starts; Textual posted
  that resize ahead of the app's own first one, at the size the page had when it
  asked for the tab, so the app kept the old size: it drew past the bottom of a
  shorter window, and never said when it was too small (browser30).
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys

from textual import events
from textual.drivers.web_driver import WebDriver
from textual.geometry import Size

from sim.tui.textual_internals import end_app_from_thread, post_from_thread


class ServedDriver(WebDriver):
    """Textual's web driver, closing the app when the server's pipe ends, and taking
    a size sent as the app starts after the app's first one."""

    def run_input_thread(self) -> None:
        try:
            super().run_input_thread()
        finally:
            # The reader returns at the end of input, on the server's "exit" and when
            # the app closes it; asking an app that is already closing to exit is harmless.
            with contextlib.suppress(RuntimeError):  # the loop has closed: nothing to end
                end_app_from_thread(self)

    def on_meta(self, packet_type: str, payload: dict[str, object]) -> None:
        if packet_type != "resize":
            super().on_meta(packet_type, payload)
            return
        # Posted as start_application_mode posts the first size, so it lands after it.
        self._size = (payload["width"], payload["height"])  # type: ignore[assignment]
        size = Size(*self._size)
        with contextlib.suppress(RuntimeError):  # the loop has closed: nothing to size
            post_from_thread(self, events.Resize(size, size))


def served_driver(found: type) -> type:
    """The driver to run with: ours in place of Textual's web driver, else `found`."""
    return ServedDriver if found is WebDriver else found


def web_driver_problem() -> str | None:
    """Why the web driver cannot run over these standard streams, or None.

    Its keys must come as packets down a pipe (or a socket) and its screen go
    up another; a terminal at either end, or a file, means no web server is there.
    """

    def kind(stream: object) -> str | None:
        try:
            fd = stream.fileno()  # type: ignore[attr-defined]
            if os.isatty(fd):
                return "a terminal"
            mode = os.fstat(fd).st_mode
        except (AttributeError, OSError, ValueError):
            return "closed"
        if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
            return None
        return "a file" if stat.S_ISREG(mode) else "not a pipe"

    for name, stream in (("input", sys.__stdin__), ("output", sys.__stdout__)):
        found = kind(stream)
        if found is not None:
            return f"standard {name} is {found}"
    return None

"""What every full screen shares: the too-small guard, and a layout fitted before the first frame."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import ScreenStackError
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from sim.tui.widgets.too_small import TooSmall


class SimScreen(Screen):
    """A screen whose widgets come from `body()`, with the size guard laid over them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        try:
            size = self.app.size
        except RuntimeError:  # built with no app running (NoActiveAppError): on_resize fits it
            return
        self.fit(size)

    def fit(self, size: Size) -> None:
        """Set the classes this screen's layout takes from the terminal's size (subclasses).

        Called as the screen is built, so its first frame is drawn in the layout it
        keeps: set on the first resize only, a served tab under load showed the
        narrow layout for a second before the wide one, text wrapped under a side
        panel that was not there yet (trainee playtests 16, 17). Subclasses call it
        from on_resize too.
        """

    @property
    def on_top(self) -> bool:
        """Whether this screen is the one the keys go to.

        Not `Screen.is_current`, which is also true under a see-through dialog:
        a key or click queued just before a dialog opened must not act here.
        """
        try:
            return self.app.screen is self
        except ScreenStackError:  # no screens (shutting down)
            return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No action of this screen runs before its widgets are mounted.

        A key read in the same burst as the one that opened the screen can be
        dispatched to it before its compose has mounted anything: the debrief's
        space ("read on") then found no scroll to move and took the app down
        (seeded monkey, seed 777). Subclasses that add their own checks call this first.
        """
        return bool(self.children)

    def body(self) -> Iterable[Widget]:
        return ()

    def compose(self) -> Iterable[Widget]:
        yield from self.body()
        yield TooSmall()

    def on_mount(self) -> None:
        # A screen closed within a frame of opening (a fast Enter then Escape)
        # can get its Mount after its widgets are gone: then there is nothing to set up.
        try:
            self.setup()
        except NoMatches:
            if self.is_attached and self.children:
                raise

    def setup(self) -> None:
        """Fill in the widgets once mounted (subclasses)."""

"""What every full screen shares: the too-small guard."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ScreenStackError
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget

from sim.tui.widgets.too_small import TooSmall


class SimScreen(Screen):
    """A screen whose widgets come from `body()`, with the size guard laid over them."""

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

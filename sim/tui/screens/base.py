"""What every full screen shares: the too-small guard."""

from __future__ import annotations

from collections.abc import Iterable

from textual.screen import Screen
from textual.widget import Widget

from sim.tui.widgets.too_small import TooSmall


class SimScreen(Screen):
    """A screen whose widgets come from `body()`, with the size guard laid over them."""

    def body(self) -> Iterable[Widget]:
        return ()

    def compose(self) -> Iterable[Widget]:
        yield from self.body()
        yield TooSmall()

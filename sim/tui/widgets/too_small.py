"""The message shown instead of a screen when the terminal is too small to use."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 18


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmall(Static):
    """Covers the screen (see app.tcss) while the app has the `-too-small` class."""

    def on_mount(self) -> None:
        self.refresh_message()

    def on_resize(self) -> None:
        self.refresh_message()

    def _how_to_make_room(self) -> str:
        """In a browser (`peer-sim serve`) the terminal's font is the page's: a trainee
        cannot make it smaller as in a terminal, but zooming the page out gives it more
        columns, and a phone held upright (some 43 columns) has room turned sideways."""
        if self.app.is_web:
            return (
                "Make the window larger, zoom the page out (ctrl or cmd and minus), "
                "or turn a phone sideways; "
            )
        return "Make the window larger or the font smaller; "

    def refresh_message(self) -> None:
        w, h = self.app.size
        self.update(
            Content.assemble(
                ("This window is too small for peer-sim.\n\n", "bold"),
                f"It is {w}×{h}; peer-sim needs at least {MIN_WIDTH}×{MIN_HEIGHT} "
                "(80×24 or more is best).\n\n",
                self._how_to_make_room(),
                "your conversation is kept and carries on when there is room.\n\n",
                ("ctrl+q quits.", "italic"),
            )
        )

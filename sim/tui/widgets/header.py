"""The title line at the top of every screen: one widget instead of Textual's Header.

`Header` mounts three widgets (icon, title, clock space) with their own
stylesheets and watches the titles from `_on_mount`, which raced with screens
closed within a frame (found by the monkey test). This draws the same line
(the icon, which opens the command palette on a click, then `title — sub_title`
centred) as one piece of content and reads the titles when it renders.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

from sim.text import shown

ICON = "⭘"
ICON_WIDTH = 8
RIGHT = 10


class SimHeader(Widget, can_focus=False):
    """The screen's title and subtitle (or the app's), centred, with the palette icon."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    SimHeader {
        dock: top;
        width: 100%;
        height: 1;
        color: $foreground;
        background: $panel;
    }
    """

    def on_mount(self) -> None:
        for node, attr in (
            (self.app, "title"),
            (self.app, "sub_title"),
            (self.screen, "title"),
            (self.screen, "sub_title"),
        ):
            self.watch(node, attr, self._titles_changed, init=False)

    def _titles_changed(self) -> None:
        self.refresh()

    def render(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub = screen.sub_title if screen.sub_title is not None else app.sub_title
        # titles can hold a stored scenario title or a trainee's name: through the gate,
        # since Textual writes a title's text to the terminal raw
        text = app.format_title(shown(title or ""), shown(sub or ""))
        room = max(
            self.size.width - ICON_WIDTH - RIGHT, 1
        )  # as Header: icon left, clock space right
        if text.cell_length > room:  # no clock is drawn: a long title may use its space
            room = max(self.size.width - ICON_WIDTH - 1, 1)
            text = text.truncate(room, ellipsis=True)
        left = (room - text.cell_length) // 2
        return Content.assemble(f" {ICON}".ljust(ICON_WIDTH), " " * left, text)

    def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH:
            self.app.action_command_palette()

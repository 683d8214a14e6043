"""Textual's Header, safe when its screen closes before the Header finishes mounting.

`Header._on_mount` registers title watchers whose first call queries the
HeaderTitle child; when a screen is opened and closed within a frame (a fast
Enter then Escape, found by the monkey test), that child is already gone and
the query raises NoMatches. This is the same handler with that case allowed.
"""

from __future__ import annotations

from contextlib import suppress

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class SimHeader(Header):
    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # replaces Header._on_mount

        async def set_title() -> None:
            with suppress(NoMatches, NoScreen):  # removed before it was shown: nothing to do
                self.query_one(HeaderTitle).update(self.format_title())

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)

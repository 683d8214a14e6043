"""Toasts on the screen on top only.

Textual gives every screen its own rack of toasts and fills only the top one's: a
dialog opened while a toast was up showed it twice, once on the dialog and once
dimmed behind it at another height, each with its own countdown ("Which line?"
behind "Leave this conversation?", and in the browser "Resumed: ..." behind it;
trainee20, trainee24). The screens underneath put their toasts away; Textual shows
the ones not yet expired again when such a screen is back on top (its
`_refresh_notifications` on ScreenResume), so no notice is lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.css.query import NoMatches
from textual.widgets._toast import ToastRack

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen


def toasts_on_top_only(app: App, top: Screen) -> None:
    """Empty the toast racks of every screen in the stack below `top`."""
    for screen in app.screen_stack:
        if screen is top:
            continue
        try:
            rack = screen.get_child_by_type(ToastRack)
        except NoMatches:  # not composed yet, or notifications are off
            continue
        rack.remove_children()
        rack.display = False

"""Toasts on the screen on top only.

Textual gives every screen its own rack of toasts and fills only the top one's: a
dialog opened while a toast was up showed it twice, once on the dialog and once
dimmed behind it at another height, each with its own countdown ("Which line?"
behind "Leave this conversation?", and in the browser "Resumed: ..." behind it;
trainee20, trainee24). The screens underneath put their toasts away; Textual shows
the ones not yet expired again when such a screen is back on top (its
`_refresh_notifications` on ScreenResume), so no notice is lost.

The rack is found by its CSS type name, "ToastRack", as app.tcss styles it: the
class itself lives in a private module (textual.widgets._toast), and importing it
would break the app outright should Textual move it. Should the name ever stop
matching, nothing here fails: the toast shows twice again, as before this module,
and tests/tui/test_toasts.py says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.tui.textual_internals import has_screens, take_down_toast, toasts_showing

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import Notification
    from textual.screen import Screen

# Textual's toast container, by the type name its CSS (and ours) selects it with.
RACK = "ToastRack"


def toasts_on_top_only(app: App, top: Screen) -> None:
    """Empty the toast racks of every screen in the stack below `top`."""
    for screen in app.screen_stack:
        if screen is top:
            continue
        # none: not composed yet, or notifications are off
        for rack in screen.query_children(RACK):
            rack.remove_children()
            rack.display = False


# the box Textual wraps each toast in, inside the rack (its CSS type name, as above)
HOLDER = "ToastHolder"


def box_id(note: Notification) -> str:
    """The DOM id of the box Textual's rack puts `note`'s toast in (`ToastRack._toast_id`)."""
    return f"--textual-toast-{note.identity}"


def drop_empty_holders(app: App) -> None:
    """Remove the boxes of toasts taken down before their time, on every screen.

    Textual's rack removes a toast taken down early (`App.clear_notifications`, or
    `withdraw`'s one by one) but not the box it sat in, which stays as a blank row at
    the top of the rack: each such toast put every later one a row lower, from over the
    play screen's meters into the conversation (tui38). A toast that runs its time, or
    is clicked, takes its box with it. Called after the refresh that removed the toasts.

    A box is empty for a moment as it is mounted, too: Textual puts it in the rack first
    and its toast in it a step later. A toast raised just after one was taken down could
    be mounted before this ran, and its box was taken for a left-over one and removed,
    the toast with it, never shown though it was not yet read (seen on a loaded machine:
    tests/tui/test_toasts.py). So only the boxes of notifications the app no longer holds go.
    """
    if not has_screens(app):  # closing
        return
    held = {box_id(n) for n in toasts_showing(app)}
    for screen in app.screen_stack:
        for rack in screen.query_children(RACK):
            for holder in list(rack.children):
                if (
                    type(holder).__name__ == HOLDER
                    and not holder.children
                    and holder.id not in held  # not a box still being mounted
                ):
                    holder.remove()


def make_room(app: App) -> None:
    """Take down the oldest information toasts while the toasts reach the lines on offer.

    On the play screen toasts lie under the meters, over the conversation, and stack
    down: at 80x20 a second toast (an 'Undone' under a 'Resumed') covered the first
    line on offer and the row naming the keys, and at 60x18 a records notice did, the
    lines a trainee must read to answer (adversarial-40). The screen names the row
    they must stay above (`toast_floor`); the newest toast and every warning or error
    stay up whatever (a notice not yet read is never taken away), so only older
    information toasts, read by now, give way, oldest first.
    """
    if not has_screens(app):
        return
    screen = app.screen
    floor = getattr(screen, "toast_floor", lambda: None)()
    racks = list(screen.query_children(RACK))
    if floor is None or not racks:
        return
    # (a toast's box has no region of its own on the screen: the toast in it has)
    holders = [h for h in racks[0].children if h.children and h.children[0].region.height]
    if not holders:
        return
    over = max(h.children[0].region.bottom for h in holders) - floor
    if over <= 0:
        return
    notes = {box_id(n): n for n in toasts_showing(app)}
    gone = False
    for holder in holders[:-1]:  # the newest stays
        note = notes.get(holder.id or "")
        if over <= 0 or note is None or note.severity != "information":
            continue
        take_down_toast(app, note)
        over -= holder.children[0].outer_size.height
        gone = True
    if gone:
        app.call_after_refresh(drop_empty_holders, app)

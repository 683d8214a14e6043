"""The few places the app reads or sets Textual's private state, each behind one function.

Textual keeps no promise about names that start with an underscore: an upgrade
can rename one, and code reaching into it then fails in front of a trainee (an
AttributeError mid-conversation) or, worse, quietly stops doing its job. Where
Textual 8 has a public way, the app uses it (the theme via `theme_changed_signal`,
a click via `on_click` and `prevent_default`, `get_option_at_index`,
`Widget.is_anchored`). What has none is here, so there is one file to read on
an upgrade, and tests/tui/test_textual_internals.py exercises each function
against the installed Textual and fails, naming the function, if the private
name it relies on has gone or changed meaning.

Methods the app overrides that Textual names privately (the palette's race
fixes, the driver's stop and continue, `_handle_exception`, an Input's
`_on_key`) cannot live here; the same test lists each and checks Textual still
has it, since an override of a renamed method silently becomes dead code.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import BindingsMap
    from textual.dom import DOMNode
    from textual.driver import Driver
    from textual.message import Message
    from textual.notifications import Notification
    from textual.widget import Widget
    from textual.widgets import OptionList


def toasts_showing(app: App) -> list[Notification]:
    """The notifications the app holds now (Textual offers no public list of them).

    Needed to avoid stacking a toast the same as one still up, and to take
    down the ones whose advice was just followed (app.py `notify`, `withdraw`).
    """
    return list(app._notifications)


def take_down_toast(app: App, note: Notification) -> None:
    """Remove one notification, leaving the others up.

    The public `App.clear_notifications` removes them all, and with them a
    records warning the trainee has not read yet.
    """
    app._unnotify(note)


def is_exiting(app: App) -> bool:
    """Whether `App.exit` has been called and the app is closing."""
    return bool(app._exit)


def has_screens(app: App) -> bool:
    """Whether the app's current mode still has a screen: while it closes, keys of a
    burst still bubbling up meet `App.screen` and its ScreenStackError otherwise."""
    return bool(app._screen_stacks.get(app._current_mode))


def refresh_truecolor_filter(app: App) -> None:
    """Bring the ANSI colour filter in line with a theme set without its watcher.

    app.py sets the first theme with `set_reactive` (no restyle pass at
    start-up), which skips the watcher that would do this.
    """
    app._refresh_truecolor_filter(app.ansi_theme)


def app_bindings(app: App) -> BindingsMap:
    """A copy of the app's own key bindings with the user's keymap applied.

    `active_bindings` would answer only for the screen on top and its focus
    chain; the too-small guard must know the app's quit key whatever is on top.
    """
    bindings = app._bindings.copy()
    if app._keymap:
        bindings.apply_keymap(app._keymap)
    return bindings


def option_span(options: OptionList, index: int) -> tuple[int, int] | None:
    """The first line and the number of lines option `index` takes, as laid out now.

    OptionList keeps each option's place only privately; the library needs it to
    scroll a level's heading into view with its first scenario. None when the
    list has not laid that option out.
    """
    options._update_lines()
    try:
        return options._index_to_line[index], options._heights[index]
    except KeyError:
        return None


def anchor_released(widget: Widget) -> bool:
    """Whether the user scrolled an anchored widget away from its end."""
    return bool(widget._anchor_released)


def hold_anchor(widget: Widget) -> None:
    """Take an anchor back that scrolling released (public `anchor()` does not)."""
    widget._anchor_released = False


def refresh_scrollbars(widget: Widget) -> None:
    """Show or hide a widget's scrollbars for the virtual size it has now.

    Textual decides them only when a layout hands the widget a new size; a widget
    that sets its own `virtual_size` (the choice list, which wraps its lines itself)
    has it already when the layout comes, so a scrollbar needed at 60x18 stayed
    at 100x30 with nothing to scroll, and the lines wrapped a cell narrower.
    """
    widget._refresh_scrollbars()


def palette_option_laid_out(command_list: Any, index: int) -> bool:
    """Whether the palette's list has laid out the option at `index` yet.

    `OptionList._move_page` looks it up before the list is laid out and raised
    KeyError (palette.py).
    """
    return index in command_list._index_to_line


def driver_auto_restarts(driver: Driver) -> bool:
    """Whether Textual's driver gives the terminal back on a stop and takes it again
    on continue (it does, except while an app runs `App.suspend`)."""
    return bool(driver._auto_restart)


def resume_signal_due(driver: Driver) -> None:
    """Have the driver send the app its resume signal when it next takes the terminal,
    as its own SIGTSTP handler does (stops.py replaces that handler)."""
    driver._must_signal_resume = True


def end_app_from_thread(driver: Driver) -> None:
    """From the driver's input thread: ask its app to exit, on the app's loop.

    A driver holds its app and loop only privately. RuntimeError when that loop
    has closed already.
    """
    driver._loop.call_soon_threadsafe(driver._app.exit)


def post_from_thread(driver: Driver, message: Message) -> None:
    """From the driver's input thread: post `message` to its app, on the app's loop,
    queued behind what the driver already posted (as Textual's own drivers post the
    first size). RuntimeError when that loop has closed already."""
    asyncio.run_coroutine_threadsafe(driver._app._post_message(message), loop=driver._loop)


def messages_waiting(node: DOMNode) -> int:
    """How many messages wait in `node`'s queue (Textual offers no public count).

    Needed to close on a signal only once the keys already read are taken
    (terminal.py `_close_when_input_taken`)."""
    return node._message_queue.qsize()


def input_read_last(app: App) -> float:
    """When the app's driver last passed on input (`time.monotonic()`), as a driver that
    stamps it does (stops.py `SteadyDriver`); -inf for any other, or none yet."""
    return float(getattr(app._driver, "last_input", float("-inf")))


def going(node: DOMNode) -> bool:
    """Whether `node`, or a node it is in, is being removed (a screen closing prunes its
    widgets, children first): Textual marks each `_pruning`, then `_closing` and `_closed`,
    and offers no public test (`display` is also False for a hidden widget).

    Needed by `sim.tui.after_refresh`: a callback due at the next refresh of a screen
    that began to close meanwhile finds some of its widgets gone, and must do nothing.
    """
    return any(
        getattr(n, "_pruning", False)
        or getattr(n, "_closing", False)
        or getattr(n, "_closed", False)
        for n in node.ancestors_with_self
    )


def parser_clock() -> float:
    """The clock Textual's input parser times its wait for the rest of an escape sequence
    by (`textual._time.get_time`), so `sim.tui.paste` holds input by the same clock."""
    from textual._time import get_time

    return get_time()


def end_parser_wait(parser: Any) -> None:
    """Have `parser` (an XTermParser) read its wait for the rest of an escape sequence as
    over at its next `tick`: the paste filter held the start of it as long already."""
    if parser._timeout_time is not None:
        parser._timeout_time = parser_clock()

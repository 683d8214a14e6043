"""Two races in Textual's command palette, reproduced against plain Textual.

    python benchmarks/textual_palette_races.py 2>/dev/null   # stderr: Textual's tracebacks

For reporting upstream (found with Textual 8.2.8): each case runs a one-widget
`App` with nothing of peer-sim in it, sends keys the way the terminal driver
delivers them (no Pilot waits), and prints what happened. Then it runs the
same keys with peer-sim's `SafeCommandPalette` (sim/tui/palette.py), which
works around both. When a case prints "fixed" for plain Textual, the
workaround for it can go.

1. PageDown within a few ms of ctrl+p: `KeyError: 0` in `OptionList._move_page`
   (`_index_to_line` is empty until the list has a size; `scroll_to_highlight`
   guards against this, `_move_page` does not).
2. Enter Enter in one read once the palette is open: the first selects and
   dismisses, the second is already queued on the palette's Input and
   dismisses again: `ScreenStackError: Can't pop screen` on the last screen,
   or the screen under the palette is silently popped.
"""

from __future__ import annotations

import asyncio
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from textual import events  # noqa: E402
from textual.app import App  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import Static  # noqa: E402


class Plain(App[None]):
    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("one widget")


class Patched(Plain):
    def action_command_palette(self) -> None:
        from sim.tui.palette import SafeCommandPalette

        if not SafeCommandPalette.is_open(self):
            self.push_screen(SafeCommandPalette(id="--command-palette"))


def send(app: App, key: str) -> None:
    """A key as the driver delivers it: straight into the app's queue."""
    event = events.Key(key, "\r" if key == "enter" else None)
    event.set_sender(app)
    app._driver.send_message(event)


async def page_down_after_ctrl_p(app_class: type[App], delay: float) -> str:
    app = app_class()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        send(app, "ctrl+p")
        await asyncio.sleep(delay)
        send(app, "pagedown")
        await pilot.pause(0.2)
    return "no crash"


async def enter_enter(app_class: type[App], under: bool) -> str:
    """Enter Enter with the palette open; `under`: a second screen below the palette."""
    app = app_class()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if under:
            await app.push_screen(Screen(name="the conversation"))
        stack = len(app.screen_stack)
        send(app, "ctrl+p")
        await pilot.pause(0.3)
        send(app, "enter")
        send(app, "enter")
        await pilot.pause(0.3)
        # the command the first Enter chose may push a screen of its own (Keys, Help...)
        left = [s for s in app.screen_stack if s.name == "the conversation"]
        if under and not left:
            return "BUG: the screen under the palette was popped"
        return f"no crash ({len(app.screen_stack) - stack:+d} screens)"


def outcome(coro) -> str:  # type: ignore[no-untyped-def]
    try:
        return asyncio.run(coro)
    except Exception as exc:  # noqa: BLE001 - the point is to report it
        last = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{os.path.basename(last.filename)}:{last.lineno}"
        return f"BUG: {type(exc).__name__}: {exc} ({where})"


def main() -> int:
    import textual

    print(f"Textual {textual.__version__}")
    bugs = 0
    for name, app_class in (("plain Textual", Plain), ("peer-sim's palette", Patched)):
        print(f"\n{name}")
        for delay in (0.0, 0.01, 0.02, 0.1):
            result = outcome(page_down_after_ctrl_p(app_class, delay))
            print(f"  ctrl+p, {delay * 1000:>3.0f} ms, PageDown: {result}")
            bugs += app_class is Plain and result.startswith("BUG")
        for under in (False, True):
            result = outcome(enter_enter(app_class, under))
            where = "over a second screen" if under else "over the only screen"
            print(f"  ctrl+p, Enter Enter ({where}): {result}")
            bugs += app_class is Plain and result.startswith("BUG")
    print(f"\n{bugs} of 6 cases still show the bug in plain Textual" if bugs else "\nfixed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The app tests' waits wait for their condition, for up to 30 s, not for a count of pauses.

`until_screen` gave a screen 200 pauses to arrive: each pause waits for the app to be
idle, some 5 ms on an idle machine and 25 ms on a loaded one, so the wait was over in
one to five seconds, and a screen pushed by a worker later than that (a records read
on a loaded CI machine) failed a test with nothing wrong. `records_read` slept a fixed
1,000 times and then went on as if the read had been shown (records44).
"""

from __future__ import annotations

import time

import pytest
from textual.screen import Screen

from tests.tui.helpers import make_app, ready, records_read, until_screen


class _Later(Screen):
    """A screen pushed late, as a slow worker pushes one."""


async def test_until_screen_waits_for_a_screen_later_than_200_pauses() -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot)
        began = time.monotonic()
        for _ in range(200):  # what the old wait gave the screen, timed on this machine now
            await pilot.pause()
        late = time.monotonic() - began + 1.0
        app.set_timer(late, lambda: app.push_screen(_Later()))
        began = time.monotonic()
        screen = await until_screen(app, pilot, _Later)
        assert isinstance(screen, _Later) and time.monotonic() - began >= late * 0.9


async def test_records_read_says_so_when_a_read_never_ends() -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot)
        app._reading = True  # a read of the records under way, and not ending
        with pytest.raises(AssertionError, match="still being read"):
            await records_read(app, pilot, seconds=0.5)
        app._reading = False
        app.set_timer(0.5, lambda: setattr(app, "_reading", False))
        app._reading = True
        await records_read(app, pilot)  # waits for the read to end
        assert not app._reading

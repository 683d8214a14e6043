"""The own-words box asked for just as its screen closes: no crash.

`ask` focuses the box after the next refresh. Asked as the play screen was
leaving (the resume monkey's keys, seed 1616: a run resumed and its screen
closed in the same moment), that callback ran on an OwnWords still marked as
asking whose box was already removed (a closing screen removes children
first), and the app died with NoMatches (adversarial-33).
"""

from __future__ import annotations

from sim.tui.widgets.own_words import OwnWords
from tests.tui.helpers import make_app, open_talk, screen_name


async def test_the_focus_after_ask_finds_the_box_gone_and_the_app_goes_on() -> None:
    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        words = play.query_one(OwnWords)
        words.ask("Sam")
        await words.remove_children()  # what closing the screen does, children first
        assert words.asking
        # the refresh comes now, after the box went: its callback runs as then
        words._focus_box()
        await pilot.pause()
        assert app._exception is None
        app.pop_screen()
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"

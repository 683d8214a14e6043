"""Findings of trainee playtest 8 (plan/trainee-test-8.md), each checked as the trainee met it."""

from __future__ import annotations

from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.play import PlayScreen
from tests.tui.helpers import make_app, open_talk, screen_lines


async def test_space_tapped_at_the_ending_cannot_skip_past_why_this_ending() -> None:
    """Space, space at "See your debrief" opened the debrief a page down, past the ending and
    "Why this ending"; now only Enter (or a click) opens it, and it opens at the top."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        while not play.run.over:
            if play.run.waits_for_choice:
                play.choose(1)
            else:
                play.action_go_on()
            await pilot.pause()
        await pilot.press("space", "space", "space")  # a trainee tapping through
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)  # the ending stays to be read
        bar = screen_lines(app)[-1]  # the key bar says which key now
        assert "⏎ See your debrief" in bar and "Continue" not in bar
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("enter", "enter")  # Enter does nothing more in the debrief
        await pilot.pause()
        assert app.screen.query_one("#debrief").scroll_y == 0

"""Findings of trainee playtest 12 (plan/logs/trainee12.md), each checked as the trainee met it."""

from __future__ import annotations

from tests.tui.helpers import make_app, open_talk, screen_lines


async def test_enter_by_habit_at_two_decisions_stacks_no_second_toast_over_the_lines() -> None:
    """At 80x24 an Enter pressed out of habit at two decisions in a row said "Which line?"
    twice; the second toast stacked under the first and covered the first line on offer."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("enter")  # nothing highlighted: told how to pick
        await pilot.press("1", "space")  # a line said, the scene read on: a new decision
        await pilot.pause()
        assert play.run.waits_for_choice and len(play.run.state.decisions) == 1
        await pilot.press("enter")  # the same habit at the next decision
        await pilot.pause()
        told = [n for n in app._notifications if n.title == "Which line?"]
        assert len(told) == 1  # the one still showing says it; no copy under it
        rows = screen_lines(app)
        assert any("What feels like the next right step to you?" in row for row in rows), rows
        assert len(play.run.state.decisions) == 1  # and Enter said nothing

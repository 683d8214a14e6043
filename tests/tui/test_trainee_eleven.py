"""Findings of trainee playtest 11 (plan/trainee-test-11.md), each checked as the trainee met it."""

from __future__ import annotations

from tests.tui.helpers import make_app, open_talk


async def test_a_number_where_no_lines_are_offered_says_how_to_go_on() -> None:
    """A nervous trainee pressed 2, then 3, at "Continue ▶" and nothing happened at all:
    the app looked frozen. Now the first number there says how to read on."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1")  # a line said; the scene goes on by itself
        await pilot.pause()
        assert not play.run.waits_for_choice and len(play.run.state.decisions) == 1
        await pilot.press("2", "3")
        await pilot.pause()
        told = [n for n in app._notifications if n.title == "No lines to choose"]
        assert len(told) == 1 and "press Enter or space to read on" in told[0].message
        assert len(play.run.state.decisions) == 1  # nothing chosen, nothing undone
        await pilot.press("space")
        await pilot.pause()
        assert play.run.waits_for_choice
        await pilot.press("1")  # lines offered: the number is said, no note
        await pilot.pause()
        assert play.run.over
        await pilot.press("1")
        await pilot.pause()
        told = [n.message for n in app._notifications if n.title == "No lines to choose"]
        assert told[-1] == "The conversation has ended: press Enter to see your debrief."

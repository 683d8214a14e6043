"""Findings of trainee playtest 14 (plan/logs/trainee14.md), each checked as the trainee met it."""

from __future__ import annotations

from tests.tui.helpers import make_app, open_talk, screen_lines


def _above_the_lines(app) -> str:
    """The screen row just above the choices (their title row: "Say: ...", "Continue ▶")."""
    return screen_lines(app)[app.screen.query_one("#choices").region.y - 1]


async def test_a_tall_terminal_keeps_the_newest_line_just_above_the_choices() -> None:
    """At 160x48 the first scenes stood at the top of the screen and the lines to choose
    from at the bottom, twenty empty rows apart: two things to read, not one
    conversation. The newest line now sits just above the lines on offer."""
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await open_talk(app, pilot)
        assert "It didn't work." in _above_the_lines(app)
        await pilot.press("1")
        await pilot.pause()
        assert _above_the_lines(app).strip()  # the reply to the line said, not a gap
        assert "It didn't work." in "\n".join(screen_lines(app))  # the start still in view

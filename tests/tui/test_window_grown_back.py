"""A window made small and grown back lays the play screen out as it was (adv44).

Textual decides a widget's scrollbars only when a layout hands it a new size; the
choice list sets its own virtual size (it wraps its lines itself), so a scrollbar it
needed at 60x18 stayed after the window grew back to 100x30, with nothing to
scroll, and every line on offer wrapped a cell narrower than before.
"""

from __future__ import annotations

from sim.loading import load_scenario
from sim.tui.widgets.choices import ChoiceList
from tests.tui.helpers import FIXTURES, at_choice_after, make_app, screen_lines, until

FOLD = FIXTURES / "fold.toml"


async def test_the_lines_on_offer_lose_a_scrollbar_they_no_longer_need() -> None:
    app = make_app(scenario=load_scenario(FOLD))
    async with app.run_test(size=(100, 30)) as pilot:
        await at_choice_after(app, pilot, [1, 1])
        choices = app.screen.query_one(ChoiceList)
        await until(lambda: choices.seen, pilot)
        assert not choices.show_vertical_scrollbar
        before = screen_lines(app)
        await pilot.resize_terminal(60, 18)  # the smallest the app takes: the lines scroll
        assert await until(lambda: choices.show_vertical_scrollbar, pilot)
        await pilot.resize_terminal(100, 30)
        assert await until(lambda: choices.size.width == 100, pilot)
        await until(lambda: not choices.show_vertical_scrollbar, pilot, seconds=2)
        assert not choices.show_vertical_scrollbar, "a scrollbar with nothing to scroll"
        assert screen_lines(app) == before

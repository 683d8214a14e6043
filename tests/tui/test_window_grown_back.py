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


async def test_a_conversation_read_back_keeps_its_place_as_the_window_changes() -> None:
    """PgUp to reread the opening, then any change of width (80x24, the smallest 60x18,
    a window of 1x1 and 2x2 on the way) went back to the newest line: the wrap at a new
    width anchored the view to its end. The same words now stay at the top of the view;
    the next line said still goes to the newest line."""
    from sim.tui.widgets.transcript import Transcript

    app = make_app(scenario=load_scenario(FOLD))
    async with app.run_test(size=(100, 30)) as pilot:
        play = await at_choice_after(app, pilot, [1, 1])
        transcript = app.screen.query_one(Transcript)
        await pilot.press("pageup", "pageup", "pageup", "pageup")
        assert await until(lambda: transcript.scroll_y == 0, pilot)
        assert transcript.max_scroll_y > 0  # there is somewhere else to be
        before = screen_lines(app)
        for sizes in ([(80, 24)], [(60, 18)], [(1, 1), (2, 2)]):
            for size in sizes:
                await pilot.resize_terminal(*size)
                await pilot.pause()
            await pilot.resize_terminal(100, 30)
            assert await until(lambda: transcript.size.width > 90, pilot)
            await pilot.pause()
            assert transcript.scroll_y == 0, sizes
            assert screen_lines(app) == before, sizes
        play.choose(1)
        assert await until(
            lambda: transcript.max_scroll_y > 0 and transcript.scroll_y == transcript.max_scroll_y,
            pilot,
        )


async def test_a_debrief_read_down_keeps_its_place_through_a_window_of_1x1() -> None:
    """PgDn three times into the debrief, the window down to 1x1 and 2x2 and back: the
    column's offset was cut to what fitted the 1-column layout, and at 100x30 it showed
    other words (the decisions' heading instead of the second decision)."""
    from sim.tui.screens.debrief import DebriefScreen, DebriefScroll

    app = make_app(scenario=load_scenario(FOLD))
    async with app.run_test(size=(100, 30)) as pilot:
        play = await at_choice_after(app, pilot, [1, 1])
        while not play.run.over:
            if play.run.waits_for_choice:
                play.choose(1)
            else:
                play.action_go_on()
            await pilot.pause()
        await pilot.press("enter")
        assert await until(lambda: isinstance(app.screen, DebriefScreen), pilot)
        column = app.screen.query_one(DebriefScroll)
        assert await until(lambda: column.max_scroll_y > 60, pilot)
        await pilot.press("pagedown", "pagedown", "pagedown")
        assert await until(lambda: column.scroll_y > 40, pilot)
        await pilot.pause()
        read, before = column.scroll_y, screen_lines(app)
        for size in ((1, 1), (2, 2), (100, 30)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert await until(lambda: column.scroll_y == read, pilot)
        await pilot.pause()
        assert screen_lines(app) == before

"""What a sixth trainee play-through found: each test is one thing that was wrong."""

from __future__ import annotations

from sim.records import Store
from sim.tui.screens.play import PlayScreen
from tests.tui.helpers import make_app, open_talk, screen_name


async def _leave_talk_after_one_line(app, pilot) -> None:
    """Say one line of 'A Short Talk', then Esc and leave (y): back in the library."""
    await open_talk(app, pilot)
    await pilot.press("1")
    await pilot.press("escape")
    assert "start it again from the library" in app.screen.question
    await pilot.press("y")
    await pilot.pause()
    assert screen_name(app) == "LibraryScreen"


async def test_starting_a_left_conversation_again_offers_to_resume_it() -> None:
    """Esc, leave, then the same scenario again began afresh: the conversation seemed lost,
    though the leave question had said it was saved."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _leave_talk_after_one_line(app, pilot)
        await pilot.press("enter")  # the same scenario, still highlighted
        await pilot.pause()
        assert screen_name(app) == "Confirm"
        assert "Start afresh (n)" in app.screen.question or app.screen.no == "Start afresh"
        assert app.screen.focused is not None and app.screen.focused.id == "yes"
        await pilot.press("enter")  # Enter takes the answer that loses nothing
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert len(app.screen.run.state.decisions) == 1
    assert [r.status for r in Store.open().runs()] == ["playing"]


async def test_starting_afresh_keeps_the_left_run_among_past_runs() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _leave_talk_after_one_line(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")  # start afresh: the content notes, then a new run
        await pilot.pause()
        assert screen_name(app) == "ContentNotes"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.run.state.decisions == ()
    assert [r.status for r in Store.open().runs()] == ["left"]

"""Leaving, resuming, undoing and restarting a conversation: the record and the screen
must tell the same conversation afterwards. Each test is a thing a trainee met while
playing (trainee play-throughs 5-13).
"""

from __future__ import annotations

from sim.records import Store
from sim.tui.screens.play import PlayScreen
from sim.tui.widgets.choices import ChoiceList
from tests.records.test_app_records import quit_after_one_choice
from tests.tui.helpers import (
    make_app,
    open_debrief,
    open_talk,
    ready,
    screen_lines,
    screen_name,
)


async def _leave_talk_after_one_line(app, pilot) -> None:
    """Say one line of 'A Short Talk', then Esc and leave (y): back in the library."""
    await open_talk(app, pilot)
    await pilot.press("1")
    await pilot.press("escape")
    assert "start it again from the library" in app.screen.question
    await pilot.press("y")
    await pilot.pause()
    assert screen_name(app) == "LibraryScreen"


async def test_undo_after_the_ending_records_the_ending_the_trainee_then_reaches() -> None:
    """Practice undo of the last line took the ending back on screen, but the record
    kept the first ending: the past debrief and the export told another conversation."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1", "space", "1")
        assert play.run.over
        first = Store.open().finished_with_decisions()
        assert len(first) == 1 and first[0].decisions[-1].choice_id.endswith("#1")
        await pilot.press("u")  # back to the last decision: the run is not over
        assert not play.run.over
        taken_back = Store.open().runs()
        assert [r.status for r in taken_back] == ["playing"] and taken_back[0].ending_id is None
        await pilot.press("2")
        assert play.run.over
        shown = await open_debrief(app, pilot)
    assert [r.status for r in Store.open().runs()] == ["finished"]
    runs = Store.open().finished_with_decisions()
    assert runs[0].decisions[-1].choice_id.endswith("#2")
    assert runs[0].ending_id == shown.ending_id
    assert runs[0].debrief is not None
    assert runs[0].debrief["decisions"][-1]["said"] == shown.decisions[-1].said


async def test_restart_after_the_ending_keeps_that_run_and_records_the_new_one() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1", "space", "1")
        assert play.run.over
        play.restart()  # as the palette's Restart does once it is confirmed
        await pilot.press("2", "space", "2")
        assert play.run.over
    runs = Store.open().finished_with_decisions()
    assert len(runs) == 2
    assert [r.decisions[0].choice_id[-2:] for r in runs] == ["#1", "#2"]


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


async def test_a_resumed_run_says_where_the_line_said_last_went_as_play_did() -> None:
    """Resumed at 80x24, the line said last and its "Critical slip" line were above the view
    and nothing said so: the trainee saw Dana's "Don't you dare call her" without their own
    line. The hint the move had ("↑ PgUp: your critical slip") comes back with the run."""
    from sim.tui.app import PeerSimApp

    app = PeerSimApp("first-meeting", mode="practice")
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            if isinstance(app.screen, PlayScreen):
                break
            if type(app.screen).__name__ == "ContentNotes":
                await pilot.press("enter")
            await pilot.pause(0.02)
        play = app.screen
        # as the trainee played it, to the offer to call Dana's sister (a critical slip)
        for pick in ("2", "1", "2", "3", "1", "1", "2", "1", "1"):
            while not play.run.waits_for_choice:
                await pilot.press("enter")
                await pilot.pause()
            await pilot.press(pick)
            await pilot.pause()
        await pilot.pause()
        choices = play.query_one(ChoiceList)
        assert choices._hint == "↑ PgUp: your critical slip"  # as play had it
        said = len(play.run.state.decisions)
        await pilot.press("escape", "y")  # leave; it is kept
        await pilot.pause()
        await pilot.press("enter")  # the same scenario again: resume it?
        await pilot.pause()
        await pilot.press("enter")  # resume
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen) and len(play.run.state.decisions) == said
        await pilot.pause()
        assert play.query_one(ChoiceList)._hint == "↑ PgUp: your critical slip"
        assert any("PgUp: your critical slip" in row for row in screen_lines(app))
        await pilot.press("pageup")  # and PgUp brings it back, with its note
        await pilot.pause()
        rows = " ".join(" ".join(screen_lines(app)).split())
        assert "Critical slip: a breach of confidentiality" in rows


async def test_resuming_says_what_opens_while_the_run_is_read_again() -> None:
    """y to "Resume it where you left off?": the question stood for ~2 s on a busy machine
    while the scenario was read and the run replayed, as if y had not been taken."""
    from sim.tui.screens.play import PlayScreen
    from tests.tui.helpers import screen_name

    await quit_after_one_choice()
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        assert screen_name(app) == "Confirm"
        await pilot.press("y")
        told = [n.message for n in app._notifications if n.title == "Resuming"]
        assert told == ["Opening “A Short Talk” where you left it…"]
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and len(app.screen.run.state.decisions) == 1

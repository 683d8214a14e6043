"""What a sixth trainee play-through found: each test is one thing that was wrong."""

from __future__ import annotations

from sim.records import Store
from sim.tui.screens.play import PlayScreen
from tests.tui.helpers import make_app, open_talk, records_read, screen_name


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


async def test_progress_says_run_by_run_in_words_not_honoured_of_judged() -> None:
    """'over time (honoured of judged, oldest first): 2/4' read as a riddle; with one run it
    only repeated the counts above it."""
    from tests.records.test_app_records import play_talk
    from tests.tui.helpers import ready, screen_lines

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await play_talk(app, pilot, "1")
        await pilot.press("g")
        await records_read(app, pilot)
        once = "\n".join(screen_lines(app))
        await pilot.press("escape")
        await play_talk(app, pilot, "1")
        await pilot.press("g")
        await records_read(app, pilot)
        twice = "\n".join(screen_lines(app))
    assert "judged" not in once and "run by run" not in once
    assert "judged" not in twice
    assert "run by run, oldest first, the lines that honoured it: 1 of 1, 1 of 1" in twice


async def test_the_own_words_box_names_enter_in_the_key_bar() -> None:
    """Every screen names its keys along the bottom; the own-words box named only Esc and
    ctrl+q, though Enter is the one key it needs."""
    from tests.tui.helpers import screen_lines

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_talk(app, pilot)
        bar = screen_lines(app)[-1]
        assert "Show the lines" in bar
        await pilot.press(*"how are you")
        await pilot.press("enter")  # the bar's Enter does what it says
        await pilot.pause()
        assert "1-2" in screen_lines(app)[-1] or "Choose" in screen_lines(app)[-1]


async def test_help_in_a_conversation_starts_with_the_conversation_keys() -> None:
    """Opened mid-conversation, the help began with the library's keys."""
    from sim.tui.screens.dialogs import Help

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, Help)
        headings = [k for k, what in app.screen.sections() if not what]
        assert headings[0] == "In a conversation" and headings[-1] == "Everywhere"
        assert len(headings) == 4
        await pilot.press("escape")
        await pilot.press("escape")  # the leave question
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("question_mark")  # in the library, the library's keys first
        await pilot.pause()
        assert [k for k, what in app.screen.sections() if not what][0] == "In the library"


async def test_assessment_says_the_meters_are_hidden_in_one_line_at_80_columns() -> None:
    """Two lines pushed the third line on offer out of view at 80x24."""
    from tests.tui.helpers import screen_lines

    app = make_app(mode="assessment")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_talk(app, pilot)
        rows = screen_lines(app)
        hidden = [r for r in rows if "hidden in assessment mode" in r]
        assert hidden and "until the debrief." in hidden[0]


async def test_the_scorecard_says_what_neutral_means_when_it_shows_one() -> None:
    """'neutral 1 (at 1)' on the scorecard: a trainee could not tell whether it was good or bad."""
    from sim.debrief.outline import NEUTRAL_WORDS
    from sim.loading import bundled_dir, load_scenario
    from sim.tui.screens.debrief import DebriefScreen
    from tests.tui.helpers import screen_lines

    app = make_app(scenario=load_scenario(bundled_dir() / "return-to-use.toml"))
    async with app.run_test(size=(100, 60)) as pilot:
        for _ in range(50):
            await pilot.pause()
            if not isinstance(app.screen, PlayScreen):
                await pilot.press("enter")  # the content notes
            else:
                break
        play = app.screen
        picks = iter([2, 1, 2])  # decision 1 is neutral for "Build a real connection"
        while not play.run.over:
            if play.run.waits_for_choice:
                play.choose(next(picks))
            else:
                play.action_go_on()
            await pilot.pause()
        play.action_go_on()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        shown = " ".join(" ".join(screen_lines(app)).split())
    assert "neutral 1 (at 1)" in shown
    assert NEUTRAL_WORDS in shown


async def test_when_the_line_just_said_is_above_the_view_the_choices_say_where() -> None:
    """At 80x24 with four lines on offer, the trainee saw only the end of the coach note:
    their own line had scrolled out of view as the reply arrived."""
    from sim.loading import bundled_dir, load_scenario
    from sim.tui.widgets.choices import ChoiceList

    app = make_app(scenario=load_scenario(bundled_dir() / "different-path.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause()
            if isinstance(app.screen, PlayScreen):
                break
            await pilot.press("enter")  # the content notes
        play = app.screen
        while not play.run.waits_for_choice:
            play.action_go_on()
            await pilot.pause()
        choices = play.query_one(ChoiceList)
        assert "your line" not in str(choices.border_title)  # nothing said yet
        await pilot.press("4")
        await pilot.pause()
        assert "↑ PgUp: your line" in str(choices.border_title)
        await pilot.press("pageup")  # there it is: the hint goes
        await pilot.pause()
        assert "your line" not in str(choices.border_title)
    wide = make_app(scenario=load_scenario(bundled_dir() / "different-path.toml"))
    async with wide.run_test(size=(120, 50)) as pilot:  # room for it all: no hint
        for _ in range(50):
            await pilot.pause()
            if isinstance(wide.screen, PlayScreen):
                break
            await pilot.press("enter")
        play = wide.screen
        while not play.run.waits_for_choice:
            play.action_go_on()
            await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        assert "your line" not in str(play.query_one(ChoiceList).border_title)

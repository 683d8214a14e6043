"""What a fifth trainee play-through found: each test is one thing that was wrong."""

from __future__ import annotations

from sim.records import Store
from tests.tui.helpers import make_app, open_debrief, open_replay, open_talk, records_read


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


async def test_the_highlighted_choice_has_the_highlight_background() -> None:
    """Only bold showed (the line's own background won), and line 1's number is bold anyway."""
    from sim.tui.widgets.choices import ChoiceList

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        choices = play.query_one(ChoiceList)
        await pilot.press("down", "down")  # no line is highlighted before the first move
        assert choices.highlighted == 1 and choices.has_focus
        cursor = choices.get_component_rich_style("choice-list--highlight", partial=True).bgcolor
        assert cursor is not None

        def backgrounds(choice: int) -> set:
            lines = [y for y, row in enumerate(choices._rows) if row == choice]
            return {seg.style.bgcolor for y in lines for seg in choices.render_line(y) if seg.text}

        assert backgrounds(1) == {cursor}
        assert cursor not in backgrounds(0)


async def test_a_closed_question_with_a_feeling_word_is_cued_as_closed() -> None:
    """'Do you feel ready for it?' was cued, and counted, as a reflection ('you feel')."""
    from textual.widgets import Input

    from tests.tui.helpers import screen_lines

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        play.query_one("#own-words-input", Input).value = "Do you feel ready for it?"
        await pilot.press("enter")
        shown = "\n".join(screen_lines(app))
        assert "closed question: it starts with 'do'" in shown
        assert "reflection" not in shown
        await pilot.press("1", "space")
        play.query_one("#own-words-input", Input).value = "How awful."
        await pilot.press("enter")
        shown = "\n".join(screen_lines(app))
        assert "open question" not in shown  # an exclamation asks nothing
        await pilot.press("1", "enter")
        await pilot.pause()
        words = app.screen.debrief.words
        assert (words.closed_questions, words.reflections, words.open_questions) == (1, 0, 0)


async def test_a_past_debrief_says_where_esc_goes_and_its_palette_replays_that_run() -> None:
    """The bar said 'esc Library' and Esc went to progress; the palette's Play again
    started the scenario played last, not the run being read."""
    from sim.tui.screens.progress import PastDebriefScreen, ProgressScreen
    from tests.tui.helpers import screen_lines

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("1", "space", "1", "enter")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Keys" not in titles and "Maximize" not in titles
        await pilot.press("escape", "g")
        await records_read(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PastDebriefScreen)
        bar = screen_lines(app)[-1]
        assert "esc Back to your runs" in bar and "Library" not in bar
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Back to library" not in commands
        commands["Back to your runs"].callback()
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("enter")
        await pilot.pause()
        app._last_play = None  # as if another scenario had been played since
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Play again"].callback()
        await pilot.pause()
        assert type(app.screen).__name__ in ("ContentNotes", "PlayScreen")


async def test_pgup_scrolls_the_conversation_back_to_the_coach_note_at_60x18() -> None:
    """In own-words practice at 60x18 the reply pushed the line picked and its coach note
    out of view, and no key reached them (PgUp did nothing)."""
    from pathlib import Path

    from textual.widgets import Input

    from sim.tui.screens.play import PlayScreen
    from sim.tui.widgets.transcript import Transcript
    from tests.tui.helpers import screen_lines

    scenario = Path(__file__).parents[2] / "scenarios" / "different-path.toml"
    app = make_app(scenario=str(scenario), own_words=True)
    async with app.run_test(size=(60, 18)) as pilot:
        for _ in range(300):
            await pilot.pause(0.01)
            if type(app.screen).__name__ == "ContentNotes":
                break
        await pilot.press("enter")
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        if not play.run.waits_for_choice:
            await pilot.press("space")
        box = play.query_one("#own-words-input", Input)
        box.value = "It sounds like the last place didn't fit you"
        await pilot.press("enter", "4")
        await pilot.pause()
        assert box.has_focus  # the next decision: the box has the keys
        transcript = play.query_one(Transcript)
        assert transcript.scroll_y == transcript.max_scroll_y > 0  # at the newest line
        note = "Coach note:"
        assert not any(note in line for line in screen_lines(app))
        for _ in range(6):
            await pilot.press("pageup")
            if any(note in line for line in screen_lines(app)):
                break
        assert any(note in line for line in screen_lines(app))
        assert box.has_focus and box.value == ""
        for _ in range(6):
            await pilot.press("pagedown")
        assert transcript.scroll_y == transcript.max_scroll_y


async def test_a_question_s_key_bar_names_its_answers_and_pause_names_us_lines() -> None:
    """The resume question's buttons said 'Resume (y)' / 'Leave it (n)', its bar 'y Yes n No';
    the pause said to talk to someone, without the US crisis line the README gives."""
    from tests.tui.helpers import screen_lines

    app = make_app()
    async with app.run_test(size=(60, 18)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1", "escape")
        await pilot.pause()
        bar = screen_lines(app)[-1]
        assert "y Leave" in bar and "n Stay" in bar and "Yes" not in bar
        await pilot.press("n", "p")
        await pilot.pause()
        shown = " ".join(" ".join(line.strip(" │─").split()) for line in screen_lines(app))
        assert "▇" not in shown  # no scroll bar: it all fits
        assert "In the US, the 988 Suicide & Crisis Lifeline" in shown
        assert "in an emergency call 911" in shown
        assert "Press Enter, Escape or p to go back." in shown  # still all on screen at 60x18
        await pilot.press("p")
        assert play.run.state.decisions  # nothing moved


async def test_the_progress_bar_shows_that_enter_reads_a_debrief() -> None:
    from sim.tui.screens.progress import PastDebriefScreen, ProgressScreen
    from tests.tui.helpers import screen_lines

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("1", "space", "1", "enter")
        await pilot.pause()
        await pilot.press("escape", "g")
        await records_read(app, pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert "Read debrief" in screen_lines(app)[-1]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PastDebriefScreen)


async def test_letters_typed_ahead_of_the_own_words_box_go_into_it() -> None:
    """Space then 'up to...' in one read: 'u' undid the line just said, 'p' paused, and
    letters before the box had the keys were dropped."""
    from textual.widgets import Input

    from tests.tui.helpers import deliver, screen_name

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        box = play.query_one("#own-words-input", Input)
        box.value = "It sounds like a hard week."
        await pilot.press("enter", "1")
        await pilot.pause()
        assert len(play.run.state.decisions) == 1 and not play.run.waits_for_choice
        for key in ("space", "u", "p", "2", "o"):
            deliver(app, key)
        await pilot.pause(0.2)
        assert screen_name(app) == "PlayScreen"  # no pause opened
        assert len(play.run.state.decisions) == 1  # nothing undone
        assert box.has_focus and box.value == "up2o"  # and no letter dropped
        await pilot.press("ctrl+z")  # once the box has the keys, ctrl+z undoes as before
        assert len(play.run.state.decisions) == 0


def test_a_past_run_s_outcome_is_not_coloured_over_the_highlight() -> None:
    """A red '(poor)' on the teal cursor row of Past runs could hardly be read."""
    from sim.records.store import StoredRun
    from sim.tui.screens.progress import run_entry

    run = StoredRun(
        1, "r", "talk", "A Short Talk", "d", "practice", "finished", "", "2026-11-30T08:00",
        "2026-11-30T08:05", "2026-11-30T08:05", {}, "bye", "A polite goodbye", "poor", 48, 28,
        None,
    )  # fmt: skip
    entry = run_entry(run)
    assert "A polite goodbye (poor)" in entry.plain
    at = entry.plain.index("(poor)")
    on_outcome = [str(s.style) for s in entry.spans if s.start <= at < s.end]
    assert on_outcome == ["bold"]


async def test_a_replay_highlights_the_line_the_trainee_picked() -> None:
    """The cursor sat on line 1 at every decision of a replay, marking it as if chosen."""
    from sim.tui.widgets.choices import ChoiceList

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        replay = await open_replay(app, pilot, ["hello#2", "plan#1"])
        choices = replay.query_one(ChoiceList)
        assert choices.highlighted == 1  # the trainee said line 2 here
        await pilot.press("space")
        assert replay.run.state.decisions[0].index == 1
        await pilot.press("space")  # the scene that goes on by itself
        assert replay.run.waits_for_choice and choices.highlighted == 0


async def test_a_served_trainee_s_progress_names_them_not_the_trainer_s_records_path() -> None:
    from sim.tui.screens.progress import ProgressScreen
    from tests.tui.helpers import ready

    app = make_app()
    app.ask_trainee = True
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press(*"Alex", "enter")
        await pilot.pause()
        await pilot.press("g")
        await records_read(app, pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert app.screen.sub_title == "Alex"
        assert "records.db" not in app.screen.sub_title


async def test_p_pauses_at_a_decision_of_an_own_words_replay() -> None:
    """A replay shows no box: its decisions are not the box's, and p still pauses."""
    from tests.tui.helpers import screen_name

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        replay = await open_replay(app, pilot, ["hello#2", "plan#1"], words=["go", "hm"])
        assert replay.run.waits_for_choice and replay.run.own_words
        await pilot.press("p")
        await pilot.pause()
        assert screen_name(app) == "Pause"


async def test_a_terminal_trainee_s_progress_says_whose_runs_and_where_in_words() -> None:
    """The title showed the bare records path, which a trainee read as an error."""
    from sim.tui.screens.progress import ProgressScreen
    from tests.tui.helpers import ready, screen_lines

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("g")
        await records_read(app, pilot)
        assert isinstance(app.screen, ProgressScreen)
        # after the principles, where it can wrap: in the title it was cut at 80 columns
        shown = " ".join(screen_lines(app))
        assert "Your runs, kept in " in shown and "records.db" in shown
        assert "kept in" not in app.screen.sub_title


def test_where_the_runs_are_kept_is_said_from_home_and_through_the_gate() -> None:
    from pathlib import Path

    from sim.tui.summaries import _kept_in

    assert _kept_in(Path.home() / "peer" / "records.db") == "your runs, kept in ~/peer/records.db"
    said = _kept_in(Path("/srv/a\x1b]0;owned\x07b/records.db"))
    assert said == "your runs, kept in /srv/a\\x1b]0;owned\\x07b/records.db"

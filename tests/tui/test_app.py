"""Pilot tests: the app played end to end with keys and with the mouse, and its guards."""

from __future__ import annotations

import os
import shutil

import pytest
from textual.command import CommandPalette
from textual.widgets import Sparkline, Static

from sim.loading import load_scenario
from sim.tui.launch import LaunchError, start_options
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.dialogs import ProblemList
from sim.tui.screens.library import LibraryScreen
from sim.tui.screens.play import PlayScreen
from sim.tui.text import literal
from sim.tui.textual_internals import toasts_showing
from sim.tui.widgets.choices import ChoiceList
from sim.tui.widgets.keybar import KeyBar
from sim.tui.widgets.transcript import Transcript
from tests.tui.helpers import (
    TALK,
    make_app,
    open_talk,
    ready,
    screen_lines,
    screen_name,
    screen_text,
)


def transcript(app) -> Transcript:
    return app.screen.query_one(Transcript)


def keybar_text(screen) -> str:
    return screen.query_one(KeyBar).render().plain


async def test_keyboard_end_to_end() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        # below the side panel's width the setting and the people open the transcript
        assert transcript(app).kinds() == ["setting", "with", "action", "line"]
        keys = keybar_text(play)  # the keys for the lines on offer, not 1-9
        assert " 1-2 Choose" in keys and "Continue" not in keys
        assert play.query_one(ChoiceList).border_title.startswith("Say: 1-2,")
        await pilot.press("1")
        assert play.run.state.trust == 48
        keys = keybar_text(play)  # a scene that goes on by itself: no numbers to choose
        assert "Choose" not in keys and "Continue" in keys and "Undo" in keys
        assert play.query_one("#trust").render().plain.count("+8 up") == 1
        await pilot.press("space")  # a scene that goes on by itself
        assert play.run.state.scene == "plan"
        # arrows and Enter choose too (no line is highlighted until an arrow moves to one)
        await pilot.press("down", "down", "up", "enter")
        assert play.run.over
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        d = app.screen.debrief
        assert d.ending_title == "A plan of Sam's own"
        assert len(d.decisions) == 2
        assert len(app.screen.query(Sparkline)) == 2
        text = " ".join(str(w.render()) for w in app.screen.query(".decision"))
        assert "You said" in text and "Why:" in text
        await pilot.press("r")  # play again: asked first, y plays
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and not app.screen.run.state.decisions
        await pilot.press("escape")  # nothing said yet: leaves without asking
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"


async def test_mouse_end_to_end() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        # first click highlights 'A Short Talk' (the second entry, under its level's
        # heading), the Start button starts
        assert await pilot.click("#scenarios", offset=(3, 6))
        assert app.screen.selected()[1].id == "talk"
        assert await pilot.click("#start")
        await pilot.pause()
        assert screen_name(app) == "ContentNotes"
        assert await pilot.click("#go")
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        for _ in range(4):  # choice 1, Continue, choice 1, See your debrief
            assert await pilot.click("#choices", offset=(6, 1))
            await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.debrief.ending_title == "A plan of Sam's own"


async def test_undo_in_practice() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        assert play.check_action("undo", ()) is False  # nothing to undo yet: not in the keys
        assert "Undo" not in keybar_text(play)
        await pilot.press("2")
        assert "Undo" in keybar_text(play)
        assert play.run.state.trust == 34
        assert "note" in transcript(app).kinds()  # practice: a coach note after the choice
        await pilot.press("u")
        assert play.run.state.trust == 40 and not play.run.state.decisions
        # below the side panel's width the setting and the people open the transcript
        assert transcript(app).kinds() == ["setting", "with", "action", "line"]
        await pilot.press("1", "space", "ctrl+z")
        assert play.run.state.scene == "hello" and not play.run.state.decisions


async def test_assessment_shows_no_notes_no_undo_and_no_meters() -> None:
    app = make_app(mode="assessment")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1", "space", "1")
        assert "note" not in transcript(app).kinds()
        assert "Coach note" not in transcript(app).text()
        assert play.check_action("undo", ()) is False
        assert "Undo" not in keybar_text(play)
        await pilot.press("u")
        assert len(play.run.state.decisions) == 2
        # no meter, number or change anywhere on the screen, nor in a toast
        assert not play.query("Meter")
        shown = "\n".join(screen_lines(app))
        assert "hidden in assessment mode" in shown
        for word in ("48", "+8 up", "▲", "▼", "-6 down", "out of 100"):
            assert word not in shown, word
        # the one toast (u: "No undo in assessment mode") names no meter or number
        assert [n.title for n in toasts_showing(app)] == ["No undo in assessment mode"]
        for n in toasts_showing(app):
            for word in ("48", "+8 up", "▲", "▼", "-6 down", "out of 100", "rust"):
                assert word not in f"{n.title} {n.message}", word
        # the debrief reveals them, with the curve
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert len(app.screen.query(Sparkline)) == 2
        assert "Trust 40 → " in "\n".join(screen_lines(app))


async def test_practice_shows_a_note_after_each_choice() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("1")
        assert transcript(app).kinds()[-4:-2] == ["you", "note"]
        assert "Honours “Listen actively”. Reflecting first" in transcript(app).text()


async def test_scenario_text_is_shown_literally() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_talk(app, pilot)
        shown = app.export_screenshot()
        assert "[bold]STOP[/bold]" in shown.replace("&#160;", " ")
        first_turn = transcript(app).turns()[0]
        assert "[bold]STOP[/bold]" in first_turn.plain
        assert "\x1b" not in first_turn.plain
        stop = first_turn.plain.index("STOP")
        # no span makes the word bold: the brackets were not read as markup
        assert not any(s.start <= stop < s.end and "bold" in str(s.style) for s in first_turn.spans)
    # a scenario object that did not come through the loader is cleaned too
    content = literal("\x1b[31mred\x1b]0;title\x07 [b]x[/b]\x07")
    assert content.plain == "red [b]x[/b]"


async def test_leaving_a_run_asks_first() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1", "escape")
        assert screen_name(app) == "Confirm"
        await pilot.press("n")
        assert app.screen is play and len(play.run.state.decisions) == 1
        await pilot.press("escape", "y")
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"


async def test_content_notes_have_a_way_back() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "enter", "escape")
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"


async def test_pause_and_help_leave_the_run_alone() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1")
        before = play.run.state
        await pilot.press("p")
        assert screen_name(app) == "Pause"
        await pilot.press("1", "escape")
        assert app.screen is play and play.run.state is before
        await pilot.press("question_mark")
        assert screen_name(app) == "Help"
        await pilot.press("escape")
        assert app.screen is play and play.run.state is before


async def test_command_palette_commands() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Theme" in titles and "Switch to assessment mode" in titles
        play = await open_talk(app, pilot)
        await pilot.press("1")
        titles = [c.title for c in app.get_system_commands(play)]
        for wanted in ("Undo", "Restart", "Back to library", "Switch to assessment mode", "Theme"):
            assert wanted in titles
        # switching mode mid-run asks, then starts again in the new mode
        app.action_toggle_mode()
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.screen.mode == "assessment"
        assert not app.screen.run.state.decisions
        # the palette itself opens and finds a command
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")


async def test_library_lists_broken_files_with_their_error() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("end")
        kind, err = app.screen.selected()
        assert kind == "broken" and err.path.name == "broken.toml"
        detail = str(app.screen.query_one("#detail-text").content)  # before wrapping
        assert "broken.toml" in detail and "empowerment" in detail
        # no "Start ▶" under the problems: it offered to start what cannot be played (adv30b)
        assert "Start ▶" not in screen_text(app)
        await pilot.press("enter")
        assert screen_name(app) == "LibraryScreen"
        assert not app.screen.query_one("#start").display  # nothing to click or tab to
        await pilot.press("home")
        await pilot.pause()
        assert app.screen.selected()[0] == "scenario" and "Start ▶" in screen_text(app)


async def test_too_small_terminal_says_so() -> None:
    app = make_app()
    async with app.run_test(size=(50, 15)) as pilot:
        await ready(app, pilot)
        assert app.has_class("-too-small")
        assert "too small" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        assert not app.has_class("-too-small")
        assert "too small" not in screen_text(app)


async def test_too_small_covers_a_dialog_too() -> None:
    # browser30: the notice lay under a dialog (the name asked for first in a served
    # tab, help, content notes), which a short window then showed cut off instead
    from sim.tui.screens.dialogs import Help
    from sim.tui.widgets.too_small import TooSmall

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, Help)
        await pilot.resize_terminal(100, 14)
        await pilot.pause()
        notice = app.screen.query_one(TooSmall)
        assert notice.display and notice.region == app.screen.region
        assert "too small" in screen_text(app)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not notice.display


async def test_start_anywhere_for_authors() -> None:
    app = make_app(
        scenario=load_scenario(TALK), start_scene="plan", start_trust=70, start_flags=["x"]
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # content notes
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        assert play.run.state.scene == "plan" and play.run.state.trust == 70
        assert "x" in play.run.state.flags
        # said once, as the plain player does, at the top of the transcript
        first = transcript(app).entries()[0]
        assert first.kind == "start"
        assert first.text == "Starting at scene 'plan', trust 70, flags x."
        assert transcript(app).kinds().count("start") == 1


def test_start_options_from_args() -> None:
    import argparse

    args = argparse.Namespace(start="plan", set=["trust=40", "flag=a,b", "flag=c"], watch=True)
    assert start_options(args) == {
        "start_scene": "plan",
        "start_trust": 40,
        "start_flags": ("a", "b", "c"),
        "watch": True,
    }
    for bad in (["trust=400"], ["mood=3"], ["trust"]):
        try:
            start_options(argparse.Namespace(set=bad))
        except LaunchError:
            continue
        raise AssertionError(f"{bad} should be refused")


def _touch(path, text: str, tick: int) -> None:
    path.write_text(text)
    st = path.stat()
    os.utime(path, (st.st_atime, st.st_mtime + tick))


async def test_live_reload_keeps_the_run_and_shows_errors(tmp_path) -> None:
    file = tmp_path / "talk.toml"
    shutil.copy(TALK, file)
    original = file.read_text()
    app = make_app(scenario=load_scenario(file), watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        play = app.screen
        await pilot.press("1", "space")
        assert play.run.state.scene == "plan"
        # an edit to later text: reloaded, the path so far kept
        _touch(file, original.replace("So what do I do now?", "What now, then?"), 5)
        assert app.check_file()
        await pilot.pause()
        assert play.run.state.scene == "plan" and len(play.run.state.decisions) == 1
        assert "What now, then?" in transcript(app).text()
        # README: it says how many it kept (not that "this run was recorded": it was not)
        assert play.notes["reload"] == "Reloaded; kept 1 of your 1 choice(s)."
        # a broken save: the error is shown in the app, the old scenario kept
        _touch(file, original.replace("trust = 40", "trust = 400"), 10)
        assert app.check_file()
        await pilot.pause()
        panel = play.query_one("#problems")
        assert panel.display and "trust" in str(panel.render())
        assert play.run.scenario.scenes["plan"].text == "What now, then?"
        await pilot.press("1")
        assert play.run.over
        # fixed again: the panel goes, the run is replayed on the new file
        _touch(file, original, 15)
        assert app.check_file()
        await pilot.pause()
        assert not panel.has_class("-error") and "problem" not in str(panel.render())
        assert play.run.over and len(play.run.state.decisions) == 2
        # and the poll is really running every half second
        _touch(file, original.replace("Sam leaves with a plan", "Sam goes with a plan"), 20)
        await pilot.pause(1.2)
        assert "Sam goes with a plan" in play.run.scenario.endings["together"].text


def _many_errors(text: str) -> str:
    """Every trust value out of range: five problems."""
    import re

    return re.sub(
        r"^trust = (-?\d+)", lambda m: f"trust = {abs(int(m[1])) * 100 + 500}", text, flags=re.M
    )


async def test_reload_errors_keep_the_newest_line_and_are_counted(tmp_path) -> None:
    file = tmp_path / "talk.toml"
    # without the colour code talk.toml holds to try the text gate: check warns of it
    file.write_text(TALK.read_text("utf-8").replace("\\u001b[31m", ""), encoding="utf-8")
    original = file.read_text()
    app = make_app(scenario=load_scenario(file), watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        play = app.screen
        await pilot.press("1", "space")
        await pilot.pause()
        newest = play.run.scenario.scenes[play.run.state.scene].text
        _touch(file, _many_errors(original), 5)
        assert app.check_file()
        await pilot.pause()
        await pilot.pause()
        panel = play.query_one("#problems")
        text = str(panel.render())
        assert panel.display and "talk.toml: 5 problems" in text
        assert "3 more: press e" in text and f"peer-sim check {file}" in text
        # the panel sits above the transcript, which stays at its newest line
        t = transcript(app)
        assert panel.region.bottom <= t.region.y
        assert t.scroll_y == t.max_scroll_y
        assert newest.split()[0] in screen_text(app)
        # no toast over the choices: the status is in the panel and the title
        assert not toasts_showing(app)
        assert "file has problems" in play.sub_title
        # e lists every problem
        assert "e Problems" in keybar_text(play)
        await pilot.press("e")
        assert isinstance(app.screen, ProblemList)
        listed = str(app.screen.query_one(".dialog-text").render())
        assert listed.count("outside the allowed range") == 5
        await pilot.press("escape")
        assert app.screen is play
        # fixed, but with something only the deep check finds: a one-line note
        extra = '\n[scenes.orphan]\nspeaker = "sam"\ntext = "Nobody gets here."\nnext = "plan"\n'
        _touch(file, original + extra, 10)
        assert app.check_file()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not toasts_showing(app)
        assert "reloaded" in play.sub_title
        assert "check: 1 error (e lists it, as peer-sim check would)" in str(panel.render())
        assert not panel.has_class("-error")
        # e lists what the check found, with its file, line and key, as the command prints it
        assert "e Problems" in keybar_text(play)
        await pilot.press("e")
        assert isinstance(app.screen, ProblemList)
        listed = str(app.screen.query_one(".dialog-text").render())
        assert "peer-sim check: 1 finding in" in listed and "loads and plays" in listed
        assert "scenes.orphan: no path through the scenario reaches scene 'orphan'" in listed
        await pilot.press("escape")
        assert app.screen is play
        # a reload that checks clean takes the list away
        _touch(file, original, 15)
        assert app.check_file()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "e Problems" not in keybar_text(play)


async def test_library_lists_the_file_it_was_opened_on(tmp_path) -> None:
    file = tmp_path / "mine.toml"
    shutil.copy(TALK, file)
    app = make_app(scenario=load_scenario(file), watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")  # content notes
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.library.scenarios[0] is app.initial
        assert "mine.toml · the file you opened" in screen_text(app)
        # and choosing it plays that file again
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.scenario.path == app.initial.path


async def test_switching_mode_on_the_library_shows_in_the_switch_not_in_a_toast() -> None:
    """The toast repeated the mode line, over the scenario's title, for two seconds."""
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        before = len(toasts_showing(app))
        await pilot.press("m", "w")
        await pilot.pause()
        assert app.play_mode == "assessment" and app.own_words
        assert len(toasts_showing(app)) == before
        assert "● Assessment" in screen_text(app) and "● On" in screen_text(app)


@pytest.mark.parametrize(("mode", "warned"), [("assessment", True), ("practice", False)])
async def test_restart_says_what_an_assessment_keeps_and_practice_does_not_warn(
    mode: str, warned: bool
) -> None:
    """Restart is open in assessment too; the lines said before it stay on the record as
    taken back (code-review-3), so the question says so before the trainee answers."""
    app = make_app(mode=mode)
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1")
        await pilot.pause()
        assert play.run.state.decisions
        app.action_restart()
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Start this conversation again" in shown
        dialog = " ".join(
            " ".join(line.split("│")[1].split())
            for line in shown.splitlines()
            if line.count("│") >= 2
        )
        assert ("stay on this run's record, as taken back" in dialog) is warned, dialog


async def _there_and_back(app, pilot) -> None:
    """Into the conversation the app opened on, and back to the library, listed again."""
    await pilot.press("enter")  # content notes, then the conversation
    await pilot.pause()
    assert isinstance(app.screen, PlayScreen)
    await pilot.press("escape")  # back to the library, which lists it again
    await pilot.pause()
    assert isinstance(app.screen, LibraryScreen)
    app.refresh_library()
    await pilot.pause()
    assert "A Short Talk" in screen_text(app)


async def test_a_scenario_named_by_its_id_is_not_called_the_file_you_opened() -> None:
    """`peer-sim play check-in-call` marked the bundled entry "check-in-call.toml · the file
    you opened" (trainee-test-10): an id names the library's own entry; a path a file."""
    app = make_app(scenario="talk")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert app.initial_by_id and app.initial is not None
        await _there_and_back(app, pilot)
        assert "the file you opened" not in screen_text(app)
    # a path still is a file opened: test_library_lists_the_file_it_was_opened_on


@pytest.mark.parametrize("named", ["talk", "PATH"])
async def test_an_id_given_to_peer_sim_play_is_not_called_the_file_you_opened(named) -> None:
    """`peer-sim play first-meeting`, as the README starts it, still marked the library's
    entry "first-meeting.toml · the file you opened" (trainee20, tmux 100x60): the command
    line loads the scenario before the app starts, and the id was only heard when the app
    read the name itself. The app is built here as `launch` builds it."""
    import argparse

    from sim.loading.resolve import resolve_scenario
    from sim.tui.launch import build_app
    from tests.tui.helpers import LIBRARY, TALK

    name = str(TALK) if named == "PATH" else named
    args = argparse.Namespace(scenario=name, scenarios=[str(LIBRARY)])
    app = build_app(resolve_scenario(name, [str(LIBRARY)]), [str(LIBRARY)], None, args, {})
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await _there_and_back(app, pilot)
        assert ("talk.toml · the file you opened" in screen_text(app)) is (named == "PATH")


@pytest.mark.parametrize("own_words", [False, True])
async def test_the_content_notes_name_f2_only_where_own_words_are_typed(own_words: bool) -> None:
    """F2 pauses in the own-words box, where p is a letter; with own words off nothing
    else mentions typing, and the notes spoke of an F2 the trainee would never need."""
    app = make_app(own_words=own_words)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "enter")
        assert screen_name(app) == "ContentNotes"
        text = str(app.screen.query_one("#notes-care", Static).render())
        assert "pause any time with p" in text
        assert ("F2 while you type your own words" in text) is own_words

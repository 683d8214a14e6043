"""Findings of trainee playtest 9 (plan/trainee-test-9.md), each checked as the trainee met it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Input

from sim.tui.screens.play import PlayScreen
from tests.tui.helpers import make_app, open_talk, records_read, screen_lines
from tests.tui.test_own_words_app import type_words

ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]")


async def test_own_words_letters_typed_at_a_continue_step_are_refused_and_said_why() -> None:
    """In own-words practice a trainee typed a reply to the narration, before the next line
    was shown: the letters went nowhere, the first space read on, and the `u` of "just"
    undid the line just said. Now the letters are refused with a word of why; space still
    reads on, and undo there is ctrl+z, as in the box."""
    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        await type_words(pilot, play, "It sounds like a hard week.")
        await pilot.press("1")
        await pilot.pause()
        assert not play.run.waits_for_choice and len(play.run.state.decisions) == 1
        assert "^z Undo" in screen_lines(app)[-1]  # u would type a letter in the box
        await pilot.press("j", "u", "s", "t")  # "just", typed at "Continue ▶"
        await pilot.pause()
        assert len(play.run.state.decisions) == 1  # the u undid nothing
        said = [n.message for n in app._notifications]
        assert len(said) == 1 and said[0].startswith("The scene goes on first")
        await pilot.press("space")  # reads on, to the next decision's box
        await pilot.pause()
        assert play.run.waits_for_choice
        box = play.query_one("#own-words-input", Input)
        assert box.value == ""  # nothing typed at the Continue step lands there
        await pilot.press("ctrl+z")  # undo still works by ctrl+z
        await pilot.pause()
        assert not play.run.state.decisions


async def test_own_words_continue_step_keeps_help_and_pause() -> None:
    """? and p are not words: help and pause still open at a Continue step."""
    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        await type_words(pilot, play, "")
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert type(app.screen).__name__ == "Pause"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_read_on_and_more_principles_go_at_the_end() -> None:
    """At the end of the debrief "space Read on" stayed in the key bar, and at the end of the
    principles "PgDn More principles" did: there was nothing more. The debrief's end names
    Home, back to the ending and why this ending."""
    from textual.containers import VerticalScroll

    from sim.tui.screens.debrief import DebriefScreen
    from sim.tui.screens.progress import ProgressScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("1", "space", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        bar = screen_lines(app)[-1]
        assert "space Read on" in bar and "Back to top" not in bar
        await pilot.press("end")
        await pilot.pause()
        bar = screen_lines(app)[-1]
        assert "Read on" not in bar and "Home Back to top" in bar
        await pilot.press("home")
        await pilot.pause()
        assert app.screen.query_one("#debrief", VerticalScroll).scroll_y == 0
        assert "space Read on" in screen_lines(app)[-1]
        await pilot.press("escape", "g")
        await records_read(app, pilot)
        assert isinstance(app.screen, ProgressScreen)
        await pilot.resize_terminal(60, 18)
        await pilot.pause()
        principles = app.screen.query_one("#progress", VerticalScroll)
        assert "PgDn More principles" in screen_lines(app)[-1]
        for _ in range(10):
            await pilot.press("pagedown")
        await pilot.pause()
        assert principles.scroll_y == principles.max_scroll_y > 0
        assert "More principles" not in screen_lines(app)[-1]
        await pilot.press("pageup")  # back up still works there
        await pilot.pause()
        assert principles.scroll_y < principles.max_scroll_y
        assert "PgDn More principles" in screen_lines(app)[-1]


async def test_own_words_cue_that_wraps_stays_clear_of_its_bullet() -> None:
    """At 80 columns a cue ran on at column 1, under its bullet."""
    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        await type_words(pilot, play, "That's a long list. Which one feels most urgent to you?")
        await pilot.pause()
        lines = screen_lines(app)
        at = next(
            i for i, line in enumerate(lines) if "•" in line and "reads as a question" in line
        )
        column = lines[at].index("“Which")
        assert lines[at + 1][:column].strip() == ""  # the next line starts under the words
        assert lines[at + 1][column:].strip().endswith("open or closed.")


async def test_past_runs_keep_their_indent_and_slips_are_not_orange_on_the_highlight() -> None:
    """A run with two slips wrapped at 100 columns and ran on at column 1, under the run's
    number; its slips were orange on the highlighted row's teal, hard to read."""
    from sim.records.progress import compute
    from sim.records.store import StoredRun
    from sim.tui.screens.progress import ProgressScreen, run_entry
    from tests.tui.helpers import ready

    long_title = "An ending whose title is long enough to wrap " * 3
    run = StoredRun(
        1, "r", "talk", "A Short Talk", "d", "practice", "finished", "", "2026-11-30T08:00",
        "2026-11-30T08:05", "2026-11-30T08:05", {}, "bye", long_title.strip(), "poor", 48, 28,
        None,
    )  # fmt: skip
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await app.push_screen(ProgressScreen(compute([run], []), [run], "kept here"))
        await pilot.pause()
        lines = screen_lines(app)
        at = next(i for i, line in enumerate(lines) if "A Short Talk" in line and "·" in line)
        wrapped = lines[at + 1 : at + 3]  # how it ended, on two lines: both under the title
        assert all(line.startswith("▊      ") and line[7:].strip() for line in wrapped), wrapped
        assert wrapped[1].strip("▊▎ ").endswith("(poor)")
    entry = run_entry(run)
    assert "$warning" not in str([s.style for s in entry.spans])


async def test_a_served_trainee_back_in_lower_case_is_named_as_the_records_spell_them() -> None:
    """Back as "jordan lee", the library's title said "Jordan Lee" and progress "jordan lee"."""
    from tests.tui.helpers import ready

    first = make_app()
    first.ask_trainee = True
    async with first.run_test(size=(100, 30)) as pilot:
        await ready(first, pilot)
        await pilot.press(*"Jordan Lee", "enter")
        await pilot.pause()
        await pilot.press("down", "enter", "enter")
        await pilot.pause()
        await pilot.press("1", "space", "1")
        await pilot.pause()
    again = make_app()
    again.ask_trainee = True
    async with again.run_test(size=(100, 30)) as pilot:
        await ready(again, pilot)
        await pilot.press(*"jordan lee", "enter")
        await pilot.pause()
        await pilot.press("g")
        await records_read(again, pilot)
        assert again.screen.sub_title == "Jordan Lee"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pty as Linux has it")
def test_words_typed_at_once_on_a_real_terminal_arrive_whole(tmp_path) -> None:
    """On a real terminal the box takes the focus while a burst of typing is being read:
    letters then went to the choices and were lost ("What would h"), or, typed in before
    the focus, were selected by it and replaced by the next letter ("eep tonight?"). And
    letters typed at a "Continue" step are refused, not typed, nor taken for undo."""
    import fcntl
    import pty
    import struct
    import termios
    import time

    from sim.records import Store
    from tests.tui.helpers import TALK
    from tests.tui.test_closing import ROOT, _dirs, _drain, _quit, _stop

    dirs = _dirs(tmp_path)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    app = subprocess.Popen(
        [sys.executable, "-m", "sim", "play", str(TALK), "--own-words"],
        stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, start_new_session=True,
        env={**os.environ, "TERM": "xterm-256color", **dirs},
    )  # fmt: skip
    os.close(slave)

    def until(words: bytes) -> None:
        """Until the app draws `words` (its escape sequences taken out)."""
        seen, deadline = b"", time.monotonic() + 60
        while words not in ESCAPES.sub(b"", seen):
            assert time.monotonic() < deadline, ESCAPES.sub(b"", seen)[-1500:]
            seen += _drain(master, 0.2)

    try:
        until(b"Continue")  # the content notes
        os.write(master, b"\r")
        until(b"own words")
        os.write(master, b"it sounds like a hard week\r")
        until(b"Closest")
        os.write(master, b"1")
        until(b"Continue")  # the scene goes on by itself: a reply begun at once
        os.write(master, b"just")  # refused, and said why
        until(b"Not yet")
        os.write(master, b" what would help you get some sleep tonight\r")  # at once
        until(b"Closest")
        os.write(master, b"1")
        until(b"your debrief")
        _quit(app, master)
    finally:
        _stop(app, master)
    store = Store.open(Path(dirs["PEER_SIM_DATA_DIR"]))
    run = store.get(store.runs()[0].id)
    assert run is not None
    assert [d.words for d in run.decisions] == [
        "it sounds like a hard week",
        "what would help you get some sleep tonight",  # "just" refused; nothing undone
    ]


def test_the_plain_intro_labels_the_setting_as_it_labels_the_rest() -> None:
    """Read aloud, "Scenario: House Rules" ran on into the setting, unlabelled where "With:"
    and "Content notes:" are labelled."""
    from sim.loading import load_scenario
    from sim.plain.render import intro
    from tests.tui.helpers import TALK

    lines = intro(load_scenario(TALK), "practice")
    assert lines[:2] == [
        "Scenario: A Short Talk",
        "Setting: Drop-in centre, the quiet room, a Tuesday afternoon",
    ]


async def test_the_assessment_debrief_says_how_the_meters_moved_not_below() -> None:
    """ "they are shown below" sat under the line that shows them."""
    app = make_app(mode="assessment")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("1", "space", "1", "enter")
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "this is how they moved" in shown and "shown below" not in shown


async def test_tab_to_the_scenario_details_shows_where_the_focus_went() -> None:
    """The first Tab in the library moved the focus to the details, which showed nothing:
    only the list's highlight dimmed, and the focus seemed lost."""
    from tests.tui.helpers import ready

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        detail = app.screen.query_one("#detail")
        before = detail.styles.border_left
        await pilot.press("tab")
        await pilot.pause()
        assert detail.has_focus and detail.styles.border_left != before


async def test_a_replay_of_own_words_says_no_not_yet() -> None:
    """The "Not yet" note is for a trainee typing ahead of their turn; a replay has no box."""
    from tests.tui.helpers import open_replay

    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        replay = await open_replay(app, pilot, ["hello#2", "plan#1"], words=["go", "hm"])
        await pilot.press("space")  # the first line, to the scene that goes on by itself
        await pilot.pause()
        assert not replay.run.waits_for_choice and not replay.run.over
        await pilot.press("j", "u")
        await pilot.pause()
        assert not [n for n in app._notifications if n.title == "Not yet"]
        assert "^z" not in screen_lines(app)[-1]


async def test_enter_by_habit_at_a_decision_says_no_line() -> None:
    """Enter, pressed by the habit "Continue ▶ (Enter or space)" teaches, said line 1 unread
    (a trainee told the supervisor "No, it was fine" in A Check-In Call). No line is
    highlighted until ↓ or ↑ moves to one; Enter alone says how to pick."""
    from sim.tui.widgets.choices import NONE, ChoiceList

    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        choices = play.query_one(ChoiceList)
        assert choices.highlighted == NONE
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert not play.run.state.decisions
        told = [n for n in app._notifications if n.title == "Which line?"]
        assert len(told) == 1 and "press a line's number" in told[0].message
        await pilot.press("up")  # the first move up goes to the last line
        assert choices.highlighted == 1
        await pilot.press("down", "enter")  # round to line 1, said
        await pilot.pause()
        assert play.run.state.decisions[0].index == 0
        await pilot.press("enter")  # "Continue ▶": one line, highlighted, Enter goes on
        await pilot.pause()
        assert play.run.waits_for_choice and choices.highlighted == NONE

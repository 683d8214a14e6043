"""Choosing and playing a conversation with keys and a mouse: the library, the key bar,
help, the command palette, the highlight, paging back to the line just said, and a key pressed where it does nothing. Each test is a thing
a trainee met while playing (trainee play-throughs 5-13).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Input

from sim.loading import bundled_dir, load_scenario
from sim.records import Store
from sim.tui.app import PeerSimApp
from sim.tui.screens.play import PlayScreen
from sim.tui.textual_internals import toasts_showing
from sim.tui.widgets.choices import ChoiceList
from sim.tui.widgets.transcript import Transcript
from tests.records.test_app_records import play_talk
from tests.tui.helpers import (
    at_choice_after,
    at_first_choice,
    make_app,
    open_talk,
    ready,
    screen_lines,
)
from tests.tui.test_keys_and_sizes import LONG as FOLD
from tests.tui.test_keys_and_sizes import visible

ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]")


def _continues_under(lines: list[str], first: str, then: str) -> tuple[int, int]:
    """The columns where `first` starts and where the next row's `then` starts."""
    row = next(i for i, line in enumerate(lines) if first in line)
    return lines[row].index(first), lines[row + 1].index(then)


def palette_titles(app) -> list[str]:
    return [c.title for c in app.get_system_commands(app.screen)]


async def test_the_highlighted_choice_has_the_highlight_background() -> None:
    """Only bold showed (the line's own background won), and line 1's number is bold anyway."""

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


async def test_pgup_scrolls_the_conversation_back_to_the_coach_note_at_60x18() -> None:
    """In own-words practice at 60x18 the reply pushed the line picked and its coach note
    out of view, and no key reached them (PgUp did nothing)."""
    from pathlib import Path

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
        # line 4 is below the fold at 60x18: its number brings it into view, again says it
        await pilot.press("enter", "4")
        await pilot.pause()
        await pilot.press("4")
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
        assert len(headings) == 5  # library, conversation, debrief, progress, everywhere
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


async def test_when_the_line_just_said_is_above_the_view_the_choices_say_where() -> None:
    """At 80x24 with four lines on offer, the trainee saw only the end of the coach note:
    their own line had scrolled out of view as the reply arrived."""
    from sim.tui.widgets.choices import ChoiceList

    app = make_app(scenario=load_scenario(bundled_dir() / "different-path.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        play = await at_first_choice(app, pilot)
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
        play = await at_first_choice(wide, pilot)
        await pilot.press("4")
        await pilot.pause()
        assert "your line" not in str(play.query_one(ChoiceList).border_title)


async def test_pgup_shows_the_line_just_said_and_names_a_slip_out_of_view() -> None:
    """At 80x24 the line just said, its coach note and the practice-mode notice of a critical
    slip were above the view; PgUp went a page up and left "You" on the last row, the line
    still out of view. Now the hint names the slip and PgUp puts the line at the top."""
    from sim.tui.widgets.choices import ChoiceList
    from sim.tui.widgets.transcript import Transcript

    app = make_app(scenario=load_scenario(bundled_dir() / "family-pressure.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        # to Denise's "at least text me if she misses a session"
        play = await at_choice_after(app, pilot, [3, 1, 2])
        await pilot.press("1")  # "Okay. Only if she misses": a breach of confidentiality
        await pilot.pause()
        choices = play.query_one(ChoiceList)
        assert "↑ PgUp: your critical slip" in str(choices.border_title)
        await pilot.press("pageup")
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Okay. Only if she misses, nothing else. Here's my number." in shown
        assert "Critical slip: a breach of confidentiality" in shown
        assert "PgUp" not in str(choices.border_title)  # there it is: the hint goes
        await pilot.press("pagedown", "pagedown")  # back to the reply
        await pilot.pause()
        assert play.query_one(Transcript).mine_above()


async def test_no_your_line_hint_when_the_run_is_shown_whole_again() -> None:
    """After undo (or a resume) the whole run is one block: the hint showed with the line said
    last in view, and stayed after PgUp."""

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1", "space", "1")  # two lines said, the ending
        await pilot.press("u")
        await pilot.pause()
        assert play.run.waits_for_choice and len(play.run.state.decisions) == 1
        assert "your line" not in str(play.query_one(ChoiceList).border_title)


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
        # the rest of the sentence is refused with it, spaces too; its Enter reads on
        os.write(master, b" what would help you get some sleep tonight\r")  # at once
        until(b"own words")  # the box, for the next decision
        os.write(master, b"what would help you get some sleep tonight\r")
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
        "what would help you get some sleep tonight",  # typed again, in the box; nothing undone
    ]


def test_the_plain_intro_labels_the_setting_as_it_labels_the_rest() -> None:
    """Read aloud, "Scenario: House Rules" ran on into the setting, unlabelled where "With:"
    and "Content notes:" are labelled."""
    from sim.plain.render import intro
    from tests.tui.helpers import TALK

    lines = intro(load_scenario(TALK), "practice")
    assert lines[0] == "Scenario: A Short Talk"
    assert lines[1].startswith("Content notes: ")  # heard first (trainee playtest 24)
    assert "Setting: Drop-in centre, the quiet room, a Tuesday afternoon" in lines


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


async def test_enter_by_habit_at_a_decision_says_no_line() -> None:
    """Enter, pressed by the habit "Continue ▶ (Enter or space)" teaches, said line 1 unread
    (a trainee told the supervisor "No, it was fine" in A Check-In Call). No line is
    highlighted until ↓ or ↑ moves to one; Enter alone says how to pick."""
    from sim.tui.widgets.choices import NONE

    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        choices = play.query_one(ChoiceList)
        assert choices.highlighted == NONE
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert not play.run.state.decisions
        # said in the list's title, where the eyes are (a toast covered "You wrote")
        assert choices.border_title.startswith("No line highlighted yet: press a line's number")
        assert not [n for n in toasts_showing(app) if n.title == "Which line?"]
        await pilot.press("up")  # the first move up goes to the last line
        assert choices.highlighted == 1
        await pilot.press("down", "enter")  # round to line 1, said
        await pilot.pause()
        assert play.run.state.decisions[0].index == 0
        await pilot.press("enter")  # "Continue ▶": one line, highlighted, Enter goes on
        await pilot.pause()
        assert play.run.waits_for_choice and choices.highlighted == NONE


async def test_the_library_keeps_a_wrapped_trains_bullet_under_its_words() -> None:
    """The "Trains" bullet "• Offer advice to spark a conversation, not to" went on with
    "spoon-feed" at column 1, under the bullet, where it read as an item of its own."""
    app = PeerSimApp()
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        titles = [sc.title for sc in app.library.scenarios]
        lst = app.screen.query_one("#scenarios")
        lst.highlighted = lst.get_option_index(f"s:{titles.index('Medication in the ED')}")
        await pilot.pause()
        words, wrapped = _continues_under(screen_lines(app), "Offer advice to spark", "spoon-feed")
    assert wrapped == words


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
        told = [n for n in toasts_showing(app) if n.title == "No lines to choose"]
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
        told = [n.message for n in toasts_showing(app) if n.title == "No lines to choose"]
        assert told[-1] == "The conversation has ended: press Enter to see your debrief."


async def test_enter_by_habit_at_two_decisions_stacks_no_second_toast_over_the_lines() -> None:
    """At 80x24 an Enter pressed out of habit at two decisions in a row said "Which line?"
    twice; the second toast stacked under the first and covered the first line on offer.
    It is said in the list's title now, which covers nothing."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("enter")  # nothing highlighted: told how to pick
        await pilot.press("1", "space")  # a line said, the scene read on: a new decision
        await pilot.pause()
        assert play.run.waits_for_choice and len(play.run.state.decisions) == 1
        await pilot.press("enter")  # the same habit at the next decision
        await pilot.pause()
        assert not toasts_showing(app)  # nothing over the lines
        assert play.query_one(ChoiceList).border_title.startswith("No line highlighted")
        rows = screen_lines(app)
        assert any("What feels like the next right step to you?" in row for row in rows), rows
        assert len(play.run.state.decisions) == 1  # and Enter said nothing


async def test_a_lone_trainee_is_offered_no_class_summary_and_an_own_words_switch() -> None:
    """On their own machine a trainee's palette offered "Class summary" (a class of one:
    themselves), and no way to turn own-words practice on, which it names nowhere else
    but the library's w."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await play_talk(app, pilot)  # a run of their own in the store
        titles = palette_titles(app)
        assert "Class summary" not in titles
        assert "Turn own words on" in titles
        switch = next(c for c in app.get_system_commands(app.screen) if "own words" in c.title)
        switch.callback()
        await pilot.pause()
        assert app.own_words
        assert "Turn own words off" in palette_titles(app)

    store = Store.open()  # a classroom's trainee played on this store
    store.trainee = "Riley"
    store.begin("talk", "A Short Talk", "0" * 64, "practice", {})
    app = make_app()  # the trainer, on the same store
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert "Class summary" in palette_titles(app)


def _above_the_lines(app) -> str:
    """The screen row just above the choices (their title row: "Say: ...", "Continue ▶")."""
    return screen_lines(app)[app.screen.query_one("#choices").region.y - 1]


async def _palette_offers(app, pilot, typed: str) -> list[str]:
    """What the command palette lists once `typed` is typed into it (then it is closed)."""
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    await pilot.press(*typed)
    for _ in range(50):  # the search runs in a worker
        await app.workers.wait_for_complete()
        await pilot.pause(0.02)
        if not palette._show_busy:
            break
    listed = palette.query_one(CommandList)
    options = (listed.get_option_at_index(i) for i in range(listed.option_count))
    offered = [str(option.prompt).split("\n")[0] for option in options]
    await pilot.press("escape")
    await pilot.pause()
    return offered


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


async def test_the_palette_offers_what_the_words_typed_mean() -> None:
    """The palette's fuzzy search offered "Turn own words on" for "undo" (tUrN owN worDs
    On), in the library where there is nothing to undo, and "Switch to assessment mode"
    for "home"; "exit", "again" and "menu" found nothing. Each word typed now begins a
    word of the command, or of another name people give it."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert not any("own words" in o for o in await _palette_offers(app, pilot, "undo"))
        assert await _palette_offers(app, pilot, "exit") == ["Quit"]
        assert await _palette_offers(app, pilot, "start") == ["Start"]
        await open_talk(app, pilot)
        await pilot.press("1")
        await pilot.pause()
        assert await _palette_offers(app, pilot, "undo") == ["Undo"]
        assert await _palette_offers(app, pilot, "home") == ["Back to library"]
        assert await _palette_offers(app, pilot, "again") == ["Restart"]
        assert await _palette_offers(app, pilot, "pasue") == ["Pause"]  # a slip of the fingers
        assert "Theme" in await _palette_offers(app, pilot, "dark")


async def _first_meeting_third_decision(app, pilot) -> tuple[PlayScreen, ChoiceList]:
    """First Meeting's opening (frozen in tests/tui/fixtures/fold.toml) at 80x20, lines 2 then
    1 said: the third decision, whose third line (a critical slip) is below the fold. At 80x24
    the transcript now yields the room and all three show (test_lines_in_view.py)."""
    play = await at_choice_after(app, pilot, [2, 1])
    lst = play.query_one(ChoiceList)
    assert not lst.read_whole(2), "the third line was meant to start out of view"
    return play, lst


async def test_a_number_for_a_line_out_of_view_shows_it_before_saying_it() -> None:
    """At 80x24 "3" said First Meeting's critical slip, which the trainee had never seen (only
    "↓ more below" hinted at it). The number now brings the line into view and highlights it;
    the same number again says it. A line already read whole is said at once."""
    app = make_app(scenario=load_scenario(FOLD))
    async with app.run_test(size=(80, 20), notifications=True) as pilot:
        play, lst = await _first_meeting_third_decision(app, pilot)
        await pilot.press("3")
        await pilot.pause()
        assert len(play.run.state.decisions) == 2, "a line never seen was said"
        assert lst.highlighted == 2 and visible(lst)
        told = [n for n in toasts_showing(app) if n.title == "Line 3 is in view now"]
        assert len(told) == 1 and "press 3 again or press Enter" in told[0].message
        assert lst.read_whole(2)
        await pilot.press("3")
        await pilot.pause()
        assert [d.index for d in play.run.state.decisions] == [1, 0, 2]
        assert not toasts_showing(app), "the note about line 3 stayed over the next lines"
        # the next decision's lines are all in view: its number says at once, as ever
        while not play.run.waits_for_choice:
            await pilot.press("space")
        assert all(lst.read_whole(i) for i in range(len(lst.choices)))
        await pilot.press("3")
        await pilot.pause()
        assert len(play.run.state.decisions) == 4


async def test_a_click_on_a_line_cut_at_the_fold_shows_it_whole_first() -> None:
    """A click on the rows of a line whose end is below the fold brings it all into view; a
    second click says it (the end of a line can be the part that slips)."""
    app = make_app(scenario=load_scenario(FOLD))
    async with app.run_test(size=(80, 20), notifications=True) as pilot:
        play, lst = await _first_meeting_third_decision(app, pilot)
        first = lst._rows.index(2)
        height = lst.scrollable_content_region.height
        # a turn of the wheel if need be: line 3's first row shows, its end does not
        lst.scroll_to(y=max(0, first + 1 - height), animate=False)
        await pilot.pause()
        top = round(lst.scroll_y)
        assert top <= first < top + height
        assert not lst.read_whole(2)
        await pilot.click(ChoiceList, offset=(6, first - top + 1))  # + 1: the title on the border
        await pilot.pause()
        assert len(play.run.state.decisions) == 2 and lst.highlighted == 2 and visible(lst)
        assert lst.read_whole(2)
        row = first - round(lst.scroll_y)
        await pilot.click(ChoiceList, offset=(6, row + 1))
        await pilot.pause()
        assert [d.index for d in play.run.state.decisions] == [1, 0, 2]


async def test_a_narrow_list_keeps_the_slip_hint_whole_in_its_title(tmp_path, monkeypatch) -> None:
    """At 60 columns "Say: 1-3, or ↑↓ and Enter, or click · ↑ PgUp: your critical slip" was
    cut to "↑ Pg…": the title now says the keys in fewer words when the whole does not fit."""
    from sim.tui.widgets.choices import ChoiceList

    app = make_app(scenario=load_scenario(bundled_dir() / "family-pressure.toml"))
    async with app.run_test(size=(60, 18)) as pilot:
        play = await at_choice_after(app, pilot, [3, 1, 2])
        await pilot.press("1")  # "Okay. Only if she misses": a breach of confidentiality
        await pilot.pause()
        await pilot.pause()
        title = next(row for row in screen_lines(app) if row.startswith("─Say"))
        assert "↑ PgUp: your critical slip" in title, title
        assert title.startswith("─Say: 1-") and "click" not in title
    # records of its own: the run above, left unfinished, is offered again since bbca8a0,
    # and the Enter past the content notes resumed it at a decision of three lines
    monkeypatch.setenv("PEER_SIM_DATA_DIR", str(tmp_path / "records"))
    app = make_app(scenario=load_scenario(bundled_dir() / "family-pressure.toml"))
    async with app.run_test(size=(120, 40)) as pilot:  # room enough: the whole title
        play = await at_first_choice(app, pilot)
        assert play.query_one(ChoiceList).border_title.startswith("Say: 1-4, or ↑↓ and Enter")


async def test_a_tall_terminal_reads_from_the_top_with_the_lines_straight_below() -> None:
    """At 100x60 a conversation's opening sat under 24 empty rows (the view anchored to
    its bottom). It now starts under the meters, and the lines on offer follow it at
    once; the rows left over are below them."""
    app = make_app()
    async with app.run_test(size=(100, 60)) as pilot:
        play = await open_talk(app, pilot)
        lines = screen_lines(app)
        assert any("Setting" in line for line in lines[4:7])  # title, meters, mode line, gap
        transcript, choices = play.query_one(Transcript), play.query_one(ChoiceList)
        assert choices.region.y == transcript.region.bottom
        assert not "".join(lines[choices.region.bottom : -1]).strip()  # the room left over
        await pilot.press("1")
        await pilot.pause()
        assert any("Setting" in line for line in screen_lines(app)[4:7])
        assert choices.region.y == transcript.region.bottom

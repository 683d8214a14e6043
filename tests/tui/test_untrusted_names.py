"""File names reach the app's problems panel, problem list and toasts through the gate.

The loader refuses file names with control characters, so this puts one
straight into the app's reload reporting, as a renamed or linked file could.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sim.loading import load_scenario
from sim.problems import Problem
from sim.tui.screens.dialogs import ProblemList
from sim.tui.textual_internals import toasts_showing
from tests.tui.helpers import TALK, make_app

HOSTILE = "\x1b]0;owned\x07\x1b[2J\u202etalk.toml"
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


async def test_reload_problems_show_a_hostile_name_escaped(tmp_path) -> None:
    file = tmp_path / "talk.toml"
    shutil.copy(TALK, file)
    app = make_app(scenario=load_scenario(file), watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        play = app.screen
        hostile = tmp_path / HOSTILE
        app.watched = hostile
        problems = [Problem(hostile, f"broken {n}", line=n) for n in range(1, 6)]
        app._show_reload_problems(problems)
        await pilot.pause()
        panel = str(play.query_one("#problems").render())
        assert "\\x1b]0;owned\\x07" in panel and not UNSAFE.search(panel)
        titles = [n.title for n in toasts_showing(app)] + [n.message for n in toasts_showing(app)]
        assert all(not UNSAFE.search(t) for t in titles)
        await pilot.press("e")
        assert isinstance(app.screen, ProblemList)
        listed = str(app.screen.query_one(".dialog-text").render())
        assert "\\x1b[2J" in listed and not UNSAFE.search(listed)
        assert Path(hostile).name == HOSTILE  # nothing was renamed, only shown safely


async def test_toasts_titles_dialogs_and_pastes_pass_the_gate() -> None:
    """Textual writes a toast's, a title's and an Input value's text raw: each goes through the gate.

    Found after records landed: a records path or a stored scenario title in a
    toast or the resume question, a trainee name in the title line, and an
    escape pasted into the own-words or name box reached the terminal as is.
    """
    from textual import events
    from textual.widgets import Input

    from sim.tui.screens.dialogs import Confirm
    from sim.tui.widgets.header import SimHeader
    from sim.tui.widgets.plain_input import PlainInput

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.notify(f"Records at {HOSTILE}", title=HOSTILE, markup=False)
        app.title = f"peer-sim · {HOSTILE}"
        await pilot.pause()
        for note in toasts_showing(app):
            assert not UNSAFE.search(note.message) and not UNSAFE.search(note.title)
        header = str(app.screen.query_one(SimHeader).render())
        assert "owned" in header and not UNSAFE.search(header)
        app.push_screen(Confirm(f"You left “{HOSTILE}” unfinished."))
        await pilot.pause()
        question = str(app.screen.query_one(".dialog-text").render())
        assert "talk.toml" in question and not UNSAFE.search(question)
        box = PlainInput()
        await app.screen.mount(box)
        box.focus()
        box.post_message(events.Paste("you \x1b]52;c;b3duZWQ=\x07should \x9b31m\u202ego"))
        await pilot.pause()
        assert box.value == "you should go", repr(box.value)
        box.value = "a\x1b[2Jb\tc"
        assert box.value == "ab c"
        box.remove()
        await pilot.press("ctrl+p")  # the palette's search box: the same
        await pilot.pause()
        search = app.screen.query_one(Input)
        search.post_message(events.Paste("he\x1b]52;c;b3duZWQ=\x07lp"))
        await pilot.pause()
        assert search.value == "help", repr(search.value)


async def test_a_broken_files_hostile_name_is_shown_escaped_in_the_library_detail(tmp_path) -> None:
    """The list and check escaped it; the detail pane dropped the escapes from sight."""
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "\x1b[2Jclear.toml").write_text('format = 1\ntitle = "x"\n')
    app = make_app(library_paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            if app.library is not None:
                break
            await pilot.pause(0.01)
        await pilot.pause()
        detail = str(app.screen.query_one("#detail-text").content)  # before wrapping
        path_line = detail.split("\n")[1]  # under "This file can't be played yet"
        assert path_line.endswith("\\x1b[2Jclear.toml") and not UNSAFE.search(detail)


async def typing_box(app, pilot, max_length: int):  # -> PlainInput, mounted and focused
    """The own-words box alone on the screen, to type and paste into."""
    from sim.tui.widgets.plain_input import PlainInput

    await pilot.pause()
    box = PlainInput(max_length=max_length)
    await app.screen.mount(box)
    box.focus()
    await pilot.pause()
    return box


async def test_a_paste_longer_than_the_box_is_cut_to_fit_not_dropped() -> None:
    # adversarial-5: Textual's Input refused the whole paste past max_length, so a
    # long answer pasted into the own-words box left it empty.
    from textual import events

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        box = await typing_box(app, pilot, 10)
        box.post_message(events.Paste("ab\x1b[31mcdefghijklmnop\nsecond line"))
        await pilot.pause()
        assert box.value == "abcdefghij", repr(box.value)
        box.value = "12345"
        box.selection = type(box.selection)(1, 3)  # "23" selected
        box.post_message(events.Paste("wxyz" * 10))
        await pilot.pause()
        assert box.value == "1wxyzwxy45", repr(box.value)
        box.value = "x" * 10
        box.cursor_position = 10
        box.post_message(events.Paste("more"))
        await pilot.pause()
        assert box.value == "x" * 10


@pytest.mark.parametrize("max_length", [0, 200])
async def test_a_paste_of_several_lines_is_kept_as_one_line(max_length) -> None:
    # adversarial-9: Textual's Input keeps a paste's first line only, so own words
    # written over three lines lost two of them without a word.
    from textual import events

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        box = await typing_box(app, pilot, max_length)
        box.post_message(
            events.Paste("I hear you.\r\nYou did not  choose this,\n\n  and that\u2028is fair.\n")
        )
        await pilot.pause()
        assert box.value == "I hear you. You did not  choose this, and that is fair.", repr(
            box.value
        )


async def test_typed_joiners_stay_in_the_box_and_other_invisible_keys_do_not() -> None:
    # adversarial-6: Input inserts printable keys only, so a typed ZWJ (emoji family)
    # or ZWNJ (Persian) vanished; ctrl+@ (NUL), bidi and ESC must still not enter.
    from textual import events
    from textual._xterm_parser import XTermParser

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        box = await typing_box(app, pilot, 40)
        typed = "\U0001f469\u200d\U0001f467 fam\x00ily \u202eR\u202c \u0645\u06cc\u200c\u062e"
        for key in XTermParser().feed(typed):
            box.post_message(key)
            await pilot.pause()
        assert box.value == "\U0001f469\u200d\U0001f467 family R \u0645\u06cc\u200c\u062e"
        box.value = "x" * 40
        box.post_message(events.Key("zero_width_joiner", "\u200d"))
        await pilot.pause()
        assert box.value == "x" * 40  # full: the joiner is not let past max_length

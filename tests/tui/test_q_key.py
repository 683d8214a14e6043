"""q, the key many terminal programs quit with, where a trainee pressed it (trainee playtest 35).

In the library and the conversation q did nothing and said nothing (ctrl+q quits), while
q quits the plain player and closes the help. Now q quits the library, where nothing is
open to lose; closes what is being read (the debrief, progress), as it closes the help;
and in a conversation it never quits or leaves, but says how to, so a stray key cannot
end one.
"""

from __future__ import annotations

from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.library import LibraryScreen
from sim.tui.textual_internals import toasts_showing
from tests.tui.helpers import make_app, open_talk, progress_opened, ready, screen_name
from tests.tui.test_debrief_reading import check_in_call_debrief
from tests.tui.test_own_words_ending import _to_the_debrief


def titles(app) -> list[str]:
    return [n.title for n in toasts_showing(app)]


async def test_q_in_the_library_quits() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0  # exited as ctrl+q exits from here


async def test_q_in_a_conversation_says_how_to_leave_and_leaves_nothing() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1")  # a line said: the conversation is under way
        await pilot.pause()
        said = len(play.run.state.decisions)
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is play and app.return_code is None  # not left, not quit
        assert len(play.run.state.decisions) == said
        (note,) = toasts_showing(app)
        assert note.title == "To leave"
        assert "Esc goes back to the library and ctrl+q quits" in note.message


async def test_q_in_the_own_words_box_is_a_letter_not_the_note() -> None:
    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        box = play.query_one("#own-words-input")
        box.focus()
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert box.value == "q"
        assert "To leave" not in titles(app)


async def test_q_closes_the_debrief_as_esc_does() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        app.push_screen(DebriefScreen(check_in_call_debrief(), "assessment"))
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_at_an_own_words_debrief_q_leaves_as_l_does_until_a_letter_is_typed() -> None:
    """There letters typed are refused whole; r, l, space and ? keep their use until one
    is. q joins them: first, it goes back to the library; inside words, it is a letter."""
    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        debrief = await _to_the_debrief(pilot, await open_talk(app, pilot))
        await pilot.press("i", "space", "q")  # "I q(uite)…": words, refused
        await pilot.pause()
        assert app.screen is debrief
        assert "No words here" in titles(app)
        await pilot.press("down", "q")  # a key that types nothing, then q
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_q_goes_back_from_progress_and_from_a_past_debrief() -> None:
    from sim.tui.screens.progress import PastDebriefScreen, ProgressScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("1", "space", "1", "enter")
        await pilot.pause()
        await progress_opened(app, pilot, "escape", "g")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PastDebriefScreen)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("q")
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"


def test_every_help_key_leaves_a_space_before_its_words() -> None:
    """The help's keys sit in a column of 14 cells: "Escape / l / q" filled it and read
    "Escape / l / qback to the library"."""
    from sim.tui.screens.dialogs import HELP

    too_long = [key for key, what in HELP if what and len(key) > 13]
    assert not too_long, too_long

"""Findings of trainee playtest 9 (plan/trainee-test-9.md), each checked as the trainee met it."""

from __future__ import annotations

from textual.widgets import Input

from sim.tui.screens.play import PlayScreen
from tests.tui.helpers import make_app, open_talk, screen_lines
from tests.tui.test_own_words_app import type_words


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
        await pilot.pause()
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

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

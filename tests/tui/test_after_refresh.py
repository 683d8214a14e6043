"""Work put off to the next refresh finds its widget gone, and the app goes on.

The resume monkey (its default seed 1616, on a loaded machine) ended the app
twice with NoMatches from a `call_after_refresh` callback that ran after its
screen had begun to close, which removes the children first: the own-words
box's focus (`OwnWords.ask`) and the content notes' fit (`ContentNotes._fit`).
Each such callback now goes through `sim.tui.after_refresh` (adversarial-33).
The refresh is made to come late here by holding the callback until the
children are gone, as the burst of keys did.
"""

from __future__ import annotations

import asyncio

import pytest
from textual.css.query import NoMatches

from sim.tui.after_refresh import after_refresh
from sim.tui.screens.dialogs import ContentNotes
from sim.tui.textual_internals import going
from sim.tui.widgets.own_words import OwnWords
from tests.tui.helpers import make_app, open_talk, ready, screen_name


def held(node, monkeypatch) -> list:
    """The callbacks `node` is given to run after the next refresh, kept to run later."""
    kept: list = []
    monkeypatch.setattr(node, "call_after_refresh", lambda cb, *a: kept.append((cb, a)))
    return kept


async def test_the_own_words_box_asked_for_as_its_screen_closes(monkeypatch) -> None:
    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        words = play.query_one(OwnWords)
        kept = held(words, monkeypatch)
        words.ask("Sam")
        assert kept
        await words.remove_children()  # a closing screen removes children first
        for cb, args in kept:
            cb(*args)  # the refresh comes now: NoMatches 'WordsInput' before
        app.pop_screen()
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"


async def _notes_fitting(app, pilot, monkeypatch) -> tuple[ContentNotes, list]:
    """The content notes on top, their fit asked for and held back (as a refresh would)."""
    await ready(app, pilot)
    notes = ContentNotes("A Short Talk", ["a relapse"])
    await app.push_screen(notes)
    await pilot.pause()
    kept = held(notes, monkeypatch)
    notes.on_resize()
    return notes, kept


async def test_the_content_notes_fitted_as_they_close(monkeypatch) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        notes, kept = await _notes_fitting(app, pilot, monkeypatch)
        assert kept
        await notes.remove_children()
        for cb, args in kept:
            cb(*args)  # NoMatches '#notes-care' before
        app.pop_screen()
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"


async def test_a_lookup_that_fails_with_the_children_there_still_raises(monkeypatch) -> None:
    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        words = play.query_one(OwnWords)
        kept = held(words, monkeypatch)
        after_refresh(words, lambda: words.query_one("#no-such-widget"))
        ((cb, args),) = kept
        with pytest.raises(NoMatches):
            cb(*args)
        await words.remove()  # gone altogether: nothing runs
        ran: list = []
        after_refresh(words, lambda: ran.append(1))
        for cb, args in kept[1:]:
            cb(*args)
        assert not ran


async def test_a_screen_going_with_some_of_its_widgets_left(monkeypatch) -> None:
    """The resume monkey again (seed 3333): the content notes' care line was gone while the
    screen still held the rest of its widgets, so 'its children are gone' did not hold."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        notes, kept = await _notes_fitting(app, pilot, monkeypatch)
        await notes.query_one("#notes-care").remove()
        assert notes.children
        app.pop_screen()
        for _ in range(200):  # until its pruning has begun: the refresh comes then
            if going(notes):
                break
            await asyncio.sleep(0)
        assert going(notes)
        for cb, args in kept:
            cb(*args)
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"

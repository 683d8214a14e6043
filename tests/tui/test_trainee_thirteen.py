"""Findings of trainee playtest 13 (plan/logs/trainee13.md), each checked as the trainee met it."""

from __future__ import annotations

from textual.widgets import Input

from sim.records import Store
from sim.tui.widgets.choices import ChoiceList
from tests.records.test_app_records import play_talk
from tests.tui.helpers import make_app, open_talk, ready


def palette_titles(app) -> list[str]:
    return [c.title for c in app.get_system_commands(app.screen)]


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


async def test_undo_in_own_words_gives_the_words_back_in_the_box() -> None:
    """Own words: a trainee undid a line to pick a different one, and the box was empty:
    the words they had typed for that moment had to be typed again."""
    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        box = play.query_one("#own-words-input", Input)
        box.value = "That sounds like a hard week."
        await pilot.press("enter", "2")
        await pilot.pause()
        assert play.run.state.decisions[0].words == "That sounds like a hard week."
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not play.run.state.decisions
        assert box.has_focus and not play.query_one(ChoiceList).display
        assert box.value == "That sounds like a hard week."
        assert box.cursor_position == len(box.value)  # go on typing, or Enter to send
        assert any("Your words are back in the box" in n.message for n in app._notifications)
        await pilot.press("enter", "1")  # sent again as they were, the other line picked
        await pilot.pause()
        assert [d.words for d in play.run.state.decisions] == ["That sounds like a hard week."]

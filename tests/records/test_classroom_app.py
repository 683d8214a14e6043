"""The app in a classroom: who is playing is asked first; the trainer's class summary screen."""

from __future__ import annotations

from sim.records import Store
from sim.tui.screens.classroom import ClassSummaryScreen, TraineePrompt
from sim.tui.textual_internals import toasts_showing
from tests.records.test_app_records import play_talk
from tests.tui.helpers import make_app, ready, records_read, screen_name, screen_text


async def test_a_served_trainee_names_themselves_first_and_their_run_is_theirs() -> None:
    app = make_app()
    app.ask_trainee = True
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, TraineePrompt)
        assert "Continue" in screen_text(app)  # the key bar says what Enter does
        await pilot.press("escape", "enter")  # no way round it, and a name is needed
        await pilot.pause()
        assert isinstance(app.screen, TraineePrompt)
        assert "Type a name or a code" in screen_text(app)
        await pilot.press(*" Riley  7 ", "enter")
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen" and app.trainee == "Riley 7"
        assert "peer-sim · Riley 7" in screen_text(app)  # who is playing, in the title line
        assert "Class summary" not in [c.title for c in app.get_system_commands(app.screen)]
        await play_talk(app, pilot)
    store = Store.open()
    assert store.runs() == []  # nothing among the owner's own runs
    store.trainee = "riley 7"
    assert [r.trainee for r in store.runs()] == ["Riley 7"]

    app = make_app()  # the trainer, on the same store
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert "Class summary" in [c.title for c in app.get_system_commands(app.screen)]
        app.action_class_summary()
        await records_read(app, pilot)
        assert isinstance(app.screen, ClassSummaryScreen)
        text = screen_text(app)
        assert "Class summary: 1 trainee, 1 finished run" in text and "Riley 7:" in text
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"


def _served_tab():
    """A tab as `peer-sim serve` starts it with neither --own-words nor --no-own-words
    (`sim.tui.launch.build_app`): the trainee's own choice, read once they are named."""
    app = make_app(own_words=False)
    app.ask_trainee = True
    app.own_words_per_trainee = True
    return app


async def _named(app, pilot, name: str) -> None:
    await ready(app, pilot)
    await pilot.press(*name, "enter")
    await pilot.pause()
    assert screen_name(app) == "LibraryScreen"


async def test_a_served_trainee_s_own_words_choice_outlives_the_tab() -> None:
    """Trainee playtest 17: serve passed --no-own-words to every tab, so a trainee who had
    turned own words on (w) and played found it off in every new tab. A tab now starts as
    the named trainee last played; another trainee, with no runs, starts with it off."""
    from tests.tui.helpers import open_talk, screen_lines
    from tests.tui.test_own_words_app import type_words

    app = _served_tab()
    async with app.run_test(size=(100, 30)) as pilot:
        await _named(app, pilot, "Ana")
        assert "Own words  ○ Off" in "\n".join(screen_lines(app))
        await pilot.press("w")
        play = await open_talk(app, pilot)
        for words in ("What brings you in?", "What would help?"):
            await type_words(pilot, play, words)
            await pilot.press("1", "space")
        assert play.run.over and play.run.own_words
    again = _served_tab()  # a new tab, the same trainee
    async with again.run_test(size=(100, 30)) as pilot:
        await _named(again, pilot, "ana")
        assert again.own_words
        text = "\n".join(screen_lines(again))
        assert "Own words  ● On" in text, text
        told = [n.message for n in toasts_showing(again)]
        assert "Own words on, as in your last run (w switches it)" in told, told
    other = _served_tab()
    async with other.run_test(size=(100, 30)) as pilot:
        await _named(other, pilot, "Ben")
        assert not other.own_words
        assert not any("last run" in n.message for n in toasts_showing(other))


async def test_a_trainer_s_own_words_setting_wins_over_the_trainee_s_last_run() -> None:
    """With --own-words or --no-own-words (or --lock-mode) every tab starts as the trainer
    said, whatever the trainee played last."""
    import argparse

    from sim.tui.launch import build_app

    store = Store.open()
    store.trainee = "Ana"
    run_id = store.begin("talk", "A Short Talk", "d", "practice", {"own_words": True})
    assert run_id and store.last_played().progress["own_words"] is True
    store.close()
    app = make_app(own_words=False)  # a tab started with --no-own-words: nothing per trainee
    app.ask_trainee = True
    async with app.run_test(size=(100, 30)) as pilot:
        await _named(app, pilot, "Ana")
        assert not app.own_words
    tab = argparse.Namespace(own_words=False, ask_trainee=True, lock_mode=True)
    assert not build_app(None, [], "assessment", tab, {}).own_words_per_trainee
    tab = argparse.Namespace(own_words=None, ask_trainee=True)
    assert build_app(None, [], None, tab, {}).own_words_per_trainee

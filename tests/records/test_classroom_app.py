"""The app in a classroom: who is playing is asked first; the trainer's class summary screen."""

from __future__ import annotations

from sim.records import Store
from sim.tui.screens.classroom import ClassSummaryScreen, TraineePrompt
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

"""The served trainee-name prompt: its key bar names the keys that work, and a full box
says so once instead of only ringing the bell (tui38)."""

from __future__ import annotations

from sim.records.classroom import MAX_NAME
from sim.tui.textual_internals import toasts_showing
from tests.tui.helpers import make_app, ready, screen_lines, screen_name


async def test_the_key_bar_names_enter_quit_and_the_palette() -> None:
    app = make_app()
    app.ask_trainee = True
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert screen_name(app) == "TraineePrompt"
        bar = screen_lines(app)[-1]
        assert "Continue" in bar and "^q Quit" in bar and "^p palette" in bar, bar
        await pilot.press("ctrl+p")  # the palette the bar names opens here
        await pilot.pause(0.3)
        assert screen_name(app) == "SafeCommandPalette"


async def test_a_full_name_box_says_so_once() -> None:
    app = make_app()
    app.ask_trainee = True
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(app, pilot)
        box = app.screen.query_one("#trainee-name")
        await pilot.press(*"x" * (box.max_length + 5))
        await pilot.pause()
        assert len(box.value) == box.max_length == 2 * MAX_NAME
        full = [n for n in toasts_showing(app) if n.title == "Box full"]
        assert len(full) == 1, [n.title for n in toasts_showing(app)]
        assert f"{MAX_NAME} characters at most" in full[0].message
        assert "press Enter" in full[0].message


async def test_f1_opens_the_help_the_bar_names_and_gives_the_box_back() -> None:
    """The app's ?/F1 does not reach past a modal screen: F1 did nothing on the name
    prompt, the first screen a served trainee sees, though the help says 'F1 while you
    type' (adversarial-40). ? stays a letter in the box."""
    for size in ((80, 24), (60, 18)):
        app = make_app()
        app.ask_trainee = True
        async with app.run_test(size=size) as pilot:
            await ready(app, pilot)
            await pilot.press(*"Sam?")
            assert "F1 Help" in screen_lines(app)[-1], screen_lines(app)[-1]
            await pilot.press("f1")
            await pilot.pause(0.3)
            assert screen_name(app) == "Help"
            await pilot.press("escape")
            await pilot.pause(0.3)
            assert screen_name(app) == "TraineePrompt"
            box = app.screen.query_one("#trainee-name")
            assert box.value == "Sam?" and box.has_focus

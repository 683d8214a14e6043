"""The palette's Quit says what quitting does here: in a conversation it asks first.

Textual's own entry, "Quit the application as soon as possible", read to a trainee as
losing the run; the app's quit confirms mid-conversation, and every move is saved.
"""

from __future__ import annotations

from sim.tui.screens.dialogs import Confirm
from tests.tui.helpers import make_app, open_talk


async def test_the_palette_has_one_quit_and_in_a_conversation_it_asks_first() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("space")
        await pilot.pause()
        quits = [c for c in app.get_system_commands(app.screen) if c.title == "Quit"]
        assert len(quits) == 1 and "asks first" in quits[0].help
        assert "as soon as possible" not in quits[0].help
        await pilot.press("1")  # a move made: the conversation is in progress
        await pilot.pause()
        (quit_,) = [c for c in app.get_system_commands(app.screen) if c.title == "Quit"]
        result = quit_.callback()
        if result is not None:
            await result
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and app.is_running

"""The help in a browser tab (`peer-sim serve`) says what the browser's own keys do."""

from __future__ import annotations

import pytest

from sim.tui.app import PeerSimApp
from sim.tui.screens.dialogs import Help
from tests.tui.helpers import make_app, ready


async def _help_text(app: PeerSimApp) -> str:
    async with app.run_test(size=(100, 200)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, Help)
        return " ".join(f"{key} {what}" for key, what in app.screen.sections())


async def test_the_help_in_a_browser_tab_says_closing_or_reloading_it_keeps_the_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # browser44: in a browser the help named only ctrl+q to quit, a key a browser may take
    # itself, and nothing of closing or reloading the tab, which a trainee does there
    monkeypatch.setattr(PeerSimApp, "is_web", property(lambda self: True))
    text = await _help_text(make_app())
    assert "leaves Quit in ctrl+p" in text
    assert "Closing the tab is safe too: what you played is saved" in text
    assert "F5 / ctrl+r" in text and "offered to resume" in text


async def test_the_help_in_a_terminal_names_no_browser_keys() -> None:
    text = await _help_text(make_app())
    assert "quit (asks first in the middle of a conversation)" in text
    assert "F5" not in text and "the tab" not in text

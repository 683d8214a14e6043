"""Shared helpers for the app tests: fixture paths and an app with animations off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sim.tui.app import PeerSimApp

FIXTURES = Path(__file__).parent / "fixtures"
LIBRARY = FIXTURES / "library"
TALK = LIBRARY / "talk.toml"


def make_app(**kwargs: Any) -> PeerSimApp:
    kwargs.setdefault("library_paths", [LIBRARY])
    app = PeerSimApp(**kwargs)
    app.animation_level = "none"
    return app


async def ready(app: PeerSimApp, pilot: Any) -> None:
    """Wait for the library (loaded by a worker started after the first paint)."""
    for _ in range(500):
        if app.library is not None:
            break
        await pilot.pause(0.01)
    await app.workers.wait_for_complete()
    await pilot.pause()


def screen_name(app: PeerSimApp) -> str:
    return type(app.screen).__name__


def screen_text(app: PeerSimApp) -> str:
    """The screen as the SVG screenshot has it, with its non-breaking spaces made plain."""
    return app.export_screenshot().replace("&#160;", " ")

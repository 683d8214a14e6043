"""Shared helpers for the app tests: fixture paths and an app with animations off."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from textual import events

from sim.tui.app import PeerSimApp

FIXTURES = Path(__file__).parent / "fixtures"
LIBRARY = FIXTURES / "library"
TALK = LIBRARY / "talk.toml"


def make_app(**kwargs: Any) -> PeerSimApp:
    kwargs.setdefault("library_paths", [LIBRARY])
    app = PeerSimApp(**kwargs)
    app.animation_level = "none"
    return app


def bundled_app() -> PeerSimApp:
    """The app on the bundled library, animations off: what the seeded monkeys play
    (their keys come faster than any animation ends)."""
    app = PeerSimApp()
    app.animation_level = "none"
    return app


async def ready(app: PeerSimApp, pilot: Any) -> None:
    """Wait for the library (loaded by a worker started after the first paint), up to 30 s."""
    await until(lambda: app.library is not None, pilot, seconds=30)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_talk(app: PeerSimApp, pilot: Any) -> Any:
    """Library -> highlight 'A Short Talk' -> its content notes -> the play screen."""
    from sim.tui.screens.play import PlayScreen

    await ready(app, pilot)
    await pilot.press("down", "enter")
    assert screen_name(app) == "ContentNotes"
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, PlayScreen)
    return app.screen


async def past_the_notes(app: PeerSimApp, pilot: Any) -> Any:
    """The play screen of a scenario just opened, past its content notes if it has any."""
    from sim.tui.screens.play import PlayScreen

    if not isinstance(app.screen, PlayScreen):
        await pilot.press("enter")
        await pilot.pause()
    assert isinstance(app.screen, PlayScreen)
    return app.screen


async def until(condition: Any, pilot: Any = None, seconds: float = 20, step: float = 0.01) -> bool:
    """Pause until `condition()` holds, at most `seconds` (wall time, generous: a full
    suite on a loaded 2-core machine is slow, never this slow); whether it held. Not a
    fixed number of pauses, or of short sleeps: those are over sooner the busier the
    machine, and failed in the parallel CI. With `pilot`, its pauses (the screen
    refreshed after each); without, plain sleeps on the event loop."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        await (pilot.pause(step) if pilot is not None else asyncio.sleep(step))
    return True


def screen_name(app: PeerSimApp) -> str:
    return type(app.screen).__name__


def screen_text(app: PeerSimApp) -> str:
    """The screen as the SVG screenshot has it, with its non-breaking spaces made plain."""
    return app.export_screenshot().replace("&#160;", " ")


def deliver(app: PeerSimApp, key: str) -> None:
    """A key as the terminal driver would deliver it, without Pilot's idle waits.

    `Pilot.press` waits for idle and for animations after every key (~65-120 ms);
    keys that arrive together in one read (a burst, or typing ahead) go in like this.
    """
    char = {"space": " ", "enter": "\r", "tab": "\t", "question_mark": "?"}.get(
        key, key if len(key) == 1 else None
    )
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def send_key(app: PeerSimApp, key: str) -> None:
    """`deliver`, then let the event loop run once (the monkey's pace)."""
    deliver(app, key)
    await asyncio.sleep(0)


def screen_lines(app: PeerSimApp) -> list[str]:
    """The screen as plain text, one string a row (toasts and dialogs included)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def open_debrief(app: PeerSimApp, pilot: Any) -> Any:
    """From a finished run's last screen, Enter: the debrief screen's Debrief."""
    from sim.tui.screens.debrief import DebriefScreen

    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, DebriefScreen)
    return app.screen.debrief


async def open_replay(app: PeerSimApp, pilot: Any, choices: list[str], **kwargs: Any) -> Any:
    """'A Short Talk' replayed from recorded choice ids, its screen pushed over the library."""
    from sim.tui.screens.replay import ReplayScreen

    await ready(app, pilot)
    scenario = app.library.get("talk")
    assert scenario is not None
    replay = ReplayScreen(scenario, "practice", choices, **kwargs)
    await app.push_screen(replay)
    await pilot.pause()
    return replay


async def records_read(app: PeerSimApp, pilot: Any, seconds: float = 30) -> None:
    """Until a read of the records (progress, class summary: a thread) has been shown, at
    most `seconds`. A fixed 1,000 sleeps of 10 ms went on after ten seconds as if the read
    had been shown, and the test then failed on a screen still reading (records44)."""
    shown = await until(lambda: not getattr(app, "_reading", False), seconds=seconds)
    assert shown, f"the records were still being read after {seconds} s"
    await pilot.pause()


async def until_screen(app: PeerSimApp, pilot: Any, kind: type, seconds: float = 30) -> Any:
    """The app's screen once it is a `kind` (a screen pushed by a worker or a callback) and
    mounted, waited for up to `seconds`: under load a replay screen was on the stack before
    its widgets were composed, and a query for one of them failed (NoMatches) in a land.
    Not a count of pauses: 200 of them are over in well under a second on an idle app, and
    a worker on a loaded machine took longer (records44)."""
    await until(lambda: isinstance(app.screen, kind) and app.screen.is_mounted, pilot, seconds)
    assert isinstance(app.screen, kind), f"still on {screen_name(app)}, not {kind.__name__}"
    assert app.screen.is_mounted, f"{kind.__name__} never finished mounting"
    return app.screen


async def at_first_choice(app: PeerSimApp, pilot: Any) -> Any:
    """The play screen of the app's one scenario, past its content notes and any scene that
    goes on by itself, waiting for the first choice."""
    from sim.tui.screens.play import PlayScreen

    deadline = time.monotonic() + 30  # not 50 rounds: over in 3 s on a loaded machine
    while True:
        await pilot.pause()
        if isinstance(app.screen, PlayScreen):
            break
        assert time.monotonic() < deadline, f"still on {screen_name(app)}, not PlayScreen"
        await pilot.press("enter")  # the content notes
    play = app.screen
    while not play.run.waits_for_choice:
        play.action_go_on()
        await pilot.pause()
    return play


async def at_choice_after(app: PeerSimApp, pilot: Any, picks: list[int]) -> Any:
    """The play screen after saying `picks` (numbers as offered) from the first choice on,
    waiting for the next choice: a test that starts at a later decision gets there here."""
    play = await at_first_choice(app, pilot)
    for number in picks:
        play.choose(number)
        await pilot.pause()
        while not play.run.waits_for_choice and not play.run.over:
            play.action_go_on()
            await pilot.pause()
    return play


async def progress_opened(app: PeerSimApp, pilot: Any, *keys: str) -> Any:
    """The progress screen, opened with `keys` (g from the library, the default; escape
    and g from a debrief) once its read of the records has been shown."""
    from sim.tui.screens.progress import ProgressScreen

    await pilot.press(*(keys or ("g",)))
    await records_read(app, pilot)
    assert isinstance(app.screen, ProgressScreen)
    return app.screen


async def one_run_then_progress(app: PeerSimApp, pilot: Any) -> Any:
    """'A Short Talk' played to its debrief (1, 1), then the progress screen, read."""
    await open_talk(app, pilot)
    await pilot.press("1", "space", "1", "enter")
    await pilot.pause()
    return await progress_opened(app, pilot, "escape", "g")

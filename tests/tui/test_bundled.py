"""The app over the bundled library: one scenario played to its debrief, and a monkey."""

from __future__ import annotations

import asyncio
import random

import pytest
from textual import events

from sim.loading import bundled_dir, load_library
from sim.tui.app import PeerSimApp
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.play import PlayScreen
from tests.tui.helpers import ready, screen_name

BUNDLED = load_library([bundled_dir()])
needs_library = pytest.mark.skipif(not BUNDLED.scenarios, reason="no bundled scenarios yet")


def bundled_app() -> PeerSimApp:
    app = PeerSimApp()
    app.animation_level = "none"
    return app


@needs_library
async def test_a_bundled_scenario_plays_to_a_debrief() -> None:
    """Through the library with the keyboard, always saying the first line.

    One scenario through Pilot (each key costs ~65 ms of waiting); every path of
    every bundled scenario is the engine tests' and the checker's job.
    """
    app = bundled_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        for index, scenario in list(enumerate(BUNDLED.scenarios))[:1]:
            app.screen.query_one("#scenarios").highlighted = index
            await pilot.press("enter")
            await pilot.pause()
            if scenario.content_notes:
                assert screen_name(app) == "ContentNotes"
                await pilot.press("enter")
                await pilot.pause()
            play = app.screen
            assert isinstance(play, PlayScreen) and play.scenario.id == scenario.id
            for _ in range(200):
                if play.run.over:
                    break
                await pilot.press("1" if play.run.waits_for_choice else "space")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, DebriefScreen)
            d = app.screen.debrief
            assert d.decisions and d.ending_title
            await pilot.press("escape")
            await pilot.pause()
            assert screen_name(app) == "LibraryScreen"


KEYS = (
    ["1", "2", "3", "enter", "space"] * 6
    + ["4", "9", "up", "down", "u", "ctrl+z", "p", "escape", "question_mark", "m"]
    + ["r", "l", "y", "n", "tab", "pagedown", "pageup", "end", "home", "left"]
)


async def send_key(app: PeerSimApp, key: str) -> None:
    """A key as the terminal driver would deliver it, without Pilot's idle waits.

    `Pilot.press` waits for idle and for animations after every key (~65-120 ms);
    a monkey wants volume, and keys arriving mid-transition are fair game.
    """
    char = {"space": " ", "enter": "\r", "tab": "\t", "question_mark": "?"}.get(
        key, key if len(key) == 1 else None
    )
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)
    await asyncio.sleep(0)


BATCH = 25  # keys sent between two waits for the app to settle
PRESSES = 2000


@needs_library
async def test_monkey_2000_random_keys() -> None:
    """Seeded random keys over every screen and every bundled scenario: nothing may raise.

    The presses are shared out over the bundled scenarios: each share starts from
    the library with that scenario opened (so every one is played, not only the
    ones random arrows happen to reach), then goes wherever the random keys lead.
    Keys go in as the driver delivers them (no Pilot waits); the app settles every
    BATCH keys. For a seed the run is the same every time (the screen and the run
    at each settle point were identical over repeated runs).
    """
    rng = random.Random(20240611)
    app = bundled_app()
    seen: set[str] = set()
    played: set[str] = set()
    presses = 0
    scenarios = BUNDLED.scenarios
    share = -(-PRESSES // len(scenarios))

    def note() -> None:
        seen.add(screen_name(app))
        run = getattr(app.screen, "run", None)
        if run is not None:
            played.add(run.scenario.id)

    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        for scenario in scenarios:
            while len(app.screen_stack) > 1:  # back to the library, whatever is open
                app.pop_screen()
            await pilot.pause()
            library = app.screen.query_one("#scenarios")
            place = [sc.id for sc in app.library.scenarios].index(scenario.id)
            library.highlighted = library.get_option_index(f"s:{place}")
            for key in ("enter", "enter"):  # open it (and go past any content notes)
                await send_key(app, key)
                presses += 1
                # Settle after each: two quick Enters on the library can push the
                # content notes twice, and a share that starts there may never play.
                await pilot.pause()
            note()
            end = min(presses + share, PRESSES)
            while presses < end:
                for _ in range(min(BATCH, end - presses)):
                    await send_key(app, rng.choice(KEYS))
                    presses += 1
                await pilot.pause()
                note()
                assert app.is_running
    assert presses >= PRESSES
    assert {"LibraryScreen", "PlayScreen", "DebriefScreen"} <= seen, seen
    assert played == {s.id for s in scenarios}, played


@needs_library
async def test_long_transcript_scrolls_with_wheel_and_its_own_bar() -> None:
    """The transcript draws its scroll position itself: a thumb that follows the wheel."""
    from textual.events import MouseScrollUp

    from sim.tui.widgets.transcript import Transcript

    scenario = max(BUNDLED.scenarios, key=lambda s: len(s.scenes))
    app = PeerSimApp(scenario, library_paths=[])
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, PlayScreen):  # content notes
            await pilot.press("enter")
            await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        transcript = play.query_one(Transcript)
        for _ in range(30):
            if play.run.over or transcript.max_scroll_y > 10:
                break
            if play.run.waits_for_choice:
                play.choose(1)
            else:
                play.action_go_on()
            await pilot.pause()
        assert transcript.max_scroll_y > 0
        assert transcript.scroll_y == transcript.max_scroll_y  # stays at the newest line
        thumb = transcript._thumb_rows()
        assert thumb and thumb.stop == transcript.scrollable_content_region.height
        for _ in range(3):
            await pilot._post_mouse_events([MouseScrollUp], "#transcript")
        await pilot.pause()
        assert transcript.scroll_y < transcript.max_scroll_y
        before = transcript.scroll_y
        # a click on the track above the thumb pages up
        assert await pilot.click("#transcript", offset=(transcript.region.width - 1, 0))
        await pilot.pause()
        assert transcript.scroll_y < before

"""The app over the bundled library: one scenario played to its debrief, and a monkey."""

from __future__ import annotations

import pytest

from sim.loading import bundled_dir, load_library
from sim.tui.app import PeerSimApp
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.play import PlayScreen
from tests.tui.helpers import past_the_notes, ready, screen_name
from tests.tui.monkey import monkey

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
            lst = app.screen.query_one("#scenarios")
            lst.highlighted = lst.get_option_index(f"s:{index}")  # level headings between
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


PRESSES = 2000


@needs_library
async def test_monkey_random_keys_bursts_palette_and_resizes(tmp_path, monkeypatch) -> None:
    """Seeded random keys over every screen and every bundled scenario: nothing may raise.

    The presses are shared out over the bundled scenarios: each share starts from
    the library with that scenario opened (so every one is played, not only the
    ones random arrows happen to reach), then goes wherever the random keys lead,
    with ctrl+p and PageDown, key bursts in one read and resizes from 1x1 to 320x90
    (tests/tui/monkey.py). benchmarks/tui_monkey.py runs 20,000 of them.
    """
    monkeypatch.chdir(tmp_path)  # the palette's "Save screenshot" writes here
    report = await monkey(bundled_app, BUNDLED.scenarios, PRESSES, seed=20240611)
    assert report.presses >= PRESSES
    assert {"LibraryScreen", "PlayScreen", "DebriefScreen"} <= report.screens, report
    assert report.played == {s.id for s in BUNDLED.scenarios}, report.played
    assert report.palettes and report.bursts and (20, 8) in report.sizes, report
    assert report.resumes_offered and "own-words box" in report.screens, report


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
        await past_the_notes(app, pilot)
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

"""Snapshots of the library, play and debrief screens at 80x24 and 120x40.

Plain `def` tests: snap_compare runs its own event loop. Animations are off
(`make_app`), and the app has no blinking cursor on these screens. Update with
`pytest tests/tui --snapshot-update` and look at the SVGs before committing.
"""

from __future__ import annotations

import pytest

from tests.tui.helpers import make_app, ready

SIZES = [(80, 24), (120, 40)]


async def _library(pilot) -> None:
    await ready(pilot.app, pilot)
    await pilot.press("down")
    await pilot.pause()


async def _play(pilot) -> None:
    await _library(pilot)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("1", "space")
    await pilot.pause()


async def _debrief(pilot) -> None:
    await _play(pilot)
    await pilot.press("2", "enter")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_library(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=_library)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_play(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=_play)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_debrief(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=_debrief)


def test_play_assessment_hides_the_meters(snap_compare) -> None:
    assert snap_compare(make_app(mode="assessment"), terminal_size=(80, 24), run_before=_play)

"""The library from the index: listed before the worker runs, opened in full when chosen."""

from __future__ import annotations

import shutil

from sim.loading.index import Summary, list_library
from sim.tui.screens.library import LibraryScreen
from sim.tui.screens.play import PlayScreen
from tests.tui.helpers import LIBRARY, make_app, past_the_notes, ready, screen_text


def _options(app) -> list[str]:
    return [o.id or "" for o in app.screen.query_one("#scenarios")._options]


async def test_a_warm_index_lists_the_library_at_mount_and_opens_in_full(tmp_path) -> None:
    folder = tmp_path / "lib"
    shutil.copytree(LIBRARY, folder)
    list_library([folder])  # the index, as after any earlier start
    app = make_app(library_paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        # listed by the time the app is running, before the worker has given a library
        assert isinstance(app.screen, LibraryScreen) and app.library is None
        assert any(oid.startswith("s:") for oid in _options(app))
        assert "Quiet" in screen_text(app) or "Talk" in screen_text(app)
        listed = app.screen.library.scenarios
        assert all(isinstance(s, Summary) for s in listed)
        await ready(app, pilot)
        await pilot.press("enter")  # the first entry: opened and validated in full
        await pilot.pause()
        await past_the_notes(app, pilot)
        assert isinstance(app.screen, PlayScreen)
        assert not isinstance(app.screen.scenario, Summary)


async def test_a_file_broken_after_listing_says_so_when_opened(tmp_path) -> None:
    folder = tmp_path / "lib"
    shutil.copytree(LIBRARY, folder)
    list_library([folder])
    app = make_app(library_paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        first = app.screen.library.scenarios[0]
        (folder / f"{first.id}.toml").write_text("format = 1\nnot toml at all [")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await ready(app, pilot)
        assert any(oid.startswith("b:") for oid in _options(app))


async def test_start_up_parses_only_the_first_screens_styles_and_the_rest_once_listed() -> None:
    from sim.tui.screens import STYLES

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        sheet = app.stylesheet
        assert not any(sheet.has_source(str(p), "") for p in STYLES.values())
        await ready(app, pilot)
        await pilot.pause()
        assert all(sheet.has_source(str(p), "") for p in STYLES.values())
        reparsed = []
        sheet.reparse = lambda: reparsed.append(1)  # type: ignore[method-assign]
        await pilot.press("enter")  # a scenario opens: its styles are already there
        await pilot.pause()
        await past_the_notes(app, pilot)
        assert isinstance(app.screen, PlayScreen) and not reparsed

"""What trainee playtest 37 met: a scenario started from progress (s) opened over a
library that still showed another scenario, the palette's Screenshot failed, saying
nothing of why, on a computer with no Downloads folder, and the resume question named one
minute twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from sim.records.stored import local_time
from sim.tui.screens.library import LibraryScreen
from sim.tui.screens.play import PlayScreen
from sim.tui.textual_internals import toasts_showing
from tests.tui.helpers import (
    make_app,
    one_run_then_progress,
    ready,
    screen_lines,
    until,
    until_screen,
)


def highlighted_title(library: LibraryScreen) -> str:
    lst = library.query_one("#scenarios", OptionList)
    option = lst.get_option_at_index(lst.highlighted)
    assert library.library is not None and option.id and option.id.startswith("s:")
    return library.library.scenarios[int(option.id[2:])].title


async def test_play_next_from_progress_highlights_that_scenario_in_the_library() -> None:
    """s on the progress screen started 'Quiet Corner' while the library under it kept
    'A Short Talk' highlighted, its detail and content notes beside the run being opened;
    back at the library, Enter would have started the other one."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        progress = await one_run_then_progress(app, pilot)
        library = next(s for s in app.screen_stack if isinstance(s, LibraryScreen))
        assert highlighted_title(library) == "A Short Talk"  # the scenario just played
        suggested = progress.progress.suggestion
        assert suggested is not None and suggested.id == "quiet"
        await pilot.press("s")
        await until_screen(app, pilot, PlayScreen)
        assert highlighted_title(library) == "Quiet Corner"


async def test_a_screenshot_with_no_downloads_folder_is_saved_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The palette's Screenshot said only "Failed to save screenshot": Textual saves it in
    the Downloads folder, and this computer had none."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs there
    assert not (home / "Downloads").exists()
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Screenshot"].callback()
        await until(lambda: list(home.glob("*.svg")) and toasts_showing(app), pilot)
        saved = list(home.glob("*.svg"))
        notes = [str(n.message) for n in toasts_showing(app)]
    assert len(saved) == 1 and saved[0].read_text(encoding="utf-8").startswith("<svg")
    assert not any("Failed" in n for n in notes)
    assert any(str(home) in n for n in notes), notes  # it says where the picture is


async def test_a_run_left_in_the_minute_it_began_names_that_minute_once(tmp_path: Path) -> None:
    """'You left “A Different Path” unfinished on 2026-12-04 11:06 after 3 choices
    (practice mode). It began at 11:06, the time your past runs (g) show.': one minute,
    said twice as if two times to tell apart."""
    from tests.tui.test_playtest35_left import set_times
    from tests.tui.test_resume_undo_restart import leave_runs, two_scenarios

    talk, _other = two_scenarios(tmp_path)
    leave_runs(talk, 1)
    set_times("2026-12-04T11:06:05.000+00:00", "2026-12-04T11:06:50.000+00:00")
    app = make_app(library_paths=[tmp_path])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        # the question's own rows (the library beside it ran into them once it grew
        # the care line, trainee44)
        inside = [r[r.index("│") + 1 : r.rindex("│")] for r in screen_lines(app) if "│" in r]
        shown = " ".join(" ".join(inside).split())
    when = local_time("2026-12-04T11:06:05.000+00:00")  # its zone named (records37)
    assert (
        f"You began “A Short Talk” on {when}, the time your past runs (g) show, and left it "
        "unfinished within the minute, after 1 choice (practice mode)." in shown
    ), shown
    assert "It began at" not in shown


@pytest.mark.parametrize("left_off", [1, 2])
async def test_start_afresh_then_back_at_the_content_notes_keeps_the_run_left_off(
    tmp_path: Path, left_off: int
) -> None:
    """n ("Start afresh") to the resume question, then Back at the content notes: the run
    left off had been given up already, with nothing begun in its place; its ↻ mark went
    and past runs said it "cannot be resumed"."""
    from sim.records import Store
    from sim.tui.screens.dialogs import ContentNotes
    from tests.tui.test_resume_undo_restart import leave_runs, two_scenarios

    talk, other = two_scenarios(tmp_path)
    other.unlink()  # a library of one: Enter starts 'A Short Talk'
    leave_runs(talk, left_off)
    before = {r.id for r in Store.open().unfinished("talk")}
    assert len(before) == left_off
    app = make_app(library_paths=[tmp_path])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        await pilot.press("escape")  # the start's own offer: decide later
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter", "n")  # start it, and afresh
        await until_screen(app, pilot, ContentNotes)
        await pilot.press("escape")  # not now, after all
        await until_screen(app, pilot, LibraryScreen)
        assert {r.id for r in Store.open().unfinished("talk")} == before
        await pilot.press("enter", "n", "enter")  # afresh, and this time on past the notes
        await until_screen(app, pilot, PlayScreen)
        assert not before & {r.id for r in Store.open().unfinished("talk")}

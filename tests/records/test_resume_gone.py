"""A run offered for resume whose scenario broke or went away before the answer: said.

The app's library lists scenarios from the index and loads one in full only
when it is played. A file edited into a broken one (or deleted) between the
resume question and its answer gave None, and Resume closed the question with
nothing said, the trainee back at the library (adversarial-10). The same look-up
serves "play again" and "play next" on the progress screens.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sim.records import Store
from sim.tui.textual_internals import toasts_showing
from tests.tui.helpers import TALK, make_app, ready, screen_name


async def _leave_after_one_choice(library: Path) -> None:
    app = make_app(library_paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("home", "down", "enter", "enter")
        await pilot.pause()
        await pilot.press("1")
    assert len(Store.open().unfinished()) == 1


def _toasts(app) -> str:
    return " ".join(str(n.message) for n in toasts_showing(app))


@pytest.mark.parametrize("change", ["broken", "deleted"])
async def test_resume_of_a_scenario_that_broke_or_went_says_why(
    tmp_path: Path, change: str
) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    talk = library / "talk.toml"
    shutil.copy(TALK, talk)
    await _leave_after_one_choice(library)

    app = make_app(library_paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert screen_name(app) == "Confirm"  # the resume question
        if change == "broken":
            talk.write_text(talk.read_text() + "\nthis is = = not toml\n")
        else:
            talk.unlink()
        await pilot.press("y")
        await pilot.pause()
        said = _toasts(app)
        if change == "broken":
            assert "talk.toml has changed and no longer loads" in said, said
        else:
            assert "talk.toml is not there any more" in said, said
        assert screen_name(app) == "LibraryScreen"
    assert len(Store.open().unfinished()) == 1  # nothing lost: still there to resume


async def test_play_again_of_a_scenario_no_longer_listed_says_why() -> None:
    """The progress screens' play again / play next, for a run of a scenario the
    library no longer lists (its file renamed since): said, not nothing."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        app.start_by_id("renamed-since")
        await pilot.pause()
        assert "'renamed-since' is not in the library any more" in _toasts(app)
        assert screen_name(app) == "LibraryScreen"


async def test_a_run_that_cannot_be_resumed_is_not_offered_at_every_start(tmp_path: Path) -> None:
    """Its scenario's opening scene renamed since: the replay cannot begin. The app said so
    and kept the run, so the same question, whose yes always fails, came at every start;
    the plain player leaves it, and now the app does too."""
    library = tmp_path / "lib"
    library.mkdir()
    talk = library / "talk.toml"
    shutil.copy(TALK, talk)
    await _leave_after_one_choice(library)
    text = talk.read_text()
    talk.write_text(
        text.replace('start = "hello"', 'start = "hi"').replace("scenes.hello", "scenes.hi")
    )

    app = make_app(library_paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert screen_name(app) == "Confirm"
        await pilot.press("y")
        await pilot.pause()
        assert "It cannot be resumed ('hello' is not a scene" in _toasts(app), _toasts(app)
        assert screen_name(app) == "LibraryScreen"
    assert not Store.open().unfinished()
    assert [r.status for r in Store.open().runs()] == ["left"]  # kept, listed

    app = make_app(library_paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert screen_name(app) == "LibraryScreen"  # not asked again


def test_the_plain_player_says_a_resumed_run_goes_on_in_its_own_mode(records_dir) -> None:
    """`play X --plain --mode assessment` offered a practice run and, resumed, went on in
    practice (coach notes, undo) with nothing said of the mode asked for."""
    import subprocess
    import sys

    from tests.core.test_hostile_files import run_main

    def leave_one() -> None:  # one choice, then q, by a process that is gone, so it is offered
        plain = [sys.executable, "-m", "sim", "play", str(TALK), "--plain"]
        done = subprocess.run(plain, input=b"\n\n1\nq\n", capture_output=True, timeout=120)
        assert b"Saved unfinished" in done.stdout, done.stdout

    leave_one()
    code, out = run_main(["play", str(TALK), "--plain", "--mode", "assessment"], stdin="n\n")
    assert "You asked for assessment mode: resumed, it goes on in practice mode" in out, out
    leave_one()
    code, out = run_main(["play", str(TALK), "--plain", "--mode", "practice"], stdin="n\n")
    assert "You left" in out and "You asked for" not in out, out


@pytest.mark.parametrize("mode", ["assessment", "practice"])
async def test_the_app_s_resume_question_says_the_run_goes_on_in_its_own_mode(mode) -> None:
    """Resume switches the app to the run's mode; started in assessment, the trainee was
    told "(practice mode)" of the run, not that resuming leaves assessment."""
    from tests.records.test_app_records import quit_after_one_choice

    await quit_after_one_choice()  # a practice run
    app = make_app(mode=mode)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert screen_name(app) == "Confirm"
        said = " ".join(str(app.screen.query_one(".dialog-text").render()).split())
        told = "You are in assessment mode: resumed, it goes on in practice mode" in said
        assert told == (mode == "assessment"), said

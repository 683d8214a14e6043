"""`--lock-mode`: a served assessment stays an assessment (and own words as the trainer set).

Before it, a trainee in `peer-sim serve --mode assessment` pressed m, played in
practice with every coach note, and the report counted the run apart; nothing
kept the assessment one.
"""

from __future__ import annotations

import io
import shlex
from pathlib import Path

from sim.cli import build_parser, main
from sim.records import Store
from sim.tui.launch import build_app
from sim.tui.screens.dialogs import LOCKED_HELP
from sim.tui.screens.play import PlayScreen
from sim.tui.textual_internals import toasts_showing
from tests.tui.helpers import make_app, ready, screen_name, screen_text


def locked_app(mode: str = "assessment", **kwargs):
    app = make_app(mode=mode, own_words=False, **kwargs)
    app.mode_locked = True
    return app


def test_serve_lock_mode_reaches_every_tab(tmp_path: Path) -> None:
    from sim.commands.serve import app_command

    for argv in (["serve", "--lock-mode"], ["--lock-mode", "serve"]):
        served = build_parser().parse_args([*argv, "--mode", "assessment"])
        served.scenarios, served.data_dir = None, str(tmp_path)
        tab = build_parser().parse_args(shlex.split(app_command(served))[3:])
        app = build_app(None, tab.scenarios, tab.app_mode, tab, {})
        assert app.mode_locked and app.play_mode == "assessment", argv
    served = build_parser().parse_args(["serve"])
    served.scenarios, served.data_dir = None, str(tmp_path)
    assert "--lock-mode" not in app_command(served)  # only when asked


def test_lock_mode_without_a_mode_is_refused_for_the_app(capsys) -> None:
    assert main(["--lock-mode"]) == 2
    assert "--lock-mode needs the mode to lock" in capsys.readouterr().err


def test_lock_mode_without_a_mode_is_refused_for_serve_too(capsys) -> None:
    # adversarial-9: `serve --lock-mode` alone served a class locked in practice (coach
    # notes on every choice), the help having promised "an assessment stays one"
    for argv in (["serve", "--lock-mode"], ["--lock-mode", "serve"]):
        assert main([*argv, "--port", "0"]) == 2, argv  # never serves: refused first
        assert "--lock-mode needs the mode to lock" in capsys.readouterr().err


async def test_m_and_w_do_nothing_and_are_not_offered() -> None:
    app = locked_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        text = screen_text(app)
        assert "set by your trainer" in text
        assert "Practice" not in text  # one mode shown, not a switch that does nothing
        await pilot.press("m", "w")
        await pilot.pause()
        assert app.play_mode == "assessment" and app.own_words is False
        keys = {b.binding.key for b in app.screen.active_bindings.values()}
        assert "m" not in keys and "w" not in keys  # off the key bar too
        await pilot.click("#mode")  # a click says why nothing moved
        await pilot.pause()
        assert app.play_mode == "assessment"
        assert any("trainer set the mode" in str(n.message) for n in toasts_showing(app))
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert not any("mode" in t.lower() and "switch" in t.lower() for t in titles)
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = screen_text(app)
        assert LOCKED_HELP[:40] in help_text and "switch between practice" not in help_text


async def test_an_unlocked_app_still_switches() -> None:
    app = make_app(mode="assessment", own_words=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("m", "w")
        await pilot.pause()
        assert app.play_mode == "practice" and app.own_words is True


async def leave_after_one_choice(mode: str) -> None:
    app = make_app(mode=mode)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("home", "down", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("1", "escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()


async def test_a_locked_assessment_never_resumes_a_practice_run() -> None:
    await leave_after_one_choice("practice")
    assert [r.mode for r in Store.open().unfinished()] == ["practice"]
    app = locked_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"  # no resume question at the start
        await pilot.press("home", "down", "enter", "enter")  # nor when starting that scenario
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert not app.screen.practice and not app.screen.run.state.decisions


async def test_a_locked_assessment_resumes_an_assessment_run() -> None:
    await leave_after_one_choice("assessment")
    assert [r.mode for r in Store.open().unfinished()] == ["assessment"]
    app = locked_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        assert screen_name(app) == "Confirm"  # its own mode's run is offered
        assert "assessment mode" in screen_text(app)


def test_the_plain_player_resumes_only_the_locked_mode(monkeypatch, capsys) -> None:
    from .conftest import load, path_to_ending

    numbers = path_to_ending(load("first-meeting"), prefer="strong")
    answers = "\n".join(["", "", *map(str, numbers[:2]), "q"]) + "\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    assert main(["play", "first-meeting", "--plain"]) == 1  # a practice run, left
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("\n\nq\n"))
    main(["--lock-mode", "play", "first-meeting", "--plain", "--mode", "assessment"])
    assert "Resume it?" not in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("\n\nq\n"))
    main(["play", "first-meeting", "--plain", "--mode", "assessment"])  # unlocked: offered
    assert "Resume it?" in capsys.readouterr().out

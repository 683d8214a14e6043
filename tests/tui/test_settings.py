"""Remembered theme, mode and last scenario; keys moved through [keys]; broken files.

Every test has its own PEER_SIM_CONFIG_DIR (tests/conftest.py).
"""

from __future__ import annotations

import os

from sim.loading import load_scenario
from sim.tui.app import PeerSimApp
from sim.tui.screens.library import LibraryScreen, ScenarioList
from sim.tui.screens.play import PlayScreen
from sim.tui.settings import BINDING_IDS, config_path, load_settings, remember
from sim.tui.textual_internals import toasts_showing
from sim.tui.widgets.choices import ChoiceList
from tests.tui.helpers import TALK, make_app, ready


def write_config(text: str) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


async def test_mode_theme_and_last_scenario_are_remembered() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert app.play_mode == "practice" and app.theme == "peer-sim"
        await pilot.press("m")
        app.theme = "peer-sim-light"
        await pilot.press("down", "enter")  # "A Short Talk": content notes
        await pilot.pause()
    saved = load_settings()
    assert (saved.mode, saved.theme, saved.last_scenario) == (
        "assessment",
        "peer-sim-light",
        "talk",
    )
    assert not saved.problems
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await ready(again, pilot)
        assert again.play_mode == "assessment" and again.theme == "peer-sim-light"
        assert again.screen.selected()[1].id == "talk"  # highlighted, not opened
    # a mode given on the command line wins over the remembered one
    assert make_app(mode="practice").play_mode == "practice"
    # served to a class, a tab does not open on the trainer's last scenario
    served = make_app()
    served.ask_trainee = True
    async with served.run_test(size=(100, 30)) as pilot:
        await ready(served, pilot)
        library = next(s for s in served.screen_stack if isinstance(s, LibraryScreen))
        assert library.selected()[1].id != "talk"


def test_remembering_keeps_comments_and_keys() -> None:
    write_config(
        '# my settings\nmode = "practice"  # for now\n\n[keys]\n"play.undo" = "backspace"\n'
    )
    assert remember(mode="assessment", theme="nord") is None
    text = config_path().read_text()
    assert text.startswith('theme = "nord"\n# my settings\nmode = "assessment"\n')
    assert '[keys]\n"play.undo" = "backspace"' in text
    assert load_settings().keys == {"play.undo": "backspace"}


async def test_keys_move_through_the_keys_table() -> None:
    write_config('[keys]\n"play.undo" = "backspace"\n"play.choose-1" = "a,1"\n')
    app = make_app(scenario=load_scenario(TALK))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        await pilot.press("a")
        assert len(play.run.state.decisions) == 1
        await pilot.press("u")  # no longer undo
        assert len(play.run.state.decisions) == 1
        await pilot.press("backspace")
        assert not play.run.state.decisions
        assert not [n for n in toasts_showing(app) if n.title == "Settings"]


async def test_a_broken_config_file_gives_a_message_and_the_defaults() -> None:
    broken = 'mode = "assessment"\ntheme = "peer-sim-light\n'
    write_config(broken)
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        assert app.play_mode == "practice" and app.theme == "peer-sim"
        messages = [n.message for n in toasts_showing(app)]
        assert len(messages) == 1 and str(config_path()) in messages[0]
        assert "line 2" in messages[0] and "Using the defaults" in messages[0]
        await pilot.press("m")  # switching mode must not overwrite the user's file
        assert app.play_mode == "assessment"
    assert config_path().read_text() == broken


async def test_wrong_values_are_named_and_ignored() -> None:
    write_config(
        'mode = "exam"\ntheme = "no-such-theme"\ncolour = "blue"\n'
        '[keys]\n"play.undoo" = "backspace"\n"play.pause" = 5\n"play.leave" = "q"\n'
    )
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        messages = "\n".join(n.message for n in toasts_showing(app))
        assert app.play_mode == "practice" and app.theme == "peer-sim"
        assert 'mode should be "practice" or "assessment"' in messages
        assert "theme 'no-such-theme' is not one peer-sim has" in messages
        assert "'colour' is not a setting" in messages
        assert "'play.undoo' is not a key peer-sim knows (did you mean 'play.undo'?)" in messages
        assert "'play.pause' should be key names in quotes" in messages
        assert app.settings.keys == {"play.leave": "q"}


def test_unreadable_or_odd_config_files_never_crash(tmp_path) -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    deep = (
        b"x = " + b"[" * 1000 + b"]" * 1000,  # tomli raises RecursionError, not a ValueError
        ".".join(["a"] * 5000).encode() + b" = 1",
        b"x = " + b"{a=" * 5000 + b"1" + b"}" * 5000,
    )
    for content in (b"\xff\xfe not utf-8", b"x" * 70_000, b"keys = 3\n", b"= broken", *deep):
        config_path().write_bytes(content)
        settings = load_settings()
        assert settings.problems and settings.mode is None, content[:10]
        if content != b"keys = 3\n":  # refused with a message, never raised
            assert remember(theme="dracula"), content[:10]
    config_path().unlink()
    config_path().mkdir()  # a folder where the file should be
    assert "not a regular file" in load_settings().problems[0]
    os.rmdir(config_path())


def test_every_binding_id_is_the_apps() -> None:
    """BINDING_IDS (what [keys] accepts, listed in the README) matches the app's bindings."""
    ids = set()
    for cls in (PeerSimApp, PlayScreen, LibraryScreen, ScenarioList, ChoiceList):
        ids |= {b.id for b in cls.BINDINGS if getattr(b, "id", None)}
    assert ids == set(BINDING_IDS)


def test_the_readme_example_is_a_valid_config() -> None:
    import re
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text()
    block = next(b for b in re.findall(r"```toml\n(.*?)```", readme, re.S) if "last_scenario" in b)
    write_config(block)
    settings = load_settings()
    assert not settings.problems, settings.problems
    assert settings.mode == "assessment" and settings.keys["play.undo"] == "backspace"
    # and every id the README lists is one the app knows
    listed = set(re.findall(r"`((?:app|library|play|choices)\.[a-z-]+\d?)`", readme))
    assert listed <= set(BINDING_IDS), listed - set(BINDING_IDS)


async def test_a_file_opened_from_the_command_line_is_highlighted_not_the_last_scenario(
    tmp_path,
) -> None:
    # the library behind the content notes described the last bundled scenario played
    write_config('last_scenario = "talk"\n')
    file = tmp_path / "mine.toml"
    file.write_text(TALK.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(scenario=load_scenario(file), watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        library = next(s for s in app.screen_stack if isinstance(s, LibraryScreen))
        assert library.selected()[1] is app.initial


async def test_a_config_with_thousands_of_unknown_keys_still_opens_at_once() -> None:
    # 2,000 unknown ids once made 2,000 toasts; the app drew nothing for over a minute
    write_config("[keys]\n" + "".join(f'"app.k{i}" = "a"\n' for i in range(2000)))
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        notes = [n.message for n in toasts_showing(app) if n.title == "Settings"]
        assert len(notes) <= 9
        assert "1992 more problems like these in the settings file" in notes[-1]


def test_settings_that_cannot_be_written_leave_no_temporary_file(tmp_path):
    """A full disk (here: the file size limit, which fails the write the same way
    after the file is made) left an empty config.toml.tmp beside the settings."""
    import subprocess
    import sys

    config = tmp_path / "config.toml"
    config.write_text('theme = "nord"\n')
    child = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from sim.tui.settings import remember\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4, 4))\n"
        "print(remember(Path(sys.argv[1]), theme='dracula'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", child, str(config)], capture_output=True, text=True, timeout=60
    )
    assert "can't be written (File too large); nothing was remembered" in done.stdout, done
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]
    assert config.read_text() == 'theme = "nord"\n'

"""`peer-sim` and `peer-sim play SCENARIO` open the app through `launch`.

The CLI stays argparse-only: it calls `launch(...)` and returns its exit
status. Options another command may add later (`--start SCENE`, `--set
trust=40`, `--watch`) are read from `args` when present.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import Any


class LaunchError(ValueError):
    """A wrong `--set` or `--start` value: exit status 2, with the reason."""


def start_options(args: argparse.Namespace | None, scenario: Any = None) -> dict[str, Any]:
    """`--start`, `--set` and `--watch` as app keywords.

    The parsing is the plain player's (`sim.authoring.startpoint.parse_start`),
    so both shells accept and refuse exactly the same values.
    """
    from sim.authoring.startpoint import parse_start
    from sim.problems import UsageError

    if args is None:
        return {}
    try:
        start = parse_start(args, scenario)
    except UsageError as exc:
        raise LaunchError(str(exc)) from None
    out: dict[str, Any] = {f"start_{key}": value for key, value in start.items()}
    if getattr(args, "watch", False):
        out["watch"] = True
    return out


def check_driver() -> None:
    """Refuse a TEXTUAL_DRIVER the app could not start with, in one sentence (UsageError).

    Textual imports the class that variable names (module:Class, as
    textual-serve sets it) as the app starts; a typo or a stale value would
    otherwise end in an ImportError from deep inside it.
    """
    import os

    name = os.environ.get("TEXTUAL_DRIVER")
    if name is None:
        return
    from sim.problems import UsageError
    from sim.text import brief

    module, _, symbol = name.partition(":")
    problem = ""
    if not module or not symbol:
        problem = "is not written module:Class"
    else:
        import importlib
        import inspect

        from textual.driver import Driver

        try:
            found = getattr(importlib.import_module(module), symbol)
        except Exception:  # noqa: BLE001 - whatever the import raised, the fix is the same
            problem = "names a class that cannot be imported"
        else:
            if not (inspect.isclass(found) and issubclass(found, Driver)):
                problem = "names something that is not a Textual driver"
            else:
                problem = _web_driver_here(found)
    if problem:
        hint = (
            ""
            if "web driver" in problem
            else (" (it is for web front ends, e.g. textual.drivers.web_driver:WebDriver)")
        )
        raise UsageError(
            f"the environment variable TEXTUAL_DRIVER ('{brief(name, 80)}') {problem}; "
            f"unset it to use this terminal{hint}"
        )


def _web_driver_here(found: type) -> str:
    """Why Textual's web driver cannot run here, or "" (see sim.tui.served)."""
    from textual.drivers.web_driver import WebDriver

    if not issubclass(found, WebDriver):
        return ""
    from sim.tui.served import web_driver_problem

    why = web_driver_problem()
    if why is None:
        return ""
    return (
        "names Textual's web driver, which only a web server drives (`peer-sim serve` "
        f"sets it for each browser tab), but {why}"
    )


def launch(
    scenario: str | None = None,
    extra_dirs: list[str] | None = None,
    mode: str | None = None,
    args: argparse.Namespace | None = None,
) -> int:
    """Run the app; the exit status is 0, or 2 for a wrong option.

    A named scenario is found and loaded before the app starts, so a wrong id
    or a broken file is reported on the command line as `peer-sim check` would
    (the CLI turns UsageError and ScenarioError into exit statuses).
    """
    check_driver()
    loaded = None
    if scenario is not None:
        from sim.loading.resolve import resolve_scenario

        loaded = resolve_scenario(scenario, extra_dirs)
    try:
        options = start_options(args, loaded)
    except LaunchError as exc:
        print(f"peer-sim: {exc}", file=sys.stderr)
        return 2
    return _run(build_app(loaded, extra_dirs, mode, args, options))


def build_app(
    loaded: Any,
    extra_dirs: list[str] | None,
    mode: str | None,
    args: argparse.Namespace | None,
    options: dict[str, Any],
) -> Any:
    """The app as the command line asks for it (`peer-sim serve` starts each tab this way).

    `--own-words` / `--no-own-words` win over the remembered choice; without
    either the app uses what it remembers (settings.py), or, served to a classroom,
    what the trainee's last run was played with.
    """
    from sim.tui.app import PeerSimApp

    own_words = getattr(args, "own_words", None)
    app = PeerSimApp(
        loaded,
        extra_dirs=extra_dirs or [],
        mode=mode,
        own_words=None if own_words is None else bool(own_words),
        **options,
    )
    # named by its id (`peer-sim play first-meeting`), the scenario loaded first is the
    # library's own entry: the library it returns to called it "first-meeting.toml · the
    # file you opened", as for a path (set only for a name the app itself read, till now)
    named = getattr(args, "scenario", None)
    if loaded is not None and isinstance(named, str):
        from sim.loading.resolve import names_a_file

        app.initial_by_id = not names_a_file(named)
    app.records_dir = getattr(args, "data_dir", None)
    app.records_enabled = not getattr(args, "no_record", False)
    app.trainee = getattr(args, "trainee", None) or ""
    app.ask_trainee = bool(getattr(args, "ask_trainee", False)) and not app.trainee
    app.mode_locked = bool(getattr(args, "lock_mode", False))
    if app.ask_trainee and own_words is None:
        # served with neither --own-words nor --no-own-words: not the serving account's
        # remembered choice, but each trainee's own, read once they are named (records.py)
        app.own_words = False
        app.own_words_per_trainee = True
    return app


def launch_replay(scenario: Any, exported: Any, extra_dirs: list[str] | None = None) -> int:
    """`peer-sim replay FILE`: the app, opened on an exported run to step through."""
    from sim.tui.app import PeerSimApp

    check_driver()
    app = PeerSimApp(None, extra_dirs=extra_dirs or [], mode=exported.mode)
    app.records_enabled = False  # a replay records nothing and offers no resume
    app.pending_replay = (scenario, exported)
    return _run(app)


def _run(app: Any) -> int:
    """Run the app in this terminal, pastes filtered (sim.tui.paste) and bytes that are not
    UTF-8 read (sim.tui.input_bytes); its exit status."""
    from sim.tui import input_bytes, paste
    from sim.tui.terminal import hold_signals

    paste.install()
    input_bytes.install()
    release = hold_signals()
    try:
        with _terminal_measured():
            app.run()
    finally:
        release()
    code = app.return_code or 0
    _leave_if_input_stuck(code)
    return code


@contextlib.contextmanager
def _terminal_measured() -> Any:
    """While the app runs in a terminal, its size is the terminal's, not $COLUMNS and $LINES.

    Textual sizes the screen with shutil.get_terminal_size, which believes those
    variables first: a stale `export COLUMNS=40` held the app at 40 columns in a
    window of 100, saying "This window is too small ... It is 40x12" however the
    window was resized. A web tab's size does come from them (textual-serve sets
    COLUMNS for its web driver), so they stay when a driver is named.
    """
    import os

    kept = {name: os.environ.get(name) for name in ("COLUMNS", "LINES")}
    measured = False
    for stream in (sys.__stdout__, sys.__stderr__):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            os.get_terminal_size(stream.fileno())  # type: ignore[union-attr]
            measured = True
            break
    if not measured or os.environ.get("TEXTUAL_DRIVER"):
        yield
        return
    for name in kept:
        os.environ.pop(name, None)
    try:
        yield
    finally:
        for name, value in kept.items():
            if value is not None:
                os.environ[name] = value


def _leave_if_input_stuck(code: int) -> None:
    """End the process now if Textual's input thread outlived the app.

    When the terminal has gone, Textual's driver cannot write its goodbye, so it
    never tells its input thread to stop; that thread spins on end-of-file and,
    not being a daemon, kept the process alive at exit for ever.
    """
    import os
    import threading

    for thread in threading.enumerate():
        if thread.name == "textual-input" and thread.is_alive():
            thread.join(timeout=1.0)
            if thread.is_alive():
                for stream in (sys.stdout, sys.stderr):
                    with contextlib.suppress(Exception):
                        stream.flush()
                os._exit(code)

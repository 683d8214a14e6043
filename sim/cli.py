"""Command-line entry: argparse only; each subcommand lives in `sim.commands`.

`peer-sim` with no arguments opens the app on the bundled scenarios.
Exit status: 0 fine, 1 problems found (or a run stopped early, or the output could
not be written), 2 wrong usage, 130 interrupted.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
from pathlib import Path

from sim import __version__
from sim.cli_wording import Parser
from sim.text import brief, shown

COMMANDS = {
    "check": "sim.commands.check",
    "list": "sim.commands.listing",
    "play": "sim.commands.play",
    "principles": "sim.commands.principles",
    "test": "sim.commands.test",
    "graph": "sim.commands.graph",
    "script": "sim.commands.script",
    "schema": "sim.commands.schema",
    "new": "sim.commands.new",
    "runs": "sim.commands.records",
    "progress": "sim.commands.records",
    "export": "sim.commands.export",
    "sync": "sim.commands.sync",
    "identity": "sim.commands.sync",
    "replay": "sim.commands.replay",
    "report": "sim.commands.records",
    "serve": "sim.commands.serve",
}


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; with `commands=False` only the options before a
    command (bare `peer-sim` opens the app, and building the ~20 subcommands'
    parsers was ~4 ms of its start-up in a real terminal, benchmarks/README.md)."""
    parser = Parser(
        prog="peer-sim",
        description="Role-play practice for trainee peer recovery coaches. "
        "With no command, opens the app on the bundled scenarios.",
    )
    parser.add_argument("--version", action="version", version=f"peer-sim {__version__}")
    parser.add_argument(
        "--scenarios",
        action="append",
        metavar="DIR",
        help="also offer the scenarios in DIR (repeatable)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep records in DIR (default: $PEER_SIM_DATA_DIR, else the user data folder)",
    )
    parser.add_argument(
        "--own-words",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="own-words practice: type what you would say before the lines are shown "
        "(default: the app's remembered choice, else off)",
    )
    parser.add_argument(
        "--trainee",
        metavar="NAME",
        help="record runs as this trainee's, in a store several trainees share",
    )
    parser.add_argument(
        "--ask-trainee",
        action="store_true",
        help="the app asks for a name or code first (as `peer-sim serve` does)",
    )
    parser.add_argument(
        "--mode",
        choices=["practice", "assessment"],
        dest="app_mode",
        help="the app starts in this mode (default: the one you chose last)",
    )
    parser.add_argument(
        "--lock-mode",
        action="store_true",
        help="with --mode: the trainee cannot switch the mode or own words (m and w do nothing)",
    )
    if not commands:
        parser.set_defaults(command=None)
        return parser
    from sim.cli_arguments import add_commands

    add_commands(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; bad input and odd streams end in one line and an exit status."""
    from sim.commands import streams

    saved = sys.stdin, sys.stdout, sys.stderr
    closed = streams.install()
    try:
        code = _run(argv, closed)
        streams.flush_stdout()
        return code
    except KeyboardInterrupt:
        return 130  # before or after the command's own handler: loading, parsing, flushing
    except OSError as exc:
        if exc.errno in _WRITE_ERRORS or isinstance(exc, BrokenPipeError):
            return streams.write_failed(exc)
        name = exc.filename  # a 5,000-byte path, or one ending in a space: brief quotes a Path
        named = Path(os.fsdecode(name)) if isinstance(name, (str, bytes)) else name
        where = f"{brief(named, 300)}: " if name else ""
        print(f"peer-sim: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a bug, said in one line through the gate
        # Uncaught, the interpreter would print the traceback after the streams are
        # restored, bypassing the gate: an escape in the message (a server's answer,
        # a file's bytes) would reach the terminal raw.
        return _unexpected(exc)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


def _unexpected(exc: Exception) -> int:
    import traceback

    if os.environ.get("PEER_SIM_DEBUG"):
        traceback.print_exc()  # still through the gated stderr
    print(
        f"peer-sim: unexpected error ({type(exc).__name__}: {brief(str(exc), 200)}). This is a "
        "bug in peer-sim; run again with PEER_SIM_DEBUG=1 to see where, and report it.",
        file=sys.stderr,
    )
    return 70  # EX_SOFTWARE


# Arguments that name a file or folder, and what to give instead. An empty one
# would mean "." (Path("")): `peer-sim check ""` checked everything under the
# current folder, and `--scenarios ""` added it to the library.
_PATH_OPTIONS = {
    "scenarios": ("--scenarios", "a folder of scenarios"),
    "data_dir": ("--data-dir", "a folder for the records"),
    "also": ("--also", "a folder of records to read as well"),
    "output": ("-o", "a file to write"),
    "paths": ("PATH", "a scenario file or folder ('.' is this folder)"),
    "path": ("PATH", "a folder or a principles.toml"),
    "scenario": ("SCENARIO", "a scenario file or id"),
    "file": ("FILE", "an exported run file"),
}


def _empty_path(args: argparse.Namespace) -> str | None:
    """What to say about an argument that names a file but is empty or all spaces, if any."""
    for dest, (label, want) in _PATH_OPTIONS.items():
        value = getattr(args, dest, None)
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and not v.strip() for v in values):
            return f"{label} is empty; give {want}"
    return None


# errors of a write to stdout (EDQUOT is not on every platform)
_WRITE_ERRORS = {errno.EPIPE, errno.ENOSPC, errno.EBADF, errno.EIO, getattr(errno, "EDQUOT", -1)}


def _run(argv: list[str] | None, closed: dict[str, bool]) -> int:
    words = sys.argv[1:] if argv is None else argv
    nul = next((word for word in words if "\x00" in word), None)
    if nul is not None:
        # A shell cannot pass one, but a caller of main() or a wrapper script can;
        # every path, id and name would refuse it later with a less clear error.
        print(
            f"peer-sim: the argument '{shown(nul)}' holds a NUL character (\\x00), "
            "which no file name, id or option value can contain",
            file=sys.stderr,
        )
        return 2
    parser = build_parser(commands=bool(words))
    args = parser.parse_args(words)
    args.scenarios = (args.scenarios or []) + (getattr(args, "scenarios_play", None) or [])
    # given after the command, an empty value is still given: `runs --data-dir ''` read the
    # default folder and `runs --trainee ''` everyone's runs, where `--data-dir ''` before
    # the command was refused
    for dest in ("data_dir", "trainee"):
        sub = getattr(args, f"{dest}_sub", None)
        if sub is not None:
            setattr(args, dest, sub)
    empty = _empty_path(args)
    if empty is not None:
        print(f"peer-sim: {empty}", file=sys.stderr)
        return 2
    if getattr(args, "output", None) == "-":
        args.output = None  # `-o -` is standard output, as for most tools (it wrote a file "-")
    from sim.problems import ScenarioError, UsageError

    if args.trainee is not None:
        from sim.records.classroom import TraineeNameError, clean_name

        try:
            args.trainee = clean_name(args.trainee)
        except TraineeNameError as exc:
            print(f"peer-sim: --trainee: {exc}", file=sys.stderr)
            return 2

    app = args.command is None or (
        args.command == "play" and not args.plain and args.choices is None
    )
    # serve too: `serve --lock-mode` alone locked a class in practice, coach notes and
    # all, when the trainer meant an assessment that stays one (adversarial-9)
    if (
        (app or args.command == "serve")
        and getattr(args, "lock_mode", False)
        and not (args.app_mode or getattr(args, "mode", None))
    ):
        print(
            "peer-sim: --lock-mode needs the mode to lock: add --mode practice or "
            "--mode assessment",
            file=sys.stderr,
        )
        return 2
    if app and (closed["stdin"] or sys.__stdin__ is None):
        print(
            "peer-sim: the app needs a terminal, but standard input is closed "
            "(for plain text: peer-sim play SCENARIO --plain)",
            file=sys.stderr,
        )
        return 1
    if app:
        from sim.commands.streams import keys_reach_the_app, not_a_terminal

        if not keys_reach_the_app():
            print(f"peer-sim: {not_a_terminal('peer-sim play SCENARIO --plain')}", file=sys.stderr)
            return 1
    if app:
        from sim.commands.streams import draws_nowhere, tell_the_terminal

        why = draws_nowhere(
            "peer-sim play SCENARIO --plain", closed["stderr"] or sys.__stderr__ is None
        )
        if why:
            tell_the_terminal(why)
            return 1
    if app:
        from sim.commands.streams import for_app

        for_app()
    try:
        if args.command is None:
            from sim.tui.launch import launch

            return launch(scenario=None, extra_dirs=args.scenarios, mode=args.app_mode, args=args)
        if args.command == "play" and args.choices is not None:
            args.plain = True
        return importlib.import_module(COMMANDS[args.command]).run(args)
    except UsageError as exc:
        print(f"peer-sim: {exc}", file=sys.stderr)
        return 2
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130

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
from sim.cli_wording import Parser, slips_count, whole
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def data_dir_option(p: argparse.ArgumentParser, what: str | None = None) -> None:
        # Also accepted after the command (`peer-sim runs --data-dir D`); listed in a
        # command's help only where a reader needs it there (serve: the class's store).
        p.add_argument(
            "--data-dir", metavar="DIR", dest="data_dir_sub", help=what or argparse.SUPPRESS
        )

    def scenarios_option(p: argparse.ArgumentParser) -> None:
        # Also accepted after the command, by every command that finds scenarios by id.
        p.add_argument(
            "--scenarios",
            action="append",
            metavar="DIR",
            dest="scenarios_play",
            help=argparse.SUPPRESS,
        )

    def rendered_scenario(p: argparse.ArgumentParser, formats: list[str], what: str) -> None:
        # `graph` and `script`: one scenario (a file or an id), in one of `formats` (the
        # first is the default), printed or written whole with -o; one shape for both, so
        # an option learnt on one works on the other.
        p.add_argument("scenario", metavar="SCENARIO", help="a scenario file or id")
        scenarios_option(p)
        p.add_argument("--format", choices=formats, default=formats[0], help=what)
        p.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead")

    def trainee_option(p: argparse.ArgumentParser, what: str) -> None:
        p.add_argument("--trainee", metavar="NAME", dest="trainee_sub", help=what)

    p = sub.add_parser("check", help="check scenario files and report problems")
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="scenario files, folders, or ids from `peer-sim list`",
    )
    scenarios_option(p)
    p.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text (default): one line per problem; json: per file, for tools",
    )
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument(
        "--stats",
        action="store_true",
        help="also show states explored and each ending's trust and empowerment range",
    )

    p = sub.add_parser(
        "list", help="list scenarios (by default the bundled ones and any --scenarios folders)"
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="scenario files or folders (subfolders too) instead of the library",
    )
    scenarios_option(p)

    p = sub.add_parser("principles", help="list the principle ids scenarios can use")
    p.add_argument("path", nargs="?", metavar="PATH", help="a folder or a principles.toml")
    p.add_argument("--toml", action="store_true", help="print the catalogue file itself")

    p = sub.add_parser("play", help="play a scenario (a file, or an id from `list`)")
    p.add_argument(
        "scenario", metavar="SCENARIO", help="a .toml file, or a scenario id from `peer-sim list`"
    )
    p.add_argument("--plain", action="store_true", help="plain text over stdin/stdout")
    p.add_argument(
        "--mode",
        choices=["practice", "assessment"],
        default=None,
        help="practice or assessment (default: practice, or the mode you chose last in the app)",
    )
    p.add_argument(
        "--choices",
        metavar="N,N,...",
        help="play these choices in order: numbers as offered, or choice ids such as hello#2 "
        "(u = undo); implies --plain",
    )
    scenarios_option(p)
    p.add_argument("--start", metavar="SCENE", help="start at this scene instead of the opening")
    p.add_argument(
        "--set",
        action="append",
        metavar="KEY=VALUE",
        help="starting values: trust=N, empowerment=N (0-100), flag=NAME (repeatable)",
    )
    p.add_argument(
        "--own-words",
        action=argparse.BooleanOptionalAction,
        default=argparse.SUPPRESS,  # so `peer-sim --own-words play X` keeps it too
        help="own-words practice: type what you would say before the lines are shown",
    )
    p.add_argument("--watch", action="store_true", help="reload the scenario when its file changes")
    p.add_argument("--no-record", action="store_true", help="do not record this run")
    data_dir_option(p)
    trainee_option(p, "record the run as this trainee's (a shared store)")

    p = sub.add_parser("test", help="play every branch and random runs; report what is uncovered")
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="scenario files, folders, or ids from `peer-sim list`",
    )
    scenarios_option(p)
    p.add_argument("--random", type=whole, default=100, metavar="N", help="random plays (100)")
    p.add_argument("--seed", type=whole, default=0, metavar="S", help="random seed (0)")
    p.add_argument(
        "--slips",
        type=slips_count,
        nargs="?",
        const=1,
        metavar="N",
        help="instead: the best path and every path with exactly N slips from it (1), "
        "with endings and meters; exit 1 if a critical slip ends strong",
    )

    rendered_scenario(
        sub.add_parser("graph", help="draw a scenario's branching (Mermaid or DOT)"),
        ["mermaid", "dot"],
        "mermaid (default; GitHub draws it) or dot (Graphviz)",
    )
    rendered_scenario(
        sub.add_parser(
            "script", help="a scenario to read through: every scene, line, why and ending"
        ),
        ["text", "md"],
        "text (default) or md (Markdown, for a document or an issue)",
    )

    p = sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    p.add_argument(
        "--principles", action="store_true", help="the schema of principles.toml instead"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead")

    p = sub.add_parser("new", help="write a new, commented scenario to start from")
    p.add_argument(
        "name",
        metavar="NAME",
        help="the scenario id; writes NAME.toml here, or give a path (my-scenarios/first-visit)",
    )
    p = sub.add_parser("runs", help="list the runs you have played (see Records in the README)")
    data_dir_option(p)
    trainee_option(p, "only this trainee's runs (default: every run in the store)")

    p = sub.add_parser("progress", help="per-principle progress across runs, and what to play next")
    data_dir_option(p)
    trainee_option(p, "this trainee's progress (default: your own runs)")

    p = sub.add_parser("report", help="the class summary: runs per trainee, endings, weak spots")
    data_dir_option(p)
    p.add_argument(
        "--format",
        choices=["text", "csv", "json"],
        default="text",
        help="text to read (default), csv (a row per trainee, for a spreadsheet) or json",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    p.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="DIR",
        help="another classroom's records folder to count in the same summary (repeatable); "
        "a trainee is matched by name across folders",
    )
    p.add_argument(
        "--bom",
        action="store_true",
        help="csv only: begin with a UTF-8 byte-order mark, so Excel opening the file by a "
        "double-click reads accented and non-Latin names right",
    )

    p = sub.add_parser("serve", help="serve the app to web browsers (needs peer-sim[web])")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    p.add_argument("--port", type=whole, default=8000, help="port to listen on (8000)")
    p.add_argument(
        "--public-url", metavar="URL", help="the address browsers use, behind a reverse proxy"
    )
    p.add_argument(
        "--max-tabs",
        type=whole,
        default=None,
        metavar="N",
        help="tabs open at once, each its own app process; more are refused (60)",
    )
    p.add_argument(
        "--scenarios",
        action="append",
        metavar="DIR",
        dest="scenarios_play",
        help="also offer the scenarios in DIR (repeatable)",
    )
    p.add_argument(
        "--mode",
        choices=["practice", "assessment"],
        default=None,
        help="the mode every trainee starts in (default: practice)",
    )
    p.add_argument(
        "--own-words",
        action=argparse.BooleanOptionalAction,
        default=argparse.SUPPRESS,  # `peer-sim --own-words serve` works too
        help="every trainee starts in own-words practice, or with --no-own-words without it "
        "(they can switch it with w); given neither, each starts as their last run was played",
    )
    p.add_argument(
        "--lock-mode",
        action="store_true",
        default=argparse.SUPPRESS,  # `peer-sim --lock-mode serve` works too
        help="trainees cannot switch the mode or own words: an assessment stays one",
    )
    data_dir_option(p, "the folder of the records store for every trainee's runs (default: yours)")

    p = sub.add_parser("export", help="write one run as Markdown, JSON or xAPI statements")
    p.add_argument(
        "run_id", metavar="RUN", help="a run id from `peer-sim runs`, last, or all (finished)"
    )
    p.add_argument("--format", choices=["md", "json", "xapi"], default="md")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    data_dir_option(p)
    trainee_option(p, "with last or all: this trainee's runs")

    p = sub.add_parser("sync", help="send finished runs to a learning record store (xAPI)")
    p.add_argument("--lrs", required=True, metavar="URL", help="the store's xAPI base URL")
    p.add_argument("--user", metavar="USER", help="basic-auth user (default $PEER_SIM_LRS_USER)")
    p.add_argument(
        "--password", metavar="PASS", help="basic-auth password (default $PEER_SIM_LRS_PASSWORD)"
    )
    data_dir_option(p)

    p = sub.add_parser("identity", help="show or set the name and email your records carry")
    p.add_argument("--name", help="a name to put on exports and statements")
    p.add_argument("--email", help="an email to identify you to a record store")
    p.add_argument(
        "--programme",
        metavar="NAME",
        help="the training programme or cohort this store's trainees belong to: every store "
        "naming it gives a trainee one xAPI account, and statements carry it as grouping "
        "('' forgets it)",
    )
    p.add_argument(
        "--anonymous", action="store_true", help="forget the name and email (the default)"
    )
    data_dir_option(p)

    p = sub.add_parser("replay", help="play back a run exported with `export --format json`")
    p.add_argument("file", metavar="FILE", help="the exported JSON file")
    p.add_argument("--plain", action="store_true", help="plain text instead of the app")
    scenarios_option(p)
    data_dir_option(p)
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

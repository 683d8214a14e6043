"""Every subcommand's arguments, for `sim.cli`'s parser: what each command accepts.

Kept apart from `sim.cli` (which runs a command and turns bad input and odd streams
into one line and an exit status) because this is most of the command line's text;
bare `peer-sim` builds none of it (see `build_parser`).
"""

from __future__ import annotations

import argparse

from sim.cli_wording import slips_count, whole


def add_commands(parser: argparse.ArgumentParser) -> None:
    """Add every subcommand, with its arguments and help, to `parser`."""
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

    def paths_and_scenarios(p: argparse.ArgumentParser) -> None:
        # check and test take the same PATH list and read ids the same way.
        p.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="scenario files, folders, or ids from `peer-sim list`",
        )
        scenarios_option(p)

    def trainee_option(p: argparse.ArgumentParser, what: str) -> None:
        p.add_argument("--trainee", metavar="NAME", dest="trainee_sub", help=what)

    p = sub.add_parser("check", help="check scenario files and report problems")
    paths_and_scenarios(p)
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
    paths_and_scenarios(p)
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
    p.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text (default): to read; json: the same report per file, for tools (CI)",
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
    p.add_argument(
        "--release",
        metavar="ID",
        action="append",
        help="keep run ID, still marked as in play (on another machine, say), as left "
        "unfinished, so the next sync sends it (repeatable)",
    )

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
    trainee_option(
        p, "show this trainee's xAPI account, to find their statements in a record store"
    )

    p = sub.add_parser("replay", help="play back a run exported with `export --format json`")
    p.add_argument("file", metavar="FILE", help="the exported JSON file")
    p.add_argument("--plain", action="store_true", help="plain text instead of the app")
    scenarios_option(p)
    data_dir_option(p)

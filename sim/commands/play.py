"""`peer-sim play SCENARIO`: the app, or with --plain the line-by-line player."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.model import Scenario


def parse_script(text: str) -> list[str]:
    """`--choices 2,1,u,3` into answers; numbers and `u` only."""
    parts = [p.strip() for p in text.replace(" ", ",").split(",") if p.strip()]
    for p in parts:
        if not (p.isdigit() or p.lower() == "u"):
            from sim.commands.common import UsageError

            raise UsageError(
                f"--choices takes numbers separated by commas (and u for undo), not '{p}'"
            )
    return parts


def poll_stdin(timeout: float) -> str | None:
    """A line typed within `timeout` seconds ("" at end of input), or None."""
    import select
    import time

    try:
        ready, _, _ = select.select([sys.stdin], [], [], timeout)
    except (OSError, ValueError, TypeError):  # stdin cannot be polled (e.g. a Windows console)
        time.sleep(timeout)
        return None
    return sys.stdin.readline() if ready else None


def load(args: argparse.Namespace) -> Scenario | None:
    """The scenario; with --watch, a broken file is waited for until it loads (None: stopped)."""
    from sim.commands.common import resolve_scenario
    from sim.problems import ScenarioError

    try:
        return resolve_scenario(args.scenario, args.scenarios)
    except ScenarioError as exc:
        if not getattr(args, "watch", False) or not exc.problems:
            raise
        from sim.authoring.watch import wait_until_loads

        return wait_until_loads(exc.problems[0].path, exc.problems, sys.stdout, poll_stdin)


def run(args: argparse.Namespace) -> int:
    if not args.plain:
        from sim.tui.launch import launch

        # The app loads the file itself; with --watch a broken one is waited for first.
        if getattr(args, "watch", False) and load(args) is None:
            return 1
        return launch(scenario=args.scenario, extra_dirs=args.scenarios, mode=args.mode, args=args)
    from sim.authoring.startpoint import describe, parse_start
    from sim.engine import Run
    from sim.loading import catalogue_for_scenario
    from sim.plain.player import ScriptError, play

    scenario = load(args)
    if scenario is None:
        return 1
    script = parse_script(args.choices) if args.choices is not None else None
    start = parse_start(args, scenario)
    watch = None
    if getattr(args, "watch", False) and scenario.path:
        from sim.authoring.watch import Watcher

        watcher = Watcher(scenario.path)

        def watch(run: Run) -> tuple[Run | None, list[str]] | None:
            found = watcher.poll(run)
            return None if found is None else (found.run, found.messages)

    if start:
        print(describe(start))

    def read(prompt: str) -> str | None:
        sys.stdout.write(prompt)
        sys.stdout.flush()
        line = sys.stdin.readline()
        return None if line == "" else line.rstrip("\n")

    try:
        run_ = play(
            scenario,
            catalogue_for_scenario(scenario),
            sys.stdout,
            read,
            mode=args.mode,
            script=script,
            run=Run.begin(scenario, **start),
            watch=watch,
        )
    except ScriptError as exc:
        print(f"peer-sim: {exc}", file=sys.stderr)
        return 1
    return 0 if run_.over else 1

"""`peer-sim play SCENARIO`: the app, or with --plain the line-by-line player."""

from __future__ import annotations

import argparse
import sys


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


def run(args: argparse.Namespace) -> int:
    from sim.commands.common import resolve_scenario

    if not args.plain:
        from sim.tui.launch import launch

        return launch(scenario=args.scenario, extra_dirs=args.scenarios, mode=args.mode, args=args)
    from sim.authoring.startpoint import describe, parse_start
    from sim.engine import Run
    from sim.loading import catalogue_for_scenario
    from sim.plain.player import ScriptError, play

    scenario = resolve_scenario(args.scenario, args.scenarios)
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

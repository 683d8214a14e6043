"""`peer-sim list [PATH]`: what can be played, and which files are broken."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from sim.commands.common import library_paths
    from sim.loading import load_library
    from sim.text import shown

    library = load_library(args.paths or library_paths(args.scenarios))
    for s in library.scenarios:
        print(f"{shown(s.id)}: {s.title} ({s.minutes} min, {s.difficulty})")
        if s.trains:
            print(f"    trains: {', '.join(s.trains)}")
    for broken in library.broken:
        first = broken.problems[0]
        print(
            f"BROKEN {shown(first.path)}: {len(broken.problems)} problem(s); "
            f"first: {first.format()}"
        )
    if args.paths and not library.scenarios and not library.broken:
        # an empty folder or a wrong one listed nothing and said nothing, exit 0
        print(
            f"no scenario files found in {', '.join(shown(p) for p in args.paths)} "
            "(scenario files end in .toml)",
            file=sys.stderr,
        )
        return 1
    return 1 if library.broken else 0

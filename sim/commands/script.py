"""`peer-sim script SCENARIO [--format text|md] [-o FILE]`: a scenario to read through.

For a content review by someone who does not read TOML (a supervisor, a peer with
lived experience): every scene, line, why and ending in order. `-o` writes as
`graph -o` does (whole or not at all, never over a `.toml`).
"""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from sim.authoring.script import render
    from sim.commands.common import resolve_scenario
    from sim.loading.library import principle_titles

    scenario = resolve_scenario(args.scenario, args.scenarios)
    out = render(scenario, args.format, principle_titles(scenario))
    if not getattr(args, "output", None):
        sys.stdout.write(out)
        return 0
    from sim.commands.not_toml import over_toml
    from sim.commands.streams import write_file
    from sim.text import shown_name

    failed = over_toml(args.output, "the script", ".md" if args.format == "md" else ".txt")
    failed = failed or write_file(args.output, out)
    if failed is not None:
        print(f"peer-sim: {failed}", file=sys.stderr)
        return 1
    print(f"wrote {shown_name(args.output)} ({args.format})", file=sys.stderr)
    return 0

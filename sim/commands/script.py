"""`peer-sim script SCENARIO [--format text|md] [-o FILE]`: a scenario to read through.

For a content review by someone who does not read TOML (a supervisor, a peer with
lived experience): every scene, line, why and ending in order. `-o` writes as
`graph -o` does (whole or not at all, never over a `.toml`).
"""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from sim.authoring.script import render
    from sim.commands.common import resolve_scenario
    from sim.commands.not_toml import print_or_write
    from sim.loading.library import principle_titles

    scenario = resolve_scenario(args.scenario, args.scenarios)
    out = render(scenario, args.format, principle_titles(scenario))
    suffix = ".md" if args.format == "md" else ".txt"
    output = getattr(args, "output", None)
    return print_or_write(out, output, "the script", suffix, args.format)

"""`peer-sim graph SCENARIO [--format mermaid|dot] [-o FILE]`: the branching as a picture.

Mermaid pastes into GitHub Markdown inside a ```mermaid block; DOT goes to
Graphviz (`dot -Tsvg`). `-o FILE` writes it as `schema`, `export` and `report`
do (whole or not at all): an author who met `-o` there tried it here and was
refused with a usage error.
"""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from sim.authoring.graph import render
    from sim.commands.common import resolve_scenario
    from sim.commands.not_toml import print_or_write

    scenario = resolve_scenario(args.scenario, args.scenarios)
    suffix = ".dot" if args.format == "dot" else ".mmd"
    output = getattr(args, "output", None)
    return print_or_write(render(scenario, args.format), output, "the drawing", suffix, args.format)

"""`peer-sim graph SCENARIO [--format mermaid|dot]`: the branching as a picture.

Mermaid pastes into GitHub Markdown inside a ```mermaid block; DOT goes to
Graphviz (`dot -Tsvg`).
"""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from sim.authoring.graph import render
    from sim.commands.common import resolve_scenario

    scenario = resolve_scenario(args.scenario, args.scenarios)
    sys.stdout.write(render(scenario, args.format))
    return 0

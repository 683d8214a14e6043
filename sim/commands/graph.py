"""`peer-sim graph SCENARIO [--format mermaid|dot] [-o FILE]`: the branching as a picture.

Mermaid pastes into GitHub Markdown inside a ```mermaid block; DOT goes to
Graphviz (`dot -Tsvg`). `-o FILE` writes it as `schema`, `export` and `report`
do (whole or not at all): an author who met `-o` there tried it here and was
refused with a usage error.
"""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from sim.authoring.graph import render
    from sim.commands.common import resolve_scenario

    scenario = resolve_scenario(args.scenario, args.scenarios)
    text = render(scenario, args.format)
    if not getattr(args, "output", None):
        sys.stdout.write(text)
        return 0
    from sim.commands.not_toml import over_toml
    from sim.commands.streams import write_file
    from sim.text import shown_name

    failed = over_toml(args.output, "the drawing", ".dot" if args.format == "dot" else ".mmd")
    failed = failed or write_file(args.output, text)
    if failed is not None:
        print(f"peer-sim: {failed}", file=sys.stderr)
        return 1
    print(f"wrote {shown_name(args.output)} ({args.format})", file=sys.stderr)
    return 0

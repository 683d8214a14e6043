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
    from sim.commands.streams import write_file
    from sim.text import shown_name

    failed = _over_toml(args.output, args.format) or write_file(args.output, text)
    if failed is not None:
        print(f"peer-sim: {failed}", file=sys.stderr)
        return 1
    print(f"wrote {shown_name(args.output)} ({args.format})", file=sys.stderr)
    return 0


def _over_toml(name: str, fmt: str) -> str | None:
    """Why `-o` may not write this file: a .toml name. `graph my.toml -o my.toml` (the
    scenario's own name, typed from habit) wrote the drawing over the scenario, and a new
    drawing named .toml beside scenarios is read as a broken scenario. No drawing is TOML."""
    from pathlib import Path

    from sim.text import shown_name

    out = Path(name)
    if out.suffix.lower() != ".toml":
        return None
    better = shown_name(str(out.with_suffix(".dot" if fmt == "dot" else ".mmd")))
    why = (
        "it is a TOML file (a scenario, say), and the drawing would replace it"
        if out.exists()
        else "a .toml file beside scenarios is read as one"
    )
    return (
        f"cannot write {shown_name(name)}: {why}; give the drawing its own name, such as {better}"
    )

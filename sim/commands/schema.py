"""`peer-sim schema [--principles] [-o FILE]`: the JSON Schema of the scenario format.

Point an editor at it with a first line `#:schema PATH` in a scenario
(Taplo, Even Better TOML) for completion and validation as you type; in this
repository `.taplo.toml` does that for `scenarios/` without the line.
`--principles` prints the schema of principles.toml instead.
"""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from sim.authoring.schema import schema_text
    from sim.commands.not_toml import print_or_write

    text = schema_text("principles" if getattr(args, "principles", False) else "scenario")
    return print_or_write(text, args.output, "the schema", ".json")

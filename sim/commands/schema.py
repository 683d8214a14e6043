"""`peer-sim schema [--principles] [-o FILE]`: the JSON Schema of the scenario format.

Point an editor at it with a first line `#:schema PATH` in a scenario
(Taplo, Even Better TOML) for completion and validation as you type; in this
repository `.taplo.toml` does that for `scenarios/` without the line.
`--principles` prints the schema of principles.toml instead.
"""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from sim.authoring.schema import schema_text

    text = schema_text("principles" if getattr(args, "principles", False) else "scenario")
    if args.output:
        from sim.commands.not_toml import over_toml
        from sim.commands.streams import write_file

        failed = over_toml(args.output, "the schema", ".json") or write_file(args.output, text)
        if failed is not None:
            print(f"peer-sim: {failed}", file=sys.stderr)
            return 1
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0

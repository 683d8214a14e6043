"""`peer-sim schema [--principles] [-o FILE]`: the JSON Schema of the scenario format.

Point an editor at it with a first line `#:schema PATH` in a scenario
(Taplo, Even Better TOML) for completion and validation as you type; in this
repository `.taplo.toml` does that for `scenarios/` without the line.
`--principles` prints the schema of principles.toml instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    from sim.authoring.schema import schema_text

    text = schema_text("principles" if getattr(args, "principles", False) else "scenario")
    if args.output:
        out = Path(args.output)
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if not out.parent.is_dir():
                reason = f"there is no folder {out.parent}"
            print(f"peer-sim: cannot write {out}: {reason}", file=sys.stderr)
            return 1
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0

"""`peer-sim schema [-o FILE]`: the JSON Schema of the scenario format.

Point an editor at it with a first line `#:schema PATH` in a scenario
(Taplo, Even Better TOML) for completion and validation as you type.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    from sim.authoring.schema import schema_text

    text = schema_text()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0

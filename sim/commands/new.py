"""`peer-sim new NAME`: write NAME.toml, a commented scenario that passes check and test."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from sim.authoring.scaffold import ScaffoldError, create

    try:
        path = create(args.name)
    except ScaffoldError as exc:
        print(f"peer-sim: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    print(f"next: edit it, then run `peer-sim check {path}` and `peer-sim play {path} --plain`")
    return 0

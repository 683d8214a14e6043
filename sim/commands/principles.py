"""`peer-sim principles [PATH]`: the ids an author can use, with what each means.

PATH is a folder (its own principles.toml, else the bundled one) or a
catalogue file. `--toml` prints the catalogue file itself, to start a local
copy from: a folder's principles.toml replaces the bundled catalogue.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sim.cells import wrap


def run(args: argparse.Namespace) -> int:
    from sim.loading import CATALOGUE_NAME, load_catalogue
    from sim.loading.files import read_text
    from sim.text import shown

    target = Path(args.path) if args.path else None
    if target is not None and target.is_dir():
        local = target / CATALOGUE_NAME
        target = local if os.path.lexists(local) else None
    catalogue = load_catalogue(target)
    if args.toml:
        sys.stdout.write(shown(read_text(Path(catalogue.path)), newlines=True))
        return 0
    print(f"Principles in {shown(catalogue.path)}:\n")
    for pid, p in catalogue.principles.items():
        print(pid)
        print(f"    {p.title}")
        for line in wrap(p.summary, 74):
            print(f"    {line}")
        print()
    return 0

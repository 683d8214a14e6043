"""`peer-sim new NAME`: write NAME.toml, a commented scenario that passes check and test."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from sim.authoring.scaffold import ScaffoldError, create
    from sim.shell_words import shell_word
    from sim.text import first_hidden, shown

    try:
        path = create(args.name)
    except ScaffoldError as exc:
        print(f"peer-sim: {exc}", file=sys.stderr)
        return 1
    name = shown(path)
    print(f"wrote {name}")
    from sim.loading import bundled_dir

    if (bundled_dir() / f"{path.stem}.toml").is_file():
        # check warns about it later; saying so now saves a rename after the writing.
        print(
            f"note: '{shown(path.stem)}' is also the id of a bundled scenario, so with "
            "--scenarios the bundled one plays and this file is listed as broken; "
            "rename the file before you share it"
        )
    word = shell_word(path)
    if word is None:  # the folder's name: the file's own is always a valid id
        print(
            f"next: edit it, then, in its folder, run `peer-sim check {path.name}` and "
            f"`peer-sim play {path.name} --plain` (the folder's name holds "
            f"{first_hidden(str(path.parent))}, which cannot be typed as shown)"
        )
    else:
        print(f"next: edit it, then run `peer-sim check {word}` and `peer-sim play {word} --plain`")
    return 0

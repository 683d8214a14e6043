"""`peer-sim list [PATH]`: what can be played, and which files are broken."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from sim.commands.common import library_paths
    from sim.loading import load_library
    from sim.text import shown

    library = load_library(args.paths or library_paths(args.scenarios))
    for s in library.scenarios:
        # an id with a blank in it ('sp .toml') is quoted: it must be typed so after `play`
        listed = _as_typed(s.id)
        print(f"{listed}: {s.title} ({s.minutes} min, {s.difficulty}){_id_note(s.id)}")
        if s.trains:
            print(f"    trains: {', '.join(s.trains)}")
    for broken in library.broken:
        first = broken.problems[0]
        print(
            f"BROKEN {shown(first.path)}: {len(broken.problems)} problem(s); "
            f"first: {first.format()}"
        )
    if args.paths and not library.scenarios and not library.broken:
        # an empty folder or a wrong one listed nothing and said nothing, exit 0
        print(
            f"no scenario files found in {', '.join(shown(p) for p in args.paths)} "
            "(scenario files end in .toml)",
            file=sys.stderr,
        )
        return 1
    return 1 if library.broken else 0


def _valid_id(scenario_id: str) -> bool:
    """Whether the id (a file's stem) is one an id may be; `check` warns about the rest."""
    import re

    from sim.model.types import ID_PATTERN

    return re.match(ID_PATTERN, scenario_id) is not None


def _as_typed(scenario_id: str) -> str:
    """The id as it is typed after `play`: one shell word when the terminal shows it as it
    is. 'a"$(touch x)' was listed in double quotes, "a"$(touch x)"", which a shell pasted
    into runs the command in it (adversarial-19); an id starting with '-' or holding
    what a terminal cannot show cannot follow `play` at all, and is named as before."""
    from sim.shell_words import shell_word
    from sim.text import shown_name

    if not _valid_id(scenario_id) and not scenario_id.startswith("-"):
        word = shell_word(scenario_id)
        if word is not None:
            return word
    return shown_name(scenario_id, spaced=True)


def _id_note(scenario_id: str) -> str:
    """Where the fix for such an id is: `check` names the file to rename it to."""
    return "" if _valid_id(scenario_id) else "; its file name is no valid id (see peer-sim check)"

"""How a report names a path an author can replay: `--choices 2,1,3`, or the whole command.

The checks find paths as the numbers `peer-sim play --choices` takes (as offered,
from 1); worded in one place, every report's paths replay the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from sim.shell_words import suggest


def choices_option(numbers: Sequence[int]) -> str:
    """`--choices 2,1,3` for a path of offered numbers."""
    return "--choices " + ",".join(map(str, numbers))


def replay_command(path: str, numbers: Sequence[int]) -> str:
    """The command that plays `path` along `numbers`, to the moment a report speaks of."""
    # --no-record: an author checking a path is not practising; it stays out of their progress
    rest = "--plain --no-record" + (f" {choices_option(numbers)}" if numbers else "")
    return suggest("peer-sim play", path, rest)

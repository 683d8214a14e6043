"""Helpers the subcommands share: printing problems.

`UsageError` and scenario lookup live in the core (`sim.problems`,
`sim.loading.resolve`) so the app and the authoring tools need not import the
CLI layer; they are re-exported here for the subcommands.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from sim.loading.resolve import library_paths, resolve_scenario
from sim.problems import Problem, UsageError

__all__ = [
    "UsageError",
    "library_paths",
    "opening_records",
    "print_problems",
    "resolve_scenario",
]

SLOW_OPEN = 2.0  # seconds before a wait for the records file is said


@contextmanager
def opening_records(where: str | None) -> Iterator[None]:
    """Say so on stderr when opening the records waits on a lock.

    Another program holding the file (an sqlite3 shell mid-transaction, a
    backup) made `runs` or `play` sit silent for a minute, as if hung.
    """
    from sim.records.location import DB_NAME, data_dir

    def say() -> None:
        path = data_dir(where) / DB_NAME
        print(
            f"(Waiting for {path}: another program is writing it; this may take a minute.)",
            file=sys.stderr,
            flush=True,
        )

    timer = threading.Timer(SLOW_OPEN, say)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def print_problems(problems: list[Problem], stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    for p in problems:
        stream.write(p.format() + "\n")

"""Helpers the subcommands share: printing problems.

`UsageError` and scenario lookup live in the core (`sim.problems`,
`sim.loading.resolve`) so the app and the authoring tools need not import the
CLI layer; they are re-exported here for the subcommands.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
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
def note_if_slow(
    message: Callable[[], str], after: float, terminal_only: bool = True
) -> Iterator[None]:
    """Print `message()` once on stderr if the block is still running after `after` s.

    A long silence reads as a hang. A timer, not hooks in the work, so the work's
    loops stay as they are; `terminal_only` keeps pipes and CI logs as they were.
    """
    if terminal_only and not on_terminal(sys.stderr):
        yield
        return

    def say() -> None:
        print(message(), file=sys.stderr, flush=True)

    timer = threading.Timer(after, say)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def on_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):  # (a closed or replaced stream)
        return False


def opening_records(where: str | None) -> AbstractContextManager[None]:
    """Say so on stderr when opening the records waits on a lock.

    Another program holding the file (an sqlite3 shell mid-transaction, a
    backup) made `runs` or `play` sit silent for a minute, as if hung.
    """
    from sim.records.location import DB_NAME, data_dir

    return note_if_slow(
        lambda: (
            f"(Waiting for {data_dir(where) / DB_NAME}: another program is writing it; "
            "this may take a minute.)"
        ),
        SLOW_OPEN,
        terminal_only=False,
    )


def print_problems(problems: list[Problem], stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    for p in problems:
        stream.write(p.format() + "\n")

"""Helpers the subcommands share: printing problems.

`UsageError` and scenario lookup live in the core (`sim.problems`,
`sim.loading.resolve`) so the app and the authoring tools need not import the
CLI layer; they are re-exported here for the subcommands.
"""

from __future__ import annotations

import sys
from typing import TextIO

from sim.loading.resolve import library_paths, resolve_scenario
from sim.problems import Problem, UsageError

__all__ = ["UsageError", "library_paths", "print_problems", "resolve_scenario"]


def print_problems(problems: list[Problem], stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    for p in problems:
        stream.write(p.format() + "\n")

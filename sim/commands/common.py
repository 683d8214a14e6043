"""Helpers the subcommands share: finding a scenario by path or id, printing problems."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sim.problems import Problem, ScenarioError, did_you_mean

if TYPE_CHECKING:
    from sim.model import Scenario


class UsageError(Exception):
    """Wrong use of the command line: exit status 2, with a sentence saying why."""


def library_paths(extra: list[str] | None) -> list[Path]:
    from sim.loading import bundled_dir

    return [bundled_dir(), *(Path(p) for p in extra or [])]


def resolve_scenario(name: str, extra: list[str] | None = None) -> Scenario:
    """A file path, or the id of a bundled (or `--scenarios`) scenario."""
    from sim.loading import find_scenario_files, load_scenario

    path = Path(name)
    if path.suffix == ".toml" or path.exists():
        if not path.exists():
            raise ScenarioError(
                [
                    Problem(
                        path,
                        "there is no such file",
                        code="unreadable",
                        hint="check the path, or give a scenario id from `peer-sim list`",
                    )
                ]
            )
        return load_scenario(path)
    files = {f.stem: f for f in find_scenario_files(library_paths(extra))}
    if name in files:
        return load_scenario(files[name])
    hint = did_you_mean(name, list(files)) or "see `peer-sim list` for the scenarios you have"
    raise UsageError(f"no scenario called '{name}' ({hint})")


def print_problems(problems: list[Problem], stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    for p in problems:
        stream.write(p.format() + "\n")

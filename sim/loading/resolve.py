"""Find a scenario by file path or by id, for every shell (CLI, plain player, app).

It lives in the core, not beside the subcommands, so the app and the authoring
tools can name a scenario the way the command line does without importing the
CLI layer.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sim.problems import Problem, ScenarioError, UsageError, did_you_mean
from sim.text import shown

if TYPE_CHECKING:
    from sim.model import Scenario


def library_paths(extra: list[str] | None) -> list[Path]:
    """The bundled library first, then any folders given with `--scenarios`."""
    from sim.loading import bundled_dir

    return [bundled_dir(), *(Path(p) for p in extra or [])]


def resolve_scenario(name: str, extra: list[str] | None = None) -> Scenario:
    """A file path, or the id of a bundled (or `--scenarios`) scenario.

    Raises ScenarioError for a file that is missing or broken, UsageError for
    an id nobody has (with the closest id as a hint).
    """
    from sim.loading import catalogue_for, find_scenario_files, load_scenario
    from sim.refused import file_in_the_way

    path = Path(name)
    # lexists: a link loop or a dangling link is reported by the reader, by name
    if path.suffix == ".toml" or os.path.lexists(path):
        if not os.path.lexists(path):
            raise ScenarioError(
                [
                    Problem(
                        path,
                        "there is no such file"
                        + (f": {in_the_way}" if (in_the_way := file_in_the_way(path)) else ""),
                        code="unreadable",
                        hint="check the path, or give a scenario id from `peer-sim list`",
                    )
                ]
            )
        return load_scenario(path)
    # The first file with an id that loads wins, as in `peer-sim list` and the app, which
    # name a later file with the same id (a bundled id reused in --scenarios) as broken.
    # A broken file does not claim its id there, so it must not here: `play x` refused
    # with a/x.toml's mistake while `list` and the app offered b/x.toml as x.
    files: dict[str, list[Path]] = {}
    for f in find_scenario_files(library_paths(extra)):
        files.setdefault(f.stem, []).append(f)
    if name in files:
        first: ScenarioError | None = None
        for f in files[name]:
            # A file beside a broken principles.toml still claims its id in the library
            # (listed, and saying why when opened), so here it is that file's error.
            catalogue = catalogue_for(f)
            try:
                return load_scenario(f, catalogue)
            except ScenarioError as exc:
                first = first or exc
        assert first is not None
        raise first
    beside = Path(name + ".toml")
    if os.path.lexists(beside):
        # An author's draft in this folder: ids name the library, files need their path.
        hint = (
            f"an id names a scenario in the library; for the file here, give its path: "
            f"{shown(str(beside))}"
        )
    else:
        hint = did_you_mean(name, list(files)) or "see `peer-sim list` for the scenarios you have"
    raise UsageError(f"no scenario called '{shown(name)}' ({hint})")

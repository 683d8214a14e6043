"""Reading the library for the app, off the UI thread.

`read_library` is what the app's loading worker runs: every scenario folder,
the principle titles each scenario's debrief and library entry need, and the
scenario named on the command line (an id or a file). It touches no widget
and imports no Textual, so it can run in a thread and be tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sim.loading import Library
    from sim.model import Scenario

Titles = dict[str, dict[str, str]]
"""Principle titles by scenario id, then principle id."""


@dataclass
class LoadedLibrary:
    library: Library
    titles: Titles = field(default_factory=dict)
    found: Scenario | None = None
    """The scenario asked for by name or path, when it loaded."""
    problem: str = ""
    """Why the scenario asked for could not be opened ("" when it could, or none was asked)."""
    by_id: bool = False
    """It was asked for by its id (`peer-sim play check-in-call`), not as a file."""


def read_library(paths: Sequence[str | Path], initial: Scenario | str | None) -> LoadedLibrary:
    """Load `paths`, and `initial` when it is a name or a path rather than a loaded scenario."""
    from sim.loading.index import list_library
    from sim.text import shown

    # the index answers for every file that has not changed (no pydantic);
    # the rest are read in full and the index updated
    listing = list_library(paths)
    library, titles = listing.library, listing.titles
    loaded = LoadedLibrary(library, titles)
    if isinstance(initial, str):
        path = Path(initial)
        if path.suffix == ".toml" or path.exists():
            from sim.loading import load_scenario  # pydantic: only when a file is named
            from sim.problems import ScenarioError

            try:
                loaded.found = load_scenario(path)
            except ScenarioError as exc:
                loaded.problem = str(exc)
        else:
            loaded.by_id = True
            loaded.found = library.get(initial)
            if loaded.found is None:
                loaded.problem = f"There is no scenario called '{shown(initial)}'."
    opened = loaded.found if loaded.found is not None else initial
    if not isinstance(opened, str) and opened is not None and opened.path:
        # opened on a file: the library it returns to lists that file too
        add_to_library(library, titles, opened)
    return loaded


def add_to_library(library: Library, titles: Titles, scenario: Scenario) -> None:
    """List `scenario` first (in place of its own entry when it is in the library)."""
    from sim.loading import principle_titles

    here = Path(scenario.path).resolve()
    scenarios = library.scenarios
    same = [i for i, sc in enumerate(scenarios) if sc.path and Path(sc.path).resolve() == here]
    if same:
        scenarios[same[0]] = scenario
        return
    scenarios.insert(0, scenario)
    names = principle_titles(scenario)
    if names:
        titles.setdefault(scenario.id, names)


def listed_from_index(paths: Sequence[str | Path]) -> LoadedLibrary | None:
    """The library from the index alone (nothing parsed, no pydantic), or None.

    None when the index cannot answer for every file (a new or changed file,
    a first start): then the worker's `read_library` lists it.
    """
    from sim.loading.index import list_library

    listing = list_library(paths, load=False)
    if listing.pending or not (listing.library.scenarios or listing.library.broken):
        return None
    return LoadedLibrary(listing.library, listing.titles)

"""Where scenario files are, and the shape of a library of them: no pydantic here.

Split from `sim.loading.library` so that listing a library from the index
(`sim.loading.index`) finds the same files in the same order without
importing the models.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.loading.files import find_toml

if TYPE_CHECKING:
    from sim.problems import ScenarioError

CATALOGUE_NAME = "principles.toml"
DIFFICULTY_ORDER = {"introductory": 0, "intermediate": 1, "advanced": 2}


@lru_cache(maxsize=1)
def bundled_dir() -> Path:
    """The scenarios shipped with peer-sim.

    In a wheel they sit inside the package (`sim/scenarios`); in a source
    checkout they are the top-level `scenarios/` folder authors edit.
    """
    here = Path(__file__).resolve().parent.parent
    inside = here / "scenarios"
    return inside if inside.is_dir() else here.parent / "scenarios"


def find_scenario_files(paths: Iterable[Path | str]) -> list[Path]:
    """Scenario files under `paths` (folders searched recursively), in a stable order.

    A file reached twice (the same folder given as `lib` and `./lib`, or
    `--scenarios` naming the bundled folder) is kept once: it was listed as
    broken, "another scenario already has the id" of itself. Two names for
    one file's contents (a link beside it) are two ids and both stay.
    """
    files: list[Path] = []
    seen: set[tuple[str, str]] = set()
    for entry in paths:
        p = Path(entry)
        found = [f for f in find_toml(p) if f.name != CATALOGUE_NAME] if p.is_dir() else [p]
        for f in found:
            key = (_real_folder(f), f.name)
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files


def _real_folder(file: Path) -> str:
    try:
        return os.path.realpath(file.parent)
    except (OSError, ValueError):
        return str(file.parent)


def library_order(scenario: Any) -> tuple[int, int, str]:
    """Trainees start at the top: introductory first; within a level, the
    author's `order` (a programme's sequence: the gentlest first), then by title."""
    order = getattr(scenario, "order", None)
    return (
        DIFFICULTY_ORDER.get(scenario.difficulty, 9),
        order if isinstance(order, int) else 1000,
        scenario.title.lower(),
    )


@dataclass
class Library:
    """Every scenario that loaded, and every file that did not, with why.

    `scenarios` holds `Scenario` models from `load_library`, or the index's
    `Summary` entries (the same listing fields, no pydantic) from `list_library`.
    """

    scenarios: list[Any] = field(default_factory=list)
    broken: list[ScenarioError] = field(default_factory=list)

    def get(self, scenario_id: str) -> Any:
        """The scenario with this id, validated in full; None if absent or now broken.

        An entry listed from the index is a summary: it is loaded here (and
        replaces its summary), so whoever asks for a scenario to play,
        resume or replay gets the real one.
        """
        for i, item in enumerate(self.scenarios):
            if item.id == scenario_id:
                full = self.full(item)
                if full is not None and full is not item:
                    self.scenarios[i] = full
                return full
        return None

    @staticmethod
    def full(item: Any) -> Any:
        """`item` itself, or the scenario its summary stands for (None if it no longer loads)."""
        path = getattr(item, "summarised", None)
        if path is None:
            return item
        from sim.loading.library import load_scenario
        from sim.problems import ScenarioError

        try:
            return load_scenario(Path(path))
        except ScenarioError:
            return None

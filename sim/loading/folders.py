"""Where scenario files are, and the shape of a library of them: no pydantic here.

Split from `sim.loading.library` so that listing a library from the index
(`sim.loading.index`) finds the same files in the same order without
importing the models.
"""

from __future__ import annotations

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
    """Scenario files under `paths` (folders searched recursively), in a stable order."""
    files: list[Path] = []
    for entry in paths:
        p = Path(entry)
        if p.is_dir():
            files.extend(f for f in find_toml(p) if f.name != CATALOGUE_NAME)
        else:
            files.append(p)
    return files


def library_order(scenario: Any) -> tuple[int, str]:
    """Trainees start at the top: introductory first, then by title."""
    return (DIFFICULTY_ORDER.get(scenario.difficulty, 9), scenario.title.lower())


@dataclass
class Library:
    """Every scenario that loaded, and every file that did not, with why.

    `scenarios` holds `Scenario` models from `load_library`, or the index's
    `Summary` entries (the same listing fields, no pydantic) from `list_library`.
    """

    scenarios: list[Any] = field(default_factory=list)
    broken: list[ScenarioError] = field(default_factory=list)

    def get(self, scenario_id: str) -> Any:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

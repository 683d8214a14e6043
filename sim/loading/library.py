"""Find scenario files, load them with their catalogue, keep the broken ones visible."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sim.loading.crossref import cross_reference
from sim.loading.explain import explain
from sim.loading.locate import Locator
from sim.loading.toml_read import parse_toml, read_toml
from sim.loading.where import Where
from sim.model import Catalogue, Scenario
from sim.problems import Problem, ScenarioError
from sim.text import clean_tree, may_need_cleaning

CATALOGUE_NAME = "principles.toml"
DIFFICULTY_ORDER = {"introductory": 0, "intermediate": 1, "advanced": 2}
# Pass as `catalogue` to skip principle checks (when the catalogue itself is broken
# and already reported), instead of looking the catalogue up again.
NO_CATALOGUE: Any = object()


@lru_cache(maxsize=1)
def bundled_dir() -> Path:
    """The scenarios shipped with peer-sim.

    In a wheel they sit inside the package (`sim/scenarios`); in a source
    checkout they are the top-level `scenarios/` folder authors edit.
    """
    here = Path(__file__).resolve().parent.parent
    inside = here / "scenarios"
    return inside if inside.is_dir() else here.parent / "scenarios"


def _validate(path: Path, model: type[BaseModel], data: dict[str, Any], text: str) -> Any:
    if may_need_cleaning(text):
        data = clean_tree(data)  # type: ignore[assignment]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(explain(path, exc, model, Locator(text), data)) from None


@lru_cache(maxsize=32)
def load_catalogue(path: Path | None = None) -> Catalogue:
    """The principle catalogue at `path`, or the bundled one (read once per process)."""
    path = path or bundled_dir() / CATALOGUE_NAME
    data, text = read_toml(path)
    catalogue: Catalogue = _validate(path, Catalogue, data, text)
    catalogue._path = str(path)
    return catalogue


def catalogue_for(scenario_path: Path) -> Catalogue:
    """A folder's own principles.toml wins, so an author can add principles locally."""
    local = scenario_path.parent / CATALOGUE_NAME
    return load_catalogue(local if local.is_file() else None)


def catalogue_for_scenario(scenario: Scenario) -> Catalogue:
    return catalogue_for(Path(scenario.path)) if scenario.path else load_catalogue()


def load_scenario(
    path: Path | str, catalogue: Catalogue | None = None, raw: bytes | None = None
) -> Scenario:
    """One scenario, validated and cross-referenced; raises ScenarioError only."""
    path = Path(path)
    data, text = parse_toml(path, raw) if raw is not None else read_toml(path)
    scenario: Scenario = _validate(path, Scenario, data, text)
    if catalogue is None:
        catalogue = catalogue_for(path)
    elif catalogue is NO_CATALOGUE:  # the caller reports a broken catalogue itself
        catalogue = None
    found = cross_reference(scenario, catalogue)
    if found:
        where = Where(path, text)
        problems = [
            where.problem(loc, message, hint, code=code) for loc, message, hint, code in found
        ]
        raise ScenarioError(problems)
    scenario._id = path.stem
    scenario._path = str(path)
    return scenario


def find_scenario_files(paths: Iterable[Path | str]) -> list[Path]:
    """Scenario files under `paths` (folders searched recursively), in a stable order."""
    files: list[Path] = []
    for entry in paths:
        p = Path(entry)
        if p.is_dir():
            files.extend(
                f
                for f in sorted(p.rglob("*.toml"))
                if f.name != CATALOGUE_NAME
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        else:
            files.append(p)
    return files


@dataclass
class Library:
    """Every scenario that loaded, and every file that did not, with why."""

    scenarios: list[Scenario] = field(default_factory=list)
    broken: list[ScenarioError] = field(default_factory=list)

    def get(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)


def load_library(paths: Iterable[Path | str] | None = None) -> Library:
    """Every scenario under `paths` (default: the bundled library)."""
    # Thousands of long-lived model objects make the cyclic GC rescan an
    # ever-growing heap (measured: +40% load time for 1,000 files); loading
    # creates no cycles worth collecting, so pause it for the batch.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_library(paths)
    finally:
        if was_enabled:
            gc.enable()


def _load_library(paths: Iterable[Path | str] | None) -> Library:
    library = Library()
    seen: dict[str, str] = {}
    catalogues: dict[Path, Catalogue | ScenarioError] = {}  # one look per folder
    for file in find_scenario_files(paths if paths is not None else [bundled_dir()]):
        catalogue = catalogues.get(file.parent)
        if catalogue is None:
            try:
                catalogue = catalogue_for(file)
            except ScenarioError as exc:
                catalogue = exc
            catalogues[file.parent] = catalogue
        if isinstance(catalogue, ScenarioError):
            library.broken.append(catalogue)
            continue
        try:
            scenario = load_scenario(file, catalogue)
        except ScenarioError as exc:
            library.broken.append(exc)
            continue
        if scenario.id in seen:
            library.broken.append(
                ScenarioError(
                    [
                        Problem(
                            file,
                            f"another scenario already has the id '{scenario.id}' ({seen[scenario.id]})",
                            hint="rename one of the files: the file name is the scenario id",
                            code="duplicate-id",
                        )
                    ]
                )
            )
            continue
        seen[scenario.id] = str(file)
        library.scenarios.append(scenario)
    # Trainees start at the top: introductory first, then by title.
    library.scenarios.sort(key=lambda s: (DIFFICULTY_ORDER.get(s.difficulty, 9), s.title.lower()))
    return library

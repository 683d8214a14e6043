"""Load scenario files and the principle catalogue, or say exactly what is wrong.

The one promise: bad input raises `ScenarioError` (carrying every problem,
each with file, line, key path and a hint) and nothing else. A folder with a
broken file still loads the good ones; the broken ones are reported beside.

Names are imported on first use (PEP 562), so `sim.loading.index` and
`sim.loading.folders` can list a library without importing pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.loading.folders import CATALOGUE_NAME, Library, bundled_dir, find_scenario_files
    from sim.loading.library import (
        NO_CATALOGUE,
        catalogue_for,
        catalogue_for_scenario,
        load_catalogue,
        load_library,
        load_scenario,
        principle_titles,
    )

_WHERE = {
    "CATALOGUE_NAME": "sim.loading.folders",
    "Library": "sim.loading.folders",
    "bundled_dir": "sim.loading.folders",
    "find_scenario_files": "sim.loading.folders",
    "NO_CATALOGUE": "sim.loading.library",
    "catalogue_for": "sim.loading.library",
    "catalogue_for_scenario": "sim.loading.library",
    "load_catalogue": "sim.loading.library",
    "load_library": "sim.loading.library",
    "load_scenario": "sim.loading.library",
    "principle_titles": "sim.loading.library",
}

__all__ = [
    "CATALOGUE_NAME",
    "NO_CATALOGUE",
    "Library",
    "bundled_dir",
    "catalogue_for",
    "catalogue_for_scenario",
    "find_scenario_files",
    "load_catalogue",
    "load_library",
    "load_scenario",
    "principle_titles",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'sim.loading' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

"""Load scenario files and the principle catalogue, or say exactly what is wrong.

The one promise: bad input raises `ScenarioError` (carrying every problem,
each with file, line, key path and a hint) and nothing else. A folder with a
broken file still loads the good ones; the broken ones are reported beside.
"""

from sim.loading.library import (
    CATALOGUE_NAME,
    NO_CATALOGUE,
    Library,
    bundled_dir,
    catalogue_for,
    catalogue_for_scenario,
    find_scenario_files,
    load_catalogue,
    load_library,
    load_scenario,
)

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
]

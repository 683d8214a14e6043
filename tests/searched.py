"""The state search of a scenario file, once a test session.

`cover` (every reachable state, with the moves between them) is the slowest
step the suite takes: up to a minute and a half a bundled scenario on a busy
two-core machine. The content tests (every branch reached, every line fair
against the lines beside it), the replay tests (the paths `peer-sim test`
prints end where it says) and the records tests (a run to each outcome) read
the same search, so it runs once a file and only its small results are kept.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.authoring.coverage import Coverage, StateGraph, cover
from sim.authoring.fairness import FairnessReport, unfair_lines

if TYPE_CHECKING:
    from sim.model import Scenario


@dataclass(frozen=True)
class Searched:
    coverage: Coverage
    fairness: FairnessReport | None  # None when the search stopped at its bound


_DONE: dict[tuple[str, int, int], Searched] = {}


def searched(scenario: Scenario) -> Searched:
    """`cover` and `unfair_lines` on one graph, for `scenario` as its file now stands."""
    if not scenario.path:  # made in memory: nothing to know it again by
        return _search(scenario)
    stat = os.stat(scenario.path)  # a test that rewrites a file is searched afresh
    key = (scenario.path, stat.st_mtime_ns, stat.st_size)
    if key not in _DONE:
        _DONE[key] = _search(scenario)
    return _DONE[key]


def _search(scenario: Scenario) -> Searched:
    graph = StateGraph()
    found = cover(scenario, graph=graph)
    return Searched(found, unfair_lines(scenario, graph) if found.complete else None)

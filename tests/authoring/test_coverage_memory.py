"""`peer-sim test`'s walk over concrete states holds little per state.

Counted, not timed: the bytes `coverage.cover` allocates at its peak
(tracemalloc), per state, on a hub of once-only topics (benchmarks/gen_hub.py),
where every state has its own set of flags. Each (scene, flags, visited) held
two frozensets: 1,016 bytes a state at 12 topics, and `test` on hub 18 peaked
at 461 MB in this walk. Held as bits of an int (sim.authoring.namebits), as the
exploration holds them: ~380 bytes.
"""

from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path

from sim.authoring.coverage import StateGraph, cover

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_hub import carrying, hub  # noqa: E402


def _walked(scenario):
    """The walk's answer, its graph and the peak bytes it allocated getting there."""
    graph = StateGraph()
    tracemalloc.start()
    try:
        cov = cover(scenario, graph=graph)
        return cov, graph, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_hub_of_twelve_topics_costs_under_600_bytes_a_state(make):
    cov, graph, peak = _walked(make(hub(12), name="hub"))
    assert cov.complete and cov.states == 2**12  # every subset of the topics, once
    assert len(graph.combos) == 2**12
    assert peak / cov.states < 600, f"{peak / cov.states:.0f} bytes a state"
    # The bits still say which topics each state has had: every subset once.
    sets = {graph.flag_names.names_of(f) for _sid, f, _v in graph.combos}
    assert len(sets) == 2**12 and max(map(len, sets)) == 12
    assert set(cov.endings) == {"good", "meh"} and not cov.stuck


def test_flags_every_state_carries_cost_bits_not_a_table(make):
    """60 flags set on the first line and carried to the end: as frozensets each state
    held a table of them, 2,621 bytes a state; as bits, ~400."""
    cov, graph, peak = _walked(make(carrying(12, 60), name="carrying"))
    assert cov.complete and cov.states == 2**12 + 1  # (the first scene, then the hub)
    assert peak / cov.states < 700, f"{peak / cov.states:.0f} bytes a state"
    assert set(cov.endings) == {"good", "meh"}

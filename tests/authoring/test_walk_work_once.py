"""`peer-sim test`'s state walk and fairness comparison do per (scene, flags, visited) and
per scene what does not change from state to state (speed43: a file of 50 scenes x 50
lines that only go round took ~100 s CPU, 510,050 states, about 45 s in each), and
answer exactly as they did.

Counted, not timed: the names of a combination's flags are worked out for its first
two states, not for each; the "easier line" beside a safety line is looked for only in
scenes that have one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import sim.authoring.coverage as coverage
import sim.authoring.fairness as fairness
from sim.authoring.coverage import StateGraph, cover
from sim.authoring.fairness import unfair_lines
from sim.authoring.namebits import NameBits
from sim.loading import load_scenario

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from test_command_bench import looping  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def _graph(scenario) -> tuple:
    graph = StateGraph()
    cov = cover(scenario, graph=graph)
    arrays = tuple(
        bytes(a)
        for a in (
            graph.codes,
            graph.parent,
            graph.via,
            graph.start,
            graph.index,
            graph.number,
            graph.target,
        )
    )
    return cov, arrays, list(graph.combos), graph


def test_a_combination_names_its_flags_for_two_states_not_each(make, monkeypatch):
    scenario = make(looping(6), name="loops")
    calls = []
    real = NameBits.names_of

    def counting(self, mask):
        calls.append(mask)
        return real(self, mask)

    monkeypatch.setattr(NameBits, "names_of", counting)
    graph = StateGraph()
    cov = cover(scenario, graph=graph)
    assert cov.states > 10_000 and len(graph.combos) == 6
    # two names (flags, scenes) for a combination's first and second states
    assert len(calls) <= 4 * len(graph.combos)


@pytest.mark.parametrize("name", ["family-pressure", "be-my-sponsor"])
def test_the_walk_is_the_same_when_nothing_is_kept(name, monkeypatch):
    """What is kept per combination changes no state, move, path or answer: the walk with
    it forgotten at every state (`COMBO_MEMO` 1) builds the same graph."""
    scenario = load_scenario(ROOT / "scenarios" / f"{name}.toml")
    kept = _graph(scenario)
    monkeypatch.setattr(coverage, "COMBO_MEMO", 1)
    forgotten = _graph(scenario)
    assert kept[:3] == forgotten[:3]
    assert unfair_lines(scenario, kept[3]) == unfair_lines(scenario, forgotten[3])
    assert cover(scenario, max_states=500, depth_first=True) == (
        cover(scenario, max_states=500, depth_first=True)
    )


def test_the_easier_line_is_looked_for_only_beside_a_safety_line(make, monkeypatch):
    scenario = make(looping(5), name="loops")  # no safety line anywhere
    graph = StateGraph()
    cover(scenario, graph=graph)
    calls = []
    real = fairness._open
    monkeypatch.setattr(fairness, "_open", lambda line: calls.append(line) or real(line))
    report = unfair_lines(scenario, graph)
    assert report.complete and report.lines == 0
    # once per line but the best one, for the weaker line beside it; not twice
    assert len(calls) <= len(graph.target)

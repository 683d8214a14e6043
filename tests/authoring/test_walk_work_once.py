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


def _reference(scenario, graph):
    """The comparison as it was written before speed43, line by line: the answer to match."""
    from dataclasses import replace

    from sim.authoring.fairness import NONE, Broken, _open, _outcome, best_open, is_safety
    from sim.engine import strength

    safe, critical, rank = set(), set(), {}
    for sid, scene in scenario.scenes.items():
        for i, c in enumerate(scene.choices):
            rank[(sid, i)] = strength(c)
            if is_safety(c):
                safe.add((sid, i))
            elif c.critical:
                critical.add((sid, i))
    best = best_open(graph)
    first, counts = {}, {}

    def judge(rule, nid, line, against, broken):
        sid = graph.scene(nid)
        i, n, v = line
        tally = counts.setdefault((rule, sid, i), [0, 0])
        tally[1] += 1
        if broken:
            tally[0] += 1
            if (rule, sid, i) not in first:
                other, other_n, top = against
                first[(rule, sid, i)] = Broken(
                    rule,
                    sid,
                    i,
                    n,
                    graph.path(nid),
                    v,
                    other,
                    other_n,
                    top,
                    meters=graph.meters(nid),
                )

    for nid in range(len(graph.start)):
        edges = graph.edges(nid)
        if len(edges) < 2:
            continue
        sid = graph.scene(nid)
        after = [(graph.index[k], graph.number[k], _outcome(graph.target[k], best)) for k in edges]
        easier = max((a for a in after if (sid, a[0]) not in safe), key=_open, default=None)
        model = max(after, key=lambda line: rank[(sid, line[0])])
        weaker = max((a for a in after if a is not model), key=_open)
        for line in after:
            if (sid, line[0]) in safe and easier is not None:
                judge("safety", nid, line, easier, line[2] < easier[2])
            elif (sid, line[0]) in critical and (sid, model[0]) not in critical:
                judge("slip", nid, line, model, line[2] > model[2])
        said = ((sid, model[0]) in safe and (sid, weaker[0]) not in safe) or (
            (sid, weaker[0]) in critical
        )
        judge("best", nid, model, weaker, weaker[2] > model[2] and not said)
    assert NONE == -1
    return [replace(b, states=counts[k][0], offered=counts[k][1]) for k, b in first.items()]


def _uneven(seed: int) -> str:
    """Scenes whose best line costs trust and whose lines are offered by trust: the best
    line trails a weaker one in many states, with some lines held back."""
    import random

    rng = random.Random(seed)
    n, k = 6, 4
    text = looping(1).split("[scenes.s0]")[0]
    for i in range(n):
        text += f'\n[scenes.s{i}]\nspeaker = "sam"\ntext = "Scene {i}."\n'
        best = rng.randrange(k)
        for j in range(k):
            goto = "@outcome" if rng.random() < 0.25 else f"s{rng.randrange(n)}"
            when = (
                "" if rng.random() < 0.6 else f"when = {{ min_trust = {rng.randrange(20, 60)} }}\n"
            )
            text += (
                f'\n[[scenes.s{i}.choices]]\nsay = "Line {j} in scene {i}"\ngoto = "{goto}"\n'
                f"trust = {rng.randrange(-6, 7)}\n"
                'principles = { active-listening = "honours" }\nwhy = "Because."\n'
                + ("best = true\n" if j == best else "")
                + when
            )
    text += (
        '\n[endings.good]\ntitle = "Good"\ntext = "Good."\noutcome = "strong"\n'
        "when = { min_trust = 55 }\n"
        '\n[endings.done]\ntitle = "Done"\ntext = "Done."\noutcome = "poor"\n'
    )
    return text


@pytest.mark.parametrize("seed", range(6))
def test_the_comparison_answers_as_it_did_line_by_line(make, seed):
    scenario = make(_uneven(seed), name=f"uneven{seed}")
    graph = StateGraph()
    assert cover(scenario, graph=graph).complete
    report = unfair_lines(scenario, graph)
    assert report.broken == _reference(scenario, graph)
    if seed == 0:
        assert report.trailing  # (the case is one where the rule has findings)


def test_a_move_to_an_ending_is_landed_by_its_meters_alone_once_known(make, monkeypatch):
    """Which endings' flag and scene parts hold after a move to "@outcome" is worked out
    per (scene, flags, visited) and move, not per state: only the meter limits are left."""
    from sim.authoring.shape import Shape

    scenario = make(_uneven(0), name="uneven")
    calls = []
    real = Shape.land_one
    monkeypatch.setattr(Shape, "land_one", lambda self, *a: calls.append(a) or real(self, *a))
    graph = StateGraph()
    cov = cover(scenario, graph=graph)
    to_endings = sum(1 for to in graph.target if to < 0 and to != coverage.NOWHERE)
    assert cov.states > 500 and to_endings > 400
    # a combination's first two states land their moves one by one; the rest reuse it
    assert len(calls) <= 2 * sum(len(s.choices) for s in scenario.scenes.values())

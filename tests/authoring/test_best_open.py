"""The best outcome still open from each state: right on any graph, and found in a
few steps per move however far the endings lie from the start.

A long staircase of scenes walked back down to its ending once took a forward pass
per stair (minutes for `peer-sim test` on a hostile file); the count of moves read
below says so without timing anything.
"""

from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from sim.authoring.coverage import NOWHERE, StateGraph, cover
from sim.authoring.fairness import NONE, best_open


class Reads(array):
    """An int array that counts how many of its items are read."""

    def __new__(cls, items):
        made = super().__new__(cls, "i", items)
        made.reads = 0
        return made

    def __getitem__(self, key):
        got = super().__getitem__(key)
        self.reads += len(got) if isinstance(key, slice) else 1
        return got

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]


def graph_of(moves: list[list[int]]) -> StateGraph:
    """A graph from each node's targets (node ids, -1 - rank for an ending, NOWHERE)."""
    g = StateGraph()
    for out in moves:
        g.add(0, -1, 0)
        g.start.append(len(g.target))
        for i, to in enumerate(out):
            g.index.append(i)
            g.number.append(i + 1)
            g.target.append(to)
    return g


def reference(moves: list[list[int]]) -> list[int]:
    """The best ending each node reaches, by a search from every node."""
    out = []
    for n in range(len(moves)):
        top, seen, todo = NONE, {n}, [n]
        while todo:
            for to in moves[todo.pop()]:
                if to >= 0:
                    if to not in seen:
                        seen.add(to)
                        todo.append(to)
                elif to != NOWHERE:
                    top = max(top, -1 - to)
        out.append(top)
    return out


@st.composite
def graphs(draw) -> list[list[int]]:
    n = draw(st.integers(1, 12))
    move = st.one_of(
        st.integers(0, n - 1), st.sampled_from([-1, -2, -3, NOWHERE])
    )  # a node, an ending of rank 0..2, nowhere
    return [draw(st.lists(move, max_size=4)) for _ in range(n)]


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_the_best_outcome_open_is_the_best_ending_any_way_on_reaches(moves):
    assert best_open(graph_of(moves)) == reference(moves)


STAIRS = 60


def stairs() -> str:
    """Scenes c0..c59 in a row: up or down a stair, the endings only at the bottom."""
    parts = [
        'format = 1\ntitle = "Stairs"\nsummary = "S."\nsetting = "A room."\nminutes = 5\n'
        'difficulty = "introductory"\nstart = "c0"\n\n[meters]\ntrust = 50\nempowerment = 50\n\n'
        '[characters.ana]\nname = "Ana"\n'
    ]
    for i in range(STAIRS):
        parts.append(f'[scenes.c{i}]\nspeaker = "ana"\ntext = "Step {i}."\n')
        if i + 1 < STAIRS:
            parts.append(
                f'[[scenes.c{i}.choices]]\nsay = "Up."\ngoto = "c{i + 1}"\n'
                'principles = { active-listening = "honours" }\nwhy = "Up."\n'
            )
        down = f"c{i - 1}" if i else "good"
        parts.append(
            f'[[scenes.c{i}.choices]]\nsay = "Down."\ngoto = "{down}"\n'
            'principles = { active-listening = "neutral" }\nwhy = "Down."\n'
        )
    parts.append('[[scenes.c0.choices]]\nsay = "Go."\ngoto = "bad"\nwhy = "Go."\n')
    parts.append(
        '[endings.good]\ntitle = "Good"\noutcome = "strong"\ntext = "Good."\n\n'
        '[endings.bad]\ntitle = "Bad"\noutcome = "poor"\ntext = "Bad."\n'
    )
    return "\n".join(parts)


def test_a_long_way_back_to_the_endings_reads_each_move_a_few_times(make):
    graph = StateGraph()
    assert cover(make(stairs()), graph=graph).complete
    moves = len(graph.target)
    graph.target = Reads(graph.target)
    best = best_open(graph)
    assert best == [2] * STAIRS  # the strong ending is open from every stair
    assert graph.target.reads <= 3 * moves  # was a pass per stair: about 60 times the moves

"""What exploring a scenario found, and the linear answer when exploring is too big.

`sim.authoring.explore` is the exact search (every state, memoised); this is
what it hands back (`Exploration`, read by every lint rule and `peer-sim
test`), the loops with no way out worked from its graph (`trapped_loops`),
and `structural`, the link-level fallback lint uses past the state bound,
which answers the same questions from links alone, so its unreachable is
always really unreachable. Kept apart so a rule that reads the results need
not read the search's hot loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sim.authoring import meters
from sim.authoring.shape import OUTCOME, Shape, compile_shape

if TYPE_CHECKING:
    from sim.model import Scenario

MAX_NODES = 200_000

# A node of the search: (scene, live flags, live visited scenes).
Key = tuple[str, frozenset[str], frozenset[str]]


@dataclass
class Exploration:
    """What can happen in a scenario, as far as the explorer got."""

    shape: Shape
    complete: bool = True
    bound: int = MAX_NODES
    nodes: int = 0
    meter_states: int = 0
    reached: set[str] = field(default_factory=set)
    offered: set[tuple[str, int]] = field(default_factory=set)
    endings: dict[str, int] = field(default_factory=dict)  # ending -> meter bits
    dead_ends: dict[str, tuple[int, int, frozenset[str]]] = field(default_factory=dict)
    stuck: dict[str, list[str]] = field(default_factory=dict)  # first scene -> loop scenes
    immediate: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    scene_bits: dict[str, int] = field(default_factory=dict)  # scene -> pairs (`collect` only)
    # scene -> (live flags, visited scenes) on arrival -> pairs (`collect` only), to say
    # which part of a condition never holds there (`sim.authoring.never`)
    arrivals: dict[str, dict[tuple[frozenset[str], frozenset[str]], int]] = field(
        default_factory=dict
    )
    outcome_bits: int = 0  # meter pairs with which "@outcome" is reached
    # Texts that can show: ("scene", sid, i), ("ending", eid, i), ("reflect", i); i = -1
    # for a scene's or ending's base text.
    shown: set[tuple] = field(default_factory=set)
    # Choices that go straight to an ending a critical slip before them rules out:
    # (scene, index) -> (ending, flags there).
    cap_breaks: dict[tuple[str, int], tuple[str, frozenset[str]]] = field(default_factory=dict)
    # cap rank -> ending -> meter pairs, for runs holding a critical slip.
    capped_endings: dict[int, dict[str, int]] = field(default_factory=dict)
    # The same scenario explored with caps ignored (lint makes it only when an
    # ending is never reached, to say whether a cap is the reason).
    uncapped: Exploration | None = None
    # The same again keeping the states "@outcome" picks an ending for (`collect` of
    # "@outcome" and explore.PICKS), made once for every ending no path reaches.
    picks: Exploration | None = None

    def ending_ranges(self) -> dict[str, tuple[tuple[int, int], tuple[int, int]]]:
        return {e: r for e, b in self.endings.items() if (r := meters.ranges(b)) is not None}


def trapped_loops(
    shape: Shape, keys: list[Key], edges: dict[int, list[int]], exits: set[int]
) -> dict[str, list[str]]:
    """Loops the conversation can enter and never leave.

    Nodes are numbers (`keys[n]` is node n's key). `edges` holds, for nodes
    inside loops only, their successors in the same loop; `exits` the nodes that
    can leave it (for an ending or another part of the story). A node that
    cannot reach an exit is trapped. Leaving for a dead end is reported as that
    dead end, not here.
    """
    back: dict[int, list[int]] = {}
    for k, outs in edges.items():
        for nk in outs:
            back.setdefault(nk, []).append(k)
    good = set(exits)
    todo = list(exits)
    while todo:
        k = todo.pop()
        for p in back.get(k, ()):
            if p not in good:
                good.add(p)
                todo.append(p)
    found: set[int] = set()
    for k, outs in edges.items():
        if k not in good and outs:  # trapped, and going round (not a dead end)
            found.add(shape.scc_of[keys[k][0]])
    out: dict[str, list[str]] = {}
    for comp in sorted(found):
        scenes = _in_file_order(shape, comp)
        out[scenes[0]] = scenes
    return out


def structural(scenario: Scenario, shape: Shape | None = None) -> Exploration:
    """Link-level answers, linear in the file: what no link reaches, loops no link leaves.

    Used when the full exploration passes its bound; conditions are ignored, so
    everything it calls unreachable really is.
    """
    shape = shape or compile_shape(scenario)
    result = Exploration(shape, complete=False)
    seen = {shape.start}
    todo = [shape.start]
    outcome_used = False
    while todo:
        s = todo.pop()
        for m in shape.moves[s]:
            if m.goto == OUTCOME:
                outcome_used = True
            elif m.goto in shape.moves:
                if m.goto not in seen:
                    seen.add(m.goto)
                    todo.append(m.goto)
            else:
                result.endings[m.goto] = meters.FULL
    if outcome_used:
        for eid, test in shape.endings:
            result.endings[eid] = meters.FULL
            if test is None:
                break
    result.reached = seen
    # Loops with no link out to anything that reaches an ending.
    exits: dict[int, bool] = {}
    for i in range(len(shape.sccs) - 1, -1, -1):  # sinks first
        ok = False
        for s in shape.sccs[i]:
            for m in shape.moves[s]:
                if m.goto not in shape.moves or (
                    shape.scc_of[m.goto] != i and exits[shape.scc_of[m.goto]]
                ):
                    ok = True
        exits[i] = ok
        if not ok and i in shape.cyclic and any(s in seen for s in shape.sccs[i]):
            scenes = _in_file_order(shape, i)
            result.stuck[scenes[0]] = scenes
    return result


def _in_file_order(shape: Shape, comp: int) -> list[str]:
    """The scenes of loop `comp` in file order: the first names the loop in messages."""
    order = {s: n for n, s in enumerate(shape.moves)}
    return sorted(shape.sccs[comp], key=order.__getitem__)

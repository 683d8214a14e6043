"""`peer-sim test`: play every branch through the real engine, then play at random.

Exhaustive coverage is a breadth-first search over concrete game states
(scene, trust, empowerment, the flags and visited scenes that can still
matter), driven by `sim.engine` itself, so what it reports is what a trainee
would meet. Breadth-first means the first path found to each ending is a
shortest one (fewest decisions); it is kept as the numbers a trainee would
type, ready for `peer-sim play FILE --plain --choices 2,1,3`.

Past `MAX_STATES` (500,000) the search stops and says so; it never hangs.

Random plays pick uniformly among the offered choices with a seeded
`random.Random`, so the same seed gives the same report.
"""

from __future__ import annotations

import random
from array import array
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sim import engine
from sim.authoring.shape import compile_shape

if TYPE_CHECKING:
    from sim.model import Scenario

MAX_STATES = 500_000
MAX_STEPS = 1_000  # decisions in one random play before it counts as going round forever

Path = tuple[int, ...]
# A path as the search holds it: (the path before, the last number), or () at the start.
# Each state in the queue then costs one small pair rather than a copy of its whole path.
Trail = tuple


def unwind(trail: Trail) -> Path:
    numbers: list[int] = []
    while trail:
        trail, number = trail
        numbers.append(number)
    return tuple(reversed(numbers))


def _first(found: dict, key: object, trail: Trail) -> None:
    """Keep the first (so, breadth-first, a shortest) path to `key`."""
    if key not in found:
        found[key] = unwind(trail)


@dataclass
class Coverage:
    complete: bool = True
    bound: int = MAX_STATES
    states: int = 0
    scenes: dict[str, Path] = field(default_factory=dict)  # scene -> shortest path to it
    taken: dict[tuple[str, int], Path] = field(default_factory=dict)  # choice -> a path taking it
    endings: dict[str, Path] = field(default_factory=dict)  # ending -> shortest path
    stuck: dict[str, Path] = field(default_factory=dict)  # scene -> path to a state with no way on
    loops: dict[str, Path] = field(default_factory=dict)  # `next` loops met, by first scene
    loop_scenes: dict[str, list[str]] = field(default_factory=dict)  # first scene -> the loop

    def uncovered(self, scenario: Scenario) -> dict[str, list]:
        return {
            "scenes": [s for s in scenario.scenes if s not in self.scenes],
            "choices": [
                (sid, i)
                for sid, scene in scenario.scenes.items()
                for i in range(len(scene.choices))
                if (sid, i) not in self.taken
            ],
            "endings": [e for e in scenario.endings if e not in self.endings],
        }

    def ok(self, scenario: Scenario) -> bool:
        gaps = self.uncovered(scenario)
        return self.complete and not any(gaps.values()) and not self.stuck and not self.loops


NOWHERE = -(2**31)  # a StateGraph target: the move goes round a `next` loop or stops


@dataclass
class StateGraph:
    """The states `cover` met and the moves between them, kept when a caller asks.

    Node ids are positions in `nodes`. The moves out of node n are the edges
    `start[n]` up to `start[n + 1]` (or the end); each edge holds the choice's
    index in the file, the number a trainee types, and its target: a node id
    (>= 0), an ending as `-1 - rank` of its outcome, or `NOWHERE` (a `next` loop or
    dead end). That last move is kept: left out, the line was missing from the
    comparison, so the best line going into a loop went unjudged and a weaker line
    beside it was called the best. Flat int arrays, not tuples: a large scenario has
    over a million edges. `sim.authoring.fairness` reads the best outcome still open here.
    """

    nodes: list[tuple] = field(default_factory=list)  # (scene, trust, empowerment, flags, visited)
    trails: list[Trail] = field(default_factory=list)  # a shortest path to each node
    start: array = field(default_factory=lambda: array("i"))
    index: array = field(default_factory=lambda: array("i"))
    number: array = field(default_factory=lambda: array("i"))
    target: array = field(default_factory=lambda: array("i"))

    def edges(self, n: int) -> range:
        end = self.start[n + 1] if n + 1 < len(self.start) else len(self.target)
        return range(self.start[n], end)


def cover(
    scenario: Scenario, max_states: int = MAX_STATES, graph: StateGraph | None = None
) -> Coverage:
    """Every reachable state once, from the scenario's start (and its moves, into `graph`)."""
    shape = compile_shape(scenario)
    moves, has_next, enter = shape.moves, shape.has_next, shape.enter
    scenes = scenario.scenes
    result = Coverage(bound=max_states)
    order = {sid: i for i, sid in enumerate(scenes)}
    Node = tuple  # (scene or "@end", trust, empowerment, flags, visited) or ("@end", ending)
    # Few distinct flag and visited sets recur across many states: one shared copy of
    # each keeps a large search to a fraction of the memory (every move builds new ones).
    shared: dict[frozenset[str], frozenset[str]] = {}

    def arrive(
        target: str, t: int, e: int, f: frozenset[str], v: frozenset[str], path: Trail
    ) -> Node | None:
        """Enter `target` and follow `next`: the next state that waits for a choice, or an end."""
        seen: list[tuple[str, frozenset[str]]] = []
        while True:
            if target not in scenes:
                return ("@end", shape.land_one(target, t, e, f, v))
            _first(result.scenes, target, path)
            f, v = enter(target, f, v)
            if target not in has_next:
                return (target, t, e, shared.setdefault(f, f), shared.setdefault(v, v))
            v = v | {target}  # @outcome after `next` may ask about it
            if (target, v) in seen:
                # Gone round a `next` loop: named, like `check` names it, by its
                # first scene in the file.
                at = seen.index((target, v))
                loop = sorted({s for s, _ in seen[at:]}, key=order.__getitem__)
                _first(result.loops, loop[0], path)
                result.loop_scenes.setdefault(loop[0], loop)
                return None
            seen.append((target, v))
            m = shape.step(target, t, e, f, v)
            if m is None:  # no branch of next holds: play stops here
                _first(result.stuck, target, path)
                return None
            target = m.goto

    t0, e0 = shape.start_point
    first = arrive(shape.start, t0, e0, frozenset(), frozenset(), ())
    if first is None:
        return result
    # A node's id: its place in the graph (kept only when there is one).
    seen: dict[Node, int] = {first: 0}
    rank = shape.rank
    if graph is not None and first[0] != "@end":
        graph.nodes.append(first)
        graph.trails.append(())
    queue: deque[tuple[Node, Trail]] = deque([(first, ())])
    while queue:
        node, path = queue.popleft()
        if node[0] == "@end":
            _first(result.endings, node[1], path)
            continue
        sid, t, e, f, v = node
        if graph is not None:
            graph.start.append(len(graph.target))
        here = v | {sid}  # what the engine's visited holds while in this scene
        number = 0
        for m in moves[sid]:
            if m.test is not None and not m.test.holds(t, e, f, here):
                continue
            number += 1
            taken = (path, number)
            _first(result.taken, (sid, m.index), taken)
            nt = min(100, max(0, t + m.trust))
            ne = min(100, max(0, e + m.empowerment))
            nxt = arrive(m.goto, nt, ne, m.flags_after(f), here, taken)
            if nxt is None:
                if graph is not None:
                    graph.index.append(m.index)
                    graph.number.append(number)
                    graph.target.append(NOWHERE)
                continue
            known = seen.get(nxt)
            if graph is not None:
                graph.index.append(m.index)
                graph.number.append(number)
                if nxt[0] == "@end":
                    graph.target.append(-1 - rank[nxt[1]])
                else:
                    graph.target.append(len(graph.nodes) if known is None else known)
            if known is not None:
                continue
            if graph is not None and nxt[0] != "@end":
                seen[nxt] = len(graph.nodes)
                graph.nodes.append(nxt)
                graph.trails.append(taken)
            else:
                seen[nxt] = -1
            if len(seen) > max_states:
                result.complete = False
                result.states = len(seen)
                return result
            queue.append((nxt, taken))
        if number == 0:
            _first(result.stuck, sid, path)
    result.states = len(seen)
    return result


@dataclass
class RandomReport:
    plays: int
    seed: int
    endings: Counter[str] = field(default_factory=Counter)
    stuck: Counter[str] = field(default_factory=Counter)  # scene -> plays that stopped there
    unfinished: int = 0  # plays still going after MAX_STEPS decisions (or in a next loop)
    principles: dict[str, Counter[str]] = field(default_factory=dict)  # id -> verdict counts
    decisions: int = 0


def random_plays(scenario: Scenario, plays: int, seed: int = 0) -> RandomReport:
    rng = random.Random(seed)
    report = RandomReport(plays, seed)
    for _ in range(plays):
        run = engine.Run.begin(scenario)
        for _step in range(MAX_STEPS + 1):
            try:
                run.settle()
            except engine.EngineError:
                report.unfinished += 1
                break
            if run.over:
                report.endings[run.state.ending or ""] += 1
                break
            offers = run.offers()
            if not offers:
                report.stuck[run.state.scene] += 1
                break
            if _step == MAX_STEPS:
                report.unfinished += 1
                break
            offer = offers[rng.randrange(len(offers))]
            for pid, verdict in offer.choice.principles.items():
                report.principles.setdefault(pid, Counter())[verdict] += 1
            report.decisions += 1
            run.choose(offer.number)
    return report

"""A scenario compiled for exploration: moves, live flags, caps, the scene graph (its
conditions as bit masks are `sim.authoring.conditions`).

`sim.authoring.explore` walks this shape; `coverage` plays it state by state.
Built once per check, in one pass over the file. Two facts are worked out
here so every walk agrees on them:

- *live* flags and scenes: a flag (or a visited scene) only needs to be
  remembered at scenes from which some condition testing it can still be
  reached; elsewhere two states that differ only there are the same;
- *caps*: a critical slip sets a pseudo flag ("@cap-mixed", "@cap-poor"; no
  real flag can start with "@"), judged wherever a run can end, so the
  explorer passes over endings a slip rules out exactly as the engine does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sim.authoring.conditions import Test
from sim.engine import OUTCOME, OUTCOME_RANK
from sim.engine import cap_of as engine_cap_of

if TYPE_CHECKING:
    from sim.model import Scenario

EMPTY: frozenset[str] = frozenset()


@dataclass(slots=True)
class Move:
    """One way on from a scene: a choice (index >= 0) or `next` (index -1)."""

    index: int
    goto: str
    trust: int = 0
    empowerment: int = 0
    test: Test | None = None
    sets: frozenset[str] = EMPTY
    clears: frozenset[str] = EMPTY

    def flags_after(self, flags: frozenset[str]) -> frozenset[str]:
        if self.sets or self.clears:
            return (flags | self.sets) - self.clears
        return flags


CAP_FLAG = {1: "@cap-mixed", 0: "@cap-poor"}  # pseudo flags: no real flag starts with "@"
RANK = OUTCOME_RANK  # one ordering of outcomes: the engine's


def cap_of(flags: frozenset[str]) -> int:
    """The best outcome rank a state may end with, from its cap pseudo flags."""
    if not flags:
        return 2
    if CAP_FLAG[0] in flags:
        return 0
    return 1 if CAP_FLAG[1] in flags else 2


@dataclass
class Shape:
    """The scenario compiled for exploration: moves, the scene graph, live sets."""

    start: str
    start_point: tuple[int, int]
    moves: dict[str, tuple[Move, ...]]
    has_next: set[str]
    endings: list[tuple[str, Test | None]]
    succ: dict[str, list[str]]  # scene -> scene targets
    sccs: list[list[str]]  # in topological order (sources first)
    scc_of: dict[str, int]
    cyclic: set[int]  # indices of sccs with a loop
    live_flags: dict[str, frozenset[str]]
    live_visited: dict[str, frozenset[str]]
    rank: dict[str, int] = field(default_factory=dict)  # ending -> outcome rank
    capped: bool = False  # some choice is a critical slip
    variants: dict[str, tuple[Test, ...]] = field(default_factory=dict)  # scene -> its variants
    ending_variants: dict[str, tuple[Test, ...]] = field(default_factory=dict)
    # added paragraphs, by index in the file (None: not judged in this exploration)
    ending_also: dict[str, tuple[Test | None, ...]] = field(default_factory=dict)
    reflections: tuple[tuple[int, Test], ...] = ()  # (index in reflect, test)

    def outcome(
        self, bits: int, flags: frozenset[str], visited: frozenset[str]
    ) -> list[tuple[str, int]]:
        """Split a set of meter pairs over the endings `@outcome` would pick.

        As `engine.pick_ending`: endings better than the cap are passed over,
        and when nothing within the cap holds, the last one within it is used.
        """
        out = []
        rest = bits
        cap = cap_of(flags) if self.capped else 2
        fallback = None
        for eid, test in self.endings:
            if cap < 2 and self.rank[eid] > cap:
                continue
            fallback = eid
            part = rest if test is None else test.filter(rest, flags, visited)
            if part:
                out.append((eid, part))
                rest ^= part
                if not rest:
                    return out
        if rest:  # nothing held: the engine falls back to the last ending (within the cap)
            out.append((fallback or self.worst(), rest))
        return out

    def worst(self) -> str:
        return min(self.rank, key=self.rank.__getitem__)

    def land(
        self, target: str, bits: int, flags: frozenset[str], visited: frozenset[str]
    ) -> list[tuple[str, int]]:
        """The endings reached by going to `target` (an ending or `@outcome`)."""
        if target == OUTCOME:
            return self.outcome(bits, flags, visited)
        if self.capped and self.rank[target] > cap_of(flags):
            return self.outcome(bits, flags, visited)
        return [(target, bits)]

    def pick(
        self, trust: int, empowerment: int, flags: frozenset[str], visited: frozenset[str]
    ) -> str:
        """The ending `@outcome` picks for one state (as `engine.pick_ending`)."""
        cap = cap_of(flags) if self.capped else 2
        fallback = None
        for eid, test in self.endings:
            if cap < 2 and self.rank[eid] > cap:
                continue
            fallback = eid
            if test is None or test.holds(trust, empowerment, flags, visited):
                return eid
        return fallback or self.worst()

    def land_one(
        self,
        target: str,
        trust: int,
        empowerment: int,
        flags: frozenset[str],
        visited: frozenset[str],
    ) -> str:
        """The ending one state reaches by going to `target` (an ending or `@outcome`)."""
        if target == OUTCOME or (self.capped and self.rank[target] > cap_of(flags)):
            return self.pick(trust, empowerment, flags, visited)
        return target

    def step(
        self, sid: str, trust: int, empowerment: int, flags: frozenset[str], visited: frozenset[str]
    ) -> Move | None:
        """The branch of a `next` scene taken in one state, or None if none holds."""
        for m in self.moves[sid]:
            if m.test is None or m.test.holds(trust, empowerment, flags, visited):
                return m
        return None

    def enter(
        self, target: str, flags: frozenset[str], visited: frozenset[str]
    ) -> tuple[frozenset[str], frozenset[str]]:
        """Flags and visited scenes remembered on entering `target` (only the live ones)."""
        lf = self.live_flags.get(target, EMPTY)
        lv = self.live_visited.get(target, EMPTY)
        f = flags & lf if lf else EMPTY
        if not lv:
            return f, EMPTY
        return f, ((visited | {target}) if target in lv else visited) & lv


def compile_shape(
    scenario: Scenario, routing_only: bool = False, text_names: frozenset | None = None
) -> Shape:
    """Compile once per check: every walk (explore, coverage) then reads masks, not models.

    `routing_only` leaves out what is judged only for the text shown: scene and ending
    variants, an ending's `also` paragraphs and conditional reflections. None of them
    changes where a run goes or how it ends, yet each flag they alone read stayed live
    to the end and doubled the states `test` walks (eight such flags: 80 times the
    states, benchmarks/README.md). `coverage` walks for paths, endings and outcomes,
    so it takes this shape; `explore`, which says which texts never show, keeps them.

    `text_names` keeps only the texts whose flags and scenes read by no routing
    condition are among these names (sim.authoring.text_units): `check` judges the
    texts group by group, so a flag one text reads is not remembered for the others.
    """
    moves: dict[str, tuple[Move, ...]] = {}
    has_next: set[str] = set()
    succ: dict[str, list[str]] = {}
    tests_f: dict[str, set[str]] = {}  # flag -> scenes whose moves test it
    tests_v: dict[str, set[str]] = {}  # scene -> scenes whose moves test visiting it
    setters: dict[str, set[str]] = {}  # flag -> scenes whose moves set it
    tests: dict = {}

    def tested(sid: str, names: tuple[Iterable[str], Iterable[str]]) -> None:
        for f in names[0]:
            tests_f.setdefault(f, set()).add(sid)
        for v in names[1]:
            tests_v.setdefault(v, set()).add(sid)

    endings = [(eid, Test.of(e.when, tests)) for eid, e in scenario.endings.items()]
    units = None
    if text_names is not None and not routing_only:
        from sim.authoring.text_units import unit_names

        units = unit_names(scenario, tests)

    def kept(unit: tuple) -> bool:
        return units is None or units.get(unit, EMPTY) <= text_names

    end_f: set[str] = set()
    end_v: set[str] = set()
    for _eid, t in endings:
        if t is not None:
            f, v = t.names
            end_f |= f
            end_v |= v
    # What is judged on the final state whichever way an ending is reached:
    # the cap of a critical slip, ending variants and conditional reflections.
    final_f: set[str] = set()
    final_v: set[str] = set()
    ending_variants: dict[str, tuple[Test, ...]] = {}
    ending_also: dict[str, tuple[Test, ...]] = {}
    for eid, e in scenario.endings.items():
        if routing_only:
            break
        if e.variants and kept(("ending", eid)):
            ending_variants[eid] = tuple(Test.of(x.when, tests) for x in e.variants)
        if any(kept(("also", eid, i)) for i in range(len(e.also))):
            ending_also[eid] = tuple(
                Test.of(x.when, tests) if kept(("also", eid, i)) else None
                for i, x in enumerate(e.also)
            )
    reflections = tuple(
        (i, Test.of(r.when, tests))
        for i, r in enumerate(scenario.debrief.reflect)
        if not isinstance(r, str)
        and r.when is not None
        and not routing_only
        and kept(("reflect", i))
    )
    judged_at_end = [*ending_variants.values(), *ending_also.values()]
    for t in [*(x for ts in judged_at_end for x in ts if x), *(t for _i, t in reflections)]:
        f, v = t.names
        final_f |= f
        final_v |= v
    capped = any(c.critical for sc in scenario.scenes.values() for c in sc.choices)
    if capped:
        final_f |= set(CAP_FLAG.values())
    ending_names = (end_f | final_f, end_v | final_v)
    final_names = (final_f, final_v)
    scenes = scenario.scenes
    variants: dict[str, tuple[Test, ...]] = {}
    for sid, scene in scenes.items():
        if scene.variants and not routing_only and kept(("scene", sid)):
            vs = variants[sid] = tuple(Test.of(x.when, tests) for x in scene.variants)
            for t in vs:
                tested(sid, t.names)
        if scene.next is not None:
            ms = []
            targets = []
            for i, step in enumerate(scene.steps()):
                t = Test.of(step.when, tests)
                ms.append(Move(-1 - i, step.goto, test=t))
                if t is not None:
                    tested(sid, t.names)
                if step.goto in scenes:
                    if step.goto not in targets:
                        targets.append(step.goto)
                elif step.goto == OUTCOME or capped:
                    tested(sid, ending_names)
                else:
                    tested(sid, final_names)
            moves[sid] = tuple(ms)
            has_next.add(sid)
            succ[sid] = targets
            continue
        ms = []
        targets = []
        for i, c in enumerate(scene.choices):
            t = None if c.when is None else Test.of(c.when, tests)
            goto = c.goto
            sets = frozenset(c.sets) if c.sets else EMPTY
            if c.critical:
                flag = CAP_FLAG[engine_cap_of(c)]
                sets = sets | {flag}
                setters.setdefault(flag, set()).add(sid)
            ms.append(
                Move(
                    i,
                    goto,
                    c.trust,
                    c.empowerment,
                    t,
                    sets,
                    frozenset(c.clears) if c.clears else EMPTY,
                )
            )
            if t is not None:
                tested(sid, t.names)
            if goto in scenes:
                if goto not in targets:
                    targets.append(goto)
            elif goto == OUTCOME or capped:
                # (a direct way to an ending a cap rules out goes through @outcome)
                tested(sid, ending_names)
            else:
                tested(sid, final_names)
            for f in c.sets:
                setters.setdefault(f, set()).add(sid)
        moves[sid] = tuple(ms)
        succ[sid] = targets

    order = list(reversed(_tarjan(list(scenes), succ)))  # sources first
    rank = {s: i for i, comp in enumerate(order) for s in comp}
    cyclic = {i for i, comp in enumerate(order) if len(comp) > 1 or comp[0] in succ[comp[0]]}
    return Shape(
        start=scenario.start,
        start_point=(scenario.meters.trust, scenario.meters.empowerment),
        moves=moves,
        has_next=has_next,
        endings=endings,
        succ=succ,
        sccs=order,
        scc_of=rank,
        cyclic=cyclic,
        live_flags=_live(setters, tests_f, succ, rank),
        live_visited=_live({x: {x} for x in tests_v if x in scenes}, tests_v, succ, rank),
        rank={eid: RANK[e.outcome] for eid, e in scenario.endings.items()},
        capped=capped,
        variants=variants,
        ending_variants=ending_variants,
        ending_also=ending_also,
        reflections=reflections,
    )


def _live(
    sources: dict[str, set[str]],
    tests: dict[str, set[str]],
    succ: dict[str, list[str]],
    rank: dict[str, int],
) -> dict[str, frozenset[str]]:
    """Where each flag (or visited scene) must be remembered.

    From the scenes that can set it, forward through the graph, but never past
    the last scene (in topological order) that tests it: beyond that nothing
    can ask, so forgetting it changes no answer. Linear in the regions walked,
    which stay local when flags are set and tested near each other.
    """
    acc: dict[str, list[str]] = {}
    for name, where in tests.items():
        starts = sources.get(name)
        if not starts:
            continue  # never set (or never visited): it can only ever be absent
        limit = max(rank[s] for s in where)
        todo = [s for s in starts if rank[s] <= limit]
        seen = set(todo)
        while todo:
            s = todo.pop()
            acc.setdefault(s, []).append(name)
            for t in succ[s]:
                if t not in seen and rank[t] <= limit:
                    seen.add(t)
                    todo.append(t)
    return {s: frozenset(names) for s, names in acc.items()}


def _tarjan(nodes: list[str], succ: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components, each after every component it leads to."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, i = work[-1]
            targets = succ[v]
            if i < len(targets):
                work[-1] = (v, i + 1)
                w = targets[i]
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, 0))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(comp)
    return out

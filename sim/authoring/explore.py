"""Every state a scenario can reach, explored once, with memoisation.

A state of the game is (scene, trust, empowerment, flags, scenes visited).
The explorer works on *nodes* (scene, flags, visited) and keeps, for each
node, the exact set of (trust, empowerment) pairs it can be reached with as a
bitset (`sim.authoring.meters`). So the work grows with the number of nodes,
not with the number of paths, and the answers are exact, not sampled.

Two reductions keep the node count small without changing any answer:

- a flag (or a visited scene) is only remembered at a scene from which some
  condition testing it can still be reached ("live"); elsewhere it cannot
  change what happens, so two states that differ only there are the same;
- nodes are processed in the scene graph's topological order, so in a
  branching story without loops each node is expanded once.

The state bound: at most `MAX_NODES` (200,000) nodes. Past it the explorer
stops (it never hangs) and the result says so; `lint` then reports a warning
and falls back to the link-level checks (`structural`), which are always
linear. Each node holds up to 101 x 101 meter pairs, so the bound covers up to
two billion concrete states.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sim.authoring import meters

if TYPE_CHECKING:
    from sim.model import Clause, Condition, Scenario

OUTCOME = "@outcome"
MAX_NODES = 200_000
EMPTY: frozenset[str] = frozenset()
FINAL = -1  # a node's bits once folded into the totals (never a real set: sets are >= 0)
PENDING = -2  # a node outside loops not expanded yet: its whole set is in `pending`

Key = tuple[str, frozenset[str], frozenset[str]]


@dataclass(slots=True)
class Test:
    """A condition split into its flag/visited part and its meter rectangle.

    `alts` holds the clauses of the condition's `any` (at least one must
    hold); they are rare, so the hot loop only looks at them when present.
    """

    flags: frozenset[str]
    not_flags: frozenset[str]
    visited: frozenset[str]
    not_visited: frozenset[str]
    mask: int | None  # None: no meter limits
    limits: tuple[int, int, int, int] = (0, 100, 0, 100)  # trust lo..hi, empowerment lo..hi
    alts: tuple[Test, ...] = ()

    @classmethod
    def of(cls, cond: Condition | None, cache: dict | None = None) -> Test | None:
        """The test for a condition; with `cache`, equal conditions share one."""
        if cond is None:
            return None
        if cache is None:
            return cls._build(cond)
        key = cond.model_dump_json() if cond.any else _clause_key(cond)
        test = cache.get(key)
        if test is None:
            test = cache[key] = cls._build(cond)
        return test

    @classmethod
    def _build(cls, cond: Clause) -> Test:
        limits = (cond.min_trust, cond.max_trust, cond.min_empowerment, cond.max_empowerment)
        return cls(
            frozenset(cond.flags),
            frozenset(cond.not_flags),
            frozenset(cond.visited),
            frozenset(cond.not_visited),
            None if all(v is None for v in limits) else meters.rect(*limits),
            (
                cond.min_trust or 0,
                100 if cond.max_trust is None else cond.max_trust,
                cond.min_empowerment or 0,
                100 if cond.max_empowerment is None else cond.max_empowerment,
            ),
            tuple(cls._build(c) for c in getattr(cond, "any", ())),
        )

    @property
    def names(self) -> tuple[frozenset[str], frozenset[str]]:
        """(flags, scenes) this test looks at, its `any` clauses included."""
        f = self.flags | self.not_flags
        v = self.visited | self.not_visited
        for a in self.alts:
            f |= a.flags | a.not_flags
            v |= a.visited | a.not_visited
        return f, v

    @property
    def gated(self) -> bool:
        """Whether flags, scenes or `any` clauses matter (not only the meters)."""
        return bool(self.flags or self.not_flags or self.visited or self.not_visited or self.alts)

    def holds(
        self, trust: int, empowerment: int, flags: frozenset[str], visited: frozenset[str]
    ) -> bool:
        lo_t, hi_t, lo_e, hi_e = self.limits
        if not (lo_t <= trust <= hi_t and lo_e <= empowerment <= hi_e):
            return False
        if not self.admits(flags, visited):
            return False
        return not self.alts or any(a.holds(trust, empowerment, flags, visited) for a in self.alts)

    def admits(self, flags: frozenset[str], visited: frozenset[str]) -> bool:
        """The top clause's flag and scene part (not the `any` clauses)."""
        return (
            self.flags <= flags
            and not (self.not_flags & flags)
            and self.visited <= visited
            and not (self.not_visited & visited)
        )

    def filter(self, bits: int, flags: frozenset[str], visited: frozenset[str]) -> int:
        if not self.admits(flags, visited):
            return 0
        b = bits if self.mask is None else bits & self.mask
        if self.alts and b:
            b &= self.either(b, flags, visited)
        return b

    def either(self, bits: int, flags: frozenset[str], visited: frozenset[str]) -> int:
        """The pairs of `bits` for which some `any` clause holds."""
        out = 0
        for a in self.alts:
            out |= a.filter(bits, flags, visited)
        return out


def _clause_key(cond: Clause) -> tuple:
    return (
        cond.min_trust,
        cond.max_trust,
        cond.min_empowerment,
        cond.max_empowerment,
        cond.flags,
        cond.not_flags,
        cond.visited,
        cond.not_visited,
    )


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
RANK = {"poor": 0, "mixed": 1, "strong": 2}


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


def compile_shape(scenario: Scenario) -> Shape:
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
    for eid, e in scenario.endings.items():
        if e.variants:
            ending_variants[eid] = tuple(Test.of(x.when, tests) for x in e.variants)
    reflections = tuple(
        (i, Test.of(r.when, tests))
        for i, r in enumerate(scenario.debrief.reflect)
        if not isinstance(r, str) and r.when is not None
    )
    for t in [*(x for ts in ending_variants.values() for x in ts), *(t for _i, t in reflections)]:
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
        if scene.variants:
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
                flag = CAP_FLAG[RANK[c.cap or "mixed"]]
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
    outcome_bits: int = 0  # meter pairs with which "@outcome" is reached
    # Texts that can show: ("scene", sid, i), ("ending", eid, i), ("reflect", i); i = -1
    # for a scene's or ending's base text.
    shown: set[tuple] = field(default_factory=set)
    # Choices that go straight to an ending a critical slip before them rules out:
    # (scene, index) -> (ending, flags there).
    cap_breaks: dict[tuple[str, int], tuple[str, frozenset[str]]] = field(default_factory=dict)
    # cap rank -> ending -> meter pairs, for runs holding a critical slip.
    capped_endings: dict[int, dict[str, int]] = field(default_factory=dict)

    def ending_ranges(self) -> dict[str, tuple[tuple[int, int], tuple[int, int]]]:
        return {e: meters.ranges(b) for e, b in self.endings.items() if b}


def explore(
    scenario: Scenario,
    max_nodes: int = MAX_NODES,
    watch: Iterable[tuple[str, int]] = (),
    collect: Iterable[str] = (),
) -> Exploration:
    """Explore from the scenario's start.

    `watch` lists choices whose endings reached without another decision are
    recorded in `immediate`; `collect` lists scenes whose meter pairs are kept
    in `scene_bits` (for messages about them).
    """
    # Many small objects are made and none is garbage: the cyclic collector
    # would only rescan them (a third of the time on large scenarios).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _explore(scenario, max_nodes, watch, set(collect))
    finally:
        if collecting:
            gc.enable()


def _explore(
    scenario: Scenario, max_nodes: int, watch: Iterable[tuple[str, int]], collect: set[str]
) -> Exploration:
    shape = compile_shape(scenario)
    result = Exploration(shape, bound=max_nodes)
    watched = set(watch)
    start_flags, start_visited = shape.enter(shape.start, EMPTY, EMPTY)
    start_key: Key = (shape.start, start_flags, start_visited)
    moves, scc_of, outcome = shape.moves, shape.scc_of, shape.outcome
    cyclic = shape.cyclic
    start_bits = meters.point(*shape.start_point)
    # A node outside loops is reached only from earlier scenes, so until it is
    # expanded its whole set is the one in `pending`: `nodes` holds PENDING
    # for it, then FINAL. Inside loops `nodes` holds the set reached so far.
    nodes: dict[Key, int] = {start_key: start_bits if scc_of[shape.start] in cyclic else PENDING}
    pending: dict[Key, int] = {start_key: start_bits}
    # Nodes to expand, per component in topological order, first in first out
    # (a heap on (component, arrival) would give the same order, at more cost).
    queues: dict[int, list[Key]] = {scc_of[shape.start]: [start_key]}
    edges: dict[Key, set[Key]] = {}
    exits: set[Key] = set()
    ending_bits = result.endings
    live_f, live_v = shape.live_flags, shape.live_visited
    W, TOP, TOP_ROW = meters.W, meters.TOP, meters.TOP * meters.W
    fold, folds = meters.fold_rows, {}  # (rows clamped at 100, change) -> row 100
    first_col, last_col = meters.FIRST_COL, meters.LAST_COL
    offered = result.offered
    shown = result.shown
    breaks = result.cap_breaks
    capped_bits = result.capped_endings
    capped, rank = shape.capped, shape.rank
    finals = bool(shape.ending_variants or shape.reflections)
    scene_bits = result.scene_bits
    reached = result.reached
    states = 0
    outcome_bits = 0

    # The rules, flattened per scene into plain tuples for the hot loop, with
    # what each target needs (its live flags and scenes, its component).
    plan: dict[str, tuple] = {}
    for sid, ms in moves.items():
        rows_ = []
        always: list[tuple[str, int]] = []
        for m in ms:
            t = m.test
            gate = None
            if t is not None and t.gated:
                gate = t
            target = m.goto
            kind = 0 if target in moves else (1 if target == OUTCOME else 2)
            lf = lv = None
            tset = EMPTY
            tcomp = -1
            if kind == 0:
                lf = live_f.get(target) or None
                lv = live_v.get(target) or None
                if lv is not None and target in lv:
                    tset = frozenset((target,))
                tcomp = scc_of[target]
            ckey = (sid, m.index)  # (a branch of next has a negative index)
            if t is None and m.index >= 0:
                always.append(ckey)  # offered wherever the scene is reached
            dt, de = m.trust, m.empowerment
            # meters.shift_trust and shift_empowerment, their masks looked up once.
            if dt > 0:
                t_move, t_clamp = meters.rows(0, TOP - dt), (W - dt) * W
            elif dt < 0:
                t_move, t_clamp = 0, meters.rows(0, -dt - 1)
            else:
                t_move = t_clamp = 0
            e_move, e_clamp = (0, 0) if de == 0 else meters.empowerment_masks(de)
            rows_.append(
                (
                    None if t is None else ckey,
                    target,
                    dt,
                    de,
                    t_move,
                    t_clamp,
                    e_move,
                    e_clamp,
                    None if t is None else t.mask,
                    gate,
                    m.sets or m.clears,
                    m,
                    kind,
                    ckey if ckey in watched else None,
                    lf,
                    lv,
                    tset,
                    tcomp,
                    tcomp in cyclic,
                    m.index < 0,  # a branch of next: only what earlier branches left
                    bool(t is not None and t.alts),
                )
            )
        comp = scc_of[sid]
        plan[sid] = (
            rows_,
            comp,
            comp in cyclic,
            # Scenes where some way on has no condition can never be dead ends.
            any(m.test is None for m in ms),
            sid in collect,
            always,
            shape.variants.get(sid, ()),
        )

    for comp_now in range(len(shape.sccs)):
        queue = queues.get(comp_now)
        if queue is None:
            continue
        qi = 0
        while qi < len(queue):
            key = queue[qi]
            qi += 1
            bits = pending.pop(key)
            sid, flags, visited = key
            rows_, comp, in_loop, open_always, collected, always, variants = plan[sid]
            if sid not in reached:
                reached.add(sid)
                offered.update(always)
            if variants:
                rest = bits
                for vi, vt in enumerate(variants):
                    part = vt.filter(rest, flags, visited)
                    if part:
                        shown.add(("scene", sid, vi))
                        rest ^= part
                if rest:
                    shown.add(("scene", sid, -1))
            rest = bits  # for a branching next: the pairs no earlier branch took
            covered = 0
            if in_loop:
                # Edges are kept only inside loops, to find loops with no way out.
                out = edges.get(key)
                if out is None:
                    out = edges[key] = set()
            else:
                # Outside loops every way in comes from an earlier scene (already
                # expanded, by the topological order), so this set is final: fold
                # it into the totals and let it go, keeping the working set small.
                out = None
                states += bits.bit_count()
                if collected:
                    scene_bits[sid] = scene_bits.get(sid, 0) | bits
                nodes[key] = FINAL
            for (
                okey,
                target,
                dt,
                de,
                t_move,
                t_clamp,
                e_move,
                e_clamp,
                mask,
                gate,
                touches,
                m,
                kind,
                wkey,
                lf,
                lv,
                tset,
                tcomp,
                tloop,
                excl,
                alts,
            ) in rows_:
                if gate is not None and not gate.admits(flags, visited):
                    continue
                src = rest if excl else bits
                b = src if mask is None else src & mask
                if alts and b:
                    b &= gate.either(b, flags, visited)
                if not b:
                    continue
                if excl:
                    rest ^= b
                if not open_always:
                    covered |= b
                if okey is not None:
                    offered.add(okey)
                # The meter changes, as meters.shift_trust and shift_empowerment.
                nb = b
                if dt > 0:
                    over = nb >> t_clamp
                    if over:
                        top = folds.get((over, dt))
                        if top is None:
                            top = folds[(over, dt)] = fold(over, dt) << TOP_ROW
                        nb = ((nb & t_move) << (dt * W)) | top
                    else:
                        nb <<= dt * W
                elif dt < 0:
                    under = nb & t_clamp
                    nb >>= -dt * W
                    if under:
                        nb |= fold(under, -dt)
                if de:
                    over = nb & e_clamp
                    if de > 0:
                        nb = (nb & e_move) << de
                        if over:
                            nb |= ((over + e_clamp) >> 1) & last_col
                    else:
                        nb = (nb & e_move) >> -de
                        if over:
                            nb |= ((over + e_clamp) >> -de) & first_col
                if kind or wkey:
                    f2 = m.flags_after(flags) if touches else flags
                    if wkey:
                        found = result.immediate.setdefault(wkey, set())
                        found |= _immediate(shape, scenario, target, nb, f2, visited)
                    if kind:
                        if out is not None:
                            exits.add(key)
                        if kind == 1:
                            outcome_bits |= nb
                            landed = outcome(nb, f2, visited)
                        elif capped and rank[target] > cap_of(f2):
                            breaks.setdefault((sid, m.index), (target, f2))
                            landed = outcome(nb, f2, visited)
                        else:
                            landed = ((target, nb),)
                        for eid, part in landed:
                            ending_bits[eid] = ending_bits.get(eid, 0) | part
                            if finals:
                                _finals(shape, eid, part, f2, visited, shown)
                            if capped and f2:
                                c = cap_of(f2)
                                if c < 2:
                                    capped_bits[c] = capped_bits.get(c, {})
                                    capped_bits[c][eid] = capped_bits[c].get(eid, 0) | part
                        continue
                if lf is None:
                    f3 = EMPTY
                elif touches:
                    f3 = m.flags_after(flags) & lf
                else:
                    f3 = flags & lf if flags else EMPTY
                if lv is None:
                    v3 = EMPTY
                elif tset:
                    v3 = (visited | tset) & lv if visited else tset
                else:
                    v3 = visited & lv if visited else EMPTY
                nk = (target, f3, v3)
                if out is not None:
                    if tcomp == comp:
                        out.add(nk)
                    else:
                        exits.add(key)  # leaves the loop
                if not tloop:
                    # Not expanded yet (it is in a later component): just gather.
                    p = pending.get(nk)
                    if p is None:
                        pending[nk] = nb
                        nodes[nk] = PENDING
                        q = queues.get(tcomp)
                        if q is None:
                            queues[tcomp] = [nk]
                        else:
                            q.append(nk)
                    else:
                        pending[nk] = p | nb
                    continue
                old = nodes.get(nk, 0)
                union = nb | old
                if union == old:
                    continue
                nodes[nk] = union
                if nk in pending:
                    pending[nk] |= union ^ old
                else:
                    pending[nk] = union ^ old
                    q = queues.get(tcomp)
                    if q is None:
                        queues[tcomp] = [nk]
                    else:
                        q.append(nk)
            if not open_always and covered != bits and sid not in result.dead_ends:
                t, e = meters.first(bits ^ covered)
                result.dead_ends[sid] = (t, e, flags)
            if len(nodes) > max_nodes:
                result.complete = False
                break
        if not result.complete:
            break
        del queues[comp_now]

    result.outcome_bits = outcome_bits
    result.nodes = len(nodes)
    for key, b in nodes.items():
        sid = key[0]
        if b == PENDING:  # never expanded (the bound was passed): its set is pending
            b = pending[key]
        if b >= 0:  # not FINAL
            states += b.bit_count()
            if sid in collect:
                scene_bits[sid] = scene_bits.get(sid, 0) | b
        reached.add(sid)  # (pending ones too, when the bound was passed)
    result.meter_states = states
    if result.complete:
        result.stuck = _stuck_loops(shape, nodes, edges, exits)
    return result


def _finals(
    shape: Shape,
    eid: str,
    bits: int,
    flags: frozenset[str],
    visited: frozenset[str],
    shown: set[tuple],
) -> None:
    """Record which ending texts and reflections can show for these final states."""
    rest = bits
    for i, t in enumerate(shape.ending_variants.get(eid, ())):
        part = t.filter(rest, flags, visited)
        if part:
            shown.add(("ending", eid, i))
            rest ^= part
    if rest:
        shown.add(("ending", eid, -1))
    for i, t in shape.reflections:
        if t.filter(bits, flags, visited):
            shown.add(("reflect", i))


def _immediate(
    shape: Shape,
    scenario: Scenario,
    target: str,
    bits: int,
    flags: frozenset[str],
    visited: frozenset[str],
    depth: int = 0,
) -> set[str]:
    """Endings reached from `target` without another decision (following `next`)."""
    if target not in shape.moves:
        return {eid for eid, _ in shape.land(target, bits, flags, visited)}
    if target not in shape.has_next or depth > len(shape.moves):
        return set()
    visited = visited | {target}
    out: set[str] = set()
    rest = bits
    for m in shape.moves[target]:
        b = rest if m.test is None else m.test.filter(rest, flags, visited)
        if b:
            rest ^= b
            out |= _immediate(shape, scenario, m.goto, b, flags, visited, depth + 1)
    return out


def _stuck_loops(
    shape: Shape, nodes: dict[Key, int], edges: dict[Key, set[Key]], exits: set[Key]
) -> dict[str, list[str]]:
    """Loops the conversation can enter and never leave.

    `edges` holds, for nodes inside loops only, their successors in the same
    loop; `exits` the nodes that can leave it (for an ending or another part
    of the story). A node that cannot reach an exit is trapped. Leaving for a
    dead end is reported as that dead end, not here.
    """
    back: dict[Key, list[Key]] = {}
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
            found.add(shape.scc_of[k[0]])
    order = {s: i for i, s in enumerate(shape.moves)}
    out: dict[str, list[str]] = {}
    for comp in sorted(found):
        scenes = sorted(shape.sccs[comp], key=order.__getitem__)
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
            order = {s: n for n, s in enumerate(shape.moves)}
            scenes = sorted(shape.sccs[i], key=order.__getitem__)
            result.stuck[scenes[0]] = scenes
    return result

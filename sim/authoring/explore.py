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
    from sim.model import Condition, Scenario

OUTCOME = "@outcome"
MAX_NODES = 200_000
EMPTY: frozenset[str] = frozenset()
FINAL = -1  # a node's bits once folded into the totals (never a real set: sets are >= 0)
PENDING = -2  # a node outside loops not expanded yet: its whole set is in `pending`

Key = tuple[str, frozenset[str], frozenset[str]]


@dataclass(slots=True)
class Test:
    """A condition split into its flag/visited part and its meter rectangle."""

    flags: frozenset[str]
    not_flags: frozenset[str]
    visited: frozenset[str]
    not_visited: frozenset[str]
    mask: int | None  # None: no meter limits
    limits: tuple[int, int, int, int] = (0, 100, 0, 100)  # trust lo..hi, empowerment lo..hi

    @classmethod
    def of(cls, cond: Condition | None, cache: dict | None = None) -> Test | None:
        """The test for a condition; with `cache`, equal conditions share one."""
        if cond is None:
            return None
        key = (
            cond.min_trust,
            cond.max_trust,
            cond.min_empowerment,
            cond.max_empowerment,
            cond.flags,
            cond.not_flags,
            cond.visited,
            cond.not_visited,
        )
        if cache is None:
            return cls._build(cond)
        test = cache.get(key)
        if test is None:
            test = cache[key] = cls._build(cond)
        return test

    @classmethod
    def _build(cls, cond: Condition) -> Test:
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
        )

    def holds(
        self, trust: int, empowerment: int, flags: frozenset[str], visited: frozenset[str]
    ) -> bool:
        lo_t, hi_t, lo_e, hi_e = self.limits
        return lo_t <= trust <= hi_t and lo_e <= empowerment <= hi_e and self.admits(flags, visited)

    def admits(self, flags: frozenset[str], visited: frozenset[str]) -> bool:
        return (
            self.flags <= flags
            and not (self.not_flags & flags)
            and self.visited <= visited
            and not (self.not_visited & visited)
        )

    def filter(self, bits: int, flags: frozenset[str], visited: frozenset[str]) -> int:
        if not self.admits(flags, visited):
            return 0
        return bits if self.mask is None else bits & self.mask


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

    def outcome(
        self, bits: int, flags: frozenset[str], visited: frozenset[str]
    ) -> list[tuple[str, int]]:
        """Split a set of meter pairs over the endings `@outcome` would pick."""
        out = []
        rest = bits
        for eid, test in self.endings:
            part = rest if test is None else test.filter(rest, flags, visited)
            if part:
                out.append((eid, part))
                rest ^= part
                if not rest:
                    return out
        if rest:  # nothing held: the engine falls back to the last ending
            out.append((self.endings[-1][0], rest))
        return out

    def pick(
        self, trust: int, empowerment: int, flags: frozenset[str], visited: frozenset[str]
    ) -> str:
        """The ending `@outcome` picks for one state (as `engine.pick_ending`)."""
        for eid, test in self.endings:
            if test is None or test.holds(trust, empowerment, flags, visited):
                return eid
        return self.endings[-1][0]

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
    endings = [(eid, Test.of(e.when, tests)) for eid, e in scenario.endings.items()]
    end_f: set[str] = set()
    end_v: set[str] = set()
    for _eid, t in endings:
        if t is not None:
            end_f |= t.flags | t.not_flags
            end_v |= t.visited | t.not_visited
    scenes = scenario.scenes
    for sid, scene in scenes.items():
        if scene.next is not None:
            moves[sid] = (Move(-1, scene.next),)
            has_next.add(sid)
            succ[sid] = [scene.next] if scene.next in scenes else []
            if scene.next == OUTCOME:
                for f in end_f:
                    tests_f.setdefault(f, set()).add(sid)
                for v in end_v:
                    tests_v.setdefault(v, set()).add(sid)
            continue
        ms = []
        targets: list[str] = []
        for i, c in enumerate(scene.choices):
            t = None if c.when is None else Test.of(c.when, tests)
            goto = c.goto
            ms.append(
                Move(
                    i,
                    goto,
                    c.trust,
                    c.empowerment,
                    t,
                    frozenset(c.sets) if c.sets else EMPTY,
                    frozenset(c.clears) if c.clears else EMPTY,
                )
            )
            if t is not None:
                for f in t.flags | t.not_flags:
                    tests_f.setdefault(f, set()).add(sid)
                for v in t.visited | t.not_visited:
                    tests_v.setdefault(v, set()).add(sid)
            if goto in scenes:
                if goto not in targets:
                    targets.append(goto)
            elif goto == OUTCOME:
                for f in end_f:
                    tests_f.setdefault(f, set()).add(sid)
                for v in end_v:
                    tests_v.setdefault(v, set()).add(sid)
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
            if t is not None and (t.flags or t.not_flags or t.visited or t.not_visited):
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
            ckey = (sid, m.index) if m.index >= 0 else None
            if t is None and ckey is not None:
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
            rows_, comp, in_loop, open_always, collected, always = plan[sid]
            if sid not in reached:
                reached.add(sid)
                offered.update(always)
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
            ) in rows_:
                if gate is not None and not gate.admits(flags, visited):
                    continue
                b = bits if mask is None else bits & mask
                if not b:
                    continue
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
                    if kind == 1:
                        if out is not None:
                            exits.add(key)
                        outcome_bits |= nb
                        for eid, part in outcome(nb, f2, visited):
                            ending_bits[eid] = ending_bits.get(eid, 0) | part
                        continue
                    if kind == 2:
                        if out is not None:
                            exits.add(key)
                        ending_bits[target] = ending_bits.get(target, 0) | nb
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


def _immediate(
    shape: Shape,
    scenario: Scenario,
    target: str,
    bits: int,
    flags: frozenset[str],
    visited: frozenset[str],
) -> set[str]:
    """Endings reached from `target` without another decision (following `next`)."""
    for _ in range(len(shape.moves) + 1):
        if target == OUTCOME:
            return {eid for eid, _ in shape.outcome(bits, flags, visited)}
        if target not in shape.moves:
            return {target}
        if target not in shape.has_next:
            return set()
        visited = visited | {target}
        target = shape.moves[target][0].goto
    return set()


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

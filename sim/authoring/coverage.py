"""`peer-sim test`: play every branch through the real engine, then play at random.

Exhaustive coverage is a breadth-first search over concrete game states
(scene, trust, empowerment, the flags and visited scenes that can still
matter), driven by `sim.engine` itself, so what it reports is what a trainee
would meet. Breadth-first means the first path found to each ending is a
shortest one (fewest decisions); it is kept as the numbers a trainee would
type, ready for `peer-sim play FILE --plain --choices 2,1,3`.

States are ints and paths are parent links (`StateGraph`): a state costs about
200 bytes, so the bound sits near four times the largest bundled scenario.
Past `MAX_STATES` (1,500,000) states, or `MAX_COMBOS` (400,000) distinct sets of
flags and visited scenes among them, the search stops and says so; it never hangs.
Those sets are held as bits of an int (`sim.authoring.namebits`), as the
exploration holds them: a frozenset each cost hundreds of bytes, and a hub of
18 once-only topics, every state with its own flags, took `test` to 461 MB.

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
from sim.authoring.namebits import EMPTY, NameBits
from sim.authoring.shape import cap_of, compile_shape

if TYPE_CHECKING:
    from sim.authoring.exploration import Exploration
    from sim.model import Scenario

MAX_STATES = 1_500_000
# Distinct (scene, flags, visited) among them. Each holds its own key (a tuple and two
# ints, ~150 bytes with its index entry), so a file whose every state has different
# flags stops here, long before it has 1,500,000 states.
MAX_COMBOS = 400_000
MAX_STEPS = 1_000  # decisions in one random play before it counts as going round forever
COMBO_MEMO = 4_096  # sets of flags and visited scenes whose moves `cover` keeps worked out

Path = tuple[int, ...]
# How a path is held while searching: (the node the choice was made in, the number
# typed), or None at the start. A node's own path is walked back through `parent`.
Trail = tuple[int, int] | None
SPAN = 101 * 101  # meter pairs per (scene, flags, visited): a state is one int


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

    too_many: str = ""  # what stopped the search, in words ("" when it was not stopped)

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

    def add_paths(self, deep: Coverage) -> None:
        """Paths another walk (the depth-first one) found for what this one had not reached."""
        for mine, theirs in (
            (self.scenes, deep.scenes),
            (self.taken, deep.taken),
            (self.endings, deep.endings),
            (self.stuck, deep.stuck),
            (self.loops, deep.loops),
            (self.loop_scenes, deep.loop_scenes),
        ):
            for key, value in theirs.items():
                mine.setdefault(key, value)


@dataclass
class Settled:
    """The walk `peer-sim test` reports, with what it could not settle alone (`settle`)."""

    cov: Coverage
    shortest: set[str]  # endings whose path is a shortest one (found breadth-first)
    gaps: dict[str, list]  # what no play reaches (or none reached before both walks stopped)
    unproven: dict[str, list]  # reached, as the full exploration saw, but given no path
    settled: bool  # "never" is known: the walk or the exploration saw every state


def settle(
    scenario: Scenario,
    found: Exploration,
    max_states: int = MAX_STATES,
    graph: StateGraph | None = None,
) -> Settled:
    """Every state walked breadth-first (its moves into `graph`) and, past the bound,
    paths found depth-first, so nothing a play can reach is called "never reached".

    Breadth-first stops before the deep end of a large scenario; going deep reaches
    the endings within a few hundred states. Where `found` (the exploration, which
    keeps far less per state) saw every state, what it reached is reachable, path
    or not: it is `unproven`, not a gap.
    """
    cov = cover(scenario, max_states, graph=graph)
    shortest = set(cov.endings)
    if not cov.complete:
        goal = None
        if found.complete:  # (what a play can reach: no more to look for)
            goal = (
                len(found.reached & set(scenario.scenes)),
                sum(1 for sid, i in found.offered if i >= 0),
                len(found.endings),
            )
        cov.add_paths(cover(scenario, max_states, depth_first=True, goal=goal))
    gaps = cov.uncovered(scenario)
    unproven: dict[str, list] = {"scenes": [], "choices": [], "endings": []}
    if not cov.complete and found.complete:
        unproven = {
            "scenes": [s for s in gaps["scenes"] if s in found.reached],
            "choices": [c for c in gaps["choices"] if c in found.offered],
            "endings": [e for e in gaps["endings"] if e in found.endings],
        }
        gaps = {k: [x for x in v if x not in unproven[k]] for k, v in gaps.items()}
    return Settled(cov, shortest, gaps, unproven, cov.complete or found.complete)


NOWHERE = -(2**31)  # a StateGraph target: the move goes round a `next` loop or stops


@dataclass
class StateGraph:
    """The states `cover` met and the moves between them.

    A state is one int, `(combo * 101 + trust) * 101 + empowerment`, where
    `combos[combo]` is its (scene, flags, visited), the two sets as bits of an
    int (`flag_names` and `scene_names` turn them back into names): a million
    states then cost a few arrays of ints, not a million tuples and sets. Node
    ids are positions in `codes`; `parent` and `via` give the node each was
    first reached from and the number typed there, so `path(n)` is a shortest
    way to it.

    Kept in full when a caller asks: the moves out of node n are the edges
    `start[n]` up to `start[n + 1]` (or the end); each edge holds the choice's
    index in the file, the number a trainee types, and its target: a node id
    (>= 0), an ending as `-1 - rank` of its outcome, or `NOWHERE` (a `next` loop or
    dead end). That last move is kept: left out, the line was missing from the
    comparison, so the best line going into a loop went unjudged and a weaker line
    beside it was called the best. `sim.authoring.fairness` reads the best outcome
    still open here.
    """

    combos: list[tuple[str, int, int]] = field(default_factory=list)
    flag_names: NameBits = field(default_factory=NameBits)
    scene_names: NameBits = field(default_factory=NameBits)
    codes: array = field(default_factory=lambda: array("q"))
    parent: array = field(default_factory=lambda: array("i"))
    via: array = field(default_factory=lambda: array("i"))
    start: array = field(default_factory=lambda: array("i"))
    index: array = field(default_factory=lambda: array("i"))
    number: array = field(default_factory=lambda: array("i"))
    target: array = field(default_factory=lambda: array("i"))

    def add(self, code: int, parent: int, via: int) -> int:
        """A new node, first reached from `parent` by typing `via`; its id."""
        self.codes.append(code)
        self.parent.append(parent)
        self.via.append(via)
        return len(self.codes) - 1

    def scene(self, n: int) -> str:
        return self.combos[self.codes[n] // SPAN][0]

    def meters(self, n: int) -> tuple[int, int]:
        """(trust, empowerment) at node n."""
        return divmod(self.codes[n] % SPAN, 101)

    def path(self, n: int) -> Path:
        numbers: list[int] = []
        while n > 0:  # node 0 is the start
            numbers.append(self.via[n])
            n = self.parent[n]
        return tuple(reversed(numbers))

    def edges(self, n: int) -> range:
        end = self.start[n + 1] if n + 1 < len(self.start) else len(self.target)
        return range(self.start[n], end)


def cover(
    scenario: Scenario,
    max_states: int = MAX_STATES,
    graph: StateGraph | None = None,
    depth_first: bool = False,
    max_combos: int = MAX_COMBOS,
    goal: tuple[int, int, int] | None = None,
) -> Coverage:
    """Every reachable state once, from the scenario's start (and its moves, into `graph`).

    `depth_first` is for when the breadth-first search stopped at its bound
    before reaching some ending: going deep first reaches endings within a few
    hundred states, so an author still gets a path to replay (not a shortest
    one). It stops as soon as every scene, choice and ending has a path, or
    as many of them as `goal` counts (scenes, choices, endings: what the full
    exploration reached), so a part no play reaches does not cost the whole bound.
    """
    if depth_first and graph is not None:
        raise ValueError("a depth-first walk keeps no graph: its nodes are not expanded in order")
    shape = compile_shape(scenario, routing_only=True)  # texts shown change no path
    moves, has_next, enter = shape.moves, shape.has_next, shape.enter
    scenes = scenario.scenes
    result = Coverage(bound=max_states)
    order = {sid: i for i, sid in enumerate(scenes)}
    keep = graph is not None  # the moves too, not only the nodes (for paths)
    tree = graph if graph is not None else StateGraph()
    combos = tree.combos
    combo_ids: dict[tuple[str, int, int], int] = {}
    fmask, vmask = tree.flag_names.mask, tree.scene_names.mask
    fnames, vnames = tree.flag_names.names_of, tree.scene_names.names_of

    def path_of(trail: Trail) -> Path:
        return () if trail is None else tree.path(trail[0]) + (trail[1],)

    def first(found: dict, key: object, trail: Trail) -> None:
        """Keep the first path to `key` (breadth-first: a shortest one)."""
        if key not in found:
            found[key] = path_of(trail)

    def arrive(
        target: str, t: int, e: int, f: frozenset[str], v: frozenset[str], trail: Trail
    ) -> int | str | None:
        """Enter `target` and follow `next`: the state (an int) that waits for a choice
        next, the ending reached (its id), or None where play stops or goes round."""
        seen: list[tuple[str, frozenset[str]]] = []
        while True:
            if target not in scenes:
                return shape.land_one(target, t, e, f, v)
            first(result.scenes, target, trail)
            f, v = enter(target, f, v)
            if target not in has_next:
                k = (target, fmask(f) if f else 0, vmask(v) if v else 0)
                c = combo_ids.get(k)
                if c is None:
                    c = combo_ids[k] = len(combos)
                    combos.append(k)
                return c * SPAN + t * 101 + e
            v = v | {target}  # @outcome after `next` may ask about it
            if (target, v) in seen:
                # Gone round a `next` loop: named, like `check` names it, by its
                # first scene in the file.
                at = seen.index((target, v))
                loop = sorted({s for s, _ in seen[at:]}, key=order.__getitem__)
                first(result.loops, loop[0], trail)
                result.loop_scenes.setdefault(loop[0], loop)
                return None
            seen.append((target, v))
            m = shape.step(target, t, e, f, v)
            if m is None:  # no branch of next holds: play stops here
                first(result.stuck, target, trail)
                return None
            target = m.goto

    def landing(target: str, f: frozenset[str], v: frozenset[str]) -> str | tuple:
        """`shape.land_one(target, t, e, f, v)` with the meters left open: the ending, or
        (the endings within the cap whose flag and scene part holds, in order, as (id,
        meter limits, the test if it has `any` clauses), the ending if none holds, f)."""
        if not (target == engine.OUTCOME or (shape.capped and shape.rank[target] > cap_of(f))):
            return target
        cap = cap_of(f) if shape.capped else 2
        plan: list[tuple] = []
        fallback = None
        for eid, test in shape.endings:
            if cap < 2 and shape.rank[eid] > cap:
                continue
            fallback = eid
            if test is None:
                plan.append((eid, None, None))
                break  # (it always holds: no later ending is reached)
            if test.admits(f, v):
                plan.append((eid, test.limits, test if test.alts else None))
        return plan, fallback or shape.worst(), f

    t0, e0 = shape.start_point
    begin = arrive(shape.start, t0, e0, EMPTY, EMPTY, None)
    if begin is None:
        return result
    if isinstance(begin, str):
        first(result.endings, begin, None)
        result.states = 1
        return result
    seen: dict[int, int] = {begin: tree.add(begin, -1, 0)}  # state -> node id
    rank = shape.rank
    taken_paths = result.taken
    # A move into a scene without `next` (nearly every move) is worked out in bits:
    # what `Move.flags_after` and `Shape.enter` do to the sets, as masks, so no
    # frozenset is built and numbered per move. Per scene: its live flags, its
    # live visited scenes and its own bit if it is one of them; per move: what it
    # sets and clears.
    direct = {
        sid: (
            fmask(shape.live_flags.get(sid, EMPTY)),
            vmask(shape.live_visited.get(sid, EMPTY)),
            vmask((sid,)) if sid in shape.live_visited.get(sid, EMPTY) else 0,
        )
        for sid in scenes
        if sid not in has_next
    }
    move_bits = {id(m): (fmask(m.sets), fmask(m.clears)) for ms in moves.values() for m in ms}
    # Per (scene, flags, visited): its sets as names and the moves whose flag and scene
    # part holds there, worked out once, not once per state (a few hundred states share
    # one in the bundled files). Kept from a combination's second state on (`met`, a
    # byte each), so a file whose every state has its own flags keeps none; bounded:
    # past COMBO_MEMO it starts again.
    per_combo: dict[int, tuple] = {}
    met = bytearray()
    queue: deque[int] = deque([0])
    take = queue.pop if depth_first else queue.popleft
    wanted = (
        (
            goal
            or (len(scenes), sum(len(sc.choices) for sc in scenes.values()), len(scenario.endings))
        )
        if depth_first
        else None
    )
    while queue:
        # At least (not exactly) the goal: were this walk to reach more than the
        # exploration counted, an equal count would be passed by and never met.
        if wanted is not None and all(
            have >= want
            for have, want in zip(
                (len(result.scenes), len(result.taken), len(result.endings)), wanted, strict=True
            )
        ):
            result.complete = False  # (stopped once everything had a path, not exhausted)
            break
        nid = take()
        c, te = divmod(tree.codes[nid], SPAN)
        t, e = divmod(te, 101)
        sid, fb, vb = combos[c]
        if keep:
            tree.start.append(len(tree.target))
        known_c = per_combo.get(c)
        if known_c is None:
            f, v = fnames(fb), vnames(vb)  # (the conditions read names)
            here = v | {sid}  # what the engine's visited holds while in this scene
            # The moves whose flag and scene part holds here, each with the meter limits
            # left to test per state (`Test.holds` is those, that part and `any`).
            open_here = [
                (
                    m,
                    None if m.test is None else m.test.limits,
                    m.test if m.test and m.test.alts else None,
                )
                for m in moves[sid]
                if m.test is None or m.test.admits(f, here)
            ]
            known_c = (
                f,
                here,
                vb | vmask((sid,)),
                open_here,
                [None] * len(open_here),  # the combination each move leads to, once known
                [None] * len(open_here),  # how each move to an ending lands, once known
            )
            if c < len(met) and met[c]:  # kept from its second state on
                if len(per_combo) >= COMBO_MEMO:
                    per_combo.clear()
                per_combo[c] = known_c
            else:
                if c >= len(met):
                    met.extend(bytes(c + 1024 - len(met)))
                met[c] = 1
        f, here, here_b, open_here, to_combo, to_end = known_c
        number = 0
        best_next: list[int] = []
        for pos, (m, limits, alts) in enumerate(open_here):
            if limits is not None:
                lo_t, hi_t, lo_e, hi_e = limits
                if not (lo_t <= t <= hi_t and lo_e <= e <= hi_e):
                    continue
                if alts is not None and not any(a.holds(t, e, f, here) for a in alts.alts):
                    continue
            number += 1
            nt = t + m.trust
            nt = 100 if nt > 100 else (0 if nt < 0 else nt)
            ne = e + m.empowerment
            ne = 100 if ne > 100 else (0 if ne < 0 else ne)
            cid = to_combo[pos]
            if cid is not None:
                # A move into a scene without `next` taken before from this (scene, flags,
                # visited): its path, its scene's and the combination it leads to are known.
                nxt: int | str | None = cid * SPAN + nt * 101 + ne
            elif (land := to_end[pos]) is not None:
                # A move to an ending (or "@outcome") taken before from here: which endings'
                # flag and scene parts hold is known, their meter limits are left (`landing`).
                if type(land) is str:
                    nxt = land
                else:
                    plan, nxt, f2 = land
                    for eid, lim, alt in plan:
                        if lim is not None:
                            lo_t, hi_t, lo_e, hi_e = lim
                            if not (lo_t <= nt <= hi_t and lo_e <= ne <= hi_e):
                                continue
                            if alt is not None and not any(
                                a.holds(nt, ne, f2, here) for a in alt.alts
                            ):
                                continue
                        nxt = eid
                        break
                first(result.endings, nxt, (nid, number))
                if keep:
                    tree.index.append(m.index)
                    tree.number.append(number)
                    tree.target.append(-1 - rank[nxt])
                continue
            else:
                taken = (nid, number)
                ckey = (sid, m.index)
                if ckey not in taken_paths:  # (first(), inlined: once per move of every state)
                    taken_paths[ckey] = path_of(taken)
                goto = m.goto
                bits = direct.get(goto)
                if bits is not None:  # (arrive(), in bits)
                    if goto not in result.scenes:
                        result.scenes[goto] = path_of(taken)
                    live_f, live_v, own = bits
                    sets_b, clears_b = move_bits[id(m)]
                    k = (goto, (fb | sets_b) & ~clears_b & live_f, (here_b | own) & live_v)
                    cid = combo_ids.get(k)
                    if cid is None:
                        cid = combo_ids[k] = len(combos)
                        combos.append(k)
                    to_combo[pos] = cid
                    nxt = cid * SPAN + nt * 101 + ne
                else:
                    f2 = m.flags_after(f)
                    nxt = arrive(goto, nt, ne, f2, here, taken)
                    if goto not in scenes:  # (an ending or "@outcome": arrive landed it)
                        to_end[pos] = landing(goto, f2, here)
                if nxt is None:
                    if keep:
                        tree.index.append(m.index)
                        tree.number.append(number)
                        tree.target.append(NOWHERE)
                    continue
                if isinstance(nxt, str):  # an ending
                    first(result.endings, nxt, taken)
                    if keep:
                        tree.index.append(m.index)
                        tree.number.append(number)
                        tree.target.append(-1 - rank[nxt])
                    continue
            known = seen.get(nxt)
            if known is None:
                known = seen[nxt] = tree.add(nxt, nid, number)
                if depth_first and m.index >= 0 and scenes[sid].choices[m.index].best:
                    best_next.append(known)
                else:
                    queue.append(known)
            if keep:
                tree.index.append(m.index)
                tree.number.append(number)
                tree.target.append(known)
            if len(seen) > max_states or len(combos) > max_combos:
                result.complete = False
                result.too_many = (
                    f"more than {max_states:,} states"
                    if len(seen) > max_states
                    else f"more than {max_combos:,} different sets of flags and visited scenes"
                )
                result.states = len(seen)
                return result
        # Going deep, the best lines are followed first (pushed last): the strong
        # ending is usually at the end of them, and the rest branch off near it.
        queue.extend(best_next)
        if number == 0 and sid not in result.stuck:
            result.stuck[sid] = tree.path(nid)
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

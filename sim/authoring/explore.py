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
and falls back to the link-level checks (`structural`, in exploration.py with
the `Exploration` this returns), which are always linear. Each node holds up
to 101 x 101 meter pairs, so the bound covers up to two billion concrete states.
A node costs about 1.4 KB at its peak, mostly its meter bitset: its flags and
scenes are bits of an int (`sim.authoring.namebits`) and edges are node numbers,
so the bound also holds memory (benchmarks/README.md: 1.68 GB before, on a hub).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sim.authoring import meters
from sim.authoring.exploration import MAX_NODES, Exploration, Key, trapped_loops
from sim.authoring.landing import finals, immediate, record_takers
from sim.authoring.namebits import NameBits
from sim.authoring.shape import (
    EMPTY,
    OUTCOME,
    cap_of,
    compile_shape,
)

if TYPE_CHECKING:
    from sim.model import Scenario


ENDS = "@ends:"  # `collect` it for the final states per ending (`arrivals[ENDS + eid]`)
# `collect` it for every set of states whose ending "@outcome" picks (a cap's redirect
# too), per (flags, visited), in `arrivals[PICKS]`: the endings reordered need no search.
PICKS = "@picks"
FINAL = -1  # a node's bits once folded into the totals (never a real set: sets are >= 0)
PENDING = -2  # a node outside loops not expanded yet: its whole set is in `pending`


def explore(
    scenario: Scenario,
    max_nodes: int = MAX_NODES,
    watch: Iterable[tuple[str, int]] = (),
    collect: Iterable[str] = (),
    caps: bool = True,
    texts: bool | frozenset = True,
) -> Exploration:
    """Explore from the scenario's start.

    `watch` lists choices whose endings reached without another decision are
    recorded in `immediate`; `collect` lists scenes whose meter pairs are kept
    in `scene_bits` (for messages about them), and "@outcome" in it keeps the
    states that reach "@outcome" in `arrivals["@outcome"]`, and ENDS those that end at
    each ending in `arrivals[ENDS + eid]`. `caps=False` ignores critical
    slips' caps, to tell an author that a cap is what keeps an ending away.
    `texts=False` leaves out what only chooses a text to show (variants, `also`,
    reflections: `shown` stays empty), so flags only they read add no states; for
    `peer-sim test`, which judges paths and outcomes, not texts. A set of names
    (sim.authoring.text_units) judges only the texts whose text-only flags and scenes
    are among them: `check` joins one such exploration per group (`texts_shown`).
    """
    # Many small objects are made and none is garbage: the cyclic collector
    # would only rescan them (a third of the time on large scenarios).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _explore(scenario, max_nodes, watch, set(collect), caps, texts)
    finally:
        if collecting:
            gc.enable()


def _explore(
    scenario: Scenario,
    max_nodes: int,
    watch: Iterable[tuple[str, int]],
    collect: set[str],
    caps: bool = True,
    texts: bool | frozenset = True,
) -> Exploration:
    shape = compile_shape(
        scenario,
        routing_only=texts is False,
        text_names=texts if isinstance(texts, frozenset) else None,
    )
    if not caps:
        shape.capped = False
    result = Exploration(shape, bound=max_nodes)
    watched = set(watch)
    start_flags, start_visited = shape.enter(shape.start, EMPTY, EMPTY)
    # A node's flags and visited scenes are held as bits (sim.authoring.namebits):
    # a key is then (scene, int, int), a few bytes however many flags a run carries.
    fbits, vbits = NameBits(), NameBits()
    fnames, vnames = fbits.names_of, vbits.names_of
    start_key = (shape.start, fbits.mask(start_flags), vbits.mask(start_visited))
    moves, scc_of, outcome = shape.moves, shape.scc_of, shape.outcome
    cyclic = shape.cyclic
    start_bits = meters.point(*shape.start_point)
    # A node outside loops is reached only from earlier scenes, so until it is
    # expanded its whole set is the one in `pending`: `nodes` holds PENDING
    # for it, then FINAL. Inside loops `nodes` holds the set reached so far.
    # Nodes are numbered as first met: `ids` finds a node's number, `keys` its key and
    # `held` its set. Edges and queues then hold numbers (8 bytes each, the int
    # shared with `ids`), not a tuple and flag set built for every move: on a hub of
    # once-only topics those copies were most of the memory (adv19: 1.68 GB).
    ids: dict[tuple[str, int, int], int] = {start_key: 0}
    keys: list[tuple[str, int, int]] = [start_key]
    held: list[int] = [start_bits if scc_of[shape.start] in cyclic else PENDING]
    pending: dict[int, int] = {0: start_bits}
    # Nodes to expand, per component in topological order, first in first out
    # (a heap on (component, arrival) would give the same order, at more cost).
    queues: dict[int, list[int]] = {scc_of[shape.start]: [0]}
    # Inside loops, each node's successors in its loop (repeats allowed: they cost
    # less than a set per node and change no answer).
    edges: dict[int, list[int]] = {}
    exits: set[int] = set()
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
    has_finals = bool(shape.ending_variants or shape.ending_also or shape.reflections)
    scene_bits = result.scene_bits
    reached = result.reached
    states = 0
    outcome_bits = 0
    # (flags, visited) -> meter pairs with which "@outcome" is reached, when asked for
    # (`collect` holding "@outcome"): which part of an ending's when never holds there
    outcome_at = result.arrivals.setdefault(OUTCOME, {}) if OUTCOME in collect else None
    # ENDS in `collect` keeps, per ending, the states runs end there with, in
    # `arrivals[ENDS + eid]`: which part of an `also` or ending variant never holds
    ends_at = ENDS in collect
    picks_at = result.arrivals.setdefault(PICKS, {}) if PICKS in collect else None

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
            lf = lv = None  # (as bits: the target's live flags and scenes)
            tset = 0
            tcomp = -1
            keep = 0  # the live flags a move to the target keeps: not those it clears
            if kind == 0:
                lf = fbits.mask(live_f.get(target, EMPTY)) or None
                lv = vbits.mask(live_v.get(target, EMPTY)) or None
                if lv is not None and target in live_v[target]:
                    tset = vbits.mask((target,))
                tcomp = scc_of[target]
                if lf is not None:
                    keep = lf & ~fbits.mask(m.clears)
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
                    # a fallback branch of next (index -2 or below) too: check says when
                    # no run takes it (sim.authoring.shown)
                    None if t is None and m.index >= -1 else ckey,
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
                    fbits.mask(m.sets),
                    keep,
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
            nid = queue[qi]
            qi += 1
            bits = pending.pop(nid)
            sid, fm, vm = keys[nid]
            flags, visited = fnames(fm), vnames(vm)
            key = (sid, flags, visited)
            rows_, comp, in_loop, open_always, collected, always, variants = plan[sid]
            if sid not in reached:
                reached.add(sid)
                offered.update(always)
            if variants:
                record_takers(("scene", sid), variants, bits, flags, visited, shown)
            rest = bits  # for a branching next: the pairs no earlier branch took
            covered = 0
            if in_loop:
                # Edges are kept only inside loops, to find loops with no way out.
                out = edges.get(nid)
                if out is None:
                    out = edges[nid] = []
            else:
                # Outside loops every way in comes from an earlier scene (already
                # expanded, by the topological order), so this set is final: fold
                # it into the totals and let it go, keeping the working set small.
                out = None
                states += bits.bit_count()
                if collected:
                    scene_bits[sid] = scene_bits.get(sid, 0) | bits
                    _arrive(result.arrivals, key, bits)
                held[nid] = FINAL
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
                sets_bits,
                keep,
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
                        found |= immediate(shape, scenario, target, nb, f2, visited)
                    if kind:
                        if out is not None:
                            exits.add(nid)
                        if kind == 1:
                            outcome_bits |= nb
                            if outcome_at is not None:
                                at = (f2, visited)
                                outcome_at[at] = outcome_at.get(at, 0) | nb
                            landed = outcome(nb, f2, visited)
                            if picks_at is not None:
                                picks_at[(f2, visited)] = picks_at.get((f2, visited), 0) | nb
                        elif capped and rank[target] > cap_of(f2):
                            breaks.setdefault((sid, m.index), (target, f2))
                            landed = outcome(nb, f2, visited)
                            if picks_at is not None:
                                picks_at[(f2, visited)] = picks_at.get((f2, visited), 0) | nb
                        else:
                            landed = ((target, nb),)
                        for eid, part in landed:
                            ending_bits[eid] = ending_bits.get(eid, 0) | part
                            if ends_at:
                                _arrive(result.arrivals, (ENDS + eid, f2, visited), part)
                            if has_finals:
                                finals(shape, eid, part, f2, visited, shown)
                            if capped and f2:
                                c = cap_of(f2)
                                if c < 2:
                                    capped_bits[c] = capped_bits.get(c, {})
                                    capped_bits[c][eid] = capped_bits[c].get(eid, 0) | part
                        continue
                # (as m.flags_after(flags) & live flags, and the visited scenes, in bits)
                if lf is None:
                    f3 = 0
                elif touches:
                    f3 = (fm | sets_bits) & keep
                else:
                    f3 = fm & lf
                if lv is None:
                    v3 = 0
                elif tset:
                    v3 = (vm | tset) & lv
                else:
                    v3 = vm & lv
                nk = (target, f3, v3)
                to = ids.get(nk)
                if not tloop:
                    if out is not None:
                        exits.add(nid)  # leaves the loop
                    # Not expanded yet (it is in a later component): just gather.
                    if to is None:
                        ids[nk] = to = len(keys)
                        keys.append(nk)
                        held.append(PENDING)
                        pending[to] = nb
                        q = queues.get(tcomp)
                        if q is None:
                            queues[tcomp] = [to]
                        else:
                            q.append(to)
                    else:
                        pending[to] |= nb
                    continue
                if to is None:
                    ids[nk] = to = len(keys)
                    keys.append(nk)
                    held.append(nb)
                    pending[to] = nb
                    q = queues.get(tcomp)
                    if q is None:
                        queues[tcomp] = [to]
                    else:
                        q.append(to)
                else:
                    old = held[to]
                    union = nb | old
                    if union != old:
                        held[to] = union
                        if to in pending:
                            pending[to] |= union ^ old
                        else:
                            pending[to] = union ^ old
                            q = queues.get(tcomp)
                            if q is None:
                                queues[tcomp] = [to]
                            else:
                                q.append(to)
                if out is not None:
                    if tcomp == comp:
                        out.append(to)
                    else:
                        exits.add(nid)  # leaves the loop
            if not open_always and covered != bits and sid not in result.dead_ends:
                t, e = meters.first(bits ^ covered)
                result.dead_ends[sid] = (t, e, flags)
            if len(keys) > max_nodes:
                result.complete = False
                break
        if not result.complete:
            break
        del queues[comp_now]

    result.outcome_bits = outcome_bits
    result.nodes = len(keys)
    for nid, (sid, fm, vm) in enumerate(keys):
        b = held[nid]
        if b == PENDING:  # never expanded (the bound was passed): its set is pending
            b = pending[nid]
        if b >= 0:  # not FINAL
            states += b.bit_count()
            if sid in collect:
                scene_bits[sid] = scene_bits.get(sid, 0) | b
                _arrive(result.arrivals, (sid, fnames(fm), vnames(vm)), b)
        reached.add(sid)  # (pending ones too, when the bound was passed)
    result.meter_states = states
    if result.complete:
        result.stuck = trapped_loops(shape, keys, edges, exits)
    return result


def _arrive(
    arrivals: dict[str, dict[tuple[frozenset[str], frozenset[str]], int]], key: Key, bits: int
) -> None:
    """Add `bits` to the meter pairs kept for a collected scene, per (flags, visited)."""
    sid, flags, visited = key
    at = arrivals.setdefault(sid, {})
    at[(flags, visited)] = at.get((flags, visited), 0) | bits

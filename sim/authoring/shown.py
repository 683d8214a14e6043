"""Texts and branches that can never show, for `peer-sim check`.

Scene and ending variants, conditional reflections and branching `next` are
judged on the exploration's exact states, so "never" here means never:

- `never-taken` (error): a branch of `next` with a `when` that never holds
  when the conversation gets there (earlier branches take every state);
- `fallback-never-taken` (warning): the last branch of `next`, with no `when`,
  never taken because the branches before it take every state (their `when`
  tests nothing there, so the runs the author meant for the fallback are not
  told apart);
- `never-shown` (warning): a text variant or conditional reflection whose
  condition never holds where it is judged (entering its scene, or the end
  of a run).

Each says why (`sim.authoring.never`): the part of the `when` that never
holds there, or the earlier variant or branch that takes every moment it
would.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from sim.authoring.exploration import Exploration
from sim.authoring.explore import ENDS, explore
from sim.authoring.final_why import final_reason, never_together
from sim.authoring.never import (
    Arrivals,
    failing_parts,
    holds_on_arrival,
    meter_parts,
    meters_with,
    ranges_text,
    reads_meters,
    side_by_side,
    unset_hint,
)
from sim.authoring.text_units import names_of

if TYPE_CHECKING:
    from sim.authoring.conditions import Test
    from sim.loading.where import Where
    from sim.model import Clause, Scenario
    from sim.problems import Problem

FALLBACK = "check the flags and numbers it needs, and the order of the {}"


def shown_problems(scenario: Scenario, found: Exploration, where: Where) -> list[Problem]:
    if not found.complete:
        return []
    shape = found.shape
    shown, reached = found.shown, found.reached
    # (scene, index): never-shown variants (index >= 0) and never-taken branches (< 0)
    missed: list[tuple[str, int]] = []
    fallbacks: list[tuple[str, int]] = []  # (scene, index) of a fallback branch never taken
    for sid, scene in scenario.scenes.items():
        if sid not in reached:
            continue
        missed += [(sid, i) for i in range(len(scene.variants)) if ("scene", sid, i) not in shown]
        if isinstance(scene.next, tuple):
            missed += [
                (sid, -1 - i)
                for i, step in enumerate(scene.next)
                if step.when is not None and (sid, -1 - i) not in found.offered
            ]
            fallbacks += [
                (sid, i)
                for i, step in enumerate(scene.next)
                if i > 0 and step.when is None and (sid, -1 - i) not in found.offered
            ]
    arrivals: dict[str, Arrivals] = {}
    if missed or fallbacks:  # the states arriving there, to say why (explored again, keeping them)
        # with the flags those variants read remembered (the first exploration, of the
        # routing alone, left them out), and their tests compiled
        names = names_of(scenario, [("scene", s) for s, i in missed if i >= 0])
        collect = {s for s, _ in missed} | {s for s, _ in fallbacks}
        again = explore(scenario, found.bound, collect=collect, texts=names)
        arrivals, shape = again.arrivals, again.shape
    out: list[Problem] = []
    for sid, index in missed:
        scene = scenario.scenes[sid]
        arr = arrivals.get(sid, {})
        if index >= 0:
            tests = shape.variants[sid]
            why = _why(scenario, scene.variants[index].when, tests, index, arr, "variant")
            out.append(
                where.problem(
                    ("scenes", sid, "variants", index, "when"),
                    f"this variant never shows: when the conversation enters '{sid}', {why[0]}",
                    why[1] or FALLBACK.format("variants"),
                    severity="warning",
                    code="never-shown",
                )
            )
        else:
            i = -1 - index
            tests = tuple(m.test for m in shape.moves[sid])
            why = _why(scenario, scene.next[i].when, tests, i, arr, "branch")
            out.append(
                where.problem(
                    ("scenes", sid, "next", i, "when"),
                    f"this branch of next is never taken: when the conversation reaches "
                    f"'{sid}', {why[0]}",
                    why[1] or FALLBACK.format("branches"),
                    code="never-taken",
                )
            )
    for sid, i in fallbacks:
        out.append(_fallback_never_taken(scenario, found, where, sid, i, arrivals.get(sid, {})))
    out += _finals(scenario, found, where)
    return out


def _fallback_never_taken(
    scenario: Scenario, found: Exploration, where: Where, sid: str, index: int, arr: Arrivals
) -> Problem:
    """The fallback of a branching `next` no run takes: a `when = { min_trust = 20 }` where
    trust is never below 20 sends every run down branch 1, and the runs meant for the
    fallback are not told apart (author test 35: `check` said nothing)."""
    taken = [
        j + 1
        for j in range(index)
        if (sid, -1 - j) in found.offered and scenario.scenes[sid].next[j].when is not None
    ]
    names = " and ".join(f"branch {j}" for j in taken) or "the branches before it"
    verb = "holds" if len(taken) == 1 else "hold"
    bits = 0
    for b in arr.values():
        bits |= b
    reads = any(reads_meters(scenario.scenes[sid].next[j - 1].when) for j in taken)
    here = f" (here {ranges_text(bits)})" if arr and reads else ""
    return where.problem(
        ("scenes", sid, "next", index),
        f"the fallback branch of next (branch {index + 1}, with no when) is never taken: "
        f"when the conversation reaches '{sid}', the when of {names} {verb} on every way "
        "there, so it tests nothing",
        f"narrow that when so the runs meant for the fallback miss it{here}, or, if every "
        "run should go on as it does, remove the fallback branch",
        severity="warning",
        code="fallback-never-taken",
    )


def _why(
    scenario: Scenario,
    cond: Clause,
    tests: tuple[Test | None, ...],
    index: int,
    arrivals: Arrivals,
    kind: str,
) -> tuple[str, str]:
    """(what happens, the hint) for the `index`th of `tests`, never applied where it is judged."""
    test = tests[index]
    if test is not None and arrivals and holds_on_arrival(test, arrivals):
        # the moments this one would take, and the earlier ones that take them
        mine = {k: m for k, b in arrivals.items() if (m := test.filter(b, *k))}
        earlier = [
            j + 1 for j, t in enumerate(tests[:index]) if t is None or holds_on_arrival(t, mine)
        ]
        names = " and ".join(f"{kind} {j}" for j in earlier) or f"an earlier {kind}"
        verb = "goes" if kind == "branch" else "shows"
        return (
            f"its when holds on some ways, but {names} always {verb} first",
            f"put this {kind} before {names}, or narrow the earlier when",
        )
    parts = failing_parts(scenario, cond, arrivals)
    if parts:
        return "its when never holds", "; ".join(parts)
    if arrivals:
        bits = 0
        for b in arrivals.values():
            bits |= b
        bound = meters_with(cond, arrivals, "on the ways here")
        if bound:
            return (
                "its when never holds",
                f"each part of it holds on some way here, but never all at once: {bound}",
            )
        pair = side_by_side(scenario, cond)
        apart = never_together(cond, arrivals, "on some way here", "on one way")
        here = f" (here {ranges_text(bits)})" if reads_meters(cond) else ""
        return (
            "its when never holds",
            f"each part of it holds on some way here, but never all at once{here}"
            + (f"; {pair or apart}" if pair or apart else ""),
        )
    return "its when never holds", ""


def _finals(scenario: Scenario, found: Exploration, where: Where) -> list[Problem]:
    """Ending variants and reflections: judged on the final state of a run."""
    out: list[Problem] = []
    shown = found.shown
    flags_set = {f for sc in scenario.scenes.values() for c in sc.choices for f in c.sets}
    kept: dict[str, Arrivals] = {}
    # the final texts that never show: the flags they read are remembered to say why
    unseen: list[tuple] = [
        ("ending", eid)
        for eid, e in scenario.endings.items()
        if any(("ending", eid, i) not in shown for i in range(len(e.variants)))
    ]
    unseen += [
        ("also", eid, i)
        for eid, e in scenario.endings.items()
        for i in range(len(e.also))
        if ("also", eid, i) not in shown
    ]
    unseen += [
        ("reflect", i) for i in range(len(scenario.debrief.reflect)) if ("reflect", i) not in shown
    ]

    def ends_at(eid: str | None) -> Arrivals:
        """The final states of runs ending at `eid` (None: at any ending), explored on asking."""
        if not kept:
            names = names_of(scenario, unseen)
            kept.update(explore(scenario, found.bound, collect={ENDS}, texts=names).arrivals)
        if eid is not None:
            return kept.get(ENDS + eid, {})
        every: Arrivals = {}
        for key, at in kept.items():
            for state, bits in at.items() if key.startswith(ENDS) else ():
                every[state] = every.get(state, 0) | bits
        return every

    for eid, ending in scenario.endings.items():
        if not found.endings.get(eid):
            continue
        for i in range(len(ending.variants)):
            if ("ending", eid, i) not in shown:
                message, hint = _ending_variant_why(
                    ending.variants, i, eid, found, flags_set, scenario.scenes
                )
                if hint.endswith(FALLBACK.format("variants")):
                    hint = (
                        final_reason(
                            scenario, ending.variants[i].when, ends_at(eid), eid, found.offered
                        )
                        or hint
                    )
                out.append(
                    where.problem(
                        ("endings", eid, "variants", i, "when"),
                        f"this variant never shows: {message}",
                        hint,
                        severity="warning",
                        code="never-shown",
                    )
                )
        for i, extra in enumerate(ending.also):
            if ("also", eid, i) not in shown:
                static = _static(extra.when, found, flags_set, scenario.scenes)
                bits = found.endings.get(eid, 0)
                short = meter_parts(extra.when, bits, f"when a run ends at '{eid}'")
                out.append(
                    where.problem(
                        ("endings", eid, "also", i, "when"),
                        f"this added paragraph never shows: its when never holds when a run "
                        f"ends at '{eid}'",
                        static
                        or "; ".join(short)
                        or side_by_side(scenario, extra.when)
                        or final_reason(scenario, extra.when, ends_at(eid), eid, found.offered)
                        or f"runs end at '{eid}' only with {ranges_text(bits)}; check the "
                        "flags, scenes and numbers it needs",
                        severity="warning",
                        code="never-shown",
                    )
                )
    if any(found.endings.values()):
        ends = 0  # every final meter pair, whichever ending
        for b in found.endings.values():
            ends |= b
        for i, item in enumerate(scenario.debrief.reflect):
            if isinstance(item, str) or item.when is None:
                continue
            if ("reflect", i) not in shown:
                out.append(
                    where.problem(
                        ("debrief", "reflect", i, "when"),
                        "this reflection is never asked: its when never holds at the end of a run",
                        _static(item.when, found, flags_set, scenario.scenes)
                        or "; ".join(meter_parts(item.when, ends, "when a run ends"))
                        or side_by_side(scenario, item.when)
                        or final_reason(scenario, item.when, ends_at(None), offered=found.offered)
                        or f"runs end with {ranges_text(ends)}; check the flags, scenes and "
                        "numbers it needs",
                        severity="warning",
                        code="never-shown",
                    )
                )
    return out


def _ending_variant_why(
    variants: Sequence[Any],
    index: int,
    eid: str,
    found: Exploration,
    flags_set: set[str],
    scenes: Collection[str] = (),
) -> tuple[str, str]:
    """(what happens, the hint) for an ending's variant that never shows.

    The explorer keeps only the meters a run ends with (not its flags), so the
    reasons are those that need no final states: a flag nothing sets, a scene
    nothing reaches, an earlier variant that asks for no more than this one
    (it always shows first); failing those, the meters runs end there with.
    """
    cond = variants[index].when
    static = _static(cond, found, flags_set, scenes)
    if static:
        return f"its when never holds when a run ends at '{eid}'", static
    bits = found.endings.get(eid, 0)
    short = meter_parts(cond, bits, f"when a run ends at '{eid}'")
    if short:
        return f"its when never holds when a run ends at '{eid}'", "; ".join(short)
    for j, earlier in enumerate(variants[:index]):
        if _asks_no_more(earlier.when, cond):
            return (
                f"variant {j + 1} always shows first when a run ends at '{eid}': its when "
                "asks for no more than this one's",
                f"put this variant before variant {j + 1}, or narrow variant {j + 1}'s when",
            )
    hint = FALLBACK.format("variants")
    if bits:
        hint = f"runs end at '{eid}' only with {ranges_text(bits)}; {hint}"
    return f"its when never holds when a run ends at '{eid}'", hint


def _asks_no_more(general: Clause, specific: Clause) -> bool:
    """Every run `specific` holds for, `general` holds for too (read off the keys alone)."""
    if getattr(general, "any", ()):
        return False  # an OR: judging it needs the states, which are not kept at an ending

    def lower_ok(g: int | None, s: int | None) -> bool:
        return g is None or (s is not None and s >= g)

    def upper_ok(g: int | None, s: int | None) -> bool:
        return g is None or (s is not None and s <= g)

    return (
        lower_ok(general.min_trust, specific.min_trust)
        and upper_ok(general.max_trust, specific.max_trust)
        and lower_ok(general.min_empowerment, specific.min_empowerment)
        and upper_ok(general.max_empowerment, specific.max_empowerment)
        and set(general.flags) <= set(specific.flags)
        and set(general.not_flags) <= set(specific.not_flags)
        and set(general.visited) <= set(specific.visited)
        and set(general.not_visited) <= set(specific.not_visited)
    )


def _static(
    cond: Clause, found: Exploration, flags_set: set[str], scenes: Collection[str] = ()
) -> str:
    """The reason that needs no states: a flag nothing sets, a scene nothing reaches."""
    for flag in cond.flags:
        if flag not in flags_set:
            return unset_hint(flag, flags_set, scenes)
    for sid in cond.visited:
        if sid not in found.reached:
            return f"scene '{sid}' is never reached, so it is never seen"
    return ""

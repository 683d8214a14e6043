"""The checker's deep analysis: what `peer-sim check` says after a file loads.

Errors (the scenario does not work as written), found by exploring every
reachable state (`sim.authoring.explore`):

- `unreachable-scene`, `unreachable-ending`: no path gets there;
- `dead-end`: some reachable state offers no choice at all;
- `never-offered`: a choice whose `when` never holds where it is asked;
- `no-way-out`: a loop the conversation can enter and never leave.

Warnings (it works, but a trainee would learn the wrong thing, or a debrief
would be thin), from `sim.authoring.teaching` (no-why to safety-worst),
`sim.authoring.flags` (the flag names) and `sim.authoring.straight`:

- `no-why`, `no-principle`: a choice the debrief cannot explain;
- `verdict-meters`: `honours` with both meters going down (or `undermines`
  with both going up);
- `directive`: "you should", "you need to", "you have to", "you must" or
  "just" in a choice marked `honours`;
- `stigma`: "addict", "abuser", "junkie", or "clean"/"dirty" about a person,
  in the coach's words of a choice not marked `undermines`;
- `untrained`: a principle in `trains` that no choice honours or undermines;
- `critical-honours`: a critical slip whose principles say only honours or
  neutral, so the scorecard would count it among the good lines;
- `safety-worst`: a crisis-referral or boundaries choice marked `honours`
  that can end in the scenario's worst ending with no decision in between
  (the domain brief: a correct safety move may cost trust, but must not be
  punished, or trainees learn collusion is rewarded);
- `unset-flag`: a condition tests a flag no choice sets (with a "did you
  mean" when one is close; a flag that makes a choice never offered or an
  ending unreachable is named in that error's hint instead);
- `unused-flag`: a flag some choice sets (or clears) but no `when` tests,
  while a tested flag nobody sets is a near spelling of it: one is a typo;
- `ending-when-skipped`: a choice or `next` goes straight to an ending whose
  `when` fails on some way there (`sim.authoring.straight`);
- `ending-when-unchecked`: the same, where the search for such a way stopped at
  its bound before settling it either way;
- `repeatable`: a line that leads back to its own scene and stays on offer once
  said, so a trainee can repeat it (`sim.authoring.repeat`);
- `fallback-when`: a `when` on the last ending, which "@outcome" takes whenever
  no ending before it holds, so the `when` is never read (`sim.authoring.fallback`);
- `state-bound`: the scenario is too large to explore fully (see
  `exploration.MAX_NODES`); the link-level checks still ran.

Each problem names the file, line and key path.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sim.authoring.caps import cap_problems
from sim.authoring.conditions import Test
from sim.authoring.exploration import MAX_NODES, Exploration, structural
from sim.authoring.explore import explore
from sim.authoring.fallback import fallback_problems
from sim.authoring.flags import flag_problems
from sim.authoring.indent import indent_problems
from sim.authoring.items import item_problems
from sim.authoring.knockon import fold
from sim.authoring.meters import ranges
from sim.authoring.never import failing_parts, meter_parts, ranges_text, unset_hint
from sim.authoring.repeat import repeat_problems
from sim.authoring.shape import CAP_FLAG, cap_of
from sim.authoring.shown import shown_problems
from sim.authoring.straight import direct_scenes, straight_problems
from sim.authoring.teaching import SAFETY, teaching_problems
from sim.engine import OUTCOME, OUTCOME_RANK, choice_id
from sim.loading.where import Where

if TYPE_CHECKING:
    from sim.model import Catalogue, Choice, Clause, Scenario
    from sim.problems import Problem

RANK = OUTCOME_RANK


@dataclass
class Analysis:
    """The exploration behind the problems, for reports (`peer-sim test`, `check --stats`)."""

    exploration: Exploration
    problems: list[Problem]


def lint(
    scenario: Scenario,
    catalogue: Catalogue | None = None,
    source: str | None = None,
    max_nodes: int = MAX_NODES,
) -> list[Problem]:
    """Every deep error and every warning, in file order."""
    return analyse(scenario, catalogue, source, max_nodes).problems


def analyse(
    scenario: Scenario,
    catalogue: Catalogue | None = None,
    source: str | None = None,
    max_nodes: int = MAX_NODES,
) -> Analysis:
    """The problems and the exploration they came from, so a report reuses the one search.

    Exploring is the expensive part of a check; `peer-sim test` and `check --stats`
    read the same `Exploration` rather than exploring again.
    """
    where = Where(scenario, source)
    # One pass over the choices for what the checks below need.
    safety: list[tuple[str, int]] = []
    conditional: list[tuple[str, int, Choice]] = []  # choices with a `when`
    marking: list[tuple[str, int, Choice]] = []  # choices that set or clear flags
    flags_set: set[str] = set()
    for sid, scene in scenario.scenes.items():
        for i, c in enumerate(scene.choices):
            pr = c.principles
            if pr and (pr.get(SAFETY[0]) == "honours" or pr.get(SAFETY[1]) == "honours"):
                safety.append((sid, i))
            if c.when is not None:
                conditional.append((sid, i, c))
            if c.sets:
                flags_set.update(c.sets)
                marking.append((sid, i, c))
            elif c.clears:
                marking.append((sid, i, c))
    found = explore(scenario, max_nodes=max_nodes, watch=safety, collect=direct_scenes(scenario))
    problems: list[Problem] = []
    if found.complete:
        problems += _deep(scenario, found, where, conditional, flags_set)
    else:
        fallback = structural(scenario, found.shape)
        problems.append(
            where.problem(
                ("start",),
                f"this scenario has more than {found.bound:,} combinations of scene, flags and "
                "visited scenes, so peer-sim checked its links only (scenes and endings no "
                "link reaches, loops no link leaves), not every state",
                "split it into smaller scenarios, or use fewer flags and visited conditions",
                severity="warning",
                code="state-bound",
            )
        )
        problems += _deep(scenario, fallback, where, conditional, flags_set)
    problems += teaching_problems(scenario, found, where)
    problems += cap_problems(scenario, found, where) if found.complete else []
    problems += straight_problems(scenario, found, where) if found.complete else []
    problems += shown_problems(scenario, found, where)
    problems += item_problems(scenario, where)
    problems += indent_problems(scenario, where)
    problems += fallback_problems(scenario, where)
    problems += repeat_problems(scenario, found, where)
    reported = {p.key for p in problems if p.hint and "no choice sets the flag" in p.hint}
    problems += flag_problems(scenario, where, reported, conditional, marking, flags_set)
    problems = fold(scenario, found, where, problems)
    problems.sort(key=lambda p: (p.line or 0, p.column or 0, p.key))
    return Analysis(found, problems)


def _deep(
    scenario: Scenario,
    found: Exploration,
    where: Where,
    conditional: list[tuple[str, int, Choice]],
    flags_set: set[str],
) -> list[Problem]:
    out: list[Problem] = []
    shape = found.shape
    missing = [sid for sid in scenario.scenes if sid not in found.reached]
    linked = found.reached
    if missing and found.complete:
        linked = structural(scenario, shape).reached
    for sid in missing:
        if sid in linked and (ways := _unused_ways(scenario, found, sid)):
            hint = (
                f"the only way here, {ways[0][0]}, is never {ways[0][1]}: see the error there"
                if len(ways) == 1
                else "no way here is ever used: "
                + "; ".join(f"{w} is never {v}" for w, v in ways)
                + ": see the error at each"
            )
        elif sid in linked:
            chosen = any(c.goto == sid for sc in scenario.scenes.values() for c in sc.choices)
            hint = (
                "choices lead here, but their conditions never hold on the way; loosen them"
                if chosen
                else "a branch of next leads here, but its when never holds on the way, or an "
                "earlier branch always goes first; loosen it"
            )
        else:
            hint = f'add a choice with goto = "{sid}" (or next = "{sid}"), or remove the scene'
        out.append(
            where.problem(
                ("scenes", sid),
                f"no path through the scenario reaches scene '{sid}'",
                hint,
                code="unreachable-scene",
            )
        )
    direct: set[str] | None = None  # every goto, when some ending is missed
    for eid, ending in scenario.endings.items():
        if found.endings.get(eid):
            continue
        if direct is None:
            direct = {m.goto for ms in shape.moves.values() for m in ms}
        unset = [f for f in ending.when.flags if f not in flags_set] if ending.when else []
        if eid in direct:
            hint = _slipped_away(scenario, found, eid) or (
                "the choices that go here are never reached or never offered"
            )
        elif OUTCOME in direct and unset:
            hint = unset_hint(unset[0], flags_set)
        elif OUTCOME in direct and (capped := _kept_by_cap(scenario, found, eid)) is not None:
            hint = capped
        elif OUTCOME in direct and found.outcome_bits:
            hint = _outcome_misses(scenario, found.outcome_bits, eid, found.bound)
        elif OUTCOME in direct:
            hint = 'no path reaches "@outcome"'
        else:
            hint = f'add a choice with goto = "{eid}" or "@outcome"'
        out.append(
            where.problem(
                ("endings", eid),
                f"no path through the scenario reaches ending '{eid}'",
                hint,
                code="unreachable-ending",
            )
        )
    if not found.complete:
        for first, loop in found.stuck.items():
            out.append(no_way_out(where, first, loop))
        return out
    for sid, (t, e, flags) in found.dead_ends.items():
        # "@cap-..." are the explorer's own marks for a critical slip's cap, not the author's
        shown = ", ".join(sorted(f for f in flags if not f.startswith("@"))) or "none"
        capped = [("poor", "mixed")[r] for r, flag in sorted(CAP_FLAG.items()) if flag in flags]
        after = f", after a critical slip (capped at {capped[0]})" if capped else ""
        out.append(
            dead_end(
                where,
                sid,
                f"for example trust {t}, empowerment {e}, flags set: {shown}{after}",
                branches=isinstance(scenario.scenes[sid].next, tuple),
            )
        )
    reached, offered = found.reached, found.offered
    missed = [
        (sid, i, c) for sid, i, c in conditional if (sid, i) not in offered and sid in reached
    ]
    if missed:
        # The meters at those scenes, for the hint: explored again, keeping them.
        never = {sid for sid, _i, _c in missed}
        arrivals = explore(scenario, found.bound, collect=never).arrivals
        for sid, i, choice in missed:
            unset = [f for f in choice.when.flags if f not in flags_set]
            parts = failing_parts(scenario, choice.when, arrivals[sid])
            bits = 0
            for b in arrivals[sid].values():
                bits |= b
            here = _here(bits)
            if unset:
                hint = unset_hint(unset[0], flags_set)
            elif parts:
                hint = f"{'; '.join(parts)} ({here})"
            else:
                hint = f"each part of it holds on some way here, but never all at once ({here})"
            out.append(
                where.problem(
                    ("scenes", sid, "choices", i, "when"),
                    f"this condition never holds when the conversation reaches '{sid}', "
                    "so the choice is never offered",
                    hint,
                    code="never-offered",
                )
            )
    for first, loop in found.stuck.items():
        out.append(no_way_out(where, first, loop))
    return out


def _here(bits: int) -> str:
    """The meters a scene is reached with, for a never-offered hint."""
    found = ranges(bits)
    if found is None:  # (a scene in `reached` always has some pairs: said plainly if not)
        return "no run reaches it with any meters"
    (lo_t, hi_t), (lo_e, hi_e) = found
    return f"here trust is {lo_t}..{hi_t} and empowerment {lo_e}..{hi_e}"


def _unused_ways(scenario: Scenario, found: Exploration, target: str) -> list[tuple[str, str]]:
    """The choices never offered and branches never taken, in scenes that are reached,
    that lead to `target`: each has its own error saying why, so name them here."""
    out: list[tuple[str, str]] = []
    for sid, scene in scenario.scenes.items():
        if sid not in found.reached:
            continue
        for i, c in enumerate(scene.choices):
            if c.goto == target and (sid, i) not in found.offered:
                out.append((f"choice {choice_id(sid, i, c)}", "offered"))
        if isinstance(scene.next, tuple):
            for i, step in enumerate(scene.next):
                if step.goto == target and (sid, -1 - i) not in found.offered:
                    out.append((f"branch {i + 1} of the next of '{sid}'", "taken"))
    return out


def _outcome_misses(scenario: Scenario, bits: int, eid: str, bound: int = MAX_NODES) -> str:
    """Why "@outcome" never picks an ending: a part of its `when` that never holds there,
    else the earlier ending that takes its states first, else the parts that hold only
    apart (with the meters on the ways that meet the rest of it).

    Runs a critical slip's cap keeps from this ending are left out of the figures:
    the secrecy promise that lifts trust to 60 says nothing about a strong ending.
    """
    ending = scenario.endings[eid]
    when = ending.when
    rank = RANK[ending.outcome]
    arrivals = explore(scenario, bound, collect={OUTCOME}).arrivals.get(OUTCOME, {})
    open_ = {at: b for at, b in arrivals.items() if cap_of(at[0]) >= rank}
    mine = 0
    for b in open_.values():
        mine |= b
    if mine and mine != bits:
        reach = (
            f'"@outcome" is reached with {ranges_text(mine)} in runs no critical slip keeps '
            f"from a {ending.outcome} ending"
        )
    else:
        open_, mine = (open_, mine) if mine else (arrivals, bits)
        reach = f'"@outcome" is reached with {ranges_text(bits)}'
    if when is None:
        return f"{reach}; change its when"
    numbers = meter_parts(when, mine)
    parts = failing_parts(scenario, when, open_)
    if parts:
        change = "change the numbers" if parts == numbers else "change its when"
        return f"{reach}, and {'; '.join(parts)}; {change}"
    first = _taken_first(scenario, eid, bound)
    if first:
        return (
            f"{reach}; this ending's when holds on some of those ways, but ending '{first}', "
            f"written before it, always takes them first (put '{eid}' before '{first}', or "
            f"narrow the when of '{first}')"
        )
    return f"{reach}, but {_together(when, open_)}"


def _together(when: Clause, arrivals: dict) -> str:
    """Every part of `when` holds on some way to "@outcome", never all at once: say where
    the rest of it holds, and what the meters are there."""
    rest = replace(Test.of(when), mask=None, limits=(0, 100, 0, 100))
    met = 0
    for (flags, visited), b in arrivals.items():
        met |= rest.filter(b, flags, visited)
    named = _gates(when)
    if not named or not met:
        return "each part of its when holds on some way there, never all at once; change its when"
    numbers = meter_parts(when, met, where="then")
    also = "; ".join(numbers) if numbers else f"{_bounds(when)} never hold at once there"
    return f"with {named}, it is reached with {ranges_text(met)}, and {also}; change the numbers"


def _gates(when: Clause) -> str:
    """The flag and scene part of a `when`, in words ("the flags 'a' and 'b' set, ...")."""
    parts = []
    for names, kind, how in (
        (when.flags, "flag", "set"),
        (when.not_flags, "flag", "not set"),
        (when.visited, "scene", "seen"),
        (when.not_visited, "scene", "not seen"),
    ):
        if names:
            quoted = [f"'{n}'" for n in names]
            listed = (
                quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
            )
            parts.append(f"the {kind}{'s' if len(names) > 1 else ''} {listed} {how}")
    if getattr(when, "any", ()):
        parts.append("an entry of its any holding")
    return ", ".join(parts)


def _bounds(when: Clause) -> str:
    """Its meter bounds as written ("min_trust = 49 and min_empowerment = 50")."""
    keys = ("min_trust", "max_trust", "min_empowerment", "max_empowerment")
    return " and ".join(f"{k} = {getattr(when, k)}" for k in keys if getattr(when, k) is not None)


def _taken_first(scenario: Scenario, eid: str, bound: int) -> str | None:
    """The earlier ending nearest `eid` that, once `eid` is moved above it, no longer
    takes every state `eid` would have; None if moving `eid` first reaches it nowhere.

    Explored again with the endings reordered: a condition can hold only on some
    ways (flags, scenes seen), which the meter ranges alone cannot say.
    """
    names = list(scenario.endings)
    at = names.index(eid)
    for before in range(at - 1, -1, -1):
        order = names[:before] + [eid] + [n for n in names[before:] if n != eid]
        trial = scenario.model_copy(update={"endings": {n: scenario.endings[n] for n in order}})
        if explore(trial, bound).endings.get(eid):
            return names[before]
    return None


def _slipped_away(scenario: Scenario, found: Exploration, eid: str) -> str | None:
    """Why an ending named by choices that are taken is still never reached; None if not that.

    A choice (or `next`) that goes straight here after a critical slip is
    redirected by the slip's cap; when those are the only ways here that are
    taken, "never reached or never offered" would be wrong: they are both.
    """
    ways: list[str] = []
    cap = 0
    for (sid, index), (target, flags) in sorted(found.cap_breaks.items(), key=str):
        if target != eid:
            continue
        if index >= 0:
            ways.append(choice_id(sid, index, scenario.scenes[sid].choices[index]))
        else:
            ways.append(f"the next of '{sid}'")
        cap = max(cap, cap_of(flags))
    if not ways:
        return None
    outcome = scenario.endings[eid].outcome
    allowed = next(name for name, rank in RANK.items() if rank == cap)
    return (
        f"the ways here that are taken ({', '.join(ways)}) come with a critical slip, whose cap "
        f'rules out a {outcome} ending, so the game ends those runs by "@outcome" instead; give '
        f'this ending an outcome the cap allows (outcome = "{allowed}"), or lead runs without a '
        "slip here too"
    )


def _kept_by_cap(scenario: Scenario, found: Exploration, eid: str) -> str | None:
    """Why a critical slip's cap, not the numbers, keeps an ending away; None if not.

    An ending whose `when` holds only in runs holding a critical slip (it needs
    a flag only a slip sets, say) is passed over in every one of them; telling
    the author to "change the numbers" would send them the wrong way.
    """
    shape = found.shape
    if not shape.capped or RANK[scenario.endings[eid].outcome] == 0:
        return None
    if found.uncapped is None:
        found.uncapped = explore(scenario, found.bound, caps=False)
    if not found.uncapped.endings.get(eid):
        return None
    outcome = scenario.endings[eid].outcome
    when = scenario.endings[eid].when
    slip_flags: set[str] = set()
    plain_flags: set[str] = set()
    for scene in scenario.scenes.values():
        for c in scene.choices:
            (slip_flags if c.critical else plain_flags).update(c.sets)
    only = [f for f in (when.flags if when else ()) if f in slip_flags - plain_flags]
    because = (
        f"its when needs the flag '{only[0]}', which only critical slips set"
        if only
        else "the only runs that would end here hold a critical slip"
    )
    return (
        f"{because}, and a critical slip's cap rules out a {outcome} ending; "
        "change its when so that runs without a critical slip can meet it"
    )


def show_loop(loop: list[str]) -> str:
    return " -> ".join(loop[:6]) + (" ..." if len(loop) > 6 else "")


def no_way_out(where: Where, first: str, loop: list[str], how: str = "") -> Problem:
    """A loop with no way out, at its first scene in the file (`check` and `test` alike)."""
    return where.problem(
        ("scenes", first),
        f"once the conversation is in this loop ({show_loop(loop)}) it can never reach an "
        f"ending{how}",
        "add a choice that leads out of the loop, or a condition that stops it repeating",
        code="no-way-out",
    )


def dead_end(where: Where, sid: str, how: str, branches: bool = False) -> Problem:
    """A scene reached with no choice offered, at its choices (`check` and `test` alike).

    With `branches`, the scene goes on by a branching `next` rather than choices,
    and the message and hint say so (they spoke of choices the scene did not have).
    """
    if branches:
        return where.problem(
            ("scenes", sid, "next"),
            f"the conversation can reach scene '{sid}' when no branch of its next holds "
            f"({how}), and stops there",
            "add a last [[scenes." + sid + ".next]] without `when` as the fallback, "
            "or loosen the conditions",
            code="dead-end",
        )
    return where.problem(
        ("scenes", sid, "choices"),
        f"the conversation can reach scene '{sid}' when none of its choices is offered ({how}), "
        "and stops there",
        "add a choice without `when` as a fallback, or loosen the conditions",
        code="dead-end",
    )

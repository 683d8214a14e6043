"""One message per cause: knock-on errors folded into the error that causes them.

An author who writes `next = "a"` where `"c"` was meant gets a loop no
conversation leaves, and then every scene and ending after it is unreachable:
five errors for one mistake, the real one easy to miss. Likewise an ending
with no `when` placed before others takes every `"@outcome"` first, and each
ending after it is reported unreachable with no word of why. Here such
knock-on errors are removed and named inside the one message that says what
to change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.engine import NO_CAP, OUTCOME, OUTCOME_RANK, cap_of
from sim.loading.keypath import format_key

if TYPE_CHECKING:
    from sim.authoring.exploration import Exploration
    from sim.loading.where import Where
    from sim.model import Scenario
    from sim.problems import Problem


def fold(
    scenario: Scenario, found: Exploration, where: Where, problems: list[Problem]
) -> list[Problem]:
    """`problems` with the knock-on errors of a shadowing ending or a closed loop folded in."""
    problems = _ending_order(scenario, found, where, problems)
    if found.complete:
        problems = _loops(scenario, found, problems)
    return problems


def _names(kind: str, ids: list[str]) -> str:
    quoted = ", ".join(f"'{i}'" for i in ids)
    return f"{kind}{'s' if len(ids) > 1 else ''} {quoted}"


def _direct_targets(found: Exploration, sources: object = None) -> set[str]:
    moves = found.shape.moves
    scenes = moves if sources is None else sources
    return {m.goto for sid in scenes for m in moves.get(sid, ())}


def shadowed_endings(scenario: Scenario) -> dict[str, list[str]]:
    """Endings `"@outcome"` can never pick, by the ending with no `when` that comes first.

    `@outcome` takes the first ending in file order whose `when` holds and
    whose outcome is within the run's cap (lowered by critical slips). An
    ending after one with no `when` can still be picked only under a cap that
    passes over the earlier one but not itself.
    """
    endings = scenario.endings
    caps = {NO_CAP} | {
        cap_of(c) for scene in scenario.scenes.values() for c in scene.choices if c.critical
    }
    ids = list(endings)
    out: dict[str, list[str]] = {}
    for j, eid in enumerate(ids):
        rank = OUTCOME_RANK[endings[eid].outcome]
        blocker = None
        for cap in sorted(caps):
            if rank > cap:
                continue  # never within this cap anyway
            first = next(
                (
                    e
                    for e in ids[:j]
                    if endings[e].when is None and OUTCOME_RANK[endings[e].outcome] <= cap
                ),
                None,
            )
            if first is None:
                blocker = None
                break
            blocker = blocker or first
        if blocker is not None:
            out.setdefault(blocker, []).append(eid)
    return out


def _ending_order(
    scenario: Scenario, found: Exploration, where: Where, problems: list[Problem]
) -> list[Problem]:
    direct = _direct_targets(found)
    folded: set[str] = set()
    added: list[Problem] = []
    for blocker, after in shadowed_endings(scenario).items():
        never = [eid for eid in after if eid not in direct and not found.endings.get(eid)]
        if not never:
            continue
        folded.update(format_key(("endings", eid)) for eid in never)
        added.append(
            where.problem(
                ("endings", blocker),
                # "...before ending 'repair': it can never be reached" read as the first
                # ending, the one with no when (author44): the ones never reached are named
                f"ending '{blocker}' has no `when`, so \"@outcome\" always picks it first: "
                f"{_names('ending', never)} below it can never be reached",
                _order_hint(scenario, blocker, never),
                code="ending-order",
            )
        )
    kept = [p for p in problems if not (p.code == "unreachable-ending" and p.key in folded)]
    return kept + added


def _order_hint(scenario: Scenario, blocker: str, never: list[str]) -> str:
    also = [e for e in never if scenario.endings[e].when is None]
    if also:  # moving it would only shadow the other one
        return (
            f"'{also[0]}' has no `when` either, and only the last ending can go without "
            f"one: give '{blocker}' a when"
        )
    return f"move '{blocker}' below the others as the last, fallback ending, or give it a when"


def _loops(scenario: Scenario, found: Exploration, problems: list[Problem]) -> list[Problem]:
    loops = sorted(
        (p for p in problems if p.code == "no-way-out"), key=lambda p: (p.line or 0, p.key)
    )
    if not loops:
        return problems
    leads_on = _direct_targets(found, found.reached)
    scenes = [sid for sid in scenario.scenes if sid not in found.reached and sid not in leads_on]
    endings = []
    if OUTCOME not in leads_on:
        endings = [
            eid for eid in scenario.endings if not found.endings.get(eid) and eid not in leads_on
        ]
    keys = {format_key(("scenes", s)) for s in scenes} | {
        format_key(("endings", e)) for e in endings
    }
    codes = ("unreachable-scene", "unreachable-ending")
    folded = [p for p in problems if p.code in codes and p.key in keys]
    if not folded:
        return problems
    gone = set(map(id, folded))
    scenes = [s for s in scenes if format_key(("scenes", s)) in {p.key for p in folded}]
    endings = [e for e in endings if format_key(("endings", e)) in {p.key for p in folded}]
    parts = [_names("scene", scenes)] if scenes else []
    parts += [_names("ending", endings)] if endings else []
    first = loops[0]
    target = (scenes or endings)[0]
    merged = type(first)(
        first.path,
        first.message + ", and nothing else leads to " + " or ".join(parts),
        key=first.key,
        line=first.line,
        column=first.column,
        hint=f"add a choice or a next that leads out of the loop (to '{target}'?), "
        "or a condition that stops it repeating",
        severity=first.severity,
        code=first.code,
    )
    return [merged if p is first else p for p in problems if id(p) not in gone]

"""The checker's deep analysis: what `peer-sim check` says after a file loads.

Errors (the scenario does not work as written), found by exploring every
reachable state (`sim.authoring.explore`):

- `unreachable-scene`, `unreachable-ending`: no path gets there;
- `dead-end`: some reachable state offers no choice at all;
- `never-offered`: a choice whose `when` never holds where it is asked;
- `no-way-out`: a loop the conversation can enter and never leave;
- `look-alike-names`: two characters whose names read alike ('Alex' and 'ALEX',
  or with a Cyrillic letter or a zero-width space), so a trainee cannot tell who
  speaks (`sim.authoring.look_alike`).

Warnings (it works, but a trainee would learn the wrong thing, or a debrief
would be thin), from `sim.authoring.teaching` (no-why to safety-worst),
`sim.authoring.flags` (the flag names) and `sim.authoring.straight`:

- `no-why`, `no-principle`: a choice the debrief cannot explain;
- `verdict-meters`: `honours` with both meters going down (or `undermines`
  with both going up);
- `directive`: "you should", "you need to", "you have to", "you must" or
  "just" in a choice marked `honours`;
- `stigma`: "addict", "abuser", "junkie", or "clean"/"dirty" about a person,
  in the coach's words of a choice not marked `undermines`, or unquoted in any
  other text a trainee reads but a character's own words (`sim.authoring.stigma_text`);
- `untrained`: a principle in `trains` that no choice honours or undermines;
- `only-undermined`: a principle in `trains` that choices only undermine, so
  the trainee never meets a line that honours it;
- `critical-honours`: a critical slip whose principles say only honours or
  neutral, so the scorecard would count it among the good lines;
- `safety-worst`: a crisis-referral or boundaries choice marked `honours`
  that can end in the scenario's worst ending with no decision in between
  (the domain brief: a correct safety move may cost trust, but must not be
  punished, or trainees learn collusion is rewarded);
- `unset-flag`: a condition tests (or a choice clears) a flag no choice sets
  (with a "did you mean" when one is close; a flag that makes a choice never offered or an
  ending unreachable is named in that error's hint instead);
- `flag-unused`: a flag some choice sets that nothing reads (no `when` of a
  choice, next branch, variant, ending, `also` or reflection tests it): dead
  weight or a typo (the hint names a tested flag nobody sets spelt nearly the same);
- `ending-when-skipped`: a choice or `next` goes straight to an ending whose
  `when` fails on some way there (`sim.authoring.straight`);
- `ending-when-unchecked`: the same, where the search for such a way stopped at
  its bound before settling it either way;
- `repeatable`: a line that leads back to its own scene and stays on offer once
  said, so a trainee can repeat it (`sim.authoring.repeat`);
- `fallback-when`: a `when` on the last ending, which "@outcome" takes whenever
  no ending before it holds, so the `when` is never read (`sim.authoring.fallback`);
- `empty-when`: `when = {}`, or an empty `{ }` in `any`, which always holds (a
  placeholder left unfilled; `sim.authoring.empty_when`);
- `safety-meter`: a safety move (honours crisis-referral, boundaries or
  confidentiality, undermines nothing) that lowers trust or empowerment, which
  a trainee reads as a penalty (`sim.authoring.safety_meters`);
- `safety-untagged`: a line that asks about suicide, names 988, 911 or a
  crisis line, or brings in the supervisor, with no safety verdict and nothing
  undermined, so the safety rules cannot see it (`sim.authoring.safety_meters`);
- `crisis-line-unmarked`: 988 or 911 named where neither the setting nor the
  summary says the scenario is set in the US (`sim.authoring.crisis_lines`);
- `state-bound`: the scenario is too large to explore fully (see
  `exploration.MAX_NODES`); the link-level checks still ran.

Each problem names the file, line and key path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.authoring.caps import cap_problems
from sim.authoring.crisis_lines import crisis_line_problems
from sim.authoring.empty_when import empty_when_problems
from sim.authoring.exploration import MAX_NODES, Exploration, structural
from sim.authoring.explore import explore
from sim.authoring.fallback import early_fallback_problems, fallback_problems
from sim.authoring.final_why import never_together
from sim.authoring.flags import flag_problems
from sim.authoring.folded import folded_problems
from sim.authoring.hidden_text import hidden_text_problems
from sim.authoring.indent import indent_problems
from sim.authoring.items import item_problems
from sim.authoring.knockon import fold
from sim.authoring.look_alike import look_alike_problems
from sim.authoring.meters import ranges
from sim.authoring.never import (
    failing_parts,
    meters_with,
    reads_meters,
    side_by_side,
    unset_hint,
)
from sim.authoring.repeat import repeat_problems
from sim.authoring.safety_meters import safety_meter_problems, untagged_problems
from sim.authoring.shape import CAP_FLAG
from sim.authoring.shown import shown_problems
from sim.authoring.stigma_text import stigma_text_problems
from sim.authoring.straight import direct_scenes, straight_problems
from sim.authoring.teaching import SAFETY, teaching_problems
from sim.authoring.text_units import groups, texts_shown, unit_names, when_key
from sim.authoring.unreached import ending_hint
from sim.engine import OUTCOME_RANK, choice_id
from sim.loading.where import Where

if TYPE_CHECKING:
    from sim.model import Catalogue, Choice, Scenario
    from sim.problems import Problem

RANK = OUTCOME_RANK


@dataclass
class Analysis:
    """The exploration behind the problems, for reports (`peer-sim test`, `check --stats`)."""

    exploration: Exploration
    problems: list[Problem]
    # nodes explored to judge the texts (variants, also, reflections) beside the
    # routing's own `exploration.nodes` (sim.authoring.text_units)
    text_nodes: int = 0


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
    # The routing first, without the flags only texts read; then the texts, in groups
    # (sim.authoring.text_units): the same answers as one exploration of every flag,
    # without 2^k states for k independent flags that only texts read.
    found = explore(
        scenario, max_nodes=max_nodes, watch=safety, collect=direct_scenes(scenario), texts=False
    )
    units = unit_names(scenario)
    text_nodes = 0
    if found.complete and units:
        found.shown, text_nodes, unjudged, skipped = texts_shown(
            scenario, max_nodes, groups(units), units, found.nodes
        )
        problems_texts = [_unjudged(where, unit, units[unit], max_nodes) for unit in unjudged]
        problems_texts += [
            _unjudged(where, unit, units[unit], text_nodes, True) for unit in skipped
        ]
    else:
        problems_texts = []
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
                "link reaches, loops no link leaves), not every state (the search stopped "
                f"having seen {found.meter_states:,} states with their meters, in "
                f"{len(found.reached & set(scenario.scenes))} of {len(scenario.scenes)} scenes)",
                "split it into smaller scenarios, or use fewer flags and visited conditions",
                severity="warning",
                code="state-bound",
            )
        )
        problems += _deep(scenario, fallback, where, conditional, flags_set)
    problems += teaching_problems(scenario, found, where)
    problems += stigma_text_problems(scenario, where)
    problems += safety_meter_problems(scenario, where)
    problems += untagged_problems(scenario, where)
    problems += cap_problems(scenario, found, where) if found.complete else []
    problems += straight_problems(scenario, found, where) if found.complete else []
    problems += shown_problems(scenario, found, where)
    problems += problems_texts
    problems += item_problems(scenario, where)
    problems += indent_problems(scenario, where)
    problems += folded_problems(scenario, where)
    problems += fallback_problems(scenario, where)
    problems += early_fallback_problems(scenario, found, where) if found.complete else []
    problems += empty_when_problems(scenario, where)
    problems += crisis_line_problems(scenario, where)
    problems += look_alike_problems(scenario, where)
    problems += hidden_text_problems(source, where)
    problems += repeat_problems(scenario, found, where)
    reported = {p.key for p in problems if p.hint and "no choice sets the flag" in p.hint}
    problems += flag_problems(scenario, where, reported, conditional, marking, flags_set)
    problems = fold(scenario, found, where, problems)
    problems.sort(key=lambda p: (p.line or 0, p.column or 0, p.key))
    return Analysis(found, problems, text_nodes)


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
    for eid in scenario.endings:
        if found.endings.get(eid):
            continue
        if direct is None:
            direct = {m.goto for ms in shape.moves.values() for m in ms}
        hint = ending_hint(scenario, found, eid, direct, flags_set)
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
        arrivals = explore(scenario, found.bound, collect=never, texts=False).arrivals
        for sid, i, choice in missed:
            unset = [f for f in choice.when.flags if f not in flags_set]
            parts = failing_parts(scenario, choice.when, arrivals[sid], offered=offered, here=sid)
            bits = 0
            for b in arrivals[sid].values():
                bits |= b
            here = f" ({_here(bits)})" if reads_meters(choice.when) else ""
            if unset:
                hint = unset_hint(unset[0], flags_set, scenario.scenes)
            elif parts:
                hint = f"{'; '.join(parts)}{here}"
            elif bound := meters_with(choice.when, arrivals[sid], "on the ways here"):
                hint = f"each part of it holds on some way here, but never all at once: {bound}"
            else:
                hint = f"each part of it holds on some way here, but never all at once{here}"
                pair = side_by_side(scenario, choice.when) or never_together(
                    choice.when, arrivals[sid], "on some way here", "on one way"
                )
                hint += "; " + pair if pair else ""
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


def _unjudged(
    where: Where, unit: tuple, names: frozenset, bound: int, spent: bool = False
) -> Problem:
    """A text whose flags were too many to explore with (or that came after the texts
    had spent their whole budget): said, not passed over in silence."""
    read = ", ".join(f"'{n}'" for _kind, n in sorted(names))
    why = (
        f"peer-sim stopped judging this file's texts after {bound:,} combinations of scene, "
        "flags and visited scenes (searches that passed the bound, three bounds' worth), "
        "so whether this text ever shows was not judged"
        if spent
        else "peer-sim could not judge whether this text ever shows: with the flags and "
        f"scenes it reads ({read}) the conversation has more than {bound:,} combinations "
        "of scene, flags and visited scenes"
    )
    return where.problem(
        when_key(unit),
        why,
        "read fewer flags in one text, or split the scenario into smaller ones",
        severity="warning",
        code="state-bound",
    )


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
        fallback = "add a last [[scenes." + sid + ".next]] without `when` as the fallback"
        if _next_written_inline(where, sid):
            # TOML refuses a [[...next]] block once `next = [...]` is written: the
            # fallback goes inside the list the author already has
            fallback = (
                'add { goto = "..." } without `when` as the last entry of its '
                "next = [ ... ], the fallback"
            )
        return where.problem(
            ("scenes", sid, "next"),
            f"the conversation can reach scene '{sid}' when no branch of its next holds "
            f"({how}), and stops there",
            f"{fallback}, or loosen the conditions",
            code="dead-end",
        )
    return where.problem(
        ("scenes", sid, "choices"),
        f"the conversation can reach scene '{sid}' when none of its choices is offered ({how}), "
        "and stops there",
        "add a choice without `when` as a fallback, or loosen the conditions",
        code="dead-end",
    )


_NEXT_KEY = re.compile(r"\s*next\s*=")


def _next_written_inline(where: Where, sid: str) -> bool:
    """Whether the scene's branches are written `next = [ {...}, ... ]` rather than as
    [[scenes.ID.next]] blocks: the two forms cannot be mixed, so the hint follows the one used."""
    line, _column = where.line(("scenes", sid, "next"))
    locator = where.locator
    if line is None or locator is None:
        return False
    lines = locator.source.split("\n")
    return 1 <= line <= len(lines) and _NEXT_KEY.match(lines[line - 1]) is not None

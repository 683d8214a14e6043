"""What a choice teaches: the warnings `peer-sim check` gives about each line's verdict.

A scenario can load, reach every ending and still teach the wrong thing: a
line marked `honours` that tells the person what to do, stigmatising words in
the coach's mouth, a critical slip the scorecard counts as good, a correct
safety move punished with the worst ending. These read one choice at a time
(plus the exploration's `immediate` endings for safety moves), so they live
apart from the reachability errors in `sim.authoring.lint`.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from sim.authoring.replays import choices_option
from sim.engine import OUTCOME_RANK as RANK
from sim.language import DIRECTIVE, STIGMA, has_stigma_stem, stigma_hint
from sim.weakness import BROKEN_BY

# The catalogue's language principle (scenarios/principles.toml).
LANGUAGE_PRINCIPLE = "person-first-language"

if TYPE_CHECKING:
    from sim.authoring.exploration import Exploration
    from sim.loading.where import Where
    from sim.model import Scenario
    from sim.problems import Problem

# The principles whose `honours` marks a safety move (the domain brief: a correct
# safety move may cost trust, but must not be punished with the worst ending).
SAFETY = ("crisis-referral", "boundaries")


def teaching_problems(scenario: Scenario, found: Exploration, where: Where) -> list[Problem]:
    """Every teaching warning, choice by choice, then principles in `trains` never exercised.

    Warnings, not errors: the scenario plays, but its debrief would be thin or
    would reward the wrong line; the author decides.
    """
    out: list[Problem] = []
    exercised: set[str] = set()
    shown_right: set[str] = set()
    undermined: Counter[str] = Counter()  # choices that undermine each principle
    ranks = [RANK[e.outcome] for e in scenario.endings.values()]
    worst = min(ranks) if ranks and min(ranks) < RANK["strong"] else None
    stems = has_stigma_stem
    punished: list[tuple[str, int, str]] = []  # safety lines straight to the worst ending
    for sid, scene in scenario.scenes.items():
        for i, c in enumerate(scene.choices):
            loc = ("scenes", sid, "choices", i)
            pr = c.principles
            verdicts = pr.values()
            honours = "honours" in verdicts
            # A mixed choice (honours one principle, undermines another: grabbing
            # the car keys) may fairly move the meters either way.
            mixed = honours and "undermines" in verdicts
            for p, v in pr.items():
                if v != "neutral":
                    exercised.add(p)
                if v == "honours":
                    shown_right.add(p)
                elif v == "undermines":
                    undermined[p] += 1
            if not c.why:
                out.append(
                    where.problem(
                        loc,
                        "this choice has no `why`, so the debrief cannot explain it",
                        'add why = "..." in a sentence or two',
                        severity="warning",
                        code="no-why",
                    )
                )
            if not pr:
                out.append(
                    where.problem(
                        loc,
                        "this choice names no principle, so the debrief cannot group it",
                        'add principles = { active-listening = "honours" } (or neutral, undermines)',
                        severity="warning",
                        code="no-principle",
                    )
                )
            if honours and not mixed and c.trust < 0 and c.empowerment < 0:
                out.append(
                    where.problem(
                        loc,
                        "this choice honours a principle but lowers both trust and empowerment",
                        "check the signs of trust and empowerment, or the verdict",
                        severity="warning",
                        code="verdict-meters",
                    )
                )
            if "undermines" in verdicts and not mixed and c.trust > 0 and c.empowerment > 0:
                out.append(
                    where.problem(
                        loc,
                        "this choice undermines a principle but raises both trust and empowerment",
                        "check the signs of trust and empowerment, or the verdict",
                        severity="warning",
                        code="verdict-meters",
                    )
                )
            if c.critical and pr and "undermines" not in verdicts:
                broken = BROKEN_BY[c.critical]
                honoured = [p for p, v in pr.items() if v == "honours"]
                counted = (
                    f"counts it as honouring {', '.join(honoured)}"
                    if honoured
                    else "counts nothing against it"
                )
                out.append(
                    where.problem(
                        loc + ("principles",),
                        f"this choice is a critical slip ({c.critical}) but undermines no "
                        f"principle, so the debrief's scorecard {counted}",
                        f"mark the principle it breaks, e.g. principles = {{ {broken} = "
                        '"undermines" }, or remove critical if it is not a slip',
                        severity="warning",
                        code="critical-honours",
                    )
                )
            low = c.say.lower()
            if honours and ("you" in low or "just" in low):
                m = DIRECTIVE.search(c.say)
                if m:
                    out.append(
                        where.problem(
                            loc + ("say",),
                            f"'{m.group(0).strip(' .!?;:')}' is directive wording in a choice marked honours",
                            'rephrase as a question or an offer ("What would help?"), '
                            "or change the verdict",
                            severity="warning",
                            code="directive",
                        )
                    )
            # The slip a choice practises is allowed only when it is marked as the
            # language slip: the debrief teaches the word only through that principle.
            if pr.get(LANGUAGE_PRINCIPLE) != "undermines" and stems(low):
                m = STIGMA.search(c.say)
                if m:
                    hint = stigma_hint(m.group(0))
                    if "undermines" in verdicts:
                        hint = (
                            f"this choice undermines other principles but not "
                            f"{LANGUAGE_PRINCIPLE}, so the debrief never names the word: add "
                            f'{LANGUAGE_PRINCIPLE} = "undermines" to its principles if the '
                            f"slip is the point; otherwise {hint}"
                        )
                    out.append(
                        where.problem(
                            loc + ("say",),
                            f"'{m.group(0)}' is stigmatising language in the coach's words",
                            hint,
                            severity="warning",
                            code="stigma",
                        )
                    )
            if worst is not None and (sid, i) in found.immediate:
                bad = [
                    e
                    for e in found.immediate[(sid, i)]
                    if RANK[scenario.endings[e].outcome] == worst
                ]
                if bad:
                    punished.append((sid, i, bad[0]))
    if punished:
        out += _punished(scenario, punished, where)
    for i, pid in enumerate(scenario.trains):
        if pid not in exercised:
            out.append(
                where.problem(
                    ("trains", i),
                    f"'{pid}' is listed in trains but no choice honours or undermines it",
                    f'mark some choices with principles = {{ {pid} = "honours" }}, '
                    "or remove it from trains",
                    severity="warning",
                    code="untrained",
                )
            )
        elif pid not in shown_right:
            # Practice is hearing the right words, not only being told the wrong
            # ones: a principle only ever undermined is taught by its absence.
            out.append(
                where.problem(
                    ("trains", i),
                    f"'{pid}' is listed in trains but no choice honours it "
                    f"({_undermining(undermined[pid])}), "
                    "so a trainee never hears a line that honours it",
                    f'mark a line that truly honours it with principles = {{ {pid} = "honours" }} '
                    "(often the stronger line beside one that undermines it), or write one; "
                    "or remove it from trains",
                    severity="warning",
                    code="only-undermined",
                )
            )
    return out


def _punished(
    scenario: Scenario, punished: list[tuple[str, int, str]], where: Where
) -> list[Problem]:
    """The `safety-worst` warnings, for the lines the move itself can cost the outcome.

    A safety line at the last decision of a run already lost lands on the worst
    ending, and so does every line beside it: the move is not what ends the run,
    and an author cannot route around it (a condition on the last ending changes
    nothing, it is taken whenever no other holds). So a line is warned only when
    `peer-sim test`'s state-by-state comparison finds an easier line beside it that
    can still end better; check and test then agree. That search runs only here,
    for a file that has such a line, and when it stops at its bound every one is
    warned, as before.
    """
    from sim.authoring.fairness import unfair_lines

    report = unfair_lines(scenario, safety_only=True)
    blamed = {(b.scene, b.index): b for b in report.punished} if report.complete else None
    last = list(scenario.endings)[-1]
    out: list[Problem] = []
    for sid, i, ending in punished:
        if blamed is not None and (sid, i) not in blamed:
            continue
        c = scenario.scenes[sid].choices[i]
        beside = blamed.get((sid, i)) if blamed else None
        # A boundary said coldly (honours boundaries, undermines connection) may cost trust:
        # the README says so. "Take away its meter cost (a safety move lowers no meter)"
        # told the author to make a cold line free, against the guide's own advice.
        cold = " and ".join(k for k, v in c.principles.items() if v == "undermines")
        recover = "route it to a scene where the conversation can recover"
        if ending != last:
            ways = f"{recover}, or give the worst ending a condition this move rules out"
        else:
            # the last ending is "@outcome"'s fallback: a `when` on it is never read
            lower = (
                f"lower the threshold of a better ending that it misses (a condition on "
                f"'{ending}' would change nothing: as the last ending it is taken whenever no "
                "other holds)"
            )
            if (c.trust < 0 or c.empowerment < 0) and cold:
                ways = f"{recover}, make its meter cost smaller, or {lower}"
            elif c.trust < 0 or c.empowerment < 0:
                ways = f"{recover}, take away its meter cost (a safety move lowers no meter), or {lower}"
            else:
                # nothing to make smaller (author19: a line of +2 trust was told to cost
                # less): what a line beside it gains carries runs past a threshold
                other, that = (
                    (
                        f"choice {beside.other_number} beside it "
                        f"(scenes.{sid}.choices[{beside.other + 1}]) gains",
                        "that line",
                    )
                    if beside is not None
                    else ("the lines beside it gain", "them")
                )
                ways = (
                    f"it costs nothing here, so what {other} decides it: give {that} less, "
                    f"{recover.replace('route it', 'route this line')}, or {lower}"
                )
        out.append(
            where.problem(
                ("scenes", sid, "choices", i),
                f"this safety choice (honours {_safety(c.principles)}"
                + (f", undermines {cold}" if cold else "")
                + f") can end in '{ending}', the worst ending, with no decision in between"
                + _how(scenario, sid, i, ending),
                (
                    f"a safety line said in a way that undermines {cold} may cost a meter, "
                    f"but never the outcome; {ways}"
                    if cold
                    else "a correct safety move is never punished, by a meter or by the worst "
                    f"outcome; {ways}"
                ),
                severity="warning",
                code="safety-worst",
            )
        )
    return out


def _how(scenario: Scenario, sid: str, index: int, worst: str) -> str:
    """ " (for example --choices 2,1,3 ends there with trust 20, empowerment 15)", or "".

    An author cannot judge a move by "can end in" alone: the way there says
    whether low meters or a slip's cap did it. Played by the engine, so it replays.
    """
    from sim import engine
    from sim.authoring.slips import path_to

    numbers = path_to(scenario, sid, index, ends_in=worst)
    if numbers is None:
        return ""
    run = engine.Run.begin(scenario)
    for n in numbers:
        run.settle()
        run.choose(n)
    run.settle()
    st = run.state
    goto = scenario.scenes[sid].choices[index].goto
    redirected = (
        f"; its goto names '{goto}', but a critical slip before it rules that ending out, "
        'so "@outcome" picks'
        if goto in scenario.endings and goto != worst
        else ""
    )
    return (
        f" (for example {choices_option(numbers)} ends there with trust {st.trust}, "
        f"empowerment {st.empowerment}{redirected})"
    )


def _safety(principles: dict[str, str]) -> str:
    return " and ".join(p for p in SAFETY if principles.get(p) == "honours")


def _undermining(n: int) -> str:
    """'1 choice undermines it', '3 choices undermine it': a neutral mark is no honour
    either, so "every choice that touches it undermines it" was untrue beside one."""
    return "1 choice undermines it" if n == 1 else f"{n} choices undermine it"

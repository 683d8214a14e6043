""" "Why this ending": which decisions and which thresholds decided how a run ended.

Asked of the engine, not guessed: how the last step reached the ending (a
line that leads straight to it, a scene that goes on to it, or `@outcome`),
what the meters alone would have given (`pick_ending(..., cap=NO_CAP)`), and,
for each better ending passed over, which part of its condition failed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from sim.debrief.words import (
    Context,
    clause_met,
    condition_misses,
    either,
    slip_short,
    steps_list,
    upper_first,
)
from sim.engine import NO_CAP, OUTCOME, OUTCOME_RANK, cap_of, first_holding, pick_ending
from sim.text import first_words

if TYPE_CHECKING:
    from collections.abc import Callable

    from sim.engine import State
    from sim.model import Clause, Condition, Scenario

RANK_WORDS = {2: "strong", 1: "mixed", 0: "poor"}


def how_it_ended(scenario: Scenario, state: State) -> tuple[str, int, bool, Condition | None]:
    """(where the last step went, the decision before it, whether a line took it, the
    condition of the `next` branch taken, if any).

    The target is an ending id or `@outcome`; the decision is 0 when the run
    had none. A line that leads to an ending leaves the scene path as it was,
    so the last scene entered is where the last step was taken.
    """
    last = state.path[-1]
    step = len(state.decisions)
    if state.decisions and state.decisions[-1].scene == last:
        d = state.decisions[-1]
        goto = scenario.scenes[d.scene].choices[d.index].goto
        if goto == OUTCOME or goto in scenario.endings:
            return goto, step, True, None
    branch = first_holding(scenario.scenes[last].steps(), replace(state, scene=last, ending=None))
    if branch is None:
        return OUTCOME, step, False, None
    return branch.goto, step, False, branch.when


def first_holding_clause(cond: Condition, state: State) -> Clause | None:
    """The first clause of `cond.any` that holds (what made an OR condition true)."""
    for clause in cond.any:
        if clause.holds(state.trust, state.empowerment, state.flags, state.visited):
            return clause
    return None


def _tighter(a: int | None, b: int | None, pick: Callable[[int, int], int]) -> int | None:
    return a if b is None else b if a is None else pick(a, b)


def _joined(when: Clause, held: Clause) -> Clause:
    """A condition and the clause of its `any` that held, as one clause: each meter's
    bounds the tighter of the two. "needs trust 20 or more and trust 40 or more" told a
    trainee two things where one was meant (trainee playtest 26, A Check-In Call)."""
    return held.model_copy(
        update={
            "min_trust": _tighter(when.min_trust, held.min_trust, max),
            "max_trust": _tighter(when.max_trust, held.max_trust, min),
            "min_empowerment": _tighter(when.min_empowerment, held.min_empowerment, max),
            "max_empowerment": _tighter(when.max_empowerment, held.max_empowerment, min),
            "flags": tuple(dict.fromkeys((*when.flags, *held.flags))),
        }
    )


def _branch_sentence(step: int, when: Condition, state: State, ctx: Context) -> str:
    """A `next` branch with a condition sent the run to its ending: say which."""
    met = clause_met(when, ctx)
    meters = [m for m in met if not m.startswith("what you said")]
    lines = [m for m in met if m.startswith("what you said")]
    after = f"After decision {step}, " if step else ""
    if meters:
        had = either(_meters_in(when, state), "and")
        also = f", after {lines[0]}," if lines else ""
        return (
            f"{after}a run with {either(meters, 'and')}{also} goes straight on to this "
            f"ending; you had {had}."
        )
    if lines:
        return f"{after}{lines[0]} sends the conversation straight on to this ending."
    reasons = [r for sid in when.visited if (r := _reached_because(sid, state, ctx))]
    if reasons:
        # in the order it happened: the moment that decided it, then the ending it led to
        # ("After decision 11, the conversation goes straight on to this ending, since after
        # decision 9 you had trust 43, and ..." read backwards: trainee20)
        same = re.search(rf"\bdecision {step}\b", reasons[0])  # "after decision 2" twice
        then = f"after decision {step}, " if step and not same else ""
        return (
            f"{_stop(upper_first(reasons[0]))} From there, {then}the conversation goes "
            "straight on to this ending."
        )
    return f"{after}the conversation goes straight on to this ending."


def _reached_because(sid: str, state: State, ctx: Context) -> str:
    """Why the run passed through scene `sid`, when an ending's branch asks whether it did.

    "After decision 12 the conversation goes straight on to this ending" told a trainee
    nothing about a poor ending decided three decisions earlier, where trust of 44 or less
    sent Dana out of the room (trainee-test-13). Found on the run's own path: the line that
    led to the scene, or the branch that sent it there and the meters it went by then.
    """
    path = state.path
    if sid not in path or path.index(sid) == 0:
        return ""
    at = path.index(sid)
    made = 0  # decisions made before the scene was entered: one at most per scene entered
    for scene in path[:at]:
        if made < len(state.decisions) and state.decisions[made].scene == scene:
            made += 1
    if not made:
        return ""
    scenario, came_from = ctx.scenario, path[at - 1]
    moment = ctx.scene_words(sid)
    last = state.decisions[made - 1]
    if last.scene == came_from and scenario.scenes[came_from].choices[last.index].goto == sid:
        return f"what you said at decision {made} led to {moment}"
    trust, empowerment = last.trust_after, last.empowerment_after
    for branch in scenario.scenes[came_from].steps():
        when = branch.when
        if (
            branch.goto != sid
            or when is None
            or when.any
            # only meter thresholds: the flags and scenes of that moment are not kept, and
            # the final ones could name a branch the run never took
            or when.flags
            or when.not_flags
            or when.visited
            or when.not_visited
            or not _meters_hold(when, trust, empowerment)
        ):
            continue
        met = [m for m in clause_met(when, ctx) if not m.startswith("what you said")]
        if met:
            had = either(
                _meters_in(when, replace(state, trust=trust, empowerment=empowerment)), "and"
            )
            # the moment last: its quote ends the sentence (“...the door.”), where
            # a colon after it read '.”:' (review-16a)
            return (
                f"after decision {made} you had {had}; with {either(met, 'and')} the "
                f"conversation turns to {moment}"
            )
    return ""


def _meters_hold(when: Condition, trust: int, empowerment: int) -> bool:
    """Whether the meter thresholds of `when` held at these meters (its other parts aside)."""
    for value, low, high in (
        (trust, when.min_trust, when.max_trust),
        (empowerment, when.min_empowerment, when.max_empowerment),
    ):
        if (low is not None and value < low) or (high is not None and value > high):
            return False
    return True


def _ending_name(scenario: Scenario, eid: str) -> str:
    e = scenario.endings[eid]
    return f"a {e.outcome} ending (“{e.title}”)"


def _meters_in(cond: Condition | None, state: State) -> list[str]:
    """The run's final meters that `cond` sets a threshold on: `trust 85`."""
    if cond is None:
        return []
    out = []
    clauses = cond.clauses()
    if any(c.min_trust is not None or c.max_trust is not None for c in clauses):
        out.append(f"trust {state.trust}")
    if any(c.min_empowerment is not None or c.max_empowerment is not None for c in clauses):
        out.append(f"empowerment {state.empowerment}")
    return out


def _slip_steps(scenario: Scenario, state: State) -> list[int]:
    """The decisions whose critical slips set the run's cap."""
    return [
        s
        for s, d in enumerate(state.decisions, 1)
        if d.critical and cap_of(scenario.scenes[d.scene].choices[d.index]) == state.cap
    ]


def _slips_words(scenario: Scenario, state: State) -> tuple[str, str]:
    """("decision 7", "a dual relationship"): the slips that set the run's cap."""
    slips = _slip_steps(scenario, state)
    kinds = {state.decisions[s - 1].critical for s in slips}
    kind = slip_short(next(iter(kinds))) if len(kinds) == 1 else ""
    return (steps_list(slips) if slips else "the start"), kind


def _slips_phrase(scenario: Scenario, state: State) -> tuple[str, bool]:
    """("the critical slips at decisions 6 and 9", True): its kind only when they share one."""
    where, kind = _slips_words(scenario, state)
    several = " and " in where or "," in where
    what = f"the critical slips at {where}" if several else f"the critical slip at {where}"
    if kind:
        # "the critical slips at decisions 4 and 5 (a safety slip)" counted two as one
        what += f" (each {kind})" if several else f" ({kind})"
    return what, several


def _ruled_out(scenario: Scenario, state: State) -> str:
    what, several = _slips_phrase(scenario, state)
    it = "them" if several else "it"
    return f"{what} ruled it out: a run with {it} can end no better than {RANK_WORDS[state.cap]}."


def _cap_sentence(scenario: Scenario, state: State, better: str, ctx: Context) -> str:
    ending = scenario.endings[better]
    met = []
    if ending.when is not None:
        met = [m for m in clause_met(ending.when, ctx) if m.startswith("what you said")]
    used = _meters_in(ending.when, state)
    meters = upper_first(either(used, "and")) if used else "The rest of your run"
    lines = f", with {met[0]}," if met else ""
    verb = "were" if len(used) > 1 or (used and met) else "was"
    return f"{meters}{lines} {verb} enough for {_ending_name(scenario, better)}, but " + _ruled_out(
        scenario, state
    )


def _miss_sentence(
    scenario: Scenario, eid: str, state: State, ctx: Context, skip: frozenset[int] = frozenset()
) -> str | None:
    """What kept ending `eid` out of reach, leaving aside the lines at decisions `skip`."""
    ending = scenario.endings[eid]
    if ending.when is None:
        return None
    m = condition_misses(
        ending.when, ctx, state.trust, state.empowerment, state.flags, state.visited
    )
    if skip:
        m = replace(
            m,
            ruled_out_by=tuple(s for s in m.ruled_out_by if s not in skip),
            stronger_at=tuple(s for s in m.stronger_at if s not in skip),
            offered=tuple(o for o in m.offered if o[0] not in skip),
        )
    if m.empty:
        return None
    name = _ending_name(scenario, eid)
    ruled = []
    if m.ruled_out_by:
        ruled.append(_said_at(scenario, state, m.ruled_out_by))
    ruled += list(m.other)
    needs = m.need_words()
    if needs:
        text = f"{name[0].upper()}{name[1:]} needs {either(needs, 'and')}"
        if ruled:
            text += f"; {either(ruled, 'and')} also ruled it out"
        return _stop(text)
    return f"{upper_first(either(ruled, 'and'))} ruled out {name}."


def _said_at(scenario: Scenario, state: State, steps: tuple[int, ...]) -> str:
    """`what you said at decision 8 (“I'll text you every…”)`: with one or two lines, their
    first words, so a trainee knows which lines without hunting through the cards below
    ("what you said at decisions 8 and 10 also ruled it out" said which, not what)."""
    if len(steps) > 2:
        return f"what you said at {steps_list(steps)}"
    parts = []
    for s in steps:
        d = state.decisions[s - 1]
        say = scenario.scenes[d.scene].choices[d.index].say
        parts.append(f"decision {s} (“{first_words(say, 6)}”)")
    return "what you said at " + " and ".join(parts)


def _stop(text: str) -> str:
    """A full stop, unless the sentence ends on a quote that already ends with one (“He
    said sorry.”), which a second one would double."""
    return text if re.search(r"[.?!…]”$", text) else text + "."


def _reached_sentence(
    scenario: Scenario, state: State, ctx: Context, said_why: bool = False
) -> str:
    """The ending reached, and why; `said_why`: the sentences above already said what kept
    each better ending out of reach."""
    eid = state.ending or ""
    ending = scenario.endings[eid]
    name = f"“{ending.title}” ({ending.outcome})"
    if ending.when is None:
        # "... is where a run ends when no better ending applies" read like a rulebook
        # after the line above had said which slip ruled the better ending out (trainee37)
        if said_why:
            return f"So this conversation ended with {name}."
        return f"{name} is how this conversation ends when none of its better endings is in reach."
    if not ending.when.holds(state.trust, state.empowerment, state.flags, state.visited):
        # pick_ending's fallback: nothing open to this run applied (the checker warns).
        return f"No ending open to this run applied, so it ended with the last of them, {name}."
    held = first_holding_clause(ending.when, state)
    met = clause_met(ending.when if held is None else _joined(ending.when, held), ctx)
    lines = [m for m in met if m.startswith("what you said")]
    meters = [m for m in met if not m.startswith("what you said")]
    finished = f"you finished at {either(_meters_in(ending.when, state), 'and')}"
    if lines and meters:
        return f"{name} follows from {lines[0]}, with {either(meters, 'and')}; {finished}."
    if lines:
        return f"{name} follows from {lines[0]}."
    if meters:
        # "applies at", not "needs": next to the better endings' "needs trust 60 or more (you
        # finished at 50)", a poor ending that "needs trust 50 or more" read as one more
        # requirement missed (review 28b), when the trainee's meters are what chose it
        return f"{name} applies at {either(meters, 'and')}, and {finished}."
    return f"{name} applied to how your run went."


def why_this_ending(scenario: Scenario, state: State, ctx: Context) -> tuple[str, ...]:
    """Sentences that open the debrief: what decided this ending, in the trainee's terms."""
    return explain_ending(scenario, state, ctx)[0]


def explain_ending(
    scenario: Scenario, state: State, ctx: Context
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """(the sentences of "Why this ending", the decisions whose critical slips they name as
    what ruled out a better ending).

    A direct link, a branch of `next`, a critical slip's cap or the meters' thresholds:
    each is told differently, so an ending never seems to contradict what was played.
    The cap is said here, where it answers "why this ending"; the Critical slips section
    refers to it for the slips named (it said "can end no better than mixed" again,
    review debrief35).
    """
    if state.ending is None:
        return ("The conversation stopped before an ending, so nothing decided one yet.",), ()
    reached = state.ending
    target, step, by_line, branch = how_it_ended(scenario, state)
    by = f"what you said at decision {step}" if by_line and step else ""
    out: list[str] = []
    if target != OUTCOME and target == reached:
        if branch is not None:
            out.append(_branch_sentence(step, branch, state, ctx))
        elif by:
            out.append(f"This ending follows directly from {by}; the meters did not decide it.")
        elif step:
            out.append(
                f"After decision {step} the conversation goes straight on to this ending; "
                "the meters did not decide it."
            )
        else:
            out.append("The conversation goes straight on to this ending.")
        return tuple(out), ()
    rank = OUTCOME_RANK[scenario.endings[reached].outcome]
    if target != OUTCOME:
        # A line or scene leading straight to an ending the run's critical slip rules out.
        out.append(
            f"{upper_first(by or 'the way this conversation ends')} leads straight to "
            f"{_ending_name(scenario, target)}, but " + _ruled_out(scenario, state)
        )
    else:
        uncapped = pick_ending(scenario, state, cap=NO_CAP)
        if OUTCOME_RANK[scenario.endings[uncapped].outcome] > rank and state.cap < NO_CAP:
            out.append(_cap_sentence(scenario, state, uncapped, ctx))
    capped = bool(out)
    for eid, ending in scenario.endings.items():
        if eid == reached:
            break
        er = OUTCOME_RANK[ending.outcome]
        if er <= rank or len(out) >= 4:
            continue
        if er > state.cap:
            # Out of reach because of a slip; the meters alone fell short too.
            if not capped:
                what, several = _slips_phrase(scenario, state)
                out.append(
                    f"{what[0].upper()}{what[1:]} ruled out any ending better than "
                    f"{RANK_WORDS[state.cap]}."
                )
                capped = True
                # Say what else stood in the way, or the slip reads as the whole story
                # (and the turning points, finding no one line that helps, seem to disagree).
                short = _miss_sentence(
                    scenario, eid, state, ctx, frozenset(_slip_steps(scenario, state))
                )
                if short:
                    out.append(
                        f"Even without {'them' if several else 'it'}, {short[0].lower()}{short[1:]}"
                    )
            continue
        sentence = _miss_sentence(scenario, eid, state, ctx)
        if sentence:
            out.append(sentence)
    out.append(_reached_sentence(scenario, state, ctx, said_why=bool(out)))
    return tuple(out), (tuple(_slip_steps(scenario, state)) if capped else ())

"""Building the Debrief from a finished run and the principle catalogue.

Built once, so the plain player, the app and any export say the same thing.
The summary parts (why this ending, critical slips, turning points) come from
their own modules; this one gathers the per-decision details and the
principle scorecard, and decides where each line is quoted so none is quoted
twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.cues import count, run_cues
from sim.debrief import turning
from sim.debrief.data import (
    QUOTED_IN_SLIPS,
    Alternative,
    Debrief,
    DecisionReview,
    Mark,
    PrincipleBlock,
    Slip,
    WordCounts,
)
from sim.debrief.stronger import stronger_index
from sim.debrief.turning import turning_pair, turning_points
from sim.debrief.why import explain_ending
from sim.debrief.words import Context, slip_words
from sim.engine import Run, ending_text, reflections, scene_text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sim.engine import Decision
    from sim.model import Catalogue, Choice, Scenario


def _marks(choice: Choice, catalogue: Catalogue | None) -> tuple[Mark, ...]:
    def title(pid: str) -> str:
        p = catalogue.principles.get(pid) if catalogue else None
        return p.title if p else pid

    return tuple(Mark(pid, title(pid), verdict) for pid, verdict in choice.principles.items())


def _own_examples(sc: Scenario, pid: str, decisions: Iterable[Decision]) -> tuple[str, ...]:
    """Lines that honour a principle at moments of this run, before the catalogue's examples.

    "To practise next" quoted the catalogue's first boundaries example, "... not your
    sponsor. Can we look for a sponsor together?", to a trainee talking with Luis, who has
    a sponsor (review 23b): the catalogue's lines are written for no one in particular.
    A line offered at a decision the trainee met was written for this person at a moment
    they saw (a repair line from a scene they never reached read as out of the blue).
    Only the lines actually offered there count: a line of that scene held back by its
    `when` answers a path the trainee never took (Ana's coach, who never promised her
    Saturdays, was told boundaries can sound like "I told you we'd keep meeting on
    Saturdays, and I was wrong to", review 24a).
    """
    honouring = [
        c
        for d in decisions
        for c in (sc.scenes[d.scene].choices[i] for i in d.offered)
        if c.principles.get(pid) == "honours" and "undermines" not in c.principles.values()
    ]
    # the model lines first; then a line that honours it and undermines nothing, though
    # another line of its scene was stronger (Luis's coach stepping back from his sponsor)
    own = [c.say for c in honouring if c.best] + [c.say for c in honouring if not c.best]
    return tuple(dict.fromkeys(own))


def _principles(run: Run, catalogue: Catalogue | None) -> tuple[PrincipleBlock, ...]:
    sc = run.scenario
    steps: dict[str, dict[str, list[int]]] = {}
    quotes: dict[str, list[tuple[str, str]]] = {}
    for step, d in enumerate(run.state.decisions, 1):
        choice = sc.scenes[d.scene].choices[d.index]
        for pid, verdict in choice.principles.items():
            at = steps.setdefault(pid, {"honours": [], "neutral": [], "undermines": []})
            at[verdict].append(step)
            quotes.setdefault(pid, []).append((choice.say, verdict))
    blocks = []
    for pid, at in steps.items():
        p = catalogue.principles.get(pid) if catalogue else None
        own = _own_examples(sc, pid, run.state.decisions)
        blocks.append(
            PrincipleBlock(
                id=pid,
                title=p.title if p else pid,
                summary=p.summary if p else "",
                explanation=p.explanation if p else "",
                honoured=len(at["honours"]),
                neutral=len(at["neutral"]),
                undermined=len(at["undermines"]),
                quotes=tuple(quotes[pid]),
                sounds_like=own + (p.sounds_like if p else ()),
                own_examples=len(own),
                honoured_at=tuple(at["honours"]),
                neutral_at=tuple(at["neutral"]),
                undermined_at=tuple(at["undermines"]),
            )
        )
    return tuple(blocks)


def _moments(run: Run) -> list[tuple[str, str]]:
    """The (text, action) the trainee saw before each decision: variants judged as played."""
    out: list[tuple[str, str]] = []
    for state in run.states:
        n = len(state.decisions)
        if (
            not state.over
            and n == len(out)
            and n < len(run.state.decisions)
            and (
                state.scene == run.state.decisions[n].scene
                and run.scenario.scenes[state.scene].choices
            )
        ):
            out.append(scene_text(run.scenario, state))
    return out


def build_debrief(run: Run, catalogue: Catalogue | None = None) -> Debrief:
    """The whole debrief of a finished (or stopped) run, computed once for every view."""
    sc = run.scenario
    state = run.state
    first = run.states[0]
    stronger: dict[int, tuple[str, int]] = {}
    for step, d in enumerate(state.decisions, 1):
        top = stronger_index(sc.scenes[d.scene], d)
        if top is not None:
            stronger[step] = (d.scene, top)
    ctx = Context(sc, state.decisions, stronger)
    budget = turning.Budget()
    turns = turning_points(sc, first, state, stronger, budget)
    cut = budget.spent
    pair = None
    if not turns and state.ending is not None and sc.endings[state.ending].outcome != "strong":
        budget = turning.Budget()
        pair = turning_pair(sc, first, state, stronger, budget)
        cut = cut or budget.spent
    turn_of = {t.step: n for n, t in enumerate(turns, 1)}
    seen = _moments(run)
    read = run_cues(sc, state.decisions) if run.own_words else []
    slips: list[Slip] = []
    reviews: list[DecisionReview] = []
    for step, d in enumerate(state.decisions, 1):
        scene = sc.scenes[d.scene]
        choice = scene.choices[d.index]
        alternative = None
        if step in stronger:
            top = scene.choices[stronger[step][1]]
            alternative = Alternative(
                top.say,
                top.why or "",
                _marks(top, catalogue),
                top.trust,
                top.empowerment,
                top.coach_note(),
            )
        if choice.critical:
            slips.append(
                Slip(
                    step=step,
                    said=choice.say,
                    kind=choice.critical,
                    kind_words=slip_words(choice.critical),
                    cap=choice.cap or "mixed",
                    why=choice.why or "",
                )
            )
        speaker = sc.characters[scene.speaker].name if scene.speaker in sc.characters else ""
        reviews.append(
            DecisionReview(
                step=step,
                scene=d.scene,
                speaker=speaker,
                action=seen[step - 1][1] if step <= len(seen) else scene.action or "",
                prompt=seen[step - 1][0] if step <= len(seen) else scene.text,
                said=choice.say,
                trust_change=d.trust_change,
                empowerment_change=d.empowerment_change,
                trust_after=d.trust_after,
                empowerment_after=d.empowerment_after,
                marks=_marks(choice, catalogue),
                why=choice.why or "",
                note=choice.coach_note(),
                alternative=alternative,
                critical=choice.critical or "",
                said_quoted_in=QUOTED_IN_SLIPS if choice.critical else "",
                alternative_quoted_in=(
                    f"turning point {turn_of[step]}"
                    if step in turn_of
                    else "turning points"
                    if pair is not None and step in pair.steps
                    else ""
                ),
                words=d.words,
                cues=tuple(c.message for c in read[step - 1]) if read else (),
            )
        )
    curve = [(first.trust, first.empowerment)] + [
        (d.trust_after, d.empowerment_after) for d in state.decisions
    ]
    ending = run.ending
    why, capped_in_why = explain_ending(sc, state, ctx)
    return Debrief(
        scenario_id=sc.id,
        scenario_title=sc.title,
        ending_id=state.ending or "",
        ending_title=ending.title if ending else "The conversation stopped here",
        ending_text=ending_text(sc, state),
        outcome=ending.outcome if ending else "",
        start=(first.trust, first.empowerment),
        final=(state.trust, state.empowerment),
        curve=tuple(curve),
        decisions=tuple(reviews),
        principles=_principles(run, catalogue),
        reflect=reflections(sc, state),
        replay_note=run.replay_note,
        why=why,
        slips=tuple(slips),
        turning_points=turns,
        turning_pair=pair,
        turning_cut=cut,
        words=_word_counts(run) if run.own_words else None,
        capped_in_why=capped_in_why,
    )


def _word_counts(run: Run) -> WordCounts:
    typed = [d.words for d in run.state.decisions]
    c = count(run_cues(run.scenario, run.state.decisions))
    return WordCounts(
        len(typed),
        c.open_questions,
        c.closed_questions,
        c.reflections,
        c.directive,
        empty=sum(1 for words in typed if not words.strip()),
        safety_questions=c.safety_questions,
    )

"""What a finished run teaches: the data behind every debrief screen and export.

Built once from a run and the catalogue, so the plain player, the app and
any export say the same thing. The "stronger alternative" at a decision is the
author's `best = true` choice, else the offered choice with the best verdicts
(fewest undermined, then most honoured) and then the best meter change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.engine import Run, ending_text, reflections, strength

if TYPE_CHECKING:
    from sim.model import Catalogue, Choice

VERDICT_LABEL = {"honours": "honoured", "neutral": "neutral", "undermines": "undermined"}


@dataclass(frozen=True)
class Mark:
    """A principle with the verdict a choice earned on it."""

    id: str
    title: str
    verdict: str  # honours | neutral | undermines

    @property
    def label(self) -> str:
        return VERDICT_LABEL[self.verdict]


@dataclass(frozen=True)
class Alternative:
    say: str
    why: str
    marks: tuple[Mark, ...]
    trust: int
    empowerment: int


@dataclass(frozen=True)
class DecisionReview:
    step: int
    scene: str
    speaker: str  # display name, "" for narration
    action: str
    prompt: str  # what the other person said
    said: str  # what the trainee said
    trust_change: int
    empowerment_change: int
    trust_after: int
    empowerment_after: int
    marks: tuple[Mark, ...]
    why: str
    note: str
    alternative: Alternative | None


@dataclass(frozen=True)
class PrincipleBlock:
    id: str
    title: str
    summary: str
    explanation: str
    honoured: int
    neutral: int
    undermined: int
    quotes: tuple[tuple[str, str], ...]  # (what the trainee said, verdict)
    sounds_like: tuple[str, ...]


@dataclass(frozen=True)
class Debrief:
    scenario_id: str
    scenario_title: str
    ending_id: str
    ending_title: str
    ending_text: str
    outcome: str
    start: tuple[int, int]
    final: tuple[int, int]
    curve: tuple[
        tuple[int, int], ...
    ]  # (trust, empowerment) before the first and after each decision
    decisions: tuple[DecisionReview, ...]
    principles: tuple[PrincipleBlock, ...]
    reflect: tuple[str, ...]
    replay_note: str = ""


def _marks(choice: Choice, catalogue: Catalogue | None) -> tuple[Mark, ...]:
    def title(pid: str) -> str:
        p = catalogue.principles.get(pid) if catalogue else None
        return p.title if p else pid

    return tuple(Mark(pid, title(pid), verdict) for pid, verdict in choice.principles.items())


def build_debrief(run: Run, catalogue: Catalogue | None = None) -> Debrief:
    sc = run.scenario
    state = run.state
    reviews: list[DecisionReview] = []
    tallies: dict[str, dict[str, int]] = {}
    quotes: dict[str, list[tuple[str, str]]] = {}
    for step, d in enumerate(state.decisions, 1):
        scene = sc.scenes[d.scene]
        choice = scene.choices[d.index]
        others = [scene.choices[i] for i in d.offered if i != d.index]
        alternative = None
        if others:
            top = max(others, key=strength)
            if strength(top) > strength(choice):
                alternative = Alternative(
                    top.say, top.why or "", _marks(top, catalogue), top.trust, top.empowerment
                )
        speaker = sc.characters[scene.speaker].name if scene.speaker in sc.characters else ""
        reviews.append(
            DecisionReview(
                step=step,
                scene=d.scene,
                speaker=speaker,
                action=scene.action or "",
                prompt=scene.text,
                said=choice.say,
                trust_change=d.trust_change,
                empowerment_change=d.empowerment_change,
                trust_after=d.trust_after,
                empowerment_after=d.empowerment_after,
                marks=_marks(choice, catalogue),
                why=choice.why or "",
                note=choice.coach_note(),
                alternative=alternative,
            )
        )
        for pid, verdict in choice.principles.items():
            tallies.setdefault(pid, {"honours": 0, "neutral": 0, "undermines": 0})[verdict] += 1
            quotes.setdefault(pid, []).append((choice.say, verdict))
    blocks = []
    for pid, tally in tallies.items():
        p = catalogue.principles.get(pid) if catalogue else None
        blocks.append(
            PrincipleBlock(
                id=pid,
                title=p.title if p else pid,
                summary=p.summary if p else "",
                explanation=p.explanation if p else "",
                honoured=tally["honours"],
                neutral=tally["neutral"],
                undermined=tally["undermines"],
                quotes=tuple(quotes[pid]),
                sounds_like=p.sounds_like if p else (),
            )
        )
    first = run.states[0]
    curve = [(first.trust, first.empowerment)] + [
        (d.trust_after, d.empowerment_after) for d in state.decisions
    ]
    ending = run.ending
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
        principles=tuple(blocks),
        reflect=reflections(sc, state),
        replay_note=run.replay_note,
    )

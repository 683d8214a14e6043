"""The Debrief: plain frozen data, the one thing every debrief view reads.

Only strings, ints, tuples and these dataclasses, so an export can store it
with `dataclasses.asdict` and rebuild it later. Fields added after the first
version have defaults, so older stored debriefs still load.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.debrief.steps import steps_at

VERDICT_LABEL = {"honours": "honoured", "neutral": "neutral", "undermines": "undermined"}

# Where a line is already quoted in the summary, so the details refer to it
# instead of quoting it a second time.
QUOTED_IN_SLIPS = "critical slips"


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
    note: str = ""  # the short form of `why` (the author's note, else its first sentence)


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
    critical: str = ""  # the kind of critical slip this line is, if it is one
    # "" when the details quote the line; else where the summary already quotes it
    said_quoted_in: str = ""
    alternative_quoted_in: str = ""
    # own-words practice: what the trainee typed first, and what the cue rules saw in it
    words: str = ""
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrincipleBlock:
    id: str
    title: str
    summary: str
    explanation: str
    honoured: int
    neutral: int
    undermined: int
    quotes: tuple[tuple[str, str], ...]  # (what the trainee said, verdict); kept for old readers
    sounds_like: tuple[str, ...]
    # decision numbers per verdict, so views refer to decisions instead of quoting again
    honoured_at: tuple[int, ...] = ()
    neutral_at: tuple[int, ...] = ()
    undermined_at: tuple[int, ...] = ()
    # how many of `sounds_like` (the first) are lines of this scenario; the rest are the
    # catalogue's, written for no one in particular
    own_examples: int = 0

    def scoreline(self) -> str:
        """`honoured 2 (at 1, 4); undermined 1 (at 7)`: counts with decision numbers."""
        parts = []
        for word, count, at in (
            ("honoured", self.honoured, self.honoured_at),
            ("neutral", self.neutral, self.neutral_at),
            ("undermined", self.undermined, self.undermined_at),
        ):
            if count:
                where = f" (at {steps_at(at)})" if at else ""
                parts.append(f"{word} {count}{where}")
        return "; ".join(parts)


@dataclass(frozen=True)
class Slip:
    """A critical slip in the run, for the summary."""

    step: int
    said: str
    kind: str  # safety | confidentiality | dual-relationship | outside-role
    kind_words: str  # the kind in the trainee's words
    cap: str  # the best outcome a run holding it can reach
    why: str


@dataclass(frozen=True)
class TurningPoint:
    """A decision where the stronger line would have changed how the run ended."""

    step: int
    say: str  # the stronger line
    ending_id: str
    ending_title: str
    outcome: str
    outcome_gain: int  # outcome ranks gained (0 when only the ending differs)
    meter_gain: int  # trust + empowerment gained at the end
    # later decisions the replay answered with the strongest line, the trainee's own
    # line there not being on offer (often: a scene the run never reached)
    assumed: int = 0


@dataclass(frozen=True)
class TurningPair:
    """Two decisions whose stronger lines, together, would have changed the ending, when
    no one of them alone would: the "more than one would need to change" made concrete."""

    steps: tuple[int, int]
    says: tuple[str, str]  # the stronger line at each
    ending_id: str
    ending_title: str
    outcome: str
    assumed: int = 0  # as TurningPoint.assumed


@dataclass(frozen=True)
class WordCounts:
    """Own-words practice across the run: the MI counts of what the trainee typed."""

    entries: int
    open_questions: int
    closed_questions: int
    reflections: int
    directive: int
    empty: int = 0  # entries with nothing typed, counted in `entries`
    # questions asked as crisis practice asks them (sim.safety_questions): counted apart,
    # never as closed, and left out of the ratio
    safety_questions: int = 0

    def ratio_words(self) -> str:
        """The reflection-to-question ratio, said plainly (no number before any question)."""
        questions = self.open_questions + self.closed_questions
        if not questions:
            # "no questions yet, so no ratio" under "Safety questions: 1", at the end of a
            # finished run (ownwords40): untrue beside the count above it, and "yet" of a
            # run that is over. A question no rule could place (kind "question") is not
            # counted either, so the line says what was counted, not what was asked.
            apart = "; safety questions are counted apart" if self.safety_questions else ""
            return f"none: these rules counted no open or closed questions{apart}"
        # "0.7 (4 to 6)" left a trainee with no help screen (the plain player) to guess
        # what was counted and which way is better (debrief35)
        # and what this trainee's own number means: "0.5 (...; above 1, you reflected more
        # often than you asked)" read as praise at 0.5 (trainee37)
        r = self.reflections
        shown = f"{r / questions:.1f}"
        if shown == "1.0" and r != questions:  # 29 to 30 is below 1, not "1.0"
            shown = f"{r / questions:.2f}"
        if r > questions:
            means = "above 1: you reflected more often than you asked"
        elif r < questions:
            means = "below 1: you asked more often than you reflected"
        else:
            means = "1: you reflected as often as you asked"
        return (
            f"{shown} ({r} reflection{'' if r == 1 else 's'} to {questions} "
            f"question{'' if questions == 1 else 's'}; {means})"
        )


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
    why: tuple[str, ...] = ()  # "Why this ending", one sentence each
    slips: tuple[Slip, ...] = ()
    turning_points: tuple[TurningPoint, ...] = ()
    turning_pair: TurningPair | None = None  # only when no single turning point was found
    turning_cut: bool = False  # the search ran out of moves: later decisions were not tried
    words: WordCounts | None = None  # own-words practice only
    # the decisions whose critical slips `why` names as what ruled out a better ending: the
    # Critical slips section refers there, where it said the cap a second time (debrief35);
    # () in a debrief stored before, which says the cap under each slip as it did
    capped_in_why: tuple[int, ...] = ()

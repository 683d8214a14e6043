"""Item-writing checks: cues that let a test-wise trainee pick well without learning.

Multiple-choice item writers know the oldest cues: the right answer is the
longest one, or always in the same place. Across the first bundled scenarios the best line was also the
longest at 77% of decision points, so a trainee could win by length alone.
`check` warns past `LONGEST_SHARE`, and when the best line sits in one place
(first, say) at more than `POSITION_SHARE` of decision points (both from
`MIN_POINTS` decision points up); `check --stats` also lists the decision
points that offer only two lines (a coin toss once one looks wrong).

A third cue is this simulator's own: coaching rewards open questions, so the
best line is often the one that asks. A library-wide review found that always
picking the only line that ends in a question found the best line 59% of the
time (random picking: 32%); `check` warns past `QUESTION_SHARE` of decision
points where the best line is the only question on offer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sim.engine import strength

if TYPE_CHECKING:
    from sim.loading.where import Where
    from sim.model import Scenario
    from sim.problems import Problem

LONGEST_SHARE = 0.40
POSITION_SHARE = 0.60  # the best line in one position (always first, say) at more than this
QUESTION_SHARE = 0.40  # the best line the only question, at more than this share
MIN_POINTS = 5  # below this a share says little (one of two is already 50%)


@dataclass
class Items:
    points: int = 0  # decision points: scenes offering two or more lines
    best_longest: list[str] = field(default_factory=list)  # scenes where the best is longest
    two_lines: list[str] = field(default_factory=list)  # scenes offering exactly two
    positions: dict[int, list[str]] = field(default_factory=dict)  # best's place -> scenes
    only_question: list[str] = field(default_factory=list)  # the best is the one line asking

    @property
    def longest_share(self) -> float:
        return len(self.best_longest) / self.points if self.points else 0.0

    def commonest_position(self) -> tuple[int, int]:
        """(place from 1, how many decision points) where the best line sits most often."""
        if not self.positions:
            return 0, 0
        place, scenes = max(self.positions.items(), key=lambda kv: len(kv[1]))
        return place, len(scenes)


def _listed(scenes: list[str]) -> str:
    return f"(scenes: {', '.join(scenes[:6])}{', ...' if len(scenes) > 6 else ''})"


def _to_change(count: int, points: int, share: float) -> str:
    """How many of the listed scenes to change to come within the share.

    "At most 60%" left one author moving lines one at a time and re-checking; the
    number says when to stop.
    """
    allowed = int(share * points + 1e-9)
    n = count - allowed
    return f"change at least {n} of them" if n > 1 else "change at least one of them"


def asks(line: str) -> bool:
    """The line ends as a question, as a trainee reads it (a closing quote or bracket aside)."""
    return line.rstrip().rstrip("\"'”’)]").endswith("?")


def items(scenario: Scenario) -> Items:
    """The item-writing figures of every decision point (a scene offering two or more lines)."""
    out = Items()
    for sid, scene in scenario.scenes.items():
        choices = scene.choices
        if len(choices) < 2:
            continue
        out.points += 1
        if len(choices) == 2:
            out.two_lines.append(sid)
        marked = [i for i, c in enumerate(choices) if c.best]
        if marked:
            place = marked[0]
        else:  # as the debrief picks: the first of the strongest
            place = max(range(len(choices)), key=lambda i: strength(choices[i]))
        out.positions.setdefault(place + 1, []).append(sid)
        # Strictly longest: when lines tie for longest, length alone cannot pick the best.
        lengths = [len(c.say) for c in choices]
        top = max(lengths)
        if lengths.count(top) == 1 and lengths.index(top) == place:
            out.best_longest.append(sid)
        asking = [i for i, c in enumerate(choices) if asks(c.say)]
        if asking == [place]:
            out.only_question.append(sid)
    return out


def item_problems(scenario: Scenario, where: Where) -> list[Problem]:
    """Warnings for the cues past their share; none below `MIN_POINTS` decision points."""
    found = items(scenario)
    if found.points < MIN_POINTS:
        return []
    out = []
    place, count = found.commonest_position()
    if count / found.points > POSITION_SHARE:
        out.append(
            where.problem(
                # Anchored at the first such scene, so an editor jumps to a line to move.
                ("scenes", found.positions[place][0]),
                f"the best line is choice {place} at {count} of {found.points} decision points "
                f"({count / found.points:.0%}), so a trainee can win by always pressing {place} "
                f"{_listed(found.positions[place])}",
                "vary where the best line sits: move it among the choices (the order written is "
                f"the order shown); at most {POSITION_SHARE:.0%} in one place: "
                + _to_change(count, found.points, POSITION_SHARE),
                severity="warning",
                code="best-position",
            )
        )
    asking = found.only_question
    if len(asking) / found.points > QUESTION_SHARE:
        out.append(
            where.problem(
                ("scenes", asking[0]),
                # "Ends with a question mark", said plainly: a line that asks and then goes
                # on ("Is it safe? I'd think twice.") does not count, and without the words
                # an author sees the scene listed and cannot tell why.
                f"the best line is the only question on offer (the only line ending with a "
                f"question mark) at {len(asking)} of {found.points} decision points "
                f"({len(asking) / found.points:.0%}), so a trainee can win by picking the line "
                f"that asks {_listed(asking)}",
                "let some tempting lines end with a question too (a closed, leading or 'why' "
                "question is a real mistake to practise), or make some best lines a reflection; "
                f"at most {QUESTION_SHARE:.0%} of decision points should have the best line the "
                "only question: " + _to_change(len(asking), found.points, QUESTION_SHARE),
                severity="warning",
                code="question-best",
            )
        )
    if found.longest_share <= LONGEST_SHARE:
        return out
    n, total = len(found.best_longest), found.points
    return out + [
        where.problem(
            ("scenes", found.best_longest[0]),
            f"the best line is also the longest at {n} of {total} decision points "
            f"({found.longest_share:.0%}), so a trainee can win by picking the longest line "
            f"{_listed(found.best_longest)}",
            f"make some best lines short and some tempting lines long: at most "
            f"{LONGEST_SHARE:.0%} of decision points should have the best line longest: "
            + _to_change(n, total, LONGEST_SHARE),
            severity="warning",
            code="longest-best",
        )
    ]

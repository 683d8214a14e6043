"""What a class works on next: for each of its weakest principles, whose weakest it is and a
scenario in the library that trains it.

The class summary gave the weakest principles as shares and counts, and left the trainer
to work out from the library which scenario to set the class next, and for whom
(programme26). One rule here for the text `peer-sim report` prints, the app's class
summary and the JSON (`work_on_next`), as `sim.records.progress` suggests a scenario to
one trainee: of the scenarios that train the principle, the one the fewest of those it
is weakest for have finished, in library order at a tie.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.records.classroom import ClassSummary

NEXT = 3  # principles given a scenario: the class's weakest


@dataclass(frozen=True)
class NextWork:
    principle_id: str
    principle: str  # its title
    scenario_id: str
    scenario: str  # its title
    weakest_for: tuple[str, ...]  # the trainees whose weakest principle it is (may be none)
    finished: int  # of them (of every trainee, when it is no one's weakest): finished it
    trainees: int  # how many that is of
    others: int  # the other scenarios in the library that train it


def work_on_next(s: ClassSummary) -> list[NextWork]:
    """Up to NEXT of the class's weakest principles (only those undermined somewhere), each
    with a scenario that trains it. Named trainees only, with a finished run or a weakest
    principle (from lines in runs left unfinished, as the class's weakest counts them:
    trainer38 saw "the weakest for 8 trainees" above a line naming the 3 who had finished a
    run); the store owner's own runs are no class's (`progress` suggests their next one)."""
    from sim.records.classroom import OWNER

    trainees = [t for t in s.trainees if t.name != OWNER and (t.finished or t.weakest is not None)]
    weakest = [p for p in s.principles if p.mastery is not None and p.undermined][:NEXT]
    out: list[NextWork] = []
    for p in weakest if trainees else []:
        training = [sc for sc in s.library if p.id in sc.trains]
        if not training:
            continue
        theirs = [t for t in trainees if t.weakest is not None and t.weakest.id == p.id]
        group = theirs or trainees
        pick = min(
            training,
            key=lambda sc: (sum(sc.id in t.scenarios for t in group), s.library.index(sc)),
        )
        out.append(
            NextWork(
                p.id,
                p.title,
                pick.id,
                pick.title,
                tuple(t.name for t in theirs),
                sum(pick.id in t.scenarios for t in group),
                len(group),
                len(training) - 1,
            )
        )
    return out

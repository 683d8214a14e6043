"""Who said the trainee's lines, in every record of a run read back: one rule.

The game says "You". Read back, a run is read by a supervisor as often as by the
trainee, and "You:" (or the Markdown's "Coach:", beside a header naming the trainee)
left a reader to work out who had said a line. So every reading of a run, the
Markdown export, the replay in the app and `replay --plain` alike, names the trainee's
lines the same way (programme28):

- with the trainee's name as the records give it (a trainee's spelling of their own
  name is theirs: "ana" stays "ana");
- "the trainee" when the records name no one;
- "" (the game's own "You") only for the trainee's own run, replayed from their own
  records (`sim.records.replay.played_here`).

A trainee whose name reads like one of the scenario's people (a trainee Dana in First
Meeting, where Dana is the person met) is "Dana (trainee)": two "Dana:" labels made the
transcript one voice.

The JSON export carries the name (`trainee`); the replay reads the speaker from it
with `speaker`, as the Markdown does from the same name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sim.look_alike import skeleton

if TYPE_CHECKING:
    from sim.model import Scenario

ANONYMOUS = "the trainee"  # the speaker of a run whose records name no one


def speaker(name: str | None, own: bool = False, people: Iterable[str] = ()) -> str:
    """Who said the trainee's lines, to be named in a sentence ("Ana chose 2", "the trainee
    chose 2"); "" for the trainee's own replay, which says "you". `people`: the names of
    the scenario's characters, which the trainee's name must not read as."""
    if own:
        return ""
    if not name:
        return ANONYMOUS
    shape = skeleton(name)
    if shape and any(skeleton(person) == shape for person in people):
        return f"{name} (trainee)"
    return name


def people_of(scenario: Scenario | None) -> list[str]:
    """The names of a scenario's characters (none when the scenario is not here)."""
    return [c.name for c in scenario.characters.values()] if scenario is not None else []


def capitalised(who: str) -> str:
    """`who` (a `speaker`) to begin a sentence or a label: "The trainee"; a name as it was
    given; "You" for "" (the trainee's own replay)."""
    return "The trainee" if who == ANONYMOUS else who or "You"


def possessive(who: str) -> str:
    """ "Ana's", "the trainee's", "your": whose words the cues are on."""
    return f"{who}'s" if who else "your"

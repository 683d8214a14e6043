"""Which yes-or-no questions are safety moves, for the cues on a trainee's own words.

Motivational interviewing counts closed questions as the ones to trade for open
ones, so a cue "this reads as a closed question" nudges a trainee away from the
words it names. Crisis practice asks the opposite at a moment of risk (domain
brief: ask about suicide directly; the `crisis-referral` principle: notice risk,
ask directly, stay with the person, connect them to help, bring in the
supervisor), and there a plain yes-or-no question is the point. A cue must never
discourage a safety move, so these questions are named for what they are and
never counted as closed.

Three rules, each a list of words anyone can read:

- a question about suicide itself ("are you thinking about killing yourself?")
  is a safety question anywhere;
- a question offering crisis help by name (988, 911, a crisis line) is one
  anywhere;
- a question bringing in the supervisor (telling, texting, calling, getting or
  letting "my supervisor" know, talking or checking with them, taking something to
  them: `check`'s safety-untagged reads an author's line by the same words) is one
  anywhere, any other question naming "my
  supervisor" only where a crisis is on the table: "Would it help if we asked my
  supervisor how the program handles this?" about a form asks for advice, and was
  cued as crisis help (trainee37);
- a follow-up about risk (a plan, how or when, the means, pills, being safe or
  alone, staying "with me", naloxone) is one only where a crisis is on the table
  (`crisis_at`): "Do you have a plan?" after "are you thinking about suicide?"
  asks about a suicide plan, the same words about the weekend do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

# A question about suicide asked directly, as crisis practice asks it: its yes-or-no shape
# is the point. Everyday words ("a plan to get to work", "the means to pay rent", "end
# things with him", "not be here next week") count only where nothing everyday follows
# them: a trainee asking about the bus was told they had asked about suicide.
ASKS_ABOUT_SUICIDE = re.compile(
    r"\b(?:suicid\w*|kill(?:ing)? yourself|end(?:ing)? (?:your|it all)|"
    r"end(?:ing)? things(?=\s*[?.!]|\s*$| for good)|"
    r"take (?:your|your own) life|taking your (?:own )?life|want(?:ing)? to die|"
    r"better off dead|hurt(?:ing)? yourself|harm(?:ing)? yourself|"
    r"not (?:be|being) here(?=\s*[?.!]|\s*$| any ?more)|"
    r"not wake up|not waking up|how you would do it|the means(?=\s*[?.!]|\s*$))\b",
    re.IGNORECASE,
)
# Crisis help named: asking whether someone will reach out to it is the referral itself.
OFFERS_HELP = re.compile(
    r"(?<!\w)(?:988|911)(?!\w)|\b(?:crisis (?:line|lifeline|team|counsell?or)|lifeline)\b",
    re.IGNORECASE,
)
# The supervisor brought in: telling them is the referral, whatever else is on the table.
# One rule for the trainee's words and the author's (`check`'s safety-untagged,
# sim.authoring.safety_meters): telling, texting, calling, getting or letting "my
# supervisor" know ("texting Lena, my supervisor" too), talking or checking with them,
# taking or running something to or by them, "me and my supervisor" (the limits of
# confidentiality). "My supervisor" alone brings no one in: "my supervisor says you're a
# lost cause", "asked my supervisor how the program handles this?".
BRINGS_IN_SUPERVISOR = re.compile(
    r"\b(?:(?:told|tell|text|call|ring|phone|message|get|fetch|involve|bring in|loop in|let)(?:ing)?"
    r" my supervisor|my supervisor (?:know|in|in on this))\b"
    r"|\b(?:talk|speak|check|consult)(?:s|ing|ed)?(?: (?:it|this|that))?(?: (?:over|through))?"
    r" (?:to|with) my supervisor\b"
    r"|\b(?:take|takes|taking|took|run|runs|running|ran)(?: (?:it|this|that))?"
    r" (?:to|by|past) my supervisor\b"
    r"|\b(?:tell|text|call|ring|phone|message|get|fetch|involve)(?:s|ing|ed)? \w+, my supervisor\b"
    r"|\bme and my supervisor\b",
    re.IGNORECASE,
)
# Any other question naming the supervisor ("asked my supervisor how the program handles
# this?") is a safety move only where a crisis is on the table.
NAMES_SUPERVISOR = re.compile(r"\bmy supervisor\b", re.IGNORECASE)
# The follow-ups that assess risk once it is on the table (plan, how, when, means, being
# safe or alone) and the ones that keep the person company towards help ("will you sit
# with me?", "would you tell them, with me right here?"), with the overdose risks the
# bundled crisis moments ask about (using again, naloxone).
RISK_FOLLOW_UP = re.compile(
    # "a plan", never "the plan": "Can we stay focused on the plan for tonight?" is the
    # bundled line that steers away from the risk, and must not be named a safety question
    r"\b(?:(?:a|any) plans?|how you(?:'d| would| might| will)|when you(?:'d| would| might)|"
    r"thought about (?:how|when|where)|(?:the|any) means|pills|guns?|firearms?|weapons?|"
    r"anything (?:at home|around|you'd use|you would use|to hurt)|safe|safety|"
    r"done anything|tried (?:this |it |that )?before|attempt\w*|alone|by yourself|"
    r"anyone (?:with you|there|around)|someone (?:with you|there)|with me|using again|"
    r"naloxone|narcan|overdos\w*|tolerance)\b",
    re.IGNORECASE,
)
SAFETY_PRINCIPLE = "crisis-referral"  # the catalogue's principle for these moves


def asks_about_suicide(text: str) -> bool:
    """Whether some question in `text` asks about suicide directly."""
    return any(
        ASKS_ABOUT_SUICIDE.search(sentence)
        for sentence in re.findall(r"[^.!?]+\?", text)  # questions only: "he died by suicide."
    )


class Said(Protocol):
    """What is read of a decision made (sim.engine's Decision; the engine sits above)."""

    scene: str
    index: int
    words: str
    offered: tuple[int, ...]


class Scenario(Protocol):
    """What is read of a scenario (sim.model's, which this layer sits below)."""

    @property
    def scenes(self) -> Mapping[str, Any]: ...


def crisis_at(
    scenario: Scenario, scene: str, earlier: Sequence[Said], offered: Iterable[int]
) -> bool:
    """Whether a crisis is on the table at a decision, so a risk follow-up is a safety move.

    Two signs, both read off the run rather than guessed from the typed words alone:
    the scenario's author marked the moment (a line on offer at `scene`, `offered`
    holding their indices, honours crisis-referral), or suicide was asked about directly
    at the decision just before, in the trainee's words or in the line they picked. Only
    that one: Return to Use asks about suicide early, and a "Do you have a plan for the
    christening?" ten decisions on is a planning question, not a safety one.
    """
    choices = scenario.scenes[scene].choices
    marked = any(
        choices[i].principles.get(SAFETY_PRINCIPLE) == "honours"
        for i in offered
        if 0 <= i < len(choices)
    )
    return marked or _asked(scenario, earlier[-1:])


def _asked(scenario: Scenario, earlier: Sequence[Said]) -> bool:
    """Suicide asked about directly at one of `earlier`, in the words or the line said."""
    for d in earlier:
        choices = scenario.scenes[d.scene].choices if d.scene in scenario.scenes else []
        said = choices[d.index].say if 0 <= d.index < len(choices) else ""
        if asks_about_suicide(d.words) or asks_about_suicide(said):
            return True
    return False

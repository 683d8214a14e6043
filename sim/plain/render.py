"""Scenes, meters and the debrief as plain lines.

Plain text is a first-class way to play (screen readers, scripts, logs), so
every figure is spelled out in words as well as numbers: "+8, up", never
colour or symbols alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim import cells
from sim.debrief.lines import WIDTH, debrief_lines, wrap, wrap_hanging  # noqa: F401 - the player reads all its lines from here
from sim.debrief.outline import signed
from sim.engine import scene_text

if TYPE_CHECKING:
    from sim.cues import Cue
    from sim.engine import Offer, Run, State
    from sim.model import Scenario


def meters_line(trust: int, empowerment: int, dt: int | None = None, de: int | None = None) -> str:
    # "of 100", not "/100": a screen reader said "36 slash 100"
    t = f"Trust {trust} of 100" + (f" ({signed(dt)})" if dt is not None else "")
    e = f"Empowerment {empowerment} of 100" + (f" ({signed(de)})" if de is not None else "")
    return f"{t}   {e}"


def intro(scenario: Scenario, mode: str, replay: bool = False) -> list[str]:
    """The title, content notes, setting, summary and the mode, as a run starts.

    The content notes come straight after the title: read aloud after the summary,
    "ask about suicide directly" was heard before "Content notes: suicide", and the
    notes are there so a trainee can stop (q) before the topic (trainee playtest 24).

    A replay says the mode it was played in, not keys that do nothing there
    (no undo, no notes): it shows each step as the trainee saw it (with the
    meters in practice, without them in assessment), then the debrief.
    """
    # the setting labelled as the people and the content notes are: heard straight after
    # the title, it ran on as if it were the title's second line
    lines = [f"Scenario: {scenario.title}"]
    if scenario.content_notes:
        lines += [*wrap("Content notes: " + "; ".join(scenario.content_notes) + "."), ""]
    lines += [*wrap("Setting: " + scenario.setting), ""]
    # who is in it, as the app's "With" panel: a supervisor down the hall came up later
    # as if the trainee knew them. A colon, not the app's "·", which is read aloud.
    people = list(scenario.characters.values())
    if people:
        lines.append("With:")
        for c in people:
            lines += wrap_hanging(f"{c.name}: {c.about}" if c.about else c.name, "  ", "  ")
        lines.append("")
    lines += wrap(scenario.summary)
    if replay and mode == "assessment":
        about = " (as played: each step without the meters, which the debrief shows)"
    elif replay:
        about = " (as played; the replay shows each step with the meters, then the debrief)"
    elif mode == "practice":
        about = " (the meters after each choice, coach notes; u undoes)"
    else:
        about = " (no meters, no notes and no undo: the debrief shows how it went)"
    lines += ["", f"Mode: {mode}{about}"]
    return lines


def own_words_intro(practice: bool) -> list[str]:
    when = (
        "cues on your words show at once" if practice else "cues on your words wait for the debrief"
    )
    return [
        "",
        "Own words: at each decision, first type what you would say (one line), then pick",
        f"the line closest to what you meant; {when}.",
    ]


def resumed_lines(scenario: Scenario, run: Run) -> list[str]:
    """Where a resumed run had got to: after the terminal was closed, nothing on screen says."""
    d = run.state.decisions[-1]
    n = len(run.state.decisions)
    said = scenario.scenes[d.scene].choices[d.index].say
    return wrap(
        f"(Resumed after {n} choice{'s' if n != 1 else ''}. The last thing you said: “{said}”)"
    )


def cue_lines(found: list[Cue], whose: str = "your") -> list[str]:
    """Cues on the trainee's own words (practice mode); `whose` words, for a replay.

    Headed as cues, not as a coach note: a rule saw them, where a coach note is
    the scenario author's judgement.
    """
    if not found:
        return wrap(f"Cues on {whose} words: none of the simple rules found a cue here.")
    lines: list[str] = []
    for c in found:
        lines += wrap_hanging("- " + c.message, "  ")
    # one cue is "Cue on", as the app heads it: "Cues on your words:" over a single
    # cue read as if more had been left out (trainee40)
    return [f"{'Cue' if len(found) == 1 else 'Cues'} on {whose} words:", *lines]


def scene_lines(scenario: Scenario, state: State) -> list[str]:
    """A scene as entered in `state`: the engine picks the text variant."""
    scene = scenario.scenes[state.scene]
    text, action = scene_text(scenario, state)
    lines = [""]
    if action:
        lines += wrap(f"({action})")
    name = scenario.characters[scene.speaker].name if scene.speaker in scenario.characters else ""
    if name:
        lines.append(f"{name}:")
        lines += wrap(text, "  ")
    else:
        lines += wrap(text)
    return lines


def offer_lines(offers: list[Offer]) -> list[str]:
    lines = [""]
    for o in offers:
        # A hanging indent: each choice's later lines sit under its words, not its number.
        head = f"  {o.number}. "
        lines += cells.wrap(f"{head}{o.choice.say}", WIDTH, subsequent_indent=" " * len(head)) or [
            head.rstrip()
        ]
    return lines

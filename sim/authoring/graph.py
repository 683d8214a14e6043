"""`peer-sim graph`: the branching of a scenario as Mermaid (GitHub renders it) or DOT.

Scenes are boxes (first words of what is said), endings are rounded and
coloured by outcome with the outcome also in words, `@outcome` is a diamond
whose edges carry each ending's condition. Choice edges carry their stable
id (`hello#2`, counted in the file, or the author's `id`: the names
`peer-sim play --choices` accepts, so a path read off the graph replays
exactly), first words, condition, verdict in words ("honours", "undermines",
"mixed", "neutral") and CRITICAL for a critical slip with its kind and cap (the
best outcome a run holding it can reach), with a colour per
verdict, so nothing relies on colour alone. A branching `next` draws one
edge per branch with its condition.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from sim.engine import choice_id
from sim.model.types import OUTCOME_GOTO
from sim.text import clip, dot_string, first_words, joins, mermaid_comment, mermaid_label

if TYPE_CHECKING:
    from sim.model import Choice, Condition, Ending, Scenario, Step

COLOURS = {"honours": "#2e7d32", "undermines": "#c62828", "mixed": "#ef6c00", "neutral": "#757575"}
FILLS = {"strong": "#c8e6c9", "mixed": "#ffe0b2", "poor": "#ffcdd2"}
STROKES = {"strong": "#2e7d32", "mixed": "#ef6c00", "poor": "#c62828"}
WORDS = 7  # words of the text shown in a box or on an edge
CHARS = 48  # at most this many characters of those words (one word can be very long)
PART = 64  # a title or a condition in a label, in characters
LABEL = 160  # any whole label, in characters
WRAP = 26  # characters per line of an edge label in DOT


def verdict(choice: Choice) -> str:
    v = set(choice.principles.values())
    if "honours" in v and "undermines" in v:
        return "mixed"
    if "honours" in v:
        return "honours"
    if "undermines" in v:
        return "undermines"
    return "neutral"


def short(text: str, words: int = WORDS, chars: int = CHARS) -> str:
    """The first words of `text`, at most `chars` characters of them, with " ..." if cut."""
    return first_words(text, words, chars, more=" ...")


def cap(text: str, limit: int = LABEL) -> str:
    """Whitespace collapsed and at most `limit` characters, ending " ..." when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else clip(text, limit - 4).rstrip() + " ..."


def condition(cond: Condition | None) -> str:
    if cond is None:
        return ""
    parts = []
    for key, word, sign in (
        ("min_trust", "trust", "at least"),
        ("max_trust", "trust", "at most"),
        ("min_empowerment", "empowerment", "at least"),
        ("max_empowerment", "empowerment", "at most"),
    ):
        value = getattr(cond, key)
        if value is not None:
            parts.append(f"{word} {sign} {value}")
    for key, word in (
        ("flags", "flag"),
        ("not_flags", "not flag"),
        ("visited", "visited"),
        ("not_visited", "not visited"),
    ):
        parts += [f"{word} {v}" for v in getattr(cond, key)]
    alts = [condition(c) for c in getattr(cond, "any", ())]
    if alts:
        parts.append("any of (" + " | ".join(a for a in alts if a) + ")")
    return ", ".join(parts)


def _edge_text(sid: str, index: int, choice: Choice) -> str:
    text = f"{choice_id(sid, index, choice)}: {short(choice.say, 5)}"
    cond = condition(choice.when)
    if cond:
        text += f" (if {cap(cond, PART)})"
    # The cap too: two slips of one kind can rule out different endings (a missed cue
    # capped at poor, another at the default mixed), and the drawing is where an author
    # traces which endings a path can still reach.
    critical = (
        f" CRITICAL {choice.critical}, cap {choice.cap or 'mixed'}" if choice.critical else ""
    )
    return f"{text} [{verdict(choice)}{critical}]"


def _step_text(step: Step) -> str:
    cond = condition(step.when)
    return f"next if {cap(cond, PART)}" if cond else "next"


def _scene_text(sid: str, scenario: Scenario) -> str:
    scene = scenario.scenes[sid]
    who = scenario.characters[scene.speaker].name if scene.speaker in scenario.characters else ""
    said = short(scene.text)
    return f"{sid}: {cap(who, PART) + ': ' if who else ''}{said}"


def _ending_text(ending: Ending) -> str:
    return f"{ending.outcome.upper()} ending: {cap(ending.title, PART)}"


# -- Mermaid ---------------------------------------------------------------


def _mq(text: str) -> str:
    """A quoted Mermaid label, through the gate (no directive, no control can get through)."""
    return mermaid_label(cap(text))


def mermaid(scenario: Scenario) -> str:
    ids = {sid: f"s{i}" for i, sid in enumerate(scenario.scenes)}
    ids.update({eid: f"e{i}" for i, eid in enumerate(scenario.endings)})
    lines = ["flowchart TD", f"  %% {mermaid_comment(cap(scenario.title))}"]
    lines.append(f"  start(({_mq('start')})) --> {ids[scenario.start]}")
    link = 1  # the start edge is link 0
    styles: list[str] = []
    for sid in scenario.scenes:
        lines.append(f"  {ids[sid]}[{_mq(_scene_text(sid, scenario))}]")
    for eid, ending in scenario.endings.items():
        lines.append(f"  {ids[eid]}([{_mq(_ending_text(ending))}])")
    outcome_used = False
    for sid, scene in scenario.scenes.items():
        branching = isinstance(scene.next, tuple)
        for step in scene.steps():
            target = "outcome" if step.goto == OUTCOME_GOTO else ids[step.goto]
            outcome_used |= step.goto == OUTCOME_GOTO
            label = f"|{_mq(_step_text(step))}|" if branching else ""
            lines.append(f"  {ids[sid]} -->{label} {target}")
            link += 1
        for n, choice in enumerate(scene.choices):
            target = "outcome" if choice.goto == OUTCOME_GOTO else ids[choice.goto]
            outcome_used |= choice.goto == OUTCOME_GOTO
            lines.append(f"  {ids[sid]} -->|{_mq(_edge_text(sid, n, choice))}| {target}")
            v = verdict(choice)
            dash = ",stroke-dasharray:5 5" if v == "undermines" else ""
            styles.append(f"  linkStyle {link} stroke:{COLOURS[v]},stroke-width:2px{dash}")
            link += 1
    if outcome_used:
        lines.append(f"  outcome{{{_mq('@outcome: first ending whose condition holds')}}}")
        for eid, ending in scenario.endings.items():
            cond = condition(ending.when) or "otherwise"
            lines.append(f"  outcome -.->|{_mq(cond)}| {ids[eid]}")
            link += 1
    for outcome in ("strong", "mixed", "poor"):
        lines.append(
            f"  classDef {outcome} fill:{FILLS[outcome]},stroke:{STROKES[outcome]},"
            "stroke-width:3px,color:#000"
        )
        members = [ids[e] for e, end in scenario.endings.items() if end.outcome == outcome]
        if members:
            lines.append(f"  class {','.join(members)} {outcome}")
    return "\n".join(lines + styles) + "\n"


# -- DOT -----------------------------------------------------------------


def _dq(text: str) -> str:
    """A quoted DOT id or label, through the gate (ids are never cut: `_dl` caps labels)."""
    return dot_string(text)


def _dl(text: str) -> str:
    return _dq(cap(text))


def _dw(text: str, width: int = WRAP) -> str:
    """A label in short centred lines: one long line per edge ran into its neighbours
    where many edges meet (at "@outcome" most), as Graphviz puts them side by side."""
    lines = textwrap.wrap(cap(text), width, break_long_words=True, break_on_hyphens=False)
    for at in range(len(lines) - 1, 0, -1):  # a long word cut before its accent: keep them together
        rest = lines[at]
        while rest and joins(rest[0]):
            lines[at - 1], rest = lines[at - 1] + rest[0], rest[1:]
        lines[at] = rest
    lines = [line for line in lines if line]
    return '"' + "\\n".join(_dq(line)[1:-1] for line in lines) + '"'


def dot(scenario: Scenario) -> str:
    name = scenario.id or "scenario"
    lines = [
        f"digraph {_dq(name)} {{",
        f"  label={_dl(scenario.title)};",
        "  labelloc=t;",
        "  rankdir=TB;",
        "  nodesep=0.35;",
        "  ranksep=0.6;",
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
        '  "@start" [shape=circle, label="start"];',
        f'  "@start" -> {_dq("scene:" + scenario.start)};',
    ]
    for sid in scenario.scenes:
        lines.append(f"  {_dq('scene:' + sid)} [label={_dl(_scene_text(sid, scenario))}];")
    for eid, ending in scenario.endings.items():
        label = _ending_text(ending)
        lines.append(
            f"  {_dq('ending:' + eid)} [shape=doubleoctagon, style=filled, "
            f'fillcolor="{FILLS[ending.outcome]}", color="{STROKES[ending.outcome]}", '
            f"label={_dl(label)}];"
        )

    def node(target: str) -> str:
        if target == OUTCOME_GOTO:
            return '"@outcome"'
        return _dq(("ending:" if target in scenario.endings else "scene:") + target)

    outcome_used = False
    for sid, scene in scenario.scenes.items():
        branching = isinstance(scene.next, tuple)
        for step in scene.steps():
            outcome_used |= step.goto == OUTCOME_GOTO
            label = f" [label={_dw(_step_text(step))}]" if branching else ""
            lines.append(f"  {_dq('scene:' + sid)} -> {node(step.goto)}{label};")
        for n, choice in enumerate(scene.choices):
            outcome_used |= choice.goto == OUTCOME_GOTO
            v = verdict(choice)
            style = ", style=dashed" if v == "undermines" else ""
            lines.append(
                f"  {_dq('scene:' + sid)} -> {node(choice.goto)} "
                f'[label={_dw(_edge_text(sid, n, choice))}, color="{COLOURS[v]}"{style}];'
            )
    if outcome_used:
        lines.append('  "@outcome" [shape=diamond, label="@outcome"];')
        for eid, ending in scenario.endings.items():
            cond = condition(ending.when) or "otherwise"
            lines.append(f'  "@outcome" -> {node(eid)} [label={_dw(cond)}, style=dotted];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(scenario: Scenario, fmt: str = "mermaid") -> str:
    return dot(scenario) if fmt == "dot" else mermaid(scenario)

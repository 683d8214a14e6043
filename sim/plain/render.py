"""Scenes, meters and the debrief as plain lines.

Plain text is a first-class way to play (screen readers, scripts, logs), so
every figure is spelled out in words as well as numbers: "+8, up", never
colour or symbols alone.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from sim.debrief import Debrief
from sim.engine import scene_text

if TYPE_CHECKING:
    from sim.engine import Offer, State
    from sim.model import Scenario

WIDTH = 78


def wrap(text: str, indent: str = "") -> list[str]:
    out: list[str] = []
    for para in text.split("\n"):
        if not para.strip():
            out.append("")
            continue
        out.extend(
            textwrap.wrap(para, WIDTH, initial_indent=indent, subsequent_indent=indent) or [indent]
        )
    return out


def signed(change: int) -> str:
    if change > 0:
        return f"+{change}, up"
    if change < 0:
        return f"{change}, down"
    return "no change"


def meters_line(trust: int, empowerment: int, dt: int | None = None, de: int | None = None) -> str:
    t = f"Trust {trust}/100" + (f" ({signed(dt)})" if dt is not None else "")
    e = f"Empowerment {empowerment}/100" + (f" ({signed(de)})" if de is not None else "")
    return f"{t}   {e}"


def intro(scenario: Scenario, mode: str) -> list[str]:
    lines = [f"== {scenario.title} ==", *wrap(scenario.setting), ""]
    lines += wrap(scenario.summary)
    if scenario.content_notes:
        lines += ["", "Content notes: " + "; ".join(scenario.content_notes) + "."]
    lines += [
        "",
        f"Mode: {mode}"
        + (
            " (coach notes after each choice; u undoes)"
            if mode == "practice"
            else " (no notes until the debrief)"
        ),
    ]
    return lines


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
        lines += wrap(f"{o.number}. {o.choice.say}", "  ")
    return lines


def debrief_lines(d: Debrief) -> list[str]:
    lines = ["", f"==== Debrief: {d.scenario_title} ===="]
    if d.replay_note:
        lines += wrap(d.replay_note)
    outcome = f" ({d.outcome} outcome)" if d.outcome else ""
    lines += ["", f"Ending: {d.ending_title}{outcome}"]
    if d.ending_text:
        lines += wrap(d.ending_text, "  ")
    (t0, e0), (t1, e1) = d.start, d.final
    lines += [
        "",
        f"Trust: {t0} to {t1} ({signed(t1 - t0)})",
        f"Empowerment: {e0} to {e1} ({signed(e1 - e0)})",
        "Over the conversation:",
        "  Trust:       " + " ".join(f"{t:>3}" for t, _ in d.curve),
        "  Empowerment: " + " ".join(f"{e:>3}" for _, e in d.curve),
    ]
    if d.decisions:
        lines += ["", "-- Your decisions --"]
    for r in d.decisions:
        who = r.speaker or "The moment"
        lines += ["", f"{r.step}. {who}:"]
        lines += wrap(f'"{r.prompt}"', "     ")
        lines.append("   You said:")
        lines += wrap(f'"{r.said}"', "     ")
        lines.append(
            f"   Trust {signed(r.trust_change)}; empowerment {signed(r.empowerment_change)}"
        )
        for m in r.marks:
            lines.append(f"   {m.title}: {m.label}")
        if r.why:
            lines += wrap("Why: " + r.why, "   ")
        if r.alternative:
            lines += wrap(f'Stronger here: "{r.alternative.say}"', "   ")
            if r.alternative.why:
                lines += wrap(r.alternative.why, "     ")
    if d.principles:
        lines += ["", "-- Principles you worked with --"]
    for p in d.principles:
        counts = f"honoured {p.honoured}, undermined {p.undermined}"
        if p.neutral:
            counts += f", neutral {p.neutral}"
        lines += ["", f"{p.title} ({counts})"]
        if p.explanation:
            lines += wrap(p.explanation, "  ")
        for said, verdict in p.quotes:
            label = {"honours": "honoured", "undermines": "undermined"}.get(verdict, verdict)
            lines += wrap(f'You said ({label}): "{said}"', "  ")
    if d.reflect:
        lines += ["", "-- To reflect on --"]
        for prompt in d.reflect:
            lines += wrap(f"- {prompt}", "  ")
    return lines

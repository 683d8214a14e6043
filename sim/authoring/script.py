"""A whole scenario as a script to read: every scene, line, why and ending, in order.

A supervisor who reviews content reads conversations, not TOML. `graph` shows the
shape with first words only and `play` one path at a time, so a content review
meant opening the file. Here every scene comes in the order a conversation meets
it (from the start, following the lines in the order offered; a scene no line
leads to comes last, and says so), each with what is said, the lines the coach can
say with their meters, principles, why, conditions and where they lead, then the
endings with the rule that picks each, and the questions to reflect on.

The content is untrusted: plain text goes through `clean` (no control sequence
reaches a terminal) and Markdown through `markdown_line` / `markdown_quote` (no
link, HTML or emphasis is made), the one safe-text gate.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from sim.authoring.graph import condition
from sim.cells import cells, wrap
from sim.debrief.words import either, slip_short
from sim.engine import choice_id
from sim.model.types import OUTCOME_GOTO
from sim.text import clean, markdown_line, markdown_quote

if TYPE_CHECKING:
    from sim.model import Choice, Scenario

WIDTH = 80  # plain text wraps here, as the plain player does

# One item of the script: (kind, depth, text). Kinds: "title", "heading", "para",
# "quote" (what someone says), "item" (a numbered or bulleted line), "detail".
Item = tuple[str, int, str]


def scene_order(scenario: Scenario) -> tuple[list[str], set[str]]:
    """Scenes as a conversation meets them (from `start`, breadth first, lines in the
    order offered), then any no line or `next` leads to; and the set of those reached."""
    reached: list[str] = []
    queue = deque([scenario.start])
    while queue:
        sid = queue.popleft()
        if sid in reached or sid not in scenario.scenes:
            continue
        reached.append(sid)
        scene = scenario.scenes[sid]
        targets = [c.goto for c in scene.choices]
        if isinstance(scene.next, str):
            targets.append(scene.next)
        elif scene.next:
            targets += [step.goto for step in scene.next]
        queue.extend(t for t in targets if t in scenario.scenes)
    return reached + [sid for sid in scenario.scenes if sid not in reached], set(reached)


def items(scenario: Scenario, titles: dict[str, str] | None = None) -> list[Item]:
    """The script as neutral items, for `text` and `markdown` to lay out."""
    titles = titles or {}
    order, reached = scene_order(scenario)
    number = {sid: i + 1 for i, sid in enumerate(order)}

    def where(goto: str) -> str:
        if goto == OUTCOME_GOTO:
            return "an ending picked by the meters and flags (see Endings)"
        if goto in scenario.scenes:
            return f"scene {number[goto]} ({goto})"
        if goto in scenario.endings:
            e = scenario.endings[goto]
            return f"the ending '{e.title}' ({e.outcome})"
        return goto

    def who(speaker: str | None) -> str:
        if speaker and speaker in scenario.characters:
            return scenario.characters[speaker].name
        return speaker or ""

    out: list[Item] = [("title", 0, scenario.title), ("para", 0, scenario.summary)]
    facts = [
        f"Setting: {scenario.setting}",
        f"About {scenario.minutes} minutes, {scenario.difficulty}. Trust starts at "
        f"{scenario.meters.trust}, empowerment at {scenario.meters.empowerment} (of 100).",
    ]
    if scenario.trains:
        facts.append("Trains: " + _titled(titles, scenario.trains) + ".")
    if scenario.content_notes:
        facts.append("Content notes: " + "; ".join(scenario.content_notes) + ".")
    out += [("para", 0, f) for f in facts]
    if scenario.characters:
        out.append(("heading", 0, "People"))
        for c in scenario.characters.values():
            out.append(("item", 0, c.name + (f": {c.about}" if c.about else "")))
    for sid in order:
        scene = scenario.scenes[sid]
        lost = "" if sid in reached else " (no line leads here)"
        out.append(("heading", 0, f"Scene {number[sid]}: {sid}{lost}"))
        if scene.action:
            out.append(("detail", 0, f"({scene.action})"))
        out.append(("quote", 0, _said(who(scene.speaker), scene.text)))
        for v in scene.variants:
            out.append(("detail", 0, f"Instead, when {condition(v.when)}:"))
            if v.action:
                out.append(("detail", 1, f"({v.action})"))
            out.append(("quote", 1, _said(who(scene.speaker), v.text)))
        if scene.choices:
            out.append(("para", 0, "The coach can say:"))
            for i, choice in enumerate(scene.choices):
                out += _choice(sid, i, choice, titles, where)
        elif isinstance(scene.next, str):
            out.append(("detail", 0, f"Then on to {where(scene.next)}."))
        elif scene.next:
            for step in scene.next:
                cond = condition(step.when)
                lead = f"If {cond}" if cond else "Otherwise"
                out.append(("detail", 0, f"{lead}: on to {where(step.goto)}."))
    out.append(("heading", 0, "Endings"))
    out.append(
        (
            "para",
            0,
            "An ending reached through the meters is the first below whose rule holds "
            "(the last one when none does); a critical slip skips those better than its cap.",
        )
    )
    last = list(scenario.endings)[-1]
    for eid, ending in scenario.endings.items():
        out.append(("heading", 1, f"{ending.outcome.upper()}: {ending.title} ({eid})"))
        rule = condition(ending.when)
        if eid == last:  # `@outcome` never reads the last ending's when (check warns)
            rule = "taken when no ending above holds"
        out.append(("detail", 0, f"Rule: {rule or 'none (always holds)'}."))
        out.append(("quote", 0, ending.text))
        for v in ending.variants:
            out.append(("detail", 0, f"Instead, when {condition(v.when)}:"))
            out.append(("quote", 1, v.text))
        for a in ending.also:
            out.append(("detail", 0, f"Added, when {condition(a.when)}:"))
            out.append(("quote", 1, a.text))
    if scenario.debrief.reflect:
        out.append(("heading", 0, "Questions to reflect on"))
        for r in scenario.debrief.reflect:
            if isinstance(r, str):
                out.append(("item", 0, r))
            else:
                cond = condition(r.when)
                out.append(("item", 0, f"{r.text} (asked when {cond})" if cond else r.text))
    return out


def _said(name: str, text: str) -> str:
    return f"{name}: {text}" if name else text


def _choice(sid: str, index: int, choice: Choice, titles: dict[str, str], where) -> list[Item]:  # noqa: ANN001
    marks = []
    if choice.best:
        marks.append("BEST")
    if choice.critical:
        marks.append(
            f"CRITICAL: {slip_short(choice.critical)}, ends {choice.cap or 'mixed'} at best"
        )
    head = f"{index + 1}. {choice.say}"
    out: list[Item] = [("item", 1, head + (f"  [{'; '.join(marks)}]" if marks else ""))]
    meters = (
        f"trust {choice.trust:+d}, empowerment {choice.empowerment:+d}"
        if choice.trust or choice.empowerment
        else "the meters do not move"
    )
    by_verdict = {
        v: _titled(titles, [p for p, w in choice.principles.items() if w == v])
        for v in ("honours", "undermines", "neutral")
    }
    verdicts = "; ".join(f"{v} {names}" for v, names in by_verdict.items() if names)
    out.append(("detail", 2, meters + (f"; {verdicts}" if verdicts else "") + "."))
    if choice.when is not None:
        out.append(("detail", 2, f"Offered only when {condition(choice.when)}."))
    if choice.why:
        out.append(("detail", 2, f"Why: {choice.why}"))
    if choice.note:
        out.append(("detail", 2, f"Coach note: {choice.note}"))
    flags = [f"sets {', '.join(choice.sets)}"] if choice.sets else []
    flags += [f"clears {', '.join(choice.clears)}"] if choice.clears else []
    lead = f"Then {'; '.join(flags)}; on to" if flags else "Then on to"
    out.append(("detail", 2, f"{lead} {where(choice.goto)}. [{choice_id(sid, index, choice)}]"))
    return out


def text(scenario: Scenario, titles: dict[str, str] | None = None) -> str:
    """The script as plain text, wrapped, every character of content safe for a terminal."""
    lines: list[str] = []
    for kind, depth, value in items(scenario, titles):
        value = " ".join(clean(value).split()) if kind != "quote" else clean(value)
        indent = "  " * depth if kind not in ("detail", "heading") or depth < 2 else "     "
        if kind == "heading" or (kind == "item" and not depth):
            indent = ""  # headings and the bulleted lists start at the margin
        if kind in ("para", "heading") or (kind == "item" and depth):
            lines.append("")  # a paragraph, a heading and each line the coach can say
        if kind == "title":
            lines += [value.upper(), "=" * min(cells(value), WIDTH)]
        elif kind == "heading":
            lines += [indent + value, indent + ("-" if depth else "=") * min(cells(value), WIDTH)]
        elif kind == "quote":
            for para in value.split("\n"):  # an author's line break is kept
                lines += wrap(
                    para, WIDTH, initial_indent=indent + "  ", subsequent_indent=indent + "    "
                ) or [""]
        elif kind == "item" and not depth:
            wrapped = wrap(value, WIDTH, initial_indent="- ", subsequent_indent="  ")
            lines += wrapped or [""]
        else:
            sub = indent + ("   " if kind == "item" else "")
            wrapped = wrap(value, WIDTH, initial_indent=indent, subsequent_indent=sub)
            lines += wrapped or [""]
    return "\n".join(lines).strip("\n") + "\n"


def markdown(scenario: Scenario, titles: dict[str, str] | None = None) -> str:
    """The script as Markdown, where every piece of content stays literal text."""
    lines: list[str] = []
    for kind, depth, value in items(scenario, titles):
        if kind == "detail" and depth >= 2:  # under a line the coach can say: its facts
            lines[-1] += "  "  # a hard break, so each fact keeps its own line
            lines.append(f"   {markdown_line(value)}")
            continue
        if lines and lines[-1]:
            lines.append("")
        if kind == "title":
            lines.append(f"# {markdown_line(value)}")
        elif kind == "heading":
            lines.append(f"{'#' * (depth + 2)} {markdown_line(value)}")
        elif kind == "quote":
            lines.append(markdown_quote(value))
        elif kind == "item" and depth:  # "3. what the coach says": the number is ours
            number, said = value.split(". ", 1)
            lines.append(f"{number}. {markdown_line(said)}")
        elif kind == "item":
            lines.append(f"- {markdown_line(value)}")
        else:  # one line, as in `text`: a stage direction holding a blank line and "The
            # coach can say:" read as the script's own heading and its lines (adv18)
            lines.append(markdown_line(" ".join(value.split())))
    return "\n".join(lines).strip("\n") + "\n"


def render(scenario: Scenario, fmt: str = "text", titles: dict[str, str] | None = None) -> str:
    return markdown(scenario, titles) if fmt == "md" else text(scenario, titles)


def _titled(titles: dict[str, str], ids: list[str]) -> str:
    """Principle titles quoted, as the debrief quotes them: several bundled titles hold a
    comma ("Keep warm, clear boundaries"), so "undermines Keep warm, clear boundaries,
    Offer advice to spark a conversation, not to spoon-feed" read as five principles."""
    return either([f"“{titles.get(p, p)}”" for p in ids], "and")

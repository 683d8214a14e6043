"""The debrief as wrapped plain lines: the plain player prints them, the Markdown export
quotes them for a supervisor.

Kept in the core, not in the plain player, because the records export (core)
must not import a shell; the player takes its wrapping from here too, so the
two read alike.
"""

from __future__ import annotations

import re

from sim import cells
from sim.debrief.data import Debrief
from sim.debrief.outline import CURVE_TITLE, DETAILS, outline

WIDTH = 78
_NUMBERED = re.compile(r"\d+\. ")
_CURVE_LABEL = re.compile(r"\s*[A-Za-z]+:\s*")  # "  Trust:       " before a curve's values


def wrap(text: str, indent: str = "") -> list[str]:
    """Lines of at most WIDTH terminal columns; never broken after a hyphen ("spoon-" / "feed"), which a
    screen reader would read as a dash and two words."""
    out: list[str] = []
    for para in text.split("\n"):
        if not para.strip():
            out.append("")
            continue
        out.extend(
            cells.wrap(para, WIDTH, initial_indent=indent, subsequent_indent=indent) or [indent]
        )
    return out


def wrap_hanging(text: str, indent: str, hang: str = "  ") -> list[str]:
    """A bulleted or numbered item: its later lines line up with the text after the mark."""
    return cells.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + hang)


def debrief_lines(d: Debrief, mode: str = "practice") -> list[str]:
    """The debrief for a terminal: the shared outline, headed and wrapped."""
    # Headings are words alone, no rules of '=' or '-': a screen reader at its
    # default punctuation level reads '=' aloud ("equals equals equals equals").
    lines = ["", f"Debrief: {d.scenario_title}"]
    for section in outline(d, mode):
        if section.title:
            lines += ["", section.title]
        lines.append("")
        step = "   "  # sub-lines line up after "1. " or "- "
        curve = False
        for line in section.lines:
            if line.item and lines[-1] != "" and section.part == DETAILS:
                lines.append("")
            if line.text == CURVE_TITLE and lines[-1] != "":
                # its own paragraph: run on under the ending's last sentence, the curve
                # read as part of the story (author19)
                lines.append("")
            if line.item:  # "10. " is a character wider than "1. "
                number = _NUMBERED.match(line.text)
                step = "  " if line.bullet else " " * (len(number.group()) if number else 3)
            indent = ("  " if section.title else "") + step * line.level
            label = _CURVE_LABEL.match(line.text) if curve else None
            curve = curve or line.text == CURVE_TITLE
            if label:
                # a long curve goes on under its first value: "  66" flush under "Trust:"
                # read as a number of its own (trainee playtest 28)
                lines += wrap_hanging(line.text, indent, " " * label.end())
            elif line.item and line.bullet:
                lines += wrap_hanging("- " + line.text, indent)
            elif line.item:  # "3. Luis: “...”": a quote that wraps goes on under itself
                lines += wrap_hanging(line.text, indent, step)
            else:
                lines += wrap(line.text, indent)
    return lines

"""The command palette's search: the words a trainee types, matched to what they mean.

Textual's search is fuzzy: any command whose title holds the letters typed, in
order, is offered. "undo" offered "Turn own words on" (tUrN owN worDs On), in the
library where there is nothing to undo, and "home" offered "Switch to assessment
mode"; "exit", "again" or "menu" found nothing (trainee playtest 14). A trainee
types words, not letters: each word typed must begin a word of the command's
title, or of the other names people give it ("exit" for Quit, "again" for
Restart). A word within one letter of one (a slip of the fingers: "pasue") still
finds it, when no command begins with what was typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from textual.command import Hit, Hits
from textual.content import Content
from textual.system_commands import SystemCommandsProvider

if TYPE_CHECKING:
    from textual.app import SystemCommand

# the other words people use for a command, by the start of its title (titles such as
# "Switch to practice mode" change with the state they switch)
OTHER_NAMES: dict[str, str] = {
    "Quit": "exit close end",
    "Help": "keys how instructions guide",
    "Undo": "take back previous mistake oops",
    "Restart": "start over again replay retry reset redo",
    "Play again": "restart start over replay retry reset redo",
    "Pause": "stop break wait rest breathe",
    "Back to library": "menu home scenarios leave",
    "Read the highlighted": "open debrief past again",
    "Back to your runs": "progress history runs",
    "Progress and past runs": "history results score stats record mastery debriefs past",
    "Switch to": "test exam settings options",  # not the other mode's name: a surprise
    "Turn own words": "type typing write settings options",
    "Class summary": "report trainees",
    "Theme": "colour color dark light contrast appearance settings options",
    "Start": "play begin open",
    "Play the suggested": "next start begin",
    "Screenshot": "save picture capture",
}

WORD = re.compile(r"\w+")
CLOSE = 0.75  # SequenceMatcher ratio for a slip: "pasue" / "pause" 0.8, "quti" / "quit" 0.75


def _other_names(title: str) -> list[str]:
    for start, names in OTHER_NAMES.items():
        if title.startswith(start):
            return names.split()
    return []


def _close(typed: str, word: str) -> bool:
    return len(typed) >= 4 and SequenceMatcher(None, typed, word).ratio() >= CLOSE


def score(title: str, query: str, slips: bool = False) -> tuple[float, list[tuple[int, int]]]:
    """How well `query` names the command `title` (0: not at all), and the spans to mark.

    Every word typed must begin a word of the title (worth most), or one of its other
    names; with `slips`, a word close to one (see `_close`) counts too.
    """
    typed = [w.lower() for w in WORD.findall(query)]
    if not typed:
        return 0.0, []
    words = [(m.group().lower(), m.start()) for m in WORD.finditer(title)]
    others = _other_names(title)
    total = 0.0
    spans: list[tuple[int, int]] = []
    for t in typed:
        in_title = [(w, at) for w, at in words if w.startswith(t)]
        if in_title:
            word, at = in_title[0]
            total += 1.0 if word == t else 0.8
            spans.append((at, at + len(t)))
        elif any(o.startswith(t) for o in others):
            total += 0.5
        elif slips and any(_close(t, w) for w, _ in words):
            word, at = next((w, at) for w, at in words if _close(t, w))
            total += 0.4
            spans.append((at, at + len(word)))
        elif slips and any(_close(t, o) for o in others):
            total += 0.3
        else:
            return 0.0, []
    first = 0.1 if words and words[0][0].startswith(typed[0]) else 0.0
    return min(1.0, total / len(typed) * 0.9 + first), spans


def search_commands(
    commands: Iterable[SystemCommand], query: str
) -> list[tuple[float, str, list[tuple[int, int]], SystemCommand]]:
    """The commands `query` names, best first (slips only when nothing else is named)."""
    listed = list(commands)
    for slips in (False, True):
        found = []
        for command in listed:
            value, spans = score(command.title, query, slips)
            if value > 0:
                found.append((value, command.title, spans, command))
        if found:
            return sorted(found, key=lambda hit: -hit[0])
    return []


def marked(title: str, spans: Sequence[tuple[int, int]], style: object) -> Content:
    content = Content(title)
    for start, end in spans:
        content = content.stylize(style, start, end)  # type: ignore[arg-type]
    return content


class MenuCommands(SystemCommandsProvider):
    """The app's commands (`MenuMixin.get_system_commands`), searched by words."""

    async def search(self, query: str) -> Hits:
        style = self.matcher(query).match_style
        commands = self.app.get_system_commands(self.screen)
        for value, title, spans, command in search_commands(commands, query):
            shown = marked(title, spans, style)
            yield Hit(value, shown, command.callback, text=title, help=command.help)

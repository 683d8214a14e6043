"""The conversation as it scrolls: the other person, stage directions, you, coach notes.

`entries(run, practice, start)` turns a run's states into entries (a pure
function of the run, so undo and live reload just rebuild), and `Transcript`
shows them as a chat: speaker names, stage directions set apart in italics,
the trainee's own lines indented on the right with their own colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from sim.tui.text import literal

if TYPE_CHECKING:
    from sim.engine import Run


@dataclass(frozen=True)
class Entry:
    kind: str  # action | line | narration | you | note | end | stuck
    text: str
    who: str = ""


def scene_entries(run: Run, scene_id: str) -> list[Entry]:
    sc = run.scenario
    scene = sc.scenes[scene_id]
    out: list[Entry] = []
    if scene.action:
        out.append(Entry("action", scene.action))
    who = sc.characters[scene.speaker].name if scene.speaker in sc.characters else ""
    out.append(Entry("line", scene.text, who) if who else Entry("narration", scene.text))
    return out


def entries(run: Run, practice: bool, start: int = 0) -> list[Entry]:
    """The entries that states[start:] add (start=0: the whole conversation)."""
    out: list[Entry] = []
    states = run.states
    if start == 0:
        out += scene_entries(run, states[0].scene)
        start = 1
    for before, after in zip(states[start - 1 :], states[start:], strict=False):
        if len(after.decisions) > len(before.decisions):
            d = after.decisions[-1]
            choice = run.scenario.scenes[d.scene].choices[d.index]
            out.append(Entry("you", choice.say, "You"))
            if practice and choice.coach_note():
                out.append(Entry("note", choice.coach_note()))
        if after.over:
            ending = run.scenario.endings[after.ending]
            out.append(Entry("end", ending.text))
        elif after.scene != before.scene or len(after.path) > len(before.path):
            out += scene_entries(run, after.scene)
    return out


STYLE = {
    "action": "italic $foreground 65%",
    "narration": "italic $foreground 65%",
    "you": "$text on $accent 15%",
    "note": "$text-secondary",
    "end": "italic",
    "stuck": "$text-error",
}


def render_entry(entry: Entry) -> Content:
    style = STYLE.get(entry.kind, "")
    if entry.kind == "line":
        return Content.assemble((entry.who, "bold $secondary"), "\n", literal(entry.text))
    if entry.kind == "you":
        return Content.assemble(("You", "bold $accent"), "\n", literal(entry.text, style))
    if entry.kind == "note":
        return Content.assemble(("Coach note: ", f"bold {style}"), literal(entry.text, style))
    if entry.kind == "end":
        return Content.assemble(("The conversation ends. ", "bold"), literal(entry.text, style))
    return literal(entry.text, style)


class Turn(Static):
    """What one move added (your line, the coach note, the reply): one widget.

    One widget a move rather than one an entry: mounting is most of the cost
    of a move, so this keeps a choice cheap however long the conversation gets.
    """

    def __init__(self, new: list[Entry]) -> None:
        parts: list[Content | str] = []
        for i, entry in enumerate(new):
            if i:
                parts.append("\n" if entry.kind == "note" else "\n\n")
            parts.append(render_entry(entry))
        super().__init__(Content.assemble(*parts), classes="turn", markup=False)
        self.entries = list(new)


class Transcript(VerticalScroll):
    """A scrolling conversation that stays at the newest line."""

    can_focus = False

    def show(self, new: list[Entry], replace: bool = False) -> None:
        with self.app.batch_update():
            if replace:
                self.remove_children()
            if new:
                self.mount(Turn(new))
        self.anchor()

    def entries(self) -> list[Entry]:
        return [e for turn in self.query(Turn) for e in turn.entries]

    def kinds(self) -> list[str]:
        return [e.kind for e in self.entries()]

    def text(self) -> str:
        return "\n".join(e.text for e in self.entries())

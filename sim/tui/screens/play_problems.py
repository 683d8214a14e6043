"""The play screen's problems panel: what live reload and the deep check found.

With `--watch`, an author edits the file while playing; a version that does not load
leaves the last good one playing, and the panel above the transcript says why. Kept
apart from the conversation itself; `PlayScreen` mixes it in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from sim.text import shown
from sim.tui.text import literal
from sim.tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from sim.problems import Problem


class ProblemsPanel:
    """Mixed into `PlayScreen` (a Textual Screen): the live-reload panel and its list."""

    problems: list[Problem]
    checked: list[Problem]
    notes: dict[str, str]

    SHOWN = 2  # problems written out in the panel; e lists them all

    def show_problems(self, problems: list[Problem]) -> None:
        """The problems of the last reload ([]: it loaded), in the panel above the transcript."""
        had = bool(self.problems)
        self.problems = list(problems)
        if problems:
            self.notes.pop("check", None)  # a check of an older version
            self.checked = []
        self._show_panel()
        if had != bool(problems):
            self.refresh_bindings()

    def show_checked(self, note: str, problems: list[Problem]) -> None:
        """The deep check's note and findings ("" and []: none, or not checked yet); e lists them."""
        had = bool(self.problems or self.checked)
        self.checked = list(problems)
        self.show_note("check", note)
        if had != bool(self.problems or self.checked):
            self.refresh_bindings()

    def show_note(self, kind: str, text: str) -> None:
        """A one-line note in the panel (kind "reload" or "check"; text "" removes it)."""
        if text:
            self.notes[kind] = text
        else:
            self.notes.pop(kind, None)
        self._show_panel()

    def _show_panel(self) -> None:
        panel = self.query_one("#problems", Static)
        problems = self.problems
        parts: list[Content | str | tuple[str, str]] = []
        if problems:
            name = shown(problems[0].path.name) if problems[0].path else "The scenario file"
            count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
            parts.append(
                (f"⚠ {name}: {count}; still playing the last version that loaded.", "bold")
            )
            for p in problems[: self.SHOWN]:
                parts += ["\n• ", literal(short(p))]
            rest = len(problems) - self.SHOWN
            if rest > 0:
                where = shown(problems[0].path) if problems[0].path else "FILE"
                parts.append(
                    (f"\n{rest} more: press e to list them all, or run peer-sim check ", "italic")
                )
                parts.append(literal(where, "italic"))
        else:
            for kind in ("reload", "check"):
                if kind in self.notes:
                    parts += ["\n" if parts else "", literal(self.notes[kind])]
        panel.set_class(bool(problems), "-error")
        panel.update(Content.assemble(*parts))
        panel.display = bool(parts)
        # the transcript gets shorter: keep its newest line in view
        self.query_one(Transcript).scroll_end(animate=False, immediate=True)

    def action_problems(self) -> None:
        if not self.on_top or not (self.problems or self.checked):
            return
        from sim.tui.screens.dialogs import ProblemList

        if self.problems:
            self.app.push_screen(ProblemList(self.problems))
        else:
            self.app.push_screen(ProblemList(self.checked, loaded=True))


def short(problem: Problem) -> str:
    """A problem as `peer-sim check` writes it, with the file's name for its full path."""
    text = problem.format()
    where = str(problem.path) if problem.path else ""
    if where and text.startswith(where):
        text = problem.path.name + text[len(where) :]
    return text

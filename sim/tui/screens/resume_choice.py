"""The resume question when several runs were left unfinished: one question naming them all.

Asked one at a time, three runs left off were three questions over three starts, each
naming one run (trainee playtest 15). Here every run left unfinished is a numbered row
(newest first): its number, or ↑↓ and Enter, or a click resumes that one; n leaves them
all at once; Esc decides nothing (the library marks each, and a start asks again).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from sim.records.stored import local_time
from sim.tui.after_refresh import after_refresh
from sim.tui.screens.dialogs import Dialog
from sim.tui.text import literal

if TYPE_CHECKING:
    from sim.records.store import StoredRun

LEAVE_ALL = -1
"""The answer that gives every listed run up (n); an index resumes that run; None: Esc."""


def left_row(number: int, stored: StoredRun, titled: bool = True) -> Content:
    """'1  Crisis Moment', then '   after 4 choices · left 2026-12-01 08:02 CST · practice'
    under it (on one line it wrapped at 80 columns with the date under the number); the
    time is when it was left, in the trainee's own time zone (trainee playtest 35)."""
    when = local_time(stored.updated_at)  # its zone named (records37: `stored.local_time`)
    n = stored.choices_made
    said = f"after {n} choice{'s' if n != 1 else ''} · left {when} · {stored.mode}"
    if isinstance(stored.progress, dict) and stored.progress.get("own_words") is True:
        said += " · own words"  # it resumes in own-words practice
    key = f"{number}  " if number <= 9 else "   "
    if not titled:  # one scenario's runs: the question names it
        return Content.assemble((key, "bold"), said)
    # no-break spaces: plain ones at the start of a line are trimmed as the row wraps
    return Content.assemble(
        (key, "bold"), literal(stored.scenario_title, "bold"), "\n\u00a0\u00a0\u00a0", said
    )


class ResumeChoice(Dialog["int | None"]):
    """Which of several unfinished runs to resume (an index), all left (LEAVE_ALL), or
    nothing decided (None: Esc). The caller acts; the dialog holds no records."""

    DEFAULT_CSS = """
    ResumeChoice #resume-choice { width: 80; }
    ResumeChoice #left-runs { height: auto; max-height: 10; margin: 1 0; border: none; }
    """
    AUTO_FOCUS = "#left-runs"
    BINDINGS = [
        Binding("1", "pick(0)", "Resume that one"),  # the bar says "1-3"
        *(Binding(str(n), f"pick({n - 1})", show=False) for n in range(2, 10)),
        Binding("y", "resume", "Resume"),
        Binding("n", "leave", "Leave them all"),
        Binding("escape", "later", "Not now"),
    ]

    def __init__(
        self, runs: Sequence[StoredRun], head: str, after: str, no: str, titled: bool = True
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.runs = list(runs)
        self.head, self.after, self.no = head, after, no
        self.titled = titled
        self._answered = False

    def compose(self) -> Iterable[Widget]:
        with Vertical(classes="dialog", id="resume-choice"):
            yield Static(literal(self.head), classes="dialog-text")
            yield OptionList(
                *(
                    Option(left_row(i, r, self.titled), id=f"left:{i - 1}")
                    for i, r in enumerate(self.runs, 1)
                ),
                id="left-runs",
            )
            yield Static(literal(self.after), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume (y)", id="yes", variant="warning")
                yield Button(f"{self.no} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        super().on_mount()
        for rows in self.query(OptionList):  # none when answered before it was drawn
            rows.highlighted = 0

    def on_resize(self) -> None:
        super().on_resize()
        for rows in self.query("#left-runs"):
            rows.styles.max_height = None  # measured again for the new size (`_fit`)
        after_refresh(self, self._fit)

    def _fit(self) -> None:
        """The list of runs gives up rows (it scrolls, ↑↓ reach every run) where the whole
        question would not fit: with the care line under it, three runs left off pushed
        the buttons off an 80x24 screen (trainee44). The words and the buttons stay."""
        dialogs, lists = self.query("#resume-choice"), self.query("#left-runs")
        if not (dialogs and lists):
            return
        dialog, rows = dialogs.first(), lists.first()
        over = dialog.virtual_size.height - dialog.content_region.height
        if over > 0 and rows.outer_size.height > 2:
            rows.styles.max_height = max(2, rows.outer_size.height - over)

    def key_display(self, binding: Binding) -> str | None:
        """The numbers as one key, as the play screen says them: "1-3"."""
        if binding.action == "pick(0)":
            return f"1-{min(len(self.runs), 9)}"
        return None

    def key_description(self, binding: Binding) -> str | None:
        """The bar names the answers as the buttons do."""
        if binding.action == "leave":
            return self.no
        return None

    def answer(self, result: int | None) -> None:
        """Only the first answer counts (a click and a key in one read both arrive)."""
        if self._answered or not self.is_active:
            return
        self._answered = True
        self.dismiss(result)

    def action_pick(self, index: int) -> None:
        if index < len(self.runs):
            self.answer(index)
        else:
            self.app.bell()

    def action_resume(self) -> None:
        """y: the highlighted run, or the newest (as 1) when nothing is highlighted yet.

        A y typed ahead can arrive before the list is drawn (Enter on a scenario left
        off twice and y in one read): the list was looked up then, and the app raised
        NoMatches (the resume monkey found it)."""
        found = self.query(OptionList)
        highlighted = found.first().highlighted if found else None
        self.answer(highlighted if highlighted is not None else 0)

    def action_leave(self) -> None:
        self.answer(LEAVE_ALL)

    def action_later(self) -> None:
        self.answer(None)

    @on(OptionList.OptionSelected, "#left-runs")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.answer(event.option_index)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "yes":
            self.action_resume()
        else:
            self.action_leave()

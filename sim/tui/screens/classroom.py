"""A classroom: the trainee's name asked at the start, and the class summary for the trainer.

When the app is served to a room (`peer-sim serve` starts it with
`--ask-trainee`), every tab asks who is playing before anything else, so the
one records store keeps each trainee's runs apart. The class summary shows the
same lines as `peer-sim report`; it is offered only when the app is not asking
for names, so one trainee never reads another's runs.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from sim.records.classroom import MAX_NAME, TraineeNameError, clean_name
from sim.tui.screens.base import SimScreen
from sim.tui.screens.dialogs import Dialog
from sim.tui.text import literal
from sim.tui.widgets.hanging import HangingText
from sim.tui.widgets.header import SimHeader
from sim.tui.widgets.keybar import KeyBar
from sim.tui.widgets.plain_input import PlainInput


class NameInput(PlainInput):
    """The name box, whose Enter is shown in the key bar (the bar was empty).

    Not a priority binding on the dialog: that answers Enter as it arrives,
    ahead of letters still queued for the input, and cut "Browser Sam" to "Brow".
    """

    BINDINGS = [Binding("enter", "submit", "Continue")]

    def full_words(self) -> str:
        """The box holds twice a name's length (a pasted name is cut and said too long,
        not lost); full, it only rang the bell (tui38)."""
        return (
            f"A name or code is {MAX_NAME} characters at most, and the box is full: what "
            "you typed past that was not kept. Shorten it (backspace), then press Enter."
        )


class TraineePrompt(Dialog[str]):
    """Who is playing: a name or code, answered with Enter; there is no way round it.

    Escape does nothing here (ctrl+q still quits): a run played before a name
    is given would land among nobody's runs.
    """

    AUTO_FOCUS = "#trainee-name"
    BINDINGS = [
        Binding("escape", "nothing", show=False),
        # the keys that work here, in the key bar beside the box's Enter: it showed
        # "Continue" alone, and ctrl+q and the palette (Help, Quit) work too (tui38)
        Binding("ctrl+q", "app.quit", "Quit"),
        # help, as the help itself says ('F1 while you type'): the app's ?/F1 binding
        # does not reach past a modal screen, and F1 did nothing here (adversarial-40);
        # ? is a letter in the box
        Binding("f1", "app.help", "Help", key_display="F1"),
        Binding("ctrl+p", "app.command_palette", "palette"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> Iterable[Widget]:
        with Vertical(classes="dialog", id="trainee-dialog"):
            yield Static(
                Content.assemble(
                    ("Welcome to peer-sim\n\n", "bold $primary"),
                    "Type your name or the code your trainer gave you, then press Enter. ",
                    "Your runs are kept under it, apart from everyone else's.",
                ),
                classes="dialog-text",
            )
            yield NameInput(placeholder="name or code", max_length=MAX_NAME * 2, id="trainee-name")
            yield Static("", id="trainee-problem", classes="dialog-text")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            name = clean_name(event.value)
        except TraineeNameError as exc:
            self.query_one("#trainee-problem", Static).update(
                Content.styled(str(exc), "$text-error")
            )
            return
        self.dismiss(name)

    def action_nothing(self) -> None:
        return None


class ClassSummaryScreen(SimScreen):
    """Runs per trainee, endings and the class's weakest principles (`peer-sim report`)."""

    BINDINGS = [Binding("escape,l", "back", "Library", key_display="esc")]

    def __init__(self, lines: list[str], where: str) -> None:
        super().__init__()
        self.lines = lines
        self.title = "Class summary"
        self.sub_title = where

    def body(self) -> Iterable[Widget]:
        yield SimHeader()
        with VerticalScroll(id="class-summary"):
            from sim.records.class_text import kept_whole

            # "0" / "s playing" and "last 2026-12-02" / "17:44" split as report's did
            text = "\n".join(kept_whole(line) for line in self.lines)
            # a trainee's row that wraps goes on under the name, not flush with the headings
            yield HangingText(literal(text), id="class-summary-text")
        yield KeyBar()

    def action_back(self) -> None:
        if self.on_top:
            self.app.pop_screen()

"""Small modal screens: content notes, leave-the-run confirmation, pause, help, problems.

Each returns its answer through `dismiss()` (Frogmouth's pattern), so the
caller decides what happens next and the dialog holds no game state.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Static

from sim.text import shown
from sim.trainee_care import CARE_LINE
from sim.tui.after_refresh import after_refresh
from sim.tui.screens import STYLES
from sim.tui.text import literal

if TYPE_CHECKING:
    from sim.problems import Problem


ResultType = TypeVar("ResultType")


async def _nothing() -> None:
    return None


class Dialog(ModalScreen[ResultType]):
    """A modal screen that answers once, whatever path the answer takes.

    Two Enters in one read both reach a focused button (its queue holds them
    before the first is handled): the second `dismiss` would pop the screen
    under the dialog, or raise on the last one. Only the dialog on top answers.
    """

    CSS_PATH = STYLES["dialogs"]

    def on_mount(self) -> None:
        # the keys this dialog answers to, where the screen underneath listed its own
        # (a content-notes box over the library's "m Mode  g Progress" keys that do nothing here)
        from sim.tui.widgets.keybar import KeyBar
        from sim.tui.widgets.too_small import TooSmall

        # the size guard too, as on every full screen: the name asked for first in a
        # served tab was drawn over the notice, cut off in a short browser window (browser30)
        self.mount(KeyBar(), TooSmall())

    def on_resize(self) -> None:
        # a short terminal (60x18) loses the padding, so the buttons stay on screen
        self.set_class(self.size.height < 24, "-short")

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if self.app.screen is not self:
            return AwaitComplete(_nothing()).call_next(self)
        return super().dismiss(result)


class _AnswersOnce(Dialog[bool]):
    """A dialog whose button and key bindings can both fire for one key press.

    `dismiss()` pops whatever screen is on top, so a second answer (a queued
    Button.Pressed after the Enter binding already answered) would pop the
    screen underneath; the monkey test found this. Only the first answer counts.
    """

    _answered = False

    def answer_once(self, result: bool) -> None:
        if self._answered or not self.is_active:
            return
        self._answered = True
        self.dismiss(result)


class ContentNotes(_AnswersOnce):
    """Shown before play when a scenario names difficult topics; True means go on."""

    AUTO_FOCUS = "#go"

    BINDINGS = [
        Binding("escape", "back", "Back to library"),
        Binding("enter", "go", "Continue", priority=True),
    ]

    def __init__(
        self, title: str, notes: Iterable[str], own_words: bool = False, back_to: str = ""
    ) -> None:
        """`own_words`: whether this run asks for the trainee's own words, the one place
        where `p` is a letter and F2 pauses; said only then, since a trainee who has
        never typed their own words read of an F2 nothing else explained (trainee20).
        `back_to`: where Esc goes back to, when not the library ("your runs")."""
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.notes = list(notes)
        self.own_words = own_words
        self.back_to = back_to

    def key_description(self, binding: Binding) -> str | None:
        if binding.action == "back" and self.back_to:
            return f"Back to {self.back_to}"
        return None

    def compose(self) -> Iterable[Widget]:
        parts: list[Content | str | tuple[str, str]] = [
            ("Content notes\n", "bold $text-warning"),
            literal(self.title_text, "bold"),
            " touches on:",
        ]
        for n in self.notes:
            parts += ["\n  • ", literal(n)]
        keys = "p (F2 while you type your own words)" if self.own_words else "p"
        care = f"Take care of yourself: pause any time with {keys}, or step away. {CARE_LINE}"
        with Vertical(classes="dialog"):
            with VerticalScroll(id="notes-text"):
                yield Static(Content.assemble(*parts), classes="dialog-text")
            yield Static(care, id="notes-care", classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Continue", id="go", variant="primary")
                yield Button("Back", id="back")

    def on_resize(self) -> None:
        super().on_resize()
        after_refresh(self, self._fit)

    def _fit(self) -> None:
        # The list of topics scrolls; the care line and the buttons always show. Five
        # notes and the care line pushed Continue and Back (and 988) off a 24-row screen.
        # The dialog is at most 90% of the room above the key bar (all of it when short);
        # its border, padding and the buttons' row take the rest.
        short = self.has_class("-short")
        above_keys = self.size.height - 1
        room = above_keys if short else above_keys * 9 // 10
        chrome = 2 + 3 + (0 if short else 2 + 1)  # border, buttons, padding and margin
        care = self.query_one("#notes-care").size.height + 1  # and its margin above
        self.query_one("#notes-text").styles.max_height = max(3, room - chrome - care)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.answer_once(event.button.id == "go")

    def action_go(self) -> None:
        focused = self.focused
        self.answer_once(not (isinstance(focused, Button) and focused.id == "back"))

    def action_back(self) -> None:
        self.answer_once(False)


class Confirm(_AnswersOnce):
    """A yes/no question; y says yes, Escape or n says no, Enter presses the focused button."""

    AUTO_FOCUS = "#no"

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "escape", "No", show=False),
    ]

    def __init__(
        self,
        question: str,
        yes: str = "Yes",
        no: str = "No",
        focus_yes: bool = False,
        escape_decides_nothing: bool = False,
    ) -> None:
        """`escape_decides_nothing`: Esc answers None, not no, where no gives something up
        for good (a run left unfinished, never offered again): a trainee closing the box
        lost the offer (trainee playtest 15)."""
        super().__init__(classes="dialog-screen")
        self.question = question
        self.yes, self.no = yes, no
        self.escape_decides_nothing = escape_decides_nothing
        if focus_yes:  # Enter takes the answer that loses nothing (resume, not start afresh)
            self.AUTO_FOCUS = "#yes"

    def compose(self) -> Iterable[Widget]:
        with Vertical(classes="dialog"):
            yield Static(literal(self.question), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="warning")
                yield Button(f"{self.no} (n)", id="no", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.answer_once(event.button.id == "yes")

    def key_description(self, binding: Binding) -> str | None:
        """The bar names the answers as the buttons do ("y Resume", not "y Yes")."""
        return {"answer(True)": self.yes, "answer(False)": self.no}.get(binding.action)

    def action_answer(self, yes: bool) -> None:
        self.answer_once(yes)

    def action_escape(self) -> None:
        if not self.escape_decides_nothing:
            self.answer_once(False)
        elif not self._answered and self.is_active:
            self._answered = True
            self.dismiss(None)


GROUNDING = (
    "Pause\n\n",
    "Nothing in the conversation moves while you are here. Feet on the floor; breathe in "
    "for four, out for six, a few times. Name three things you can see and two you can "
    "hear.\n\n"
    "Practising hard conversations can stir up your own history. That is normal; if it "
    "does, talk to your supervisor or someone you trust. In the US, the 988 Suicide & "
    "Crisis Lifeline is there by call or text (988); in an emergency call 911.\n\n",
    "Press Enter, Escape or p to go back.",
)


class Pause(Dialog[None]):
    """A short grounding prompt; no effect on the run."""

    BINDINGS = [Binding("escape,p,enter,space", "close", "Back to the conversation")]

    def compose(self) -> Iterable[Widget]:
        title, body, hint = GROUNDING
        with Vertical(classes="dialog", id="pause"):
            yield Static(
                Content.assemble((title, "bold $primary"), body, (hint, "italic $text-muted")),
                classes="dialog-text",
            )

    def on_click(self) -> None:
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()


HELP = [
    ("In the library", ""),
    (
        "↑ ↓",
        "move through the scenarios, listed under Introductory, Intermediate and Advanced "
        "(the keys pass over those headings)",
    ),
    ("Enter", "start the highlighted scenario (a second click starts it too)"),
    ("m", "switch between practice and assessment mode"),
    ("w", "own-words practice on or off: type your own line before the lines show"),
    ("g", "your progress and past runs (Enter reads a debrief again; s plays next)"),
    ("g, then PgDn", "read on through the principles on the progress screen"),
    ("q", "quit from the library (in a conversation q never quits)"),
    ("In a conversation", ""),
    (
        "1-9",
        "say that numbered line (the bar says which numbers); a line not all in view yet "
        "is shown first: press its number again",
    ),
    ("Enter", "own words: after typing your line, show the lines to pick from"),
    (
        "↑ ↓ Enter",
        "move to a line and say it (none is highlighted until you move); a click says it",
    ),
    ("Enter / space", "carry on when the scene goes on by itself (own words: Enter)"),
    ("Enter", "after the ending, open the debrief (space does not: it reads on there)"),
    ("PgUp PgDn", "scroll the conversation back, to read an earlier line or note again"),
    ("u / ctrl+z", "undo your last line (practice mode only; ctrl+z in own-words practice)"),
    ("p / F2", "pause: a moment to breathe; nothing changes (F2 in own-words practice)"),
    ("e", "list every problem in a watched scenario file (after a save with errors)"),
    ("Escape", "leave the conversation (asks first); q never leaves or quits one"),
    ("In the debrief", ""),
    ("space", "read on (↑ ↓ PgUp PgDn scroll too)"),
    ("Home", "back to the top: the ending and why this ending"),
    ("r", "play the scenario again"),
    ("Esc / l / q", "back to the library"),
    # the progress screen's own keys, and what its run-by-run counts leave out: a trainee
    # read "run by run, oldest first: 0 of 1, 2 of 2, 2 of 2, 0 of 6, 1 of 1" under a
    # "critical slip in run 8" as runs 1 to 5, with nine runs listed below (trainee40)
    ("On the progress screen", ""),
    ("PgDn PgUp", "read on through the principles, and back up"),
    ("Enter", "read a finished run's debrief again, or resume one left unfinished"),
    ("s", "start the scenario to play next"),
    ("Esc / l / q", "back to the library"),
    (
        "run by run",
        "under a principle: how many of your lines honoured it in each run where your lines "
        "touched it, oldest first, each count with its run's number from your past runs "
        'below ("0 of 5 in run 2"). A run that never touched it has no count there',
    ),
    ("Everywhere", ""),
    ("? / F1", "this help (F1 while you type your own words)"),
    ("ctrl+p", "commands: restart, undo, switch mode, back to library, theme"),
    ("ctrl+q", "quit (asks first in the middle of a conversation)"),
]

LOCKED_HELP = "your trainer set the mode and own words for this session: they stay as they are"

# In a browser tab (`peer-sim serve`) the help named ctrl+q as the way to quit and said
# nothing of the tab: a browser may take ctrl+q itself (Firefox on Linux quits, every tab
# with it), ctrl+w closes the tab, and F5 reloads it; a trainee could not tell whether
# any of those lost what they had played (browser44). Each move is saved as it is made.
BROWSER_KEYS = [
    (
        "ctrl+q",
        "quit (asks first in the middle of a conversation); a browser that takes ctrl+q "
        "itself leaves Quit in ctrl+p. Closing the tab is safe too: what you played is saved",
    ),
    (
        "F5 / ctrl+r",
        "reload the page: give your name again, and the conversation you were in is "
        "offered to resume",
    ),
]

ABOUT_METERS = (
    "Trust: does this person feel safe with you? Empowerment: do they own their "
    "recovery? Each of your lines moves them; the change is shown beside each bar "
    "in words (▲ +8 up, ▼ -6 down). Practice mode adds a one-line coach note after each "
    "line, says at once when a line is a critical slip, and lets you undo; assessment mode hides the meters and gives no notes and no "
    "undo: the debrief shows how it went."
)


class Help(Dialog[None]):
    """The keys, and what the meters and modes mean.

    One row a key, the key in a column of its own, so a description that wraps
    stays beside its key instead of running back under it. The way out is said
    at the top: the bar at the bottom belongs to the screen underneath.
    """

    AUTO_FOCUS = "#help"

    BINDINGS = [Binding("escape,question_mark,q,enter", "close", "Close help")]

    def __init__(self, first: str = "", problems: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.first = first  # the heading of the section for the screen underneath
        # a file with problems underneath: e lists them. Else its row goes: a trainee read
        # "e  list every problem in a watched scenario file" among their keys, a key that
        # does nothing in a run of theirs (trainee playtest 28)
        self.problems = problems

    def sections(self) -> list[tuple[str, str]]:
        """HELP with the section for where the trainee is first ("Everywhere" stays last).

        Opened mid-conversation, the help began with the library's keys, and the
        conversation's were half a screen down.
        """
        rows = HELP if self.problems else [r for r in HELP if r[0] != "e"]
        if getattr(self.app, "mode_locked", False):  # `--lock-mode`: m and w do nothing
            rows = [r for r in rows if r[0] != "w"]
            rows = [("m, w", LOCKED_HELP) if r[0] == "m" else r for r in rows]
        if getattr(self.app, "is_web", False):  # a browser tab: its own keys too
            rows = [r for r in rows if r[0] != "ctrl+q"] + BROWSER_KEYS
        groups: list[list[tuple[str, str]]] = []
        for row in rows:
            if not row[1]:
                groups.append([])
            groups[-1].append(row)
        groups.sort(key=lambda g: g[0][0] != self.first)  # stable: the rest keep their order
        return [row for g in groups for row in g]

    def compose(self) -> Iterable[Widget]:
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(
                Content.assemble(
                    ("Help", "bold $primary"),
                    ("   Escape, Enter, ? or q closes it; ↑↓ scroll", "italic $text-muted"),
                ),
                classes="help-title",
            )
            debrief = self.first == "In the debrief"
            rows = self.sections()
            for n, (key, what) in enumerate(rows):
                if not what:
                    yield Static(Content.styled(key, "bold $secondary"), classes="help-heading")
                    continue
                yield self._row(key, what)
                if debrief and n + 1 < len(rows) and not rows[n + 1][1]:
                    # opened from the debrief: what its words mean, right under its keys
                    yield from self._reading()
                    debrief = False
            yield Static(
                Content.styled("The meters and modes", "bold $secondary"), classes="help-heading"
            )
            yield Static(ABOUT_METERS, classes="dialog-text", markup=False)
            if self.first != "In the debrief":
                yield from self._reading()

    def _row(self, key: str, what: str) -> Horizontal:
        return Horizontal(
            Static(Content.styled(key, "bold"), classes="help-key"),
            Static(Content(what), classes="help-what"),
            classes="help-row",
        )

    def _reading(self) -> Iterable[Widget]:
        # the core's words, which the README gives the plain player's trainees too
        from sim.debrief.reading import READING_THE_DEBRIEF, READING_TITLE

        yield Static(Content.styled(READING_TITLE, "bold $secondary"), classes="help-heading")
        # a term and its meaning as one paragraph: the keys' column (14 cells) would
        # break "To practise next" over two rows
        for term, what in READING_THE_DEBRIEF:
            yield Static(
                Content.assemble((f"{term}: ", "bold"), f"{what}."), classes="dialog-text help-term"
            )

    def action_close(self) -> None:
        self.dismiss()


class ProblemList(Dialog[None]):
    """Every problem the last reload found (e on the play screen), scrolling; or, when
    the file `loaded`, what the deep check found in it (`peer-sim check`'s lines)."""

    AUTO_FOCUS = "#problem-list"

    BINDINGS = [Binding("escape,e,q,enter", "close", "Close")]

    def __init__(self, problems: Iterable[Problem], loaded: bool = False) -> None:
        super().__init__(classes="dialog-screen")
        self.problems = list(problems)
        self.loaded = loaded

    def compose(self) -> Iterable[Widget]:
        problems = self.problems
        where = shown(problems[0].path) if problems and problems[0].path else "the file"
        n = len(problems)
        if self.loaded:
            parts: list[Content | str | tuple[str, str]] = [
                (f"peer-sim check: {n} finding{'s' if n != 1 else ''} in ", "bold"),
                literal(where, "bold"),
                "\nThe file loads and plays; these are what the check of every path reports.\n",
            ]
        else:
            parts = [
                (f"{n} problem{'s' if n != 1 else ''} in ", "bold $text-error"),
                literal(where, "bold $text-error"),
                "\nStill playing the last version that loaded. Fix these and save.\n",
            ]
        for p in problems:
            parts += ["\n• ", literal(p.format())]
        parts += [("\n\n↑↓ PgUp PgDn scroll · Escape closes", "italic $text-muted")]
        with VerticalScroll(classes="dialog", id="problem-list"):
            yield Static(Content.assemble(*parts), classes="dialog-text")

    def action_close(self) -> None:
        self.dismiss()

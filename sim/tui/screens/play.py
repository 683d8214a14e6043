"""The conversation: transcript, two meters, numbered choices.

The screen keeps a `Run` and asks it everything (what is offered, whether a
scene goes on by itself, whether undo is possible); it holds no game rules.
Each move appends only the new transcript entries; undo and live reload
rebuild them from the run, which is a pure function of its states.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from sim.engine import EngineError, Run
from sim.tui.after_refresh import after_refresh
from sim.tui.screens import STYLES
from sim.tui.screens.base import SimScreen
from sim.tui.screens.play_offers import OfferedLines
from sim.tui.screens.play_problems import ProblemsPanel
from sim.tui.screens.play_words import ENDING_NOTES, OwnWordsKeys, own_words_note
from sim.tui.text import literal
from sim.tui.widgets.choices import Choice, ChoiceList
from sim.tui.widgets.header import SimHeader
from sim.tui.widgets.keybar import KeyBar
from sim.tui.widgets.meter import Meter
from sim.tui.widgets.own_words import OwnWords
from sim.tui.widgets.transcript import Entry, Transcript, entries, setting_entries

if TYPE_CHECKING:
    from sim.model import Scenario
    from sim.problems import Problem

WIDE = 110  # from this width the meters move into a side panel
HIDDEN = Content.assemble(
    ("Trust and empowerment", "bold"),
    # one line at 80 columns: two pushed the third line on offer out of view at 80x24
    (" are hidden in assessment mode until the debrief.", "$text-muted"),
)
TALL = 24  # below this height the mode line goes (the title says the mode)
# u, p, e: letters in the own-words box
LETTER_KEYED = ("undo", "no_undo", "pause", "problems", "how_to_leave")
# while the debrief is being prepared: the run stays as it is, and no dialog opens for the
# debrief to replace (it switches the screen on top)
PREPARING_WAITS = ("undo", "no_undo", "go_on", "debrief", "leave", "pause", "problems")


class PlayScreen(OwnWordsKeys, ProblemsPanel, OfferedLines, SimScreen):
    CSS_PATH = STYLES["play"]
    AUTO_FOCUS = "#choices"
    BINDINGS = [
        Binding("1", "choose(1)", "Choose", key_display="1-9", id="play.choose-1"),
        *(
            Binding(str(n), f"choose({n})", f"Choose {n}", show=False, id=f"play.choose-{n}")
            for n in range(2, 10)
        ),
        Binding("space", "go_on", "Continue", key_display="space", id="play.continue"),
        # after the ending only Enter (or a click) opens the debrief: space, tapped through
        # the last scenes, went on to read the debrief a page down, past "Why this ending".
        # Priority: the choice list's own Enter (not shown) would hide this from the bar.
        Binding("enter", "debrief", "See your debrief", key_display="⏎", priority=True),
        Binding("u,ctrl+z", "undo", "Undo", key_display="u", id="play.undo"),
        # the same keys when there is no line to take back: the bar does not offer undo,
        # but the key says why, as the plain player does (trainee playtest 28)
        Binding("u,ctrl+z", "no_undo", show=False),
        # F2 too: in the own-words box p is a letter, and the content notes promise
        # "you can pause at any time with p" (trainee playtest 11)
        Binding("p,f2", "pause", "Pause", id="play.pause"),
        Binding("e", "problems", "Problems", id="play.problems"),
        Binding("escape", "leave", "Library", id="play.leave"),
        # the conversation, whichever widget has the keys: the line just picked and its
        # coach note scroll out of view at 60x18 as the reply arrives (the wheel alone
        # reached them). Priority: the choice list would take PgUp/PgDn for itself.
        Binding("pageup", "scroll_conversation(-1)", show=False, priority=True),
        Binding("pagedown", "scroll_conversation(1)", show=False, priority=True),
        # q quits the library and the plain player, but never a conversation: a stray key
        # must not end one. It says how to leave instead of doing nothing (trainee
        # playtest 35). Last, so a key a user moved to q is tried first.
        Binding("q", "how_to_leave", show=False),
    ]
    # who says the trainee's lines: "" is the player, "You"; a replay names whose run it is
    speaker = ""
    EXPLAINS_OWN_WORDS = True  # an own-words run opens with what the mode asks (not a replay)
    whose = "your"  # the trainee's line and debrief, in the hints; "their" in a replay

    def __init__(
        self,
        scenario: Scenario,
        mode: str,
        start: dict[str, Any] | None = None,
        own_words: bool = False,
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.mode = mode
        self.start = dict(start or {})
        self.run = Run.begin(scenario, **self.start)
        self.run.own_words = own_words
        from sim.loading import principle_titles  # a scenario is open: pydantic is loaded

        # principle titles by id, so a coach note can say what the line honoured or undermined
        self.principle_names = principle_titles(scenario)
        self.typed: str | None = None  # own words for the decision on screen, once typed
        self.problems: list[Problem] = []
        self.checked: list[Problem] = []  # the deep check's findings on the version playing
        self.notes: dict[str, str] = {}  # one-line reload and check notes, by kind
        self._keys: tuple[bool | int, ...] = ()
        self._count = 0  # numbered lines on offer
        self._told_not_yet = False  # a letter typed at this "Continue" step was explained
        self._told_no_lines = False  # a number typed where no lines are offered was explained
        self._typing = False  # a letter was refused at this "Continue" step: words are typed
        self._preparing = False  # the debrief is being opened (_open_debrief)
        # the title bar (SimHeader) shows these
        self.title = scenario.title
        self.sub_title = f"{mode.title()} mode"

    @property
    def practice(self) -> bool:
        return self.mode == "practice"

    def body(self) -> Iterable[Widget]:
        yield SimHeader()
        with Horizontal(id="play"):
            with Vertical(id="meters"):
                if self.practice:
                    yield Meter("Trust", self.run.state.trust, id="trust")
                    yield Meter("Empowerment", self.run.state.empowerment, id="empowerment")
                else:  # assessment: no number and no change until the debrief
                    yield Static(HIDDEN, id="meters-hidden")
                yield Static(id="mode-badge")
                yield Static(id="about", markup=False)
            with Vertical(id="conversation"):
                # above the transcript: the newest line stays next to the choices
                yield Static(id="problems", markup=False)
                yield Transcript(id="transcript")
                yield OwnWords(self._typed, on_draft=self._keep_draft, id="own-words")
                yield ChoiceList(id="choices")
        yield KeyBar()

    def setup(self) -> None:
        self.query_one(ChoiceList).keep = self._keep_above_choices
        # PgUp to the line just said (or back down) takes the hint away (or brings it back)
        self.watch(self.query_one(Transcript), "scroll_y", self._hint_mine, init=False)
        self.query_one("#mode-badge", Static).update(
            Content.assemble(
                ("Mode ", "bold"),
                f"{self.mode} · ",
                ("coach notes and undo" if self.practice else "no notes, no undo", "$text-muted"),
                # said here too: at a "Continue" step nothing else showed it was on
                *((" · ", ("own words", "$text-muted")) if self.run.own_words else ()),
            )
        )
        sc = self.scenario
        people = [
            Content.assemble(
                "\n", literal(c.name, "bold"), *((" · ", literal(c.about)) if c.about else ())
            )
            for c in sc.characters.values()
        ]
        self.query_one("#about", Static).update(
            Content.assemble(
                ("Setting\n", "bold $secondary"),
                literal(sc.setting),
                *((("\n\nWith", "bold $secondary"), *people) if people else ()),
            )
        )
        self.rebuild()

    def _keep_above_choices(self) -> int:
        """The rows the lines on offer leave above them: the reply they answer, and the
        problems strip and own-words box when shown (they sit in the same pane)."""
        rows = self.query_one(Transcript).reply_rows()
        for widget in (self.query_one("#problems"), self.query_one("#own-words")):
            if widget.display:
                rows += widget.outer_size.height
        return rows

    def fit(self, size: Size) -> None:
        """Side panel from WIDE columns; no mode line below TALL rows (see SimScreen.fit)."""
        self.set_class(size.width >= WIDE, "-wide")
        self.set_class(size.height < TALL, "-short")

    def toast_floor(self) -> int | None:
        """The screen row toasts must stay above: the top of the lines on offer or the
        own-words box, whichever shows (`sim.tui.toasts.make_room`); None under the side
        panel's layout, where toasts sit at its foot, clear of both."""
        if self.has_class("-wide"):
            return None
        tops = [
            widget.region.y
            for widget in self.query("#own-words, #choices")
            if widget.display and widget.region.height
        ]
        return min(tops, default=None)

    def on_resize(self) -> None:
        was_wide = self.has_class("-wide")
        self.fit(self.size)
        if self.has_class("-wide") != was_wide and self.is_mounted:
            self._show_transcript()  # the setting moves between the side panel and the transcript
        choices = self.query_one(ChoiceList)
        after_refresh(choices, choices.fit_height)

    # -- showing the run -------------------------------------------------------
    def rebuild(self, changes: bool = True) -> None:
        """Show the whole run again (start, undo, restart, reload); `changes`: the meters
        say what the last line standing changed (not after an undo: see `_after_move`)."""
        self.typed = None
        self._preparing = False
        self._show_transcript()
        self._after_move(changes)
        after_refresh(self, self._hint_mine)

    def _show_transcript(self) -> None:
        shown = entries(self.run, self.practice, titles=self.principle_names, speaker=self.speaker)
        # the last move as a block of its own, as it was shown when played: resumed (or
        # undone) at 80x24, the line said last and its "Critical slip" were above the
        # view, and "↑ PgUp: your line" only ever followed a move (trainee playtest 12)
        last = self._last_move()
        move = (
            entries(self.run, self.practice, last, self.principle_names, self.speaker)
            if last
            else []
        )
        if move:
            shown = shown[: len(shown) - len(move)]
        if self.run.own_words and self.EXPLAINS_OWN_WORDS:
            # next to the story's first words: at 80x24 the opening is taller than the view,
            # which shows its end, and at the top the note's first row was cut off
            shown.insert(0, Entry("start", own_words_note(self.practice)))
        if not self.has_class("-wide"):  # no side panel: the setting opens the transcript
            shown[0:0] = setting_entries(self.scenario)
        if self.start:  # --start/--set: say where this run begins, as the plain player does
            from sim.authoring.startpoint import describe

            shown.insert(0, Entry("start", describe(self.start)))
        transcript = self.query_one(Transcript)
        transcript.show(shown, replace=True)
        if move:
            transcript.show(move)

    def _last_move(self) -> int:
        """The index of the state the last line said began (0: no line said yet)."""
        states = self.run.states
        for i in range(len(states) - 1, 0, -1):
            if len(states[i].decisions) > len(states[i - 1].decisions):
                return i
        return 0

    def _moved(self, before: int) -> None:
        self.query_one(Transcript).show(
            entries(self.run, self.practice, before, self.principle_names, self.speaker)
        )
        self._after_move()
        after_refresh(self, self._hint_mine)

    def _hint_mine(self) -> None:
        """If the line just said is above the view, the choices' title says where it is
        (a trainee at 80x24 saw only the end of its coach note); again as it scrolls."""
        transcripts, choices = self.query(Transcript), self.query(ChoiceList)
        if not (self.is_mounted and transcripts and choices):
            return  # called after a refresh the screen did not outlive (its widgets are gone)
        transcript = transcripts.first()
        hint = ""
        if transcript.mine_above():  # practice says a slip at once, even out of view
            slip = transcript.mine_slipped()
            hint = f"↑ PgUp: {self.whose} critical slip" if slip else f"↑ PgUp: {self.whose} line"
        choices.first().set_hint(hint)

    def _after_move(self, changes: bool = True) -> None:
        state = self.run.state
        self._told_not_yet = self._told_no_lines = self._typing = False
        # after an undo, the change the line now last once made ("▲ +6 up") read as if the
        # undo had raised trust (trainee playtest 35): the meters are shown as they stand
        last = state.decisions[-1] if state.decisions and changes else None
        if self.practice:
            self.query_one("#trust", Meter).set(state.trust, last.trust_change if last else None)
            self.query_one("#empowerment", Meter).set(
                state.empowerment, last.empowerment_change if last else None
            )
        self._set_options()
        # refresh_bindings only when the keys that apply have changed (the KeyBar
        # then redraws itself if what it shows changed)
        self.app.record_move(self.run)  # type: ignore[attr-defined]
        keys = (
            self.run.can_undo,
            self.run.waits_for_choice,
            self.run.over,
            self._offered(),
            self.typed is None,
        )
        if keys != self._keys:
            self._keys = keys
            self.refresh_bindings()

    # -- moving ------------------------------------------------------------------
    def choose(self, number: int) -> bool:
        if not self.on_top or self.run.over or not self.run.waits_for_choice:
            return False
        if self.run.own_words and self.typed is None:
            return False  # the words come first
        if not 1 <= number <= len(self.run.offers()):
            self.app.bell()
            return False
        before = len(self.run.states)
        held = self.query_one(ChoiceList).held_back
        self.run.choose(number, self.typed or "")
        self.typed = None
        self._moved(before)
        if held:  # "Line 3 is in view now ..." would stay up over the next decision's lines
            self.app.clear_notifications()
        return True

    def _typed_ahead(self) -> bool:
        """A key that arrived before the choices it would pick from were drawn.

        Keys typed together (`1 2` in one read) would otherwise answer a scene
        the trainee has not seen yet; the key is refused with a bell instead.
        """
        if self.query_one(ChoiceList).seen:
            return False
        self.app.bell()
        return True

    def action_choose(self, number: int) -> None:
        if not self._typed_ahead() and not self._unread(number):
            self.choose(number)

    def _unread(self, number: int) -> bool:
        """A number for a line not all in view yet: brought into view and highlighted, not said.

        At 80x24 "3" said a critical slip the trainee had never seen (only "↓ more below"
        hinted at it). The same number again, or Enter, says it once it has been drawn;
        a number for a line already read says it at once, as everywhere else.
        """
        lst = self.query_one(ChoiceList)
        index = number - 1
        if not (lst.display and 0 <= index < len(lst.choices)) or lst.read_whole(index):
            return False
        lst.hold_back(index, f"press {number}")
        return True

    def action_go_on(self) -> None:
        """Space, or Enter / a click on "Continue" or "See your debrief"."""
        if not self.on_top:  # a key or click queued before this screen was closed
            return
        if self._typed_ahead():
            return
        if self.run.over:
            self._open_debrief()
        elif not self.run.waits_for_choice:
            before = len(self.run.states)
            try:
                self.run.advance()
            except EngineError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self._moved(before)

    def _open_debrief(self) -> None:
        """Say the debrief is being prepared, draw that, then open it.

        Building and laying out the debrief of 12-15 decisions takes a second or two on a
        busy machine (a classroom server): the finished conversation stayed as it was, with
        no sign that Enter had been taken, and trainees pressed it again (trainee test 13).
        """
        if self._preparing:
            return
        self._preparing = True
        # the notes that said to press Enter for the debrief: it is on its way
        self.app.withdraw(*ENDING_NOTES)  # type: ignore[attr-defined]
        self.query_one(ChoiceList).set_choices(
            [Choice("preparing", Content.styled(f"Preparing {self.whose} debrief…", "italic"))]
        )
        self.refresh_bindings()  # nothing to press meanwhile but help and quit
        after_refresh(self, self._debrief_now)

    def _debrief_now(self) -> None:
        if self.on_top:
            self.app.show_debrief(self.run, self.speaker)  # type: ignore[attr-defined]
        else:  # help opened in the frame between: the debrief would replace it, not this
            self._preparing = False
            self._after_move()

    def action_debrief(self) -> None:
        if self.run.over:
            self.action_go_on()

    @on(ChoiceList.Selected, "#choices")
    def _picked(self, event: ChoiceList.Selected) -> None:
        oid = event.choice.id
        if not self.on_top:
            return
        if oid.startswith("c:"):
            self.choose(int(oid[2:]))
        elif oid == "go" or oid == "debrief":
            self.action_go_on()
        elif oid == "library":
            self.app.pop_screen()

    def action_scroll_conversation(self, pages: int) -> None:
        transcript = self.query_one(Transcript)
        if pages < 0 and transcript.mine_above():
            # the hint's promise: the line just said at the top, its coach note under it
            # (a page up at 80x24 left "You" on the last row and the line out of view)
            transcript.scroll_to(y=transcript.mine_start(), animate=False)
        elif pages < 0:
            transcript.scroll_page_up(animate=False)
        else:
            transcript.scroll_page_down(animate=False)

    def action_undo(self) -> None:
        if self.on_top and self.practice and self.run.can_undo:
            words = self.run.state.decisions[-1].words  # own words said with the line undone
            self.run.undo()
            self.rebuild(changes=False)
            said = "Back to the moment before your last line."
            if self.run.own_words and words:
                self.query_one(OwnWords).give_back(words)
                said += " Your words are back in the box: change them or press Enter."
            self.notify(said, title="Undone", timeout=4 if words else 2)

    def action_no_undo(self) -> None:
        """u with no line to take back: say why, as the plain player does."""
        if not self.on_top:
            return
        if self.practice:
            self.notify("No line said so far.", title="Nothing to undo yet", timeout=3)
        else:
            self.notify(
                "As in a real conversation, what you said stays said; the debrief goes over it.",
                title="No undo in assessment mode",
                timeout=4,
            )

    def action_how_to_leave(self) -> None:
        """q, which quits the library: here it says how to leave, and leaves nothing."""
        if self.on_top:
            self.notify(
                # two lines at 80 columns: with its title, no taller than the meters it
                # lies over (app.tcss)
                "A stray q cannot end a conversation. Esc goes back to the library and "
                "ctrl+q quits; both ask first.",
                title="To leave",
                timeout=5,
            )

    def restart(self) -> None:
        self.run.restart()
        self.rebuild()

    def replace_run(self, run: Run) -> None:
        self.run = run
        self.scenario = run.scenario
        self.rebuild()

    def action_pause(self) -> None:
        from sim.tui.screens.dialogs import Pause

        self.app.push_screen(Pause(classes="dialog-screen"))

    def on_unmount(self) -> None:
        self.app.record_leave(self.run)  # type: ignore[attr-defined]

    @property
    def in_progress(self) -> bool:
        return bool(self.run.state.decisions) and not self.run.over

    def action_leave(self) -> None:
        if not self.on_top:
            return
        if not self.in_progress:
            self.app.pop_screen()
            return
        from sim.tui.screens.dialogs import Confirm

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.pop_screen()

        self.app.push_screen(
            Confirm(
                "Leave this conversation?\n\nYou are in the middle of it; "
                + self.app.leaving_words(self.run),  # type: ignore[attr-defined]
                yes="Leave",
                no="Stay",
            ),
            answer,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False hides a key from the KeyBar: only the keys that apply now are shown
        if not super().check_action(action, parameters):
            return False
        if self._preparing and action in PREPARING_WAITS:
            return False  # the run is being read for its debrief: it stays as it is
        if action in LETTER_KEYED and self._box_has_keys() and not self._box_focused():
            # typed ahead of the own-words box, which takes the keys a frame after the
            # decision shows: space and "up to you" at once undid the line just said
            return False
        if action == "undo":
            return self.practice and self.run.can_undo
        if action == "no_undo":  # never in the bar (show=False): only when undo is not
            return not (self.practice and self.run.can_undo)
        if action == "go_on":  # space: not after the ending (Enter opens the debrief)
            return not self.run.over and not self.run.waits_for_choice
        if action == "debrief":
            return self.run.over
        if action == "choose":
            return (
                self.run.waits_for_choice
                and not self.run.over
                and not (self.run.own_words and self.typed is None)
            )
        if action == "problems":
            return bool(self.problems or self.checked)
        return True

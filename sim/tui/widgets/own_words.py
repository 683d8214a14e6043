"""Own-words practice on the play screen: one typed line before the choices, then its cue.

The trainee's words are plain text: the Input shows them as typed, and
everything shown back goes through `literal` (never markup) after
`sim.cues.clean_words` has taken out control characters and cut a long paste.
While the box asks, the choices are hidden and their number keys go into the
text, so a digit typed as words never picks a line.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Static

from sim.cues import MAX_WORDS, Cue, clean_words
from sim.tui.after_refresh import after_refresh
from sim.tui.text import literal
from sim.tui.widgets.plain_input import PlainInput


def prompt(who: str = "") -> Content:
    """The ask above the box, naming whom the trainee answers.

    "what would you say? Type it" left a trainee unsure what to write (a plan? a
    summary?): it is the words they would say to the person, as they would say them.
    """
    to = f" to {who}" if who else ""
    return Content.assemble(
        ("In your own words", "bold $accent"),
        literal(  # a name from the scenario file: shown exactly as written
            f": what would you say{to}, as you would say it in the room? Enter shows the lines.",
            "$text-muted",
        ),
    )


PROMPT = prompt()
DRAFT_PAUSE = 0.6  # seconds without a key before the box's words go to `on_draft`
# Enter on an empty box, often pressed by habit right after picking the last
# line (trainee playtests 7 and 8), asks once before the decision goes unworded.
EMPTY_ONCE = Content.assemble(
    ("Nothing typed yet", "bold $warning"),
    (
        ": type what you would say, or press Enter again to see the lines without your words.",
        "$text-muted",
    ),
)


def cue_content(words: str, found: list[Cue], practice: bool) -> tuple[Content, list[Content]]:
    """What the trainee wrote, then the cues (practice) or a word that they wait (assessment):
    the lines above the bullets, and each cue's words for a bullet of its own. `found` is
    the core's reading (`sim.cues.typed_cues`), which knows whether a crisis is on the table."""
    wrote = literal(f"“{words}”") if words else Content.styled("(nothing typed)", "italic")
    parts: list[Content | str | tuple[str, str]] = [("You wrote: ", "bold $accent"), wrote]
    if not practice:
        parts += ["\n", ("Kept for your debrief, with what the cue rules see in it.", "italic")]
        return Content.assemble(*parts), []
    # a rule's, not a coach's note; "Cues" above one bullet read as a slip (trainee33)
    label = "Cue on your words: " if len(found) == 1 else "Cues on your words: "
    parts += ["\n", (label, "bold")]
    if not found:
        parts.append(("none of the simple rules found a cue here.", "italic"))
    return Content.assemble(*parts), [literal(c.message) for c in found]


def cue_row(text: Content) -> Horizontal:
    """A bullet in a column of its own: a cue that wraps stays clear of it (it ran on at
    column 1, under the bullet, as the debrief's bullets once did)."""
    return Horizontal(
        Static("•", classes="cue-bullet"), Static(text, classes="cue-text"), classes="cue-row"
    )


class WordsInput(PlainInput):
    """The own-words box: its Enter is named in the key bar, as every other screen's keys are.

    Each character of the value keeps when it was typed (`_times`, always as long as the
    value): a letter that reaches the box late (`type_late`) goes among them by that time,
    the one rule for where a letter goes. There were two (by times while the box held only
    letters typed at its end, else after where its own typing began), and a burst of
    5,000 characters in one write (a paste typed by tmux send-keys) fell between them:
    the letters typed straight into the box filled it, and the earlier ones arriving
    late were refused, a run of the middle lost and later words kept (adversarial-35).
    """

    BINDINGS = [Binding("enter", "submit", "Show the lines", show=True)]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._times: list[float] = []  # when each character of the value was typed
        self._in_order = True  # `_times` never goes down (only typed at the end, or late)
        self._stamp = float("-inf")  # the time of what the box is taking now
        self._replacing = False
        self._told_full = False  # the trainee was told the box is full (once a decision)
        super().__init__(*args, **kwargs)

    def watch_value(self, value: str) -> None:
        """A value set whole (a new decision, words given back): it was there before any
        key still coming (`typed_after` says when the letters after them were typed)."""
        if not self._replacing:
            self._times, self._in_order = [float("-inf")] * len(value), True
            self._told_full = False

    def replace(self, text: str, start: int, end: int) -> None:
        """Every edit of Input's (a key, a paste, a delete) comes here: the times follow it."""
        before = self.value
        start, end = sorted((max(0, start), min(len(before), end)))
        self._replacing = True
        try:
            super().replace(text, start, end)
        finally:
            self._replacing = False
        after = self.value
        added = len(after) - len(before) + (end - start)
        if after == before:
            return
        if added < 0 or after[:start] != before[:start] or after[start + added :] != before[end:]:
            self._times, self._in_order = [float("-inf")] * len(after), True  # not known
            return
        times, stamp = self._times, self._stamp
        times[start:end] = [stamp] * added
        if added and self._in_order:
            left = times[start - 1] if start else float("-inf")
            right = times[start + added] if start + added < len(times) else float("inf")
            self._in_order = left <= stamp <= right

    async def _on_key(self, event: events.Key) -> None:
        owner = self.parent
        if isinstance(owner, OwnWords) and not owner.asking:
            # words already sent: a key read with the Enter (a "1" typed at once) is not
            # typed into a box about to hide, where it was lost; it goes on to the screen
            event.prevent_default()  # (Input's own _on_key, next in the MRO, would type it)
            return
        if event.key == "enter" and isinstance(owner, OwnWords):
            # here, in the order the keys came: as a binding it was looked up once the key
            # had bubbled up to the app, after the box had typed the "1" read behind it
            event.stop()
            event.prevent_default()
            owner.submit(self.value)
            return
        self._stamp = event.time  # what this key types (Input's _on_key, after this) is now
        await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        self._stamp = event.time  # then PlainInput's _on_paste, next in the MRO, takes it

    async def action_submit(self) -> None:
        """Enter: the words are taken at once, not by a message queued behind the keys
        typed after it (see `OwnWords.submit`)."""
        owner = self.parent
        if isinstance(owner, OwnWords):
            owner.submit(self.value)
        else:
            await super().action_submit()

    def on_unmount(self) -> None:
        """What the box holds as it goes is its owner's draft (`OwnWords.on_unmount`, run
        after this): the owner heard of the value by Changed messages, which wait behind
        the keys, so a burst cut by a SIGTERM kept only the words up to the last one
        handled (577 characters in the box, 372 kept; adversarial-37)."""
        owner = self.parent
        if isinstance(owner, OwnWords) and owner.asking and self.value != owner.sent:
            owner._pending = self.value

    def full_words(self) -> str:
        """The box full (`PlainInput.restricted`): said once a decision (`_told_full` is reset
        as the box is set for one), with that the words so far are kept."""
        return (
            f"Your words keep {MAX_WORDS:,} characters at most, and the box is full: what "
            "you typed past that was not kept. Your words so far are kept; Enter shows the "
            "lines."
        )

    def paste_cut(self, left_out: int) -> None:
        """A long paste was cut without a word in the app, while the plain player said so:
        the trainee may think the end of their answer was kept."""
        self._told_full = True  # said here: a key typed next needs no second notice
        self.notify(
            f"Your words keep {MAX_WORDS:,} characters at most: the last {left_out:,} of "
            "your paste were left out. Shorten it to keep its end.",
            title="Paste cut",
            severity="warning",
            timeout=8,
            markup=False,
        )

    def typed_after(self, words: str, typed: str, at: float | None) -> None:
        """The value is `words` (typed before: earlier than any key still coming) and then
        `typed`, typed `at` that time: the letters typed right behind it go after it."""
        if self.value != words + typed:
            self._times = [float("-inf")] * len(self.value)
        else:
            late = float("-inf") if at is None else at
            self._times = [float("-inf")] * len(words) + [late] * len(typed)
        self._in_order = True

    def _place(self, sent: float) -> int:
        """Where a letter typed at `sent` goes: after every character typed before it (or
        at the same time), before those typed after."""
        times = self._times
        if self._in_order:
            return bisect.bisect_right(times, sent)
        # edited in the middle: after the last character typed no later than it
        return next((i + 1 for i in range(len(times) - 1, -1, -1) if times[i] <= sent), 0)

    def type_late(self, text: str, sent: float) -> None:
        """A letter typed before the box had the focus, reaching it only now.

        Keys sent on before the focus moved wait in the choices' queue and bubble up to
        the app, while those after it go straight to the box: under load (a busy
        classroom server) the box could take later letters first, and "get some sleep
        tonight" was kept as "ge some sleep tonightt". Late letters also come back out
        of order among themselves (each waited in the queue of whichever widget had the
        keys as it came): served, "words before the signal" was kept as "wdsor before
        the signal" (adversarial-33). Each goes by the time it was typed (`_place`).

        A full box keeps the first letters typed: a late one typed before the last
        letters kept goes in, and as many of those last ones go out (a burst of 5,000
        characters filled the box with its end before its middle came, adversarial-35).
        """
        at = self._place(sent)
        cursor, length = self.cursor_position, len(self.value)
        over = length + len(text) - self.max_length if self.max_length else 0
        if over > 0:
            if not self._in_order or at + len(text) > self.max_length:
                self.restricted()  # typed after all it keeps: the box is full
                return
            self.delete(length - over, length)  # the last typed: later than this letter
            cursor = len(self.value) if cursor == length else min(cursor, len(self.value))
        stamp, self._stamp = self._stamp, sent
        before = self.value
        try:
            self.insert(text, at)
        finally:
            self._stamp = stamp
        if self.value != before:  # not refused
            self.cursor_position = (
                cursor + len(self.value) - len(before) if cursor >= at else cursor
            )


class OwnWords(Vertical):
    """Asks for the trainee's line (`ask`), then shows it with its cue (`noted`)."""

    DEFAULT_CSS = """
    OwnWords { height: auto; display: none; padding: 0 1; }
    OwnWords.-asking, OwnWords.-noted { display: block; }
    OwnWords #own-words-prompt { height: auto; }
    OwnWords #own-words-input { display: none; margin: 0; }
    OwnWords.-asking #own-words-input { display: block; }
    OwnWords #own-words-cue { height: auto; max-height: 8; overflow-y: auto; display: none; }
    OwnWords #own-words-cue .cue-row { height: auto; }
    OwnWords #own-words-cue .cue-bullet { width: 2; }
    OwnWords #own-words-cue .cue-text { width: 1fr; height: auto; }
    OwnWords.-noted #own-words-cue { display: block; }
    OwnWords.-noted #own-words-prompt { display: none; }
    """

    _warned = False  # Enter on the empty box has been answered with EMPTY_ONCE
    _prompt = PROMPT  # the ask as last shown (`ask`)

    def __init__(
        self,
        on_typed: Callable[[str], None],
        *,
        on_draft: Callable[[str], None] | None = None,
        id: str | None = None,
    ) -> None:
        """`on_typed` takes the trainee's words (cleaned) when they press Enter.

        Called, not sent as a message: a message waits behind the keys already read,
        so a "1" typed right after Enter went into the box before the words were taken.
        `on_draft` takes what is in the box a moment after the typing stops (not at every
        key: the play screen keeps it with the unfinished run, a write to the records).
        """
        super().__init__(id=id)
        self.on_typed = on_typed
        self.on_draft = on_draft
        self._draft_timer: Timer | None = None
        self._pending: str | None = None  # typed, not yet given to on_draft
        self.sent = ""  # what on_draft was given last (or the box was set to)

    def compose(self) -> ComposeResult:
        yield Static(PROMPT, id="own-words-prompt")
        yield WordsInput(
            placeholder="what you would say (Enter: show the lines)",
            max_length=MAX_WORDS,
            id="own-words-input",
            # letters typed ahead are in the box before it takes the focus: selected then,
            # the next letter replaced them ("get some sleep tonight?" as "eep tonight?")
            select_on_focus=False,
        )
        yield Vertical(id="own-words-cue")

    @property
    def asking(self) -> bool:
        return self.has_class("-asking")

    def ask(self, who: str = "") -> None:
        """Ask for the trainee's words to `who` (the person speaking, "" for none)."""
        box = self.query_one(WordsInput)
        box.value = self.sent = ""
        self._warned = False
        self._prompt = prompt(who)
        self.query_one("#own-words-prompt", Static).update(self._prompt)
        self.set_classes("-asking")
        after_refresh(self, self._focus_box)

    def _focus_box(self) -> None:
        # only if still asking: words typed ahead and sent with their Enter before this
        # frame had moved the focus to the lines, and the hidden box took it back (run by
        # after_refresh: nothing is done if the box went meanwhile)
        if self.asking:
            self.query_one(WordsInput).focus()

    def give_back(self, words: str, typed: str = "", at: float | None = None) -> None:
        """Put words already said back in the box, the cursor after them (undo), with
        `typed` after them: a letter typed `at` that time brought them back.

        A trainee who undid a line to pick another found the box empty and had to
        type their words again (trainee test 13): now they can edit them or send them.
        """
        box = self.query_one(WordsInput)
        box.value = words + typed
        box.cursor_position = len(box.value)
        box.typed_after(words, typed, at)

    def noted(self, words: str, found: list[Cue], practice: bool) -> None:
        head, bullets = cue_content(words, found, practice)
        box = self.query_one("#own-words-cue", Vertical)
        with self.app.batch_update():
            box.remove_children()
            box.mount(Static(head, classes="cue-head"), *(cue_row(b) for b in bullets))
        self.set_classes("-noted")

    def hide(self) -> None:
        self.set_classes("")

    @on(Input.Changed, "#own-words-input")
    def _changed(self, event: Input.Changed) -> None:
        if self._warned and event.value.strip():  # typing answers the nudge: the plain prompt
            self._warned = False
            self.query_one("#own-words-prompt", Static).update(self._prompt)
        if self.on_draft is not None:
            if self._draft_timer is not None:
                self._draft_timer.stop()
            self._pending = event.value
            self._draft_timer = self.set_timer(DRAFT_PAUSE, self._send_draft)

    def _send_draft(self) -> None:
        """The words waiting in the box go to `on_draft`, once."""
        pending, self._pending = self._pending, None
        if pending is not None and self.on_draft is not None:
            self.sent = pending
            self.on_draft(pending)

    def on_unmount(self) -> None:
        """Words typed less than DRAFT_PAUSE before the box went (ctrl+q, a SIGTERM or
        SIGHUP, the screen left) are kept too: the timer died with the box, and a run
        stopped that soon after typing lost them (adversarial-33)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._send_draft()

    def submit(self, value: str) -> None:
        """Enter in the box (or typed ahead of it): the words go to `on_typed`, unless the
        box is empty for the first time (EMPTY_ONCE asks whether that was meant)."""
        if not self.asking:
            return
        words = clean_words(value)
        if not words and not self._warned:
            self._warned = True
            self.query_one("#own-words-prompt", Static).update(EMPTY_ONCE)
            return
        self.on_typed(words)

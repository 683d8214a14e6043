"""The play screen's keys in own-words practice: where a letter is a word, and where a key.

In own-words practice the same key is a letter in the trainee's sentence at one moment
and a command (undo, pause, help, read on) at the next. These rules decide which, say it
on screen, and keep what was typed; `PlayScreen` mixes them in. Kept apart from the
screen's layout and moves so each can be read whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding
from textual.widgets import Input

from sim.cues import clean_words, typed_cues
from sim.tui.widgets.choices import ChoiceList
from sim.tui.widgets.own_words import OwnWords, WordsInput

if TYPE_CHECKING:
    from sim.engine import Run

# own words at a "Continue" step: keys that are letters once a letter was typed there, and the
# key that does their work either way (what the bar shows there, and presses on a click)
TYPED_THERE = {"space": "enter", "p": "f2", "question_mark": "f1", "u": "ctrl+z"}
READING_KEYS = {"enter": "⏎", "f2": "F2", "f1": "F1", "ctrl+z": "^z"}
# the toasts for keys typed after the ending: "press Enter to see your debrief" (own words,
# and a line's number), taken down when the debrief opens
ENDED, NO_LINES = "No more words here", "No lines to choose"
ENDING_NOTES = (ENDED, NO_LINES)


class OwnWordsKeys:
    """Mixed into `PlayScreen` (a Textual Screen): the own-words half of its key handling."""

    run: Run
    typed: str | None
    practice: bool
    _told_not_yet: bool
    _told_no_lines: bool
    _typing: bool
    draft: str = ""  # words typed before a resumed run was left, for its box (PlayScreen)

    def key_display(self, binding: Binding) -> str | None:
        """The keys as they apply now: "1-3" when three lines are offered.

        While the own-words box has the keys, `u` types a letter: undo is ctrl+z; and
        `p` and `?` are letters too: pause is F2 and help F1 (the bar shows whichever
        key is left once the box has taken the letters). At an own-words "Continue"
        step the bar names the keys that work there typed or not (`key_to_press`).
        """
        if binding.id == "play.choose-1" and binding.key == "1" and self._offered():
            return numbers(self._offered())
        if binding.key in ("f1", "f2"):
            return binding.key.upper()
        instead = self._instead(binding)
        if instead:
            return READING_KEYS[instead]
        if binding.id == "play.undo" and (
            self._box_has_keys() or self._reads_on_first() or self._ended_in_words()
        ):
            return "^z"
        return None

    def key_to_press(self, binding: Binding) -> str | None:
        """The key a click on `binding` in the bar presses, when not its own (None).

        At an own-words "Continue" step, space, `p`, `?` and `u` are refused once a letter
        was typed (the trainee is typing a sentence), yet the bar said "space Continue"
        and "p Pause", and a click on "^z Undo" pressed `u`, refused as a letter.
        """
        return self._instead(binding)

    def _instead(self, binding: Binding) -> str | None:
        """The key that does `binding`'s work at an own-words "Continue" step, if it is
        one of the keys refused there as letters and the other key is bound."""
        reading = self._reads_on_first() or self._ended_in_words()
        if not (reading or self._words_sent()) or binding.key not in TYPED_THERE:
            return None
        key = TYPED_THERE[binding.key]
        return key if key in self.active_bindings else None

    def type_ahead(self, event: events.Key) -> bool:
        """A letter that reached the app before the own-words box had the keys: typed there.

        The box takes focus a frame after the decision shows, so the first letters
        of a fast typist (or of keys a browser sends together) were dropped, and
        `u` or `p` among them acted as undo or pause. Called by the app before it
        looks the key up among the bindings; True: the key is used.
        """
        if self.on_top and self._box_has_keys() and not self.query(OwnWords):
            # on top but not built yet (a key read as the run began: the seeded monkey's
            # Enter raised NoMatches here and ended the app): keys meant for a box that
            # is not there are dropped, and a `u` or `1` among them acts on nothing
            return event.is_printable or event.key == "enter"
        if event.key == "enter" and self.on_top and self._box_has_keys():
            # Enter typed with the words, before the box had the focus: it is the box's
            self.query_one(OwnWords).submit(self.query_one("#own-words-input", Input).value)
            return True
        if not (event.is_printable and event.character and self.on_top):
            return False
        if self._reads_on_first():
            return self._not_yet(event.character)
        if self._ended_in_words() and event.character not in "123456789":
            return self._not_yet(event.character)
        if self._words_sent() and event.character not in "123456789":
            return self._back_to_words(event.character, event.time)
        if event.character in "123456789" and (not self.run.own_words or self.run.over):
            return self._no_lines()
        # Reaching here, the box did not take the key (it stops every letter it types),
        # even if it has the focus by now: a key read in the same burst as the focus went
        # to the choices, which had it when the key was sent on, and was lost ("What would
        # help" came out as "What would h").
        if not self._box_has_keys():
            return False
        box = self.query_one("#own-words-input", WordsInput)
        box.focus()
        box.type_late(event.character, event.time)
        return True

    def _reads_on_first(self) -> bool:
        """Own-words practice at a "Continue" step: the scene goes on before words are asked."""
        run = self.run
        return run.own_words and not run.waits_for_choice and not run.over

    def _ended_in_words(self) -> bool:
        """Own-words practice, the conversation over: letters are a sentence typed by habit.

        After the last scene a trainee used to typing answered it ("ok thank you"): the
        letters went nowhere unsaid, and the `u` of "you" undid the ending. The ending
        takes letters as a "Continue" step does (`_not_yet`); Enter opens the debrief.
        """
        return self.run.own_words and self.run.over

    def _words_sent(self) -> bool:
        """Own words at a decision, the words sent: the lines are shown under their cue."""
        run = self.run
        return run.own_words and self.typed is not None and run.waits_for_choice and not run.over

    def _back_to_words(self, character: str, at: float | None = None) -> bool:
        """A letter typed once the lines show under the words: the words go back in the box
        with it, to be changed and sent again.

        A trainee who pressed Enter before their sentence was done, and went on typing,
        had the `u` of their words undo the line before and a `p` pause (trainee
        playtest 18). Letters are words at every own-words step; the lines' numbers still
        say a line here, and ctrl+z, F2 and F1 undo, pause and help, as the bar says.
        """
        words = self.typed or ""
        self.typed = None
        self._set_options()  # the box asks again, the lines wait for the words
        # the letters typed behind this one, some sent on by the widget that had the keys
        # and reaching the box late and out of order, go after it by when they were typed
        # ("words before the signal" was kept as "wore thords befe signal", adversarial-33)
        self.query_one(OwnWords).give_back(words, character, at)
        self.refresh_bindings()
        self.notify(
            "Your words are back in the box: change them, then Enter shows the lines again.",
            title="Back to your words",
            timeout=4,
        )
        return True

    def _not_yet(self, character: str) -> bool:
        """A letter typed at a "Continue" step in own-words practice: refused, and said why.

        A trainee in the habit of typing answered the narration before the next line
        was shown: the letters went nowhere, the first space read on, and a `u` in the
        words ("just", "up to you") undid the line just said. Space reads on and `?`
        and `p` (help, pause) keep their use until a letter has been refused; undo
        there is ctrl+z, as in the box.
        """
        # Once a letter was refused the trainee is typing a sentence: its spaces, and a
        # p or ? in its words, are letters too. The first space of "Thank you for helping"
        # read on, and "you for hel" went into the box that opened, "Thank" lost and the
        # truncated words sent unseen; the p in "helping" paused (trainee playtest 14).
        if character in (" ", "?", "p") and not self._typing:
            return False
        self._typing = True
        self.app.bell()
        if not self._told_not_yet:
            self._told_not_yet = True
            if self.run.over:
                back = " ctrl+z takes your last line back." if self._can_take_back() else ""
                self.notify(
                    f"The conversation has ended: press Enter to see your debrief.{back}",
                    title=ENDED,
                    timeout=6,
                )
                return True
            self.notify(
                "The scene goes on first: press Enter to read on. "
                "The box for your words opens when it is your turn to speak.",
                title="Not yet",
                timeout=6,
            )
        return True

    def _can_take_back(self) -> bool:
        """Undo applies now (practice, a line to take back), as the bar shows it."""
        return self.practice and self.run.can_undo

    def _no_lines(self) -> bool:
        """A line's number typed where no lines are offered: said why, once a step.

        A trainee pressing 2 at "Continue ▶" (out of step, or thinking the app wanted
        a number) got nothing at all and took the app for frozen (trainee playtest 11).
        """
        if self.run.waits_for_choice and not self.run.over:
            return False  # lines are offered: the number is theirs
        self.app.bell()
        if not self._told_no_lines:
            self._told_no_lines = True
            if self.run.over:
                words = "The conversation has ended: press Enter to see your debrief."
            else:
                words = "The scene goes on by itself here: press Enter or space to read on."
            self.notify(words, title=NO_LINES, timeout=5)
        return True

    def _box_focused(self) -> bool:
        return self.query_one("#own-words-input").has_focus

    def _box_has_keys(self) -> bool:
        """Own-words practice at a decision, before the words are typed: keys type there."""
        run = self.run
        return run.own_words and self.typed is None and run.waits_for_choice and not run.over

    # -- own words -------------------------------------------------------------
    @property
    def asking_words(self) -> bool:
        """Own-words practice, and the trainee has not yet typed their line here."""
        return self.query_one(OwnWords).asking

    def _own_words(self, deciding: bool) -> None:
        """At a decision in own-words practice, ask for words first and hide the lines."""
        box = self.query_one(OwnWords)
        lst = self.query_one(ChoiceList)
        if not (self.run.own_words and deciding):
            box.hide()
            lst.display = True
            focused = self.focused
            if focused is None or box in focused.ancestors_with_self:
                # the hidden box let the focus go (a restart from the palette at a
                # decision): Enter then did nothing, and the bar said "space Continue"
                # beside "Continue ▶ (Enter)"; the lines are what Enter works on here
                lst.focus()
        elif self.typed is None:
            box.ask(self.run.answering)
            if self.draft:  # typed before the run was left: back in the box, to send or change
                box.give_back(self.draft)
                self.draft = ""
            lst.display = False
        else:
            box.noted(self.typed, typed_cues(self.run, self.typed), self.practice)
            lst.display = True

    def _typed(self, words: str) -> None:
        """The own-words box's Enter: the words are kept and the lines shown."""
        if not self.on_top or not self.run.waits_for_choice or self.run.over:
            return
        self.typed = words
        self._keep_draft(words)  # sent, but no line yet: a run left now keeps them too
        self._set_options()
        self.refresh_bindings()
        self.query_one(ChoiceList).focus()

    def _keep_draft(self, words: str) -> None:
        """Words typed (or sent) at this decision, kept with the unfinished run."""
        keep = getattr(self.app, "record_draft", None)  # type: ignore[attr-defined]
        if keep is not None:
            keep(clean_words(words))


def own_words_note(practice: bool) -> str:
    """The first line of an own-words run's transcript: what the mode asks, and its keys.

    The key bar changed from "p Pause ? Help" in the library to "F2 Pause F1 Help" with
    nothing to say why, and the mode itself was named only in the badge (trainee playtest
    30b). Said once, in the conversation, where it covers nothing.
    """
    undo = ", undo ctrl+z" if practice else ""
    return (
        "Own words: at each of your turns, type what you would say, then pick the closest "
        f"line. Letters are words here, so pause is F2, help F1{undo}."
    )


def numbers(n: int) -> str:
    """The keys that say one of n lines: "1", "1-3"."""
    return "1" if n <= 1 else f"1-{min(n, 9)}"

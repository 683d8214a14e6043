"""The play screen's numbered lines: what the list under the conversation offers.

The list holds the lines on offer, or the one step that stands in for them (continue,
the debrief, a dead end), under a title that says how to pick one in as few words as
the width allows. `PlayScreen` mixes it in, and the replay screen overrides the titles
and the offer; kept apart from the screen's layout and moves so each can be read whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from sim.tui.screens.play_words import numbers
from sim.tui.text import literal
from sim.tui.widgets.choices import Choice, ChoiceList
from sim.tui.widgets.transcript import Entry, Transcript

if TYPE_CHECKING:
    from sim.engine import Run


class OfferedLines:
    """Mixed into `PlayScreen` (a Textual Screen): the choice list's lines and title."""

    run: Run
    whose: str
    _count: int

    def _set_options(self) -> None:
        run = self.run
        choices: list[Choice]
        if run.over:
            see = f"See {self.whose} debrief ▶  (Enter)"
            choices = [Choice("debrief", Content.styled(see, "bold"))]
        elif not run.waits_for_choice:
            # own words: space reads on only until a letter is typed (`_not_yet`); Enter always
            keys = "Enter" if self._reads_on_first() else "Enter or space"
            choices = [Choice("go", Content.styled(f"Continue ▶  ({keys})", "bold"))]
        elif run.stuck:
            self.query_one(Transcript).show(
                [
                    Entry(
                        "stuck",
                        "There is no way on from here: the scenario has a dead end at this "
                        "point (an authoring problem: peer-sim check names it).",
                    )
                ]
            )
            choices = [Choice("library", Content("Back to the library"))]
        else:
            choices = [
                Choice(f"c:{o.number}", literal(o.choice.say), str(o.number)) for o in run.offers()
            ]
        lst = self.query_one(ChoiceList)
        self._count = len(choices) if choices[0].number else 0
        self._own_words(bool(choices[0].number))
        title = self.choices_title(len(choices)) if choices[0].number else ""
        shorter = self.shorter_titles(len(choices)) if title else ()
        if self.asking_words:
            # the lines wait for the words (`_typed` sets them): set while hidden, under
            # load they were painted for a frame at the list's old place, "Closest to what
            # you meant" and all, before the box asked (a test then took them as shown)
            title, shorter, choices = "", (), []
        lst.set_title(title, *shorter)
        lst.set_choices(choices)

    def choices_title(self, n: int) -> str:
        """The line above the n numbered lines: how to say one."""
        keys = numbers(n)
        if self.run.own_words:
            # a click picks one here too: the own-words title alone did not say so
            return f"Closest to what you meant: {keys}, or ↑↓ and Enter, or click"
        return f"Say: {keys}, or ↑↓ and Enter, or click"

    def shorter_titles(self, n: int) -> tuple[str, ...]:
        """`choices_title` in fewer words, for a narrow list (ChoiceList.set_title)."""
        keys = numbers(n)
        if self.run.own_words:
            return (
                f"Closest to what you meant: {keys}, or ↑↓ and Enter",
                f"Closest to what you meant: {keys}",
                f"Closest: {keys}",
            )
        return (f"Say: {keys}",)

    def _offered(self) -> int:
        """How many numbered lines are on offer now (0 when none), as last listed."""
        return self._count

"""A one-line text box whose value never holds a control character.

Textual draws an Input's value to the terminal as it is, and a paste can carry
anything (bracketed paste passes ESC through), so a pasted `ESC ] 52 ; ...`
in the own-words box or the trainee-name box would reach the terminal as a
control sequence. The value is cleaned as it is set, by the one gate
(`sim.text.clean`), before anything can draw it.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from sim.text import JOINERS, clean_line


def plain_value(value: str) -> str:
    """One line of text with no control character or escape sequence left in it: the
    gate's rule for typed words (`clean_line`), which the plain player uses too."""
    return clean_line(value)


class PlainInput(Input):
    """An `Input` for untrusted typing and pastes: controls and escapes never enter the value."""

    _told_full = False  # the "Box full" notice was given (`restricted`); a box resets it

    def full_words(self) -> str:
        """What the "Box full" notice says in this box; "" for the bell alone."""
        return ""

    def restricted(self) -> None:
        """A key refused, the box full: the bell, and the first time a notice saying so.

        Past its length the box only rang the bell and nothing said why, so someone typing
        on thought it had broken (the own-words box, adversarial-37; the trainee-name box,
        tui38). After the notice, the bell alone, not a notice for every key.
        """
        super().restricted()
        words = self.full_words()
        if self._told_full or not words:
            return
        self._told_full = True
        self.notify(words, title="Box full", severity="warning", timeout=8, markup=False)

    def validate_value(self, value: str) -> str:
        return plain_value(value)

    async def _on_key(self, event: events.Key) -> None:
        """A joiner typed (U+200D in an emoji family, U+200C in Persian) is kept.

        Textual's Input inserts only printable characters, and the joiners are
        format characters: typed, they vanished, '👩‍👩‍👧' became three faces
        and a Persian word two (adversarial-6). Anything else goes on to Input.
        """
        typed = event.character or ""  # "" for some keys (ctrl+@), which is in every string
        if typed and not event.is_printable and all(ch in JOINERS for ch in typed):
            event.prevent_default()  # not Input's handler too
            event.stop()
            start, end = sorted(self.selection)
            if self.max_length and len(self.value) - (end - start) >= self.max_length:
                return
            if start == end:
                self.insert_text_at_cursor(typed)
            else:
                self.replace(typed, start, end)

    def _on_paste(self, event: events.Paste) -> None:
        """A paste of several lines is kept as one, and one longer than the room left
        is cut to fit, not refused whole.

        Textual's Input keeps a paste's first line only: a trainee pasting an answer
        written over three lines saw the first and lost the rest without a word
        (adversarial-9). And it drops the whole paste (with a bell) when the value
        would pass `max_length`: a long answer pasted left the box empty.
        """
        if not event.text:
            return  # Input's own handler, next in line, does as usual
        event.prevent_default()  # not Input's handler too
        event.stop()
        parts = (plain_value(part).strip() for part in event.text.splitlines())
        line = " ".join(part for part in parts if part)
        start, end = sorted(self.selection)
        room = len(line)
        if self.max_length:
            room = max(self.max_length - (len(self.value) - (end - start)), 0)
        if start == end:
            self.insert_text_at_cursor(line[:room])
        else:
            self.replace(line[:room], start, end)
        if len(line) > room:
            self.paste_cut(len(line) - room)

    def paste_cut(self, left_out: int) -> None:
        """A paste was cut to fit the box, `left_out` characters of it not kept: a box
        that says so (the own-words box) tells the trainee here."""

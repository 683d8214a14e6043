"""A one-line text box whose value never holds a control character.

Textual draws an Input's value to the terminal as it is, and a paste can carry
anything (bracketed paste passes ESC through), so a pasted `ESC ] 52 ; ...`
in the own-words box or the trainee-name box would reach the terminal as a
control sequence. The value is cleaned as it is set, by the one gate
(`sim.text.clean`), before anything can draw it.
"""

from __future__ import annotations

from textual.widgets import Input

from sim.text import clean


def plain_value(value: str) -> str:
    """One line of text with no control character or escape sequence left in it."""
    if value.isprintable():
        return value
    return " ".join(clean(value).split("\n")).replace("\t", " ")


class PlainInput(Input):
    """An `Input` for untrusted typing and pastes: controls and escapes never enter the value."""

    def validate_value(self, value: str) -> str:
        return plain_value(value)

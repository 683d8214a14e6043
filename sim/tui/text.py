"""Turning scenario text and numbers into things a widget can show.

Scenario text is data, never markup: it goes into `Content` objects, which
Textual shows literally, so `[bold]` in a file stays `[bold]` on screen. It is
also passed through `sim.text.clean` again (the loader already does this) so a
scenario object built some other way cannot smuggle escape sequences in.
"""

from __future__ import annotations

from textual.content import Content

from sim.text import clean

UP = "$text-success"
DOWN = "$text-error"
SAME = "$text-muted"


def literal(text: str, style: str = "") -> Content:
    """Scenario text as content shown exactly as written."""
    return Content.styled(clean(text), style)


def change_words(change: int) -> tuple[str, str]:
    """A meter change in words and the style to colour it; the words alone carry the meaning."""
    if change > 0:
        return f"▲ +{change} up", f"bold {UP}"
    if change < 0:
        return f"▼ {change} down", f"bold {DOWN}"
    return "no change", SAME


def change_content(change: int) -> Content:
    words, style = change_words(change)
    return Content.styled(words, style)


def from_to(label: str, start: int, final: int) -> Content:
    """`Trust 40 → 52  ▲ +12 up`."""
    return Content.assemble(
        (f"{label} ", "bold"),
        f"{start} → {final}  ",
        change_content(final - start),
    )


VERDICT_MARK = {
    "honours": ("✓", "honoured", UP),
    "neutral": ("·", "neutral", SAME),
    "undermines": ("✗", "undermined", DOWN),
}


def verdict_content(title: str, verdict: str) -> Content:
    """`✓ Active listening: honoured`, with a symbol, a word and a colour."""
    mark, word, style = VERDICT_MARK.get(verdict, ("?", verdict, SAME))
    return Content.assemble((f"{mark} ", f"bold {style}"), literal(title), ": ", (word, style))

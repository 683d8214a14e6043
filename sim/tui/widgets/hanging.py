"""Text whose wrapped lines keep a hanging indent, so a long item stays under its own start.

Textual wraps a Static's lines flush with the left edge: "• Offer advice ..., not to"
went on at column 1 with "spoon-feed", under the bullet, and a trainee's row in the class
summary went on at column 1 as if it were a heading (trainee-test-10). Each line here is
wrapped at the widget's width, and its later lines start `hang` columns in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

BULLETS = ("• ", "- ", "✓ ", "✗ ")

KEEP = "\u00a0"  # a no-break space: the words either side wrap as one ("3 of 5"), shown as " "
_HELD = "\u2800"  # a blank one cell wide that Textual's wrap does not break at


def _held(content: Content) -> Content:
    return (
        Content(content.plain.replace(KEEP, _HELD), list(content.spans))
        if KEEP in content.plain
        else content
    )


def _let_go(content: Content) -> Content:
    return (
        Content(content.plain.replace(_HELD, " "), list(content.spans))
        if _HELD in content.plain
        else content
    )


def bullet_hang(line: str) -> int:
    """How far a line's wrapped lines go in: under the words after its indent and bullet.

    A line flush left with no bullet (a heading, a paragraph) wraps flush left, as prose.
    """
    body = line.lstrip(" ")
    indent = len(line) - len(body)
    if body.startswith(BULLETS):
        return indent + 2
    return indent + 2 if indent else 0


def _loosened(line: Content, room: int) -> Content:
    """`line` (its no-break spaces held) with any words held together that are wider than
    `room` let go from their start, until what is still held fits.

    Held whole, "I'll think about it (poor)" in a library entry 24 columns wide was cut
    mid-word, "(poo" on one row and "r)" on the next (browser44, a 600x400 browser
    window); now "I'll" goes first, and "think about it (poor)" stays together.
    """
    if _HELD not in line.plain or room <= 0:
        return line
    text = line.plain
    start = 0
    for word in text.split(" "):
        if _HELD in word and len(word) > room:
            parts = word.split(_HELD)
            for k in range(1, len(parts) + 1):
                if len(_HELD.join(parts[k:])) <= room or k == len(parts):
                    loose = " ".join(parts[:k]) + (" " if k < len(parts) else "")
                    word_now = loose + _HELD.join(parts[k:])
                    text = text[:start] + word_now + text[start + len(word) :]
                    break
        start += len(word) + 1
    return line if text == line.plain else Content(text, list(line.spans))


def hang_lines(content: Content, width: int, hang: Callable[[str], int]) -> list[Content]:
    """`content` wrapped to `width`, each of its lines' continuations `hang(line)` columns in."""
    if width <= 0:  # not laid out yet
        return content.split("\n", allow_blank=True)
    out: list[Content] = []
    for line in _held(content).split("\n", allow_blank=True):
        line = _loosened(line, width - min(hang(_let_go(line).plain), max(0, width - 20)))
        first, *more = line.wrap(max(1, width)) or [line]
        out.append(_let_go(first))
        if not more:
            continue
        indent = min(hang(line.plain), max(0, width - 20))  # a narrow width wraps flush
        rest = line[len(first.plain) :]
        rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")) :]
        out += [_let_go(part.pad_left(indent)) for part in rest.wrap(max(1, width - indent))]
    return out


class HangingText(Widget):
    """Like a Static holding `content`, but a wrapped line goes on under its own start.

    `hang` says how far in for each line (by default `bullet_hang`: under the words after
    an indent or a bullet), or a number for every line.
    """

    DEFAULT_CSS = """
    HangingText { height: auto; width: 1fr; }
    """

    def __init__(
        self,
        content: Content | str = "",
        *,
        hang: int | Callable[[str], int] = bullet_hang,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._content = Content(content) if isinstance(content, str) else content
        self._hang = (lambda _line: hang) if isinstance(hang, int) else hang
        self._wrapped: tuple[int, list[Content]] | None = None

    @property
    def content(self) -> Content:
        return self._content

    def update(self, content: Content | str) -> None:
        self._content = Content(content) if isinstance(content, str) else content
        self._wrapped = None
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        if self._wrapped is None or self._wrapped[0] != width:
            self._wrapped = (width, hang_lines(self._content, width, self._hang))
        return self._wrapped[1]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.width))


class Hanging(Visual):
    """`content` as an option's prompt (an OptionList wraps what it is given at every
    space, a no-break one too): its words joined by `KEEP` wrap as one, and each wrapped
    line goes on `hang` columns in. `str()` is its text, as a Content prompt's is."""

    def __init__(self, content: Content, hang: int = 0) -> None:
        self._content = content
        self._hang = hang

    def __str__(self) -> str:
        return self._content.plain

    def _lines(self, width: int) -> list[Content]:
        return hang_lines(self._content, width, lambda _line: self._hang)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return Content("\n").join(self._lines(width)).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._content.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._lines(width))

"""A meter: label, bar, number and the last change in words and colour.

The bar and the number glide to a new value (`animate`), and the change is
spelled out ("▲ +8 up", "▼ -6 down"), so nothing depends on colour alone.
With `App.animation_level = "none"` the value jumps, which keeps tests exact.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from sim.tui.text import change_words

EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, width: int) -> tuple[str, str]:
    """The filled and the empty part of a bar `width` cells wide for 0..100."""
    width = max(width, 1)
    cells = max(0.0, min(100.0, value)) * width / 100
    full = int(cells)
    part = int((cells - full) * 8)
    filled = "█" * full + (EIGHTHS[part] if part and full < width else "")
    return filled, "░" * (width - len(filled))


class Meter(Widget):
    """One of the two meters (trust, empowerment), 0 to 100."""

    DEFAULT_CSS = """
    Meter { height: 1; width: 1fr; }
    """

    value: reactive[int] = reactive(0, layout=False)
    """Where the meter is (the engine's number)."""
    shown: reactive[float] = reactive(0.0)
    """Where the bar is drawn; animated towards `value`."""
    change: reactive[int | None] = reactive(None)
    """The last change, or None before the first choice."""

    def __init__(
        self,
        label: str,
        value: int = 0,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.label = label
        self.set_reactive(Meter.value, value)
        self.set_reactive(Meter.shown, float(value))

    def set(self, value: int, change: int | None) -> None:
        """Move to `value`, remembering `change` for the words beside the bar."""
        self.change = change
        self.value = value
        if self.app.animation_level == "none":
            self.shown = float(value)  # at once, in this frame
        else:
            self.animate("shown", float(value), duration=0.6, easing="out_cubic")
        self.tooltip = f"{self.label}: {value} out of 100" + (
            "" if change is None else f", {change_words(change)[0]} with your last line"
        )

    def render(self) -> Content:
        number = f" {round(self.shown):>3}"
        words, style = change_words(self.change) if self.change is not None else ("", "")
        width = self.size.width
        if self.size.height >= 2:  # the side panel: words above, a full-width bar below
            head = f"{self.label} "
            gap = max(width - len(head) - len(number) - len(words) - 2, 1)
            filled, empty = bar(self.shown, width)
            return Content.assemble(
                (head, "bold"),
                (number.strip(), "bold"),
                " " * gap,
                (words, style),
                "\n",
                (filled, "$primary"),
                (empty, "$foreground 25%"),
            )
        label = f"{self.label:<11} "
        tail = f" {words:<11}" if width >= 36 else f" {words}"
        filled, empty = bar(self.shown, max(width - len(label) - len(number) - len(tail), 4))
        return Content.assemble(
            (label, "bold"),
            (filled, "$primary"),
            (empty, "$foreground 25%"),
            (number, "bold"),
            (tail, style),
        )

"""The numbered lines the trainee can say: one line-API widget, updated in place.

A lighter stand-in for `OptionList` on the play path: setting new choices
wraps a handful of lines (with a hanging indent under the number) and redraws
this widget only; the screen is laid out again only when the number of lines
changes. Keys: up/down/home/end and Enter; the mouse highlights on hover and
says a line on click.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.css.scalar import Scalar
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.timer import Timer
from textual.visual import Visual
from textual.widget import Widget

from sim.tui.after_refresh import after_refresh
from sim.tui.textual_internals import refresh_scrollbars

NONE = -1  # `highlighted` when no line is
# the title while Enter found no line highlighted (`_tell_none`), in fewer words when narrow
NONE_TITLES = (
    "No line highlighted yet: press a line's number, or ↓ then Enter",
    "No line highlighted: press its number, or ↓ then Enter",
    "No line highlighted: press its number",
)
NONE_SECONDS = 6


@dataclass(frozen=True)
class Choice:
    id: str
    text: Content
    number: str = ""  # "1".."9"; "" for Continue / See your debrief


class ChoiceList(ScrollView, can_focus=True):
    """Choices with a hanging indent; posts `ChoiceList.Selected` with the choice's id."""

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        & > .choice-list--highlight {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .choice-list--highlight-blurred {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .choice-list--hover { background: $block-hover-background; }
    }
    """

    COMPONENT_CLASSES = {
        "choice-list--highlight",
        "choice-list--highlight-blurred",
        "choice-list--hover",
    }

    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False, id="choices.up"),
        Binding("down", "cursor(1)", "Down", show=False, id="choices.down"),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("enter", "select", "Say", show=False, id="choices.say"),
    ]

    highlighted: reactive[int] = reactive(0, layout=False, repaint=False)  # NONE: no line
    hover: reactive[int | None] = reactive(None, layout=False, repaint=False)

    class Selected(Message):
        def __init__(self, choice_list: ChoiceList, choice: Choice) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.choice = choice

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self._told_none = False  # the title says Enter found no line highlighted
        self._none_timer: Timer | None = None
        self.choices: list[Choice] = []
        self.seen = False
        """Whether the current choices have been drawn (keys typed ahead of that are refused)."""
        self._width = 0
        self._strips: list[Strip] = []
        self._rows: list[int] = []  # the choice index of each line
        self._first: list[int] = []  # the first line of each choice
        self._tallest = 0  # the most lines one choice takes
        self._wrapped: dict[tuple[str, Content, int], list[Strip]] = {}
        """Each choice's lines by (number, text, width): a key that moves the highlight, or a
        width that goes back and forth with a scrollbar, wraps nothing again (`_wrap`)."""
        self._drawn: set[int] = set()  # the lines drawn on screen since the choices were set
        self.held_back = False  # a line was held back here (`hold_back`): its toast is up
        self._styles: dict[str, RichStyle] = {}
        self._title = ""
        self._shorter: tuple[str, ...] = ()  # the title in fewer words (`set_title`)
        self._hint = ""  # said after the title: where the line just said went
        self.keep: Callable[[], int] | None = None
        """Rows the screen needs kept above the list (the reply the lines answer)."""

    # -- the title, and what is out of view ------------------------------------------
    def set_title(self, title: str, *shorter: str) -> None:
        """The line above the choices ("Say: 1-3, ..."); it also says when some are out of view.

        `shorter` says the same in fewer words, tried in turn when the title with "↓ more
        below" and the hint does not fit: at 60 columns "↑ PgUp: your critical slip" was
        cut to "↑ Pg…", and the hint matters more than "or ↑↓ and Enter, or click" (the
        key bar says the numbers too).
        """
        self._title = title
        self._shorter = shorter
        self._show_title()

    def set_hint(self, hint: str) -> None:
        """A word after the title ("↑ PgUp: your line"), or "" for none."""
        if hint != self._hint:
            self._hint = hint
            self._show_title()

    def _show_title(self) -> None:
        """Say which lines are cut off ("↓ line 3 below"): at 60x18 a third line can be.

        A scrollbar alone is easy to miss, and a line never seen is never chosen, however
        good it is. "↓ more below" did not say that there was another line to choose
        from, only more text: the numbers out of view say that, and ↓ reaches them. Every
        line is named alike, so the words give away nothing about which is strongest.
        """
        title = self._title
        height = self.scrollable_content_region.height
        extra: list[str] = []
        if title and height and len(self._strips) > height:
            top = round(self.scroll_offset.y)
            above = self._rows[:top]
            below = self._rows[top + height :]
            extra += [
                cut_words(arrow, [self.choices[i].number for i in dict.fromkeys(rows)], where)
                for arrow, rows, where in (("↑", above, "above"), ("↓", below, "below"))
                if rows
            ]
        if title and self._hint:
            extra.append(self._hint)
        room = self.size.width - 4  # the border's corners, and a cell of line each side
        heads = (self._title, *self._shorter)
        if self._told_none and self._title:
            heads, extra = NONE_TITLES, [w for w in extra if w != self._hint]
        for head in heads:
            title = " · ".join([head, *extra]) if head else ""
            if cell_len(title) <= room:
                break
        if self.border_title != title:
            self.border_title = title

    def _tell_none(self, on: bool) -> None:
        """Say in the title, for a few seconds, that Enter found no line highlighted.

        It was a toast ("Which line?"): on the play screen below 100 columns the toasts
        lie over the conversation's top rows, and in own-words practice, where an Enter
        tapped twice after the words is a habit, those rows were "You wrote" and its cue
        (at 60x18, the title too; trainee playtest 30b). The title is where the trainee
        is looking, and it covers nothing.
        """
        if on != self._told_none:
            self._told_none = on
            self.set_class(on, "-told")
            self._show_title()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._show_title()

    # -- content ---------------------------------------------------------------
    def set_choices(self, choices: list[Choice]) -> None:
        """Show new choices, scroll to the top; unseen until drawn.

        Numbered lines start with none highlighted: Enter, pressed by the habit the
        "Continue ▶ (Enter or space)" steps teach, said line 1 unread (a trainee told
        the supervisor "No, it was fine" that way). ↓ or ↑ highlights one, a number or a
        click says one. A single unnumbered line ("Continue ▶") is highlighted as before.
        """
        self.choices = list(choices)
        keep = {(c.number, c.text) for c in self.choices}
        self._wrapped = {k: v for k, v in self._wrapped.items() if k[:2] in keep}
        self.seen = False
        self._drawn = set()
        self.held_back = False
        self._tell_none(False)
        numbered = any(c.number for c in self.choices)
        self.set_reactive(ChoiceList.highlighted, NONE if numbered else 0)
        self.set_reactive(ChoiceList.hover, None)
        if self._width:
            self._wrap(self._width)
        self._sync_virtual_size()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _strips_for(self, choice: Choice, width: int, style: VisualStyle) -> list[Strip]:
        """The choice wrapped, one cell in from each side, continuation lines under the text.

        The text is wrapped and rendered once, beside a column holding the number
        on its first line (a hanging indent).
        """
        indent = len(choice.number) + 3 if choice.number else 1
        body = Visual.to_strips(self, choice.text, max(width - indent - 1, 4), None, style)
        head = Visual.to_strips(
            self,
            Content.assemble(" ", (f"{choice.number}  ", "bold"))
            if choice.number
            else Content(" "),
            indent,
            1,
            style,
        )[0]
        pad = Strip.blank(indent, self._style(""))
        return [Strip.join([head if i == 0 else pad, line]) for i, line in enumerate(body)]

    def _wrap(self, width: int) -> None:
        """Lay out every choice at `width`, each wrapped once per width (`_wrapped`).

        Every key re-wrapped every choice: the layout asks for the height at the full
        width, the lines are drawn one cell narrower beside the scrollbar, and each
        call wrapped all over again (~3 s a key at 2,000 choices, before the 50-choice
        cap; tui38). The wrapped lines are kept per choice and width instead.
        """
        self._width = width
        style = self.visual_style
        if len(self._wrapped) > 4 * len(self.choices) + 64:  # many widths seen: start again
            self._wrapped.clear()
        strips: list[Strip] = []
        rows: list[int] = []
        first: list[int] = []
        tallest = 0
        for index, choice in enumerate(self.choices):
            key = (choice.number, choice.text, width)
            lines = self._wrapped.get(key)
            if lines is None:
                lines = self._wrapped[key] = self._strips_for(choice, width, style)
            first.append(len(strips))
            tallest = max(tallest, len(lines))
            strips += lines
            rows += [index] * len(lines)
        if rows != self._rows:  # wrapped anew: what was drawn was other lines
            self._drawn = set()
        self._strips, self._rows, self._first = strips, rows, first
        self._tallest = tallest

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if width != self._width:
            self._wrap(width)
            self.call_later(self._sync_virtual_size)
        return len(self._strips)

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width and width != self._width:
            self._wrap(width)
            self.refresh()
        self._sync_virtual_size()
        # the lines wrap differently at a new size: the old offset points elsewhere
        after_refresh(self, self.scroll_to_highlight)

    def _sync_virtual_size(self) -> None:
        """The scrollable size is the wrapped lines, whoever wrapped them last.

        A stale size (it was 0x0 when the first wrap happened during layout)
        left nothing to scroll, so at 60x18 the highlighted choice's last lines
        stayed below the fold.
        """
        size = Size(self._width, len(self._strips))
        if self.virtual_size != size:
            self.virtual_size = size
            # Textual decides scrollbars only when a layout brings a new size, and this
            # one is already set: a window grown from 60x18 kept a scrollbar with nothing
            # to scroll, and every line wrapped a cell narrower than before (adv44)
            refresh_scrollbars(self)
        self.fit_height()
        after_refresh(self, self._show_title)  # the height it gets is known after layout

    def fit_height(self) -> None:
        """Every line on offer, if what they answer stays in view; else half the room.

        At 80x24 three long lines (be-my-sponsor's role-explain: eleven rows) were cut
        at half the pane, and the third, the strongest, showed one row and "↓ more
        below": a line never seen is never chosen. Moving the best lines up would teach
        a position cue, so the transcript yields instead, down to the reply the lines
        answer (`keep_above`, at least three rows). With a cap of 50% a six-line choice
        in a 60x18 terminal could never be seen whole either: the tallest choice may
        take the room as long as three transcript lines stay.
        """
        parent = self.parent
        room = parent.size.height if isinstance(parent, Widget) else 0
        if not room:
            return
        tallest = self._tallest
        border = self.styles.gutter.height
        keep = max(3, self.keep_above())
        cap = max(
            room // 2,
            min(tallest + border, room - 3),
            min(len(self._strips) + border, room - keep),
        )
        if self.styles.max_height != Scalar.from_number(cap):
            self.styles.max_height = cap

    def keep_above(self) -> int:
        """The rows above the list that must stay in view (the screen says: `keep`)."""
        return self.keep() if self.keep is not None else 0

    def notify_style_update(self) -> None:  # a new theme: colours are baked into the strips
        super().notify_style_update()
        self._styles.clear()
        self._wrapped.clear()
        if self._width:
            self._wrap(self._width)

    def _style(self, name: str) -> RichStyle:
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(name, partial=True) if name else self.rich_style
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if width != self._width and width > 0:  # a scrollbar came or went: wrap again
            count = len(self._strips)
            self._wrap(width)
            if len(self._strips) != count:
                self.call_later(self._sync_virtual_size)
        self.seen = True  # drawn: from now on a key may choose from these
        if index >= len(self._strips):
            return Strip.blank(width, self._style(""))
        self._drawn.add(index)
        strip = self._strips[index].crop_extend(0, width, self._style(""))
        row = self._rows[index]
        if row == self.highlighted:
            name = "choice-list--highlight" if self.has_focus else "choice-list--highlight-blurred"
            strip = over(strip, self._style(name))
        elif row == self.hover:
            strip = over(strip, self._style("choice-list--hover"))
        return strip

    # -- moving the highlight ----------------------------------------------------
    def _line_span(self, index: int) -> tuple[int, int]:
        if not 0 <= index < len(self._first):
            return 0, 0
        first = self._first[index]
        end = self._first[index + 1] if index + 1 < len(self._first) else len(self._rows)
        return first, end - first

    def watch_highlighted(self) -> None:
        self._tell_none(False)  # a line is highlighted now: the note has been heeded
        self.scroll_to_highlight()
        self.refresh()

    def scroll_to_highlight(self) -> None:
        """Bring every line of the highlighted choice into view."""
        if self._strips and self.is_mounted:
            self._sync_virtual_size()
            first, count = self._line_span(self.highlighted)
            self.scroll_to_region(
                Region(0, first, self._width, max(count, 1)), animate=False, immediate=True
            )

    def read_whole(self, index: int) -> bool:
        """Whether every line of choice `index` has been on screen since the choices were set.

        At 80x24 a third or fourth choice can sit below the fold with only "↓ more
        below" to say so; a number or a click must never say words the trainee could
        not have read (First Meeting: "3" said a critical slip never seen).
        """
        first, count = self._line_span(index)
        return count > 0 and self._drawn.issuperset(range(first, first + count))

    def hold_back(self, index: int, again: str) -> None:
        """A number or a click for choice `index`, not yet read whole: it is highlighted and
        scrolled all into view instead of said, and a toast says how to say it (`again`:
        "press 3", "click it")."""
        if self.highlighted == index:
            self.scroll_to_highlight()
        else:
            self.highlighted = index
        self.held_back = True
        title, words = unread_note(self.choices[index].number, again)
        self.notify(words, title=title, markup=False)

    def watch_hover(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_cursor(self, step: int) -> None:
        if self.choices:
            if self.highlighted == NONE:  # the first move: to the first line, or the last
                self.highlighted = 0 if step > 0 else len(self.choices) - 1
            else:
                self.highlighted = (self.highlighted + step) % len(self.choices)

    def action_jump(self, index: int) -> None:
        if self.choices:
            self.highlighted = index % len(self.choices)

    def action_select(self) -> None:
        if not self.seen:  # Enter typed ahead of the new choices being drawn
            self.app.bell()
            return
        if self.highlighted == NONE:  # nothing highlighted: say how to pick, in the title
            self.app.bell()
            self._tell_none(True)
            if self._none_timer is not None:  # a second Enter: the note stays its full time
                self._none_timer.stop()
            self._none_timer = self.set_timer(NONE_SECONDS, lambda: self._tell_none(False))
            return
        if 0 <= self.highlighted < len(self.choices):
            self.post_message(self.Selected(self, self.choices[self.highlighted]))

    # -- mouse ---------------------------------------------------------------------
    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = offset.y + self.scroll_offset.y
        return self._rows[line] if 0 <= line < len(self._rows) else None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hover = self._row_at(event)

    def on_leave(self) -> None:
        self.hover = None

    def on_click(self, event: events.Click) -> None:
        row = self._row_at(event)
        if row is not None:
            event.stop()
            choice = self.choices[row]
            if choice.number and not self.read_whole(row):  # its end is below the fold
                self.hold_back(row, "click it")
                return
            self.highlighted = row
            self.action_select()


def cut_words(arrow: str, numbers: list[str], where: str) -> str:
    """Words such as "↓ line 3 below" (at least part of each line is out of view)."""
    numbers = [n for n in numbers if n]
    if not numbers:  # Continue and the like have no number
        return f"{arrow} more {where}"
    if len(numbers) == 1:
        return f"{arrow} line {numbers[0]} {where}"
    return f"{arrow} lines {numbers[0]}-{numbers[-1]} {where}"


def unread_note(number: str, again: str) -> tuple[str, str]:
    """The toast (title, words) for a number or click on a line not yet read whole.

    Short: a toast at 80x24 lies over the right half of the lines themselves.
    """
    return f"Line {number} is in view now", f"Read it, then {again} again or press Enter to say it."


def over(strip: Strip, style: RichStyle) -> Strip:
    """`style` laid over every segment of `strip`.

    `Strip.apply_style` lays a style *under* the segments' own: their baked
    background won, and the highlighted line showed only as bold, which line 1's
    number already is, so ↑↓ moved a highlight nobody could see.
    """
    return Strip(Segment.apply_style(iter(strip), post_style=style), strip.cell_length)

"""The conversation as it scrolls: the other person, stage directions, you, coach notes.

`entries(run, practice, start)` turns a run's states into entries (a pure
function of the run, so undo and live reload just rebuild), and `Transcript`
shows them as a chat: speaker names, stage directions set apart in italics,
the trainee's own lines indented on the right with their own colour. In
own-words practice the words the trainee typed come first, then the line they
picked (and, in practice mode only, what the cue rules saw in their words).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from sim.cues import last_cues
from sim.debrief.words import practice_note, slip_now
from sim.engine import ending_text, scene_text
from sim.tui.text import literal
from sim.tui.textual_internals import anchor_released, hold_anchor

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sim.engine import Run, State
    from sim.model import Scenario


@dataclass(frozen=True)
class Entry:
    # start | setting | with | action | line | narration | words | cue | you | slip | note
    # | end | stuck
    kind: str
    text: str
    who: str = ""


def scene_entries(run: Run, state: State) -> list[Entry]:
    """A scene as entered in `state`: the engine picks the text variant."""
    sc = run.scenario
    scene = sc.scenes[state.scene]
    text, action = scene_text(sc, state)
    out: list[Entry] = []
    if action:
        out.append(Entry("action", action))
    who = sc.characters[scene.speaker].name if scene.speaker in sc.characters else ""
    out.append(Entry("line", text, who) if who else Entry("narration", text))
    return out


def setting_entries(scenario: Scenario) -> list[Entry]:
    """Where the conversation happens and who is in it, for the top of a narrow transcript.

    A wide screen keeps these in a side panel; below that width they would
    otherwise never be seen in play, and the people they name (a supervisor
    down the hall) come up later as if the trainee knew them.
    """
    out = [Entry("setting", scenario.setting)]
    people = [f"{c.name} · {c.about}" if c.about else c.name for c in scenario.characters.values()]
    if people:
        out.append(Entry("with", "\n".join(people)))
    return out


def entries(
    run: Run,
    practice: bool,
    start: int = 0,
    titles: Mapping[str, str] | None = None,
    speaker: str = "",
) -> list[Entry]:
    """The entries that states[start:] add (start=0: the whole conversation).

    `titles` (principle titles by id) let a coach note say what it judged. `speaker` names
    who said the trainee's lines ("" for "You", the player): a replay is read by a
    supervisor, to whom "You" said the trainee's lines were theirs.
    """
    from sim.records.speaker import capitalised, possessive

    who = capitalised(speaker) if speaker else "You"
    typed_label = f"{who}, in their own words" if speaker else "You, in your own words"
    picked = f"The line {speaker} picked" if speaker else "The line you picked"
    cue_on = f"Cue on {possessive(speaker)} words: " if speaker else ""
    out: list[Entry] = []
    states = run.states
    if start == 0:
        out += scene_entries(run, states[0])
        start = 1
    for before, after in zip(states[start - 1 :], states[start:], strict=False):
        if len(after.decisions) > len(before.decisions):
            d = after.decisions[-1]
            choice = run.scenario.scenes[d.scene].choices[d.index]
            typed_first = run.own_words or bool(d.words)
            if typed_first:  # own words: what they typed, before the line they picked
                out.append(Entry("words", d.words, typed_label))
                if practice:  # assessment keeps the cues for the debrief
                    found = last_cues(run.scenario, after.decisions)
                    out += [Entry("cue", c.message, cue_on) for c in found]
            out.append(Entry("you", choice.say, picked if typed_first else who))
            if practice and choice.critical:  # said at once; assessment keeps it for the debrief
                out.append(Entry("slip", slip_now(choice.critical, choice.cap or "mixed")))
            note = practice_note(choice, titles or {}) if practice else ""
            if note:
                out.append(Entry("note", note))
        if after.over:
            out.append(Entry("end", ending_text(run.scenario, after)))
        elif after.scene != before.scene or len(after.path) > len(before.path):
            out += scene_entries(run, after)
    return out


STYLE = {
    "start": "italic $text-warning",
    "action": "italic $foreground 65%",
    "narration": "italic $foreground 65%",
    "you": "$text on $accent 15%",
    "words": "italic $text on $accent 15%",
    "cue": "$text-secondary",
    "note": "$text-secondary",
    "slip": "$text-error",
    "setting": "$text-muted",
    "with": "$text-muted",
    "end": "italic",
    "stuck": "$text-error",
}


def render_entry(entry: Entry) -> Content:
    style = STYLE.get(entry.kind, "")
    if entry.kind == "line":
        return Content.assemble((entry.who, "bold $secondary"), "\n", literal(entry.text))
    if entry.kind == "you":
        return Content.assemble(
            (entry.who or "You", "bold $accent"), "\n", literal(entry.text, style)
        )
    if entry.kind == "words":  # typed by the trainee: plain text, never markup
        said = literal(f"“{entry.text}”", style) if entry.text else ("(nothing typed)", style)
        return Content.assemble((entry.who, "bold $accent"), "\n", said)
    if entry.kind == "cue":
        return Content.assemble(
            (entry.who or "Cue on your words: ", f"bold {style}"), literal(entry.text, style)
        )
    if entry.kind == "slip":
        return Content.assemble(("Critical slip: ", f"bold {style}"), literal(entry.text, style))
    if entry.kind in ("setting", "with"):  # the side panel's text, when there is no side panel
        title = "Setting" if entry.kind == "setting" else "With"
        return Content.assemble((title, "bold $secondary"), "\n", literal(entry.text, style))
    if entry.kind == "note":
        return Content.assemble(("Coach note: ", f"bold {style}"), literal(entry.text, style))
    if entry.kind == "end":
        return Content.assemble(("The conversation ends. ", "bold"), literal(entry.text, style))
    return literal(entry.text, style)


def turn_content(new: list[Entry]) -> Content:
    """What one move added (your line, the coach note, the reply) as one block of text."""
    parts: list[Content | str] = []
    for i, entry in enumerate(new):
        if i:
            parts.append("\n" if entry.kind in ("note", "cue", "slip") else "\n\n")
        parts.append(render_entry(entry))
    return Content.assemble(*parts)


class Transcript(ScrollView, can_focus=False):
    """A scrolling conversation that stays at the newest line.

    One line-API widget for the whole conversation: a move appends a block of
    text (wrapped once, at the current width, into cached strips) instead of
    mounting a widget, so a move costs the same however long the run gets and
    only the lines in view are drawn. A new width wraps every block again.

    The scroll position is drawn in the last column by this widget (a thumb on
    a track; a click above or below it pages) rather than by a Textual
    `ScrollBar`, which is re-rendered through Rich twice a move: that was the
    single costliest widget of a move. The mouse wheel scrolls as usual.
    """

    DEFAULT_CSS = """
    Transcript {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 0;
    }
    """

    GAP = 1  # blank lines above each block
    RIGHT = 4  # cells kept free on the right of the text

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self._turns: list[tuple[list[Entry], Content]] = []
        self._strips: list[Strip] = []
        self._width = 0
        self._shown: dict[int, Strip] = {}  # lines cropped to the view, by line number
        self._style: RichStyle | None = None
        self._bar: tuple[Strip, Strip] | None = None  # the track and the thumb cells
        self._view = 0  # the view's height, read once a frame
        self._thumb: tuple[tuple[int, int, int], range] = ((-1, -1, -1), range(0))
        self._last_rows = 0  # the lines of the newest block
        self._block_rows: list[int] = []  # the lines of each block, at the width wrapped at
        self._kept_place: tuple[int, float] | None = None  # see `_resized`
        self._last_is_move = False  # the newest block is one move, not the whole run shown again
        self._shows = 0  # calls to `show`, so reply_rows knows its cache is stale
        self._reply: tuple[tuple[int, int, int], int] = ((-1, 0, 0), 0)  # reply_rows, cached

    # -- what is shown -------------------------------------------------------
    def show(self, new: list[Entry], replace: bool = False) -> None:
        """Append the entries one move added (replace: show only these)."""
        self._shows += 1
        self._kept_place = None  # a new line: the view goes to it
        if replace:
            self._turns.clear()
            self._strips.clear()
            self._shown.clear()
            self._block_rows = []
        # a run shown whole again (resumed, undone, restarted) is one block: the line said
        # last is then not its start, and "↑ PgUp: your line" showed with the line in view
        self._last_is_move = not replace
        if new:
            content = turn_content(new)
            self._turns.append((list(new), content))
            if self._width:
                block = self._wrap(content, self._width)
                self._strips += block
                self._last_rows = len(block)
                self._block_rows.append(len(block))
        self._resized()

    def mine_above(self) -> bool:
        """Whether the newest block holds the trainee's line and begins above the view.

        At 80x24 with four lines on offer, the line just said and the start of its
        coach note scroll out of view as the reply arrives (the view stays with the
        newest line, which is the one to answer); the choices' title then says so.
        """
        if not self._turns or not self._width or not self._last_is_move:
            return False
        if not any(e.kind in ("you", "words") for e in self._turns[-1][0]):
            return False
        return self.mine_start() < round(self.scroll_offset.y)

    def mine_start(self) -> int:
        """The first line of the newest block (the line just said), as a scroll offset."""
        return len(self._strips) - self._last_rows + self.GAP

    def reply_rows(self) -> int:
        """The lines the newest reply takes (the person's words and the action before them).

        The lines on offer may take the rest of the conversation pane: what must stay in
        view above them is what they answer. 0 when the newest block ends otherwise (an
        ending, or nothing yet).
        """
        if not self._turns or not self._width:
            return 0
        key = (self._shows, len(self._turns), self._width)
        if self._reply[0] == key:
            return self._reply[1]
        turn = self._turns[-1][0]
        start = len(turn)
        while start and turn[start - 1].kind in ("action", "line", "narration"):
            start -= 1
        rows = len(self._wrap(turn_content(turn[start:]), self._width)) if start < len(turn) else 0
        self._reply = (key, rows)
        return rows

    def mine_slipped(self) -> bool:
        """Whether the newest block says that the line just said was a critical slip."""
        return bool(self._turns) and any(e.kind == "slip" for e in self._turns[-1][0])

    def turns(self) -> list[Content]:
        """One block of content a move, as shown."""
        return [content for _, content in self._turns]

    def entries(self) -> list[Entry]:
        return [e for turn, _ in self._turns for e in turn]

    def kinds(self) -> list[str]:
        return [e.kind for e in self.entries()]

    def text(self) -> str:
        return "\n".join(e.text for e in self.entries())

    # -- drawing --------------------------------------------------------------
    def _wrap(self, content: Content, width: int) -> list[Strip]:
        style = self.visual_style
        text_width = max(width - self.RIGHT, 10)
        strips = [Strip.blank(0)] * self.GAP
        strips += Visual.to_strips(self, content, text_width, None, style)
        return strips

    def _content_width(self) -> int:
        return self.scrollable_content_region.width or self.size.width

    def _resized(self, place: tuple[int, float] | None = None) -> None:
        width = self._content_width()
        place = place or self._kept_place
        if width and width != self._width:
            # read back (PgUp) and the window resized: the same words stay at the top of
            # the view, where every width change went to the newest line (adv44)
            place = place or self._reading_place()
            self._kept_place = None
            self._width = width
            self._shown.clear()
            blocks = [self._wrap(c, width) for _, c in self._turns]
            self._strips = [s for block in blocks for s in block]
            self._last_rows = len(blocks[-1]) if blocks else 0
            self._block_rows = [len(block) for block in blocks]
        elif not width:
            # no room to wrap in (a window of 1x1): the place waits for some
            self._kept_place = place or self._reading_place()
            if self._kept_place is not None:
                return
        else:  # the width it was wrapped at: the view has not moved
            place = self._kept_place = None
        height = len(self._strips)
        if self.virtual_size.height != height or self.virtual_size.width != self._width:
            self.virtual_size = Size(self._width, height)
        if self._width:
            # no taller than the conversation: a short one reads from the top, the lines
            # on offer straight below it and a tall terminal's empty rows below those. It
            # was bottom-anchored under 24 empty rows at 100x60 (trainee playtest 24); before
            # that it stood at the top with the lines 20 rows below it at 160x48 (13).
            self.styles.max_height = max(height, 1)
        self.refresh()
        if place is not None:
            turn, into = place
            above = sum(self._block_rows[:turn])
            rows = self._block_rows[turn] if turn < len(self._block_rows) else 1
            self.scroll_to(
                y=above + min(round(into * rows), rows - 1), animate=False, immediate=True
            )
            return
        self.anchor()  # to the newest line, and kept there as the view's height changes

    def _reading_place(self) -> tuple[int, float] | None:
        """Where the trainee reads, scrolled back from the newest line: the block at the
        top of the view and how far into it (a share of its rows), so the same words can
        be put there at another width; None when they read at the end (or nothing is
        wrapped yet), where the view stays with the newest line."""
        rows = self._block_rows
        if not self._width or not rows or sum(rows) != len(self._strips):
            return None
        if not (self.is_anchored and anchor_released(self)):
            return None
        top = round(self.scroll_offset.y)
        if top >= self.max_scroll_y:
            return None
        for turn, count in enumerate(rows):
            if top < count:
                return turn, top / count
            top -= count
        return None

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # at the end before the change: a page up and back down released the anchor for
        # good (Textual's ScrollView never takes it back at the bottom), and in own-words
        # practice the cues and lines that then opened pushed the person's last line out
        # of view while the trainee chose (trainee playtest 12)
        at_end = self.is_anchored and round(self.scroll_y) >= self.max_scroll_y
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        if changed and self.is_anchored and (at_end or not anchor_released(self)):
            # the compositor anchors with the old height; the view just changed
            # height (more or fewer choice lines below it): stay at the bottom in
            # this frame rather than correcting it in the next
            hold_anchor(self)
            bottom = self.max_scroll_y
            self.set_reactive(Transcript.scroll_y, bottom)
            self.set_reactive(Transcript.scroll_target_y, bottom)
        return changed

    def on_resize(self) -> None:
        if self._content_width() != self._width:
            self._resized()

    def notify_style_update(self) -> None:  # a new theme: colours are baked into the strips
        super().notify_style_update()
        place = self._reading_place()  # a class changed with the window's size (-short)
        self._width = 0
        self._style = None
        self._bar = None
        if self.is_mounted:
            self._resized(place)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._view = self.scrollable_content_region.height  # once a frame, not a line
        return super().render_lines(crop)

    def _thumb_rows(self) -> range:
        """The rows of the view the thumb covers (empty when everything fits)."""
        view = self._view or self.scrollable_content_region.height
        total = len(self._strips)
        scroll = round(self.scroll_offset.y)
        key = (view, total, scroll)
        if key != self._thumb[0]:
            rows = range(0)
            if total > view > 0:
                size = max(1, round(view * view / total))
                start = round(min(scroll, total - view) * (view - size) / (total - view))
                rows = range(start, start + size)
            self._thumb = (key, rows)
        return self._thumb[1]

    def _bar_cells(self) -> tuple[Strip, Strip]:
        if self._bar is None:
            back, _ = self.background_colors
            styles = self.styles
            track = RichStyle.from_color(bgcolor=(back + styles.scrollbar_background).rich_color)
            thumb = RichStyle.from_color(bgcolor=(back + styles.scrollbar_color).rich_color)
            self._bar = (Strip([Segment(" ", track)], 1), Strip([Segment(" ", thumb)], 1))
        return self._bar

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        strip = self._shown.get(index)
        if strip is None:
            if self._style is None:
                self._style = self.rich_style
            width = max(self._width - 1, 0)
            if not 0 <= index < len(self._strips):
                strip = Strip.blank(width, self._style)
            else:
                strip = self._strips[index].crop_extend(0, width, self._style)
                self._shown[index] = strip
        rows = self._thumb_rows()
        if not rows:
            return Strip.join([strip, Strip.blank(1, self._style)])
        track, thumb = self._bar_cells()
        return Strip.join([strip, thumb if y in rows else track])

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        rows = self._thumb_rows()
        if offset is None or not rows or offset.x < self._width - 1:
            return
        if offset.y < rows.start:
            self.scroll_page_up(animate=False)
        elif offset.y >= rows.stop:
            self.scroll_page_down(animate=False)

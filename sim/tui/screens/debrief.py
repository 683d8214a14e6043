"""The debrief: a summary first (the ending, why, slips, turning points), then details.

Everything shown comes from `sim.debrief.build_debrief`, and the summary's
sentences from `sim.debrief.outline`, the same ones the plain player prints;
this screen only lays them out. The summary comes first so it is on screen
without scrolling at 80x24. Static widgets with literal content, no Markdown,
so it opens fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Sparkline, Static

from sim.debrief.outline import (
    NEUTRAL_WORDS,
    SUMMARY,
    Line,
    meters_summary,
    outline,
    own_words,
    written,
)
from sim.debrief.steps import curve_points, steps_at
from sim.debrief.words import upper_first
from sim.tui.after_refresh import after_refresh
from sim.tui.screens import STYLES
from sim.tui.screens.base import SimScreen
from sim.tui.text import VERDICT_MARK, change_content, from_to, literal, verdict_content
from sim.tui.widgets.hanging import KEEP, HangingText
from sim.tui.widgets.header import SimHeader
from sim.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from sim.debrief import Debrief, DecisionReview, PrincipleBlock

WIDE = 110
OUTCOME_STYLE = {"strong": "$text-success", "mixed": "$text-warning", "poor": "$text-error"}

Parts = list[Content | str | tuple[str, str]]


def _section(title: str) -> Static:
    return Static(Content.styled(title, "bold $secondary"), classes="section-title")


def decision_content(r: DecisionReview, total: int) -> Content:
    who = r.speaker or "The moment"
    parts: Parts = []
    if r.action:
        parts += [literal(r.action, "italic $text-muted"), "\n"]
    parts += [(f"{who}: ", "bold"), literal(f"“{r.prompt}”"), "\n"]
    said = "You said: "
    if own_words(r):  # own-words practice: what they typed and its cues, then the line picked
        parts += [("You wrote: ", "bold $accent"), literal(written(r.words)), "\n"]
        for cue in r.cues:
            parts += [("Cue: ", "bold"), literal(cue, "italic"), "\n"]
        said = "Closest line you picked: "
    if r.said_quoted_in:
        parts += [
            (said, "bold $accent"),
            (f"the line quoted above under {upper_first(r.said_quoted_in)}", "italic"),
            "\n",
        ]
    else:
        parts += [(said, "bold $accent"), literal(f"“{r.said}”"), "\n"]
    if r.critical:
        parts += [("Critical slip", "bold $text-error"), "\n"]
    parts += [
        ("Trust ", "bold"),
        change_content(r.trust_change),
        f" (now {r.trust_after})   ",
        ("Empowerment ", "bold"),
        change_content(r.empowerment_change),
        f" (now {r.empowerment_after})",
    ]
    for m in r.marks:
        parts += ["\n", verdict_content(m.title, m.verdict)]
    if r.why and r.said_quoted_in:
        # a critical slip's why is the paragraph under Critical slips, word for word: read
        # twice in one scroll, it pushed the stronger line below the fold (trainee33); the
        # plain debrief leaves it out here too
        where = upper_first(r.said_quoted_in)
        parts += ["\n", ("Why: ", "bold"), (f"given above under {where}", "italic")]
    elif r.why:
        parts += ["\n", ("Why: ", "bold"), literal(r.why)]
    if r.alternative:
        parts += ["\n", ("Stronger here: ", "bold $text-success")]
        if r.alternative_quoted_in:
            parts += [(f"the line in {r.alternative_quoted_in} above", "italic")]
        else:
            parts += [literal(f"“{r.alternative.say}”")]
        if r.alternative.why:
            # labelled as the plain debrief labels it: indented two columns, only its first
            # line was, and the rest ran flush with the box like a new paragraph
            parts += ["\n", ("Why it is stronger: ", "bold"), literal(r.alternative.why, "italic")]
    return Content.assemble(*parts)


def principle_content(p: PrincipleBlock) -> Content:
    """One scorecard line: the principle, then its verdicts with the decisions' numbers."""
    parts: Parts = [literal(p.title, "bold"), ": "]
    for verdict, count, at in (
        ("honours", p.honoured, p.honoured_at),
        ("neutral", p.neutral, p.neutral_at),
        ("undermines", p.undermined, p.undermined_at),
    ):
        if not count:
            continue
        if parts[-1] != ": ":
            parts.append("; ")
        mark, word, style = VERDICT_MARK[verdict]
        where = f" (at {steps_at(at)})" if at else ""
        parts += [(f"{mark} {word} {count}", style), where]
    return Content.assemble(*parts)


ENDING_LABEL = "Ending  "


def _ending_hang(line: str) -> int:
    """The ending's row wraps under its title, after "Ending"; the rows under it, flush."""
    return len(ENDING_LABEL) if line.startswith(ENDING_LABEL) else 0


def _curve_words(values: list[int]) -> str:
    """A meter's values under its curve, sampled past a few dozen (curve_points)."""
    points, note = curve_points(values)
    return " → ".join(map(str, points)) + (f" {note}" if note else "")


BULLET = ("• ", "bold $secondary")
SUB = "  "  # a line that belongs to the item above


def part_hang(line: str) -> int:
    """A bullet's or a sub-line's wrapped lines go on under its words; prose wraps flush."""
    return 2 if line.startswith(("• ", SUB)) else 0


def part_content(lines: Iterable[Line], title: str = "") -> Content:
    """A summary part (title, sentences, items) as one block, laid out as the plain player.

    One widget a part, not one a line and three a bullet (a row, the bullet, the words):
    fifty widgets made the debrief slow to open, and keys typed as it opened waited for
    them (benchmarks/tui_debrief.py).
    """
    rows: list[Content] = [Content.styled(title, "bold $secondary")] if title else []
    for line in lines:
        text = literal(line.text)
        if line.item and line.bullet:
            rows.append(Content.assemble(BULLET, text))
        else:
            rows.append(Content.assemble(SUB, text) if line.level else text)
    return Content("\n").join(rows)


class DebriefScroll(VerticalScroll):
    """The debrief's scrolling column: focus restyles this widget alone.

    Textual restyles a widget and all its descendants when it gains or loses focus
    (a descendant's rule might name its ancestor's `:focus`). Here none does, and the
    column holds the whole debrief: taking the focus as the screen opened restyled
    some fifty widgets twice, about a fifth of the work a key typed as the debrief
    opened waited for (benchmarks/tui_debrief.py).
    """

    # the part of the debrief at the top of the view, and how far into it (a share of
    # its rows): put back there when a new width lays the column out again
    _place: tuple[Widget, float] | None = None
    _width = 0

    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self])  # itself and its scrollbars

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self._width and self.size.width == self._width and not self.app.has_class("-too-small"):
            self._place = self._reading_place()

    def _reading_place(self) -> tuple[Widget, float] | None:
        top = round(self.scroll_y)
        if top <= 0:
            return None
        for child in self.children:
            region = child.virtual_region
            if region.y <= top < region.y + max(region.height, 1):
                return child, (top - region.y) / max(region.height, 1)
        return None

    def on_resize(self) -> None:
        """Read down (PgDn) and the window resized, even to 1x1 and back: the column laid
        out at a new width kept its scroll offset, which then pointed at other words
        (adv44). The part that was at the top of the view goes back there."""
        width = self.size.width
        if not width or self.app.has_class("-too-small"):
            self._width = 0  # laid out again when there is room
            return
        if width != self._width:
            self._width = width
            place = self._place
            if place is not None and place[0].parent is self:
                after_refresh(self, lambda: self._put_back(place))

    def _put_back(self, place: tuple[Widget, float]) -> None:
        child, into = place
        region = child.virtual_region
        self.scroll_to(y=region.y + round(into * region.height), animate=False, immediate=True)
        self._place = place


class DebriefScreen(SimScreen):
    CSS_PATH = STYLES["debrief"]
    AUTO_FOCUS = "#debrief"
    DEFAULT_CSS = """
    DebriefScreen #summary-ending { height: auto; padding: 0 1; }
    DebriefScreen .summary-part { height: auto; padding: 0 1; margin-top: 1; }
    DebriefScreen .scorecard { height: auto; padding: 0 1; }
    """
    BINDINGS = [
        # so a trainee knows there is more below the summary (↓ and PgDn scroll too)
        Binding("space", "read_on", "Read on", key_display="space"),
        # at the end "Read on" went on showing; Home is then named, back to the ending and why
        Binding("home", "to_top", "Back to top", key_display="Home", priority=True),
        Binding("r", "replay", "Play again"),
        # q as in the help: it closes what you are reading (the run is kept: g reads it again)
        Binding("escape,l,q", "library", "Library", key_display="esc"),
    ]

    # the line after the last section; and where to find what to practise next, which a
    # first-time trainee at the end of a debrief had no word of (trainee playtest 14); not
    # "what to practise next" again, the name of this run's own section (debrief35)
    END = (
        "r plays it again · Esc goes back to the library, where g shows your progress"
        " across all your runs and the scenario to play next"
    )

    def __init__(self, debrief: Debrief, mode: str) -> None:
        super().__init__()
        self.debrief = debrief
        self.mode = mode
        self.title = f"Debrief: {debrief.scenario_title}"
        self.sub_title = f"{mode.title()} mode"
        self._typing = False  # own words: a letter was typed here, so r, l, q and space are too
        self._told_typing = False

    # keys that keep their use at an own-words debrief until a letter is typed (`type_ahead`)
    COMMAND_LETTERS = ("r", "l", "q", " ", "?")

    def type_ahead(self, event: events.Key) -> bool:
        """Own-words practice: a sentence typed at the debrief is refused whole, said once.

        A trainee used to typing answered the questions to reflect on: "I would try" read
        on a page at each space, and the l of "would" left for the library, the debrief gone
        from the screen (the r and y of "try" would have played again). Until a letter is
        typed, r, l, q, space and ? work as the bar says; once one is, they are letters too,
        until a key that types nothing (↓, PgDn, Home, Esc). Called by the app before the
        bindings; True: the key is used.
        """
        if self.debrief.words is None or not self.on_top:
            return False
        if not (event.is_printable and event.character):
            self._typing = False
            return False
        if event.character in self.COMMAND_LETTERS and not self._typing:
            return False
        self._typing = True
        self.app.bell()
        if not self._told_typing:
            self._told_typing = True
            self.notify(
                "The debrief takes no typed words: think the questions over, or take them to "
                "your supervisor. Read on with ↓ or PgDn; Esc goes back to the library.",
                title="No words here",
                timeout=6,
            )
        return True

    def body(self) -> Iterable[Widget]:
        d = self.debrief
        yield SimHeader()
        with DebriefScroll(id="debrief"):
            yield from self.summary()
            if d.principles:
                yield _section("Principles")
                # a principle whose verdicts wrap goes on under its name, two columns in:
                # flush, "3)" read as a principle of its own
                yield HangingText(
                    Content("\n").join(principle_content(p) for p in d.principles),
                    hang=2,
                    classes="scorecard",
                )
                if any(p.neutral for p in d.principles):  # is neutral good or bad?
                    yield Static(
                        Content.styled(NEUTRAL_WORDS, "italic $text-muted"), classes="scorecard"
                    )
            yield _section("How it ended")
            with Horizontal(id="debrief-top"):
                with Vertical(id="ending"):
                    yield Static(literal(d.ending_text) if d.ending_text else "", id="ending-text")
                with Vertical(id="curve"):
                    (t0, e0), (t1, e1) = d.start, d.final
                    yield Static(from_to("Trust", t0, t1), classes="meter-summary")
                    yield Sparkline([t for t, _ in d.curve], id="trust-curve", classes="curve")
                    yield Static(
                        Content.styled(_curve_words([t for t, _ in d.curve]), "$text-muted"),
                        classes="curve-numbers",
                    )
                    yield Static(from_to("Empowerment", e0, e1), classes="meter-summary")
                    yield Sparkline(
                        [e for _, e in d.curve], id="empowerment-curve", classes="curve"
                    )
                    yield Static(
                        Content.styled(_curve_words([e for _, e in d.curve]), "$text-muted"),
                        classes="curve-numbers",
                    )
            if d.decisions:
                yield _section(f"Your decisions ({len(d.decisions)})")
                for r in d.decisions:
                    box = Static(decision_content(r, len(d.decisions)), classes="decision")
                    box.border_title = f"{r.step} of {len(d.decisions)}"
                    yield box
            else:
                yield Static(Content("You made no decisions in this run."), classes="decision")
            if d.reflect:
                yield _section("To reflect on")
                yield HangingText(
                    part_content(Line(p, item=True) for p in d.reflect),
                    hang=part_hang,
                    classes="reflect",
                )
            yield Static(
                Content.styled(self.END, "$text-muted"),
                classes="debrief-end",
            )
        yield KeyBar()

    def summary(self) -> Iterable[Widget]:
        """The ending and its outcome, then why, critical slips and turning points."""
        d = self.debrief
        outcome = d.outcome or "unfinished"
        top: Parts = [
            (ENDING_LABEL, "bold $text-muted"),
            literal(d.ending_title, "bold"),
            # kept whole: "(mixed" / "outcome)" split across rows
            (f"  ({outcome}{KEEP}outcome)", f"bold {OUTCOME_STYLE.get(d.outcome, '')}"),
            "\n",
            (meters_summary(d), "$text-muted"),
        ]
        if self.mode == "assessment":
            top += [
                "\n",
                # as the plain debrief has it: "shown below" sat under the line showing them
                ("The meters were hidden while you played; this is how they moved.", "italic"),
            ]
        if d.replay_note:
            top += ["\n", literal(d.replay_note, "italic $text-warning")]
        # the ending's title goes on under itself when it wraps: at 60 columns "(mixed
        # outcome)" of "Help came, on a promise you couldn't keep" went on flush under
        # "Ending", as if it were a line of its own (trainee44)
        yield HangingText(Content.assemble(*top), hang=_ending_hang, id="summary-ending")
        for section in outline(d, self.mode):
            if section.part != SUMMARY or not section.title:
                continue
            yield HangingText(
                part_content(section.lines, section.title), hang=part_hang, classes="summary-part"
            )

    def setup(self) -> None:
        self.on_mount_curves()
        self.watch(self.query_one("#debrief"), "scroll_y", self._scrolled, init=False)

    def _scrolled(self) -> None:
        self.refresh_bindings()

    def _at_end(self) -> bool | None:
        """Whether the last line is in view (None before the debrief is laid out)."""
        box = self.query_one("#debrief", VerticalScroll)
        if not box.size.height:
            return None
        return round(box.scroll_y) >= box.max_scroll_y

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return False
        at_end = self._at_end()
        if action == "read_on":  # not at the end: nothing more to read on to
            return not at_end
        if action == "to_top":  # named only at the end of a debrief longer than the screen
            return bool(at_end) and self.query_one("#debrief", VerticalScroll).max_scroll_y > 0
        return True

    def on_mount_curves(self) -> None:
        # a few points would stretch into slabs: give each point a fixed width
        for spark in self.query(Sparkline):
            spark.styles.max_width = max(6 * len(self.debrief.curve), 12)

    def fit(self, size: Size) -> None:
        """Ending text beside the meters' curves from WIDE columns (see SimScreen.fit)."""
        self.set_class(size.width >= WIDE, "-wide")

    def on_resize(self) -> None:
        self.fit(self.size)
        after_refresh(self, self.refresh_bindings)

    def action_read_on(self) -> None:
        self.query_one("#debrief", VerticalScroll).scroll_page_down()

    def action_to_top(self) -> None:
        self.query_one("#debrief", VerticalScroll).scroll_home(animate=False)

    def action_replay(self) -> None:
        """r: asks first, as a restart and a leave do. Pressed by a trainee reading (or
        thinking r read on), it threw the debrief away for a fresh run at once."""
        if not self.on_top:
            return
        from sim.tui.screens.dialogs import Confirm

        def answer(yes: bool | None) -> None:
            if yes and self.on_top:
                self.play_again()

        question = f"Play this scenario again from the beginning?\n\n{self.kept_words()}"
        self.app.push_screen(Confirm(question, yes="Play again", no="Stay"), answer)

    def kept_words(self) -> str:
        """Where this debrief can be read again once the trainee plays on."""
        if self.app.debrief_kept():  # type: ignore[attr-defined]
            return "This debrief stays in your past runs: g in the library shows them."
        return "This debrief is not kept anywhere: once you play again, it is gone."

    def play_again(self) -> None:
        self.app.replay()  # type: ignore[attr-defined]

    def action_library(self) -> None:
        if self.on_top:
            self.app.pop_screen()

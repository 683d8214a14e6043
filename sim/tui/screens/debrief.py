"""The debrief: how it ended, how the meters moved, and every decision explained.

Everything shown comes from `sim.debrief.build_debrief`; this screen only lays
it out. Static widgets with literal content, no Markdown, so it opens fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Sparkline, Static

from sim.tui.screens.base import SimScreen
from sim.tui.text import change_content, from_to, literal, verdict_content
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
    parts += [("You said: ", "bold $accent"), literal(f"“{r.said}”"), "\n"]
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
    if r.why:
        parts += ["\n", ("Why: ", "bold"), literal(r.why)]
    if r.alternative:
        parts += [
            "\n",
            ("Stronger here: ", "bold $text-success"),
            literal(f"“{r.alternative.say}”"),
        ]
        if r.alternative.why:
            parts += ["\n  ", literal(r.alternative.why, "italic")]
    return Content.assemble(*parts)


def principle_content(p: PrincipleBlock) -> Content:
    counts = f"honoured {p.honoured}, undermined {p.undermined}"
    if p.neutral:
        counts += f", neutral {p.neutral}"
    parts: Parts = [literal(p.title, "bold"), (f"  ({counts})", "$text-muted")]
    if p.explanation:
        parts += ["\n", literal(p.explanation)]
    for said, verdict in p.quotes:
        parts += ["\n", verdict_content("You said", verdict), ": ", literal(f"“{said}”", "italic")]
    return Content.assemble(*parts)


class DebriefScreen(SimScreen):
    AUTO_FOCUS = "#debrief"
    BINDINGS = [
        Binding("r", "replay", "Replay"),
        Binding("escape,l", "library", "Library", key_display="esc"),
    ]

    def __init__(self, debrief: Debrief, mode: str) -> None:
        super().__init__()
        self.debrief = debrief
        self.mode = mode
        self.title = f"Debrief: {debrief.scenario_title}"
        self.sub_title = f"{mode.title()} mode"

    def body(self) -> Iterable[Widget]:
        d = self.debrief
        yield SimHeader()
        with VerticalScroll(id="debrief"):
            with Horizontal(id="debrief-top"):
                with Vertical(id="ending"):
                    outcome = d.outcome or "unfinished"
                    yield Static(
                        Content.assemble(
                            ("Ending  ", "bold $text-muted"),
                            literal(d.ending_title, "bold"),
                            (f"  ({outcome} outcome)", f"bold {OUTCOME_STYLE.get(d.outcome, '')}"),
                            *(("\n\n", literal(d.ending_text)) if d.ending_text else ()),
                            *(
                                ("\n\n", literal(d.replay_note, "italic $text-warning"))
                                if d.replay_note
                                else ()
                            ),
                        ),
                        id="ending-text",
                    )
                with Vertical(id="curve"):
                    (t0, e0), (t1, e1) = d.start, d.final
                    yield Static(from_to("Trust", t0, t1), classes="meter-summary")
                    yield Sparkline([t for t, _ in d.curve], id="trust-curve", classes="curve")
                    yield Static(
                        Content.styled(" → ".join(str(t) for t, _ in d.curve), "$text-muted"),
                        classes="curve-numbers",
                    )
                    yield Static(from_to("Empowerment", e0, e1), classes="meter-summary")
                    yield Sparkline(
                        [e for _, e in d.curve], id="empowerment-curve", classes="curve"
                    )
                    yield Static(
                        Content.styled(" → ".join(str(e) for _, e in d.curve), "$text-muted"),
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
            if d.principles:
                yield _section("The principles you worked with")
                for p in d.principles:
                    yield Static(principle_content(p), classes="principle")
            if d.reflect:
                yield _section("To reflect on")
                parts: Parts = []
                for i, prompt in enumerate(d.reflect):
                    parts += ["\n" if i else "", "• ", literal(prompt)]
                yield Static(Content.assemble(*parts), classes="reflect")
            yield Static(
                Content.styled("r plays it again · Esc goes back to the library", "$text-muted"),
                classes="debrief-end",
            )
        yield KeyBar()

    def setup(self) -> None:
        self.on_mount_curves()

    def on_mount_curves(self) -> None:
        # a few points would stretch into slabs: give each point a fixed width
        for spark in self.query(Sparkline):
            spark.styles.max_width = max(6 * len(self.debrief.curve), 12)

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")

    def action_replay(self) -> None:
        if self.is_current:
            self.app.replay()  # type: ignore[attr-defined]

    def action_library(self) -> None:
        if self.is_current:
            self.app.pop_screen()

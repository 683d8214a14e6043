"""The library: every scenario, what it trains, and the files that did not load."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sim.text import shown
from sim.tui.after_refresh import after_refresh
from sim.tui.screens.base import SimScreen
from sim.tui.text import literal
from sim.tui.textual_internals import option_span
from sim.tui.widgets.hanging import Hanging, HangingText
from sim.tui.widgets.header import SimHeader
from sim.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from sim.loading import Library
    from sim.model import Scenario
    from sim.problems import ScenarioError

# What the chosen mode gives, longest first, each named by its mode: the words sat after the
# last pill, so at a narrow width "○ Assessment   notes and undo" read as if assessment had
# notes and undo (browser44).
MODE_HELP = {
    "practice": (
        "Practice: a coach note after each choice; u undoes",
        "Practice: coach notes; u undoes",
        "Practice: notes, undo",
    ),
    "assessment": (
        "Assessment: no meters, notes or undo; the debrief shows how it went",
        "Assessment: nothing until the debrief",
        "Assessment: feedback at the end",
    ),
}


OWN_WORDS_HELP = {
    True: "type your own line first, then pick (w: off)",
    False: "pick from the lines (w: type your own first)",
}

# the same, shorter, when the full words would wrap (a narrow terminal)
OWN_WORDS_SHORT = {True: "type first, then pick", False: "pick from the lines"}
LOCKED = "set by your trainer"  # `--lock-mode`: neither switches, so no key is offered


class ScenarioList(OptionList):
    """Enter starts the highlighted scenario; a click highlights, a second click starts."""

    # shown in the KeyBar whether the list or the screen has focus
    BINDINGS = [Binding("enter", "select", "Start", id="library.start")]

    def action_page_down(self) -> None:
        if self._laid_out():
            super().action_page_down()

    def action_page_up(self) -> None:
        if self._laid_out():
            super().action_page_up()

    def _laid_out(self) -> bool:
        """Whether the highlighted entry has a place yet: OptionList's page keys read it
        without laying the list out first, and a page key just after a resize or a
        rebuild raised KeyError there (tui_monkey seed 31); laid out here, or skipped
        while the list has no room to lay it out."""
        return self.highlighted is None or option_span(self, self.highlighted) is not None

    async def on_click(self, event) -> None:  # type: ignore[no-untyped-def]
        event.prevent_default()  # instead of OptionList's click, which selects at once
        clicked = event.style.meta.get("option")
        if clicked is None or self.get_option_at_index(clicked).disabled:
            return
        if clicked == self.highlighted:
            self.action_select()
        else:
            self.highlighted = clicked

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Bring the highlighted entry into view with the level heading right above it.

        OptionList scrolls just far enough to show the entry, so ↑ back to a level's first
        scenario left its heading one line above the view, and nothing said where that
        level began (trainee playtest 26, 28).
        """
        at = self.highlighted
        if (
            at is None
            or at == 0
            or not self.is_mounted
            or not self.get_option_at_index(at - 1).disabled
        ):
            super().scroll_to_highlight(top)
            return
        heading, entry = option_span(self, at - 1), option_span(self, at)
        if heading is None or entry is None:
            return
        y, bottom = heading[0], entry[0] + entry[1]
        self.scroll_to_region(
            Region(0, y, self.scrollable_content_region.width, bottom - y),
            force=True,
            animate=False,
            top=top,
            immediate=True,
        )


class ModeSwitch(Static):
    """Practice or assessment; click or press m to switch (w: own words on or off)."""

    def render_mode(self, mode: str, own_words: bool = False, locked: bool = False) -> None:
        self._shown = (mode, own_words, locked)

        def pill(name: str) -> tuple[str, str]:
            on = name == mode
            return (f" {'●' if on else '○'} {name.title()} ", "reverse bold" if on else "")

        if locked:  # the one mode there is, not a choice that does nothing when clicked
            modes = Content.assemble(("Mode ", "bold"), pill(mode))
        else:
            modes = Content.assemble(("Mode ", "bold"), pill("practice"), " ", pill("assessment"))
        words = Content.assemble(
            ("Own words ", "bold"),
            (
                f" {'●' if own_words else '○'} {'On' if own_words else 'Off'} ",
                "reverse bold" if own_words else "",
            ),
        )
        mode_words = MODE_HELP[mode]
        words_help, words_short = OWN_WORDS_HELP[own_words], OWN_WORDS_SHORT[own_words]
        if locked:
            mode_words = tuple(f"{said} ({LOCKED})" for said in mode_words)
            words_help, words_short = f"{words_short} ({LOCKED})", words_short
        room = (self.size.width or self.app.size.width) - 2  # one line each, never wrapped

        def said(head: Content, *tries: str) -> Content:
            for help_text in (*tries, ""):
                line = Content.assemble(head, "  ", help_text) if help_text else head
                if line.cell_length <= room:
                    return line
            return head

        self.update(
            Content.assemble(
                said(modes, *mode_words),
                "\n",
                said(words, words_help, words_short),
            )
        )

    def on_resize(self) -> None:
        if getattr(self, "_shown", None) is not None:
            self.render_mode(*self._shown)

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:  # the second line: own words
            self.app.action_toggle_own_words()  # type: ignore[attr-defined]
        else:
            self.app.action_toggle_mode()


class StartButton(Static, can_focus=True):
    """Starts the highlighted scenario: click, or Enter when focused.

    A Static styled as a button (app.tcss) rather than a `Button`, whose large
    stylesheet was the costliest single widget of the first screen to set up.
    """

    BINDINGS = [Binding("enter,space", "press", "Start", show=False)]

    def on_click(self) -> None:
        self.action_press()

    def action_press(self) -> None:
        if not self.disabled:
            self.screen.action_start()  # type: ignore[attr-defined]


class LibraryScreen(SimScreen):
    """The first screen: pick a scenario and a mode."""

    BINDINGS = [
        Binding("enter", "start", "Start", show=True, priority=False, id="library.start"),
        Binding("m", "app.toggle_mode", "Mode", id="library.mode"),
        Binding("w", "app.toggle_own_words", "Own words", id="library.own-words"),
        Binding("g", "app.progress", "Progress", id="library.progress"),
        # q as well as ctrl+q (the bar's): it quits the plain player and closes the help, and
        # a trainee pressed it here to leave and saw nothing happen (trainee playtest 35).
        # Nothing is lost: the library holds no conversation, and runs left are kept.
        Binding("q", "app.quit", "Quit", show=False, id="library.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.library: Library | None = None
        self.titles: dict[str, dict[str, str]] = {}
        self._detail_shown: tuple[Scenario, str, dict[str, dict[str, str]]] | None = None
        """What the detail pane shows: the scenario, its record line and the titles."""
        self.sub_title = "Choose a scenario"

    def body(self) -> Iterable[Widget]:
        yield SimHeader()
        with Horizontal(id="library"):
            # its title is the list's border title: a pane and a title line
            # were two widgets more to style, lay out and draw at start-up
            scenarios = ScenarioList(id="scenarios")
            scenarios.border_title = "Scenarios"
            yield scenarios
            with VerticalScroll(id="detail"):
                # a "Trains" bullet that wraps goes on under its words, not under the bullet
                yield HangingText(Content("Loading scenarios…"), id="detail-text")
                yield StartButton("Start ▶", id="start", disabled=True)
        yield ModeSwitch(id="mode")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(ModeSwitch).render_mode(
            self.app.play_mode,
            self.app.own_words,  # type: ignore[attr-defined]
            self.app.mode_locked,  # type: ignore[attr-defined]
        )
        if self.library is None and self.app.list_from_index(self):  # type: ignore[attr-defined]
            return  # listed from the index at once
        if self.library is None:  # a line of text, not a LoadingIndicator: no extra
            # widget and no animation timer competing with the first paint and the load
            self.query_one(ScenarioList).add_option(
                Option(Content.styled("Loading scenarios…", "$text-muted"), disabled=True)
            )

    # -- filling in ----------------------------------------------------------
    def show_library(self, library: Library, titles: dict[str, dict[str, str]]) -> None:
        self.library = library
        self.titles = titles
        options: list[Option | None] = []
        # the list is in level order (introductory first): a heading where a level starts,
        # so a trainee sees where one ends (trainee playtest 26); none for a library of one
        # level, where it would name what every entry says. Disabled: ↑↓ pass over it.
        levels = {sc.difficulty for sc in library.scenarios}
        level: str | None = None
        heads: set[str] = set()
        for i, sc in enumerate(library.scenarios):
            if options:
                options.append(None)  # a divider line between entries
            if len(levels) > 1 and sc.difficulty != level:
                level = sc.difficulty
                heading = Content.styled(str(level).capitalize(), "bold underline $text-accent")
                # a level met again (a file opened from the command line comes first)
                # gets its heading again, under an id of its own
                hid = f"h:{level}" if f"h:{level}" not in heads else f"h:{level}:{i}"
                heads.add(hid)
                options.append(Option(heading, id=hid, disabled=True))
            # by place, not id: a file opened from the command line may share a bundled id
            # through Hanging: "ended: Maybe (mixed)" kept "(mixed)" whole on a row of its
            # own at 100 columns, the outcome cut from the ending it rates (trainee playtest 35)
            options.append(Option(Hanging(self._list_entry(sc)), id=f"s:{i}"))
        for i, broken in enumerate(library.broken):
            if options:
                options.append(None)
            if len(levels) > 1 and i == 0:  # not under the last level's heading
                heading = Content.styled("Files with problems", "bold underline $text-accent")
                options.append(Option(heading, id="h:broken", disabled=True))
            name = shown(broken.path.name) if broken.path else "a file"
            options.append(
                Option(
                    Content.assemble(
                        ("⚠ ", "bold $text-error"),
                        literal(name, "bold"),
                        ("\n  can't be played", "$text-error"),
                        # its own line: "can't be played: 2 problem(s)" wrapped
                        # mid-phrase in a list 30 columns wide (80x24)
                        f"\n  {len(broken.problems)} problem{'' if len(broken.problems) == 1 else 's'}",
                    ),
                    id=f"b:{i}",
                )
            )
        lst = self.query_one(ScenarioList)
        keep = lst.highlighted  # a refresh (a run just recorded) keeps the place
        lst.set_options(options)
        if options:
            # the same place on a refresh (a run just recorded); at first the
            # scenario played last time (settings.py), else the first
            remembered = getattr(self.app, "remembered_scenario", None)
            last = remembered() if remembered is not None else None
            ids = [sc.id for sc in library.scenarios]
            # a file opened from the command line is the one being worked on
            opened = next((i for i, sc in enumerate(library.scenarios) if self._opened(sc)), None)
            if keep is not None and keep < lst.option_count:
                lst.highlighted = keep
                if lst.get_option_at_index(keep).disabled:  # the list changed under it
                    lst.action_first()
            elif opened is not None:
                lst.highlighted = lst.get_option_index(f"s:{opened}")
            elif last in ids:
                lst.highlighted = lst.get_option_index(f"s:{ids.index(last)}")
            else:
                lst.action_first()  # the first scenario, past the first level's heading
            self.show_detail()
        else:
            self.query_one("#detail-text", HangingText).update(
                Content("No scenarios found. Add .toml files with --scenarios DIR.")
            )
        lst.focus()

    def highlight_scenario(self, scenario: Scenario) -> None:
        """Move the highlight to `scenario`, started from elsewhere (progress's s, a past
        run's r): its content notes opened over this library still showing another
        scenario's detail and notes, and Back landed on that other one (trainee37)."""
        if self.library is None:
            return
        listed = self.library.scenarios
        # by place, as the options are; an entry of the same id when it is not this one
        at = next((i for i, sc in enumerate(listed) if sc is scenario), None)
        if at is None:
            at = next((i for i, sc in enumerate(listed) if sc.id == scenario.id), None)
        if at is None:
            return
        lst = self.query_one(ScenarioList)
        index = lst.get_option_index(f"s:{at}")
        if lst.highlighted != index:
            lst.highlighted = index

    def _list_entry(self, sc: Scenario) -> Content:
        # What it trains is listed in the detail pane: scenarios train eight or nine
        # principles, and listing them here left room for three scenarios at 100x30.
        # named by its id, it is the library's own entry, highlighted, not a file opened
        opened = self._opened(sc) and not getattr(self.app, "initial_by_id", False)
        return Content.assemble(
            literal(sc.title, "bold"),
            *(
                ("\n", literal(f"{Path(sc.path).name} · the file you opened", "$text-warning"))
                if opened
                else ()
            ),
            (f"\n{sc.minutes} min · {sc.difficulty}", "$text-muted"),
            *(("\n", literal(done, "$text-success")) if (done := self._record(sc)) else ()),
            # a run left off is found where the trainee looks for the scenario, not only
            # in the one question at the start (trainee playtest 15)
            *(("\n", literal(left, "$text-warning")) if (left := self._left_off(sc)) else ()),
            # this trainee has it open in another tab: a start here is a second run
            *(("\n", literal(other, "$text-warning")) if (other := self._elsewhere(sc)) else ()),
        )

    def _opened(self, sc: Scenario) -> bool:
        return bool(sc is getattr(self.app, "initial", None) and sc.path)

    def _record(self, sc: Scenario) -> str:
        """Completed, and the best ending reached (from the records), or ''."""
        summary = getattr(self.app, "record_summary", None)
        return summary(sc.id) if summary is not None else ""

    def _left_off(self, sc: Scenario, full: bool = False) -> str:
        """Its runs left unfinished, from the records ('↻ left off after 4 choices'), or ''."""
        summary = getattr(self.app, "left_summary", None)
        return summary(sc.id, full) if summary is not None else ""

    def _elsewhere(self, sc: Scenario, full: bool = False) -> str:
        """'▶ open in another tab', from the records, or ''."""
        summary = getattr(self.app, "elsewhere_summary", None)
        return summary(sc.id, full) if summary is not None else ""

    def selected(self) -> tuple[str, Scenario | ScenarioError] | None:
        lst = self.query_one(ScenarioList)
        if self.library is None or lst.highlighted is None:
            return None
        oid = lst.get_option_at_index(lst.highlighted).id or ""
        kind, _, key = oid.partition(":")
        if kind == "s":
            return ("scenario", self.library.scenarios[int(key)])
        if kind == "b":
            return ("broken", self.library.broken[int(key)])
        return None  # a level's heading

    def show_detail(self, _index: int | None = None) -> None:
        picked = self.selected()
        text = self.query_one("#detail-text", HangingText)
        start = self.query_one("#start", StartButton)
        if picked is None:
            return
        kind, item = picked
        if kind == "broken":
            self._detail_shown = None
            # not drawn at all: a greyed "Start ▶" under the problem list still read as an
            # offer to start what cannot be played (adv30b)
            start.disabled = True
            start.display = False
            err: ScenarioError = item  # type: ignore[assignment]
            parts: list[Content | str | tuple[str, str]] = [
                ("This file can't be played yet\n", "bold $text-error"),
                literal(shown(err.path) if err.path else ""),
                "\n\nFix these problems in the file, then open peer-sim again:\n",
            ]
            for p in err.problems:
                parts += ["\n• ", literal(p.format())]
            text.update(Content.assemble(*parts))
            return
        sc: Scenario = item  # type: ignore[assignment]
        start.disabled = False
        start.display = True
        done = self._record(sc)
        left = self._left_off(sc, full=True)
        if other := self._elsewhere(sc, full=True):  # a start here: a second, separate run
            other += ": Start here begins a second, separate run, recorded apart."
            left = f"{left}\n{other}" if left else other
        prev = self._detail_shown
        if prev is not None and prev[0] is sc and prev[1] == done + left and prev[2] is self.titles:
            return  # listing highlights the entry it has just shown: no second layout
        self._detail_shown = (sc, done + left, self.titles)
        names = self.titles.get(sc.id, {})
        parts = [
            literal(sc.title, "bold $primary"),
            (f"\n{sc.minutes} minutes · {sc.difficulty}\n\n", "$text-muted"),
            literal(sc.summary),
            ("\n\nSetting  ", "bold"),
            literal(sc.setting),
            *(("\n\n", literal(done, "$text-success")) if done else ()),
            *(("\n\n" if not done else "\n", literal(left, "$text-warning")) if left else ()),
        ]
        if sc.trains:
            parts.append(("\n\nTrains\n", "bold"))
            for p in sc.trains:
                parts += ["• ", literal(names.get(p, p)), "\n"]
        if sc.content_notes:
            parts.append(("\nContent notes  ", "bold $text-warning"))
            parts.append(literal("; ".join(sc.content_notes)))
        text.update(Content.assemble(*parts))

    # -- events --------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#scenarios")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_detail()

    @on(OptionList.OptionSelected, "#scenarios")
    def _selected(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        picked = self.selected()
        if picked is None or not self.on_top:
            return
        kind, item = picked
        if kind == "broken":
            self.notify(
                "This file has problems; the details pane lists them.",
                title="Can't play this one",
                severity="warning",
                markup=False,
            )
            return
        self.app.start_scenario(item)  # type: ignore[attr-defined]

    def on_resize(self) -> None:
        # keep the highlighted scenario in view when the terminal changes size
        lst = self.query_one(ScenarioList)
        after_refresh(lst, lst.scroll_to_highlight)

    def on_mode_changed(self) -> None:
        self.query_one(ModeSwitch).render_mode(
            self.app.play_mode,
            self.app.own_words,  # type: ignore[attr-defined]
            self.app.mode_locked,  # type: ignore[attr-defined]
        )

"""Progress and past runs: per-principle mastery across runs, what to play next, old debriefs.

The figures come from `sim.records.progress` (the same as `peer-sim progress`);
this screen lays them out and lets the trainee open any finished run to read
its debrief again, as it was shown at the time.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.geometry import Size, Spacing
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, RenderOptions, Visual
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sim.debrief.words import slips_at
from sim.records.listing import not_listed
from sim.records.progress import order_words, slip_placed, slip_words, trend, trend_by_run
from sim.records.record import run_slips, slips_unrecorded
from sim.records.stored import local_minute, local_time, zone_name
from sim.tui.after_refresh import after_refresh
from sim.tui.screens.base import SimScreen
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.text import literal
from sim.tui.widgets.hanging import KEEP, Hanging, HangingText, bullet_hang, hang_lines
from sim.tui.widgets.header import ICON_WIDTH, SimHeader
from sim.tui.widgets.keybar import KeyBar
from sim.weakness import FEW_WORDS, few_lines

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

    from sim.debrief import Debrief
    from sim.records.progress import Progress
    from sim.records.store import StoredRun

Parts = list[Content | str | tuple[str, str]]


def bar(share: float, width: int = 12) -> str:
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled)


# `peer-sim progress` says "run by run, oldest first, the lines that honoured it: "; here the
# counts sit under "honoured 3, undermined 11" and the heading says what they count. Each
# count names its run ("0 of 3 in run 101"), which says the order too: without "oldest
# first", six of them take two rows at 80 columns, and at 80x24 the first principle stays
# whole in view (`make_room`), with a slip, a run to resume and the weakest's own row
RUN_BY_RUN = "run by run: "


def heading(p: Progress) -> str:
    """What the figures below count, in a trainee's words.

    A left run's kept lines count in the principles below, as `progress` and `report`
    say; "lines of 1 unfinished counted" read as a riddle (trainee playtest 30b).
    """
    n = p.unfinished
    left = f"{n} unfinished run{'s' if n != 1 else ''}"
    if not p.runs:
        return f"No finished runs yet · counting the choices in {left}"
    runs = f"{p.runs} finished run{'s' if p.runs != 1 else ''}"
    done = f"{p.scenarios_completed} scenario{'s' if p.scenarios_completed != 1 else ''} completed"
    # one row at 80 columns: a second row cut the last principle at 80x24
    return f"{runs} · {done}" + (f" · {left} counted too" if n else "")


def progress_content(p: Progress, compact: bool = False, principles: int | None = None) -> Content:
    """The figures in words; `compact`, without the blank rows around the words that head
    the principles (a short terminal: see `ProgressScreen.fit`); `principles`, only the
    first so many principles (what `ProgressScreen` keeps in view: `make_room`)."""
    if not p.runs and not p.unfinished:
        parts: Parts = [
            "No finished runs yet. Play a scenario to its ending and it shows here.",
        ]
        if p.suggestion:
            parts += [
                "\n\n",
                ("Start with  ", "bold"),
                literal(p.suggestion.title, "bold $primary"),
            ]
        return Content.assemble(*parts)
    parts = [(f"{heading(p)}\n", "bold")]
    # what to do next comes first, under the heading: below the principles it would sit
    # out of sight; then the weakest principle, only when "Next" does not name it already
    # (at 80x24 the row it took cut the first principle's run-by-run line at the box's edge)
    # why a principle at 33% heads one at 0%, said where the principle is named: in the
    # order words above the list it took a third row at 80 columns (trainee playtest 26)
    # in `progress`'s words, the slip's kind and run named (small40)
    slip = f" ({slip_words(p.weakest)})" if p.weakest and p.weakest.slip_run else ""
    # else, when its share rests on a line or two, how few: a 0% from one line read as a
    # verdict (progress40); placed by a slip, the slip is the verdict
    few = few_lines(p.weakest.honoured, p.weakest.undermined) if p.weakest else ""
    if few and not slip:
        slip = f" ({few}, {FEW_WORDS})"
    named = bool(p.weakest and p.suggestion and p.weakest.title in p.suggestion_reason)
    if p.suggestion:
        parts += [
            ("Next  ", "bold $secondary"),
            literal(p.suggestion.title, "bold $primary"),
            literal(f": {p.suggestion_reason}{slip if named else ''}. Press s to start it."),
            # a run of it left unfinished: s asks whether to resume it (trainee35)
            literal(f" {p.resume_words}" if p.resume_words else ""),
            "\n",
        ]
    if p.weakest and not named:
        parts += [("Weakest so far  ", "bold"), literal(p.weakest.title + slip), "\n"]
    # the order in the core's plain words (`order_words`): "weakest first" stood above 83%
    # listed second over 0% (trainee35). Its "(until a later run honours it)" is left out:
    # each principle a slip put first says so on its own row, and the fourth row it took
    # hid the first principle's counts at 80x24; so, then, does the blank row under it
    slipped = slip_placed(p)
    order = order_words(p, rows_name_slips=True)
    words = f"The share of your lines on each principle that honoured it, {order}"
    if not p.weakest:  # nothing undermined: no order worth explaining, nor "lowest" to say
        words = "The share of your lines on each principle that honoured it; none undermined yet"
    gap = "" if compact else "\n"
    parts.append((f"{gap}{words}{'' if compact or slipped else gap}", "$text-muted"))
    for pr in p.principles[:principles]:
        parts.append("\n")
        if pr.mastery is None:
            parts += [
                literal(pr.title, "bold"),
                (f"  only neutral so far ({pr.neutral})", "$text-muted"),
            ]
            continue
        pct = round(pr.mastery * 100)
        style = "$text-success" if pct >= 75 else "$text-warning" if pct >= 50 else "$text-error"
        parts += [
            literal(pr.title, "bold"),
            "\n  ",
            (bar(pr.mastery), style),
            f" {pct}%  honoured {pr.honoured}, undermined {pr.undermined}",
        ]
        if pr.slip_run is not None and pr.undermined:
            # why 85% heads 0%, on the row of each principle a slip put first: "Next" said it
            # of the first alone, and the second at 90% over 0% looked like a mistake
            # (trainee playtest 28)
            parts.append((f" · critical slip in run {pr.slip_run}", "$text-warning"))
        if trend(pr):
            # each count kept whole ("0 of" / "1" was split at 80 columns), the line
            # wrapped under its own start, not flush under the principle (HangingText);
            # each with its run, as `peer-sim progress` says them: "1 of 1, 0 of 5, 2 of 2"
            # could not be told apart from runs 1 to 3 when a run in between never touched
            # the principle (trainee44; the help alone said so, trainee40)
            parts += [
                (f"\n  {RUN_BY_RUN}", "$text-muted"),
                ", ".join(count.replace(" ", KEEP) for count in trend_by_run(pr)),
            ]
    return Content.assemble(*parts)


SHORT = 24  # rows: fewer, and the runs' box gives the principles room (ProgressScreen)
RUNS_MIN = 4  # rows the runs' list keeps (its min-height): its borders and one run
INDENT = 5  # the run's number and its gap: the lines under it start here


def _run_head(r: StoredRun) -> Content:
    # when it began, in the trainee's own time zone, which the runs' title names (one in
    # another, a summer run under a winter title, says its own)
    when = local_minute(r.started_at, zone_name())
    return Content.assemble(
        (f"{r.id:>3}  ", "bold"),
        literal(r.scenario_title, "bold"),
        (f"  {when} · {r.mode}", "$text-muted"),
    )


_DECISIONS = re.compile(r"decisions? \d+(?:, \d+)*(?: and \d+)?")


def _keep_decisions(text: str) -> str:
    """ "decisions 4 and 5" (and "decision 6", "decisions 2, 6 and 10") joined by `KEEP`, so a
    wrapped row does not break "a safety slip at decisions 4 and" / "5" (records37)."""
    return _DECISIONS.sub(lambda m: m.group().replace(" ", KEEP), text)


def _run_result(r: StoredRun, keep: bool = False) -> Content:
    """`keep`: each "decision N" phrase kept whole where it wraps (`Hanging` reads `KEEP`)."""
    if not r.finished:
        n = r.choices_made
        result = Content.styled(
            f"unfinished after {n} choice{'' if n == 1 else 's'}", "$text-muted"
        )
    else:
        # the outcome in words, bold, without its colour: on the highlighted row a red
        # "(poor)" or green "(strong)" on the cursor's teal could hardly be read
        result = Content.assemble(literal(r.ending_title or ""), (f" ({r.outcome})", "bold"))
    slips = slips_at(run_slips(r))
    if slips:  # the first thing to look at again, named on the run's own row; in italics,
        # not orange, which on the highlighted row's teal could hardly be read either
        said = _keep_decisions(slips) if keep else slips
        result = Content.assemble(result, (f" · {said}", "italic"))
    elif slips_unrecorded(r):  # a schema-2 store's run: no slip shown is not "none"
        result = Content.assemble(result, (" · critical slips not recorded", "italic"))
    return result


def run_entry(r: StoredRun) -> Content:
    """A past run as one piece of text (its number, scenario, when; then how it ended)."""
    return Content.assemble(_run_head(r), "\n" + " " * INDENT, _run_result(r))


class _Rows(Visual):
    """Visuals one under the other: an option of two parts, the second indented.

    Every list keeps 12 columns however narrow the window (app.tcss), so the indented
    part always has a column to wrap in.
    """

    def __init__(self, *rows: Visual) -> None:
        self._rows = rows

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        strips = [s for row in self._rows for s in row.render_strips(width, None, style, options)]
        return strips if height is None else strips[:height]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(row.get_optimal_width(rules, container_width) for row in self._rows)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(row.get_height(rules, width) for row in self._rows)


def run_prompt(r: StoredRun) -> Visual:
    """`run_entry` for the list: how it ended keeps its indent when it wraps (a run with two
    slips ran on at column 1, under the run's number, at 100 columns), and so does the
    head ("assessment" went on under the number of a run of "Medication in the ED" at 60
    columns; trainee playtest 35)."""
    return _Rows(
        Hanging(_run_head(r), INDENT),
        # wrapped by a Hanging: Content wraps at every space, a no-break one too, and
        # "a safety slip at decisions 4 and" / "5" broke across rows at 80 columns
        Padding(Hanging(_run_result(r, keep=True)), Spacing(0, 0, 0, INDENT)),
    )


class ProgressScreen(SimScreen):
    """Opened with g from the library."""

    DEFAULT_CSS = """
    ProgressScreen #progress-body { height: 1fr; }
    ProgressScreen #progress { height: 1fr; padding: 0 1; }
    ProgressScreen #runs-title { padding: 1 1 0 1; }
    ProgressScreen #past-runs { height: auto; max-height: 45%; min-height: 4; }  /* RUNS_MIN */
    ProgressScreen #runs-unlisted { padding: 0 1; }
    ProgressScreen.-short #runs-title { padding: 0 1; }
    ProgressScreen.-short #past-runs { max-height: 35%; }
    """
    # -short, below SHORT rows: at 60x18 the runs' title and box left the principles six
    # rows, all taken by the words above them, and not one principle showed, only "PgDn
    # More principles" (trainee playtest 35); the runs' box keeps a run whole and scrolls,
    # the title sits close, and the principles' words lose their blank rows
    # The principles take the room the runs do not need: the runs' box had half of a
    # 1024x600 page for one run while the principles scrolled in ten rows.
    AUTO_FOCUS = "#past-runs"
    BINDINGS = [
        # priority: the list's own Enter (not shown) hid this one from the key bar
        Binding("enter", "open_run", "Read debrief", priority=True),
        # the same Enter on a run left unfinished: the bar says what it does there
        Binding("enter", "resume_run", "Resume", priority=True),
        Binding("s", "suggested", "Play next"),
        Binding("escape,l,q", "back", "Library", key_display="esc"),
        # the principles by keyboard: the runs' list has ↑↓ and the focus, and only Tab
        # (said nowhere) reached the principles below the first few at 1024x600
        Binding("pagedown", "principles(1)", "More principles", key_display="PgDn", priority=True),
        Binding("pageup", "principles(-1)", "Back up", show=False, priority=True),
    ]

    def __init__(
        self,
        progress: Progress,
        runs: list[StoredRun],
        where: str,
        whose: str = "",
        unlisted: list[int] | None = None,
        numbers: str = "",
    ) -> None:
        """`where` the runs are kept, said after the principles (in the title it was cut at
        80 columns); `whose` they are, a served trainee's name, in the title; `unlisted`, the
        ids of runs left out of the list (`StoredRun.listed`), named under it; `numbers`,
        why the runs' numbers skip some (a served trainee's: `listing.SHARED_NUMBERS`)."""
        super().__init__()
        self.progress = progress
        self.runs = runs
        self.unlisted = list(unlisted or [])
        self.numbers = numbers
        self.where = where
        self.title = "Progress and past runs"
        self.sub_title = whose

    def body(self) -> Iterable[Widget]:
        yield SimHeader()
        with Vertical(id="progress-body"):
            with VerticalScroll(id="progress"):
                yield HangingText(
                    progress_content(self.progress, self.has_class("-short")), id="progress-text"
                )
                if self.where:  # after the principles: a detail, and the runs keep their rows
                    yield Static(
                        literal(f"\n{self.where[0].upper()}{self.where[1:]}.", "$text-muted")
                    )
            yield Static(
                Content.assemble(
                    ("Past runs", "bold $secondary"),
                    # which time the rows give: the resume question gives when a run was
                    # left, and "08:28" there beside "08:23" here read as two runs; both
                    # in the trainee's own time, not UTC (trainee playtest 35), and the
                    # zone named, as `peer-sim runs` names it (a supervisor read the two
                    # as different clocks; records37). One row at 60 columns, a zone
                    # such as UTC+05:30 too: two took a principle's row at 60x18
                    (f" (begun at, {zone_name()})", "$text-muted"),
                    ("  Enter: debrief or resume", "$text-muted"),
                ),
                id="runs-title",
            )
            yield OptionList(*self._options(), id="past-runs")
            notes = Static(literal(self._notes(), "$text-muted"), id="runs-unlisted")
            notes.display = bool(self._notes())
            yield notes
        yield KeyBar()

    def _options(self) -> list[Option]:
        return [Option(run_prompt(r), id=f"r:{r.id}") for r in reversed(self.runs)] or [
            Option(Content("No runs recorded yet."), disabled=True)
        ]

    def _notes(self) -> str:
        """Said under the list: the runs left out of it, and why the numbers skip some."""
        said = [f"{not_listed(self.unlisted)}." if self.unlisted else "", self.numbers]
        return " ".join(s for s in said if s)

    def refill(
        self, progress: Progress, runs: list[StoredRun], unlisted: list[int], numbers: str
    ) -> None:
        """The figures and runs read again (`on_screen_resume`), the run highlighted kept."""
        highlighted = self._highlighted_run()
        self.progress, self.runs, self.unlisted, self.numbers = progress, runs, unlisted, numbers
        self.query_one("#progress-text", HangingText).update(
            progress_content(progress, self.has_class("-short"))
        )
        lst = self.query_one("#past-runs", OptionList)
        lst.clear_options()
        lst.add_options(self._options())
        if highlighted is not None:
            with contextlib.suppress(Exception):  # a run no longer listed: the first is
                lst.highlighted = lst.get_option_index(f"r:{highlighted.id}")
        notes = self.query_one("#runs-unlisted", Static)
        notes.update(literal(self._notes(), "$text-muted"))
        notes.display = bool(self._notes())
        lst.styles.max_height = None  # the room measured again for the new figures
        after_refresh(self, self.make_room)

    _shown_once = False

    def on_screen_resume(self) -> None:
        """Back from a past run's debrief: read the records again, as an opening does
        (`records_now`), so a run another window or player wrote meanwhile is listed
        (records37); the first showing was read just before."""
        if not self._shown_once:
            self._shown_once = True
            return
        reread = getattr(self.app, "reread_progress", None)
        if reread is not None:
            reread(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return False
        if action == "principles":  # shown while some principles are out of view below
            box = self.query_one("#progress", VerticalScroll)
            # at the list's end "PgDn More principles" went on showing
            return round(box.scroll_y) < box.max_scroll_y or parameters == (-1,)
        if action in ("open_run", "resume_run"):  # one of the two, by the run highlighted
            run = self._highlighted_run()
            return (run is not None and not run.finished) == (action == "resume_run")
        return True

    def _highlighted_run(self) -> StoredRun | None:
        lst = self.query_one("#past-runs", OptionList)
        if lst.highlighted is None:
            return None
        oid = lst.get_option_at_index(lst.highlighted).id or ""
        return next((r for r in self.runs if oid == f"r:{r.id}"), None)

    @on(OptionList.OptionHighlighted, "#past-runs")
    def _highlighted(self) -> None:
        self.refresh_bindings()

    def setup(self) -> None:
        self.watch(self.query_one("#progress"), "scroll_y", self._scrolled, init=False)

    def _scrolled(self) -> None:
        self.refresh_bindings()

    def fit(self, size: Size) -> None:
        short = size.height < SHORT
        if short == self.has_class("-short"):
            return
        self.set_class(short, "-short")
        with contextlib.suppress(NoMatches):  # not yet composed: it is built compact or not
            self.query_one("#progress-text", HangingText).update(
                progress_content(self.progress, short)
            )

    def on_resize(self) -> None:
        self.fit(self.size)
        with contextlib.suppress(NoMatches):  # the runs' room is measured again (make_room)
            self.query_one("#past-runs", OptionList).styles.max_height = None
        after_refresh(self, self.make_room)

    def make_room(self) -> None:
        """The first principle whole in the principles' box, the runs' list giving up rows.

        At 80x24 the heading, "Next" with a run left to resume, the weakest principle's row
        and the order words (three rows once a critical slip placed a principle) left the
        first principle's run-by-run counts under the box's edge, and the runs' list kept
        nine rows. The list keeps its CSS share when the first principle fits, else gives
        what it must, down to its min-height (a run whole)."""
        text = self.query_one("#progress-text", HangingText)
        box = self.query_one("#progress", VerticalScroll)
        runs = self.query_one("#past-runs", OptionList)
        width = text.content_region.width
        if width > 0:
            head = progress_content(self.progress, self.has_class("-short"), principles=1)
            short_by = len(hang_lines(head, width, bullet_hang)) - box.content_region.height
            if short_by > 0:
                runs.styles.max_height = max(RUNS_MIN, runs.outer_size.height - short_by)
        after_refresh(self, self.refresh_bindings)

    def action_principles(self, pages: int) -> None:
        box = self.query_one("#progress", VerticalScroll)
        if pages < 0:
            box.scroll_page_up(animate=False)
        else:
            box.scroll_page_down(animate=False)

    @on(OptionList.OptionSelected, "#past-runs")
    def _selected(self) -> None:
        self.action_open_run()

    def action_open_run(self) -> None:
        lst = self.query_one("#past-runs", OptionList)
        if lst.highlighted is None or not self.on_top:
            return
        oid = lst.get_option_at_index(lst.highlighted).id or ""
        if oid.startswith("r:"):
            self.app.open_past_run(int(oid[2:]))  # type: ignore[attr-defined]

    def action_resume_run(self) -> None:
        self.action_open_run()  # the app resumes a run left unfinished (open_past_run)

    def action_suggested(self) -> None:
        s = self.progress.suggestion
        if s is not None and self.on_top:
            self.app.pop_screen()
            self.app.start_by_id(s.id)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        if self.on_top:
            self.app.pop_screen()


class PastDebriefScreen(DebriefScreen):
    """A finished run's debrief read again; r plays that scenario afresh, Esc goes back
    to the runs it was opened from (the bar and the last line once said "Library")."""

    # "Your runs", as the library's is "Library": "Back to your runs" pushed "? Help" off the
    # bar at 60 columns (trainee44)
    BINDINGS = [Binding("escape,l,q", "library", "Your runs", key_display="esc")]
    END = "r plays this scenario again · Esc goes back to your runs"

    def __init__(self, debrief: Debrief, mode: str, run: StoredRun) -> None:
        super().__init__(debrief, mode)
        self.stored = run
        # as the run's row in the list reads, and with its zone, as every time a person
        # reads names it (`local_time`): left out, as it once was to fit 80 columns, a
        # supervisor elsewhere read the run's time as their own (records37)
        self.sub_title = f"Run {run.id} · {local_time(run.started_at)} · {mode}"
        self._full_sub = self.sub_title
        self._full_title = self.title

    def fit(self, size: Size) -> None:
        """The title's "Debrief: " goes where the whole line would be cut (at 80 columns
        "Debrief: Medication in the ED — Run 12 · 2026-11-30 20:56 CST · assessment" is
        one too long): the run, its time and zone, and its mode stay whole."""
        super().fit(size)
        if not hasattr(self, "_full_title"):  # fitted while DebriefScreen was set up
            return
        room = size.width - ICON_WIDTH - 1  # as SimHeader gives a long title
        whole = len(f"{self._full_title} — {self._full_sub}") <= room
        self.title = self._full_title if whole else self.debrief.scenario_title
        # still too long (60 columns cut "Crisis Moment — Run 2 · 2026-12-04 21:18 UTC ·
        # pra…", the mode lost; trainee44): the time goes, which the run's row in past runs
        # gives, and the run and its mode stay whole
        brief = f"Run {self.stored.id} · {self.mode}"
        fits = len(f"{self.title} — {self._full_sub}") <= room
        self.sub_title = self._full_sub if whole or fits else brief

    def kept_words(self) -> str:
        return "This run stays in your past runs."

    def play_again(self) -> None:
        self.app.pop_screen()
        self.app.start_by_id(self.stored.scenario_id)  # type: ignore[attr-defined]

    def action_library(self) -> None:
        if self.on_top:
            self.app.pop_screen()

"""Past runs, replays and the progress screen: whose runs they are, in words a trainee
reads, laid out to fit 80 columns. Each test is a thing a trainee met while playing
(trainee play-throughs 5-13).
"""

from __future__ import annotations

from pathlib import Path

from sim.records.stored import zone_name
from sim.tui.app import PeerSimApp
from sim.tui.screens.classroom import ClassSummaryScreen
from sim.tui.textual_internals import toasts_showing
from tests.tui.helpers import (
    make_app,
    one_run_then_progress,
    open_replay,
    open_talk,
    progress_opened,
    ready,
    records_read,
    screen_lines,
    screen_name,
    until,
)


async def test_a_past_debrief_says_where_esc_goes_and_its_palette_replays_that_run() -> None:
    """The bar said 'esc Library' and Esc went to progress; the palette's Play again
    started the scenario played last, not the run being read."""
    from sim.tui.screens.progress import PastDebriefScreen, ProgressScreen
    from tests.tui.helpers import screen_lines

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("1", "space", "1", "enter")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Keys" not in titles and "Maximize" not in titles
        await progress_opened(app, pilot, "escape", "g")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PastDebriefScreen)
        bar = screen_lines(app)[-1]
        assert "esc Your runs" in bar and "Library" not in bar
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Back to library" not in commands
        commands["Back to your runs"].callback()
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("enter")
        await pilot.pause()
        app._last_play = None  # as if another scenario had been played since
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Play again"].callback()
        await pilot.pause()
        assert "This run stays in your past runs." in app.screen.question  # asked, as r asks
        await pilot.press("y")
        await pilot.pause()
        assert type(app.screen).__name__ in ("ContentNotes", "PlayScreen")


def test_a_past_run_s_outcome_is_not_coloured_over_the_highlight() -> None:
    """A red '(poor)' on the teal cursor row of Past runs could hardly be read."""
    from sim.records.store import StoredRun
    from sim.tui.screens.progress import run_entry

    run = StoredRun(
        1, "r", "talk", "A Short Talk", "d", "practice", "finished", "", "2026-11-30T08:00",
        "2026-11-30T08:05", "2026-11-30T08:05", {}, "bye", "A polite goodbye", "poor", 48, 28,
        None,
    )  # fmt: skip
    entry = run_entry(run)
    assert "A polite goodbye (poor)" in entry.plain
    at = entry.plain.index("(poor)")
    on_outcome = [str(s.style) for s in entry.spans if s.start <= at < s.end]
    assert on_outcome == ["bold"]


async def test_a_replay_highlights_the_line_the_trainee_picked() -> None:
    """The cursor sat on line 1 at every decision of a replay, marking it as if chosen."""
    from sim.tui.widgets.choices import ChoiceList

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        replay = await open_replay(app, pilot, ["hello#2", "plan#1"])
        choices = replay.query_one(ChoiceList)
        assert choices.highlighted == 1  # the trainee said line 2 here
        await pilot.press("space")
        assert replay.run.state.decisions[0].index == 1
        await pilot.press("space")  # the scene that goes on by itself
        assert replay.run.waits_for_choice and choices.highlighted == 0


async def test_a_served_trainee_s_progress_names_them_not_the_trainer_s_records_path() -> None:
    from tests.tui.helpers import ready

    app = make_app()
    app.ask_trainee = True
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press(*"Alex", "enter")
        await pilot.pause()
        await progress_opened(app, pilot)
        assert app.screen.sub_title == "Alex"
        assert "records.db" not in app.screen.sub_title


async def test_the_palette_over_the_name_prompt_offers_no_way_to_play() -> None:
    # browser30: ctrl+p over the served name prompt, "Progress and past runs", then s,
    # started First Meeting with no name given: a run recorded under no trainee
    from tests.tui.helpers import ready

    app = make_app()
    app.ask_trainee = True
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert screen_name(app) == "TraineePrompt"
        offered = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Help", "Quit"} <= offered
        assert not {t for t in offered if "Progress" in t or "mode" in t or "own words" in t}
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"progress")
        await pilot.pause(0.5)  # the palette's search is a worker
        await pilot.press("enter")
        await pilot.pause(0.5)
        await pilot.press("s")  # the progress screen's "play next", had it opened
        await pilot.pause(0.5)
        stack = [type(s).__name__ for s in app.screen_stack]
        assert stack[-2:] == ["TraineePrompt", "SafeCommandPalette"], stack
        await pilot.press("escape")  # the palette, still searching
        await pilot.pause()
        assert screen_name(app) == "TraineePrompt" and not app.trainee
        await pilot.press(*"Alex", "enter")
        await pilot.pause()
        offered = {c.title for c in app.get_system_commands(app.screen)}
        assert "Progress and past runs" in offered


async def test_p_pauses_at_a_decision_of_an_own_words_replay() -> None:
    """A replay shows no box: its decisions are not the box's, and p still pauses."""

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        replay = await open_replay(app, pilot, ["hello#2", "plan#1"], words=["go", "hm"])
        assert replay.run.waits_for_choice and replay.run.own_words
        await pilot.press("p")
        await pilot.pause()
        assert screen_name(app) == "Pause"


async def test_a_terminal_trainee_s_progress_says_whose_runs_and_where_in_words() -> None:
    """The title showed the bare records path, which a trainee read as an error."""
    from tests.tui.helpers import ready, screen_lines

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await progress_opened(app, pilot)
        # after the principles, where it can wrap: in the title it was cut at 80 columns
        shown = " ".join(screen_lines(app))
        assert "Your runs, kept in " in shown and "records.db" in shown
        assert "kept in" not in app.screen.sub_title


def test_where_the_runs_are_kept_is_said_from_home_and_through_the_gate() -> None:

    from sim.tui.summaries import _kept_in

    assert _kept_in(Path.home() / "peer" / "records.db") == "your runs, kept in ~/peer/records.db"
    said = _kept_in(Path("/srv/a\x1b]0;owned\x07b/records.db"))
    assert said == "your runs, kept in /srv/a\\x1b]0;owned\\x07b/records.db"


async def test_progress_says_run_by_run_in_words_not_honoured_of_judged() -> None:
    """'over time (honoured of judged, oldest first): 2/4' read as a riddle; with one run it
    only repeated the counts above it."""
    from tests.records.test_app_records import play_talk
    from tests.tui.helpers import ready, screen_lines

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await play_talk(app, pilot, "1")
        await progress_opened(app, pilot)
        once = "\n".join(screen_lines(app))
        await pilot.press("escape")
        await play_talk(app, pilot, "1")
        await progress_opened(app, pilot)
        twice = "\n".join(screen_lines(app))
    assert "judged" not in once and "run by run" not in once
    assert "judged" not in twice
    assert "run by run: 1 of 1 in run 1, 1 of 1 in run 2" in twice


async def test_progress_gives_the_principles_the_room_and_pgdn_reaches_them() -> None:
    """At 1024x600 (113x33 cells) the runs' box took half the page for one run while the
    principles scrolled in ten rows, reached by keyboard only with Tab (said nowhere)."""
    from textual.containers import VerticalScroll
    from textual.widgets import OptionList

    app = make_app()
    async with app.run_test(size=(113, 33)) as pilot:
        await one_run_then_progress(app, pilot)
        runs = app.screen.query_one("#past-runs", OptionList)
        assert runs.outer_size.height <= 4  # one run: two lines in a border
        await pilot.resize_terminal(60, 18)  # the smallest the app takes
        await pilot.pause()
        principles = app.screen.query_one("#progress", VerticalScroll)
        assert principles.max_scroll_y > 0
        # "PgDn More", at 60 columns, so that "? Help" fits too (browser44)
        bar = screen_lines(app)[-1].rstrip()
        assert "PgDn More" in bar and bar.endswith("? Help"), bar
        await pilot.press("pagedown")
        await pilot.pause()
        assert principles.scroll_y > 0


async def test_past_runs_keep_their_indent_and_slips_are_not_orange_on_the_highlight() -> None:
    """A run with two slips wrapped at 100 columns and ran on at column 1, under the run's
    number; its slips were orange on the highlighted row's teal, hard to read."""
    from sim.records.progress import compute
    from sim.records.store import StoredRun
    from sim.tui.screens.progress import ProgressScreen, run_entry
    from tests.tui.helpers import ready

    long_title = "An ending whose title is long enough to wrap " * 3
    run = StoredRun(
        1, "r", "talk", "A Short Talk", "d", "practice", "finished", "", "2026-11-30T08:00",
        "2026-11-30T08:05", "2026-11-30T08:05", {}, "bye", long_title.strip(), "poor", 48, 28,
        None,
    )  # fmt: skip
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await app.push_screen(ProgressScreen(compute([run], []), [run], "kept here"))
        await pilot.pause()
        lines = screen_lines(app)
        at = next(i for i, line in enumerate(lines) if "A Short Talk" in line and "·" in line)
        wrapped = lines[at + 1 : at + 3]  # how it ended, on two lines: both under the title
        assert all(line.startswith("▊      ") and line[7:].strip() for line in wrapped), wrapped
        assert wrapped[1].strip("▊▎ ").endswith("(poor)")
    entry = run_entry(run)
    assert "$warning" not in str([s.style for s in entry.spans])


async def test_a_past_run_s_head_keeps_its_indent_when_it_wraps() -> None:
    """At 60 columns "6  Medication in the ED  2026-12-04 08:31 ·" went on with
    "assessment" at column 1, under the run's number (trainee playtest 35)."""
    from sim.records.progress import compute
    from sim.records.store import StoredRun
    from sim.tui.screens.progress import ProgressScreen
    from tests.tui.helpers import ready

    run = StoredRun(
        6, "r", "talk", "Medication in the Emergency Dept", "d", "assessment", "finished", "",
        "2026-11-30T08:00", "2026-11-30T08:05", "2026-11-30T08:05", {}, "bye", "Another room",
        "poor", 48, 28, None,
    )  # fmt: skip
    app = make_app()
    async with app.run_test(size=(60, 18)) as pilot:
        await ready(app, pilot)
        await app.push_screen(ProgressScreen(compute([run], []), [run], "kept here"))
        await pilot.pause()
        lines = screen_lines(app)
        at = next(i for i, line in enumerate(lines) if "Medication in the Emergency" in line)
        assert "assessment" not in lines[at], lines[at]  # it does wrap at 60 columns
        head = lines[at + 1]  # the rest of the head, under the title, not the number
        assert head.startswith("▊      ") and head[7] != " " and "assessment" in head, head
        assert lines[at + 2].startswith("▊      Another room (poor)"), lines[at + 2]


async def test_a_served_trainee_back_in_lower_case_is_named_as_the_records_spell_them() -> None:
    """Back as "jordan lee", the library's title said "Jordan Lee" and progress "jordan lee"."""
    from tests.tui.helpers import ready

    first = make_app()
    first.ask_trainee = True
    async with first.run_test(size=(100, 30)) as pilot:
        await ready(first, pilot)
        await pilot.press(*"Jordan Lee", "enter")
        await pilot.pause()
        await pilot.press("down", "enter", "enter")
        await pilot.pause()
        await pilot.press("1", "space", "1")
        await pilot.pause()
    again = make_app()
    again.ask_trainee = True
    async with again.run_test(size=(100, 30)) as pilot:
        await ready(again, pilot)
        await pilot.press(*"jordan lee", "enter")
        await pilot.pause()
        await pilot.press("g")
        await records_read(again, pilot)
        assert again.screen.sub_title == "Jordan Lee"


async def test_a_replay_of_own_words_says_no_not_yet() -> None:
    """The "Not yet" note is for a trainee typing ahead of their turn; a replay has no box."""
    from tests.tui.helpers import open_replay

    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        replay = await open_replay(app, pilot, ["hello#2", "plan#1"], words=["go", "hm"])
        await pilot.press("space")  # the first line, to the scene that goes on by itself
        await pilot.pause()
        assert not replay.run.waits_for_choice and not replay.run.over
        await pilot.press("j", "u")
        await pilot.pause()
        assert not [n for n in toasts_showing(app) if n.title == "Not yet"]
        assert "^z" not in screen_lines(app)[-1]


async def test_the_class_summary_keeps_a_trainee_s_wrapped_row_under_the_name() -> None:
    """The trainer's Class summary: a trainee's row went on at column 1, below the
    headings' edge, so the rows ran together."""
    from tests.class_rows import finished_run, report_lines

    # the rows as `report` builds them (rows written by hand fell behind it: report39)
    lines = report_lines(
        [
            finished_run(1, "Ana Torres", seconds=120),
            finished_run(2, "Ben Okoro", mode="assessment"),
        ]
    )
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        app.push_screen(ClassSummaryScreen(lines, "/tmp/records.db"))
        await pilot.pause()
        shown = screen_lines(app)
    row = next(i for i, line in enumerate(shown) if "Ana Torres:" in line)
    name_at = shown[row].index("Ana Torres:")
    assert shown[row + 1][: name_at + 2].strip() == ""  # under the name, two columns in
    assert "Ben Okoro:" in shown[row + 2] and shown[row + 2].index("Ben Okoro:") == name_at


async def test_a_past_debrief_s_title_fits_at_80_columns() -> None:
    """Re-read from progress at 80x24, the title was cut: "— Run 2 · 2026-11-30 20:56 UTC ·
    ass…", the mode lost. It now reads as the run's row in the list does."""
    from sim.cli import main
    from sim.tui.screens.progress import PastDebriefScreen

    picks = "2,3,3,3,3,1,3,2,1,2,4,3,3,2"
    assert main(["play", "check-in-call", "--choices", picks, "--mode", "assessment"]) == 0
    app = PeerSimApp()
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PastDebriefScreen)
        title = screen_lines(app)[0]
    assert "…" not in title and "Run 1 · " in title and title.rstrip().endswith("assessment")
    # the time names its zone, as every time a person reads does (stored.local_time)
    assert f" {zone_name()} · assessment" in title, title


async def test_a_past_debrief_s_title_names_the_zone_at_80_columns_for_the_longest_title() -> None:
    """The longest bundled title with the zone named: "Debrief: " gives way so the run, its
    time, zone and mode stay whole at 80 columns; in a wider window it is back."""
    from sim.tui.screens.progress import PastDebriefScreen
    from tests.records.conftest import play

    assert play("medication-in-the-ed", None, ("--mode", "assessment")) == 0
    app = PeerSimApp()
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PastDebriefScreen)
        title = screen_lines(app)[0].rstrip()
        assert "…" not in title and "Medication in the ED — Run 1 · " in title, title
        assert title.endswith(f" {zone_name()} · assessment"), title
        # at 60 columns the time gives way, the run and its mode whole ("pra…" was cut;
        # trainee44); the time is the run's row in past runs
        await pilot.resize_terminal(60, 18)
        assert await until(lambda: "Run 1 · assessment" in screen_lines(app)[0], pilot)
        assert "…" not in screen_lines(app)[0], screen_lines(app)[0]
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert await until(
            lambda: "Debrief: Medication in the ED — Run 1 · " in screen_lines(app)[0], pilot
        )
        assert screen_lines(app)[0].rstrip().endswith(f" {zone_name()} · assessment")


def test_progress_says_how_it_orders_in_words_its_list_keeps() -> None:
    """ "Each principle, weakest first, a pattern of slips before a single one" sat over a
    list whose first row was one slip at 0%, above two slips at 50%: the sentence said the
    opposite of the order. The order weighs a share from a line or two less than one
    from many, and the app, `peer-sim progress` and the class report now say so."""
    from sim.records.progress import ORDER_WORDS, PrincipleProgress, Progress
    from sim.tui.screens.progress import progress_content

    single = PrincipleProgress("respect", "Respect each person's own journey", 0, 1)
    pattern = PrincipleProgress("advice", "Offer advice to spark a conversation", 2, 2)
    shown = progress_content(Progress(2, 2, [single, pattern], single, None, "")).plain
    assert shown.index("Respect each") < shown.index("Offer advice")  # 0% of one line first
    assert "a pattern of slips before a single one" not in shown
    assert ORDER_WORDS in " ".join(shown.split())
    assert "a line or two weighs less than one from many" in ORDER_WORDS


async def test_the_run_by_run_counts_wrap_whole_and_under_their_own_start_at_80_columns() -> None:
    """At 80 columns "...the lines that honoured it: 3 of 3, 1 of 2, 0 of" went on at the
    left edge with "1, 1 of 4, 0 of 2": a count split in two, its end read as a new row.
    Counts that do not fit one row (two-digit ones) wrap whole, under their own start."""
    from sim.records.progress import PrincipleProgress, Progress
    from sim.tui.screens.progress import RUN_BY_RUN, ProgressScreen

    history = [(1, 3, 0), (2, 1, 1), (3, 10, 1), (4, 11, 3), (5, 10, 2), (6, 12, 3)]
    boundaries = PrincipleProgress("boundaries", "Keep warm, clear boundaries", 47, 10, 0, history)
    progress = Progress(6, 5, [boundaries], boundaries, None, "")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ProgressScreen(progress, [], ""))
        await pilot.pause()
        rows = [row.rstrip() for row in screen_lines(app)]
        start = next(i for i, row in enumerate(rows) if RUN_BY_RUN.strip() in row)
        words = rows[start].index("run by run")
        counts = []
        for row in rows[start + 1 :]:
            if not row[: words + 1].strip():  # a wrapped row: under its own start, not flush
                counts.append(row.strip())
            else:
                break
        assert counts, rows[start : start + 3]  # the counts did wrap at 80 columns
        told = " ".join([rows[start].split("run by run:")[1], *counts])
        assert [c.strip() for c in told.split(", ")] == [
            "3 of 3 in run 1",
            "1 of 2 in run 2",
            "10 of 11 in run 3",
            "11 of 14 in run 4",
            "10 of 12 in run 5",
            "12 of 15 in run 6",
        ]
        assert not any(row.endswith(" of") for row in rows)  # no count cut in two


def _counts_rows(rows: list[str]) -> tuple[int, int]:
    """The rows of the first principle's run-by-run counts: its first, and the one after
    its last (its wrapped rows go on indented under it)."""
    at = next(i for i, row in enumerate(rows) if "run by run:" in row)
    end = at + 1
    while end < len(rows) and rows[end].startswith("     ") and rows[end].strip():
        end += 1
    return at, end


def _joined(rows: list[str]) -> str:
    return " ".join(" ".join(rows).split())


async def test_progress_at_80x24_shows_the_weakest_principle_whole() -> None:
    """At 80x24 the principles' box showed one principle and cut its run-by-run line at the
    box's edge ("0 of 3, 1 of 1,"): the weakest principle was named twice (its own row and
    "Next ... your weakest principle so far") and its counts took two rows. Now the first
    principle and all six of its runs' counts are on screen, each on one row."""
    from sim.records.progress import PrincipleProgress, Progress, ScenarioInfo
    from sim.records.store import StoredRun
    from sim.tui.screens.progress import ProgressScreen

    respect = PrincipleProgress(
        "respect", "Respect each person's own journey", 4, 12, 0,
        [(1, 0, 3), (2, 1, 1), (3, 1, 4), (4, 1, 5), (5, 0, 1), (6, 1, 1)],
    )  # fmt: skip
    pathways = PrincipleProgress(
        "pathways", "Honour many pathways to recovery", 2, 8, 0,
        [(1, 0, 1), (2, 0, 2), (3, 1, 1), (4, 0, 3), (5, 0, 1), (6, 1, 2)],
    )  # fmt: skip
    culture = ScenarioInfo("culture", "Culture and Ceremony", ("respect",))
    reason = f"it trains {respect.title}, your weakest principle so far"
    progress = Progress(12, 4, [respect, pathways], respect, culture, reason)
    runs = [
        StoredRun(
            n, f"r{n}", "talk", "A Short Talk", "d", "practice", "finished", "",
            "2026-11-30T08:00", "2026-11-30T08:05", "2026-11-30T08:05", {}, "bye",
            "Goodbye for now", "mixed", 48, 28, None,
        )
        for n in range(1, 13)
    ]  # fmt: skip
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ProgressScreen(progress, runs, "kept here"))
        await pilot.pause()
        await pilot.pause()
        rows = [row.rstrip() for row in screen_lines(app)]
        shown = "\n".join(rows)
        assert "Weakest so far" not in shown and "weakest principle so far" in shown
        counts = (
            "0 of 3 in run 1, 1 of 2 in run 2, 1 of 5 in run 3, 1 of 6 in run 4, "
            "0 of 1 in run 5, 1 of 2 in run 6"
        )
        at, end = _counts_rows(rows)
        assert _joined(rows[at:end]) == f"run by run: {counts}", rows[at:end]
        box = app.screen.query_one("#progress")
        assert end <= box.region.bottom  # inside the principles' box, not under its edge
    # with no suggestion naming it, the weakest keeps its own row
    alone = Progress(12, 4, [respect, pathways], respect, None, "")
    from sim.tui.screens.progress import progress_content

    assert "Weakest so far" in progress_content(alone).plain


async def test_a_run_restarted_and_left_before_a_choice_is_not_a_past_run() -> None:
    """Past runs listed "A Short Talk · unfinished after 0 choices" for a run restarted and
    left with no line standing: nothing to read or resume there, noise for a trainee. The
    finished run and one left after a choice are listed; the records keep all three."""
    from sim.records import Store

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("1", "space", "1", "enter")  # finished
        await pilot.pause()
        await pilot.press("r", "y")  # again: one line, then restarted and left
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        app.action_restart()
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape")  # nothing said: leaves without asking
        await pilot.pause()
        await pilot.press("enter", "enter")  # a third run, left after a line
        await pilot.pause()
        await pilot.press("1", "escape", "y")
        await pilot.pause()
        await progress_opened(app, pilot)
        shown = "\n".join(screen_lines(app))
        assert "after 0 choices" not in shown, shown
        assert "unfinished after 1 choice" in shown and "A plan of Sam's own" in shown
        # the run left out is named, as `peer-sim runs` names it: no one looks for run 2
        assert (
            "Not listed: run 2, with no line kept: opened (or restarted) and left, or every line taken back."
            in shown
        )
    assert sorted(len(r.progress.get("choices", [])) for r in Store.open().runs()) == [0, 1, 2]


def test_a_principle_first_for_its_critical_slip_says_so_where_it_is_named() -> None:
    """Boundaries at 33% above Listen actively at 0% (a critical slip undermined it): the
    reason, in the order words above the list, took them to a third row at 80 columns and
    hid a principle at 80x24 (trainee26); it is said beside the principle's name instead."""
    from sim.records.progress import (
        ORDER_WORDS,
        PrincipleProgress,
        Progress,
        ScenarioInfo,
        order_words,
    )
    from sim.tui.screens.progress import progress_content

    bounds = PrincipleProgress(
        "boundaries", "Keep warm, clear boundaries", 2, 4, slip_run=1,
        slip_kinds=("dual-relationship",),
    )  # fmt: skip
    listen = PrincipleProgress("active-listening", "Listen actively", 0, 2)
    nxt = ScenarioInfo("first-meeting", "First Meeting", ("boundaries",))
    reason = "it trains Keep warm, clear boundaries, your weakest principle so far"
    progress = Progress(1, 1, [bounds, listen], bounds, nxt, reason)
    shown = progress_content(progress).plain
    flat = " ".join(shown.split())
    assert f"{reason} (a dual relationship undermined it in run 1). Press s" in flat, flat
    assert ORDER_WORDS in flat
    # the order in the core's words, but for "until a later run honours it": each row a slip
    # put first says so, and a fourth row hid the first principle's counts at 80x24
    assert order_words(progress, rows_name_slips=True) in flat
    assert "until a later run" not in flat
    assert "weakest first" not in flat
    # named in "Weakest so far" when Next names another reason
    other = Progress(1, 1, [bounds, listen], bounds, nxt, "you have not completed it yet")
    flat = " ".join(progress_content(other).plain.split())
    assert (
        "Weakest so far Keep warm, clear boundaries (a dual relationship undermined it in run 1)"
        in flat
    )


def test_a_weakest_principle_from_a_line_or_two_says_how_few() -> None:
    """ "Next ... it trains “Use person-first language”, your weakest principle so far" after
    a run that undermined it once, at 0% from that one line, read as a firm verdict
    (progress40): the screen says how few lines it rests on; placed by a critical slip,
    the slip is what it says."""
    from sim.records.progress import PrincipleProgress, Progress, ScenarioInfo
    from sim.tui.screens.progress import progress_content

    person = PrincipleProgress("person-first-language", "Use person-first language", 0, 1)
    listen = PrincipleProgress("active-listening", "Listen actively", 6, 2)
    nxt = ScenarioInfo("first-days-out", "First Days Out", ("person-first-language",))
    reason = "it trains “Use person-first language”, your weakest principle so far"
    flat = " ".join(
        progress_content(Progress(1, 1, [person, listen], person, nxt, reason)).plain.split()
    )
    assert f"{reason} (from 1 line, too few lines to judge yet). Press s" in flat, flat
    other = Progress(1, 1, [person, listen], person, nxt, "you have not completed it yet")
    flat = " ".join(progress_content(other).plain.split())
    assert "Weakest so far Use person-first language (from 1 line, too few lines" in flat, flat
    # three lines: a share to go by
    listen3 = PrincipleProgress("active-listening", "Listen actively", 1, 2)
    flat = " ".join(progress_content(Progress(1, 1, [listen3], listen3, None, "")).plain.split())
    assert "Weakest so far Listen actively " in flat and "too few" not in flat
    bounds = PrincipleProgress(
        "boundaries", "Keep warm, clear boundaries", 0, 1, slip_run=1,
        slip_kinds=("dual-relationship",),
    )  # fmt: skip
    flat = " ".join(progress_content(Progress(1, 1, [bounds], bounds, None, "")).plain.split())
    assert "Keep warm, clear boundaries (a dual relationship undermined it in run 1)" in flat
    assert "too few" not in flat


async def test_progress_says_its_order_and_the_run_left_to_resume_as_the_text_does() -> None:
    """The screen headed the list "Each principle, weakest first" over Protect privacy at 83%
    listed second over principles at 0% (trainee35), and "Next" said nothing of a run of
    the scenario left unfinished: `peer-sim progress` says both in plain words."""
    from sim.records.progress import PrincipleProgress, Progress, ScenarioInfo
    from sim.tui.screens.progress import ProgressScreen

    bounds = PrincipleProgress("boundaries", "Keep warm, clear boundaries", 2, 4, 0,
                               [(1, 0, 3), (2, 2, 1)], slip_run=1,
                               slip_kinds=("dual-relationship",))  # fmt: skip
    privacy = PrincipleProgress("confidentiality", "Protect privacy", 5, 1, 0, [(2, 5, 1)])
    listen = PrincipleProgress("active-listening", "Listen actively", 0, 2, 0, [(1, 0, 2)])
    nxt = ScenarioInfo("first-meeting", "First Meeting", ("boundaries",))
    reason = "it trains “Keep warm, clear boundaries”, your weakest principle so far"
    resume = (
        "You left run 3 of it unfinished: starting it asks whether to resume where you left off."
    )
    progress = Progress(2, 1, [bounds, privacy, listen], bounds, nxt, reason, resume_words=resume)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ProgressScreen(progress, [], "kept here"))
        await pilot.pause()
        rows = [row.rstrip() for row in screen_lines(app)]
        flat = " ".join(" ".join(rows).split())
        assert f"Press s to start it. {resume}" in flat, flat
        assert "weakest first" not in flat
        assert (
            "The share of your lines on each principle that honoured it, listed with the "
            "principle each critical slip broke first (boundaries for a dual relationship), then "
            "the others, lowest share first; a share from a line or two weighs less than one "
            "from many" in flat
        )
        # the first principle's counts still inside the principles' box at 80x24
        at = next(i for i, row in enumerate(rows) if "0 of 3 in run 1, 2 of 3 in run 2" in row)
        assert at < app.screen.query_one("#progress").region.bottom


def test_each_principle_a_critical_slip_put_first_says_so_on_its_own_row() -> None:
    """The list read "weakest first", then Protect privacy 85%, Empower 90%, Use person-first
    language 0%: both first two were undermined by a breach of confidentiality in run 4,
    which only the "Next" line said, of the first alone (trainee playtest 28). Each row a
    critical slip put first says so, on its figures' row, which stays one row at 80 columns.
    (A slip places first only the principle its kind breaks, so the second is boundaries,
    placed by stepping outside the peer role: the figures once gave Empower a slip run,
    which no slip can, progress40.)"""
    from sim.records.progress import PrincipleProgress, Progress, ScenarioInfo
    from sim.tui.screens.progress import progress_content

    privacy = PrincipleProgress(
        "confidentiality", "Protect privacy", 11, 2, slip_run=4, slip_kinds=("confidentiality",)
    )
    bounds = PrincipleProgress(
        "boundaries", "Keep warm, clear boundaries", 119, 20, slip_run=104,
        slip_kinds=("outside-role",),
    )  # fmt: skip
    person = PrincipleProgress("person-first-language", "Use person-first language", 0, 1)
    nxt = ScenarioInfo("first-meeting", "First Meeting", ("confidentiality",))
    reason = "it trains Protect privacy, your weakest principle so far"
    shown = progress_content(Progress(4, 4, [privacy, bounds, person], privacy, nxt, reason))
    rows = shown.plain.splitlines()
    figures = [r for r in rows if "%  honoured" in r]
    assert figures[0].endswith("85%  honoured 11, undermined 2 · critical slip in run 4"), rows
    assert figures[1].endswith("honoured 119, undermined 20 · critical slip in run 104"), rows
    assert "critical slip" not in figures[2]
    assert max(len(r) for r in figures) <= 76  # the box's width at 80 columns


async def test_the_class_summary_keeps_each_time_and_date_whole_when_a_row_wraps() -> None:
    """A trainee's row broke "0" / "s playing" and "last 2026-11-30" / "21:02" across two
    lines, as `report` on a terminal did (classroom29)."""
    import re

    from tests.class_rows import finished_run, report_lines

    # names of every length move the break across the row; the rows as `report` builds them
    lines = report_lines([finished_run(n, "N" * n) for n in range(1, 25)])
    last = re.search(r"last (\d{4}-\d\d-\d\d \d\d:\d\d);", "\n".join(lines))
    assert last and "1 min 16 s playing" in "\n".join(lines), lines
    app = make_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await ready(app, pilot)
        app.push_screen(ClassSummaryScreen(lines, "/tmp/records.db"))
        await pilot.pause()
        shown = screen_lines(app)
    for n in range(1, 25):
        row = next(i for i, line in enumerate(shown) if f" {'N' * n}:" in line)
        both = shown[row] + "\n" + shown[row + 1]
        assert "1 min 16 s" in both and last.group(1) in both, both
        assert "\u00a0" not in both


def _worst_case(reason: str) -> tuple:
    """Many runs (three-digit numbers), the first principle placed by a critical slip, a
    run of "Next" left to resume, runs left unfinished counted: every row above the first
    principle that the screen can show."""
    from sim.records.progress import PrincipleProgress, Progress, ScenarioInfo
    from sim.records.store import StoredRun

    # placed by a safety slip, the principle that kind breaks (a slip places no other first:
    # these figures once gave "Respect each person's own journey" a slip run, progress40);
    # every kind of slip placed one, so the order words name them all
    crisis = PrincipleProgress(
        "crisis-referral", "Recognise a crisis and connect to help", 4, 12, 0,
        [(101, 0, 3), (102, 1, 1), (103, 1, 4), (104, 1, 5), (105, 0, 1), (106, 1, 1)],
        at_slips=1, slip_run=106, slip_kinds=("safety",),
    )  # fmt: skip
    privacy = PrincipleProgress("confidentiality", "Protect privacy, and be honest about its "
                                "limits", 9, 2, 0, [(104, 9, 2)], at_slips=1, slip_run=104,
                                slip_kinds=("confidentiality",))  # fmt: skip
    bounds = PrincipleProgress("boundaries", "Keep warm, clear boundaries", 12, 3, 0,
                               [(103, 12, 3)], at_slips=2, slip_run=103,
                               slip_kinds=("dual-relationship", "outside-role"))  # fmt: skip
    pathways = PrincipleProgress("pathways", "Honour many pathways to recovery", 2, 8, 0,
                                 [(101, 0, 1), (106, 1, 2)])  # fmt: skip
    crisis_moment = ScenarioInfo("crisis-moment", "Crisis Moment", ("crisis-referral",))
    resume = (
        "You left run 107 of it unfinished: starting it asks whether to resume where you left off."
    )
    progress = Progress(
        106, 14, [crisis, privacy, bounds, pathways], crisis, crisis_moment,
        reason(crisis.title), unfinished=3, resume_words=resume,
    )  # fmt: skip
    runs = [
        StoredRun(
            n, f"r{n}", "talk", "A Short Talk", "d", "practice", "finished", "",
            "2026-11-30T08:00", "2026-11-30T08:05", "2026-11-30T08:05", {}, "bye",
            "Goodbye for now", "mixed", 48, 28, None,
        )
        for n in range(1, 108)
    ]  # fmt: skip
    return progress, runs


async def test_progress_at_80x24_keeps_the_first_principle_in_view_in_the_worst_case() -> None:
    """With many runs, a critical slip on the first principle and "Next" saying which run of
    it is left to resume, the first principle's run-by-run counts sat under the box's edge
    at 80x24 (records37): the runs' list now gives up the rows the principle needs, and
    still shows a run whole. "Next" comes first, then the weakest when Next does not name it."""
    from sim.tui.screens.progress import ProgressScreen

    counts = (
        "run by run: 0 of 3 in run 101, 1 of 2 in run 102, 1 of 5 in run 103, "
        "1 of 6 in run 104, 0 of 1 in run 105, 1 of 2 in run 106"
    )
    for reason in (
        lambda title: f"it trains “{title}”, your weakest principle so far",
        lambda _title: "you have not completed it yet",  # the weakest on a row of its own
    ):
        progress, runs = _worst_case(reason)
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await app.push_screen(ProgressScreen(progress, runs, "kept here"))
            await pilot.pause()
            await pilot.pause()
            rows = [row.rstrip() for row in screen_lines(app)]
            at, end = _counts_rows(rows)
            box = app.screen.query_one("#progress").region
            assert _joined(rows[at:end]) == counts, "\n".join(rows)
            assert end <= box.bottom, "\n".join(rows)  # every count in the box
            shown = "\n".join(rows)
            assert "107  A Short Talk" in shown and "Goodbye for now (mixed)" in shown
            nxt = next(i for i, row in enumerate(rows) if "Next  Crisis Moment" in row)
            weakest = [i for i, row in enumerate(rows) if "Weakest so far" in row]
            assert all(nxt < i for i in weakest)  # what to do next comes first
            assert bool(weakest) == ("not completed" in progress.suggestion_reason)
            # a bigger window: the runs' list takes its own share again
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            await pilot.pause()
            lst = app.screen.query_one("#past-runs")
            assert lst.outer_size.height > 10, lst.outer_size


def _played_elsewhere(folder: str, times: int = 1, trainee: str = "") -> None:
    """`times` runs of A Short Talk played to their ending by another program on `folder`
    (by `trainee`, served)."""
    from sim.engine import Run
    from sim.loading import load_scenario
    from sim.records.recorder import Recorder
    from tests.tui.helpers import TALK

    recorder = Recorder.open(folder, trainee=trainee)
    for _ in range(times):
        run = Run.begin(load_scenario(TALK))
        recorder.begin(run, "practice", None)
        while True:
            run.settle()
            if run.over:
                break
            run.choose(run.offers()[0].number)
            recorder.update(run)
        recorder.update(run)
        recorder.release()
    assert recorder.store is not None
    recorder.store.close()


async def test_progress_reads_the_records_file_now_there_not_one_another_program_replaced() -> None:
    """Another program removed the records file and began a new one (two runs in it): the
    app's progress and past runs went on showing the old file's one run until the app
    itself next wrote a line (records37). Each opening reads the file now there, says so,
    and a past run of the new file opens."""
    import os

    folder = os.environ["PEER_SIM_DATA_DIR"]
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        _played_elsewhere(folder)  # written beside the app's open file: seen (WAL)
        await progress_opened(app, pilot)
        assert "1 finished run ·" in "\n".join(screen_lines(app))
        await pilot.press("escape")
        for leftover in Path(folder).iterdir():  # the file removed, and a new one begun
            leftover.unlink()
        _played_elsewhere(folder, 2)
        await progress_opened(app, pilot)
        shown = "\n".join(screen_lines(app))
        assert "2 finished runs ·" in shown, shown
        assert "was removed or replaced by another program" in " ".join(
            n.message for n in toasts_showing(app)
        )
        await pilot.press("enter")  # run 2, of the new file, opens
        await pilot.pause()
        assert screen_name(app) == "PastDebriefScreen"
        assert app.screen.stored.id == 2


async def test_a_served_trainee_s_past_runs_say_why_their_numbers_skip() -> None:
    """Served, Ana's past runs read 1, 3 and Ben's 2: one count for the whole store, which
    `export ID` takes, and nothing said of it (records37). Said as `runs --trainee` says it,
    and only where the numbers do skip."""
    import os

    from sim.records.listing import SHARED_NUMBERS

    folder = os.environ["PEER_SIM_DATA_DIR"]
    words = SHARED_NUMBERS.format(whose="yours") + "."
    for name in ("Ana", "Ben", "Ana"):
        _played_elsewhere(folder, trainee=name)
    for name, skips in (("Ana", True), ("Ben", False)):
        app = make_app()
        app.ask_trainee = True
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(app, pilot)
            await pilot.press(*name, "enter")
            await pilot.pause()
            await progress_opened(app, pilot)
            shown = " ".join(" ".join(screen_lines(app)).split())
            assert (words in shown) == skips, shown


async def test_past_runs_read_again_on_coming_back_from_a_debrief() -> None:
    """Back from a past run's debrief, the list was the one read when g was pressed: a run
    another window finished meanwhile was not in it until the screen was opened again
    (records37). It is read again as the screen shows, and the run highlighted stays."""
    import os

    folder = os.environ["PEER_SIM_DATA_DIR"]
    _played_elsewhere(folder)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await progress_opened(app, pilot)
        assert "1 finished run ·" in "\n".join(screen_lines(app))
        await pilot.press("enter")  # run 1's debrief
        await pilot.pause()
        assert screen_name(app) == "PastDebriefScreen"
        _played_elsewhere(folder)  # another window finishes a run
        await pilot.press("escape")
        await records_read(app, pilot)
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "2 finished runs ·" in shown and "  2  A Short Talk" in shown, shown
        assert app.screen._highlighted_run().id == 1  # where the trainee was


def _slipped_run(ending: str):
    from sim.records.store import StoredRun

    return StoredRun(
        4, "r", "talk", "A Short Talk", "d", "practice", "finished", "", "2026-11-30T08:00",
        "2026-11-30T08:05", "2026-11-30T08:05", {}, "bye", ending, "poor", 48, 28,
        {"slips": [{"step": 4, "kind": "safety"}, {"step": 5, "kind": "safety"}]},
    )  # fmt: skip


def test_a_past_run_s_decisions_stay_whole_at_every_width() -> None:
    """ "a safety slip at decisions 4 and" / "5" across two rows (records37): the phrase is
    kept whole wherever the row wraps, and shown with plain spaces."""
    from textual.style import Style
    from textual.visual import RenderOptions

    from sim.tui.screens.progress import run_prompt

    prompt = run_prompt(_slipped_run("Ended by the door"))
    for width in range(30, 100):
        strips = prompt.render_strips(width, None, Style(), RenderOptions(lambda _: Style(), {}))
        rows = [s.text.rstrip() for s in strips]
        text = "\n".join(rows)
        assert "\u00a0" not in text and "\u2800" not in text, rows
        assert any("decisions 4 and 5" in row for row in rows), (width, rows)


async def test_past_runs_keep_decisions_4_and_5_in_one_row_at_80x24() -> None:
    """In the app at 80x24, under the run's title and indented as before (records37)."""
    from sim.records.progress import compute
    from sim.tui.screens.progress import ProgressScreen
    from tests.tui.helpers import ready

    run = _slipped_run("Ended by the door and Endedx")  # "... 4 and" / "5" at 80 columns
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await app.push_screen(ProgressScreen(compute([run], []), [run], "kept here"))
        await pilot.pause()
        lines = screen_lines(app)
        at = next(i for i, line in enumerate(lines) if "A Short Talk" in line and "·" in line)
        rows = lines[at + 1 : at + 3]
        assert any("decisions 4 and 5" in row for row in rows), rows
        assert all(row.startswith("▊      ") for row in rows), rows


async def test_help_on_the_progress_screen_starts_with_its_keys_and_its_counts() -> None:
    """A trainee read "run by run, oldest first: 0 of 1, 2 of 2, 2 of 2, 0 of 6, 1 of 1"
    under "critical slip in run 8" as runs 1 to 5, with nine runs listed below; `?` there
    began with the library's keys and said nothing of the screen (trainee40). It now
    starts with the progress screen's keys and says which runs the counts are of."""
    from sim.records.progress import PrincipleProgress, Progress
    from sim.tui.screens.dialogs import Help
    from sim.tui.screens.progress import ProgressScreen

    history = [(1, 0, 1), (3, 2, 0), (4, 2, 0), (5, 0, 6), (6, 1, 0), (8, 4, 1)]
    boundaries = PrincipleProgress("boundaries", "Keep warm, clear boundaries", 9, 8, 0, history)
    progress = Progress(7, 6, [boundaries], boundaries, None, "")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ProgressScreen(progress, [], ""))
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, Help)
        rows = app.screen.sections()
        assert rows[0] == ("On the progress screen", "")
        keys = dict(rows[: next(i for i, r in enumerate(rows[1:], 1) if not r[1])])
        assert {"PgDn PgUp", "Enter", "s", "Esc / l / q"} <= set(keys)
        assert "each run where your lines touched it, oldest first" in keys["run by run"]
        assert "A run that never touched it has no count there" in keys["run by run"]
        shown = " ".join(" ".join(screen_lines(app)).split())
        assert "On the progress screen" in shown and "run by run" in shown


async def test_content_notes_over_the_progress_screen_say_esc_goes_back_there() -> None:
    # browser44: r in a past run's debrief (or s on the progress screen) showed the content
    # notes with "esc Back to library" in the bar, and Esc went back to the progress screen
    from sim.tui.screens.dialogs import ContentNotes
    from sim.tui.screens.progress import PastDebriefScreen, ProgressScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("1", "space", "1", "enter")
        await pilot.pause()
        await progress_opened(app, pilot, "escape", "g")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PastDebriefScreen)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ContentNotes)
        bar = screen_lines(app)[-1]
        assert "esc Back to your runs" in bar and "library" not in bar, bar
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)

"""Findings of trainee playtest 10 (plan/trainee-test-10.md), each checked as the trainee met it."""

from __future__ import annotations

from sim.debrief import build_debrief
from sim.engine import Run
from sim.loading import bundled_dir, load_catalogue, load_scenario
from sim.tui.app import PeerSimApp
from sim.tui.screens.classroom import ClassSummaryScreen
from sim.tui.screens.debrief import DebriefScreen
from tests.tui.helpers import make_app, ready, screen_lines


def _continues_under(lines: list[str], first: str, then: str) -> tuple[int, int]:
    """The columns where `first` starts and where the next row's `then` starts."""
    row = next(i for i, line in enumerate(lines) if first in line)
    return lines[row].index(first), lines[row + 1].index(then)


def check_in_call_debrief():
    """A Check-In Call as the trainee played it at 80x24 (assessment; a slip at 4)."""
    run = Run.begin(load_scenario(bundled_dir() / "check-in-call.toml"))
    picks = iter([2, 3, 3, 3, 3, 1, 3, 2, 1, 2, 4, 3, 3, 2])
    while True:
        run.settle()
        if run.over:
            return build_debrief(run, load_catalogue())
        run.choose(next(picks))


async def test_the_library_keeps_a_wrapped_trains_bullet_under_its_words() -> None:
    """The "Trains" bullet "• Offer advice to spark a conversation, not to" went on with
    "spoon-feed" at column 1, under the bullet, where it read as an item of its own."""
    app = PeerSimApp()
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        titles = [sc.title for sc in app.library.scenarios]
        app.screen.query_one("#scenarios").highlighted = titles.index("Medication in the ED")
        await pilot.pause()
        words, wrapped = _continues_under(screen_lines(app), "Offer advice to spark", "spoon-feed")
    assert wrapped == words


async def test_the_debrief_scorecard_keeps_a_wrapped_principle_under_its_name() -> None:
    """At 80x24 "Offer emotional support: ✓ honoured 3 (at 2, 12, 14); ✗ undermined 1 (at"
    went on with "3)" flush with the principles' names, as if it were one of them."""
    app = make_app()
    async with app.run_test(size=(80, 60)) as pilot:
        await ready(app, pilot)
        app.push_screen(DebriefScreen(check_in_call_debrief(), "assessment"))
        await pilot.pause()
        lines = screen_lines(app)
    row = next(i for i, line in enumerate(lines) if line.lstrip().startswith("Offer emotional"))
    name_at = lines[row].index("Offer emotional")
    more = lines[row + 1]
    assert more[: name_at + 2].strip() == "" and more[name_at + 2] != " ", (lines[row], more)


async def test_the_class_summary_keeps_a_trainee_s_wrapped_row_under_the_name() -> None:
    """The trainer's Class summary: a trainee's row went on at column 1, below the
    headings' edge, so the rows ran together."""
    lines = [
        "Runs per trainee (finished: strong / mixed / poor; time playing, last active in UTC; "
        "weakest principle):",
        "  Ana Torres: 1 finished (0 / 1 / 0), 1 scenario; 2 min playing, last 2026-11-30 "
        "21:02; weakest: Keep warm, clear boundaries (50%)",
        "  Ben Okoro: 1 finished (0 / 1 / 0; in assessment 0 / 1 / 0), 1 scenario; 1 min 16 s "
        "playing, last 2026-11-30 21:01; weakest: Keep warm, clear boundaries (0%)",
    ]
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

"""What trainee playtest 35 found and left: times in the trainee's own zone (named, as
`peer-sim runs` names it: records37), which time is
which, undo's meters, Enter on an unfinished past run, the principles at 60x18, the
person's name after narration, and "(mixed)" kept with its ending."""

from __future__ import annotations

import sqlite3
import time

import pytest

from sim.records import Store
from sim.tui.screens.play import PlayScreen
from sim.tui.textual_internals import toasts_showing
from tests.tui.helpers import (
    TALK,
    make_app,
    open_talk,
    progress_opened,
    ready,
    screen_lines,
    until,
    until_screen,
)
from tests.tui.test_resume_undo_restart import leave_runs, two_scenarios


@pytest.fixture
def six_hours_behind(monkeypatch: pytest.MonkeyPatch):
    """The trainee's computer at UTC-6 (a POSIX zone: no tz database needed)."""
    monkeypatch.setenv("TZ", "CST+6")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def set_times(started: str, updated: str) -> None:
    with sqlite3.connect(Store.open().path) as c:
        c.execute("UPDATE runs SET started_at = ?, updated_at = ?", (started, updated))


def test_a_stored_time_is_shown_in_the_computer_s_own_zone(six_hours_behind) -> None:
    from sim.records.stored import local_minute

    assert local_minute("2026-12-04T14:28:09.123+00:00") == "2026-12-04 08:28"
    assert local_minute("2026-12-04T02:05") == "2026-12-03 20:05"  # no zone: UTC
    assert local_minute("not a time") == "not a time"


async def test_the_resume_question_says_when_it_was_left_and_begun_in_local_time(
    tmp_path, six_hours_behind
) -> None:
    """'left ... on 2026-12-04 08:28 UTC' while past runs said 08:23 for the same run: two
    times, neither said to be which, and neither the trainee's own."""
    talk, _other = two_scenarios(tmp_path)
    leave_runs(talk, 1)
    set_times("2026-12-04T14:23:00.000+00:00", "2026-12-04T14:28:00.000+00:00")
    app = make_app(library_paths=[tmp_path])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        # the question's own rows (the library beside it ran into them once it grew
        # the care line, trainee44)
        inside = [r[r.index("│") + 1 : r.rindex("│")] for r in screen_lines(app) if "│" in r]
        shown = " ".join(" ".join(inside).split())
        assert "unfinished on 2026-12-04 08:28 CST after 1 choice" in shown, shown
        assert "It began at 08:23, the time your past runs (g) show." in shown
        assert "UTC" not in shown
        await pilot.press("escape")  # decide later
        await progress_opened(app, pilot)
        shown = "\n".join(screen_lines(app))
        assert "A Short Talk  2026-12-04 08:23 · practice" in shown, shown
        # the zone named, as `peer-sim runs` names it (records37): the trainee's own
        assert "Past runs (begun at, CST)" in shown and "UTC" not in shown
        # the library's detail says when it was left, in the same zone
        await pilot.press("escape")
        await pilot.pause()
        assert "left off after 1 choice on 2026-12-04 08:28 CST:" in " ".join(
            " ".join(screen_lines(app)).split()
        )


async def test_several_runs_left_are_listed_with_when_each_was_left_locally(
    tmp_path, six_hours_behind
) -> None:
    talk, other = two_scenarios(tmp_path)
    leave_runs(talk, 1)
    leave_runs(other, 1)
    set_times("2026-12-04T01:00:00.000+00:00", "2026-12-04T01:10:00.000+00:00")
    app = make_app(library_paths=[tmp_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        rows = app.screen.query_one("#left-runs")
        listed = [str(rows.get_option_at_index(i).prompt) for i in range(rows.option_count)]
        assert all("after 1 choice · left 2026-12-03 19:10 CST · practice" in r for r in listed), (
            listed
        )


async def test_after_an_undo_the_meters_show_no_change_as_if_the_undo_made_it() -> None:
    """Undone back to the second decision, trust showed '▲ +8 up', the change the first
    line made, as if the undo had raised it."""
    from sim.tui.widgets.meter import Meter

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1", "space", "1")  # +8 trust, then +4, the ending
        await pilot.pause()
        trust = play.query_one("#trust", Meter)
        assert trust.change == 4
        await pilot.press("u")
        await pilot.pause()
        assert len(play.run.state.decisions) == 1 and play.run.state.trust == 48
        assert trust.change is None and play.query_one("#empowerment", Meter).change is None
        assert "▲" not in str(trust.render()) and "with your last line" not in trust.tooltip
        await pilot.press("1")  # a line said again: its change is shown
        await pilot.pause()
        assert trust.change == 4


async def test_enter_on_a_run_left_off_in_past_runs_resumes_it(tmp_path) -> None:
    """Enter on it said 'Start it from the library (marked ↻ left off)': the trainee was
    sent away to do what they had just asked for."""
    talk, _other = two_scenarios(tmp_path)
    leave_runs(talk, 1)
    app = make_app(library_paths=[tmp_path])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        await progress_opened(app, pilot, "escape", "g")  # the start's question: later
        await pilot.pause()
        bar = screen_lines(app)[-1]
        assert "⏎ Resume" in bar and "Read debrief" not in bar, bar  # what Enter does here
        await pilot.press("enter")
        # its content notes first, with where to turn, as a start shows them (trainee44)
        assert await until(lambda: type(app.screen).__name__ == "ContentNotes", pilot)
        await pilot.press("enter")
        play = await until_screen(app, pilot, PlayScreen)
        assert play.scenario.title == "A Short Talk" and len(play.run.state.decisions) == 1
        assert type(app.screen_stack[-2]).__name__ == "LibraryScreen"  # not progress
        await pilot.press("space", "1")  # finished, in the same record
        await pilot.pause()
    runs = Store.open().runs()
    assert [(r.status, r.choices_made) for r in runs] == [("finished", 2)]


async def test_enter_on_a_run_set_aside_says_why_it_cannot_be_resumed(tmp_path) -> None:
    talk, _other = two_scenarios(tmp_path)
    leave_runs(talk, 1)
    app = make_app(library_paths=[tmp_path])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        await pilot.press("n")  # leave it: kept, never offered again
        await pilot.pause()
        await progress_opened(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        said = [n.message for n in toasts_showing(app)]
        assert any("no debrief yet, and it was set aside" in m for m in said), said
        assert type(app.screen).__name__ == "ProgressScreen"


async def test_at_60x18_progress_shows_a_principle_beside_several_runs(tmp_path) -> None:
    """At 60x18, with a few runs, the principles' box held only the words above them and
    'PgDn More principles': not one principle could be seen."""
    from sim.records.progress import PrincipleProgress, Progress, ScenarioInfo
    from sim.records.store import StoredRun
    from sim.tui.screens.progress import ProgressScreen

    principles = [
        PrincipleProgress(f"p{i}", f"Principle {i}", honoured=i, undermined=2,
                          history=[(1, 1, 1), (2, 0, 1)])
        for i in range(4)
    ]  # fmt: skip
    nxt = ScenarioInfo("quiet", "Quiet Corner", ("p0",))
    progress = Progress(4, 2, principles, principles[0], nxt, "not played yet", unfinished=1)
    runs = [
        StoredRun(i, "r", "talk", "A Short Talk", "d", "practice", "finished", "",
                  f"2026-11-30T08:0{i}", "2026-11-30T08:15", "2026-11-30T08:15", {}, "bye",
                  "Maybe", "mixed", 48, 28, None)
        for i in range(1, 6)
    ]  # fmt: skip
    app = make_app()
    async with app.run_test(size=(60, 18)) as pilot:
        await ready(app, pilot)
        await app.push_screen(ProgressScreen(progress, runs, "kept here"))
        await pilot.pause()
        lines = screen_lines(app)
        at = next((i for i, line in enumerate(lines) if line.strip() == "Principle 0"), None)
        assert at is not None, "\n".join(lines)
        assert "0%  honoured 0, undermined 2" in lines[at + 1]
        assert any("A Short Talk" in line for line in lines)  # the runs are there too
        await pilot.resize_terminal(100, 30)  # taller: the blank rows come back
        await pilot.pause()
        assert not app.screen.has_class("-short")
        lines = screen_lines(app)
        at = next(i for i, line in enumerate(lines) if "The share of your lines" in line)
        end = next(i for i in range(at, len(lines)) if "one from many" in lines[i])
        assert not lines[at - 1].strip(" ▁▂▃▄▅▆▇█") and not lines[end + 1].strip(" ▁▂▃▄▅▆▇█")


async def test_the_own_words_question_names_the_person_after_narration(tmp_path) -> None:
    """At a decision in a narration scene (no speaker), 'what would you say, ...?' lost the
    person's name: it is the last person who spoke."""
    from textual.widgets import Static

    text = TALK.read_text(encoding="utf-8").replace(
        '[scenes.plan]\nspeaker = "sam"\ntext = "So what do I do now?"',
        '[scenes.plan]\ntext = "Sam looks up from the cup."',
    )
    assert "Sam looks up" in text
    (tmp_path / "talk.toml").write_text(text, "utf-8")
    app = make_app(library_paths=[tmp_path], own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "enter")  # the one scenario, its content notes
        play = await until_screen(app, pilot, PlayScreen)
        ask = play.query_one("#own-words-prompt", Static)
        assert "what would you say to Sam," in str(ask.render())
        play.query_one("#own-words-input").value = "I hear how hard you fought it"
        await pilot.press("enter", "1", "space")  # on to the narrated decision
        await pilot.pause()
        assert play.run.state.scene == "plan" and play.asking_words
        assert "what would you say to Sam," in str(ask.render()), str(ask.render())


async def test_the_library_keeps_an_outcome_with_the_ending_it_rates() -> None:
    """At 100 columns 'ended: Maybe (mixed)' left '(mixed)' alone on the next row."""
    from types import SimpleNamespace

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        lst = app.screen.query_one("#scenarios")
        wrapped = 0
        for n in range(1, 40):  # every place the row can break, one of them before "(mixed)"
            best = SimpleNamespace(ending_title=f"{'w' * n} Maybe", outcome="mixed")
            app._best, app._finished = {"talk": best}, {"talk": 1}  # type: ignore[attr-defined]
            app.refresh_library()  # type: ignore[attr-defined]
            await pilot.pause()
            x, right = lst.region.x, lst.region.right
            rows = [line[x:right].strip("▊▎ ") for line in screen_lines(app)]
            assert not any(r.startswith("(mixed)") for r in rows), (n, rows)
            wrapped += any(
                r.startswith(("Maybe (mixed)", f"{'w' * n} Maybe (mixed)")) for r in rows
            )
        assert wrapped  # some widths did wrap there, the title whole with it on the next row


async def test_the_library_keeps_an_ending_title_whole() -> None:
    """'ended: In the / middle (mixed)' split the title at 80 and even 140 columns."""
    from types import SimpleNamespace

    for width in (80, 140):
        app = make_app()
        async with app.run_test(size=(width, 30)) as pilot:
            await ready(app, pilot)
            lst = app.screen.query_one("#scenarios")
            for n in range(1, 7):  # places the row can break, within the title among them
                best = SimpleNamespace(ending_title=f"{'w' * n} In the middle", outcome="mixed")
                app._best, app._finished = {"talk": best}, {"talk": 1}  # type: ignore[attr-defined]
                app.refresh_library()  # type: ignore[attr-defined]
                await pilot.pause()
                x, right = lst.region.x, lst.region.right
                rows = [line[x:right].strip("▊▎ ") for line in screen_lines(app)]
                assert not any(r.startswith(("middle", "the middle")) for r in rows), (n, rows)

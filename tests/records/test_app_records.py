"""The app records runs: the library remembers them, progress and past debriefs, resume at start."""

from __future__ import annotations

from sim.records import Store
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.play import PlayScreen
from sim.tui.screens.progress import PastDebriefScreen, ProgressScreen
from sim.tui.textual_internals import toasts_showing
from tests.tui.helpers import (
    make_app,
    ready,
    records_read,
    screen_lines,
    screen_name,
    screen_text,
    until_screen,
)


async def play_talk(app, pilot, first: str = "1") -> None:
    """From the library: 'A Short Talk' to its debrief (content notes, 2 choices)."""
    await pilot.press("home", "down", "enter")
    assert screen_name(app) == "ContentNotes"
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, PlayScreen)
    await pilot.press(first, "space", "1")
    assert app.screen.run.over
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, DebriefScreen)
    await pilot.press("escape")
    await pilot.pause()


async def one_line_of_the_second(app, pilot) -> None:
    """From the library: the second scenario started and its first line said (recorded).

    Under load a '1' pressed before the play screen had mounted was lost, and a run meant
    to be left after one choice was left after none (adversarial-19)."""
    await pilot.press("down", "enter", "enter")
    play = await until_screen(app, pilot, PlayScreen)
    assert play.run.waits_for_choice
    await pilot.press("1")
    for _ in range(200):
        if play.run.state.decisions:
            break
        await pilot.pause()
    assert len(play.run.state.decisions) == 1


async def quit_after_one_choice() -> None:
    """An app that starts the second scenario, makes one choice and is gone (a playing run)."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await one_line_of_the_second(app, pilot)


async def test_three_runs_are_remembered_across_starts() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await play_talk(app, pilot, "1")
        # one run is a result, not a best: "best: ... (poor)" read as a verdict
        text = screen_text(app)
        assert "completed once · ended:" in text and "best" not in text
        for first in ("2", "1"):
            await play_talk(app, pilot, first)
        assert screen_name(app) == "LibraryScreen"
        assert "completed 3 times · best ending:" in screen_text(app)
    runs = Store.open().runs()
    assert [r.status for r in runs] == ["finished"] * 3
    assert all(r.scenario_id == "talk" and r.decisions == [] for r in runs)

    app = make_app()  # a new start: the library and the progress screen remember
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("down")
        await pilot.pause()
        assert "completed 3 times · best ending:" in screen_text(app)
        await pilot.press("g")
        await records_read(app, pilot)
        assert isinstance(app.screen, ProgressScreen)
        text = screen_text(app)
        assert "3 finished runs" in text and "Listen actively" in text
        assert app.screen.progress.weakest is not None
        # what s starts is said at the top, before the principles' long list
        assert app.screen.progress.suggestion is not None
        shown = app.screen.query_one("#progress-text").content.plain  # unwrapped
        assert "Press s to start it." in shown
        assert shown.index("Press s to start it.") < shown.index("Listen actively")
        assert "Next" in text  # on screen at 100x30, not scrolled away below the list
        await pilot.press("enter")  # the newest run's debrief, read again
        await pilot.pause()
        assert isinstance(app.screen, PastDebriefScreen)
        assert app.screen.debrief.scenario_id == "talk"
        assert len(app.screen.debrief.decisions) == 2
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"


async def test_what_to_play_next_shows_without_scrolling() -> None:
    """With many principles judged, the suggestion still shows at 80x24 (it once sat below them)."""
    from .conftest import BUNDLED, play

    assert play("first-meeting", "poor") == 0
    assert play("be-my-sponsor", "strong") == 0
    app = make_app(library_paths=[BUNDLED])
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("g")
        await records_read(app, pilot)
        assert isinstance(app.screen, ProgressScreen)
        progress = app.screen.progress
        assert len(progress.principles) >= 8 and progress.suggestion is not None
        text = screen_text(app)
        assert "Next" in text and "Press s to start it" in text
        assert "0/0" not in text  # a run that judged a principle only neutral shows '-'


async def test_leaving_mid_run_is_offered_for_resume_at_the_next_start() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await one_line_of_the_second(app, pilot)
        await pilot.press("escape")  # asks: the lines so far are saved
        await pilot.pause()
        assert "it is saved" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"
    left = Store.open().unfinished()
    assert len(left) == 1 and left[0].choices_made == 1

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        assert screen_name(app) == "Confirm"
        assert "unfinished" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        play = app.screen
        assert len(play.run.state.decisions) == 1 and play.run.state.trust == 48
        await pilot.press("space", "1")
        assert play.run.over
    runs = Store.open().runs()
    assert [r.status for r in runs] == ["finished"]
    assert len(Store.open().get(runs[0].id).decisions) == 2


async def test_declining_resume_starts_afresh() -> None:
    await quit_after_one_choice()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        assert screen_name(app) == "Confirm"
        # it says what n does: back to the library, not a new run of that scenario
        shown = "\n".join(screen_lines(app))
        assert "Leave it (n)" in shown and "Start afresh" not in shown
        assert "it stays in your past runs (g)" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"
    assert [r.status for r in Store.open().runs()] == ["left"]


async def test_a_damaged_store_is_moved_aside_and_the_app_starts(records_dir) -> None:
    (records_dir / "records.db").write_bytes(b"not a database at all\n" * 100)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"
        assert any("moved aside" in n.message for n in toasts_showing(app))
        await play_talk(app, pilot)
    assert Store.open().last_finished() is not None


async def test_a_read_only_store_plays_without_recording(records_dir, monkeypatch) -> None:
    from sim.records import RecordsUnavailable

    def refuse(cls, directory=None):
        raise RecordsUnavailable("the records folder cannot be written.")

    monkeypatch.setattr(Store, "open", classmethod(refuse))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        assert any("Nothing is recorded" in n.message for n in toasts_showing(app))
        await play_talk(app, pilot)
        assert screen_name(app) == "LibraryScreen"


async def test_author_runs_are_not_recorded() -> None:
    from tests.tui.helpers import TALK

    app = make_app(scenario=str(TALK), start_scene="plan")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        for _ in range(50):
            await pilot.pause()
            if screen_name(app) == "ContentNotes":
                await pilot.press("enter")
            if isinstance(app.screen, PlayScreen):
                break
        await pilot.press("1")
        assert app.screen.run.over
    assert Store.open().runs() == []


async def test_a_scenario_opened_at_start_is_recorded_from_its_first_move() -> None:
    """`peer-sim play X` opens play before the library (and the store) has loaded."""
    from sim.loading import load_scenario
    from tests.tui.helpers import LIBRARY

    app = make_app(scenario=load_scenario(LIBRARY / "quiet.toml"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        play = app.screen
        for _ in range(10):
            if play.run.over:
                break
            await pilot.press("1" if play.run.waits_for_choice else "space")
        assert play.run.state.decisions
    runs = Store.open().runs()
    assert len(runs) == 1 and runs[0].scenario_id == "quiet"


def test_with_nothing_undermined_the_progress_screen_does_not_say_weakest_first() -> None:
    from sim.records.progress import PrincipleProgress, Progress
    from sim.tui.screens.progress import progress_content

    all_honoured = PrincipleProgress("active-listening", "Listen actively", honoured=3)
    shown = progress_content(Progress(1, 1, [all_honoured], None, None, "")).plain
    assert "weakest" not in shown.lower() and "none undermined yet" in shown
    slipped = PrincipleProgress("boundaries", "Keep boundaries", honoured=1, undermined=2)
    shown = progress_content(Progress(1, 1, [slipped, all_honoured], slipped, None, "")).plain
    assert "honoured it, lowest share first;" in shown and "Weakest so far" in shown


async def test_enter_at_the_start_s_resume_question_resumes() -> None:
    # Trainee playtest 7: back from a reloaded tab, Enter took "Leave it", and a left
    # run is never offered again; Enter now takes the answer that loses nothing.
    await quit_after_one_choice()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        assert screen_name(app) == "Confirm"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert len(app.screen.run.state.decisions) == 1


async def test_the_progress_screen_reads_each_run_once(monkeypatch) -> None:
    """It read every run twice (all runs, then the finished ones with their decisions), each
    time parsing every debrief: 20 s for 5,000 runs on the UI thread (adversarial-8;
    benchmarks/records_bench.py). Counted, not timed; the figures are the same as before.
    Each run is read for the list only (`partial`: no debrief, no decisions)."""
    import sim.records.rows as rows_module
    from sim.records.progress import compute

    from .conftest import BUNDLED, play

    for name, prefer in (("first-meeting", "poor"), ("be-my-sponsor", "strong")):
        assert play(name, prefer) == 0
    store = Store.open()
    store.conn.execute("UPDATE runs SET status = 'left' WHERE id = 2")  # one unfinished
    app = make_app(library_paths=[BUNDLED])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        read: list[object] = []
        real = rows_module.run_values
        monkeypatch.setattr(rows_module, "run_values", lambda row: read.append(row) or real(row))
        await pilot.press("g")
        await records_read(app, pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert len(read) == 2, len(read)
        monkeypatch.setattr(rows_module, "run_values", real)
        assert [r.id for r in app.screen.runs] == [1, 2]
        assert all(r.partial and not r.decisions for r in app.screen.runs)
        titles = app._principle_titles()
        infos = app.screen.progress  # the same figures as the runs read whole give
        # (the left run's kept lines count too, from its progress: programme28)
        again = compute([store.get(1), store.get(2)], [], titles)
        assert [p.id for p in infos.principles] == [p.id for p in again.principles]
        assert [(p.honoured, p.undermined) for p in infos.principles] == [
            (p.honoured, p.undermined) for p in again.principles
        ]
        assert (infos.runs, infos.unfinished) == (1, 1)


async def test_the_app_answers_keys_while_progress_reads_a_big_store(monkeypatch) -> None:
    """Progress read every run on the UI thread: thousands of runs held every key, ctrl+q
    too, for seconds (adversarial-8). The read is a thread's now; what was asked for is
    shown when it is done, and only if the trainee is still where they asked for it."""
    import threading

    gate = threading.Event()
    real = Store.listing

    def slow_runs(self, *args, **kwargs):
        gate.wait(10)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "listing", slow_runs)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("home")
        library = app.screen
        before = library.query_one("#scenarios").highlighted
        await pilot.press("g")
        await pilot.press("down")  # answered at once, the read still under way
        assert app.screen is library and app._reading
        assert library.query_one("#scenarios").highlighted != before
        await pilot.pause(0.6)
        assert any("Reading your runs" in str(n.message) for n in toasts_showing(app))
        await pilot.press("g")  # a second g while reading starts no second read
        gate.set()
        await records_read(app, pilot)
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("escape")
        await pilot.pause()

        gate.clear()
        await pilot.press("g")
        await pilot.press("home", "down", "enter")  # meanwhile: a scenario's content notes
        await pilot.pause()
        asked_elsewhere = app.screen
        assert screen_name(app) == "ContentNotes"
        gate.set()
        await records_read(app, pilot)
        assert app.screen is asked_elsewhere  # progress does not open over it


async def test_a_scenario_opened_at_start_offers_its_run_left_unfinished() -> None:
    """`peer-sim play X` with a run of X left (a closed terminal): it asks, as the plain
    player and a start from the library do. The store was not open yet when the app asked,
    so nothing was offered and a new run began (adversarial-24)."""
    from sim.loading import load_scenario
    from tests.tui.helpers import LIBRARY

    await quit_after_one_choice()
    left = Store.open().unfinished()
    assert len(left) == 1
    app = make_app(scenario=load_scenario(LIBRARY / f"{left[0].scenario_id}.toml"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "Confirm", screen_name(app)
        assert "Pick it up where you left off (y)" in app.screen.question
        await pilot.press("y")
        play = await until_screen(app, pilot, PlayScreen)
        assert len(play.run.state.decisions) == 1
    assert [r.choices_made for r in Store.open().runs()] == [1]

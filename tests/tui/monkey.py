"""A seeded monkey for the app: random keys, key bursts, the palette and resizes.

Shared by the CI test (`test_bundled.py`, a few thousand keys) and the long run
in `benchmarks/tui_monkey.py` (20,000). Keys and resizes go in as the terminal
driver delivers them, without Pilot's waits: a burst is several keys in one
read, a resize may be followed by keys in that same read, and the app only
settles every `batch` keys. The random choices depend only on the seed.

When the random keys quit the app (ctrl+p, "Quit", or Escape then y), a new
app starts and the count goes on: quitting is fine, raising is not. The app's
own exceptions propagate out of `run_test`, so a crash fails the caller.

The keys also reach what records brought: every session starts with a run
left unfinished by a process that is gone (so the resume dialog asks, and
random keys answer it), every other scenario is opened in own-words practice
(the typed keys and pastes go into its box; a burst turns it on with `w`),
`g` and the palette open the progress screen, its past runs and their
debriefs, and the class summary. No run may be lost: each run the
app reported finished is in the records file, whole, at the end.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.events import Paste, Resize
from textual.geometry import Size

from tests.tui.helpers import deliver, ready, screen_name

if TYPE_CHECKING:
    from sim.model import Scenario
    from sim.tui.app import PeerSimApp

KEYS = (
    ["1", "2", "3", "enter", "space"] * 6
    + ["4", "9", "up", "down", "u", "ctrl+z", "p", "escape", "question_mark", "m"]
    + ["r", "l", "y", "n", "tab", "pagedown", "pageup", "end", "home", "left"]
    + ["ctrl+p", "pagedown"]
    + ["e", "a", "s", "t", "backspace", "shift+tab"]  # typed into the palette's search
)
BURSTS = [
    ["ctrl+p", "pagedown"],
    ["ctrl+p", "pageup", "pagedown"],
    ["ctrl+p", "enter", "enter"],
    ["enter", "enter"],
    ["1", "2"],
    ["1", "space", "1"],
    ["escape", "y"],
    ["escape", "escape"],
    ["u", "1", "u"],
    ["ctrl+p", "c", "l", "a", "s", "s", "enter"],  # the class summary
    ["ctrl+p", "p", "r", "o", "g", "enter", "down", "enter"],  # a past run's debrief
    ["g", "pagedown", "enter", "escape"],
    ["w", "escape", "y", "enter"],  # own words on, back to the library, start again
    ["y", "o", "u", "space", "s", "h", "o", "u", "l", "d", "enter"],  # own words typed
    ["paste", "enter"],  # a paste holding escape sequences, into whatever has focus
]
PASTE = "you should \x1b]52;c;b3duZWQ=\x07just \x1b[2J[bold]go\u202e\x9b31m\nsecond line"
# down to one cell and up past most screens: under the too-small notice the screens are still
# laid out, and a list given no column for its text ended the app (adversarial-19)
SIZES = [
    (1, 1),
    (6, 3),
    (14, 5),
    (20, 8),
    (40, 12),
    (59, 17),
    (60, 18),
    (64, 20),
    (80, 24),
    (100, 30),
    (120, 40),
    (320, 90),
]
WEIGHTS = [1, 1, 1, 1, 1, 1, 2, 1, 4, 2, 2, 1]


@dataclass
class Report:
    presses: int = 0
    bursts: int = 0
    resizes: int = 0
    palettes: int = 0
    sessions: int = 0
    screens: set[str] = field(default_factory=set)
    played: set[str] = field(default_factory=set)
    sizes: set[tuple[int, int]] = field(default_factory=set)
    finished: set[int] = field(default_factory=set)  # runs the app said it recorded
    resumes_offered: int = 0


def resize(app: PeerSimApp, width: int, height: int) -> None:
    """A terminal resize as the driver reports it: no wait for the app to redraw."""
    size = Size(width, height)
    app._driver._size = size  # the headless driver's idea of the terminal
    app.post_message(Resize(size, size))


async def monkey(
    make_app: Callable[[], PeerSimApp],
    scenarios: Sequence[Scenario],
    presses: int,
    seed: int,
    batch: int = 5,
    bursts: float = 0.08,
    resizes: float = 0.02,
) -> Report:
    """`presses` keys shared out over `scenarios`, each share opened from the library."""
    rng = random.Random(seed)
    report = Report()
    share = -(-presses // len(scenarios))
    shares = [(sc, min((i + 1) * share, presses)) for i, sc in enumerate(scenarios)]
    while shares:
        leave_off(shares[0][0])
        app = make_app()
        report.sessions += 1
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            # every screen shown counts, also one the next keys left before the app settled
            app.screen_change_signal.subscribe(
                app, lambda screen: report.screens.add(type(screen).__name__)
            )
            await _wander(app, pilot, rng, report)
            while shares and app.is_running:
                scenario, end = shares[0]
                await _open(app, pilot, scenario, report)
                if "DebriefScreen" not in report.screens and not app.own_words:
                    # once, a run played to its end on purpose: whether random keys
                    # finish one depends on how fast the machine takes them, and
                    # the debrief must get its share of keys every time
                    await _finish(app, pilot, report)
                while report.presses < end and app.is_running:
                    for _ in range(min(batch, end - report.presses)):
                        await _step(app, rng, report, bursts, resizes)
                    await pilot.pause()
                    _note(app, report)
                if report.presses >= end:  # else the keys quit the app: a new one goes on
                    shares.pop(0)
            if app.is_running:
                app.exit()
    _no_run_lost(report)
    return report


def leave_off(scenario: Scenario, choices: int = 1) -> int | None:
    """A run of `scenario` left after `choices` choices by a process that is gone; its id."""
    import socket

    from sim.engine import Run
    from sim.records import Store
    from sim.records.record import progress_of, scenario_digest
    from sim.records.store import now

    run = Run.begin(scenario)
    for _ in range(choices):
        while not run.waits_for_choice and not run.over:
            run.advance()
        if run.over or not run.offers():
            break
        run.choose(1)
    if not run.state.decisions or run.over:
        return None
    store = Store.open()
    try:
        run_id = store.begin(
            scenario.id,
            scenario.title,
            scenario_digest(run),
            "practice",
            progress_of(run, [now()] * len(run.state.decisions), "practice"),
        )
        with store._write() as c:  # owned by a process id no system hands out
            c.execute(
                "UPDATE runs SET owner = ? WHERE id = ?",
                (f"{socket.gethostname()}:99999999", run_id),
            )
    finally:
        store.close()
    return run_id


async def _wander(app: PeerSimApp, pilot, rng: random.Random, report: Report) -> None:  # type: ignore[no-untyped-def]
    """A few keys at the start of a session: they answer the resume dialog, or roam the library."""
    report.resumes_offered += type(app.screen).__name__ == "Confirm"
    for _ in range(rng.randint(1, 6)):
        key = rng.choice(["y", "n", "enter", "escape", "g", "down", "pagedown", "ctrl+p"])
        deliver(app, key)
        report.presses += 1
        await asyncio.sleep(0)
    await pilot.pause()
    _note(app, report)


def _no_run_lost(report: Report) -> None:
    """Every run the app recorded as finished is in the records file, with its decisions."""
    from sim.records import Store

    store = Store.open(None, None)
    try:
        (check,) = store.conn.execute("PRAGMA integrity_check").fetchone()
        assert check == "ok", f"the records file is damaged: {check}"
        for run_id in sorted(report.finished):
            run = store.get(run_id)
            assert run is not None and run.finished, f"run {run_id} was lost"
            assert len(run.decisions) == run.choices_made, f"run {run_id} lost decisions"
        assert not store.damaged, store.damaged
    finally:
        store.close()


async def _open(app: PeerSimApp, pilot, scenario: Scenario, report: Report) -> None:  # type: ignore[no-untyped-def]
    """Back to the library at a usable size, highlight `scenario`, open it."""
    resize(app, 80, 24)
    await pilot.pause()
    while len(app.screen_stack) > 1:  # whatever is open
        app.pop_screen()
    await pilot.pause()
    library = app.screen.query_one("#scenarios")
    place = [sc.id for sc in app.library.scenarios].index(scenario.id)
    # every other scenario in own-words practice, the rest as the keys left it off: an
    # own-words run needs words and Enter before each line, and fewer would end
    app.own_words = place % 2 == 1
    library.highlighted = library.get_option_index(f"s:{place}")
    await pilot.pause()
    for _ in range(4):  # open it, and go past any content notes
        if getattr(app.screen, "run", None) is not None:
            break
        deliver(app, "enter")
        report.presses += 1
        await pilot.pause()
    _note(app, report)


async def _finish(app: PeerSimApp, pilot, report: Report) -> None:  # type: ignore[no-untyped-def]
    """Take the first line at every decision (Enter where a scene goes on) until the debrief."""
    for _ in range(200):
        if screen_name(app) == "DebriefScreen" or not app.is_running:
            break
        run = getattr(app.screen, "run", None)
        deliver(app, "1" if run is not None and run.waits_for_choice else "enter")
        report.presses += 1
        await pilot.pause()
    _note(app, report)


async def _step(
    app: PeerSimApp, rng: random.Random, report: Report, bursts: float, resizes: float
) -> None:
    roll = rng.random()
    if roll < resizes:
        width, height = rng.choices(SIZES, WEIGHTS)[0]
        resize(app, width, height)
        report.resizes += 1
        report.sizes.add((width, height))
    if roll < bursts:
        keys = list(rng.choice(BURSTS)) if rng.random() < 0.6 else rng.choices(KEYS, k=4)
        report.bursts += 1
    else:
        keys = [rng.choice(KEYS)]
    for key in keys:  # one read: no turn of the event loop between them
        if key == "paste":
            paste = Paste(PASTE)
            paste.set_sender(app)
            app._driver.send_message(paste)
            continue
        deliver(app, key)
        report.palettes += key == "ctrl+p"
    report.presses += len(keys)
    await asyncio.sleep(0)


def _note(app: PeerSimApp, report: Report) -> None:
    if not app.is_running:
        return
    report.screens.add(screen_name(app))
    run = getattr(app.screen, "run", None)
    if run is not None:
        report.played.add(run.scenario.id)
        if app.screen.query(".-asking"):  # the own-words box waits for typing
            report.screens.add("own-words box")
    recorder = getattr(app, "recorder", None)
    if recorder is not None and recorder.finished_id is not None:
        report.finished.add(recorder.finished_id)
    elif recorder is not None and recorder.run_id in report.finished:
        # `u` at the ending (practice) takes the last line back and reopens the run, as
        # designed (Recorder.update): it is unfinished again, not lost (seed 7, 1,500 keys)
        report.finished.discard(recorder.run_id)

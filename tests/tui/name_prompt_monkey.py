"""A seeded monkey for the classroom's first question: who is playing (`--ask-trainee`).

Served to a room, every tab opens on the name prompt (`TraineePrompt`) and nothing
may be played before a name is given: a run played then would land among nobody's
runs. The other monkeys start from the library and never see it. Here each session
opens an app that asks, and random keys answer it as a hurried class does: letters
typed and pasted (escape sequences, bidi and zero-width characters, line breaks,
names too long, only spaces), Backspace, Enter before anything is typed, Esc, the
palette, resizes to tiny sizes, keys in one read. Once a name is taken the keys
go on through the library, own-words practice, progress and a run played to its end
(`tests.tui.monkey`'s steps). Shared by the CI test (test_name_prompt_monkey.py) and
benchmarks/tui_name_prompt_monkey.py (thousands of keys).

Checked throughout: no play screen before a name; the name taken is one clean line
within the limit; each run recorded in a session is under that session's name; no
finished run is lost.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.events import Paste

from tests.tui.helpers import deliver, ready, screen_name
from tests.tui.monkey import SIZES, WEIGHTS, Report, _finish, _no_run_lost, _note, _open, _step
from tests.tui.monkey import resize as resize_to

if TYPE_CHECKING:
    from sim.model import Scenario
    from sim.tui.app import PeerSimApp

LETTERS = list("SamAlexZoëJo-'. 0123") + ["space", "backspace", "left", "home", "end"]
NAME_KEYS = LETTERS * 2 + ["enter"] * 3 + ["escape", "ctrl+p", "tab", "shift+tab", "ctrl+z"]
PASTES = [
    "Sam\x1b[2J\x1b]52;c;b3duZWQ=\x07",
    "\u202eolleh\u202c",
    "Zo\u200be",
    "two\nlines",
    "x" * 5_000,
    "   ",
    "\x9b31mRed",
    "Ann Lee",
    "ΔΙΟΝΎΣΙΟΣ",
]


@dataclass
class NameReport(Report):
    names: dict[int, str] = field(default_factory=dict)  # session -> the name taken
    refusals: int = 0  # an Enter that left the prompt up (a name refused or empty)
    prompt_keys: int = 0


async def name_monkey(
    make_app: Callable[[], PeerSimApp],
    scenarios: Sequence[Scenario],
    sessions: int,
    keys: int,
    seed: int,
) -> NameReport:
    rng = random.Random(seed)
    report = NameReport()
    for session in range(sessions):
        app = make_app()
        app.ask_trainee = True
        report.sessions += 1
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            app.screen_change_signal.subscribe(
                app, lambda screen: report.screens.add(type(screen).__name__)
            )
            name = await _answer(app, pilot, rng, report)
            if name is None:  # the keys quit the app (ctrl+p, "Quit") before a name
                continue
            report.names[session] = name
            scenario = scenarios[session % len(scenarios)]
            await _open(app, pilot, scenario, report)
            if session % 2 == 0 and not app.own_words:
                await _finish(app, pilot, report)
            end = report.presses + keys
            while report.presses < end and app.is_running:
                for _ in range(5):
                    await _step(app, rng, report, 0.08, 0.02)
                await pilot.pause()
                _note(app, report)
            if app.is_running:
                app.exit()
        _runs_are_theirs(report)
    _no_run_lost(report)
    return report


async def _answer(app: PeerSimApp, pilot, rng: random.Random, report: NameReport) -> str | None:  # type: ignore[no-untyped-def]
    """Random keys at the name prompt until it takes a name; the name, or None if the app
    was quit first. Nothing is played meanwhile."""
    for _ in range(400):
        if not app.is_running:
            return None
        if app.trainee:
            return _taken(app)
        if screen_name(app) != "TraineePrompt" and rng.random() < 0.3:
            for key in ("escape", "escape"):  # the palette or help over the prompt: closed
                deliver(app, key)
        roll = rng.random()
        if roll < 0.03:
            width, height = rng.choices(SIZES, WEIGHTS)[0]
            resize_to(app, width, height)
            report.resizes += 1
        if roll < 0.12:
            paste = Paste(rng.choice(PASTES))
            paste.set_sender(app)
            app._driver.send_message(paste)
            report.bursts += 1
        for key in rng.choices(NAME_KEYS, k=rng.choice([1, 1, 1, 3, 8])):  # one read
            deliver(app, key)
            report.presses += 1
            report.prompt_keys += 1
            report.palettes += key == "ctrl+p"
        await asyncio.sleep(0)
        if rng.random() < 0.3:
            await pilot.pause()
            _no_play_before_a_name(app)
            problem = app.screen.query("#trainee-problem") if app.is_running else []
            report.refusals += bool(problem and str(problem.first().render()).strip())
    # the keys never got a name through: type one, as a trainee at last would
    for _ in range(5):
        if not app.is_running or app.trainee or screen_name(app) == "TraineePrompt":
            break
        deliver(app, "escape")
        await pilot.pause()
    if app.is_running and not app.trainee and screen_name(app) == "TraineePrompt":
        for key in ["ctrl+a", "ctrl+k", *"Pat", "enter"]:
            deliver(app, key)
        await pilot.pause()
    return _taken(app) if app.trainee else None


def _taken(app: PeerSimApp) -> str:
    from sim.records.classroom import MAX_NAME

    name = app.trainee or ""
    assert name.isprintable() and name == " ".join(name.split()), repr(name)
    assert 0 < len(name) <= MAX_NAME, repr(name)
    return name


def _no_play_before_a_name(app: PeerSimApp) -> None:
    if app.is_running and not app.trainee:
        kinds = {type(s).__name__ for s in app.screen_stack}
        assert not kinds & {"PlayScreen", "DebriefScreen", "ContentNotes"}, kinds


def _runs_are_theirs(report: NameReport) -> None:
    """Every run recorded is under a name given at the prompt, never nobody's ('')."""
    from sim.records import Store
    from sim.text import name_key

    given = {name_key(n) for n in report.names.values()}
    store = Store.open(None, None)
    try:
        for (trainee,) in store.conn.execute("SELECT trainee FROM runs"):
            assert name_key(trainee) in given, (trainee, report.names)
    finally:
        store.close()

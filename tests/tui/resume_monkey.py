"""A seeded monkey for the question about several runs left off, and the library's marks.

Every session starts with two to four more runs left unfinished by a process that is
gone (some of one scenario, so a start asks about them too), so the app opens on the
list of them (`ResumeChoice`). Random keys answer it as a hurried trainee would:
numbers past the end of the list, Enter bursts, ctrl+p bursts over it, Esc, n, y,
arrows, resizes down to 20x8, the app quit and started again. Then a scenario with
runs of its own left off is started, which asks again, and the keys go on.

Nothing may raise; no run may be lost (every run left off is still in the records
with the choices it had, or more); and whenever the library is shown and settled,
its "↻ left off" marks say what the records hold.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tests.tui.helpers import deliver, ready, screen_name
from tests.tui.monkey import SIZES, WEIGHTS, leave_off, resize

if TYPE_CHECKING:
    from sim.model import Scenario
    from sim.tui.app import PeerSimApp

KEYS = (
    ["1", "2", "3", "enter", "down", "up", "escape", "n", "y"] * 3
    + ["4", "9", "0", "space", "tab", "shift+tab", "home", "end", "pageup", "pagedown"]
    + [
        "ctrl+p",
        "g",
        "question_mark",
        "left",
        "right",
        "backspace",
    ]  # no undo: it takes choices back
)
BURSTS = [
    ["enter"] * 3,
    ["enter"] * 8,
    ["ctrl+p"] * 3,
    ["ctrl+p", "enter", "enter"],
    ["ctrl+p", "escape", "1"],
    ["escape", "escape", "enter"],
    ["1", "1", "1"],
    ["9", "enter"],
    ["n", "enter", "enter"],
    ["down", "down", "down", "enter"],
    ["escape", "y"],
    ["y", "n", "escape"],
]


@dataclass
class ResumeReport:
    presses: int = 0
    sessions: int = 0
    lists_shown: int = 0  # ResumeChoice on screen at a session start or a scenario start
    marks_checked: int = 0
    resizes: int = 0
    palettes: int = 0
    screens: set[str] = field(default_factory=set)
    left: dict[int, int] = field(default_factory=dict)  # run id: choices when left off


async def resume_monkey(
    make_app: Callable[[], PeerSimApp],
    scenarios: Sequence[Scenario],
    sessions: int,
    keys: int,
    seed: int,
    batch: int = 4,
) -> ResumeReport:
    """`sessions` app starts, each after more runs were left off, with `keys` keys each."""
    rng = random.Random(seed)
    report = ResumeReport()
    for _ in range(sessions):
        for _ in range(rng.randint(2, 4)):
            scenario = rng.choice(scenarios[:4])  # few scenarios: some left off twice
            run_id = leave_off(scenario, rng.randint(1, 3))
            if run_id is not None:
                report.left[run_id] = _choices(run_id)
        app = make_app()
        report.sessions += 1
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            report.screens.add(screen_name(app))
            report.lists_shown += screen_name(app) == "ResumeChoice"
            await _keys(app, pilot, rng, report, keys // 2, batch)
            if app.is_running:
                await _start_one_left_off(app, pilot, report)
                await _keys(app, pilot, rng, report, keys - keys // 2, batch)
            if app.is_running:
                await _settle_on_library(app, pilot, report)
                app.exit()
        _none_lost(report)
    return report


def _choices(run_id: int) -> int:
    from sim.records import Store

    store = Store.open()
    try:
        stored = store.get(run_id)
        assert stored is not None, f"run {run_id} was not recorded"
        return stored.choices_made
    finally:
        store.close()


async def _keys(  # type: ignore[no-untyped-def]
    app: PeerSimApp, pilot, rng: random.Random, report: ResumeReport, count: int, batch: int
) -> None:
    done = 0
    while done < count and app.is_running:
        for _ in range(batch):
            roll = rng.random()
            if roll < 0.05:
                resize(app, *rng.choices(SIZES, WEIGHTS)[0])
                report.resizes += 1
            burst = list(rng.choice(BURSTS)) if roll < 0.15 else [rng.choice(KEYS)]
            for key in burst:  # one read: no turn of the event loop between them
                deliver(app, key)
                report.palettes += key == "ctrl+p"
            done += len(burst)
            report.presses += len(burst)
            await asyncio.sleep(0)
        await pilot.pause()
        if app.is_running:
            report.screens.add(screen_name(app))
            report.lists_shown += screen_name(app) == "ResumeChoice"


async def _start_one_left_off(app: PeerSimApp, pilot, report: ResumeReport) -> None:  # type: ignore[no-untyped-def]
    """Back to the library; start a scenario with runs left off (it asks which, or whether)."""
    from sim.records import Store

    resize(app, 80, 24)
    await pilot.pause()
    while len(app.screen_stack) > 1:
        app.pop_screen()
    await pilot.pause()
    store = Store.open()
    try:
        left = {r.scenario_id for r in store.unfinished()}
    finally:
        store.close()
    ids = [sc.id for sc in app.library.scenarios]
    target = next((i for i, sid in enumerate(ids) if sid in left), None)
    if target is None:
        return
    library = app.screen.query_one("#scenarios")
    library.highlighted = library.get_option_index(f"s:{target}")
    await pilot.pause()
    deliver(app, "enter")
    report.presses += 1
    await pilot.pause()
    report.screens.add(screen_name(app))
    report.lists_shown += screen_name(app) == "ResumeChoice"


async def _settle_on_library(app: PeerSimApp, pilot, report: ResumeReport) -> None:  # type: ignore[no-untyped-def]
    """With only the library open and the app idle, its marks say what the records hold."""
    from sim.records import Store

    while len(app.screen_stack) > 1:
        app.pop_screen()
    await pilot.pause()
    await app.workers.wait_for_complete()
    if hasattr(app, "refresh_left") and screen_name(app) == "LibraryScreen":
        await pilot.pause()
        store = Store.open()
        try:
            runs = store.unfinished()
        finally:
            store.close()
        counts: dict[str, int] = {}
        for r in runs:
            counts[r.scenario_id] = counts.get(r.scenario_id, 0) + 1
        for sc in app.library.scenarios:
            mark = app.left_summary(sc.id)
            n = counts.get(sc.id, 0)
            want = "" if not n else (f"↻ left off {n} times" if n > 1 else "↻ left off after")
            assert mark.startswith(want) and bool(mark) == bool(n), (sc.id, mark, n)
            report.marks_checked += 1


def _none_lost(report: ResumeReport) -> None:
    """Every run left off is still recorded, with the choices it had (or more, resumed)."""
    from sim.records import Store

    store = Store.open(None, None)
    try:
        (check,) = store.conn.execute("PRAGMA integrity_check").fetchone()
        assert check == "ok", f"the records file is damaged: {check}"
        for run_id, choices in report.left.items():
            stored = store.get(run_id)
            assert stored is not None, f"run {run_id} was lost"
            assert stored.choices_made >= choices, f"run {run_id} lost choices"
            if stored.finished:  # (left off here with its progress alone, no decision rows)
                assert len(stored.decisions) == stored.choices_made, f"run {run_id} lost some"
        assert not store.damaged, store.damaged
    finally:
        store.close()

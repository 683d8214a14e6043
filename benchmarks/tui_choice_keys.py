"""CPU of one highlight move (↓) in the choices list at 9, 50 (the cap) and 200 choices.

A key that only moves the highlight should wrap nothing: the cost per key at 50
choices over that at 9 should stay near flat (the list draws only the rows in
view). The counts alternate in one process, headless, at 100x30 (9 choices fit,
50 scroll: each key then repaints the whole view) and at 100x12 (every count
scrolls, like with like); each choice is a one-to-three-line sentence. Also
prints how many choices were wrapped a key (`ChoiceList._strips_for` calls):
after the fix, 0.

    python -m compileall -q sim && python benchmarks/tui_choice_keys.py 5
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.content import Content

from sim.tui.widgets.choices import Choice, ChoiceList

KEYS = 40  # moves per round
LINE = (
    "I hear that the first week out has been a lot, and I want to understand what "
    "would make the next few days feel more manageable for you, in your words. "
)


class ListApp(App[None]):
    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical():
            yield ChoiceList(id="choices")

    def on_mount(self) -> None:
        lst = self.query_one(ChoiceList)
        lst.set_choices(
            [
                Choice(f"c{i}", Content(f"{LINE[: 80 + (i * 37) % 120]}#{i}"), str(1 + i % 9))
                for i in range(self.count)
            ]
        )
        lst.focus()


async def one_round(count: int, size: tuple[int, int]) -> tuple[float, float]:
    """(CPU seconds per key, choices wrapped per key) over KEYS down-arrow moves."""
    app = ListApp(count)
    app.animation_level = "none"
    calls = 0
    real = ChoiceList._strips_for

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real(self, *args, **kwargs)

    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        ChoiceList._strips_for = counted  # type: ignore[method-assign]
        try:
            t = time.process_time()
            for _ in range(KEYS):
                await pilot.press("down")
            cpu = time.process_time() - t
        finally:
            ChoiceList._strips_for = real  # type: ignore[method-assign]
    return cpu / KEYS, calls / KEYS


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    counts = (9, 50, 200)  # 200: past the model's cap, to show the growth, not a case
    for size in ((100, 30), (100, 12)):  # at 100x12 the 9 lines scroll too
        cost: dict[int, list[float]] = {n: [] for n in counts}
        wraps: dict[int, list[float]] = {n: [] for n in counts}
        for _ in range(rounds):
            for n in counts:
                c, w = asyncio.run(one_round(n, size))
                cost[n].append(c)
                wraps[n].append(w)
        med = {n: statistics.median(cost[n]) for n in counts}
        print(
            f"{size[0]}x{size[1]}: "
            + "; ".join(
                f"{n} choices {med[n] * 1000:.1f} ms a key, "
                f"{statistics.median(wraps[n]):.1f} wrapped a key"
                for n in counts
            )
            + f"; ratio 50/9 {med[50] / med[9]:.2f}, 200/9 {med[200] / med[9]:.2f}"
        )
    print(f"({rounds} rounds of {KEYS} keys each, medians)")


if __name__ == "__main__":
    main()

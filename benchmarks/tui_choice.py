"""CPU cost of one move on the play screen: engine step, widget updates, layout, render.

Measured in-process with `time.process_time()` around the move and the
refresh that follows it, on a bundled scenario at 100x30, headless. Pilot's
idle waits are not CPU and are not counted; the idle cost of one `pause()`
with nothing to do is printed for reference.

    python -m compileall -q sim && python benchmarks/tui_choice.py 60
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time

from sim.loading import bundled_dir, load_scenario
from sim.tui.app import PeerSimApp
from sim.tui.screens.play import PlayScreen


async def measure(moves: int) -> tuple[list[float], list[float]]:
    scenario = load_scenario(bundled_dir() / "first-meeting.toml")
    app = PeerSimApp(scenario, library_paths=[])
    app.animation_level = "none"
    costs: list[float] = []
    idle: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, PlayScreen):  # content notes
            await pilot.press("enter")
            await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        for _ in range(10):
            t = time.process_time()
            await pilot.pause()
            idle.append(time.process_time() - t)
        step = 0
        while len(costs) < moves:
            if play.run.over:
                play.restart()
                await pilot.pause()
                continue
            step += 1
            t = time.process_time()
            if play.run.waits_for_choice:
                play.choose(1 + step % len(play.run.offers()))
            else:
                play.action_go_on()
            await pilot.pause()
            costs.append(time.process_time() - t)
    return costs, idle


def main() -> None:
    moves = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    costs, idle = asyncio.run(measure(moves))
    ms = sorted(c * 1000 for c in costs)
    print(
        f"{moves} moves: median {statistics.median(ms):.1f} ms CPU, "
        f"p90 {ms[int(len(ms) * 0.9)]:.1f} ms; an idle pause costs "
        f"{statistics.median(idle) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()

"""Opening the debrief of a long run: the wait a key typed as it opens sits through.

A trainee who presses space or ↓ as the debrief appears waits until the screen
has been built and laid out (UI-thread work: the key is read after it). This
measures, headless at 80x24 on First Days Out played to its end (12 decisions):

- CPU: `time.process_time()` from `show_debrief` until the app is idle;
- key: wall time from `show_debrief` until a space delivered with it (as the
  terminal driver delivers a key typed then) has scrolled the debrief.

Timings swing with what else runs on the machine, so compare two source trees
side by side in one run: each round runs this script once for each tree, in
turn, in a fresh process (PYTHONPATH picks the tree), and the ratio of the
medians is printed.

    python -m compileall -q sim && python benchmarks/tui_debrief.py 9 --against /work/main
    python benchmarks/tui_debrief.py 9            # this tree alone
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


async def measure() -> dict[str, float]:
    from textual import events

    from sim.loading import bundled_dir, load_scenario
    from sim.tui.app import PeerSimApp
    from sim.tui.screens.debrief import DebriefScreen
    from sim.tui.screens.play import PlayScreen

    scenario = load_scenario(bundled_dir() / "first-days-out.toml")
    app = PeerSimApp(scenario, library_paths=[])
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, PlayScreen):  # content notes
            await pilot.press("enter")
            await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        step = 0
        while not play.run.over:  # the same path every time
            step += 1
            if play.run.waits_for_choice:
                play.choose(1 + step % len(play.run.offers()))
            else:
                play.run.advance()
        play.rebuild()
        for _ in range(3):
            await pilot.pause()
        cpu, wall = time.process_time(), time.perf_counter()
        app.show_debrief(play.run)
        key = events.Key("space", " ")
        key.set_sender(app)
        app._driver.send_message(key)  # typed as the debrief opens
        key_ms = 0.0
        for _ in range(100_000):
            screen = app.screen_stack[-1] if app.screen_stack else None  # empty mid-switch
            box = screen.query("#debrief") if isinstance(screen, DebriefScreen) else None
            if box and box.first().scroll_y > 0:  # composed, and the key has scrolled it
                key_ms = (time.perf_counter() - wall) * 1000
                break
            await asyncio.sleep(0.002)
        for _ in range(3):
            await pilot.pause()
        cpu_ms = (time.process_time() - cpu) * 1000
        return {"cpu": cpu_ms, "key": key_ms, "decisions": len(play.run.state.decisions)}


FOLDERS = ("PEER_SIM_DATA_DIR", "PEER_SIM_CONFIG_DIR", "PEER_SIM_CACHE_DIR")


def one(tree: Path) -> dict[str, float]:
    """One measure in a fresh process importing `sim` from `tree`, with its own records."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONPATH=str(tree))
        for name in FOLDERS:  # never the user's records: the run played is recorded
            env[name] = str(Path(tmp) / name)
        out = subprocess.run(
            [sys.executable, __file__, "--one"],
            env=env,
            cwd=tmp,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    if "--one" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            for name in FOLDERS:
                os.environ.setdefault(name, str(Path(tmp) / name))
            print(json.dumps(asyncio.run(measure())))
        return
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rounds = int(args[0]) if args else 9
    trees = {"this tree": HERE}
    if "--against" in sys.argv:
        trees["against"] = Path(sys.argv[sys.argv.index("--against") + 1]).resolve()
    results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(rounds):
        for name, tree in trees.items():
            results[name].append(one(tree))
    medians = {}
    for name, runs in results.items():
        cpu = statistics.median(r["cpu"] for r in runs)
        key = statistics.median(r["key"] for r in runs)
        medians[name] = (cpu, key)
        print(
            f"{name:10} {trees[name]}: {int(runs[0]['decisions'])} decisions, median of {rounds}:"
            f" {cpu:.0f} ms CPU to idle, a key typed as it opens waits {key:.0f} ms"
        )
    if "against" in medians:
        (cpu_new, key_new), (cpu_old, key_old) = medians["this tree"], medians["against"]
        print(f"ratio this/against: CPU {cpu_new / cpu_old:.2f}, key wait {key_new / key_old:.2f}")


if __name__ == "__main__":
    main()

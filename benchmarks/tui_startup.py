"""Start-up time and peak memory of the app against a one-widget Textual app.

Each sample is a fresh headless process that starts the app and reports
(wall clock) when its first screen is ready, measured from the spawn; then it
exits and reports its peak RSS; the two apps alternate round-robin so machine noise
hits both alike. Byte-compile first (PYTHONDONTWRITEBYTECODE is set here):

    python -m compileall -q sim && python benchmarks/tui_startup.py 15
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

ONE_WIDGET = """
import asyncio, resource, sys, time
from textual.app import App
from textual.widgets import Static
class One(App):
    def compose(self):
        yield Static("hello")
async def main():
    app = One()
    async with app.run_test(size=(100, 30)) as pilot:
        print(time.time())  # first screen ready
asyncio.run(main())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

PEER_SIM = """
import asyncio, resource, sys, time
from sim.tui.app import PeerSimApp
async def main():
    app = PeerSimApp()
    async with app.run_test(size=(100, 30)) as pilot:
        # the first screen is painted (the library, its list still loading)
        if {loaded}:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.library and app.library.scenarios
        print(time.time())
asyncio.run(main())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

COMMANDS = {
    "one-widget app": ONE_WIDGET,
    "peer-sim, first screen": PEER_SIM.format(loaded=False),
    "peer-sim, library loaded": PEER_SIM.format(loaded=True),
}


def sample(code: str) -> tuple[float, int]:
    """Milliseconds from spawning the process to its screen being ready; peak RSS in MB."""
    t = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    return (float(out[-2]) - t) * 1000, int(out[-1]) // 1024


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    for code in COMMANDS.values():  # warm-up: file cache, .pyc
        sample(code)
    times: dict[str, list[float]] = {k: [] for k in COMMANDS}
    mem: dict[str, list[int]] = {k: [] for k in COMMANDS}
    for _ in range(rounds):
        for name, code in COMMANDS.items():
            ms, mb = sample(code)
            times[name].append(ms)
            mem[name].append(mb)
    base_t = statistics.median(times["one-widget app"])
    base_m = statistics.median(mem["one-widget app"])
    print(f"{rounds} rounds, medians (interquartile range)")
    print(f"{'':26} {'ready ms':>16} {'ratio':>6} {'peak MB':>8} {'ratio':>6}")
    for name in COMMANDS:
        t = sorted(times[name])
        q1, q3 = t[len(t) // 4], t[(3 * len(t)) // 4]
        med_t, med_m = statistics.median(t), statistics.median(mem[name])
        print(
            f"{name:26} {med_t:6.0f} ({q1:.0f}-{q3:.0f}) {med_t / base_t:6.2f} "
            f"{med_m:8.0f} {med_m / base_m:6.2f}"
        )


if __name__ == "__main__":
    main()

"""Spawn to a listed library, against a one-widget Textual app: in process and in a real terminal.

"Listed" means a scenario title is in the library's list; the one-widget
app is ready when its one widget is on screen. Two ways of looking:

- in process (headless `run_test`, 100x30): the process prints the wall
  clock when the list holds a scenario, then its peak RSS at exit;
- in a real terminal: the app runs in a detached tmux session (100x30) and
  `tmux capture-pane` is polled every 5 ms until the title (or "hello")
  shows; the time is from spawning tmux.

The index (`sim.loading.index`) is measured warm (it exists, as on every
start after the first) and cold (an empty cache folder each run). Samples
alternate round-robin so machine noise hits all alike. Byte-compile first:

    python -m compileall -q sim && python benchmarks/startup_listed.py 15
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ONE_WIDGET_HEADLESS = """
import asyncio, resource, time
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
from textual.app import App
from textual.widgets import Static
class One(App):
    def compose(self):
        yield Static("hello")
async def main():
    app = One()
    async with app.run_test(size=(100, 30)) as pilot:
        print(time.time(), cpu())
asyncio.run(main())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

PEER_SIM_HEADLESS = """
import asyncio, resource, time
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
from sim.tui.app import PeerSimApp
async def main():
    app = PeerSimApp()
    async with app.run_test(size=(100, 30)) as pilot:
        while True:
            lib = app.screen.query("#scenarios")
            if lib and any(
                (o.id or "").startswith("s:") for o in lib.first()._options
            ):
                break
            await pilot.pause(0.002)
        print(time.time(), cpu())
asyncio.run(main())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

ONE_WIDGET_TERMINAL = """
from textual.app import App
from textual.widgets import Static
class One(App):
    def compose(self):
        yield Static("hello")
One().run()
"""

PEER_SIM_TERMINAL = "from sim.cli import main; main([])"


FOLDER_VARS = ("PEER_SIM_CACHE_DIR", "PEER_SIM_DATA_DIR", "PEER_SIM_CONFIG_DIR")


def _env(cache: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PEER_SIM_CACHE_DIR"] = cache
    env["PEER_SIM_DATA_DIR"] = os.path.join(cache, "data")
    env["PEER_SIM_CONFIG_DIR"] = os.path.join(cache, "config")
    return env


def headless(code: str, cache: str) -> tuple[float, float, int]:
    """Wall ms from spawn to ready, CPU ms the process used by then, peak RSS in MB."""
    t = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=_env(cache)
    ).stdout.split()
    return (float(out[-3]) - t) * 1000, float(out[-2]) * 1000, int(out[-1]) // 1024


def terminal(code: str, cache: str, expect: str) -> float:
    """Milliseconds from spawning tmux with the app until `expect` is on its screen."""
    name = f"bench-{uuid.uuid4().hex[:8]}"
    env = _env(cache)
    # a running tmux server gives new sessions its own environment, not the
    # client's: the cache and data folders are set on the command itself
    # (before this, the "cold" terminal runs used the user's warm cache)
    folders = " ".join(f"{k}={shlex.quote(env[k])}" for k in FOLDER_VARS)
    command = f"env {folders} {sys.executable} -c '{code}'"
    t = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "100", "-y", "30", command],
        check=True,
        env=env,
    )
    try:
        while True:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            if expect in screen:
                return (time.perf_counter() - t) * 1000
            if time.perf_counter() - t > 20:
                raise RuntimeError(f"'{expect}' never appeared:\n{screen}")
            time.sleep(0.005)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def first_title(cache: str) -> str:
    """The title listed first, and a warm index in `cache` as a side effect."""
    code = (
        "from sim.loading.index import list_library;"
        "print(list_library().library.scenarios[0].title)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=_env(cache)
    )
    return done.stdout.strip()


def report(title: str, times: dict[str, list[float]], mem: dict[str, list[int]] | None) -> None:
    base = statistics.median(times["one-widget app"])
    print(f"\n{title}: medians (interquartile range)")
    head = f"{'':30} {'ms':>16} {'ratio':>6}"
    print(head + (f" {'peak MB':>8} {'ratio':>6}" if mem else ""))
    base_m = statistics.median(mem["one-widget app"]) if mem else 1
    for name, values in times.items():
        v = sorted(values)
        q1, q3 = v[len(v) // 4], v[(3 * len(v)) // 4]
        med = statistics.median(v)
        line = f"{name:30} {med:6.0f} ({q1:.0f}-{q3:.0f}) {med / base:6.2f}"
        if mem:
            m = statistics.median(mem[name])
            line += f" {m:8.0f} {m / base_m:6.2f}"
        print(line)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    warm = tempfile.mkdtemp(prefix="peer-sim-bench-")
    title = first_title(warm)
    cases = {
        "one-widget app": (ONE_WIDGET_HEADLESS, ONE_WIDGET_TERMINAL, "hello", False),
        "peer-sim listed, warm index": (PEER_SIM_HEADLESS, PEER_SIM_TERMINAL, title, False),
        "peer-sim listed, cold index": (PEER_SIM_HEADLESS, PEER_SIM_TERMINAL, title, True),
    }
    have_tmux = shutil.which("tmux") is not None
    times = {k: [] for k in cases}
    mem = {k: [] for k in cases}
    cpus = {k: [] for k in cases}
    ttimes = {k: [] for k in cases}
    for case in cases.values():  # warm-up: file cache, .pyc
        headless(case[0], warm)
    try:
        for _ in range(rounds):
            for name, (code, term_code, expect, cold) in cases.items():
                cache = tempfile.mkdtemp(prefix="peer-sim-cold-") if cold else warm
                ms, cpu_ms, mb = headless(code, cache)
                times[name].append(ms)
                cpus[name].append(cpu_ms)
                mem[name].append(mb)
                if have_tmux:
                    if cold:
                        shutil.rmtree(cache)
                        cache = tempfile.mkdtemp(prefix="peer-sim-cold-")
                    ttimes[name].append(terminal(term_code, cache, expect))
                if cold:
                    shutil.rmtree(cache, ignore_errors=True)
    finally:
        shutil.rmtree(warm, ignore_errors=True)
    print(f"{rounds} rounds, round-robin; first listed title: {title!r}")
    report("in process (headless), spawn to listed; peak RSS", times, mem)
    report("in process, CPU time used by then (less sensitive to load)", cpus, None)
    if have_tmux:
        report("real terminal (tmux 100x30), spawn to title on screen", ttimes, None)
    else:
        print("\n(no tmux here: the real-terminal figures were skipped)")


if __name__ == "__main__":
    main()

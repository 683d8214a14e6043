"""What the seeded-monkey benchmarks share: a fresh store, the bundled library, one crash report.

The monkeys must never touch a trainee's own records (they check that no run is lost, so
they need a store of their own) and must write screenshots somewhere harmless; keeping
that set-up in one place means a new monkey cannot forget half of it.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

R = TypeVar("R")


def fresh_places() -> None:
    """A config folder, a records store and a working folder no person uses."""
    os.environ.setdefault("PEER_SIM_CONFIG_DIR", tempfile.mkdtemp(prefix="peer-sim-monkey-"))
    os.environ["PEER_SIM_DATA_DIR"] = tempfile.mkdtemp(prefix="peer-sim-monkey-records-")
    os.chdir(tempfile.mkdtemp(prefix="peer-sim-monkey-cwd-"))  # "Save screenshot" writes here


def app_and_library() -> tuple[Callable[[], Any], list]:
    """A maker of apps without animation (the keys come faster than it) and the bundled scenarios."""
    from sim.loading import bundled_dir, load_library
    from tests.tui.helpers import bundled_app

    return bundled_app, load_library([bundled_dir()]).scenarios


def run_or_report(work: Coroutine[Any, Any, R], seed: int) -> tuple[R | None, float]:
    """Run one monkey; a crash is the finding, so it is printed with its seed, not raised."""
    start = time.perf_counter()
    try:
        report = asyncio.run(work)
    except Exception:  # noqa: BLE001 - a crash is the finding
        traceback.print_exc()
        print(f"CRASH after {time.perf_counter() - start:.0f} s (seed {seed})")
        return None, time.perf_counter() - start
    return report, time.perf_counter() - start

"""Waiting for a served app: for a condition, up to a generous wall-clock bound.

The web tests waited a fixed count of short sleeps (100 of 0.1 s for a tab's app to
start, 200 of 0.05 s for a run to be recorded, a dozen rounds of key presses for the
library): on a loaded CI machine an app process takes longer to start than that, and
the test failed with nothing wrong (records44). As `tests.tui.helpers.until` for the
app tests: the condition is polled until it holds, for up to WAIT seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

WAIT = 30.0  # seconds: far longer than any of these takes on a busy 2-core machine


def wait_until(
    condition: Callable[[], T],
    seconds: float = WAIT,
    step: float = 0.05,
    pause: Callable[[float], object] = time.sleep,
) -> T:
    """`condition()`'s first true value within `seconds`; its last (false) one after them.
    `pause`: how to wait `step` seconds between tries (a Playwright page's own wait lets
    it deliver the frames meanwhile)."""
    deadline = time.monotonic() + seconds
    while True:
        found = condition()
        if found or time.monotonic() > deadline:
            return found
        pause(step)

"""20,000 seeded random keys with the palette, key bursts and resizes: no crash.

    python benchmarks/tui_monkey.py [PRESSES] [SEED]     # defaults 20000 20240611

The CI test (`tests/tui/test_bundled.py`) runs 2,000 of the same keys; this is
the long run for issue 11's "20,000 seeded random keys with the palette and
resizes". Keys go in as the terminal driver delivers them, in bursts of one
read at times, with resizes from 1x1 to 320x90 (tests/tui/monkey.py); they
also reach the resume dialog, own-words typing and pastes, the progress screen,
past debriefs and the class summary, and every run recorded as finished must
still be in the records file at the end. Any exception the app raises ends
the run with its traceback and exit status 1.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks.monkey_run import app_and_library, fresh_places, run_or_report  # noqa: E402


def main() -> int:
    presses = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20240611
    fresh_places()  # records go to a fresh store (never the user's own): no run may be lost
    from tests.tui.monkey import monkey

    make_app, scenarios = app_and_library()
    report, took = run_or_report(monkey(make_app, scenarios, presses, seed), seed)
    if report is None:
        return 1
    print(f"seed {seed}: {report.presses} keys, {report.bursts} bursts, {report.palettes} ctrl+p,")
    print(
        f"  {report.resizes} resizes over {len(report.sizes)} sizes (smallest {min(report.sizes)}),"
    )
    print(
        f"  {report.sessions} app session(s) (the keys quit the app {report.sessions - 1} times),"
    )
    print(f"  screens seen: {', '.join(sorted(report.screens))}")
    print(
        f"  resume offered at {report.resumes_offered} of {report.sessions} session starts; "
        f"{len(report.finished)} runs recorded as finished, none lost"
    )
    print(f"  scenarios played: {len(report.played)} of {len(scenarios)}")
    print(f"no crash in {took:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

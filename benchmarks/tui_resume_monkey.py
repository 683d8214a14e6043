"""Seeded random keys over the question about several runs left off: no crash, no run lost.

    python benchmarks/tui_resume_monkey.py [SESSIONS] [KEYS_PER_SESSION] [SEED]

Each session leaves two to four more runs unfinished first, so the app opens on the
list of them (tests/tui/resume_monkey.py); the keys answer it with Enter and ctrl+p
bursts, Esc, numbers past the list's end and resizes, then start a scenario with runs
left off. The CI test (tests/tui/test_resume_list_monkey.py) runs a few hundred keys.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks.monkey_run import app_and_library, fresh_places, run_or_report  # noqa: E402


def main() -> int:
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    keys = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1616
    fresh_places()  # records go to a fresh store (never the user's own): no run may be lost
    from tests.tui.resume_monkey import resume_monkey

    make_app, scenarios = app_and_library()
    report, took = run_or_report(resume_monkey(make_app, scenarios, sessions, keys, seed), seed)
    if report is None:
        return 1
    print(
        f"seed {seed}: {report.presses} keys over {report.sessions} sessions, "
        f"{report.palettes} ctrl+p, {report.resizes} resizes"
    )
    print(f"  the list of runs left off shown {report.lists_shown} times")
    print(f"  {len(report.left)} runs left off, none lost; {report.marks_checked} marks checked")
    print(f"  screens seen: {', '.join(sorted(report.screens))}")
    print(f"no crash in {took:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

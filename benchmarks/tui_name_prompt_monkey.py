"""Seeded random keys over the classroom's name prompt, then the app under that name.

    python benchmarks/tui_name_prompt_monkey.py [SESSIONS] [KEYS_PER_SESSION] [SEED]

Each session opens the app as `peer-sim serve` does (`--ask-trainee`); the keys answer
the prompt with typing, hostile pastes, Enter, Esc, the palette and resizes, then roam
the app under the name taken (tests/tui/name_prompt_monkey.py). The CI test
(tests/tui/test_name_prompt_monkey.py) runs a few hundred keys.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks.monkey_run import app_and_library, fresh_places, run_or_report  # noqa: E402


def main() -> int:
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    keys = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1717
    fresh_places()  # records go to a fresh store (never the user's own): no run may be lost
    from tests.tui.name_prompt_monkey import name_monkey

    make_app, scenarios = app_and_library()
    report, took = run_or_report(name_monkey(make_app, scenarios, sessions, keys, seed), seed)
    if report is None:
        return 1
    print(
        f"seed {seed}: {report.presses} keys over {report.sessions} sessions, "
        f"{report.palettes} ctrl+p, {report.resizes} resizes"
    )
    print(f"  {report.prompt_keys} keys at the name prompt, {report.refusals} names refused")
    print(f"  names taken: {sorted(set(report.names.values()))}")
    print(f"  {len(report.finished)} runs finished, none lost, each under its name")
    print(f"  screens seen: {', '.join(sorted(report.screens))}")
    print(f"no crash in {took:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

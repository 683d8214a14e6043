"""Seeded random keys over the classroom's name prompt, then the app under that name.

    python benchmarks/tui_name_prompt_monkey.py [SESSIONS] [KEYS_PER_SESSION] [SEED]

Each session opens the app as `peer-sim serve` does (`--ask-trainee`); the keys answer
the prompt with typing, hostile pastes, Enter, Esc, the palette and resizes, then roam
the app under the name taken (tests/tui/name_prompt_monkey.py). The CI test
(tests/tui/test_name_prompt_monkey.py) runs a few hundred keys.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main() -> int:
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    keys = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1717
    os.environ.setdefault("PEER_SIM_CONFIG_DIR", tempfile.mkdtemp(prefix="peer-sim-monkey-"))
    os.environ["PEER_SIM_DATA_DIR"] = tempfile.mkdtemp(prefix="peer-sim-monkey-records-")
    os.chdir(tempfile.mkdtemp(prefix="peer-sim-monkey-cwd-"))  # "Save screenshot" writes here

    from sim.loading import bundled_dir, load_library
    from sim.tui.app import PeerSimApp
    from tests.tui.name_prompt_monkey import name_monkey

    def make_app() -> PeerSimApp:
        app = PeerSimApp()
        app.animation_level = "none"
        return app

    scenarios = load_library([bundled_dir()]).scenarios
    start = time.perf_counter()
    try:
        report = asyncio.run(name_monkey(make_app, scenarios, sessions, keys, seed))
    except Exception:  # noqa: BLE001 - a crash is the finding
        traceback.print_exc()
        print(f"CRASH after {time.perf_counter() - start:.0f} s (seed {seed})")
        return 1
    took = time.perf_counter() - start
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

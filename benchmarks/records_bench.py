"""Reading a big records store: the library's best endings against reading every run.

A class's store grows by a run per trainee per sitting; one reading it in full parses
every run's debrief snapshot (some 40 KB of JSON each). This builds a store of N copies
of one real finished run (played through the plain player) and times, side by side:
`best_by_scenario` (what the app's library asks for at start, before ctrl+q can act),
the full read it replaced (`_best_of_all`), and the reads the progress screen makes.

    python benchmarks/records_bench.py [--runs 20000]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(folder: Path, runs: int) -> None:
    env = {**os.environ, "PEER_SIM_DATA_DIR": str(folder)}
    choices = ",".join(["1"] * 40)
    subprocess.run(
        [sys.executable, "-m", "sim", "play", "first-meeting", "--plain", "--choices", choices],
        env=env, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, check=False,
    )  # fmt: skip
    conn = sqlite3.connect(folder / "records.db")
    row = conn.execute("SELECT * FROM runs WHERE id = 1").fetchone()
    decisions = conn.execute("SELECT * FROM decisions WHERE run_id = 1").fetchall()
    with conn:
        for i in range(2, runs + 1):
            copy = [i, str(uuid.uuid4()), *row[2:]]
            conn.execute(f"INSERT INTO runs VALUES ({','.join('?' * len(copy))})", copy)
            for d in decisions:
                conn.execute(
                    f"INSERT INTO decisions VALUES ({','.join('?' * len(d))})", (i, *d[1:])
                )
    conn.close()


def timed(label: str, step) -> None:  # (str, Callable[[], object]) -> None
    start = time.perf_counter()
    step()
    print(f"  {label:<34} {time.perf_counter() - start:8.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20000)
    args = parser.parse_args()
    from sim.records import Store

    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp), args.runs)
        store = Store.open(tmp)
        print(f"{args.runs} runs, debrief {len(store.last_finished().debrief or {})} keys")
        timed("best_by_scenario (the library)", store.best_by_scenario)
        timed("_best_of_all (before)", store._best_of_all)
        timed("runs() (progress: past runs)", store.runs)
        timed("finished_with_decisions()", store.finished_with_decisions)


if __name__ == "__main__":
    main()

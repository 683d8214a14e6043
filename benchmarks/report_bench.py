"""`peer-sim report` and `runs` on a big store: time and peak memory at two sizes, and growth.

A programme's store gains a run per trainee per sitting; a year of classes is
thousands. This builds stores of N runs (copies of real runs of three scenarios,
both modes, some unfinished, shared out over 40 trainees) and runs each command as
its own process, printing wall time and peak RSS (`wait4`) per size and the ratio
of the larger size to the smaller. With `--before TREE` (a source tree of an
earlier peer-sim, e.g. `git archive 015bfae | tar -x -C /tmp/before`) the same
commands are run from it too, side by side, in the same rounds.

    python benchmarks/report_bench.py [--runs 500 5000] [--rounds 3] [--before TREE]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAYS = [  # scenario, mode, choices ("1" at every step), a few left part way
    ("first-meeting", "practice", 40),
    ("be-my-sponsor", "assessment", 40),
    ("check-in-call", "practice", 40),
    ("first-meeting", "assessment", 3),
]
COMMANDS = {
    "report (text)": ["report"],
    "report --format csv": ["report", "--format", "csv"],
    "report --format json": ["report", "--format", "json"],
    "runs": ["runs"],
}


def build(folder: Path, runs: int) -> None:
    """A store of `runs` runs: the PLAYS played once, then their rows copied round-robin."""
    env = {**os.environ, "PEER_SIM_DATA_DIR": str(folder)}
    for scenario, mode, steps in PLAYS:
        subprocess.run(
            [sys.executable, "-m", "sim", "play", scenario, "--mode", mode,
             "--choices", ",".join(["1"] * steps)],
            env=env, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, check=False,
        )  # fmt: skip
    conn = sqlite3.connect(folder / "records.db")
    templates = conn.execute("SELECT * FROM runs ORDER BY id").fetchall()
    columns = [c[1] for c in conn.execute("PRAGMA table_info(runs)")]
    at = {name: i for i, name in enumerate(columns)}
    decisions = {
        t[0]: conn.execute("SELECT * FROM decisions WHERE run_id = ?", (t[0],)).fetchall()
        for t in templates
    }
    with conn:
        conn.execute("DELETE FROM decisions")
        conn.execute("DELETE FROM runs")
        for i in range(1, runs + 1):
            row = list(templates[(i - 1) % len(templates)])
            source = row[0]
            row[at["id"]], row[at["registration"]] = i, str(uuid.uuid4())
            row[at["trainee"]] = f"Trainee {i % 40:02d}"
            if row[at["status"]] == "playing":
                row[at["status"]], row[at["owner"]] = "left", ""
            conn.execute(f"INSERT INTO runs VALUES ({','.join('?' * len(row))})", row)
            for d in decisions[source]:
                conn.execute(
                    f"INSERT INTO decisions VALUES ({','.join('?' * len(d))})", (i, *d[1:])
                )
    conn.close()


def measure(tree: Path, argv: list[str], folder: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of `peer-sim ARGV` run from source tree `tree`."""
    env = {**os.environ, "PYTHONPATH": str(tree), "PEER_SIM_DATA_DIR": str(folder)}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from sim.cli import main; sys.exit(main())", *argv],
        env=env, cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{argv} from {tree} exited {proc.returncode}")
    return wall, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, nargs=2, default=[500, 5000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", type=Path, help="an earlier peer-sim source tree")
    args = parser.parse_args()
    trees = {"now": ROOT, **({"before": args.before.resolve()} if args.before else {})}
    small, large = args.runs
    with tempfile.TemporaryDirectory() as tmp:
        stores = {}
        for n in (small, large):
            stores[n] = Path(tmp) / str(n)
            stores[n].mkdir()
            build(stores[n], n)
        size = {n: (stores[n] / "records.db").stat().st_size / 2**20 for n in stores}
        print(f"stores: {small} runs ({size[small]:.0f} MiB), {large} runs ({size[large]:.0f} MiB)")
        results: dict[tuple[str, str, int], list[tuple[float, int]]] = {}
        for _ in range(args.rounds):  # round-robin: the machine's load falls on all alike
            for label, argv in COMMANDS.items():
                for which, tree in trees.items():
                    for n in (small, large):
                        found = measure(tree, argv, stores[n])
                        results.setdefault((label, which, n), []).append(found)
    print(f"median of {args.rounds} rounds; wall s / peak RSS MB; ratio = {large} runs / {small}")
    head = f"{'command':22} {'code':7} {small:>7} runs {large:>13} runs   time x   memory x"
    print(head)
    for label in COMMANDS:
        for which in trees:
            cells = []
            for n in (small, large):
                got = results[(label, which, n)]
                wall = statistics.median(w for w, _ in got)
                rss = statistics.median(r for _, r in got) / 1024
                cells.append((wall, rss))
            (w0, m0), (w1, m1) = cells
            print(
                f"{label:22} {which:7} {w0:6.2f} s {m0:5.0f} MB {w1:7.2f} s {m1:5.0f} MB"
                f"   {w1 / w0:6.1f}   {m1 / m0:6.2f}"
            )


if __name__ == "__main__":
    main()

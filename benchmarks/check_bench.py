"""Time the full `peer-sim check` of one synthetic scenario of 1,000 and of 10,000 scenes.

"Full" is what `peer-sim check FILE` does: read, parse, validate and
cross-reference the file, then explore every reachable state and run every
lint (sim.commands.check.check_paths). Target: <= 2 s for 10,000 scenes, and
the cost growing about linearly from 1,000 to 10,000.

The 10,000-scene file is ~5.5 MB, beyond the loader's 1 MiB guard for real
scenarios, so this script lifts that guard for its own files.

    python benchmarks/check_bench.py [--sizes 1000 10000] [--rounds 3] [--seed 0]
    python benchmarks/check_bench.py --callgrind      # instruction counts, which repeat exactly

With --callgrind each size is checked once in a fresh process under valgrind's
callgrind, and the instructions of checking a 10-scene file (imports, start-up)
are subtracted, leaving the cost of the check itself.
"""

from __future__ import annotations

import argparse
import gc
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gen_scenario import generate  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--callgrind", action="store_true")
    parser.add_argument("--once", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        import sim.loading.toml_read as toml_read
        from sim.commands.check import check_paths

        toml_read.MAX_BYTES = 64 * 1024 * 1024
        check_paths([args.once])
        return 0
    if args.callgrind:
        return callgrind(args.sizes, args.seed)

    import sim.loading.toml_read as toml_read
    from sim.authoring.lint import analyse
    from sim.commands.check import check_paths
    from sim.loading import load_catalogue, load_scenario

    toml_read.MAX_BYTES = 64 * 1024 * 1024
    load_catalogue()  # warm the catalogue cache, as a second file would find it
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"synthetic-{n}.toml"
            path.write_text(generate(n, args.seed), encoding="utf-8")
            full, cpu, load, deep = [], [], [], []
            for _ in range(args.rounds):
                t0, c0 = time.perf_counter(), time.process_time()
                results = check_paths([str(path)])
                full.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
                problems = results[0]["problems"]
                gc.disable()  # as check_paths does
                t0 = time.perf_counter()
                scenario = load_scenario(path)
                t1 = time.perf_counter()
                analysis = analyse(scenario)
                t2 = time.perf_counter()
                gc.enable()
                load.append(t1 - t0)
                deep.append(t2 - t1)
            ex = analysis.exploration
            rows.append((n, statistics.median(full)))
            print(
                f"{n:>6} scenes, {path.stat().st_size / 1e6:.1f} MB: full check "
                f"{statistics.median(full):.2f} s wall, {statistics.median(cpu):.2f} s CPU "
                f"(load {statistics.median(load):.2f} s, "
                f"exploration + lints {statistics.median(deep):.2f} s); "
                f"{ex.nodes:,} nodes, {ex.meter_states:,} states, complete={ex.complete}; "
                f"{len(problems)} problem(s)"
            )
    if len(rows) >= 2:
        (n0, t0), (n1, t1) = rows[0], rows[-1]
        print(f"{n0} -> {n1} scenes ({n1 / n0:.0f}x): time x{t1 / t0:.1f}")
    return 0


def callgrind(sizes: list[int], seed: int) -> int:
    def instructions(path: Path) -> int:
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--callgrind-out-file=/dev/null",
                sys.executable,
                __file__,
                "--once",
                str(path),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return int(re.search(r"Collected : (\d+)", done.stderr).group(1))

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.toml"
        base.write_text(generate(10, seed), encoding="utf-8")
        floor = instructions(base)
        counts = []
        for n in sizes:
            path = Path(tmp) / f"synthetic-{n}.toml"
            path.write_text(generate(n, seed), encoding="utf-8")
            counts.append((n, instructions(path) - floor))
            print(f"{n:>6} scenes: {counts[-1][1] / 1e9:.2f} G instructions (start-up subtracted)")
    if len(counts) >= 2:
        (n0, c0), (n1, c1) = counts[0], counts[-1]
        print(f"{n0} -> {n1} scenes ({n1 / n0:.0f}x): instructions x{c1 / c0:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`peer-sim check` and `test` on hubs of once-only topics, beside a bundled scenario.

A hub of n topics (benchmarks/gen_hub.py) has 2**n nodes for the exact search
(`sim.authoring.explore`): the pattern that cost 1.68 GB at n = 18 (adv19).
Each command runs in its own process, timed by the kernel (`os.wait4`: CPU
seconds and peak RSS of that process alone), side by side with the same command
on a bundled scenario, so the ratios hold however busy the machine is. Then the
search alone, in this process, with tracemalloc: its peak bytes per node, a
count that repeats exactly.

    python benchmarks/explore_scale_bench.py [--hubs 12 14 16 18] [--base first-meeting]
                                             [--shadowed 14 10]

`--shadowed N K` adds hub N with K endings that an ending above them takes first
(`gen_hub.shadowed`): `check` explains each, and once searched the file again for
every ending above each one (66 searches for K = 10).

Target: bytes per node under 3 KB (tests/authoring/test_explore_memory.py holds
it at 12 topics); peak RSS of a hub at the 200,000-node bound under 0.5 GB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from gen_hub import hub, shadowed  # noqa: E402

PEER_SIM = [sys.executable, "-m", "sim"]


def run(args: list[str], data: str) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one peer-sim command in its own process."""
    env = dict(os.environ, PEER_SIM_DATA_DIR=data)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        PEER_SIM + args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"peer-sim {' '.join(args)} failed ({status})")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def per_node(path: Path) -> tuple[int, bool, float]:
    """(nodes, complete, peak bytes per node) of the exact search alone."""
    from sim.authoring.explore import explore
    from sim.loading import load_scenario

    scenario = load_scenario(path)
    tracemalloc.start()
    found = explore(scenario, texts=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return found.nodes, found.complete, peak / found.nodes


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hubs", type=int, nargs="+", default=[12, 14, 16, 18])
    parser.add_argument("--base", default="first-meeting", help="a bundled scenario id")
    parser.add_argument("--per-node", type=int, nargs="*", default=[12, 14])
    parser.add_argument(
        "--shadowed",
        type=int,
        nargs=2,
        default=[14, 10],
        metavar=("N", "K"),
        help="also check hub N with K endings an earlier one takes first (0 0: not)",
    )
    args = parser.parse_args()
    base = ROOT / "scenarios" / f"{args.base}.toml"
    with tempfile.TemporaryDirectory() as tmp:
        files = {args.base: base}
        for n in args.hubs:
            files[f"hub {n}"] = path = Path(tmp) / f"hub{n}.toml"
            path.write_text(hub(n), encoding="utf-8")
        n, k = args.shadowed
        if k:
            files[f"hub {n} +{k} ends"] = path = Path(tmp) / f"shadowed{n}.toml"
            path.write_text(shadowed(n, k), encoding="utf-8")
        print(
            f"{'file':<18} {'command':<6} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}   ratio to base"
        )
        for command in ("check", "test"):
            ref = None
            for name, path in files.items():
                wall, cpu, rss = run([command, str(path)], tmp)
                ref = ref or (cpu, rss)
                print(
                    f"{name:<18} {command:<6} {wall:7.2f} {cpu:7.2f} {rss:8.0f}   "
                    f"CPU x{cpu / ref[0]:.1f}, RSS x{rss / ref[1]:.1f}"
                )
        for n in args.per_node:
            path = Path(tmp) / f"hub{n}.toml"
            path.write_text(hub(n), encoding="utf-8")
            nodes, complete, each = per_node(path)
            print(
                f"hub {n}: exact search {nodes:,} nodes (complete={complete}), "
                f"peak {each:,.0f} bytes a node (tracemalloc)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

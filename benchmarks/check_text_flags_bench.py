"""`peer-sim check` on flags only texts read: the grouped judgment side by side.

A flag that only an `[[endings.X.also]]`, a variant or a conditional reflection
reads changes no path, yet `check` explored every combination of them to say
which texts never show. It now explores the routing without them and judges the
texts in groups (sim.authoring.text_units). Printed per case, for this tree and,
with --before, another checkout: the lint's CPU seconds (what `check` runs after
loading), the nodes explored (routing + texts), peak MB of the process, and the
number of problems found, which must be the same in both.

    python benchmarks/check_text_flags_bench.py [--before TREE]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from coverage_bench import text_flags  # noqa: E402

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from sim.loading import load_scenario
from sim.authoring import lint as L
scenario = load_scenario(Path(sys.argv[1]))
t = time.process_time()
found = L.analyse(scenario)
sec = time.process_time() - t
nodes = found.exploration.nodes + getattr(found, "text_nodes", 0)
print(json.dumps({"sec": sec, "nodes": nodes, "complete": found.exploration.complete,
                  "problems": sorted(p.format() for p in found.problems),
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def measure(path: Path, tree: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, cwd=tree
    )
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, help="another checkout to measure beside this")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    cases = []
    for n, decisions in ((0, 18), (8, 18), (12, 18), (16, 18), (12, 30)):
        path = tmp / f"text-flags-{n}-of-{decisions}.toml"
        path.write_text(text_flags(n, decisions))
        cases.append(path)
    cases += sorted(p for p in (ROOT / "scenarios").glob("*.toml") if p.name != "principles.toml")
    print(
        f"{'case':28} {'sec':>6} {'nodes':>9} {'MB':>5}   before: {'sec':>6} {'nodes':>9} {'MB':>5}"
    )
    for path in cases:
        now = measure(path, ROOT)
        row = f"{path.stem:28} {now['sec']:>6.2f} {now['nodes']:>9,} {now['peak'] // 1024:>5}"
        if args.before:
            old = measure(path, args.before)
            same = "same problems" if old["problems"] == now["problems"] else "PROBLEMS DIFFER"
            row += f"   {old['sec']:>14.2f} {old['nodes']:>9,} {old['peak'] // 1024:>5}  {same}"
        print(row)


if __name__ == "__main__":
    main()

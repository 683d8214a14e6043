"""`peer-sim check` on the bundled library, as a ratio to checking one small file.

`check scenarios` took ~11 s of CPU for 13 files (0.3 s for 4 files, long ago);
one file, be-my-sponsor, 3.2 s. Time on a shared machine swings by a third from
one run to the next, so the figure kept is a ratio measured side by side: the
library's check over the check of one small bundled file (`--baseline`,
first-meeting: the median of ten checks a round), in the same process, rounds
alternating. Each round runs in a
fresh process, through `sim.cli.main` as typed, output to /dev/null; a warm-up
check pays the imports first, so the figures are the command's own work (CPU
time, `time.process_time`, the median of the rounds); both trees' `sim/` are
byte-compiled first.

With `--before TREE` (a whole checkout of an earlier commit, `git worktree add` or
`git archive`: its `sim/` is put first on PYTHONPATH; whole, because `check` reads
the bundled scenarios' titles beside `sim/`, and without them a check is 40 ms shorter) the rounds alternate between the two trees too, and the table
shows both, with the library's CPU seconds after / before. `--files` adds a row
per bundled file.

    python benchmarks/check_library_bench.py [--rounds 3] [--before TREE] [--files]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIBRARY = REPO / "scenarios"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from quiet import silenced  # noqa: E402

BASE_RUNS = 5  # checks of the baseline file per round, before the library and after


def _check(paths: list[str]) -> float:
    """CPU seconds of one `peer-sim check PATHS` in this process."""
    from sim.cli import main

    with silenced():
        start = time.process_time()
        main(["check", *paths])
        return time.process_time() - start


def _round(baseline: str, files: bool) -> dict[str, float]:
    """One round in this process: the baseline (the median of five checks, before and
    after the library), the library, each file (with --files)."""
    _check([baseline])  # warm-up: imports, catalogue, regexes
    base = [_check([baseline]) for _ in range(BASE_RUNS)]
    out = {"library": _check([str(LIBRARY)])}
    if files:
        for f in sorted(LIBRARY.glob("*.toml")):
            out[f.stem] = _check([str(f)])
    base += [_check([baseline]) for _ in range(BASE_RUNS)]
    return {"baseline": statistics.median(base), **out}


def _child(tree: Path, baseline: str, files: bool) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    args = [sys.executable, __file__, "--round", "--baseline", baseline]
    if files:
        args.append("--files")
    done = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", default=str(LIBRARY / "first-meeting.toml"))
    parser.add_argument("--before", type=Path, help="an earlier checkout, measured alongside")
    parser.add_argument("--files", action="store_true", help="a row per bundled file too")
    parser.add_argument("--round", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.round:
        import sim

        assert (
            Path(sim.__file__).resolve().parent.parent
            == Path(os.environ.get("PYTHONPATH", REPO)).resolve()
        ), sim.__file__
        print(json.dumps(_round(args.baseline, args.files)))
        return 0

    trees = {"after": REPO}
    if args.before is not None:
        trees["before"] = args.before.resolve()
    for tree in trees.values():  # (PYTHONDONTWRITEBYTECODE is set on these machines)
        compileall.compile_dir(tree / "sim", quiet=1)
    seen: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            seen[name].append(_child(tree, args.baseline, args.files))
    n_files = len(list(LIBRARY.glob("*.toml")))
    print(
        f"`check` CPU seconds, median of {args.rounds} rounds (each a fresh process); "
        f"library: {n_files} files in {LIBRARY.name}/, baseline: {Path(args.baseline).name}"
    )
    rows = list(seen["after"][0])
    print("| measure | " + " | ".join(trees) + " |")
    print("|---|" + "---|" * len(trees))
    med = {
        (name, row): statistics.median(r[row] for r in seen[name]) for name in trees for row in rows
    }
    for row in rows:
        print(f"| {row} | " + " | ".join(f"{med[(name, row)]:.2f}" for name in trees) + " |")
    for name in trees:
        ratios = [r["library"] / r["baseline"] for r in seen[name]]
        print(
            f"{name}: library / baseline = {statistics.median(ratios):.1f} "
            f"(rounds: {', '.join(f'{x:.1f}' for x in ratios)})"
        )
    if "before" in trees:
        print(
            "library after / before: "
            f"{med[('after', 'library')] / med[('before', 'library')]:.2f}; "
            "ratio to the baseline after / before: "
            f"{statistics.median(r['library'] / r['baseline'] for r in seen['after']) / statistics.median(r['library'] / r['baseline'] for r in seen['before']):.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

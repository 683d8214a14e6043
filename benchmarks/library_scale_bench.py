"""Does `peer-sim list` and `check` cost the same per file in a big folder as in a small one?

A folder of 5,000 scenario files took 8.9 s to `list` and 28.4 s to `check` on a
busy machine (adversarial-26), which reads like a step that grows with the square
of the folder. This measures the cost per file at two folder sizes, side by side
in one process: a quadratic step shows as a ratio (large / small) that grows with
the large size; a linear command keeps it near 1. Bare `tomli.loads` of the same
files is the yardstick for what a file costs at all.

Each command runs through `sim.cli.main`, as typed, with its output sent to
/dev/null at the file-descriptor level; imports are paid once by a warm-up run, so
the figures are the commands' own work. CPU time (time.process_time), the median
of the rounds; small and large alternate, so both see the same machine.

    python benchmarks/library_scale_bench.py [--small 50] [--large 5000] [--scenes 5] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gen_scenario import generate  # noqa: E402
from quiet import silenced  # noqa: E402

TARGET = 1.25  # per-file cost at the large size over that at the small size


def _folder(root: Path, files: int, scenes: int) -> Path:
    folder = root / f"lib{files}"
    folder.mkdir()
    for i in range(files):
        (folder / f"s{i:05d}.toml").write_text(generate(scenes, seed=i))
    return folder


def _command(argv: list[str]) -> float:
    """CPU seconds of one `peer-sim ARGV` run in this process."""
    from sim.cli import main

    with silenced():
        start = time.process_time()
        main(argv)
        return time.process_time() - start


def _bare(folder: Path) -> float:
    import tomli

    start = time.process_time()
    for file in sorted(folder.glob("*.toml")):
        tomli.loads(file.read_text())
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=50)
    parser.add_argument("--large", type=int, default=5000)
    parser.add_argument("--scenes", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["PEER_SIM_DATA_DIR"] = str(root / "data")  # list reads no records; be sure
        sizes = {"small": args.small, "large": args.large}
        folders = {k: _folder(root, n, args.scenes) for k, n in sizes.items()}
        kib = sum(f.stat().st_size for f in folders["large"].iterdir()) / args.large / 1024
        print(
            f"{args.small} and {args.large} files of {args.scenes} scenes "
            f"(~{kib:.1f} KiB each), {args.rounds} rounds, CPU ms per file (median):"
        )
        _command(["list", str(folders["small"])])  # warm-up: imports, catalogue, regexes
        _command(["check", str(folders["small"])])
        per_file: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.rounds):
            for name in ("bare tomli", "list", "check"):
                for size in ("small", "large"):
                    folder = folders[size]
                    cost = _bare(folder) if name == "bare tomli" else _command([name, str(folder)])
                    per_file.setdefault((name, size), []).append(cost * 1000 / sizes[size])
        print(f"| measure | {args.small} files | {args.large} files | ratio |")
        print("|---|---|---|---|")
        worst = 0.0
        for name in ("bare tomli", "list", "check"):
            small = statistics.median(per_file[(name, "small")])
            large = statistics.median(per_file[(name, "large")])
            ratio = large / small
            if name != "bare tomli":
                worst = max(worst, ratio)
            print(f"| {name} | {small:.2f} | {large:.2f} | {ratio:.2f} |")
        verdict = "meets" if worst <= TARGET else "MISSES"
        print(f"worst ratio {worst:.2f}: {verdict} the target (<= {TARGET})")


if __name__ == "__main__":
    main()

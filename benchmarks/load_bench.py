"""Load + validate a 1,000-file library against bare `tomli.loads` of the same files.

Target: ratio <= 1.3, so that validation and cross-referencing cost little next
to parsing. This machine is shared and noisy, so the two sides are interleaved
file by file (read+parse one file bare, then load the same file fully), which
exposes both to the same disturbances; CPU time (time.process_time) is summed.
A whole `load_library()` call (adding folder walking and the per-folder
catalogue) is timed too, against the bare loop in the same round.

    python benchmarks/load_bench.py [--files 1000] [--scenes 15] [--rounds 5]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gen_scenario import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--scenes", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import tomli

    from sim.loading import load_catalogue, load_library, load_scenario

    clock = time.process_time
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        total = 0
        for i in range(args.files):
            text = generate(args.scenes, seed=i)
            (folder / f"s{i:04d}.toml").write_text(text)
            total += len(text.encode())
        files = sorted(folder.glob("*.toml"))
        catalogue = load_catalogue()  # pydantic import and model build: once per process

        pair_ratios, lib_ratios = [], []
        for _ in range(args.rounds):
            bare = full = 0.0
            kept = []  # a library keeps its scenarios; so does this loop
            gc.disable()  # as load_library does (see sim/loading/library.py)
            for f in files:
                t0 = clock()
                tomli.loads(f.read_bytes().decode())
                t1 = clock()
                kept.append(load_scenario(f, catalogue))
                t2 = clock()
                bare += t1 - t0
                full += t2 - t1
            gc.enable()
            del kept
            pair_ratios.append(full / bare)

            t0 = clock()
            for f in files:
                tomli.loads(f.read_bytes().decode())
            t1 = clock()
            lib = load_library([folder])
            t2 = clock()
            assert len(lib.scenarios) == args.files and not lib.broken, lib.broken[:1]
            del lib
            lib_ratios.append((t2 - t1) / (t1 - t0))
            print(
                f"  round: bare {bare * 1000:.0f} ms, full {full * 1000:.0f} ms "
                f"(ratio {full / bare:.2f}); load_library {(t2 - t1) * 1000:.0f} ms vs bare loop "
                f"{(t1 - t0) * 1000:.0f} ms (ratio {(t2 - t1) / (t1 - t0):.2f})"
            )
    print(f"library: {args.files} files x {args.scenes} scenes, {total / 1024 / 1024:.1f} MiB")
    print(
        f"per-file interleaved, load_scenario / bare tomli: median ratio "
        f"{statistics.median(pair_ratios):.2f} (target <= 1.3)"
    )
    print(f"whole load_library() / bare loop: median ratio {statistics.median(lib_ratios):.2f}")


if __name__ == "__main__":
    main()

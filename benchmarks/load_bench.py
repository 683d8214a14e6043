"""Load + validate a 1,000-file library against bare `tomli.loads` of the same files.

Target: ratio <= 1.3, so that validation and cross-referencing cost little next
to parsing. This machine is shared and noisy, so the two sides are interleaved
file by file (read+parse one file bare, then load the same file fully), which
exposes both to the same disturbances; CPU time (time.process_time) is summed.
A whole `load_library()` call (adding folder walking and the per-folder
catalogue) is timed too, against the bare loop in the same round.

Then, because wall and CPU time on a shared 2-core machine swing by +-30%,
the same comparison is counted in instructions under valgrind's callgrind
(100 files), which gives the same figure on every run.

    python benchmarks/load_bench.py [--files 1000] [--scenes 15] [--rounds 5] [--no-callgrind]
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
    parser.add_argument("--no-callgrind", action="store_true", help="skip the instruction count")
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


CALLGRIND_CHILD = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
import tomli
from sim.loading import load_catalogue, load_library
load_catalogue()
mode, folder = sys.argv[1], sys.argv[2]
if mode == "bare":
    for f in sorted(Path(folder).glob("*.toml")):
        tomli.loads(f.read_bytes().decode())
elif mode == "full":
    load_library([folder])
"""


def instructions(files: int, scenes: int) -> None:
    """Instruction counts under callgrind: immune to the noise of a shared machine.

    Three child processes run the same start-up (imports, catalogue); one stops
    there, one also parses every file bare, one loads the library. Subtracting
    the first from the others leaves the work itself.
    """
    import re
    import shutil
    import subprocess

    if not shutil.which("valgrind"):
        print("valgrind not found: skipping the instruction count")
        return
    root = str(Path(__file__).resolve().parents[1])
    counts = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "lib"
        folder.mkdir()
        for i in range(files):
            (folder / f"s{i:04d}.toml").write_text(generate(scenes, seed=i))
        child = Path(tmp) / "child.py"
        child.write_text(CALLGRIND_CHILD.format(root=root))
        for mode in ("none", "bare", "full"):
            done = subprocess.run(
                [
                    "valgrind",
                    "--tool=callgrind",
                    f"--callgrind-out-file={tmp}/cg.{mode}",
                    sys.executable,
                    str(child),
                    mode,
                    str(folder),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            counts[mode] = int(re.search(r"Collected : (\d+)", done.stderr).group(1))
    bare, full = counts["bare"] - counts["none"], counts["full"] - counts["none"]
    print(
        f"instructions ({files} files x {scenes} scenes, callgrind): bare {bare / 1e6:.0f} M, "
        f"load_library {full / 1e6:.0f} M, ratio {full / bare:.2f} (target <= 1.3)"
    )


if __name__ == "__main__":
    main()
    if "--no-callgrind" not in sys.argv:
        instructions(100, 15)

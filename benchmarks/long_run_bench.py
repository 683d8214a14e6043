"""A very long run, end to end: play, then read it back as every output reads it.

A scenario that loops can be played for thousands of decisions (the checker warns, but
an author's draft or a trainee's patience can make one). Its debrief listed every
decision number in the scorecard ("at 1, 2, 3, ... 3000"), and its Markdown export
spent most of 9 s reviving the stored debrief. This plays a looping scenario for N
decisions through the plain player (recorded), then times `export last` as md, json
and xapi, `runs`, `progress` and `report`, and prints the scorecard lines so the reader
sees the ranges.

    python benchmarks/long_run_bench.py [--decisions 3000]

Figures (2 cores shared with 4 other jobs, 2026-12-02, 3,002 decisions): play 28 s
(printing the whole conversation); export md 2.6 s (8.8 s before the debrief's types were
cached), json 1.3 s, xapi 1.9 s (3,003 statements); runs 1.0 s, progress 2.2 s,
report 1.7 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# one loop for this benchmark and tests/core/test_decision_number_ranges.py
LOOP = (ROOT / "tests" / "core" / "fixtures" / "long-loop.toml").read_text(encoding="utf-8")


def timed(label: str, words: list[str], env: dict[str, str]) -> str:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sim", *words],
        env=env, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False,
    )  # fmt: skip
    print(f"{label:>12}: {time.perf_counter() - start:6.2f} s (exit {done.returncode})")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=3000)
    n = parser.parse_args().decisions
    with tempfile.TemporaryDirectory(prefix="peer-sim-long-") as tmp:
        folder = Path(tmp)
        (folder / "loop.toml").write_text(LOOP, encoding="utf-8")
        env = {**os.environ, "PEER_SIM_DATA_DIR": str(folder / "data")}
        half = n // 3
        choices = ["1"] * half + ["2"]
        for i in range((n - half) // 2):
            choices += ["1", "1" if i % 3 else "2"]
        choices.append("2")
        print(f"{len(choices):,} decisions")
        scenarios = ["--scenarios", str(folder)]
        played = timed(
            "play",
            ["play", str(folder / "loop.toml"), "--plain", "--choices", ",".join(choices)],
            env,
        )
        for line in played.splitlines():
            if " (at " in line or "undermined at" in line:
                print("   ", line.strip()[:100])
        for fmt in ("md", "json", "xapi"):
            out = folder / f"run.{fmt}"
            timed(
                f"export {fmt}",
                [*scenarios, "export", "last", "--format", fmt, "-o", str(out)],
                env,
            )
        for command in ("runs", "progress", "report"):
            timed(command, [*scenarios, command], env)


if __name__ == "__main__":
    main()

"""What start-up costs: import times of the core, measured with -X importtime.

Keeps pydantic (and Textual) out of the paths that do not need them: the
engine and the debrief import neither; only loading files pays for pydantic.
Byte-compiles first, because PYTHONDONTWRITEBYTECODE is set on these machines
and our own modules would otherwise be compiled on every start.

    python benchmarks/import_bench.py [--runs 11]
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {
    "sim.engine": "import sim.engine",
    "sim.engine + sim.debrief": "import sim.engine, sim.debrief",
    "sim.cli (peer-sim --version path)": "import sim.cli",
    # names load on first use (PEP 562): the package alone costs little
    "sim.loading (package; names lazy)": "import sim.loading",
    "sim.loading.library (pydantic + models)": "import sim.loading.library",
}


def cumulative_ms(code: str, module: str) -> float:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    total = 0.0
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\s*)(\S+)", line)
        if m and not m.group(2):  # top-level imports only: their cumulative times add up
            total += int(m.group(1)) / 1000
    return total


def wall_ms(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(args, capture_output=True, check=True, cwd=ROOT)
    return (time.perf_counter() - t) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "sim"), quiet=1)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    for label, code in TARGETS.items():
        times = [cumulative_ms(code, label) for _ in range(args.runs)]
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                code + "; import sys; print(','.join(m for m in "
                "('pydantic', 'textual', 'rich') if m in sys.modules))",
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        heavy = done.stdout.strip() or "none"
        print(
            f"{label:40s} median {statistics.median(times):6.1f} ms   heavy modules loaded: {heavy}"
        )
    base = [wall_ms([sys.executable, "-c", "pass"]) for _ in range(args.runs)]
    ver = [wall_ms([sys.executable, "-m", "sim", "--version"]) for _ in range(args.runs)]
    chk = [wall_ms([sys.executable, "-m", "sim", "check", "scenarios"]) for _ in range(args.runs)]
    print(f"{'python -c pass (floor)':40s} median {statistics.median(base):6.1f} ms wall")
    print(f"{'python -m sim --version':40s} median {statistics.median(ver):6.1f} ms wall")
    print(f"{'python -m sim check scenarios':40s} median {statistics.median(chk):6.1f} ms wall")


if __name__ == "__main__":
    main()

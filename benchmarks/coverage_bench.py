"""`peer-sim test`'s state walk: how far the bundled library sits below its bound.

Target: the largest bundled scenario needs at most a third of `coverage.MAX_STATES`
(headroom >= 3), so an author who adapts one (a line more, a flag more) still gets
every rule judged; and a file built to have a different set of flags in every
state stops at `MAX_COMBOS` within a few hundred MB.

Each case runs in its own process (peak RSS is per process), walking with the graph
that the fairness rules read, as `peer-sim test` does. Printed per case: states,
seconds, peak MB, and bytes per state above the bare interpreter with the
scenario loaded (measured in the same process before the walk).

    python benchmarks/coverage_bench.py [--flags 14] [--text-flags 8] [--before TREE]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def worst_flags(n: int) -> str:
    """A chain of n scenes, each line setting one of two flags or none, every flag tested
    at the end: 3^n flag sets, each with its own meters."""
    out = [
        'format = 1\ntitle = "Flags"\nsummary = "x"\nsetting = "A room."\nminutes = 5\n'
        'difficulty = "introductory"\nstart = "s0"\ntrains = ["empowerment"]\n'
        "[meters]\ntrust = 40\nempowerment = 40\n"
    ]
    for i in range(n):
        nxt = f"s{i + 1}" if i + 1 < n else "last"
        out.append(f'[scenes.s{i}]\ntext = "Scene {i}."\n')
        for j, (d, sets) in enumerate([(1, f'sets = ["a{i}"]'), (-1, f'sets = ["b{i}"]'), (2, "")]):
            out.append(
                f'[[scenes.s{i}.choices]]\nsay = "Line {i} {j}."\ngoto = "{nxt}"\n'
                f"trust = {d}\nempowerment = {-d}\n{sets}\n"
                'principles = { empowerment = "honours" }\nwhy = "Because."\n'
            )
    out.append('[scenes.last]\ntext = "Last."\n')
    for i in range(n):
        out.append(
            f'[[scenes.last.choices]]\nsay = "End {i}."\ngoto = "@outcome"\n'
            f'when = {{ any = [{{ flags = ["a{i}"] }}, {{ flags = ["b{i}"] }}] }}\n'
            'principles = { empowerment = "honours" }\nwhy = "Because."\n'
        )
    out.append(
        '[[scenes.last.choices]]\nsay = "End."\ngoto = "@outcome"\n'
        'principles = { empowerment = "honours" }\nwhy = "Because."\n'
        '[endings.good]\ntitle = "Good"\noutcome = "strong"\nwhen = { min_trust = 60 }\n'
        'text = "Good."\n[endings.ok]\ntitle = "Ok"\noutcome = "mixed"\ntext = "Ok."\n'
    )
    return "".join(out)


def text_flags(n: int, decisions: int = 18) -> str:
    """A chain of decisions of three lines with uneven meter changes; the first n weaker
    lines set a flag that only an `[[endings.mid.also]]` paragraph reads. Such a flag
    changes no path: the walk should cost what it costs without them (it doubled per flag)."""
    out = [
        'format = 1\ntitle = "Text flags"\nsummary = "x"\nsetting = "A room."\nminutes = 5\n'
        'difficulty = "introductory"\nstart = "s0"\n[meters]\ntrust = 50\nempowerment = 50\n'
    ]
    lines = (
        (3, 1, "honours", "best = true"),
        (-4, 2, "undermines", ""),
        (-1, -5, "undermines", ""),
    )
    for i in range(decisions):
        nxt = f"s{i + 1}" if i + 1 < decisions else "@outcome"
        out.append(f'[scenes.s{i}]\ntext = "Scene {i}."\n')
        for j, (dt, de, verdict, extra) in enumerate(lines):
            sets = f'sets = ["f{i}"]' if j == 1 and i < n else ""
            out.append(
                f'[[scenes.s{i}.choices]]\nsay = "Line {i} {j}."\ngoto = "{nxt}"\n'
                f"trust = {dt}\nempowerment = {de}\n{extra}\n{sets}\n"
                f'principles = {{ active-listening = "{verdict}" }}\nwhy = "Because."\n'
            )
    out.append(
        '[endings.good]\ntitle = "Good"\noutcome = "strong"\ntext = "Good."\n'
        "when = { min_trust = 56, min_empowerment = 50 }\n"
        '[endings.mid]\ntitle = "Mid"\noutcome = "mixed"\ntext = "Mid."\nwhen = { min_trust = 40 }\n'
    )
    for i in range(n):
        out.append(f'[[endings.mid.also]]\nwhen = {{ flags = ["f{i}"] }}\ntext = "Said {i}."\n')
    out.append('[endings.bad]\ntitle = "Bad"\noutcome = "poor"\ntext = "Bad."\n')
    return "".join(out)


CHILD = """
import json, resource, sys, time
from pathlib import Path
from sim.loading import load_scenario
from sim.authoring.coverage import StateGraph, cover
scenario = load_scenario(Path(sys.argv[1]))
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
cov = cover(scenario, graph=StateGraph())
sec = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"states": cov.states, "complete": cov.complete, "sec": sec,
                  "peak": peak, "base": base, "why": getattr(cov, "too_many", "")}))
"""


def measure(path: Path, tree: Path = ROOT) -> dict:
    # The tree's own code, imported from its folder (`sys.path[0]` is the cwd with -c).
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, cwd=tree
    )
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout)


def main() -> None:
    from sim.authoring.coverage import MAX_COMBOS, MAX_STATES

    parser = argparse.ArgumentParser()
    parser.add_argument("--flags", type=int, default=14, help="flags in the worst case")
    parser.add_argument(
        "--text-flags", type=int, default=8, help="flags only an also reads, in that case"
    )
    parser.add_argument(
        "--before", type=Path, help="another checkout (a git worktree) to measure side by side"
    )
    args = parser.parse_args()
    cases = sorted(p for p in (ROOT / "scenarios").glob("*.toml") if p.name != "principles.toml")
    tmp = Path(tempfile.mkdtemp())
    worst = tmp / f"flags-{args.flags}.toml"
    worst.write_text(worst_flags(args.flags))
    texts = [tmp / f"text-flags-{n}.toml" for n in (0, args.text_flags)]
    for path, n in zip(texts, (0, args.text_flags), strict=True):
        path.write_text(text_flags(n))
    print(f"bound: {MAX_STATES:,} states, {MAX_COMBOS:,} flag sets")
    print(f"{'case':28} {'states':>10} {'sec':>6} {'peak MB':>8} {'B/state':>8}")
    largest = 0
    t0 = time.perf_counter()
    for path in cases + texts + [worst]:
        runs = [("", ROOT)] + ([("  before", args.before)] if args.before else [])
        got = []
        for label, tree in runs:
            r = measure(path, tree)
            got.append(r)
            per = (r["peak"] - r["base"]) * 1024 / max(r["states"], 1)
            stopped = "" if r["complete"] else f"  stopped {r['why'] or '(at the bound)'}"
            name = label or path.stem
            print(
                f"{name:28} {r['states']:>10,} {r['sec']:>6.2f} {r['peak'] // 1024:>8} "
                f"{per:>8.0f}{stopped}"
            )
        if len(got) == 2 and got[1]["peak"] > got[1]["base"]:
            now, old = got
            print(
                f"{'  after/before':28} {'':>10} {now['sec'] / old['sec']:>6.2f} "
                f"{(now['peak'] - now['base']) / (old['peak'] - old['base']):>8.2f}"
            )
        r = got[0]
        if path in cases:
            largest = max(largest, r["states"])
    print(f"headroom: bound / largest bundled = {MAX_STATES / largest:.1f} (target >= 3)")
    print(
        f"({time.perf_counter() - t0:.0f} s in all; maxrss of this process "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)"
    )


if __name__ == "__main__":
    main()

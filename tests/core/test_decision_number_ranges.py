"""Decision numbers in the debrief read as ranges, and a long list is cut with a count.

A 3,000-decision run's scorecard read "honoured 3000 (at 1, 2, 3, ... 3000)" in the
debrief, the plain player, the app and the Markdown export (adversarial-17).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sim.debrief import build_debrief
from sim.debrief.lines import debrief_lines
from sim.debrief.steps import MOST, pieces, steps_at, steps_list
from sim.engine import Run
from sim.loading import load_catalogue, load_scenario

# a loop that can run for thousands of decisions (benchmarks/long_run_bench.py plays it too)
LOOP = (Path(__file__).parent / "fixtures" / "long-loop.toml").read_text(encoding="utf-8")


def test_numbers_in_a_row_are_one_range() -> None:
    assert pieces([1, 2, 3, 4, 7, 9, 10, 11, 12]) == ["1-4", "7", "9-12"]
    assert pieces([5, 3, 4, 3]) == ["3-5"]  # sorted, each once
    assert pieces([9, 10]) == ["9", "10"]  # two in a row read better as two
    assert steps_at(range(1, 3001)) == "1-3000"
    assert steps_list([3]) == "decision 3"
    assert steps_list([3, 5]) == "decisions 3 and 5"
    assert steps_list([1, 2, 3, 4, 7, 9, 10, 11, 12]) == "decisions 1-4, 7 and 9-12"
    assert steps_list(range(1, 3001)) == "decisions 1-3000"


def test_a_long_list_with_no_runs_names_its_first_pieces_and_counts_the_rest() -> None:
    odd = range(1, 3001, 2)  # a loop of two scenes: every other decision
    said = steps_at(odd)
    assert said.startswith("1, 3, 5,") and said.endswith(f"and {1500 - MOST:,} more")
    assert steps_list(odd).endswith(f"and {1500 - MOST:,} more")


@given(st.lists(st.integers(1, 400), max_size=200))
def test_the_pieces_hold_every_number_and_no_other(steps: list[int]) -> None:
    held: set[int] = set()
    for piece in pieces(steps):
        first, _, last = piece.partition("-")
        held.update(range(int(first), int(last or first) + 1))
    assert held == set(steps)
    # and the count of a cut list is the count of what was left out
    said = steps_at(steps)
    if " more" in said:
        named = said.rsplit(" and ", 1)[0]
        left = int(said.rsplit(" and ", 1)[1].split()[0].replace(",", ""))
        shown = sum(
            int(p.partition("-")[2] or p) - int(p.partition("-")[0]) + 1 for p in named.split(", ")
        )
        assert shown + left == len(set(steps))


def test_a_long_looping_runs_scorecard_reads_as_ranges(tmp_path: Path) -> None:
    path = tmp_path / "loop.toml"
    path.write_text(LOOP, encoding="utf-8")
    run = Run.begin(load_scenario(path))
    for _ in range(300):
        run.choose(1)  # solo, again and again
    run.choose(2)  # on to a
    for _ in range(100):
        run.choose(1)  # a -> b
        run.choose(1)  # b -> a
    run.choose(2)  # stop
    assert run.over
    text = "\n".join(debrief_lines(build_debrief(run, load_catalogue())))
    assert "honoured 400 (at 1-300, 302, 304," in text
    assert "and 89 more)" in " ".join(text.split())  # the 100 at scene a, less 11 named
    assert "1, 2, 3" not in text


def test_a_long_curve_prints_a_sample_that_names_its_lowest_and_highest() -> None:
    from sim.debrief.steps import MOST_POINTS, curve_points

    short = [50, 55, 60]
    assert curve_points(short) == (short, "")
    long = [50] * 3003
    long[1700] = 12  # a dip between two samples is still named
    points, note = curve_points(long)
    assert len(points) <= MOST_POINTS and points[0] == 50 and points[-1] == 50
    assert "of 3,002" in note and "lowest 12 after decision 1,700, highest 50 at the start" in note

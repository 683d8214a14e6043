"""The debrief's search for turning points is bounded, however long the run.

Each counterfactual replays the run, so the search costs about the run's length
times its weaker lines: a chain of 400 decisions, each said weakly, took 23 s to
debrief (the app frozen meanwhile) and 1,000 several minutes (adversarial-10).
Counted in moves played, not timed.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sim.debrief import build_debrief
from sim.debrief.turning import MOVES_AT_MOST
from sim.engine import Run
from sim.loading import load_scenario

BUNDLED = Path(__file__).resolve().parents[2] / "scenarios"


def chain(n: int) -> str:
    """A scenario of `n` decisions in a row, each a good line and a weak one."""
    out = [
        'format = 1\ntitle = "Chain"\nsummary = "A long chain."\nsetting = "A room"',
        'trains = ["active-listening", "empowerment"]\nminutes = 3\ndifficulty = "intermediate"',
        'start = "s0"\n[meters]\ntrust = 50\nempowerment = 50',
        '[characters.sam]\nname = "Sam"\nabout = "someone"',
    ]
    for i in range(n):
        goto = f"s{i + 1}" if i + 1 < n else "@outcome"
        out.append(
            f'[scenes.s{i}]\nspeaker = "sam"\ntext = "Line {i}."\n'
            f'[[scenes.s{i}.choices]]\nsay = "Tell me more about {i}."\ngoto = "{goto}"\n'
            'trust = 1\nempowerment = 1\nprinciples = { active-listening = "honours" }\n'
            'why = "Listening."\n'
            f'[[scenes.s{i}.choices]]\nsay = "Do this, {i}."\ngoto = "{goto}"\n'
            'trust = -1\nempowerment = -1\nprinciples = { empowerment = "undermines" }\n'
            'why = "Directing."'
        )
    out.append(
        '[endings.good]\ntitle = "Good"\noutcome = "strong"\ntext = "Good."\n'
        "when = { min_trust = 60 }\n"
        '[endings.bad]\ntitle = "Bad"\noutcome = "poor"\ntext = "Bad."\n'
        '[debrief]\nreflect = ["What happened?"]'
    )
    return "\n".join(out) + "\n"


def played(scenario, pick) -> Run:  # noqa: ANN001
    run = Run.begin(scenario)
    while True:
        run.settle()
        if run.over or run.stuck:
            return run
        run.choose(pick(run.offers()))


def test_a_long_run_s_debrief_plays_a_bounded_number_of_moves(tmp_path, monkeypatch) -> None:
    path = tmp_path / "chain.toml"
    path.write_text(chain(300))
    run = played(load_scenario(path), lambda offers: offers[-1].number)  # every weak line
    assert len(run.state.decisions) == 300
    moves = [0]
    real = Run.choose

    def counting(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        moves[0] += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Run, "choose", counting)
    debrief = build_debrief(run)
    assert moves[0] <= 2 * MOVES_AT_MOST + 10, f"{moves[0]:,} moves"
    assert debrief.ending_id == "bad" and len(debrief.decisions) == 300


@pytest.mark.parametrize("name", ["first-meeting", "crisis-moment", "ending-well"])
def test_a_bundled_run_s_search_is_never_cut(name: str, monkeypatch) -> None:
    """The bound is far above what a bundled scenario's runs need, so their turning
    points are those of the full search."""
    from sim.debrief import turning

    left: list[int] = []

    class Watched(turning.Budget):
        def __init__(self, moves: int = MOVES_AT_MOST) -> None:
            super().__init__(moves)
            left.append(0)
            self._n = len(left) - 1

        def spend(self) -> bool:
            ok = super().spend()
            left[self._n] = self.moves
            return ok

    monkeypatch.setattr(turning, "Budget", Watched)
    scenario = load_scenario(BUNDLED / f"{name}.toml")
    for seed in range(8):
        rnd = random.Random(seed)
        build_debrief(played(scenario, lambda offers, rnd=rnd: rnd.choice(offers).number))
    assert left and min(left) > MOVES_AT_MOST // 2, min(left)


def test_a_cut_search_says_so_and_claims_nothing_it_did_not_try(tmp_path) -> None:
    """Spent, the search keeps what it found; the debrief now says its turning points come
    from the earlier decisions, and never "no one line alone would have changed this
    ending", which only a full search could say (adversarial-10 note)."""
    from sim.debrief.lines import debrief_lines
    from sim.debrief.outline import CUT_WORDS

    path = tmp_path / "chain.toml"
    path.write_text(chain(300))
    scenario = load_scenario(path)
    long_run = build_debrief(played(scenario, lambda offers: offers[-1].number))
    assert long_run.turning_cut
    text = "\n".join(debrief_lines(long_run))
    assert CUT_WORDS.split(";")[0] in " ".join(text.split())
    assert "would not have changed" not in text
    path.write_text(chain(12))
    short = build_debrief(played(load_scenario(path), lambda offers: offers[-1].number))
    assert not short.turning_cut and "looked for among its earlier" not in "\n".join(
        debrief_lines(short)
    )

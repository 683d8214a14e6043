"""Scenes that remember and critical slips, in the engine: known answers on a fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim import engine
from sim.engine import Run

FIXTURE = Path(__file__).parent / "fixtures" / "remember.toml"


@pytest.fixture
def sc():
    from sim.loading import load_scenario

    return load_scenario(FIXTURE)


def play(sc, *numbers: int) -> Run:
    run = Run.begin(sc)
    for n in numbers:
        run.settle()
        run.choose(n)
    run.settle()
    return run


def test_variant_text_follows_what_was_said(sc):
    run = play(sc, 1)
    assert run.state.scene == "deep"
    # The reply scene was entered with the flag set: its variant, with its action.
    reply = next(s for s in run.states if s.scene == "reply")
    assert engine.scene_text(sc, reply) == ("The class? Tuesday nights. I liked it.", "Kim smiles.")
    other = next(s for s in play(sc, 2).states if s.scene == "reply")
    assert engine.scene_text(sc, other) == ("Fine, I guess.", "")


def test_branching_next_and_any(sc):
    assert play(sc, 1).state.scene == "deep"  # the flag clause of `any`
    assert play(sc, 2).state.scene == "shallow"  # neither clause: the fallback branch
    # trust 80 after the sponsor line: not 90, so the fallback too
    assert play(sc, 3).state.scene == "shallow"


def test_critical_slip_caps_outcome_and_direct_goto(sc):
    best = play(sc, 1, 1)
    assert best.state.ending == "strong-end" and best.state.cap == engine.NO_CAP
    slip = play(sc, 3, 1)
    assert slip.state.trust >= 70  # the meters alone would end strong
    assert slip.state.ending == "mixed-end"
    assert engine.pick_ending(sc, slip.state, cap=engine.NO_CAP) == "strong-end"
    assert slip.state.decisions[0].critical == "dual-relationship"


def test_ending_variant_and_conditional_reflections(sc):
    best = play(sc, 1, 1)
    assert best.ending_text == "Kim plans to go back to the Tuesday class."
    assert engine.reflections(sc, best.state) == ("What did Kim want from you?",)
    plain = play(sc, 2, 1)
    assert plain.state.ending == "mixed-end"
    assert engine.reflections(sc, plain.state) == ("What did Kim want from you?",)


def test_undo_restores_the_cap(sc):
    run = play(sc, 3)
    assert run.state.cap == 1
    run.undo()
    assert run.state.cap == engine.NO_CAP


def test_replay_keeps_cap_and_variants(sc):
    run = play(sc, 3, 1)
    again = Run.replay(sc, run.to_json())
    assert again.state == run.state


def test_next_with_no_branch_holding_is_stuck_not_a_crash(tmp_path):
    from sim.loading import load_scenario

    text = FIXTURE.read_text().replace('[[scenes.reply.next]]\ngoto = "shallow"\n', "")
    path = tmp_path / "stuck.toml"
    path.write_text(text)
    sc = load_scenario(path)
    run = play(sc, 2)
    assert run.state.scene == "reply" and run.stuck and not run.over

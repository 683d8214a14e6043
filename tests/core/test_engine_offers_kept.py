"""A run works out what is offered once per state, and once per run for a scene whose
lines have no `when` (speed43: `peer-sim test`'s random plays worked the offers out
twice a step, 50 `Offer`s each on a file of 50 lines a scene), and what it hands out
is always what the rules give for the state it is in."""

from __future__ import annotations

import random

import pytest

import sim.engine.rules as rules
from sim.engine import Run, choose, offers, start


@pytest.fixture
def counted(monkeypatch):
    """Calls of the rules' `offers`, by scene, as `Run` makes them."""
    calls: list[str] = []
    real = rules.offers

    def counting(scenario, state):
        calls.append(state.scene)
        return real(scenario, state)

    monkeypatch.setattr("sim.engine.run.offers", counting)
    monkeypatch.setattr("sim.engine.rules.offers", counting)  # (what `choose` calls)
    return calls


def test_asking_then_choosing_works_the_offers_out_once(mini, counted):
    run = Run.begin(mini)
    run.choose(1)  # hello: its lines have no `when`
    assert run.offers()  # middle: one line has a condition on a flag, one on trust
    run.choose(1)
    assert counted.count("middle") == 1


def test_a_scene_without_conditions_is_worked_out_once_a_run(mini, counted):
    run = Run.begin(mini)
    for _ in range(5):
        run.offers()
        run.choose(2)  # hello -> middle
        run.undo()
        run.states.append(start(mini))  # a new state in the same scene: its lines are the same
    assert counted.count("hello") == 1


def test_what_a_run_offers_is_what_the_rules_give_at_every_step(mini):
    """Played at random with undo and restart: each step's offers and state are those of
    the rules themselves, worked out from scratch."""
    rng = random.Random(4)
    for _ in range(200):
        run = Run.begin(mini)
        state = start(mini)
        for _step in range(8):
            run.settle()
            if run.over:
                break
            state = run.state
            expect = offers(mini, state)
            assert run.offers() == expect
            if not expect:
                break
            if run.can_undo and rng.random() < 0.2:
                run.undo()
                continue
            n = rng.randrange(len(expect)) + 1
            after = run.choose(n)
            assert after == choose(mini, state, n)
        if rng.random() < 0.3:
            run.restart()
            assert run.offers() == offers(mini, run.state)


def test_the_list_handed_out_is_a_copy(mini):
    run = Run.begin(mini)
    mine = run.offers()
    mine.reverse()
    mine.pop()
    chosen = run.choose(1)
    assert chosen == choose(mini, start(mini), 1)
    assert [o.number for o in Run.begin(mini).offers()] == [1, 2, 3]


def test_a_run_given_another_scenario_offers_that_scenario_lines(mini):
    run = Run.begin(mini)
    run.offers()
    other = mini.model_copy(deep=True)
    hello = other.scenes["hello"]
    changed = hello.model_copy(update={"choices": hello.choices[:1]})
    other = other.model_copy(update={"scenes": {**other.scenes, "hello": changed}})
    run.scenario = other
    assert [o.choice.say for o in run.offers()] == [hello.choices[0].say]


def test_lines_without_conditions_need_no_set_of_the_path(mini):
    """`State.visited` is a set of the whole path, longer at every step of a long run:
    worked out only when some line's condition asks."""
    state = start(mini)  # hello: its lines have no `when`
    assert len(offers(mini, state)) == 3
    assert "visited" not in vars(state)
    middle = choose(mini, state, 1)  # middle: its lines have conditions
    offers(mini, middle)
    assert "visited" in vars(middle)


def test_a_choice_with_no_words_typed_cleans_none(mini, monkeypatch):
    """Own words are cleaned when there are some: a random play of 1,000 steps cleaned an
    empty string at each (about a sixth of a step once the offers were kept)."""
    cleaned: list[str] = []
    monkeypatch.setattr("sim.engine.rules.clean_words", lambda w: cleaned.append(w) or w)
    run = Run.begin(mini)
    run.choose(1)
    assert cleaned == []
    run.choose(1, words="  What would you like?  ")
    assert cleaned == ["  What would you like?  "]

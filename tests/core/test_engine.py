"""The rules every shell relies on: clamping, conditions, flags, outcomes, undo, replay."""

from __future__ import annotations

import dataclasses

import pytest

from sim.engine import EngineError, ReplayError, Run, choose, digest, offers, pick_ending, start


def test_meters_are_clamped_and_the_applied_change_is_recorded(mini):
    run = Run.begin(mini)
    run.choose(1)  # +10 trust, +10 empowerment from 50/95
    d = run.state.decisions[-1]
    assert (run.state.trust, run.state.empowerment) == (60, 100)
    assert (d.trust_change, d.empowerment_change) == (10, 5)


def test_clamped_at_zero(mini):
    run = Run.begin(mini)
    run.choose(3)  # -100 trust from 50
    assert run.state.trust == 0
    assert run.state.decisions[-1].trust_change == -50
    assert run.state.ending == "poor"


def test_conditions_filter_offers_by_flag_and_meter(mini):
    run = Run.begin(mini)
    run.choose(1)  # sets "reflected", trust 60
    says = [o.choice.say for o in run.offers()]
    assert says == [
        "What would you like to focus on?",
        "Since you let me reflect: what matters most?",
    ]
    run.undo()
    run.choose(2)  # trust 25, no flag: the max_trust=30 exit appears, the flag one does not
    says = [o.choice.say for o in run.offers()]
    assert says == ["What would you like to focus on?", "Let's finish."]
    assert [o.number for o in run.offers()] == [1, 2]


def test_flags_set_and_cleared(mini):
    state = start(mini)
    state = choose(mini, state, 1)
    assert "reflected" in state.flags


def test_next_scenes_wait_for_advance(mini):
    run = Run.begin(mini)
    run.choose(1)
    run.choose(1)
    assert run.state.scene == "bridge"
    assert not run.waits_for_choice
    with pytest.raises(EngineError):
        run.choose(1)
    run.advance()
    assert run.state.scene == "last"
    assert run.state.path == ("hello", "middle", "bridge", "last")


@pytest.mark.parametrize(
    ("trust", "flags", "ending"),
    [
        (60, {"reflected"}, "strong"),
        (60, set(), "mixed"),
        (20, set(), "mixed"),
        (19, set(), "poor"),
    ],
)
def test_outcome_picks_first_ending_whose_condition_holds(mini, trust, flags, ending):
    state = start(mini, trust=trust, flags=tuple(flags))
    assert pick_ending(mini, state) == ending


def test_outcome_falls_back_to_the_last_ending_when_none_holds(mini):
    endings = dict(mini.endings)
    endings["poor"] = endings["poor"].model_copy(update={"when": endings["mixed"].when})
    changed = mini.model_copy(update={"endings": endings})
    assert pick_ending(changed, start(changed, trust=0)) == "poor"


def test_a_full_run_reaches_an_ending(mini):
    run = Run.begin(mini)
    run.choose(1)
    run.choose(1)
    run.advance()
    run.choose(1)
    assert run.over and run.state.ending == "strong"
    assert run.ending.title == "Strong"
    assert run.offers() == []


def test_undo_returns_to_where_the_last_choice_was_offered(mini):
    run = Run.begin(mini)
    run.choose(1)
    run.choose(1)
    run.advance()  # at "last", two decisions made
    run.undo()
    assert run.state.scene == "middle"
    assert len(run.state.decisions) == 1
    assert run.state.trust == 60
    run.undo()
    assert run.state == start(mini)
    assert not run.can_undo
    with pytest.raises(EngineError):
        run.undo()


def test_states_are_immutable(mini):
    state = start(mini)
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.trust = 3  # type: ignore[misc]


def test_wrong_choice_number_is_an_engine_error(mini):
    with pytest.raises(EngineError, match="choose 1 to 3"):
        choose(mini, start(mini), 4)


def test_start_anywhere(mini):
    state = start(mini, scene="middle", trust=150, flags=("reflected",))
    assert state.scene == "middle" and state.trust == 100
    assert len(offers(mini, state)) == 2
    with pytest.raises(EngineError):
        start(mini, scene="nowhere")


def test_replay_round_trip_is_deterministic(mini):
    run = Run.begin(mini)
    for n in (1, 2):
        run.choose(n)
    run.settle()
    run.choose(1)
    data = run.to_json()
    assert data["choices"] == ["reflect", "middle#2", "last#1"]
    again = Run.replay(mini, data)
    assert again.state == run.state
    assert again.replay_note == ""


def test_replay_against_a_changed_scenario_says_so(mini):
    run = Run.begin(mini)
    run.choose(1)
    data = run.to_json()
    scenes = dict(mini.scenes)
    hello = scenes["hello"]
    scenes["hello"] = hello.model_copy(update={"text": "Hello there."})
    changed = mini.model_copy(update={"scenes": scenes})
    assert digest(changed) != digest(mini)
    again = Run.replay(changed, data)
    assert "changed" in again.replay_note


def test_replay_fails_loudly_when_a_choice_is_gone(mini):
    data = {"scenario": "mini", "digest": "x", "choices": ["reflect", "no-such-choice"]}
    with pytest.raises(ReplayError, match="has changed.*no-such-choice"):
        Run.replay(mini, data)
    partial = Run.replay(mini, data, partial=True)
    assert len(partial.state.decisions) == 1
    assert partial.replay_note.startswith("Kept 1 of 2 choices. Your choice 2 ('no-such-choice'")


def test_replay_rejects_garbage(mini):
    with pytest.raises(ReplayError):
        Run.replay(mini, {"nope": 1})


def test_digest_ignores_layout_but_not_content(mini, mini_text, tmp_path):
    from sim.loading import load_scenario

    respaced = tmp_path / "mini.toml"
    respaced.write_text("# a comment\n\n" + mini_text.replace(" = ", "   =   "))
    assert digest(load_scenario(respaced)) == digest(mini)


def test_next_loop_is_reported_not_a_hang(tmp_path):
    from sim.loading import load_scenario

    path = tmp_path / "loop.toml"
    path.write_text(
        'format = 1\ntitle = "L"\nsummary = "s"\nsetting = "s"\nminutes = 1\n'
        'difficulty = "introductory"\nstart = "a"\n[meters]\ntrust = 1\nempowerment = 1\n'
        '[scenes.a]\ntext = "a"\nnext = "b"\n[scenes.b]\ntext = "b"\nnext = "a"\n'
        '[endings.e]\ntitle = "E"\noutcome = "poor"\ntext = "e"\n'
    )
    run = Run.begin(load_scenario(path))
    with pytest.raises(EngineError, match="loop"):
        run.settle()


def test_the_engine_and_the_format_name_outcome_alike():
    """The engine keeps its own "@outcome" (it imports no pydantic); the two must agree."""
    from sim.engine import OUTCOME
    from sim.model.types import OUTCOME_GOTO

    assert OUTCOME == OUTCOME_GOTO

"""A scenario of thousands of scenes joined by `next` plays and is tested in linear work.

A 3,000-scene chain (under the 1 MiB file cap) took a minute to play recorded, since
the scenario serialised itself for its digest after every move, and `peer-sim test`
ran for minutes, since every step rebuilt the set of scenes seen from the whole path
(adversarial-12). Counted, not timed: what is worked out, and how often.
"""

from __future__ import annotations

from pathlib import Path

from sim.engine import Run
from sim.engine.run import digest
from sim.loading import load_scenario

MINI = (Path(__file__).parent / "fixtures" / "mini.toml").read_text(encoding="utf-8")
LENGTH = 3000


def long_chain(tmp_path: Path) -> Path:
    chain = "".join(
        f'\n[scenes.c{i}]\ntext = "Step {i}."\nnext = "c{i + 1}"\n' for i in range(LENGTH)
    )
    chain += f'\n[scenes.c{LENGTH}]\ntext = "The end of the corridor."\nnext = "last"\n'
    path = tmp_path / "long-chain.toml"
    path.write_text(MINI.replace('next = "last"', 'next = "c0"') + chain, encoding="utf-8")
    return path


def test_a_long_next_chain_settles_without_rebuilding_the_scenes_seen(tmp_path):
    run = Run.begin(load_scenario(long_chain(tmp_path)))
    run.choose(1)  # reflect -> middle
    run.choose(1)  # -> bridge, then the chain
    run.settle()
    assert run.state.scene == "last" and len(run.state.path) > LENGTH
    # no plain `next` asked which scenes were seen: none of the states built the set
    built = [s for s in run.states if "visited" in s.__dict__]
    assert len(built) <= 3, len(built)
    assert "c42" in run.state.visited and "visited" in run.state.__dict__  # asked: kept
    run.choose(1)
    assert run.over and run.state.ending == "strong"  # the condition on 'reflected' still read


def test_the_digest_is_worked_out_once_per_scenario_and_again_for_a_copy(tmp_path):
    scenario = load_scenario(long_chain(tmp_path))
    first = digest(scenario)
    assert scenario._digest is not None
    assert scenario._digest[0]() is scenario and scenario._digest[1] == first
    assert digest(scenario) == first
    changed = scenario.model_copy(update={"title": "Another"})
    assert changed._digest == scenario._digest  # carried over by the copy ...
    assert digest(changed) != first  # ... and not believed

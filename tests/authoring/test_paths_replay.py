"""One numbering everywhere: every path an author tool prints replays exactly.

`peer-sim test` prints the shortest way to each ending, `test --slips` every
path with its slips, `check` a path for a cap break; each is pasted into
`peer-sim play FILE --plain --choices ...` by authors, so each must reach
what it was listed under. Choice ids (as `graph` shows them) replay too.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sim.authoring.slips import slip_paths
from sim.commands.play import parse_script
from sim.engine import choice_id
from sim.loading import load_scenario
from sim.plain.player import play
from tests.searched import searched

ROOT = Path(__file__).parents[2]
FILES = [p for p in sorted((ROOT / "scenarios").glob("*.toml")) if p.name != "principles.toml"]
FILES.append(ROOT / "tests" / "core" / "fixtures" / "remember.toml")


def replay(scenario, choices: str):
    out = io.StringIO()
    return play(scenario, None, out, lambda _p: None, script=parse_script(choices))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_shortest_paths_printed_by_test_replay(path):
    sc = load_scenario(path)
    cov = searched(sc).coverage  # the search the content tests make, made once
    assert cov.endings
    for eid, numbers in cov.endings.items():
        run = replay(sc, ",".join(map(str, numbers)))
        assert run.state.ending == eid, (eid, numbers)
        assert sc.endings[run.state.ending].outcome == sc.endings[eid].outcome


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_slip_paths_replay_and_ids_replay_the_same_run(path):
    sc = load_scenario(path)
    rep = slip_paths(sc, 1)
    for p in [rep.best, *rep.paths]:
        run = replay(sc, ",".join(map(str, p.numbers)))
        assert (run.state.ending, run.state.trust, run.state.empowerment) == (
            p.ending,
            p.trust,
            p.empowerment,
        )
    # The same best path written as choice ids (what graph shows) is the same run.
    run = replay(sc, ",".join(map(str, rep.best.numbers)))
    ids = [
        choice_id(d.scene, d.index, sc.scenes[d.scene].choices[d.index])
        for d in run.state.decisions
    ]
    again = replay(sc, ",".join(ids))
    assert again.state == run.state

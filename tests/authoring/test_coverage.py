from __future__ import annotations

import pytest

from sim import engine
from sim.authoring.coverage import cover, random_plays

from .conftest import FIXTURES, GOOD


def replay(scenario, path):
    run = engine.Run.begin(scenario)
    for n in path:
        run.settle()
        run.choose(n)
    run.settle()
    return run


def test_shortest_paths_reach_their_endings(make, good_text):
    scenario = make(good_text)
    cov = cover(scenario)
    assert cov.ok(scenario)
    assert cov.endings == {"partnership": (1, 1), "maybe": (1, 2), "gone": (1, 3)}
    for eid, path in cov.endings.items():
        assert replay(scenario, path).state.ending == eid
    for (sid, index), path in cov.taken.items():
        decision = replay(scenario, path).state.decisions[-1]
        assert (decision.scene, decision.index) == (sid, index)


def test_uncovered_choice_and_ending(make, good_text):
    text = good_text.replace(
        'say = "Here is the plan I made for you."',
        'say = "Here is the plan I made for you."\nwhen = { min_trust = 95 }',
    )
    scenario = make(text)
    cov = cover(scenario)
    gaps = cov.uncovered(scenario)
    assert gaps["choices"] == [("middle", 2)]
    assert not cov.ok(scenario)


def test_random_plays_are_deterministic_for_a_seed(make, good_text):
    scenario = make(good_text)
    a, b = random_plays(scenario, 50, seed=7), random_plays(scenario, 50, seed=7)
    assert a.endings == b.endings and a.principles == b.principles
    assert sum(a.endings.values()) == 50
    assert a.principles["empowerment"]["honours"] > 0


def test_state_bound_stops_cleanly(make, good_text):
    cov = cover(make(good_text), max_states=2)
    assert not cov.complete


def test_test_command(capsys):
    from sim.cli import main

    assert main(["test", str(GOOD), "--random", "20", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert f"peer-sim play {GOOD} --plain --no-record --choices 1,1" in out
    assert "random: 20 plays, seed 3" in out
    assert "every branch covered" in out
    assert main(["test", str(GOOD), "--random", "20", "--seed", "3"]) == 0
    assert capsys.readouterr().out == out  # the same seed, the same report


def test_test_command_fails_when_uncovered(tmp_path, good_text, capsys):
    from sim.cli import main

    path = tmp_path / "gap.toml"
    path.write_text(good_text + '\n[endings.never]\ntitle = "N"\noutcome = "mixed"\ntext = "N."\n')
    assert main(["test", str(path), "--random", "0"]) == 1
    out = capsys.readouterr().out
    assert "never: never reached" in out and "NOT fully covered" in out


@pytest.mark.parametrize("flag, value", [("--random", "-5"), ("--seed", "-1")])
def test_test_command_refuses_negative_numbers(flag, value, capsys):
    from sim.cli import main

    assert main(["test", str(GOOD), flag, value]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{flag} takes" in captured.err and value in captured.err
    assert ("0 or more" if flag == "--seed" else "0 to 1,000,000") in captured.err


def test_test_command_refuses_a_number_of_plays_that_would_run_for_hours(capsys):
    from sim.cli import main

    assert main(["test", str(GOOD), "--random", "100000000000"]) == 2
    assert "0 to 1,000,000" in capsys.readouterr().err


def _located(line: str) -> str:
    """`path:line:col: error: key:` of a problem line."""
    return line.strip().split(": ", 3)[:3]


def test_next_loop_is_named_in_the_summary_and_located_as_check_does(capsys):
    from sim.authoring.lint import lint
    from sim.cli import main
    from sim.loading import load_scenario

    path = FIXTURES / "next-loop.toml"
    scenario = load_scenario(path)
    cov = cover(scenario)
    assert cov.loops == {"b": (1,)} and cov.loop_scenes == {"b": ["b", "c"]}
    assert main(["test", str(path), "--random", "5"]) == 1
    out = capsys.readouterr().out
    assert "but play can go round a loop it never leaves: b -> c" in out
    assert "result: NOT fully covered: 1 loop with no way out" in out
    (reported,) = [line for line in out.splitlines() if "no-way-out" in line or "loop (" in line]
    (checked,) = [p for p in lint(scenario) if p.code == "no-way-out"]
    assert _located(reported) == _located(checked.format())
    assert checked.key == "scenes.b" and "--choices 1" in reported


@pytest.mark.parametrize(
    "case, key", [("dead-end", "scenes.middle.choices"), ("no-way-out", "scenes.spin")]
)
def test_test_and_check_locate_the_same_problem_alike(case, key, tmp_path, good_text, capsys):
    from sim.authoring.lint import lint
    from sim.cli import main
    from sim.loading import load_scenario

    from .test_lint import CASES

    path = tmp_path / "case.toml"
    path.write_text(CASES[case](good_text))
    (checked,) = [p for p in lint(load_scenario(path)) if p.code == case]
    assert checked.key == key
    assert main(["test", str(path), "--random", "0"]) == 1
    out = capsys.readouterr().out
    (reported,) = [line for line in out.splitlines() if f": {key}: " in line]
    assert _located(reported) == _located(checked.format())
    assert "NOT fully covered: " in out


LARGE = FIXTURES.parent.parent.parent / "scenarios" / "first-days-out.toml"


def test_depth_first_finds_a_path_to_every_ending_in_a_few_states():
    """What `test` falls back on past its bound: going deep reaches every ending (the
    breadth-first walk, stopped at the same bound, reached none), and with that walk's
    shallow finds every choice and scene has a path too; each replays in the engine."""
    from sim.loading import load_scenario

    scenario = load_scenario(LARGE)
    # 40,000: the file's endings now read more of its flags (one `also` per mistake), so
    # there are more states; the breadth-first walk at this bound still reaches no ending.
    wide = cover(scenario, max_states=40_000)
    assert not wide.complete and not wide.endings
    deep = cover(scenario, max_states=40_000, depth_first=True)
    assert set(deep.endings) == set(scenario.endings)
    wide.add_paths(deep)
    assert not any(wide.uncovered(scenario).values())
    for eid, path in deep.endings.items():
        assert replay(scenario, path).state.ending == eid
    for (sid, index), path in wide.taken.items():
        decision = replay(scenario, path).state.decisions[-1]
        assert (decision.scene, decision.index) == (sid, index)


def test_past_the_bound_test_says_what_is_settled_and_gives_paths(capsys):
    """A scenario larger than the walk: nothing the full exploration reaches is called
    "never reached", every ending has a path that plays to it, and the rules are
    reported as not judged (exit 1), naming what stopped the walk."""
    import io
    import re

    from sim.commands.test import report
    from sim.loading import load_scenario

    scenario = load_scenario(LARGE)
    out = io.StringIO()
    assert report(scenario, 0, 0, out=out, bound=40_000) is False
    text = out.getvalue()
    assert "never reached" not in text and "never offered" not in text
    assert "the scenario has more than 40,000 states" in text
    assert "settled by the full exploration" in text
    assert "not judged" in text and "more than 40,000 states" in text
    assert "result: every branch covered; NOT judged" in text
    paths = dict(
        re.findall(
            r"    ([a-z-]+) \(\w+\): trust .*\n      peer-sim play \S+ .*--choices ([\d,]+)", text
        )
    )
    assert set(paths) == set(scenario.endings)
    for eid, choices in paths.items():
        assert replay(scenario, [int(n) for n in choices.split(",")]).state.ending == eid


def test_many_flag_sets_stop_the_walk_with_their_own_words(make, good_text):
    cov = cover(make(good_text), max_combos=1)
    assert not cov.complete
    assert cov.too_many == "more than 1 different sets of flags and visited scenes"


def test_a_long_walk_says_once_that_it_is_working_on_a_terminal_only(monkeypatch, capsys):
    """A scenario near the bound is walked for a minute with nothing printed, which
    reads as a hang at a terminal: a note goes to stderr once, after PATIENCE seconds;
    through a pipe (CI, `| less`) nothing is added."""
    import time

    from sim.commands import test as command
    from sim.loading import load_scenario

    scenario = load_scenario(GOOD)
    monkeypatch.setattr(command, "PATIENCE", 0.05)
    with command._patience(scenario):  # capsys's stderr is no terminal
        time.sleep(0.3)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr("sim.commands.common.on_terminal", lambda stream: True)
    with command._patience(scenario):
        time.sleep(0.3)
    err = capsys.readouterr().err
    assert err.count("still walking every state of") == 1 and str(GOOD) in err
    with command._patience(scenario):  # done before the time: nothing said
        pass
    time.sleep(0.2)
    assert capsys.readouterr().err == ""


def test_settle_keeps_what_the_exploration_reached_out_of_the_gaps():
    """The core of `test`'s report past its bound (sim.authoring.coverage.settle, not the
    CLI): every ending gets a path (none of them a shortest one, the breadth-first walk
    having reached none), nothing reachable is a gap, and "never" is settled by the
    exploration."""
    from sim.authoring.coverage import settle
    from sim.authoring.explore import explore
    from sim.loading import load_scenario

    scenario = load_scenario(LARGE)
    walked = settle(scenario, explore(scenario), max_states=40_000)
    assert not walked.cov.complete and walked.settled
    assert set(walked.cov.endings) == set(scenario.endings) and not walked.shortest
    assert not any(walked.gaps.values()) and not any(walked.unproven.values())
    # within the bound, every ending's path is a shortest one (LARGE walked whole is the
    # content tests' minute-long search, for the same two lines of settle)
    small = load_scenario(GOOD)
    whole = settle(small, explore(small))
    assert whole.cov.complete and whole.shortest == set(small.endings)


def test_the_depth_first_walk_stops_once_it_has_at_least_its_goal():
    """The goal is what the exploration counted; a walk whose first step reaches more
    than a goal (were the two ever to count apart) stops there, not at the bound."""
    from sim.loading import load_scenario

    scenario = load_scenario(LARGE)
    deep = cover(scenario, depth_first=True, goal=(1, 1, 1))
    assert not deep.complete and deep.states < 100, deep.states

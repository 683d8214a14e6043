from __future__ import annotations

import argparse
import io
import os
import time

import pytest

from sim.authoring.startpoint import parse_start
from sim.problems import UsageError

from .conftest import GOOD


def ns(start=None, sets=None):
    return argparse.Namespace(start=start, set=sets)


def test_parse_start(make, good_text):
    scenario = make(good_text)
    assert parse_start(ns()) == {}
    got = parse_start(ns("middle", ["trust=40", "empowerment=7", "flag=reflected"]), scenario)
    assert got == {"scene": "middle", "trust": 40, "empowerment": 7, "flags": ("reflected",)}


@pytest.mark.parametrize(
    "start, sets, message",
    [
        ("midle", [], "did you mean 'middle'"),
        (None, ["trust"], "KEY=VALUE"),
        (None, ["trust=high"], "whole number"),
        (None, ["trust=101"], "0 to 100"),
        (None, ["trsut=5"], "did you mean 'trust'"),
        (None, ["flag=reflectd"], "did you mean 'reflected'"),
        (None, ["flag=Bad Flag"], "lowercase"),
    ],
)
def test_parse_start_rejects(start, sets, message, make, good_text):
    with pytest.raises(UsageError, match=message):
        parse_start(ns(start, sets), make(good_text))


def test_play_plain_start_and_set(capsys):
    from sim.cli import main

    argv = ["play", str(GOOD), "--start", "middle", "--set", "trust=50"]
    assert main(argv + ["--set", "flag=reflected", "--choices", "1"]) == 0
    out = capsys.readouterr().out
    assert "Starting at scene 'middle', trust 50, flags reflected." in out
    assert "A partnership begins" in out
    assert main(["play", str(GOOD), "--set", "trust=900", "--choices", "1"]) == 2
    assert "0 to 100" in capsys.readouterr().err


def test_plain_player_reloads_between_turns(tmp_path, good_text):
    from sim.authoring.watch import Watcher
    from sim.engine import Run
    from sim.loading import load_scenario
    from sim.plain.player import play

    path = tmp_path / "live.toml"
    path.write_text(good_text)
    scenario = load_scenario(path)
    watcher = Watcher(path)
    answers = iter(["1", "", "2"])  # choose, Enter to go on, choose
    edits = iter(
        [
            # a broken save first: reported, the old version stays
            good_text.replace('goto = "open"', 'goto = "nowhere"', 1),
            # then the fix, with new words for the next scene
            good_text.replace("So what now?", "So, what happens now?"),
        ]
    )

    def read(prompt):
        text = next(edits, None)
        if text is not None:
            path.write_text(text)
            st = os.stat(path)
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        return next(answers, None)

    def watch(run: Run):
        found = watcher.poll(run)
        return None if found is None else (found.run, found.messages)

    out = io.StringIO()
    run = play(scenario, None, out, read, watch=watch)
    text = out.getvalue()
    assert "has problems; still playing the last good version" in text
    assert "'nowhere' is not a scene or an ending" in text
    words = " ".join(text.split())  # the reload note is wrapped at the player's width
    assert "Reloaded" in text and "kept 1 of your 1 choice(s)" in words
    assert "So, what happens now?" in text
    assert run.over and run.state.ending == "maybe"


def _touch(path, text):
    """Write `text` and move the file's time on, so a Watcher sees the change."""
    path.write_text(text)
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def _play_editing_while_choosing(tmp_path, good_text, edited, answers):
    """Play good.toml; while the first choice is asked, the file is saved as `edited`."""
    from sim.authoring.watch import Watcher
    from sim.loading import load_scenario
    from sim.plain.player import play

    path = tmp_path / "live.toml"
    path.write_text(good_text)
    watcher = Watcher(path)
    answers = iter(answers)
    edits = iter([edited])

    def read(prompt):
        text = next(edits, None)
        if text is not None:
            _touch(path, text)
        return next(answers, None)

    def watch(run):
        found = watcher.poll(run)
        return None if found is None else (found.run, found.messages)

    out = io.StringIO()
    run = play(load_scenario(path), None, out, read, watch=watch)
    return run, out.getvalue()


def test_answer_typed_before_a_reload_stands_when_the_choices_are_the_same(tmp_path, good_text):
    edited = good_text.replace("I'm not sure why I'm here.", "I don't know why I came.")
    run, text = _play_editing_while_choosing(tmp_path, good_text, edited, ["2", "", "2"])
    assert "Reloaded" in text and "your answer '2' stands" in text
    assert text.split("stands.)", 1)[1].lstrip().startswith("You:")  # no second asking
    assert run.over and [d.index for d in run.state.decisions] == [1, 2]


def test_answer_typed_before_a_reload_is_asked_again_when_the_choices_changed(tmp_path, good_text):
    edited = good_text.replace("Let's get your goals written down.", "Let's write goals.")
    run, text = _play_editing_while_choosing(tmp_path, good_text, edited, ["2", "1", "", "1"])
    assert "The scenario changed at this point, so your answer was not used" in text
    assert "Let's write goals." in text
    assert run.over and [d.index for d in run.state.decisions] == [0, 0]


def test_wait_until_a_broken_file_loads(tmp_path, good_text):
    from sim.authoring.watch import wait_until_loads
    from sim.loading import load_scenario
    from sim.problems import ScenarioError

    path = tmp_path / "live.toml"
    broken = good_text.replace('goto = "open"', 'goto = "nowhere"', 1)
    path.write_text(broken)
    problems = pytest.raises(ScenarioError, load_scenario, path).value.problems
    saves = iter([None, broken.replace("Sam", "Samuel"), good_text])

    def poll_input(timeout):
        text = next(saves, None)
        if text is not None:
            _touch(path, text)
        return "\n" if text is None else None  # Enter while waiting is not an answer

    out = io.StringIO()
    scenario = wait_until_loads(path, problems, out, poll_input, interval=0)
    text = out.getvalue()
    assert scenario is not None and scenario.title == "Good fixture"
    assert text.count("'nowhere' is not a scene or an ending") == 2  # at first, after a bad save
    assert "Waiting for" in text and "still has problems" in text and "loads now" in text

    out = io.StringIO()
    assert wait_until_loads(path, problems, out, lambda timeout: "", interval=0) is None
    assert "Stopped." in out.getvalue()


def test_play_watch_on_a_broken_file_waits_instead_of_exiting(
    tmp_path, good_text, monkeypatch, capsys
):
    from sim.cli import main
    from sim.commands import play as play_command

    path = tmp_path / "live.toml"
    path.write_text(good_text.replace('goto = "open"', 'goto = "nowhere"', 1))
    typed = iter([None, "q\n"])
    monkeypatch.setattr(play_command, "poll_stdin", lambda timeout: next(typed))
    assert main(["play", str(path), "--plain", "--watch"]) == 1
    out = capsys.readouterr().out
    assert "'nowhere' is not a scene or an ending" in out and "Waiting for" in out
    assert "Stopped." in out
    # without --watch it still just reports and exits
    assert main(["play", str(path), "--plain"]) == 1
    assert "Waiting for" not in capsys.readouterr().out


def test_reload_run_restarts_when_the_path_cannot_be_replayed(tmp_path):
    """Both shells share this: a file that now loops on `next` restarts, never crashes."""
    from sim.authoring.watch import reload_run
    from sim.engine import Run
    from sim.loading import load_scenario

    path = tmp_path / "s.toml"
    head = (
        'format = 1\ntitle = "L"\nsummary = "s"\nsetting = "s"\nminutes = 1\n'
        'difficulty = "introductory"\nstart = "a"\n[meters]\ntrust = 1\nempowerment = 1\n'
        '[endings.e]\ntitle = "E"\noutcome = "poor"\ntext = "e"\n'
    )
    path.write_text(
        head + '[scenes.a]\ntext = "a"\n[[scenes.a.choices]]\nsay = "x"\ngoto = "b"\n'
        '[scenes.b]\ntext = "b"\nnext = "e"\n'
    )
    run = Run.begin(load_scenario(path))
    run.choose(1)
    path.write_text(
        head + '[scenes.a]\ntext = "a"\n[[scenes.a.choices]]\nsay = "x"\ngoto = "b"\n'
        '[scenes.b]\ntext = "b"\nnext = "c"\n[scenes.c]\ntext = "c"\nnext = "b"\n'
    )
    found = reload_run(path, run)
    assert found.scenario is not None and "loop" in found.restarted
    assert found.run is not None and found.run.state.decisions == ()
    path.write_text("format = 1\n")
    broken = reload_run(path, run)
    assert broken.scenario is None and broken.problems


def test_reload_says_when_a_kept_line_now_reads_differently(tmp_path, good_text):
    from sim.authoring.watch import Watcher
    from sim.engine import Run
    from sim.loading import load_scenario

    path = tmp_path / "live.toml"
    path.write_text(good_text)
    run = Run.begin(load_scenario(path))
    run.choose(2)  # "Let's get your goals written down."
    run.settle()
    path.write_text(good_text.replace("Let's get your goals written down.", "Here are your goals."))
    os.utime(path, ns=(time.time_ns() + 10**9,) * 2)
    found = Watcher(path).reload(run)
    text = " ".join(found.messages)
    assert "kept 1 of your 1 choice(s)" in text
    assert "decision 1 now reads 'Here are your goals.'" in text


def test_reload_matches_a_moved_choice_by_its_words(tmp_path, good_text):
    from sim.engine import Run
    from sim.loading import load_scenario

    path = tmp_path / "live.toml"
    path.write_text(good_text)
    sc = load_scenario(path)
    run = Run.begin(sc)
    run.choose(2)
    run.settle()
    # Swap the two choices of the opening scene: `hello#2` is now the other line.
    first = good_text.index("[[scenes.hello.choices]]")
    second = good_text.index("[[scenes.hello.choices]]", first + 1)
    end = good_text.index("[scenes.open]")
    swapped = good_text[:first] + good_text[second:end] + good_text[first:second] + good_text[end:]
    path.write_text(swapped)
    again = Run.replay(load_scenario(path), run.to_json(), partial=True)
    said = again.scenario.scenes["hello"].choices[again.state.decisions[0].index].say
    assert said == "Let's get your goals written down."


def test_reload_follows_a_choice_moved_and_reworded_in_one_save(tmp_path, good_text):
    """Author test 8 moved a line to the top and added a word to it in one save: the default
    id (`hello#2`, a position) then named another line, and the replay took that one."""
    from sim.engine import Run
    from sim.loading import load_scenario

    path = tmp_path / "live.toml"
    path.write_text(good_text)
    run = Run.begin(load_scenario(path))
    run.choose(2)
    run.settle()
    first = good_text.index("[[scenes.hello.choices]]")
    second = good_text.index("[[scenes.hello.choices]]", first + 1)
    end = good_text.index("[scenes.open]")
    swapped = good_text[:first] + good_text[second:end] + good_text[first:second] + good_text[end:]
    reworded = "Let's get all of your goals written down."
    path.write_text(swapped.replace("Let's get your goals written down.", reworded))
    again = Run.replay(load_scenario(path), run.to_json(), partial=True)
    said = again.scenario.scenes["hello"].choices[again.state.decisions[0].index].say
    assert said == reworded
    assert f"now reads '{reworded}'" in again.replay_note


def test_reload_after_the_chosen_line_is_deleted_does_not_take_the_line_below(tmp_path, good_text):
    """Author test 35 deleted the line it had chosen (no `id`): its default id, `hello#1`,
    then named the line below it, and the reload kept the choice ("kept 1 of your 1"),
    with that line's meters and verdicts, saying only that the line "now reads" so."""
    from sim.authoring.watch import Watcher
    from sim.engine import Run
    from sim.loading import load_scenario

    path = tmp_path / "live.toml"
    path.write_text(good_text)
    run = Run.begin(load_scenario(path))
    run.choose(1)  # "Sounds like coming here wasn't your idea."
    run.settle()
    first = good_text.index("[[scenes.hello.choices]]")
    second = good_text.index("[[scenes.hello.choices]]", first + 1)
    path.write_text(good_text[:first] + good_text[second:])
    os.utime(path, ns=(time.time_ns() + 10**9,) * 2)
    found = Watcher(path).reload(run)
    assert found.run is not None and found.run.state.decisions == ()
    text = " ".join(found.messages)
    assert "kept 0 of your 1 choice(s)" in text
    assert "Sounds like coming here wasn't your idea." in text
    assert "now reads" not in text


def test_reload_still_follows_a_line_reworded_in_its_place(tmp_path, good_text):
    """The rule above leaves a reworded line alone: its new words were no other line's."""
    from sim.authoring.watch import reload_run
    from sim.engine import Run
    from sim.loading import load_scenario

    path = tmp_path / "live.toml"
    path.write_text(good_text)
    run = Run.begin(load_scenario(path))
    run.choose(1)
    run.settle()
    path.write_text(good_text.replace("Sounds like coming here", "It sounds like coming here"))
    found = reload_run(path, run)
    assert found.run is not None and len(found.run.state.decisions) == 1
    assert "now reads 'It sounds like coming here" in found.run.replay_note


def test_reload_of_a_file_renamed_in_play_says_it_is_gone_not_to_give_an_id(tmp_path, good_text):
    """An editor's Save As (or a move) while `--watch` played it was told "there is no such
    file (check the path and the file name, or give a scenario id from `peer-sim list`)",
    advice for a command just typed."""
    from sim.authoring.watch import Watcher
    from sim.engine import Run
    from sim.loading import load_scenario

    path = tmp_path / "live.toml"
    path.write_text(good_text)
    run = Run.begin(load_scenario(path))
    watcher = Watcher(path)
    path.rename(tmp_path / "live-v2.toml")
    found = watcher.poll(run)
    assert found is not None and found.run is None
    text = "\n".join(found.messages)
    assert "the file is gone: renamed, moved or deleted since it was opened" in text, text
    assert "play NEW-NAME.toml --watch" in text and "scenario id" not in text, text
    (tmp_path / "live-v2.toml").rename(path)
    back = watcher.poll(run)
    assert back is not None and back.run is not None


def test_the_plain_players_reload_note_is_wrapped_and_its_problems_are_not(tmp_path, good_text):
    """Author test 35: the plain player printed the reload note as one long line, which the
    terminal cut mid-word ("the l / ast one"); every other line it prints is wrapped."""
    from sim.authoring.watch import Watcher
    from sim.debrief.lines import WIDTH
    from sim.loading import load_scenario
    from sim.plain.player import play

    folder = tmp_path / ("a-long-folder-name-" * 3)
    folder.mkdir()
    path = folder / "live.toml"
    path.write_text(good_text)
    watcher = Watcher(path)
    first = good_text.index("[[scenes.hello.choices]]")
    second = good_text.index("[[scenes.hello.choices]]", first + 1)
    # saved after the first line is said: that line deleted (a long note naming it), then
    # a broken save (a problem line)
    deleted = good_text[:first] + good_text[second:]
    edits = {1: deleted, 2: deleted.replace('goto = "open"', 'goto = "nowhere"', 1)}
    answers = iter(["1", "1", "1", "", "1"])
    asked = 0

    def read(prompt):
        nonlocal asked
        if asked in edits:
            _touch(path, edits[asked])
        asked += 1
        return next(answers, None)

    def watch(run):
        found = watcher.poll(run)
        return None if found is None else (found.run, found.messages)

    out = io.StringIO()
    play(load_scenario(path), None, out, read, watch=watch)
    text = out.getvalue()
    assert "Reloaded" in text and "is not offered there any more" in text
    (problem,) = [line for line in text.splitlines() if "'nowhere' is not a scene" in line]
    assert problem.startswith("  ") and "live.toml:" in problem  # one line, as check prints it
    assert all(len(line) <= WIDTH for line in text.splitlines() if line != problem), text

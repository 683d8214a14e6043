from __future__ import annotations

import argparse
import io
import os

import pytest

from sim.authoring.startpoint import parse_start
from sim.commands.common import UsageError

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
    assert "Reloaded" in text and "kept 1 of your 1 choice(s)" in text
    assert "So, what happens now?" in text
    assert run.over and run.state.ending == "maybe"

"""One rule names who said the trainee's lines in every reading of a run (programme28).

The Markdown export labelled the trainee's lines "Coach:" under a header naming the trainee,
while the replay (app and --plain) labelled them with the name: a supervisor reading the
export beside the replay met two names for one speaker. Now all of them follow
`sim.records.speaker`: the name as the records give it, "The trainee" when they name no one,
"You" only in the trainee's own replay.
"""

from __future__ import annotations

import json
from pathlib import Path

from sim.cli import main

from .conftest import load, path_to_ending


def _said_labels(md: str) -> set[str]:
    """The labels of the lines said in a Markdown transcript ('**Ana Souza:** ...')."""
    transcript = md.split("## Transcript", 1)[1].split("## Debrief", 1)[0]
    return {
        line.split(":**", 1)[0].lstrip("*")
        for line in transcript.splitlines()
        if line.startswith("**") and ":** " in line and not line.startswith("**Critical")
    }


def test_markdown_and_replay_name_the_trainee_s_lines_alike(tmp_path, capsys) -> None:
    numbers = ",".join(map(str, path_to_ending(load("first-meeting"), "strong")))
    assert main(["play", "first-meeting", "--choices", numbers, "--trainee", "Ana Souza"]) == 0
    capsys.readouterr()
    assert main(["export", "last", "--trainee", "ana souza", "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert "| Trainee | Ana Souza |" in md
    assert _said_labels(md) >= {"Ana Souza"} and "Coach" not in _said_labels(md), md
    out = tmp_path / "run.json"
    assert (
        main(["export", "last", "--trainee", "ana souza", "--format", "json", "-o", str(out)]) == 0
    )
    capsys.readouterr()
    assert json.loads(out.read_text())["run"]["trainee"] == "Ana Souza"
    assert main(["replay", str(out), "--plain"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert "Step 1 of" in "\n".join(printed) and "Ana Souza chose" in "\n".join(printed)
    assert "Ana Souza:" in printed, printed

    # a store that names no one: "The trainee" in both, never "Coach" nor "You"
    other = tmp_path / "supervisor"
    assert main(["play", "first-meeting", "--choices", numbers]) == 0
    capsys.readouterr()
    assert main(["export", "last", "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert "| Trainee | not given |" in md
    assert _said_labels(md) >= {"The trainee"} and "Coach" not in _said_labels(md), md
    anon = tmp_path / "anon.json"
    assert main(["export", "last", "--format", "json", "-o", str(anon)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(other), "replay", str(anon), "--plain"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert "The trainee:" in printed, printed
    assert not Path(other).exists()  # a supervisor's replay creates no records


def test_a_trainee_named_like_a_character_is_told_apart_from_them(tmp_path, capsys) -> None:
    """A trainee Dana in First Meeting, where Dana is the person met: two "Dana:" labels
    made the transcript one voice (programme28)."""
    numbers = ",".join(map(str, path_to_ending(load("first-meeting"), "strong")))
    assert main(["play", "first-meeting", "--choices", numbers, "--trainee", "Dana"]) == 0
    capsys.readouterr()
    assert main(["export", "last", "--trainee", "dana", "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert _said_labels(md) == {"Dana (trainee)"}, md
    assert "**1. Dana** " in md  # the person met keeps her own name
    out = tmp_path / "run.json"
    assert main(["export", "last", "--trainee", "dana", "--format", "json", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "sup"), "replay", str(out), "--plain"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert "Dana (trainee):" in printed and "Dana:" in printed, printed
    assert any(line.startswith("Step 1 of") and "Dana (trainee) chose" in line for line in printed)


def test_the_rule_tells_a_name_from_the_people_by_how_it_reads() -> None:
    from sim.records.speaker import speaker

    assert speaker("DANA", people=["Dana", "Rosa"]) == "DANA (trainee)"
    assert speaker("Ｄａｎａ", people=["Dana"]) == "Ｄａｎａ (trainee)"
    assert speaker("Danae", people=["Dana"]) == "Danae"
    assert speaker("Dana", own=True, people=["Dana"]) == ""
    assert speaker("", people=["Dana"]) == "the trainee"

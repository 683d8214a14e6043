"""What the author commands say to a newcomer's slips: `new`, `check`, `test`, `play` with
a script or --watch, and a live reload. Each test makes the mistake as an author writing
from the README alone made it and asserts the message names the real cause; where the
hint is a fix, the test follows it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sim.authoring.lint import lint
from sim.cli import main
from sim.loading import load_scenario

# the same helpers as the other author-message tests: make the mistake, follow the hint
from tests.core.test_author_messages import MINI, loads, problems

FIXTURES = Path(__file__).parents[1] / "core" / "fixtures"


def test_play_start_at_an_ending_says_it_is_an_ending(capsys):
    assert main(["play", str(FIXTURES / "mini.toml"), "--plain", "--start", "strong"]) == 2
    err = capsys.readouterr().err
    assert "'strong' is an ending, and --start takes a scene" in err


def test_a_scripted_id_not_on_offer_names_its_entry_and_the_ids(capsys):
    assert main(["play", str(FIXTURES / "mini.toml"), "--no-record", "--choices", "1,midle#1"]) == 1
    err = capsys.readouterr().err
    assert "--choices entry 2, 'midle#1', is not on offer at scene 'middle' (decision 2)" in err
    assert "middle#1, middle#2" in err and "did you mean 'middle#1'?" in err


def test_a_script_longer_than_the_run_says_what_was_left_over(capsys):
    args = ["play", str(FIXTURES / "mini.toml"), "--no-record", "--choices", "1,1,1,2,3"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Ending:" in out
    assert "ended after 3 of the 5 scripted choices; the rest were not used: 2,3." in out


def test_an_id_with_a_file_of_that_name_here_says_give_the_path(tmp_path, monkeypatch, capsys):
    (tmp_path / "draft.toml").write_text(MINI, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["graph", "draft"]) == 2
    assert "give its path: draft.toml" in capsys.readouterr().err
    assert main(["graph", "draft.toml"]) == 0


def test_a_toml_file_that_is_no_scenario_is_one_problem(tmp_path):
    found = problems(tmp_path, 'theme = "peer-sim-light"\n\n[keys]\n"app.quit" = "f10"\n')
    assert len(found) == 1 and found[0].code == "not-a-scenario"
    assert "peer-sim new" in found[0].hint and "move it out" in found[0].hint


def test_new_with_spaces_suggests_an_id_that_works(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "My Scenario"]) == 1
    assert "did you mean my-scenario?" in capsys.readouterr().err
    assert main(["new", "my-scenario"]) == 0
    assert load_scenario(tmp_path / "my-scenario.toml")


def test_new_with_a_bundled_id_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "first-meeting"]) == 0
    assert "also the id of a bundled scenario" in capsys.readouterr().out
    assert main(["new", "my-first-meeting"]) == 0
    assert "bundled" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("command", "words"),
    [
        (["new"], "give a path"),
        (["play"], "a .toml file, or a scenario id"),
        (["list"], "subfolders too"),
        (["check"], "json: per file"),
        (["graph"], "dot (Graphviz)"),
    ],
)
def test_author_commands_explain_their_arguments(capsys, command, words):
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    assert words in " ".join(capsys.readouterr().out.split())


def test_a_search_that_stops_early_says_so_instead_of_keeping_quiet(tmp_path, monkeypatch):
    from sim.authoring import straight

    branch = '[[scenes.bridge.next]]\nwhen = { flags = ["reflected"] }\ngoto = "strong"\n\n'
    text = MINI.replace("min_trust = 60, flags", "min_trust = 62, flags").replace(
        'next = "last"\n', branch + '[[scenes.bridge.next]]\ngoto = "last"\n'
    )
    monkeypatch.setattr(straight, "MAX_SEARCH", 1)
    codes = [p.code for p in lint(loads(tmp_path, text))]
    assert "ending-when-skipped" not in codes
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "ending-when-unchecked"]
    assert p.key == "scenes.bridge.next[1].goto" and p.severity == "warning"
    assert "stopped looking after 1 states" in p.message and "'strong'" in p.message
    assert p.hint.startswith('to let the meters decide, go to "@outcome"')
    # a search that sees every state says nothing about a way that never fails
    monkeypatch.setattr(straight, "MAX_SEARCH", 20_000)
    walk_out = MINI.replace(
        'say = "Let\'s finish."\ngoto = "@outcome"', 'say = "Let\'s finish."\ngoto = "mixed"'
    )
    assert not {"ending-when-unchecked", "ending-when-skipped"} & {
        p.code for p in lint(loads(tmp_path, walk_out))
    }


def test_check_and_test_on_a_draft_named_without_toml_suggest_the_file(
    tmp_path, monkeypatch, capsys
):
    from sim.cli import main

    (tmp_path / "the-letter.toml").write_text(MINI)
    monkeypatch.chdir(tmp_path)
    for command in ("check", "test"):
        assert main([command, "the-letter"]) == 1
        out = capsys.readouterr().out
        assert "did you mean the-letter.toml?" in out, out
        assert "peer-sim check the-letter" not in out  # a check that cannot read it either
    assert main(["check", "the-letter.toml"]) == 0


def test_watch_given_before_a_command_says_it_belongs_to_play(tmp_path, capsys):
    import pytest

    from sim.cli import main

    with pytest.raises(SystemExit) as info:
        main(["--scenarios", str(tmp_path), "--watch"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: --watch" in err
    assert "--watch is an option of `peer-sim play`, as in peer-sim play SCENARIO --watch" in err
    with pytest.raises(SystemExit):
        main(["list", "--bogus"])  # an option no command takes: argparse's words alone
    assert capsys.readouterr().err.rstrip().endswith("unrecognized arguments: --bogus")


def test_a_live_reload_leaves_no_note_about_a_recorded_run_for_the_debrief(tmp_path):
    from sim.authoring.watch import kept_note, reload_run
    from sim.debrief.build import build_debrief
    from sim.engine import Run

    path = tmp_path / "draft.toml"
    path.write_text(MINI, encoding="utf-8")
    run = Run.begin(loads(tmp_path, MINI))
    run.choose(1)
    # an edit to a line not chosen yet: the choices so far all fit
    path.write_text(MINI.replace("Let's finish.", "Let's stop here."), encoding="utf-8")
    found = reload_run(path, run)
    assert kept_note(1, found.run) == "kept 1 of your 1 choice(s)."
    assert "recorded" not in found.run.replay_note  # a --watch run is never recorded
    found.run.choose(1)
    found.run.settle()
    found.run.choose(1)
    assert "recorded" not in build_debrief(found.run).replay_note


@pytest.mark.parametrize(
    "word, meant",
    [
        ("lint", "`peer-sim check` (checks scenario files"),  # was: did you mean `peer-sim list`
        ("validate", "`peer-sim check`"),  # was: peer-sim play validate
        ("verify", "`peer-sim check`"),
        ("run", "`peer-sim play` (plays a scenario) or `peer-sim runs`"),  # was: runs alone
    ],
)
def test_a_command_another_tool_would_have_names_peer_sims_own(word, meant, capsys, tmp_path):
    with pytest.raises(SystemExit) as stop:
        main([word, str(tmp_path / "court-ordered.toml")])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"'{word}' is not a command; did you mean {meant}" in err
    assert "peer-sim list" not in err and "play validate" not in err


def test_a_reload_that_rewords_the_one_line_said_counts_it_plainly(tmp_path):
    from sim.authoring.watch import kept_note, reload_run
    from sim.debrief.build import build_debrief
    from sim.engine import Run

    path = tmp_path / "draft.toml"
    path.write_text(MINI, encoding="utf-8")
    run = Run.begin(loads(tmp_path, MINI))
    run.choose(1)  # "You made it in."
    long = "You made it in, even though part of you would much rather be somewhere else today."
    path.write_text(MINI.replace("You made it in.", long), encoding="utf-8")
    found = reload_run(path, run)
    note = found.run.replay_note
    # was "Kept all 1 choices, but ... 'You made it in, even though part of you would much rat...'"
    assert note.startswith("Kept your one choice, but the line you chose at decision 1 now reads")
    assert "'You made it in, even though part of you would much...'" in note
    # the reload's own note keeps the count once, and the reworded line
    said = kept_note(1, found.run)
    assert said.startswith("kept 1 of your 1 choice(s). The line you chose at decision 1")
    found.run.choose(1)
    found.run.settle()
    found.run.choose(1)
    assert build_debrief(found.run).replay_note.startswith("Kept your one choice, but")


def test_new_into_a_missing_folder_says_how_to_go_on(tmp_path, capsys, monkeypatch):
    from sim.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["new", "nofolder/x"]) == 1
    err = capsys.readouterr().err
    assert "there is no folder nofolder (make it first, or give the name alone" in err
    assert main(["new", "x"]) == 0 and (tmp_path / "x.toml").exists()


def test_new_given_a_folder_with_its_slash_asks_for_the_id_after_it(tmp_path, capsys, monkeypatch):
    """`new drafts/` (the id left off) wrote drafts.toml beside the folder the author
    meant to write into; now it is refused with the name to give instead."""
    from sim.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    assert main(["new", "drafts/"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "peer-sim: 'drafts/' names a folder, not the new scenario: give its id after the "
        "folder, e.g. drafts/first-visit\n"
    )
    assert not (tmp_path / "drafts.toml").exists()
    assert main(["new", "drafts/first-visit"]) == 0
    assert (tmp_path / "drafts" / "first-visit.toml").is_file()


def test_a_file_where_a_folder_should_be_is_named_by_new_and_by_o(tmp_path, capsys, monkeypatch):
    """`schema -o notes.toml/x` said only "Not a directory" (which part?), and `new
    notes/x` with notes a file said "there is no folder notes (make it first ...)",
    which cannot be done while the file is there."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "court.toml").write_text("# a scenario\n")
    assert main(["new", "court.toml/draft"]) == 1
    err = capsys.readouterr().err
    assert "court.toml is a file, not a folder" in err and "make it first" not in err
    assert main(["schema", "-o", "court.toml/x/schema.json"]) == 1
    err = capsys.readouterr().err
    assert "cannot write court.toml/x/schema.json: court.toml is a file, not a folder" in err
    assert "Not a directory" not in err
    assert (tmp_path / "court.toml").read_text() == "# a scenario\n"


def test_a_reload_that_rewords_the_end_of_a_long_line_shows_the_words_that_changed(tmp_path):
    """The note showed the line's unchanged first words ("...It's your story, though....")
    after an edit at its end, so the author could not see what the reload had picked up."""
    from sim.authoring.watch import reload_run
    from sim.engine import Run

    was = "You made it in. Coming through that door takes something, and you did it today."
    text = MINI.replace('"You made it in."', f'"{was}"')
    path = tmp_path / "draft.toml"
    path.write_text(text, encoding="utf-8")
    run = Run.begin(loads(tmp_path, text))
    run.choose(1)
    path.write_text(text.replace("you did it today.", "you did it anyway."), encoding="utf-8")
    note = reload_run(path, run).run.replay_note
    assert "you did it anyway." in note
    quoted = note[note.index("reads '") + len("reads '") : note.index("', so")]
    assert quoted.startswith("...") and len(quoted) <= 60


def test_a_draft_named_with_a_space_is_given_as_a_path_that_can_be_pasted(
    tmp_path, monkeypatch, capsys
):
    import shlex

    (tmp_path / "my draft.toml").write_text(MINI, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["graph", "my draft"]) == 2
    err = capsys.readouterr().err
    given = err.split("give its path: ")[1].rstrip().rstrip(")")
    assert shlex.split(given) == ["my draft.toml"]
    assert main(["graph", *shlex.split(given)]) == 0


@pytest.mark.skipif(os.sep != "/", reason="a backslash separates folders on Windows")
@pytest.mark.parametrize(
    ("name", "meant"),
    [("drafts\\ana", "drafts/ana"), ("drafts\\Ana Two.toml", "drafts/ana-two")],
)
def test_new_given_a_windows_path_is_told_the_slash(tmp_path, capsys, monkeypatch, name, meant):
    """`new drafts\\ana` on Linux or macOS was told "did you mean drafts-ana?", a file
    beside the folder the author meant to write into."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    assert main(["new", name]) == 1
    err = capsys.readouterr().err
    assert err.endswith(f"(here folders are separated by /, not \\: did you mean {meant}?)\n")
    assert main(["new", meant]) == 0
    assert (tmp_path / f"{meant}.toml").is_file()

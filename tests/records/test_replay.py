"""`peer-sim replay FILE`: an exported run played back, plain and in the app; changes detected."""

from __future__ import annotations

import json

from sim.cli import main
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.replay import ReplayScreen
from tests.tui.helpers import until_screen

from .conftest import play


def _export(tmp_path, capsys) -> tuple:
    play("first-meeting", prefer="strong")
    out = tmp_path / "run.json"
    assert main(["export", "last", "--format", "json", "-o", str(out)]) == 0
    capsys.readouterr()
    return out, json.loads(out.read_text())


def test_plain_replay_shows_every_step_and_the_debrief(tmp_path, capsys):
    path, data = _export(tmp_path, capsys)
    assert main(["replay", str(path), "--plain"]) == 0
    out = capsys.readouterr().out
    n = len(data["run"]["decisions"])
    assert f"Step {n} of {n}" in out and "Debrief" in out
    for d in data["run"]["decisions"]:
        assert d["said"].split()[0] in out
    assert "has changed" not in out
    # the mode it was played in, without keys a replay does not have
    assert "Mode: practice (as played;" in out and "u undoes" not in out


def test_a_changed_scenario_is_detected_by_its_hash(tmp_path, capsys):
    path, data = _export(tmp_path, capsys)
    data["run"]["scenario"]["digest"] = "0000000000000000"
    path.write_text(json.dumps(data))
    main(["replay", str(path), "--plain"])
    out = capsys.readouterr().out
    assert "The scenario has changed since this run was recorded" in out


def test_a_choice_gone_stops_the_replay_with_a_sentence(tmp_path, capsys):
    path, data = _export(tmp_path, capsys)
    data["run"]["progress"]["choices"][1] = "no-such-choice"
    data["run"]["progress"]["said"][1] = "A line no version of the scenario had."
    path.write_text(json.dumps(data))
    assert main(["replay", str(path), "--plain"]) == 1
    assert "The replay stops here: choice 2 ('no-such-choice')" in capsys.readouterr().out


def test_bad_files_get_clear_errors(tmp_path, capsys):
    cases = {
        "missing.json": None,
        "broken.json": '{"peer_sim_export": 1,',
        "other.json": '{"hello": 1}',
        "future.json": '{"peer_sim_export": 99, "run": {}}',
        "partial.json": '{"peer_sim_export": 1, "run": {"scenario": {"id": "x"}}}',
        "unknown.json": '{"peer_sim_export": 1, "run": {"scenario": {"id": "nope"},'
        ' "progress": {"choices": []}}}',
    }
    for name, text in cases.items():
        path = tmp_path / name
        if text is not None:
            path.write_text(text)
        assert main(["replay", str(path), "--plain"]) == 2, name
        err = capsys.readouterr().err
        assert str(path) in err and "Traceback" not in err, (name, err)
        assert err.count("\n") == 1, err


async def test_app_replay_steps_to_the_debrief(tmp_path, capsys):
    from sim.loading import load_scenario
    from sim.records.replay import read_export
    from sim.tui.app import PeerSimApp

    from .conftest import BUNDLED

    path, data = _export(tmp_path, capsys)
    exported = read_export(path)
    scenario = load_scenario(BUNDLED / "first-meeting.toml")
    app = PeerSimApp(None, library_paths=[BUNDLED])
    app.animation_level = "none"
    app.records_enabled = False
    app.pending_replay = (scenario, exported)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await until_screen(app, pilot, ReplayScreen)
        await pilot.press("1", "2", "3")  # numbers do nothing in a replay
        assert not screen.run.state.decisions
        for _ in range(100):
            if screen.run.over:
                break
            await pilot.press("space")
        assert screen.run.over
        assert [d.choice_id for d in screen.run.state.decisions] == data["run"]["progress"][
            "choices"
        ]
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)


def test_an_assessment_run_replays_without_the_meters_until_its_debrief(tmp_path, capsys):
    path, data = _export(tmp_path, capsys)
    data["run"]["mode"] = "assessment"
    path.write_text(json.dumps(data))
    assert main(["replay", str(path), "--plain"]) == 0
    out = capsys.readouterr().out
    steps, _, debrief = out.partition("Debrief")
    assert "Mode: assessment (as played: each step without the meters" in steps
    assert "Trust " not in steps and "Empowerment " not in steps  # as the trainee saw it
    assert debrief and "Trust" in debrief  # the debrief shows how it went


TALK = """format = 1
title = "Reordered"
summary = "A short talk whose closing lines an author reorders and rewords."
setting = "A quiet room"
minutes = 2
difficulty = "introductory"
start = "plan"

[meters]
trust = 40
empowerment = 30

[scenes.plan]
text = "So what do I do now?"

[[scenes.plan.choices]]
say = "What feels like the next right step to you?"
goto = "@outcome"
empowerment = 20
principles = { empowerment = "honours" }
why = "Sam owns the plan."

[[scenes.plan.choices]]
say = "Here is what I would do in your shoes."
goto = "@outcome"
empowerment = -6
principles = { empowerment = "undermines" }
why = "Advice before asking takes the decision away."

[endings.together]
title = "A plan of their own"
outcome = "strong"
text = "They leave with a plan they chose."
when = { min_empowerment = 40 }

[endings.polite]
title = "A polite goodbye"
outcome = "poor"
text = "They thank you and leave quickly."
"""


def _reordered(tmp_path, capsys) -> tuple:
    """A run that chose line 2 (advice: a poor ending), exported; then the file edited so
    that the advice is line 1, reworded."""
    folder = tmp_path / "library"
    folder.mkdir()
    scenario = folder / "reordered.toml"
    scenario.write_text(TALK)
    assert main(["--scenarios", str(folder), "play", "reordered", "--choices", "2"]) == 0
    out = tmp_path / "run.json"
    assert main(["export", "last", "--format", "json", "-o", str(out)]) == 0
    head, first, second = TALK.split("[[scenes.plan.choices]]")
    second, endings = second.split("\n[endings.together]", 1)
    second = second.replace(" in your shoes", ", if I were you")
    scenario.write_text(head + "[[scenes.plan.choices]]" + second + "[[scenes.plan.choices]]"
                        + first + "\n[endings.together]" + endings)  # fmt: skip
    capsys.readouterr()
    return folder, out


def test_plain_replay_follows_the_line_chosen_when_lines_were_reordered(tmp_path, capsys):
    """By id alone ('plan#2'), the replay showed the trainee saying the line now second,
    one they never chose, and an ending they never reached (trainer-test-6)."""
    folder, path = _reordered(tmp_path, capsys)
    assert main(["--scenarios", str(folder), "replay", str(path), "--plain"]) == 0
    out = capsys.readouterr().out
    assert "The scenario has changed since this run was recorded" in out
    step = out.split("Step 1 of 1: you chose 1.\nYou:\n", 1)[1]  # the trainee's own records
    assert step.startswith("  Here is what I would do in your shoes.\n"), step
    assert "(Reworded since; it now reads “Here is what I would do, if I were you.”)" in step
    assert "Ending: A polite goodbye (poor outcome)" in out
    assert "next right step" not in step.split("Debrief", 1)[0]


async def test_app_replay_follows_the_line_chosen_when_lines_were_reordered(tmp_path, capsys):
    from sim.loading import load_scenario
    from sim.records.replay import read_export
    from sim.tui.app import PeerSimApp

    folder, path = _reordered(tmp_path, capsys)
    app = PeerSimApp(None, library_paths=[folder])
    app.animation_level = "none"
    app.records_enabled = False
    app.pending_replay = (load_scenario(folder / "reordered.toml"), read_export(path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await until_screen(app, pilot, ReplayScreen)
        await pilot.press("space")
        await pilot.pause()
        assert screen.run.over
        assert [d.choice_id for d in screen.run.state.decisions] == ["plan#1"]  # the advice
        assert screen.run.ending.outcome == "poor"


def test_a_hand_edited_choice_id_forges_no_line_and_a_huge_one_is_refused(tmp_path, capsys):
    """An export is a file anyone can edit: a choice id holding a line break printed a
    forged 'Step' line in `replay --plain`, and a megabyte-long id was quoted whole."""
    path, data = _export(tmp_path, capsys)
    data["run"]["progress"]["choices"][1] = "no-such\nStep 9 of 9: forged\x1b[2J"
    data["run"]["progress"]["said"][1] = "A line no version of the scenario had."
    path.write_text(json.dumps(data))
    assert main(["replay", str(path), "--plain"]) == 1
    out = capsys.readouterr().out
    assert "\nStep 9 of 9: forged" not in out and "\x1b" not in out
    # an id is a name: its line break and ESC stay visible as escapes (adv43), on one line
    assert "choice 2 ('no-such\\nStep 9 of 9: forged\\x1b[2J')" in out.replace("\n", " ")

    data["run"]["progress"]["choices"][1] = "x" * 1_000_000
    path.write_text(json.dumps(data))
    assert main(["replay", str(path), "--plain"]) == 2
    err = capsys.readouterr().err
    assert "1,000,000 characters, longer than any choice id" in err and len(err) < 500


def test_a_hand_edited_line_of_100_000_characters_replays_to_the_end(tmp_path, capsys):
    """Each 100,000-character line was wrapped by measuring the rest of it once per printed
    line: `replay --plain` of such a file ran for minutes, as if hung (adv28)."""
    from tests.core.test_hostile_files import no_hang

    path, data = _export(tmp_path, capsys)
    said = data["run"]["progress"]["said"]
    data["run"]["progress"]["said"] = ["y" * 100_000 for _ in said]
    path.write_text(json.dumps(data))
    with no_hang():
        assert main(["replay", str(path), "--plain"]) == 0
    out = capsys.readouterr().out
    assert "Debrief" in out and out.count("y" * 70) >= len(said) * 1000


def test_a_hand_edited_line_of_3_000_000_combining_marks_replays_to_the_end(tmp_path, capsys):
    """One character carrying millions of marks is one piece on a terminal, and the piece
    grew by adding to a string for each mark: 1,000,000 took half a minute to lay out, and
    an export just under the 20 MiB limit some minutes (adv28)."""
    from tests.core.test_hostile_files import no_hang

    path, data = _export(tmp_path, capsys)
    data["run"]["progress"]["said"][0] = "e" + "\u0301" * 3_000_000
    path.write_text(json.dumps(data))
    assert path.stat().st_size < 20 * 1024 * 1024
    with no_hang():
        assert main(["replay", str(path), "--plain"]) == 0
    assert "Debrief" in capsys.readouterr().out


def test_other_words_edited_into_a_file_of_the_same_scenario_change_no_choice(tmp_path, capsys):
    """The words of each line are matched first, so that a line reordered in a changed
    scenario is still the one chosen. In a file of the very scenario played (same content
    hash) the ids are exact, and a hand-edited line (another line's words) made the replay
    show the trainee choosing a line they never chose, with nothing said (adv28)."""
    from .conftest import load

    path, data = _export(tmp_path, capsys)
    first = data["run"]["decisions"][0]
    scene = load("first-meeting").scenes[first["scene"]]
    other = next(c.say for c in scene.choices if c.say != first["said"])
    data["run"]["progress"]["said"][0] = other
    path.write_text(json.dumps(data))
    assert main(["replay", str(path), "--plain"]) == 0
    out = capsys.readouterr().out
    assert "has changed" not in out
    step = out[out.index("Step 1 of") :]
    step = step[: step.index("Step 2 of")]
    assert "the file was edited after it was exported" in " ".join(step.split()), step
    assert "Reworded since" not in step
    chosen = " ".join(first["said"].split())
    assert chosen[:60] in " ".join(step.split()), step
    # the ending and the debrief are the run's own: the edit steered nothing
    assert data["run"]["ending"]["title"] in out


def test_a_start_edited_to_hold_200_000_flags_is_refused_at_once(tmp_path, capsys):
    """Every move copies the run's flags, and the debrief's replays move hundreds of
    times: an export edited to start with 200,000 flags held `replay --plain` for
    minutes with nothing said (adv44). A run starts with none, or an author's few."""
    from tests.core.test_hostile_files import no_hang

    path, data = _export(tmp_path, capsys)
    data["run"]["progress"]["start"]["flags"] = [f"flag-{n}" for n in range(200_000)]
    path.write_text(json.dumps(data))
    with no_hang():
        assert main(["replay", str(path), "--plain"]) == 2
    err = capsys.readouterr().err
    assert "run.progress.start.flags holds 200,000 flags" in err and "at most 1,000" in err
    assert "Traceback" not in err and err.count("\n") == 1

"""The command line as authors and scripts use it: check, list, play --plain."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import sim
from sim.cli import main
from sim.loading import bundled_dir, load_library

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.toml"


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert "peer-sim" in capsys.readouterr().out


def test_check_clean_file_exits_0(capsys):
    assert main(["check", str(MINI)]) == 0


def test_check_bundled_library_exits_0(capsys):
    assert main(["check", "scenarios"]) == 0, capsys.readouterr().out


def test_check_reports_path_line_col(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(MINI.read_text().replace('goto = "bridge"', 'goto = "brige"'))
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    line = MINI.read_text().splitlines().index('goto = "bridge"') + 1
    assert f"{bad}:{line}:1: error: scenes.middle.choices[1].goto:" in out
    assert "did you mean 'bridge'?" in out


def test_check_json_has_counts_per_file(tmp_path, capsys):
    (tmp_path / "good.toml").write_text(MINI.read_text())
    (tmp_path / "bad.toml").write_text("format = 1\n")
    assert main(["check", "--format", "json", str(tmp_path)]) == 1
    payload = json.loads(capsys.readouterr().out)
    files = {Path(f["path"]).name: f for f in payload["files"]}
    assert files["good.toml"]["ok"] and files["good.toml"]["counts"] == {
        "scenes": 4,
        "choices": 7,
        "endings": 3,
    }
    assert not files["bad.toml"]["ok"] and files["bad.toml"]["errors"][0]["line"] >= 1
    assert payload["summary"]["errors"] >= 1


def test_check_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["check"])
    assert info.value.code == 2


def test_play_unknown_scenario_is_a_usage_error(capsys):
    assert main(["play", "no-such-scenario", "--plain"]) == 2
    assert "no scenario called" in capsys.readouterr().err


def test_play_scripted_reaches_the_debrief(capsys):
    assert main(["play", str(MINI), "--choices", "1,1,1"]) == 0
    out = capsys.readouterr().out
    assert "Ending: Strong (strong outcome)" in out
    assert "\nYour decisions\n" in out and "Listen actively: honoured" in out
    assert "Coach note:" in out
    # the note says which way it points before the author's words
    assert "Coach note: Honours “Listen actively”. A reflection." in out


def test_play_scripted_with_undo_and_stronger_alternative(capsys):
    assert main(["play", str(MINI), "--choices", "2,u,2,2,1", "--mode", "practice"]) == 0
    out = capsys.readouterr().out
    assert "(Undone. Back to this moment.)" in out
    assert "Stronger here: “What would you like to focus on?”" in out


@pytest.mark.parametrize("plain", [(), ("--plain",)], ids=["choices", "plain"])
def test_a_scripted_undo_before_any_line_is_passed_over_with_a_note(capsys, plain):
    """`play ID --plain --choices u,...` stopped the whole run at its first `u` with
    "nothing to undo yet" (exit 1), where the interactive player says so and asks again:
    the script now does the same, and the next answer makes the first choice."""
    args = ["play", str(MINI), *plain, "--mode", "practice"]
    assert main([*args, "--choices", "u,1,u,u,1,1,1"]) == 0
    out = capsys.readouterr().out
    assert out.count("(Nothing to undo yet: no line said so far. On to the next answer.)") == 2
    assert "(Undone. Back to this moment.)" in out
    assert "Ending: Strong (strong outcome)" in out
    assert main([*args, "--choices", "1,1,1"]) == 0
    plain_run = capsys.readouterr().out
    debrief = [o.split("Debrief: ")[1].split("Recorded as run")[0] for o in (out, plain_run)]
    assert debrief[0] == debrief[1]  # the same run


def test_assessment_mode_gives_no_notes_and_no_undo(capsys):
    assert main(["play", str(MINI), "--choices", "1,1,1", "--mode", "assessment"]) == 0
    assert "Coach note:" not in capsys.readouterr().out
    # no meter number or change before the debrief; the debrief shows them with the curve
    out = _play_out(capsys, "assessment")
    during, _, debrief = out.partition("\nDebrief: ")
    assert debrief, out
    for word in ("Trust", "Empowerment", "of 100", "up)", "down)", "no change"):
        assert word not in during, word
    assert "Trust 50 to 62 (+12, up)" in debrief and "Over the conversation:" in debrief
    # practice shows them after each choice
    during = _play_out(capsys, "practice").partition("\nDebrief: ")[0]
    assert "Trust 60 of 100 (+10, up)" in during
    assert main(["play", str(MINI), "--choices", "1,u", "--mode", "assessment"]) == 1
    assert "only available in practice" in capsys.readouterr().err


def test_the_mode_given_before_play_counts_too(capsys):
    assert main(["--mode", "assessment", "play", str(MINI), "--choices", "1,1,1"]) == 0
    during = capsys.readouterr().out.partition("\nDebrief: ")[0]
    assert "Coach note:" not in during and "of 100" not in during


def _play_out(capsys, mode: str) -> str:
    assert main(["play", str(MINI), "--choices", "1,1,1", "--mode", mode]) == 0
    return capsys.readouterr().out


def test_script_running_out_is_an_error(capsys):
    assert main(["play", str(MINI), "--choices", "1"]) == 1
    assert "ran out" in capsys.readouterr().err


def test_bad_script_is_a_usage_error(capsys):
    assert main(["play", str(MINI), "--choices", "1,x!"]) == 2
    assert "choice ids" in capsys.readouterr().err


def test_script_with_an_id_not_offered_says_so(capsys):
    assert main(["play", str(MINI), "--choices", "1,nope#3"]) != 0
    err = capsys.readouterr().err
    assert "--choices entry 2, 'nope#3', is not on offer at scene 'middle'" in err


def test_interactive_plain_play_over_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("9\n1\nu\n1\n1\n\n1\n"))
    assert main(["play", str(MINI), "--plain"]) == 0
    out = capsys.readouterr().out
    assert "'9' is not one of the choices" in out
    assert "Ending: Strong" in out


def test_stdin_closing_stops_cleanly(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n"))
    assert main(["play", str(MINI), "--plain"]) == 1
    assert "Stopped before the end." in capsys.readouterr().out


def test_list_shows_bundled_and_broken(tmp_path, capsys):
    (tmp_path / "good.toml").write_text(MINI.read_text())
    (tmp_path / "bad.toml").write_text("nonsense")
    assert main(["list", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "good: Mini (2 min, introductory)" in out and "BROKEN" in out and "bad.toml:1" in out


def test_python_dash_m_sim_works():
    done = subprocess.run(
        [sys.executable, "-m", "sim", "check", str(MINI)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_core_never_imports_textual_or_pydantic_for_the_engine():
    code = (
        "import sys, sim.engine, sim.debrief, sim.problems, sim.text, sim.plain.render;"
        "bad = [m for m in ('textual', 'rich', 'pydantic') if m in sys.modules];"
        "import sim.loading, sim.commands.check, sim.plain.player, sim.cli;"
        "bad += [m for m in ('textual', 'rich') if m in sys.modules];"
        "print(','.join(bad))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def _imports(path: Path) -> set[str]:
    """Every module a source file imports, lazily inside functions too."""
    import ast

    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


CLI_LAYER = (
    ["sim", "commands"],
    ["sim", "cli"],
    ["sim", "cli_wording"],
    ["sim", "cli_arguments"],
)
CLI_FILES = {"cli.py", "cli_wording.py", "cli_arguments.py", "entry.py"}


def test_only_the_cli_imports_the_cli_layer_and_only_the_app_imports_textual():
    """The layering from the project brief, read off the source (imports are often lazy)."""
    root = Path(sim.__file__).parent
    wrong = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        names = _imports(path)
        # `entry` is the console script's first step: it loads the CLI and nothing else
        cli_layer = rel in CLI_FILES or rel.startswith("commands/")
        took = sorted(n for n in names if n.split(".")[:2] in CLI_LAYER)
        if not cli_layer and took:
            wrong.append(f"{rel} imports {', '.join(took)}")
        if not rel.startswith("tui/") and any(n.split(".")[0] == "textual" for n in names):
            wrong.append(f"{rel} imports textual")
    assert wrong == []


def test_principles_lists_ids_and_can_print_the_file(capsys):
    assert main(["principles"]) == 0
    out = capsys.readouterr().out
    assert "crisis-referral" in out and "active-listening" in out
    assert main(["principles", "--toml"]) == 0
    assert "[principles.boundaries]" in capsys.readouterr().out


def test_a_broken_catalogue_is_reported_once(tmp_path, capsys):
    (tmp_path / "mini.toml").write_text(MINI.read_text())
    (tmp_path / "principles.toml").write_text('format = 1\n[principles.x]\ntitle = "X"\n')
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.count("principles.x.summary") == 1
    assert main(["check", str(tmp_path / "mini.toml")]) == 1
    assert capsys.readouterr().out.count("principles.x.summary") == 1


def test_library_lists_introductory_scenarios_first(capsys):
    assert main(["list"]) == 0
    ids = [
        line.split(":")[0]
        for line in capsys.readouterr().out.splitlines()
        if not line.startswith(" ")
    ]
    library = load_library([bundled_dir()])
    by_id = {sc.id: sc for sc in library.scenarios}
    rank = {"introductory": 0, "intermediate": 1, "advanced": 2}
    # within a level, an author's order first (1 first), then by title
    keys = [
        (rank[by_id[i].difficulty], by_id[i].order or 1000, by_id[i].title.lower()) for i in ids
    ]
    assert keys == sorted(keys) and keys[0][0] == 0 and keys[-1][0] == 2


def test_list_includes_the_scenarios_folders_and_names_a_bundled_id_clash(tmp_path, capsys):
    # README: `peer-sim --scenarios DIR ...` also offers DIR; `list` must show what will play.
    (tmp_path / "my-own.toml").write_text(MINI.read_text())
    (tmp_path / "first-meeting.toml").write_text(MINI.read_text())
    assert main(["--scenarios", str(tmp_path), "list"]) == 1
    out = capsys.readouterr().out
    assert "my-own: Mini" in out
    assert "first-meeting: First Meeting" in out
    assert f"BROKEN {tmp_path / 'first-meeting.toml'}" in out and "rename one of the files" in out


def test_play_by_id_takes_the_file_list_shows_not_a_later_clash(tmp_path, capsys):
    (tmp_path / "first-meeting.toml").write_text(MINI.read_text())
    main(["--scenarios", str(tmp_path), "play", "first-meeting", "--plain", "--no-record",
          "--choices", "1"])  # fmt: skip
    assert "Scenario: First Meeting" in capsys.readouterr().out


def test_check_warns_about_toml_1_1_syntax_that_taplo_rejects(tmp_path, capsys):
    pytest.importorskip("tomllib")
    text = MINI.read_text()
    old = 'principles = { active-listening = "honours" }'
    bad = tmp_path / "comma.toml"
    bad.write_text(text.replace(old, old[:-2] + ", }", 1))
    assert main(["check", str(bad)]) == 0  # peer-sim reads it: a warning, not an error
    out = capsys.readouterr().out
    assert (
        f"{bad}:28:" in out
        and "warning: scenes.hello.choices[1].principles: peer-sim reads this, but it is TOML 1.1"
        in out
    )
    assert "delete the comma before the closing }" in out
    bad.write_text(text)  # following the hint: the comma goes, and so does the warning
    assert main(["check", "--strict", str(bad)]) == 0


def test_check_warns_when_the_file_name_cannot_be_an_id_and_the_hint_clears_it(tmp_path, capsys):
    bad = tmp_path / "My Trauma scenario.toml"
    bad.write_text(MINI.read_text())
    assert main(["check", "--strict", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "the file name 'My Trauma scenario' is this scenario's id" in out
    renamed = re.search(r"rename the file to (\S+)\)", out).group(1)
    assert renamed == "my-trauma-scenario.toml"
    assert main(["check", "--strict", str(bad.rename(tmp_path / renamed))]) == 0


def test_check_warns_when_a_file_reuses_a_bundled_id(tmp_path, capsys):
    clash = tmp_path / "first-meeting.toml"
    clash.write_text(MINI.read_text())
    assert main(["check", str(clash)]) == 0
    assert "'first-meeting' is also the id of a bundled scenario" in capsys.readouterr().out


def test_an_exact_copy_of_the_bundled_folder_checks_clean(tmp_path, capsys):
    """The repository's scenarios/ beside a non-editable install is the bundled library."""
    import shutil

    from sim.loading import bundled_dir

    copy = tmp_path / "scenarios"
    shutil.copytree(bundled_dir(), copy)
    assert main(["check", "--strict", str(copy)]) == 0, capsys.readouterr().out
    edited = copy / "first-meeting.toml"
    edited.write_text(edited.read_text() + "\n# my edit\n")
    assert main(["check", str(edited)]) == 0
    assert "'first-meeting' is also the id of a bundled scenario" in capsys.readouterr().out


def test_bare_peer_sim_parses_as_the_whole_command_line_would():
    """Bare `peer-sim` skips building the commands' parsers; its options must be the same."""
    from sim.cli import build_parser

    assert vars(build_parser(commands=False).parse_args([])) == vars(build_parser().parse_args([]))


def test_plain_play_says_nothing_was_typed_rather_than_quote_quote(monkeypatch, capsys):
    """A screen reader read "'' is not one of the choices" as "quote quote is not..."."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n1\n1\n\n1\n"))
    main(["play", str(MINI), "--plain"])
    out = capsys.readouterr().out
    assert "Nothing typed; type a number from" in out
    assert "'' is not" not in out


def test_plain_debrief_a_wrapped_decision_quote_goes_on_under_itself(capsys):
    """'3. Luis: “...I'll' went on at two spaces, under the number, not under the quote."""
    main(["play", "return-to-use", "--choices", "2,1,2"])
    out = capsys.readouterr().out.splitlines()
    at = next(i for i, line in enumerate(out) if line.startswith("  3. Luis: "))
    assert out[at + 1].startswith("     ") and not out[at + 1].startswith("      ")


@pytest.mark.parametrize(
    "word, said",
    [
        (
            "first-meeting",
            "'first-meeting' is not a command. To play a scenario, name it after play: "
            "peer-sim play first-meeting (the commands: check, list,",
        ),
        ("plya", "'plya' is not a command; did you mean `peer-sim play`?"),
        ("rnus", "'rnus' is not a command; did you mean `peer-sim runs`?"),
        ("x\x1b]0;hi\x07", "'x\\x1b]0;hi\\x07' is not a command (the commands: check,"),
    ],
)
def test_a_word_that_is_no_command_is_read_as_a_scenario_or_a_typo(word, said, capsys):
    # argparse alone said "invalid choice: 'first-meeting' (choose from ...)", with no
    # word of play
    with pytest.raises(SystemExit) as stop:
        main([word])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert said in err
    assert "\x1b" not in err and "invalid choice" not in err


def test_check_starts_without_sqlite():
    """Every command installs `sim.commands.streams`, which imported sqlite3 at the top
    (~10 ms of start-up) for one check of an -o file; check, graph, new and schema
    open no records."""
    code = (
        "import sys; from sim.cli import main; main(['check', sys.argv[1]]); "
        "print('sqlite3' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code, str(MINI)], capture_output=True, text=True)
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr

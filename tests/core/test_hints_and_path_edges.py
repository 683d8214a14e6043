"""Two ways a message pointed the reader at the wrong thing (adversarial-13).

- A name-like value with an escape in it ('hon\\u001bours') was told to be retyped
  as 'honurs': the suggestion was made with `clean`, which reads ESC and the letter
  after it as one Alt+key sequence. A value from a fixed set is now told the member
  it was meant to be (or the set), an id the id with the characters dropped.
- A path whose edges are blank was shown bare ("the records folder 1  cannot be
  made"); every message now quotes such a path, so its edges can be seen.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sim.loading import load_scenario
from sim.problems import ScenarioError
from sim.text import brief, shown, shown_name
from tests.core.test_hostile_files import run_main

GOOD = (Path(__file__).parent / "fixtures" / "mini.toml").read_text(encoding="utf-8")


def _hint_for(tmp_path: Path, old: str, new: str) -> str:
    assert old in GOOD
    path = tmp_path / "sc.toml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    found = [p for p in caught.value.problems if p.code == "control-in-value"]
    assert found, [p.format() for p in caught.value.problems]
    return found[0].hint


@pytest.mark.parametrize(
    ("old", "new", "meant"),
    [
        ('"honours" }', '"hon\\u001bours" }', "'honours'"),  # a verdict
        ('"undermines", active', '"under\\u001bmines", active', "'undermines'"),
        ('outcome = "strong"', 'outcome = "str\\u001bong"', "'strong'"),  # an outcome
        ('outcome = "poor"', 'outcome = "\\u001b[31mpoor\\u001b[0m"', "'poor'"),  # a colour
        ('goto = "middle"', 'goto = "mid\\u001bdle"', "'middle'"),  # an id: letters kept
        ('goto = "middle"', 'goto = "\\u001b[1mmiddle"', "'middle'"),
        ('sets = ["reflected"]', 'sets = ["re\\u001bflected"]', "'reflected'"),
    ],
)
def test_the_suggestion_is_the_value_meant(tmp_path, old, new, meant):
    hint = _hint_for(tmp_path, old, new)
    assert hint.endswith(f"e.g. {meant}"), hint


def test_a_value_far_from_its_set_is_told_the_set(tmp_path):
    hint = _hint_for(tmp_path, '"honours" }', '"re\\u001bflect" }')
    assert "e.g." not in hint
    assert hint.endswith("it is one of honours, neutral, undermines"), hint


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("records", "records"),
        ("/tmp/my records/x.toml", "/tmp/my records/x.toml"),  # inner blanks read fine
        ("1 ", "'1 '"),
        (" notes.toml", "' notes.toml'"),
        ("notes\u00a0", "'notes\u00a0'"),  # a no-break space is an edge too
        ("Sam's ", '"Sam\'s "'),
        ("", "''"),
        ("a\x1b[2J ", "'a\\x1b[2J '"),  # still through the gate
    ],
)
def test_shown_path_quotes_a_path_with_blank_edges(path, expected):
    assert shown_name(path) == expected
    if path:
        assert shown(Path(path)) == shown_name(Path(path))
        assert brief(Path(path), 200) == expected


def test_messages_quote_a_path_ending_in_a_space(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    cases = [
        (["check", "gone.toml "], "'gone.toml ':"),
        (["--data-dir", "nowhere ", "runs"], "--data-dir 'nowhere ': no such folder"),
        (["report", "--also", "elsewhere "], "--also 'elsewhere ': no such folder"),
        (["schema", "-o", "afile/out "], "cannot write 'afile/out ':"),
        (["replay", "run.json "], "'run.json ':"),
        (["new", "afile/x "], "'x ' is not a valid scenario id"),
    ]
    for argv, said in cases:
        code, out = run_main(argv)
        assert code != 0 and said in out, (argv, out)


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")
def test_a_folder_on_no_disk_is_not_called_full(tmp_path):
    """statvfs of /proc says 0 bytes free: that is no full disk, and "free some space"
    sent people looking at a disk with room to spare."""
    code, out = run_main(
        [
            "--data-dir",
            "/proc/peer-sim-adv13",
            "play",
            str(Path(__file__).parent / "fixtures" / "mini.toml"),
            "--choices",
            "1,1,1",
        ]
    )
    assert "Nothing is recorded" in out and "no folder can be made" in out, out
    assert "full" not in out and "free some space" not in out, out


def test_a_missing_path_with_an_odd_name_is_called_missing(tmp_path):
    """`--scenarios` mistyped with an escape in it was told "the file name holds a control
    character ... rename the file", about a file that does not exist."""
    code, out = run_main(["list", str(tmp_path / "gone\x1b]0;t\x07\n.toml")])
    assert code == 1 and "there is no such file" in out, out
    assert "rename the file" not in out, out


def test_a_replayed_start_scene_is_quoted_on_one_line(tmp_path):
    """An exported run's start scene is someone else's text: a line break in it forged a
    line of `replay --plain` output, and a megabyte of it was quoted whole."""
    import json

    code, _ = run_main(["play", "first-meeting", "--choices", "1,1,1,1,1,1,1,1,1,1,1,1,1,1"])
    export = tmp_path / "run.json"
    code, out = run_main(["export", "last", "--format", "json", "-o", str(export)])
    assert code == 0, out
    data = json.loads(export.read_text(encoding="utf-8"))
    data["run"]["progress"]["start"]["scene"] = "x\n[bold]FORGED LINE" + "y" * 100_000
    export.write_text(json.dumps(data), encoding="utf-8")
    code, out = run_main(["replay", str(export), "--plain"])
    assert code == 2, out
    said = next(line for line in out.splitlines() if "does not fit" in line)
    assert "\\n[bold]FORGED LINE" in said and len(said) < 600, said[:300]
    assert not any(line.startswith("[bold]FORGED") for line in out.splitlines())


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('title = "Mini"', 'title = "\\u001b]0;owned\\u0007\\u001b[2J"'),
        ('say = "You made it in."', 'say = "\\u001b[31m\\u009b2J"'),
        ('reflect = ["What did Kim want?"]', 'reflect = ["\\u202e\\u0007"]'),
    ],
)
def test_text_of_nothing_but_escapes_is_not_called_empty(tmp_path, old, new):
    """Cleaned, such text is empty, and "should not be empty (write some text between the
    quotes)" was said of a line with text between its quotes."""
    path = tmp_path / "sc.toml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    (found,) = [p for p in caught.value.problems if p.code == "control-only-text"]
    assert "nothing but escape sequences" in found.message
    assert found.line == GOOD[: GOOD.index(old)].count("\n") + 1
    assert not any("should not be empty" in p.message for p in caught.value.problems)


def test_an_upper_case_public_url_scheme_is_told_so():
    """'HTTP://host/' was told it "must start with http://", which it seems to."""
    from sim.commands.serve import public_url_problem

    assert public_url_problem("HTTP://peer-sim.example.org/") == (
        "must start with http:// or https:// written in lower case"
    )
    assert public_url_problem("ftp://x") == "must start with http:// or https://"
    assert public_url_problem("https://peer-sim.example.org/") is None


@pytest.mark.skipif(os.sep != "/", reason="a backslash separates folders on Windows")
@pytest.mark.parametrize("command", ["check", "test", "play", "list"])
def test_a_windows_path_is_told_the_slash_it_needs(tmp_path, monkeypatch, command):
    """`check sc\\draft.toml` typed on Linux or macOS (a Windows habit, or a path copied
    from a colleague's note) was told only "check the path and the file name"."""
    (tmp_path / "sc").mkdir()
    (tmp_path / "sc" / "draft.toml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = [command, "sc\\draft.toml"] + (["--plain"] if command == "play" else [])
    code, out = run_main(argv)
    assert code != 0 and "there is no such file" in out, out
    assert "did you mean sc/draft.toml? Here folders are separated by /, not \\" in out, out
    code, out = run_main(["check", "C:\\Users\\ana\\draft.toml"])
    assert "here folders are separated by /, not \\ as on Windows" in out, out


def test_a_scenario_saved_as_toml_txt_is_named_with_the_rename(tmp_path, monkeypatch):
    """Notepad saves x.toml as x.toml.txt (and Windows hides the .txt): `check x.toml` was
    told only "check the path and the file name", and `check FOLDER` "no scenario files
    found", with the file right there."""
    (tmp_path / "sc").mkdir()
    (tmp_path / "sc" / "draft.toml.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rename = "an editor added .txt, as Notepad does (Windows hides it)"
    for command in (["check"], ["test"], ["play", "--plain"]):
        code, out = run_main([command[0], "sc/draft.toml", *command[1:]])
        assert code != 0 and "there is no such file (there is sc/draft.toml.txt" in out, out
        assert f": {rename}; rename it to draft.toml)" in out, out
    for command in ("check", "test"):
        code, out = run_main([command, "sc"])
        assert code == 1, out
        assert out.startswith(
            "no scenario files found: sc/draft.toml.txt ends in .txt, so it is not read"
        ), out
        assert out.rstrip().endswith(f"not read: {rename}; rename it to draft.toml"), out
    (tmp_path / "sc" / "draft.toml.txt").rename(tmp_path / "sc" / "draft.toml")
    assert run_main(["check", "sc/draft.toml"])[0] == 0


def test_a_toml_txt_beside_other_scenarios_is_warned_not_passed_over(tmp_path):
    """A folder with good.toml and draft.toml.txt said "1 file(s) checked ... 1 clean":
    the draft was neither checked nor in the library, and nothing said so."""
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "draft.toml.txt").write_text(GOOD, encoding="utf-8")
    code, out = run_main(["check", str(tmp_path)])
    assert code == 0, out
    assert (
        f"{tmp_path}/sub/draft.toml.txt: warning: this file ends in .txt, so it is not read as "
        "a scenario: an editor added .txt, as Notepad does (Windows hides it) (rename it to "
        "draft.toml)"
    ) in out, out
    assert run_main(["check", "--strict", str(tmp_path)])[0] == 1
    code, out = run_main(["check", "--format", "json", str(tmp_path)])
    assert '"code": "file-name"' in out and "draft.toml.txt" in out, out


def test_a_missing_folder_is_not_called_a_missing_file(tmp_path):
    """`check DIR`, `list DIR` and `--scenarios DIR` take folders: "there is no such file"
    of a folder's name read as if only a file would do (author33)."""
    from tests.core.test_hostile_files import run_main

    gone = tmp_path / "drafts"
    for argv in (["check", str(gone)], ["list", str(gone)]):
        code, out = run_main(argv)
        assert "there is no such file or folder" in out, out
    code, out = run_main(["check", str(gone / "x.toml")])
    assert code != 0 and "there is no such file (" in out, out

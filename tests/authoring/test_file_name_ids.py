"""A scenario's id is its file name, so a name no id could be ('sp .toml', ' rent.toml')
must be visible as such: `check` says where the blank is and names a file to rename it to
that is free, and `list` quotes the id, so the space an author would have to type shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sim.cli import main

MINI = Path(__file__).parents[1] / "core" / "fixtures" / "mini.toml"


def _renamed(out: str) -> str:
    return re.search(r"rename the file to (\S+)\)", out).group(1)


def test_a_blank_at_the_end_of_a_file_name_is_named_and_the_hint_clears_it(tmp_path, capsys):
    bad = tmp_path / "sp .toml"
    bad.write_text(MINI.read_text())
    assert main(["check", "--strict", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "the file name 'sp ' (ends with a space) is this scenario's id" in out
    assert _renamed(out) == "sp.toml"
    assert main(["check", "--strict", str(bad.rename(tmp_path / "sp.toml"))]) == 0


def test_a_blank_at_the_start_is_named_too(tmp_path, capsys):
    bad = tmp_path / " rent.toml"
    bad.write_text(MINI.read_text())
    main(["check", str(bad)])
    assert "the file name ' rent' (starts with a space)" in capsys.readouterr().out


def test_the_name_the_hint_gives_is_one_no_file_beside_it_has(tmp_path, capsys):
    """Renaming 'sp .toml' to a taken sp.toml would write over another scenario."""
    (tmp_path / "sp.toml").write_text(MINI.read_text())
    bad = tmp_path / "sp .toml"
    bad.write_text(MINI.read_text())
    main(["check", str(bad)])
    renamed = _renamed(capsys.readouterr().out)
    assert renamed == "sp-2.toml"
    assert main(["check", "--strict", str(bad.rename(tmp_path / renamed))]) == 0


def test_list_quotes_an_id_no_file_name_should_give_and_says_where_the_fix_is(tmp_path, capsys):
    (tmp_path / "sp .toml").write_text(MINI.read_text())
    (tmp_path / "good.toml").write_text(MINI.read_text())
    assert main(["list", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("good: ") for line in lines), lines
    flagged = [line for line in lines if line.startswith("'sp ': ")]
    assert flagged and "its file name is no valid id (see peer-sim check)" in flagged[0], lines
    assert not any("good" in line and "no valid id" in line for line in lines)


@pytest.mark.parametrize("stem", ["$(touch pwned)'q", "a`id`'b", "back\\slash!"])
def test_list_gives_an_odd_id_as_one_shell_word_that_runs_nothing(tmp_path, capsys, stem):
    """`list` quoted an id holding a ' in double quotes as it was: "$(touch pwned)'q",
    pasted after `play`, ran the command in it (adversarial-19). A real shell reads the
    listed word back: the id, and nothing run."""
    import subprocess

    (tmp_path / f"{stem}.toml").write_text(MINI.read_text())
    main(["list", str(tmp_path)])
    (line,) = [ln for ln in capsys.readouterr().out.splitlines() if "no valid id" in ln]
    typed = line[: line.index(": Mini (")]
    said = subprocess.run(
        ["sh", "-c", f"printf %s {typed}"], cwd=tmp_path, capture_output=True, text=True
    )
    assert said.stdout == stem, typed
    assert not (tmp_path / "pwned").exists()


def test_a_windows_copy_name_is_renamed_without_a_run_of_dashes(tmp_path, capsys):
    """'x - Copy.toml', as Windows names a copy, was told to become 'x---copy.toml'."""
    bad = tmp_path / "last-sessions - Copy.toml"
    bad.write_text(MINI.read_text())
    main(["check", str(bad)])
    assert _renamed(capsys.readouterr().out) == "last-sessions-copy.toml"


def test_two_files_with_one_id_in_a_folder_are_told_as_the_library_lists_them(tmp_path, capsys):
    """`check DIR` said 0 errors for a/x.toml and b/x.toml, while `list DIR` (and the
    library) showed the second as broken, never offered."""
    for sub, title in (("a", "First"), ("b", "Second")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.toml").write_text(
            MINI.read_text().replace('title = "Mini"', f'title = "{title}"')
        )
    main(["list", str(tmp_path)])
    listed = capsys.readouterr().out
    assert "BROKEN" in listed and "b/x.toml" in listed.split("BROKEN")[1]
    assert main(["check", "--strict", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    found = [line for line in out.splitlines() if "has the same id 'x'" in line]
    assert len(found) == 1 and found[0].startswith(f"{tmp_path}/b/x.toml:1: "), out
    assert "rename one of the files" in found[0]


def test_two_files_with_one_id_carry_a_code_of_their_own_in_json(tmp_path, capsys):
    """The warning shared `duplicate-id` with the errors of one file (a choice id used twice,
    a scene and an ending with one name): one code, two severities, and the README's table
    could not give it one. It is `same-id`, beside `same-title`."""
    import json

    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.toml").write_text(MINI.read_text())
    main(["check", "--format", "json", str(tmp_path)])
    found = [
        (p["code"], kind)
        for result in json.loads(capsys.readouterr().out)["files"]
        for kind in ("errors", "warnings")
        for p in result[kind]
        if "has the same id" in p["message"]
    ]
    assert found == [("same-id", "warnings")]


def test_a_copy_whose_title_was_not_changed_is_named_at_its_title(tmp_path, capsys):
    """A second scenario started from a copy keeps the first one's title: the library
    shows two entries alike."""
    (tmp_path / "one.toml").write_text(MINI.read_text())
    (tmp_path / "two.toml").write_text(
        MINI.read_text().replace('title = "Mini"', 'title = " mini"')
    )
    main(["check", str(tmp_path)])
    out = capsys.readouterr().out
    found = [line for line in out.splitlines() if "has the same title" in line]
    assert found == [
        f"{tmp_path}/two.toml:2:1: warning: title: {tmp_path}/one.toml, checked before it, has "
        "the same title 'mini': the library would list two scenarios a trainee cannot tell "
        "apart (give this scenario a title of its own)"
    ], out
    (tmp_path / "two.toml").write_text(MINI.read_text().replace('title = "Mini"', 'title = "Two"'))
    main(["check", str(tmp_path)])
    assert "same title" not in capsys.readouterr().out


def test_one_file_named_twice_is_no_twin_of_itself(tmp_path, capsys):
    (tmp_path / "one.toml").write_text(MINI.read_text())
    assert main(["check", "--strict", str(tmp_path / "one.toml"), str(tmp_path)]) == 0


def test_a_copy_of_a_bundled_scenario_keeping_its_title_is_named(tmp_path, capsys):
    """`cp scenarios/first-meeting.toml mine/first-visit.toml` started a scenario of one's
    own that `--scenarios mine` lists beside the bundled one under the same title."""
    from sim.loading import bundled_dir

    bundled = (bundled_dir() / "first-meeting.toml").read_text(encoding="utf-8")
    (tmp_path / "first-visit.toml").write_text(bundled, encoding="utf-8")
    main(["check", str(tmp_path)])
    out = capsys.readouterr().out
    assert "warning: title: the bundled scenario first-meeting has the same title" in out, out
    main(["check", str(bundled_dir())])  # the bundled scenarios themselves: no twins
    assert "same title" not in capsys.readouterr().out

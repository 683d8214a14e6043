"""A command peer-sim suggests with a file name or id in it can be pasted as printed.

`test` on a file that did not load said "fix it first (peer-sim check X)" with X escaped
for the terminal: `my draft.toml` split in two when pasted, and `a\\x1bb.toml` named
another file. `test first-meeting` printed the installed path in every replay command,
where the author had typed the id. `new` into a folder named with a line break wrote a
scenario whose comment broke it ("already passes check" did not hold).
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from sim.cli import main
from sim.shell_words import shell_option, shell_word, suggest

MINI = Path(__file__).parents[1] / "core" / "fixtures" / "mini.toml"


@pytest.mark.parametrize(
    "name", ["my draft.toml", "it's.toml", "café.toml", "drafts/x.toml", "-x.toml"]
)
def test_a_printable_name_is_one_word_the_shell_reads_back(name):
    (word,) = shlex.split(shell_word(name))
    assert word in (name, "./" + name)  # an option-like name gets ./ in front


@pytest.mark.parametrize("name", ["a\x1bb.toml", "a\u202eb.toml", "a\nb.toml", "a\u00a0b.toml"])
def test_a_name_that_cannot_be_typed_is_no_command(name):
    assert shell_word(name) is None
    said = suggest("peer-sim check", name)
    assert not said.startswith("peer-sim check a")  # no escaped name pretending to be one
    assert "cannot be typed as shown" in said and "once the file is renamed" in said
    assert "\x1b" not in said and "\u202e" not in said and "\n" not in said


def _broken(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text(MINI.read_text(encoding="utf-8").replace("title =", "titel =", 1))
    return path


def test_test_on_a_broken_file_suggests_a_check_that_can_be_pasted(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _broken(tmp_path, "my draft.toml")
    assert main(["test", "my draft.toml"]) == 1
    out = capsys.readouterr().out
    hint = re.search(r"fix it first \((.*)\)$", out, re.M)
    assert hint, out
    assert shlex.split(hint.group(1)) == ["peer-sim", "check", "my draft.toml"]


def test_test_on_a_broken_file_with_an_untypable_name_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _broken(tmp_path, "a\x1bb.toml")
    assert main(["test", "a\x1bb.toml"]) == 1
    out = capsys.readouterr().out
    assert "peer-sim check a\\x1bb.toml" not in out
    assert "an ESC character (U+001B)" in out and "cannot be typed as shown" in out


def test_test_on_an_id_replays_by_the_id(capsys):
    assert main(["test", "first-meeting", "--random", "0"]) == 0
    out = capsys.readouterr().out
    commands = re.findall(r"^\s+(peer-sim play .*)$", out, re.M)
    assert commands, out
    assert all(c.startswith("peer-sim play first-meeting --plain --no-record") for c in commands)
    assert "scenarios/first-meeting.toml --plain" not in out
    # and as printed, it plays to the ending it was listed under
    first = commands[0]
    assert main(shlex.split(first)[1:]) == 0


def test_an_id_only_scenarios_knows_replays_by_its_path(tmp_path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(MINI, folder / "visit.toml")
    assert main(["test", "visit", "--scenarios", str(folder), "--random", "0"]) == 0
    out = capsys.readouterr().out
    # `peer-sim play visit` without --scenarios finds nothing: the path replays
    assert f"peer-sim play {shlex.quote(str(folder / 'visit.toml'))} --plain" in out


def test_new_in_a_folder_with_a_line_break_still_checks_clean(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a\nb").mkdir()
    assert main(["new", "a\nb/visit"]) == 0
    out = capsys.readouterr().out
    assert "in its folder, run `peer-sim check visit.toml`" in out
    assert main(["check", "a\nb/visit.toml"]) == 0
    assert "0 error(s), 0 warning(s); 1 clean" in capsys.readouterr().err


def test_new_in_a_folder_with_a_space_suggests_quoted_commands(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my drafts").mkdir()
    assert main(["new", "my drafts/visit"]) == 0
    out = capsys.readouterr().out
    assert "`peer-sim check 'my drafts/visit.toml'`" in out
    text = (tmp_path / "my drafts" / "visit.toml").read_text(encoding="utf-8")
    assert "# Check it with:   peer-sim check 'my drafts/visit.toml'" in text


def test_slips_before_a_path_with_a_space_quotes_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copy(MINI, tmp_path / "my draft.toml")
    with pytest.raises(SystemExit):
        main(["test", "--slips", "my draft.toml"])
    err = capsys.readouterr().err
    assert "(peer-sim test 'my draft.toml' --slips)" in err


@pytest.mark.parametrize("value", ["O'Brien", "Zoë", "-x", "a b", 'say "hi"'])
def test_an_option_value_is_read_back_as_typed(value):
    words = shlex.split(shell_option("--trainee", value))
    assert words in (["--trainee", value], [f"--trainee={value}"])


def test_an_option_value_that_cannot_be_typed_is_no_option():
    assert shell_option("--trainee", "a\x1bb") is None

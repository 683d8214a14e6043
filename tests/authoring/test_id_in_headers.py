"""A scenario named by its id is named by that id in what the author tools print.

`peer-sim test first-meeting` opened its report with the installed file's full path
(`/home/.../site-packages/scenarios/first-meeting.toml: First Meeting`), as did
`test --slips` and `check --stats`, though the author typed the id `peer-sim list`
shows. A path typed is still shown as typed, and a problem line (`file:line:col`)
keeps the file, which is what an editor needs to jump to it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sim.cli import main
from sim.loading import bundled_dir

MINI = Path(__file__).parents[1] / "core" / "fixtures" / "mini.toml"


def test_test_names_the_id_typed_not_the_installed_path(capsys):
    assert main(["test", "first-meeting", "--random", "0"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("first-meeting: First Meeting\n"), out[:200]
    assert str(bundled_dir()) not in out


def test_slips_names_the_id_typed(capsys):
    assert main(["test", "be-my-sponsor", "--slips"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("be-my-sponsor: Be My Sponsor\n"), out[:200]
    assert str(bundled_dir()) not in out


def test_check_stats_names_the_id_typed(capsys):
    assert main(["check", "first-meeting", "--stats"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("first-meeting: 24 scenes"), out[:200]
    assert str(bundled_dir()) not in out


def test_an_id_from_a_scenarios_folder_is_named_by_its_id(tmp_path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(MINI, folder / "visit.toml")
    assert main(["--scenarios", str(folder), "test", "visit", "--random", "0"]) == 0
    assert capsys.readouterr().out.startswith("visit: ")


def test_a_path_typed_is_still_shown_as_typed(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copy(MINI, tmp_path / "visit.toml")
    assert main(["test", "visit.toml", "--random", "0"]) == 0
    assert capsys.readouterr().out.startswith("visit.toml: ")
    assert main(["check", "./visit.toml", "--stats"]) == 0
    assert capsys.readouterr().out.startswith("visit.toml: ")

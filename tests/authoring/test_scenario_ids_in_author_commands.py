"""`check` and `test` take a scenario id, as `play` and `graph` do.

An author who read an id in `peer-sim list` and typed `peer-sim check first-meeting`
was told "there is no such file"; a near miss got no suggestion, while `graph` said
"did you mean 'first-meeting'?". One resolver (sim.loading.resolve) now serves all four.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from sim.cli import main

MINI = Path(__file__).parents[1] / "core" / "fixtures" / "mini.toml"


def _library(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(MINI, folder / "visit.toml")
    return folder


def test_check_takes_a_bundled_id(capsys):
    assert main(["check", "first-meeting"]) == 0
    captured = capsys.readouterr()
    assert "no such file" not in captured.out + captured.err
    assert "1 file(s) checked: 0 error(s)" in captured.err


def test_check_and_test_take_an_id_from_a_scenarios_folder(tmp_path, capsys):
    folder = str(_library(tmp_path))
    assert main(["check", "visit", "--scenarios", folder]) == 0
    assert "1 file(s) checked" in capsys.readouterr().err
    assert main(["--scenarios", folder, "test", "visit", "--random", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("visit: ") and "every branch covered" in out


def test_a_near_id_is_refused_with_the_id_meant(tmp_path, capsys):
    folder = str(_library(tmp_path))
    for command in ("check", "test"):
        assert main([command, "vist", "--scenarios", folder]) == 2
        assert "no scenario called 'vist' (did you mean 'visit'?)" in capsys.readouterr().err
    # the same words as graph's, from the same resolver
    assert main(["graph", "vist", "--scenarios", folder]) == 2
    assert "no scenario called 'vist' (did you mean 'visit'?)" in capsys.readouterr().err


def test_an_id_of_a_broken_file_checks_that_file(tmp_path, capsys):
    folder = _library(tmp_path)
    broken = folder / "visit.toml"
    broken.write_text(broken.read_text().replace('title = "', 'titel = "', 1))
    assert main(["check", "visit", "--scenarios", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "visit.toml" in out and "'titel' is not a key" in out


def test_a_name_that_is_neither_says_ids_are_taken_too(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check", "zzqx"]) == 1
    out = capsys.readouterr().out
    assert "zzqx: error: there is no such file" in out
    assert "or give a scenario id from `peer-sim list`" in out


def test_a_draft_beside_is_still_named_by_its_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copy(MINI, tmp_path / "my-draft.toml")
    assert main(["check", "my-draft"]) == 1
    assert "did you mean my-draft.toml?" in capsys.readouterr().out


def test_a_path_with_a_folder_is_a_path_for_play_too(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["play", "drafts/visit", "--plain", "--no-record"]) == 1
    err = capsys.readouterr().err
    assert "drafts/visit: error: there is no such file" in err
    assert "no scenario called" not in err


def test_help_says_ids_are_taken(capsys):
    for command in ("check", "test"):
        with contextlib.suppress(SystemExit):
            main([command, "--help"])
        assert "folders, or ids from `peer-sim list`" in " ".join(capsys.readouterr().out.split())

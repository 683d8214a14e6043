"""A path that runs through a file (`-o notes.toml/out.md`) is told which file is in the way.

The system's words were all anyone saw: "cannot write notes.toml/out.md: Not a
directory" from every `-o`, "there is no folder notes.toml" from `new` (there is: it
is a file), "this file cannot be read (Not a directory)" from `check` and `replay`.
Now each names the name that is no folder, what it is, and what to give instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.core.test_hostile_files import assert_safe, run_main
from tests.records.conftest import play

IN_THE_WAY = "notes.toml is a file, not a folder"


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PEER_SIM_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "notes.toml").write_text("kept\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "-o", "notes.toml/class.csv"],
        ["report", "-o", "notes.toml/a/b/class.csv"],
        ["report", "-o", "notes.toml/"],
        ["schema", "-o", "notes.toml/schema.json"],
        ["export", "last", "-o", "notes.toml/run.md"],
        ["export", "all", "--format", "json", "-o", "notes.toml/runs.json"],
    ],
)
def test_every_output_option_names_the_file_in_the_way(here, argv):
    assert play("first-meeting") == 0
    code, out = run_main(argv)
    assert_safe(out)
    assert code == 1 and IN_THE_WAY in out, out
    assert "Not a directory" not in out and "give a file name" in out, out
    assert (here / "notes.toml").read_text(encoding="utf-8") == "kept\n"


@pytest.mark.parametrize("name", ["notes.toml/mine", "notes.toml/x/mine"])
def test_new_names_the_file_in_the_way_not_a_missing_folder(here, name):
    code, out = run_main(["new", name])
    assert_safe(out)
    assert code == 1 and IN_THE_WAY in out and "give a name in a folder" in out, out
    assert "there is no folder" not in out


@pytest.mark.parametrize("command", [["check"], ["replay"], ["play", "--plain"], ["test"]])
def test_readers_name_the_file_in_the_way(here, command):
    code, out = run_main([*command, "notes.toml/x.toml"])
    assert_safe(out)
    assert code != 0 and IN_THE_WAY in out, out
    assert "Not a directory" not in out


def test_a_device_in_the_way_is_called_one(here):
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    code, out = run_main(["schema", "-o", "/dev/null/schema.json"])
    assert code == 1 and "/dev/null is a character device, not a folder" in out, out

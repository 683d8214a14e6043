"""`report --also DIR` and a reading command's `--data-dir DIR` given anything but a folder.

A device, a FIFO or a link to nowhere got the records opening's "cannot be made ...
Set PEER_SIM_DATA_DIR or --data-dir to a folder": no cure for `--also`, and "made" is
wrong for a command that makes nothing. Every kind is named, in the option's words, with
the path through the safe-text gate; an empty value given after the command is refused
as it is before it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sim.cli import main
from tests.records.conftest import play


def _thing(kind: str, tmp_path: Path) -> str:
    """A path of one kind that is not a records folder."""
    if kind == "device":
        return "/dev/null"
    made = tmp_path / kind
    if kind == "fifo":
        os.mkfifo(made)
    elif kind == "dangling link":
        made.symlink_to(tmp_path / "nowhere")
    elif kind == "looping link":
        made.symlink_to(made)
    elif kind == "below a file":
        (tmp_path / "notes.txt").write_text("x")
        made = tmp_path / "notes.txt" / "room"
    elif kind == "escape in the name":
        made = tmp_path / "room\x1b]0;owned\x07\x1b[31m"
    return str(made)


_SAID = {
    "device": "is a character device, not a folder",
    "fifo": "is a named pipe (FIFO), not a folder",
    "dangling link": "is a link to",
    "looping link": "is a symbolic link that loops back on itself",
    "below a file": "notes.txt is a file, not a folder",
    "escape in the name": ": no such folder",
}


@pytest.mark.parametrize("option", ["--also", "--data-dir"])
@pytest.mark.parametrize("kind", sorted(_SAID))
def test_each_kind_of_non_folder_is_named_with_a_cure_for_that_option(
    kind: str, option: str, tmp_path: Path, capsys
) -> None:
    assert play("first-meeting") == 0
    capsys.readouterr()
    path = _thing(kind, tmp_path)
    assert main(["report", option, path]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"peer-sim: {option} ") and _SAID[kind] in err
    assert "give the folder the records were kept in" in err
    # the cure for another option, or for making a folder, is no cure here
    assert "PEER_SIM_DATA_DIR" not in err and "cannot be made" not in err
    assert "\x1b" not in err and "\x07" not in err
    assert err.count("\n") == 1


def test_a_folder_with_no_records_is_read_and_said_to_add_none(tmp_path: Path, capsys) -> None:
    assert play("first-meeting") == 0
    empty = tmp_path / "room-b"
    empty.mkdir()
    capsys.readouterr()
    assert main(["report", "--also", str(empty)]) == 0
    out, err = capsys.readouterr()
    assert f"--also {empty} holds no records yet (no records.db in it)" in err
    assert "1 finished run" in out
    assert not (empty / "records.db").exists()  # nothing made there


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["report", "--also", ""], "--also is empty"),
        (["report", "--data-dir", ""], "--data-dir is empty"),
        (["runs", "--data-dir", " "], "--data-dir is empty"),
        (["runs", "--trainee", ""], "--trainee"),
        (["play", "first-meeting", "--plain", "--scenarios", ""], "--scenarios is empty"),
    ],
)
def test_an_empty_value_after_the_command_is_refused(words, said, capsys) -> None:
    """Given after the command, `--data-dir ''` read the default folder and `--trainee ''`
    everyone's runs; before the command both were refused."""
    assert play("first-meeting", extra=("--trainee", "Sam")) == 0
    capsys.readouterr()
    assert main(words) == 2
    out, err = capsys.readouterr()
    assert said in err and out == ""

"""`report --also DIR` and a reading command's `--data-dir DIR` given anything but a folder.

A device, a FIFO or a link to nowhere got the records opening's "cannot be made ...
Set PEER_SIM_DATA_DIR or --data-dir to a folder": no cure for `--also`, and "made" is
wrong for a command that makes nothing. Every kind is named, in the option's words, with
the path through the safe-text gate; an empty value given after the command is refused
as it is before it.
"""

from __future__ import annotations

import os
import sys
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
    elif kind == "name too long":  # adv30: read as an empty store, "No runs yet"
        made = tmp_path / ("room" * 80)
    return str(made)


_SAID = {
    "device": "is a character device, not a folder",
    "fifo": "is a named pipe (FIFO), not a folder",
    "dangling link": "is a link to",
    "looping link": "is a symbolic link that loops back on itself",
    "below a file": "notes.txt is a file, not a folder",
    "escape in the name": ": no such folder",
    "name too long": "a name in it is longer than the file system allows",
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


def _as_nobody(run) -> tuple[int, str]:
    """`run()` in a child process with a user's rights (root writes anywhere), its exit
    status and what it printed. Everything it needs is imported before the fork: the
    user may not read the interpreter's own files."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            os.close(read)
            os.dup2(write, 1)
            os.dup2(write, 2)
            out = os.fdopen(write, "w", encoding="utf-8")
            sys.stdout = sys.stderr = out
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            code = run()
            out.flush()
        finally:
            os._exit(code if isinstance(code, int) else 1)
    os.close(write)
    with os.fdopen(read, encoding="utf-8", errors="replace") as said:
        text = said.read()
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), text


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX users")
@pytest.mark.parametrize("command", ["runs", "progress", "report"])
def test_a_folder_nothing_can_be_recorded_in_is_said_so_not_play_and_it_is_kept(
    command: str, tmp_path: Path
) -> None:
    import shutil
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="peer-sim-ro-"))  # one the user can reach
    try:
        _nothing_recordable(command, top, tmp_path)
    finally:
        top.chmod(0o755)
        (top / "room\x1b[31m").chmod(0o755)
        shutil.rmtree(top)


def _nothing_recordable(command: str, top: Path, tmp_path: Path) -> None:
    """Reading commands said "No runs yet. Play a scenario ... and it is recorded" of a
    records folder play cannot write (a read-only share), and play then said "Nothing is
    recorded" (adv30)."""
    room = top / "room\x1b[31m"
    room.mkdir()
    room.chmod(0o555)
    top.chmod(0o755)
    assert main(["--data-dir", str(tmp_path), command]) == 0  # its imports, as root
    code, said = _as_nobody(lambda: main(["--data-dir", str(room), command]))
    assert code == 0, said
    assert "nothing can be recorded in" in said and "(you may not write that folder)" in said
    assert "room\\x1b[31m" in said and "\x1b" not in said
    assert "Set PEER_SIM_DATA_DIR or --data-dir to a folder you can write." in said
    # no closing line under the notice says a run played here is kept (adv30b): progress
    # said "it is recorded here", report "their runs appear here"
    assert "none can be recorded in this folder: said above)." in said
    assert "it is recorded" not in said and "appear here" not in said
    assert not (room / "records.db").exists()

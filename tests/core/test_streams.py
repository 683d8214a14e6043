"""The edges a shell hands the command line: closed and full streams, read-only folders, locales.

Each runs the real command in a subprocess, as a user's shell would, and
asserts one clear line, a sensible exit status and never a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sim.ending_signals import ENDING

ROOT = Path(__file__).resolve().parents[2]
PEER_SIM = [sys.executable, "-m", "sim"]
TIMEOUT = 120  # only a hang gets near it


def shell(script: str, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    """Run `script` in sh with "$@" = peer-sim ARGS, returning (status, stdout, stderr)."""
    done = subprocess.run(
        ["sh", "-c", script, "sh", *PEER_SIM, *args],
        capture_output=True,
        timeout=TIMEOUT,
        env={**os.environ, **(env or {})},
        cwd=cwd or ROOT,
    )
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode()


def as_a_user() -> str:
    """A shell script running "$@" as a user a read-only folder stops (root writes anywhere)."""
    if os.geteuid() != 0:
        return '"$@"'
    if subprocess.run(["sh", "-c", "command -v setpriv"], capture_output=True).returncode:
        pytest.skip("running as root without setpriv")
    return 'exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"'


def one_line(err: str) -> str:
    assert "Traceback" not in err and "Exception ignored" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_closed_stdout():
    code, out, err = shell('"$@" >&-', "list")
    assert code == 1
    assert one_line(err) == "peer-sim: cannot write the output: standard output is closed"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["list"], ["check", "--format", "json", "scenarios"]])
def test_full_stdout(args):
    code, out, err = shell('"$@" >/dev/full', *args)
    assert code == 1
    assert one_line(err) == "peer-sim: cannot write the output: no space left on the device"


def test_reader_that_leaves_is_not_an_error():
    code, out, err = shell('"$@" | head -c 1 >/dev/null; exit "$?"', "schema")
    assert code == 0
    assert "Traceback" not in err and err == ""


def test_closed_stdin_plain_play_stops_cleanly():
    code, out, err = shell('"$@" <&-', "play", "first-meeting", "--plain")
    assert code == 1  # stopped before the end, as at the end of any input
    assert "Traceback" not in err and "Stopped before the end." in out


def test_closed_stdin_app_says_why():
    code, out, err = shell('"$@" <&-')
    assert code == 1
    assert "the app needs a terminal, but standard input is closed" in one_line(err)


@pytest.mark.parametrize("args", [[], ["play", "first-meeting"]])
def test_the_app_with_stdin_not_a_terminal_says_so_instead_of_waiting(args):
    """</dev/null or a pipe: the app drew and waited for keys that never came."""
    code, out, err = shell('"$@" </dev/null', *args)
    assert code == 1
    line = one_line(err)
    assert "the app needs a terminal, but standard input is not one" in line
    assert "peer-sim play SCENARIO --plain" in line


def test_replay_in_the_app_with_stdin_not_a_terminal_says_so(tmp_path):
    from tests.records.conftest import load, path_to_ending

    env = {"PEER_SIM_DATA_DIR": str(tmp_path / "data")}
    numbers = ",".join(map(str, path_to_ending(load("first-meeting"))))
    code, _, err = shell('"$@" >/dev/null', "play", "first-meeting", "--choices", numbers, env=env)
    assert code == 0, err
    file = tmp_path / "run.json"
    code, _, err = shell('"$@"', "export", "last", "--format", "json", "-o", str(file), env=env)
    assert code == 0, err
    code, out, err = shell('"$@" </dev/null', "replay", str(file), env=env)
    assert code == 2
    assert "peer-sim replay FILE --plain" in one_line(err)


def test_new_in_a_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    script = as_a_user()
    code, out, err = shell(script, "new", "first-visit", cwd=folder)
    assert code == 1
    line = one_line(err)
    assert line == "peer-sim: cannot write first-visit.toml: the folder is read-only"
    assert not (folder / "first-visit.toml").exists()


LOCALES = [
    {"LANG": "C", "LC_ALL": ""},
    {"LC_ALL": "POSIX"},
    {"LC_ALL": "C", "PYTHONIOENCODING": "latin-1"},
    {"LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
    {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
]


@pytest.fixture(scope="module")
def latin1(tmp_path_factory) -> dict[str, str]:
    """A real ISO-8859-1 locale, compiled into a temporary LOCPATH (skipped where we cannot)."""
    where = tmp_path_factory.mktemp("locale")
    made = (
        subprocess.run(
            ["localedef", "-i", "en_US", "-f", "ISO-8859-1", str(where / "en_US.ISO-8859-1")],
            capture_output=True,
            timeout=TIMEOUT,
        )
        if shutil.which("localedef")
        else None
    )
    if made is None or not (where / "en_US.ISO-8859-1").exists():
        pytest.skip("cannot compile a latin-1 locale here")
    return {"LOCPATH": str(where), "LC_ALL": "en_US.ISO-8859-1"}


@pytest.mark.parametrize("env", LOCALES, ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()))
def test_locales_that_are_not_utf8(env, tmp_path):
    out = run_everything(env, tmp_path)
    assert "first-meeting: " in out and "caf\\xe9-\\xff.toml" in out


def run_everything(env: dict[str, str], tmp_path: Path) -> str:
    """Commands that print content, names and problems: no traceback, the usual status."""
    # a file name that is not UTF-8 too: its bytes cannot be decoded in any of them
    (tmp_path / os.fsdecode(b"caf\xe9-\xff.toml")).write_text("format = 1\n", encoding="utf-8")
    for args, status in (
        (["play", "first-meeting", "--choices", "1,1,1"], 1),
        (["principles"], 0),
        (["check", str(tmp_path)], 1),
        (["list", "scenarios", str(tmp_path)], 1),
    ):
        code, out, err = shell('"$@"', *args, env=env)
        assert "Traceback" not in err, (args, err)
        assert code == status, (args, code, err)
    return out


def test_a_real_latin1_locale(latin1, tmp_path):
    # every byte is a latin-1 character: the odd name is shown as the locale spells it
    assert "first-meeting: " in run_everything(latin1, tmp_path)
    code, out, err = shell('"$@"', "play", "first-meeting", "--choices", "1", env=latin1)
    assert "Traceback" not in err and "Scenario: First Meeting" in out


# A real SIGINT, sent by the process to itself the moment a given module starts
# loading: deterministic where a timer racing the start-up would not be.
_INTERRUPT_AT = """
import os, signal, sys
# as in a terminal: started with SIGINT ignored (a job started with `&`), Python keeps it so
signal.signal(signal.SIGINT, signal.default_int_handler)
AT = sys.argv[1]
class Trip:
    def find_spec(self, name, path=None, target=None):
        if name == AT:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Trip())
sys.argv = ["peer-sim", "list"]
from sim.entry import main
sys.exit(main())
"""


@pytest.mark.parametrize("module", ["sim.cli", "argparse", "sim.problems", "sim.commands.listing"])
def test_ctrl_c_while_loading_ends_quietly_with_130(module: str) -> None:
    """Ctrl+C in the first tenth of a second printed a traceback from the import."""
    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_AT, module],
        capture_output=True,
        timeout=TIMEOUT,
        cwd=ROOT,
    )
    assert done.returncode == 130, done.stderr.decode()
    assert done.stderr.decode() == ""


def test_the_console_script_enters_through_the_quiet_entry() -> None:
    """The installed `peer-sim` script must call sim.entry, or the window reopens."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'peer-sim = "sim.entry:main"' in text


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["play", "--help"]])
@pytest.mark.parametrize("where", [">&-", ">/dev/full"])
def test_help_and_version_that_cannot_be_written_say_so(args, where):
    # argparse swallowed the failed write: nothing said, exit 0 (adversarial-6)
    if where == ">/dev/full" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    code, out, err = shell(f'"$@" {where}', *args)
    assert code == 1
    assert one_line(err).startswith("peer-sim: cannot write the output: ")


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_typed_bytes_a_strict_encoding_cannot_read_are_not_a_crash(encoding):
    # PYTHONIOENCODING makes stdin strict: "unexpected error (UnicodeDecodeError)" before
    code, out, err = shell(
        "printf '\\n\\377\\376 caf\\303\\251 ok\\n1\\nq\\n' | \"$@\"",
        "play", "first-meeting", "--plain", "--own-words", "--no-record",
        env={"PYTHONIOENCODING": encoding},
    )  # fmt: skip
    assert "unexpected error" not in err and "Traceback" not in err, err
    assert "ok" in out.split("You wrote:", 1)[1].splitlines()[0], out


_KILLED_MID_WRITE = """
import os, signal, sys
from sim.commands import output_file
def fsync(fd):
    os.kill(os.getpid(), getattr(signal, sys.argv[2]))  # as if killed while the disk works
os.fsync = fsync
output_file.write_file(sys.argv[1], "x" * 100_000)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX signals")
@pytest.mark.parametrize("signame", ENDING)  # adv30: QUIT, USR1, ALRM... left it too
def test_an_output_file_killed_mid_write_leaves_no_partial_file(tmp_path, signame):
    # adversarial-6: `.NAME.PID.partial` stayed beside the file for good
    out = tmp_path / "all.md"
    out.write_text("the old export", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_MID_WRITE, str(out), signame],
        capture_output=True,
        timeout=TIMEOUT,
        cwd=ROOT,
    )
    import signal

    assert done.returncode == -getattr(signal, signame), done.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.md"]
    assert out.read_text(encoding="utf-8") == "the old export"


def test_o_dash_is_standard_output(tmp_path):
    code, out, err = shell('"$@"', "schema", "-o", "-", cwd=tmp_path)
    assert code == 0 and out.startswith("{") and not (tmp_path / "-").exists(), err


def test_o_to_a_writable_file_in_a_read_only_folder_says_why_and_what_to_do(tmp_path):
    # adversarial-6: "Permission denied" for a file one can write (the new copy goes beside
    # it first), and "No such file or directory" for /proc/version, which exists
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "out.json").write_text("old", encoding="utf-8")
    (folder / "out.json").chmod(0o666)
    folder.chmod(0o555)
    script = as_a_user()
    code, out, err = shell(script, "schema", "-o", "out.json", cwd=folder)
    assert code == 1
    line = one_line(err)
    assert "its folder . takes no new file (Permission denied)" in line and "> FILE" in line, line
    assert (folder / "out.json").read_text(encoding="utf-8") == "old"
    if Path("/proc/version").is_file():
        code, out, err = shell('"$@"', "schema", "-o", "/proc/version")
        # not "(No such file or directory)" alone, about a folder that is there
        said = "and /proc is part of the system's own view of itself (as /proc and /sys are)"
        assert code == 1 and said in one_line(err), err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32-le", "iso2022_jp", "utf-7"])
def test_an_encoding_that_spells_text_with_control_bytes_is_written_as_utf_8(
    encoding: str, tmp_path: Path
) -> None:
    """`PYTHONIOENCODING=utf-16` wrote NULs between the letters, and a title's U+1B5B went
    out as ESC [ (the gate works on characters; the encoding undid it). Such a stream is
    written as UTF-8: ASCII as itself, no control byte the gate did not leave."""
    from sim.commands.streams import ascii_safe

    assert not ascii_safe(encoding)
    source = (ROOT / "tests" / "tui" / "fixtures" / "library" / "talk.toml").read_text()
    title = source.split("title = ", 1)[1].split("\n", 1)[0]
    hostile = source.replace(title, '"Talk \u1b5b2J \u65e5\u672c"', 1)
    (tmp_path / "talk.toml").write_text(hostile, encoding="utf-8")
    done = subprocess.run(
        [*PEER_SIM, "list", "--scenarios", str(tmp_path)],
        capture_output=True,
        timeout=TIMEOUT,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert b"\x00" not in out and b"\x1b" not in out
    assert "Talk \u1b5b2J \u65e5\u672c" in out.decode("utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "ascii", "latin-1", "cp1252", "shift_jis", "euc-kr"])
def test_ascii_safe_encodings_are_kept(encoding: str) -> None:
    from sim.commands.streams import ascii_safe

    assert ascii_safe(encoding)


def test_o_with_a_slash_at_its_end_is_no_file_of_that_name(tmp_path):
    """`-o x.csv/` (a folder that is not there) wrote a file named x.csv: Python's Path
    drops the slash. It is refused as what it says, a folder; an existing folder keeps
    its own message."""
    from sim.commands.output_file import write_file

    why = write_file(str(tmp_path / "x.csv") + "/", "a,b\n")
    assert why is not None and "names a folder" in why
    assert not (tmp_path / "x.csv").exists()
    (tmp_path / "room").mkdir()
    why = write_file(str(tmp_path / "room") + "/", "a,b\n")
    assert why is not None and "it is a folder" in why
    assert write_file(str(tmp_path / "class.csv"), "a,b\n") is None

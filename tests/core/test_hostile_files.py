"""Hostile files beside a good one: each is named, none hides the good one, nothing hangs.

Every kind of file a scenarios folder can hold that is not a scenario (a FIFO,
a socket, links to devices or to nowhere, a link loop, an unreadable file, a
huge sparse file, numbers with thousands of digits, nesting deep enough to
exhaust recursion, names with escape sequences or undecodable bytes) is put
beside `good.toml`. `list`, `check`, `play --plain` and the app's loader
(`load_library`) must list the good scenario, name each bad file, print no
traceback and no control sequence, and come back (an alarm turns a hang into
a failure instead of a stuck suite).
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.cli import main
from sim.loading import bundled_dir, load_library
from sim.shell_words import shell_word
from sim.text import shown

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = (FIXTURES / "mini.toml").read_text(encoding="utf-8")
HANG_SECONDS = 60  # far beyond any real run: only a hang reaches it


@contextlib.contextmanager
def no_hang(seconds: int = HANG_SECONDS) -> Iterator[None]:
    def stuck(signum, frame):  # pragma: no cover - only when something hangs
        raise AssertionError(f"still running after {seconds} s: a hostile file hangs it")

    old = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# -- what a hostile entry can be ---------------------------------------------------


def _bytes(content: bytes):
    def make(path: Path) -> None:
        path.write_bytes(content)

    return make


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(os.fsencode(path))
    finally:
        sock.close()  # the socket file stays


def _link(target: str):
    def make(path: Path) -> None:
        os.symlink(target, path)

    return make


def _self_loop(path: Path) -> None:
    os.symlink(path.name, path)


def _unreadable(path: Path) -> None:
    path.write_text(GOOD.replace("format = 1", "format = 1\nbroken ="), encoding="utf-8")
    path.chmod(0)


def _huge(path: Path) -> None:
    with open(path, "wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: costs no disk


def _folder(path: Path) -> None:
    path.mkdir()


def _locked_folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.toml").write_text("format = 1\n", encoding="utf-8")
    path.chmod(0)


DEEP_KEY = ("format = 1\n" + ".".join(["a"] * 700) + ' = "x\\u001b"\n').encode()
HUGE_INT = ("format = 1\nminutes = " + "9" * 5000 + "\n").encode()
COLLIDING = GOOD + '\n[endings."go\\u0007od"]\ntitle = "x"\noutcome = "poor"\ntext = "x"\n'
KINDS = {
    "fifo": _fifo,
    "socket": _socket,
    "link-stdin": _link("/dev/stdin"),
    "link-zero": _link("/dev/zero"),
    "link-null": _link("/dev/null"),
    "link-tty": _link("/dev/tty"),
    "dangling": _link("nowhere/at/all.toml"),
    "loop": _self_loop,
    "unreadable": _unreadable,
    "huge": _huge,
    "folder": _folder,
    "locked-folder": _locked_folder,
    "huge-int": _bytes(HUGE_INT),
    "deep-key": _bytes(DEEP_KEY),
    "format-float": _bytes(GOOD.replace("format = 1", "format = 1.0").encode()),
    "control-in-name-collides": _bytes(COLLIDING.encode()),
    "not-utf8": _bytes(b'format = 1\ntitle = "\xff\xfe"\n'),
    "empty": _bytes(b""),
    "nul-bytes": _bytes(b"\x00" * 100),
}
HOSTILE_NAMES = [
    "\x1b]0;owned\x07title.toml",
    "\x1b]52;c;b3duZWQ=\x07clip.toml",
    "\x1b[2Jclear.toml",
    "\u202eevil\u202c.toml",
    "\x9b31mred.toml",
    "\udcff\udcfebytes.toml",
    "new\nline.toml",
]


def make_folder(root: Path, hostile: dict[str, object]) -> Path:
    folder = root / "lib"
    folder.mkdir(parents=True)
    (folder / "good.toml").write_text(GOOD, encoding="utf-8")
    for name, make in hostile.items():
        make(folder / name)  # type: ignore[operator]
    return folder


def run_main(argv: list[str], stdin: str = "") -> tuple[int, str]:
    """`peer-sim ARGV` in process: exit status and everything written."""
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin), out, err
    try:
        with no_hang():
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.stdin, sys.stdout, sys.stderr = old
    return code, out.getvalue() + err.getvalue()


def assert_safe(output: str) -> None:
    assert "Traceback" not in output
    assert shown(output, newlines=True) == output, "a control character reached the output"


def assert_all_named(folder: Path, output: str, names: list[str]) -> None:
    for name in names:
        assert shown(folder / name) in output, f"{name!r} is not named in:\n{output}"


def check_folder(folder: Path, bad: list[str]) -> None:
    code, out = run_main(["list", str(folder)])
    assert_safe(out)
    assert "\ngood: " in "\n" + out, out
    assert_all_named(folder, out, bad)
    assert code == 1

    code, out = run_main(["check", str(folder)])
    assert_safe(out)
    assert_all_named(folder, out, bad)
    assert f"{folder / 'good.toml'}:" not in out.replace(str(folder / "good.toml") + ": ", ""), out

    code, out = run_main(["--scenarios", str(folder), "play", "good", "--choices", "1"])
    assert_safe(out)
    assert code in (0, 1) and "Mini" in out or "mini" in out.lower(), out

    with no_hang():
        library = load_library([folder])
    assert [s.id for s in library.scenarios] == ["good"]
    broken = {str(b.path) for b in library.broken}
    for name in bad:
        assert str(folder / name) in broken
    # the app lists through the index (cold, then warm from the cache): the same answer
    from sim.loading.index import list_library

    for _ in range(2):
        with no_hang():
            listed = list_library([folder]).library
        assert [s.id for s in listed.scenarios] == ["good"]
        assert {str(b.path) for b in listed.broken} >= {str(folder / n) for n in bad}
    # the app's library: the bundled scenarios, then the folder
    with no_hang():
        both = load_library([bundled_dir(), folder])
    bundled = load_library([bundled_dir()])
    assert {s.id for s in both.scenarios} == {s.id for s in bundled.scenarios} | {"good"}


def test_every_kind_beside_a_good_file(tmp_path):
    folder = make_folder(tmp_path, {f"{kind}.toml": make for kind, make in KINDS.items()})
    # an ordinary folder named x.toml is searched like any other
    bad = [f"{kind}.toml" for kind in KINDS if kind != "folder"]
    if os.geteuid() == 0:  # root reads anything: the locked folder's file is read
        bad = [b for b in bad if b != "locked-folder.toml"]
    check_folder(folder, bad)


def test_hostile_names_are_named_and_shown_escaped(tmp_path):
    folder = make_folder(tmp_path, {name: _bytes(GOOD.encode()) for name in HOSTILE_NAMES})
    check_folder(folder, HOSTILE_NAMES)


@pytest.mark.parametrize("kind", ["fifo", "link-stdin", "loop", "socket", "huge", "deep-key"])
def test_play_plain_names_the_file(tmp_path, kind):
    folder = make_folder(tmp_path, {"bad.toml": KINDS[kind]})
    code, out = run_main(["play", str(folder / "bad.toml"), "--plain"])
    assert code == 1
    assert_safe(out)
    assert f"{folder / 'bad.toml'}" in out and "error: " in out


def test_a_hostile_principles_file_hides_nothing(tmp_path):
    for name, content in (("deep", DEEP_KEY), ("int", HUGE_INT)):
        folder = make_folder(tmp_path / name, {"principles.toml": _bytes(content)})
        code, out = run_main(["list", str(folder)])
        assert_safe(out)
        assert "good: " in out and "principles.toml" in out
        code, out = run_main(["check", str(folder)])
        assert_safe(out)
        assert "principles.toml" in out
        library = load_library([folder])
        assert [s.id for s in library.scenarios] == ["good"]


def test_a_fifo_principles_file_is_reported_not_read(tmp_path):
    folder = make_folder(tmp_path, {"principles.toml": _fifo})
    code, out = run_main(["list", str(folder)])
    assert "good: " in out and "principles.toml: error: this is a named pipe" in out


def test_a_folder_named_principles_toml_is_told_the_way_out(tmp_path):
    # "this is a folder, not a principle catalogue file" and no hint, where a FIFO got one
    folder = make_folder(tmp_path, {"principles.toml": Path.mkdir})
    for argv in (["list", str(folder)], ["check", str(folder)], ["principles", str(folder)]):
        code, out = run_main(argv)
        assert_safe(out)
        assert "principles.toml: error: this is a folder" in out, out
        assert "(rename or move the folder: a catalogue is one file" in out, out


def test_the_done_case_from_the_command_line(tmp_path):
    """The issue's bar, as a user runs it: a real process, stdin a terminal-less pipe."""
    kinds = {f"{k}.toml": make for k, make in KINDS.items() if k not in ("folder", "locked-folder")}
    folder = make_folder(tmp_path, {**kinds, HOSTILE_NAMES[0]: _bytes(b"x")})
    done = subprocess.run(
        [sys.executable, "-m", "sim", "list", str(folder)],
        capture_output=True,
        timeout=HANG_SECONDS,
        stdin=subprocess.PIPE,
    )
    out = (done.stdout + done.stderr).decode("utf-8", "replace")
    assert done.returncode == 1
    assert "Traceback" not in out and b"\x1b" not in done.stdout + done.stderr
    assert out.startswith("good: ")
    assert_all_named(folder, out, [*kinds, HOSTILE_NAMES[0]])


# -- hypothesis: hostile bytes, names and special files ------------------------------

names = st.text(
    st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",))
    | st.sampled_from(["\x1b", "\x9b", "\u202e", "\x07", "\n", "\udcff", "\udc80"]),
    min_size=1,
    max_size=30,
).filter(lambda n: not n.startswith(".") and len(os.fsencode(n + ".toml")) < 200)
contents = st.one_of(
    st.binary(max_size=300),
    st.sampled_from([DEEP_KEY, HUGE_INT, COLLIDING.encode()]),
    st.builds(
        lambda cut, junk: (GOOD[:cut] + junk + GOOD[cut:]).encode("utf-8", "surrogatepass"),
        st.integers(0, len(GOOD)),
        st.text(max_size=20),
    ),
)
entries = st.one_of(
    contents.map(_bytes),
    st.sampled_from(
        [KINDS[k] for k in KINDS if k not in ("huge-int", "deep-key", "format-float", "empty")]
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(names, entries, min_size=1, max_size=3), st.one_of(st.none(), contents))
def test_hypothesis_hostile_folder(hostile, principles):
    with tempfile.TemporaryDirectory() as root:
        files = {f"{n}.toml": make for n, make in hostile.items() if f"{n}.toml" != "good.toml"}
        if principles is not None:
            files["principles.toml"] = _bytes(principles)
        folder = make_folder(Path(root), files)
        try:
            code, out = run_main(["list", str(folder)])
            assert_safe(out)
            assert "good: " in out
            for name in files:
                path, stem = folder / name, Path(name).stem
                if name == "principles.toml" or (path.is_dir() and not path.is_symlink()):
                    continue  # a folder's files are listed, not the folder
                # an id no file name should give is listed quoted, so its edges show
                listed = (f"{shown(stem)}: ", f"'{shown(stem)}': ", f"{shell_word(stem)}: ")
                assert shown(path) in out or any(x in out for x in listed), (name, out)
            code, out = run_main(["check", str(folder)])
            assert_safe(out)
            with no_hang():
                library = load_library([folder])
            assert "good" in [s.id for s in library.scenarios]
            for name in files:
                code, out = run_main(["play", str(folder / name), "--plain", "--choices", "1"])
                assert_safe(out)
        finally:
            for path in Path(root).rglob("*"):
                with contextlib.suppress(OSError):
                    if not path.is_symlink():
                        path.chmod(0o700)


def test_each_open_failure_is_a_sentence(tmp_path):
    """Permission errors cannot be staged as root (CI runs as root), so the wording is checked here."""
    import errno

    from sim.loading.files import unreadable

    path = tmp_path / "x.toml"
    for code, words in (
        (errno.EACCES, "cannot be read (permission denied)"),
        (errno.EPERM, "cannot be read (permission denied)"),
        (errno.ELOOP, "loops back on itself"),
        (errno.ENOENT, "there is no such file"),
        (errno.ENAMETOOLONG, "too long"),
        (errno.EIO, "cannot be read (Input/output error)"),
    ):
        (problem,) = unreadable(path, OSError(code, os.strerror(code))).problems
        assert words in problem.message and problem.path == path


def test_new_refuses_a_link_in_the_way(tmp_path):
    """A link loop or a dangling link where NAME.toml would go: refused in one line, not followed."""
    (tmp_path / "loop.toml").symlink_to("loop.toml")
    (tmp_path / "dangling.toml").symlink_to("nowhere/at/all.toml")
    for name in ("loop", "dangling"):
        code, out = run_main(["new", str(tmp_path / name)])
        assert code == 1 and out.endswith(
            f"{name}.toml already exists; choose another name or move it first\n"
        )
        assert_safe(out)
    assert not (tmp_path / "nowhere").exists()


def test_list_offers_the_scenarios_folders_and_names_a_bad_one(tmp_path):
    """`peer-sim --scenarios DIR list` ignored DIR: a misspelt or odd folder went unsaid."""
    folder = make_folder(tmp_path, {"fifo.toml": _fifo})
    code, out = run_main(["--scenarios", str(folder), "list"])
    assert_safe(out)
    assert "\ngood: " in out and "first-meeting: " in out and shown(folder / "fifo.toml") in out
    code, out = run_main(["--scenarios", str(tmp_path / "no-such-folder"), "list"])
    assert code == 1 and "no-such-folder: error: there is no such file" in out


def test_a_file_name_that_is_not_utf8_is_called_that(tmp_path):
    folder = make_folder(tmp_path, {"\udcff\udcfebytes.toml": _bytes(GOOD.encode())})
    code, out = run_main(["check", str(folder)])
    assert_safe(out)
    said = "\\xff\\xfebytes.toml: error: the file name holds a byte that is not UTF-8 (0xFF) at"
    assert said in out, out


@pytest.mark.parametrize("name", ["", ".", "/", "./"])
def test_new_with_no_file_name_is_a_sentence(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    code, out = run_main(["new", name])
    assert code == 1 and "names no file: give the new scenario's id" in out, out
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("answer", ["\u00b2", "9" * 5000], ids=["superscript", "5000-digits"])
def test_a_choice_that_only_looks_like_a_number_is_asked_again(answer):
    code, out = run_main(["play", "first-meeting", "--plain", "--no-record"], stdin=answer + "\n")
    assert_safe(out)
    assert "Traceback" not in out and "unexpected error" not in out
    code, out = run_main(["play", "first-meeting", "--plain", "--no-record", "--choices", answer])
    assert code != 70 and "unexpected error" not in out, out
    complaints = [line for line in out.splitlines() if line.startswith("peer-sim: ")]
    assert complaints and all(len(line) < 400 for line in complaints), complaints


def test_a_broken_file_does_not_hide_a_good_one_with_its_id(tmp_path):
    """a/x.toml broken, b/x.toml good: `list` and the app offer b's scenario as x, and
    `play x` and `graph x` refused with a's mistake (adversarial-8)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.toml").write_text("[broken\n", encoding="utf-8")
    (tmp_path / "b" / "x.toml").write_text(GOOD, encoding="utf-8")
    code, out = run_main(["list", str(tmp_path)])
    assert "\nx: " in "\n" + out and "a/x.toml" in out, out
    for argv in (["play", "x", "--plain", "--no-record", "--choices", "1"], ["graph", "x"]):
        code, out = run_main(["--scenarios", str(tmp_path), *argv])
        assert_safe(out)
        assert "not valid TOML" not in out, (argv, out)
    (tmp_path / "b" / "x.toml").write_text("[broken too\n", encoding="utf-8")
    code, out = run_main(
        ["--scenarios", str(tmp_path), "graph", "x"]
    )  # none loads: the first says why
    assert code == 1 and "a/x.toml:1" in out, out

"""The app closing at awkward moments: while it is still mounting, on a signal that
came before it could handle one, and under `peer-sim serve` when the server goes.

Found by the fifth adversarial pass (plan/adversarial-5.md): each left a traceback,
a terminal in raw mode, or a process holding a run nobody could resume.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from sim.cli import main
from sim.tui import terminal
from sim.tui.app import PeerSimApp
from tests.tui.helpers import LIBRARY, until

ROOT = Path(__file__).resolve().parents[2]
WEB = "textual.drivers.web_driver:WebDriver"


class ClosesAtMount(PeerSimApp):
    """Asks to close as it mounts, before the library screen has mounted."""

    CSS_PATH = ROOT / "sim" / "tui" / "app.tcss"  # a subclass resolves it beside its module

    def on_mount(self) -> None:
        super().on_mount()
        self.exit(return_code=143)


async def test_closing_while_the_library_mounts_is_a_clean_exit() -> None:
    # A signal, a closed tab or ctrl+q in the first half second: the library's
    # on_mount found its widgets gone, and Textual printed NoMatches' traceback, exit 1.
    app = ClosesAtMount(library_paths=[LIBRARY])
    app.animation_level = "none"
    await app.run_async(headless=True, size=(80, 24))
    assert app.return_code == 143


async def test_a_signal_held_while_starting_closes_the_app_once_it_can() -> None:
    # SIGTERM between Textual entering raw mode and the app's handlers (at mount)
    # killed the process with the shell left in raw mode.
    release = terminal.hold_signals()
    try:
        os.kill(os.getpid(), signal.SIGUSR2)
        assert terminal._held == [signal.SIGUSR2]
        app = PeerSimApp(library_paths=[LIBRARY])
        app.animation_level = "none"
        async with app.run_test(size=(80, 24)):
            app._restore_terminal_on_signals()  # what mount does outside tests
        assert app.return_code == 128 + signal.SIGUSR2
        assert terminal._held == []
    finally:
        terminal._held.clear()  # never re-send it to the test process
        release()
    assert signal.getsignal(signal.SIGUSR2) == signal.SIG_DFL


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and asyncio's wake-up socket")
async def test_a_signal_while_a_burst_of_keys_fills_the_loop_s_wake_up_socket_closes_the_app():
    # Textual's input thread wakes the event loop with a byte on asyncio's wake-up
    # socket for every key; 5,000 characters in one write filled it, and asyncio hears
    # of a signal only by its byte there: a SIGTERM sent then was lost, the app ran on
    # (adversarial-35, tmux). The socket filled here as the burst filled it.
    import asyncio

    release = terminal.hold_signals()
    try:
        app = PeerSimApp(library_paths=[LIBRARY])
        app.animation_level = "none"
        async with app.run_test(size=(80, 24)):
            app._restore_terminal_on_signals()  # what mount does outside tests
            wake = asyncio.get_running_loop()._csock  # type: ignore[attr-defined]
            with pytest.raises(BlockingIOError):
                for _ in range(100_000):
                    wake.send(b"\0" * 64)
            os.kill(os.getpid(), signal.SIGUSR2)
            await until(lambda: app._exit)  # it waits up to 2 s for the keys read to be taken
        assert app.return_code == 128 + signal.SIGUSR2
    finally:
        terminal._held.clear()  # never re-send it to the test process
        release()
    assert signal.getsignal(signal.SIGUSR2) == signal.SIG_DFL


def test_the_web_driver_is_refused_outside_a_web_server(monkeypatch, capsys, tmp_path) -> None:
    # In a terminal it wrote its packets on the screen and left the alternate screen
    # on; with standard input from a file it died in Textual's traceback.
    monkeypatch.setenv("TEXTUAL_DRIVER", WEB)
    stdin = tmp_path / "keys"
    stdin.write_text("q\n")
    with stdin.open() as fake:
        monkeypatch.setattr(sys, "__stdin__", fake)
        assert main([]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "web driver" in err and "standard input is a file" in err and "unset it" in err


def _packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


@pytest.mark.skipif(sys.platform == "win32", reason="textual-serve's pipes are POSIX here")
def test_a_served_tab_ends_when_its_server_goes(tmp_path) -> None:
    # As textual-serve starts a tab. When the server died without saying "quit",
    # the tab's input ended and the app ran on for ever, owning its run.
    pytest.importorskip("textual_serve")
    env = dict(os.environ, TEXTUAL_DRIVER=WEB, COLUMNS="80", ROWS="24")
    tab = subprocess.Popen(
        [sys.executable, "-m", "sim", "--ask-trainee", "--data-dir", str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    try:
        assert tab.stdin is not None and tab.stdout is not None
        tab.stdin.write(
            _packet(b"M", json.dumps({"type": "resize", "width": 80, "height": 24}).encode())
        )
        tab.stdin.flush()
        assert tab.stdout.read(12) == b"__GANGLION__"  # the app has started drawing
        tab.stdin.close()  # the server is gone
        code = tab.wait(timeout=60)
    finally:
        if tab.poll() is None:
            tab.kill()
            tab.wait()
    err = tab.stderr.read().decode(errors="replace") if tab.stderr else ""
    assert code == 0 and "Traceback" not in err, err


def _on_pty(rows: int, cols: int, env: dict[str, str]) -> tuple[subprocess.Popen, int, int]:
    """`python -m sim` in a new pty of `rows` x `cols`: the app, the pty's master and slave."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    app = subprocess.Popen(
        [sys.executable, "-m", "sim"],
        stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, start_new_session=True,
        env={**os.environ, "TERM": "xterm-256color", **env},
    )  # fmt: skip
    return app, master, slave


def _drain(master: int, seconds: float) -> bytes:
    """What the app drew in the next `seconds` (read, so the pty never fills)."""
    import select
    import time

    seen, deadline = b"", time.monotonic() + seconds
    while time.monotonic() < deadline:
        if select.select([master], [], [], 0.1)[0]:
            try:
                seen += os.read(master, 65536)
            except OSError:  # EIO: the app exited and closed the pty, nothing more to read
                break
    return seen


def _until(master: int, *words: bytes, seconds: float = 60, every: float = 0.5) -> bytes:
    """What the app drew until one of `words` shows (at most `seconds`: a full suite on a
    busy machine is slow to start the app, never minutes)."""
    import time

    seen, deadline = b"", time.monotonic() + seconds
    while not any(w in seen for w in words):
        assert time.monotonic() < deadline, seen[-2000:]
        seen += _drain(master, every)
    return seen


def _ended(app: subprocess.Popen, master: int, seconds: float = 30) -> tuple[int | None, bytes]:
    """The app's exit status once it ends (None if not within `seconds`) and what it drew
    meanwhile: read as it closes, so a pty full of unread frames never stalls its goodbye."""
    import time

    seen, deadline = b"", time.monotonic() + seconds
    while app.poll() is None and time.monotonic() < deadline:
        seen += _drain(master, 0.2)
    return app.poll(), seen + _drain(master, 0.2)


def _dirs(tmp_path: Path) -> dict[str, str]:
    """Records and settings of the test's own, not the user's."""
    return {
        "PEER_SIM_DATA_DIR": str(tmp_path / "data"),
        "PEER_SIM_CONFIG_DIR": str(tmp_path / "config"),
    }


def _quit(app: subprocess.Popen, master: int) -> None:
    """ctrl+q, again every 2 s: the first can arrive before the app reads keys (a full
    suite on a busy machine lost it and a test waited out its 30 s)."""
    for _ in range(15):
        os.write(master, b"\x11")
        try:
            assert app.wait(timeout=2) == 0
            return
        except subprocess.TimeoutExpired:
            _drain(master, 0.1)  # keep the pty from filling
    raise AssertionError("ctrl+q did not quit the app in 30 s")


def _stop(app: subprocess.Popen, *fds: int) -> None:
    for fd in fds:
        os.close(fd)
    if app.poll() is None:
        app.kill()
        app.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pty hung up as Linux does")
@pytest.mark.parametrize("unread", [False, True])
def test_the_app_ends_when_its_terminal_goes_away(unread) -> None:
    # A closed window or a killed tmux, with no SIGHUP to the app: Textual's input
    # thread read end-of-file in a loop for ever (50-70% CPU, never exiting). With
    # output left unread first, closing then stalled on the writer's full queue.
    app, master, slave = _on_pty(24, 80, {})
    os.close(slave)
    try:
        seen = b""
        while b"Scenarios" not in seen:
            seen += os.read(master, 65536)  # the library is drawn
        if unread:
            for _ in range(200):
                os.write(master, b"\x1b[B\x1b[A?\x1b")  # keys whose answers nobody reads
        os.close(master)  # the terminal is gone; nobody sends SIGHUP
        master = -1
        assert app.wait(timeout=60) == 128 + signal.SIGHUP
    finally:
        _stop(app, *([master] if master >= 0 else []))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pty sized as Linux does")
def test_the_app_takes_the_terminal_s_size_not_a_stale_columns(tmp_path) -> None:
    # An exported COLUMNS=40 LINES=12 held the app at 40x12 in a 100x30 window: "This window
    # is too small ... It is 40x12", whatever the window's size (adversarial-7)
    app, master, slave = _on_pty(30, 100, {"COLUMNS": "40", "LINES": "12", **_dirs(tmp_path)})
    os.close(slave)
    try:
        seen = _until(master, b"Scenarios", b"too small", every=1)
        assert b"too small" not in seen
        _quit(app, master)
    finally:
        _stop(app, master)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pty as Linux has it")
def test_stopped_and_continued_the_app_keeps_one_terminal_session(tmp_path) -> None:
    # Each SIGCONT restarted Textual's terminal mode though no SIGTSTP had given it up
    # (a SIGSTOP cannot be caught): a second key reader split pastes and lost keys, and
    # on quitting the terminal was left in raw mode, its "before" taken while raw.
    import random
    import termios
    import time

    app, master, slave = _on_pty(30, 100, _dirs(tmp_path))
    read_for = partial(_drain, master)

    try:
        _until(master, b"Scenarios")
        read_for(1.0)
        threads = len(os.listdir(f"/proc/{app.pid}/task"))
        for _ in range(3):
            app.send_signal(signal.SIGSTOP)
            time.sleep(0.2)
            app.send_signal(signal.SIGCONT)
            read_for(0.5)
        assert len(os.listdir(f"/proc/{app.pid}/task")) <= threads, "a reader more per SIGCONT"
        # a burst of stops and continues, ending with a continue: the app runs on. Handled
        # out of order (CPython runs SIGCONT's handler before SIGTSTP's when both are due,
        # and a stop asked before a continue was kept), it stopped itself for good.
        pick = random.Random(7)
        for _ in range(20):
            app.send_signal(signal.SIGTSTP)
            time.sleep(0.01)
            app.send_signal(signal.SIGCONT)
            app.send_signal(pick.choice([signal.SIGSTOP, signal.SIGTSTP, signal.SIGWINCH]))
            time.sleep(0.01)
        read_for(0.5)
        app.send_signal(signal.SIGCONT)
        read_for(1.5)
        with open(f"/proc/{app.pid}/stat") as stat:
            assert stat.read().rsplit(")", 1)[1].split()[0] != "T", "left stopped"
        _quit(app, master)
        lflag = termios.tcgetattr(slave)[3]
        assert lflag & termios.ICANON and lflag & termios.ECHO, "left in raw mode"
    finally:
        _stop(app, master, slave)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pty as Linux has it")
def test_back_from_a_stop_the_whole_screen_is_drawn_again(tmp_path) -> None:
    # ctrl+z or `kill -TSTP`, then `fg`: Textual's driver takes the terminal again in a
    # fresh alternate screen, but nothing repainted it, and the trainee came back to a
    # blank window until a key changed something (adversarial-10)
    import time

    app, master, slave = _on_pty(30, 100, _dirs(tmp_path))
    read_for = partial(_drain, master)
    try:
        _until(master, b"Scenarios")
        read_for(1.0)
        app.send_signal(signal.SIGTSTP)
        deadline = time.monotonic() + 30
        while True:  # the app gives the terminal back, then stops itself
            read_for(0.2)
            with open(f"/proc/{app.pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "T":
                    break
            assert time.monotonic() < deadline, "never stopped"
        app.send_signal(signal.SIGCONT)
        _until(master, b"Scenarios", seconds=30)  # drawn again
        _quit(app, master)
    finally:
        _stop(app, master, slave)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pty as Linux has it")
def test_bytes_that_are_not_utf8_from_the_terminal_are_no_crash(tmp_path) -> None:
    # Textual decoded the terminal's input as strict UTF-8: one byte of a Latin-1
    # terminal (é is 0xE9), an 8-bit CSI (0x9B) or a legacy paste killed the input
    # thread, and the app panicked with a traceback, the conversation gone (adversarial-10)
    app, master, slave = _on_pty(30, 100, _dirs(tmp_path))
    read_for = partial(_drain, master)
    try:
        _until(master, b"Scenarios")
        os.write(master, b"caf\xe9 \x9b31m \xff\xfe ok")
        seen = read_for(2.0)
        assert app.poll() is None, seen[-2000:]
        assert b"Traceback" not in seen and b"UnicodeDecodeError" not in seen
        _quit(app, master)
    finally:
        _stop(app, master, slave)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pty as Linux has one")
@pytest.mark.parametrize("errors", ["file", "devnull", "closed"])
def test_the_app_with_standard_error_sent_away_says_so_on_the_terminal(tmp_path, errors) -> None:
    """`peer-sim 2> errors.log` (or 2>/dev/null, /dev/full): the app draws on standard
    error, so it drew itself into the file and the terminal stayed blank, keys pressed at
    nothing (to /dev/full, ctrl+q did not even quit it); 2>&- ended it without a word."""
    import pty

    master, slave = pty.openpty()
    log = tmp_path / "errors.log"
    with open(log, "wb") as file:
        app = subprocess.Popen(
            [sys.executable, "-m", "sim", "play", "first-meeting"],
            stdin=slave, stdout=slave, cwd=ROOT, start_new_session=True,
            stderr={"file": file, "devnull": subprocess.DEVNULL, "closed": slave}[errors],
            preexec_fn=partial(os.close, 2) if errors == "closed" else None,
            env={**os.environ, "TERM": "xterm-256color", **_dirs(tmp_path)},
        )  # fmt: skip
    try:
        try:
            code = app.wait(timeout=60)
        except subprocess.TimeoutExpired:
            code = None
        seen = _drain(master, 0.5).decode(errors="replace")
        assert code == 1, f"still running or ended {code}; drew: {log.read_bytes()[:200]!r}"
        assert "the app draws on standard error" in seen and "--plain" in seen, seen
        assert "\x1b[" not in seen  # nothing of the app drawn on the terminal
        assert ("closed (2>&-)" in seen) is (errors == "closed"), seen
        if errors == "file":
            assert "the app draws on standard error" in log.read_text()
    finally:
        _stop(app, master, slave)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pty as Linux has one")
@pytest.mark.parametrize("sig", ["SIGALRM", "SIGXCPU", "SIGINT"])
def test_an_alarm_or_a_cpu_limit_closes_the_app_and_gives_the_terminal_back(tmp_path, sig):
    """With no handler these ended the process inside the alternate screen, mouse
    reporting on: the shell under it unusable until `reset` (adversarial-24). A bare
    `kill -INT` closed the app with status 0, as a quit does, not 130 (adv30b)."""
    number = getattr(signal, sig)
    app, master, slave = _on_pty(24, 80, _dirs(tmp_path))
    try:
        _until(master, b"Scenarios")
        app.send_signal(number)
        code, seen = _ended(app, master)
        assert code == 128 + number
        assert b"\x1b[?1049l" in seen and b"\x1b[?1000l" in seen, seen[-400:]
    finally:
        _stop(app, master, slave)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pty and /proc as Linux has")
@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_a_signal_that_comes_to_another_thread_of_the_app_still_closes_it(tmp_path, sig):
    """The kernel hands a signal sent to the process to any of its threads, mostly the
    main one; Python runs the handler in the main thread when that next runs Python
    code, and the app idle on the library slept on in the event loop's wait: a `kill`
    that came to Textual's input or writer thread went unheard (once in a loaded CI
    run: no exit in 30 s). Sent here to the first thread that is not the main one (`kill`
    with a thread's id hands the signal to that thread first)."""
    number = getattr(signal, sig)
    app, master, slave = _on_pty(24, 80, _dirs(tmp_path))
    try:
        _until(master, b"Scenarios")
        _drain(master, 0.5)  # drawn, idle: nothing else wakes the loop
        others = sorted(int(t) for t in os.listdir(f"/proc/{app.pid}/task") if int(t) != app.pid)
        assert others  # Textual's input and writer threads at least
        for tid in others:
            with contextlib.suppress(ProcessLookupError):  # that thread ended meanwhile
                os.kill(tid, number)
                break
        code, seen = _ended(app, master)
        assert code == 128 + number, f"still running after 30 s: {seen[-400:]!r}"
        assert b"\x1b[?1049l" in seen, seen[-400:]
    finally:
        _stop(app, master, slave)

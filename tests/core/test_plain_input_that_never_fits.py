"""Input to the plain player that never gives an answer that fits ends, saying so.

`yes | peer-sim play x --plain` asked again for ever (6,000 lines a second), and input
with no line break at all (`< /dev/zero`) was skipped for ever with nothing said. From a
script or a pipe, refused answers in a row end the run as `q` does; a person at a
terminal is asked again however often they mistype.
"""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

from sim.commands.play import GIVE_UP
from tests.core.test_hostile_files import assert_safe, run_main

ROOT = Path(__file__).resolve().parents[2]
MINI = Path(__file__).parent / "fixtures" / "mini.toml"
STOPPED = f"Stopped before the end: {GIVE_UP} answers in a row were not among the"


def test_a_pipe_of_answers_that_never_fit_ends_the_run() -> None:
    code, out = run_main(["play", str(MINI), "--plain"], stdin="x\n" * (GIVE_UP * 5))
    assert_safe(out)
    assert code == 1 and STOPPED in out, out[-600:]
    assert out.count("'x' is not one of the choices") == GIVE_UP


def test_a_fitting_answer_starts_the_count_again() -> None:
    script = ("x\n" * (GIVE_UP - 1) + "1\n") + "x\n" * (GIVE_UP - 1) + "q\n"
    code, out = run_main(["play", str(MINI), "--plain"], stdin=script)
    assert "You made it in." in out and "answers in a row" not in out, out[-600:]


def test_input_with_no_line_break_ends() -> None:
    with open("/dev/zero", "rb") as zeros:
        done = subprocess.run(
            [sys.executable, "-m", "sim", "play", str(MINI), "--plain"],
            stdin=zeros, capture_output=True, cwd=ROOT, timeout=300,
        )  # fmt: skip
    out = done.stdout.decode("utf-8", "replace")
    assert done.returncode == 1 and STOPPED in re.sub(r"\s+", " ", out), out[-600:]
    assert "\x00" not in out


def _read_until(master: int, words: bytes, seconds: float = 120) -> bytes:
    seen, deadline = b"", time.monotonic() + seconds
    while words not in seen:
        assert time.monotonic() < deadline, seen[-800:]
        if select.select([master], [], [], 0.1)[0]:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
    return seen


def test_a_person_at_a_terminal_is_asked_again_however_often(tmp_path: Path) -> None:
    master, slave = pty.openpty()
    env = {**os.environ, "PEER_SIM_CONFIG_DIR": str(tmp_path / "c")}
    app = subprocess.Popen(
        [sys.executable, "-m", "sim", "play", str(MINI), "--plain"],
        stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    try:
        _read_until(master, b"Your choice")
        for n in range(GIVE_UP + 5):
            os.write(master, b"x\n")
            seen = _read_until(master, b"is not one of")
            assert b"in a row" not in seen, n
        os.write(master, b"1\n")
        seen = _read_until(master, b"You made it in.")
        assert b"in a row" not in seen and app.poll() is None
    finally:
        app.kill()
        app.wait(10)
        os.close(master)

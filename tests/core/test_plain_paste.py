"""A paragraph pasted at the plain player's own-words prompt is one answer, not several.

A terminal hands a program one line per read: the paste's later lines answered the
prompts after it, and a line "2" picked choice 2 unasked (adversarial-9). Played on
a real pseudo-terminal, as a screen-reader user's terminal would send it.
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

from sim.commands.play import pasted_rest

ROOT = Path(__file__).resolve().parents[2]
TALK = ROOT / "tests" / "tui" / "fixtures" / "library" / "talk.toml"


def _read_until(master: int, words: bytes, seconds: float = 60) -> bytes:
    seen, deadline = b"", time.monotonic() + seconds
    while words not in seen:
        assert time.monotonic() < deadline, seen[-800:]
        if select.select([master], [], [], 0.1)[0]:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
    return seen


def _player(tmp_path: Path, *options: str) -> tuple[subprocess.Popen, int]:
    """The plain player on TALK on a real pseudo-terminal: the process and the terminal's end."""
    master, slave = pty.openpty()
    env = {
        **os.environ,
        "PEER_SIM_DATA_DIR": str(tmp_path / "d"),
        "PEER_SIM_CONFIG_DIR": str(tmp_path / "c"),
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "sim", "play", str(TALK), "--plain", *options],
        stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    return app, master


def _after_paste(tmp_path: Path, paste: bytes) -> str:
    """The plain player's screen from a paste at the first own-words prompt to the choice
    prompt, spaces folded; asserts nothing was picked and the player still waits."""
    app, master = _player(tmp_path, "--own-words")
    try:
        seen = _read_until(master, b"to begin")
        os.write(master, b"\n")
        seen = _read_until(master, b"In your own words")
        os.write(master, paste)  # one paste
        seen = _read_until(master, b"Your choice")
        time.sleep(0.5)  # nothing was picked: the choice prompt still waits
        if select.select([master], [], [], 0.2)[0]:
            seen += os.read(master, 65536)
        text = re.sub(r"\s+", " ", seen.decode("utf-8", "replace"))
        assert "You said" not in text and "not one of the choices" not in text, text[-800:]
        assert text.count("Your choice") == 1, text[-800:]
        assert app.poll() is None
        return text
    finally:
        app.kill()
        app.wait(10)
        os.close(master)


def test_a_pasted_paragraph_is_one_answer_and_picks_nothing(tmp_path: Path) -> None:
    text = _after_paste(tmp_path, b"It sounds like a lot.\nWhat helps?\n2\n")
    assert "You wrote: “It sounds like a lot. What helps? 2”" in text


def test_a_paste_longer_than_an_answer_keeps_is_read_to_its_end(tmp_path: Path) -> None:
    """Lines past the ones an answer keeps were left waiting, and answered the prompts
    after it: the 121st line of a 150-line paste, "2", picked line 2 (adversarial-10)."""
    lines = [f"line {n} I hear you" for n in range(150)]
    lines[120] = "2"
    text = _after_paste(tmp_path, ("\n".join(lines) + "\n").encode())
    wrote = text[text.index("You wrote") :]  # the terminal echoed the paste whole before it
    assert "line 99 I hear you" in wrote and "line 149" not in wrote


def test_not_a_terminal_each_line_is_its_own_answer() -> None:
    import io

    assert pasted_rest(io.StringIO("2\n3\n")) == []


def test_a_paste_at_a_choice_prompt_is_one_answer_and_picks_nothing(tmp_path: Path) -> None:
    """Without own words, "I hear you" then "2" pasted at "Your choice": the first line
    was refused and the "2" picked line 2 unasked (trainee20). The paste is one answer,
    refused whole, and the same prompt asks again."""
    app, master = _player(tmp_path)
    try:
        _read_until(master, b"to begin")
        os.write(master, b"\n")
        _read_until(master, b"Your choice")
        os.write(master, b"I hear you\n2\n")  # one paste
        seen = _read_until(master, b"Your choice")  # asked again
        time.sleep(0.5)
        if select.select([master], [], [], 0.2)[0]:
            seen += os.read(master, 65536)
        text = re.sub(r"\s+", " ", seen.decode("utf-8", "replace"))
        assert "You:" not in text and "Coach note" not in text, text[-800:]  # nothing said
        assert "'I hear you 2' is not one of the choices" in text, text[-800:]
        assert app.poll() is None
    finally:
        app.kill()
        app.wait(10)
        os.close(master)

"""A plain run told to stop (SIGTERM) or whose terminal closes (SIGHUP) says what was kept.

Ended by the signals' default action the player left only the shell's "Terminated":
the run was saved after its last move, and nothing said so or how to resume it.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sim.ending_signals import ENDING
from sim.records import Store

ROOT = Path(__file__).resolve().parents[2]
PROMPT = "Your choice (1 to 3, u to undo"  # the second decision's prompt: a move was made


def _read_until(child: subprocess.Popen, text: str, limit: float = 60) -> str:
    """Standard output until `text` appears (at most `limit` seconds)."""
    assert child.stdout is not None
    seen = b""
    with selectors.DefaultSelector() as sel:
        sel.register(child.stdout, selectors.EVENT_READ)
        end = time.monotonic() + limit
        while text.encode() not in seen and time.monotonic() < end:
            if sel.select(timeout=0.5):
                chunk = os.read(child.stdout.fileno(), 65536)
                if not chunk:
                    break
                seen += chunk
    assert text.encode() in seen, seen.decode(errors="replace")[-500:]
    return seen.decode()


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize(
    ("signame", "words"),
    [("SIGHUP", "the terminal closed")]
    # ctrl+\ (SIGQUIT), kill -USR1, timeout -s ALRM...: the shell's "Quit (core dumped)"
    # and nothing about the run kept (adv30); every signal the app closes on
    + [(name, "told to stop") for name in ENDING if name != "SIGHUP"],
)
def test_a_stopped_plain_run_says_it_was_saved_and_is_offered_again(records_dir, signame, words):
    child = subprocess.Popen(
        [sys.executable, "-m", "sim", "play", "first-meeting", "--plain"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    assert child.stdin is not None
    for answer, then in ((b"\n", "Your choice (1 to 3, q to quit)"), (b"2\n", PROMPT)):
        child.stdin.write(answer)  # past the opening, then the second line
        child.stdin.flush()
        _read_until(child, then)
    child.send_signal(getattr(signal, signame))
    out, err = child.communicate(timeout=60)
    assert child.returncode == 128 + getattr(signal, signame), err.decode()
    text = out.decode()
    assert f"Stopped before the end ({words})." in text
    assert "Saved unfinished: the next peer-sim play of this scenario offers to resume it." in text
    assert b"Traceback" not in err
    left = Store.open(records_dir).unfinished()  # released: offered at the next start
    assert len(left) == 1 and left[0].choices_made == 1


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
def test_stopped_at_the_question_about_several_runs_left_off_says_each_is_kept(records_dir):
    # it said "The unfinished run is still there" of two runs
    from sim.loading import bundled_dir, load_scenario
    from tests.tui.monkey import leave_off

    scenario = load_scenario(bundled_dir() / "first-meeting.toml")
    assert leave_off(scenario) and leave_off(scenario)
    child = subprocess.Popen(
        [sys.executable, "-m", "sim", "play", "first-meeting", "--plain"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    _read_until(child, "Resume one?")
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 128 + signal.SIGTERM, err.decode()
    assert "Stopped. The unfinished runs are still there to resume next time." in out.decode()
    assert b"Traceback" not in err
    assert len(Store.open(records_dir).unfinished()) == 2

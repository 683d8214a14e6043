"""Every signal the app closes on (sim.tui.terminal.ENDING: SIGTERM, SIGHUP, SIGQUIT, SIGUSR1/2,
SIGALRM, SIGXCPU) leaves the terminal as the app found it (checked in tmux).

    python benchmarks/tui_signals.py          # needs tmux

For each signal: start `peer-sim` in a fresh tmux pane, wait for the library,
send the signal to the app's process, then read the pane's state from tmux
(alternate screen, mouse reporting, cursor shown) and the tty's settings with
`stty -g` before and after (raw or cooked mode). Prints one line per signal and
exits 1 if any left the terminal changed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEER_SIM = os.path.join(ROOT, ".venv", "bin", "peer-sim")
STATE = "alt=#{alternate_on} mouse=#{mouse_any_flag}#{mouse_standard_flag}#{mouse_sgr_flag} cursor=#{cursor_flag}"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def read(path: str) -> str:
    with open(path) as f:
        return f.read()


def wait_for(test, seconds: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if test():
            return True
        time.sleep(0.1)
    return False


def trial(sig: signal.Signals, work: str) -> bool:
    session = f"peer-sim-signal-{os.getpid()}"
    pidfile, before, after, status = (
        os.path.join(work, n) for n in ("pid", "before", "after", "status")
    )
    script = f"stty -g > {before}; echo $$ > {pidfile}; PEER_SIM_CONFIG_DIR={work} exec {PEER_SIM}"
    # the pane runs a shell that records the tty, then becomes peer-sim; a second
    # shell in the pane afterwards records the tty again
    tmux(
        "new-session",
        "-d",
        "-s",
        session,
        "-x",
        "100",
        "-y",
        "30",
        f"bash -c '{script}'; echo $? > {status}; stty -g > {after}; sleep 30",
    )
    try:
        if not wait_for(lambda: "Scenarios" in tmux("capture-pane", "-p", "-t", session)):
            print(f"{sig.name}: the library never appeared")
            return False
        running = tmux("display", "-p", "-t", session, STATE).strip()
        pid = int(read(pidfile))
        os.kill(pid, sig)
        if not wait_for(lambda: os.path.exists(after) and os.path.getsize(after) > 0):
            print(f"{sig.name}: the app did not exit")
            return False
        state = tmux("display", "-p", "-t", session, STATE).strip()
        same_tty = read(before) == read(after)
        code = read(status).strip()
        ok = state == "alt=0 mouse=000 cursor=1" and same_tty
        print(
            f"{sig.name}: while running {running}; after exit {state}, "
            f"tty settings {'as before' if same_tty else 'CHANGED'}, exit status {code}: "
            f"{'restored' if ok else 'NOT RESTORED'}"
        )
        return ok
    finally:
        tmux("kill-session", "-t", session)


def main() -> int:
    if not shutil.which("tmux"):
        print("tmux is needed")
        return 2
    results = []
    import sys

    sys.path.insert(0, ROOT)
    from sim.tui.terminal import ENDING

    for sig in (getattr(signal, name) for name in ENDING if hasattr(signal, name)):
        with tempfile.TemporaryDirectory() as work:
            results.append(trial(sig, work))
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Every signal the app closes on (sim.tui.terminal.ENDING: SIGTERM, SIGHUP, SIGQUIT, SIGUSR1/2,
SIGALRM, SIGXCPU) leaves the terminal as the app found it (checked in tmux).

    python benchmarks/tui_signals.py            # needs tmux
    python benchmarks/tui_signals.py --in-play  # mid-conversation, one line chosen

For each signal: start `peer-sim` in a fresh tmux pane, wait for the library,
(with --in-play: open the first scenario and choose a line,) send the signal to
the app's process, then read the pane's state from tmux (alternate screen, mouse
reporting, cursor shown) and the tty's settings with `stty -g` before and after
(raw or cooked mode); with --in-play also whether `peer-sim runs` lists the run
as resumable with its one choice. Prints one line per signal and exits 1 if any
left the terminal changed or lost the run.
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


def choose_a_line(session: str) -> bool:
    """From the library: the first scenario, past its content notes and opening, one line."""
    for key in ("Enter", "Enter", "Space", "Space"):
        tmux("send-keys", "-t", session, key)
        time.sleep(0.8)
    tmux("send-keys", "-t", session, "1")
    return wait_for(lambda: "You" in tmux("capture-pane", "-p", "-t", session))


def run_kept(work: str) -> str:
    """What `peer-sim runs` says of the run the app was playing."""
    done = subprocess.run(
        [PEER_SIM, "--data-dir", os.path.join(work, "data"), "runs"],
        capture_output=True,
        text=True,
        check=False,
    )
    last = done.stdout.strip().splitlines()[-1:] or [done.stderr.strip()]
    return " ".join(last[0].split()[4:])


def trial(sig: signal.Signals, work: str, in_play: bool = False) -> bool:
    session = f"peer-sim-signal-{os.getpid()}"
    pidfile, before, after, status = (
        os.path.join(work, n) for n in ("pid", "before", "after", "status")
    )
    data = os.path.join(work, "data")
    script = (
        f"stty -g > {before}; echo $$ > {pidfile}; PEER_SIM_CONFIG_DIR={work} "
        f"PEER_SIM_DATA_DIR={data} exec {PEER_SIM}"
    )
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
        if in_play and not choose_a_line(session):
            print(f"{sig.name}: no line could be chosen")
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
        kept = ""
        if in_play:
            said = run_kept(work)
            ok = ok and "after 1 choice (resumable)" in said
            kept = f"; the run: {said}"
        print(
            f"{sig.name}: while running {running}; after exit {state}, "
            f"tty settings {'as before' if same_tty else 'CHANGED'}, exit status {code}{kept}: "
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
            results.append(trial(sig, work, in_play="--in-play" in sys.argv))
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())

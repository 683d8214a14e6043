"""The signals that end a peer-sim process unless it catches them: one list for all.

The app (sim/tui/terminal.py) closed on every one of them, restoring the
terminal; the plain player and `-o FILE` writes (sim/commands/streams.py) caught
only SIGTERM and SIGHUP. Ctrl+\\ in a plain run (SIGQUIT), `kill -USR1`,
`timeout -s ALRM` or a CPU-time limit (SIGXCPU) then ended the player with the
shell's "Quit (core dumped)" and nothing said about the run that was kept, and
left an export's `.NAME.PID.partial` beside the file for good (adv30). Kept in the
core so the app and the commands share it without importing each other.
"""

from __future__ import annotations

# SIGALRM (`timeout -s ALRM`, a stray alarm) and SIGXCPU (a CPU-time limit, `ulimit -t`,
# as a classroom machine may set) end a process as well (adversarial-24)
ENDING = ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGXCPU")

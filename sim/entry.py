"""The `peer-sim` command's first step: a Ctrl+C while Python is still loading ends quietly.

The console script imports its target before calling it, and loading the CLI
(argparse, the text gate, their regular expressions) takes a tenth of a second or
so; a Ctrl+C pressed in that window raised KeyboardInterrupt at module level and
the interpreter printed a traceback. This module imports nothing of its own, so
the window closes to Python's own start-up.
"""

from __future__ import annotations

INTERRUPTED = 130  # 128 + SIGINT, as a shell reports it


def main() -> int:
    """Load the CLI and run it; an interrupt at any point is exit status 130."""
    try:
        from sim.cli import main as run

        return run()
    except KeyboardInterrupt:
        return INTERRUPTED

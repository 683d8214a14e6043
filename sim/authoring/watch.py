"""Live reload: notice a scenario file change and carry the trainee's path over.

`Watcher.poll(run)` is cheap (one `stat`); when the file changed it reloads
it and replays the run's choices on the new version with
`Run.replay(..., partial=True)`, which keeps the part of the path that still
fits. A file that no longer loads is reported and the old version stays in
play, so an author can save half-finished edits without losing their place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sim.engine import EngineError, ReplayError, Run


@dataclass
class Reload:
    """What a reload did: the new run (None when the file has problems) and what to tell."""

    run: Run | None
    messages: list[str] = field(default_factory=list)


class Watcher:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.stamp = self._stamp()

    def _stamp(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def changed(self) -> bool:
        stamp = self._stamp()
        if stamp == self.stamp:
            return False
        self.stamp = stamp
        return True

    def poll(self, run: Run) -> Reload | None:
        """None when nothing changed; else the reload's outcome."""
        if not self.changed():
            return None
        return self.reload(run)

    def reload(self, run: Run) -> Reload:
        from sim.loading import load_scenario
        from sim.problems import ScenarioError

        try:
            scenario = load_scenario(self.path)
        except ScenarioError as exc:
            lines = [
                f"{self.path} changed, but it has problems; still playing the last good version:"
            ]
            return Reload(None, lines + ["  " + p.format() for p in exc.problems])
        try:
            new = Run.replay(scenario, run.to_json(), partial=True)
        except (ReplayError, EngineError) as exc:
            new = Run.begin(scenario)
            return Reload(new, [f"Reloaded {self.path}; started again from the opening ({exc})."])
        note = new.replay_note if new.replay_note and "changed since" not in new.replay_note else ""
        done = len(new.state.decisions)
        text = f"Reloaded {self.path}; kept {done} of your {len(run.state.decisions)} choice(s)."
        return Reload(new, [text + (f" {note}" if note else "")])

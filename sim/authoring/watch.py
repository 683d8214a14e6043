"""Live reload: notice a scenario file change and carry the trainee's path over.

`Watcher.poll(run)` is cheap (one `stat`); when the file changed it reloads
it and replays the run's choices on the new version with
`Run.replay(..., partial=True)`, which keeps the part of the path that still
fits. A file that no longer loads is reported and the old version stays in
play, so an author can save half-finished edits without losing their place.

`wait_until_loads` is for a file that is broken before play starts (`play
--watch`): it shows the problems and polls until a saved version loads.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sim.engine import EngineError, ReplayError, Run
from sim.text import shown

if TYPE_CHECKING:
    from sim.model import Scenario
    from sim.problems import Problem


@dataclass
class Reload:
    """What a reload did: the new run (None when the file has problems) and what to tell."""

    run: Run | None
    messages: list[str] = field(default_factory=list)


@dataclass
class Reloaded:
    """The outcome of reading a changed file again, for any shell to present.

    `scenario` is None when the file has problems (then `problems` says why
    and the old version stays in play). `run` carries the trainee's path over;
    `restarted` is the reason when the path could not be replayed at all and
    the run starts from the opening instead.
    """

    scenario: Scenario | None
    run: Run | None = None
    problems: list[Problem] = field(default_factory=list)
    restarted: str = ""


def reload_run(path: str | Path, run: Run | None) -> Reloaded:
    """Load `path` again and replay `run` on it as far as it still fits.

    Shared by the plain player and the app so both keep the same rules: bad
    input never loses the game in progress, and a path that cannot be replayed
    (a changed start, a `next` loop) restarts instead of failing.
    """
    from sim.loading import load_scenario
    from sim.problems import ScenarioError

    try:
        scenario = load_scenario(path)
    except ScenarioError as exc:
        if not os.path.lexists(path):
            return Reloaded(None, problems=[_gone(Path(path))])
        return Reloaded(None, problems=list(exc.problems))
    if run is None:
        return Reloaded(scenario)
    try:
        new = Run.replay(scenario, run.to_json(), partial=True, before=run.scenario)
    except (ReplayError, EngineError) as exc:
        return Reloaded(scenario, Run.begin(scenario), restarted=str(exc))
    if "changed since" in new.replay_note:
        # Said of a recorded run; a live reload is no record, and the debrief
        # would carry "since this run was recorded" to the end of a draft's play.
        new.replay_note = ""
    return Reloaded(scenario, new)


def _gone(path: Path) -> Problem:
    """The watched file renamed (an editor's Save As), moved or deleted while in play.

    The reader's "there is no such file (check the path and the file name, or give a
    scenario id from `peer-sim list`)" speaks to a command just typed; here the file
    was there a moment ago, and the author needs to know that saving under a new name
    leaves this watch behind.
    """
    from sim.problems import Problem

    return Problem(
        path,
        "the file is gone: renamed, moved or deleted since it was opened",
        hint="save it again under this name to go on; a file saved under another name is "
        "not watched: open it with peer-sim play NEW-NAME.toml --watch",
        code="unreadable",
    )


class Watcher:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.stamp = self._stamp()

    def _stamp(self) -> tuple[object, object]:
        """The file's stamp and its folder's principles.toml's: an edit to either reloads."""
        from sim.loading.folders import CATALOGUE_NAME
        from sim.loading.library import file_stamp

        return (file_stamp(self.path), file_stamp(self.path.parent / CATALOGUE_NAME))

    def changed(self) -> bool:
        """Whether the file or its catalogue changed since last asked (size, mtime, inode)."""
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
        """Reload now, and say in lines what became of the game in progress."""
        found = reload_run(self.path, run)
        if found.scenario is None:
            lines = [
                f"{shown(self.path)} changed, but it has problems; still playing the last good version:"
            ]
            return Reload(None, lines + ["  " + p.format() for p in found.problems])
        new = found.run
        assert new is not None
        if found.restarted:
            return Reload(
                new,
                [
                    f"Reloaded {shown(self.path)}; started again from the opening ({found.restarted})."
                ],
            )
        text = f"Reloaded {shown(self.path)}; " + kept_note(len(run.state.decisions), new)
        return Reload(new, [text])


def wait_until_loads(
    path: str | Path,
    problems: list[Problem],
    out: TextIO,
    poll_input: Callable[[float], str | None],
    interval: float = 0.5,
) -> Scenario | None:
    """Show `problems`, then poll `path` until it loads; None when the user stops.

    `poll_input(timeout)` waits up to `timeout` seconds for a typed line: None
    when nothing came, "" at end of input (which stops, as does q).
    """
    from sim.loading import load_scenario
    from sim.problems import ScenarioError

    watcher = Watcher(path)
    waiting = f"Waiting for {shown(path)} to change: fix it and save (q or Ctrl+C to stop)."
    out.write("".join(p.format() + "\n" for p in problems) + waiting + "\n")
    out.flush()
    while True:
        typed = poll_input(interval)
        if typed == "" or (typed and typed.strip().lower() in ("q", "quit")):
            out.write("Stopped.\n")
            return None
        if typed is not None:
            out.write(f"{shown(path)} still has problems. {waiting}\n")
            out.flush()
        if not watcher.changed():
            continue
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            out.write(f"\n{shown(path)} changed, but it still has problems:\n")
            out.write("".join(p.format() + "\n" for p in exc.problems) + waiting + "\n")
            out.flush()
            continue
        out.write(f"{shown(path)} loads now; starting.\n\n")
        out.flush()
        return scenario


def kept_note(before: int, new: Run) -> str:
    """ "kept 3 of your 3 choice(s)." and why any were lost, for the plain player and the app.

    The engine's replay note speaks of a recorded run ("changed since this run was
    recorded"); after a live reload the author needs the count and the reason only.
    """
    note = new.replay_note if new.replay_note and "changed since" not in new.replay_note else ""
    head, but, rest = note.partition(", but ")
    if but and head.startswith("Kept ") and " of " not in head:
        # "Kept all 3 choices, but ..." (or "your one choice"): the count is said here;
        # keep the reworded line
        note = rest[:1].upper() + rest[1:]
    elif note.startswith("Kept "):  # the count is said here; keep the why
        note = note.partition(". ")[2]
    text = f"kept {len(new.state.decisions)} of your {before} choice(s)."
    return text + (f" {note}" if note else "")

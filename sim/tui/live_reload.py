"""Live reload for authors (`peer-sim play FILE --watch`): the app's half of it.

The rules of a reload (load the file again, replay the run as far as it fits,
say what changed) are the core's `sim.authoring.watch.reload_run`, shared with
the plain player. This mixin polls the file, shows the result on the play
screen (problems panel, notes, title) and runs the deep check of a reloaded
file in a thread, as `peer-sim check` would.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from sim.text import shown

if TYPE_CHECKING:
    from sim.authoring.watch import Watcher
    from sim.loading import Library
    from sim.model import Scenario
    from sim.problems import Problem
    from sim.tui.screens.play import PlayScreen

POLL_SECONDS = 0.5


class LiveReload:
    """Mixed into `PeerSimApp`; `watch()` starts polling the scenario's file."""

    # provided by PeerSimApp
    initial: Scenario | str | None
    library: Library | None
    play_mode: str
    _last_play: tuple[Scenario, dict[str, Any]] | None

    def _init_live_reload(self) -> None:
        self.watched: Path | None = None
        self._watcher: Watcher | None = None
        self.reload_problems: list[Problem] = []

    def play_screen(self) -> PlayScreen | None:  # pragma: no cover - PeerSimApp's
        raise NotImplementedError

    def _watch(self, path: Path) -> None:
        if self.watched is not None:
            return
        from sim.authoring.watch import Watcher

        self.watched = path
        self._watcher = Watcher(path)
        self.set_interval(POLL_SECONDS, self.check_file, name="watch-scenario")  # type: ignore[attr-defined]

    def check_file(self) -> bool:
        """Reload the watched scenario if its file changed; True when it did."""
        if self._watcher is None or not self._watcher.changed():
            return False
        self.reload_scenario()
        return True

    def reload_scenario(self) -> None:
        from sim.authoring.watch import kept_note, reload_run

        assert self.watched is not None
        play = self.play_screen()
        before = len(play.run.state.decisions) if play is not None else 0
        found = reload_run(self.watched, play.run if play is not None else None)
        if found.scenario is None:
            self._show_reload_problems(found.problems)
            return
        new = found.scenario
        self.reload_problems = []
        old = self.initial
        self.initial = new
        if self._last_play and self._last_play[0] is old:
            self._last_play = (new, self._last_play[1])
        note = f"{found.restarted}; starting again from the beginning." if found.restarted else ""
        if play is not None and found.run is not None:
            run = found.run
            play.start = {} if note else play.start
            play.replace_run(run)
            play.show_problems([])
            note = note or "Reloaded; " + kept_note(before, run)
            # the status goes in the title bar and the panel, not a toast over the choices
            play.sub_title = f"{self.play_mode.title()} mode · reloaded {time.strftime('%H:%M:%S')}"
            play.show_note("reload", note)
            play.show_checked("", [])
        else:
            self.notify(
                note or "Reloaded.", title=shown(self.watched.name), timeout=2, markup=False
            )  # type: ignore[attr-defined]
        self._replace_in_library(old, new)
        self.check_scenario(new)

    def _show_reload_problems(self, problems: list[Problem]) -> None:
        self.reload_problems = list(problems)
        play = self.play_screen()
        if play is not None:
            play.show_problems(problems)
            play.sub_title = f"{self.play_mode.title()} mode · file has problems"
        else:
            self.notify(  # type: ignore[attr-defined]
                f"{len(problems)} problem(s); the play screen lists them.",
                title=shown(self.watched.name) if self.watched else "The scenario file",
                severity="error",
                timeout=3,
                markup=False,
            )

    def _replace_in_library(self, old: Scenario | str | None, new: Scenario) -> None:
        """The library lists the reloaded scenario, so choosing it again plays the new one."""
        if self.library is None:
            return
        scenarios = self.library.scenarios
        for i, sc in enumerate(scenarios):
            if sc is old:
                scenarios[i] = new
                for screen in self.screen_stack:  # type: ignore[attr-defined]
                    if hasattr(screen, "show_library"):
                        screen.show_library(self.library, screen.titles)
                return

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def check_scenario(self, scenario: Scenario) -> None:
        """The deep check (`peer-sim check`) of a reloaded scenario, off the UI thread: the
        lints and path checks, and what `check` says of the file itself (its name, its
        title beside a bundled scenario's, TOML 1.1-only syntax)."""
        from sim.authoring.file_checks import file_problems
        from sim.authoring.lint import lint
        from sim.loading import catalogue_for_scenario
        from sim.problems import ScenarioError

        try:
            catalogue = catalogue_for_scenario(scenario)
        except ScenarioError:
            catalogue = None
        problems = lint(scenario, catalogue)
        if scenario.path:
            problems += file_problems(Path(scenario.path), scenario)
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        note = ""
        if problems:
            counts = [
                f"{n} {word}{'s' if n != 1 else ''}"
                for n, word in ((errors, "error"), (warnings, "warning"))
                if n
            ]
            them = "it" if len(problems) == 1 else "them"
            note = f"check: {', '.join(counts)} (e lists {them}, as peer-sim check would)"
        self.call_from_thread(self._checked, scenario, note, problems)  # type: ignore[attr-defined]

    def _checked(self, scenario: Scenario, note: str, problems: list[Problem]) -> None:
        play = self.play_screen()
        if play is not None and scenario is self.initial and not self.reload_problems:
            play.show_checked(note, problems)

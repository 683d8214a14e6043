"""PeerSimApp: the Textual shell over the engine.

`textual run sim.tui.app:PeerSimApp` (add `--dev` for live CSS) opens the
library on the bundled scenarios, exactly like `peer-sim`.

Start-up is kept to Textual's own import: this module imports no pydantic and
no screen but the library; the scenario files load in a thread worker after
the first paint, and the play and debrief screens are imported when first shown.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme

from sim.text import shown
from sim.tui.records import RecordsMixin
from sim.tui.widgets.too_small import too_small

if TYPE_CHECKING:
    from textual.events import Resize

    from sim.authoring.watch import Watcher
    from sim.engine import Run
    from sim.loading import Library
    from sim.model import Scenario
    from sim.problems import Problem
    from sim.tui.screens.play import PlayScreen

THEMES = [
    Theme(
        name="peer-sim",
        primary="#5FB3B3",
        secondary="#E0B070",
        accent="#B69CE0",
        warning="#F0B55A",
        error="#EF7B7B",
        success="#8CCB6A",
        foreground="#E3E7EA",
        background="#182026",
        surface="#1F2930",
        panel="#27343D",
        dark=True,
    ),
    Theme(
        name="peer-sim-light",
        primary="#1F7A7A",
        secondary="#9A5F10",
        accent="#6B4FA8",
        warning="#A86200",
        error="#B3261E",
        success="#2E7D32",
        foreground="#1D252B",
        background="#F6F4EF",
        surface="#ECE8E0",
        panel="#E0DBD0",
        dark=False,
    ),
]

POLL_SECONDS = 0.5


class PeerSimApp(RecordsMixin, App[int]):
    """Role-play practice for trainee peer recovery coaches."""

    CSS_PATH = "app.tcss"
    TITLE = "peer-sim"
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    play_mode: reactive[str] = reactive("practice", init=False)
    """practice (coach notes, undo) or assessment (neither, until the debrief)."""

    def __init__(
        self,
        scenario: Scenario | str | None = None,
        *,
        extra_dirs: Sequence[str | Path] = (),
        library_paths: Sequence[str | Path] | None = None,
        mode: str = "practice",
        start_scene: str | None = None,
        start_trust: int | None = None,
        start_empowerment: int | None = None,
        start_flags: Iterable[str] = (),
        watch: bool = False,
    ) -> None:
        """
        Args:
            scenario: open this scenario at once (a loaded Scenario, a file path or an id).
            extra_dirs: folders of scenarios offered beside the bundled ones.
            library_paths: the folders to list instead of bundled + extra (tests use this).
            mode: "practice" or "assessment".
            start_scene, start_trust, start_empowerment, start_flags: where the first
                run of `scenario` begins (authors testing a scene).
            watch: reload `scenario` when its file changes, keeping the run's path.
        """
        super().__init__()
        self.initial = scenario
        self.extra_dirs = list(extra_dirs)
        self.library_paths = None if library_paths is None else list(library_paths)
        self.set_reactive(
            PeerSimApp.play_mode, mode if mode in ("practice", "assessment") else "practice"
        )
        start: dict[str, Any] = {}
        if start_scene:
            start["scene"] = start_scene
        if start_trust is not None:
            start["trust"] = start_trust
        if start_empowerment is not None:
            start["empowerment"] = start_empowerment
        if start_flags:
            start["flags"] = tuple(start_flags)
        self.start_at = start
        self.watch_file = watch
        self.library: Library | None = None
        self.watched: Path | None = None
        self._watcher: Watcher | None = None
        self.reload_problems: list[Problem] = []
        self._last_play: tuple[Scenario, dict[str, Any]] | None = None
        for theme in THEMES:
            self.register_theme(theme)
        self._start_theme("peer-sim")

    def _start_theme(self, name: str) -> None:
        """Start in our theme without a second pass over the CSS.

        `self.theme = name` before the app runs makes Textual re-parse and re-apply
        every stylesheet right after the first one (a full CSS pass at start-up);
        here the stylesheet simply starts with the theme's variables. Later changes
        (the command palette's theme picker) go through `App.theme` as usual.
        """
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        self.update_classes(
            {f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False
        )
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    # -- start-up ----------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        from sim.tui.screens.library import LibraryScreen

        return LibraryScreen()

    def on_mount(self) -> None:
        self.set_class(too_small(*self.size), "-too-small")
        if self.initial is not None and not isinstance(self.initial, str):
            self.start_scenario(self.initial)
        # after the first paint, so reading the files (and importing pydantic)
        # does not compete with it
        self.call_after_refresh(self.load_library)

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def load_library(self) -> None:
        from sim.loading import bundled_dir, catalogue_for_scenario, load_library, load_scenario
        from sim.problems import ScenarioError

        paths = self.library_paths
        if paths is None:
            paths = [bundled_dir(), *self.extra_dirs]
        library = load_library(paths)
        titles: dict[str, dict[str, str]] = {}
        for sc in library.scenarios:
            try:
                catalogue = catalogue_for_scenario(sc)
            except ScenarioError:
                continue
            titles[sc.id] = {pid: p.title for pid, p in catalogue.principles.items()}
        found: Scenario | None = None
        problem = ""
        if isinstance(self.initial, str):
            path = Path(self.initial)
            if path.suffix == ".toml" or path.exists():
                try:
                    found = load_scenario(path)
                except ScenarioError as exc:
                    problem = str(exc)
            else:
                found = library.get(self.initial)
                if found is None:
                    problem = f"There is no scenario called '{shown(self.initial)}'."
        opened = found if found is not None else self.initial
        if not isinstance(opened, str) and opened is not None and opened.path:
            # opened on a file: the library it returns to lists that file too
            self._add_to_library(library, titles, opened)
        self.open_records()
        self.call_from_thread(self._library_ready, library, titles, found, problem)

    @staticmethod
    def _add_to_library(
        library: Library, titles: dict[str, dict[str, str]], scenario: Scenario
    ) -> None:
        """List `scenario` first (in place of its own entry when it is in the library)."""
        from sim.loading import catalogue_for_scenario
        from sim.problems import ScenarioError

        here = Path(scenario.path).resolve()
        scenarios = library.scenarios
        same = [i for i, sc in enumerate(scenarios) if sc.path and Path(sc.path).resolve() == here]
        if same:
            scenarios[same[0]] = scenario
            return
        scenarios.insert(0, scenario)
        try:
            catalogue = catalogue_for_scenario(scenario)
        except ScenarioError:
            return
        titles.setdefault(scenario.id, {pid: p.title for pid, p in catalogue.principles.items()})

    def _library_ready(
        self,
        library: Library,
        titles: dict[str, dict[str, str]],
        found: Scenario | None,
        problem: str,
    ) -> None:
        self.library = library
        for screen in self.screen_stack:
            if hasattr(screen, "show_library"):
                screen.show_library(library, titles)
        if problem:
            self.notify(problem, title="Can't open that scenario", severity="error", markup=False)
        if found is not None:
            self.initial = found
            self.start_scenario(found)
        self.records_ready()

    # -- moving between screens ---------------------------------------------------
    def start_scenario(self, scenario: Scenario) -> None:
        """Content notes first (when the scenario has any), then the conversation."""
        start = self.start_at if scenario is self.initial else {}
        if self.watch_file and scenario is self.initial and scenario.path:
            self._watch(Path(scenario.path))
        if not scenario.content_notes:
            self._play(scenario, start)
            return
        from sim.tui.screens.dialogs import ContentNotes

        def answer(go: bool | None) -> None:
            if go:
                self._play(scenario, start)

        self.push_screen(ContentNotes(scenario.title, scenario.content_notes), answer)

    def _play(self, scenario: Scenario, start: dict[str, Any], replace: bool = False) -> None:
        from sim.engine import EngineError
        from sim.tui.screens.debrief import DebriefScreen
        from sim.tui.screens.play import PlayScreen

        try:
            screen = PlayScreen(scenario, self.play_mode, start)
        except EngineError as exc:
            self.notify(
                f"{exc}; starting from the beginning instead.",
                title="Can't start there",
                severity="warning",
                markup=False,
            )
            start = {}
            screen = PlayScreen(scenario, self.play_mode)
        self._last_play = (scenario, start)
        # an author's run (--start/--set/--watch) is a test, not training: not recorded
        self.record_begin(screen.run, self.play_mode, record=not start and not self.watch_file)
        if replace and isinstance(self.screen, (PlayScreen, DebriefScreen)):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        if self.reload_problems and scenario is self.initial:
            screen.call_after_refresh(screen.show_problems, self.reload_problems)

    def show_debrief(self, run: Run) -> None:
        from sim.debrief import build_debrief
        from sim.loading import catalogue_for_scenario
        from sim.problems import ScenarioError
        from sim.tui.screens.debrief import DebriefScreen

        try:
            catalogue = catalogue_for_scenario(run.scenario)
        except ScenarioError:
            catalogue = None
        self.switch_screen(DebriefScreen(build_debrief(run, catalogue), self.play_mode))

    def replay(self) -> None:
        if self._last_play is not None:
            scenario, start = self._last_play
            self._play(scenario, start, replace=True)

    def play_screen(self) -> PlayScreen | None:
        from sim.tui.screens.play import PlayScreen

        return next((s for s in self.screen_stack if isinstance(s, PlayScreen)), None)

    # -- actions --------------------------------------------------------------------
    def action_help(self) -> None:
        from sim.tui.screens.dialogs import Help

        if not isinstance(self.screen, Help):
            self.push_screen(Help(classes="dialog-screen"))

    def action_toggle_mode(self) -> None:
        new = "assessment" if self.play_mode == "practice" else "practice"
        play = self.play_screen()
        if play is None or play is not self.screen:
            self.play_mode = new
            self.notify(f"{new.title()} mode", timeout=2)
            return

        def switch(yes: bool | None = True) -> None:
            if yes:
                self.play_mode = new
                self._play(play.scenario, play.start, replace=True)

        if not play.run.state.decisions:
            switch()
            return
        from sim.tui.screens.dialogs import Confirm

        self.push_screen(
            Confirm(
                f"Switch to {new} mode?\n\nThe conversation starts again from the beginning.",
                yes="Switch and restart",
                no="Keep going",
            ),
            switch,
        )

    def action_restart(self) -> None:
        play = self.play_screen()
        if play is None:
            return
        if not play.run.state.decisions:
            return
        from sim.tui.screens.dialogs import Confirm

        def answer(yes: bool | None) -> None:
            if yes:
                play.restart()

        self.push_screen(
            Confirm("Start this conversation again from the beginning?", yes="Restart"), answer
        )

    async def action_quit(self) -> None:
        from sim.tui.screens.dialogs import Confirm

        play = self.play_screen()
        if play is None or not play.in_progress or isinstance(self.screen, Confirm):
            self.exit(0)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.exit(0)

        self.push_screen(
            Confirm(
                "Quit peer-sim?\n\nYou are in the middle of a conversation; "
                + self.leaving_words(play.run),
                yes="Quit",
                no="Stay",
            ),
            answer,
        )

    def watch_play_mode(self, mode: str) -> None:
        for screen in self.screen_stack:
            if hasattr(screen, "on_mode_changed"):
                screen.on_mode_changed()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        from sim.tui.screens.debrief import DebriefScreen
        from sim.tui.screens.play import PlayScreen

        other = "assessment" if self.play_mode == "practice" else "practice"
        yield SystemCommand("Help", "Keys, meters and modes", self.action_help)
        yield SystemCommand(
            f"Switch to {other} mode",
            "Practice: coach notes and undo. Assessment: feedback only at the debrief.",
            self.action_toggle_mode,
        )
        if isinstance(screen, PlayScreen):
            if screen.practice and screen.run.can_undo:
                yield SystemCommand("Undo", "Take back your last line", screen.action_undo)
            yield SystemCommand("Restart", "Start this conversation again", self.action_restart)
            yield SystemCommand("Pause", "A moment to breathe", screen.action_pause)
            yield SystemCommand("Back to library", "Leave this conversation", screen.action_leave)
        if isinstance(screen, DebriefScreen):
            yield SystemCommand("Replay", "Play this scenario again", self.replay)
            yield SystemCommand("Back to library", "Choose another scenario", self.pop_screen)

    # -- size guard -------------------------------------------------------------------
    def on_resize(self, event: Resize) -> None:
        self.set_class(too_small(*event.size), "-too-small")

    # -- live reload --------------------------------------------------------------------
    def _watch(self, path: Path) -> None:
        if self.watched is not None:
            return
        from sim.authoring.watch import Watcher

        self.watched = path
        self._watcher = Watcher(path)
        self.set_interval(POLL_SECONDS, self.check_file, name="watch-scenario")

    def check_file(self) -> bool:
        """Reload the watched scenario if its file changed; True when it did."""
        if self._watcher is None or not self._watcher.changed():
            return False
        self.reload_scenario()
        return True

    def reload_scenario(self) -> None:
        from sim.authoring.watch import reload_run

        assert self.watched is not None
        play = self.play_screen()
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
            note = note or run.replay_note
            # the status goes in the title bar and the panel, not a toast over the choices
            play.sub_title = f"{self.play_mode.title()} mode · reloaded {time.strftime('%H:%M:%S')}"
            play.show_note("reload", note)
            play.show_note("check", "")
        else:
            self.notify(
                note or "Reloaded.", title=shown(self.watched.name), timeout=2, markup=False
            )
        self._replace_in_library(old, new)
        self.check_scenario(new)

    def _show_reload_problems(self, problems: list[Problem]) -> None:
        self.reload_problems = list(problems)
        play = self.play_screen()
        if play is not None:
            play.show_problems(problems)
            play.sub_title = f"{self.play_mode.title()} mode · file has problems"
        else:
            self.notify(
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
                for screen in self.screen_stack:
                    if hasattr(screen, "show_library"):
                        screen.show_library(self.library, screen.titles)
                return

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def check_scenario(self, scenario: Scenario) -> None:
        """The deep check (`peer-sim check`) of a reloaded scenario, off the UI thread."""
        from sim.authoring.lint import lint
        from sim.loading import catalogue_for_scenario
        from sim.problems import ScenarioError

        try:
            catalogue = catalogue_for_scenario(scenario)
        except ScenarioError:
            catalogue = None
        problems = lint(scenario, catalogue)
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        note = ""
        if problems:
            counts = [
                f"{n} {word}{'s' if n != 1 else ''}"
                for n, word in ((errors, "error"), (warnings, "warning"))
                if n
            ]
            note = f"check: {', '.join(counts)} (run peer-sim check {shown(scenario.path)})"
        self.call_from_thread(self._checked, scenario, note)

    def _checked(self, scenario: Scenario, note: str) -> None:
        play = self.play_screen()
        if play is not None and scenario is self.initial and not self.reload_problems:
            play.show_note("check", note)


if __name__ == "__main__":
    PeerSimApp().run()

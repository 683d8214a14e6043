"""PeerSimApp: the Textual shell over the engine, and where its screens are routed.

`textual run sim.tui.app:PeerSimApp` (add `--dev` for live CSS) opens the
library on the bundled scenarios, exactly like `peer-sim`.

Where the rest of the app lives:
    library_loading.py  reading the scenario folders (a thread, no widgets)
    listing.py          the library listed: from the index at once, then that thread's read
    live_reload.py      `--watch`: reloading the file, the deep check
    menu.py             what the command palette offers on each screen
    menu_search.py      how it finds a command by the words a trainee types
    modes.py            practice / assessment and own words: switching, and --lock-mode
    palette.py          the command palette, with Textual's races closed
    records.py          opening the records, whose runs, recording each move
    resume.py           offering and reopening a run left unfinished
    summaries.py        progress, past runs, the class summary (read on a thread)
    settings.py         config.toml: remembered theme, mode, last scenario, own words; keys
    terminal.py         the too-small guard on input; SIGTERM/SIGHUP
    themes.py           the colour themes
    screens/, widgets/  what is drawn; app.tcss (and screens/*.tcss) how it looks

Start-up is kept to Textual's own import: this module imports no pydantic and
no screen but the library; the scenario files load in a thread worker after
the first paint, and the play and debrief screens are imported when first shown.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from sim.text import shown
from sim.tui.after_refresh import after_refresh
from sim.tui.listing import ListingMixin
from sim.tui.live_reload import LiveReload
from sim.tui.menu import MenuMixin
from sim.tui.modes import ModesMixin
from sim.tui.palette import PaletteMixin
from sim.tui.records import RecordsMixin
from sim.tui.resume import ResumeMixin
from sim.tui.settings import config_path, load_settings, remember
from sim.tui.summaries import SummariesMixin
from sim.tui.terminal import TerminalGuards
from sim.tui.textual_internals import (
    is_exiting,
    refresh_truecolor_filter,
    take_down_toast,
    toasts_showing,
)
from sim.tui.themes import DEFAULT_THEME, THEMES
from sim.tui.toasts import drop_empty_holders, make_room, toasts_on_top_only

if TYPE_CHECKING:
    from textual.driver import Driver

    from sim.engine import Run
    from sim.loading import Library
    from sim.model import Scenario
    from sim.tui.screens.play import PlayScreen

SETTINGS_TOASTS = 8  # settings problems shown one by one; the rest are counted

_frozen = False


def _freeze_imports() -> None:
    """Move what start-up imported out of the garbage collector's reach, once.

    Textual, Rich and the first screen's modules live as long as the process.
    A full collection during the first frames walked them all: ~20 ms of
    start-up, a third of the gap to a one-widget app (benchmarks/README.md,
    start-up). Objects freed by reference count are freed as before; only
    cycles already garbage at this moment stay, which is why it is done once
    per process and not for every app a test suite builds.
    """
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


class PeerSimApp(
    ListingMixin,
    RecordsMixin,
    ResumeMixin,
    SummariesMixin,
    ModesMixin,
    MenuMixin,
    LiveReload,
    TerminalGuards,
    PaletteMixin,
    App[int],
):
    """Role-play practice for trainee peer recovery coaches."""

    CSS_PATH = "app.tcss"
    TITLE = "peer-sim"
    BINDINGS = [
        # F1 too: in the own-words box ? is a letter, and help was nowhere (trainee playtest 11)
        Binding("question_mark,f1", "help", "Help", key_display="?", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
    ]

    play_mode: reactive[str] = reactive("practice", init=False)
    """practice (coach notes, undo) or assessment (neither, until the debrief)."""

    def __init__(
        self,
        scenario: Scenario | str | None = None,
        *,
        extra_dirs: Sequence[str | Path] = (),
        library_paths: Sequence[str | Path] | None = None,
        mode: str | None = None,
        start_scene: str | None = None,
        start_trust: int | None = None,
        start_empowerment: int | None = None,
        start_flags: Iterable[str] = (),
        watch: bool = False,
        own_words: bool | None = None,
    ) -> None:
        """
        Args:
            scenario: open this scenario at once (a loaded Scenario, a file path or an id).
            extra_dirs: folders of scenarios offered beside the bundled ones.
            library_paths: the folders to list instead of bundled + extra (tests use this).
            mode: "practice" or "assessment"; None: the one remembered (settings.py).
            start_scene, start_trust, start_empowerment, start_flags: where the first
                run of `scenario` begins (authors testing a scene).
            watch: reload `scenario` when its file changes, keeping the run's path.
            own_words: own-words practice: the trainee types a line before each choice;
                None: as remembered (settings.py), else off.
        """
        super().__init__()
        _freeze_imports()
        self.settings = load_settings()
        self.initial = scenario
        self.extra_dirs = list(extra_dirs)
        self.library_paths = None if library_paths is None else list(library_paths)
        mode = mode or self.settings.mode
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
        self.own_words = bool(self.settings.own_words) if own_words is None else own_words
        self.library: Library | None = None
        self._init_live_reload()
        self._last_play: tuple[Scenario, dict[str, Any]] | None = None
        for theme in THEMES:
            self.register_theme(theme)
        theme = self.settings.theme or DEFAULT_THEME
        if theme not in self.available_themes:
            self.settings.problems.append(
                f"{config_path()}: theme '{shown(theme)}' is not one peer-sim has "
                f"(try {', '.join(t.name for t in THEMES)}); it is ignored."
            )
            theme = DEFAULT_THEME
        self._start_theme(theme)

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
        refresh_truecolor_filter(self)
        self._theme_started = True
        self.stylesheet.set_variables(self.get_css_variables())

    def get_css_variables(self) -> dict[str, str]:
        # App.__init__ builds its stylesheet with the default theme's variables,
        # which _start_theme replaces a moment later: generating a colour system
        # is ~1.5 ms of start-up, so the first one is skipped.
        if not getattr(self, "_theme_started", False):
            return {}
        return super().get_css_variables()

    # -- start-up ----------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        from sim.tui.screens.library import LibraryScreen

        return LibraryScreen()

    def on_mount(self) -> None:
        self._guard_terminal()
        self.screen_change_signal.subscribe(self, self._on_screen_change)
        self.theme_changed_signal.subscribe(self, self._on_theme_change)
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        # A few toasts, then a count: a config.toml with 2,000 unknown keys made
        # 2,000 toasts, and the app drew nothing for over a minute.
        problems = self.settings.problems
        for problem in problems[:SETTINGS_TOASTS]:
            self.notify(problem, title="Settings", severity="warning", timeout=12, markup=False)
        if len(problems) > SETTINGS_TOASTS:
            self.notify(
                f"{len(problems) - SETTINGS_TOASTS} more problems like these in the settings "
                "file; each is ignored.",
                title="Settings",
                severity="warning",
                timeout=12,
                markup=False,
            )
        if self.ask_trainee:
            self.ask_who()  # served to a classroom (records.py)
        if self.initial is not None and not isinstance(self.initial, str):
            self.start_scenario(self.initial)
        # after the first paint, so reading the files (and importing pydantic)
        # does not compete with it
        self.call_after_refresh(self.load_library)

    # -- moving between screens ---------------------------------------------------
    def start_scenario(self, scenario: Scenario) -> None:
        """Content notes first (when the scenario has any), then the conversation."""
        start = self.start_at if scenario is self.initial else {}
        from sim.tui.screens.library import LibraryScreen

        for screen in self.screen_stack:  # the library under it names this one, not another
            if isinstance(screen, LibraryScreen):
                screen.highlight_scenario(scenario)
        scenario = self.full_scenario(scenario)  # type: ignore[assignment]
        if scenario is None:
            return
        self.remember(last_scenario=scenario.id)
        if self.watch_file and scenario is self.initial and scenario.path:
            self._watch(Path(scenario.path))
        if not start and not self.watch_file:
            chosen = scenario
            if self.offer_resume_of(
                scenario.id, lambda leave: self._notes_then_play(chosen, start, leave)
            ):
                return
            self.note_open_elsewhere(scenario.id, scenario.title)
        self._notes_then_play(scenario, start)

    def _notes_then_play(
        self, scenario: Scenario, start: dict[str, Any], leave: Callable[[], None] | None = None
    ) -> None:
        """`leave`, giving up a run left off (n to its resume question), is done as the new
        run begins: Back at the content notes keeps the old one to resume."""
        if not scenario.content_notes:
            if leave is not None:
                leave()
            self._play(scenario, start)
            return
        from sim.tui.screens.dialogs import ContentNotes
        from sim.tui.screens.progress import ProgressScreen

        def answer(go: bool | None) -> None:
            if go:
                if leave is not None:
                    leave()
                self._play(scenario, start)

        # started from the progress screen (s, or r in a past run's debrief), Back goes
        # back there, and the bar said "esc Back to library" over it (browser44)
        back_to = "your runs" if isinstance(self.screen, ProgressScreen) else ""
        self.push_screen(
            ContentNotes(
                scenario.title, scenario.content_notes, own_words=self.own_words, back_to=back_to
            ),
            answer,
        )

    def _play(self, scenario: Scenario, start: dict[str, Any], replace: bool = False) -> None:
        from sim.engine import EngineError
        from sim.tui.screens.debrief import DebriefScreen
        from sim.tui.screens.play import PlayScreen

        try:
            screen = PlayScreen(scenario, self.play_mode, start, own_words=self.own_words)
        except EngineError as exc:
            self.notify(
                f"{exc}; starting from the beginning instead.",
                title="Can't start there",
                severity="warning",
                markup=False,
            )
            start = {}
            screen = PlayScreen(scenario, self.play_mode, own_words=self.own_words)
        self._last_play = (scenario, start)
        # an author's run (--start/--set/--watch) is a test, not training: not recorded
        self.record_begin(screen.run, self.play_mode, record=not start and not self.watch_file)
        if replace and isinstance(self.screen, (PlayScreen, DebriefScreen)):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        if self.reload_problems and scenario is self.initial:
            after_refresh(screen, screen.show_problems, self.reload_problems)
        elif self.watch_file and scenario is self.initial and self.watched is not None:
            # the file as opened gets the deep check a reload gets (live_reload.py)
            after_refresh(screen, self.check_scenario, scenario)

    def show_debrief(self, run: Run, speaker: str = "") -> None:
        """The debrief of `run`; `speaker` names whose run a replay showed ("" the player's)."""
        from sim.debrief import build_debrief
        from sim.loading import catalogue_for_scenario
        from sim.problems import ScenarioError
        from sim.tui.screens.debrief import DebriefScreen

        try:
            catalogue = catalogue_for_scenario(run.scenario)
        except ScenarioError:
            catalogue = None
        screen = DebriefScreen(build_debrief(run, catalogue), self.play_mode)
        if speaker:  # it speaks to the trainee as "you": said so to a supervisor replaying it
            screen.sub_title = f"{screen.sub_title} · it speaks to {speaker} as “you”"
        self.switch_screen(screen)

    def replay(self) -> None:
        if self._last_play is not None:
            scenario, start = self._last_play
            self._play(scenario, start, replace=True)

    def play_screen(self) -> PlayScreen | None:
        from sim.tui.screens.play import PlayScreen

        return next((s for s in self.screen_stack if isinstance(s, PlayScreen)), None)

    def on_key(self, event: events.Key) -> None:
        """Before the bindings: a letter typed ahead of the own-words box goes into it."""
        type_ahead = getattr(self.screen, "type_ahead", None)
        if type_ahead is not None and type_ahead(event):
            event.prevent_default()  # so App._on_key does not look it up as a key binding
            event.stop()

    # -- actions --------------------------------------------------------------------
    def action_help(self) -> None:
        from sim.tui.screens.dialogs import Help

        if not isinstance(self.screen, Help):
            from sim.tui.screens.debrief import DebriefScreen
            from sim.tui.screens.play import PlayScreen
            from sim.tui.screens.progress import ProgressScreen

            first = (
                "In a conversation"
                if isinstance(self.screen, PlayScreen)
                else "In the debrief"
                if isinstance(self.screen, DebriefScreen)
                else "On the progress screen"
                if isinstance(self.screen, ProgressScreen)
                else ""
            )
            # e (the problems of a file being worked on) only where the bar offers it
            problems = isinstance(self.screen, PlayScreen) and bool(
                self.screen.problems or self.screen.checked
            )
            self.push_screen(Help(first, problems=problems, classes="dialog-screen"))

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

        question = "Start this conversation again from the beginning?"
        if not play.practice:  # what the records keep: said before it is done
            question += (
                "\n\nIn assessment the lines said so far stay on this run's record, as taken "
                "back, for whoever reviews it."
            )
        self.push_screen(Confirm(question, yes="Restart"), answer)

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

    def _handle_exception(self, error: Exception) -> None:
        """A screen that finds its widgets gone because the app is closing is not a crash.

        A signal, a closed browser tab or ctrl+q in the first half second ends the
        app while the library is still mounting; its handlers then query widgets
        already removed (NoMatches) or mount into a screen already gone (MountError),
        and Textual turned that into a traceback and exit status 1 instead of the
        clean close that was asked for. Any other error is still one.
        """
        from textual.css.query import NoMatches
        from textual.widget import MountError

        if isinstance(error, (NoMatches, MountError)) and is_exiting(self):
            return
        super()._handle_exception(error)

    def get_driver_class(self) -> type[Driver]:
        """Textual's choice, but under `peer-sim serve` a web driver that ends the app
        when the server's pipe ends (sim/tui/served.py), and in a terminal one that
        survives SIGSTOP and SIGCONT (sim/tui/stops.py)."""
        found = super().get_driver_class()
        if os.environ.get("TEXTUAL_DRIVER"):
            from sim.tui.served import served_driver

            return served_driver(found)
        if sys.platform != "win32":
            from sim.tui.stops import steady_driver  # one terminal session (sim/tui/stops.py)

            return steady_driver(found)
        return found

    def _on_theme_change(self, theme: Any) -> None:
        self.remember(theme=theme.name)

    def remembered_scenario(self) -> str | None:
        """The scenario played last time, to highlight first; None when served.

        Served to a class (`ask_trainee`), the config file is the trainer's: it is
        neither written (`remember`) nor read for what one trainee played last.
        """
        return None if self.ask_trainee else self.settings.last_scenario

    def remember(self, **values: str | bool) -> None:
        """Keep a setting for next time (settings.py); a problem is said once, as a toast."""
        if not self.settings.writable or self.ask_trainee:
            return  # a mistake the user was told about; or trainees sharing one account
        problem = remember(**values)
        if problem and problem not in self.settings.problems:
            self.settings.problems.append(problem)
            self.notify(problem, title="Settings", severity="warning", markup=False)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast passes the untrusted-text gate: Textual writes a toast's text raw.

        A message can quote a file name, a records path or a stored title; an
        escape in it would reach the terminal as a control sequence.

        A toast the same as one still showing is not stacked again: Enter pressed by
        habit at two decisions in a row put a second "Which line?" under the first,
        and at 80x24 it covered the first line on offer (trainee playtest 12).
        """
        message, title = shown(message, newlines=True), shown(title)
        if any(
            n.message == message and n.title == title and not n.has_expired
            for n in toasts_showing(self)
        ):
            return
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
        # once the toast is mounted and laid out, a few refreshes on: the stack's height
        self.set_timer(0.1, lambda: make_room(self), name="make-room-for-toasts")

    def _on_screen_change(self, top: Screen) -> None:
        toasts_on_top_only(self, top)

    def withdraw(self, *titles: str) -> None:
        """Take down the toasts with these titles, still showing or not.

        A note whose advice was just followed stayed up over what it led to: "press Enter
        to see your debrief" sat on the debrief for its six seconds (trainee20, in the
        browser). Other toasts (a records warning, say) stay.
        """
        notes = [n for n in toasts_showing(self) if n.title in titles]
        for note in notes:
            take_down_toast(self, note)
        if notes:
            self.call_after_refresh(drop_empty_holders, self)

    def clear_notifications(self) -> None:
        """All toasts down, and the boxes they sat in (`drop_empty_holders`)."""
        super().clear_notifications()
        self.call_after_refresh(drop_empty_holders, self)


if __name__ == "__main__":
    PeerSimApp().run()

"""What the command palette (ctrl+p) offers on each screen: the app's own commands.

Each screen's keys are in its key bar; the palette lists the same actions by
name, for a trainee who does not know the key, plus what has no key of its own
(the class summary, offered only where the store is a class's). Textual's "Keys" and "Maximize" are left out (see below).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import SystemCommand
from textual.screen import Screen

if TYPE_CHECKING:
    from sim.tui.menu_search import MenuCommands

# Textual's own palette commands a trainee never needs, or whose words are not true here
# (see get_system_commands)
TEXTUAL_ONLY = frozenset({"Keys", "Maximize", "Quit"})


def screenshot_folder() -> str | None:
    """None (Textual's Downloads folder) when there is one, else the home folder."""
    from platformdirs import user_downloads_path

    if user_downloads_path().is_dir():
        return None
    try:
        return str(Path.home())
    except RuntimeError:  # no home to be found: where peer-sim was started
        return str(Path.cwd())


def menu_commands() -> type[MenuCommands]:
    """The palette's search by words (menu_search.py), loaded when the palette first opens."""
    from sim.tui.menu_search import MenuCommands

    return MenuCommands


class MenuMixin:
    """Mixed into `PeerSimApp` before `App`, whose commands it filters and extends."""

    # Textual's fuzzy search offered "Turn own words on" for "undo" (menu_search.py)
    COMMANDS: ClassVar[set[Callable[[], type[MenuCommands]]]] = {menu_commands}

    play_mode: Any
    mode_locked: bool
    ask_trainee: bool
    trainee: str | None
    class_store: bool
    own_words: bool

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """The palette's Screenshot, into the Downloads folder as Textual saves it, or the
        home folder on a computer with none: there Textual's said only "Failed to save
        screenshot" (trainee37). Its toast names the file either way; served, the
        browser is given it and `path` is not used."""
        if path is None:
            path = screenshot_folder()
        return super().deliver_screenshot(filename, path, time_format)  # type: ignore[misc]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's "Keys" is a second, different help beside ours; its "Maximize"
        # fills the screen with one widget and hides the key bar that says how back
        yield from (c for c in super().get_system_commands(screen) if c.title not in TEXTUAL_ONLY)
        # Textual's "Quit the application as soon as possible" read as losing the run; the
        # app's quit asks first in a conversation, and every move is already saved
        yield SystemCommand(
            "Quit", "Leave peer-sim (in a conversation it asks first)", self.action_quit
        )
        from sim.tui.screens.debrief import DebriefScreen
        from sim.tui.screens.library import LibraryScreen
        from sim.tui.screens.play import PlayScreen
        from sim.tui.screens.progress import PastDebriefScreen, ProgressScreen

        other = "assessment" if self.play_mode == "practice" else "practice"
        yield SystemCommand("Help", "Keys, meters and modes", self.action_help)
        if self.ask_trainee and not self.trainee:
            # served, no name given yet: "Progress and past runs" over the name prompt,
            # then s, started a run recorded under no trainee (browser30)
            return
        if not self.mode_locked:
            yield SystemCommand(
                f"Switch to {other} mode",
                "Practice: coach notes and undo. Assessment: feedback only at the debrief.",
                self.action_toggle_mode,
            )
            # w in the library; the palette is where a trainee looks for a switch by name
            # (it offered the mode's switch and not this one: trainee test 13)
            yield SystemCommand(
                f"Turn own words {'off' if self.own_words else 'on'}",
                "Own-words practice: type what you would say before the lines are shown"
                " (from the next conversation started)",
                self.action_toggle_own_words,
            )
        if isinstance(screen, PlayScreen):
            if screen.practice and screen.run.can_undo:
                yield SystemCommand("Undo", "Take back your last line", screen.action_undo)
            yield SystemCommand("Restart", "Start this conversation again", self.action_restart)
            yield SystemCommand("Pause", "A moment to breathe", screen.action_pause)
            yield SystemCommand("Back to library", "Leave this conversation", screen.action_leave)
        if isinstance(screen, LibraryScreen):  # Enter, for one who looks for it by name
            yield SystemCommand("Start", "Start the highlighted scenario", screen.action_start)
        if isinstance(screen, ProgressScreen):  # its keys by name: s, Enter, Esc
            if screen.progress.suggestion is not None:
                yield SystemCommand(
                    "Play the suggested scenario",
                    "What to practise next (s)",
                    screen.action_suggested,
                )
            yield SystemCommand(
                "Read the highlighted run's debrief",
                "A past run, read again (Enter)",
                screen.action_open_run,
            )
            yield SystemCommand("Back to library", "Choose a scenario (Esc)", screen.action_back)
        if not isinstance(screen, (PlayScreen, DebriefScreen, ProgressScreen)):
            yield SystemCommand(
                "Progress and past runs",
                "Mastery per principle, what to play next, debriefs of past runs",
                self.action_progress,
            )
        if isinstance(screen, DebriefScreen):  # what its keys do, r and Esc
            yield SystemCommand(
                "Play again", "Play this scenario again from the start", screen.action_replay
            )
            if isinstance(screen, PastDebriefScreen):
                yield SystemCommand(
                    "Back to your runs", "Progress and past runs", screen.action_library
                )
            else:
                yield SystemCommand(
                    "Back to library", "Choose another scenario", screen.action_library
                )
        if self.class_store and not self.ask_trainee:
            yield SystemCommand(
                "Class summary",
                "Every trainee in this records store: runs, endings, weakest principles",
                self.action_class_summary,
            )

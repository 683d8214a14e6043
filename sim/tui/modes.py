"""Practice or assessment, own words on or off: switching them, and `--lock-mode`.

The mode is the app's `play_mode` reactive (kept in `PeerSimApp`, where Textual
looks for reactives); what switches it, what a switch does to a conversation
under way, and what a lock refuses live here.
"""

from __future__ import annotations

from typing import Any


class ModesMixin:
    """Mixed into `PeerSimApp`: the m and w keys, the palette's switch, the lock."""

    play_mode: Any
    own_words: bool
    own_words_per_trainee: bool  # records.py

    mode_locked = False
    """`--lock-mode` (a served assessment): the mode and own words stay as started, and
    resume offers only runs begun in that mode, so a trainee cannot switch to practice
    to see the coach notes of an assessed conversation."""

    LOCKED_SAID = "Your trainer set the mode and own words for this session."

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False also takes the key off the bar at the bottom: nothing to press
        return not (self.mode_locked and action in ("toggle_mode", "toggle_own_words"))

    def _refused_locked(self) -> bool:
        """A click on the library's mode switch when the mode is locked: say why nothing moved."""
        if self.mode_locked:
            self.notify(self.LOCKED_SAID, timeout=3, markup=False)
        return self.mode_locked

    def action_toggle_own_words(self) -> None:
        """Own-words practice on or off, for the next conversation started."""
        if self._refused_locked():
            return
        self.own_words_per_trainee = False  # switched by hand: their last run no longer decides
        self.set_own_words(not self.own_words)
        self.remember(own_words=self.own_words)

    def set_own_words(self, on: bool, why: str = "") -> None:
        """Own words on or off for the next conversation, said where the screen does not
        show it (or with `why`, always: a classroom tab starting as the trainee last played)."""
        self.own_words = on
        state = "on" if on else "off"
        if why:
            self.notify(f"Own words {state}, {why} (w switches it)", timeout=4)
        elif not self._mode_shown():
            self.notify(f"Own words {state} (from the next conversation)", timeout=2)
        for screen in self.screen_stack:
            changed = getattr(screen, "on_mode_changed", None)
            if changed is not None:
                changed()

    def _mode_shown(self) -> bool:
        """The screen shows the mode switch (the library): a toast would only repeat
        it, over the scenario's title, for two seconds."""
        return bool(self.screen.query("#mode"))

    def action_toggle_mode(self) -> None:
        if self._refused_locked():
            return
        new = "assessment" if self.play_mode == "practice" else "practice"
        play = self.play_screen()
        if play is None or play is not self.screen:
            self.play_mode = new
            if not self._mode_shown():
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

    def watch_play_mode(self, mode: str) -> None:
        for screen in self.screen_stack:
            if hasattr(screen, "on_mode_changed"):
                screen.on_mode_changed()
        self.remember(mode=mode)

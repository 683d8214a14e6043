"""The keys that apply, along the bottom: Textual's Footer as one widget.

`Footer` mounts a widget per key and recomposes itself whenever the bindings
that apply change (on the play screen: at almost every move), which was the
costliest part of a move and a good part of the first screen's layout. This
draws the same line (key, description, the command palette key on the right)
as one piece of content; a click on a key presses it, as with `Footer`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from textual import events
from textual.content import Content
from textual.widget import Widget


class KeyBar(Widget, can_focus=False):
    """The screen's active, shown bindings (disabled ones dimmed, hidden ones left out)."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self._spans: list[tuple[int, int, str, bool]] = []  # start, end, key, enabled
        self._shown: tuple[tuple[str, str, str, bool], ...] | None = None
        self._keys: tuple[tuple[str, str, str, bool], ...] = ()
        self._palette: tuple[str, str, str, bool] | None = None
        self._actions: tuple[str, ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: object) -> None:
        if self.is_attached and screen is self.screen:
            self.update_keys()

    def update_keys(self) -> None:
        """Read the screen's active bindings; redraw only if what is shown changed."""
        app = self.app
        active = self.screen.active_bindings
        keys: dict[str, tuple[str, str, str, bool]] = {}
        # a screen may say a key differently now ("1-3" when three lines are offered),
        # or what it does (a question's own answers: "y Leave", not "y Yes")
        now = getattr(self.screen, "key_display", None)
        does = getattr(self.screen, "key_description", None)
        # and a click may press another key that does the same ("enter" for space where
        # space is typed as a letter)
        press = getattr(self.screen, "key_to_press", None)
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in keys:
                keys[binding.action] = (
                    (press(binding) if press else None) or binding.key,
                    (now(binding) if now else None) or app.get_key_display(binding),
                    (does(binding) if does else None) or binding.description,
                    enabled,
                )
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = (binding.key, app.get_key_display(binding), binding.description, enabled)
            keys.pop(binding.action, None)
        shown = (*keys.values(), *((palette,) if palette else ()))
        if shown != self._shown:
            self._shown = shown
            self._keys = tuple(keys.values())
            self._actions = tuple(keys)
            self._palette = palette
            self.refresh()

    @staticmethod
    def _item(display: str, description: str, enabled: bool, lead: str = " ") -> Content:
        dim = "" if enabled else " dim"
        return Content.assemble(
            (f"{lead}{display} ", f"bold $footer-key-foreground{dim}"),
            (f"{description} ", f"$footer-description-foreground{dim}"),
        )

    def render(self) -> Content:
        if self._shown is None:
            self.update_keys()
        # one space between keys, not two, when two do not fit: at 60 columns "? Help", the
        # last key and the one that explains the others, was cut to "?" in a conversation
        # and left out of a past run's debrief (trainee44)
        wide = sum(self._item(d, t, e).cell_length for _k, d, t, e in self._keys)
        tight = wide > self.size.width > 0
        shown = self._fitted(list(self._keys)) if tight else list(self._keys)
        parts: list[Content] = []
        spans: list[tuple[int, int, str, bool]] = []
        x = 0
        for n, (key, display, description, enabled) in enumerate(shown):
            lead = "" if tight and n else " "
            item = self._item(display, description, enabled, lead)
            spans.append((x, x + item.cell_length, key, enabled))
            parts.append(item)
            x += item.cell_length
        line = Content("").join(parts)
        if self._palette is not None:
            key, display, description, enabled = self._palette
            item = Content.assemble(
                ("▏", "$foreground 20%"), self._item(display, description, enabled)
            )
            start = self.size.width - item.cell_length
            if start > line.cell_length:
                line = line + Content(" " * (start - line.cell_length)) + item
                spans.append((start, start + item.cell_length, key, enabled))
        self._spans = spans
        return line

    def _fitted(self, keys: list[tuple[str, str, str, bool]]) -> list[tuple[str, str, str, bool]]:
        """`keys`, set one space apart, made to fit the bar when they do not as they are.

        At 60 to 66 columns (a 600x400 browser window) the progress screen's bar still
        ran past the edge one space apart: "... esc Library ^q Quit ?", its "Help" cut,
        or both gone (browser44). First the first description of several words is cut to
        its first word ("PgDn More"), then Quit goes (the palette and the help both give
        it), then the other descriptions are cut to a word, left to right, until they fit.
        """
        room = self.size.width
        dropped: set[int] = set()

        def width() -> int:
            items = (self._item(d, t, e, "") for n, (_k, d, t, e) in enumerate(keys))
            return 1 + sum(it.cell_length for n, it in enumerate(items) if n not in dropped)

        def shorten(n: int) -> None:
            key, display, description, enabled = keys[n]
            keys[n] = (key, display, description.split(" ")[0], enabled)

        several = [n for n, k in enumerate(keys) if " " in k[2]]
        steps: list[Callable[[], None]] = []
        if several:
            steps.append(functools.partial(shorten, several[0]))
        if "quit" in self._actions:
            steps.append(functools.partial(dropped.add, self._actions.index("quit")))
        steps += [functools.partial(shorten, n) for n in several[1:]]
        for step in steps:
            if width() <= room:
                break
            step()
        return [k for n, k in enumerate(keys) if n not in dropped]

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, key, enabled in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return

"""Textual's command palette with two of its races closed (Textual 8.2.8).

Both were found by random keys and lose the trainee's conversation; each has a
reproduction against plain Textual in `benchmarks/textual_palette_races.py`
(to report upstream), and `tests/tui/test_keys_and_sizes.py` checks that this app
survives them:

1. PageDown (or PageUp) within ~20 ms of ctrl+p, before the palette's list has
   been laid out: `OptionList._move_page` looks the highlighted option up in a
   line table that is still empty, `KeyError: 0`.
2. Two Enters delivered together once the palette is open: the first runs the
   command and dismisses the palette, the second reaches the palette's input
   (already queued there) and dismisses again, popping the screen under it (the
   conversation) or, on the last screen, raising `ScreenStackError`.
3. The palette closed by something else (a screen popped under a search) while
   its search worker runs: the worker's results land on a palette whose widgets
   are gone, `NoMatches: No nodes match 'CommandList'` (found once by the
   20,000-key monkey; not yet reduced to a plain-Textual reproduction). The
   worker itself starts with that query, so one started as the palette went
   crashed the same way (adversarial-5's monkey, on the replay screen at 10
   columns): it now ends quietly when the palette's widgets are gone.
4. ctrl+p while a palette is closing (see `PaletteMixin.action_command_palette`).
"""

from __future__ import annotations

from textual import work
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Button, Input, OptionList

from sim.tui.textual_internals import palette_option_laid_out
from sim.tui.widgets.plain_input import plain_value

PAGING = {"page_down", "page_up"}


class SafeCommandPalette(CommandPalette):
    """The command palette, ignoring what arrives after it closed or before it is drawn."""

    def on_mount(self) -> None:
        # its search box draws a paste as it came: cleaned as set, like PlainInput
        for box in self.query(Input):
            box.validate_value = plain_value  # type: ignore[attr-defined]

    # -- 2: a second selection after the palette closed ------------------------------
    async def _on_message(self, message: Message) -> None:
        # A selection handled after the palette left the screen stack would
        # dismiss a second time (and run the command twice): drop it.
        if self.app.screen is not self and isinstance(
            message, (Input.Submitted, Button.Pressed, OptionList.OptionSelected)
        ):
            message.stop()
            return
        await super()._on_message(message)

    # -- 3: results of a search that outlived the palette's widgets ---------------
    def _still_here(self) -> bool:
        return self.is_attached and bool(self.query(CommandList))

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        if not self._still_here():
            return
        try:
            await CommandPalette._gather_commands.__wrapped__(self, search_value)  # type: ignore[attr-defined]
        except NoMatches:
            if self._still_here():
                raise  # not the palette closing under it: a real error

    def _refresh_command_list(self, command_list, commands, clear_current) -> None:  # type: ignore[no-untyped-def]
        if self._still_here():
            super()._refresh_command_list(command_list, commands, clear_current)

    def _watch__list_visible(self) -> None:
        if self._still_here():
            super()._watch__list_visible()

    async def _watch__show_busy(self) -> None:
        if self._still_here():
            await super()._watch__show_busy()

    async def _on_unmount(self) -> None:
        self._cancel_gather_commands()
        await super()._on_unmount()

    # -- 1: paging before the list has a size ----------------------------------------
    def _action_command_list(self, action: str) -> None:
        if action in PAGING:
            commands = self.query_one(CommandList)
            highlighted = commands.highlighted or 0
            if not palette_option_laid_out(commands, highlighted):
                return  # not laid out yet: there is no page to move by
        super()._action_command_list(action)


class PaletteMixin:
    """Mixed into `PeerSimApp`: every palette the app opens is a `SafeCommandPalette`."""

    def action_command_palette(self) -> None:
        """ctrl+p: the palette, unless one is open.

        4. Esc and ctrl+p in one read: the closing palette was off the screen stack, so
        Textual's `is_open` said no, but not yet removed, and a second one under the
        same fixed id (Textual's "--command-palette") raised DuplicateIds and ended the
        app (the resume-list monkey found it). The palette has no fixed id here, as
        the theme and command searches have none: the new one opens as the old goes."""
        open_already = SafeCommandPalette.is_open(self)  # type: ignore[arg-type]
        if self.use_command_palette and not open_already:  # type: ignore[attr-defined]
            self.push_screen(SafeCommandPalette())

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(
            SafeCommandPalette(providers=[ThemeProvider], placeholder="Search for themes…")
        )

    def search_commands(self, commands, placeholder="Search for commands…"):  # type: ignore[no-untyped-def]
        from textual.command import SimpleProvider

        return self.push_screen(
            SafeCommandPalette(
                providers=[SimpleProvider(self.screen, commands)], placeholder=placeholder
            )
        )

"""Every reach into Textual's private API is in sim/tui/textual_internals.py, and still works.

Textual can rename a private name in any release. Each function here runs against
the installed Textual, so an upgrade that breaks one fails this file by the
function's name rather than in front of a trainee. The scans fail when new code
reaches into a private name outside that module, or overrides a private method
this file does not list (an override of a method Textual renamed is dead code
that nothing else notices).
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import io
import pkgutil
import tokenize
from pathlib import Path

import textual
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.containers import VerticalScroll
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.geometry import Size
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

import sim.tui
from sim.tui import textual_internals as internals
from tests.tui.helpers import until

TUI = Path(sim.tui.__file__).parent

# Private methods of Textual classes that the app overrides, with why there is no
# public way. Each must still exist on the Textual class, or the override does nothing.
OVERRIDES = {
    # no public hook for an error in a handler; closing-time NoMatches is not a crash
    ("PeerSimApp", "_handle_exception"),
    # the command palette's races (palette.py; reproductions in benchmarks/)
    ("SafeCommandPalette", "_on_message"),
    ("SafeCommandPalette", "_gather_commands"),
    ("SafeCommandPalette", "_refresh_command_list"),
    ("SafeCommandPalette", "_watch__list_visible"),
    ("SafeCommandPalette", "_watch__show_busy"),
    ("SafeCommandPalette", "_on_unmount"),
    ("SafeCommandPalette", "_action_command_list"),
    # SIGTSTP / SIGCONT one at a time (stops.py): the driver's signal handlers
    ("SteadyDriver", "_sigtstp_application"),
    ("SteadyDriver", "_sigcont_application"),
    # Input's key and paste handling, extended, not replaced
    ("WordsInput", "_on_key"),
    ("PlainInput", "_on_key"),
    ("PlainInput", "_on_paste"),
    # the own-words box stamps a paste's time, then PlainInput's _on_paste takes it
    ("WordsInput", "_on_paste"),
    # the transcript stays at its end in the frame its height changes
    ("Transcript", "_size_updated"),
}

# What an override above needs of its own method's surroundings: the palette's
# `_gather_commands` runs Textual's body in Textual's worker group, and cancels it
# as Textual's own unmount does.
OVERRIDE_PARTS = {
    "palette.py: CommandPalette._GATHER_COMMANDS_GROUP",
    "palette.py: CommandPalette._gather_commands",
    "palette.py: self._cancel_gather_commands",
}


def _sim_tui_classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(sim.tui.__path__, "sim.tui."):
        module = importlib.import_module(info.name)
        found += [
            c for c in vars(module).values() if inspect.isclass(c) and c.__module__ == info.name
        ]
    return found


def _private_overrides() -> set[tuple[str, str]]:
    """(class, method) for each private method a sim.tui class (or a mixin it takes)
    defines that a Textual class further along its MRO also defines."""
    seen = set()
    for cls in _sim_tui_classes():
        mro = cls.__mro__
        for i, owner in enumerate(mro):
            if not owner.__module__.startswith("sim."):
                continue
            textual_later = [b for b in mro[i + 1 :] if b.__module__.startswith("textual")]
            for name, value in vars(owner).items():
                if not name.startswith("_") or name.startswith("__"):
                    continue
                if not (inspect.isfunction(value) or inspect.iscoroutinefunction(value)):
                    continue
                if any(name in vars(b) for b in textual_later):
                    seen.add((owner.__name__, name))
    return seen


def test_each_private_method_the_app_overrides_is_listed_and_still_in_textual() -> None:
    found = _private_overrides()
    assert found - OVERRIDES == set(), "a new override of a private Textual method: list it here"
    assert OVERRIDES - found == set(), (
        "Textual no longer has these private methods, so the app's overrides of them do "
        "nothing: find what replaced them"
    )


def _textual_private_names() -> set[str]:
    names: set[str] = set()
    for path in Path(textual.__file__).parent.rglob("*.py"):
        tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline))
        for before, token in zip(tokens, tokens[1:], strict=False):
            named = token.type == tokenize.NAME and token.string.startswith("_")
            if named and before.string in (".", "def"):
                names.add(token.string)
    return {n for n in names if not n.startswith("__")}


def _attribute_uses(path: Path) -> list[tuple[int, str, str]]:
    """(line, object, name) for each `object._name` in code (not strings or comments)."""
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline))
    uses = []
    for owner, dot, name in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if dot.string == "." and name.type == tokenize.NAME and name.string.startswith("_"):
            uses.append((name.start[0], owner.string, name.string))
    return uses


def _own_names() -> set[str]:
    """Private names the app's own code defines (def, or assigned on self)."""
    own: set[str] = set()
    for path in TUI.rglob("*.py"):
        if path.name == "textual_internals.py":
            continue
        tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline))
        for i, token in enumerate(tokens[:-1]):
            nxt = tokens[i + 1]
            if token.string == "def" and nxt.string.startswith("_"):
                own.add(nxt.string)
            if (
                token.string == "self"
                and nxt.string == "."
                and i + 3 < len(tokens)
                and tokens[i + 3].string in ("=", ":")
            ):
                own.add(tokens[i + 2].string)
    return own


def test_no_private_textual_attribute_is_read_outside_the_internals_module() -> None:
    private = _textual_private_names()
    own = _own_names()
    stray = []
    for path in sorted(TUI.rglob("*.py")):
        if path.name == "textual_internals.py":
            continue
        for line, owner, name in _attribute_uses(path):
            if name in private and name not in own and owner != "os":
                # super()._x(...) inside a listed override calls Textual's own method
                if owner == ")" and any(name == n for _, n in OVERRIDES):
                    continue
                if f"{path.relative_to(TUI)}: {owner}.{name}" in OVERRIDE_PARTS:
                    continue
                stray.append(f"{path.relative_to(TUI)}:{line}: {owner}.{name}")
    assert stray == [], f"use a public API, or add a function to textual_internals.py: {stray}"


def test_the_scan_finds_a_private_read() -> None:
    """The scan above can fail: it sees `self.app._notifications` in code."""
    import tempfile

    with tempfile.TemporaryDirectory() as work:
        probe = Path(work) / "probe.py"
        probe.write_text("x = self.app._notifications  # '._unnotify' in a comment\n")
        uses = _attribute_uses(probe)
    assert [(owner, name) for _, owner, name in uses] == [("app", "_notifications")]
    assert "_notifications" in _textual_private_names()


# -- each function of textual_internals against the installed Textual ------------------


class Probe(App[None]):
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="probe.quit")]

    def compose(self) -> ComposeResult:
        yield OptionList(
            Option("Heading\nsecond line", disabled=True),
            Option("First"),
            Option("Second\nwraps\nthree"),
        )
        with VerticalScroll(id="scroll"):
            for n in range(60):
                yield Static(f"line {n}")


async def test_toasts_showing_and_take_down_toast() -> None:
    app = Probe()
    async with app.run_test(notifications=True) as pilot:
        app.notify("one", title="A")
        app.notify("two", title="B")
        await pilot.pause()
        showing = internals.toasts_showing(app)
        assert [(n.title, n.message) for n in showing] == [("A", "one"), ("B", "two")]
        internals.take_down_toast(app, showing[0])
        await pilot.pause()
        assert [n.title for n in internals.toasts_showing(app)] == ["B"]


async def test_going() -> None:
    app = Probe()
    async with app.run_test() as pilot:
        scroll = app.query_one("#scroll")
        line = scroll.query(Static).first()
        assert not internals.going(line) and not internals.going(scroll)
        removed = scroll.remove()  # pruned, children first: each is going as it starts
        assert internals.going(line) and internals.going(scroll)
        await removed
        await pilot.pause()
        assert internals.going(line)


async def test_is_exiting() -> None:
    app = Probe()
    async with app.run_test():
        assert internals.is_exiting(app) is False
        app.exit()
        assert internals.is_exiting(app) is True


async def test_refresh_truecolor_filter_and_app_bindings() -> None:
    app = Probe()
    async with app.run_test() as pilot:
        internals.refresh_truecolor_filter(app)  # raises if the name or its argument changed
        assert "ctrl+q" in internals.app_bindings(app).key_to_bindings
        app.set_keymap({"probe.quit": "ctrl+x"})
        await pilot.pause()
        remapped = internals.app_bindings(app).key_to_bindings
        assert "ctrl+x" in remapped and "ctrl+q" not in remapped
        assert [b.action for b in remapped["ctrl+x"]] == ["quit"]


async def test_option_span_and_palette_option_laid_out() -> None:
    app = Probe()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        assert internals.option_span(options, 0) == (0, 2)
        assert internals.option_span(options, 1) == (2, 1)
        assert internals.option_span(options, 2) == (3, 3)
        assert internals.option_span(options, 9) is None
        assert internals.palette_option_laid_out(options, 2) is True
        assert internals.palette_option_laid_out(options, 9) is False


async def test_anchor_released_and_hold_anchor() -> None:
    app = Probe()
    async with app.run_test(size=(40, 10)) as pilot:
        scroll = app.query_one("#scroll", VerticalScroll)
        scroll.anchor()
        await pilot.pause()
        assert internals.anchor_released(scroll) is False
        scroll.release_anchor()
        assert internals.anchor_released(scroll) is True
        internals.hold_anchor(scroll)
        assert internals.anchor_released(scroll) is False
        assert scroll.is_anchored


async def test_refresh_scrollbars() -> None:
    app = Probe()
    async with app.run_test(size=(40, 10)) as pilot:
        scroll = app.query_one("#scroll", VerticalScroll)
        await pilot.pause()
        assert scroll.show_vertical_scrollbar  # 60 lines in fewer rows
        scroll.set_reactive(VerticalScroll.virtual_size, Size(scroll.size.width, 1))
        assert scroll.show_vertical_scrollbar  # set without a layout: Textual does not look
        internals.refresh_scrollbars(scroll)
        assert not scroll.show_vertical_scrollbar


async def test_the_driver_functions() -> None:
    app = Probe()
    async with app.run_test():
        driver = LinuxDriver(app)
        assert internals.driver_auto_restarts(driver) is True
        assert driver._must_signal_resume is False  # what resume_signal_due sets
        internals.resume_signal_due(driver)
        assert driver._must_signal_resume is True
        size = Size(33, 11)  # a size from the input thread reaches the app
        await asyncio.to_thread(internals.post_from_thread, driver, events.Resize(size, size))
        await until(lambda: app.size == size)
        assert app.size == size
        internals.end_app_from_thread(driver)
        assert isinstance(driver, Driver)
    assert app.return_code == 0  # the app did exit


async def test_messages_waiting_and_input_read_last() -> None:
    import time

    from sim.tui.stops import SteadyDriver

    app = Probe()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert internals.messages_waiting(app) == 0
        app.post_message(events.Key("a", "a"))
        app.post_message(events.Key("b", "b"))
        assert internals.messages_waiting(app) == 2
        await pilot.pause()
        assert internals.messages_waiting(app) == 0
        assert internals.input_read_last(app) == float("-inf")  # the headless driver
        driver = SteadyDriver(app)  # stamps the input it passes on, as the app's does
        before = time.monotonic()
        driver.process_message(events.Key("c", "c"))
        assert driver.last_input >= before
        app._driver, headless = driver, app._driver
        try:
            assert internals.input_read_last(app) == driver.last_input
        finally:
            app._driver = headless


def test_public_replacements_still_exist() -> None:
    """What the app moved to from private names: if these go, the app fails at once."""
    assert hasattr(App, "theme_changed_signal") or "theme_changed_signal" in inspect.getsource(
        App.__init__
    )
    assert callable(OptionList.get_option_at_index)
    assert isinstance(inspect.getattr_static(OptionList, "is_anchored"), property)
    assert callable(CommandPalette) and callable(Input)


def test_page_keys_on_the_library_list_wait_for_its_layout():
    """A page key just after the list was rebuilt with no room to lay it out (a resize, the
    too-small notice) raised KeyError in OptionList._move_page (tui_monkey seed 31, 2000
    keys), losing the session. The library's list skips the key until it is laid out, and
    pages as usual once it is."""
    from sim.tui.screens.library import ScenarioList

    class Listed(App):
        def compose(self) -> ComposeResult:
            yield ScenarioList(*[f"option {i}" for i in range(30)])

    async def scenario() -> tuple[int | None, int | None]:
        app = Listed()
        async with app.run_test(size=(60, 20)) as pilot:
            options = app.query_one(ScenarioList)
            options.display = False  # no room: nothing can be laid out
            await pilot.pause()
            options.clear_options()
            options.add_options([f"again {i}" for i in range(30)])
            options.highlighted = 14
            options.action_page_down()  # raised KeyError: 14
            options.action_page_up()
            skipped = options.highlighted
            options.display = True
            await pilot.pause()
            options.action_page_down()
            return skipped, options.highlighted

    skipped, paged = asyncio.run(scenario())
    assert skipped == 14
    assert paged is not None and paged > 14


def test_parser_clock_and_end_parser_wait() -> None:
    from textual._xterm_parser import XTermParser

    from sim.tui.textual_internals import end_parser_wait, parser_clock

    while XTermParser.__name__ == "GuardedParser":  # paste.install ran in this process
        XTermParser = XTermParser.__mro__[1]  # noqa: N806
    parser = XTermParser()
    assert list(parser.feed("\x1b")) == [] and list(parser.tick()) == []  # waiting
    before = parser_clock()
    end_parser_wait(parser)
    assert [e.key for e in parser.tick()] == ["escape"]
    assert parser_clock() >= before
    end_parser_wait(parser)  # no wait: nothing to end
    assert list(parser.tick()) == []

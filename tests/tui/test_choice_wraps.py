"""A key that only moves the highlight wraps no choice again (tui38).

Every ↓ re-wrapped every choice: the layout asked for the list's height at its full
width, the lines were drawn one cell narrower beside the scrollbar, and each width
change wrapped them all anew (~3 s a key at 2,000 choices before the 50-choice cap).
Each choice's lines are now kept per width. Counted, not timed: the cost is in
benchmarks/tui_choice_keys.py.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.content import Content

from sim.model.scenario import MAX_CHOICES
from sim.tui.widgets.choices import Choice, ChoiceList

LINE = "I want to understand what would make the next few days feel more manageable for you. "


def choices(count: int, tag: str = "") -> list[Choice]:
    return [
        Choice(f"c{i}", Content(f"{tag}{LINE * (1 + i % 3)}#{i}"), str(1 + i % 9))
        for i in range(count)
    ]


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        with Vertical():
            yield ChoiceList()

    def on_mount(self) -> None:
        lst = self.query_one(ChoiceList)
        lst.set_choices(choices(MAX_CHOICES))
        lst.focus()


def count_wraps(monkeypatch) -> list[str]:
    wrapped: list[str] = []
    real = ChoiceList._strips_for

    def counted(self, choice, width, style):  # type: ignore[no-untyped-def]
        wrapped.append(choice.id)
        return real(self, choice, width, style)

    monkeypatch.setattr(ChoiceList, "_strips_for", counted)
    return wrapped


async def test_moving_the_highlight_through_fifty_choices_wraps_none(monkeypatch) -> None:
    app = ListApp()
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lst = app.query_one(ChoiceList)
        assert lst.max_scroll_y > 0  # the list scrolls: its scrollbar takes a column
        wrapped = count_wraps(monkeypatch)
        for _ in range(MAX_CHOICES + 3):  # down past the end and round to the top again
            await pilot.press("down")
        await pilot.press("end", "up", "home")
        await pilot.pause()
        assert wrapped == []
        assert lst.highlighted == 0
        first, count = lst._line_span(MAX_CHOICES - 1)  # the spans still match the rows
        assert lst._rows[first : first + count] == [MAX_CHOICES - 1] * count
        assert first + count == len(lst._rows)


async def test_new_choices_and_a_new_width_are_wrapped_anew(monkeypatch) -> None:
    """The lines kept are for these choices at this width: new ones are wrapped."""
    app = ListApp()
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lst = app.query_one(ChoiceList)
        wrapped = count_wraps(monkeypatch)
        lst.set_choices(choices(3, tag="New: "))
        await pilot.pause()
        assert sorted(set(wrapped)) == ["c0", "c1", "c2"]
        assert all(len(k[1].plain) and k[1].plain.startswith("New: ") for k in lst._wrapped)
        wrapped.clear()
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        assert sorted(set(wrapped)) == ["c0", "c1", "c2"]
        assert {w for _, _, w in lst._wrapped} >= {lst._width}
        assert all(cell <= 70 for cell in (s.cell_length for s in lst._strips))

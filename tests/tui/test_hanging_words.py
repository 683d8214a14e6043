"""Words held together (a no-break space) never cut mid-word in a narrow row."""

from __future__ import annotations

from textual.content import Content

from sim.tui.widgets.hanging import KEEP, bullet_hang, hang_lines


def test_words_held_together_wider_than_the_row_wrap_at_a_space_not_mid_word() -> None:
    # browser44: the library's "ended: I'll think about it (poor)", the title held whole
    # with its outcome, was 25 columns in a row of 24 (a 600x400 browser window): it was
    # cut mid-word, "(poo" on one row and "r)" on the next.
    held = KEEP.join(["I'll", "think", "about", "it", "(poor)"])
    entry = Content(f"First Meeting\n✓ completed once · ended: {held}")
    lines = [line.plain for line in hang_lines(entry, 24, bullet_hang)]
    assert all(len(line) <= 24 for line in lines), lines
    words = " ".join(lines).replace(KEEP, " ").split()
    said = "First Meeting ✓ completed once · ended: I'll think about it (poor)"
    assert words == said.split(" "), lines
    # as much as fits stays together: the outcome with the words before it
    assert any(line.strip() == "think about it (poor)" for line in lines), lines


def test_words_held_together_that_fit_still_wrap_as_one() -> None:
    # small40: "ended: In the / middle (mixed)" split a title; held, it moves on whole
    held = KEEP.join(["In", "the", "middle", "(mixed)"])
    lines = [line.plain for line in hang_lines(Content(f"ended: {held}"), 22, bullet_hang)]
    assert lines == ["ended:", "In the middle (mixed)"], lines

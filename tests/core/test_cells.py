"""Terminal columns (sim/cells.py): widths and wrapping that hold for CJK, emoji and marks.

`len()` counts characters; a terminal draws '李' in two columns and a combining accent
in none. Rich (which draws the app) is the measure the tests hold the rule to, so the
plain outputs and the app agree on how wide a name is.
"""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from sim.cells import cells, clusters, fit, wrap

ODD = [
    "李雷", "ｆｕｌｌ", "\u3000", "Zoë", "Zoe\u0301", "\u0917\u0941\u0930\u0941",
    "\u0639\u0644\u06cc\u200c\u0631\u0636\u0627", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\u2764\ufe0f", "\U0001f44d\U0001f3fd", "\U0001f1fa\U0001f1f8", "1\ufe0f\u20e3",
    "\u1100\u1161\u11a8", "가", "a\u200bb", "\U0001f3f3\ufe0f\u200d\U0001f308", "你好。",
    "Ана", "שלום", "مرحبا", "ก่", "e\u0301\u0301\u0301",
]  # fmt: skip


@pytest.mark.parametrize("text", ODD)
def test_columns_are_counted_as_rich_draws_them(text: str) -> None:
    assert cells(text) == cell_len(text)


@pytest.mark.parametrize("text", ODD)
def test_a_cut_name_keeps_whole_characters_and_fits(text: str) -> None:
    for width in range(1, 8):
        out = fit(text * 3, width)
        assert cell_len(out) == width or (width == 1 and cell_len(out) <= 2), (width, out)
        kept = out.rstrip(" ").removesuffix("…")
        assert (text * 3).startswith(kept)
        assert [p for p, _ in clusters(kept)] == [p for p, _ in clusters(text * 3)][
            : len(clusters(kept))
        ]


ascii_text = st.text(alphabet="ab cd  e-f\tgh\nijklmnop ", max_size=80).map(str.lstrip)


@settings(max_examples=300, deadline=None)
@given(
    ascii_text,
    st.integers(8, 40),
    st.sampled_from(["", "  ", "- "]),
    st.sampled_from(["", "  ", "    "]),
    st.booleans(),
)
def test_plain_ascii_wraps_as_textwrap_does(text, width, first, later, long_words) -> None:
    # every English line the debrief, player and report printed is unchanged
    expected = textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=later,
        break_on_hyphens=False, break_long_words=long_words,
    )  # fmt: skip
    assert wrap(text, width, first, later, long_words) == expected


pieces = st.sampled_from([*ODD, "word", "a", "long-word", " ", " ", "  ", "\n", "。", "、"])


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=40).map("".join), st.integers(1, 30), st.booleans())
def test_wrapped_lines_fit_keep_every_character_and_never_split_one(text, width, long_words):
    lines = wrap(text, width, "", "  ", long_words)
    whole = [p for p, _ in clusters(text.replace("\n", " ")) if p != " "]
    assert [p for line in lines for p, _ in clusters(line) if p != " "] == whole
    for line in lines:
        body = line.removeprefix("  ")
        if cell_len(line) <= width:
            continue
        # past the width only when nothing smaller was left to put on the line: one
        # character (and its marks) when words may be cut, else one word
        if long_words:
            assert len(clusters(body)) == 1, (line, width)
        else:
            assert " " not in body, (line, width)


def test_cjk_text_breaks_between_characters_not_before_closing_punctuation() -> None:
    text = "我们今天谈一谈你的计划。你觉得怎么样？" * 4
    lines = wrap(text, 20, break_long_words=False)
    assert all(cell_len(line) <= 20 for line in lines)
    assert "".join(lines) == text
    assert not any(line.startswith(("。", "？")) for line in lines)


def test_tiny_widths_and_wide_indents_end() -> None:
    # textwrap itself loops forever on ' gngib' at width 1 with a two-space indent
    for width in range(1, 5):
        assert wrap(" gngib 李雷", width, "  ", "    ")
        assert wrap("李", width, "      ", "      ", False) == ["      李"]


def test_a_word_wider_than_many_lines_is_measured_once_not_once_per_line(monkeypatch) -> None:
    """Each line cut off a word wider than a line measured the whole rest of it again: a
    100,000-character word (a hand-edited exported run's line) was read some 1,300 times
    over, and `replay --plain` of such a run did not end (adv28). Counted in characters
    measured, not timed."""
    import sim.cells as module

    measured: list[int] = []
    real = module.clusters

    def counting(text: str) -> list[tuple[str, int]]:
        measured.append(len(text))
        return real(text)

    monkeypatch.setattr(module, "clusters", counting)
    for word in ("y" * 30_000, "李" * 20_000, "e\u0301" * 15_000):
        measured.clear()
        lines = wrap(f"Said: {word} and then", 76, "  ", "    ")
        assert sum(measured) <= 3 * len(word) + 100, f"{sum(measured):,} characters measured"
        assert "".join(lines).replace(" ", "") == f"Said:{word}andthen"
        assert all(cells(line) <= 76 for line in lines)

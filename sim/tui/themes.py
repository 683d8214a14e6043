"""The app's two colour themes (dark and light); Textual's built-in ones stay available."""

from __future__ import annotations

from textual.theme import Theme

DEFAULT_THEME = "peer-sim"

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

"""Helpers the author-message tests (test_hints_*.py) share: lint a draft by code, find a line."""

from __future__ import annotations

from pathlib import Path

from sim.authoring.lint import lint
from tests.core.test_author_messages import loads

# an author's estranged-daughter scenario written from the README alone, kept for its hints
LETTER = (Path(__file__).parents[1] / "core" / "fixtures" / "the-letter.toml").read_text()
STRONG_WHEN = 'when = { min_trust = 60, flags = ["reflected"] }'


def codes(tmp_path: Path, text: str) -> dict[str, list]:
    """The draft's lint problems by code."""
    out: dict[str, list] = {}
    for p in lint(loads(tmp_path, text)):
        out.setdefault(p.code, []).append(p)
    return out


def lint_code(tmp_path: Path, text: str, code: str) -> list:
    """The draft's lint problems of one code."""
    return [p for p in lint(loads(tmp_path, text)) if p.code == code]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of `text` where `needle` first appears."""
    return text[: text.index(needle)].count("\n") + 1

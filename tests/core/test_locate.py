"""The locator's regex fast path must find exactly what the full walk finds."""

from __future__ import annotations

from pathlib import Path

import pytest

import sim.loading.locate as locate
from sim.loading import bundled_dir

FILES = [Path(__file__).parent / "fixtures" / "mini.toml", *sorted(bundled_dir().glob("*.toml"))]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_fast_path_agrees_with_the_walk(path, monkeypatch):
    text = path.read_text()
    fast = locate.Locator(text).positions
    monkeypatch.setattr(locate._Scanner, "simple_line", lambda self: False)
    slow = locate.Locator(text).positions
    assert fast == slow and len(fast) > 20

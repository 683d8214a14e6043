from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good.toml"


@pytest.fixture
def good_text() -> str:
    return GOOD.read_text()


@pytest.fixture
def make(tmp_path):
    """Write a scenario file (named after the scenario id) and load it."""

    def _make(text: str, name: str = "case"):
        from sim.loading import load_scenario

        path = tmp_path / f"{name}.toml"
        path.write_text(text)
        return load_scenario(path)

    return _make

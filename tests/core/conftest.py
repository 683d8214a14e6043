from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def mini():
    from sim.loading import load_scenario

    return load_scenario(FIXTURES / "mini.toml")


@pytest.fixture
def mini_text() -> str:
    return (FIXTURES / "mini.toml").read_text()

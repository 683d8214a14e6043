"""The author guide's example must stay a valid, playable scenario."""

from __future__ import annotations

import re
from pathlib import Path

from sim.engine import Run
from sim.loading import load_scenario

README = Path(__file__).parents[2] / "README.md"


def example() -> str:
    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(), re.S)
    return next(b for b in blocks if 'title = "First Visit"' in b)


def test_readme_example_loads_and_plays(tmp_path):
    path = tmp_path / "first-visit.toml"
    path.write_text(example())
    scenario = load_scenario(path)
    run = Run.begin(scenario)
    run.choose(1)
    run.settle()
    run.choose(1)
    assert run.over and run.ending.outcome in {"strong", "mixed", "poor"}

"""Random keys over the classroom's name prompt, then the app under that name: nothing
raises, nothing is played before a name, every run is under the name taken, none lost.

(tests/tui/name_prompt_monkey.py; benchmarks/tui_name_prompt_monkey.py runs thousands
of keys.)
"""

from __future__ import annotations

from sim.loading import bundled_dir, load_library
from tests.tui.helpers import bundled_app
from tests.tui.name_prompt_monkey import name_monkey

SCENARIOS = load_library([bundled_dir()]).scenarios


async def test_the_name_prompt_survives_a_hurried_class(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # the palette's "Save screenshot" writes here
    report = await name_monkey(bundled_app, SCENARIOS, sessions=3, keys=150, seed=1717)
    assert len(report.names) >= 2 and report.prompt_keys >= 30, report
    assert "TraineePrompt" in report.screens and report.finished, report

"""Random keys over the question about several runs left off: nothing raises, no run is lost.

The list (`ResumeChoice`) is new and answered in a hurry: Enter and ctrl+p in bursts,
numbers past its end, Esc, resizes, the app quit and started again with more runs
left off each time (tests/tui/resume_monkey.py; benchmarks/tui_resume_monkey.py runs
thousands of keys). Every run left off stays recorded, and the library's "↻ left
off" marks say what the records hold whenever it is shown again.
"""

from __future__ import annotations

from sim.loading import bundled_dir, load_library
from tests.tui.helpers import bundled_app
from tests.tui.resume_monkey import resume_monkey

SCENARIOS = load_library([bundled_dir()]).scenarios


async def test_the_list_of_runs_left_off_survives_hurried_keys(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # the palette's "Save screenshot" writes here
    report = await resume_monkey(bundled_app, SCENARIOS, sessions=3, keys=120, seed=1616)
    assert report.lists_shown >= 2 and "ResumeChoice" in report.screens, report
    assert len(report.left) >= 6 and report.marks_checked, report
    assert report.palettes and report.resizes, report

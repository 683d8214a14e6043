"""Class summary lines as `peer-sim report` builds them, for the tests that lay them out.

Rows written by hand ("1 finished (0 / 1 / 0), 1 scenario; ...") fell behind the builder
when it came to name the scenarios ("1 scenario (First Meeting)", report39): a layout test
then tested a row the report never prints. These come from `sim.records.class_text.lines`.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sim.records.class_text import lines
from sim.records.classroom import summarise
from sim.records.store import StoredDecision, StoredRun

TITLES = {"boundaries": "Keep warm, clear boundaries", "empowerment": "Empower, don't direct"}


def finished_run(
    rid: int,
    trainee: str,
    *,
    scenario: tuple[str, str] = ("first-meeting", "First Meeting"),
    mode: str = "practice",
    outcome: str = "mixed",
    seconds: int = 76,
    verdicts: tuple[dict[str, str], ...] = (
        {"boundaries": "honours"},
        {"boundaries": "undermines"},
        {"boundaries": "honours"},
        {"boundaries": "undermines"},
    ),
    ended: str = "2026-11-30T21:02:10+00:00",
) -> StoredRun:
    """One finished run of `trainee`'s, `seconds` long, with no critical slip."""
    end = datetime.fromisoformat(ended).astimezone(timezone.utc)
    start = (end - timedelta(seconds=seconds)).isoformat()
    decisions = [
        StoredDecision(i, "s", f"s#{i}", "line", 40, 40, 45, 45, v, "")
        for i, v in enumerate(verdicts, 1)
    ]
    sid, title = scenario
    return StoredRun(
        rid, f"00000000-0000-4000-8000-{rid:012d}", sid, title, "d", mode, "finished", "",
        start, end.isoformat(), end.isoformat(), {"choices": []}, "e", "An ending", outcome,
        50, 50, {"slips": []}, trainee=trainee, decisions=decisions,
    )  # fmt: skip


def report_lines(runs: list[StoredRun]) -> list[str]:
    """`peer-sim report`'s text for `runs` (no library: no scenario suggested)."""
    return lines(summarise(runs, [], TITLES))


def trainee_row(text_lines: list[str], name: str) -> str:
    """The trainee's line in `text_lines`."""
    return next(line for line in text_lines if line.startswith(f"  {name}: "))

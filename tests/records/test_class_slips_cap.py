"""The text class summary lists a trainee's newest critical slips, and counts the rest.

A class's store over years held 10,003 slips, one a line: 872 KB of text in
`report` and the app's class summary, every trainee after the first buried
(adversarial-10). CSV and JSON still carry every slip.
"""

from __future__ import annotations

from collections import Counter

from sim.records.class_export import to_data
from sim.records.class_text import SLIPS_SHOWN, lines
from sim.records.classroom import ClassSummary, Slip, TraineeSummary


def _summary(slips: int, undone: int) -> ClassSummary:
    many = TraineeSummary("Ann", finished=slips, outcomes=Counter(poor=slips))
    many.slips = [
        Slip(n, "First Meeting", "practice", 9, "confidentiality") for n in range(1, slips + 1)
    ]
    many.undone = [Slip(n, "First Meeting", "practice", 2, "safety") for n in range(1, undone + 1)]
    few = TraineeSummary("Bob", finished=2, outcomes=Counter(poor=2))
    few.slips = [Slip(n, "First Meeting", "practice", 3, "safety") for n in (100, 101)]
    return ClassSummary([many, few], {}, [], Counter(), [], [])


def test_a_trainee_s_newest_slips_are_listed_and_the_rest_counted() -> None:
    text = "\n".join(lines(_summary(1_250, 11)))
    ann = [line for line in text.splitlines() if line.startswith("  Ann: a breach")]
    assert len(ann) == SLIPS_SHOWN and ann[-1].endswith("run 1250, First Meeting (practice)")
    assert "Ann: 1,240 earlier critical slips, not listed here (`peer-sim runs` has them)" in text
    assert "Ann: 1 earlier critical slip, not listed" in text  # the 11 taken back
    assert text.count("  Bob: a safety slip") == 2 and "Bob: 0 earlier" not in text  # all, no count


def test_json_keeps_every_slip() -> None:
    data = to_data(_summary(1_250, 11), "2026-12-01T00:00:00+00:00")
    ann = next(t for t in data["trainees"] if t["name"] == "Ann")
    assert len(ann["critical_slips"]) == 1_250

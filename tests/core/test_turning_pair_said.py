"""A turning pair's second line is one the changed path offers: the debrief quotes both as
what the trainee could have said.

Review 34a: Ana's coach who shared the news late (news#1) and made a promise it cannot keep
was told that sharing on day one *and* saying "You're right. I've known since before last
week ... I'm sorry" (news#5, offered only when the news was held back) could have ended
well. On that path the apology is never offered; the replay played another line and
quoted this one.
"""

from __future__ import annotations

from tests.core.test_hostile_files import run_main

PATH = (
    "science-fair#1,news#1,promise#3,fall-apart#3,skip-last#2,manager-no#1,"
    "last-session-late#3,review#3,strengths#1,supports#2,stay-in-touch#2,coach-feelings#3,"
    "gift#2,goodbye#1"
)
APOLOGY = "I've known since before last week"


def test_a_pair_never_quotes_a_line_its_first_change_takes_off_the_table():
    code, out = run_main(["play", "ending-well", "--plain", "--choices", PATH])
    assert code == 0, out
    turning = " ".join(out.split("Turning points", 1)[1].split("To practise next", 1)[0].split())
    assert "Changing two together could have done it" in turning, turning
    assert APOLOGY not in turning, turning

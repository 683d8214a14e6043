"""A branching `next` whose fallback no run takes: the branch before it tests nothing.

Author test 35 wrote `next = [ { when = { min_trust = 0 }, goto = "ideas-welcome" }, { goto =
"handoff" } ]`; every run went down the first branch, the runs meant for the fallback were
never told apart, and `check` (which errs on a conditional branch never taken) said nothing,
because the exploration never recorded a branch without a `when` as taken.
"""

from __future__ import annotations

from tests.authoring.hints import codes, line_of
from tests.core.test_author_messages import MINI

SINGLE = 'next = "last"'


def branches(when: str) -> str:
    assert SINGLE in MINI
    return MINI.replace(
        SINGLE, f'next = [ {{ when = {when}, goto = "last" }}, {{ goto = "@outcome" }} ]'
    )


def test_a_fallback_no_run_takes_is_warned_at_it_with_the_meters_there(tmp_path):
    # trust reaches the bridge at 25 or more, so min_trust = 20 always holds
    text = branches("{ min_trust = 20 }")
    (p,) = codes(tmp_path, text)["fallback-never-taken"]
    assert p.severity == "warning"
    assert p.line == line_of(text, "next = [")
    assert p.key == "scenes.bridge.next[2]"
    assert "the fallback branch of next (branch 2, with no when) is never taken" in p.message
    assert "the when of branch 1 holds on every way there" in p.message
    assert "here trust 25..64" in p.hint and "remove the fallback branch" in p.hint


def test_a_fallback_some_run_takes_is_not_warned(tmp_path):
    # a run that pushed the agenda reaches the bridge at trust 25 or 29: it takes the fallback
    assert "fallback-never-taken" not in codes(tmp_path, branches("{ min_trust = 40 }"))

"""A line offered beside the model line never ranks with it by the debrief's own rule.

`strength()` ranks lines by the author's `best`, then fewest principles undermined, most
honoured, biggest meter gain. When a weaker line honours as many principles and gains as
much as the model line (or more), only the `best` flag tells them apart, and a trainee
who picked it reads "Stronger here" under a line the scoring itself does not rank above
theirs: the scoring looks arbitrary (lead's question, review 37b). return-to-use `wife#5`
honoured three principles to the model line's two; `shame#4` and be-my-sponsor
`sponsor-search#1` tied or beat it on honours.

Compared only where the model line has no `when`, so every other line of the scene is
offered beside it whenever that line is offered. A line held back by a `when` that keeps
it from the model line (a supervisor scene's account of a slip, offered in the model
line's place) answers a different run and is compared by `stronger_index` among the lines
actually offered. The six files review 37b read, then review 37a's six: the whole library.

The second test: a line that leaves a safety step undone says so in the note practice mode
shows, not only in the debrief.
"""

from __future__ import annotations

import re

import pytest

from sim.engine import strength
from sim.loading import bundled_dir, load_scenario

FILES = [
    "return-to-use",
    "be-my-sponsor",
    "check-in-call",
    "house-rules",
    "different-path",
    "first-days-out",
    # review 37a's six: culture `caseworker#3` (three honoured to two) is now the model
    # line; family `sit-down#1` also honours connection; medication `thinking#1` +3 trust
    "first-meeting",
    "crisis-moment",
    "family-pressure",
    "ending-well",
    "medication-in-the-ed",
    "culture-and-ceremony",
]


def _ties(name: str) -> list[str]:
    scenario = load_scenario(bundled_dir() / f"{name}.toml")
    found = []
    for sid, scene in scenario.scenes.items():
        for b, best in enumerate(scene.choices):
            if not best.best or best.when is not None:
                continue
            for i, other in enumerate(scene.choices):
                if i != b and strength(other)[1:] >= strength(best)[1:]:
                    found.append(
                        f"{sid}#{i + 1} {strength(other)[1:]} vs {sid}#{b + 1} {strength(best)[1:]}"
                    )
    return found


@pytest.mark.parametrize("name", FILES)
def test_no_line_beside_the_model_line_ranks_with_it_but_for_the_flag(name):
    assert _ties(name) == []


LEFT_UNDONE = re.compile(r"\bbut\b|;|\bnot\b|would have", re.IGNORECASE)


def _praise_only(name: str) -> list[str]:
    scenario = load_scenario(bundled_dir() / f"{name}.toml")
    found = []
    for sid, scene in scenario.scenes.items():
        for i, c in enumerate(scene.choices, 1):
            verdicts = c.principles
            if c.best or "undermines" in verdicts.values():
                continue
            safety_left = any(
                verdicts.get(p) == "neutral" for p in ("crisis-referral", "confidentiality")
            )
            if safety_left and not LEFT_UNDONE.search(c.coach_note()):
                found.append(f"{sid}#{i}: {c.coach_note()}")
    return found


@pytest.mark.parametrize("name", FILES)
def test_a_line_that_leaves_a_safety_step_undone_says_so_in_its_coach_note(name):
    """Practice mode shows the coach note, the why's first sentence unless `note` says
    otherwise. After Luis said he was not thinking of suicide, moving on without 988
    (return-to-use `answer#2`), or with "I'll never tell a soul, no matter what" still
    standing (`answer-promised#3`), read only "His answer was clear, so moving on isn't
    wrong.": what was left undone was in the debrief alone (brief §1 Crisis: do not promise
    secrecy; Confidentiality: never promise total secrecy)."""
    assert _praise_only(name) == []


def _strongest_offered(scene, flags: set[str]) -> int:
    """The 1-based number of the line `stronger_index` ranks first among those offered."""
    offered = [
        i
        for i, c in enumerate(scene.choices)
        if c.when is None or c.when.holds(50, 50, frozenset(flags), frozenset())
    ]
    return max(offered, key=lambda i: strength(scene.choices[i])) + 1


def test_crisis_988_the_open_text_to_lena_is_the_strongest_line_with_or_without_a_promise():
    """Review 37a. Sam asks what happens now; `call-988#2` (988 together, Lena later) was the
    model line. `#4` (Lena texted from the room, then 988 together) honoured three principles
    to its two, and with a secrecy promise standing (`#4` held back) `#5`, which owns the
    promise before texting Lena, was told `#2` was "Stronger here": a line that leaves the
    promise in place (brief §1 Crisis: do not promise secrecy; connect to professionals and
    the supervisor). The strongest line offered is the open text to Lena in both runs."""
    crisis = load_scenario(bundled_dir() / "crisis-moment.toml")
    scene = crisis.scenes["call-988"]
    assert _strongest_offered(scene, set()) == 4
    assert _strongest_offered(scene, {"promised-secrecy"}) == 5
    assert "Lena" in scene.choices[3].say and "wrong to promise" in scene.choices[4].say

"""The item-writing cues of every bundled scenario, pinned scene by scene at today's figures.

`check` warns when a cue passes its share in a file (`sim.authoring.items`: the best line
also the longest, the only question on offer, or in one place too often; `check --strict
scenarios` holds the bundled files to that, and test_library_content the library); `check --stats` prints each file's
figures ("the best line is the longest at 4 (24%)"). Under the thresholds, though, a content
edit could make one more best line the longest and nothing would say so: these tests read
every bundled scenario's actual lines with the same rules and compare with the figures below,
so a length (or question) cue brought back fails here naming the file, the line and the
scene, with the lengths that make it one.

The figures are today's (2026-12, as `peer-sim check --stats scenarios` prints them). A
scene that loses a cue fails too, so that the figures stay the ones `--stats` states: take
it out of the pin, as the message says. Question picking as a trainee does it is
test_question_cue_per_scenario's; the own-words cues read on bundled lines, test_cues'.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from sim.authoring.items import items
from sim.loading import bundled_dir, load_scenario
from sim.loading.where import Where


@dataclass(frozen=True)
class Pin:
    points: int  # decision points: scenes offering two or more lines
    longest: tuple[str, ...]  # scenes where the best line is strictly the longest
    only_question: tuple[str, ...]  # scenes where the best line is the only one asking
    position: tuple[int, int]  # the best line's commonest place (from 1), and how often
    two_lines: tuple[str, ...] = ()  # scenes offering only two lines


PINNED = {
    "be-my-sponsor": Pin(17, ("ask", "coffee"), ("what-she-wants", "instagram"), (2, 7)),
    "check-in-call": Pin(
        17,
        ("coming-over", "whatever", "not-like-that", "voicemail"),
        ("coming-over", "where"),
        (2, 5),
    ),
    "crisis-moment": Pin(
        21,
        ("on-the-line", "not-now", "means", "secret"),
        ("doorway", "on-the-line", "not-now", "supervisor", "close"),
        (2, 9),
    ),
    "culture-and-ceremony": Pin(
        14, ("distant", "home", "after-diagnosis"), ("pushback", "educator"), (2, 5)
    ),
    "different-path": Pin(12, ("your-way", "doing-it-wrong"), (), (2, 4)),
    "ending-well": Pin(
        16, ("promise", "manager-no", "no-show", "goodbye"), ("skip-last", "review"), (2, 6)
    ),
    "family-pressure": Pin(
        13, ("text-me", "family-offer", "mom-call"), ("at-desk", "release"), (3, 4)
    ),
    "first-days-out": Pin(15, ("clinic", "ray-again"), ("probation",), (3, 4)),
    "first-meeting": Pin(
        19,
        ("role-question", "overstep", "limits"),
        ("what-now", "share", "priorities", "offer", "phone-ask"),
        (1, 8),
    ),
    "house-rules": Pin(14, ("options",), ("gary-talk",), (1, 5)),
    "medication-in-the-ed": Pin(
        20,
        ("hello", "offer-info", "waiting-room-told", "thinking", "go-home-call"),
        ("maybe-right", "offer-info", "restart"),
        (2, 8),
    ),
    "return-to-use": Pin(
        16,
        ("shut-down", "tell-anyone", "answer", "answer-promised", "closing"),
        ("offer",),
        (1, 7),
    ),
}

FILES = sorted(p for p in bundled_dir().glob("*.toml") if p.name != "principles.toml")


def _best(scene) -> int:
    """The best line's place (from 0), as `items` reads it."""
    from sim.engine import strength

    choices = scene.choices
    marked = [i for i, c in enumerate(choices) if c.best]
    return marked[0] if marked else max(range(len(choices)), key=lambda i: strength(choices[i]))


def _changed(scenario, kind: str, now: list[str], pinned: tuple[str, ...], why) -> list[str]:
    """One message per scene that gained or lost the cue, at its line in the file."""
    where = Where(scenario)
    out = []
    for sid in [s for s in now if s not in pinned]:
        line, _ = where.line(("scenes", sid))
        out.append(
            f"{scenario.path}:{line}: scenes.{sid}: {kind} here now ({why(scenario.scenes[sid])}): "
            f"a cue a test-wise trainee can win by; change the lines, or pin it in PINNED"
        )
    for sid in [s for s in pinned if s not in now]:
        out.append(
            f"{scenario.path}: scenes.{sid}: {kind} no longer (or the scene is gone): take "
            f"{sid!r} out of PINNED[{scenario.id!r}] so the figures stay the ones --stats states"
        )
    return out


def _lengths(scene) -> str:
    best = _best(scene)
    others = [len(c.say) for i, c in enumerate(scene.choices) if i != best]
    return (
        f"the best line, choice {best + 1}, is {len(scene.choices[best].say)} characters; "
        f"the longest other line {max(others)}"
    )


def _asking(scene) -> str:
    return f"the best line, choice {_best(scene) + 1}, is the only line ending with '?'"


def test_every_bundled_scenario_is_pinned():
    ids = {load_scenario(p).id for p in FILES}
    assert ids == set(PINNED), (
        f"not pinned: {sorted(ids - set(PINNED))}; pinned but gone: {sorted(set(PINNED) - ids)}"
    )


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_best_line_is_the_longest_only_where_pinned(path):
    scenario = load_scenario(path)
    pin = PINNED[scenario.id]
    found = items(scenario)
    problems = _changed(
        scenario, "the best line is the longest", found.best_longest, pin.longest, _lengths
    )
    assert not problems, "\n".join(problems)
    assert found.points == pin.points, f"{path.name}: {found.points} decision points"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_best_line_is_the_only_question_only_where_pinned(path):
    scenario = load_scenario(path)
    pin = PINNED[scenario.id]
    found = items(scenario)
    problems = _changed(
        scenario,
        "the best line is the only question",
        found.only_question,
        pin.only_question,
        _asking,
    )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_best_line_s_commonest_place_and_two_line_points_are_as_pinned(path):
    scenario = load_scenario(path)
    pin = PINNED[scenario.id]
    found = items(scenario)
    place, count = found.commonest_position()
    assert (place, count) == pin.position, (
        f"{path.name}: the best line is now choice {place} at {count} of {found.points} "
        f"decision points (pinned: choice {pin.position[0]} at {pin.position[1]}): "
        + ", ".join(found.positions[place])
    )
    problems = _changed(
        scenario,
        "only two lines are offered",
        found.two_lines,
        pin.two_lines,
        lambda scene: f"{len(scene.choices)} choices",
    )
    assert not problems, "\n".join(problems)


def test_the_pins_keep_within_the_shares_check_warns_past():
    """The pinned figures themselves within `check`'s shares (README's warnings table: 40%,
    40%, 60%), so a pin raised to let a cue through still fails past the line."""
    from sim.authoring.items import LONGEST_SHARE, POSITION_SHARE, QUESTION_SHARE

    for sid, pin in PINNED.items():
        assert len(pin.longest) / pin.points <= LONGEST_SHARE, sid
        assert len(pin.only_question) / pin.points <= QUESTION_SHARE, sid
        assert pin.position[1] / pin.points <= POSITION_SHARE, sid
    points = sum(p.points for p in PINNED.values())
    longest = sum(len(p.longest) for p in PINNED.values())
    assert longest / points <= 0.40  # the library-wide share test_library_content holds


@pytest.mark.parametrize("name", ["different-path", "culture-and-ceremony"])
def test_check_stats_states_the_pinned_figures(name):
    """What `peer-sim check --stats` prints for a file is these figures (two of the quicker
    files: --stats explores every state first)."""
    from sim.authoring.stats import stats_lines

    pin = PINNED[name]
    lines = stats_lines(bundled_dir() / f"{name}.toml")
    n = pin.points
    asked = len(pin.only_question)
    place, count = pin.position
    assert (
        f"  decision points: {n}; the best line is the longest at {len(pin.longest)} "
        f"({len(pin.longest) / n:.0%})"
    ) in lines
    assert (
        f"  the best line is the only line ending with a question mark at {asked} ({asked / n:.0%})"
    ) in lines
    assert f"  the best line is choice {place} at {count} ({count / n:.0%})" in lines

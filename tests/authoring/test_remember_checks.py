"""The checker and `test` on critical slips, variants, branching next and `any`.

The explorer's per-ending meter ranges are compared with a brute-force walk of
every path through the real engine: exact, not sampled.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from sim import engine
from sim.authoring import meters
from sim.authoring.explore import explore
from sim.authoring.lint import lint

FIXTURE = Path(__file__).parents[1] / "core" / "fixtures" / "remember.toml"
BUNDLED = sorted((Path(__file__).parents[2] / "scenarios").glob("*.toml"))
BUNDLED = [p for p in BUNDLED if p.name != "principles.toml"]


def brute_endings(sc) -> dict[str, set[tuple[int, int]]]:
    out: dict[str, set[tuple[int, int]]] = {}

    def walk(run: engine.Run, depth: int) -> None:
        run.settle()
        if run.over:
            out.setdefault(run.state.ending, set()).add((run.state.trust, run.state.empowerment))
            return
        assert depth < 50
        for o in run.offers():
            run.choose(o.number)
            walk(run, depth + 1)
            run.undo()

    walk(engine.Run.begin(sc), 0)
    return out


@pytest.fixture
def remember(make):
    return lambda edit=lambda s: s: make(edit(FIXTURE.read_text()), "remember")


def test_fixture_is_clean_and_ranges_are_exact(remember):
    sc = remember()
    # The one warning is by design: deep#2 goes straight to strong-end at trust 60,
    # below its when (min_trust = 70), which the exact ranges below rely on.
    (p,) = lint(sc)
    assert p.code == "ending-when-skipped" and p.key == "scenes.deep.choices[2].goto"
    found = explore(sc)
    brute = brute_endings(sc)
    assert {e: meters.pairs(b) for e, b in found.endings.items() if b} == brute
    assert brute["strong-end"] == {(60, 50), (70, 50)}


def test_ranges_exact_when_a_cap_redirects(remember):
    # The sponsor line now reaches trust 90: the `any` clause on min_trust takes
    # it to "deep", whose second choice goes straight to the strong ending.
    sc = remember(lambda s: s.replace("trust = +30", "trust = +40"))
    found = explore(sc)
    assert {e: meters.pairs(b) for e, b in found.endings.items() if b} == brute_endings(sc)
    assert (90, 40) not in meters.pairs(found.endings.get("strong-end", 0))


def test_cap_break_names_a_path_that_replays(remember, tmp_path):
    sc = remember(lambda s: s.replace("trust = +30", "trust = +40"))
    problems = [p for p in lint(sc) if p.code == "cap-break"]
    assert len(problems) == 1
    p = problems[0]
    assert p.key == "scenes.deep.choices[2].goto" and p.severity == "error"
    assert "--choices 3,2" in p.message and "be-sponsor" in p.message
    assert '"@outcome"' in p.hint
    run = engine.Run.begin(sc)
    for n in (3, 2):
        run.settle()
        run.choose(n)
    assert run.state.ending == "mixed-end"  # the engine never lets it end strong


def test_cap_with_no_modest_ending(remember):
    def edit(s: str) -> str:
        s = s.replace(
            'critical = "dual-relationship"', 'critical = "dual-relationship"\ncap = "poor"'
        )
        return s.replace('outcome = "poor"', 'outcome = "mixed"')

    problems = [p for p in lint(remember(edit)) if p.code == "cap-no-ending"]
    assert len(problems) == 1 and problems[0].key == "scenes.open.choices[3].cap"
    assert 'outcome = "poor"' in problems[0].hint


def test_cap_without_critical_is_an_error(remember):
    from sim.problems import ScenarioError

    with pytest.raises(ScenarioError) as exc:
        remember(
            lambda s: s.replace('sets = ["asked-class"]', 'sets = ["asked-class"]\ncap = "poor"')
        )
    assert any(p.code == "cap-without-critical" for p in exc.value.problems)


def test_never_taken_branch_and_never_shown_variant(remember):
    def edit(s: str) -> str:
        s = s.replace(
            '[[scenes.reply.next]]\ngoto = "shallow"',
            '[[scenes.reply.next]]\nwhen = { min_trust = 95 }\ngoto = "deep"\n\n'
            '[[scenes.reply.next]]\ngoto = "shallow"',
        )
        return s.replace(
            'when = { flags = ["asked-class"] }\ntext = "The class?',
            'when = { flags = ["asked-class"], max_trust = 10 }\ntext = "The class?',
        )

    codes = {(p.code, p.key) for p in lint(remember(edit))}
    assert ("never-taken", "scenes.reply.next[2].when") in codes
    assert ("never-shown", "scenes.reply.variants[1].when") in codes


def test_reflection_never_asked(remember):
    sc = remember(
        lambda s: s.replace(
            'when = { flags = ["offered-sponsor"] }',
            'when = { flags = ["offered-sponsor", "asked-class"] }',
        )
    )
    # (less the fixture's one warning by design: see test_fixture_is_clean_and_ranges_are_exact)
    assert [p.code for p in lint(sc) if p.code != "ending-when-skipped"] == ["never-shown"]


def test_unconditional_branch_before_others_is_an_error(remember):
    from sim.problems import ScenarioError

    def edit(s: str) -> str:
        return s.replace(
            "[[scenes.reply.next]]\nwhen = { any",
            '[[scenes.reply.next]]\ngoto = "shallow"\n\n[[scenes.reply.next]]\nwhen = { any',
        )

    with pytest.raises(ScenarioError) as exc:
        remember(edit)
    assert any(p.code == "shadowed-branch" for p in exc.value.problems)


def test_longest_best_warning(make):
    from sim.authoring.items import items

    scenes = []
    for i in range(6):
        nxt = f"s{i + 1}" if i < 5 else "@outcome"
        # the best line is the longest at 3 of 6 points: 50%
        best, other = "Tell me more.", "Let me explain how this usually goes for people."
        if i < 3:
            best, other = "What matters most to you about today, would you say?", "Tell me."
        scenes.append(
            f'[scenes.s{i}]\ntext = "Hello."\n'
            f'[[scenes.s{i}.choices]]\nsay = "{best}"\ngoto = "{nxt}"\nbest = true\n'
            'principles = { active-listening = "honours" }\nwhy = "Open."\n'
            f'[[scenes.s{i}.choices]]\nsay = "{other}"\ngoto = "{nxt}"\n'
            'principles = { active-listening = "neutral" }\nwhy = "Less open."\n'
        )
    text = (
        'format = 1\ntitle = "T"\nsummary = "S"\nsetting = "X"\nminutes = 1\n'
        'difficulty = "introductory"\nstart = "s0"\n[meters]\ntrust = 50\nempowerment = 50\n'
        + "".join(scenes)
        + '[endings.end]\ntitle = "E"\noutcome = "strong"\ntext = "Done."\n'
    )
    sc = make(text)
    found = items(sc)
    assert (found.points, len(found.best_longest), found.two_lines[:1]) == (6, 3, ["s0"])
    problems = [p for p in lint(sc) if p.code == "longest-best"]
    assert len(problems) == 1 and "3 of 6 decision points (50%)" in problems[0].message
    # Anchored at the first such scene (not at `start`, which is not what is wrong).
    assert (
        problems[0].key == "scenes.s0"
        and problems[0].line == text.splitlines().index("[scenes.s0]") + 1
    )
    # The best line is written first everywhere: a trainee could always press 1.
    position = [p for p in lint(sc) if p.code == "best-position"]
    assert len(position) == 1 and "choice 1 at 6 of 6 decision points" in position[0].message
    assert position[0].key == "scenes.s0"
    assert found.commonest_position() == (1, 6)
    # Two points is too few to judge: the fixture's 1 of 2 gets no warning.
    assert not [p for p in lint(make(FIXTURE.read_text())) if p.code == "longest-best"]


def test_slips_report_on_fixture(remember):
    from sim.authoring.slips import slip_paths

    rep = slip_paths(remember(), 1)
    assert rep.best.numbers == (1, 1) and rep.best.ending == "strong-end"
    by_path = {p.numbers: p for p in rep.paths}
    sponsor = by_path[(3, 1)]
    assert sponsor.critical and sponsor.outcome == "mixed"
    assert rep.critical_strong() == []
    assert set(by_path) == {(2, 1), (3, 1), (4, 1), (1, 2)}
    assert by_path[(1, 2)].ending == "strong-end"  # a direct goto, no critical slip


def test_slips_exit_status_when_only_strong_endings(tmp_path):
    text = (
        FIXTURE.read_text()
        .replace('outcome = "mixed"', 'outcome = "strong"')
        .replace('outcome = "poor"', 'outcome = "strong"')
    )
    path = tmp_path / "all-strong.toml"
    path.write_text(text)
    out = subprocess.run(
        [sys.executable, "-m", "sim", "test", str(path), "--slips"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1
    assert "ERROR: a critical slip still ends strong" in out.stdout


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_slips_keep_the_rule(path):
    from sim.commands.test import slips_report
    from sim.loading import load_scenario

    buf = io.StringIO()
    assert slips_report(load_scenario(path), 1, buf), buf.getvalue()


def test_a_critical_slip_that_goes_straight_to_a_strong_ending(remember):
    sc = remember(
        lambda s: s.replace(
            'say = "I\'ll be your sponsor, call me any time."\ngoto = "reply"',
            'say = "I\'ll be your sponsor, call me any time."\ngoto = "strong-end"',
        )
    )
    (p,) = [p for p in lint(sc) if p.code == "cap-break"]
    assert p.message.startswith("this critical slip goes straight to 'strong-end'")
    assert "--choices 3, with the critical slip be-sponsor" in p.message
    assert "not_flags" not in p.hint  # no advice to exclude the slip from itself


def _points(lines: list[tuple[str, str]]) -> str:
    """A scenario of one decision point per (best, other) pair, the best written second."""
    scenes = []
    for i, (best, other) in enumerate(lines):
        nxt = f"s{i + 1}" if i < len(lines) - 1 else "@outcome"
        scenes.append(
            f'[scenes.s{i}]\ntext = "Hello."\n'
            f'[[scenes.s{i}.choices]]\nsay = "{other}"\ngoto = "{nxt}"\n'
            'principles = { active-listening = "neutral" }\nwhy = "Less open."\n'
            f'[[scenes.s{i}.choices]]\nsay = "{best}"\ngoto = "{nxt}"\nbest = true\n'
            'principles = { active-listening = "honours" }\nwhy = "Open."\n'
        )
    return (
        'format = 1\ntitle = "T"\nsummary = "S"\nsetting = "X"\nminutes = 1\n'
        'difficulty = "introductory"\nstart = "s0"\n[meters]\ntrust = 50\nempowerment = 50\n'
        + "".join(scenes)
        + '[endings.end]\ntitle = "E"\noutcome = "strong"\ntext = "Done."\n'
    )


def test_the_best_line_as_the_only_question_is_a_cue_past_its_share(make):
    """Always picking the one line that asks must not win: a review found it won 59%."""
    from sim.authoring.items import asks, items

    assert asks("What would help?") and asks("Can I ask?\u201d") and asks("(Ready?)")
    assert not asks("Good? Good. Let's go.") and not asks("Fine.")
    asking = ("What would make today a good day?", "Stay with it.")
    reflecting = ("Part of you wants to go.", "Did you go?")  # the tempting line asks
    plain = ("It sounds like a lot.", "That's rough.")  # nobody asks
    sc = make(_points([asking] * 3 + [reflecting, plain, plain]))
    assert items(sc).only_question == ["s0", "s1", "s2"]
    (p,) = [p for p in lint(sc) if p.code == "question-best"]
    assert "at 3 of 6 decision points (50%)" in p.message
    assert p.key == "scenes.s0" and p.severity == "warning"
    # Two of six (33%) is under the share: no warning.
    sc = make(_points([asking] * 2 + [reflecting] * 2 + [plain, plain]))
    assert not [p for p in lint(sc) if p.code == "question-best"]


def test_the_question_cue_says_it_counts_only_lines_ending_with_a_question_mark(make):
    """Author test 7: a tempting line that asks and then goes on does not count as a question,
    so the scene listed looked wrong until the warning said what it counts."""
    asks_then_goes_on = ("What is it like for you?", "Do you have naloxone? It could save a life.")
    sc = make(_points([asks_then_goes_on] * 3 + [("Part of you wants to go.", "Did you go?")] * 3))
    (p,) = [p for p in lint(sc) if p.code == "question-best"]
    assert "(the only line ending with a question mark)" in p.message
    assert p.hint.startswith("let some tempting lines end with a question too")

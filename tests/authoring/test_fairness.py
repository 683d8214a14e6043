"""`peer-sim test` compares each line with the lines beside it, state by state.

The rule (README, domain brief): a safety move may cost a little trust in the person's
reply, never the outcome (nor, since author26, a meter point: `check`'s safety-meter). These scenarios break it the quiet way, through a threshold
later on, which `check`'s immediate `safety-worst` warning cannot see.
"""

from __future__ import annotations

from sim.authoring.fairness import unfair_lines
from sim.cli import main

HEAD = """format = 1
title = "Safety search"
summary = "A test."
setting = "A room."
minutes = 5
difficulty = "introductory"
start = "ask"

[characters.ana]
name = "Ana"

[meters]
trust = 50
empowerment = 50
"""

ASK = """
[scenes.ask]
speaker = "ana"
text = "Can you keep this between us? I have been thinking about not being here."

[[scenes.ask.choices]]
say = "I care about you, and I can't promise that. Are you thinking about suicide?"
trust = {cost}
principles = {{ {principle} = "honours" }}
why = "Asking directly is the safety move."
goto = "after"

[[scenes.ask.choices]]
say = "Of course, it stays with me."
trust = 4
principles = {{ confidentiality = "undermines" }}
{critical}why = "Secrecy with a person at risk."
goto = "after"
"""

AFTER = """
[scenes.after]
speaker = "ana"
text = "Okay."

[[scenes.after.choices]]
say = "Tell me more."
trust = 2
principles = { active-listening = "honours" }
why = "Open."
goto = "@outcome"
{more}
[endings.good]
title = "Good"
outcome = "strong"
when = { min_trust = 52 }
text = "It went well."

[endings.middle]
title = "Middle"
outcome = "mixed"
when = { min_trust = 50 }
text = "It went so-so."

[endings.bad]
title = "Bad"
outcome = "poor"
text = "It went badly."
"""


WRAP_UP = """
[[scenes.after.choices]]
say = "Let's leave it there for today."
trust = -3
principles = { being-present = "undermines" }
why = "Closing the door."
goto = "@outcome"
"""


def scenario_text(
    cost: int = -4, principle: str = "crisis-referral", critical: str = "", more: str = ""
) -> str:
    return (
        HEAD
        + ASK.format(cost=cost, principle=principle, critical=critical)
        + AFTER.replace("{more}", more)
    )


def test_a_safety_line_a_later_threshold_punishes_is_an_error_with_a_replay(tmp_path, capsys):
    path = tmp_path / "case.toml"
    path.write_text(scenario_text())
    assert main(["test", str(path), "--random", "0"]) == 1
    out = capsys.readouterr().out
    assert "1 can cost the outcome" in out
    assert (
        "error: scenes.ask.choices[1]: this safety line (honours crisis-referral) can end "
        "poor at best, while choice 2 beside it (scenes.ask.choices[2], not a safety move) "
        "can still end strong; first seen at the first decision"
    ) in out
    assert "--no-record --choices 1)" in out
    assert "BROKEN: 1 safety move(s) can cost the outcome" in out


def test_a_critical_slip_capped_below_strong_still_beats_a_poor_safety_line(make):
    # The secrecy promise is a critical slip (cap mixed): it ends mixed at best, the
    # safety line poor: still a safety move punished.
    text = scenario_text(critical='critical = "safety"\n')
    report = unfair_lines(make(text))
    assert [(p.scene, p.index, p.best, p.other_best) for p in report.punished] == [("ask", 0, 0, 1)]


def test_honesty_about_confidentiality_is_held_to_the_rule_too(make):
    report = unfair_lines(make(scenario_text(principle="confidentiality")))
    assert [p.index for p in report.punished] == [0]


def test_a_small_enough_cost_keeps_the_rule(tmp_path, capsys):
    path = tmp_path / "case.toml"
    path.write_text(scenario_text(cost=0, more=WRAP_UP))
    assert main(["test", str(path), "--random", "0"]) == 0
    out = capsys.readouterr().out
    assert (
        "safety moves: 1 line(s) compared, in every state where one is offered, with the "
        "lines beside them: none costs the outcome"
    ) in out
    assert "result: every branch covered\n" in out


def test_a_later_line_that_wins_the_trust_back_keeps_the_rule_through_a_loop(make):
    # A way round (back to `after`) that wins trust back: the best still open after the
    # safety line is strong, found through the loop.
    more = """
[[scenes.after.choices]]
say = "Take your time. I'm here."
trust = 3
principles = { being-present = "honours" }
why = "Present."
goto = "after"
"""
    report = unfair_lines(make(scenario_text(more=more)))
    assert report.complete and report.lines == 1
    assert report.punished == []


def test_a_line_that_honours_a_safety_principle_but_is_a_critical_slip_is_not_a_safety_move(
    make,
):
    text = scenario_text().replace(
        'why = "Asking directly is the safety move."',
        'critical = "safety"\nwhy = "Asking directly is the safety move."',
    )
    report = unfair_lines(make(text))
    assert report.lines == 0 and report.punished == []


def test_a_critical_slip_that_ends_better_than_the_best_line_is_an_error(tmp_path, capsys):
    # The best line (marked) costs trust; the secrecy promise, a critical slip capped at
    # mixed, wins enough to end mixed where the best line's run ends poor.
    text = (
        scenario_text(critical='critical = "safety"\n')
        .replace(
            'why = "Asking directly is the safety move."',
            'best = true\nwhy = "Asking directly is the safety move."',
        )
        .replace("when = { min_trust = 50 }", "when = { min_trust = 53 }")
    )
    path = tmp_path / "case.toml"
    path.write_text(text)
    assert main(["test", str(path), "--random", "0"]) == 1
    out = capsys.readouterr().out
    assert (
        "error: scenes.ask.choices[2]: this critical slip (safety) can still end mixed, while "
        "the best line, choice 1 beside it (scenes.ask.choices[1]), can end poor at best"
    ) in out
    assert "BROKEN: 1 critical slip(s) can end better than the best line" in out


def test_a_critical_slip_level_with_the_best_line_keeps_the_rule(make):
    text = scenario_text(cost=0, critical='critical = "safety"\n')
    report = unfair_lines(make(text))
    assert report.slips == 1 and report.beaten == []


def test_a_best_line_that_ends_worse_than_a_weaker_line_is_a_warning(tmp_path, capsys):
    # Two ordinary lines, no safety move and no slip: the marked best line costs trust
    # and misses the strong ending a flattering line still reaches.
    text = (
        scenario_text(cost=0, more=WRAP_UP)
        .replace(
            'principles = { crisis-referral = "honours" }',
            'principles = { empowerment = "honours" }',
        )
        .replace("trust = 0\n", "trust = -4\nbest = true\n", 1)
    )
    text = text.replace(
        'principles = { confidentiality = "undermines" }',
        'principles = { empowerment = "neutral" }',
    )
    path = tmp_path / "case.toml"
    path.write_text(text)
    assert main(["test", str(path), "--random", "0"]) == 0  # a warning: the author decides
    out = capsys.readouterr().out
    assert (
        "warning: scenes.ask.choices[1]: this best line can end poor at best, while a weaker "
        "line, choice 2 beside it (scenes.ask.choices[2]), can still end strong"
    ) in out
    assert "warning: 1 best line(s) can end worse than a weaker one" in out
    assert "safety moves:" not in out  # none in the file


def test_findings_are_said_once(make):
    # The safety line is also the best line: punished, said as a safety move, not again
    # as a best line trailing.
    text = scenario_text().replace(
        'why = "Asking directly is the safety move."',
        'best = true\nwhy = "Asking directly is the safety move."',
    )
    report = unfair_lines(make(text))
    assert [b.rule for b in report.broken] == ["safety"]


LOOP = (
    HEAD
    + """
[scenes.ask]
speaker = "ana"
text = "Hello."

[[scenes.ask.choices]]
say = "What would help you most this week?"
trust = 5
principles = { active-listening = "honours", encourage-openness = "honours" }
why = "Open."
goto = "round"

[[scenes.ask.choices]]
say = "Tell me about it."
trust = 1
principles = { active-listening = "honours" }
why = "Fine."
goto = "low"

[[scenes.ask.choices]]
say = "You need to go to a meeting."
trust = 1
principles = { no-imposed-beliefs = "undermines" }
why = "Imposes."
goto = "high"

[scenes.round]
speaker = "ana"
text = "Hmm."
next = "round2"

[scenes.round2]
speaker = "ana"
text = "Hmm again."
next = "round"

[endings.low]
title = "Low"
text = "It ends."
outcome = "poor"

[endings.high]
title = "High"
text = "It ends well."
outcome = "strong"
"""
)


def test_the_best_line_into_a_loop_is_still_the_best_line_compared(make) -> None:
    """A move into a `next` loop had no edge in the state graph: the best line (choice 1)
    went unjudged and choice 2, the next strongest, was called 'this best line'."""
    report = unfair_lines(make(LOOP))
    [trailing] = report.trailing
    assert (trailing.scene, trailing.index, trailing.best) == ("ask", 0, -1)
    assert trailing.other == 2


def test_a_safety_line_that_costs_nothing_is_told_what_the_line_beside_it_gains(tmp_path, capsys):
    # An author's safety line moved no meter; the secrecy promise beside it gained +4 and
    # cleared a threshold the safety line missed. "make its trust cost smaller" pointed at a
    # cost of zero; the way out is the other line's gain.
    path = tmp_path / "case.toml"
    path.write_text(scenario_text(cost=0).replace("min_trust = 52", "min_trust = 54"))
    assert main(["test", str(path), "--random", "0"]) == 1
    out = capsys.readouterr().out
    assert "this line: trust +0 and empowerment +0; choice 2: trust +4" in out
    assert (
        "it costs nothing here, so what choice 2 beside it gains decides it: give that line less"
        in out
    )
    assert "take away its meter cost" not in out
    # followed: the promise gains less, and the rule holds
    path.write_text(
        scenario_text(cost=0)
        .replace("min_trust = 52", "min_trust = 54")
        .replace("trust = 4\n", "trust = 0\n")
    )
    main(["test", str(path), "--random", "0"])  # (it leaves endings uncovered: exit 1)
    assert "with the lines beside them: none costs the outcome" in capsys.readouterr().out


def test_a_safety_line_said_coldly_is_told_to_cost_less_not_nothing(tmp_path, capsys):
    # A boundary that also undermines connection may cost trust (README: "said clumsily or
    # coldly"); "take away its meter cost (a safety move lowers no meter)" asked the author
    # to make a cold line free, against the guide (author40).
    path = tmp_path / "case.toml"
    cold = '{ crisis-referral = "honours", connection = "undermines" }'
    path.write_text(scenario_text().replace('{ crisis-referral = "honours" }', cold))
    assert main(["test", str(path), "--random", "0"]) == 1
    out = capsys.readouterr().out
    assert "a safety move lowers no meter" not in out
    assert (
        "a safety move never costs the outcome: said in a way that undermines connection it "
        "may cost a meter, so make its meter cost smaller, let a later line win the trust back"
    ) in out

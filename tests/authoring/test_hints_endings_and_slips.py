"""Endings, critical slips and safety lines: the warnings `check` and `test` give when an
ending is out of reach, a slip could end well, or a safety move costs the outcome. Each
test writes the draft as an author writing from the README alone did and asserts what is
said; where the hint is a fix, the test follows it and the problem is gone.
"""

from __future__ import annotations

import re

import pytest

from sim.authoring.fairness import unfair_lines
from sim.authoring.lint import lint
from sim.cli import main
from tests.authoring.hints import LETTER, STRONG_WHEN, codes, lint_code

# the same helpers as the other author-message tests: make the mistake, follow the hint
from tests.core.test_author_messages import MINI, loads, only, problems


def _all_first(text: str) -> str:
    """The fixture with the best line moved first in each scene whose last choice is not
    followed by other tables (the first draft had them all first)."""

    out = []
    for block in re.split(r"(?=^\[scenes\.)", text, flags=re.M):
        parts = re.split(r"(?=^\[\[scenes\.[\w-]+\.choices\]\])", block, flags=re.M)
        head, choices = parts[0], parts[1:]
        best = [c for c in choices if "\nbest = true\n" in c]
        tail = choices[-1].split("\n\n[[", 1) if choices else []
        if best and len(tail) == 1:
            rest = [c for c in choices if c is not best[0]]
            out.append(
                head + "".join(c if c.endswith("\n\n") else c + "\n" for c in [best[0], *rest])
            )
        else:
            out.append(block)
    return "".join(out)


SLIP = """
[[scenes.hello.choices]]
say = "Sure, I'll write that you're ready and send it tonight."
goto = "signed"
trust = 5
critical = "outside-role"
principles = { boundaries = "undermines" }
why = "Not a peer coach's judgement to make."

[scenes.middle]"""

SIGNED = '[endings.signed]\ntitle = "Signed"\noutcome = "strong"\ntext = "Sent."\n'

# a critical slip that goes straight to a strong ending nothing else reaches
SLIP_TO_SIGNED = MINI.replace("\n[scenes.middle]", SLIP, 1) + "\n" + SIGNED


def _ending_variants(*whens: str) -> str:
    blocks = "".join(
        f'\n[[endings.{end}.variants]]\nwhen = {when}\ntext = "Another way."\n'
        for end, when in (w.split(" ", 1) for w in whens)
    )
    return MINI.replace("\n[debrief]", blocks + "\n[debrief]", 1)


FORM = (
    'say = "You should fill in this form."\ngoto = "middle"\ntrust = -25\nempowerment = -5\n'
    'principles = { empowerment = "undermines", active-listening = "undermines" }\n'
)

THANKS = 'principles = { active-listening = "neutral" }\nwhy = "A warm close."'

# The closing line becomes a safety move (a boundary honoured).
SAFE_CLOSE = MINI.replace(THANKS, 'principles = { boundaries = "honours" }\nwhy = "A warm close."')

# An easier line beside the closing one, which a run at trust 2 can still take to
# the mixed ending (min_trust 20): the safety line is then what costs the outcome.
BESIDE = (
    '[[scenes.last.choices]]\nsay = "Same time next week?"\ngoto = "@outcome"\ntrust = 20\n'
    'principles = { connection = "honours" }\nwhy = "A warm close that asks."\n\n'
)


def beside(text: str) -> str:
    assert "[endings.strong]" in text
    return text.replace("[endings.strong]", BESIDE + "[endings.strong]", 1)


def _ending_before_poor(when: str) -> str:
    extra = f'[endings.late]\ntitle = "Late"\noutcome = "mixed"\ntext = "Later."\nwhen = {when}\n\n'
    return MINI.replace("[endings.poor]", extra + "[endings.poor]", 1)


def _play(scenario, numbers: str):
    from sim.engine import Run

    run = Run.begin(scenario)
    for n in numbers.split(","):
        run.settle()
        run.choose(int(n))
    run.settle()
    return run.state


LOST = SAFE_CLOSE.replace(FORM, FORM.replace("trust = -25", "trust = -100"))

# A line beside the closing one that is no safety move and ends where it does.
SAME = BESIDE.replace("trust = 20", "trust = 2")


def _worst_not_last(text: str) -> str:
    """The poor ending moved above 'mixed', with a when, so 'mixed' is the fallback."""
    poor = text[text.index("[endings.poor]") : text.index("[debrief]")]
    guarded = poor.replace(
        'text = "It went badly."\n', 'text = "It went badly."\nwhen = { max_trust = 19 }\n'
    )
    text = text.replace(poor, "").replace("[endings.mixed]", guarded + "[endings.mixed]")
    return text.replace(
        'text = "It went so-so."\nwhen = { min_trust = 20 }\n', 'text = "It went so-so."\n'
    )


SLIP_9 = (
    '[[scenes.middle.choices]]\nsay = "I will keep anything you say secret, always."\n'
    'goto = "bridge"\ntrust = 30\nprinciples = { confidentiality = "undermines" }\n'
    'why = "A promise no coach can keep."\ncritical = "confidentiality"\ncap = "poor"\n\n'
)

STRONG = 'when = { min_trust = 60, flags = ["reflected"] }'


def test_a_misspelt_critical_is_not_echoed_by_a_cap_error(tmp_path):
    text = MINI.replace(
        'why = "Shuts the door."',
        'why = "Shuts the door."\ncritical = "outside role"\ncap = "poor"',
    )
    p = only(tmp_path, text)
    assert p.key.endswith(".critical") and "did you mean 'outside-role'" in p.hint


def test_a_cap_without_any_critical_is_still_an_error(tmp_path):
    text = MINI.replace('why = "Shuts the door."', 'why = "Shuts the door."\ncap = "poor"')
    p = only(tmp_path, text)
    assert p.key.endswith(".cap") and "only applies to a critical slip" in p.message


def test_a_cap_break_example_takes_no_other_critical_slip(tmp_path):

    text = MINI.replace(
        'sets = ["reflected"]', 'sets = ["reflected"]\ncritical = "safety"', 1
    ).replace(
        'say = "Thank you for coming."\ngoto = "@outcome"',
        'say = "Thank you for coming."\ngoto = "strong"\ncritical = "outside-role"',
    )
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "cap-break"]
    # The shortest path starts with the critical slip hello#1 (reflect); the example
    # should show only the slip the message is about.
    assert "with the critical slip last#1)" in p.message
    assert "reflect" not in p.message.split("for example")[1]


def test_a_critical_slip_that_undermines_nothing_is_warned(tmp_path):

    text = MINI.replace(
        'principles = { active-listening = "neutral" }\nwhy = "A warm close."',
        'principles = { active-listening = "honours" }\nwhy = "A warm close."\ncritical = "safety"',
    )
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "critical-honours"]
    assert p.key == "scenes.last.choices[1].principles" and p.severity == "warning"
    assert "counts it as honouring active-listening" in p.message
    fixed = text.replace(
        'principles = { active-listening = "honours" }\nwhy = "A warm close."',
        'principles = { crisis-referral = "undermines" }\nwhy = "A warm close."',
    )
    assert not [p for p in lint(loads(tmp_path, fixed)) if p.code == "critical-honours"]


def test_a_branch_of_next_past_a_slip_cap_gets_a_path_and_a_hint_for_a_branch(tmp_path):

    slip = 'say = "What would you like to focus on?"'
    branch = '[[scenes.bridge.next]]\nwhen = { flags = ["reflected"] }\ngoto = "strong"\n\n'
    text = (
        MINI.replace(slip, slip + '\ncritical = "outside-role"')
        .replace('next = "last"\n', branch + '[[scenes.bridge.next]]\ngoto = "last"\n')
        .replace('agenda."\nbest = true', 'agenda."')  # a critical slip is never best
    )
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "cap-break"]
    assert p.key == "scenes.bridge.next[1].goto"
    assert "--choices 1,1, with the critical slip middle#1" in p.message  # README promises it
    assert "this branch" in p.hint and "this choice" not in p.hint
    assert "middle#1 sets no flag yet" in p.hint
    fixed = text.replace(slip, slip + '\nsets = ["slipped"]').replace(
        'when = { flags = ["reflected"] }',
        'when = { flags = ["reflected"], not_flags = ["slipped"] }',
    )
    assert "cap-break" not in [p.code for p in lint(loads(tmp_path, fixed))]


def test_a_branch_straight_to_an_ending_whose_when_fails_is_warned_and_the_hint_clears_it(
    tmp_path,
):

    branch = '[[scenes.bridge.next]]\nwhen = { flags = ["reflected"] }\ngoto = "strong"\n\n'
    text = MINI.replace("min_trust = 60, flags", "min_trust = 62, flags").replace(
        'next = "last"\n', branch + '[[scenes.bridge.next]]\ngoto = "last"\n'
    )
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "ending-when-skipped"]
    assert p.key == "scenes.bridge.next[1].goto" and p.severity == "warning"
    assert "--choices 1,1 arrives with trust 60 (min_trust = 62)" in p.message
    assert p.hint.endswith("add min_trust = 62 to the when of this branch")
    fixed = text.replace(
        'when = { flags = ["reflected"] }\ngoto = "strong"',
        'when = { flags = ["reflected"], min_trust = 62 }\ngoto = "strong"',
    )
    assert "ending-when-skipped" not in [p.code for p in lint(loads(tmp_path, fixed))]
    # a way whose arrivals all meet the ending's when (a walk-out, say) is not warned
    walk_out = MINI.replace(
        'say = "Let\'s finish."\ngoto = "@outcome"', 'say = "Let\'s finish."\ngoto = "mixed"'
    )
    assert "ending-when-skipped" not in [p.code for p in lint(loads(tmp_path, walk_out))]


def test_cap_strong_says_a_critical_slip_never_ends_strong(tmp_path):
    slip = 'say = "Let\'s finish."'
    text = MINI.replace(slip, slip + '\ncritical = "safety"\ncap = "strong"')
    p = only(tmp_path, text)
    assert p.key == "scenes.middle.choices[3].cap" and "never ends strong" in p.hint
    fixed = loads(tmp_path, text.replace('cap = "strong"', 'cap = "mixed"'))
    assert fixed.scenes["middle"].choices[2].cap == "mixed"


def test_an_ending_only_critical_slips_go_to_says_so_not_never_offered(tmp_path):
    (p,) = codes(tmp_path, SLIP_TO_SIGNED)["unreachable-ending"]
    assert p.key == "endings.signed"
    assert "never offered" not in p.hint  # hello#4 is offered, and taken
    assert "hello#4" in p.hint and "critical slip" in p.hint
    assert 'outcome = "mixed"' in p.hint
    fixed = SLIP_TO_SIGNED.replace(SIGNED, SIGNED.replace('"strong"', '"mixed"'))
    found = codes(tmp_path, fixed)
    assert "unreachable-ending" not in found and "cap-break" not in found


def test_the_first_ending_out_of_reach_names_the_bound_not_an_earlier_ending(tmp_path):
    text = MINI.replace(
        'when = { min_trust = 60, flags = ["reflected"] }', "when = { min_empowerment = 101 }"
    )
    text = text.replace("min_empowerment = 101", "min_trust = 99")
    (p,) = codes(tmp_path, text)["unreachable-ending"]
    assert p.key == "endings.strong"
    assert "earlier ending" not in p.hint  # strong is the first ending
    assert "min_trust = 99, but trust is at most" in p.hint


def test_a_draft_without_endings_still_hears_of_a_misspelt_scene_now(tmp_path):
    """A first draft has scenes and no [endings] yet: its broken links waited a round."""

    draft = MINI[: MINI.index("[endings.strong]")] + MINI[MINI.index("[debrief]") :]
    draft = draft.replace('goto = "bridge"', 'goto = "brige"', 1)  # a typo of a scene
    draft = draft.replace('goto = "bridge"', 'goto = "farewell"', 1)  # an ending still to come
    found = {p.key: p for p in problems(tmp_path, draft)}
    assert "'endings' is required" in found["endings"].message
    typo = found["scenes.middle.choices[1].goto"]
    assert "'brige' is not a scene or an ending" in typo.message
    assert typo.hint == "did you mean 'bridge'?"
    assert "scenes.middle.choices[2].goto" not in found  # 'farewell' may be written next
    assert len(found) == 2, found


def test_an_ending_variant_behind_one_that_asks_for_less_says_which(tmp_path):
    text = _ending_variants("mixed { min_trust = 20 }", "mixed { min_trust = 26 }")
    (p,) = codes(tmp_path, text)["never-shown"]
    assert p.key == "endings.mixed.variants[2].when"
    assert "variant 1 always shows first when a run ends at 'mixed'" in p.message
    assert p.hint == "put this variant before variant 1, or narrow variant 1's when"
    # Swapped, as the hint says: both can show.
    swapped = _ending_variants("mixed { min_trust = 26 }", "mixed { min_trust = 20 }")
    assert "never-shown" not in codes(tmp_path, swapped)


def test_an_ending_variant_out_of_the_meters_says_where_runs_end(tmp_path):
    (p,) = codes(tmp_path, _ending_variants("poor { min_trust = 90 }"))["never-shown"]
    assert "its when never holds when a run ends at 'poor'" in p.message
    # the bound that fails, with where runs end (author test 8: more than the ranges alone)
    assert p.hint == "min_trust = 90, but trust is at most 0 when a run ends at 'poor'"


def test_a_safety_move_after_a_slip_capped_at_poor_is_not_blamed_for_the_poor_ending(tmp_path):
    # hello#2 is a critical slip capped at poor: every run holding it ends poor,
    # whatever the closing line does, so that line is not the cause.
    assert FORM in SAFE_CLOSE
    text = SAFE_CLOSE.replace(FORM, FORM + 'critical = "confidentiality"\ncap = "poor"\n')
    assert "safety-worst" not in codes(tmp_path, text)


def test_a_safety_move_the_meters_alone_send_to_the_worst_ending_is_still_warned(tmp_path):
    # ...when a line beside it can still end better from there (author test 9: a
    # warning where every line ends the same was one `test` did not share)
    text = beside(SAFE_CLOSE.replace(FORM, FORM.replace("trust = -25", "trust = -100")))
    (p,) = codes(tmp_path, text)["safety-worst"]
    assert p.key == "scenes.last.choices[1]"
    assert "'poor', the worst ending" in p.message
    # the ways out the README gives; 'poor' is the last ending, so no condition on it
    assert "a scene where the conversation can recover" in p.hint
    assert "give the worst ending a condition" not in p.hint
    # the closing line gains trust (+2): nothing to make smaller, so the hint names the
    # easier line beside it, whose gain carries runs to 'mixed' (author19 was told to
    # shrink the "trust cost" of a line that had none)
    assert "take away its meter cost" not in p.hint
    assert (
        "it costs nothing here, so what choice 2 beside it (scenes.last.choices[2]) gains "
        "decides it: give that line less"
    ) in p.hint


def test_a_safety_move_that_costs_trust_is_told_to_cost_less(tmp_path):
    close = 'trust = 2\nprinciples = { boundaries = "honours" }'
    assert beside(LOST).count(close) == 1
    text = beside(LOST).replace(close, close.replace("trust = 2", "trust = -2"))
    (p,) = codes(tmp_path, text)["safety-worst"]
    assert "take away its meter cost (a safety move lowers no meter)" in p.hint
    assert "costs nothing" not in p.hint and "may cost some trust" not in p.hint


def test_a_safety_line_said_coldly_is_not_told_that_it_may_lower_no_meter(tmp_path):
    # A boundary that also undermines connection may cost trust (the README's "said
    # clumsily or coldly" line): "take away its meter cost (a safety move lowers no
    # meter)" asked the author to make a cold line free.
    close = 'trust = 2\nprinciples = { boundaries = "honours" }'
    cold = 'trust = -2\nprinciples = { boundaries = "honours", connection = "undermines" }'
    (p,) = codes(tmp_path, beside(LOST).replace(close, cold))["safety-worst"]
    assert "(honours boundaries, undermines connection)" in p.message
    assert "a safety move lowers no meter" not in p.hint
    assert "correct safety move is never punished, by a meter" not in p.hint
    assert p.hint.startswith(
        "a safety line said in a way that undermines connection may cost a meter, but never "
        "the outcome; "
    )
    assert "make its meter cost smaller" in p.hint


def test_a_misspelt_ending_name_in_a_variants_header_is_one_message(tmp_path):
    variant = '[[endings.mixd.variants]]\nwhen = { min_trust = 30 }\ntext = "Better."\n\n'
    text = MINI.replace("[endings.poor]", variant + "[endings.poor]", 1)
    p = only(tmp_path, text)  # not three: title, outcome and text missing
    assert p.key == "endings.mixd"
    assert "with no title, outcome or text of its own" in p.message
    assert p.hint.startswith("did you mean [[endings.mixed.variants]], for the ending 'mixed'")


def test_slips_written_before_the_path_says_to_put_the_path_first(tmp_path, capsys):

    path = tmp_path / "draft.toml"
    path.write_text(MINI, encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["test", "--slips", str(path)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "invalid int value" not in err
    assert f"write the path first (peer-sim test {path} --slips)" in err
    assert main(["test", str(path), "--slips"]) in (0, 1)  # the hint, followed, runs
    assert "best path:" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["test", str(path), "--slips", "two"])  # not a path: no talk of paths
    err = capsys.readouterr().err
    assert "not 'two'" in err and "path" not in err.split("argument --slips:")[1]


def test_an_ending_an_earlier_one_always_takes_first_names_that_ending(tmp_path):
    # every run that has seen 'middle' reaches "@outcome" with trust 20 or more: 'mixed' (or
    # 'strong') takes it first, though the when of 'late' holds there
    (p,) = codes(tmp_path, _ending_before_poor('{ visited = ["middle"] }'))["unreachable-ending"]
    assert p.key == "endings.late"
    assert "or an earlier ending" not in p.hint  # not an either/or: the checker knows which
    assert "ending 'mixed', written before it, always takes them first" in p.hint
    assert "put 'late' before 'mixed'" in p.hint
    moved = _ending_before_poor('{ visited = ["middle"] }')
    block = moved[moved.index("[endings.late]") : moved.index("[endings.poor]")]
    moved = moved.replace(block, "").replace("[endings.mixed]", block + "[endings.mixed]")
    # the hint, followed: 'late' is reached (here 'mixed' then is not, and says so)
    after = codes(tmp_path, moved)["unreachable-ending"]
    assert [q.key for q in after] == ["endings.mixed"]
    assert "ending 'late', written before it, always takes them first" in after[0].hint


def test_an_ending_whose_when_never_holds_at_outcome_says_so_not_the_order(tmp_path):
    (p,) = codes(tmp_path, _ending_before_poor('{ not_visited = ["hello"] }'))["unreachable-ending"]
    # (author test 9: the part of the when that never holds is named, as for a choice)
    assert "scene 'hello' is always seen on the way here; change its when" in p.hint
    assert "before" not in p.hint


def test_the_safety_warning_gives_a_way_there_that_replays(tmp_path):
    text = beside(SAFE_CLOSE.replace(FORM, FORM.replace("trust = -25", "trust = -100")))
    (p,) = codes(tmp_path, text)["safety-worst"]
    assert "(for example --choices 2,1,1 ends there with trust 2, empowerment 98)" in p.message
    end = _play(loads(tmp_path, text), "2,1,1")
    assert (end.ending, end.trust, end.empowerment) == ("poor", 2, 98)


def test_the_safety_warning_says_when_a_slip_redirects_its_goto(tmp_path):
    # the safety move names the strong ending, but a critical slip earlier (capped at
    # mixed) sends the run to "@outcome", which with trust 2 picks the poor ending
    slip = FORM.replace("trust = -25", "trust = -100") + 'critical = "confidentiality"\n'
    text = SAFE_CLOSE.replace(FORM, slip).replace(
        'goto = "@outcome"\ntrust = 2', 'goto = "strong"\ntrust = 2'
    )
    text = beside(text)
    found = codes(tmp_path, text)
    (p,) = found["safety-worst"]
    assert "its goto names 'strong', but a critical slip before it rules that ending out" in (
        p.message
    )
    assert "cap-break" in found  # and the error that says how to route it
    assert _play(loads(tmp_path, text), "2,1,1").ending == "poor"


def test_a_goto_straight_to_an_ending_gets_a_when_covering_every_way_that_fails(tmp_path):
    """The hint's when must keep the ending's when on every way there, not only on the example
    path: one way arrives without the flag, another with too little trust."""

    close = 'say = "Thank you for coming."\ngoto = "@outcome"'
    text = (
        MINI.replace("trust = 10\n", "trust = -20\n", 1)  # reflected, trust 30
        .replace("trust = -25\n", "trust = 25\n", 1)  # not reflected, trust 75
        .replace(close, close.replace("@outcome", "strong"))
    )
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "ending-when-skipped"]
    guard = 'when = { min_trust = 60, flags = ["reflected"] }'
    assert p.hint.endswith(f"give this choice {guard}")
    fixed = text.replace('goto = "strong"', f'goto = "strong"\n{guard}')
    assert "ending-when-skipped" not in [p.code for p in lint(loads(tmp_path, fixed))]


def test_a_slip_capped_at_mixed_with_no_mixed_ending_is_warned(tmp_path):
    """Author test 7 forgot the mixed ending: every run with a slip capped at mixed (the
    default) then ended poor, and check said nothing."""

    mixed = '[endings.mixed]\ntitle = "Mixed"\noutcome = "mixed"\ntext = "It went so-so."\n'
    mixed += "when = { min_trust = 20 }\n\n"
    slip = 'say = "You should fill in this form."'
    text = MINI.replace(mixed, "").replace(slip, slip + '\ncritical = "outside-role"')
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "cap-only-poor"]
    assert p.key == "scenes.hello.choices[2].critical" and p.severity == "warning"
    assert "no ending is mixed, so every run that takes it ends poor" in p.message
    assert 'outcome = "mixed"' in p.hint and 'cap = "poor"' in p.hint
    # cap = "poor" says it is meant; a mixed ending gives capped runs somewhere to go
    meant = text.replace('critical = "outside-role"', 'critical = "outside-role"\ncap = "poor"')
    assert "cap-only-poor" not in [p.code for p in lint(loads(tmp_path, meant))]
    with_mixed = MINI.replace(slip, slip + '\ncritical = "outside-role"')
    assert "cap-only-poor" not in [p.code for p in lint(loads(tmp_path, with_mixed))]


def test_why_this_ending_does_not_double_the_full_stop_after_a_quoted_moment(tmp_path):
    """ "...not reaching the moment where Kim says “Thanks.”." read as a typo."""
    from sim.debrief import build_debrief
    from sim.engine import Run

    when = (
        'when = { min_trust = 60, any = [ { flags = ["reflected"] }, { not_visited = ["last"] } ] }'
    )
    run = Run.begin(loads(tmp_path, MINI.replace(STRONG_WHEN, when)))
    for n in (2, 1, 1):  # the form (no reflection, trust 25), then on to Kim's "Thanks."
        run.settle()
        run.choose(n)
    run.settle()
    (why,) = [w for w in build_debrief(run).why if "Kim says" in w]
    assert why.endswith("the moment where Kim says “Thanks.”") or why.endswith("“Thanks.”"), why
    assert "”." not in why


def test_an_ending_variant_never_shown_for_a_meter_bound_names_the_bound(tmp_path):
    text = MINI.replace(
        "[endings.mixed]",
        '[[endings.strong.variants]]\nwhen = { min_trust = 99 }\ntext = "x"\n\n[endings.mixed]',
    )
    (p,) = lint_code(tmp_path, text, "never-shown")
    assert "min_trust = 99, but trust is at most" in p.hint and "ends at 'strong'" in p.hint, p.hint


def test_a_safety_line_at_the_last_decision_of_a_lost_run_is_not_warned(tmp_path):
    # Every line at 'last' ends poor from trust 2: the honest close is not what
    # costs the outcome, and `test` (state by state) finds nothing either.
    text = LOST.replace("[endings.strong]", SAME + "[endings.strong]", 1)
    assert "safety-worst" not in codes(tmp_path, text)
    assert unfair_lines(loads(tmp_path, text)).punished == []


def test_a_safety_line_with_no_line_beside_it_is_not_warned(tmp_path):
    assert "safety-worst" not in codes(tmp_path, LOST)


def test_check_and_test_agree_on_a_safety_line_an_easier_line_beats(tmp_path):
    text = beside(LOST)
    (p,) = codes(tmp_path, text)["safety-worst"]
    (b,) = unfair_lines(loads(tmp_path, text)).punished
    assert p.key == f"scenes.{b.scene}.choices[{b.index + 1}]"


def test_the_safety_hint_offers_a_condition_only_where_one_would_be_read(tmp_path):
    text = _worst_not_last(beside(LOST))
    (p,) = codes(tmp_path, text)["safety-worst"]
    assert "give the worst ending a condition this move rules out" in p.hint
    # the hint, followed: the closing line sets a flag the poor ending rules out
    close = 'principles = { boundaries = "honours" }\nwhy = "A warm close."\n'
    assert close in text
    followed = text.replace(close, close + 'sets = ["closed-warmly"]\n').replace(
        "when = { max_trust = 19 }", 'when = { max_trust = 19, not_flags = ["closed-warmly"] }'
    )
    assert "safety-worst" not in codes(tmp_path, followed)


def test_a_when_on_the_last_ending_is_named_as_never_read(tmp_path):
    poor = 'text = "It went badly."\n'
    text = MINI.replace(poor, poor + 'when = { not_flags = ["reflected"] }\n')
    (p,) = codes(tmp_path, text)["fallback-when"]
    assert p.key == "endings.poor.when"
    assert text.splitlines()[p.line - 1].startswith("when = ")
    assert "whether this when holds or not: it is never read" in p.message
    assert "fallback-when" not in codes(tmp_path, MINI)


def test_an_unreachable_ending_leaves_out_runs_a_slip_keeps_from_it(tmp_path):
    # the secrecy promise lifts trust to 92, but no run holding it can end strong:
    # the honest figure for the strong ending is what runs without it reach
    assert STRONG in MINI
    text = MINI.replace("[scenes.bridge]", SLIP_9 + "[scenes.bridge]", 1).replace(
        STRONG, 'when = { min_trust = 97, flags = ["reflected"] }'
    )
    (p,) = codes(tmp_path, text)["unreachable-ending"]
    assert "in runs no critical slip keeps from a strong ending" in p.hint
    assert "min_trust = 97, but trust is at most 66 here" in p.hint
    assert "92" not in p.hint


def test_an_unreachable_ending_says_what_the_meters_are_where_its_flags_hold(tmp_path):
    # each bound holds on some way to "@outcome" (empowerment 90..100), but with the
    # flag 'reflected' set empowerment is always 100
    text = MINI.replace(
        STRONG, 'when = { min_trust = 64, max_empowerment = 98, flags = ["reflected"] }'
    )
    (p,) = codes(tmp_path, text)["unreachable-ending"]
    assert "never holds there" not in p.hint
    assert (
        "with the flag 'reflected' set, it is reached with trust 62..66 and empowerment 100..100"
        in p.hint
    )
    assert (
        "max_empowerment = 98, but empowerment is at least 100 then; change the numbers" in p.hint
    )
    # the numbers, changed as it says: reached
    fixed = text.replace("max_empowerment = 98", "max_empowerment = 100")
    assert "unreachable-ending" not in codes(tmp_path, fixed)


def test_a_way_straight_to_a_ruled_out_ending_names_every_slips_flag(tmp_path):
    close = "What would help you if she doesn't answer, or not for a long time?\"\n"
    text = LETTER.replace(close + 'goto = "@outcome"', close + 'goto = "his-own-words"').replace(
        "when = { min_trust = 45, min_empowerment = 45 }\n", ""
    )
    (p,) = codes(tmp_path, text)["cap-break"]
    # hopes#1 and hopes#2 both set missed-cue; plan#1 (another kind) sets will-call.
    assert 'not_flags = ["missed-cue", "will-call"]' in p.hint, p.hint
    # Naming only the example's slip, followed, brought the same error back for the next.
    fixed = text.replace(
        'goto = "his-own-words"',
        'goto = "his-own-words"\nwhen = { not_flags = ["missed-cue", "will-call"] }',
    )
    assert "cap-break" not in codes(tmp_path, fixed)


def test_the_position_cue_lists_its_scenes_and_how_many_to_move(tmp_path):
    text = _all_first(LETTER)  # every scene but the last ('words', before the endings)
    (p,) = codes(tmp_path, text)["best-position"]
    assert "choice 1 at 6 of 7 decision points" in p.message
    assert p.message.endswith("(scenes: opening, wants, offer, hopes, asked, plan)")
    assert p.hint.endswith("at most 60% in one place: change at least 2 of them")  # 4 of 7


def test_a_safety_line_that_costs_the_outcome_gives_the_meters_and_both_changes(tmp_path):
    from sim.authoring.fairness import problems, unfair_lines
    from sim.loading.where import Where

    # The draft's mixed ending asked only trust 30: a boundary (-2) trailed a slip (+2).
    # (The fixture's boundary and direct question now cost no trust, as check's
    # safety-meter asks; the draft had -2 on both.)
    draft = LETTER
    for move in ('goto = "words"\ntrust = 0\n', 'goto = "asked"\ntrust = 0\n'):
        assert draft.count(move) == 1
        draft = draft.replace(move, move.replace("trust = 0", "trust = -2"))
    text = draft.replace(
        "when = { min_trust = 28, min_empowerment = 30 }", "when = { min_trust = 30 }"
    )
    sc = loads(tmp_path, text)
    fair = unfair_lines(sc)
    (b,) = fair.punished
    assert b.meters == (26, 26)  # after --choices 1,2,3,1: 35-3-2-2-2
    (p,) = problems(sc, fair.punished, Where(sc))
    assert "--choices 1,2,3,1 (trust 26, empowerment 26), as choice 3" in p.message
    assert "this line: trust -2 and empowerment +6; choice 1: trust +2 and empowerment -8" in (
        p.message
    )
    # the sum, followed: closing the whole gap (a mixed ending that also asks empowerment,
    # which the slip costs) clears both errors
    fixed = unfair_lines(loads(tmp_path, draft))
    assert fixed.punished == [] and fixed.beaten == []


def test_a_last_ending_with_no_when_never_reached_names_the_ending_above_that_takes_it(
    tmp_path,
):
    """The hint said "change its when" of an ending that has none; the when to change is
    that of the ending just above, which takes every run the ones before it leave."""

    text = MINI.replace("when = { min_trust = 20 }", "when = { min_trust = 0 }")
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.key == "endings.poor"]
    assert "change its when" not in p.hint
    assert "ending 'mixed', written above it, takes every one of those runs" in p.hint
    assert "narrow the when of 'mixed'" in p.hint
    assert "'strong' does not take" in p.hint
    narrowed = loads(tmp_path, MINI)  # mixed at min_trust = 20 again: poor is reached
    assert not [p for p in lint(narrowed) if p.key == "endings.poor"]


def test_a_goto_to_an_ending_not_yet_written_offers_the_ending_header_too(tmp_path):
    """`goto = "walked-out"`, an ending still to write, was offered only [scenes.walked-out]."""
    slip = 'goto = "walked-out"'
    text = MINI.replace(
        'say = "I can\'t help you."\ngoto = "@outcome"', f'say = "I can\'t help you."\n{slip}'
    )
    p = only(tmp_path, text)
    assert "[scenes.walked-out]" in p.hint and "[endings.walked-out]" in p.hint
    ending = '\n[endings.walked-out]\ntitle = "Gone"\noutcome = "poor"\ntext = "Kim leaves."\n'
    added = text.replace("[endings.poor]", ending.lstrip("\n") + "\n[endings.poor]")
    assert "walked-out" in loads(tmp_path, added).endings


def test_a_critical_slip_marked_best_is_an_error(tmp_path):
    """`best = true` on a critical slip passed check clean, and the debrief then offered the
    slip as the stronger line."""

    best = 'why = "Kim sets the agenda."\nbest = true'
    slip = (
        'say = "Let\'s finish."\ngoto = "@outcome"\nprinciples = { empowerment = "undermines" }\n'
        'why = "Straight to the end."\ncritical = "outside-role"\nbest = true'
    )
    text = MINI.replace(best, 'why = "Kim sets the agenda."').replace(
        'say = "Let\'s finish."\ngoto = "@outcome"\nprinciples = { empowerment = "neutral" }\n'
        'why = "Straight to the end."',
        slip,
    )
    (p,) = problems(tmp_path, text)
    assert p.key == "scenes.middle.choices[3].best"
    assert "critical slip (outside-role)" in p.message and "model answer" in p.message
    loads(
        tmp_path,
        text.replace('critical = "outside-role"\nbest = true', 'critical = "outside-role"'),
    )


def test_an_also_without_when_is_told_it_decides_when_the_paragraph_is_added(tmp_path):
    """Every `also` that holds is added, so "the condition that should pick this entry"
    (a variant's words) told the author the wrong model."""
    also = '\n[[endings.strong.also]]\ntext = "Kim texts you a photo of the flyer."\n'
    text = MINI.replace("\n[endings.mixed]", also + "\n[endings.mixed]", 1)
    p = only(tmp_path, text)
    assert p.key == "endings.strong.also[1].when"
    assert "the condition under which this paragraph is added" in p.hint
    assert "pick" not in p.hint
    written = re.search(r"add (when = \{[^}]*\})", p.hint).group(1)
    assert written == 'when = { flags = ["..."] }'  # a blank to fill in, never a threshold
    written = written.replace("...", "reflected")
    fixed = text.replace("[[endings.strong.also]]\n", f"[[endings.strong.also]]\n{written}\n")
    assert len(loads(tmp_path, fixed).endings["strong"].also) == 1


def test_a_key_twice_in_an_also_block_is_not_told_to_move_up_when_the_ending_has_it(tmp_path):
    """`text` twice under [[endings.poor.also]] was told "if this one is [endings.poor]'s
    own, move it up", where [endings.poor] already has its text: that makes a second error."""
    also = (
        '\n[[endings.poor.also]]\nwhen = { flags = ["reflected"] }\ntext = "One."\ntext = "Two."\n'
    )
    text = MINI.replace("\n[debrief]", also + "\n[debrief]")
    p = only(tmp_path, text)
    own = text.index('text = "It went badly."')
    assert "move it up" not in p.hint
    assert f"[endings.poor] has its own 'text' on line {text[:own].count(chr(10)) + 1}" in p.hint
    first = text[: text.index('text = "One."')].count("\n") + 1
    assert p.hint.endswith(f"delete line {first} or line {first + 1}")
    fixed = loads(tmp_path, text.replace('text = "Two."\n', "", 1))
    assert fixed.endings["poor"].also[0].text == "One."


def test_a_dotted_also_key_then_also_blocks_says_move_it_into_a_block(tmp_path):
    """`also.when = ...` under [endings.poor], then a [[endings.poor.also]] block: was told
    "clashes with a key of the same name above (rename one of them)", with no line, and
    renaming either breaks the file."""
    dotted = 'also.when = { flags = ["reflected"] }\n'
    text = MINI.replace('text = "It went badly."\n', 'text = "It went badly."\n' + dotted).replace(
        "\n[debrief]", '\n[[endings.poor.also]]\ntext = "Also."\n\n[debrief]'
    )
    p = only(tmp_path, text)
    first = text[: text.index(dotted)].count("\n") + 1
    assert f"line {first} (also.when = ...) already made 'also' one table" in p.message
    assert "rename" not in p.hint and f"delete line {first}" in p.hint
    fixed = text.replace(dotted, "").replace(
        "[[endings.poor.also]]\n", "[[endings.poor.also]]\n" + dotted.removeprefix("also.")
    )
    assert loads(tmp_path, fixed).endings["poor"].also[0].text == "Also."


def test_a_full_dotted_also_key_below_a_header_is_told_to_write_also_blocks(tmp_path):
    """`endings.poor.also = [...]` written under [endings.poor] made a table `endings`
    inside it, and the hint said "move it to the top of the file", where it would
    declare [endings.poor] twice (another error)."""
    dotted = 'endings.poor.also = [ { when = { flags = ["reflected"] }, text = "Also." } ]\n'
    text = MINI.replace('text = "It went badly."\n', 'text = "It went badly."\n' + dotted)
    p = only(tmp_path, text)
    assert p.key == "endings.poor.endings"
    assert "'endings.poor.also = ...' is a dotted key written under [endings.poor]" in p.message
    assert "top of the file" not in p.hint
    assert "a line [[endings.poor.also]], then when = ... and text = ..." in p.hint
    block = '[[endings.poor.also]]\nwhen = { flags = ["reflected"] }\ntext = "Also."\n'
    fixed = text.replace(dotted, "").replace("\n[debrief]", "\n" + block + "\n[debrief]")
    assert loads(tmp_path, fixed).endings["poor"].also[0].text == "Also."


def test_a_dotted_key_among_the_top_level_keys_is_named_when_its_header_comes(tmp_path):
    """Moved to the top of the file, the dotted key made [endings.poor] before its own
    header, and the header was told only "appears twice", with no first line."""
    dotted = 'endings.poor.also = [ { when = { flags = ["reflected"] }, text = "Also." } ]\n'
    text = MINI.replace('start = "hello"\n', 'start = "hello"\n' + dotted)
    p = only(tmp_path, text)
    first = text[: text.index(dotted)].count("\n") + 1
    assert f"line {first} (endings.poor.also = ...) already made it" in p.message
    assert f"delete line {first}" in p.hint and "[[endings.poor.also]] blocks" in p.hint
    block = '[[endings.poor.also]]\nwhen = { flags = ["reflected"] }\ntext = "Also."\n'
    fixed = text.replace(dotted, "").replace("\n[debrief]", "\n" + block + "\n[debrief]")
    assert loads(tmp_path, fixed).endings["poor"].also[0].when.flags == ("reflected",)


@pytest.mark.parametrize("name", ["be-my-sponsor", "culture-and-ceremony"])
def test_slips_says_how_many_one_slip_paths_still_end_strong(name, capsys):
    # The library orders a level by this share (the `order` key, gentlest first; review 24b):
    # the figure must be the table's own count, not a second reckoning that can drift.
    assert main(["test", f"scenarios/{name}.toml", "--slips"]) in (0, 1)
    out = capsys.readouterr().out.splitlines()
    rows = [line for line in out if re.match(r"^    [\d,]+ +\d+: ", line)]
    strong = sum("(strong)" in line for line in rows)
    (said,) = [line for line in out if line.startswith("  still strong after 1 slip: ")]
    share = round(100 * strong / len(rows))
    assert said == f"  still strong after 1 slip: {strong} of {len(rows)} path(s), {share}% " + (
        "(lower is harder: see `order`)"
    )
    assert 0 < strong < len(rows)  # a figure that tells scenarios apart


def test_a_critical_kind_of_the_authors_own_is_given_the_guides_advice(tmp_path):
    """author44 wrote `critical = "honesty"` for vouching for what the coach had not seen
    and was told only the four words; the guide's advice (pick the kind whose words fit,
    else it is probably no critical slip) is now in the hint."""
    from tests.core.test_author_messages import MINI, loads, only

    line = 'why = "Directing before listening."'
    text = MINI.replace(line, line + '\ncritical = "honesty"')
    p = only(tmp_path, text)
    assert p.key == "scenes.hello.choices[2].critical"
    assert p.hint.startswith("the four kinds are fixed: safety is a missed risk cue")
    assert "outside-role is counselling, diagnosing, or medical or legal advice" in p.hint
    assert p.hint.endswith(
        "if none fits, the line is probably no critical slip: remove critical and mark the "
        "principle it undermines"
    )
    loads(tmp_path, text.replace('\ncritical = "honesty"', ""))  # following its last advice

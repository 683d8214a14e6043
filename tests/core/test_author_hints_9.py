"""Messages from author test 9 (a trainer writing a court-ordered scenario from the README alone).

Each test makes the mistake, or writes the correct line, as that author did, and
asserts what `check` says: the real cause, and a hint that works when followed.
"""

from __future__ import annotations

import pytest

from sim.authoring.fairness import unfair_lines
from sim.cli import main
from tests.core.test_author_hints_6 import BESIDE, FORM, SAFE_CLOSE, beside, codes
from tests.core.test_author_messages import MINI, loads, only, problems

LOST = SAFE_CLOSE.replace(FORM, FORM.replace("trust = -25", "trust = -100"))
# A line beside the closing one that is no safety move and ends where it does.
SAME = BESIDE.replace("trust = 20", "trust = 2")


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


SLIP = (
    '[[scenes.middle.choices]]\nsay = "I will keep anything you say secret, always."\n'
    'goto = "bridge"\ntrust = 30\nprinciples = { confidentiality = "undermines" }\n'
    'why = "A promise no coach can keep."\ncritical = "confidentiality"\ncap = "poor"\n\n'
)
STRONG = 'when = { min_trust = 60, flags = ["reflected"] }'


def test_an_unreachable_ending_leaves_out_runs_a_slip_keeps_from_it(tmp_path):
    # the secrecy promise lifts trust to 92, but no run holding it can end strong:
    # the honest figure for the strong ending is what runs without it reach
    assert STRONG in MINI
    text = MINI.replace("[scenes.bridge]", SLIP + "[scenes.bridge]", 1).replace(
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


@pytest.mark.parametrize(
    "word, meant",
    [
        ("lint", "`peer-sim check` (checks scenario files"),  # was: did you mean `peer-sim list`
        ("validate", "`peer-sim check`"),  # was: peer-sim play validate
        ("verify", "`peer-sim check`"),
        ("run", "`peer-sim play` (plays a scenario) or `peer-sim runs`"),  # was: runs alone
    ],
)
def test_a_command_another_tool_would_have_names_peer_sims_own(word, meant, capsys, tmp_path):
    with pytest.raises(SystemExit) as stop:
        main([word, str(tmp_path / "court-ordered.toml")])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"'{word}' is not a command; did you mean {meant}" in err
    assert "peer-sim list" not in err and "play validate" not in err


def test_a_reload_that_rewords_the_one_line_said_counts_it_plainly(tmp_path):
    from sim.authoring.watch import kept_note, reload_run
    from sim.debrief.build import build_debrief
    from sim.engine import Run

    path = tmp_path / "draft.toml"
    path.write_text(MINI, encoding="utf-8")
    run = Run.begin(loads(tmp_path, MINI))
    run.choose(1)  # "You made it in."
    long = "You made it in, even though part of you would much rather be somewhere else today."
    path.write_text(MINI.replace("You made it in.", long), encoding="utf-8")
    found = reload_run(path, run)
    note = found.run.replay_note
    # was "Kept all 1 choices, but ... 'You made it in, even though part of you would much rat...'"
    assert note.startswith("Kept your one choice, but the line you chose at decision 1 now reads")
    assert "'You made it in, even though part of you would much...'" in note
    # the reload's own note keeps the count once, and the reworded line
    said = kept_note(1, found.run)
    assert said.startswith("kept 1 of your 1 choice(s). The line you chose at decision 1")
    found.run.choose(1)
    found.run.settle()
    found.run.choose(1)
    assert build_debrief(found.run).replay_note.startswith("Kept your one choice, but")


def test_a_required_key_under_another_name_is_one_error_saying_rename(tmp_path):
    # was two: "'text' is required here but missing" and "'prompt' is not a key"
    text = MINI.replace(
        'reflect = ["What did Kim want?"]',
        'reflect = ["What did Kim want?", { prompt = "And next?", when = { min_trust = 1 } }]',
    )
    p = only(tmp_path, text)
    assert p.key == "debrief.reflect[2].prompt"
    assert p.hint == "rename prompt to text: text is required here and missing"
    loads(tmp_path, text.replace("prompt =", "text ="))  # the hint, followed
    # the same for a choice's words and an ending's title
    p = only(tmp_path, MINI.replace('say = "Thank you for coming."', 'words = "Thank you."'))
    assert p.hint.startswith("rename words to say:")
    p = only(tmp_path, MINI.replace('title = "Poor"', 'name = "Poor"'))
    assert p.hint.startswith("rename name to title:")


def test_an_unknown_key_of_another_kind_is_not_taken_for_the_missing_one(tmp_path):
    text = MINI.replace('say = "Thank you for coming."', 'words = ["Thank you."]')
    found = problems(tmp_path, text)
    assert {p.key for p in found} == {"scenes.last.choices[1].say", "scenes.last.choices[1].words"}
    assert not any("rename" in p.hint for p in found)


def test_a_fallback_branch_first_names_the_branches_after_it_in_words(tmp_path):
    two = '[[scenes.bridge.next]]\nwhen = { min_trust = 90 }\ngoto = "last"\n\n'
    fallback = '[[scenes.bridge.next]]\ngoto = "last"\n\n'
    base = MINI.replace('next = "last"\n', "")
    one = base.replace("[scenes.last]", fallback + two + "[scenes.last]", 1)
    assert only(tmp_path, one).message.endswith("holds and the branch after it can never be taken")
    both = base.replace("[scenes.last]", fallback + two + two + "[scenes.last]", 1)
    assert only(tmp_path, both).message.endswith("the 2 branches after it can never be taken")


# An "ask again" line in 'middle' that leads back to 'middle', its `when` forgotten.
AGAIN = (
    '[[scenes.middle.choices]]\nsay = "Can I ask that again?"\ngoto = "middle"\ntrust = 3\n'
    'principles = { active-listening = "honours" }\nwhy = "Asking again."\n\n'
)


def test_a_line_back_to_its_own_scene_offered_again_is_named(tmp_path):
    text = MINI.replace("[scenes.bridge]", AGAIN + "[scenes.bridge]", 1)
    (p,) = codes(tmp_path, text)["repeatable"]  # check said nothing: the file was "clean"
    assert p.key == "scenes.middle.choices[4]"
    assert "a trainee can say it over and over (trust +3 each time" in p.message
    assert p.hint.startswith(
        'take it off the offer once said (sets = ["asked-again"] and '
        'when = { not_flags = ["asked-again"] })'
    )
    # the hint, followed: said once, then no longer on offer, and no warning
    followed = text.replace(
        'why = "Asking again."\n',
        'why = "Asking again."\nsets = ["asked-again"]\nwhen = { not_flags = ["asked-again"] }\n',
    )
    assert "repeatable" not in codes(tmp_path, followed)
    from sim.engine import Run

    run = Run.begin(loads(tmp_path, followed))
    run.choose(1)
    run.settle()
    said = [o.choice.say for o in run.offers()]
    run.choose(said.index("Can I ask that again?") + 1)
    run.settle()
    assert run.state.scene == "middle"
    assert "Can I ask that again?" not in [o.choice.say for o in run.offers()]

"""Messages from author test 4 (a trainer writing a new scenario from the README alone).

Each test makes the mistake as that author made it, asserts the message names
the real cause at the right line, and, where the hint is a TOML fix, follows it
literally and loads the result.
"""

from __future__ import annotations

# the same helpers as the other author-message tests: make the mistake, follow the hint
from tests.core.test_author_hints import line_of
from tests.core.test_author_messages import MINI, loads, only


def test_notes_in_one_text_with_commas_get_one_pair_of_quotes_each(tmp_path):
    wrong = 'content_notes = "alcohol use, drink driving"'
    text = MINI.replace("minutes = 2", f"{wrong}\nminutes = 2")
    p = only(tmp_path, text)
    assert p.key == "content_notes" and p.line == line_of(text, wrong)
    assert "table with text and when" not in p.hint  # only reflect takes tables
    fixed_line = p.hint.split(": ", 1)[1]
    fixed = loads(tmp_path, text.replace(wrong, fixed_line))
    assert fixed.content_notes == ("alcohol use", "drink driving")


def test_a_flag_list_as_one_text_is_not_told_entries_may_be_tables(tmp_path):
    text = MINI.replace('sets = ["reflected"]', 'sets = "reflected"')
    p = only(tmp_path, text)
    assert p.key == "scenes.hello.choices[1].sets"
    assert "table" not in p.hint and 'sets = ["..."]' in p.hint
    fixed = loads(tmp_path, text.replace('sets = "reflected"', 'sets = ["reflected"]'))
    assert fixed.scenes["hello"].choices[0].sets == ("reflected",)


def test_a_long_text_never_closed_is_named_where_it_opened_not_at_the_end(tmp_path):
    wrong = 'text = """It went so-so."'
    text = MINI.replace('text = "It went so-so."', wrong)
    p = only(tmp_path, text)
    assert p.line == line_of(text, wrong) and p.column == wrong.index('"""') + 1
    assert "never closed" in p.message and 'use """ for' not in p.hint
    fixed = loads(tmp_path, text.replace(wrong, 'text = """It went so-so."""'))
    assert fixed.endings["mixed"].text == "It went so-so."


def test_a_condition_in_square_brackets_is_told_to_use_braces(tmp_path):
    wrong = "when = [min_trust = 20]"
    text = MINI.replace("when = { min_trust = 20 }", wrong)
    p = only(tmp_path, text)
    assert p.line == line_of(text, wrong) and p.column == wrong.index("[") + 1
    assert "double quotes" not in p.hint  # quoting the keys would make them a text
    fixed = loads(tmp_path, text.replace(wrong, p.hint.removeprefix("write ")))
    assert fixed.endings["mixed"].when.min_trust == 20


BRANCHES = (
    '[[scenes.bridge.next]]\nwhen = { flags = ["reflected"] }\ngoto = "last"\n\n'
    '[[scenes.bridge.next]]\ngoto = "@outcome"\n'
)


def test_next_written_in_a_branch_of_next_is_told_to_be_goto_not_moved_up(tmp_path):
    text = MINI.replace('next = "last"\n', BRANCHES.replace('goto = "last"', 'next = "last"'))
    p = only(tmp_path, text)  # one error: the goto it lacks is the same slip
    assert p.key == "scenes.bridge.next[1].next" and p.line == line_of(text, 'next = "last"')
    assert "a branch of next goes on with goto" in p.message
    assert p.hint == "rename next to goto" and "move it up" not in p.hint
    fixed = loads(tmp_path, text.replace('next = "last"', 'goto = "last"'))
    assert [b.goto for b in fixed.scenes["bridge"].steps()] == ["last", "@outcome"]


def test_a_branch_of_next_without_goto_is_not_called_a_choice(tmp_path):
    text = MINI.replace('next = "last"\n', BRANCHES.replace('goto = "last"\n', ""))
    p = only(tmp_path, text)
    assert p.key == "scenes.bridge.next[1].goto"
    assert "this branch leads to" in p.hint and "choice" not in p.hint


def test_toml_1_1_warnings_say_what_was_written_not_the_parsers_words(tmp_path):
    from sim.authoring.portable import toml10_problems

    comma = MINI.replace("when = { min_trust = 20 }", "when = { min_trust = 20, }")
    broken = MINI.replace("when = { min_trust = 20 }", "when = {\n  min_trust = 20\n}")
    for text, what in ((comma, "a comma after the last entry"), (broken, "a line break inside")):
        (p,) = toml10_problems(tmp_path / "x.toml", text)
        assert p.line == line_of(text, "when = {\n" if "\n  " in text else ", }")
        assert what in p.message and "key part" not in p.message
        assert not toml10_problems(tmp_path / "x.toml", MINI)  # the hint's one-line form


def test_a_choice_id_used_twice_names_where_it_was_first_used(tmp_path):
    text = MINI.replace('say = "Let\'s finish."', 'id = "reflect"\nsay = "Let\'s finish."')
    p = only(tmp_path, text)
    assert p.key == "scenes.middle.choices[3].id"
    assert "choice 1 of scene 'hello' has it too" in p.message
    assert loads(tmp_path, text.replace('id = "reflect"\nsay = "Let', 'id = "finish"\nsay = "Let'))


def test_a_verdict_used_as_a_key_is_shown_inside_principles(tmp_path):
    wrong = 'honours = ["active-listening"]'
    text = MINI.replace('principles = { active-listening = "neutral" }', wrong)
    p = only(tmp_path, text)
    assert p.key == "scenes.last.choices[1].honours" and p.line == line_of(text, wrong)
    fixed = loads(tmp_path, text.replace(wrong, p.hint.split(": ", 1)[1]))
    assert fixed.scenes["last"].choices[0].principles == {"active-listening": "honours"}


def test_a_branch_of_next_past_a_slip_cap_gets_a_path_and_a_hint_for_a_branch(tmp_path):
    from sim.authoring.lint import lint

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
    from sim.authoring.lint import lint

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


def test_a_search_that_stops_early_says_so_instead_of_keeping_quiet(tmp_path, monkeypatch):
    from sim.authoring import straight
    from sim.authoring.lint import lint

    branch = '[[scenes.bridge.next]]\nwhen = { flags = ["reflected"] }\ngoto = "strong"\n\n'
    text = MINI.replace("min_trust = 60, flags", "min_trust = 62, flags").replace(
        'next = "last"\n', branch + '[[scenes.bridge.next]]\ngoto = "last"\n'
    )
    monkeypatch.setattr(straight, "MAX_SEARCH", 1)
    codes = [p.code for p in lint(loads(tmp_path, text))]
    assert "ending-when-skipped" not in codes
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "ending-when-unchecked"]
    assert p.key == "scenes.bridge.next[1].goto" and p.severity == "warning"
    assert "stopped looking after 1 states" in p.message and "'strong'" in p.message
    assert p.hint.startswith('to let the meters decide, go to "@outcome"')
    # a search that sees every state says nothing about a way that never fails
    monkeypatch.setattr(straight, "MAX_SEARCH", 20_000)
    walk_out = MINI.replace(
        'say = "Let\'s finish."\ngoto = "@outcome"', 'say = "Let\'s finish."\ngoto = "mixed"'
    )
    assert not {"ending-when-unchecked", "ending-when-skipped"} & {
        p.code for p in lint(loads(tmp_path, walk_out))
    }


def test_best_yes_is_told_to_write_true_not_to_quote_it(tmp_path):
    text = MINI.replace("best = true", "best = yes")
    p = only(tmp_path, text)
    assert p.line == line_of(text, "best = yes") and p.column == len("best = ") + 1
    assert "quotes (" not in p.hint and p.hint == "write true"
    fixed = loads(tmp_path, text.replace("best = yes", "best = " + p.hint.split()[-1]))
    assert fixed.scenes["middle"].choices[0].best is True
    # a text without its quotes that starts with "yes" keeps the general advice
    p = only(tmp_path, MINI.replace('say = "Let\'s finish."', "say = yes let's finish"))
    assert "double quotes" in p.hint


def test_cap_strong_says_a_critical_slip_never_ends_strong(tmp_path):
    slip = 'say = "Let\'s finish."'
    text = MINI.replace(slip, slip + '\ncritical = "safety"\ncap = "strong"')
    p = only(tmp_path, text)
    assert p.key == "scenes.middle.choices[3].cap" and "never ends strong" in p.hint
    fixed = loads(tmp_path, text.replace('cap = "strong"', 'cap = "mixed"'))
    assert fixed.scenes["middle"].choices[2].cap == "mixed"


def test_a_condition_written_as_an_expression_is_shown_as_keys(tmp_path):
    wrong = 'when = "trust >= 20 and empowerment < 99"'
    text = MINI.replace("when = { min_trust = 20 }", wrong)
    p = only(tmp_path, text)
    assert p.key == "endings.mixed.when" and p.line == line_of(text, wrong)
    assert "min_trust = 10" not in p.hint  # the author's own numbers, not an example
    fixed = loads(tmp_path, text.replace(wrong, p.hint.split(": ", 1)[1]))
    when = fixed.endings["mixed"].when
    assert (when.min_trust, when.max_empowerment) == (20, 98)

"""Conditions (`when`, `any`, flags, meter bounds) as authors first write them, and the
messages that turn each into the form that loads. Each test makes the mistake as an author
writing from the README alone made it; where the hint is a fix, the test follows it.
"""

from __future__ import annotations

import re

import pytest

from tests.authoring.hints import LETTER, STRONG_WHEN, codes, lint_code

# the same helpers as the other author-message tests: make the mistake, follow the hint
from tests.core.test_author_messages import MINI, loads, only

ASKED = "when = { max_trust = 30 }"  # the third choice of 'middle'


def _written_hints(hint: str) -> str:
    """The TOML the hint says to write: everything after its last 'write '."""
    return hint[hint.rindex("write ") + len("write ") :]


BRANCHES = (
    '[[scenes.bridge.next]]\nwhen = {}\ngoto = "last"\n\n'
    '[[scenes.bridge.next]]\ngoto = "@outcome"\n'
)


def _written(hint: str, key: str) -> str:
    """The TOML line a hint says to write, from `key = ` to the end of that line."""
    start = hint.index(f"{key} = ")
    line = hint[start:]
    return line[: line.rindex("}") + 1] if key == "when" else line[: line.index('?"') + 2]


def test_a_variant_without_when_is_told_to_add_it_in_that_block(tmp_path):
    text = MINI.replace(
        "[debrief]", '[[endings.mixed.variants]]\ntext = "Another way."\n\n[debrief]'
    )
    p = only(tmp_path, text)
    assert p.key == "endings.mixed.variants[1].when"
    # A blank to fill in, never a threshold an author would copy ("min_trust = 10" made
    # the variant show in nearly every run).
    assert p.hint.startswith('add when = { flags = ["..."] } in the 1st entry of ')
    assert "min_trust = " not in p.hint
    assert "not_flags, visited" in p.hint
    assert "the ending's own text, not a variant" in p.hint
    assert "inline" not in p.hint
    filled = _written(p.hint, "when").replace("...", "reflected")
    fixed = loads(
        tmp_path, text.replace('text = "Another way."', f'text = "Another way."\n{filled}')
    )
    assert fixed.endings["mixed"].variants[0].when.flags == ("reflected",)


def test_an_any_inside_an_any_says_so(tmp_path):
    text = MINI.replace(
        "when = { max_trust = 30 }",
        'when = { any = [{ max_trust = 30 }, { any = [{ flags = ["reflected"] }] }] }',
    )
    p = only(tmp_path, text)
    assert p.key.endswith("when.any[2].any") and "cannot hold another any" in p.hint
    fixed = loads(
        tmp_path,
        text.replace('{ any = [{ flags = ["reflected"] }] }', '{ flags = ["reflected"] }'),
    )
    assert fixed.scenes["middle"].choices[2].when is not None


def test_a_when_on_a_scene_points_to_branches_and_variants(tmp_path):
    text = MINI.replace(
        '[scenes.last]\nspeaker = "kim"',
        '[scenes.last]\nwhen = { min_trust = 40 }\nspeaker = "kim"',
    )
    p = only(tmp_path, text)
    assert p.key == "scenes.last.when"
    assert "[[scenes.last.variants]]" in p.hint and "a scene has no when" in p.hint


def test_a_branch_on_a_flag_set_only_elsewhere_names_the_flag_and_who_sets_it(tmp_path):
    text = MINI.replace('next = "last"\n', BRANCHES.replace("{}", '{ flags = ["gave-up"] }'))
    text = text.replace(
        'goto = "@outcome"\ntrust = -100', 'goto = "@outcome"\ntrust = -100\nsets = ["gave-up"]'
    )
    (p,) = codes(tmp_path, text)["never-taken"]
    assert p.key == "scenes.bridge.next[1].when"
    assert "flag 'gave-up' is never set on the way here" in p.hint
    assert "only hello#3 sets it" in p.hint


def test_a_reflection_on_a_misspelt_flag_is_one_warning_that_names_it(tmp_path):
    reflect = 'reflect = ["What did Kim want?", { text = "Why?", when = { flags = ["reflectd"] } }]'
    text = MINI.replace('reflect = ["What did Kim want?"]', reflect)
    found = codes(tmp_path, text)
    assert "unset-flag" not in found  # the same cause, said once
    (p,) = found["never-shown"]
    assert "no choice sets the flag 'reflectd'" in p.hint and "'reflected'" in p.hint


def test_and_between_the_keys_of_a_when_says_comma_and_the_fix_loads(tmp_path):
    text = MINI.replace(STRONG_WHEN, STRONG_WHEN.replace(", flags", " and flags"))
    p = only(tmp_path, text)
    assert "not closed" not in p.message  # the braces are closed: the 'and' is the slip
    assert "'and' is not TOML" in p.message and "separated by commas" in p.message
    fix = _written(p.hint, "when")
    assert fix == STRONG_WHEN
    loads(tmp_path, text.replace(STRONG_WHEN.replace(", flags", " and flags"), fix))


def test_or_between_the_keys_of_a_when_gives_the_same_keys_in_any(tmp_path):
    text = MINI.replace(STRONG_WHEN, STRONG_WHEN.replace(", flags", " or flags"))
    p = only(tmp_path, text)
    assert "'or' is not TOML" in p.message
    fix = _written(p.hint, "when")
    assert fix == 'when = { any = [ { min_trust = 60 }, { flags = ["reflected"] } ] }'
    done = loads(tmp_path, text.replace(STRONG_WHEN.replace(", flags", " or flags"), fix))
    assert len(done.endings["strong"].when.any) == 2


def test_a_list_key_twice_in_one_when_says_twice_and_merges_the_lists(tmp_path):
    slip = 'when = { min_trust = 60, flags = ["reflected"], flags = ["asked"] }'
    text = MINI.replace(STRONG_WHEN, slip)
    p = only(tmp_path, text)
    assert p.line == text.splitlines().index(slip) + 1
    assert p.column == slip.rindex("flags") + 1  # the second one, where to edit
    assert p.message == "'flags' is written twice inside one { ... }"
    assert "above" not in p.message and "that line" not in p.hint  # both are on this line
    fix = 'flags = ["reflected", "asked"]'
    assert p.hint.endswith(f"in one list: {fix}")
    done = loads(tmp_path, text.replace(slip, f"when = {{ min_trust = 60, {fix} }}"))
    assert done.endings["strong"].when.flags == ("reflected", "asked")


def test_a_number_key_twice_in_one_when_says_twice_and_keep_one(tmp_path):
    slip = 'when = { min_trust = 60, min_trust = 70, flags = ["reflected"] }'
    p = only(tmp_path, MINI.replace(STRONG_WHEN, slip))
    assert p.message == "'min_trust' is written twice inside one { ... }"
    assert p.column == slip.rindex("min_trust") + 1
    assert p.hint == "keep one min_trust = ... and delete the other"


def test_a_reflection_never_asked_for_a_meter_bound_names_the_bound(tmp_path):
    """README promises the part of the when that never holds; a meter bound got "check the
    flags and scenes it needs"."""
    text = MINI.replace(
        'reflect = ["What did Kim want?"]',
        'reflect = ["What did Kim want?", { text = "Why so high?", when = { min_trust = 99 } }]',
    )
    (p,) = lint_code(tmp_path, text, "never-shown")
    assert re.search(r"min_trust = 99, but trust is at most \d+ when a run ends", p.hint), p.hint
    assert "flags and scenes" not in p.hint


def test_an_example_state_names_no_pseudo_flag(tmp_path):
    """A next with no fallback, reached only after a critical slip: the example state said
    `flags set: @cap-mixed`, a flag the author never wrote."""
    slip = 'say = "You should fill in this form."'
    text = MINI.replace(slip, slip + '\ncritical = "outside-role"').replace(
        'next = "last"', '\n[[scenes.bridge.next]]\nwhen = { flags = ["nowhere"] }\ngoto = "last"\n'
    )
    text = text.replace('sets = ["reflected"]', 'sets = ["reflected", "nowhere"]')
    found = lint_code(tmp_path, text, "dead-end")
    assert found, "no dead-end"
    for p in found:
        assert "@cap" not in p.message + p.hint
    assert any("after a critical slip (capped at mixed)" in p.message for p in found)


def test_and_in_principles_does_not_talk_about_a_when(tmp_path):
    slip = 'principles = { empowerment = "undermines" and active-listening = "undermines" }'
    text = MINI.replace(
        'principles = { empowerment = "undermines", active-listening = "undermines" }', slip
    )
    p = only(tmp_path, text)
    assert "when" not in p.message
    assert p.hint.startswith("write principles = {")


def test_a_when_written_as_a_list_of_flags_gets_the_flags_table(tmp_path):
    text = MINI.replace(STRONG_WHEN, 'when = ["reflected"]')
    p = only(tmp_path, text)
    assert p.hint.endswith('when = { flags = ["reflected"] }'), p.hint
    loads(tmp_path, text.replace('when = ["reflected"]', 'when = { flags = ["reflected"] }'))


def test_a_flag_a_good_line_sets_too_is_not_the_one_named(tmp_path):
    # The slip also sets 'heard', which the reflection sets: not_flags on it would shut
    # out every run that listened.
    text = LETTER.replace('sets = ["will-call"]', 'sets = ["heard", "will-call"]')
    close = "What would help you if she doesn't answer, or not for a long time?\"\n"
    text = text.replace(close + 'goto = "@outcome"', close + 'goto = "his-own-words"')
    (p,) = codes(tmp_path, text)["cap-break"]
    assert '"heard"' not in p.hint and '"will-call"' in p.hint


@pytest.mark.parametrize(
    ("slip", "said"),
    [
        # `flags = ["a"] or ["b"]` was told "an inline table is not closed (add the closing
        # '}')", though the brace was there
        ('when = { min_trust = 60, flags = ["reflected"] or ["asked"] }', "'or' is not TOML"),
        # `flags = ["a" or "b"]` was told "a list is not closed (add the closing ']')",
        # though the bracket was there
        (
            'when = { min_trust = 60, flags = ["reflected" or "asked"] }',
            "'or' is not TOML: the entries of a list are separated by commas",
        ),
    ],
)
def test_or_between_flags_says_or_and_gives_any(tmp_path, slip, said):
    text = MINI.replace(STRONG_WHEN, slip)
    p = only(tmp_path, text)
    assert p.message.startswith(said)
    assert "closing" not in p.hint
    assert p.column == slip.index(" or ") + 2
    fix = _written_hints(p.hint)
    assert fix == (
        'when = { min_trust = 60, any = [ { flags = ["reflected"] }, { flags = ["asked"] } ] }'
    )
    when = loads(tmp_path, text.replace(slip, fix)).endings["strong"].when
    assert when.min_trust == 60 and [c.flags for c in when.any] == [("reflected",), ("asked",)]


def test_a_flag_name_as_the_whole_when_goes_in_its_flags_list(tmp_path):
    slip = 'when = "reflected"'
    text = MINI.replace(ASKED, slip)
    p = only(tmp_path, text)
    fix = _written_hints(p.hint)
    assert fix == 'when = { flags = ["reflected"] }'
    assert loads(tmp_path, text.replace(slip, fix)).scenes["middle"].choices[2].when.flags == (
        "reflected",
    )


def test_a_flag_name_as_an_entry_of_any_goes_in_a_flags_table(tmp_path):
    """The hint was "e.g. 0 = { min_trust = 10 }": a key no author can write."""
    slip = 'when = { any = [ "reflected", { min_trust = 60 } ] }'
    text = MINI.replace(STRONG_WHEN, slip)
    p = only(tmp_path, text)
    assert "0 =" not in p.hint
    entry = p.hint[p.hint.index("write ") + len("write ") : p.hint.index(" in any")]
    assert entry == '{ flags = ["reflected"] }'
    fixed = text.replace(slip, f"when = {{ any = [ {entry}, {{ min_trust = 60 }} ] }}")
    assert len(loads(tmp_path, fixed).endings["strong"].when.any) == 2


def test_flags_twice_in_one_when_offers_either_as_well_as_both(tmp_path):
    """Two `flags` in one when are as often meant as "either one": the hint named only the
    merged list, which silently turns an OR into an AND."""
    slip = 'when = { min_trust = 60, flags = ["reflected"], flags = ["asked"] }'
    text = MINI.replace(STRONG_WHEN, slip)
    p = only(tmp_path, text)
    either = p.hint[p.hint.index("any = [") : p.hint.index("];") + 1]
    assert either == 'any = [ { flags = ["reflected"] }, { flags = ["asked"] } ]'
    fixed = text.replace(slip, f"when = {{ min_trust = 60, {either} }}")
    assert len(loads(tmp_path, fixed).endings["strong"].when.any) == 2


@pytest.mark.parametrize(
    "slip",
    [
        'when = { min_trust = 60, flags = ["reflected"] and ["asked"] }',  # between two lists
        'when = { min_trust = 60, flags = ["reflected" and "asked"] }',  # inside one list
    ],
)
def test_and_between_flags_gives_one_list_with_a_comma(tmp_path, slip):
    text = MINI.replace(STRONG_WHEN, slip)
    p = only(tmp_path, text)
    assert p.message.startswith("'and' is not TOML")
    fix = _written_hints(p.hint)
    assert fix == 'when = { min_trust = 60, flags = ["reflected", "asked"] }'
    assert loads(tmp_path, text.replace(slip, fix)).endings["strong"].when.flags == (
        "reflected",
        "asked",
    )


def test_a_scene_both_visited_and_not_visited_is_named_like_a_flag_in_both(tmp_path):
    """A flag in flags and not_flags was an error naming it; a scene in visited and
    not_visited got only "never shows ... check the flags, scenes and numbers it needs"."""
    wrong = 'when = { visited = ["middle"], not_visited = ["middle"] }'
    text = MINI.replace(
        'reflect = ["What did Kim want?"]', f'reflect = [{{ text = "Why?", {wrong} }}]'
    )
    p = only(tmp_path, text)
    assert p.key == "debrief.reflect[1].when.visited"
    assert "scene 'middle' must be both seen and not seen" in p.message
    assert p.hint == "remove it from visited or from not_visited"
    assert loads(tmp_path, text.replace(', not_visited = ["middle"]', ""))


@pytest.mark.parametrize(
    ("slip", "fix"),
    [
        # Author test 35: `when = { ... } or { ... }` was told only "this is not valid TOML
        # (Expected newline or end of document after a statement)"
        (
            'when = { min_trust = 60 } or { flags = ["reflected"] }',
            'when = { any = [ { min_trust = 60 }, { flags = ["reflected"] } ] }',
        ),
        (
            'when = { min_trust = 60 } || { flags = ["reflected"] }  # either',
            'when = { any = [ { min_trust = 60 }, { flags = ["reflected"] } ] }',
        ),
        ('when = { min_trust = 60 } and { flags = ["reflected"] }', STRONG_WHEN),
    ],
)
def test_a_word_between_two_conditions_says_so_and_the_fix_loads(tmp_path, slip, fix):
    text = MINI.replace(STRONG_WHEN, slip)
    p = only(tmp_path, text)
    word = slip.split("} ")[1].split(" {")[0]
    assert p.message.startswith(f"'{word}' is not TOML: a key takes one {{ ... }}")
    assert "not valid TOML" not in p.message
    assert p.line == text.splitlines().index(slip) + 1
    assert p.column == slip.index(f" {word} ") + 2
    assert _written_hints(p.hint) == fix
    when = loads(tmp_path, text.replace(slip, fix)).endings["strong"].when
    assert when.min_trust == 60 or len(when.any) == 2


def test_or_between_conditions_that_use_any_gives_no_nested_any(tmp_path):
    slip = 'when = { any = [ { min_trust = 60 } ] } or { flags = ["reflected"] }'
    p = only(tmp_path, MINI.replace(STRONG_WHEN, slip))
    assert p.message.startswith("'or' is not TOML")
    assert "any = [ { any" not in p.hint


def test_a_comma_missing_between_two_tables_of_any_shows_a_list_of_tables(tmp_path):
    """author44: `any = [ { flags = ["a"] } { visited = ["b"] } ]` was shown the example
    ["first", "second"], a list of texts, for a list of { ... } tables."""
    text = MINI.replace(
        STRONG_WHEN, 'when = { any = [ { flags = ["reflected"] } { visited = ["bridge"] } ] }'
    )
    p = only(tmp_path, text)
    assert p.message == "a comma is missing between two entries of this list"
    assert "[ { ... }, { ... } ]" in p.hint and '"first"' not in p.hint
    assert p.column == text.splitlines()[p.line - 1].index("{ visited") + 1
    fixed = loads(tmp_path, text.replace('["reflected"] } {', '["reflected"] }, {'))
    assert len(fixed.endings["strong"].when.any) == 2
    # a list of texts keeps its own example
    texts = MINI.replace(
        'trains = ["active-listening", "empowerment"]',
        'trains = ["active-listening" "empowerment"]',
    )
    assert only(tmp_path, texts).hint.endswith('e.g. ["first", "second"]')


@pytest.mark.parametrize(
    ("slip", "fix"),
    [
        ('when = { flag = "reflected" }', 'when = { flags = ["reflected"] }'),
        ('when = { not_flag = "reflected" }', 'when = { not_flags = ["reflected"] }'),
    ],
)
def test_a_singular_flag_key_with_one_text_is_shown_the_list_it_takes(tmp_path, slip, fix):
    """author44 wrote `flag = "owned-it"`: "did you mean 'flags'?", followed literally, gave
    `flags = "owned-it"` and a second round ("should be a list"). The list is said at once."""
    text = MINI.replace('when = { flags = ["reflected"] }', slip)
    p = only(tmp_path, text)
    written = fix[len("when = { ") : -len(" }")]
    assert p.hint.endswith(f"It takes a list: write {written}"), p.hint
    loads(tmp_path, text.replace(slip, fix))


def test_a_near_key_that_takes_one_text_gets_no_list(tmp_path):
    line = 'say = "Thank you for coming."\ngoto = "@outcome"'
    p = only(tmp_path, MINI.replace(line, line.replace("goto", "go_to")))
    assert p.hint == "did you mean 'goto'?"


def test_a_choice_whose_meter_bound_fails_only_with_its_flag_names_the_bound(tmp_path):
    """author44: `when = { flags = ["told-may"], min_trust = 50 }` was told "each part of
    it holds on some way here, but never all at once (here trust is 8..64 ...)"; the bound
    that fails with the flag is said, with the meters of the ways that have it."""
    text = MINI.replace(
        'when = { flags = ["reflected"] }', 'when = { flags = ["reflected"], max_trust = 40 }'
    )
    (p,) = lint_code(tmp_path, text, "never-offered")
    assert p.key == "scenes.middle.choices[2].when"
    assert p.hint == (
        "each part of it holds on some way here, but never all at once: max_trust = 40, but "
        "trust is at least 60 on the ways here with the flag 'reflected'"
    )

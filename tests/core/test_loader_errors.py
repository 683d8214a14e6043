"""Every kind of bad input becomes one located, actionable ScenarioError: never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.loading import load_library, load_scenario
from sim.problems import ScenarioError

FIXTURES = Path(__file__).parent / "fixtures"
MINI = (FIXTURES / "mini.toml").read_text()


def broken(tmp_path: Path, old: str, new: str, count: int = 1) -> ScenarioError:
    assert old in MINI, old
    path = tmp_path / "broken.toml"
    path.write_text(MINI.replace(old, new, count))
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return info.value


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[nth - 1]


def only(err: ScenarioError):
    assert len(err.problems) == 1, err
    return err.problems[0]


def test_invalid_toml(tmp_path):
    p = only(broken(tmp_path, 'title = "Mini"', "title = Mini"))
    assert p.path.name == "broken.toml"
    assert (p.line, p.column) == (2, 9)
    assert "double quotes" in p.message and p.hint == 'write title = "Mini"'
    assert "broken.toml:2:9: error:" in p.format()


def test_duplicate_key_is_a_syntax_error_with_a_hint(tmp_path):
    p = only(broken(tmp_path, 'title = "Mini"', 'title = "Mini"\ntitle = "Again"'))
    assert p.line == 3 and "twice" in p.message


def test_wrong_type(tmp_path):
    p = only(broken(tmp_path, "trust = 10", 'trust = "10"'))
    assert p.key == "scenes.hello.choices[1].trust"
    assert p.line == line_of(MINI, "trust = 10")
    assert "whole number" in p.message


def test_unknown_key_with_did_you_mean(tmp_path):
    err = broken(tmp_path, 'goto = "middle"', 'gotoo = "middle"')
    keys = {p.key: p for p in err.problems}
    # One problem, one fix: the misspelling, not also "'goto' is required but missing".
    assert set(keys) == {"scenes.hello.choices[1].gotoo"}
    unknown = keys["scenes.hello.choices[1].gotoo"]
    assert unknown.line == line_of(MINI, 'goto = "middle"')
    assert "did you mean 'goto'?" in unknown.hint


def test_unknown_top_level_key(tmp_path):
    p = only(broken(tmp_path, "minutes = 2", "minutes = 2\nminuets = 3"))
    assert p.key == "minuets" and p.line == line_of(MINI, "minutes = 2") + 1
    assert "did you mean 'minutes'?" in p.hint


def test_unknown_goto(tmp_path):
    p = only(broken(tmp_path, 'goto = "bridge"', 'goto = "brige"'))
    assert p.key == "scenes.middle.choices[1].goto"
    assert p.line == line_of(MINI, 'goto = "bridge"')
    assert "did you mean 'bridge'?" in p.hint


def test_unknown_ending_in_next(tmp_path):
    p = only(broken(tmp_path, 'next = "last"', 'next = "the-end"'))
    assert p.key == "scenes.bridge.next" and p.line == line_of(MINI, 'next = "last"')
    assert "not a scene or an ending" in p.message


def test_unknown_principle(tmp_path):
    p = only(broken(tmp_path, '{ empowerment = "honours" }', '{ empowerement = "honours" }'))
    assert p.key == "scenes.middle.choices[1].principles.empowerement"
    assert p.line == line_of(MINI, '{ empowerment = "honours" }')
    assert p.column == 16
    assert "did you mean 'empowerment'?" in p.hint


def test_unknown_principle_in_trains(tmp_path):
    p = only(
        broken(tmp_path, '"active-listening", "empowerment"]', '"active-listening", "empower"]')
    )
    assert p.key == "trains[2]" and p.line == 5 and p.column == 31


def test_unknown_character(tmp_path):
    p = only(broken(tmp_path, 'speaker = "kim"', 'speaker = "kym"'))
    assert p.key == "scenes.hello.speaker" and p.line == line_of(MINI, 'speaker = "kim"')
    assert "did you mean 'kim'?" in p.hint


def test_missing_start(tmp_path):
    p = only(broken(tmp_path, 'start = "hello"\n', ""))
    assert p.key == "start" and "required" in p.message and p.line == 1


def test_start_names_no_scene(tmp_path):
    p = only(broken(tmp_path, 'start = "hello"', 'start = "helo"'))
    assert p.key == "start" and p.line == 8 and "did you mean 'hello'?" in p.hint


def test_meter_out_of_range(tmp_path):
    p = only(broken(tmp_path, "empowerment = 95", "empowerment = 150"))
    assert p.key == "meters.empowerment" and "0 to 100" in p.hint


def test_bad_verdict(tmp_path):
    p = only(broken(tmp_path, 'active-listening = "honours" }', 'active-listening = "honors" }'))
    assert p.key == "scenes.hello.choices[1].principles.active-listening"
    assert "did you mean 'honours'?" in p.hint


def test_scene_with_choices_and_next(tmp_path):
    p = only(broken(tmp_path, 'text = "Thanks."', 'text = "Thanks."\nnext = "bridge"'))
    assert p.key == "scenes.last.next" and "both" in p.message


def test_wrong_format_version(tmp_path):
    p = only(broken(tmp_path, "format = 1", "format = 2"))
    assert p.key == "format" and p.line == 1 and "format 1" in p.message


def test_non_utf8(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes(MINI.replace('"Hi."', '"Caf\u00e9"').encode("latin-1"))
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    p = only(info.value)
    assert p.line == line_of(MINI, 'text = "Hi."') and p.column == 12
    assert "UTF-8" in p.message and "latin.toml" in p.format()


def test_empty_file(tmp_path):
    path = tmp_path / "empty.toml"
    path.write_text("  \n")
    p = only(pytest.raises(ScenarioError, load_scenario, path).value)
    assert p.line == 1 and "empty" in p.message


def test_comments_only(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("# nothing yet\n")
    assert "only comments" in only(pytest.raises(ScenarioError, load_scenario, path).value).message


def test_over_one_mebibyte(tmp_path):
    path = tmp_path / "huge.toml"
    path.write_text(MINI + "# " + "x" * (1024 * 1024) + "\n")
    p = only(pytest.raises(ScenarioError, load_scenario, path).value)
    assert "larger than 1 MiB" in p.message and p.path == path


def test_absurd_nesting(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("format = 1\nx = " + "[" * 5000 + "]" * 5000 + "\n")
    p = only(pytest.raises(ScenarioError, load_scenario, path).value)
    assert "nested too deeply" in p.message


def test_missing_file(tmp_path):
    p = only(pytest.raises(ScenarioError, load_scenario, tmp_path / "nope.toml").value)
    assert "no such file" in p.message


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    err = broken(tmp_path, 'goto = "bridge"', 'goto = "brige"')
    path = tmp_path / "many.toml"
    path.write_text(
        MINI.replace('speaker = "kim"', 'speaker = "kym"').replace('goto = "bridge"', 'goto = "x"')
    )
    err = pytest.raises(ScenarioError, load_scenario, path).value
    assert len(err.problems) >= 3
    assert [p.line for p in err.problems] == sorted(p.line for p in err.problems)


def test_a_broken_file_never_hides_the_good_ones(tmp_path):
    (tmp_path / "good.toml").write_text(MINI)
    (tmp_path / "bad.toml").write_text(MINI.replace('start = "hello"', 'start = "nowhere"'))
    (tmp_path / "worse.toml").write_bytes(b"\xff\xfe")
    library = load_library([tmp_path])
    assert [s.id for s in library.scenarios] == ["good"]
    assert sorted(e.path.name for e in library.broken) == ["bad.toml", "worse.toml"]


def test_text_is_cleaned_of_escape_sequences_but_keeps_brackets(tmp_path):
    path = tmp_path / "esc.toml"
    path.write_text(
        MINI.replace('text = "Hi."', 'text = "Hi \\u001b[31m[bold]there[/bold]\\u0007."')
    )
    scenario = load_scenario(path)
    assert scenario.scenes["hello"].text == "Hi [bold]there[/bold]."


def test_single_brackets_before_double_brackets(tmp_path):
    p = only(broken(tmp_path, "[[scenes.hello.choices]]", "[scenes.hello.choices]"))
    assert "single brackets" in p.message and "[[scenes.hello.choices]]" in p.hint
    assert p.line == line_of(MINI, "[[scenes.hello.choices]]", 2)


def test_only_choice_in_single_brackets(tmp_path):
    p = only(broken(tmp_path, "[[scenes.last.choices]]", "[scenes.last.choices]"))
    assert p.key == "scenes.last.choices" and "double brackets" in p.hint


def test_key_set_twice_names_the_key_and_the_first_line(tmp_path):
    p = only(broken(tmp_path, "trust = 10\n", "trust = 10\ntrust = 11\n"))
    first = line_of(MINI, "trust = 10")
    header = line_of(MINI, "[[scenes.hello.choices]]")
    assert p.message == (
        f"'trust' is set twice under [[scenes.hello.choices]] of line {header} "
        f"(first on line {first})"
    )


def test_a_list_over_several_lines_set_twice_names_the_key_and_every_line_to_delete(tmp_path):
    """tomli reports the second value where it ends, at its closing ']': the message said only
    "a key or table is written twice", on a line holding no key, and a "delete line N" hint
    for a list over several lines would leave its entries behind, no longer TOML."""
    second = 'reflect = [\n  "What did Kim want?",\n  "What next?",\n]'
    p = only(broken(tmp_path, 'reflect = ["What did Kim want?"]', f'reflect = ["x"]\n{second}'))
    first = line_of(MINI, 'reflect = ["What did Kim want?"]')
    assert (p.line, p.column) == (first + 1, 1)
    assert (
        p.message
        == f"'reflect' is set twice under [debrief] of line {first - 1} (first on line {first})"
    )
    assert p.hint == (
        f"keep only one of them: delete line {first} or lines {first + 1} to {first + 4}"
    )
    # The hint, followed either way, leaves a file that loads.
    text = MINI.replace('reflect = ["What did Kim want?"]', f'reflect = ["x"]\n{second}')
    lines = text.split("\n")
    for drop in (range(first - 1, first), range(first, first + 4)):
        kept = [line for i, line in enumerate(lines) if i not in drop]
        path = tmp_path / "fixed.toml"
        path.write_text("\n".join(kept))
        assert load_scenario(path).debrief.reflect


@pytest.mark.parametrize("gap", ["\n", "\n# the plan line\n", ""])
def test_a_choice_without_its_own_header_is_told_the_header_is_missing(tmp_path, gap):
    """A choice pasted below another without [[scenes.middle.choices]] merges into it: 'say' is
    set twice, and "delete line A or line B" would keep half of each choice in one."""
    second = '[[scenes.middle.choices]]\nsay = "Since you let me reflect'
    text = MINI.replace(
        'why = "Kim sets the agenda."\nbest = true\n\n' + second,
        'why = "Kim sets the agenda."\nbest = true\n' + gap + 'say = "Since you let me reflect',
    )
    assert text != MINI
    path = tmp_path / "broken.toml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    p = only(info.value)
    start = p.line  # the repeated say, where the pasted choice begins
    assert text.split("\n")[start - 1].startswith('say = "Since you let me reflect')
    assert p.hint.startswith(
        f"if line {start} starts another entry, its header is missing: write its header "
        f"([[scenes.middle.choices]] for another choice) on a line of its own above line {start}"
    )
    lines = text.split("\n")
    lines.insert(start - 1, "[[scenes.middle.choices]]")  # the hint, followed
    path.write_text("\n".join(lines))
    assert [c.say for c in load_scenario(path).scenes["middle"].choices][:2] == [
        "What would you like to focus on?",
        "Since you let me reflect: what matters most?",
    ]


def test_one_key_written_twice_in_a_choice_is_not_told_of_a_missing_header(tmp_path):
    p = only(broken(tmp_path, "trust = 10\n", "trust = 10\ntrust = 11\n"))
    assert p.hint.startswith("keep only one of them") and "header" not in p.hint


def test_a_list_written_as_blocks_and_again_as_a_key_names_both(tmp_path):
    """[[debrief.reflect]] blocks (the way choices are written), then reflect = [...]."""
    blocks = '[[debrief.reflect]]\ntext = "What did Kim want?"\n\n[debrief]\nreflect = [\n  "x",\n]'
    p = only(broken(tmp_path, '[debrief]\nreflect = ["What did Kim want?"]', blocks))
    at = line_of(MINI, "[debrief]")
    assert p.line == at + 4
    assert p.message == (
        f"'reflect' is already written as [[debrief.reflect]] on line {at}, so reflect = ... "
        "here cannot set it again"
    )
    assert "delete the reflect = ... line" in p.hint


def test_table_declared_twice_names_both_lines(tmp_path):
    p = only(broken(tmp_path, "[debrief]", '[scenes.bridge]\ntext = "again"\n\n[debrief]'))
    assert p.message.startswith("[scenes.bridge] appears twice (the first is on line ")


def test_curly_quotes(tmp_path):
    p = only(broken(tmp_path, 'title = "Mini"', "title = \u201cMini\u201d"))
    assert "curly" in p.message and p.line == 2


def _follow_write_hint(tmp_path: Path, old: str, hint: str):
    """Put the line a `write LINE: ...` hint gives in place of `old`, and load the file."""
    assert hint.startswith("write ")
    path = tmp_path / "fixed.toml"
    path.write_text(MINI.replace(old, hint.removeprefix("write ").split(": ", 1)[0], 1))
    return load_scenario(path)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        # retyping every quote straight ended the text at "Good: quotes inside stay curly
        (
            "say = \u201cOkay. \u201cGood luck,\u201d then.\u201d",
            "Okay. \u201cGood luck,\u201d then.",
        ),
        ("say = \u201cYou made it in.\u201d", "You made it in."),
        ('say = "You made it in.\u201d', "You made it in."),  # only the closing one curly
        ('say = \u2018It\u2019s you, "Sam".\u2019  # a note', 'It\u2019s you, "Sam".'),
    ],
)
def test_curly_quotes_hint_is_the_line_rewritten_and_it_loads(tmp_path, written, shown):
    p = only(broken(tmp_path, 'say = "You made it in."', written))
    assert "curly" in p.message
    scenario = _follow_write_hint(tmp_path, 'say = "You made it in."', p.hint)
    assert scenario.scenes["hello"].choices[0].say == shown


def test_a_number_in_curly_quotes_is_told_to_go_bare(tmp_path):
    p = only(broken(tmp_path, "trust = 10", "trust = \u201c10\u201d"))
    assert p.hint == "write trust = 10: a number or true/false is written without quotes"
    assert _follow_write_hint(tmp_path, "trust = 10", p.hint).scenes["hello"].choices[0].trust == 10


def test_curly_quotes_in_a_list_keep_the_general_hint(tmp_path):
    p = only(
        broken(tmp_path, 'title = "Mini"', 'title = "Mini"\ntrains = [\u201cempowerment\u201d]')
    )
    assert p.hint.startswith("retype them as straight quotes")


def test_unclosed_quote(tmp_path):
    p = only(broken(tmp_path, 'title = "Mini"', 'title = "Mini'))
    assert "not closed" in p.message and p.line == 2


def test_capitalised_name_suggests_the_valid_spelling(tmp_path):
    err = broken(tmp_path, 'speaker = "kim"', 'speaker = "Kim"')
    assert "did you mean 'kim'?" in err.problems[0].hint


def test_a_capitalised_header_is_the_one_error_not_each_link_to_it(tmp_path):
    # [characters.Kim] with speaker = "kim" (author37): the header's error says "did you
    # mean 'kim'?", and each speaker also got "'kim' is not a character id (add
    # [characters.kim] with a name)", which would have the author add a second one
    p = only(broken(tmp_path, "[characters.kim]", "[characters.Kim]"))
    assert p.key == "characters.Kim" and "did you mean 'kim'?" in p.hint


def test_a_link_to_another_name_is_still_named_beside_a_capitalised_header(tmp_path):
    path = tmp_path / "broken.toml"
    text = MINI.replace("[characters.kim]", "[characters.Kim]").replace(
        'speaker = "kim"', 'speaker = "dana"', 1
    )
    path.write_text(text)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    keys = [p.key for p in info.value.problems]
    assert keys == ["characters.Kim", "scenes.hello.speaker"], keys


def test_fraction_is_not_told_about_quotes(tmp_path):
    p = only(broken(tmp_path, "trust = 10", "trust = 8.5"))
    assert "whole number" in p.message and "quotes" not in p.hint


def test_unknown_principle_hint_names_the_catalogue(tmp_path):
    p = only(broken(tmp_path, '{ empowerment = "honours" }', '{ nonsense = "honours" }'))
    assert p.hint.endswith("listed by `peer-sim principles`")  # the bundled catalogue


def test_an_empty_next_list_is_named_where_it_is(tmp_path):
    """`next = []` was accepted and reported as 'none of its choices is offered', on the
    scene's header, with a hint to add a fallback choice to a scene that has none."""
    p = only(broken(tmp_path, 'next = "last"', "next = []"))
    assert p.key == "scenes.bridge.next" and p.line == line_of(MINI, 'next = "last"')
    assert "empty list" in p.message and 'next = "a-scene-or-ending"' in p.hint


def test_a_number_thousands_of_digits_long_is_not_quoted_whole(tmp_path):
    p = only(broken(tmp_path, "trust = 10", "trust = " + "9" * 4000))
    assert (
        "a number 4000 digits long, outside the allowed range" in p.message and len(p.message) < 120
    )


def test_two_letters_swapped_are_read_as_the_key_meant(tmp_path):
    # `bset = true` was answered "did you mean 'sets'?" (difflib's nearest), and an
    # author who followed it wrote `sets = true`, a list key given a yes.
    err = broken(tmp_path, 'goto = "middle"', 'goto = "middle"\nbset = true')
    (p,) = err.problems
    assert p.key == "scenes.hello.choices[1].bset"
    assert p.hint == "did you mean 'best'?"


def test_a_swap_is_preferred_only_when_it_names_one_key():
    from sim.problems import did_you_mean

    assert did_you_mean("whne", ["when", "text", "next"]) == "did you mean 'when'?"
    assert did_you_mean("trsut", ["trust", "start"]) == "did you mean 'trust'?"
    assert did_you_mean("setss", ["sets", "best"]) == "did you mean 'sets'?"


def test_critical_true_is_told_to_name_the_kind(tmp_path):
    # `critical = true`, as if ticking a box, was told the four kinds and no fix
    err = broken(tmp_path, 'goto = "middle"', 'goto = "middle"\ncritical = true')
    (p,) = err.problems
    assert p.key == "scenes.hello.choices[1].critical"
    assert p.hint.startswith(
        "critical takes which kind of critical slip this line is, in quotes, not true or false: "
        "write critical = \"safety\" or another of 'confidentiality',"
    ), p.hint
    err = broken(tmp_path, 'difficulty = "introductory"', "difficulty = true")
    assert 'write difficulty = "introductory"' in err.problems[0].hint


@pytest.mark.parametrize(
    ("written", "fixed"), [("minutes 2", "minutes = 2"), ('title "Mini"', 'title = "Mini"')]
)
def test_an_equals_sign_left_out_is_written_back_with_the_author_s_own_key(
    tmp_path, written, fixed
):
    """`minutes 2` was told "write key = value, e.g. goto = "next-scene"": another key's example."""
    old = fixed
    p = only(broken(tmp_path, old, written))
    key = written.split()[0]
    assert p.message == f"'{key}' has no '=' after it" and p.hint == f"write {fixed}"
    path = tmp_path / "fixed.toml"
    path.write_text(MINI.replace(old, written, 1).replace(written, p.hint.removeprefix("write ")))
    assert load_scenario(path)


def test_a_header_with_three_brackets_is_written_back_with_two(tmp_path):
    """`[[[scenes.hello.choices]]]` said "this is not valid TOML (Invalid initial character
    for a key part)", with a hint to check quotes, brackets and '=' signs."""
    p = only(broken(tmp_path, "[[scenes.hello.choices]]", "[[[scenes.hello.choices]]]", count=1))
    assert p.message == "a header opens with one [ or two [[, never three"
    assert p.hint == "write [[scenes.hello.choices]]" and p.column == 1


def test_text_with_neither_equals_nor_quotes_is_written_back_quoted(tmp_path):
    """`title The X` was told "write key = value, e.g. goto = "next-scene"": neither its key
    nor its missing quotes."""
    p = only(broken(tmp_path, 'title = "Mini"', 'title Mini "two" words'))
    assert p.message == "'title' has no '=' after it, and its text needs double quotes"
    assert p.hint == 'write title = "Mini \\"two\\" words"'
    path = tmp_path / "fixed.toml"
    path.write_text(MINI.replace('title = "Mini"', p.hint.removeprefix("write "), 1))
    assert load_scenario(path).title == 'Mini "two" words'


def test_a_yaml_list_of_words_is_written_back_as_a_toml_list(tmp_path):
    old = 'trains = ["active-listening", "empowerment"]'
    p = only(broken(tmp_path, old, "trains:\n  - active-listening\n  - empowerment"))
    assert p.message == (
        "'trains:' with '-' items is a YAML list: TOML writes a list in [ ] on the key's line"
    )
    assert p.hint == f"write {old}" and p.line == 5


def test_a_yaml_list_of_choices_is_told_the_block_each_choice_takes(tmp_path):
    """`choices:` then `- say: ...` was told "write choices =", which is no TOML either."""
    old = 'text = "Thanks."'
    p = only(broken(tmp_path, old, old + '\nchoices:\n  - say: "Bye."\n    goto: "@outcome"'))
    assert p.message.startswith("'choices:' with '-' items is a YAML list")
    assert p.hint.startswith("delete the 'choices:' line and write [[scenes.last.choices]] ")
    assert p.hint.endswith('(say = "Bye.")'), p.hint


@pytest.mark.parametrize(
    ("new", "word", "hint"),
    [
        ("best = null", "null", "to leave best out, delete this line"),
        ("best = None  # no model answer", "None", "to leave best out, delete this line"),
        ("best = ~", "~", "to leave best out, delete this line"),
        ("best = true\nwhen = { max_trust = nil }", "nil", "delete max_trust = nil from the { }"),
        ('best = true\nsets = [null, "x"]', "null", "delete null from the list"),
    ],
)
def test_null_is_told_toml_has_none_and_the_key_is_left_out(tmp_path, new, word, hint):
    """`best = null` was answered `write best = "null"`: the word null as text, which a
    trainee would read, where the JSON or YAML habit meant the key left out."""
    p = only(broken(tmp_path, "best = true", new))
    assert p.message.startswith(f"{word} is not a TOML value: TOML has no null"), p.message
    assert hint in p.hint, p.hint
    assert '"' not in p.hint


def test_a_sentence_starting_with_none_is_still_text_to_quote(tmp_path):
    p = only(broken(tmp_path, 'title = "Mini"', "title = None of it"))
    assert p.hint == 'write title = "None of it"'


@pytest.mark.parametrize(
    ("old", "tail"),
    [
        (
            'reflect = ["What did Kim want?"]',
            "reflect is one list: put the prompts of both in it, one entry each",
        ),
        ("empowerment = 95", "it sets trust and empowerment once each"),
    ],
)
def test_a_second_debrief_or_meters_is_told_to_merge_not_to_rename(tmp_path, old, tail):
    """The README's [debrief] example pasted below a file's own was told "if these are two
    different things, give one another name": peer-sim reads only [debrief]."""
    header = "[debrief]" if "reflect" in old else "[meters]"
    p = only(broken(tmp_path, old, f'{old}\n\n{header}\nreflect = ["Next?"]'))
    name = header.strip("[]")
    assert p.message == (
        f"{header} appears twice (the first is on line {line_of(MINI, header)}): "
        f"a scenario has one {header}"
    ), p.message
    assert p.hint.endswith(tail) and "another name" not in p.hint, p.hint
    assert name in p.message


def test_a_principle_of_a_catalogue_in_the_folder_above_is_told_it_applies_there_only(
    tmp_path, monkeypatch
):
    """A draft in drafts/ below the folder whose principles.toml added 'ending-well' was told
    only "the catalogue's ids are listed by `peer-sim principles`", which lists the bundled
    ones: a catalogue applies to its own folder, not to subfolders."""
    from sim.loading.library import load_catalogue

    bundled = load_catalogue().path
    catalogue = Path(bundled).read_text(encoding="utf-8") + (
        '\n[principles.ending-well]\ntitle = "End well"\nsummary = "Close with care."\n'
        'explanation = "Endings matter."\n'
    )
    (tmp_path / "principles.toml").write_text(catalogue, encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    draft = tmp_path / "drafts" / "x.toml"
    draft.write_text(MINI.replace('empowerment = "honours"', 'ending-well = "honours"', 1))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ScenarioError) as info:
        load_scenario(Path("drafts/x.toml"))
    p = only(info.value)
    assert p.message == "'ending-well' is not a principle in the catalogue"
    assert p.hint == (
        "'ending-well' is in principles.toml, but a principles.toml applies only to the "
        "scenarios in its own folder, not its subfolders: copy it to "
        "drafts/principles.toml, or move this scenario up beside it"
    ), p.hint
    (tmp_path / "drafts" / "principles.toml").write_text(catalogue, encoding="utf-8")
    assert load_scenario(Path("drafts/x.toml")).id == "x"


def test_a_byte_order_mark_where_a_second_file_was_joined_on_is_called_one(tmp_path):
    """`type a.toml b.toml > c.toml` (or a whole file pasted in) leaves the second file's
    byte-order mark at the start of a line; it was told "word processors and web pages
    insert these unseen", which sent the author to look for the wrong cause."""
    p = only(broken(tmp_path, "[meters]", "\ufeff[meters]"))
    assert (p.line, p.column) == (line_of(MINI, "[meters]"), 1)
    assert p.message.startswith("a byte-order mark (U+FEFF) at column 1: "), p.message
    assert "a file joined on or pasted in" in p.message
    assert "word processors" not in p.message + p.hint


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ("meters = { trust = 10 }", "write trust = +10 in the choice itself, without meters"),
        (
            "meters = { trust = 10, empowerment = -2 }",
            "write trust = +10 and empowerment = -2 in the choice itself, without meters",
        ),
        ("meters.trust = 10", "write trust = +10 in the choice itself, without meters"),
    ],
)
def test_meters_in_a_choice_says_the_choice_has_its_own_trust_key(tmp_path, written, fix):
    """Author test 35 wrote a choice's change as meters = { ... }: it was told to move the
    key to the top of the file (two keys) or to write trust below [meters] (one), either of
    which changes where the meters start, not what the choice does to them."""
    p = only(broken(tmp_path, "trust = 10\n", written + "\n"))
    assert p.line == line_of(MINI, "trust = 10")
    assert p.message.startswith("'meters' is not a key of [[scenes.hello.choices]]: a choice ")
    assert "top of the file" not in p.hint and "[meters]" not in p.hint
    assert p.hint == fix


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ('when = { sets = ["reflected"] }', 'write flags = ["reflected"]'),
        ('when = { clears = ["reflected"] }', 'write not_flags = ["reflected"]'),
    ],
)
def test_sets_in_a_when_says_a_condition_tests_flags(tmp_path, written, fix):
    """Author test 35 wrote `when = { sets = [...] }` and was given only the list of the
    keys a condition allows."""
    p = only(broken(tmp_path, 'when = { flags = ["reflected"] }', written))
    assert p.message == f"'{written.split()[3]}' is not a key peer-sim knows here"
    assert "keys allowed here" not in p.hint
    assert p.hint.startswith("a condition tests flags") and fix in p.hint


def test_a_name_in_square_brackets_is_given_back_without_them(tmp_path):
    """`goto = ["middle"]` was told `e.g. goto = "..."`, as if the name were wrong."""
    p = only(broken(tmp_path, 'goto = "middle"', 'goto = ["middle"]'))
    assert p.message == "goto should be text in quotes, not a list"
    assert p.hint == 'write goto = "middle", without the square brackets'
    path = tmp_path / "fixed.toml"
    path.write_text(MINI)  # the fix is the file as it was
    assert load_scenario(path).scenes["hello"].choices[0].goto == "middle"


def test_a_characters_name_written_as_title_is_told_to_rename_it(tmp_path):
    """Author test 35 wrote `title = "Kim"` in a character: besides "name is missing" it was
    told title is a top-level key to move to the top of the file, where the scenario's own
    title already is (a second error to follow)."""
    p = only(broken(tmp_path, 'name = "Kim"', 'title = "Kim"'))
    assert p.key == "characters.kim.title"
    assert p.hint == "rename title to name: name is required here and missing"


def test_a_top_level_key_under_a_table_with_the_top_one_set_is_not_told_to_move_up(tmp_path):
    p = only(broken(tmp_path, 'name = "Kim"', 'name = "Kim"\ntitle = "Ms"'))
    assert p.message.endswith(
        "it is a top-level key, and the file has its own title at the top already"
    )
    assert "move it" not in p.hint
    assert p.hint == "remove this one, or change the title at the top of the file"


def test_a_missing_meter_start_says_it_is_the_authors_choice(tmp_path):
    """`[meters]` without empowerment was told `add empowerment = 10`, read as a value
    peer-sim wanted rather than where the author wants the meter to start."""
    p = only(broken(tmp_path, "empowerment = 95\n", ""))
    assert p.key == "meters.empowerment"
    assert p.hint == (
        "add empowerment = ... below [meters]: where empowerment starts, 0 to 100 "
        "(e.g. empowerment = 30)"
    )


def test_a_file_name_with_a_non_breaking_space_is_given_the_name_to_rename_it_to(tmp_path):
    # 'my scenario.toml' (a plain space) was told "rename the file to my-scenario.toml";
    # the same name with a non-breaking space only "using letters, digits, - and _".
    path = tmp_path / "interview\u00a0morning.toml"
    path.write_text(MINI)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    p = only(info.value)
    assert "non-breaking space (U+00A0) after 'interview'" in p.message
    assert p.hint == "rename the file to interview-morning.toml"
    assert load_scenario(path.rename(tmp_path / "interview-morning.toml")).id == "interview-morning"


def test_the_name_to_rename_to_is_one_no_file_beside_it_has(tmp_path):
    (tmp_path / "interview-morning.toml").write_text(MINI)
    path = tmp_path / "interview\u00a0morning.toml"
    path.write_text(MINI)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert only(info.value).hint == "rename the file to interview-morning-2.toml"


def test_a_start_that_names_no_scene_says_the_key_once(tmp_path):
    # "start: start names 'helo', which is not a scene": the line opens with the key already
    p = only(broken(tmp_path, 'start = "hello"', 'start = "helo"'))
    assert p.format().endswith("error: start: 'helo' is not a scene (did you mean 'hello'?)")

"""TOML slips an author makes (quotes, accents, brackets, unclosed text and lists, numbers
with units, TOML 1.1 forms) and the messages they get. Each test makes the mistake as an
author writing from the README alone made it, asserts the message names the real cause
at the right line and, where the hint is a TOML fix, follows it literally and loads the result.
"""

from __future__ import annotations

import pytest

from tests.authoring.hints import STRONG_WHEN, line_of

# the same helpers as the other author-message tests: make the mistake, follow the hint
from tests.core.test_author_messages import MINI, loads, only, problems


def _written(hint: str, key: str) -> str:
    """The TOML line a hint says to write, from `key = ` to the end of that line."""
    start = hint.index(f"{key} = ")
    line = hint[start:]
    return line[: line.rindex("}") + 1] if key == "when" else line[: line.index('?"') + 2]


def _after_write(hint: str) -> str:
    """The TOML line a hint says to write: from 'write ' to the colon after its closing quote."""
    line = hint[hint.index("write ") + len("write ") :]
    return line[: line.rindex('":') + 1]


def test_a_reflection_as_one_text_is_told_to_add_brackets_not_a_table(tmp_path):
    text = MINI.replace('reflect = ["What did Kim want?"]', 'reflect = "What did Kim want?"')
    p = only(tmp_path, text)
    assert p.key == "debrief.reflect"
    assert "list of tables" not in p.message and "{ text" not in p.hint
    assert 'reflect = ["..."]' in p.hint
    fixed = loads(tmp_path, text.replace('"What did Kim want?"', '["What did Kim want?"]'))
    assert fixed.debrief.reflect == ("What did Kim want?",)


def test_a_long_text_left_open_is_named_where_it_opened(tmp_path):
    text = MINI.replace('text = "Hi."', 'text = """\nHi.\nI came anyway.').replace(
        'text = "So what now?"', 'text = """\nSo what now?"""'
    )
    p = only(tmp_path, text)
    opened = line_of(text, 'text = """\nHi.')
    closed = line_of(text, 'text = """\nSo what')
    assert f"the long text opened on line {opened}" in p.message
    assert f'the """ on line {closed} closes it' in p.message
    fixed = loads(tmp_path, text.replace("I came anyway.", 'I came anyway."""'))
    assert fixed.scenes["hello"].text == "Hi.\nI came anyway."


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


def test_toml_1_1_warnings_say_what_was_written_not_the_parsers_words(tmp_path):
    from sim.authoring.portable import toml10_problems

    comma = MINI.replace("when = { min_trust = 20 }", "when = { min_trust = 20, }")
    broken = MINI.replace("when = { min_trust = 20 }", "when = {\n  min_trust = 20\n}")
    for text, what in ((comma, "a comma after the last entry"), (broken, "a line break inside")):
        (p,) = toml10_problems(tmp_path / "x.toml", text)
        assert p.line == line_of(text, "when = {\n" if "\n  " in text else ", }")
        assert what in p.message and "key part" not in p.message
        assert not toml10_problems(tmp_path / "x.toml", MINI)  # the hint's one-line form


def test_best_yes_is_told_to_write_true_not_to_quote_it(tmp_path):
    text = MINI.replace("best = true", "best = yes")
    p = only(tmp_path, text)
    assert p.line == line_of(text, "best = yes") and p.column == len("best = ") + 1
    assert "quotes (" not in p.hint and p.hint == "write true"
    fixed = loads(tmp_path, text.replace("best = yes", "best = " + p.hint.split()[-1]))
    assert fixed.scenes["middle"].choices[0].best is True
    # a text without its quotes that starts with "yes" is told to take its quotes
    p = only(tmp_path, MINI.replace('say = "Let\'s finish."', "say = yes let's finish"))
    assert "double quotes" in p.message and p.hint == 'write say = "yes let\'s finish"'


def test_a_condition_written_as_an_expression_is_shown_as_keys(tmp_path):
    wrong = 'when = "trust >= 20 and empowerment < 99"'
    text = MINI.replace("when = { min_trust = 20 }", wrong)
    p = only(tmp_path, text)
    assert p.key == "endings.mixed.when" and p.line == line_of(text, wrong)
    assert "min_trust = 10" not in p.hint  # the author's own numbers, not an example
    fixed = loads(tmp_path, text.replace(wrong, p.hint.split(": ", 1)[1]))
    when = fixed.endings["mixed"].when
    assert (when.min_trust, when.max_empowerment) == (20, 98)


@pytest.mark.parametrize(
    ("wrong", "where"),
    [
        ("when = trust >= 20 and empowerment < 99", "when = { min_trust = 20 }"),
        ('{ text = "Why?", when = trust > 19 }', '"What did Kim want?"'),
    ],
)
def test_a_comparison_with_no_quotes_or_braces_is_shown_as_keys(tmp_path, wrong, where):
    # the README's own example of what a condition is not (`trust >= 40`), written bare
    text = MINI.replace(where, wrong)
    p = only(tmp_path, text)
    assert p.line == line_of(text, wrong) and "not a comparison" in p.message
    fixed = loads(tmp_path, text.replace(text.splitlines()[p.line - 1], p.hint[len("write ") :]))
    if where.startswith("when"):
        assert fixed.endings["mixed"].when.min_trust == 20
        assert fixed.endings["mixed"].when.max_empowerment == 98
    else:
        assert fixed.debrief.reflect[0].when.min_trust == 20


def test_quotes_around_a_word_inside_a_line_say_how_to_write_them(tmp_path):
    said = 'say = "What would you like to focus on?"'
    slip = 'say = "What would you "like" to focus on?"'
    text = MINI.replace(said, slip)
    p = only(tmp_path, text)
    assert p.line == text.splitlines().index(slip) + 1
    assert 'a " inside the text ends it early' in p.message and "'like'" in p.message
    fix = _written(p.hint, "say")
    assert fix == 'say = "What would you \\"like\\" to focus on?"'
    done = loads(tmp_path, text.replace(slip, fix))
    assert done.scenes["middle"].choices[0].say == 'What would you "like" to focus on?'
    assert "single quotes" in p.hint


def test_a_quote_inside_a_very_long_line_says_how_without_repeating_the_line(tmp_path):
    # adv28: the hint repeated the whole line rewritten: 600 KB for a 300,000-character line
    said = 'say = "What would you like to focus on?"'
    slip = 'say = "What would you ' + "really " * 2_000 + '"like" to focus on?"'
    p = only(tmp_path, MINI.replace(said, slip))
    assert 'a " inside the text ends it early' in p.message and "'like'" in p.message
    assert len(p.message) + len(p.hint) < 400, len(p.hint)
    assert 'write each quote inside the text as \\", or use single quotes' in p.hint


def test_a_unit_after_a_number_says_write_the_number_bare(tmp_path):
    for slip, fix in (("trust = 50%", "trust = 50"), ("minutes = 2 minutes", "minutes = 2")):
        bare = fix + "\n"
        assert bare in MINI
        text = MINI.replace(bare, slip + "\n", 1)
        p = only(tmp_path, text)
        assert p.line == text.splitlines().index(slip) + 1
        assert "follows the number" in p.message and "written bare" in p.message
        assert p.hint.startswith(f"write {fix};")
        loads(tmp_path, text.replace(slip, fix, 1))  # the hint, followed


def test_an_apostrophe_in_single_quoted_text_says_so_and_gives_the_text_in_double_quotes(
    tmp_path,
):
    said = 'say = "What would you like to focus on?"'
    slip = "say = 'What's the one thing you'd like to focus on?'"
    text = MINI.replace(said, slip)
    p = only(tmp_path, text)
    assert p.line == text.splitlines().index(slip) + 1 and p.column == len("say = 'What'") + 1
    assert "the ' in What's ends the text early" in p.message
    assert "single quotes cannot hold an apostrophe" in p.message
    fix = _after_write(p.hint)
    assert fix == "say = \"What's the one thing you'd like to focus on?\""
    done = loads(tmp_path, text.replace(slip, fix))
    assert done.scenes["middle"].choices[0].say == "What's the one thing you'd like to focus on?"


def test_toml_1_1_warnings_name_the_key_like_every_other_problem(tmp_path):

    pytest.importorskip("tomllib")
    from sim.authoring.portable import toml10_problems

    comma = MINI.replace("when = { min_trust = 20 }", "when = { min_trust = 20, }")
    broken = MINI.replace("when = { min_trust = 20 }", "when = {\n  min_trust = 20\n}")
    for text in (comma, broken):
        (p,) = toml10_problems(tmp_path / "x.toml", text)
        assert p.key == "endings.mixed.when"
        assert p.format().split(": warning: ")[1].startswith("endings.mixed.when: peer-sim reads")
    # \xHH rather than \e: the key locator decodes the text, and \e is deprecated there
    escape = MINI.replace('say = "Let\'s finish."', 'say = "Let\'s finish.\\x21"')
    (p,) = toml10_problems(tmp_path / "x.toml", escape)
    assert p.key == "scenes.middle.choices[3].say"


def test_a_comma_after_the_last_entry_on_one_line_is_told_to_delete_it(tmp_path):
    """author44: `{ empowerment = "honours", }` on one line was told to "write the { ... }
    table on one line, with no comma after its last entry": it was on one line already.
    Only a table that goes on below is told to join its lines."""
    pytest.importorskip("tomllib")
    from sim.authoring.portable import toml10_problems

    comma = MINI.replace("when = { min_trust = 20 }", "when = { min_trust = 20, }")
    (p,) = toml10_problems(tmp_path / "x.toml", comma)
    assert p.hint == "delete the comma before the closing }"
    assert "on one line" not in p.hint
    fixed = comma.replace("min_trust = 20, }", "min_trust = 20 }")  # the hint, literally
    assert toml10_problems(tmp_path / "x.toml", fixed) == []
    broken = MINI.replace("when = { min_trust = 20 }", "when = { min_trust = 20,\n}")
    (p,) = toml10_problems(tmp_path / "x.toml", broken)
    assert "(a line break inside { ... })" in p.message
    assert p.hint.startswith("write the { ... } table on one line")


def test_an_accent_in_a_header_name_is_named_and_the_fix_loads(tmp_path):
    """`[characters.andrés]` gave tomli's "Expected ']' at the end of a table declaration"."""
    text = MINI.replace("[characters.kim]", "[characters.kím]")
    p = only(tmp_path, text)
    assert p.line == text.splitlines().index("[characters.kím]") + 1
    assert p.column == len("[characters.k") + 1
    assert "'í'" in p.message and "not valid TOML" not in p.message
    assert "write [characters.kim]" in p.hint and "'kim'" in p.hint
    assert loads(tmp_path, MINI).characters["kim"].name == "Kim"  # the hint's header is MINI's


def test_an_accent_in_a_key_is_not_called_a_missing_equals_sign(tmp_path):
    """`título = "..."` has its '='; the í is the mistake."""
    text = MINI.replace('title = "Mini"', 'títle = "Mini"')
    p = only(tmp_path, text)
    assert "no '='" not in p.message and "'í'" in p.message
    assert p.column == 2
    assert "write title" in p.hint
    assert loads(tmp_path, text.replace("títle", "title")).title == "Mini"


def test_an_accent_in_a_key_inside_braces_is_named(tmp_path):
    slip = 'principles = { active-lístening = "honours" }'
    text = MINI.replace('principles = { active-listening = "honours" }', slip, 1)
    p = only(tmp_path, text)
    assert p.column == slip.index("í") + 1
    assert "no '='" not in p.message and "'í'" in p.message
    assert "write active-listening" in p.hint


def test_a_number_with_a_leading_zero_keeps_its_value_in_the_hint(tmp_path):
    """`trust = 08` was told "write trust = 0", which changes the number."""
    text = MINI.replace("trust = 10\n", "trust = 010\n", 1)
    p = only(tmp_path, text)
    assert "start with 0" in p.message
    assert p.hint.startswith("write trust = 10")
    done = loads(tmp_path, text.replace("trust = 010\n", "trust = 10\n"))
    assert done.scenes["hello"].choices[0].trust == 10


def test_an_accent_in_a_name_says_which_letter(tmp_path):
    text = MINI.replace('sets = ["reflected"]', 'sets = ["reflejé"]')
    p = next(p for p in problems(tmp_path, text) if p.key == "scenes.hello.choices[1].sets[1]")
    assert "it holds 'é'" in p.message and "did you mean 'refleje'?" in p.hint


def test_a_dot_in_a_scene_name_says_what_the_dot_did(tmp_path):
    """`[scenes.bridge.two]` with `goto = "bridge.two"`: told to add [scenes.bridge.two]."""
    text = MINI.replace("[scenes.bridge]", "[scenes.bridge.two]").replace(
        'goto = "bridge"', 'goto = "bridge.two"'
    )
    found = problems(tmp_path, text)
    for p in found:
        assert "add [scenes.bridge.two]" not in p.hint
    goto = next(p for p in found if p.key.endswith(".goto"))
    assert "'.'" in goto.message and "bridge-two" in goto.hint
    table = next(p for p in found if p.key == "scenes.bridge.two")
    assert "a table inside" in table.hint and "[scenes.bridge-two]" in table.hint


def test_an_unclosed_list_is_placed_on_the_line_it_opens(tmp_path):
    text = MINI.replace('"empowerment"]\nminutes', '"empowerment"\nminutes')
    p = only(tmp_path, text)
    assert p.line == 5  # trains = [ ... on line 5; tomli stops on line 6
    assert "opened on line 5" in p.message or p.message.startswith("the list")
    assert "line 5" in p.hint


def test_too_long_says_at_most_and_how_long(tmp_path):
    """120 characters pass; "keep it under 120" said otherwise."""
    text = MINI.replace('title = "Mini"', 'title = "' + "x" * 121 + '"')
    p = only(tmp_path, text)
    assert "121 characters" in p.message
    assert p.hint == "keep it to at most 120 characters"
    loads(tmp_path, MINI.replace('title = "Mini"', 'title = "' + "x" * 120 + '"'))


def test_header_bracket_slips_name_the_header_and_the_fix_loads(tmp_path):
    """`[[scenes.options.choices]` gave tomli's "Expected ']]' at the end of an array
    declaration"; `[scenes.x]]` and a key after the header gave "Expected newline"."""
    header = "[[scenes.middle.choices]]"
    short = MINI.replace(header, header[:-1], 1)
    p = only(tmp_path, short)
    assert p.message == "a [[...]] header closes with two brackets"
    assert p.hint == f"write {header}"
    extra = MINI.replace("[scenes.bridge]", "[scenes.bridge]]")
    p = only(tmp_path, extra)
    assert "one [ and closes with two ]" in p.message and "[scenes.bridge] for a table" in p.hint
    assert loads(tmp_path, MINI).scenes["bridge"].text == "A pause."
    joined = MINI.replace('[scenes.bridge]\ntext = "A pause."', '[scenes.bridge] text = "A pause."')
    p = only(tmp_path, joined)
    assert "stands alone on its line" in p.message
    assert p.hint == 'put text = "A pause." on the line below [scenes.bridge]'


def test_any_written_as_one_inline_table_gives_a_list_not_a_header(tmp_path):
    """The hint was "write each entry as [[...when.any]] with double brackets", which TOML
    refuses inside an inline table (and the author wrote no [table] at all)."""
    slip = 'when = { any = { flags = ["reflected"], min_trust = 60 } }'
    text = MINI.replace(STRONG_WHEN, slip)
    p = only(tmp_path, text)
    assert p.key == "endings.strong.when.any"
    assert "{ ... }" in p.message and "[table]" not in p.message
    assert "[[" not in p.hint
    written = p.hint[p.hint.index("any = [") :]
    assert written == 'any = [ { flags = ["reflected"] }, { min_trust = 60 } ]'
    when = loads(tmp_path, text.replace(slip, f"when = {{ {written} }}")).endings["strong"].when
    assert len(when.any) == 2


def test_reflect_written_as_one_inline_table_gets_its_square_brackets(tmp_path):
    slip = 'reflect = { text = "What did Kim want?", when = { flags = ["reflected"] } }'
    text = MINI.replace('reflect = ["What did Kim want?"]', slip)
    p = only(tmp_path, text)
    assert "[[" not in p.hint
    fix = p.hint[p.hint.index("reflect = [") :]
    scenario = loads(tmp_path, text.replace(slip, fix))
    assert scenario.debrief.reflect[0].when.flags == ("reflected",)


def test_characters_written_as_a_list_of_blocks_get_their_id_in_the_header(tmp_path):
    """`[[characters]]` with `id = "kim"` was told "write it as [characters] with keys below it,
    or inline: characters = { }", which makes each key a character."""
    from tests.core.test_author_messages import problems

    text = MINI.replace("[characters.kim]", '[[characters]]\nid = "kim"')
    p = next(p for p in problems(tmp_path, text) if p.key == "characters")
    assert "[characters.kim] table" in p.hint and "characters = { }" not in p.hint
    assert loads(tmp_path, MINI).characters["kim"].name == "Kim"  # as the hint writes it


def test_a_word_between_entries_of_a_plain_list_gives_commas(tmp_path):
    slip = 'trains = ["active-listening" or "empowerment"]'
    text = MINI.replace('trains = ["active-listening", "empowerment"]', slip)
    p = only(tmp_path, text)
    assert p.message.startswith("'or' is not TOML: the entries of a list are separated by commas")
    assert "closing" not in p.hint and "any" not in p.hint
    fix = p.hint[p.hint.rindex("write ") + len("write ") :]
    assert fix == 'trains = ["active-listening", "empowerment"]'
    assert loads(tmp_path, text.replace(slip, fix)).trains == ("active-listening", "empowerment")


@pytest.mark.parametrize("header", ["[scenes.middle]", "[[scenes.middle.choices]]"])
def test_a_header_left_without_its_closing_brackets_is_named_with_them_written(tmp_path, header):
    """`[scenes.middle` was "not valid TOML (Expected ']' at the end of a table
    declaration)": the parser's words, where the line alone says what is missing."""
    cut = header.rstrip("]")
    lines = MINI.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == header)
    lines[at] = cut + "\n"
    text = "".join(lines)
    p = only(tmp_path, text)
    assert p.line == at + 1
    assert p.message == "this header is not closed" and "Expected" not in p.message
    assert p.hint == f"write {header}"
    lines[at] = header + "\n"
    loads(tmp_path, "".join(lines))


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("[[scenes.hello's.choices]]", "[[scenes.hellos.choices]]"),
        ("[scenes.mid&dle]", "[scenes.mid-dle]"),
        ("kim's = 1", "kims"),
        ("why? = 1", "why"),
    ],
)
def test_a_mark_inside_a_bare_name_is_named_and_the_fix_parses(tmp_path, wrong, right):
    """`[[scenes.ray's.choices]]` was told 'a [[...]] header closes with two brackets:
    write [[scenes.ray's.choices]]', the very line written, and `ray's = 1` 'a key has no
    '=' after it' (author19): the mark is the mistake."""
    import tomli

    header = wrong.startswith("[")
    if header:
        before = wrong.replace("'s", "").replace("&", "")
        text = MINI.replace(before, wrong, 1)
    else:
        text = MINI.replace("[meters]\n", f"[meters]\n{wrong}\n", 1)
    assert wrong in text
    p = only(tmp_path, text)
    assert p.line == text.splitlines().index(wrong) + 1
    assert "is not allowed in a name written bare" in p.message
    assert "no '='" not in p.message and "two brackets" not in p.message
    assert f"write {right}" in p.hint
    fixed = wrong.replace(wrong.split(" = ")[0], right) if not header else right
    tomli.loads(text.replace(wrong, fixed))  # the line the hint gives parses


def test_a_file_skipped_as_toml_1_0_is_read_by_a_toml_1_0_reader():
    """`check` skips the TOML 1.0 parse of a file with nothing 1.1-only in it (adv28): the
    bundled and fixture scenarios, each with up to three random edits of the kinds that make
    or hide 1.1 syntax (braces, commas, line breaks, comments, quotes, escapes, times),
    that tomli reads and the filter passes, must all read in tomllib too."""
    import random

    tomllib = pytest.importorskip("tomllib")
    from pathlib import Path

    import tomli

    from sim.authoring.portable import maybe_toml11

    root = Path(__file__).resolve().parents[2]
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("scenarios/*.toml"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(root.glob("tests/**/*.toml"))][:40]
    edits = [",", "\n", "{", "}", "#", '"', "'", "\\e", "\\x41", "07:32", ",}", "{a=1,}",
             "= {\n", ", #x\n", "\'\'\'", '"""', " ", "\\"]  # fmt: skip
    rng = random.Random(28)
    skipped = 0
    for _ in range(1500):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(edits) + text[at:]
        try:
            tomli.loads(text)
        except tomli.TOMLDecodeError:
            continue
        if not maybe_toml11(text):
            skipped += 1
            tomllib.loads(text)  # raises if the filter let 1.1 syntax by
    assert skipped > 100, skipped  # the edits left most files plain 1.0
    for hidden in (
        "a = { b = 1, # }\n}",
        'a = { b = "}",\n c = 1 }',
        "a = { b = '}',\n c = 1 }",
        'a = { b = """}""",\n c = 1 }',
        'a = { b = "x#", c = 1, }',
        'a = { b = "\\"}", c = 2,\n}',
        "a = [{ b = 1,\n }]",
        'a = "\\e"',
        "a = 07:32",
    ):
        assert maybe_toml11(hidden), hidden


@pytest.mark.parametrize(
    ("slip", "names"),
    [
        # each check writes the line back fixed; at this length that was the whole line again
        ('say: "What would you ' + "really " * 2_000 + 'like to focus on?"', "':'"),
        ('say = "What would you ' + "really " * 2_000 + 'like to focus on?"  // a note', "//"),
        ('say == "What would you ' + "really " * 2_000 + 'like to focus on?"', "'=='"),
    ],
    ids=["colon", "slash-comment", "double-equals"],
)
def test_a_very_long_line_is_told_what_to_change_not_written_back_whole(tmp_path, slip, names):
    said = 'say = "What would you like to focus on?"'
    assert said in MINI
    p = only(tmp_path, MINI.replace(said, slip))
    assert names in p.message
    assert len(p.hint) < 200, len(p.hint)
    assert p.hint.startswith("make the change this message names at column ")
    assert f"the line is {len(slip):,} characters, too long to write back here" in p.hint


@pytest.mark.parametrize("slip", ["tru", "ture", "flase"])
def test_a_misspelt_true_is_told_the_word_not_to_quote_it(tmp_path, slip):
    # Quoting it (the general advice for a bare word) only trades this error for another.
    text = MINI.replace("best = true", f"best = {slip}")
    p = only(tmp_path, text)
    assert p.line == line_of(text, f"best = {slip}")
    assert '"' not in p.hint
    written = p.hint.split("write ", 1)[1]
    fixed = loads(tmp_path, text.replace(f"best = {slip}", written))
    assert fixed.scenes["middle"].choices[0].best is (written == "best = true")


def test_a_scene_named_like_true_is_still_told_to_quote_it(tmp_path):
    text = MINI.replace('next = "', "next = tree #", 1)
    p = only(tmp_path, text)
    assert 'next = "tree' in p.hint


@pytest.mark.parametrize("mark", ["-", "*", "•"])
def test_a_list_mark_before_a_key_is_named_and_the_fix_loads(tmp_path, mark):
    """Author test 35 wrote a choice's key as a YAML or Markdown list item: `- say = ...`
    was told the key '- say' has a space in it (join it as -_say or --say, keys peer-sim does
    not know), and `* say = ...` that the line is not a `key = value` pair."""
    said = 'say = "What would you like to focus on?"'
    text = MINI.replace(said, f"  {mark} {said}")
    p = only(tmp_path, text)
    assert p.line == line_of(text, f"{mark} {said}") and p.column == 3
    assert p.message.startswith(f"'{mark}' before say is a list mark")
    assert "_say" not in p.hint and "--say" not in p.hint
    assert p.hint == f"write {said}"
    loads(tmp_path, text.replace(f"  {mark} {said}", p.hint.removeprefix("write ")))


def test_a_json_line_is_written_back_without_its_comma(tmp_path):
    """`"minutes": 2,` (a JSON habit) was told `write minutes = 2,`, which fails again."""
    assert "minutes = 2\n" in MINI
    text = MINI.replace("minutes = 2\n", '"minutes": 2,\n')
    p = only(tmp_path, text)
    assert p.hint == "write minutes = 2"
    loads(tmp_path, text.replace('"minutes": 2,', p.hint.removeprefix("write ")))


def test_a_colon_inside_braces_keeps_the_commas_between_entries(tmp_path):
    text = MINI.replace(STRONG_WHEN, 'when = { min_trust: 60, flags = ["reflected"] }')
    p = only(tmp_path, text)
    assert p.hint == f"write {STRONG_WHEN}"

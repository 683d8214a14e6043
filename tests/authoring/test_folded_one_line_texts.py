"""A line break in a one-line text (a title, a name, a content note, a `say`, a `note`) is read
as a space at load; `check` says so at the key, so an author who wrote two lines on
purpose learns they became one, with the way out that fits that key."""

from __future__ import annotations

import pytest

from sim.authoring.lint import lint
from tests.core.test_author_messages import MINI, loads


def _folded(tmp_path, text: str):
    return {p.key: p for p in lint(loads(tmp_path, text)) if p.code == "folded-line"}


def test_a_file_written_one_line_each_gets_no_warning(tmp_path):
    assert _folded(tmp_path, MINI) == {}


@pytest.mark.parametrize(
    "old, new, key, fix",
    [
        (
            'say = "You made it in."',
            'say = """You made it in.\nGood."""',
            "scenes.hello.choices[1].say",
            "make each a choice",
        ),
        ('title = "Mini"', 'title = """Mini\nscenario"""', "title", "write it on one line"),
        ('name = "Kim"', 'name = "Kim\\nLee"', "characters.kim.name", "about"),
        (
            "minutes = 2",
            'content_notes = ["""alcohol use\nfamily"""]\nminutes = 2',
            "content_notes[1]",
            'content_notes = ["first note", "second note"]',
        ),
        ('title = "Strong"', 'title = """Strong\nend"""', "endings.strong.title", "one line"),
        # a coach note is one line too (README: "one-line practice-mode note"); a break in
        # one was kept, and the note showed as two lines with no word from check (author37)
        (
            'why = "A reflection. It shows you noticed."',
            'note = """Reflect.\nThen ask."""\nwhy = "A reflection. It shows you noticed."',
            "scenes.hello.choices[1].note",
            "goes in why",
        ),
    ],
)
def test_each_one_line_text_written_over_two_lines_is_named(tmp_path, old, new, key, fix):
    assert MINI.count(old) == 1
    text = MINI.replace(old, new)
    found = _folded(tmp_path, text)
    assert list(found) == [key]
    p = found[key]
    assert p.severity == "warning" and "read as a space" in p.message
    assert fix in p.hint
    assert p.line == text.splitlines().index(new.split("\n")[0]) + 1  # where it is written


def test_a_break_only_at_an_edge_or_joined_with_a_backslash_is_not_named(tmp_path):
    """The edges of every text are trimmed, and `\\` at a line's end joins the lines in
    TOML itself (as the README shows): neither leaves a break inside the words."""
    text = MINI.replace('say = "You made it in."', 'say = """\nYou made it in.\n"""').replace(
        'title = "Mini"', 'title = """Mini \\\n   scenario"""'
    )
    scenario = loads(tmp_path, text)
    assert scenario.title == "Mini scenario"
    assert _folded(tmp_path, text) == {}


def test_a_note_written_over_two_lines_plays_as_one(tmp_path):
    text = MINI.replace(
        'why = "A reflection. It shows you noticed."',
        'why = "A reflection. It shows you noticed."\nnote = """Reflect.\nThen ask."""',
    )
    (choice, *_) = loads(tmp_path, text).scenes["hello"].choices
    assert choice.coach_note() == "Reflect. Then ask."

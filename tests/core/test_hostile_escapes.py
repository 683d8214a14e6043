"""A backslash escape TOML refuses, and a file in UTF-16: named for what they are (adversarial-11).

tomli's "Unescaped '\\' in a string", "Invalid hex value" and "Escaped character is
not a Unicode scalar value" got the general hint (check quotes, brackets and '='
signs), and a UTF-16 file without a byte-order mark was a NUL to replace with a
space. Where the hint names a fix, following it gives a file that loads.
"""

from __future__ import annotations

import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.loading.escapes import MESSAGES
from tests.core.test_author_messages import MINI, loads, only, write

TITLE = 'title = "Mini"'


def _with_title(written: str) -> str:
    return MINI.replace(TITLE, f"title = {written}", 1)


def test_an_unknown_escape_is_named_and_doubling_the_backslash_loads(tmp_path):
    p = only(tmp_path, _with_title(r'"C:\new\quiz"'))
    assert p.message.startswith("'\\q' is not an escape TOML knows") and p.column == 16, p
    assert "write \\\\q" in p.hint
    # \n is TOML's line break, and a title is one line: it is read as a space
    assert loads(tmp_path, _with_title(r'"C:\new\\quiz"')).title == "C: ew\\quiz"
    assert loads(tmp_path, _with_title(r'"C:\\new\\quiz"')).title == "C:\\new\\quiz"


def test_an_apostrophe_escaped_as_in_other_languages_is_told_to_drop_the_backslash(tmp_path):
    """`"Kim\'s day"` was told to write \\' (which shows a backslash) or to use single
    quotes, which cannot hold an apostrophe: neither gives the text the author meant."""
    p = only(tmp_path, _with_title(r'"Kim\'s day"'))
    assert p.message.startswith("'\\'' is not an escape TOML knows: an apostrophe needs no")
    assert "single quotes" not in p.hint and "\\\\" not in p.hint
    written = p.hint.split(": write ", 1)[1]
    assert written == 'title = "Kim\'s day"'
    assert loads(tmp_path, MINI.replace(TITLE, written, 1)).title == "Kim's day"


def test_an_emoji_copied_from_json_as_two_halves_is_given_its_one_escape(tmp_path):
    p = only(tmp_path, _with_title(r'"Hi \ud83d\ude00"'))
    assert "two halves" in p.message and p.column == 13, p
    escape = p.hint.split()[1].rstrip(",")
    assert escape == "\\U0001F600"
    assert loads(tmp_path, _with_title(f'"Hi {escape}"')).title == "Hi \U0001f600"


def test_a_short_or_lone_escape_is_named(tmp_path):
    for written, words in (
        (r'"\u12"', "is not a whole escape"),
        (r'"\xZ1"', "is not a whole escape"),
        (r'"\udc00"', "is half of a character"),
        (r'"\U00110000"', "is past U+10FFFF"),
        ('"""\nfine\n  then \\q\n"""', "is not an escape TOML knows"),
    ):
        p = only(tmp_path, _with_title(written))
        assert words in p.message and "not valid TOML" not in p.message, (written, p)
        assert "quotes, brackets" not in p.hint, (written, p)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet='\\uUx0123456789abcdefDq" ', max_size=16))
def test_every_escape_tomli_refuses_gets_its_own_sentence(tmp_path, inside):
    text = _with_title(f'"{inside}"')
    try:
        tomli.loads(text)
        return
    except tomli.TOMLDecodeError as exc:
        if not exc.msg.startswith(MESSAGES):
            return
    p = only(tmp_path, text)
    assert "not valid TOML" not in p.message and "quotes, brackets" not in p.hint, (inside, p)


def test_a_utf16_file_is_named_as_one_with_or_without_a_byte_order_mark(tmp_path):
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        path = write(tmp_path, "")
        path.write_bytes(MINI.encode(encoding))
        from sim.loading import load_scenario
        from sim.problems import ScenarioError

        try:
            load_scenario(path)
        except ScenarioError as exc:
            (p,) = exc.problems
        assert p.message == "the file is UTF-16 or UTF-32 text, not UTF-8", (encoding, p)
        assert "save it as UTF-8" in p.hint

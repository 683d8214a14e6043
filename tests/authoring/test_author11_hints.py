"""Messages from author test 11 (a trainer writing a "housing form" scenario from the README
alone, with the newcomer's mistakes made on purpose).

Each test makes the mistake as that author made it, asserts the message names the real
cause, and follows the hint literally: the line it says to write must load.
"""

from __future__ import annotations

from tests.core.test_author_messages import MINI, loads, only

STRONG_WHEN = 'when = { min_trust = 60, flags = ["reflected"] }'
ASKED = "when = { max_trust = 30 }"  # the third choice of 'middle'


def _written(hint: str) -> str:
    """The TOML the hint says to write: everything after its last 'write '."""
    return hint[hint.rindex("write ") + len("write ") :]


def test_or_between_two_values_of_one_key_says_or_and_gives_any(tmp_path):
    """`flags = ["a"] or ["b"]` was told "an inline table is not closed (add the closing '}')",
    though the brace was there."""
    slip = 'when = { min_trust = 60, flags = ["reflected"] or ["asked"] }'
    text = MINI.replace(STRONG_WHEN, slip)
    p = only(tmp_path, text)
    assert p.message.startswith("'or' is not TOML")
    assert "closing" not in p.hint
    assert p.column == slip.index(" or ") + 2
    fix = _written(p.hint)
    assert fix == (
        'when = { min_trust = 60, any = [ { flags = ["reflected"] }, { flags = ["asked"] } ] }'
    )
    when = loads(tmp_path, text.replace(slip, fix)).endings["strong"].when
    assert when.min_trust == 60 and [c.flags for c in when.any] == [("reflected",), ("asked",)]


def test_and_between_two_lists_gives_one_list(tmp_path):
    slip = 'when = { min_trust = 60, flags = ["reflected"] and ["asked"] }'
    text = MINI.replace(STRONG_WHEN, slip)
    p = only(tmp_path, text)
    assert p.message.startswith("'and' is not TOML")
    fix = _written(p.hint)
    assert fix == 'when = { min_trust = 60, flags = ["reflected", "asked"] }'
    assert loads(tmp_path, text.replace(slip, fix)).endings["strong"].when.flags == (
        "reflected",
        "asked",
    )


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

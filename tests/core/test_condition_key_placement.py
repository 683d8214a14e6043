"""A condition's keys written where the condition is not, and a condition left open.

`min_trust = 30` straight on a choice was told only "keys allowed here: ..., when, ...";
`when = { min_trust = 40` with no `}` was placed on the next header's line and never
said where the braces opened. Each hint here is followed and the result loads.
"""

from __future__ import annotations

import tomli

from tests.core.test_author_messages import MINI, loads, only, problems

OFFER = 'when = { flags = ["reflected"] }'


def test_a_meter_bound_on_a_choice_without_a_when_goes_into_one(tmp_path):
    text = MINI.replace('why = "Shuts the door."', 'why = "Shuts the door."\nmax_trust = 30', 1)
    p = only(tmp_path, text)
    assert p.key == "scenes.hello.choices[3].max_trust"
    assert "condition" in p.message and "keys allowed here" not in p.hint
    fix = p.hint.split(": ", 1)[1]
    assert fix == "when = { max_trust = 30 }"
    fixed = loads(tmp_path, text.replace("\nmax_trust = 30\n", f"\n{fix}\n"))
    assert fixed.scenes["hello"].choices[2].when.max_trust == 30


def test_a_meter_bound_beside_a_when_joins_it(tmp_path):
    text = MINI.replace(OFFER, OFFER + "\nmin_trust = 40", 1)
    p = only(tmp_path, text)
    assert p.key == "scenes.middle.choices[2].min_trust"
    fix = p.hint.split(": ", 1)[1]
    assert fix == 'when = { flags = ["reflected"], min_trust = 40 }'
    fixed = loads(tmp_path, text.replace(OFFER + "\nmin_trust = 40", fix))
    when = fixed.scenes["middle"].choices[1].when
    assert when.flags == ("reflected",) and when.min_trust == 40


def test_flags_on_a_choice_offers_both_a_when_and_sets(tmp_path):
    text = MINI.replace('why = "A warm close."', 'why = "A warm close."\nflags = ["reflected"]')
    p = only(tmp_path, text)
    assert 'when = { flags = ["reflected"] }' in p.hint
    assert 'sets = ["reflected"]' in p.hint


def test_a_bound_on_an_ending_goes_into_its_when(tmp_path):
    text = MINI.replace('text = "It went so-so."', 'text = "It went so-so."\nmin_empowerment = 5')
    p = only(tmp_path, text)
    assert p.key == "endings.mixed.min_empowerment"
    fix = p.hint.split(": ", 1)[1]
    assert fix == "when = { min_trust = 20, min_empowerment = 5 }"
    fixed = loads(
        tmp_path,
        text.replace("min_empowerment = 5\n", "").replace("when = { min_trust = 20 }", fix),
    )
    assert fixed.endings["mixed"].when.min_empowerment == 5


def test_an_unclosed_when_is_placed_where_its_brace_opens(tmp_path):
    text = MINI.replace("when = { max_trust = 30 }", "when = { max_trust = 30")
    p = only(tmp_path, text)
    line = text.splitlines().index("when = { max_trust = 30") + 1
    assert p.line == line, p
    assert p.column == len("when = ") + 1
    assert f"opened on line {line}" in p.message and "when = { ... }" in p.message
    assert f"at the end of line {line}" in p.hint
    tomli.loads(text.replace("when = { max_trust = 30", "when = { max_trust = 30 }"))


def test_trust_inside_a_when_is_told_its_bound_keys(tmp_path):
    text = MINI.replace("when = { min_trust = 20 }", "when = { trust = 20 }")
    p = only(tmp_path, text)
    assert p.key == "endings.mixed.when.trust"
    assert "min_trust (at least)" in p.hint and "keys allowed here" not in p.hint
    loads(tmp_path, text.replace("when = { trust = 20 }", p.hint.split(": ", 1)[1]))


def test_meters_keys_among_the_top_level_ones_are_one_missing_header(tmp_path):
    text = MINI.replace("[meters]\n", "")
    (p,) = problems(tmp_path, text)
    assert p.key == "meters"
    line = text.splitlines().index("trust = 50") + 1
    assert p.line == line and f"lines {line}, {line + 1}" in p.message
    assert "write [meters] on its own line just above them" in p.hint
    fixed = text.replace(
        "trust = 50\nempowerment = 95\n", "[meters]\ntrust = 50\nempowerment = 95\n"
    )
    assert loads(tmp_path, fixed).meters.empowerment == 95

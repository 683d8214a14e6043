"""A value that means one of the allowed words: `"beginner"`, `"good"`, `"supports"`,
`critical = "legal-advice"`.

Each was told only the list of allowed words; for `critical` the list does not say
which kind legal advice is. Each test follows the hint and loads the result.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sim.debrief.words import SLIP_WORDS
from sim.loading.meanings import KIND_WORDS, meaning_hint
from tests.core.test_author_messages import MINI, loads, only


def _follow(tmp_path, text: str, written: str, hint: str):
    meant = re.search(r"did you mean '([^']+)'\?", hint).group(1)
    return meant, loads(tmp_path, text.replace(written, f'"{meant}"', 1))


@pytest.mark.parametrize(
    ("old", "written", "meant"),
    [
        ('difficulty = "introductory"', "beginner", "introductory"),
        ('difficulty = "introductory"', "hard", "advanced"),
        ('outcome = "strong"', "good", "strong"),
        ('outcome = "poor"', "bad", "poor"),
        ('{ active-listening = "honours" }', "supports", "honours"),
        ('{ active-listening = "honours" }', "violates", "undermines"),
    ],
)
def test_a_word_that_means_an_allowed_one_is_suggested(tmp_path, old, written, meant):
    allowed = old.split('"')[1]
    text = MINI.replace(old, old.replace(f'"{allowed}"', f'"{written}"'), 1)
    p = only(tmp_path, text)
    assert f'not "{written}"' in p.message
    got, _scenario = _follow(tmp_path, text, f'"{written}"', p.hint)
    assert got == meant


def test_a_critical_kind_in_other_words_gets_the_kind_and_what_it_covers(tmp_path):
    line = 'why = "Shuts the door."'
    text = MINI.replace(line, line + '\ncritical = "legal-advice"', 1)
    p = only(tmp_path, text)
    assert p.key == "scenes.hello.choices[3].critical"
    assert "did you mean 'outside-role'?" in p.hint and "legal advice" in p.hint
    meant, scenario = _follow(tmp_path, text, '"legal-advice"', p.hint)
    assert scenario.scenes["hello"].choices[2].critical == meant


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("lending-money", "dual-relationship"),
        ("missed-suicide-risk", "safety"),
        ("shared-without-consent", "confidentiality"),
        ("diagnosing", "outside-role"),
    ],
)
def test_each_kind_is_found_from_what_the_line_does(written, meant):
    options = list(KIND_WORDS)
    assert f"did you mean '{meant}'?" in meaning_hint(options, written)


def test_words_that_point_two_ways_or_nowhere_get_no_guess():
    assert meaning_hint(list(KIND_WORDS), "legal-secrecy") == ""  # outside-role or safety
    assert meaning_hint(["strong", "mixed", "poor"], "narrative") == ""
    assert meaning_hint(["honours", "neutral", "undermines"], "natural") == ""


def test_the_kinds_are_glossed_as_the_debrief_words_them():
    for kind, words in KIND_WORDS.items():
        assert f"({words})" in SLIP_WORDS[kind]


@pytest.mark.parametrize(
    ("written", "kinds"),
    [
        ("crisis-referral", ["safety"]),
        ("boundaries", ["dual-relationship", "outside-role"]),
        ("harm-reduction", []),  # "harm" alone would have read as safety
        ("empowerment", []),
    ],
)
def test_a_principle_id_written_as_the_kind_says_where_it_goes(tmp_path, written, kinds):
    """`critical = "boundaries"`: the line's principle, where its kind goes. The hint was empty
    (no near spelling, no meaning), or worse, 'did you mean safety' for harm-reduction."""
    line = 'why = "Shuts the door."'
    text = MINI.replace(line, line + f'\ncritical = "{written}"', 1)
    p = only(tmp_path, text)
    assert f"'{written}' is a principle, not a kind of critical slip" in p.hint
    assert f'principles = {{ {written} = "undermines" }}' in p.hint
    offered = re.findall(r'critical = "([^"]+)"', p.hint)
    assert offered == kinds
    if not kinds:
        assert "remove critical" in p.hint and "did you mean" not in p.hint
    for kind in offered:  # each critical = "..." the hint writes loads
        scenario = loads(tmp_path, text.replace(f'critical = "{written}"', f'critical = "{kind}"'))
        assert scenario.scenes["hello"].choices[2].critical == kind


def test_the_principle_ids_named_are_the_bundled_catalogue():
    from sim.loading import load_catalogue
    from sim.loading.meanings import _PRINCIPLE_KINDS

    bundled = load_catalogue(Path(__file__).parents[2] / "scenarios" / "principles.toml")
    assert set(_PRINCIPLE_KINDS) == set(bundled.principles)


def test_verdicts_grouped_with_their_principles_are_written_back_per_principle(tmp_path):
    """`principles = { honours = ["active-listening"] }` said "honours should be one of
    'honours', 'neutral' or 'undermines', not a list", with no hint."""
    old = 'principles = { active-listening = "honours" }'
    text = MINI.replace(old, 'principles = { honours = ["active-listening"] }', 1)
    p = only(tmp_path, text)
    assert p.message.startswith("'honours' is a verdict, not a principle id")
    written = re.search(r"write (principles = \{[^}]*\})", p.hint).group(1)
    assert written == old
    assert loads(tmp_path, text.replace('principles = { honours = ["active-listening"] }', written))


@pytest.mark.parametrize(("state", "kind"), [("true", "flags"), ("false", "not_flags")])
def test_a_flag_written_as_a_key_of_when_is_put_in_its_list(tmp_path, state, kind):
    """`when = { reflected = true }` was told only the keys allowed in a condition."""
    old = 'when = { flags = ["reflected"] }'
    text = MINI.replace(old, f"when = {{ reflected = {state} }}", 1)
    p = only(tmp_path, text)
    assert p.hint == (
        f'a flag is named in a list, not set to {state}: when = {{ {kind} = ["reflected"] }}'
    )
    fixed = text.replace(f"when = {{ reflected = {state} }}", p.hint.split(": ", 1)[1])
    assert loads(tmp_path, fixed)

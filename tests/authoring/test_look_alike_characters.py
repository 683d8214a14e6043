"""Two characters whose names read alike are named by `check` (author28).

'Alex' beside 'ALEX', 'Ａｌｅｘ', 'Аlex' (a Cyrillic А), 'Al\u200bex' or 'Ale\u0301x'
passed `check --strict`: the trainee, who knows who speaks by the name shown, would
take the two for one person. The rule is the class summary's own (sim.look_alike).
"""

from __future__ import annotations

import pytest

from sim.authoring.lint import lint
from sim.look_alike import look_alike, skeleton


def _two(good_text: str, name: str) -> str:
    """good.toml with a second person, 'name', listed before Sam."""
    assert good_text.count("[characters.sam]") == 1
    return good_text.replace(
        "[characters.sam]", f'[characters.sam2]\nname = "{name}"\n\n[characters.sam]'
    )


def _alike(scenario):
    return [p for p in lint(scenario) if p.code == "look-alike-names"]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("Sam", "(the two are spelt exactly the same)"),
        ("SAM", "(they differ only in capitals)"),
        ("Ｓａｍ", ""),  # full-width letters
        ("Sа\u043c", "its а, м are Cyrillic"),  # Cyrillic а and м
        ("Sa\u0301m", ""),  # a combining accent
        ("S\u200bam", ""),  # a zero-width space (the model removes it: the same name shows)
        ("Sam\u3164", ""),  # a Hangul filler: a letter to Unicode that draws as blank space
    ],
)
def test_a_name_that_reads_like_another_is_an_error_naming_both(good_text, make, name, why):
    text = _two(good_text, name)
    (p,) = _alike(make(text))
    assert p.severity == "error"
    assert p.path.name == "case.toml"
    # at the later of the two, whose line is the name's; the earlier by id and line
    assert p.key == "characters.sam.name"
    assert text.splitlines()[p.line - 1] == 'name = "Sam"'
    earlier = text.splitlines().index(f'name = "{name}"') + 1
    assert f"(characters.sam2, line {earlier})" in p.message
    assert p.message.startswith("the name 'Sam' reads like '")
    assert why in p.message
    assert p.hint.startswith("give sam or sam2 a name that differs in its letters")
    assert "keep one [characters] table and use its id as speaker" in p.hint


@pytest.mark.parametrize("name", ["Sami", "Pam", "Kim", "Sam's sister"])
def test_names_that_differ_in_their_letters_pass(good_text, make, name):
    assert _alike(make(_two(good_text, name))) == []


def test_the_rule_is_the_class_summary_s_own():
    """One rule: the trainee-name grouping and the character check use one skeleton."""
    import sim.authoring.look_alike as authoring
    import sim.records.classroom as classroom

    assert authoring.skeleton is skeleton
    assert classroom.look_alike is look_alike
    assert skeleton("Ｓａｍ") == skeleton("Sа\u043c") == skeleton("S\u200bam") == "sam"


@pytest.mark.parametrize("name", ["You", "YOU", "Ｙｏｕ"])
def test_a_person_called_you_reads_as_the_coach(good_text, make, name):
    """The conversation labels the coach's own lines 'You' (the app, the plain player's
    'You:', the debrief's 'You said'): a person named so reads as the trainee."""
    text = good_text.replace('name = "Sam"', f'name = "{name}"')
    (p,) = _alike(make(text))
    assert p.key == "characters.sam.name" and p.severity == "error"
    assert p.message.startswith(f"the name '{name}' reads like 'You', the name the conversation")
    assert p.hint.startswith("give sam a name of their own")


def test_a_name_with_you_in_it_is_its_own(good_text, make):
    assert _alike(make(good_text.replace('name = "Sam"', 'name = "Yousef"'))) == []

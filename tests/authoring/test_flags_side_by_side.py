"""A `when` needing two flags that lines offered side by side set: "either" written as "both".

The checker found the condition never holds and said "each part of it holds on some
way here, but never all at once" (or, for a reflection, "check the flags, scenes and
numbers it needs"), leaving the author to find the two lines. Each test follows the hint.
"""

from __future__ import annotations

import re

from sim.authoring.lint import lint
from tests.core.test_author_messages import MINI, loads

# hello#2 now sets 'pushed'; hello#1 already sets 'reflected': one run says one of them
PUSHED = MINI.replace(
    'why = "Directing before listening."', 'why = "Directing before listening."\nsets = ["pushed"]'
)
BOTH = 'flags = ["reflected", "pushed"]'


def _follow(text: str, hint: str) -> str:
    either = re.search(r"write (any = \[ .* \]) in place of flags = \[\.\.\.\]", hint).group(1)
    return text.replace(BOTH, either)


def test_a_choice_needing_both_names_the_two_lines_and_the_any_to_write(tmp_path):
    text = PUSHED.replace("when = { max_trust = 30 }", f"when = {{ {BOTH} }}")
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "never-offered"]
    assert p.key == "scenes.middle.choices[3].when"
    # hello's first line has the id "reflect" in MINI
    assert "'reflected' is set only by reflect and 'pushed' only by hello#2" in p.hint
    assert "side by side in scene 'hello'" in p.hint
    fixed = _follow(text, p.hint)
    assert not [p for p in lint(loads(tmp_path, fixed)) if p.code == "never-offered"]


def test_a_reflection_needing_both_says_so_instead_of_check_the_flags(tmp_path):
    reflect = f'reflect = [{{ text = "What did Kim want?", when = {{ {BOTH} }} }}]'
    text = PUSHED.replace('reflect = ["What did Kim want?"]', reflect)
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "never-shown"]
    assert p.key == "debrief.reflect[1].when"
    assert "check the flags" not in p.hint and "side by side in scene 'hello'" in p.hint
    fixed = _follow(text, p.hint)
    assert not [p for p in lint(loads(tmp_path, fixed)) if p.code == "never-shown"]


def test_a_third_flag_beside_the_pair_stays_in_flags(tmp_path):
    """'thanked' (set at the last scene) is there at the end of a run: only the pair fails."""
    thanked = PUSHED.replace('why = "A warm close."', 'why = "A warm close."\nsets = ["thanked"]')
    three = 'flags = ["reflected", "pushed", "thanked"]'
    reflect = f'reflect = [{{ text = "What did Kim want?", when = {{ {three} }} }}]'
    text = thanked.replace('reflect = ["What did Kim want?"]', reflect)
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "never-shown"]
    assert "take them out of flags and add any = [" in p.hint


def test_an_ending_needing_both_names_the_two_lines(tmp_path):
    text = PUSHED.replace(
        'when = { min_trust = 60, flags = ["reflected"] }', f"when = {{ {BOTH} }}"
    )
    found = [p for p in lint(loads(tmp_path, text)) if p.code == "unreachable-ending"]
    (p,) = [p for p in found if p.key == "endings.strong"]
    assert "never all at once; 'reflected' is set only by reflect" in p.hint
    fixed = _follow(text, p.hint)
    assert not [p for p in lint(loads(tmp_path, fixed)) if p.key == "endings.strong"]


def test_an_added_ending_paragraph_needing_both_names_the_two_lines(tmp_path):
    also = f'\n[[endings.mixed.also]]\nwhen = {{ {BOTH} }}\ntext = "Both happened."\n'
    text = PUSHED.replace("[endings.poor]", also.lstrip("\n") + "\n[endings.poor]")
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "never-shown"]
    assert p.key == "endings.mixed.also[1].when"
    assert "check the flags" not in p.hint and "side by side in scene 'hello'" in p.hint
    fixed = _follow(text, p.hint)
    assert not [p for p in lint(loads(tmp_path, fixed)) if p.code == "never-shown"]

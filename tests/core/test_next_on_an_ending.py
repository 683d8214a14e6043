"""`next` (or `goto`, or choices) on an ending: an author who wants the conversation to go on
after it. It was read as a misspelt `text` ("did you mean 'text'?"), a hint that, followed,
gave the ending a second text; now it says an ending stops the conversation and how to go on.
"""

from __future__ import annotations

import pytest

from tests.core.test_author_messages import MINI, loads, only


@pytest.mark.parametrize("key", ["next", "goto"])
def test_next_on_an_ending_says_endings_stop_the_conversation(tmp_path, key):
    text = MINI.replace("[endings.poor]\n", f'[endings.poor]\n{key} = "hello"\n', 1)
    p = only(tmp_path, text)
    assert p.key == f"endings.poor.{key}"
    assert "did you mean 'text'" not in p.hint
    assert "an ending is where the conversation stops" in p.hint
    assert "make it a scene ([scenes.poor] with a next or choices)" in p.hint


def test_choices_on_an_ending_get_the_same_hint(tmp_path):
    block = '[[endings.poor.choices]]\nsay = "Wait."\ngoto = "hello"\n\n'
    text = MINI.replace("[debrief]", block + "[debrief]", 1)
    assert text != MINI
    p = only(tmp_path, text)
    assert "an ending is where the conversation stops, so it has no choices" in p.hint


def test_the_hint_does_not_touch_a_scene(tmp_path):
    loads(tmp_path, MINI)  # the fixture itself loads: the refusals above are the key's

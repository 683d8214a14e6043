"""`check`'s stigma warning reads every text a trainee reads, not only the coach's `say`.

Before, "junkie" in an ending, "addict" in a `why` or "clean" in the narration passed
`check --strict` clean (author37). The rule: a character's own words are theirs (a
scene's text when someone speaks), the coach's `say` keeps its rule (allowed when
the line is marked `undermines`), and every other text is the trainer's voice,
flagged unless the word is quoted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.authoring.lint import lint

from .test_lint import _replace


def stigma(problems):
    return [p for p in problems if p.code == "stigma"]


NARRATION = (
    '[scenes.open]\ntext = "Sam says his sister made him come, since he is an addict."\n'
    'next = "middle"'
)


@pytest.mark.parametrize(
    "old, new, key",
    [
        (
            'why = "He sets the direction."',
            'why = "He sets the direction, as addicts rarely do."',
            "why",
        ),
        (
            'why = "He sets the direction."',
            'why = "He sets the direction."\nnote = "Junkies need direction."',
            "note",
        ),
        ('text = "Sam leaves."', 'text = "Sam leaves, still dirty."', "text"),
        ('text = "Sam leaves."', 'text = "Sam leaves, an abuser."', "text"),
        (
            '[scenes.open]\nspeaker = "sam"\ntext = "My sister made me come."\nnext = "middle"',
            NARRATION,
            "text",
        ),
        (
            "text = \"I'm not sure why I'm here.\"",
            'action = "He is clean, and looks it."\ntext = "I\'m not sure why I\'m here."',
            "action",
        ),
        (
            'summary = "A clean scenario every lint passes."',
            'summary = "A junkie comes in."',
            "summary",
        ),
        (
            '[characters.sam]\nname = "Sam"',
            '[characters.sam]\nname = "Sam"\nabout = "An addict, 30"',
            "about",
        ),
        (
            'text = "Sam leaves."',
            'text = "Sam leaves."\n\n[debrief]\nreflect = ["Why did the addict leave?"]',
            "reflect",
        ),
        (
            'text = "Sam leaves."',
            'text = "Sam leaves."\n\n[[endings.gone.also]]\nwhen = { flags = ["reflected"] }\n'
            'text = "His brother committed suicide."',
            "text",
        ),
    ],
)
def test_a_stigmatising_word_in_a_trainer_text_is_flagged(good_text, make, old, new, key):
    found = stigma(lint(make(_replace(good_text, old, new))))
    assert len(found) == 1, found
    (p,) = found
    assert p.key.split(".")[-1] == key or p.key.startswith(f"debrief.{key}"), p.key
    assert "the trainer's voice" in p.message
    assert "quote it" in p.hint


def test_the_message_names_the_word_the_text_and_its_line(good_text, make):
    text = _replace(good_text, 'text = "Sam leaves."', 'text = "Sam leaves, still dirty."')
    (p,) = stigma(lint(make(text)))
    assert p.key == "endings.gone.text"
    assert "'still dirty' is stigmatising language in an ending's text" in p.message
    assert text.splitlines()[p.line - 1] == 'text = "Sam leaves, still dirty."'
    assert p.severity == "warning"


@pytest.mark.parametrize(
    "old, new",
    [
        # a character's own words: self-identification and what was said to them
        (
            'text = "My sister made me come."',
            "text = \"My sister says I'm an addict. I'm not clean.\"",
        ),
        (
            "text = \"I'm not sure why I'm here.\"",
            'text = "Guy at the meeting said I\'m not really clean."',
        ),
        # quoted: the word named, not used
        ('why = "He sets the direction."', "why = \"Calling him 'clean' implies he was 'dirty'.\""),
        ('why = "He sets the direction."', 'why = "Never call anyone an \\"addict\\" here."'),
        ('text = "Sam leaves."', 'text = "Sam leaves. \\"I\'m an addict,\\" he says at the door."'),
        ('text = "Sam leaves."', 'text = "Sam leaves. \u201cStill clean,\u201d he says."'),
        ('why = "It takes over', "why = \"'He's an addict' is what it says. It takes over"),
        # not about a person or a test
        ('text = "Sam leaves."', 'text = "Sam leaves the room tidy."'),
    ],
)
def test_own_words_and_quoted_words_are_not_flagged(good_text, make, old, new):
    assert stigma(lint(make(_replace(good_text, old, new)))) == []


def test_the_coach_line_keeps_its_own_rule(good_text, make):
    # a line marked undermines may say the slip; its why is the trainer's voice, so
    # there the word is quoted or flagged
    text = _replace(
        good_text, 'say = "Let\'s get your goals written down."', 'say = "Are you still clean?"'
    ).replace(
        'principles = { empowerment = "undermines" }',
        'principles = { empowerment = "undermines", person-first-language = "undermines" }',
        1,
    )
    assert stigma(lint(make(text))) == []
    text = _replace(
        text, 'why = "It takes over before', 'why = "He is clean or not; it takes over before'
    )
    (p,) = stigma(lint(make(text)))
    assert p.key.endswith(".why")


def test_a_thing_called_clean_is_told_how_to_say_it(good_text, make):
    text = _replace(good_text, 'text = "Sam leaves."', 'text = "Sam leaves. The kitchen is clean."')
    (p,) = stigma(lint(make(text)))
    assert "either reword it ('tidy') or quote the word ('clean')" in p.hint
    quoted = text.replace("The kitchen is clean.", "The kitchen is 'clean'.")
    assert stigma(lint(make(quoted))) == []


def test_one_warning_per_text(good_text, make):
    text = _replace(
        good_text, 'text = "Sam leaves."', 'text = "Sam, an addict and a junkie, leaves."'
    )
    assert len(stigma(lint(make(text)))) == 1


@pytest.mark.parametrize("path", sorted(Path("scenarios").glob("*.toml")), ids=lambda p: p.stem)
def test_the_bundled_library_is_clean(path):
    # check-in-call pickup#1, its three `also` paragraphs and house-rules lockbox#2 said
    # "he is dirty now" / "people who use are dirty" unquoted: now 'dirty', quoted
    from sim.loading import load_scenario

    if path.name == "principles.toml":
        pytest.skip("the catalogue, not a scenario")
    assert stigma(lint(load_scenario(path))) == []


@pytest.mark.parametrize(
    "said, words",
    [
        ("Sam's dirty urine came back.", "a test result is 'negative' or 'positive'"),
        ("His brother committed suicide.", "'died by suicide' says it of a death"),
        ("Sam has six months clean time.", "'time in recovery' or 'time not using'"),
        ("Sam, an addict, leaves.", "'person who uses drugs' or 'person in recovery'"),
    ],
)
def test_the_hint_offers_words_that_fit_the_term(good_text, make, said, words):
    # the hint offered "'person who uses drugs', 'in recovery', 'not using', 'positive
    # test'" for every term, and for a death words for asking; it now offers what the
    # trainee's own-words cue offers for the same term (sim.language.words_instead)
    from sim.cues import cues

    (p,) = stigma(lint(make(_replace(good_text, 'text = "Sam leaves."', f'text = "{said}"'))))
    assert words in p.hint
    # the same words a trainee typing the line is offered
    assert any(words in c.message for c in cues(said)), cues(said)
    if "clean" not in said:  # a room can be clean; a test, a death or clean time is not one
        assert "tidy" not in p.hint

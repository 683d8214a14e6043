"""Stigmatising words in every text a trainee reads, not only the coach's lines.

`sim.authoring.teaching` reads the coach's `say`; an "addict" in the narration, a
`why`, a coach note, an ending or a reflection passed `check` clean, though the
trainee reads those too, and reads them as the voice of the trainer (author37).

The rule, which an author can apply without reading this code:

- a person's own words are theirs: a scene's `text` (and its variants' `text`)
  when a character speaks is never flagged, since people may name themselves as
  they choose ("I'm an addict") and may repeat what was said to them ("not
  really clean"); the coach does not correct them, and neither does `check`;
- the coach's `say` keeps its own rule (`stigma` in teaching.py: allowed when
  the choice is marked `undermines`, as the slip it practises);
- every other text (title, summary, setting, content notes, a character's
  `about`, narration, a stage direction, a `why`, a `note`, an ending's text,
  its variants and `also`, a reflection) is the trainer's voice: a word there
  is flagged unless it is quoted ('clean', "addict"), which is how a `why` or a
  reflection names the word a line got wrong, or how narration reports what
  someone said.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sim.language import STIGMA, has_stigma_stem, words_instead

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sim.loading.where import Where
    from sim.model import Scenario
    from sim.problems import Problem

# A quoted span: straight or curly double quotes, curly single quotes, or straight
# single quotes that open after a non-letter and close before one (an apostrophe
# inside, as in 'he's clean', is one followed by a letter).
_QUOTED = re.compile(
    r"\"[^\"\n]*\"|\u201c[^\u201d\n]*\u201d|\u2018[^\u2019\n]*\u2019"
    r"|(?<!\w)'(?:[^'\n]|'(?=\w))*'(?!\w)"
)

QUOTE_HINT = (
    "to name the word a line gets wrong, quote it ('clean', \"addict\"); a character's own "
    "words (a scene's text when someone speaks) are never flagged"
)


def stigma_text_problems(scenario: Scenario, where: Where) -> list[Problem]:
    """`stigma`: a stigmatising word, not quoted, in a text the trainer speaks through."""
    out: list[Problem] = []
    for loc, what, text in _trainer_texts(scenario):
        if not has_stigma_stem(text.lower()):
            continue
        spans = [m.span() for m in _QUOTED.finditer(text)]
        for m in STIGMA.finditer(text):
            if any(a <= m.start() and m.end() <= b for a, b in spans):
                continue
            term = m.group(0)
            out.append(
                where.problem(
                    loc,
                    f"'{term}' is stigmatising language in {what}, which the trainee reads as "
                    "the trainer's voice",
                    f"{_instead(term)}; {QUOTE_HINT}",
                    severity="warning",
                    code="stigma",
                )
            )
            break  # one warning per text: the first word is enough to find it
    return out


def _instead(term: str) -> str:
    said = words_instead(term).rstrip(".")  # the same words the trainee's cue offers
    if said.endswith("'using'"):  # said of a person, so the rule read it: it may mean a thing
        # the rule reads "is clean" as about a person: narration can mean a room
        # (author38: no exemption for "clean" before a thing's noun: no one-sentence rule
        # tells 'clean sheets' from 'clean addicts', so both ways out are named instead)
        said += (
            " (check cannot tell a thing from a person: said of a thing, 'the kitchen is "
            "clean', either reword it ('tidy') or quote the word ('clean'))"
        )
    return said


def _trainer_texts(scenario: Scenario) -> Iterator[tuple[tuple[object, ...], str, str]]:
    """Each text a trainee reads that is not a character's own words or the coach's `say`:
    its key path, what to call it in a message, and the text."""
    yield ("title",), "the title", scenario.title
    yield ("summary",), "the summary", scenario.summary
    yield ("setting",), "the setting", scenario.setting
    for i, note in enumerate(scenario.content_notes):
        yield ("content_notes", i), "a content note", note
    for cid, person in scenario.characters.items():
        if person.about:
            yield ("characters", cid, "about"), "a character's description", person.about
    for sid, scene in scenario.scenes.items():
        if scene.speaker is None:
            yield ("scenes", sid, "text"), "the narration", scene.text
        if scene.action:
            yield ("scenes", sid, "action"), "a stage direction", scene.action
        for i, v in enumerate(scene.variants):
            if scene.speaker is None:
                yield ("scenes", sid, "variants", i, "text"), "the narration", v.text
            if v.action:
                yield ("scenes", sid, "variants", i, "action"), "a stage direction", v.action
        for i, c in enumerate(scene.choices):
            if c.why:
                yield ("scenes", sid, "choices", i, "why"), "a why (the debrief shows it)", c.why
            if c.note:
                yield ("scenes", sid, "choices", i, "note"), "a coach note", c.note
    for eid, e in scenario.endings.items():
        yield ("endings", eid, "title"), "an ending's title", e.title
        yield ("endings", eid, "text"), "an ending's text", e.text
        for i, v in enumerate(e.variants):
            yield ("endings", eid, "variants", i, "text"), "an ending's text", v.text
        for i, v in enumerate(e.also):
            yield ("endings", eid, "also", i, "text"), "an ending's text", v.text
    for i, r in enumerate(scenario.debrief.reflect):
        if isinstance(r, str):
            yield ("debrief", "reflect", i), "a reflection", r
        else:
            yield ("debrief", "reflect", i, "text"), "a reflection", r.text

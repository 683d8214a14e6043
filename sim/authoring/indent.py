"""Text whose later lines are indented: a warning from `peer-sim check`.

Text is shown as written, but TOML and peer-sim both trim a text's start, so in

    text = \"\"\"
        My uncle was at my sister's.
        I never told anyone.\"\"\"

the first line loses its indent and the second keeps it: the trainee sees a
ragged block. Authors indent like this out of habit from code, so it is named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sim.loading.where import Where
from sim.model import Scenario
from sim.problems import Problem

_INDENTED = re.compile(r"\n([ \t]+)\S")

# "while the first line has none" was false of a block whose first line was indented too
# (the player drops that indent only), and an author who then took every indent out was
# shown two lines where one paragraph was meant: a line break shows where it is written.
# A line-ending backslash joins two lines and eats the next one's indent, but only in a
# basic (double-quoted) string: in a literal ''' string it is a backslash, so the hint
# says where it works.
_HINT = (
    'start every line of the text at the left margin; or, in a """ text, end a line '
    "with a space and \\ to run it on into the next as one paragraph: the \\ also drops "
    "the next line's indent"
)


def indent_problems(scenario: Scenario, where: Where) -> list[Problem]:
    out: list[Problem] = []
    for loc, text in _texts(scenario.model_dump(exclude_none=True), ()):
        found = _INDENTED.search(text)
        if found is None:
            continue
        kind = "a tab" if "\t" in found.group(1) else "spaces"
        out.append(
            where.problem(
                loc,
                f"a line after the first starts with {kind}, and the player shows that indent "
                "(it drops only the first line's), so the text looks ragged",
                _HINT,
                severity="warning",
                code="indented-text",
            )
        )
    return out


def _texts(data: Any, loc: tuple[object, ...]) -> Iterator[tuple[tuple[object, ...], str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, (*loc, key))
    elif isinstance(data, (list, tuple)):
        for i, value in enumerate(data):
            yield from _texts(value, (*loc, i))

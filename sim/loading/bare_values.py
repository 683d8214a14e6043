"""A word written without its quotes: `goto = middle`, `say = You made it in.`

A trainer new to TOML writes a name or a sentence bare, as on a form. tomli says
"Invalid value" at the word, and the general advice ("put text in double quotes")
names neither the key nor what to type. Read off the line, the fix is that line with
the quotes put in, and `sim.loading.syntax` offers it to copy.
"""

from __future__ import annotations

import difflib
import re

from sim.loading.toml_lines import Specific
from sim.text import clip

# `key = rest of the line`, the key at the start of the line (a top-level or scene key)
_WHOLE_LINE = re.compile(r"^(\s*)([A-Za-z0-9_-]+)(\s*=\s*)(.*?)(\s+#.*)?$")
# a name standing alone in a value's place in { } or [ ]: after '=', '[' or ',' and
# before ',', ']' or '}' (a word followed by '=' is a key, and stays as it is)
_BARE_NAME = re.compile(r"(?<=[=\[,])(\s*)([A-Za-z@][A-Za-z0-9_@-]*)(?=\s*[,\]}])")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_TEXT = {"true", "false", "inf", "nan"}  # TOML's own bare words
# keys that take a number: `trust = eight` quoted would only trade this error for another
_NUMBER_KEY = re.compile(r"^(trust|empowerment|minutes|order|format|(min|max)_\w+)$")
# keys that take true or false: a slip there (`best = tru`) is no text to quote
_YES_NO_KEYS = {"best", "own_words"}
_KEY_BEFORE = re.compile(r"([A-Za-z0-9_-]+)\s*=\s*$")


def unquoted_text(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """Text with no quotes around it, with the line as it should read."""
    if not raw_msg.startswith("Invalid value") or column is None:
        return None
    at = column - 1
    if at >= len(here) or not (here[at].isalpha() or here[at] == "@"):
        return None
    key = _KEY_BEFORE.search(here[:at])
    verdicts = here.lstrip().startswith("principles")  # `empowerment` is a principle there
    if key is not None and _NUMBER_KEY.match(key.group(1)) and not verdicts:
        return None
    found = _WHOLE_LINE.match(here)
    if found is not None and len(found.group(1) + found.group(2) + found.group(3)) == at:
        value = found.group(4)
        meant = _true_or_false(value)
        if meant is not None and found.group(2) in _YES_NO_KEYS:
            return (
                f"{clip(value, 40)} is not a TOML value: yes and no are written true and "
                "false, in lower case and without quotes",
                f"write {found.group(2)} = {meant}",
                column,
            )
        if '"' in value or "\\" in value or value.lower() in _NOT_TEXT:
            return None  # quoted whole it would not parse, or it is no text
        return (
            f"{clip(value, 40)} is text, and TOML takes text only in double quotes",
            f'write {found.group(2)} = "{value}"',
            column,
        )
    fixed = _quote_names(here.split(" #")[0].strip())
    if fixed is None:
        return None
    word = re.match(r"[A-Za-z@][A-Za-z0-9_@-]*", here[at:])
    assert word is not None
    return (
        f"{word.group()} is a name, and TOML takes a name as a value only in double quotes",
        f"write {fixed}",
        column,
    )


def _true_or_false(value: str) -> str | None:
    """`true` or `false` when the bare word is a slip for one (`tru`, `True`, `flase`).

    Quoting it would only trade this error for "best must be true or false", so the
    hint names the word the author meant.
    """
    word = value.strip()
    if not word.isalpha() or word in ("true", "false"):
        return None
    close = difflib.get_close_matches(word.lower(), ["true", "false"], n=1, cutoff=0.75)
    return close[0] if close else None


def _quote_names(line: str) -> str | None:
    """The line with every bare name in a value's place quoted, outside its texts."""
    parts: list[str] = []
    changed = False
    last = 0

    def quote(m: re.Match[str]) -> str:
        nonlocal changed
        if m.group(2).lower() in _NOT_TEXT:
            return m.group()
        changed = True
        return f'{m.group(1)}"{m.group(2)}"'

    for text in _STRING.finditer(line):
        parts.append(_BARE_NAME.sub(quote, line[last : text.start()]))
        parts.append(text.group())
        last = text.end()
    parts.append(_BARE_NAME.sub(quote, line[last:]))
    return "".join(parts) if changed else None


# `"text", when = { ... }` in a list: a reflection given its condition beside it, not
# in a table with it
_TEXT_THEN_WHEN = re.compile(
    r'("(?:[^"\\]|\\.)*")\s*,\s*when\s*=\s*(\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})'
)


def when_beside_text(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`"What did asking make possible?", when = { flags = ["asked"] }` in `reflect`.

    The README's form is `{ text = "...", when = { ... } }`; written without the braces,
    tomli stops at `when` ("Invalid value"), and the general advice to quote text
    sends the author to the one part that is already quoted.
    """
    if not raw_msg.startswith("Invalid value") or column is None:
        return None
    for found in _TEXT_THEN_WHEN.finditer(here):
        if here.find("when", found.start()) == column - 1:
            table = f"{{ text = {found.group(1)}, when = {found.group(2)} }}"
            return (
                "a text with a condition is one entry of the list, written as a table in "
                "braces with text and when",
                f"write {table}",
                column,
            )
    return None

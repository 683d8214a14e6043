"""Reading single lines of TOML text that may not parse: table headers and `key =` lines.

A file with a syntax error gives no parse tree, so the sentences for it
(`sim.loading.syntax`, `sim.loading.twice`) read the raw lines instead; these
are the two line shapes they both need, the form every such sentence takes, and the
characters of a line that stand outside its quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]")
KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")

Specific = tuple[str, str, int | None]  # message, hint, column
# A hint writes the author's line back rewritten only up to this length; a longer one says
# how instead (a 300,000-character line gave a 600 KB hint, adv28).
MAX_REWRITTEN = 1000


def header_name(line: str) -> tuple[str, str] | None:
    """("[" or "[[", "dotted.name") for a table header line."""
    m = _HEADER.match(line)
    return (m.group(1), re.sub(r"\s*\.\s*", ".", m.group(2))) if m else None


def header_text(brackets: str, name: str) -> str:
    """A header as an author writes it: ("[[", "scenes.a.choices") -> "[[scenes.a.choices]]"."""
    return f"{brackets}{name}{']]' if brackets == '[[' else ']'}"


def outside_strings(line: str) -> list[tuple[int, str]]:
    """(index, character) for the characters of a line outside quotes, up to any # comment.

    Both the syntax sentences and the code-habit ones (`//`, `==`) look past what is quoted:
    a `//` in a URL inside a string is no comment."""
    out: list[tuple[int, str]] = []
    for i, ch in _unquoted(line):
        if ch == "#":
            break
        out.append((i, ch))
    return out


def before_comment(line: str) -> str:
    """The line up to any # comment that stands outside quotes."""
    for i, ch in _unquoted(line):
        if ch == "#":
            return line[:i]
    return line


def _unquoted(line: str) -> Iterator[tuple[int, str]]:
    """(index, character) for each character of a line outside quoted text, in order."""
    quote = ""
    i = 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        else:
            yield i, ch
        i += 1

"""Find the line and column of a key path in TOML source.

TOML parsers return plain dicts with no positions, so when validation fails we
scan the (already valid) source once more and index where every table header,
key, inline-table key and array element starts. It runs only on files with
problems, so its cost never touches a clean load.

Paths use the parsed shape: keys are strings, array elements (including
`[[array.of.tables]]` entries) are 0-based ints.
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_right
from collections.abc import Sequence

PathKey = tuple[object, ...]
# key = "plain text" | 'literal' | bare scalar, then an optional comment, to the line end.
_SIMPLE = re.compile(
    r"([A-Za-z0-9_-]+)[ \t]*=[ \t]*"
    r"(?:\"[^\"\\\n]*\"(?!\")|'[^'\n]*'(?!')|[^\s\"'\[\]{},#]+)"
    r"[ \t]*(?:#[^\n]*)?(?=\n|\Z)"
)
_NEWLINE = re.compile("\n")
_NOT_SPACE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-\"'[]{}=,.+"
)
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SPACE = re.compile(r"(?:[ \t\r]+|#[^\n]*)*")
_SPACE_NL = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")


class Locator:
    """Positions of keys in one TOML document."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.positions: dict[PathKey, int] = {}
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(source)]
        self._aot_index: dict[PathKey, int] = {}
        # Best effort: if the scan trips, the part indexed so far is still useful.
        with contextlib.suppress(IndexError, ValueError):
            _Scanner(source, self).run()

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def find(self, path: Sequence[object]) -> tuple[int, int] | None:
        """Position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.line_col(self.positions[path])
            path = path[:-1]
        return None

    def _record(self, path: PathKey, offset: int) -> None:
        self.positions.setdefault(path, offset)


class _Scanner:
    """A small recursive-descent walk over valid TOML, recording offsets."""

    def __init__(self, src: str, loc: Locator) -> None:
        self.s = src
        self.i = 0
        self.loc = loc
        self.table: PathKey = ()

    # -- helpers --------------------------------------------------------
    def peek(self, n: int = 0) -> str:
        j = self.i + n
        return self.s[j] if j < len(self.s) else ""

    def skip_ws(self, newlines: bool = False) -> None:
        if self.s[self.i : self.i + 1] in _NOT_SPACE:  # usually nothing to skip
            return
        self.i = (_SPACE_NL if newlines else _SPACE).match(self.s, self.i).end()

    def key(self) -> list[tuple[str, int]]:
        parts: list[tuple[str, int]] = []
        while True:
            self.skip_ws()
            start = self.i
            ch = self.peek()
            if ch in "\"'":
                parts.append((self.string(), start))
            else:
                m = _BARE_KEY.match(self.s, self.i)
                if m is None:
                    raise ValueError("expected a key")
                parts.append((m.group(), start))
                self.i = m.end()
            self.skip_ws()
            if self.peek() == ".":
                self.i += 1
                continue
            return parts

    def string(self) -> str:
        s = self.s
        q = s[self.i]
        if s.startswith(q * 3, self.i):
            end = s.find(q * 3, self.i + 3)
            while q == '"' and end > 0 and _escaped(s, end):
                end = s.find(q * 3, end + 1)
            if end < 0:
                raise ValueError("unterminated")
            while s.startswith(q, end + 3):  # up to two quotes may end the body
                end += 1
            body = s[self.i + 3 : end]
            self.i = end + 3
            return body
        j = self.i + 1
        while j < len(s) and s[j] != q:
            j += 2 if (q == '"' and s[j] == "\\") else 1
        body = s[self.i + 1 : j]
        self.i = j + 1
        return body if q == "'" else _unescape_simple(body)

    # -- grammar --------------------------------------------------------
    def run(self) -> None:
        while self.i < len(self.s):
            self.skip_ws(newlines=True)
            if self.i >= len(self.s):
                return
            if self.peek() == "[":
                self.header()
            elif not self.simple_line():
                self.keyval(self.table)
            self.skip_ws()
            if self.peek() == "\n":
                self.i += 1

    def simple_line(self) -> bool:
        """Fast path for the common `key = "text"` / `key = 8` line (most of a file).

        A regular expression does in C what the character walk does in Python;
        anything it does not recognise (arrays, inline tables, long strings,
        escapes, dotted keys) falls back to the walk.
        """
        m = _SIMPLE.match(self.s, self.i)
        if m is None:
            return False
        self.loc._record(self.table + (m.group(1),), self.i)
        self.i = m.end()
        return True

    def header(self) -> None:
        start = self.i
        is_array = self.peek(1) == "["
        self.i += 2 if is_array else 1
        names = [k for k, _ in self.key()]
        self.i += 2 if is_array else 1
        path: PathKey = ()
        for depth, name in enumerate(names):
            path = path + (name,)
            # A table a header makes on the way (`scene` in [[scene.x.choices]]) is
            # found here, so a problem with it names this line, not line 1.
            self.loc._record(path, start)
            if depth < len(names) - 1 and path in self.loc._aot_index:
                path = path + (self.loc._aot_index[path],)
        if is_array:
            index = self.loc._aot_index.get(path, -1) + 1
            self.loc._aot_index[path] = index
            self.loc._record(path, start)
            path = path + (index,)
        self.loc._record(path, start)
        self.table = path

    def keyval(self, base: PathKey) -> None:
        parts = self.key()
        path = base
        for name, offset in parts:
            path = path + (name,)
            self.loc._record(path, offset)
        if self.peek() != "=":
            raise ValueError("expected =")
        self.i += 1
        self.skip_ws()
        self.value(path)

    def value(self, path: PathKey) -> None:
        ch = self.peek()
        if ch in "\"'":
            self.string()
        elif ch == "[":
            self.i += 1
            index = 0
            while True:
                self.skip_ws(newlines=True)
                if self.peek() == "]":
                    self.i += 1
                    return
                self.loc._record(path + (index,), self.i)
                self.value(path + (index,))
                index += 1
                self.skip_ws(newlines=True)
                if self.peek() == ",":
                    self.i += 1
        elif ch == "{":
            self.i += 1
            while True:
                self.skip_ws(newlines=True)
                if self.peek() == "}":
                    self.i += 1
                    return
                self.keyval(path)
                self.skip_ws(newlines=True)
                if self.peek() == ",":
                    self.i += 1
        else:
            j = self.i
            while j < len(self.s) and self.s[j] not in ",]}\n#":
                j += 1
            if j == self.i:
                raise ValueError("expected a value")
            self.i = j


def _escaped(s: str, at: int) -> bool:
    backslashes = 0
    j = at - 1
    while j >= 0 and s[j] == "\\":
        backslashes += 1
        j -= 1
    return backslashes % 2 == 1


def _unescape_simple(body: str) -> str:
    if "\\" not in body:
        return body
    try:
        return body.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except UnicodeDecodeError:
        return body

"""Sentences for TOML syntax errors: what is wrong, and a fix that is itself TOML.

tomli's messages are terse and written for programmers ("Cannot declare
('scenes', 'a', 'choices') twice"). An author needs the cause (a single
bracket where a double was meant, a missing comma, a non-breaking space they
cannot see) and a hint that, followed literally, gives a file that parses.
The tests apply each hint and parse the result.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from sim.loading.keypath import ordinal
from sim.loading.toml_lines import Specific, header_name
from sim.loading.twice import declared_twice, overwritten, written_in_full
from sim.problems import Problem, ScenarioError, invisible_name

_AT = re.compile(r"\(at line (\d+), column (\d+)\)")

_GENERAL = {
    "Cannot overwrite a value": (
        "a key or table is written twice",
        "each key can appear once per table; each [table] header once per file",
    ),
    "Invalid value": (
        "this value is not valid TOML",
        'put text in double quotes ("like this"), numbers bare (8, -6), true/false bare',
    ),
    "Invalid statement": (
        "this line is not a `key = value` pair or a [table] header",
        "check for a missing '=' or an unquoted value",
    ),
    "Unclosed array": ("a list is not closed", "add the closing ']'"),
    "Unclosed inline table": ("an inline table is not closed", "add the closing '}'"),
    "Unterminated string": (
        "text is not closed",
        'add the closing quote ("), or """ for long text',
    ),
    "Expected '=' after a key in a key/value pair": (
        "a key has no '=' after it",
        'write key = value, e.g. goto = "next-scene"',
    ),
    "Found invalid character in a string": (
        "text contains a character TOML does not allow raw",
        'use """triple quotes""" for text over several lines',
    ),
}


_BARE_WORDS = re.compile(r"[A-Za-z0-9_-]+(?:[ \t]+[A-Za-z0-9_-]+)+")
_NEXT_KEY = re.compile(r"\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*(?:\.\s*[A-Za-z0-9_-]+\s*)*=")
_NEXT_VALUE = re.compile(r"\s*(?:\"|'|[-+0-9]|true\b|false\b|\{|\[)")
_INDEXED_HEADER = re.compile(r"^\s*\[\[?[^\]#]*?\[\s*\d+\s*\]")


def syntax_problem(path: Path, exc: Exception, text: str = "") -> ScenarioError:
    """The one located Problem for a file tomli (or tomllib) could not parse.

    `text` is the file as read: the sentences come from its lines, since the
    parser's message names the symptom, not the author's mistake.
    """
    raw_msg = getattr(exc, "msg", None) or str(exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    if line is None:  # stdlib tomllib before 3.14 puts the position in the text
        found = _AT.search(str(exc))
        if found:
            line, column = int(found.group(1)), int(found.group(2))
    raw_msg = _AT.sub("", raw_msg).strip()
    # Lines as tomli counts them (at "\n" only): splitlines() also breaks at
    # U+2028, U+0085 and form feeds, which TOML text may hold, and then every
    # hint after one would read the wrong line.
    lines = [part.removesuffix("\r") for part in text.split("\n")]
    left_open = _left_open(raw_msg, lines)
    if left_open is not None:
        line, specific = left_open
    else:
        specific = _bare_cr(text) or _specific(raw_msg, lines, line, column)
    if specific is not None:
        message, hint, column = specific
    else:
        message, hint = _general(raw_msg)
    return ScenarioError(
        [Problem(path, message, line=line, column=column, hint=hint, code="syntax")]
    )


# Raw C0 controls (tab excepted) and DEL: TOML refuses them anywhere.
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _bare_cr(text: str) -> Specific | None:
    """Lines ended by a carriage return alone (classic Mac): tomli sees one long line."""
    bare = text.count("\r") - text.count("\r\n")
    if bare == 0 or bare < text.count("\n"):
        return None  # a stray CR in a file of ordinary lines: named as a control character
    return (
        "lines end with a bare carriage return (CR), which TOML does not take as a line end",
        "save the file with Unix (LF) or Windows (CRLF) line endings; most editors offer "
        "this beside the encoding",
        None,
    )


def _general(raw_msg: str) -> tuple[str, str]:
    for prefix, (friendly, friendly_hint) in _GENERAL.items():
        if raw_msg.startswith(prefix):
            return friendly, friendly_hint
    return f"this is not valid TOML ({raw_msg})", "check quotes, brackets and '=' signs here"


def _outside_strings(line: str) -> list[tuple[int, str]]:
    """(index, character) for the characters of a line that are not inside quotes."""
    out: list[tuple[int, str]] = []
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
        elif ch == "#":
            break
        else:
            out.append((i, ch))
        i += 1
    return out


def _specific(
    raw_msg: str, lines: list[str], line: int | None, column: int | None
) -> Specific | None:
    """Sentences for the mistakes authors actually make, read off the offending line."""
    if line is None or not 1 <= line <= len(lines):
        return None
    here = lines[line - 1]
    control = _RAW_CONTROL.search(here)
    if control is not None and raw_msg.startswith(("Illegal character", "Found invalid character")):
        ch = control.group()
        return (
            f"{invisible_name(ch)} at column {control.start() + 1}: TOML allows no raw "
            "control characters, not even in text or comments",
            "delete it: an editor may show it as ^[, ^@ or a small box, and text pasted "
            "from a terminal often carries them",
            control.start() + 1,
        )
    for i, ch in _outside_strings(here):
        what = invisible_name(ch) if ch not in " \t" else ""
        if what:
            # a zero-width character sits inside a word ('ti\u200btle'): a space there is wrong too
            # (a format character, Cf, as slug_of in explain.py drops them)
            zero_width = unicodedata.category(ch) == "Cf"
            fix = "delete it" if zero_width else "delete it and type an ordinary space"
            return (
                f"{what} at column {i + 1}: TOML does not count it as a space",
                f"{fix}; word processors and web pages insert these unseen",
                i + 1,
            )
    if any(q in here for q in "\u201c\u201d\u2018\u2019"):
        return (
            "curly (smart) quotes are not TOML quotes",
            'retype them as straight quotes ("like this"); word processors turn them curly',
            column,
        )
    early = _closed_early(lines, line)
    if early is not None:
        return early
    for check in (
        _spaced_name,
        _indexed_header,
        _missing_comma,
        _unclosed_string,
        _table_in_brackets,
        _yes_no,
    ):
        found = check(raw_msg, here, column)
        if found is not None:
            return found
    if raw_msg.startswith("Cannot declare"):
        return declared_twice(raw_msg, lines, line, column)
    if raw_msg.startswith("Cannot overwrite a value"):
        return overwritten(lines, line, column)
    if raw_msg.startswith("Cannot mutate immutable namespace"):
        found = re.search(r"\((.*)\)", raw_msg)
        parts = re.findall(r"'([^']*)'", found.group(1)) if found else []
        if parts:
            return written_in_full(lines, line, column, ".".join(parts))
    return None


_OPENS_LONG = re.compile(r'^\s*[A-Za-z0-9_-]+\s*=\s*"""\s*$')


def _closed_early(lines: list[str], line: int) -> Specific | None:
    """A long text left open swallows the file up to the next `text = \"\"\"`, which then
    closes it; the line after reads as TOML and fails on the dialogue, far from the cause.

    Counted over the lines before the error: if the last \"\"\" there looks like an
    opening one (`key = \"\"\"` alone on its line) but closed a text instead, say so.
    """
    inside = False
    opened = closed = 0
    for number, text in enumerate(lines[: line - 1], 1):
        for _quotes in range(text.count('"""')):
            inside = not inside
            if inside:
                opened = number
            else:
                closed = number
    if inside or not closed or not _OPENS_LONG.match(lines[closed - 1]):
        return None
    if any(header_name(t) for t in lines[closed : line - 1]):
        return None
    return (
        f'the long text opened on line {opened} (""") is not closed, so the """ on line '
        f"{closed} closes it and this line is read as TOML",
        f'add the closing """ at the end of the text that starts on line {opened}',
        1,
    )


def _left_open(raw_msg: str, lines: list[str]) -> tuple[int, Specific] | None:
    """A long text never closed: tomli stops at the end of the file, far from the cause.

    The line to fix is where the last triple quote left open was written (a long
    text closed with a single quote, say), so the problem is placed there.
    """
    if not raw_msg.startswith("Unterminated string"):
        return None
    inside, opened = False, 0
    for number, text in enumerate(lines, 1):
        for _quotes in range(text.count('"""')):
            inside = not inside
            if inside:
                opened = number
    if not inside:
        return None
    return opened, (
        f'the long text opened on line {opened} (""") is never closed, so the rest of the '
        "file is read as part of it",
        f'add the closing """ at the end of the text that starts on line {opened}',
        lines[opened - 1].rfind('"""') + 1,
    )


def _unclosed_string(raw_msg: str, here: str, column: int | None) -> Specific | None:
    if raw_msg.startswith("Illegal character '\\n'") or raw_msg.startswith("Unterminated string"):
        return (
            "a quote is not closed on this line",
            'add the closing " at the end of the text, or use """ for text over several lines',
            column,
        )
    return None


_BRACKETED_TABLE = re.compile(r"^(\s*[A-Za-z0-9_-]+\s*=\s*)\[(\s*[A-Za-z0-9_-]+\s*=.*)\]\s*$")


def _table_in_brackets(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`when = [min_trust = 40]`: keys inside square brackets, where braces were meant.

    tomli sees a list whose first entry is not a value; "put text in quotes" would
    turn the keys into a text. The fix is the same line with { } for [ ].
    """
    found = _BRACKETED_TABLE.match(here)
    if not raw_msg.startswith("Invalid value") or found is None:
        return None
    fixed = f"{found.group(1).strip()} {{ {found.group(2).strip()} }}"
    return (
        "keys with values (key = value) are a table, written in braces { }, "
        "not in square brackets [ ] (those make a list)",
        f"write {fixed}",
        len(found.group(1)) + 1,
    )


_YES_NO = {
    "yes": "true",
    "no": "false",
    "on": "true",
    "off": "false",
    "true": "true",
    "false": "false",
}


def _yes_no(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`best = yes` or `best = True`: a true/false TOML spells only one way."""
    if not raw_msg.startswith("Invalid value") or column is None:
        return None
    # the whole value: `say = yes I can` is text without its quotes, not a true/false
    word = re.match(r"([A-Za-z]+)\s*(?:$|#|,|\})", here[column - 1 :])
    if word is None or word.group(1).lower() not in _YES_NO:
        return None
    fixed = _YES_NO[word.group(1).lower()]
    return (
        f"{word.group(1)} is not a TOML value: true and false are written in lowercase, "
        "without quotes",
        f"write {fixed}",
        column,
    )


def _spaced_name(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`[scenes.why here]` or `min trust = 40`: a name with a space in it."""
    header = header_name(here)
    if header and raw_msg.startswith("Expected ']"):
        brackets, name = header
        parts = name.split(".")
        spaced = [p for p in parts if _BARE_WORDS.fullmatch(p)]
        if spaced:
            fixed = ".".join(_dashed(p) if p in spaced else p for p in parts)
            close = "]]" if brackets == "[[" else "]"
            return (
                f"the name '{spaced[0]}' in this header has a space in it",
                f"names have no spaces: write {brackets}{fixed}{close}, and use "
                f"'{_dashed(spaced[0])}' wherever the name is used",
                column,
            )
    if raw_msg.startswith("Expected '=' after a key"):
        m = _BARE_WORDS.match(here.lstrip())
        if m and "=" in here[here.find(m.group()) + len(m.group()) :][:3]:
            words = m.group().split()
            joined = "_".join(words)
            return (
                f"the key '{m.group()}' has a space in it",
                f"keys have no spaces: join the words as the README spells the key, "
                f"e.g. {joined} or {'-'.join(words)}",
                column,
            )
        inline = _in_braces(here, column)
        if inline:
            return inline
    return None


def _in_braces(here: str, column: int | None) -> Specific | None:
    """`{ active listening = "honours" }`: a spaced key inside an inline table."""
    if column is None:
        return None
    start = max(here.rfind("{", 0, column - 1), here.rfind(",", 0, column - 1))
    if start < 0:
        return None
    m = _BARE_WORDS.match(here[start + 1 :].lstrip())
    if m is None:
        return None
    words = m.group().split()
    return (
        f"the key '{m.group()}' has a space in it",
        f"keys have no spaces: join the words as the README spells the key, "
        f"e.g. {'-'.join(words)} or {'_'.join(words)}",
        column,
    )


def _dashed(name: str) -> str:
    return re.sub(r"[ \t]+", "-", name.strip()).lower()


def _indexed_header(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`[scenes.x.choices[2].when]`: headers cannot number list entries.

    Authors copy key paths from our own messages, which number entries; the
    TOML way is a header placed after the entry's `[[...]]` block.
    """
    if not _INDEXED_HEADER.match(here):
        return None
    stripped = here.split("#")[0].strip()
    double = stripped.startswith("[[")
    body = stripped[2:] if double else stripped[1:]
    body = (
        body[:-2] if double and body.endswith("]]") else body[:-1] if body.endswith("]") else body
    )
    found = list(re.finditer(r"\s*\[\s*(\d+)\s*\]\s*", body))
    last = found[-1]
    owner = re.sub(r"\s*\[\s*\d+\s*\]\s*", "", body[: last.start()])
    full = re.sub(r"\s*\[\s*\d+\s*\]\s*", "", body)
    block = f"the {ordinal(int(last.group(1)))} [[{owner}]] block"
    if full == owner:
        return (
            "a [table] header cannot number list entries",
            f"put these keys in {block} itself, below its header",
            column,
        )
    wrapped = f"[[{full}]]" if double else f"[{full}]"
    return (
        "a [table] header cannot number list entries",
        f"write {wrapped} right after {block} (a header after a [[...]] block belongs "
        "to that entry), or write the keys inline in that block",
        column,
    )


def _missing_comma(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`{ a = 1 b = 2 }` or `["a" "b"]`: tomli says "unclosed"; the cause is a comma."""
    if column is None or not raw_msg.startswith(("Unclosed inline table", "Unclosed array")):
        return None
    rest = here[column - 1 :]
    if not rest.strip() or not here[: column - 1].strip():
        return None  # nothing follows on the line, or the line is new: really unclosed
    table = raw_msg.startswith("Unclosed inline table")
    if table and _NEXT_KEY.match(rest):
        return (
            "a comma is missing between two entries of this { ... } table",
            "put a comma after each key = value inside the braces, e.g. "
            '{ active-listening = "honours", connection = "neutral" }',
            column,
        )
    if not table and _NEXT_VALUE.match(rest):
        return (
            "a comma is missing between two entries of this list",
            'put a comma between the entries, e.g. ["first", "second"]',
            column,
        )
    return None

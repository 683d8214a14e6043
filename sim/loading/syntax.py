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

from sim.loading.bare_names import accented_name, punctuated_name
from sim.loading.bare_values import unquoted_text, when_beside_text
from sim.loading.code_habits import CODE_HABITS, yaml_list
from sim.loading.escapes import bad_escape
from sim.loading.line_slips import ONE_LINE_CHECKS
from sim.loading.list_commas import comma_between_lines
from sim.loading.signs import sign_slip
from sim.loading.toml_lines import (
    MAX_REWRITTEN,
    Specific,
    header_name,
    header_text,
    outside_strings,
)
from sim.loading.twice import declared_twice, overwritten, statement_start, written_in_full
from sim.problems import Problem, ScenarioError, invisible_name

try:  # the parser the loader uses (sim.loading.toml_read)
    import tomli as _toml
except ImportError:  # pragma: no cover - exercised only where tomli is missing
    import tomllib as _toml  # type: ignore[no-redef]

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
    left_open = (
        _left_open(raw_msg, lines)
        or comma_between_lines(raw_msg, lines, line, column)
        or _list_left_open(raw_msg, lines, line, column)
    )
    if left_open is not None:
        line, specific = left_open
    else:
        if raw_msg.startswith("Cannot overwrite a value") and line:
            line = statement_start(lines, line)  # where the key is, not where its value ends
        specific = (
            _bare_cr(text)
            or bad_escape(raw_msg, lines, line)
            or _specific(raw_msg, lines, line, column)
        )
    if specific is not None:
        message, hint, column = specific
        if len(hint) > MAX_REWRITTEN and hint.startswith("write "):
            # one cap for every check that writes the line back fixed (the colon, the
            # comparison, the comment, the bare text...): a line thousands of characters
            # long came back whole, twice over with the message
            at = f"at column {column}" if column else "on this line"
            size = f"{len(lines[line - 1]):,} characters, " if line and line <= len(lines) else ""
            hint = (
                f"make the change this message names {at} "
                f"(the line is {size}too long to write back here)"
            )
    else:
        message, hint = _general(raw_msg)
    return ScenarioError(
        [Problem(path, message, line=line, column=column, hint=hint, code="syntax")]
    )


# Raw C0 controls (tab excepted) and DEL: TOML refuses them anywhere.
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


_CURLY = "\u201c\u201d\u2018\u2019"
_QUOTES = _CURLY + '"'
# key = <quote>text<quote>  # comment: one value on the line, its outer quotes curly
_ONE_QUOTED = re.compile(
    r"^\s*([A-Za-z0-9_.-]+)\s*=\s*([" + _QUOTES + r"])(.*)([" + _QUOTES + r"])(\s*(?:#.*)?)$"
)
_BARE_VALUE = re.compile(r"[+-]?\d+|true|false")


def _straightened(here: str) -> str:
    """The line with straight quotes around its text, or "" when it is not that simple.

    "Retype them as straight quotes" was wrong for a line quoting speech inside the text
    (say = “Okay. “Good luck,” then.”): retyped, every quote was straight and the text
    ended at the second one. Only the outer pair is the text's; curly quotes inside it
    are ordinary characters. A number or true/false in curly quotes goes bare.
    """
    found = _ONE_QUOTED.match(here)
    if found is None:
        return ""
    key, opening, inner, closing, rest = found.groups()
    if opening not in _CURLY and closing not in _CURLY:
        return ""  # the curly quotes are inside straight ones: something else is wrong
    if "\\" in inner or "#" in inner or not inner.strip(_QUOTES + " "):
        return ""  # an escape to keep, a comment's quotes, or a \"\"\" block opened curly
    bare = _BARE_VALUE.fullmatch(inner.strip()) is not None
    value = inner.strip() if bare else '"' + inner.replace('"', '\\"') + '"'
    line = f"{key} = {value}{rest}".rstrip()
    try:
        _toml.loads(line)
    except _toml.TOMLDecodeError:
        return ""
    if len(line) > MAX_REWRITTEN:
        return ""
    if bare:
        return f"write {line}: a number or true/false is written without quotes"
    if any(q in inner for q in _CURLY):
        return f"write {line}: straight quotes around the text, while the curly ones inside it may stay"
    return f"write {line}: word processors turn straight quotes curly"


def _words_either_side(here: str, i: int) -> str | None:
    """'cold-talk' when the character at `i` stands between two words of a name: in a
    [header], or before the '=' of a key. None anywhere else (around '=', or in a value
    written without quotes, where joining the words would not be the fix)."""
    if not (here.lstrip().startswith("[") or "=" not in here[:i]):
        return None
    before = re.search(r"[A-Za-z0-9_-]+$", here[:i])
    after = re.match(r"[A-Za-z0-9_-]+", here[i + 1 :])
    if before is None or after is None:
        return None
    return f"{before.group()}-{after.group()}"


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
    for i, ch in outside_strings(here):
        what = invisible_name(ch) if ch not in " \t" else ""
        if what:
            # a zero-width character sits inside a word ('ti\u200btle'): a space there is wrong too
            # (a format character, Cf, as slug_of in explain.py drops them)
            zero_width = unicodedata.category(ch) == "Cf"
            fix = "delete it" if zero_width else "delete it and type an ordinary space"
            if ch == "\ufeff" and not here[:i].strip():
                # A byte-order mark opens a file some editors save; one on a later line
                # came with a second file joined on (`type a.toml b.toml > c.toml`) or
                # pasted whole, not from a word processor.
                return (
                    f"a byte-order mark (U+FEFF) at column {i + 1}: some editors start a "
                    "file with one, and here it came with a file joined on or pasted in",
                    "delete it: it is invisible, so delete the line's first character and "
                    "the mark before it, then type that character again",
                    i + 1,
                )
            joined = None if zero_width else _words_either_side(here, i)
            if joined is not None:
                # [scenes.cold<NBSP>talk]: an ordinary space there is the next error
                # ("names have no spaces"), so the hint goes straight to the name
                fix = (
                    f"delete it: a name has no spaces, so write {joined} here and wherever "
                    "the name is used"
                )
            return (
                f"{what} at column {i + 1}: TOML does not count it as a space",
                f"{fix}; word processors and web pages insert these unseen",
                i + 1,
            )
    if any(q in here for q in _CURLY):
        return (
            "curly (smart) quotes are not TOML quotes",
            _straightened(here)
            or 'retype them as straight quotes ("like this"); word processors turn them curly',
            column,
        )
    early = _closed_early(lines, line)
    if early is not None:
        return early
    listed = yaml_list(raw_msg, lines, line, column)
    if listed is not None:
        return listed
    for check in (
        accented_name,
        punctuated_name,
        sign_slip,
        *CODE_HABITS,
        *ONE_LINE_CHECKS,
        unquoted_text,
        when_beside_text,
        _header_slip,
        _equals_left_out,
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


def _list_left_open(
    raw_msg: str, lines: list[str], line: int | None, column: int | None
) -> tuple[int, Specific] | None:
    """`trains = ["a", "b"` with no `]`, or `when = { min_trust = 40` with no `}`: TOML lets
    a list (and, since TOML 1.1, a `{ ... }`) go on over lines, so tomli stops at the start
    of the next key or header, a line that is fine. The line to fix is the one it opens
    on: the nearest line above with more [ than ] (or { than }) outside quotes.
    """
    table = raw_msg.startswith("Unclosed inline table")
    if not (table or raw_msg.startswith("Unclosed array")) or line is None or column is None:
        return None
    if not 1 < line <= len(lines) or lines[line - 1][: column - 1].strip():
        return None  # the slip is on this line itself (a missing comma, say)
    opener, closer = ("{", "}") if table else ("[", "]")
    for number in range(line - 1, 0, -1):
        outside = "".join(ch for _i, ch in outside_strings(lines[number - 1]))
        if outside.count(opener) > outside.count(closer) and "=" in outside:
            text = lines[number - 1]
            key = outside.split("=")[0].strip()
            at = text.find(opener, text.find("="))
            where = f"on line {number} or below it"
            if table and text[at + 1 :].split("#")[0].strip():
                # its entries are on this line: a { ... } is written on one line
                where = f"at the end of line {number}, where its entries are"
            what = f"{{ ... }} table ({key} = {{ ... }})" if table else f"list ({key} = [...])"
            return number, (
                f"the {what} opened on line {number} is not closed",
                f"add the closing '{closer}' after its last entry, {where}",
                at + 1,
            )
    return None


_OPEN_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*)\s*(?:#.*)?$")


def _header_unclosed(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`[scenes.middle` with no closing bracket: tomli says "Expected ']' at the end of a
    table declaration", its own words; the line alone shows the header and what it lacks."""
    found = _OPEN_HEADER.match(here)
    if found is None or not raw_msg.startswith(("Expected ']'", "Expected ']]'")):
        return None
    brackets, name = found.group(1), re.sub(r"\s+", "", found.group(2))
    closing = "]" * len(brackets)
    return ("this header is not closed", f"write {brackets}{name}{closing}", column)


# Keys whose value is a number: quoting their words would write a second mistake.
_NUMBER_KEYS = frozenset({"format", "minutes", "trust", "empowerment"})
_KEY_THEN_VALUE = re.compile(r"^\s*([A-Za-z0-9_-]+)[ \t]+(\S.*?)\s*$")


def _equals_left_out(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`minutes 15`: the '=' left out. The general hint wrote an example with another key
    (goto = "next-scene"); this writes the author's own line back, once it reads as TOML."""
    if not raw_msg.startswith("Expected '=' after a key"):
        return None
    found = _KEY_THEN_VALUE.match(here)
    if found is None:
        return None
    key, value = found.group(1), found.group(2)
    written = f"{key} = {value}"
    if _reads(written):
        return (f"'{key}' has no '=' after it", f"write {written}", column)
    # `title The Long Night`: text with neither '=' nor quotes. Written back quoted, so the
    # hint fixes both slips at once (it said "e.g. goto = ..." before, naming neither).
    if value[0] in "[{\"'#" or key in _NUMBER_KEYS or key.startswith(("min_", "max_")):
        return None  # a list, table, string or comment begun: the general hint says more
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    written = f'{key} = "{quoted}"'
    if not _reads(written):
        return None
    return (
        f"'{key}' has no '=' after it, and its text needs double quotes",
        f"write {written}",
        column,
    )


def _reads(line: str) -> bool:
    """Whether one line, written back by a hint, is TOML that tomli reads."""
    try:
        _toml.loads(line)
    except Exception:
        return False
    return True


def _header_slip(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`[[scenes.x.choices]` (one bracket short), `[scenes.x]]` (one too many), or a key
    written on the header's own line: tomli names the bracket it wanted, not the header."""
    header = header_name(here)
    if header is None:
        return _header_unclosed(raw_msg, here, column)
    if header[1].startswith("["):
        # `[[[scenes.x.choices]]]`: TOML has no third bracket; tomli said only "Invalid
        # initial character for a key part".
        name = header[1].lstrip("[ ").rstrip("] ")
        if name and header_name(f"[{name}]") == ("[", name):
            listed = name.rpartition(".")[2] in ("choices", "variants", "next", "also")
            return (
                "a header opens with one [ or two [[, never three",
                f"write {header_text('[[', name)}"
                if listed
                else f"write {header_text('[[', name)} for one more entry of a list, or "
                f"{header_text('[', name)} for a table",
                here.index("[") + 1,
            )
    if not raw_msg.startswith(("Expected ']]'", "Expected newline")):
        return None
    brackets, name = header
    if raw_msg.startswith("Expected ']]'"):
        return (
            "a [[...]] header closes with two brackets",
            f"write {header_text('[[', name)}",
            column,
        )
    written = header_text(brackets, name)
    rest = here.split(written, 1)[1].strip() if written in here else ""
    if rest.startswith("]") and brackets == "[":
        return (
            "this header opens with one [ and closes with two ]",
            f"write {header_text('[[', name)} for one more entry of a list (choices, "
            f"variants, next), or {written} for a table",
            column,
        )
    if rest.startswith("]"):
        return ("this header closes with one ] too many", f"write {written}", column)
    if "=" in rest and not rest.startswith("#"):
        return (
            f"a [header] stands alone on its line, and {rest.split('=')[0].strip()} = ... "
            "follows it",
            f"put {rest} on the line below {written}",
            column,
        )
    return None

"""Sentences for a backslash escape tomli refuses in double-quoted text.

tomli says "Unescaped '\\' in a string", "Invalid hex value" or "Escaped
character is not a Unicode scalar value", and the general hint sent an author
to check quotes, brackets and '=' signs (adversarial-11). The usual causes:
a Windows path or a regex pasted into "..." (`\\q`), a \\u with too few digits,
and text copied from JSON, which spells 😀 as two halves (`\\ud83d\\ude00`).
Each hint, followed literally, gives text that parses.
"""

from __future__ import annotations

from sim.loading.toml_lines import KEY, Specific

MESSAGES = (
    "Unescaped '\\' in a string",
    "Invalid hex value",
    "Escaped character is not a Unicode scalar value",
)
_SIMPLE = 'btnfre"\\'
_HEX = "0123456789abcdefABCDEF"
_DIGITS = {"u": 4, "U": 8, "x": 2}


def bad_escape(raw_msg: str, lines: list[str], line: int | None) -> Specific | None:
    if not raw_msg.startswith(MESSAGES) or line is None or not 1 <= line <= len(lines):
        return None
    here = lines[line - 1]
    return _first_bad(here, in_quotes=False) or _first_bad(here, in_quotes=True)


def _first_bad(text: str, in_quotes: bool) -> Specific | None:
    """The first escape in `text` TOML refuses; `in_quotes` reads the line as inside a
    multi-line string already (a continuation line, whose quote opened above)."""
    quote = '"' if in_quotes else ""
    i = 0
    while i < len(text):
        ch = text[i]
        if not quote:
            if ch == "#":
                return None
            if ch in "\"'":
                quote = ch
            i += 1
            continue
        if ch == quote:
            quote = ""
            i += 1
            continue
        if ch != "\\" or quote == "'":
            i += 1
            continue
        nxt = text[i + 1 : i + 2]
        if nxt == "" or nxt.isspace() and not text[i + 1 :].strip():
            return None  # a line-ending backslash in """...""": fine
        if nxt in _SIMPLE:
            i += 2
            continue
        if nxt == "'":
            # `didn\'t`: an apostrophe escaped as in other languages. Single quotes cannot
            # hold it, and \\' would show a backslash: the fix is the bare apostrophe.
            return (
                "'\\'' is not an escape TOML knows: an apostrophe needs no backslash in "
                "double-quoted text",
                "delete the backslash before the apostrophe" + _line_without(text),
                i + 1,
            )
        if nxt not in _DIGITS:
            return (
                f"'\\{nxt}' is not an escape TOML knows: in double-quoted text a backslash "
                'starts one (\\n, \\t, \\", \\\\, \\u00e9)',
                f"write \\\\{nxt} for a backslash and then '{nxt}', or put the text in single "
                "quotes ('like this'), where a backslash is only a backslash",
                i + 1,
            )
        width = _DIGITS[nxt]
        digits = text[i + 2 : i + 2 + width]
        if len(digits) < width or any(d not in _HEX for d in digits):
            written = text[i : i + 2 + width].split('"')[0]
            return (
                f"'{written}' is not a whole escape: \\u takes four hex digits (0-9, a-f), "
                "\\U eight and \\x two",
                "write the character itself, or its full code, as in \\u00e9 for é; "
                "for a backslash itself write \\\\",
                i + 1,
            )
        code = int(digits, 16)
        if 0xD800 <= code <= 0xDBFF and text[i + 6 : i + 8] == "\\u":
            low = text[i + 8 : i + 12]
            if len(low) == 4 and all(d in _HEX for d in low) and 0xDC00 <= int(low, 16) <= 0xDFFF:
                whole = 0x10000 + (code - 0xD800) * 0x400 + (int(low, 16) - 0xDC00)
                return (
                    f"'{text[i : i + 12]}' is one character written as its two halves, as "
                    "JSON spells it; TOML takes the whole character",
                    f"write \\U{whole:08X}, or the character itself: {chr(whole)}",
                    i + 1,
                )
        if 0xD800 <= code <= 0xDFFF:
            return (
                f"'{text[i : i + 2 + width]}' is half of a character (U+D800 to U+DFFF are "
                "the halves JSON pairs up), not a character",
                "write the character itself, or its whole code as \\U and eight hex digits, "
                "as in \\U0001F600 for 😀",
                i + 1,
            )
        if code > 0x10FFFF:
            return (
                f"'{text[i : i + 2 + width]}' is past U+10FFFF, the last character there is",
                "check the code: \\U takes eight hex digits, as in \\U0001F600 for 😀",
                i + 1,
            )
        i += 2 + width
    return None


def _line_without(text: str) -> str:
    """`: write KEY = "..."`, the line with every backslash before an apostrophe removed,
    when it is one short `key = value` line and removing them leaves no escape TOML refuses."""
    fixed = text.replace("\\'", "'").strip()
    if len(fixed) > 120 or not KEY.match(fixed) or _first_bad(fixed, in_quotes=False):
        return ""
    return f": write {fixed}"

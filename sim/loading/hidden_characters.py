"""Naming a character that cleaning takes out of a name or a text, and how to get rid of it.

The loader (a name or id holding one: an error) and `check`'s hidden-in-text warning (a
text holding one: play removes it) say the same thing of the same character, so they
share this: which character, where in the value, and whether the author wrote it as an
escape (to be taken out) or pasted it raw (to be deleted and retyped).
"""

from __future__ import annotations

from sim.problems import invisible_name
from sim.text import brief, clean, shown

# How TOML spells a character as an escape, short forms first (TOML 1.1 adds \e and \x).
_SHORT_ESCAPES = {"\b": "\\b", "\f": "\\f", "\r": "\\r", "\n": "\\n", "\t": "\\t", "\x1b": "\\e"}


def hidden_character(
    raw: str, text: str, line: int | None, at: int | None = None
) -> tuple[str, str, str]:
    """The first character cleaning takes out of `raw`, named ("a right-to-left override
    (U+202E, ...)"), where it is ("after 'mid'"), and how to get rid of it.

    The fix depends on how it was written: an escape on the line is named, to be taken
    out; a character pasted in raw cannot be seen, so the author is told to type the
    name again ("retype it without escapes" sent them looking for an escape not there).
    """
    if at is None:  # a joiner is removed or kept by its neighbours: the caller says which
        at = next((i for i, ch in enumerate(raw) if clean(ch) != ch), 0)
    ch = raw[at]
    what = invisible_name(ch) or f"a control character (U+{ord(ch):04X})"
    after = f"after '{brief(raw[:at], 30)}'" if at else "at the start"
    written_line = text.split("\n")[line - 1] if line else ""
    source = written_line.lower()
    code = ord(ch)
    spellings = [_SHORT_ESCAPES.get(ch, ""), f"\\u{code:04x}", f"\\U{code:08x}".lower()]
    spellings.append(f"\\x{code:02x}" if code < 0x100 else "")
    written = next((e for e in spellings if e and e in source), "")
    if written:  # as the file spells it: '\U0001F3FB', not the '\u0001f3fb' looked for
        at_escape = source.index(written)
        written = written_line[at_escape : at_escape + len(written)]
    if not written:
        return what, after, "it cannot be seen, so delete it and type it again"
    # a colour code goes whole ("\u001b[2J"): its tail is no name either; not the letter
    # after a lone ESC, which clean() takes as Alt+letter ('hon\x1bours' is 'honours')
    sequence = raw[at : at + 2] in ("\x1b[", "\x1b]") or ch in "\x9b\x9d"
    tail = next((k for k in range(min(len(raw) - at, 40), 1, -1) if not clean(raw[at : at + k])), 1)
    tail = tail if sequence else 1
    rest = f" and the '{brief(raw[at + 1 : at + tail], 30)}' it starts" if tail > 1 else ""
    return what, after, f"take the escape {shown(written)}{rest} out of it"

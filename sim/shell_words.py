"""A file name or id inside a command peer-sim suggests, written so it can be used.

A hint such as "fix it first (peer-sim check X)" is read as a command to paste. A name
shown with its unsafe characters escaped (`a\\x1bb.toml`) names another file when
pasted, and a name with a space in it splits in two: so a name a terminal can show as it
is becomes one shell word (quoted when it needs it), and a name it cannot show is never
dressed up as a command; the hint says which character is in the way instead.
"""

from __future__ import annotations

import shlex

from sim.text import first_hidden, shown


def _typable(text: str) -> bool:
    """Whether `text` shows as it is (no control, bidi or invisible character that
    would be escaped or hidden), so what a reader copies is the name."""
    return bool(text) and shown(text) == text and not first_hidden(text)


def _quoted(text: str) -> str:
    """One shell word: bare when safe, else in quotes; "O'Brien" in double quotes, which
    a reader reads more easily than shlex's 'O'"'"'Brien'."""
    if "'" in text and not any(ch in text for ch in '"$`\\!'):
        return f'"{text}"'
    return shlex.quote(text)


def shell_word(name: object) -> str | None:
    """`name` (a file or an id) as one word a POSIX shell reads back as `name`, or None
    when it cannot be shown as it is."""
    text = str(name)
    if not _typable(text):
        return None
    if text.startswith("-"):
        text = "./" + text  # read as an option otherwise (only a file name can start so)
    return _quoted(text)


def shell_option(option: str, value: object) -> str | None:
    """`--trainee "O'Brien"` (`--trainee=-x` for a value that starts like an option), or
    None when the value cannot be shown as it is."""
    text = str(value)
    if not _typable(text):
        return None
    return f"{option}={_quoted(text)}" if text.startswith("-") else f"{option} {_quoted(text)}"


def suggest(command: str, name: object, rest: str = "") -> str:
    """`peer-sim check 'my draft.toml'` (with `rest` after it), ready to paste; for a name
    that cannot be typed, the command in words and what keeps the name from a command line.
    """
    word = shell_word(name)
    if word is not None:
        return f"{command} {word}{' ' + rest if rest else ''}"
    text = str(name)
    hidden = first_hidden(text) or "a character a terminal cannot show"
    # The name is already shown beside the hint (the line opens with it): say the command
    # and why it cannot be given yet, not the name again.
    return (
        f"{command}{' ' + rest if rest else ''}, once the file is renamed: its name holds "
        f"{hidden}, which cannot be typed as shown"
    )

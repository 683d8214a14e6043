"""A letter TOML does not allow in a name written bare: `[characters.andrés]`, `título =`.

A bare key (a name in a [header], before `=`, or inside `{ ... }`) may hold only
A-Z, a-z, 0-9, '-' and '_'. tomli then stops at the accented letter and names a
symptom ("Expected ']' at the end of a table declaration", "a key has no '='"),
which sends an author looking for a bracket or an '=' that is already there. The
cause is the letter, and peer-sim's names take a-z only, so the fix is the name
without its accent.

The same holds for a typographic dash (`[scenes.sorry–again]`): word processors turn
'-' into an en or em dash. tomli stops at it, and when the name before the dash is
already a table (`[scenes.sorry]`) it says that table is declared twice, which names
nothing the author wrote twice.
"""

from __future__ import annotations

import re
import unicodedata

from sim.loading.names import slug_of
from sim.loading.toml_lines import Specific, header_name, header_text

_BARE = re.compile(r"[A-Za-z0-9_-]")


def _in_name(ch: str) -> bool:
    """A character an author reads as part of a name: ASCII name characters, and letters,
    digits, accents and dashes from any script."""
    return bool(_BARE.match(ch)) or (
        ord(ch) > 0x7F and (unicodedata.category(ch)[0] in ("L", "M", "N") or is_dash(ch))
    )


def is_dash(ch: str) -> bool:
    """An en dash, em dash, minus sign and the like: what an editor makes of a typed '-'."""
    return ord(ch) > 0x7F and (unicodedata.category(ch) == "Pd" or ch == "\u2212")


def accented_name(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """tomli stopped at a letter outside A-Z in a bare name: say so, and give the name without it."""
    if column is None or not raw_msg.startswith(
        ("Expected", "Invalid statement", "Cannot declare")
    ):
        return None
    at = column - 1
    if not 0 <= at < len(here) or ord(here[at]) <= 0x7F or not _in_name(here[at]):
        return None
    start, end = at, at
    while start > 0 and _in_name(here[start - 1]):
        start -= 1
    while end < len(here) and _in_name(here[end]):
        end += 1
    before, after = here[:start].rstrip(), here[end:].lstrip()
    if before and before[-1] not in "[.{," and not (after and after[0] in "=]."):
        return None  # not where a name goes: some other slip after a value
    word = here[start:end]
    fixed = slug_of(word)
    if not fixed:
        return None  # a name in another script altogether: nothing to suggest from it
    message = (
        f"'{here[at]}' in {word} is not allowed in a name written bare (in a [header], before "
        "'=', or inside { ... }): TOML takes only the letters a-z and A-Z, digits, '-' and '_' "
        "there"
    )
    if is_dash(here[at]):
        message = (
            f"'{here[at]}' in {word} is a typographic dash, not the '-' a name takes (word "
            "processors turn - into one); in a name written bare TOML takes only the letters "
            "a-z and A-Z, digits, '-' and '_'"
        )
    mark = "a dash" if is_dash(here[at]) else "an accent"
    return _renamed(
        here, word, fixed, message, mark, column, "keys are the English ones in the README"
    )


def _renamed(
    here: str, word: str, fixed: str, message: str, mark: str, column: int, names: str
) -> Specific:
    """The sentence and the fix: the header rewritten when the name is in one, else the name."""
    header = header_name(here)
    if header is not None and here.lstrip().startswith("[") and word in header[1]:
        brackets, name = header
        written = header_text(brackets, name.replace(word, fixed))
        return (
            message,
            f"write {written}, and use '{fixed}' wherever the name is used "
            f"({mark} is fine in text, inside quotes)",
            column,
        )
    return (
        message,
        f"write {fixed} (peer-sim's {names}; {mark} is fine in text, inside quotes)",
        column,
    )


# Typed in names as in words: "ray's", "a&b", "why?", "a/b". An apostrophe opens a literal
# string in TOML, so tomli stops at it asking for '=' or ']', which is already there.
_PUNCTUATION = "'!?&/+@()*;:%$"


def punctuated_name(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """A punctuation mark inside a bare name (`ray's = 1`, `[scenes.ray's]`): say so, and
    give the name without it.

    tomli names the symptom: "a key has no '=' after it", or for `[[scenes.ray's.choices]]`
    the header hint "closes with two brackets: write [[scenes.ray's.choices]]", the very
    line written (author19).
    """
    # tomli stops at the mark; where the name before it is a table already
    # (`[scenes.hello]`, then `[[scenes.hello's.choices]]`) it says that is overwritten
    if column is None or not raw_msg.startswith(("Expected", "Cannot overwrite", "Cannot declare")):
        return None
    at = column - 1
    if not 0 <= at < len(here) or here[at] not in _PUNCTUATION:
        return None
    start = at
    while start > 0 and _BARE.match(here[start - 1]):
        start -= 1
    end = at
    while end < len(here) and (_BARE.match(here[end]) or here[end] in _PUNCTUATION):
        end += 1
    before, after = here[:start].rstrip(), here[end:].lstrip()
    if start == at or (before and before[-1] not in "[.{,"):
        return None  # not a name with a mark inside it
    if not after or after[0] not in "=].":
        return None
    word = here[start:end]
    fixed = slug_of(word.replace("'", ""))
    if not fixed:
        return None
    ch = here[at]
    mark = "an apostrophe (')" if ch == "'" else f"'{ch}'"
    message = (
        f"{mark} in {word} is not allowed in a name written bare (in a [header], before "
        "'=', or inside { ... }): TOML takes only the letters a-z and A-Z, digits, '-' and '_' "
        "there"
    )
    return _renamed(here, word, fixed, message, mark, column, "names take a-z, 0-9 and '-'")

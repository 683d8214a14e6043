"""Terminal cells: how wide text is on a terminal, and lines fitted by that width.

One rule for every plain-text output laid out in columns or wrapped to a width
(`report`, `runs`, `progress`, `principles`, `test`'s table, the plain player and
the debrief, `script`). `len()` counts characters: '李雷' is two characters and
four columns, so a report wrapped by `textwrap` ran a CJK name's line eight
columns past the terminal's edge, and a name with an accent typed as a
combining mark ('é' as e + U+0301) one column short (adv26).

The rule follows what terminals (and Rich, which draws the app) do, without
importing either (the core never imports the app's libraries):
- East Asian wide and fullwidth characters take two columns;
- combining marks, enclosing marks and format characters (ZWJ, ZWNJ, the
  variation selectors) take none, nor do the Hangul vowel and final jamo that
  join the syllable before them, nor a skin tone after an emoji ('👍🏽');
- a character after a zero-width joiner joins the one before it ('👨‍👩‍👧' is
  one family, two columns), and VS16 (U+FE0F) draws the symbol before it as an
  emoji, two columns ('❤️');
- a control character takes none (the text gate in sim/text.py has made any that
  reach an output visible before this is asked).

Wrapping breaks at spaces as `textwrap` does (never after a hyphen: a screen
reader reads 'spoon-' / 'feed' as a dash and two words), and also between two
wide characters, as CJK text, which has no spaces, is broken; never inside a
character with its marks, nor inside an emoji sequence.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ZWJ = "\u200d"
_VS16 = "\ufe0f"


@lru_cache(maxsize=4096)
def _char_cells(ch: str) -> int:
    """Columns one character takes on its own (0, 1 or 2)."""
    if ch.isascii():
        return 1 if " " <= ch <= "~" else 0
    code = ord(ch)
    if 0x1F3FB <= code <= 0x1F3FF:  # a skin tone: part of the emoji before it
        return 0
    if 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF:  # Hangul vowel and final jamo
        return 0
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Cf", "Cc"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def clusters(text: str) -> list[tuple[str, int]]:
    """`text` as the pieces a terminal draws as one (a character with its marks, an emoji
    sequence), each with its columns. A line is never broken nor cut inside one."""
    # each piece's characters are gathered and joined once: adding to a string for each
    # mark made a piece of 1,000,000 marks (a hand-edited export) take half a minute (adv28)
    pieces: list[list[str]] = []
    widths: list[int] = []
    joined = False  # the last character was a ZWJ: this one is part of the same piece
    for ch in text:
        n = _char_cells(ch)
        if pieces and (joined or n == 0):
            if ch == _VS16 and widths[-1] == 1:
                widths[-1] = 2  # an emoji presentation selector: '❤️' is drawn as an emoji
            pieces[-1].append(ch)
        else:
            pieces.append([ch])
            widths.append(n)
        joined = ch == _ZWJ
    return [
        (piece[0] if len(piece) == 1 else "".join(piece), n)
        for piece, n in zip(pieces, widths, strict=True)
    ]


def cells(text: str) -> int:
    """Terminal columns `text` takes (see the module's rule)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(n for _, n in clusters(text))


def pad(text: str, width: int) -> str:
    """`text` with spaces after it to `width` columns (`str.ljust` by columns)."""
    return text + " " * max(width - cells(text), 0)


def fit(text: str, width: int) -> str:
    """`text` padded to `width` columns, or cut with '…' to fit them: '李雷' padded by its
    length shifted every column after it by two (trainer-test-3)."""
    if cells(text) <= width:
        return pad(text, width)
    kept: list[str] = []
    used = 0
    for piece, n in clusters(text):
        if used + n > width - 1:
            break
        kept.append(piece)
        used += n
    return pad("".join(kept) + "…", width)


# the spaces textwrap breaks at: a no-break space (U+00A0) or an ideographic space joins
_SPACES = re.compile(r"([\t\n\x0b\x0c\r ]+)")


def _chunks(text: str) -> list[tuple[str, int]]:
    """Words, runs of spaces, and each wide character on its own (a place to break)."""
    out: list[tuple[str, int]] = []
    for part in _SPACES.split(text):
        if not part:
            continue
        if _SPACES.fullmatch(part):
            out.append((" " * len(part), len(part)))
            continue
        if part.isascii():
            out.append((part, len(part)))
            continue
        word: list[tuple[str, int]] = []
        for piece, n in clusters(part):
            # break before and after a wide character, not before the punctuation that
            # closes it ('你好。' keeps its '。'), nor inside a run of narrow ones
            closing = unicodedata.category(piece[0]) in ("Pe", "Pf", "Po")
            if word and (n == 2 or word[-1][1] == 2) and not closing:
                out.append(("".join(p for p, _ in word), sum(c for _, c in word)))
                word = []
            word.append((piece, n))
        if word:
            out.append(("".join(p for p, _ in word), sum(c for _, c in word)))
    return out


def _pieces(chunk: str, first: int, later: int, at_least_one: bool) -> list[tuple[str, int]]:
    """`chunk` cut into lines' worth: the head fills at most `first` columns (with nothing
    on the line yet, `at_least_one`, it takes one piece however wide, so every line moves
    the text on), each later piece at most `later`; each with its columns.

    One pass over the chunk: cutting a line's worth off and measuring the rest again read
    a 100,000-character word 1,300 times over, and a replay of a hand-edited run holding
    one did not end (adv28).
    """
    out: list[tuple[str, int]] = []
    room, taken, used = first, [], 0
    must_take = at_least_one
    for piece, n in clusters(chunk):
        if used + n > room and not (must_take and not taken):
            out.append(("".join(taken), used))
            room, taken, used, must_take = later, [], 0, True
        taken.append(piece)
        used += n
    if taken or not out:
        out.append(("".join(taken), used))
    return out


def wrap(
    text: str,
    width: int,
    initial_indent: str = "",
    subsequent_indent: str = "",
    break_long_words: bool = True,
) -> list[str]:
    """`textwrap.wrap(text, width, ..., break_on_hyphens=False)` by terminal columns.

    Whitespace becomes spaces, a line's leading and trailing spaces go (but a paragraph's
    first), and a word wider than a whole line is cut by columns when `break_long_words`
    (else it runs past `width` on a line of its own). No lines for blank text.
    """
    chunks = _chunks(text.expandtabs())
    chunks.reverse()  # popped from the end
    lines: list[str] = []
    while chunks:
        indent = subsequent_indent if lines else initial_indent
        room = width - cells(indent)
        line: list[str] = []
        used = 0
        if lines and _SPACES.fullmatch(chunks[-1][0]):
            chunks.pop()  # a space where a line broke starts no line
        while chunks:
            chunk, n = chunks[-1]
            if used + n > room:
                break
            line.append(chunks.pop()[0])
            used += n
        if chunks and chunks[-1][1] > room:  # a word wider than a whole line
            chunk, n = chunks[-1]
            if break_long_words and not _SPACES.fullmatch(chunk):
                first = 1 if room < 1 else room - used
                later = max(width - cells(subsequent_indent), 1)
                pieces = _pieces(chunk, first, later, not line)
                head, head_cells = pieces[0]
                line.append(head)
                used += head_cells
                chunks.pop()
                chunks.extend(reversed(pieces[1:]))  # each a line's worth, laid out below
            elif not line:
                line.append(chunks.pop()[0])
        if line and _SPACES.fullmatch(line[-1]):
            line.pop()
        if line:
            lines.append(indent + "".join(line))
    return lines

"""The one gate for untrusted text: scenario content and file names, made safe per output.

Scenario files and their names are data written by people we do not control.
A TOML string can carry `\\u001b` escapes and a file name can hold ESC, OSC 52
or a bidi override; sent raw, they would move the cursor, change colours,
retitle the window or write the clipboard. Every output goes through here:

- `clean`: scenario content at load time (controls removed, so no front end
  has to remember it); `clean_tree` does a whole parsed file (these live in
  sim/prose.py, and are imported from here).
- `shown`: anything else bound for a terminal (file names, keys and values
  quoted in messages): unsafe characters become visible escapes like `\\x1b`,
  so an author can still tell which file is meant; `shown_name` (and `shown`
  of a Path) also quotes a name whose edges are blank, so 'notes ' is seen.
- `json_text`: JSON, ASCII-only (every control escaped).
- `csv_cell`: a CSV cell a spreadsheet shows as text, never runs as a formula.
- `markdown_text`, `markdown_line`: Markdown exports, where a line is only ever text
  (a block of lines; a place inside one line, which stays one line).
- `dot_string`, `mermaid_label`, `mermaid_comment`: graph output, which must
  neither reach the terminal raw nor be obeyed by the renderer (Mermaid reads
  `%%{init: ...}%%` directives anywhere in its input).

Two kinds of text, one rule each, the same in every output (app, plain player,
CLI, exports). Prose, what a scenario says or a trainee types as their own
words, and a person or a screen reader reads, loses the characters that have no
job in it (`clean`; typed words are one line, `clean_line`), so a pasted colour
code goes whole, never leaving "[31m" behind. A name (a file, an id, a key, a
name as typed for a message about it) keeps each of them as a visible escape (`shown`):
there an invisible character is a disguise, and 'good\\u200b.toml' must not
read as good.toml.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata

from sim.prose import BLANK_LETTERS, stray_join
from sim.prose import clean as clean
from sim.prose import clean_line as clean_line
from sim.prose import clean_tree as clean_tree
from sim.prose import first_stray_join as first_stray_join
from sim.prose import may_need_cleaning as may_need_cleaning
from sim.prose import seen as seen
from sim.prose import without_hidden as without_hidden

# Shown as escapes rather than removed: C0/C1 controls, DEL, the bidi
# controls and line separators, lone surrogates (the undecodable bytes of
# a file name that is not UTF-8, which would also crash a strict encoder), and
# the characters with no width and no other job (zero-width space, word joiner
# and invisible operators, BOM), which would make 'good\u200b.toml' look like
# good.toml in the message about it. The non-joiner (U+200C) stays: scripts need it;
# so does the joiner (U+200D) between two emoji, and nowhere else (`_kept`).
_UNSAFE_REST = (
    r"\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069"
    r"\ufeff\ud800-\udfff"
)
_UNSAFE_LINE = re.compile(rf"[\x00-\x1f{_UNSAFE_REST}]")
_UNSAFE_TEXT = re.compile(rf"[\x00-\x08\x0b-\x1f{_UNSAFE_REST}]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    return _escaped(match.group())


def _escaped(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    if code > 0xFFFF:
        return f"\\U{code:08x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# In a one-line name or key, any invisible character is a disguise: every
# control and format character and separator is shown, tag characters and
# Arabic number signs too (whole messages keep them: emoji and text need them),
# and the letters that draw as blank space (the Hangul fillers, the Khmer
# inherent vowels): 'ann\u3164' read as 'ann' in a message about it.
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Cs"}
_BLANK_LETTERS = re.compile(f"[{BLANK_LETTERS}]")
# The zero-width non-joiner and joiner: invisible, yet writing needs them (a Persian
# word, an emoji family), so every gate that removes or shows invisibles keeps these.
JOINERS = "\u200c\u200d"


def shown(value: object, newlines: bool = False) -> str:
    """`value` as text that is safe to write to a terminal, every unsafe character visible.

    With `newlines`, line breaks and tabs are kept (whole messages); without,
    they are escaped too (a file name or key is one line).
    """
    if isinstance(value, os.PathLike):
        return shown_name(value)
    text = value if isinstance(value, str) else str(value)
    if newlines:
        return text if text.isprintable() else _UNSAFE_TEXT.sub(_escape, text)
    if not text.isascii():
        text = _BLANK_LETTERS.sub(_escape, text)
    if text.isprintable():  # no control, bidi, separator or surrogate in it
        return text
    text = _UNSAFE_LINE.sub(_escape, text)
    if text.isprintable():
        return text
    return "".join(
        _escaped(ch) if unicodedata.category(ch) in _INVISIBLE and not _kept(text, i) else ch
        for i, ch in enumerate(text)
    )


def _kept(text: str, at: int) -> bool:
    """Whether the invisible `text[at]` is writing, kept as it is in a name: a non-joiner,
    or a joiner that makes one picture of two emoji. A joiner between two letters is a
    disguise ('an\u200dn') and is measured as joining them into one cell (`stray_join`)."""
    ch = text[at]
    return ch == "\u200c" or (ch == "\u200d" and not stray_join(text, at))


def shown_name(value: object, limit: int | None = None, spaced: bool = False) -> str:
    """An untrusted name (a path, an id, a typed word) for a message: `shown` (or `brief`,
    cut to `limit`), and in quotes when it is empty or its edges are blank, and with
    `spaced` when it holds a blank anywhere.

    "The records folder 1  cannot be made" hid that the folder was '1 ' (a space typed
    after a name, a file saved as 'notes .toml'); an edge no one can see is one more way
    a message names a file the reader cannot find. Quoted only then, so ordinary paths
    read as they always did and stay easy to copy. `spaced` is for a name set among other
    words or typed after a command (argparse's stray words, an id to `play`), where
    'a b' unquoted reads as two. The one rule for every such message: argparse's echo,
    `list`'s ids and every path once wrote it each their own way.
    """
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    text = os.fsdecode(value) if isinstance(value, bytes) else str(value)
    said = shown(text) if limit is None else brief(text, limit)
    blank = any(ch.isspace() for ch in said) if spaced else said != said.strip()
    if said and not blank:
        return said
    quote = '"' if "'" in said else "'"
    return f"{quote}{said}{quote}"


# Characters that look like (or are) nothing on screen, named so an author can
# find them: a name that differs from another only by one of these looks the same.
_NAMED_BLANKS = {
    " ": "a space",
    "\t": "a tab",
    "\u00a0": "a non-breaking space (U+00A0)",
    "\u2007": "a figure space (U+2007)",
    "\u202f": "a narrow non-breaking space (U+202F)",
    "\u200b": "a zero-width space (U+200B)",
    "\u200c": "a zero-width non-joiner (U+200C)",
    "\u200d": "a zero-width joiner (U+200D)",
    "\u2060": "a word joiner (U+2060)",
    "\ufeff": "a zero-width no-break space (U+FEFF)",
    "\u3000": "an ideographic space (U+3000)",
}


_CONTROLS = {
    "\x00": "a NUL byte",
    "\x1b": "an ESC character",
    "\x7f": "a DEL character",
    "\r": "a carriage return",
}


# The characters that change the direction text is shown in: invisible, and able to
# make 'gnitsil' read as 'listing'. "a control character" told an author nothing of
# what it does, and most editors show none of them.
_DIRECTION = {
    "\u061c": "an Arabic letter mark",
    "\u200e": "a left-to-right mark",
    "\u200f": "a right-to-left mark",
    "\u202a": "a left-to-right embedding",
    "\u202b": "a right-to-left embedding",
    "\u202c": "a pop directional formatting",
    "\u202d": "a left-to-right override",
    "\u202e": "a right-to-left override",
    "\u2066": "a left-to-right isolate",
    "\u2067": "a right-to-left isolate",
    "\u2068": "a first strong isolate",
    "\u2069": "a pop directional isolate",
}
_BREAK_NAMES = {
    "\x85": "a next-line character (U+0085)",
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
}


def invisible_name(ch: str) -> str:
    """ "a non-breaking space (U+00A0)", "an ESC character (U+001B)", "a right-to-left
    override (U+202E, invisible; it changes the direction text runs in)": a space-like,
    invisible, direction-changing or control character named so an author can find it
    and knows what it does, else ""."""
    if ch in _NAMED_BLANKS:
        return _NAMED_BLANKS[ch]
    code = f"U+{ord(ch):04X}"
    if ch in _DIRECTION:
        return f"{_DIRECTION[ch]} ({code}, invisible; it changes the direction text runs in)"
    if ch in _BREAK_NAMES:
        return _BREAK_NAMES[ch]
    if _BLANK_LETTERS.match(ch):
        return f"a letter that shows as blank space ({code})"
    if "\udc80" <= ch <= "\udcff":  # a byte os.fsdecode could not decode
        return f"a byte that is not UTF-8 (0x{ord(ch) - 0xDC00:02X})"
    category = unicodedata.category(ch)
    if category == "Zs":
        return f"a space-like character ({code})"
    if category == "Cc":
        return f"{_CONTROLS.get(ch, 'a control character')} ({code})"
    if category in ("Cf", "Zl", "Zp", "Cs"):
        return f"an invisible character ({code})"
    return ""


def first_hidden(text: str, blanks: bool = False) -> str:
    """The first character of `text` a reader cannot see, named and placed ("a right-to-left
    override (U+202E, ...) after 'http://'"), or "" when there is none; with `blanks`,
    spaces count too (a URL, an address).

    For every message that refuses such a character: "holds a space or a control
    character" of a right-to-left override said neither what it was nor where.
    """
    for i, ch in enumerate(text):
        if not ch.isprintable() or (blanks and ch.isspace()) or _BLANK_LETTERS.match(ch):
            what = invisible_name(ch) or f"a character no one can see (U+{ord(ch):04X})"
            return f"{what} " + (f"after '{brief(text[:i], 30)}'" if i else "at the start")
    return ""


def name_key(name: str) -> str:
    """What two trainee names are compared by: the same letters, whatever their case or
    how the keyboard composed them ('Zoë' typed as one character or as e and a mark).

    SQLite's NOCASE folds ASCII only, and compares code points: 'Zoë' and 'ZOË', or
    the two spellings of 'Zoë', were different trainees, shown alike (adversarial-6).
    Composed again after folding, which can decompose: 'ΐ' folds to ι and two marks,
    its capital 'Ϊ́' (no one character) to ϊ and one; the same letters, unequal strings.
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


_JOINS = {"\u200d", "\u034f"}  # zero-width joiner, combining grapheme joiner


def joins(ch: str) -> bool:
    """Whether `ch` belongs to the character before it (an accent, a variation selector,
    an emoji's skin tone or joiner), so a cut must not fall just before it."""
    return (
        unicodedata.combining(ch) != 0
        or unicodedata.category(ch) in ("Mn", "Me")
        or "\ufe00" <= ch <= "\ufe0f"
        or "\U0001f3fb" <= ch <= "\U0001f3ff"
        or ch in _JOINS
    )


def clip(text: str, limit: int) -> str:
    """At most `limit` characters of `text`, cut where a reader sees a character end.

    A plain `text[:limit]` can keep an 'e' and drop its accent, or leave half of a joined
    emoji; where that would happen the cut moves back to the start of that character.
    """
    if len(text) <= limit:
        return text
    end = max(limit, 0)
    while end > 0 and (joins(text[end]) or text[end - 1] in _JOINS):
        end -= 1
    return text[:end]


def brief(value: object, limit: int = 60) -> str:
    """`shown`, cut to about `limit` characters: an untrusted value quoted in a message.

    A message quoting a 5 MB scenario id from a hostile file should still be one line.
    """
    text = shown(value if isinstance(value, (str, os.PathLike)) else str(value))
    return text if len(text) <= limit else clip(text, limit - 1) + "…"


def first_words(
    text: str, words: int | None = None, chars: int | None = None, more: str = "…"
) -> str:
    """The opening `words` words of `text` (all of them when None), at most `chars`
    characters of them, then `more` if anything was cut. A cut ends after a whole word
    ("“You seem a bit quiet today, what's goin…”" cut a word in two, trainee33), unless
    the first word alone is longer than `chars`, and not on its trailing punctuation
    ("Sam…", not "Sam.…"). For quoting a line by its start: a graph edge, a debrief
    sentence, the sentence a cue is about (one function: `sim.cues` had a copy of its own).
    """
    parts = text.split()
    kept = " ".join(parts if words is None else parts[:words])
    cut = words is not None and len(parts) > words
    if chars is not None and len(kept) > chars:
        head = clip(kept, chars)
        if " " in head and kept[len(head) : len(head) + 1] != " ":
            head = head.rsplit(" ", 1)[0]  # the word the cut fell in goes whole
        kept, cut = head.rstrip(), True
    return kept.rstrip(".,;:!?") + more if cut else kept


def whole_number(text: str, digits: int = 18) -> int | None:
    """`text` as a whole number if it is one a person typed (ASCII digits, not too many), else None.

    `str.isdigit` says yes to '²' (which `int` refuses) and to '١' (which `int`
    reads as 1), and `int` refuses 5,000 digits and gives SQLite numbers it
    cannot store: every number read from an argument, an answer or a stored
    field goes through here first.
    """
    if text.isascii() and text.isdigit() and len(text) <= digits:
        return int(text)
    return None


def json_text(data: object, indent: int | None = 2) -> str:
    """JSON with every non-ASCII and control character escaped."""
    return json.dumps(data, indent=indent, ensure_ascii=True)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(text: str) -> str:
    """A CSV cell from untrusted text: visible escapes for controls (`shown`), and a
    leading `'` where a spreadsheet would read a formula (`=HYPERLINK(...)`, `+`, `-`,
    `@`, or their full-width forms), as OWASP's CSV-injection advice has it. Leading
    blanks do not hide one: LibreOffice's "trim spaces" import reads ` =1+1` as a formula."""
    text = shown(text)
    return "'" + text if text.lstrip().startswith(_FORMULA_START) else text


def dot_string(text: str) -> str:
    """A quoted Graphviz DOT id or label: one line, visible escapes, quotes escaped."""
    text = shown(" ".join(text.split()))
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_MERMAID = (
    ("#", "#35;"),
    ('"', "#quot;"),
    ("<", "#lt;"),
    (">", "#gt;"),
    ("`", "#96;"),
    ("|", "#124;"),
    ("%", "#37;"),  # no %%{init}%% directive can be spelt in a label
    ("{", "#123;"),
    ("}", "#125;"),
)


def mermaid_label(text: str) -> str:
    """A quoted Mermaid label: one line, entity codes for what Mermaid would parse."""
    text = shown(" ".join(text.split()))
    for ch, code in _MERMAID:
        text = text.replace(ch, code)
    return f'"{text}"'


def mermaid_comment(text: str) -> str:
    """Text for a `%%` comment line: one line, no `%` and no braces (directive syntax)."""
    text = shown(" ".join(text.split()))
    return text.replace("%", "").replace("{", "(").replace("}", ")")


_MD_INLINE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|~&$"})
# A line that Markdown would read as a heading underline or a rule (---, ===, * * *),
# or that starts a list (- x, + x, 1. x, 1) x): its first mark is escaped.
_MD_LINE_START = r"^(\s*)(?:([-=+])(?=[-=+\s]*$|\s)|(\d+)([.)])(?=\s|$))"  # compiled on first use


def markdown_text(text: str) -> str:
    """Untrusted text as literal Markdown: no HTML, link, emphasis, heading or list made
    from it, and none of its lines turning the one before into a heading (`---`).

    For a block of its own (the lines of a quote); inside a line of Markdown (a heading,
    a table cell, a bold label) use `markdown_line`. The gate's prose rule comes first
    (`clean`), so a file a supervisor prints holds no escape sequence whatever the store
    held. A viewer must show the very words: `&` is escaped, or `&rlm;` and `&#x202E;`
    became bidi marks the terminal never showed; `$` too (GitHub reads `$...$` as math);
    and a line's leading blanks go, or a tab made a code block that showed every escape;
    its trailing ones too, or two spaces before a line's end made a hard line break."""
    lines = []
    for line in clean(text).replace("\r", "").split("\n"):
        line = line.strip(" \t").translate(_MD_INLINE)
        line = re.sub(
            _MD_LINE_START,
            lambda m: (
                m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}")
            ),
            line,
            count=1,
        )
        lines.append(line)
    return "\n".join(lines)


def markdown_line(text: str) -> str:
    """Untrusted text for a place inside one line of Markdown: a heading, a table cell, a
    bold label, an action in brackets, a list item. Its line breaks read as spaces
    (`clean_line`) before `markdown_text`: a break there ends the heading, row or
    emphasis, and what follows stands as a paragraph of its own, so an action holding
    "\\n\\nTrust 100 (+50), empowerment 100 (+50)" printed a meter line the run never had."""
    return markdown_text(clean_line(text))


def markdown_quote(text: str) -> str:
    """Untrusted text as a Markdown quote (`> ` before each line): `markdown_text` on
    each line after the prose rule, so a paragraph separator (U+2029) in a stored text
    cannot end the quote and leave the rest standing as the export's own words."""
    return "\n".join(
        "> " + markdown_text(line) if line.strip() else ">" for line in clean(text).split("\n")
    )


def markdown_fenced(lines: list[str]) -> list[str]:
    """Untrusted lines for the inside of a ```` ```text ```` fence, shown as written: each
    one on the prose rule (no escape sequence, no line break within), none of them
    closing the fence (a run of three backticks is spaced apart), no blank lines first."""
    out = [clean_line(line).replace("```", "` ` `") for line in lines]
    # the blank lines first dropped in one cut: one at a time, copying the rest each
    # time, 300,000 of them took minutes (adv28)
    first = next((i for i, line in enumerate(out) if line.strip()), len(out))
    return out[first:]

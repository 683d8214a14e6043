"""The prose rule of the text gate (`sim.text`): what scenario content and typed words lose.

Prose, what a scenario says or a trainee types as their own words, and a person or
a screen reader reads, loses the characters that have no job in it: escape
sequences whole (so a pasted colour code never leaves "[31m" behind), controls,
direction overrides and invisible characters. Names keep them as visible escapes
instead (`sim.text.shown`). A module of its own because it needs nothing from
the rest of the gate; callers import its names from `sim.text`, the one gate.
"""

from __future__ import annotations

import re
import unicodedata

# CSI and OSC sequences first (so their parameters go too), then any other
# C0/C1 control, DEL, and the bidirectional overrides that can disguise text;
# then what prose has no use for: the soft hyphen, the direction marks (LRM, RLM,
# ALM), the zero-width space, word joiner and invisible operators, the BOM, the
# deprecated format characters and the interlinear annotation marks. They show
# as nothing in the app, but the plain player (a screen reader's way in) printed
# them as `\u200b`, read aloud as a string of letters. The non-joiner (U+200C)
# stays: scripts need it; the joiner (U+200D) stays between emoji (`stray_join`).
_PROSE_INVISIBLE = "\xad\u061c\u180e\u200b\u200e\u200f\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b."  # any other two-byte escape
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the same CSI and OSC spelt with one C1 character
    r"|\x9d[^\x07\x1b\x9c]*(?:\x07|\x9c|\x1b\\)?"
    rf"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069{_PROSE_INVISIBLE}]"
)
# Line and paragraph separators (and NEL, their C1 form) end a line in prose: a line
# break in every output, where the app drew a space and the plain player `\u2028`.
_SEPARATORS = str.maketrans({"\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"})


# What in TOML *source* can put a control, bidi or invisible character into a
# parsed string. TOML itself rejects raw C0 controls and DEL, so only two things
# can: an escape (\b \f \r \e \x \u \U), or one of those characters raw (legal
# in TOML). Checking the source costs microseconds, so the files that need no
# cleaning (nearly all) skip the walk over every string.
_ESCAPE = re.compile(r"\\[bfreuUx]")
_WIDE = re.compile(
    rf"[\x80-\x9f\u200d\u2028-\u202e\u2066-\u2069{_PROSE_INVISIBLE}\U0001f3fb-\U0001f3ff]"
)


def may_need_cleaning(source: str) -> bool:
    if "\\" in source and _ESCAPE.search(source):
        return True
    return not source.isascii() and _WIDE.search(source) is not None


def clean_tree(
    data: object,
) -> tuple[object, list[tuple[object, ...]], list[tuple[tuple[object, ...], str]]]:
    """`clean` every string in parsed TOML data; also where cleaning changed a name or value.

    A key is never silently changed: `[scenes."hel\\u0007lo"]` cleaned would
    replace `[scenes.hello]`, so the caller reports each such key instead.
    Values that cleaning changed come back too (path and raw text): cleaning
    suits prose, but `goto = "hel\\u0007lo"` cleaned would quietly become a
    working link, so the caller reports those that are names rather than prose.
    Walked with a stack, not recursion, so nesting depth cannot crash it.
    """
    bad: list[tuple[object, ...]] = []
    changed: list[tuple[tuple[object, ...], str]] = []
    holder: list[object] = [None]
    # (container to fill, slot in it, raw value, key path)
    stack: list[tuple[object, object, object, tuple[object, ...]]] = [(holder, 0, data, ())]
    while stack:
        into, slot, value, loc = stack.pop()
        if isinstance(value, str):
            out: object = clean_prose(value)
            if out != value:
                changed.append((loc, value))
        elif isinstance(value, dict):
            out = {}
            for k, v in value.items():
                key = clean(k) if isinstance(k, str) else k
                if key != k:
                    bad.append((*loc, k))
                    key = k  # kept as written: nothing may see a merged name
                out[key] = None  # type: ignore[index]
                stack.append((out, key, v, (*loc, key)))
        elif isinstance(value, list):
            out = [None] * len(value)
            stack.extend((out, i, v, (*loc, i)) for i, v in enumerate(value))
        else:
            out = value
        into[slot] = out  # type: ignore[index]
    return holder[0], bad, changed


# One run of what is removed, so the words around a run are looked at once.
_RUN = re.compile(f"(?:{_ESCAPES.pattern})+")
# What sits inside a word by its nature, so goes without a trace: the soft hyphen, the
# zero-width space (a break chance, drawn as nothing), the word joiner and invisible
# operators, the Mongolian vowel separator, the BOM. Anything else removed between two
# words (a direction override or isolate, a control, an escape sequence) leaves a
# space: "feel\u2066fine" became "feelfine" in play though `check` passed it (adv30b).
_IN_A_WORD = re.compile(f"[{_PROSE_INVISIBLE}]+")


def _removed(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    if start == 0 or end == len(text) or not (text[start - 1].isalnum() and text[end].isalnum()):
        return ""  # at an edge, or beside a space or a stop: no two words to join
    return "" if _IN_A_WORD.fullmatch(match.group()) else " "


def clean(text: str) -> str:
    """Text made safe, and alike in every output: control characters, escape sequences,
    direction controls and invisible characters with no job removed without a trace;
    newlines and tabs kept, line and paragraph separators made line breaks; a joiner or
    skin tone that joins no emoji removed (`stray_join`). What a trainee types or pastes
    goes through here: an escape inside a pasted word is an artifact of where it was
    copied from, not a break between two words."""
    if text.isprintable():  # the common case costs one C-level scan
        return text if text.isascii() else without_stray_joins(text)
    return without_stray_joins(_ESCAPES.sub("", text.replace("\r\n", "\n").translate(_SEPARATORS)))


def clean_prose(text: str) -> str:
    """`clean` for a scenario's own texts, where never two words are made one: a
    direction control or a control between two words leaves a space (`check` warns of
    each, hidden-in-text)."""
    if text.isprintable():
        return text if text.isascii() else without_stray_joins(text)
    return without_stray_joins(
        _RUN.sub(_removed, text.replace("\r\n", "\n").translate(_SEPARATORS))
    )


# A zero-width joiner makes one picture of two emoji (a family, a rainbow flag), and a skin
# tone colours the emoji before it. Anywhere else a terminal draws the joiner as nothing and
# the tone as a swatch of its own, but the width rule every screen is laid out by (Rich's,
# Textual's) takes both to join what follows or precedes into one character: "H\u200di\u200d
# ..." measured one cell wide, so the app drew a scene's text as "H‍i‍ ‍t‍h‍e" and the rest
# was lost off its row, and five tones alone measured none (adv44). There they join nothing
# a reader sees, so they go, as the invisible characters with no job do.
_MAY_JOIN = re.compile("[\u200d\U0001f3fb-\U0001f3ff]")
_TONES = range(0x1F3FB, 0x1F400)
# what may stand between an emoji and its joiner: its variation selector, tone or tag letters
_DRESSING = re.compile("[\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]*$")


def _pictured(ch: str) -> bool:
    """Whether `ch` is an emoji that a joiner or a skin tone may follow (the blocks of
    pictures and symbols emoji come from, less the tones themselves)."""
    code = ord(ch)
    if 0x1F000 <= code <= 0x1FAFF:
        return code not in _TONES
    return (
        0x2190 <= code <= 0x21FF
        or 0x2300 <= code <= 0x23FF
        or 0x2600 <= code <= 0x27BF
        or 0x2B00 <= code <= 0x2BFF
        or code in (0xA9, 0xAE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D, 0x3297, 0x3299)
    )


def stray_join(text: str, at: int) -> bool:
    """Whether `text[at]`, a zero-width joiner or a skin tone, joins no emoji: a joiner
    not between two (each may carry its selector, tone or tags; one after an emoji at the
    end may yet be followed by one), a tone not after one."""
    ch = text[at]
    if ord(ch) in _TONES:
        return not (at and _pictured(text[at - 1]))
    if ch != "\u200d":
        return False
    before = _DRESSING.search(text, 0, at)
    base = before.start() - 1 if before else at - 1
    if base < 0 or not _pictured(text[base]):
        return True
    # last, after an emoji, it waits for the next: words typed key by key are cleaned at
    # each, and the family typed as 👩, joiner, 👧 lost its joiner before the 👧 came
    return at + 1 < len(text) and not _pictured(text[at + 1])


def first_stray_join(text: str) -> int | None:
    """Where the first joiner or skin tone that joins no emoji is in `text`, or None."""
    for match in _MAY_JOIN.finditer(text):
        if stray_join(text, match.start()):
            return match.start()
    return None


def without_stray_joins(text: str) -> str:
    """`text` without the joiners and skin tones that join no emoji (`stray_join`)."""
    if _MAY_JOIN.search(text) is None:
        return text
    return "".join(
        ch for i, ch in enumerate(text) if not (_MAY_JOIN.match(ch) and stray_join(text, i))
    )


def without_hidden(text: str) -> str:
    """What is removed from prose, removed with no space left: what a name (an id, a
    `goto`) written with one was meant to be, as `check`'s fix suggests it."""
    return _ESCAPES.sub("", text)


_BREAKS = re.compile(r"[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")


def clean_line(text: str) -> str:
    """`clean`, and on one line: a name or title read back from a store someone else wrote,
    and words a trainee types or pastes (the own-words box, the plain player's answer).

    A trainee name or ending title holding a line break forged whole lines in
    `runs` and `report` (a fake run under the real ones) and broke the Markdown
    export's table (adversarial-6); such a field is one line wherever it shows.
    """
    if text.isprintable():
        return text if text.isascii() else without_stray_joins(text)
    return _BREAKS.sub(" ", clean(undecoded_marked(text)))


_SURROGATES = re.compile("[\ud800-\udfff]+")


def _marked(match: re.Match[str]) -> str:
    run = match.group()
    try:  # bytes a reader could not decode, each kept as U+DC80-U+DCFF (surrogateescape)
        return run.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate of another kind
        return "\ufffd" * len(run)


def undecoded_marked(text: str) -> str:
    """Typed bytes that were not UTF-8 as U+FFFD, the mark the app's box shows for them.

    The plain player reads such bytes as lone surrogates (`surrogateescape`), and
    the cleaning after it dropped them: "été" typed at a Latin-1 terminal was kept
    and echoed as "t", while the app showed "�t�" (adversarial-33). Read back as
    UTF-8 with replacement, as the app's decoder reads them, both keep the same
    words; and UTF-8 split into bytes by an ASCII reader comes back whole ("é").
    """
    return _SURROGATES.sub(_marked, text) if _SURROGATES.search(text) else text


# The letters that draw as blank space: the Hangul fillers, the Khmer inherent vowels
# and the blank braille pattern. Letters to Unicode, so no rule that looks for letters
# finds them missing: 'ㅤ' (U+3164) passed as a trainee's name and a scenario's title.
BLANK_LETTERS = "\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0"
# what draws nothing on its own: controls, format characters (the joiners, the tag
# characters), marks (accents, variation selectors, skin tones), spaces and separators
_UNSEEN = frozenset({"Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Cs"})
_SEEN_ASCII = re.compile(r"[!-~]")


def seen(text: str) -> bool:
    """Whether `text` holds a character a reader can see.

    A title, a line or a name of zero-width joiners, variation selectors or Hangul
    fillers alone passed every "should not be empty" check (they are not spaces) and
    showed as a blank row in the library, a blank speaker, a blank trainee (adv26).
    """
    if text.isascii():
        return _SEEN_ASCII.search(text) is not None
    return any(ch not in BLANK_LETTERS and unicodedata.category(ch) not in _UNSEEN for ch in text)

"""A bracketed paste with ESC in it arrives as one paste, not as key presses (Textual 8.2.8).

Textual's input parser reads an ESC inside a bracketed paste as the start of
an escape sequence and, when none matches, sends the rest of the paste as key
presses: a pasted `ESC x ^Q` quits the app, a pasted line break submits the
own-words box half typed, a ^A moves the cursor. Text copied from a terminal
often carries ESC (colour codes), so a trainee pasting a line could lose the
conversation. Here every ESC inside a paste is held as `HELD_ESC` before the
parser sees the input; the paste then arrives as one `Paste` event, whose text
gets its ESCs back and goes through the gate's rule for typed words
(`sim.text.clean`, line breaks kept), so a pasted colour code or OSC 52 goes
whole, as in the plain player. Dropping the ESC alone left '[31m' and
']52;c;...' in the box, the debrief and the exports, where the plain player
showed none (adversarial-37).

Outside a paste, keys come as they are, but a string no key ever sends (an OSC,
DCS, SOS, PM or APC string with its end, a colour code) is a burst of text (tmux
send-keys, a terminal pasting without bracketed paste) and goes whole too:
Textual read it as keys, ESC as '^', and the box showed '^]52;c;...'. One split
between reads goes too: the end of a read that may begin one is held until the
next read, or until the parser's own wait for the rest of a sequence is over.

`benchmarks/textual_paste_escape.py` reproduces it against plain Textual (to
report upstream); `tests/tui/test_paste.py` checks this app.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import Any

from sim.text import clean

START = "\x1b[200~"
END = "\x1b[201~"
ESC = "\x1b"
# An ESC inside a paste, until the paste is whole: a noncharacter (Unicode keeps
# U+FDD0 for a program's own use), so the parser reads it as text, not a sequence.
HELD_ESC = "\ufdd0"
# A U+FDD0 or U+FDD1 pasted as itself, held as U+FDD1 and a digit, so it comes back as
# itself: read back as ESC, a pasted U+FDD0 took the character after it into an escape
# sequence the gate removed, and the box lost it (adversarial-40).
_QUOTED = "\ufdd1"
_HOLD = {ESC: HELD_ESC, HELD_ESC: _QUOTED + "0", _QUOTED: _QUOTED + "1"}
_HELD = re.compile("\ufdd1[01]|\ufdd0")
_UNHOLD = {HELD_ESC: ESC, _QUOTED + "0": HELD_ESC, _QUOTED + "1": _QUOTED}
# What no key sends, outside a paste: an OSC, DCS, SOS, PM or APC string with its
# text (alt+] alone is ESC ] and stays a key), and a colour code (SGR; a mouse
# report is ESC [ < ... m, never matched), and a CSI or OSC spelt with its one C1
# character, which no terminal sends for a key. The same strings `clean` takes
# from words, so a burst of them reads as it does in the plain player.
_NEVER_KEYS = re.compile(
    r"\x1b\](?:[^\x07\x1b\r\n]+(?:\x07|\x1b\\)?|\x07|\x1b\\)"  # OSC, ended by BEL or ST
    r"|\x1b[PX^_](?:[^\x1b\r\n]+(?:\x1b\\)?|\x1b\\)"  # DCS, SOS, PM, APC: ST only
    r"|\x1b\[[0-9;:]*m"
    r"|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x1b\x9c\r\n]*(?:\x07|\x9c|\x1b\\)?"  # C1 CSI, OSC
)


# The end of a read that may be the start of one of those strings, still coming: an ESC
# (the Escape key, or the start of a sequence), an OSC, DCS, SOS, PM or APC string not
# yet ended (its ST may be half read), a CSI that may become a colour code, and their C1
# forms. Held until the next read or the parser's own wait for the rest of a sequence
# (`PasteFilter.release`), so a string split between reads goes whole as one in a read
# does: the ESC alone went to the parser, which joined it to the next read and, not
# knowing the string, typed ']52;c;...' into the box as words (adversarial-40).
_UNFINISHED = re.compile(
    r"(?:\x1b\][^\x07\x1b\r\n]*\x1b?|\x1b[PX^_][^\x1b\r\n]*\x1b?|\x1b\[[0-9;:]{0,30}|\x1b"
    r"|\x9b[0-?]{0,30}[ -/]{0,4}|\x9d[^\x07\x1b\x9c\r\n]*\x1b?)\Z"
)
# a string's text held is cut to one character (it goes whole when it ends anyway), so
# one that never ends does not grow without bound in memory
_STRING_HELD = re.compile(r"(\x1b[\]PX^_]|\x9d)([^\x1b]{2,})(\x1b?)")


def unfinished(text: str) -> int:
    """How many characters at the end of `text` (read outside a paste) may begin a string
    no key sends, still coming (`_UNFINISHED`)."""
    if ESC not in text and "\x9b" not in text and "\x9d" not in text:
        return 0
    found = _UNFINISHED.search(text)
    return len(text) - found.start() if found else 0


def _compact(held: str) -> str:
    found = _STRING_HELD.fullmatch(held)
    return found[1] + found[2][0] + found[3] if found else held


def held(text: str) -> str:
    """A paste's text with every ESC held as `HELD_ESC` (and a pasted U+FDD0 or U+FDD1
    quoted, so `unheld` gives it back as it was)."""
    if HELD_ESC in text or _QUOTED in text:
        return "".join(_HOLD.get(ch, ch) for ch in text)
    return text.replace(ESC, HELD_ESC)


def unheld(text: str) -> str:
    """`held` undone."""
    return _HELD.sub(lambda found: _UNHOLD[found.group()], text)


def never_keys_removed(text: str) -> str:
    """`text` read outside a paste without the strings no key sends (`_NEVER_KEYS`)."""
    return _NEVER_KEYS.sub("", text) if ESC in text or "\x9b" in text or "\x9d" in text else text


def pasted_text(text: str) -> str:
    """A paste's text as the boxes get it: its ESCs back, then the gate's rule for typed
    words (`clean`), line breaks kept as line breaks (a terminal pastes them as \\r)."""
    text = unheld(text).replace("\r\n", "\n").replace("\r", "\n")
    return clean(text)


def _held_back(text: str, marker: str) -> int:
    """How many characters at the end of `text` could be the start of `marker`."""
    for n in range(min(len(marker) - 1, len(text)), 0, -1):
        if text.endswith(marker[:n]):
            return n
    return 0


def _real_end(text: str, at: int) -> tuple[int, str]:
    """The end of the paste begun before `text`, whose first END is at `at`, and `text`
    without the END markers that were part of the pasted text.

    A terminal (xterm.js in a browser tab, under `peer-sim serve`) wraps whatever was
    copied in START ... END as it is, so copied text holding END ended the paste there,
    and the rest came as keys: "I hear you.ESC[201~\r2" sent the words and chose line 2,
    a ctrl+Q quit (adversarial-35). A paste comes in one read from a browser (one
    message) and mostly from a terminal: an END followed in the same read by another,
    with no START between, was pasted text, and goes (the gate drops escape sequences
    from words anyway). Split across reads, the first END still ends it.
    """
    while True:
        after = at + len(END)
        following = text.find(END, after)
        start = text.find(START, after)
        if following < 0 or 0 <= start < following:
            return at, text
        text = text[:at] + text[after:]
        at = following - len(END)


class PasteFilter:
    """Input text in, the same text out with every ESC inside a bracketed paste removed.

    Input comes in reads of any size, so a paste marker or a string no key sends
    may be split between two: outside a paste the end of a read that may begin one
    (`unfinished`: an ESC alone, ESC [ 2 0) is held until the next read or `release`
    (the guarded parser's tick, once the parser's own wait for the rest of an
    escape sequence is over, so an Escape key press waits no longer than it did),
    and inside a paste the tail that may begin the end marker is held until the
    next read (more is coming). An
    end marker with another behind it in the same read was pasted (`_real_end`).
    """

    def __init__(self) -> None:
        self.in_paste = False
        # inside a paste: a possible start of END; outside: a possible start of a string
        # no key sends (`unfinished`), until the next read or `release`
        self._held = ""
        self._tail = ""  # outside: the last characters passed on, for a split START

    def __call__(self, data: str) -> str:
        out: list[str] = []
        text, self._held = self._held + data, ""
        while text:
            if not self.in_paste:
                joined = self._tail + text
                at = joined.find(START)
                if at < 0:
                    keep = unfinished(text)
                    out.append(never_keys_removed(text[: len(text) - keep]))
                    self._held = _compact(text[len(text) - keep :])
                    self._tail = (self._tail + text[: len(text) - keep])[-(len(START) - 1) :]
                    break
                cut = at + len(START) - len(self._tail)
                begins = max(at - len(self._tail), 0)
                out.append(never_keys_removed(text[:begins]) + text[begins:cut])
                text, self.in_paste, self._tail = text[cut:], True, ""
            else:
                at = text.find(END)
                if at < 0:
                    keep = _held_back(text, END)
                    out.append(held(text[: len(text) - keep]))
                    self._held = text[len(text) - keep :]
                    break
                at, text = _real_end(text, at)
                out.append(held(text[:at]) + END)
                text, self.in_paste = text[at + len(END) :], False
        return "".join(out)

    @property
    def holding(self) -> bool:
        """Outside a paste, the end of the last read is held (`unfinished`)."""
        return bool(self._held) and not self.in_paste

    def release(self) -> str:
        """Outside a paste, what is held, no more coming (the parser's wait for the rest
        of a sequence is over): a string no key sends goes, anything else (an ESC alone
        is the Escape key, ESC ] is alt+]) is passed on as it came."""
        if not self.holding:
            return ""
        text, self._held = self._held, ""
        return never_keys_removed(text)


def guarded_parser(base: type) -> type:
    """`base` (Textual's XTermParser) with a `PasteFilter` in front of its `feed`, and each
    paste's text through the gate (`pasted_text`) behind it; `base` itself if it has them
    already (two filters on one parser share its state, and read START as pasted)."""
    from textual import events

    from sim.tui.textual_internals import end_parser_wait, parser_clock

    if getattr(base, "__name__", "") == "GuardedParser":
        return base

    class GuardedParser(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._paste_filter = PasteFilter()
            self._held_at = 0.0  # when the filter last held the end of a read

        def feed(self, data: str) -> Iterable[Any]:
            if not data:  # end of input: what is held, then the parser's own meaning
                held = self._paste_filter.release()
                return [*(super().feed(held) if held else ()), *super().feed("")]
            data = self._paste_filter(data)
            if self._paste_filter.holding:
                self._held_at = parser_clock()
            if not data:
                return ()
            return (
                events.Paste(pasted_text(event.text)) if isinstance(event, events.Paste) else event
                for event in super().feed(data)
            )

        def tick(self) -> Iterable[Any]:
            """Called between reads: what the filter holds goes on to the parser once the
            parser's own wait for the rest of a sequence (ESCAPE_DELAY) is over, and is
            read as that wait ending, so an Escape key press comes no later than it did."""
            from textual import constants

            filtered = self._paste_filter
            if filtered.holding and parser_clock() - self._held_at >= constants.ESCAPE_DELAY:
                released = filtered.release()
                if released:
                    yield from super().feed(released)
                end_parser_wait(self)  # it waited in the filter
            yield from super().tick()

    GuardedParser.__name__ = GuardedParser.__qualname__ = "GuardedParser"
    return GuardedParser


def install() -> None:
    """Put the guarded parser where Textual's drivers look for it (before they start)."""
    from textual import _xterm_parser

    original = _xterm_parser.XTermParser
    if getattr(original, "__name__", "") == "GuardedParser":
        return
    guarded = guarded_parser(original)
    _xterm_parser.XTermParser = guarded  # type: ignore[misc]
    # drivers already imported hold their own reference
    for name in ("linux_driver", "linux_inline_driver", "web_driver", "win32"):
        module = sys.modules.get(f"textual.drivers.{name}")
        if module is not None and getattr(module, "XTermParser", None) is original:
            module.XTermParser = guarded  # type: ignore[attr-defined]

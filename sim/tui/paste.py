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
DCS, SOS, PM or APC string with its end, a colour code) that arrives whole in
one read is a burst of text (tmux send-keys, a terminal pasting without
bracketed paste) and goes whole too: Textual read it as keys, ESC as '^', and
the box showed '^]52;c;...'.

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


def never_keys_removed(text: str) -> str:
    """`text` read outside a paste without the strings no key sends (`_NEVER_KEYS`)."""
    return _NEVER_KEYS.sub("", text) if ESC in text or "\x9b" in text or "\x9d" in text else text


def pasted_text(text: str) -> str:
    """A paste's text as the boxes get it: its ESCs back, then the gate's rule for typed
    words (`clean`), line breaks kept as line breaks (a terminal pastes them as \\r)."""
    text = text.replace(HELD_ESC, ESC).replace("\r\n", "\n").replace("\r", "\n")
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

    Input comes in reads of any size, so a paste marker may be split between
    two: the start is found across the boundary without holding anything back
    (a lone Escape key press must not wait), and inside a paste the tail that
    may begin the end marker is held until the next read (more is coming). An
    end marker with another behind it in the same read was pasted (`_real_end`).
    """

    def __init__(self) -> None:
        self.in_paste = False
        self._held = ""  # inside a paste: a possible start of END
        self._tail = ""  # outside: the last characters passed on, for a split START

    def __call__(self, data: str) -> str:
        out: list[str] = []
        text, self._held = self._held + data, ""
        while text:
            if not self.in_paste:
                joined = self._tail + text
                at = joined.find(START)
                if at < 0:
                    out.append(never_keys_removed(text))
                    self._tail = joined[-(len(START) - 1) :]
                    break
                cut = at + len(START) - len(self._tail)
                begins = max(at - len(self._tail), 0)
                out.append(never_keys_removed(text[:begins]) + text[begins:cut])
                text, self.in_paste, self._tail = text[cut:], True, ""
            else:
                at = text.find(END)
                if at < 0:
                    keep = _held_back(text, END)
                    out.append(text[: len(text) - keep].replace(ESC, HELD_ESC))
                    self._held = text[len(text) - keep :]
                    break
                at, text = _real_end(text, at)
                out.append(text[:at].replace(ESC, HELD_ESC) + END)
                text, self.in_paste = text[at + len(END) :], False
        return "".join(out)


def guarded_parser(base: type) -> type:
    """`base` (Textual's XTermParser) with a `PasteFilter` in front of its `feed`, and each
    paste's text through the gate (`pasted_text`) behind it; `base` itself if it has them
    already (two filters on one parser share its state, and read START as pasted)."""
    from textual import events

    if getattr(base, "__name__", "") == "GuardedParser":
        return base

    class GuardedParser(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._paste_filter = PasteFilter()

        def feed(self, data: str) -> Iterable[Any]:
            if not data:  # end of input: the parser's own meaning
                return super().feed(data)
            data = self._paste_filter(data)
            if not data:
                return ()
            return (
                events.Paste(pasted_text(event.text)) if isinstance(event, events.Paste) else event
                for event in super().feed(data)
            )

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

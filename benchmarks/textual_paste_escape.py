"""An ESC inside a bracketed paste turns the rest of the paste into key presses (plain Textual).

    python benchmarks/textual_paste_escape.py

For reporting upstream (found with Textual 8.2.8): Textual's `XTermParser`
reads an ESC inside a bracketed paste as the start of an escape sequence and,
when no sequence matches, reissues what follows as `Key` events, so a pasted
ctrl+Q quits the app and a pasted line break is Enter. Expected: one `Paste`
event with the whole text. Prints the events plain Textual makes of each
paste, then those it makes behind peer-sim's `PasteFilter` (sim/tui/paste.py).
When plain Textual prints one Paste per case, the workaround can go.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from textual._xterm_parser import XTermParser  # noqa: E402

CASES = {
    "colour codes then ctrl+Q": "\x1b[200~\x1b[31mred\x1b[0m and \x11 more\x1b[201~",
    "an ESC then a line break": "\x1b[200~first\x1bx\rsecond\x1b[201~",
}


def events_of(parser_class: type, text: str) -> list[str]:
    parser = parser_class()
    return [
        f"{type(e).__name__}({getattr(e, 'key', None) or getattr(e, 'text', '')!r})"
        for e in parser.feed(text)
    ]


def main() -> int:
    from sim.tui.paste import guarded_parser

    guarded = guarded_parser(XTermParser)
    broken = 0
    for name, text in CASES.items():
        plain = events_of(XTermParser, text)
        fixed = events_of(guarded, text)
        ok = len(plain) == 1 and plain[0].startswith("Paste(")
        broken += not ok
        print(f"{name}:\n  plain Textual: {' '.join(plain)}\n  with PasteFilter: {' '.join(fixed)}")
    print("still broken in plain Textual" if broken else "fixed in plain Textual: drop the filter")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

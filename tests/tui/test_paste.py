"""A paste carrying ESC stays one paste (sim/tui/paste.py): no pasted key quits or submits.

Textual 8.2.8 turned the rest of such a paste into key presses (a pasted ctrl+Q
quit the app); benchmarks/textual_paste_escape.py shows it against plain Textual.
"""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st
from textual import events

from sim.cues import clean_words
from sim.tui.paste import (
    END,
    ESC,
    HELD_ESC,
    START,
    PasteFilter,
    guarded_parser,
    held,
    install,
    never_keys_removed,
    unheld,
)
from sim.tui.widgets.plain_input import plain_value

# text as a terminal sends it: keys, escape sequences, pastes holding anything
pieces = st.one_of(
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=8),
    st.sampled_from([ESC, "\x1b[A", "\x1b[2J", "\x1b]52;c;SGk=\x07", "\x11", "\r"]),
    st.sampled_from([HELD_ESC, "\ufdd1", "\x1b[31m", "\x1bP1$qm\x1b\\", "\x9d0;t\x07"]),
)
pastes = st.lists(pieces, max_size=6).map(lambda p: START + "".join(p) + END)
streams = st.lists(st.one_of(pieces, pastes), max_size=8).map("".join)


def split(text: str, cuts: list[int]) -> list[str]:
    bounds = sorted({c % (len(text) + 1) for c in cuts} | {0, len(text)})
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _outside_unchanged_and_no_esc_inside(data: str, out: str) -> None:
    # the same split of both into keys outside pastes and the text of each paste
    def parts(text: str) -> tuple[list[str], list[str]]:
        outside, inside = [], []
        while START in text:
            before, _, rest = text.partition(START)
            body, found, text = rest.partition(END)
            outside.append(before)
            inside.append(body)
            if not found:
                text = ""
        outside.append(text)
        return outside, inside

    keys_in, pasted_in = parts(data)
    keys_out, pasted_out = parts(out)
    assert keys_out == [never_keys_removed(keys) for keys in keys_in]
    assert all(ESC not in body for body in pasted_out)
    assert [held(b) for b in pasted_in[: len(pasted_out)]] == pasted_out
    assert [unheld(held(b)) for b in pasted_in] == pasted_in


def _ends_only_pastes(data: str) -> bool:
    """END only where it closes a paste (as a terminal sends it, unless the paste held one)."""
    text = data
    while START in text:
        before, _, rest = text.partition(START)
        if END in before:
            return False
        _, found, text = rest.partition(END)
        if not found:
            return True
    return END not in text


@given(streams, st.lists(st.integers(min_value=0, max_value=200), max_size=6))
def test_the_filter_reads_the_same_however_the_input_is_split(data, cuts):
    assume(_ends_only_pastes(data))  # an END pasted inside a paste: see _real_end's test
    # a string no key sends goes whole however it is split (the end of a read that may
    # begin one is held until the next read or `release`)
    once = PasteFilter()
    whole = once(data) + once.release()
    parted = PasteFilter()
    assert "".join(parted(chunk) for chunk in split(data, cuts)) + parted.release() == whole
    if not once.in_paste:  # (a paste still open holds back what may begin its end)
        _outside_unchanged_and_no_esc_inside(data, whole)


def test_a_paste_with_esc_and_ctrl_q_is_one_paste_and_no_key():
    from textual._xterm_parser import XTermParser

    parser = guarded_parser(XTermParser)()
    got = list(parser.feed("\x1b[200~\x1b[31mhi\x1b[0m \x11 there\rmore\x1b[201~"))
    assert len(got) == 1 and isinstance(got[0], events.Paste)
    assert got[0].text == "hi  there\nmore"  # the colour codes whole, ctrl+Q gone


def test_keys_around_a_paste_are_still_keys():
    from textual._xterm_parser import XTermParser

    parser = guarded_parser(XTermParser)()
    got = list(parser.feed("a\x1b[200~x\x1by\x1b[201~\x1b[Ab"))
    kinds = [(type(e).__name__, getattr(e, "key", None) or getattr(e, "text", None)) for e in got]
    # ESC y is a two-byte escape, gone whole as the plain player drops it
    assert kinds == [("Key", "a"), ("Paste", "x"), ("Key", "up"), ("Key", "b")]


def test_an_end_marker_inside_copied_text_does_not_end_the_paste():
    """xterm.js (a browser tab under `peer-sim serve`) wraps the clipboard as it is: copied
    text holding ESC[201~ ended the paste there and the rest came as keys, "\\r2" sending
    the words and choosing line 2, a ctrl+Q quitting (adversarial-35)."""
    from textual._xterm_parser import XTermParser

    parser = guarded_parser(XTermParser)()
    pasted = "I hear you." + END + "\r2 and" + END + "\x11 more"
    got = list(parser.feed(START + pasted + END + "b"))
    kinds = [(type(e).__name__, getattr(e, "key", None) or getattr(e, "text", None)) for e in got]
    assert kinds == [("Paste", "I hear you.\n2 and more"), ("Key", "b")]
    # two pastes in one read stay two
    got = list(parser.feed(START + "one" + END + START + "two" + END))
    assert [e.text for e in got] == ["one", "two"]


def test_install_reaches_the_driver_the_app_runs_on():
    import textual.drivers.linux_driver as linux

    install()
    install()  # twice is once
    assert linux.XTermParser.__name__ == "GuardedParser"
    assert linux.XTermParser.__mro__[1].__name__ == "XTermParser"


HOSTILE_WORDS = [
    "I hear \x1b]52;c;aGVsbG8=\x07 you",  # OSC 52 (write the clipboard), ended by BEL
    "I hear \x1b]52;c;aGVsbG8=\x1b\\ you",  # ended by ST
    "I hear \x1b]0;a title",  # an OSC never ended
    "so \x1b[31mred\x1b[0m and \x1b[1;4mbold\x1b[m",  # colour codes
    "a \x1bP1$qm\x1b\\ b \x1b_apc\x07 c",  # DCS and APC strings
    "bell\x07 and \x1d]52 and del\x7f and \x9b31m C1",  # lone controls, C1 CSI
]


def _typed_into_the_box(events_: list[object]) -> str:
    """What an own-words box holds after these events: a paste by the box's rule, keys
    as Textual's Input inserts them (printable characters only)."""
    box = ""
    for event in events_:
        if isinstance(event, events.Paste):
            box += " ".join(
                p for p in (plain_value(x).strip() for x in event.text.splitlines()) if p
            )
        elif isinstance(event, events.Key) and event.is_printable and event.character:
            box += event.character
    return plain_value(box)


def test_typed_or_pasted_escapes_read_in_the_app_as_in_the_plain_player():
    """One rule for typed words (`clean_words`): the app's box once kept what dropping
    the ESC alone left, ']52;c;aGVsbG8=' and '[31m' from a paste and '^]52;c;...' from
    a burst of keys, in the box, the debrief and every export, where the plain player
    (which reads the line whole) kept none of it (adversarial-37)."""
    from textual._xterm_parser import XTermParser

    for words in HOSTILE_WORDS:
        plain = clean_words(words)
        pasted = list(guarded_parser(XTermParser)().feed(START + words + END))
        assert clean_words(_typed_into_the_box(pasted)) == plain, words
        burst = list(guarded_parser(XTermParser)().feed(words))
        assert clean_words(_typed_into_the_box(burst)) == plain, words
        # a paste split anywhere between reads reads the same
        for cut in range(1, len(words) + 2):
            parser = guarded_parser(XTermParser)()
            got = [*parser.feed((START + words)[:cut]), *parser.feed((START + words + END)[cut:])]
            assert clean_words(_typed_into_the_box(got)) == plain, (words, cut)


def test_alt_bracket_and_keys_that_look_like_colour_codes_stay_keys():
    from textual._xterm_parser import XTermParser

    parser = guarded_parser(XTermParser)()
    for data, key in (("\x1b[A", "up"), ("\x1b[<0;3;4m", None), ("\x1b[1;5C", "ctrl+right")):
        got = list(parser.feed(data))
        assert got and (key is None or got[0].key == key), (data, got)
        assert not any(isinstance(e, events.Key) and e.character == "^" for e in got)
    assert never_keys_removed("\x1b]") == "\x1b]"  # alt+] alone
    from textual._ansi_sequences import ANSI_SEQUENCES_KEYS

    # no sequence Textual reads as a key is one that no key sends
    assert [k for k in ANSI_SEQUENCES_KEYS if never_keys_removed(k) != k] == []


def _after_each_read(parser: object, reads: list[str], monkeypatch: object) -> list[object]:
    """Events as the driver gets them: each read fed and the parser ticked, the next read
    coming within its wait for the rest of a sequence (ESCAPE_DELAY, 0.1 s), and once more
    after the last read, the wait over."""
    from textual import constants

    got: list[object] = []
    with monkeypatch.context() as patched:  # type: ignore[attr-defined]
        patched.setattr(constants, "ESCAPE_DELAY", 60.0)
        for data in reads:
            got += [*parser.feed(data), *parser.tick()]  # type: ignore[attr-defined]
        patched.setattr(constants, "ESCAPE_DELAY", 0.0)
        return [*got, *parser.tick()]  # type: ignore[attr-defined]


def test_an_escape_string_split_between_reads_goes_whole(monkeypatch):
    """ESC alone in one read and ']52;c;...' in the next (a burst cut by the terminal, a
    slow link): the parser joined them and, knowing no such key, typed ']52;c;aGVsbG8='
    into the own-words box or the name box as words, or '^]52...' past 32 characters
    (adversarial-40). Split anywhere, the box gets what the plain player keeps."""
    from textual._xterm_parser import XTermParser

    long_osc = "I hear \x1b]52;c;" + "QUFB" * 20 + "\x07 you"
    for words in [*HOSTILE_WORDS, long_osc]:
        plain = clean_words(words)
        for cut in range(1, len(words)):
            got = _after_each_read(
                guarded_parser(XTermParser)(), [words[:cut], words[cut:]], monkeypatch
            )
            assert clean_words(_typed_into_the_box(got)) == plain, (words[:cut], words[cut:])
            assert not any(getattr(e, "key", "") == "escape" for e in got), (words, cut)
    # one character a read
    got = _after_each_read(guarded_parser(XTermParser)(), list(long_osc), monkeypatch)
    assert clean_words(_typed_into_the_box(got)) == clean_words(long_osc)


def test_escape_and_alt_keys_alone_in_a_read_are_still_keys(monkeypatch):
    from textual import constants
    from textual._xterm_parser import XTermParser

    for reads, keys in (
        (["\x1b"], ["escape"]),
        (["\x1b", "\x1b"], ["escape", "escape"]),
        (["\x1b]"], ["right_square_bracket"]),  # alt+]
        (["\x1b[", "A"], ["up"]),  # an arrow split between reads
        (["a\x1b[1;5", "C"], ["a", "ctrl+right"]),
    ):
        got = _after_each_read(guarded_parser(XTermParser)(), reads, monkeypatch)
        assert [e.key for e in got if isinstance(e, events.Key)] == keys, reads
    # before the wait is over, an ESC alone is held as the parser holds it
    parser = guarded_parser(XTermParser)()
    monkeypatch.setattr(constants, "ESCAPE_DELAY", 60.0)
    assert list(parser.feed("\x1b")) == [] and list(parser.tick()) == []


def test_a_pasted_noncharacter_keeps_the_character_after_it():
    """U+FDD0 holds a pasted ESC until the paste is whole: a U+FDD0 pasted as itself came
    back as ESC and took the next character with it ('a\\ufdd0bc' kept 'ac')."""
    from textual._xterm_parser import XTermParser

    for text in ("a\ufdd0bc", "a\ufdd1bc", "\ufdd1" + "0\ufdd0\x1b[31mx", "\ufdd0\ufdd10\ufdd1"):
        got = list(guarded_parser(XTermParser)().feed(START + text + END))
        assert [e.text for e in got] == [text.replace("\x1b[31m", "")], text

"""Invisible characters in a scenario's text: said by `check`, not only removed by play.

A direction override or isolate (U+202A-E, U+2066-9), a control or another
invisible format character in a title, a line or a choice passed `check` clean;
play then removed it without a word, and the author never learnt that the text
they wrote is not the text a trainee reads (adv30b). A warning, not an error: the
text still plays, and the gate (sim.prose) never lets the character through.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from sim.loading.hidden_characters import hidden_character
from sim.text import clean, first_stray_join, may_need_cleaning

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sim.loading.where import Where
    from sim.problems import Problem

# kept by play: the text's own tabs and line breaks, and the joiners scripts and emoji need
_KEPT = frozenset("\t\n\r\u200c\u200d")


def hidden_text_problems(source: str | None, where: Where) -> list[Problem]:
    """`hidden-in-text`: each text holding a character play removes, named by its code."""
    if source is None:  # `check` passes none: the file the scenario was read from
        from sim.loading.files import read_text

        try:
            source = read_text(where.path)
        except (OSError, ValueError):
            return []
    if not may_need_cleaning(source):  # nearly every file: no parse a second time
        return []
    try:
        import tomli as toml
    except ImportError:  # pragma: no cover - exercised only where tomli is missing
        import tomllib as toml  # type: ignore[no-redef]
    try:
        data = toml.loads(source)
    except (toml.TOMLDecodeError, RecursionError, ValueError):
        return []  # said by the loader
    out: list[Problem] = []
    for loc, raw in _strings(data, ()):
        at = next((i for i, c in enumerate(raw) if _removed(c)), None)
        # a joiner or skin tone that joins no emoji goes too, where it stands first
        stray = first_stray_join(raw)
        if stray is not None and (at is None or stray < at):
            at = stray
        if at is None:
            continue
        ch = raw[at]
        line, _ = where.line(loc)
        what, after, fix = hidden_character(raw, source, line, at)
        name = unicodedata.name(ch, "")
        named = f"{what} [{name}]" if name and name.lower() not in what.lower() else what
        fix = _prose_fix(fix, after)
        if at == stray:  # removed for what it stands beside, and never leaves a space
            named = _STRAY[ch == "\u200d"].format(f"U+{ord(ch):04X}")
            fix += "; a joiner belongs between two emoji, a skin tone straight after one"
        else:
            fix += "; between two words play shows a space in its place"
        out.append(
            where.problem(
                loc,
                f'"{clean(raw)[:60]}" holds {named} {after}; play removes it, so the text a '
                "trainee reads is not the text written here",
                fix,
                severity="warning",
                code="hidden-in-text",
            )
        )
    return out


# a joiner or tone that joins no emoji: screens are laid out as if it joined the letters
# around it into one, so play takes it out (sim.prose.stray_join)
_STRAY = {
    True: "a zero-width joiner (U+200D) that joins no two emoji",
    False: "a skin tone ({}) that follows no emoji",
}


def _prose_fix(fix: str, after: str) -> str:
    """The loader's fix for a name, said of prose: a character pasted in raw is found by
    the words around it, not by retyping the whole text."""
    if fix.startswith("take the escape"):
        return fix.replace("out of it", "out of the text", 1)
    return f"it cannot be seen in most editors: delete the words around it ({after}) and type them again"


def _removed(ch: str) -> bool:
    return ch not in _KEPT and unicodedata.category(ch) in ("Cc", "Cf")


def _strings(data: Any, loc: tuple[object, ...]) -> Iterator[tuple[tuple[object, ...], str]]:
    stack: list[tuple[Any, tuple[object, ...]]] = [(data, loc)]
    while stack:
        value, at = stack.pop()
        if isinstance(value, str):
            yield at, value
        elif isinstance(value, dict):
            stack.extend((v, (*at, k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*at, i)) for i, v in enumerate(value))

"""Hints for names: a name made valid, and a name of one kind written where another goes.

An author writes the character's name where its id goes (`speaker = "Andrés Peña"`), or a
dot inside a scene's name (`[scenes.lent.money]`); the suggestion has to be the name the
file means, not the written one made valid.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sim.problems import NAME_MOST


def speaker_named(value: object, data: Any) -> str:
    """`speaker = "Andrés Peña"`: the character's name where its id goes.

    `sim.loading.crossref` says this for a name shaped like an id ("nia"); a name
    with a space or an accent fails the pattern first, and slugging it
    ('andres-pena') names no character.
    """
    chars = data.get("characters") if isinstance(data, dict) else None
    if not isinstance(value, str) or not isinstance(chars, dict) or slug_of(value) in chars:
        return ""  # "Kim": its spelling as a name is the id, and "did you mean 'kim'?" says so
    wanted = unicodedata.normalize("NFC", value).strip().casefold()
    for cid, ch in chars.items():
        name = ch.get("name") if isinstance(ch, dict) else None
        if (
            isinstance(name, str)
            and unicodedata.normalize("NFC", name).strip().casefold() == wanted
        ):
            return (
                f"[characters.{cid}] has the name '{name}': speaker takes the id, so write "
                f'speaker = "{cid}"'
            )
    return ""


NAMED = ("scenes", "endings", "characters")


def dotted_name(loc: Sequence[object]) -> str:
    """`[scenes.bridge.two]`: a dot meant as part of a name made a table inside `bridge`."""
    kind, owner, name = (str(part) for part in loc)
    return (
        f"[{kind}.{owner}.{name}] is a table inside {kind[:-1]} '{owner}': in a header a '.' "
        f"starts a table inside the one before it; if '{owner}.{name}' is one name, write "
        f"[{kind}.{owner}-{name}] (a name holds no '.')"
    )


def name_hint(value: Any) -> str:
    """Suggest the valid spelling of a name: "Why Here" -> why-here."""
    rule = "names use lowercase letters, digits, '-' and '_'"
    if isinstance(value, str) and len(value) > NAME_MOST:
        return f"shorten it to at most {NAME_MOST} characters; {rule}"
    if isinstance(value, str) and value.startswith("@"):
        # slug_of would suggest the word without its "@", which is seldom a real name
        return f'only goto and next take "@outcome", to pick an ending; {rule}'
    if isinstance(value, str):
        slug = slug_of(value)
        if slug and slug != value:
            return f"did you mean '{slug}'? {rule[0].upper()}{rule[1:]}"
    return rule + ", e.g. why-here"


def slug_of(value: str) -> str:
    """A name made valid: "Why Here" -> why-here (every kind of space counts as one).

    Invisible characters (zero-width spaces, bidi marks, controls) are dropped,
    not turned into '-': "open\u200bing" meant "opening". Letters are taken
    apart first (NFKD) and their accents dropped, so "café" and a full-width
    "ｒｅａｓｏｎ" come out as cafe and reason, not caf and nothing.
    """
    value = "".join(
        ch
        for ch in unicodedata.normalize("NFKD", value)
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Mn")
    )
    return re.sub(r"[^a-z0-9_-]+", "-", value.strip().lower()).strip("-")


def free_file_name(file: Path, stem: str) -> str:
    """`stem`.toml, or `stem`-2.toml and on: a name no other file beside `file` has, so a
    "rename the file to ..." hint is safe to follow."""
    name, n = f"{stem}.toml", 2
    while _taken(file.parent / name, file):
        name, n = f"{stem}-{n}.toml", n + 1
    return name


def _taken(candidate: Path, file: Path) -> bool:
    """Whether another file already has this name (on a case-blind disk it may be this one)."""
    try:
        return candidate.exists() and not candidate.samefile(file)
    except OSError:
        return candidate.exists()

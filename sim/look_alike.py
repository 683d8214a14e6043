"""Names that look alike: one rule for the people a trainee reads and the trainees a trainer reads.

A classroom produces 'Zoe Ng' beside 'Zoë Ng', "O'Brien" beside a phone's 'O’Brien',
and 'Ana' beside 'Аna' with a Cyrillic А from a second keyboard layout; a scenario can
hold 'Alex' beside 'ALEX', a full-width 'Ａｌｅｘ', or 'Alex' with a zero-width space
inside. Each pair reads as one name. The class summary names such trainees
(`sim.records.classroom`), and `peer-sim check` names such characters
(`sim.authoring.look_alike`): one `skeleton` decides for both, so what a trainer is
warned of and what an author is told can never drift apart. A leaf: it imports only
the text gate's `name_key`, so the checker need not import the records.
"""

from __future__ import annotations

import unicodedata

from sim.text import BLANK_LETTERS, name_key

# Letters of other scripts drawn like Latin ones (casefolded first), after Unicode's
# confusables: the ones a second keyboard layout types by accident.
_LIKE_LATIN = str.maketrans(
    {
        **dict(zip("авекмнорстухіјѕԁһӏԛԝү", "abekmhopctyxijsdhlqwy", strict=True)),
        **dict(zip("αβεζηικμνορτυχ", "abeznikmvoptux", strict=True)),
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
    }
)


def skeleton(name: str) -> str:
    """What a name looks like, roughly: its letters and digits without accents or case,
    other scripts' look-alike letters as Latin, and no spaces or punctuation
    ('Anne-Marie' and 'Anne Marie', "O'Brien" and 'O’Brien' and 'OBrien' are one)."""
    folded = unicodedata.normalize("NFKD", name).casefold().translate(_LIKE_LATIN)
    bare = unicodedata.normalize("NFKD", folded)  # a casefold can compose again
    return "".join(
        ch
        for ch in bare
        if ch.isalnum() and unicodedata.category(ch)[0] != "M" and ch not in BLANK_LETTERS
    )


def _scripts(name: str) -> set[str]:
    """The scripts of a name's letters, by the first word of each one's Unicode name."""
    return {
        unicodedata.name(ch, "?").split(" ")[0]
        for ch in name
        if ch.isalpha() and unicodedata.name(ch, "")
    }


def hidden_letters(name: str) -> str:
    """In a Latin name, the letters of another script ('the А is Cyrillic'); else ''.

    Those make two names print alike: the trainer needs to be told which one differs.
    """
    if "LATIN" not in _scripts(name):
        return ""
    odd: dict[str, list[str]] = {}
    for ch in dict.fromkeys(name):
        if ch.isalpha():
            script = unicodedata.name(ch, "?").split(" ")[0].capitalize()
            if script != "Latin":
                odd.setdefault(script, []).append(ch)
    return "; ".join(
        f"its {', '.join(letters)} {'is' if len(letters) == 1 else 'are'} {script}"
        for script, letters in odd.items()
    )


def look_alike(names: list[str]) -> list[list[str]]:
    """Groups of two or more of `names` (each a different trainee) that look alike."""
    groups: dict[str, list[str]] = {}
    for name in names:
        shape = skeleton(name)
        if shape:
            groups.setdefault(shape, []).append(name)
    out = []
    for group in groups.values():
        distinct = list({name_key(n): n for n in group}.values())
        if len(distinct) > 1:
            out.append(sorted(distinct, key=lambda n: (n.casefold(), n)))
    return sorted(out, key=lambda g: g[0].casefold())

"""Sentences for a key or table written twice, the TOML mistake with the most causes.

tomli says "Cannot declare ('scenes', 'a', 'choices') twice" or "Cannot
overwrite a value"; behind it may be single brackets where double were meant
(two choices written as two [tables]), a key set twice in one table, a key
that landed under the wrong header, or a list written in full and then added
to with [[blocks]]. Each needs a different fix, so each is told apart here by
reading the lines above.
"""

from __future__ import annotations

import re

from sim.loading.toml_lines import KEY, Specific, header_name, header_text

try:  # the parser the loader uses (sim.loading.toml_read), which imports this module
    import tomli as _toml
except ImportError:  # pragma: no cover - exercised only where tomli is missing
    import tomllib as _toml  # type: ignore[no-redef]


def _set_at(lines: list[str], before: int, name: str) -> int | None:
    """The line (1-based, before line `before`) where the last part of `name` is set as a key
    of its table: `next = [...]` under [scenes.x] for scenes.x.next."""
    parent, _dot, key = name.rpartition(".")
    inside = parent == ""  # top-level keys come before the first header
    found = None
    for i, text in enumerate(lines[: before - 1], 1):
        header = header_name(text)
        if header:
            inside = header[1] == parent
            continue
        m = KEY.match(text) or _DOTTED.match(text)
        if inside and m and m.group(1).strip('"') == key:
            found = i
    return found


# `also.when = { ... }`: a dotted key, which makes `also` a table of its table.
_DOTTED = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*\.\s*[A-Za-z0-9_\"-]")


def written_in_full(lines: list[str], line: int, column: int | None, name: str) -> Specific:
    """`next = [...]` (or `next = "x"`) and then [[scenes.x.next]] blocks: two ways of one key."""
    key = name.rpartition(".")[2]
    first = _set_at(lines, line, name)
    where = f" on line {first}" if first else " above"
    header = header_name(lines[line - 1])
    written = lines[first - 1].split("=", 1)[0].strip() if first else key
    if header and "." in written and written.split(".")[0].strip() == key:
        # `also.when = ...` under [endings.x], then [[endings.x.also]] blocks: the dotted
        # line made `also` one table; its key belongs in a block of its own.
        shown = header_text(*header)
        inner = written.split(".", 1)[1].strip()
        return (
            f"{shown} adds to '{key}', but line {first} ({written} = ...) already made "
            f"'{key}' one table of [{name.rpartition('.')[0]}]",
            f"each entry of {key} is a {shown} block: move {inner} = ... from line {first} "
            f"into such a block (on its own line, below the header), and delete line {first}",
            column,
        )
    if header:
        shown = header_text(*header)
        return (
            f"{shown} adds to '{key}', but '{key}' is already set{where} ({key} = ...)",
            f"write {key} one way: keep the {key} = ... line and delete every {shown} block, "
            f"or delete the {key} = ... line and keep the blocks",
            column,
        )
    return (
        f"'{key}' is already written in full{where}, so this line cannot add to it",
        f"put this inside the {key} = ... on that line instead",
        column,
    )


def _list_meant(name: str, lines: list[str], first: int, second: int) -> bool:
    """Were two `[name]` tables meant as two entries of a list?

    The format knows (`choices` is a list of tables, `scenes.x` is one
    table); for a name it does not know, two blocks that set the same key
    cannot be one table, so they are taken as two entries.
    """
    try:
        from sim.loading import shape
        from sim.model import Catalogue, Scenario

        parts: list[object] = list(name.split("."))
        for model in (Scenario, Catalogue):
            if shape.walk(model, parts) is not None:
                return shape.is_list_of_tables(model, parts)
    except Exception:  # the models are a help here, never a new way to fail
        pass
    return bool(_keys_of(lines, first) & _keys_of(lines, second))


def _keys_of(lines: list[str], header_line: int) -> set[str]:
    """The keys set under the header on `header_line`, up to the next header."""
    keys: set[str] = set()
    for text in lines[header_line:]:
        if header_name(text):
            break
        m = KEY.match(text)
        if m:
            keys.add(m.group(1).strip('"'))
    return keys


def _keys_between(lines: list[str], header_line: int, end: int) -> set[str]:
    """The keys set on the lines after the header on `header_line` and before line `end`."""
    return {
        m.group(1).strip('"') for text in lines[header_line : end - 1] if (m := KEY.match(text))
    }


def _key_line(lines: list[str], header_line: int, key: str) -> int | None:
    """The line under the header on `header_line` that sets `key`, if one does."""
    for i, text in enumerate(lines[header_line:], header_line + 1):
        if header_name(text):
            return None
        m = KEY.match(text)
        if m and m.group(1).strip('"') == key:
            return i
    return None


# Tables whose name is fixed: a second one cannot be renamed, only merged into the first.
_ONE_OF_A_KIND = {
    "debrief": "reflect is one list: put the prompts of both in it, one entry each",
    "meters": "it sets trust and empowerment once each",
}


def declared_twice(raw_msg: str, lines: list[str], line: int, column: int | None) -> Specific:
    """`Cannot declare ... twice`: a [table] header met again; was a [[list]] meant?"""
    found = re.search(r"\((.*)\)", raw_msg)
    parts = re.findall(r"'([^']*)'", found.group(1)) if found else []
    name = ".".join(parts)
    first = None
    first_brackets = ""
    for i, text in enumerate(lines[: line - 1], 1):
        header = header_name(text)
        if header and header[1] == name:
            first, first_brackets = i, header[0]
            break
    if first is not None and first_brackets == "[[":
        return (
            f"[{name}] has single brackets, but [[{name}]] on line {first} made it a list",
            f"write this one as [[{name}]] too: each [[...]] block is one entry of the list",
            column,
        )
    if first is not None and _list_meant(name, lines, first, line):
        return (
            f"[{name}] appears twice (the first is on line {first}); each is one entry of a list",
            f"write each of them as [[{name}]] with double brackets: each [[...]] block is one "
            "entry, "
            "and merging them would lose one",
            column,
        )
    if first is None:
        dotted = _made_by_dotted_key(lines, line, name)
        if dotted is not None:
            return _dotted_then_header(name, dotted, column)
    where = f" (the first is on line {first})" if first else ""
    both = sorted(_keys_of(lines, first) & _keys_of(lines, line)) if first else []
    if name in _ONE_OF_A_KIND:
        # a README block pasted below a file that has its own: "give one another name"
        # cannot be followed, since peer-sim reads only this name
        return (
            f"[{name}] appears twice{where}: a scenario has one [{name}]",
            "keep the first header and move what is under this one into it, then delete "
            f"this header; {_ONE_OF_A_KIND[name]}",
            column,
        )
    if both:
        return (
            f"[{name}] appears twice{where}, and both set '{both[0]}'",
            "a table is written once: if these are two different things, give one another "
            "name; if they are one, keep one value of each key under one header",
            column,
        )
    return (
        f"[{name}] appears twice{where}",
        "a table is written once: if the two are one thing, move the keys of one into the "
        "other and delete its header; if they are two things, give one another name",
        column,
    )


def _made_by_dotted_key(lines: list[str], before: int, name: str) -> tuple[int, str] | None:
    """The line (and its dotted key) above `before` that already made table `name`:
    `endings.x.also = [...]` among the top-level keys makes [endings.x], so the
    [endings.x] header below is its second declaration."""
    prefix = name.split(".")
    for i, text in enumerate(lines[: before - 1], 1):
        if header_name(text):
            return None  # keys below a header belong to it: only the top-level ones count
        key = text.split("=", 1)[0] if "=" in text else ""
        parts = [p.strip().strip('"') for p in key.split(".")]
        if len(parts) > len(prefix) and parts[: len(prefix)] == prefix:
            return i, ".".join(parts)
    return None


def _dotted_then_header(name: str, dotted: tuple[int, str], column: int | None) -> Specific:
    first, written = dotted
    rest = written[len(name) + 1 :]
    block = rest.split(".")[0]
    return (
        f"[{name}] appears twice: line {first} ({written} = ...) already made it, since a "
        f"dotted key makes the tables it names",
        f"delete line {first} and write it below [{name}] instead: as {rest} = ... among its "
        f"keys, or, for a list of entries such as also or variants, as [[{name}.{block}]] "
        "blocks after them (one block per entry, its keys on the lines below)",
        column,
    )


# How far back a value written over several lines is looked for: a list of reflections or a
# long text is tens of lines, never thousands.
_LONGEST_VALUE = 400


def statement_start(lines: list[str], line: int) -> int:
    """The line where the key whose value ends on `line` is written.

    tomli reports a key set twice where the second value ends: for `reflect = [`
    over several lines that is the closing `]`, which names no key. The start is the
    nearest `key =` line above that, read with the lines down to `line`, is one whole
    key and value (a `key =` inside a long text is not, so it is passed over).
    """
    if line < 1 or line > len(lines) or header_name(lines[line - 1]) or KEY.match(lines[line - 1]):
        return line
    for start in range(line - 1, max(0, line - _LONGEST_VALUE), -1):
        text = lines[start - 1]
        if header_name(text):
            break
        if KEY.match(text):
            try:
                parsed = _toml.loads("\n".join(lines[start - 1 : line]))
            except Exception:  # not one whole statement: a key = inside a long text, say
                continue
            if len(parsed) == 1:
                return start
    return line


def _lines_of(lines: list[str], start: int) -> str:
    """`line 5`, or `lines 5 to 7` for a value written over several lines: the lines a
    "delete" hint must name, since deleting only the first of them leaves the rest broken."""
    for end in range(start, min(len(lines), start + _LONGEST_VALUE) + 1):
        try:
            parsed = _toml.loads("\n".join(lines[start - 1 : end]))
        except Exception:  # the value goes on below
            continue
        if len(parsed) == 1:
            return f"line {start}" if end == start else f"lines {start} to {end}"
    return f"line {start}"


def _blocks_of(lines: list[str], before: int, table: str, key: str) -> tuple[int, str] | None:
    """The first [[table.key]] (or [table.key]) header above line `before`, with its text."""
    name = f"{table}.{key}" if table else key
    for i, text in enumerate(lines[: before - 1], 1):
        header = header_name(text)
        if header and header[1] == name:
            return i, header_text(*header)
    return None


def overwritten(lines: list[str], line: int, column: int | None) -> Specific | None:
    """`Cannot overwrite a value`: a [[block]] clashing with a [table] or key, or a key set twice.

    A key set twice below a nested header is usually the parent's own key that
    landed under the child, so the hint says to move it up rather than delete.
    """
    here = lines[line - 1]
    header = header_name(here)
    if header and header[0] == "[[":
        name = header[1]
        single = next(
            (i for i, t in enumerate(lines[: line - 1], 1) if header_name(t) == ("[", name)),
            None,
        )
        if single:
            return (
                f"[{name}] on line {single} has single brackets, but [[{name}]] here has double",
                f"write every one of them as [[{name}]]: each [[...]] block is one entry in a list",
                column,
            )
        if _set_at(lines, line, name):
            return written_in_full(lines, line, column, name)
        return (
            f"[[{name}]] clashes with a key of the same name above",
            "rename one of them",
            column,
        )
    key = KEY.match(here)
    if key:
        name = key.group(1).strip('"')
        first = None
        header_at = None
        for i in range(line - 2, -1, -1):  # back to this table's header
            if header_name(lines[i]):
                header_at = i + 1
                break
            m = KEY.match(lines[i])
            if m and m.group(1).strip('"') == name:
                first = i + 1
        where = f" (first on line {first})" if first else ""
        hint = "keep only one of them"
        found = header_name(lines[header_at - 1]) if header_at else None
        blocks = None if first else _blocks_of(lines, line, found[1] if found else "", name)
        if blocks is not None:
            # [[debrief.reflect]] blocks above, then reflect = [...] under [debrief]: one
            # list written two ways, as written_in_full says for the other order.
            at, shown = blocks
            return (
                f"'{name}' is already written as {shown} on line {at}, so {name} = ... here "
                "cannot set it again",
                f"write {name} one way: keep the {name} = ... line and turn every {shown} "
                f"block into an entry of it, or delete the {name} = ... line and give each of "
                f"its entries a {shown} block of its own",
                key.start(1) + 1,
            )
        if found and "." in found[1]:
            # `text` for the scene written after a [[...variants]] block lands in
            # the variant: deleting either loses a text; the fix is to move one up.
            brackets, table = found
            parent = table.rsplit(".", 1)[0]
            shown_header = header_text(brackets, table)
            parent_at = next(
                (
                    i
                    for i, t in enumerate(lines[: header_at - 1], 1)
                    if header_name(t) == ("[", parent)
                ),
                None,
            )
            own = _key_line(lines, parent_at, name) if parent_at else None
            if own:
                # [endings.X] already has its `text`: moving this one up would set it twice
                # there; the two below the block are both the block's, one too many.
                hint = (
                    f"[{parent}] has its own '{name}' on line {own}, so both of these belong to "
                    f"{shown_header}: keep only one of them"
                    + (
                        f": delete {_lines_of(lines, first)} or {_lines_of(lines, line)}"
                        if first
                        else ""
                    )
                )
            elif parent_at and _parent_takes(parent, name):
                hint = (
                    f"both are below {shown_header} (line {header_at}), and a key belongs to "
                    f"the header above it: if this one is [{parent}]'s own, move it up, below "
                    f"[{parent}] and before line {header_at}; otherwise keep only one of them"
                )
        if hint == "keep only one of them" and first:
            hint = (
                f"keep only one of them: delete {_lines_of(lines, first)} or "
                f"{_lines_of(lines, line)}"
            )
        if found and found[0] == "[[" and first and header_at:
            hint = _header_forgotten(lines, found, header_at, line) + hint
        table_said = "in the same table"
        if found:  # which table, as its header reads: the author's own words for it
            table_said = f"under {header_text(*found)} of line {header_at}"
        return (f"'{name}' is set twice {table_said}{where}", hint, key.start(1) + 1)
    return None


# What one entry of each list of tables is, for "another choice".
_ENTRY_WORDS = {"choices": "choice", "variants": "variant", "also": "paragraph", "next": "branch"}


def _header_forgotten(lines: list[str], found: tuple[str, str], header_at: int, line: int) -> str:
    """The other cause of a key set twice in a [[...]] block: the next entry's header left out
    (a choice pasted below another without its own [[scenes.x.choices]]), where deleting
    either line would keep half of each entry in one. The entry starts after the last blank
    line above the repeat (past any comment), else at the repeat itself. Said only when the
    lines from there repeat two keys or more of the entry above: one key written twice in a
    choice is only that."""
    start = line
    for i in range(line - 1, header_at, -1):
        if not lines[i - 1].strip():
            start = next(
                (j for j in range(i + 1, line + 1) if not lines[j - 1].lstrip().startswith("#")),
                line,
            )
            break
    above = _keys_between(lines, header_at, start)
    if len(above & _keys_of(lines, start - 1)) < 2:
        return ""
    shown = header_text(*found)
    entry = _ENTRY_WORDS.get(found[1].rpartition(".")[2])
    which = f"{shown} for another {entry}" if entry else shown
    return (
        f"if line {start} starts another entry, its header is missing: write its header "
        f"({which}) on a line of its own above line {start}; if not, "
    )


def _parent_takes(parent: str, key: str) -> bool:
    """Whether [parent] may hold `key`, so "move it up" can be right.

    `trust` written twice in a choice is not a scene key: moving one up to the
    scene would be a second error. Tables the scenario format does not know
    (a principles.toml, say) keep the advice.
    """
    from sim.loading import shape  # pydantic only when a file has this mistake
    from sim.model.scenario import Scenario

    allowed = shape.allowed_keys(Scenario, parent.split("."))
    return not allowed or key in allowed

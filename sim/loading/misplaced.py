"""A key written in the wrong place: the right key, below the wrong header or in the wrong table.

In TOML every key belongs to the header above it, so a scene's `speaker`
written after its `[[...choices]]` lands in the last choice, and pydantic says
only "extra key". These read where the key went and where it belongs; `next`
on a choice and `goto` on a scene (the two keys authors swap) get their own
sentence, since "move it up" would make a second error there. A header with a
misspelt name (`[[scenes.stroy.choices]]`) is the same slip from the other side:
the keys are right, the table they made should not exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from sim.loading import shape
from sim.loading.keypath import format_key, toml_name
from sim.loading.locate import Locator
from sim.loading.names import slug_of
from sim.problems import did_you_mean


def owner_of(
    model: type[BaseModel], loc: tuple[object, ...], locator: Locator
) -> tuple[object, ...] | None:
    """The enclosing table a key unknown here belongs to, if it was written below a header.

    In TOML every key below a header belongs to that header's table until the
    next header, so `speaker` written after a scene's `[[...choices]]` blocks
    lands in its last choice, and `minutes` added at the end of the file lands
    in `[debrief]`. The key is right; its place is not.
    """
    name, table = loc[-1], loc[:-1]
    at = locator.positions.get(table) if table else None
    if at is None or not locator.source.startswith("[", at):
        return None  # an inline { ... } table: nothing was misplaced by a header
    for depth in range(len(table) - 1, -1, -1):
        prefix = table[:depth]
        if name in shape.allowed_keys(model, prefix):
            return prefix
    return None


def misplaced_hint(
    loc: Sequence[object], owner: tuple[object, ...], locator: Locator, data: Any
) -> tuple[str, str]:
    """Message and hint for a key that landed in the table above it: where it belongs instead."""
    name, table = loc[-1], tuple(loc[:-1])
    header = header_of(table)
    line = locator.line_col(locator.positions[table])[0]
    if next_on_choice(tuple(loc)):
        what = "a branch of next" if loc[-3] == "next" else "a choice"
        return _next_in_choice(header, value_at(data, table), what)
    if name == "meters" and len(table) == 4 and table[0] == "scenes" and table[2] == "choices":
        return _meters_in_choice(header, value_at(data, tuple(loc)))
    already = value_at(data, (*owner, name)) if owner else None
    if already is not None and name == "speaker" and "variants" in table:
        # The scene has its speaker: this one was meant to change it for one variant.
        return (
            f"'{name}' is not a key of {header}: a variant keeps the speaker of "
            f"{header_of(owner)} ({already!r})",
            "a variant's text is that speaker's words: put what happens around them in the "
            "variant's action, or write a scene of its own for another speaker (leave its "
            "speaker out for narration)",
        )
    if already is not None:
        home = header_of(owner)
        lost = _scene_without_header(name, table, data)
        if lost is not None:
            first = min(
                locator.line_col(locator.positions[(*table, k)])[0]
                for k in ("speaker", "text", "action")
                if (*table, k) in locator.positions
            )
            # [scenes.plan] left out: its speaker and text land in the last choice above,
            # and "remove this one" would throw away the scene's own words.
            return (
                f"'{name}' is not a key of {header}; it is a key of {home}, which has its own "
                f"{name} already",
                f"if this line begins scene '{lost}' (its [[scenes.{lost}.choices]] below has "
                f"no scene text), its header is missing: write [scenes.{lost}] on a line of its "
                f"own above line {first}; if not, remove this one, or change the {name} of {home}",
            )
        return (
            f"'{name}' is not a key of {header}; it is a key of {home}, which has its own "
            f"{name} already",
            f"an entry of {header} cannot change it: remove this one, or change the {name} "
            f"of {home}"
            + (
                f" (to go on differently after different choices, replace its next with "
                f"[[{toml_name(owner)}.next]] branches, each with a when and a goto)"
                if name == "next" and owner and owner[0] == "scenes"
                else ""
            ),
        )
    dotted = _dotted_key(name, value_at(data, tuple(loc)))
    if not owner and dotted is not None:
        return _dotted_hint(dotted, header, line, locator)
    if owner == () and value_at(data, (name,)) is not None:
        # `title = "x"` under [characters.ana] beside the scenario's own title: "move it to
        # the top of the file" would write a second title there (author35)
        return (
            f"'{name}' is not a key of {header}; it is a top-level key, and the file has its "
            f"own {name} at the top already",
            f"remove this one, or change the {name} at the top of the file",
        )
    if owner:
        home = header_of(owner)
        what, where = f"a key of {home}", f"up, below {home} and before the next header after it"
    else:
        what, where = "a top-level key", "to the top of the file, above the first [table] header"
    return (
        f"'{name}' is not a key of {header}; it is {what}",
        f"a key belongs to the header above it, up to the next header, so this one landed in "
        f"{header} (line {line}): move it {where}",
    )


def _meters_in_choice(header: str, value: Any) -> tuple[str, str]:
    """`meters = { trust = 6 }` (or `meters.trust = 6`) in a choice: its change to the
    meters was meant. It was told it is a top-level key to move to the top of the file,
    or to write trust below [meters], either of which changes where the meters start."""
    changes = value if isinstance(value, dict) else {}
    known = [(k, v) for k, v in changes.items() if k in ("trust", "empowerment")]
    if known and len(known) == len(changes) and all(type(v) is int for _, v in known):
        written = " and ".join(f"{k} = {v:+d}" for k, v in known)
        fix = f"write {written} in the choice itself, without meters"
    else:
        fix = "write trust = ... and empowerment = ... in the choice itself (e.g. trust = +6)"
    return (
        f"'meters' is not a key of {header}: a choice changes the meters with its own trust "
        "and empowerment keys ([meters] at the top of the file sets where they start)",
        fix,
    )


def _scene_without_header(name: object, table: tuple[object, ...], data: Any) -> str | None:
    """The one scene with choices and no text, when a scene key landed in another's choice:
    the scene whose own [scenes.ID] header was left out above those keys."""
    if name not in ("speaker", "text", "action") or len(table) != 4 or table[2] != "choices":
        return None
    scenes = value_at(data, ("scenes",))
    if not isinstance(scenes, dict):
        return None
    bare = [
        sid
        for sid, scene in scenes.items()
        if sid != table[1]
        and isinstance(scene, dict)
        and "text" not in scene
        and "choices" in scene
    ]
    return str(bare[0]) if len(bare) == 1 else None


def _dotted_key(name: object, value: Any) -> tuple[tuple[str, ...], Any] | None:
    """`endings.x.also = [...]` read back from the nested tables TOML made of it: its
    dotted path and its value, or None for a plain key (`minutes = 5` placed too low)."""
    if not isinstance(value, dict) or len(value) != 1 or not isinstance(name, str):
        return None
    path = [name]
    while isinstance(value, dict) and len(value) == 1:
        key, value = next(iter(value.items()))
        path.append(str(key))
    return tuple(path), value


def _dotted_hint(
    dotted: tuple[tuple[str, ...], Any], header: str, line: int, locator: Locator
) -> tuple[str, str]:
    """A dotted key (`endings.x.also = ...`) below a header adds to that header's table,
    so it made `endings` inside it. Moved to the top of the file it would define
    [endings.x] a second time (an error of its own), so the hint names the header to
    write instead, and where that table's header already is."""
    path, value = dotted
    written = format_key(path)
    message = (
        f"'{written} = ...' is a dotted key written under {header} (line {line}), so it "
        f"made a table '{path[0]}' inside {header}, which has no such key"
    )
    blocks = isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
    if blocks:
        keys = list(dict.fromkeys(str(k) for v in value for k in v))  # as written
        shown_keys = " and ".join(f"{k} = ..." for k in keys) or "its keys"
        return message, (
            f"write each entry as a block of its own: a line [[{written}]], then "
            f"{shown_keys} on the lines below it (one [[{written}]] block per entry, "
            "after every key of the table above it)"
        )
    table = path[:-1]
    at = locator.positions.get(table)
    where = (
        f"below [{format_key(table)}] (line {locator.line_col(at)[0]}), before the next header"
        if at is not None and locator.source.startswith("[", at)
        else f"below a header [{format_key(table)}] of its own"
    )
    if isinstance(value, dict):
        return message, f"write [{written}] as a header, with its keys on the lines below it"
    return message, f"write {path[-1]} = ... {where}"


def names_as_branches(loc: Sequence[object], data: Any) -> bool:
    """`next = ["a", "b"]`: a list of names where `next` takes one name or a list of branches."""
    return (
        len(loc) == 4
        and loc[0] == "scenes"
        and loc[2] == "next"
        and isinstance(loc[3], int)
        and isinstance(value_at(data, loc), str)
    )


def next_names(names: Any) -> tuple[str, str]:
    """One error for the whole list, with the two forms `next` does take, as TOML that parses."""
    first = (
        next((n for n in names if isinstance(n, str)), "...") if isinstance(names, list) else "..."
    )
    return (
        'next should be one place to go (a scene, an ending or "@outcome"), or a list of '
        "branches (tables with goto and when), not a list of names",
        f'for one way on write next = "{first}"; to go on differently after different choices, '
        f"give each branch a goto and a when (the last needs no when): next = [{{ when = {{ flags "
        f'= ["..."] }}, goto = "{first}" }}, {{ goto = "..." }}]',
    )


def next_on_choice(loc: tuple[object, ...]) -> bool:
    """`next` in a choice, or in a `[[scenes.x.next]]` branch: both go on with goto."""
    return len(loc) >= 3 and loc[-1] == "next" and loc[-3] in ("choices", "next")


def goto_on_scene(loc: tuple[object, ...]) -> bool:
    """`goto` on a scene itself, where a scene without choices takes `next`."""
    return len(loc) == 3 and loc[0] == "scenes" and loc[-1] == "goto"


def goto_in_scene(scene: Any) -> tuple[str, str]:
    """`goto` on a scene is meant as its `next`, unless the scene has choices of its own."""
    message = "'goto' is not a key of a scene: a scene without choices goes on with next"
    if isinstance(scene, dict) and scene.get("choices"):
        return message, "this scene has choices, each with its own goto: remove this goto line"
    return message, "rename goto to next"


def _next_in_choice(header: str, choice: Any, what: str = "a choice") -> tuple[str, str]:
    """`next` on a choice (or a branch of next) is nearly always meant as its `goto`, not
    a scene key written too low.

    Moving it up to the scene (the general advice for a misplaced key) gives a
    scene with both choices and next, or next written twice: another error.
    """
    goto = choice.get("goto") if isinstance(choice, dict) else None
    message = f"'next' is not a key of {header}: {what} goes on with goto"
    if isinstance(goto, str):
        # "remove the next line" read as "the line below": the line is named by its text
        said = choice.get("next")
        line = f'next = "{said}"' if isinstance(said, str) else "next = ..."
        return (
            message,
            f'this {what.split()[-1]} already has goto = "{goto}": delete the line {line}',
        )
    return message, "rename next to goto"


def value_at(data: Any, path: Sequence[object]) -> Any:
    """The raw value at `path` in the parsed TOML, or None where the path does not lead."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def header_of(path: Sequence[object]) -> str:
    """The header an author wrote for a table: `[[scenes.x.choices]]` for a list entry."""
    name = toml_name(path)
    return f"[[{name}]]" if path and isinstance(path[-1], int) else f"[{name}]"


# The keys of a scene or ending written under its own header; a table holding
# none of them was made only by a `[[NAME.ID.choices]]`-style header.
_OWN_KEYS = {
    "scenes": ("text", "speaker", "action", "next"),
    "endings": ("title", "outcome", "text", "when"),
}


# The lists a `[[NAME.ID.LIST]]` header can add to a scene or an ending.
_SUB_LISTS = {"scenes": ("choices", "variants", "next"), "endings": ("variants", "also")}


def stray_tables(
    errors: list[dict[str, Any]], data: Any, locator: Locator
) -> dict[tuple[object, ...], tuple[str, str]]:
    """Scenes and endings made by a misspelt header, with the sentence that says so.

    `[[scenes.stroy.choices]]` under a scene `story` makes a scene `stroy` with
    choices and no text; "add text" would make the typo a second scene. A table
    whose sub-tables are none of a scene's lists (a dotted name) maps to ("", ""):
    its unknown key says the whole slip, so its missing keys are not said at all.
    """
    out: dict[tuple[object, ...], tuple[str, str]] = {}
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] != "missing" or len(loc) != 3 or loc[0] not in _OWN_KEYS:
            continue
        kind, name = loc[0], loc[1]
        tables = data.get(kind) if isinstance(data, dict) else None
        table = tables.get(name) if isinstance(tables, dict) else None
        if loc[:2] in out or not isinstance(table, dict) or not isinstance(name, str):
            continue
        own_keys = [k for k in _OWN_KEYS[kind] if k in table]
        if own_keys == ["next"] and _as_blocks(locator, (kind, name, "next")):
            own_keys = []  # [[scenes.x.next]] blocks: a list of the scene, not its own key
        if own_keys or not table:
            continue
        if not any(k in table for k in _SUB_LISTS[kind]):
            # `[scenes.ray.goes-on]`: a '.' for a '-', no list of the scene at all. The
            # unknown key 'goes-on' is said with the one-name fix; "rename this header"
            # or "add text" here would point the wrong way.
            out[loc[:2]] = ("", "")
            continue
        one, needs = ("scene", "text") if kind == "scenes" else ("ending", "title, outcome or text")
        sub = sorted(table)[0]
        header = f"[[{kind}.{name}.{sub}]]"
        own = _own_header_misspelt(data, kind, name)
        if own is not None:
            # `[scene.middle]` above `[[scenes.middle.choices]]`: this header is the right one
            at = locator.find((own, name))
            on = f" on line {at[0]}" if at else ""
            out[loc[:2]] = (
                f"{header} adds to {one} '{name}', but that {one}'s own header is written "
                f"[{own}.{name}]",
                f"write [{kind}.{name}]{on}, not [{own}.{name}]; this header is right",
            )
            continue
        dotted = _own_header_dotted(tables, name)
        if dotted is not None:
            # `[scenes.mia.answers]` above `[[scenes.mia-answers.choices]]`: this header
            # is right; the own header's '.' made a table inside scene 'mia'.
            at = locator.find((kind, *dotted))
            on = f" on line {at[0]}" if at else ""
            written = f"[{kind}.{'.'.join(dotted)}]"
            out[loc[:2]] = (
                f"{header} adds to {one} '{name}', but that {one}'s own header is written "
                f"{written}",
                f"write [{kind}.{name}]{on}, not {written}; this header is right",
            )
            continue
        close = did_you_mean(name, [n for n in tables if n != name and isinstance(n, str)])
        if not close:
            renamed = _renamed_above(tables, kind, name, sub, locator)
            if renamed is not None:
                meant, line = renamed
                out[loc[:2]] = (
                    f"{header} makes a new {one} '{name}', with no {needs} of its own",
                    f"the {one} just above it, [{kind}.{meant}] (line {line}), has no {sub}: "
                    f"if you renamed '{name}' to '{meant}', rename this header too: "
                    f"{header.replace(f'.{name}.', f'.{meant}.')}",
                )
            else:
                # A new scene written as its branches or variants alone: "add text" would
                # land the text in the last block, under the wrong header.
                first = "text" if kind == "scenes" else "title, outcome and text"
                landed = _landed_above(data, locator, name) if kind == "scenes" else None
                out[loc[:2]] = (
                    f"{header} makes a new {one} '{name}', with no {needs} of its own",
                    f"its header is missing above line {landed[1]}, where its own keys landed "
                    f"in {landed[0]}: write [{kind}.{name}] on a line of its own above line "
                    f"{landed[1]}"
                    if landed
                    else f"give it its own header above the first {header}: [{kind}.{name}], "
                    f'with {first} = "..." below it (a key belongs to the header above it)',
                )
            continue
        meant = close.split("'")[1]
        at = locator.find((kind, meant))
        on = f" (line {at[0]})" if at else ""
        if slug_of(meant) == name and slug_of(name) == name:
            # `[scenes.Money]` above `[[scenes.money.choices]]`: the own header is the one
            # that is not a valid name (its own error says so), so this header is right
            out[loc[:2]] = (
                f"{header} adds to {one} '{name}', but that {one}'s own header is written "
                f"[{kind}.{meant}]",
                f"write [{kind}.{name}]{f' on line {at[0]}' if at else ''}, not "
                f"[{kind}.{meant}]; this header is right",
            )
            continue
        out[loc[:2]] = (
            f"{header} makes a new {one} '{name}', with no {needs} of its own",
            f"did you mean {header.replace(f'.{name}.', f'.{meant}.')}, for the {one} "
            f"'{meant}'{on}? A header names its {one} exactly",
        )
    return out


def _landed_above(data: Any, locator: Locator, name: str) -> tuple[str, int] | None:
    """The choice (as its header reads) and first line where a scene's own keys landed when
    its [scenes.NAME] header was left out: the last choice of another scene, holding a text.
    Its header goes there, not above [[scenes.NAME.choices]], which would leave them behind."""
    scenes = value_at(data, ("scenes",))
    if not isinstance(scenes, dict):
        return None
    for sid, scene in scenes.items():
        choices = scene.get("choices") if isinstance(scene, dict) and sid != name else None
        if not isinstance(choices, list) or not choices or not isinstance(choices[-1], dict):
            continue
        if "text" not in choices[-1]:
            continue
        where = ("scenes", sid, "choices", len(choices) - 1)
        lines = [
            locator.line_col(locator.positions[(*where, k)])[0]
            for k in ("speaker", "text", "action")
            if (*where, k) in locator.positions
        ]
        if lines:
            return f"[[scenes.{sid}.choices]]", min(lines)
    return None


def _as_blocks(locator: Locator, path: tuple[object, ...]) -> bool:
    """Whether the list at `path` was written as [[...]] blocks (not `key = [...]`)."""
    at = locator.positions.get((*path, 0))
    return at is not None and locator.source.startswith("[", at)


def _renamed_above(
    tables: dict[str, Any], kind: str, name: str, sub: str, locator: Locator
) -> tuple[str, int] | None:
    """The scene (or ending) whose header stands just above `[[KIND.NAME.SUB]]` and lacks
    that SUB: `[scenes.money]` renamed `[scenes.loan]`, its `[[scenes.money.choices]]` not.

    "add text" at the choices would make the old name a second scene; the fix is the
    old name in these headers changed to the new one.
    """
    here = locator.find((kind, name))
    if here is None:
        return None
    above: tuple[str, int] | None = None
    for other, table in tables.items():
        at = locator.find((kind, other)) if isinstance(other, str) and other != name else None
        if at is None or at[0] >= here[0] or not isinstance(table, dict):
            continue
        if not any(k in table for k in _OWN_KEYS[kind]):
            continue  # made by a header like this one: no renamed scene of its own
        if above is None or at[0] > above[1]:
            above = (other, at[0])
    if above is None:
        return None
    table = tables[above[0]]
    # choices and next exclude each other: a scene with either has no orphan of the other
    other_way = {"choices": "next", "next": "choices"}.get(sub) if kind == "scenes" else None
    if table.get(sub) or (other_way and table.get(other_way)):
        return None  # it has its own: this header is not its orphan
    return above


def _own_header_dotted(tables: dict[str, Any], name: str) -> tuple[str, str] | None:
    """(outer, inner) when `[KIND.outer.inner]` is `name` with a '.' for its '-' or '_'."""
    for outer, table in tables.items():
        if not isinstance(outer, str) or not isinstance(table, dict):
            continue
        for inner, value in table.items():
            if isinstance(value, dict) and name in (f"{outer}-{inner}", f"{outer}_{inner}"):
                return outer, inner
    return None


def _own_header_misspelt(data: dict[str, Any], kind: str, name: str) -> str | None:
    """The misspelt section (`scene`) whose table `name` is this one's own header, if any."""
    for key, value in data.items():
        if key == kind or not isinstance(value, dict) or not isinstance(value.get(name), dict):
            continue
        if did_you_mean(str(key), [kind]):
            return str(key)
    return None


_CONDITION_KEYS = frozenset(
    (
        "min_trust",
        "max_trust",
        "min_empowerment",
        "max_empowerment",
        "flags",
        "not_flags",
        "visited",
        "not_visited",
        "any",
    )
)


def condition_outside_when(
    model: type[BaseModel], loc: Sequence[object], data: Any
) -> tuple[str, str] | None:
    """`min_trust = 30` written straight on a choice (a variant, an ending, a branch): the
    key of a condition, beside the `when` it belongs in.

    "keys allowed here: ..., when, ..." lists the right key without saying what to do
    with this one; the fix is the same key and value inside `when = { ... }`.
    """
    name = loc[-1] if loc else None
    if name not in _CONDITION_KEYS or "when" not in shape.allowed_keys(model, loc[:-1]):
        return None
    value = value_at(data, loc)
    written = f"{name} = {_inline_value(value)}"
    message = f"'{name}' is a key of a condition, not of {header_of(loc[:-1])}"
    owner = value_at(data, loc[:-1])
    if isinstance(owner, dict) and isinstance(owner.get("when"), dict):
        kept = [f"{k} = {_inline_value(v)}" for k, v in owner["when"].items() if k != name]
        joined = ", ".join([*kept, written])
        if "..." in joined:
            joined = f"..., {written}"
        hint = f"move it into the when this entry already has: when = {{ {joined} }}"
    else:
        hint = f"write it inside a when: when = {{ {written} }}"
    if name == "flags" and "sets" in shape.allowed_keys(model, loc[:-1]):
        hint += f"; or, to set the flags when this line is chosen, sets = {_inline_value(value)}"
    return message, hint


def _inline_value(value: Any) -> str:
    """A value as TOML writes it inline, for a hint that is itself TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return "[ " + ", ".join(_inline_value(v) for v in value) + " ]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_inline_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, str):
        return f'["{value}"]' if value == slug_of(value) else '"..."'
    return "..."


@dataclass(frozen=True)
class LooseMeters:
    """`trust = 40` and `empowerment = 25` among the top-level keys, with no [meters]."""

    keys: frozenset[tuple[object, ...]]
    at: tuple[int, int]
    message: str
    hint: str


def loose_meters(data: Any, locator: Locator) -> LooseMeters | None:
    """The meters' keys written at the top level, where the file has no [meters] table.

    pydantic says three things: `meters` is missing, `trust` and `empowerment` are not
    keys. They are one slip, a header left out, said once at the first of the keys.
    """
    if not isinstance(data, dict) or "meters" in data:
        return None
    found = [k for k in ("trust", "empowerment") if k in data]
    if not found:
        return None
    places = [(k, locator.find((k,))) for k in found]
    lines = [where for _k, where in places if where]
    written = " and ".join(f"{k} = {_inline_value(data[k])}" for k in found)
    on = ", ".join(str(where[0]) for where in lines)
    both = len(found) == 2
    return LooseMeters(
        keys=frozenset((k,) for k in found),
        at=min(lines) if lines else (1, 1),
        message=(
            f"'meters' is required here but missing: {written} "
            f"(line{'s' if len(lines) > 1 else ''} {on}) "
            + ("are its keys" if both else "is one of its keys")
            + ", written among the top-level ones"
        ),
        hint=(
            f"write [meters] on its own line just above {'them' if both else 'it'}, with no "
            "other top-level key below it (a key after a [header] belongs to that table)"
            + ("" if both else "; [meters] takes both trust and empowerment")
        ),
    )

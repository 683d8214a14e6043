"""One pydantic validation error as a sentence an author can act on: a message and a hint.

`explain` (sim/loading/explain.py) decides which errors are causes and which are
their symptoms, and where each one is in the file; this holds what each kind of
error says, per key ("trust should be a whole number like 8 or -6, not "8"",
"an ending is where the conversation stops, so it has no next").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from sim.loading import shape
from sim.loading.comparisons import as_condition
from sim.loading.keypath import entry_of, toml_name
from sim.loading.meanings import KIND_WORDS, meaning_hint, principle_as_kind, yes_for_a_word
from sim.loading.model_hints import (
    add_entry_hint,
    add_hint,
    bounds,
    expected_type,
    table_hint,
    union_hint,
)
from sim.loading.names import NAMED, dotted_name, name_hint, slug_of
from sim.problems import did_you_mean, name_flaw
from sim.text import brief, clip, invisible_name

_MISSING_HINTS = {
    "format": "add `format = 1` as the first line",
    "start": 'name the first scene, e.g. start = "hello"',
    "meters": "add a [meters] table with trust = 30 and empowerment = 40 (0 to 100)",
    "scenes": "add at least one [scenes.NAME] table",
    "endings": "add at least one [endings.NAME] table",
    "difficulty": 'use difficulty = "introductory", "intermediate" or "advanced"',
    "outcome": 'use outcome = "strong", "mixed" or "poor"',
    "goto": 'name the scene or ending this choice leads to, or "@outcome"',
}


def _empty_name_hint(name: str) -> str:
    """An optional name written empty: what the author most likely meant by "".

    `speaker = ""` is an author's way of saying "no one speaks here"; the README's way is
    to leave speaker out, which makes the scene narration. The general advice ("names use
    lowercase letters...") sent them looking for a name to write.
    """
    if name == "speaker":
        return (
            'for narration, with no one speaking, leave speaker out: delete the line speaker = ""'
            "; or write the id of a [characters.ID] table"
        )
    return f'{name} is optional: delete the line {name} = "", or write a name'


def sentence(
    err: dict[str, Any], loc: Sequence[object], model: type[BaseModel], about_key: bool
) -> tuple[str, str]:
    """What one error says about the key at `loc`: its message and its hint ("" for none)."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    name = str(loc[-1]) if loc and not isinstance(loc[-1], int) else "this entry"
    shown = _show(value)
    if about_key:
        flaw = name_flaw(value) if isinstance(value, str) else ""
        said = brief(value, 60) if isinstance(value, str) else value
        return f"'{said}' is not a valid name" + (f": {flaw}" if flaw else ""), name_hint(value)
    if kind == "missing":
        hint = _MISSING_HINTS.get(name) or add_hint(model, loc)
        if name == "goto" and len(loc) >= 3 and loc[-3] == "next":
            hint = hint.replace("this choice", "this branch")
        # After any [header] a key joins that table: a top-level key goes above them.
        if (
            len(loc) == 1
            and name != "format"
            and shape.kind_of(expected_type(model, loc)) not in ("table", "keyed", "tables")
        ):
            hint += "; put it at the top of the file, above the first [table] header"
        return f"'{name}' is required here but missing", hint
    if kind == "extra_forbidden":
        allowed = shape.allowed_keys(model, loc[:-1])
        special = _not_here(name, loc, value)
        if special:
            return f"'{name}' is not a key peer-sim knows here", special
        hint = did_you_mean(name, allowed) if allowed else ""
        if hint and isinstance(value, str):
            hint += _as_list(model, loc, hint, value)
        if not hint and isinstance(value, dict) and len(loc) == 3 and loc[0] in NAMED:
            hint = dotted_name(loc)
        if not hint and allowed:
            hint = "keys allowed here: " + ", ".join(sorted(allowed))
        return f"'{name}' is not a key peer-sim knows here", hint
    if kind in ("int_type", "int_parsing", "int_from_float"):
        examples = "8 or -6" if bounds(model, loc)[0] < 0 else "8"
        return (
            f"{name} should be a whole number like {examples}, not {shown}",
            "write numbers without quotes" if isinstance(value, str) else "use a whole number",
        )
    if kind in ("string_type",):
        if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
            # `goto = ["plan"]`: the brackets are the slip, the name is right (author35)
            return (
                f"{name} should be text in quotes, not {shown}",
                f"write {name} = {_show(value[0])}, without the square brackets",
            )
        return f"{name} should be text in quotes, not {shown}", f'e.g. {name} = "..."'
    if kind == "bool_type":
        return f"{name} should be true or false, not {shown}", "write true or false without quotes"
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        if name == "format" and str(value).strip() == "1":
            return (
                f"format should be the whole number 1, not the text {shown}",
                "write format = 1 without quotes",
            )
        if name == "format":
            return (
                f"this file is format {shown}, but this peer-sim reads format 1",
                "write format = 1, or update peer-sim",
            )
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",") if o.strip()]
        if name in options and isinstance(value, list) and len(loc) >= 2:
            # principles = { honours = ["a", "b"] }: verdicts grouped, ids listed under each
            ids = [v for v in value if isinstance(v, str) and v == slug_of(v)] or ["PRINCIPLE-ID"]
            verdicts = ", ".join(f'{v} = "{name}"' for v in ids)
            return (
                f"'{name}' is a verdict, not a principle id: {loc[-2]} names each principle "
                "with its verdict, not each verdict with its principles",
                f"write {loc[-2]} = {{ {verdicts} }}, with any other principle in the same {{ ... }}",
            )
        hint = principle_as_kind(options, value) if isinstance(value, str) else ""
        if not hint and isinstance(value, str):
            hint = did_you_mean(value, options)
        if not hint and isinstance(value, str):
            hint = meaning_hint(options, value)
        if isinstance(value, bool):
            hint = yes_for_a_word(name, options)
        if not hint and name == "critical" and isinstance(value, str):
            # `critical = "honesty"`: the four kinds are fixed, and the guide's advice for a
            # line none of them fits was not said where the author met the refusal (author44)
            kinds = "; ".join(f"{k} is {w}" for k, w in KIND_WORDS.items())
            hint = (
                f"the four kinds are fixed: {kinds}. Pick the one whose words fit and let the "
                "why say what this line did; if none fits, the line is probably no critical "
                "slip: remove critical and mark the principle it undermines"
            )
        if name == "cap" and value == "strong":
            hint = (
                'a critical slip never ends strong: write cap = "mixed" (the default) or '
                '"poor", or remove critical if the line is not a critical slip'
            )
        return f"{name} should be one of {expected}, not {shown}", hint
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        low, high = bounds(model, loc)
        return f"{name} is {shown}, outside the allowed range", f"use a number from {low} to {high}"
    if kind == "string_pattern_mismatch":
        if value == "" and name != "this entry" and not shape.required(model, loc):
            return f"{name} is empty", _empty_name_hint(name)
        flaw = name_flaw(value) if isinstance(value, str) else ""
        return f"{shown} is not a valid name" + (f": {flaw}" if flaw else ""), name_hint(value)
    if kind == "string_too_short":
        if shape.required(model, loc):
            return (
                f"{name} should not be empty",
                f"write some text between the quotes: {name} is required",
            )
        return (
            f"{name} should not be empty",
            "write some text between the quotes, or leave the key out",
        )
    if kind == "invisible_text":
        hidden = next((ch for ch in str(value) if not ch.isspace()), " ")
        what = (
            invisible_name(hidden)
            or f"a character that shows as nothing here (U+{ord(hidden):04X})"
        )
        return (
            f"{name} holds no character a reader can see, only characters such as {what}",
            f"write some text between the quotes: {name} would show as blank",
        )
    if kind == "string_too_long":
        size = f": {len(value):,} characters" if isinstance(value, str) else ""
        most = ctx.get("max_length")
        most = f"{most:,}" if isinstance(most, int) else most
        return f"{name} is too long{size}", f"keep it to at most {most} characters"
    if kind == "too_short":
        return f"{name} needs at least one entry", add_entry_hint(model, loc)
    if kind == "too_long":
        most, actual = ctx.get("max_length"), ctx.get("actual_length")
        actual = f"{actual:,}" if isinstance(actual, int) else actual
        return (
            f"{name} has {actual} entries, more than the {most} it can hold",
            f"keep at most {most}",
        )
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        hint = table_hint(model, loc)
        ids = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
        keys = as_condition(value) if name == "when" and isinstance(value, str) else None
        if keys:
            hint = f"a condition is data, not an expression: when = {{ {keys} }}"
        in_any = len(loc) > 1 and isinstance(loc[-1], int) and loc[-2] == "any"
        flag = isinstance(value, str) and bool(value) and value == slug_of(value)
        if (name == "when" or in_any) and not keys and flag:
            # `when = "asked"`: a flag name on its own, which goes in the flags list
            written = f'when = {{ flags = ["{value}"] }}'
            if in_any:
                written = f'{{ flags = ["{value}"] }} in any = [...]'
            hint = f"a flag goes in the condition's flags list: write {written}"
        if name == "when" and ids and len(ids) == len(value) and all(v == slug_of(v) for v in ids):
            # `when = ["asked"]`: flag names, which go in the condition's flags list
            listed = ", ".join(f'"{v}"' for v in ids)
            hint = f"a list of flags goes inside the condition: when = {{ flags = [{listed}] }}"
        if name == "principles" and ids and all(v == slug_of(v) for v in ids):
            # `principles = ["a", "b"]`: each id needs its verdict; `{ }` would drop them.
            verdicts = ", ".join(f'{v} = "honours"' for v in ids)
            hint = f"give each principle its verdict: principles = {{ {verdicts} }} (or neutral, undermines)"
        tp = expected_type(model, loc)
        tables = isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        if tables and tp is not None and shape.kind_of(tp) == "keyed":
            # `[[characters]]` with `id = "rosa"`: each entry is a table named by its id.
            named = [v.get("id") for v in value if isinstance(v, dict)]
            first = next((n for n in named if isinstance(n, str) and n == slug_of(n)), "NAME")
            hint = (
                f"write each one as its own [{toml_name(loc)}.{first}] table (single brackets, "
                "its id in the header, no id key) with its keys below it"
            )
        return f"{name} should be a table, not {shown}", hint
    if kind in ("tuple_type", "list_type", "set_type") and isinstance(value, dict):
        where = entry_of(loc)
        if not shape.list_takes_tables(model, loc) and not shape.is_list_of_tables(model, loc):
            # `[content_notes]` above `overdose = true`: a list of texts, which [[...]] is not
            # either; the header also took every key below it (trainee-author-12)
            top = getattr(model, "model_fields", {})  # the file's own keys, swallowed below it
            words = [k for k in value if isinstance(k, str) and k.isidentifier() and k not in top][
                :3
            ] or ["first"]
            listed = ", ".join(f'"{w}"' for w in words)
            return (
                f"{name} should be a list of texts, but it was written as a [table]",
                f"write it on one line, {toml_name(loc)} = [{listed}], with no [{toml_name(loc)}] "
                "header: a header takes every key below it into its table"
                + ("" if len(loc) > 1 else ", so put it above the first [table] header"),
            )
        return (
            f"{name} should be a list, but it was written as one [table]",
            f"write each entry as [[{toml_name(loc)}]] with double brackets"
            + (f", after {where}" if where else ""),
        )
    if kind in ("tuple_type", "list_type", "set_type"):
        if isinstance(value, str) and shape.list_takes_text(model, loc):
            return f"{name} should be a list in square brackets, not one text", _one_text_hint(
                name, value, shape.list_takes_tables(model, loc)
            )
        if shape.is_list_of_tables(model, loc):
            return (
                f"{name} should be a list of tables, not {shown}",
                union_hint(model, loc, ["tables"]),
            )
        return (
            f"{name} should be a list in square brackets, not {shown}",
            f'e.g. {name} = ["first", "second"]',
        )
    if kind == "union_type":
        kinds = ctx.get("kinds", [])
        forms = " or ".join(_KIND_WORDS.get(k, k) for k in kinds)
        return f"{name} should be {forms}, not {shown}", union_hint(model, loc, kinds)
    if kind == "value_error":
        return f"{name}: {ctx.get('error', err['msg'])}", ""
    return f"{name}: {err['msg']}", ""


def _one_text_hint(name: str, value: str, tables: bool) -> str:
    """`reflect = "..."`: the text is right, it only needs its square brackets.

    In a list of names or short notes (`sets`, `content_notes`), commas in the one
    text were meant to separate entries: brackets alone would make them one
    entry, so the hint gives each its own quotes.
    """
    hint = f'add [ before its opening quote and ] after its closing one: {name} = ["..."]'
    if tables:  # only `reflect` takes tables
        return hint + " (an entry may also be a table with text and when)"
    parts = [part.strip() for part in value.split(",")]
    if len(parts) > 1 and all(parts) and not any(c in value for c in '"\\'):
        listed = ", ".join(f'"{part}"' for part in parts)
        return f"give each entry its own quotes, inside [ ]: {name} = [{listed}]"
    return hint


def _as_list(model: type[BaseModel], loc: Sequence[object], hint: str, value: str) -> str:
    """`flag = "owned-it"` is told "did you mean 'flags'?", and `flags = "owned-it"` is then
    refused as one text: the written form, a list, is said at once (author44)."""
    close = hint.split("'")[1] if hint.count("'") >= 2 else ""
    if not close or shape.kind_of(expected_type(model, (*loc[:-1], close))) != "list":
        return ""
    item = value if value == slug_of(value) else "..."
    return f' It takes a list: write {close} = ["{item}"]'


# What authors call a scene's speaker ("character" is the guide's word for the people).
_SPEAKER_WORDS = frozenset(("character", "char", "who", "person", "speaking", "by"))


def _not_here(name: str, loc: Sequence[object], value: Any = None) -> str:
    """Hints for keys that exist elsewhere and were tried where they cannot go."""
    if name in ("honours", "undermines", "neutral") and len(loc) >= 3 and loc[-3] == "choices":
        # `honours = ["empowerment"]`: a verdict used as a key; it goes inside principles.
        ids = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
        ids = [v for v in ids if v == slug_of(v)] or ["PRINCIPLE-ID"]
        verdicts = ", ".join(f'{v} = "{name}"' for v in ids)
        return f"{name} is a verdict, written inside principles: principles = {{ {verdicts} }}"
    if name in ("trust", "empowerment") and "when" in loc[:-1]:
        # `when = { trust = 40 }`: a condition bounds a meter, it does not name its value
        n = value if isinstance(value, int) and not isinstance(value, bool) else 40
        return (
            f"a condition bounds {name} with min_{name} (at least) and max_{name} (at most): "
            f"when = {{ min_{name} = {n} }}"
        )
    if isinstance(value, bool) and "when" in loc[:-1] and name == slug_of(name):
        # `when = { reflected = true }`: a flag written as a key with its state
        kind = "flags" if value else "not_flags"
        return f'a flag is named in a list, not set to {str(value).lower()}: when = {{ {kind} = ["{name}"] }}'
    if name in ("sets", "clears") and "when" in loc[:-1]:
        # `when = { sets = ["heard"] }`: a choice's key, tried in a condition (author35)
        ids = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
        ids = [v for v in ids if v == slug_of(v)] or ["..."]
        kind = "flags" if name == "sets" else "not_flags"
        listed = ", ".join(f'"{v}"' for v in ids)
        return (
            f"a condition tests flags, it does not {name[:-1]} them: to need "
            f"{'them' if len(ids) > 1 else 'it'} {'set' if name == 'sets' else 'unset'}, "
            f"write {kind} = [{listed}] ({name} belongs to a choice)"
        )
    if name == "any" and "any" in loc[:-1]:
        return "an any cannot hold another any: list every alternative in the one any = [...]"
    if name == "also" and len(loc) == 3 and loc[0] == "scenes":
        # [[endings.ID.also]] exists, so an author tries it on a scene too
        return (
            "also adds paragraphs to an ending's text, not a scene's: to change what is said "
            f"here, add [[scenes.{loc[1]}.variants]] with a when and a text (the first that "
            "holds replaces the scene's text)"
        )
    if name in ("next", "goto", "choices") and len(loc) == 3 and loc[0] == "endings":
        # `next` read as `text` (one letter off) sent an author who wanted the
        # conversation to go on after an ending to rename it text (author19)
        return (
            f"an ending is where the conversation stops, so it has no {name}: to go on from "
            f"here, make it a scene ([scenes.{loc[1]}] with a next or choices) and end the "
            "conversation at an ending after it"
        )
    if name in _SPEAKER_WORDS and len(loc) == 3 and loc[0] == "scenes":
        # `character = "renee"`: the README's word for a person, where a scene's key is
        # speaker; "keys allowed here: action, choices, ..." left the author to guess (author44)
        said = value if isinstance(value, str) and value == slug_of(value) else "ID"
        return (
            f"a scene names who speaks with speaker, the id of their [characters.ID]: rename "
            f'{name} to speaker (speaker = "{said}")'
        )
    if name == "when" and len(loc) == 3 and loc[0] == "scenes":
        return (
            "a scene has no when: to reach it only sometimes, give the choice or the "
            "[[scenes.ID.next]] branch that leads to it a when; to change its words, add "
            f"[[scenes.{loc[1]}.variants]] with a when and a text"
        )
    return ""


_KIND_WORDS = {
    "text": "text in quotes",
    "choice": "one of its listed words in quotes",
    "tables": "a list of tables",
    "list": "a list in square brackets",
    "table": "a table",
    "keyed": "a table of named entries",
    "number": "a whole number",
    "bool": "true or false",
}


def _show(value: Any) -> str:
    if isinstance(value, str):
        return '"' + (value if len(value) <= 40 else clip(value, 37) + "...") + '"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and abs(value) >= 10**15:
        return f"a number {len(str(abs(value)))} digits long"  # not all 4,000 of them
    return str(value)

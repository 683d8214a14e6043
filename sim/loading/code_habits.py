"""Habits from code, spreadsheets and other formats in a TOML line: `//` comments, `>=`
and `==`, `key: value` (YAML, JSON), and a comma doubled.

tomli names the symptom where it stopped: "Expected newline or end of document
after a statement" at a `//`, "a key has no '='" at a `>=` (there is an '=' right
there), "this value is not valid TOML" at the second '=' of `==` or of `,,`. An
author who writes these knows what they meant; the sentence has to say how TOML
spells it, and the hint is the same line written that way. `sim.loading.syntax`
tries these before the other one-line checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sim.loading.comparisons import as_condition
from sim.loading.toml_lines import Specific, header_name, header_text, outside_strings

_STOPPED = (
    "Expected newline or end of document",
    "Invalid statement",
    "Invalid value",
    "Expected '=' after a key",
    "Unclosed inline table",
    "Unclosed array",
)


def _outside_quotes(here: str, token: str) -> int:
    """Where `token` first stands outside quotes on this line (before any # comment), or -1."""
    return next((i for i, _ch in outside_strings(here) if here.startswith(token, i)), -1)


def _slash_comment(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`[meters]   // where they start`: a comment as C, Java and JavaScript write it."""
    if column is None or not raw_msg.startswith(_STOPPED):
        return None
    at = _outside_quotes(here, "//")
    if at < 0 or not at <= column - 1 <= at + 1:
        return None
    before, words = here[:at].rstrip(), here[at + 2 :].strip()
    fixed = (
        f"{before}  # {words}" if before else f"{here[: len(here) - len(here.lstrip())]}# {words}"
    )
    return (
        "// does not start a comment in TOML: a comment starts with #",
        f"write {fixed.rstrip()}",
        at + 1,
    )


_OPERATOR = re.compile(r"(>=|=>|<=|=<|!=|>|<)")
_KEY_BEFORE = re.compile(r"([A-Za-z0-9_-]+)\s*$")
_NUMBER_AFTER = re.compile(r"\s*([-+]?\d+)")
_METER_KEY = re.compile(r"(?:(?:min|max)_)?(?:trust|empowerment)")


def _comparison(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`when = { trust >= 40 }` or `minutes == 8`: a comparison where TOML wants `key = value`."""
    if column is None:
        return None
    if raw_msg.startswith("Expected '=' after a key"):
        found = _OPERATOR.match(here, column - 1)
        if found is None:
            return None
        op, start, end = found.group(1), found.start(), found.end()
    elif raw_msg.startswith("Invalid value") and column >= 2 and here[column - 2 : column] == "==":
        op, start, end = "==", column - 2, column
    else:
        return None
    key = _KEY_BEFORE.search(here[:start])
    number = _NUMBER_AFTER.match(here, end)
    if key is None:
        return None
    name = key.group(1)
    if _METER_KEY.fullmatch(name) and number is not None and op != "!=":
        keys = as_condition(f"{name} {op} {number.group(1)}")
        if keys:
            fixed = here[: key.start()] + keys + here[number.end() :]
            return (
                f"'{op}' is not TOML: a condition is data, its bounds written min_ (at least) "
                "and max_ (at most) with '='",
                f"write {fixed.split('#')[0].strip()}",
                start + 1,
            )
    if op == "==":
        fixed = here[:start] + "=" + here[end:]
        return (
            "'==' is not TOML: a key takes its value with one '='",
            f"write {fixed.split('#')[0].strip()}",
            start + 1,
        )
    return (
        f"'{op}' is not TOML: a key takes its value with '=', and a condition says "
        "'at least' and 'at most' with its own keys",
        "e.g. when = { min_trust = 40 } (trust 40 or more) or when = { max_trust = 40 } "
        '(40 or less); a flag: when = { flags = ["asked"] } or { not_flags = ["asked"] }',
        start + 1,
    )


def _colon(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`minutes: 8` or `{ min_trust: 40 }`: a key given its value as YAML and JSON do."""
    if column is None or not raw_msg.startswith("Expected '=' after a key"):
        return None
    at = column - 1
    while at < len(here) and here[at] in " \t":
        at += 1
    if at >= len(here) or here[at] != ":":
        return None
    fixed = here[:at].rstrip() + " = " + here[at + 1 :].lstrip()
    if fixed.lstrip().startswith('"'):
        # `"minutes": 8`, as JSON writes it: peer-sim's keys need no quotes
        fixed = re.sub(r'^(\s*)"([A-Za-z0-9_-]+)"', r"\1\2", fixed)
    if "{" not in here[:at]:
        # `"minutes": 12,` as a JSON object writes it: a comma ends no TOML line, and the
        # hint kept it ("write minutes = 12,"), which fails again (author35)
        code, hash_, comment = fixed.partition("#")
        fixed = code.rstrip().removesuffix(",").rstrip() + (f"  #{comment}" if hash_ else "")
    return (
        "':' does not give a key its value in TOML (YAML and JSON write it so): TOML writes '='",
        f"write {fixed.split('#')[0].strip()}",
        at + 1,
    )


def _double_comma(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`["a",, "b"]` or `[, "a"]`: a comma with no entry before it."""
    if column is None or not raw_msg.startswith("Invalid value"):
        return None
    at = column - 1
    if at >= len(here) or here[at] != ",":
        return None
    before = here[:at].rstrip()
    if not before or before[-1] not in ",[":
        return None
    rest = here[at + 1 :].lstrip()
    fixed = f"{before} {rest}" if before[-1] == "," else before + rest
    return (
        "a comma with no entry before it: two commas in a row, or one right after '['",
        f"write {fixed.split('#')[0].strip()} (one comma between two entries)",
        column,
    )


_WHEN_BEFORE = re.compile(r"\bwhen\s*=\s*$")


def _bare_comparison(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`when = trust >= 40`: a comparison with neither quotes nor braces, which tomli stops
    at as a value it cannot read. The README's own example of what not to write, so the
    hint is the same condition written as keys, in the braces a condition lives in."""
    if column is None or not raw_msg.startswith("Invalid value"):
        return None
    start = column - 1
    if _WHEN_BEFORE.search(here[:start]) is None:
        return None
    rest = here[start:].split("#", 1)[0]
    end = rest.find("}") if "}" in rest else len(rest)  # inside { ... }: up to its close
    keys = as_condition(rest[:end])
    if not keys:
        return None
    tail = rest[end:].strip()
    fixed = here[:start] + "{ " + keys + " }" + (" " + tail if tail else "")
    return (
        "a condition is not a comparison: it is a table of keys in { }, its bounds written "
        "min_ (at least) and max_ (at most)",
        f"write {fixed.strip()}",
        column,
    )


_YAML_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*:\s*(?:#.*)?$")
_YAML_ITEM = re.compile(r"^\s*-\s+(.*?)\s*$")
_YAML_PAIR = re.compile(r"^([A-Za-z0-9_-]+)\s*:\s*(.*)$")


def yaml_list(raw_msg: str, lines: list[str], line: int, column: int | None) -> Specific | None:
    """`choices:` with `- say: ...` items below, as YAML writes a list. The colon sentence
    alone said "write choices =", which leaves a TOML author nowhere: a list of tables is a
    `[[...]]` block per item, and a list of words is `[ ]` on the key's own line."""
    if not raw_msg.startswith("Expected '=' after a key"):
        return None
    found = _YAML_KEY.match(lines[line - 1])
    items = []
    for after in lines[line:]:
        if not after.strip() or after.lstrip().startswith("#"):
            continue
        item = _YAML_ITEM.match(after)
        if item is None:
            break
        items.append(item.group(1))
    if found is None or not items:
        return None
    key = found.group(1)
    first = _YAML_PAIR.match(items[0])
    if first is None:  # `- asked` items: a list of words
        words = ", ".join(_toml_value(item) for item in items)
        return (
            f"'{key}:' with '-' items is a YAML list: TOML writes a list in [ ] on the key's line",
            f"write {key} = [{words}]",
            (column or 1),
        )
    parent = next(
        (found[1] for above in reversed(lines[: line - 1]) if (found := header_name(above))),
        "",
    )
    block = header_text("[[", f"{parent}.{key}" if parent else key)
    return (
        f"'{key}:' with '-' items is a YAML list: in TOML each item is a block of its own",
        f"delete the '{key}:' line and write {block} on a line of its own in place of each "
        f"'-', then the item's keys below it, one per line with '=' "
        f"({first.group(1)} = {_toml_value(first.group(2))})",
        (column or 1),
    )


def _toml_value(written: str) -> str:
    """A YAML scalar as TOML writes it: numbers and true/false bare, the rest quoted."""
    written = written.strip()
    if re.fullmatch(r"-?\d+|true|false", written) or written[:1] in '"[{':
        return written
    return '"' + written.strip("'").replace("\\", "\\\\").replace('"', '\\"') + '"'


# JSON's null, YAML's null and ~, Python's None, Lua's and Ruby's nil, JavaScript's undefined
# standing alone as the value: at the line's end, a comment or the next entry (`say = None of
# it.` is a sentence, with its quotes forgotten)
_NULL = re.compile(r"(?:(?i:null|none|nil|undefined)|~)(?=\s*(?:$|#|,|\]|\}))")


def _null(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`about = null`: "no value" as JSON, YAML or Python writes it; TOML has no such value.

    Read as a bare word, it was offered back in quotes (`write about = "null"`), which
    shows the trainee the word null; what the author meant is the key left out.
    """
    if column is None or not raw_msg.startswith("Invalid value"):
        return None
    at = column - 1
    word = _NULL.match(here, at)
    before = here[:at].rstrip()
    if word is None or not before.endswith(("=", "[", ",")):
        return None
    said = (
        f"{word.group()} is not a TOML value: TOML has no null (JSON and YAML write null "
        "for 'no value', Python None)"
    )
    key = _KEY_BEFORE.search(before[:-1])
    if before.endswith("=") and key is not None:
        name = key.group(1)
        inside = before[: key.start()].rstrip().endswith(("{", ","))
        where = f"delete {name} = {word.group()} from the {{ }}" if inside else "delete this line"
        return (
            said,
            f"to leave {name} out, {where}: a key left out takes its default, and check "
            "names a key that is required",
            column,
        )
    return (said, f"delete {word.group()} from the list (an empty list is written [])", column)


# In the order `sim.loading.syntax` tries them, before `line_slips.ONE_LINE_CHECKS`.
CODE_HABITS: tuple[Callable[[str, str, int | None], Specific | None], ...] = (
    _slash_comment,
    _comparison,
    _bare_comparison,
    _colon,
    _double_comma,
    _null,
)

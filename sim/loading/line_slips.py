"""Slips an author makes within one line of TOML, each with a fix that is itself TOML.

A space inside a name (`[scenes.why here]`), an index in a header
(`[scenes.x.choices[2].when]`), a missing comma, an unclosed string, a table in
square brackets, `yes` for true, an apostrophe in single-quoted text, a key twice in one
`{ ... }`: tomli names the symptom at one column, and
the line alone says the cause. `sim.loading.syntax` tries these in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sim.loading.keypath import ordinal
from sim.loading.toml_lines import MAX_REWRITTEN, Specific, header_name, header_text
from sim.text import clip, whole_number

_BARE_WORDS = re.compile(r"[A-Za-z0-9_-]+(?:[ \t]+[A-Za-z0-9_-]+)+")
_NEXT_KEY = re.compile(r"\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*(?:\.\s*[A-Za-z0-9_-]+\s*)*=")
_NEXT_VALUE = re.compile(r"\s*(?:\"|'|[-+0-9]|true\b|false\b|\{|\[)")
_INDEXED_HEADER = re.compile(r"^\s*\[\[?[^\]#]*?\[\s*\d+\s*\]")


def _unclosed_string(raw_msg: str, here: str, column: int | None) -> Specific | None:
    if raw_msg.startswith("Illegal character '\\n'") or raw_msg.startswith("Unterminated string"):
        return (
            "a quote is not closed on this line",
            'add the closing " at the end of the text, or use """ for text over several lines',
            column,
        )
    return None


_BRACKETED_TABLE = re.compile(r"^(\s*[A-Za-z0-9_-]+\s*=\s*)\[(\s*[A-Za-z0-9_-]+\s*=.*)\]\s*$")


def _table_in_brackets(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`when = [min_trust = 40]`: keys inside square brackets, where braces were meant.

    tomli sees a list whose first entry is not a value; "put text in quotes" would
    turn the keys into a text. The fix is the same line with { } for [ ].
    """
    found = _BRACKETED_TABLE.match(here)
    if not raw_msg.startswith("Invalid value") or found is None:
        return None
    fixed = f"{found.group(1).strip()} {{ {found.group(2).strip()} }}"
    return (
        "keys with values (key = value) are a table, written in braces { }, "
        "not in square brackets [ ] (those make a list)",
        f"write {fixed}",
        len(found.group(1)) + 1,
    )


_YES_NO = {
    "yes": "true",
    "no": "false",
    "on": "true",
    "off": "false",
    "true": "true",
    "false": "false",
}


def _yes_no(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`best = yes` or `best = True`: a true/false TOML spells only one way."""
    if not raw_msg.startswith("Invalid value") or column is None:
        return None
    # the whole value: `say = yes I can` is text without its quotes, not a true/false
    word = re.match(r"([A-Za-z]+)\s*(?:$|#|,|\})", here[column - 1 :])
    if word is None or word.group(1).lower() not in _YES_NO:
        return None
    fixed = _YES_NO[word.group(1).lower()]
    return (
        f"{word.group(1)} is not a TOML value: true and false are written in lowercase, "
        "without quotes",
        f"write {fixed}",
        column,
    )


_BULLETED_KEY = re.compile(r"^(\s*)([-*•])[ \t]+(?=([A-Za-z0-9_]+)\s*=)")


def _bulleted_key(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`- say = "..."` (or `*`, `•`): a list mark from YAML or Markdown before a key.

    tomli reads `- say` as a key with a space in it, and the hint joined it into
    `-_say` (author35), another key peer-sim does not know; `*` and `•` were "not a
    `key = value` pair". The fix is the line without its mark.
    """
    if not raw_msg.startswith(("Expected '=' after a key", "Invalid statement")):
        return None
    bullet = _BULLETED_KEY.match(here)
    if bullet is None:
        return None
    rest = here[bullet.end() :].split("#")[0].strip()
    mark = bullet.group(2)
    return (
        f"'{mark}' before {bullet.group(3)} is a list mark (YAML and Markdown write one): in "
        "TOML a key starts its line, and each choice is its own [[...choices]] block",
        f"write {rest}"
        if len(rest) <= MAX_REWRITTEN
        else f"delete the '{mark}' and the space after it",
        len(bullet.group(1)) + 1,
    )


def _spaced_name(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`[scenes.why here]` or `min trust = 40`: a name with a space in it."""
    header = header_name(here)
    if header and raw_msg.startswith("Expected ']"):
        brackets, name = header
        parts = name.split(".")
        spaced = [p for p in parts if _BARE_WORDS.fullmatch(p)]
        if spaced:
            fixed = ".".join(_dashed(p) if p in spaced else p for p in parts)
            return (
                f"the name '{spaced[0]}' in this header has a space in it",
                f"names have no spaces: write {header_text(brackets, fixed)}, and use "
                f"'{_dashed(spaced[0])}' wherever the name is used",
                column,
            )
    if raw_msg.startswith("Expected '=' after a key"):
        m = _BARE_WORDS.match(here.lstrip())
        if m and "=" in here[here.find(m.group()) + len(m.group()) :][:3]:
            words = m.group().split()
            joined = "_".join(words)
            return (
                f"the key '{m.group()}' has a space in it",
                f"keys have no spaces: join the words as the README spells the key, "
                f"e.g. {joined} or {'-'.join(words)}",
                column,
            )
        inline = _in_braces(here, column)
        if inline:
            return inline
    return None


def _in_braces(here: str, column: int | None) -> Specific | None:
    """`{ active listening = "honours" }`: a spaced key inside an inline table."""
    if column is None:
        return None
    start = max(here.rfind("{", 0, column - 1), here.rfind(",", 0, column - 1))
    if start < 0:
        return None
    m = _BARE_WORDS.match(here[start + 1 :].lstrip())
    if m is None:
        return None
    words = m.group().split()
    return (
        f"the key '{m.group()}' has a space in it",
        f"keys have no spaces: join the words as the README spells the key, "
        f"e.g. {'-'.join(words)} or {'_'.join(words)}",
        column,
    )


def _dashed(name: str) -> str:
    return re.sub(r"[ \t]+", "-", name.strip()).lower()


def _indexed_header(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`[scenes.x.choices[2].when]`: headers cannot number list entries.

    Authors copy key paths from our own messages, which number entries; the
    TOML way is a header placed after the entry's `[[...]]` block.
    """
    if not _INDEXED_HEADER.match(here):
        return None
    stripped = here.split("#")[0].strip()
    double = stripped.startswith("[[")
    body = stripped[2:] if double else stripped[1:]
    body = (
        body[:-2] if double and body.endswith("]]") else body[:-1] if body.endswith("]") else body
    )
    found = list(re.finditer(r"\s*\[\s*(\d+)\s*\]\s*", body))
    last = found[-1]
    owner = re.sub(r"\s*\[\s*\d+\s*\]\s*", "", body[: last.start()])
    full = re.sub(r"\s*\[\s*\d+\s*\]\s*", "", body)
    number = whole_number(last.group(1))  # 5,000 digits: int() raised, check crashed
    block = f"the {ordinal(number)} [[{owner}]] block" if number else f"the [[{owner}]] block"
    if full == owner:
        return (
            "a [table] header cannot number list entries",
            f"put these keys in {block} itself, below its header",
            column,
        )
    wrapped = f"[[{full}]]" if double else f"[{full}]"
    return (
        "a [table] header cannot number list entries",
        f"write {wrapped} right after {block} (a header after a [[...]] block belongs "
        "to that entry), or write the keys inline in that block",
        column,
    )


def _missing_comma(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`{ a = 1 b = 2 }` or `["a" "b"]`: tomli says "unclosed"; the cause is a comma."""
    if column is None or not raw_msg.startswith(("Unclosed inline table", "Unclosed array")):
        return None
    rest = here[column - 1 :]
    if not rest.strip() or not here[: column - 1].strip():
        return None  # nothing follows on the line, or the line is new: really unclosed
    table = raw_msg.startswith("Unclosed inline table")
    if table and _NEXT_KEY.match(rest):
        return (
            "a comma is missing between two entries of this { ... } table",
            "put a comma after each key = value inside the braces, e.g. "
            '{ active-listening = "honours", connection = "neutral" }',
            column,
        )
    if not table and _NEXT_VALUE.match(rest):
        # a list of { ... } entries (`any`, `reflect`, inline `next`) is shown its own
        # shape: ["first", "second"] left an author unsure where the comma goes (author44)
        return (
            "a comma is missing between two entries of this list",
            "put a comma between the entries, e.g. "
            + (
                "[ { ... }, { ... } ]: the comma goes after each closing }"
                if rest.lstrip().startswith("{")
                else '["first", "second"]'
            ),
            column,
        )
    return None


_JOINED = re.compile(r"\s*(and|or|&&|\|\|)\s+[A-Za-z0-9_-]+\s*=", re.IGNORECASE)
_OR_TABLE = re.compile(r"^(\s*[A-Za-z0-9_-]+\s*=\s*)\{(.*)\}\s*(?:#.*)?$")
_AND = re.compile(r"\s+(?:and|&&)\s+(?=[A-Za-z0-9_-]+\s*=)", re.IGNORECASE)


def _and_in_braces(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`{ min_trust = 55 and min_empowerment = 50 }`: a word from code between entries.

    tomli says the table is unclosed, at the `and`; the braces are closed, and
    the fix is a comma (every key of a condition must hold already) or `any`.
    """
    if column is None or not raw_msg.startswith("Unclosed inline table"):
        return None
    found = _JOINED.match(here[column - 1 :])
    if found is None:
        return None
    word = found.group(1)
    if word.lower() in ("or", "||"):
        either = _OR_TABLE.match(here)
        parts = (
            re.split(r"\s+(?:or|\|\|)\s+", either.group(2).strip(), flags=re.I) if either else []
        )
        if either and len(parts) > 1 and not _AND.search(either.group(2)):
            entries = ", ".join(f"{{ {p.strip()} }}" for p in parts)
            fixed = f"{either.group(1).strip()} {{ any = [ {entries} ] }}"
        else:
            fixed = 'when = { any = [ { min_trust = 40 }, { flags = ["asked"] } ] }'
        return (
            f"'{word}' is not TOML: entries inside {{ ... }} are separated by commas, "
            "and then every one must hold",
            f"for either/or, list the choices in any: {fixed}",
            column,
        )
    fixed = _AND.sub(", ", here.split("#")[0]).strip()
    is_when = re.match(r"\s*when\s*=", here) is not None
    return (
        f"'{word}' is not TOML: entries inside {{ ... }} are separated by commas"
        + (", and every key of a when must hold already" if is_when else ""),
        f"write {fixed}",
        column,
    )


_WORD_BEFORE_VALUE = re.compile(r"\s*(and|or|&&|\|\|)\s+(?=[\[\"'0-9+{-])", re.IGNORECASE)
_ONE_VALUE = r"(?:\[[^\]]*\]|\"[^\"]*\"|[^,\s{}\[\]]+)"
_JOINED_VALUES = re.compile(
    rf"([A-Za-z0-9_-]+)\s*=\s*({_ONE_VALUE}(?:\s+(?:and|or|&&|\|\|)\s+{_ONE_VALUE})+)",
    re.IGNORECASE,
)
_JOIN_WORD = re.compile(r"\s+(?:and|or|&&|\|\|)\s+", re.IGNORECASE)


def _or_between_values(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`when = { flags = ["a"] or ["b"] }`: a word from code between two values of one key.

    tomli says the table is unclosed; the braces are closed. "or" wants `any`, one
    { ... } per value; "and" between two lists wants one list holding both.
    """
    if column is None or not raw_msg.startswith("Unclosed inline table"):
        return None
    found = _WORD_BEFORE_VALUE.match(here[column - 1 :])
    if found is None:
        return None
    word = found.group(1)
    joined = next(
        (m for m in _JOINED_VALUES.finditer(here) if m.start(2) < column - 1 < m.end(2)), None
    )
    either = word.lower() in ("or", "||")
    message = (
        f"'{word}' is not TOML: one key holds one value, and entries inside {{ ... }} "
        "are separated by commas"
    )
    if joined is None:
        fix = 'when = { any = [ { flags = ["asked"] }, { flags = ["reflected"] } ] }'
        return (
            message,
            (
                f"for either/or, list the choices in any: {fix}"
                if either
                else 'for both, write one list: flags = ["asked", "reflected"]'
            ),
            column,
        )
    key, values = joined.group(1), _JOIN_WORD.split(joined.group(2).strip())
    lists = [v[1:-1].strip() for v in values if v.startswith("[") and v.endswith("]")]
    if either:
        alternatives = ", ".join(f"{{ {key} = {v} }}" for v in values)
        written = f"any = [ {alternatives} ]"
        what = "for either/or, give each value its own { ... } in any"
    elif len(lists) == len(values):
        written = f"{key} = [{', '.join(v for v in lists if v)}]"
        what = "for all of them, one list"
    else:
        return message, f"keep one {key} = ... (every key of a when must hold already)", column
    fixed = (here[: joined.start()] + written + here[joined.end() :]).split("#")[0].strip()
    return message, f"{what}: write {fixed}", column


_WORD_AFTER_TABLE = re.compile(r"\s*(and|or|&&|\|\|)\s*(?=\{)", re.IGNORECASE)
_KEY_THEN_TABLES = re.compile(r"^(\s*[A-Za-z0-9_-]+\s*=\s*)(\{.*\})\s*(?:#.*)?$")


def _top_level_tables(text: str) -> tuple[list[str], list[str]] | None:
    """`{ a = 1 } or { b = 2 }`: the inside of each { ... } and the words between them;
    None when the text is anything else (a quote holding a brace, an unclosed brace)."""
    tables: list[str] = []
    words: list[str] = []
    depth, start, quoted, gap = 0, 0, "", ""
    for i, c in enumerate(text):
        if quoted:
            quoted = "" if c == quoted and text[i - 1] != "\\" else quoted
        elif c in "\"'":
            quoted = c
        elif c == "{":
            if depth == 0:
                if tables and not gap.strip():
                    return None
                if tables:
                    words.append(gap.strip())
                start, gap = i + 1, ""
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                tables.append(text[start:i].strip())
        elif depth == 0:
            gap += c
    if depth or quoted or gap.strip() or len(tables) < 2:
        return None
    return tables, words


def _word_between_tables(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`when = { min_trust = 40 } or { flags = ["a"] }`: two conditions joined by a word.

    tomli reads the first { ... } as the whole value and says "Expected newline or end of
    document after a statement" at the word; the author meant one condition: `any` for
    either, one { ... } holding both keys for all of them.
    """
    if column is None or not raw_msg.startswith("Expected newline or end of document"):
        return None
    found = _WORD_AFTER_TABLE.match(here[column - 1 :])
    if found is None or not here[: column - 1].rstrip().endswith("}"):
        return None
    word = found.group(1)
    either = word.lower() in ("or", "||")
    message = (
        f"'{word}' is not TOML: a key takes one {{ ... }}, and a condition is written "
        "as one { ... }"
    )
    line = _KEY_THEN_TABLES.match(here)
    split = _top_level_tables(line.group(2)) if line else None
    same = split is not None and all(w.lower() == word.lower() for w in split[1])
    nested = either and split is not None and any(re.search(r"\bany\s*=", t) for t in split[0])
    if line is None or split is None or not same or not all(split[0]) or nested:
        fix = (
            "for either/or, list the choices in any: when = { any = [ { min_trust = 40 }, "
            '{ flags = ["asked"] } ] }'
            if either
            else "for all of them, put every key in one { ... }, separated by commas"
        )
        return message, fix, column
    key, tables = line.group(1).strip(), split[0]
    if either:
        alternatives = ", ".join(f"{{ {t} }}" for t in tables)
        return (
            message,
            f"for either/or, list the choices in any: write {key} {{ any = [ {alternatives} ] }}",
            column,
        )
    return message, f"for all of them, one {{ ... }}: write {key} {{ {', '.join(tables)} }}", column


_LIST_JOIN = re.compile(r"\s*(and|or|&&|\|\||\|)\s*(?=[\"'])", re.IGNORECASE)
_A_LIST = re.compile(r"([A-Za-z0-9_-]+)\s*=\s*\[([^\]\[]*)\]")
_CONDITION_LISTS = ("flags", "not_flags", "visited", "not_visited")


def _word_in_list(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`flags = ["a" or "b"]`, `trains = ["x" and "y"]`: a word from code between entries.

    tomli says the list is unclosed, at the word; the bracket is there, so "add the
    closing ']'" sends the author looking for the wrong thing. Entries of a list are
    separated by commas; an "or" in a condition's list wants `any`.
    """
    if column is None or not raw_msg.startswith("Unclosed array"):
        return None
    found = _LIST_JOIN.match(here[column - 1 :])
    if found is None:
        return None
    word = found.group(1)
    message = f"'{word}' is not TOML: the entries of a list are separated by commas"
    joined = next((m for m in _A_LIST.finditer(here) if m.start(2) <= column - 1 < m.end(2)), None)
    if joined is None:
        return message, 'write the entries with commas between them: ["first", "second"]', column
    key = joined.group(1)
    values = [
        v
        for v in re.split(
            r"\s*(?:,|\band\b|\bor\b|&&|\|\||\|)\s*", joined.group(2).strip(), flags=re.I
        )
        if v
    ]
    either = word.lower() in ("or", "||", "|")
    if either and key in _CONDITION_LISTS and len(values) > 1:
        alternatives = ", ".join(f"{{ {key} = [{v}] }}" for v in values)
        written = f"any = [ {alternatives} ]"
        what = f"a {key} list needs every entry; for either/or, give each its own {{ ... }} in any"
    else:
        written = f"{key} = [{', '.join(values)}]"
        what = (
            "for all of them, one list" if key in _CONDITION_LISTS else "commas between the entries"
        )
    fixed = (here[: joined.start()] + written + here[joined.end() :]).split("#")[0].strip()
    return message, f"{what}: write {fixed}", column


_QUOTED_VALUE = re.compile(r'^(\s*[A-Za-z0-9_-]+\s*=\s*)"(.*)"\s*(#.*)?$')


def _quote_inside(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`say = "What have you "already" tried?"`: a quote inside the text ends it early.

    tomli sees the text end before `already` and complains about what follows;
    an author quoting a word in speech needs to hear how to write that quote.
    """
    if column is None or column < 2 or here[column - 2 : column - 1] != '"':
        return None
    if not raw_msg.startswith(("Expected newline or end of document", "Unclosed inline table")):
        return None
    if not re.match(r"[^\s,}\]#]", here[column - 1 : column]):
        return None  # nothing glued to the quote: some other slip
    word = re.match(r"[^\"]*", here[column - 1 :]).group(0)
    found = _QUOTED_VALUE.match(here)
    shown = ""
    if found and '"""' not in here:
        inner = re.sub(r'(?<!\\)"', r'\\"', found.group(2))
        shown = f'{found.group(1).strip()} "{inner}"'
    if shown and len(shown) <= MAX_REWRITTEN:
        fix = f'write {shown}: a quote inside text is written \\", or use single quotes'
    else:  # a line too long to repeat whole (one of 300,000 characters gave a 600 KB hint, adv28)
        fix = 'write each quote inside the text as \\", or use single quotes'
    return (
        f"a \" inside the text ends it early: the text stops just before '{clip(word, 30)}'",
        f"{fix} for the word: '{clip(word, 30)}'",
        column,
    )


_NUMBER_THEN = re.compile(r"^(\s*[A-Za-z0-9_-]+\s*=\s*)([-+]?\d+)(\s*)(\S.*?)\s*$")


_LEADING_ZERO = re.compile(r"^(\s*[A-Za-z0-9_-]+\s*=\s*)([-+]?)0(\d+)\s*(?:#.*)?$")


def _number_then_word(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`trust = 45%` or `minutes = 10 minutes`: a unit written after a number."""
    if column is None or not raw_msg.startswith("Expected newline or end of document"):
        return None
    zero = _LEADING_ZERO.match(here)
    if zero is not None and len(zero.group(1)) + len(zero.group(2)) + 2 == column:
        # `trust = 08`: TOML reads the 0 alone; the number meant is the digits after it
        key = zero.group(1).split("=")[0].strip()
        # the digits as text: int() of 5,000 of them raised, and check crashed
        digits = clip(zero.group(3).lstrip("0") or "0", 24)
        return (
            f"a number cannot start with 0 ({zero.group(2)}0{clip(zero.group(3), 24)}): TOML "
            "reads the 0 alone",
            f"write {key} = {zero.group(2).replace('+', '')}{digits}",
            column,
        )
    found = _NUMBER_THEN.match(here.split("#")[0] if "#" in here else here)
    if (
        found is None
        or len(found.group(1)) + len(found.group(2)) + len(found.group(3)) + 1 != column
    ):
        return None
    key = found.group(1).split("=")[0].strip()
    number, rest = found.group(2), found.group(4)
    return (
        f"'{rest}' follows the number {number}: a number is written bare",
        f"write {key} = {found.group(2)}; words about it can go in a # comment after it",
        column,
    )


_SINGLE_QUOTED = re.compile(r"^(\s*[A-Za-z0-9_-]+\s*=\s*)'(.*)'\s*$")


def _apostrophe_in_single(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`text = 'She'll think about it.'`: an apostrophe ends text in single quotes.

    Single quotes are TOML's literal text, which nothing can escape; an author
    who took single quotes to avoid writing \\" meets this at the first
    apostrophe. The fix is the same text in double quotes.
    """
    if column is None or column < 2 or here[column - 2 : column - 1] != "'":
        return None
    if not raw_msg.startswith(("Expected newline or end of document", "Unclosed inline table")):
        return None
    if "'''" in here or not re.match(r"\w", here[column - 1 : column]):
        return None  # only a word glued to the quote is an apostrophe, as in she'll
    before = re.search(r"\w*$", here[: column - 2])
    after = re.match(r"\w*", here[column - 1 :])
    word = f"{before.group(0) if before else ''}'{after.group(0) if after else ''}"
    found = _SINGLE_QUOTED.match(here)
    if found:
        inner = found.group(2).replace("\\", "\\\\").replace('"', '\\"')
        fix = f'write {found.group(1).strip()} "{inner}"'
    else:
        fix = "put the text in double quotes"
    return (
        f"the ' in {word} ends the text early: text in single quotes cannot hold an apostrophe",
        f"{fix}: double quotes can hold an apostrophe",
        column,
    )


_IN_BRACES_KEY = r"(?:(?<=\{{)|(?<=,))\s*{}\s*="


def _twice_in_braces(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """`when = { flags = ["a"], flags = ["b"] }`: one key written twice inside { ... }.

    tomli says "Duplicate inline table key" for a number and "Cannot mutate
    immutable namespace" for a list; either way the fix is one key, and for a
    list, one list holding every entry.
    """
    dup = re.match(r"Duplicate inline table key '([^']*)'", raw_msg)
    names = re.findall(r"'([^']*)'", raw_msg) if raw_msg.startswith("Cannot mutate") else []
    name = dup.group(1) if dup else (names[-1] if names else None)
    if not name:
        return None
    key = _IN_BRACES_KEY.format(re.escape(name))
    at = [m.end() for m in re.finditer(key, here)]
    if len(at) < 2:
        return None
    lists = re.findall(key + r"\s*\[([^\]]*)\]", here)
    if len(lists) == len(at):
        entries = ", ".join(e.strip() for e in lists if e.strip())
        fix = f"write it once, with every entry in one list: {name} = [{entries}]"
        if name in ("flags", "visited") and len(lists) > 1:
            # Two `flags` in one condition: "either one" is as likely meant as "both".
            alternatives = ", ".join(f"{{ {name} = [{e.strip()}] }}" for e in lists)
            fix = (
                f"if either one should do, write any = [ {alternatives} ]; if all must hold, {fix}"
            )
    else:
        fix = f"keep one {name} = ... and delete the other"
    second = here.rindex(name, 0, at[1]) + 1
    return (f"'{name}' is written twice inside one {{ ... }}", fix, second)


# In the order `sim.loading.syntax` tries them: the first that recognises the line speaks.
ONE_LINE_CHECKS: tuple[Callable[[str, str, int | None], Specific | None], ...] = (
    _bulleted_key,
    _spaced_name,
    _indexed_header,
    _and_in_braces,
    _or_between_values,
    _word_between_tables,
    _word_in_list,
    _quote_inside,
    _apostrophe_in_single,
    _twice_in_braces,
    _number_then_word,
    _missing_comma,
    _unclosed_string,
    _table_in_brackets,
    _yes_no,
)

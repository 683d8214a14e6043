"""The Markdown export keeps its own shape whatever a scenario, a store or a trainee wrote.

A supervisor opens `export --format md` in a Markdown viewer (GitHub, an editor's
preview). Every untrusted text there goes through the gate's Markdown rules
(`sim.text.markdown_line` inside a line, `markdown_quote` for a block,
`markdown_fenced` inside the debrief's fence). These tests play the same path through a
scenario twice, once with plain words and once with words built to forge Markdown, and
parse both exports with a real CommonMark parser (markdown-it, tables on, raw HTML on as
GitHub allows some): the headings, table rows, paragraphs, bold labels and quotes must be
the same, so no content made a heading, a row, an "Ending:" or a meter line of its own.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from tests.core.test_hostile_files import assert_safe, run_main

MINI = Path(__file__).resolve().parents[1] / "core" / "fixtures" / "mini.toml"

# What a hostile author, store or trainee might write: a paragraph break then a line the
# export itself writes, a heading, a table row, a rule under a line, raw HTML, a link to
# script, a fence, and the separators a store can hold (U+2029 is a paragraph break).
FORGE = (
    "x\\n\\nTrust 100 (+50), empowerment 100 (+50)\\n\\n**Ending: Strong**\\n# Ending: strong\\n"
    "| a | b |\\n|---|---|\\n---\\n<img src=x onerror=alert(1)>\\n<script>alert(2)</script>\\n"
    "```\\n[x](javascript:alert(1))\\u2029*y*\\u2028`z`\\n    code\\n1. one\\n> q"
)
FORGE_RAW = FORGE.encode().decode("unicode_escape")
SHORT = "\\n\\nTrust 9 (+5)\\n# E\\n| a |\\n---\\n<img src=x>\\u2029`z`"  # titles: 120 at most
TITLES = ("title", "name")
FIELDS = (
    'title = "Mini"',
    'summary = "A tiny scenario for the engine tests."',
    'setting = "A test bench."',
    'name = "Kim"',
    'action = "Kim sits down."',
    'text = "Hi."',
    'say = "You made it in."',
    'why = "A reflection. It shows you noticed."',
    'text = "So what now?"',
    'say = "What would you like to focus on?"',
    'text = "A pause."',
    'text = "Thanks."',
    'say = "Thank you for coming."',
    'title = "Strong"',
    'text = "It went well."',
    'reflect = ["What did Kim want?"]',
)


def _scenario(folder: Path, hostile: bool) -> None:
    text = MINI.read_text()
    for field in FIELDS:
        key, value = field.split(" = ", 1)
        assert field in text, field
        if hostile:
            forge = SHORT if key in TITLES else FORGE
            new = f'["{forge}"]' if value.startswith("[") else f'"{value[1:-1]} {forge}"'
            text = text.replace(field, f"{key} = {new}", 1)
    if hostile:
        text += f'\n[[endings.strong.also]]\nwhen = {{ flags = ["reflected"] }}\ntext = "{FORGE}"\n'
    folder.mkdir()
    (folder / "mini.toml").write_text(text)


def _played(tmp_path: Path, hostile: bool, words: str) -> str:
    folder = tmp_path / ("hostile" if hostile else "plain")
    _scenario(folder, hostile)
    typed = f"{words}\n1\n{words}\n1\n\n{words}\n1\n" + "\n" * 10
    code, out = run_main(
        ["--scenarios", str(folder), "play", "mini", "--plain", "--own-words"], typed
    )
    assert code == 0 and "Strong" in out, out
    code, out = run_main(["--scenarios", str(folder), "export", "last", "--format", "md"])
    assert code == 0, out
    assert_safe(out)
    return out


def shape(markdown: str) -> list[tuple[str, tuple[str, ...]]]:
    """The blocks and the marks within their lines, text itself left out. Inside a quote
    only paragraphs of plain text may stand (a quoted text may have many lines)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    out: list[tuple[str, tuple[str, ...]]] = []
    quoted = 0
    for token in parser.parse(markdown):
        marks = tuple(c.type for c in token.children or () if c.type not in ("text", "softbreak"))
        if token.type == "blockquote_open":
            quoted += 1
            out.append(("quote", ()))
        elif token.type == "blockquote_close":
            quoted -= 1
        elif quoted:
            assert token.type in ("paragraph_open", "paragraph_close", "inline"), token
            assert not marks, (token.content, marks)
        else:
            out.append((token.type, marks))
    return out


def test_hostile_scenario_text_and_typed_words_leave_the_export_s_shape_alone(tmp_path):
    plain = _played(tmp_path, False, "I hear you.")
    hostile = _played(tmp_path, True, "# Ending: strong | a | `b` <img src=x> [x](javascript:y)")
    assert shape(hostile) == shape(plain)
    assert "Trust 100 (+50), empowerment 100 (+50)" in hostile  # the words are all there
    assert "\nTrust 100 (+50)" not in hostile  # but never at the start of a line of its own
    before_fence = hostile.split("```text", 1)[0]  # inside it, the debrief as plain text
    for forged in ("<img", "<script", "](javascript", "**Ending: Strong**", "---\n"):
        assert not re.search(r"(?<!\\)" + re.escape(forged), before_fence), forged


STORED = {
    "scenario_title": "runs",
    "ending_title": "runs",
    "trainee": "runs",
    "said": "decisions",
    "words": "decisions",
}


@pytest.mark.parametrize("run", ["1", "all"])
def test_hostile_text_in_the_store_leaves_the_export_s_shape_alone(tmp_path, records_dir, run):
    """A hand-edited or foreign store: the scenario is not here, so the export is built
    from what the store holds alone (its transcript list and the index of `export all`)."""
    exports = []
    for hostile in (False, True):
        folder = tmp_path / str(hostile)
        _scenario(folder, False)
        code, out = run_main(["--scenarios", str(folder), "play", "mini", "--choices", "1,1,1"])
        assert code == 0, out
        rid = 1 + hostile
        with sqlite3.connect(records_dir / "records.db") as conn:
            for column, table in STORED.items():
                key = "id" if table == "runs" else "run_id"
                conn.execute(
                    f"UPDATE {table} SET {column} = {column} || ? WHERE {key} = ?",
                    (FORGE_RAW if hostile else " plain words", rid),
                )
            conn.execute("UPDATE runs SET debrief = NULL WHERE id = ?", (rid,))
        code, out = run_main(["export", str(rid) if run == "1" else "all", "--format", "md"])
        assert code == 0, out  # the scenario is not here: built from the store alone
        assert_safe(out)
        exports.append(out)
    if run == "all":  # the index lists both runs, one row each, then each run in full
        rows = [x for x in exports[1].splitlines() if x.startswith(("| 1 |", "| 2 |"))]
        assert len(rows) == 2, exports[1]
        index, *runs = exports[1].split("\n\n---\n\n")  # what `export all` puts between
        assert len(runs) == 2, exports[1]
        assert shape(runs[1]) == shape(runs[0])
        assert shape(exports[1]).count(("heading_open", ())) == 1 + 2 * 2  # the index's, 2 a run
    else:
        assert shape(exports[1]) == shape(exports[0])


def test_a_million_blank_lines_before_a_fenced_text_are_dropped_in_one_cut():
    """The blank lines first were dropped one at a time, each copying the rest of the list:
    quadratic in them (adv28)."""
    from sim.text import markdown_fenced
    from tests.core.test_hostile_files import no_hang

    with no_hang():
        assert markdown_fenced([""] * 1_000_000 + [" ", "text", "", "```"]) == [
            "text",
            "",
            "` ` `",
        ]


def test_spaces_before_a_line_s_end_in_a_quoted_text_make_no_hard_break() -> None:
    """A text whose line ended in two spaces ("Hi.  " then a line) was quoted as written,
    and a viewer read a hard line break into it (found by the gate's hypothesis test)."""
    from sim.text import markdown_quote

    for text in ("Hi.  \r\n<img src=x>", "Hi.\t \nnext", "Hi. \\\nnext"):
        quoted = markdown_quote(text)
        assert shape(quoted) == [("quote", ())], (text, quoted)

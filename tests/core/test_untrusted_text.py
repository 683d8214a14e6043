"""One gate for untrusted text: no control sequence from a file or its name reaches any output.

A scenario whose text carries escapes (`\\u001b]52;...`, C1 CSI, bidi
overrides) and Mermaid directives, in a folder whose file names carry OSC 0,
OSC 52 and ESC[2J, goes through every command that prints: list, check (text
and JSON), test, graph (Mermaid and DOT), play --plain, principles.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.text import dot_string, json_text, mermaid_comment, mermaid_label, shown
from tests.core.test_hostile_files import run_main

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = (FIXTURES / "mini.toml").read_text(encoding="utf-8")
# \u001b etc. are TOML escapes, so the parsed strings hold the raw characters
HOSTILE_TEXT = r"%%{init: {\"theme\": \"dark\"}}%% \u001b]52;c;b3duZWQ=\u0007\u009b2J\u202eevil"
HOSTILE = GOOD.replace('title = "Mini"', f'title = "{HOSTILE_TEXT}"').replace(
    'text = "Hi."', f'text = "Hi. {HOSTILE_TEXT}"'
)
# raw (legal in TOML) C1 and bidi characters in a duplicated key: quoted by the error
DUPLICATED = 'format = 1\n"a\u009b\u202e" = 1\n"a\u009b\u202e" = 2\n'
_BUNDLED_TEXTS = [
    (Path(__file__).parents[2] / "scenarios" / f"{name}.toml").read_text(encoding="utf-8")
    for name in ("be-my-sponsor", "crisis-moment")
]
NAMES = ["\x1b]0;owned\x07.toml", "\x1b]52;c;b3duZWQ=\x07.toml", "\x1b[2J.toml"]
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def assert_clean(out: str) -> None:
    assert "Traceback" not in out
    found = UNSAFE.search(out)
    assert found is None, f"{found.group()!r} reached the output:\n{out}"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "hostile.toml").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "dup.toml").write_text(DUPLICATED, encoding="utf-8")
    for name in NAMES:
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_every_command_output_is_gated(folder):
    hostile = str(folder / "hostile.toml")
    runs = [
        ["list", str(folder)],
        ["check", str(folder)],
        ["check", "--stats", str(folder)],
        ["test", "--random", "3", str(folder)],
        ["graph", hostile],
        ["graph", "--format", "dot", hostile],
        ["play", hostile, "--choices", "1,1"],
        ["play", str(folder / NAMES[0]), "--plain"],
        ["play", "\x1b]0;owned\x07"],
        ["principles", str(folder)],
    ]
    for argv in runs:
        code, out = run_main(argv)
        assert_clean(out)
    # the hostile names are shown, escaped, not hidden
    code, out = run_main(["list", str(folder)])
    assert "\\x1b]0;owned\\x07.toml" in out and "\\x1b[2J.toml" in out
    code, out = run_main(["check", str(folder / "dup.toml")])
    assert "'a\\x9b\\u202e' is set twice" in out


def test_check_json_is_escaped_and_still_json(folder):
    code, out = run_main(["check", "--format", "json", str(folder)])
    assert out.isascii()
    payload = json.loads(out)
    assert {Path(f["path"]).name for f in payload["files"]} >= set(NAMES)


def test_mermaid_obeys_no_directive_from_the_scenario(folder):
    code, out = run_main(["graph", str(folder / "hostile.toml")])
    assert code == 0
    assert "%%{" not in out and "}%%" not in out
    # the only %% lines are the graph's own comment, which holds no %
    comments = [line for line in out.splitlines() if "%%" in line]
    assert comments and all(line.strip().startswith("%% ") for line in comments)
    assert all("%" not in line.strip()[2:] for line in comments)
    assert "#37;#37;#123;init: #123;" in out  # shown literally in the labels


def test_the_gate_functions():
    assert shown("a\x1bb\x9bc\u202ed\udcffe\nf\tg") == "a\\x1bb\\x9bc\\u202ed\\xffe\\nf\\tg"
    assert shown("line\nnext\ttab\r", newlines=True) == "line\nnext\ttab\\r"
    assert shown("café ✓ 😀") == "café ✓ 😀"
    assert dot_string('a "b" \\ \x1b[2J\nc') == '"a \\"b\\" \\\\ \\\\x1b[2J c"'
    assert "%" not in mermaid_label("%%{init: {}}%%") and "{" not in mermaid_label("{")
    assert mermaid_comment("100% {x}\n%%{init}%%") == "100 (x) (init)"
    assert json_text({"k": "\x1b\u202e"}) == '{\n  "k": "\\u001b\\u202e"\n}'


def test_c1_control_sequences_go_whole():
    """CSI and OSC spelt with one C1 character (0x9b, 0x9d) lose their parameters too."""
    from sim.text import clean

    assert clean("\x9b31mred \x9d0;title\x07text \x9d52;c;b3du\x9cend") == "red text end"


# -- a control character in a name-like value is an error, never cleaned into a link --

_NAME_KEYS = "goto|next|start|speaker|sets|clears|trains|critical|cap|difficulty|outcome|flags"
_NAME_LINE = re.compile(rf'^\s*({_NAME_KEYS}) = \[?"', re.M)
_CONTROLS = ["\\u0007", "\\u001b[2J", "\\u001b]0;x\\u0007", "\\u0000", "\\r", "\\u0085", "\\u202e"]


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_a_control_in_any_name_value_is_reported_where_it_is(tmp_path_factory, data):
    """`goto = "after\\u0007-yes"` was cleaned into a working link and called clean."""
    from sim.loading import load_scenario
    from sim.problems import ScenarioError

    source = data.draw(st.sampled_from(_BUNDLED_TEXTS))
    match = data.draw(st.sampled_from(list(_NAME_LINE.finditer(source))))
    start = match.end()  # just inside the first quoted value on that line
    end = source.index('"', start)
    cut = data.draw(st.integers(start, end))
    control = data.draw(st.sampled_from(_CONTROLS))
    path = tmp_path_factory.mktemp("ctl") / "sc.toml"
    path.write_text(source[:cut] + control + source[cut:], encoding="utf-8")
    line = source.count("\n", 0, match.start()) + 1
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    found = [p for p in caught.value.problems if p.code == "control-in-value"]
    assert found, [p.format() for p in caught.value.problems]
    assert found[0].line == line and found[0].key.split(".")[-1].startswith(match.group(1))
    # the escape as written is named, to be taken out (a raw character is told to be retyped)
    written = control if control == "\\r" else control[:6]
    assert f"take the escape {written}" in found[0].hint, found[0].hint
    assert_clean(found[0].format())


def test_a_control_in_prose_is_still_cleaned(tmp_path):
    path = tmp_path / "sc.toml"
    path.write_text(GOOD.replace('text = "Hi."', 'text = "Hi.\\u0007\\u001b[2J"'), "utf-8")
    from sim.loading import load_scenario

    assert load_scenario(path).scenes["hello"].text == "Hi."


def test_a_hint_drops_invisible_characters():
    from sim.loading.names import slug_of

    assert slug_of("open\u200bing") == "opening"
    assert slug_of("Why Here") == "why-here" and slug_of("why\u00a0here") == "why-here"


def _block_and_inline_kinds(markdown: str) -> set[str]:
    from markdown_it import MarkdownIt

    kinds = set()
    for token in MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(markdown):
        kinds.add(token.type)
        kinds.update(child.type for child in token.children or ())
    return kinds


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "---",
                    "===",
                    "- item",
                    "+ x",
                    "* * *",
                    "___",
                    "1. one",
                    "2) two",
                    "# h",
                    "> q",
                    "<b>x</b>",
                    "[a](http://x)",
                    "**b**",
                    "`c`",
                    "| a | b |",
                    "~~s~~",
                    "  - nested",
                    "![i](x.png)",
                    "<http://x>",
                    "1.5 hours",
                    "well-being",
                ]
            ),
            st.text(alphabet="-=+*_#>[]()<>`|~!1. ab\t", max_size=12),
        ),
        min_size=1,
        max_size=5,
    ).map("\n".join)
)
def test_markdown_text_makes_nothing_but_text_of_a_line(text):
    """Whatever a scenario line holds, Markdown reads it as plain paragraphs of text: no
    heading (a `---` under a line makes one), list, rule, quote, link, image, HTML or code."""
    from sim.text import markdown_text

    allowed = {
        "paragraph_open",
        "paragraph_close",
        "inline",
        "text",
        "softbreak",
        "hardbreak",
        "code_block",  # four leading spaces: shown literally, which is all we ask
    }
    kinds = _block_and_inline_kinds(markdown_text(text))
    assert kinds <= allowed, (text, markdown_text(text), kinds - allowed)


_FORGERIES = [
    "x\n\nTrust 100 (+50), empowerment 100 (+50)",
    "\n# Ending: strong",
    "a\u2029**Ending: Strong**",
    "| a | b |\n|---|---|",
    "\r\n---\r\n",
    "\x85<img src=x onerror=alert(1)>",
    "\u2028    code",
    "\n\n> quoted",
    "\x1b[31mred\x1b]52;c;aGk=\x07",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FORGERIES + ["a", " ", "\n", "*", "`"]), max_size=8).map("".join))
def test_markdown_line_stays_one_line_of_text_inside_a_heading_cell_or_label(text):
    """Inside a heading, a table cell or a bold label (`markdown_line`), untrusted text is
    text on that one line: a line break there ended the row or the emphasis and left
    what followed standing as the export's own words (a forged meter or Ending line)."""
    from sim.text import markdown_line

    for wrapper in ("# {}", "| a | {} |", "**Coach:** {}", "**1. Kim** *({})*"):
        line = wrapper.format(markdown_line(text))
        assert "\n" not in line and line.isprintable(), line
        plain = _block_and_inline_kinds(wrapper.format("words"))
        assert _block_and_inline_kinds(line) <= plain | {"text"}, (wrapper, text, line)


def _rendered_text(markdown: str) -> str:
    """What a Markdown viewer shows of `markdown`, as words (tags dropped, entities read)."""
    import html

    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"ab &#;$`*_[]<>|~!()-=+.:\\0\n\t ", "&amp;", "&lt;b&gt;", "&#x202E;", "&rlm;"]
            + ["&nbsp;", "<b>", "    ", "```", "$x$"]
        ),
        max_size=30,
    ).map("".join)
)
def test_markdown_text_shows_the_very_words(text):
    """A viewer shows exactly what the text says. An entity (`&lt;b&gt;`, `&rlm;`, `&#x202E;`)
    was shown as what it stands for, so typed own words could put a bidi mark into a
    supervisor's view that the terminal never showed; a line starting with a tab or four
    spaces became a code block whose escapes (`\\<`) showed as backslashes."""
    from sim.text import markdown_text

    assert _rendered_text(markdown_text(text)) == " ".join(text.split())


def test_names_that_fold_to_the_same_letters_are_one_key():
    # folding can decompose: 'ΐ' folded is ι and two marks, 'Ϊ́' folded ϊ and one,
    # so a key composed before folding only held two spellings of one name apart
    from sim.text import name_key

    assert name_key("Διονύσιος ΐ") == name_key("ΔΙΟΝΎΣΙΟΣ \u03aa\u0301")
    assert name_key("Zo\u00eb") == name_key("ZOE\u0308") == name_key("zoë")
    assert name_key("Zoe") != name_key("Zoë")


_JOINERS = ["\u0301", "\u0308", "\ufe0f", "\u200d", "\U0001f3fd"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(["e", "👍", "a", " "]), st.sampled_from(_JOINERS)),
        max_size=40,
    ),
    st.integers(min_value=0, max_value=45),
)
def test_a_cut_never_splits_a_character_from_its_accent(parts, limit):
    """`clip` (behind `brief` and `first_words`, which quote untrusted text in messages and
    the debrief) never keeps a letter while dropping the accent or joiner that follows it."""
    from sim.text import clip, joins

    text = "".join(parts)
    out = clip(text, limit)
    assert text.startswith(out) and len(out) <= max(limit, 0)
    if len(out) < len(text):
        nxt = text[len(out)]
        assert not joins(nxt) or not out, (text, out)
        assert not out.endswith("\u200d")


def test_brief_and_first_words_keep_accents_whole():
    from sim.text import brief, first_words

    assert brief("e\u0301" * 40, 10) == "e\u0301" * 4 + "…"
    assert first_words("Cafe\u0301s everywhere", 5, chars=4) == "Caf…"

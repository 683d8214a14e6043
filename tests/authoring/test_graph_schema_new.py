from __future__ import annotations

import json
import re

import pytest

from sim.authoring.graph import dot, mermaid

from .conftest import FIXTURES, GOOD

# A tiny DOT reader: every statement of the subset peer-sim writes.
_ID = r'"(?:[^"\\]|\\.)*"'
_ATTRS = rf"\[(?:\s*\w+=(?:{_ID}|[\w.#-]+)\s*,?)+\]"
DOT_LINE = re.compile(
    rf"^(?:digraph {_ID} \{{|\}}|\s+\w+=(?:{_ID}|[\w.]+);|\s+(?:node|edge) {_ATTRS};"
    rf"|\s+{_ID}(?: -> {_ID})?(?: {_ATTRS})?;)$"
)


def parse_dot(text: str) -> tuple[set[str], list[tuple[str, str, str]]]:
    nodes, edges = set(), []
    for line in text.splitlines():
        assert DOT_LINE.match(line), line
        m = re.match(rf"\s+({_ID}) -> ({_ID})(?: \[label=({_ID}))?", line)
        if m:
            edges.append((m.group(1), m.group(2), m.group(3) or ""))
            continue
        m = re.match(rf"\s+({_ID}) \[", line)
        if m:
            nodes.add(m.group(1))
    assert text.count("{") == text.count("}")
    return nodes, edges


def test_dot_matches_golden_file_and_parses(make, good_text):
    scenario = make(good_text, name="good")
    text = dot(scenario)
    assert text == (FIXTURES / "good.dot").read_text()
    nodes, edges = parse_dot(text)
    assert {'"scene:hello"', '"ending:gone"', '"@outcome"'} <= nodes
    for a, b, _ in edges:
        assert a in nodes | {'"@start"'} and b in nodes
    assert len([e for e in edges if e[0] == '"scene:middle"']) == 3


def test_labels_with_quotes_are_escaped(make, good_text):
    text = good_text.replace(
        'say = "Sounds like coming here wasn\'t your idea."',
        'say = "She said \\"no\\" | <b> #1; `x` \\\\ done"',
    )
    scenario = make(text)
    parse_dot(dot(scenario))
    m = mermaid(scenario)
    edge = next(line for line in m.splitlines() if line.startswith("  s0 -->|"))
    label = edge.split("|")[1]
    assert label.startswith('"') and label.endswith('"')
    assert '"' not in label[1:-1] and "<" not in label and "`" not in label
    assert "#quot;no#quot;" in label


def test_mermaid_shape(make, good_text):
    text = mermaid(make(good_text))
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    ok = re.compile(
        r'^  (?:%%.*|start\(\("start"\)\) --> s\d+|[se]\d+\[".*"\]|e\d+\(\[".*"\]\)'
        r'|\w+ -->(?:\|".*"\|)? \w+|outcome -\.->\|".*"\| e\d+|outcome\{".*"\}'
        r"|classDef \w+ .*|class [\w,]+ \w+|linkStyle \d+ .*)$"
    )
    for line in lines[1:]:
        assert ok.match(line), line
    # endings are told apart by words as well as colour
    assert '(["STRONG ending: A partnership begins"])' in text
    assert "class e2 poor" in text
    assert "[undermines]" in text and "[honours]" in text
    # linkStyle indices point at choice edges (count the edges in order)
    edges = [line for line in lines if "-->" in line or "-.->" in line]
    for line in lines:
        if line.startswith("  linkStyle"):
            index = int(line.split()[1])
            assert "-->|" in edges[index]


def test_critical_edges_show_their_cap_in_mermaid_and_dot():
    """Two safety slips, one capped at poor and one at the default mixed: the drawing is
    where an author traces which endings a path can still reach, so it tells them apart."""
    from sim.loading import load_scenario

    scenario = load_scenario(FIXTURES / "group-check-in.toml")
    m = mermaid(scenario)
    assert "move-on: Thanks, Mia." in m and "[undermines CRITICAL safety, cap poor]" in m
    assert "reassure: It gets better" in m and "[undermines CRITICAL safety, cap mixed]" in m
    _, edges = parse_dot(dot(scenario))
    labels = {label.split(":")[0].strip('"'): label.replace("\\n", " ") for *_, label in edges}
    assert "CRITICAL safety, cap poor" in labels["move-on"]
    assert "CRITICAL safety, cap mixed" in labels["reassure"]
    assert "cap" not in labels["hold-ray"]  # a line that is no slip has no cap


def test_graph_command(capsys):
    from sim.cli import main

    assert main(["graph", str(GOOD)]) == 0
    assert capsys.readouterr().out.startswith("flowchart TD")
    assert main(["graph", str(GOOD), "--format", "dot"]) == 0
    assert capsys.readouterr().out.startswith('digraph "good"')


@pytest.mark.parametrize("fmt, first", [("mermaid", "flowchart TD"), ("dot", 'digraph "good"')])
def test_graph_writes_to_a_file_with_o_as_schema_and_export_do(fmt, first, tmp_path, capsys):
    """`-o` works for graph as for schema, export and report (an author tried it and got
    a usage error); the drawing goes to the file, only a one-line note to stderr."""
    from sim.cli import main

    out = tmp_path / f"good.{fmt}"
    assert main(["graph", str(GOOD), "--format", fmt, "-o", str(out)]) == 0
    said = capsys.readouterr()
    assert said.out == ""
    assert said.err == f"wrote {out} ({fmt})\n"
    assert out.read_text(encoding="utf-8").startswith(first)
    assert main(["graph", str(GOOD), "-o", str(tmp_path / "nope" / "x.mmd")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("peer-sim: cannot write ") and err.count("\n") == 1


def test_graph_and_schema_o_never_write_a_toml_file(tmp_path, capsys):
    """`graph my.toml -o my.toml` (the scenario's name, typed from habit) wrote the drawing
    over the scenario; a drawing is never TOML, so a .toml name is refused, the file kept."""
    from sim.cli import main

    scenario = tmp_path / "mine.toml"
    scenario.write_text(GOOD.read_text())
    assert main(["graph", str(scenario), "-o", str(scenario)]) == 1
    err = capsys.readouterr().err
    assert "it is a TOML file (a scenario, say), and the drawing would replace it" in err
    assert err.rstrip().endswith(f"such as {tmp_path / 'mine.mmd'}")
    assert scenario.read_text() == GOOD.read_text()
    assert main(["graph", str(scenario), "--format", "dot", "-o", str(tmp_path / "d.toml")]) == 1
    assert f"such as {tmp_path / 'd.dot'}" in capsys.readouterr().err
    assert not (tmp_path / "d.toml").exists()
    assert main(["schema", "-o", str(scenario)]) == 1
    assert "the schema would replace it" in capsys.readouterr().err
    assert scenario.read_text() == GOOD.read_text()


# -- schema ---------------------------------------------------------------


def test_shipped_schema_is_in_sync():
    from sim.authoring.schema import SCHEMA_FILE, schema_text

    assert SCHEMA_FILE.read_text() == schema_text(), (
        "run: peer-sim schema -o schema/scenario.schema.json"
    )


def _validator():
    jsonschema = pytest.importorskip("jsonschema")
    from sim.authoring.schema import scenario_schema

    schema = scenario_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_validates_every_bundled_scenario_and_fixture():
    import tomli

    from sim.loading import bundled_dir, find_scenario_files

    validator = _validator()
    files = find_scenario_files([bundled_dir()]) + [GOOD]
    assert len(files) > 1
    for path in files:
        data = tomli.loads(path.read_text())
        assert not list(validator.iter_errors(data)), path


def test_schema_rejects_a_broken_scenario(good_text):
    import tomli

    validator = _validator()
    data = tomli.loads(good_text)
    data["scenes"]["hello"]["choices"][0]["trsut"] = 3
    data["endings"]["gone"]["outcome"] = "great"
    data["scenes"]["Bad Id"] = {"text": "x", "next": "gone"}
    data["meters"]["trust"] = 130
    messages = " ".join(e.message for e in validator.iter_errors(data))
    for part in ("trsut", "great", "Bad Id", "130"):
        assert part in messages


def test_schema_command(capsys, tmp_path):
    from sim.cli import main

    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["start"]["description"]
    out = tmp_path / "s.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert json.loads(out.read_text()) == schema


# -- new ------------------------------------------------------------------


def test_new_writes_a_clean_covered_scenario_and_refuses_to_overwrite(tmp_path, capsys):
    from sim.authoring.lint import lint
    from sim.authoring.scaffold import create
    from sim.cli import main
    from sim.loading import load_scenario

    target = tmp_path / "first-visit"
    assert main(["new", str(target)]) == 0
    path = tmp_path / "first-visit.toml"
    text = path.read_text()
    # outside a checkout: no #:schema path that would not resolve, but how to get one
    assert not any(line.startswith("#:schema") for line in text.splitlines())
    assert "peer-sim schema -o scenario.schema.json" in text.splitlines()[1]
    scenario = load_scenario(path)
    assert lint(scenario) == []
    assert main(["test", str(path), "--random", "10"]) == 0
    capsys.readouterr()
    path.write_text("mine")
    assert main(["new", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == "mine"
    with pytest.raises(Exception, match="not a valid scenario id"):
        create(str(tmp_path / "Bad Name"))


def test_new_inside_a_checkout_points_at_its_schema(tmp_path):
    from sim.authoring.scaffold import create

    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "scenario.schema.json").write_text("{}")
    (tmp_path / "scenarios" / "mine").mkdir(parents=True)
    path = create(str(tmp_path / "scenarios" / "mine" / "visit"))
    first = path.read_text().splitlines()[0]
    assert first == "#:schema ../../schema/scenario.schema.json"
    assert (path.parent / first.split()[1]).resolve() == tmp_path / "schema/scenario.schema.json"


def test_new_puts_every_line_in_the_same_place_in_a_checkout_or_not(tmp_path):
    # The README's step 5 shows the line `check` names (`first-visit.toml:57:1`): an author
    # who made the file in a clone (the README's own start) met it two lines higher, the
    # schema line being one line where the comment outside a checkout is three.
    from sim.authoring.scaffold import create

    (tmp_path / "repo" / "schema").mkdir(parents=True)
    (tmp_path / "repo" / "schema" / "scenario.schema.json").write_text("{}")
    (tmp_path / "elsewhere").mkdir()
    inside = create(str(tmp_path / "repo" / "visit")).read_text().splitlines()
    outside = create(str(tmp_path / "elsewhere" / "visit")).read_text().splitlines()
    assert inside[0].startswith("#:schema ") and not outside[0].startswith("#:schema")
    assert len(inside) == len(outside)
    # (test_readme holds the README's number to the file made outside a checkout)
    assert inside.index('next = "what-now"') == outside.index('next = "what-now"')


@pytest.mark.parametrize("where", ["nope/x.json", "."])
def test_schema_to_a_bad_path_is_one_line_not_a_traceback(where, tmp_path, capsys):
    from sim.cli import main

    assert main(["schema", "-o", str(tmp_path / where)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("peer-sim: cannot write ") and err.count("\n") == 1
    if where.startswith("nope"):
        assert f"there is no folder {tmp_path / 'nope'}" in err
    existing = tmp_path / "s.json"
    existing.write_text("old")
    assert main(["schema", "-o", str(existing)]) == 0  # generated: overwriting is fine
    assert existing.read_text().startswith("{")


def test_graph_labels_are_capped_even_for_one_long_word(make, good_text):
    from sim.authoring.graph import LABEL
    from sim.model.types import MAX_TEXT, MAX_TITLE

    huge, long = "x" * MAX_TEXT, "y" * MAX_TITLE  # the longest the loader takes
    text = good_text.replace("Sounds like coming here wasn't your idea.", huge)
    text = text.replace("I'm not sure why I'm here.", long).replace("A partnership begins", long)
    text = text.replace('title = "Good fixture"', f'title = "{long}"')
    scenario = make(text)
    for out in (mermaid(scenario), dot(scenario)):
        assert max(len(line) for line in out.splitlines()) < LABEL + 100
        assert "x ..." in out and "y ..." in out
    parse_dot(dot(scenario))
    edge = next(line for line in mermaid(scenario).splitlines() if line.startswith("  s0 -->|"))
    assert "[honours]" in edge  # the verdict in words survives the cut


def test_dot_edge_labels_come_in_short_lines(make, good_text):
    """Long one-line labels ran into each other where many edges meet ("@outcome"):
    each is wrapped into centred lines of at most WRAP characters, a long word too."""
    from sim.authoring.graph import WRAP

    text = good_text.replace(
        'say = "Sounds like coming here wasn\'t your idea."',
        'say = "Supercalifragilisticexpialidocious-and-then-some \\"quoted\\" words"',
    )
    _, edges = parse_dot(dot(make(text)))
    labels = [label for _, _, label in edges if label]
    assert any("\\n" in label for label in labels)
    for label in labels:
        for line in label[1:-1].split("\\n"):
            assert len(line.replace('\\"', '"')) <= WRAP, line


def test_dot_wrap_keeps_an_accent_with_its_letter(make, good_text):
    """A long word is cut at WRAP characters; written with combining accents (as macOS
    writes file text), the cut fell between a letter and its accent, so one label line
    began with a lone accent. The accent now stays on the line of its letter."""
    word = "Cafe\u0301" * 12  # 60 characters, an accent every fifth
    text = good_text.replace(
        'say = "Sounds like coming here wasn\'t your idea."', f'say = "{word} ok"'
    )
    _, edges = parse_dot(dot(make(text)))
    lines = [
        line
        for _, _, label in edges
        if label and "Cafe" in label
        for line in label[1:-1].split("\\n")
    ]
    assert len(lines) > 1
    assert all(line and not line.startswith("\u0301") for line in lines), lines
    joined = "".join(lines)
    assert "Caf" in joined and re.search("Cafe(?!\u0301)", joined) is None, joined

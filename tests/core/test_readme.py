"""The author guide's example must stay a valid, playable scenario."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sim.engine import Run
from sim.loading import load_scenario

README = Path(__file__).parents[2] / "README.md"


def example() -> str:
    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(), re.S)
    return next(b for b in blocks if 'title = "First Visit"' in b)


def test_readme_example_loads_and_plays(tmp_path):
    path = tmp_path / "first-visit.toml"
    path.write_text(example())
    scenario = load_scenario(path)
    run = Run.begin(scenario)
    run.choose(1)
    run.settle()
    run.choose(1)
    assert run.over and run.ending.outcome in {"strong", "mixed", "poor"}


def test_readme_example_passes_check_strict_and_reaches_every_ending(tmp_path):
    """The reference example is what authors copy: `check --strict` must pass on it."""
    from sim.authoring.lint import analyse

    path = tmp_path / "first-visit.toml"
    path.write_text(example())
    found = analyse(load_scenario(path))
    assert [p.format() for p in found.problems] == []
    assert set(found.exploration.endings) == {"partnership", "door-open", "walked-out"}


def _block(marker: str) -> str:
    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(), re.S)
    return next(b for b in blocks if marker in b)


def test_readme_new_key_examples_validate():
    """The snippets for scenes that remember and critical slips use real keys and values."""
    import tomli

    from sim.model import Choice, Debrief, EndingVariant, Step, Variant

    remember = tomli.loads(_block("[[scenes.reply.variants]]"))
    for v in remember["scenes"]["reply"]["variants"]:
        Variant.model_validate(v)
    for step in remember["scenes"]["after"]["next"]:
        Step.model_validate(step)
    for v in remember["endings"]["door-open"]["variants"]:
        EndingVariant.model_validate(v)
    Debrief.model_validate(remember["debrief"])
    critical = tomli.loads(_block('critical = "dual-relationship"'))
    choice = Choice.model_validate(critical["scenes"]["ask"]["choices"][0])
    assert choice.critical == "dual-relationship" and choice.cap == "mixed"


def test_readme_says_how_to_join_lines_of_a_long_text_and_the_example_does_it():
    """Author test 7 wrapped long text at the editor's width and got ragged lines: the README
    shows the TOML line-end backslash, and its example must read as one line."""
    import tomli

    text = tomli.loads(_block('The nurse said it might help."""     #'))["text"]
    assert text == "I don't really know why I'm here. The nurse said it might help."


def test_readme_names_each_critical_slip_kind_in_the_debrief_s_words():
    """An author picks the kind by what the debrief will call it (author test 7 filed a
    secrecy promise as confidentiality, which the debrief glosses as sharing)."""
    from sim.debrief.words import SLIP_WORDS

    readme = " ".join(README.read_text().split())
    for kind, words in SLIP_WORDS.items():
        assert f'| `"{kind}"` | {words} |' in readme, kind


def _quick_start() -> str:
    text = README.read_text()
    start = text.index("### Your first scenario in ten minutes")
    return text[start : text.index("\n### ", start + 1)]


def test_readme_first_scenario_steps_work_as_written(tmp_path, monkeypatch, capsys):
    """The ten-minute path (new, add a scene, check, test) must work when followed to the
    letter: the scene pasted in, the one `next` changed, and the error line it shows is
    the one `check` prints for the typo it names."""
    import textwrap

    from sim.authoring.lint import analyse
    from sim.cli import main

    section = _quick_start()
    monkeypatch.chdir(tmp_path)
    assert main(["new", "first-visit"]) == 0
    path = tmp_path / "first-visit.toml"
    original = path.read_text()
    head, reason = original.split("[scenes.reason]\n", 1)
    body, rest = reason.split("\n[", 1)
    assert body.count('next = "what-now"') == 1, "step 4 names a line the file must have"
    block = textwrap.dedent(re.findall(r"```toml\n(.*?)```", section, re.S)[0])
    edited = head + "[scenes.reason]\n" + body.replace('"what-now"', '"worry"') + "\n[" + rest
    path.write_text(edited + "\n" + block)
    found = analyse(load_scenario(path))
    assert [p.format() for p in found.problems] == []  # no "no path reaches 'worry'"
    capsys.readouterr()
    assert main(["test", "first-visit.toml", "--random", "5"]) == 0
    assert "every branch covered" in capsys.readouterr().out
    # step 5's example error is check's own line for that typo
    path.write_text(edited.replace('next = "worry"', 'next = "wory"') + "\n" + block)
    assert main(["check", "first-visit.toml"]) == 1
    printed = capsys.readouterr().out.strip()
    assert printed in " ".join(section.split()), printed


def test_readme_says_the_snippets_after_the_example_are_pieces_of_a_larger_file(tmp_path):
    """An author pasted the 'Scenes that remember' block into the example and met
    "makes a new scene 'reply'": the README must say the blocks name scenes of their own,
    and `check` must then name what is missing, as it says."""
    from sim.problems import ScenarioError

    readme = " ".join(README.read_text().split())
    assert "the blocks below are pieces to add to a scenario that has the scenes `reply`" in readme
    assert "(a piece of a larger file: its scene `ask`" in readme
    path = tmp_path / "pasted.toml"
    path.write_text(
        example().replace("[debrief]", "[old-debrief]") + _block("[[scenes.reply.variants]]")
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    said = " ".join(p.format() for p in caught.value.problems)
    assert "'reply'" in said


def test_readme_reads_the_debrief_in_the_app_help_s_words():
    """What the debrief's headings mean lived in the app's help alone, and the README named
    four of its six headings: the plain player's trainees, who have no help screen, read
    them in the README, from the one text the help shows (`sim.debrief.reading`)."""
    from sim.debrief.reading import READING_THE_DEBRIEF, READING_TITLE

    readme = " ".join(README.read_text().split())
    assert f"**{READING_TITLE}**" in readme
    for term, what in READING_THE_DEBRIEF:
        assert f"- **{term}**: {what}." in readme, term


def test_readme_says_new_titles_the_file_from_its_name(tmp_path, monkeypatch):
    """`new` titles the file from its name; the README says which title and which key."""
    from sim.cli import main

    text = " ".join(README.read_text().split())
    m = re.search(r"`peer-sim new ([\w-]+)` titles it \"([^\"]+)\"", text)
    assert m, "the `new` section says how the file is titled"
    assert "change the `title` key" in text
    monkeypatch.chdir(tmp_path)
    assert main(["new", m.group(1)]) == 0
    written = (tmp_path / f"{m.group(1)}.toml").read_text()
    assert f'title = "{m.group(2)}"' in written


@pytest.mark.parametrize("invisible", ["\u00a0", "\u200b"])
def test_readme_says_an_invisible_character_in_a_name_is_an_error_naming_it(tmp_path, invisible):
    """The guide said only a control character in a name is an error; a non-breaking or
    zero-width space pasted from a web page is one too, in a key and in the file name."""
    from sim.problems import ScenarioError

    text = " ".join(README.read_text().split())
    assert "holding a control or invisible character (a non-breaking or zero-width space" in text
    assert "is an error naming it by its U+ code" in text
    code = f"U+{ord(invisible):04X}"
    good = example()
    for name, body in (
        ("in-a-key", good.replace("[characters.dana]", f'[characters."dana{invisible}"]')),
        (f"file{invisible}name", good),
    ):
        path = tmp_path / f"{name}.toml"
        path.write_text(body)
        with pytest.raises(ScenarioError) as info:
            load_scenario(path)
        assert any(code in p.message and p.severity == "error" for p in info.value.problems)


# --- The README's table of `check` codes, held to the code that makes them ---------------
#
# An author looks a message up by the `code` `check --format json` gives it. The codes are
# collected from the checker's source, not from a list kept by hand, so a new code without
# a README row fails here.

SIM = Path(__file__).parents[2] / "sim"
# Every module `check` runs: reading, the format, links (sim/loading, sim/model), the path
# checks (sim/authoring) and the command itself. fairness.py's problems are `peer-sim test`'s
# (safety-punished, slip-beats-best, best-trails), not check's: their table is test's, below.
NOT_CHECK = {"sim/authoring/fairness.py"}
# `code=` given a value made elsewhere: each forwards a code collected at its source.
FORWARDS = {
    ("sim/loading/where.py", "code"),  # Where.problem(..., code=...)
    ("sim/loading/toml_read.py", "code"),  # fail(..., code=...)
    ("sim/loading/files.py", "code"),  # _error(..., code=...)
    ("sim/loading/library.py", "code"),  # cross_reference's (loc, message, hint, code)
    ("sim/loading/partial.py", "code"),  # the same, for a file whose format failed
    ("sim/loading/explain.py", "err['type']"),  # pydantic's, worded in sentences.py
    ("sim/loading/index.py", "data['code']"),  # a problem kept in the library index
    ("sim/authoring/knockon.py", "first.code"),  # knock-on errors folded into their cause
}


def _check_modules() -> list[tuple[str, object]]:
    import ast

    files = [SIM / "commands" / "check.py"]
    for folder in ("loading", "model", "authoring"):
        files += sorted((SIM / folder).glob("*.py"))
    out = []
    for file in files:
        name = file.relative_to(SIM.parent).as_posix()
        if name not in NOT_CHECK:
            out.append((name, ast.parse(file.read_text(encoding="utf-8"))))
    return out


def _assigned(func: object, name: str) -> list[tuple[str, list]] | None:
    """Each string `name` is set to in `func`, with the statements beside it (where its
    severity is set too: fairness.problems' `code = "best-trails"`, `severity = "warning"`);
    None when it is set to anything else, or never (a parameter: a forward)."""
    import ast

    out = []
    for node in ast.walk(func):
        for field in ("body", "orelse"):
            block = getattr(node, field, None)
            if not isinstance(block, list):
                continue
            for stmt in block:
                if not isinstance(stmt, ast.Assign):
                    continue
                if not any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
                    continue
                if not (isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)):
                    return None
                out.append((stmt.value.value, block))
    return out or None


def _emitted(
    modules: list[tuple[str, object]] | None = None,
) -> tuple[dict[str, set[str]], set[tuple[str, str]]]:
    """code -> the severities it is made with ("?" where decided at run time), and the
    `code=` values that are no string written there (module, expression). `modules`:
    check's, unless others are given (`peer-sim test`'s)."""
    import ast
    import dataclasses
    import inspect

    from sim.loading.where import Where
    from sim.problems import Problem

    defaults = {
        "Problem": next(f.default for f in dataclasses.fields(Problem) if f.name == "code"),
        "problem": inspect.signature(Where.problem).parameters["code"].default,
    }
    found: dict[str, set[str]] = {}
    passed: set[tuple[str, str]] = set()

    def add(code: str, severity: str) -> None:
        found.setdefault(code, set()).add(severity)

    for name, tree in _check_modules() if modules is None else modules:
        own = dict(defaults)  # a helper defined here with a default code (files._error)
        within = {}  # node -> the function it is in (the innermost: ast.walk goes outer first)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for inner in ast.walk(node):
                    within[inner] = node
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                args = node.args.args + node.args.kwonlyargs
                values = [None] * (len(node.args.args) - len(node.args.defaults))
                values += node.args.defaults + node.args.kw_defaults
                for arg, value in zip(args, values, strict=True):
                    if arg.arg == "code" and isinstance(value, ast.Constant):
                        own[node.name] = value.value
        for node in ast.walk(tree):
            if isinstance(node, ast.Yield) and isinstance(node.value, ast.Tuple):
                last = node.value.elts[-1] if len(node.value.elts) == 4 else None
                if isinstance(last, ast.Constant) and isinstance(last.value, str):
                    add(last.value, "error")  # crossref's Found: every one an error
            if isinstance(node, ast.FunctionDef) and node.name == "sentence":
                for test in ast.walk(node):  # the pydantic error types worded there
                    if isinstance(test, ast.Compare) and ast.unparse(test.left) == "kind":
                        for c in ast.walk(test.comparators[0]):
                            if isinstance(c, ast.Constant):
                                add(c.value, "error")
            if not isinstance(node, ast.Call):
                continue
            callee = ast.unparse(node.func).rsplit(".", 1)[-1]
            if callee == "PydanticCustomError" and isinstance(node.args[0], ast.Constant):
                add(node.args[0].value, "error")
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            code = keywords.get("code")
            if code is None and callee in own and callee not in ("Problem", "problem"):
                code = ast.Constant(own[callee])  # a local helper's default
            elif code is None and callee in ("Problem", "problem"):
                code = ast.Constant(defaults[callee])
            if code is None:
                continue
            severity = keywords.get("severity")
            if severity is None and callee == "problem" and len(node.args) > 3:
                severity = node.args[3]
            set_to = None
            if isinstance(code, ast.Name) and node in within:
                set_to = _assigned(within[node], code.id)
            if set_to is not None:  # `code = "..."` in this function, each with its severity
                for value, block in set_to:
                    said = "?"
                    if severity is None:
                        said = "error"
                    elif isinstance(severity, ast.Constant):
                        said = severity.value
                    elif isinstance(severity, ast.Name):
                        for stmt in block:
                            if (
                                isinstance(stmt, ast.Assign)
                                and any(getattr(t, "id", "") == severity.id for t in stmt.targets)
                                and isinstance(stmt.value, ast.Constant)
                            ):
                                said = stmt.value.value
                    add(value, said)
                continue
            if not (isinstance(code, ast.Constant) and isinstance(code.value, str)):
                passed.add((name, ast.unparse(code)))
                continue
            if severity is None:
                add(code.value, "error")
            elif isinstance(severity, ast.Constant):
                add(code.value, severity.value)
            else:  # decided at run time (`--strict`)
                add(code.value, "?")
    return found, passed


def _readme_codes() -> list[tuple[str, str]]:
    """(code, severity) for each code in the check section's tables, as often as listed."""
    text = README.read_text(encoding="utf-8")
    start = text.index("### Check: `peer-sim check")
    section = text[start : text.index("\n### ", start + 1)]
    out, severity = [], ""
    for line in section.splitlines():
        if line.startswith("#### "):
            severity = {"Errors": "error", "Warnings": "warning"}[line[5:].split(":")[0]]
        elif line.startswith("| `"):
            out += [(code, severity) for code in re.findall(r"`([^`]+)`", line.split("|")[1])]
    return out


def test_the_collector_finds_codes_of_every_kind():
    found, _ = _emitted()
    for code in ("syntax", "missing", "invisible_text", "unknown-goto", "stigma", "same-id"):
        assert code in found, code
    assert found["stigma"] == {"warning"} and found["unknown-goto"] == {"error"}
    assert "safety-punished" not in found  # `test`'s


def test_a_code_check_makes_from_a_value_made_elsewhere_is_a_known_forward():
    """A new `code=` fed from a variable would hide its codes from the table test."""
    _, passed = _emitted()
    assert passed == FORWARDS


def test_every_code_check_can_emit_has_one_readme_row_with_its_severity():
    found, _ = _emitted()
    listed = _readme_codes()
    for code, severities in sorted(found.items()):
        rows = [severity for c, severity in listed if c == code]
        assert len(rows) == 1, f"{code}: {len(rows)} rows in README's check tables"
        assert severities - {"?"} <= {rows[0]}, f"{code}: made as {severities}, listed {rows}"


def test_every_code_in_the_readme_tables_is_one_check_can_emit():
    found, _ = _emitted()
    assert [code for code, _ in _readme_codes() if code not in found] == []


# --- The README's table of `peer-sim test` codes, held to the code the same way ----------
#
# `test` makes its problems in sim/commands/test.py and in the functions it calls from
# sim/authoring (fairness.problems' rules, lint's dead_end and no_way_out, worded as `check`
# words them); a file that does not load gets check's own errors, in check's tables.


def _test_modules() -> list[tuple[str, object]]:
    """sim/commands/test.py, and each function it imports from sim.authoring and calls."""
    import ast

    file = SIM / "commands" / "test.py"
    tree = ast.parse(file.read_text(encoding="utf-8"))
    called = {ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    out = [(file.relative_to(SIM.parent).as_posix(), tree)]
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sim.authoring")
        ):
            continue
        source = SIM.parent / (node.module.replace(".", "/") + ".py")
        module = ast.parse(source.read_text(encoding="utf-8"))
        for alias in node.names:
            if (alias.asname or alias.name) not in called:
                continue
            for func in module.body:
                if isinstance(func, ast.FunctionDef) and func.name == alias.name:
                    name = f"{source.relative_to(SIM.parent).as_posix()}:{func.name}"
                    out.append((name, ast.Module(body=[func], type_ignores=[])))
    return out


def _readme_table(heading: str) -> list[tuple[str, str]]:
    """(first column's code, what it means) for each row of the table in that section."""
    text = README.read_text(encoding="utf-8")
    start = text.index(heading)
    section = text[start : text.index("\n### ", start + 1)]
    out = []
    for line in section.splitlines():
        if line.startswith("| `"):
            cells = line.split(" | ")
            out += [(code, cells[1]) for code in re.findall(r"`([^`]+)`", cells[0])]
    return out


def _readme_test_codes() -> list[tuple[str, str]]:
    """(code, severity) for each code in the `test` section's table, as often as listed:
    its meaning starts "Error" or "Warning"."""
    rows = _readme_table("### Test every path: `peer-sim test")
    return [(code, meaning.split(",")[0].split(":")[0].lower()) for code, meaning in rows]


def test_the_test_collector_finds_test_s_codes_and_follows_its_helpers():
    found, passed = _emitted(_test_modules())
    assert found["uncovered"] == {"error"}
    assert found["safety-punished"] == {"error"} and found["slip-beats-best"] == {"error"}
    assert found["best-trails"] == {"warning"}  # fairness sets code and severity together
    assert found["dead-end"] == {"error"} and found["no-way-out"] == {"error"}  # lint's
    assert "stigma" not in found  # check's alone
    assert passed == set(), "a code= fed from elsewhere would hide test's codes"


def test_every_code_test_can_emit_has_one_readme_row_with_its_severity():
    found, _ = _emitted(_test_modules())
    listed = _readme_test_codes()
    for code, severities in sorted(found.items()):
        rows = [severity for c, severity in listed if c == code]
        assert len(rows) == 1, f"{code}: {len(rows)} rows in README's test table"
        assert severities - {"?"} <= {rows[0]}, f"{code}: made as {severities}, listed {rows}"


def test_every_code_in_the_readme_test_table_is_one_test_can_emit():
    found, _ = _emitted(_test_modules())
    assert [code for code, _ in _readme_test_codes() if code not in found] == []


def _slips_findings() -> set[str]:
    """The ERROR and warning lines `test --slips` prints (slips_report), up to their colon."""
    import ast

    tree = ast.parse((SIM / "commands" / "test.py").read_text(encoding="utf-8"))
    report = next(
        n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "slips_report"
    )
    out = set()
    for node in ast.walk(report):
        first = node.values[0] if isinstance(node, ast.JoinedStr) and node.values else node
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            text = first.value.strip()
            if text.startswith(("ERROR: ", "warning: ")):
                out.add(text.rstrip(":"))
    return out


def test_every_finding_test_slips_prints_has_one_readme_row():
    found = _slips_findings()
    assert found >= {  # the collector reads them
        "ERROR: a critical slip still ends strong",
        "warning: one harmless slip leads to the worst ending",
    }
    listed = [line for line, _ in _readme_table("### Balance: `peer-sim test")]
    assert sorted(listed) == sorted(found)

"""Arguments, environment and output paths a careless or hostile caller hands the command line.

Each class of input found wrong by an adversarial pass (plan/adversarial-4.md) has
one test here: one line on stderr, the documented exit status, never a hang or
an "unexpected error".
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.cli import main
from sim.loading.names import slug_of
from sim.model.types import ID_PATTERN
from tests.core.test_hostile_files import KINDS

BUNDLED = Path(__file__).resolve().parents[2] / "scenarios"
GOOD = (BUNDLED / "first-meeting.toml").read_text(encoding="utf-8")


def one_line(err: str) -> str:
    assert "Traceback" not in err and "unexpected error" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# -- a NUL in any argument --------------------------------------------------------

COMMAND_LINES = [
    ["--data-dir", "D", "runs"],
    ["export", "last", "-o", "F"],
    ["schema", "-o", "F"],
    ["--scenarios", "D", "list"],
    ["play", "first-meeting", "--plain", "--data-dir", "D"],
    ["identity", "--name", "N"],
    ["check", "F"],
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.sampled_from(COMMAND_LINES),
    which=st.integers(min_value=0, max_value=10),
    at=st.integers(min_value=0, max_value=3),
)
def test_a_nul_in_any_argument_is_a_usage_error(words, which, at, capsys):
    # A shell cannot pass one; a wrapper calling main() can, and --data-dir or -o
    # with one was "unexpected error" and exit 70.
    capsys.readouterr()  # one capture for every example: start each one clean
    words = list(words)
    i = which % len(words)
    words[i] = words[i][:at] + "\x00" + words[i][at:]
    assert main(words) == 2
    line = one_line(capsys.readouterr().err)
    assert "NUL character" in line and "\x00" not in line


# -- TEXTUAL_DRIVER ---------------------------------------------------------------


@pytest.mark.parametrize(
    "driver",
    [
        "bogus",
        "",
        "textual.app",
        "textual.app:App",
        "textual.app:nothing",
        "no.such:Mod",
        "\x1b[2J:x",
    ],
)
@pytest.mark.parametrize("words", [[], ["play", "first-meeting"]])
def test_a_bogus_textual_driver_is_named_not_an_unexpected_error(
    driver, words, monkeypatch, capsys
):
    monkeypatch.setenv("TEXTUAL_DRIVER", driver)
    # as in a terminal (an empty TEXTUAL_DRIVER does not count as a web front end)
    monkeypatch.setattr("sim.commands.streams.keys_reach_the_app", lambda: True)
    assert main(words) == 2
    line = one_line(capsys.readouterr().err)
    assert "TEXTUAL_DRIVER" in line and "unset it" in line and "\x1b" not in line


# -- -o to somewhere that cannot take it --------------------------------------------


@pytest.fixture
def finished_run():
    from sim.loading import load_scenario
    from tests.records.conftest import path_to_ending

    numbers = path_to_ending(load_scenario(BUNDLED / "first-meeting.toml"))
    assert main(["play", "first-meeting", "--choices", ",".join(map(str, numbers))]) == 0


@pytest.mark.parametrize("command", [["schema"], ["export", "last"]])
@pytest.mark.parametrize("where", ["folder", "fifo", "missing"])
def test_every_o_option_refuses_the_same_way(command, where, tmp_path, finished_run, capsys):
    """One writer for every -o: a FIFO nobody reads is an error, not a hang (schema hung)."""
    target = {"folder": tmp_path, "fifo": tmp_path / "pipe", "missing": tmp_path / "no" / "x"}
    if where == "fifo":
        os.mkfifo(target["fifo"])
    capsys.readouterr()
    assert main([*command, "-o", str(target[where])]) == 1
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"peer-sim: cannot write {target[where]}: ")
    assert {"folder": "it is a folder", "fifo": "named pipe", "missing": "there is no folder"}[
        where
    ] in line


# -- a broken principles.toml gets a catalogue's hints ------------------------------

BROKEN_CATALOGUES = {
    "empty": b"",
    "comments": b"# nothing yet\n",
    "deep": b"format = 1\nx = " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "long number": b"format = " + b"9" * 5000 + b"\n",
    "huge": b"format = 1\n#" + b"x" * (1024 * 1024 + 10) + b"\n",
}


@pytest.mark.parametrize("kind", [*BROKEN_CATALOGUES, "fifo", "folder", "link-zero"])
def test_a_broken_principles_toml_is_named_with_a_catalogue_hint(kind, tmp_path, capsys):
    (tmp_path / "visit.toml").write_text(GOOD, encoding="utf-8")
    catalogue = tmp_path / "principles.toml"
    if kind in KINDS:  # a special file: a FIFO, a folder, a link to /dev/zero
        KINDS[kind](catalogue)
    else:
        catalogue.write_bytes(BROKEN_CATALOGUES[kind])
    assert main(["check", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    said = [line for line in (out + err).splitlines() if "principles.toml" in line]
    assert said, kind
    assert "peer-sim new" not in said[0] and "scenario" not in said[0], said[0]


# -- suggested names ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("café", "cafe"),
        ("cafe\u0301", "cafe"),
        ("ｒｅａｓｏｎ", "reason"),
        ("Ｇｏｏｄ Ｉｄｅａ", "good-idea"),
    ],
)
def test_a_suggested_name_keeps_the_letters_of_accented_and_full_width_ones(written, meant):
    assert slug_of(written) == meant


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_a_suggested_name_is_always_a_valid_name_or_nothing(text):
    import re

    slug = slug_of(text)
    assert slug == "" or re.fullmatch(ID_PATTERN, slug) or not slug[0].isalnum()


def test_start_at_outcome_is_not_told_to_drop_the_at(tmp_path, capsys):
    (tmp_path / "visit.toml").write_text(
        GOOD.replace('start = "arrival"', 'start = "@outcome"'), encoding="utf-8"
    )
    assert main(["check", str(tmp_path / "visit.toml")]) == 1
    err = capsys.readouterr().out
    assert "did you mean 'outcome'" not in err and 'only goto and next take "@outcome"' in err


# -- numbers that mean nothing -------------------------------------------------------


@pytest.mark.parametrize("n", ["0", "-3"])
def test_slips_below_one_is_a_usage_error(n, capsys):
    assert main(["test", str(BUNDLED / "first-meeting.toml"), f"--slips={n}"]) == 2
    assert "--slips takes" in one_line(capsys.readouterr().err)


def test_an_email_too_long_for_any_mailbox_is_refused(capsys):
    assert main(["identity", "--email", "a" * 5000 + "@example.org"]) == 2
    assert "does not look like an email address" in one_line(capsys.readouterr().err)


# -- a file name that looks like another ---------------------------------------------


@pytest.mark.parametrize("invisible", ["\u200b", "\u2060", "\u2063", "\ufeff"])
def test_an_invisible_character_in_a_file_name_is_shown(invisible, tmp_path, capsys):
    # 'good\u200b.toml' was reported as "good.toml: the file name holds ... an invisible character"
    (tmp_path / f"visit{invisible}.toml").write_text(GOOD, encoding="utf-8")
    assert main(["list", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert invisible not in out and f"visit\\u{ord(invisible):04x}.toml" in out


@given(st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Cs"])), st.text())
def test_no_invisible_character_but_the_joiners_passes_the_gate_for_names(hidden, around):
    import unicodedata

    from sim.text import shown

    name = around[: len(around) // 2] + hidden + around[len(around) // 2 :]
    assert not any(
        unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs") and ch not in "\u200c\u200d"
        for ch in shown(name)
    )


# -- a catalogue edited while --watch plays ----------------------------------------------


def test_a_principle_added_while_watching_is_seen_without_a_restart(tmp_path):
    # load_catalogue was cached by path alone: the new principle stayed "unknown"
    # until the app restarted, and an edit to principles.toml alone reloaded nothing.
    from sim.authoring.watch import Watcher
    from sim.engine import Run
    from sim.loading import load_scenario

    catalogue = tmp_path / "principles.toml"
    catalogue.write_text((BUNDLED / "principles.toml").read_text(encoding="utf-8"))
    path = tmp_path / "visit.toml"
    path.write_text(GOOD, encoding="utf-8")
    run = Run.begin(load_scenario(path))
    watcher = Watcher(path)
    path.write_text(GOOD.replace("connection = ", "brand-new = ", 1), encoding="utf-8")
    first = watcher.poll(run)
    assert first is not None and first.run is None
    assert any("brand-new" in line for line in first.messages)
    with catalogue.open("a", encoding="utf-8") as f:
        f.write(
            '\n[principles.brand-new]\ntitle = "Brand new"\nsummary = "New."\n'
            'explanation = "New."\nsounds_like = ["a"]\nslips = ["b"]\nsources = ["c"]\n'
        )
    second = watcher.poll(run)
    assert second is not None and second.run is not None, second and second.messages


# -- text no real scenario needs ---------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            'title = "First Meeting"',
            ("title = ", "A", 900_000),
            "error: title: title is too long",
        ),
        ('name = "Dana"', ("name = ", "D", 121), "error: characters.dana.name: name is too long"),
        ('text = """', ('text = """', "no ", 4000), "text is too long"),
    ],
    ids=["title", "name", "text"],
)
def test_a_huge_string_is_named_with_its_line_and_key(old, new, said, tmp_path, capsys):
    # a 900,000-character title was "clean", and the app's library took seconds per key
    key, word, times = new
    value = f'"{word * times}"' if not key.endswith('"""') else word * times
    assert old in GOOD
    (tmp_path / "visit.toml").write_text(GOOD.replace(old, key + value, 1), encoding="utf-8")
    assert main(["check", str(tmp_path / "visit.toml")]) == 1
    out = capsys.readouterr().out
    assert said in out and len(out) < 2000, out[:500]


# -- an empty path is not "this folder" ---------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        ["check", ""],
        ["list", " "],
        ["--scenarios", "", "list"],
        ["play", "", "--plain"],
        ["--data-dir", "", "runs"],
        ["export", "last", "-o", ""],
        ["replay", ""],
        ["principles", ""],
    ],
)
def test_an_empty_path_is_a_usage_error(words, tmp_path, monkeypatch, capsys):
    # Path("") is ".": `check ""` checked everything under the current folder
    monkeypatch.chdir(tmp_path)
    assert main(words) == 2
    assert " is empty; give " in one_line(capsys.readouterr().err)
    assert list(tmp_path.iterdir()) == []


def test_listing_a_folder_with_no_scenarios_says_so(tmp_path, capsys):
    assert main(["list", str(tmp_path)]) == 1
    assert "no scenario files found in" in one_line(capsys.readouterr().err)


# -- conditions that cannot all be met -----------------------------------------------------


def _scaffold(tmp_path: Path) -> str:
    from sim.authoring.scaffold import create

    return create(str(tmp_path / "fresh")).read_text(encoding="utf-8")


def test_too_many_conditions_in_any_is_a_sentence(tmp_path, capsys):
    text = _scaffold(tmp_path)
    old = 'when = { flags = ["reflected"] }  # only offered when this holds'
    assert old in text
    many = ", ".join(['{ flags = ["reflected"] }'] * 40)
    (tmp_path / "visit.toml").write_text(text.replace(old, f"when = {{ any = [{many}] }}"))
    assert main(["check", str(tmp_path / "visit.toml")]) == 1
    out = capsys.readouterr().out
    assert "any has 40 entries, more than the 32 it can hold (keep at most 32)" in out
    assert "Tuple should" not in out


def test_ten_thousand_choices_in_one_scene_are_refused_with_their_count(tmp_path, capsys):
    """10,002 choices fit in 1 MiB and loaded: the app then took half a minute over each
    key at that scene, every line wrapped again (adversarial-37). A scene offers at most
    MAX_CHOICES, said with the count, the line of the scene's choices, and the limit."""
    from sim.model.scenario import MAX_CHOICES

    text = _scaffold(tmp_path)
    at = text.index("[scenes.reason]")
    blocks = [
        f'[[scenes.hello.choices]]\nsay = "Line {i}."\ngoto = "reason"\nwhy = "w"\n\n'
        for i in range(10_000)
    ]
    (tmp_path / "visit.toml").write_text(text[:at] + "".join(blocks) + text[at:])
    assert main(["check", str(tmp_path / "visit.toml")]) == 1
    out = capsys.readouterr().out
    assert (
        f"scenes.hello.choices: choices has 10,002 entries, more than the {MAX_CHOICES} it "
        f"can hold (keep at most {MAX_CHOICES})"
    ) in out, out
    just = text[:at] + "".join(blocks[: MAX_CHOICES - 2]) + text[at:]  # the scaffold's 2
    (tmp_path / "visit.toml").write_text(just)  # up to the limit still loads
    main(["check", str(tmp_path / "visit.toml")])
    assert "error" not in capsys.readouterr().out


def test_a_branching_next_with_no_fallback_is_named_as_next_not_choices(tmp_path, capsys):
    text = _scaffold(tmp_path).replace('next = "what-now"', "", 1)
    text = text.replace(
        "[scenes.what-now]",
        '[[scenes.reason.next]]\nwhen = { flags = ["never-set"] }\ngoto = "what-now"\n\n'
        "[scenes.what-now]",
        1,
    )
    (tmp_path / "visit.toml").write_text(text)
    assert main(["check", str(tmp_path / "visit.toml")]) == 1
    out = capsys.readouterr().out
    assert "scenes.reason.next: the conversation can reach scene 'reason' when no branch" in out
    assert "[[scenes.reason.next]] without `when` as the fallback" in out


# -- ids as long or as foreign as a file name can be -------------------------------------------


def test_new_suggests_the_loaders_spelling_and_refuses_an_id_past_80(tmp_path, monkeypatch, capsys):
    from sim.authoring.scaffold import MAX_ID
    from sim.model.scenario import Scenario

    monkeypatch.chdir(tmp_path)
    assert main(["new", "Ünïcode"]) == 1
    assert "(did you mean unicode?)" in one_line(capsys.readouterr().err)  # was "n-code"
    assert main(["new", "a" * 81]) == 1  # its title would be past the 120 a title may have
    assert "a scenario id is at most 80" in one_line(capsys.readouterr().err)
    assert main(["new", "a" * 80]) == 0
    assert main(["check", str(tmp_path / ("a" * 80 + ".toml"))]) == 0
    id_field = Scenario.model_fields["start"].metadata
    assert any(getattr(m, "max_length", None) == MAX_ID for m in id_field)


def test_check_warns_about_a_file_name_longer_than_an_id(tmp_path, capsys):
    (tmp_path / ("a" * 120 + ".toml")).write_text(GOOD, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0
    assert "at 120 characters it is longer than the 80 an id may have" in capsys.readouterr().out


# -- one folder named twice ------------------------------------------------------------------


def test_a_folder_given_twice_or_the_bundled_one_lists_each_scenario_once(
    tmp_path, monkeypatch, capsys
):
    # `--scenarios` naming the bundled folder listed all 12 as broken, each "another
    # scenario already has the id" of itself; so did lib and ./lib
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "visit.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "lib" / "again.toml").symlink_to("visit.toml")  # another id: both stay
    monkeypatch.chdir(tmp_path)
    words = ["--scenarios", "lib", "--scenarios", "./lib/", "--scenarios", str(tmp_path / "lib")]
    assert main([*words, "--scenarios", str(BUNDLED), "list"]) == 0
    out = capsys.readouterr().out
    assert "BROKEN" not in out
    assert out.count("\nvisit: ") + out.startswith("visit: ") == 1 and "again: " in out
    assert out.count("first-meeting: ") == 1


# -- --scenarios after the command ------------------------------------------------


def test_scenarios_after_the_command_works_wherever_an_id_is_looked_up(tmp_path, capsys):
    # play and serve took `--scenarios DIR` after the command; replay, graph and
    # list refused it ("unrecognized arguments") though their hint says to add it.
    lib = tmp_path / "lib"
    lib.mkdir()
    assert main(["new", str(lib / "mine")]) == 0
    out = tmp_path / "run.json"
    assert main(["play", "mine", "--scenarios", str(lib), "--choices", "1,1"]) == 0
    assert main(["export", "last", "--format", "json", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["replay", str(out), "--plain", "--scenarios", str(lib)]) == 0
    # The export came from this store, so the replay is the trainee's own: "your run".
    assert "Replaying your run" in capsys.readouterr().out
    assert main(["graph", "mine", "--scenarios", str(lib)]) == 0
    assert "flowchart" in capsys.readouterr().out
    assert main(["list", "--scenarios", str(lib)]) == 0
    assert "mine: " in capsys.readouterr().out


@pytest.mark.parametrize(
    "words",
    [
        ["check", "L"],
        ["--scenarios", "L", "list"],
        ["schema", "-o", "L"],
        ["play", "first-meeting", "--plain", "--no-record", "--start", "L"],
        ["play", "first-meeting", "--plain", "--no-record", "--set", "L"],
        ["play", "first-meeting", "--plain", "--no-record", "--set", "L=1"],
    ],
)
def test_a_5000_character_argument_is_quoted_short(words, tmp_path, monkeypatch, capsys):
    # adversarial-6: the whole argument was quoted, a 5,000-character line
    monkeypatch.chdir(tmp_path)
    long = "a" * 5000
    assert main([long if w == "L" else w.replace("L=", long + "=") for w in words]) in (1, 2)
    line = one_line(capsys.readouterr().err)
    assert len(line) < 600, line


# -- a number that is not one a person typed --------------------------------------

NUMBER_OPTIONS = [
    ["test", "first-meeting", "--random"],
    ["test", "first-meeting", "--seed"],
    ["test", "first-meeting", "--slips"],
    ["serve", "--port"],
    ["serve", "--max-tabs"],
    ["play", "first-meeting", "--plain", "--no-record", "--set", "trust="],
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.sampled_from(NUMBER_OPTIONS),
    value=st.sampled_from(["٣", "１", "1_0", "²", "٣٠", "9" * 5000])
    | st.text(st.characters(categories=["Nd", "No"], exclude_characters="0123456789"), min_size=1),
)
def test_a_number_option_takes_ascii_digits_only(words, value, capsys):
    """int() took '٣' as 3 and '1_0' as 10 (--seed, --random, --port, --set trust=) where
    --choices and every answer refuse them; a 5,000-digit one was quoted whole (adversarial-11).
    Nothing runs: each is refused before the command starts."""
    capsys.readouterr()
    words = list(words)
    if words[-1].endswith("="):
        words[-1] += value
    else:
        words.append(value)
    try:
        code = main(words)
    except SystemExit as stop:  # argparse's refusal
        code = stop.code
    assert code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "unexpected error" not in err, err
    last = err.strip().splitlines()[-1]  # argparse's usage lines, then the refusal
    assert "whole number" in last and len(last) < 400, err

"""Messages from author test 6 (a trainer writing a rent-money scenario from the README alone).

Each test makes the mistake as that author made it and asserts the message
names the real cause; where the hint is a fix, it follows it.
"""

from __future__ import annotations

from sim.authoring.lint import lint
from tests.core.test_author_messages import MINI, loads, only

FORM = (
    'say = "You should fill in this form."\ngoto = "middle"\ntrust = -25\nempowerment = -5\n'
    'principles = { empowerment = "undermines", active-listening = "undermines" }\n'
)
THANKS = 'principles = { active-listening = "neutral" }\nwhy = "A warm close."'
# The closing line becomes a safety move (a boundary honoured).
SAFE_CLOSE = MINI.replace(THANKS, 'principles = { boundaries = "honours" }\nwhy = "A warm close."')


# An easier line beside the closing one, which a run at trust 2 can still take to
# the mixed ending (min_trust 20): the safety line is then what costs the outcome.
BESIDE = (
    '[[scenes.last.choices]]\nsay = "Same time next week?"\ngoto = "@outcome"\ntrust = 20\n'
    'principles = { connection = "honours" }\nwhy = "A warm close that asks."\n\n'
)


def beside(text: str) -> str:
    assert "[endings.strong]" in text
    return text.replace("[endings.strong]", BESIDE + "[endings.strong]", 1)


def codes(tmp_path, text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for p in lint(loads(tmp_path, text)):
        out.setdefault(p.code, []).append(p)
    return out


def test_a_safety_move_after_a_slip_capped_at_poor_is_not_blamed_for_the_poor_ending(tmp_path):
    # hello#2 is a critical slip capped at poor: every run holding it ends poor,
    # whatever the closing line does, so that line is not the cause.
    assert FORM in SAFE_CLOSE
    text = SAFE_CLOSE.replace(FORM, FORM + 'critical = "confidentiality"\ncap = "poor"\n')
    assert "safety-worst" not in codes(tmp_path, text)


def test_a_safety_move_the_meters_alone_send_to_the_worst_ending_is_still_warned(tmp_path):
    # ...when a line beside it can still end better from there (author test 9: a
    # warning where every line ends the same was one `test` did not share)
    text = beside(SAFE_CLOSE.replace(FORM, FORM.replace("trust = -25", "trust = -100")))
    (p,) = codes(tmp_path, text)["safety-worst"]
    assert p.key == "scenes.last.choices[1]"
    assert "'poor', the worst ending" in p.message
    # the ways out the README gives; 'poor' is the last ending, so no condition on it
    assert "a scene where the conversation can recover" in p.hint
    assert "make its trust cost smaller" in p.hint
    assert "give the worst ending a condition" not in p.hint


def test_a_misspelt_scene_name_in_a_choices_header_names_the_scene_meant(tmp_path):
    text = MINI.replace("[[scenes.middle.choices]]", "[[scenes.midle.choices]]", 1)
    p = only(tmp_path, text)  # one message, not "add text" (which would make a second scene)
    assert p.key == "scenes.midle"
    assert "makes a new scene 'midle', with no text" in p.message
    assert "did you mean [[scenes.middle.choices]], for the scene 'middle' (line 47)?" in p.hint
    assert text.splitlines()[46] == "[scenes.middle]"
    fixed = loads(tmp_path, text.replace("[[scenes.midle.choices]]", "[[scenes.middle.choices]]"))
    assert len(fixed.scenes["middle"].choices) == 3  # following the hint loses nothing


def test_a_misspelt_ending_name_in_a_variants_header_is_one_message(tmp_path):
    variant = '[[endings.mixd.variants]]\nwhen = { min_trust = 30 }\ntext = "Better."\n\n'
    text = MINI.replace("[endings.poor]", variant + "[endings.poor]", 1)
    p = only(tmp_path, text)  # not three: title, outcome and text missing
    assert p.key == "endings.mixd"
    assert "with no title, outcome or text of its own" in p.message
    assert p.hint.startswith("did you mean [[endings.mixed.variants]], for the ending 'mixed'")


def test_a_principle_written_without_one_of_its_words_is_suggested(tmp_path):
    text = MINI.replace(
        'principles = { active-listening = "honours" }', 'principles = { listening = "honours" }', 1
    )
    p = only(tmp_path, text)
    assert "'listening' is not a principle" in p.message
    assert "did you mean 'active-listening'?" in p.hint


STRONG_WHEN = 'when = { min_trust = 60, flags = ["reflected"] }'


def _written(hint: str, key: str) -> str:
    """The TOML line a hint says to write, from `key = ` to the end of that line."""
    start = hint.index(f"{key} = ")
    line = hint[start:]
    return line[: line.rindex("}") + 1] if key == "when" else line[: line.index('?"') + 2]


def test_and_between_the_keys_of_a_when_says_comma_and_the_fix_loads(tmp_path):
    text = MINI.replace(STRONG_WHEN, STRONG_WHEN.replace(", flags", " and flags"))
    p = only(tmp_path, text)
    assert "not closed" not in p.message  # the braces are closed: the 'and' is the slip
    assert "'and' is not TOML" in p.message and "separated by commas" in p.message
    fix = _written(p.hint, "when")
    assert fix == STRONG_WHEN
    loads(tmp_path, text.replace(STRONG_WHEN.replace(", flags", " and flags"), fix))


def test_or_between_the_keys_of_a_when_gives_the_same_keys_in_any(tmp_path):
    text = MINI.replace(STRONG_WHEN, STRONG_WHEN.replace(", flags", " or flags"))
    p = only(tmp_path, text)
    assert "'or' is not TOML" in p.message
    fix = _written(p.hint, "when")
    assert fix == 'when = { any = [ { min_trust = 60 }, { flags = ["reflected"] } ] }'
    done = loads(tmp_path, text.replace(STRONG_WHEN.replace(", flags", " or flags"), fix))
    assert len(done.endings["strong"].when.any) == 2


def test_quotes_around_a_word_inside_a_line_say_how_to_write_them(tmp_path):
    said = 'say = "What would you like to focus on?"'
    slip = 'say = "What would you "like" to focus on?"'
    text = MINI.replace(said, slip)
    p = only(tmp_path, text)
    assert p.line == text.splitlines().index(slip) + 1
    assert 'a " inside the text ends it early' in p.message and "'like'" in p.message
    fix = _written(p.hint, "say")
    assert fix == 'say = "What would you \\"like\\" to focus on?"'
    done = loads(tmp_path, text.replace(slip, fix))
    assert done.scenes["middle"].choices[0].say == 'What would you "like" to focus on?'
    assert "single quotes" in p.hint


def test_slips_written_before_the_path_says_to_put_the_path_first(tmp_path, capsys):
    import pytest

    from sim.cli import main

    path = tmp_path / "draft.toml"
    path.write_text(MINI, encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["test", "--slips", str(path)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "invalid int value" not in err
    assert f"write the path first (peer-sim test {path} --slips)" in err
    assert main(["test", str(path), "--slips"]) in (0, 1)  # the hint, followed, runs
    assert "best path:" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["test", str(path), "--slips", "two"])  # not a path: no talk of paths
    err = capsys.readouterr().err
    assert "not 'two'" in err and "path" not in err.split("argument --slips:")[1]


def _ending_before_poor(when: str) -> str:
    extra = f'[endings.late]\ntitle = "Late"\noutcome = "mixed"\ntext = "Later."\nwhen = {when}\n\n'
    return MINI.replace("[endings.poor]", extra + "[endings.poor]", 1)


def test_an_ending_an_earlier_one_always_takes_first_names_that_ending(tmp_path):
    # every run that has seen 'middle' reaches "@outcome" with trust 20 or more: 'mixed' (or
    # 'strong') takes it first, though the when of 'late' holds there
    (p,) = codes(tmp_path, _ending_before_poor('{ visited = ["middle"] }'))["unreachable-ending"]
    assert p.key == "endings.late"
    assert "or an earlier ending" not in p.hint  # not an either/or: the checker knows which
    assert "ending 'mixed', written before it, always takes them first" in p.hint
    assert "put 'late' before 'mixed'" in p.hint
    moved = _ending_before_poor('{ visited = ["middle"] }')
    block = moved[moved.index("[endings.late]") : moved.index("[endings.poor]")]
    moved = moved.replace(block, "").replace("[endings.mixed]", block + "[endings.mixed]")
    # the hint, followed: 'late' is reached (here 'mixed' then is not, and says so)
    after = codes(tmp_path, moved)["unreachable-ending"]
    assert [q.key for q in after] == ["endings.mixed"]
    assert "ending 'late', written before it, always takes them first" in after[0].hint


def test_an_ending_whose_when_never_holds_at_outcome_says_so_not_the_order(tmp_path):
    (p,) = codes(tmp_path, _ending_before_poor('{ not_visited = ["hello"] }'))["unreachable-ending"]
    # (author test 9: the part of the when that never holds is named, as for a choice)
    assert "scene 'hello' is always seen on the way here; change its when" in p.hint
    assert "before" not in p.hint


def test_a_live_reload_leaves_no_note_about_a_recorded_run_for_the_debrief(tmp_path):
    from sim.authoring.watch import kept_note, reload_run
    from sim.debrief.build import build_debrief
    from sim.engine import Run

    path = tmp_path / "draft.toml"
    path.write_text(MINI, encoding="utf-8")
    run = Run.begin(loads(tmp_path, MINI))
    run.choose(1)
    # an edit to a line not chosen yet: the choices so far all fit
    path.write_text(MINI.replace("Let's finish.", "Let's stop here."), encoding="utf-8")
    found = reload_run(path, run)
    assert kept_note(1, found.run) == "kept 1 of your 1 choice(s)."
    assert "recorded" not in found.run.replay_note  # a --watch run is never recorded
    found.run.choose(1)
    found.run.settle()
    found.run.choose(1)
    assert "recorded" not in build_debrief(found.run).replay_note


def _play(scenario, numbers: str):
    from sim.engine import Run

    run = Run.begin(scenario)
    for n in numbers.split(","):
        run.settle()
        run.choose(int(n))
    run.settle()
    return run.state


def test_the_safety_warning_gives_a_way_there_that_replays(tmp_path):
    text = beside(SAFE_CLOSE.replace(FORM, FORM.replace("trust = -25", "trust = -100")))
    (p,) = codes(tmp_path, text)["safety-worst"]
    assert "(for example --choices 2,1,1 ends there with trust 2, empowerment 98)" in p.message
    end = _play(loads(tmp_path, text), "2,1,1")
    assert (end.ending, end.trust, end.empowerment) == ("poor", 2, 98)


def test_the_safety_warning_says_when_a_slip_redirects_its_goto(tmp_path):
    # the safety move names the strong ending, but a critical slip earlier (capped at
    # mixed) sends the run to "@outcome", which with trust 2 picks the poor ending
    slip = FORM.replace("trust = -25", "trust = -100") + 'critical = "confidentiality"\n'
    text = SAFE_CLOSE.replace(FORM, slip).replace(
        'goto = "@outcome"\ntrust = 2', 'goto = "strong"\ntrust = 2'
    )
    text = beside(text)
    found = codes(tmp_path, text)
    (p,) = found["safety-worst"]
    assert "its goto names 'strong', but a critical slip before it rules that ending out" in (
        p.message
    )
    assert "cap-break" in found  # and the error that says how to route it
    assert _play(loads(tmp_path, text), "2,1,1").ending == "poor"


def test_a_unit_after_a_number_says_write_the_number_bare(tmp_path):
    for slip, fix in (("trust = 50%", "trust = 50"), ("minutes = 2 minutes", "minutes = 2")):
        bare = fix + "\n"
        assert bare in MINI
        text = MINI.replace(bare, slip + "\n", 1)
        p = only(tmp_path, text)
        assert p.line == text.splitlines().index(slip) + 1
        assert "follows the number" in p.message and "written bare" in p.message
        assert p.hint.startswith(f"write {fix};")
        loads(tmp_path, text.replace(slip, fix, 1))  # the hint, followed

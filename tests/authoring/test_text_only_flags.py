"""Flags read only by what a run is shown (an ending's `also` paragraphs, scene and ending
variants, conditional reflections) change no path and no outcome, so `peer-sim test`
walks its states without them: each such flag used to double the states walked (eight
of them: 80 times as many, benchmarks/README.md), while `check` still says which texts
never show, and the ending rules still read every flag they name.
"""

from __future__ import annotations

from sim import engine
from sim.authoring.coverage import cover
from sim.authoring.explore import explore
from sim.authoring.lint import lint


def _chain(decisions: int, flagged: int, also: bool, ending_reads: str = "") -> str:
    """A run of decisions of three lines; the first `flagged` weaker lines set a flag
    (f0, f1, ...) that, with `also`, only an `also` paragraph (and a scene variant and a
    reflection, for f0) reads. `ending_reads` names one of them in the mixed ending's when."""
    out = [
        "format = 1",
        'title = "Chain"',
        'summary = "s"',
        'setting = "s"',
        "minutes = 5",
        'difficulty = "introductory"',
        'start = "s0"',
        "",
        "[meters]",
        "trust = 50",
        "empowerment = 50",
        "",
    ]
    for k in range(decisions):
        nxt = f"s{k + 1}" if k < decisions - 1 else "@outcome"
        sets = [f'sets = ["f{k}"]'] if k < flagged else []
        out += [f"[scenes.s{k}]", f'text = "Scene {k}."', ""]
        if also and k == 1 and flagged:
            out += [f"[[scenes.s{k}.variants]]", 'when = { flags = ["f0"] }', 'text = "Again."', ""]
        for n, (trust, emp, verdict, extra) in enumerate(
            (
                (3, 1, "honours", ["best = true"]),
                (-4, 2, "undermines", sets),
                (-1, -5, "undermines", []),
            )
        ):
            out += [
                f"[[scenes.s{k}.choices]]",
                f'say = "Line {n} at {k}."',
                f'goto = "{nxt}"',
                f"trust = {trust}",
                f"empowerment = {emp}",
                f'principles = {{ active-listening = "{verdict}" }}',
                'why = "Because."',
                *extra,
                "",
            ]
    mixed_when = "min_trust = 40" + (f', flags = ["{ending_reads}"]' if ending_reads else "")
    out += ["[endings.good]", 'title = "Good"', 'outcome = "strong"', 'text = "Good."']
    out += ["when = { min_trust = 56, min_empowerment = 50 }", ""]
    out += ["[endings.mid]", 'title = "Mid"', 'outcome = "mixed"', 'text = "Mid."']
    out += [f"when = {{ {mixed_when} }}", ""]
    if also:
        for k in range(flagged):
            out += ["[[endings.mid.also]]", f'when = {{ flags = ["f{k}"] }}', f'text = "f{k}."', ""]
    out += ["[endings.bad]", 'title = "Bad"', 'outcome = "poor"', 'text = "Bad."', ""]
    if also and flagged:
        out += ["[debrief]", 'reflect = [{ text = "Why?", when = { flags = ["f0"] } }]', ""]
    return "\n".join(out)


def test_flags_read_only_by_texts_shown_add_no_states_to_the_walk(make):
    plain = make(_chain(10, 8, also=False), "plain")
    told = make(_chain(10, 8, also=True), "told")
    base, walked = cover(plain), cover(told)
    assert walked.ok(told) and base.ok(plain)
    # 8 flags each doubling the states gave 5,120 here, not 220
    assert walked.states == base.states
    assert walked.endings == base.endings


def test_tests_exploration_leaves_them_out_too_and_reaches_the_same(make):
    """`test` runs the exploration too (what is reachable, the meter range per ending):
    with the texts left out it costs what the file without those flags costs."""
    plain = explore(make(_chain(10, 8, also=False), "plain"))
    told = make(_chain(10, 8, also=True), "told")
    full, lean = explore(told), explore(told, texts=False)
    assert lean.nodes == plain.nodes < full.nodes
    assert lean.meter_states == plain.meter_states
    assert lean.endings == full.endings and lean.reached == full.reached
    assert lean.offered == full.offered and lean.complete
    assert not lean.shown and ("also", "mid", 7) in full.shown


def test_a_flag_an_ending_rule_reads_is_still_walked_and_reached(make):
    """f3 is read by the mixed ending's when too: it decides where runs end, so the
    walk keeps it, and the path it gives to that ending replays there."""
    scenario = make(_chain(10, 8, also=True, ending_reads="f3"), "rule")
    cov = cover(scenario)
    assert cov.ok(scenario)
    assert cov.states > cover(make(_chain(10, 8, also=True), "norule")).states
    run = engine.Run.begin(scenario)
    for n in cov.endings["mid"]:
        run.settle()
        run.choose(n)
    run.settle()
    assert run.state.ending == "mid" and "f3" in run.state.flags


def test_check_still_judges_the_texts_those_flags_decide(make):
    """The walk for `test` leaves them out; `check`'s exploration does not: every also,
    the variant and the reflection are seen to show, and one made impossible is named."""
    scenario = make(_chain(6, 4, also=True), "shown")
    found = explore(scenario)
    assert ("also", "mid", 3) in found.shown and ("reflect", 0) in found.shown
    assert not [p for p in lint(scenario) if "never" in p.message]
    # At the strong ending a run has room for one weaker line, never two: a paragraph
    # there needing f2 shows, one needing f2 and f3 never does, and check says so.
    also = '[[endings.good.also]]\nwhen = {{ flags = [{}] }}\ntext = "Both."\n\n[endings.mid]'
    one = _chain(6, 4, also=True).replace("[endings.mid]", also.format('"f2"'))
    assert not [p for p in lint(make(one, "one")) if "never" in p.message]
    two = _chain(6, 4, also=True).replace("[endings.mid]", also.format('"f2", "f3"'))
    never = [p for p in lint(make(two, "two")) if "never" in p.message]
    assert [p.key for p in never] == ["endings.good.also[1].when"]


def test_checks_exploration_judges_the_texts_without_multiplying_the_states(make):
    """`check` explores the routing without the flags only texts read, then the texts in
    groups (sim.authoring.text_units): ten such flags, each read by one `also`, cost it
    5,119 nodes in one exploration of every flag (the routing alone: 14); now under a
    thousand, with every judgment the same."""
    from sim.authoring.lint import analyse

    plain = explore(make(_chain(14, 10, also=False), "plain"))
    told = make(_chain(14, 10, also=True), "told")
    full = explore(told)
    found = analyse(told)
    assert found.exploration.nodes == plain.nodes
    assert found.exploration.nodes + found.text_nodes < full.nodes / 4
    judged = {k for k in full.shown if k[0] in ("also", "reflect") or k[-1] != -1}
    assert judged <= found.exploration.shown
    assert [p.key for p in found.problems if "never" in p.message] == []


def test_a_text_needing_two_such_flags_at_once_is_judged_on_both(make):
    """A paragraph needing f2 and f3 is judged with both remembered in one exploration:
    at the strong ending no run has both, and check still says so (and why), while
    the paragraphs needing one of them show."""
    also = '[[endings.good.also]]\nwhen = { flags = ["f2", "f3"] }\ntext = "Both."\n\n'
    text = _chain(6, 4, also=True).replace("[endings.mid]", also + "[endings.mid]", 1)
    never = [p for p in lint(make(text, "both")) if "never" in p.message]
    assert [p.key for p in never] == ["endings.good.also[1].when"]
    assert "f2" in never[0].hint and "f3" in never[0].hint


def test_the_texts_of_bundled_scenarios_are_judged_as_one_exploration_of_every_flag():
    """The grouped judgment gives exactly the texts one exploration of every flag shows
    (the small bundled files: the large ones take seconds each that way)."""
    from sim.authoring.text_units import groups, texts_shown, unit_names
    from sim.loading import bundled_dir, load_scenario

    for name in ("check-in-call", "first-meeting", "medication-in-the-ed", "different-path"):
        scenario = load_scenario(bundled_dir() / f"{name}.toml")
        full = explore(scenario)
        routing = explore(scenario, texts=False)
        units = unit_names(scenario)
        shown, _nodes, unjudged, _skipped = texts_shown(
            scenario, 200_000, groups(units), units, routing.nodes
        )
        assert unjudged == []
        keep = ("also", "reflect")
        assert {k for k in shown if k[0] in keep or k[-1] != -1} == {
            k for k in full.shown if k[0] in keep or k[-1] != -1
        }, name


def test_texts_too_many_to_judge_are_said_so_not_called_never_shown(make):
    """Past the bound for a group of texts the routing is still checked in full, and each
    text left unjudged gets a warning naming the flags it reads, never a false 'never
    shows' (nor silence)."""
    from sim.authoring.lint import analyse

    found = analyse(make(_chain(14, 10, also=True), "big"), max_nodes=20)
    assert found.exploration.complete  # the routing alone: 14 nodes
    bound = [p for p in found.problems if p.code == "state-bound"]
    assert [p.key for p in bound][:2] == ["scenes.s1.variants[1].when", "endings.mid.also[1].when"]
    assert "'f0'" in bound[0].message and "more than 20 combinations" in bound[0].message
    assert not [p for p in found.problems if p.code == "never-shown"]

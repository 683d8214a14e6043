"""Progress across runs: mastery per principle, the weakest, and the scenario suggested next."""

from __future__ import annotations

from sim.cli import main
from sim.records.progress import ScenarioInfo, compute, lines
from sim.records.store import StoredDecision, StoredRun

from .conftest import play


def _run(rid: int, scenario: str, verdicts: list[dict[str, str]]) -> StoredRun:
    decisions = [
        StoredDecision(i, "s", f"s#{i}", "line", 40, 40, 45, 45, v, "")
        for i, v in enumerate(verdicts, 1)
    ]
    return StoredRun(
        rid, f"00000000-0000-4000-8000-{rid:012d}", scenario, scenario.title(), "d", "practice",
        "finished", "", "t", "t", "t", {"choices": []}, "e", "E", "mixed", 50, 50, None,
        decisions=decisions,
    )  # fmt: skip


LIBRARY = [
    ScenarioInfo("intro", "Intro", ("active-listening",)),
    ScenarioInfo("limits", "Limits", ("boundaries", "active-listening")),
    ScenarioInfo("limits-2", "Limits Two", ("boundaries",)),
]


def test_mastery_weakest_and_suggestion():
    runs = [
        _run(1, "intro", [{"active-listening": "honours"}, {"boundaries": "undermines"}]),
        _run(2, "intro", [{"active-listening": "undermines"}, {"boundaries": "undermines"}]),
        _run(3, "limits", [{"boundaries": "honours", "active-listening": "honours"}]),
    ]
    p = compute(runs, LIBRARY, {"boundaries": "Keep warm, clear boundaries"})
    by_id = {pr.id: pr for pr in p.principles}
    assert (by_id["boundaries"].honoured, by_id["boundaries"].undermined) == (1, 2)
    assert by_id["active-listening"].mastery == 2 / 3
    assert [h for _, h, _ in by_id["boundaries"].history] == [0, 0, 1]
    assert p.weakest.id == "boundaries" and p.principles[0].id == "boundaries"
    # trains it and not completed yet comes before the one already played
    assert p.suggestion.id == "limits-2"
    text = "\n".join(lines(p))
    assert "Keep warm, clear boundaries: 33%" in text and "Next: Limits Two" in text


def test_one_slip_does_not_outrank_a_pattern():
    runs = [
        _run(1, "intro", [{"boundaries": "undermines"}]),
        _run(
            2, "intro", [{"active-listening": "undermines"}] * 3 + [{"active-listening": "honours"}]
        ),
    ]
    assert compute(runs, LIBRARY).weakest.id == "active-listening"


def test_no_runs_suggests_a_first_scenario():
    p = compute([], LIBRARY)
    assert p.runs == 0 and p.weakest is None and p.suggestion.id == "intro"
    assert "No finished runs yet" in lines(p)[0]


def test_progress_command_prints_the_same(capsys):
    play("first-meeting")
    capsys.readouterr()
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert "Progress over 1 finished run" in out and "Next:" in out


def test_a_run_that_judged_a_principle_only_neutral_says_so_in_both_views() -> None:
    from sim.tui.screens.progress import progress_content

    runs = [
        _run(1, "intro", [{"active-listening": "honours"}]),
        _run(2, "intro", [{"active-listening": "neutral"}]),
    ]
    p = compute(runs, LIBRARY)
    flat = " ".join(" ".join(lines(p)).split())  # each count names its run (records37)
    assert "the lines that honoured it: 1 of 1 in run 1, neutral only in run 2" in flat
    # the app keeps each count whole as it wraps: no-break spaces inside it
    shown = progress_content(p).plain.replace("\u00a0", " ")
    assert "run by run: 1 of 1 in run 1, neutral only in run 2" in shown


def test_no_slip_anywhere_means_no_weakest_principle():
    """A principle honoured every time is never called the weakest, even the least practised."""
    runs = [
        _run(1, "intro", [{"active-listening": "honours"}] * 3 + [{"boundaries": "honours"}]),
    ]
    p = compute(runs, LIBRARY)
    assert p.weakest is None
    assert p.suggestion.id == "limits" and p.suggestion_reason == "you have not completed it yet"
    assert "weakest" not in "\n".join(lines(p))


def test_the_class_summary_calls_no_unslipped_principle_weakest():
    from sim.records.class_text import lines as class_lines
    from sim.records.classroom import summarise

    runs = [
        _run(1, "intro", [{"active-listening": "honours"}, {"boundaries": "honours"}]),
        _run(2, "limits", [{"boundaries": "honours"}]),
    ]
    text = "\n".join(class_lines(summarise(runs, LIBRARY)))
    assert "weakest: none (nothing undermined yet)" in text
    assert "No principle was undermined in any run." in text
    assert "Weakest principles across the class" not in text


def test_an_unfinished_run_after_one_choice_says_choice_not_choices() -> None:
    from sim.tui.screens.progress import run_entry

    def stored(n: int) -> StoredRun:
        return StoredRun(
            id=1, registration="", scenario_id="talk", scenario_title="A Short Talk",
            digest="", mode="practice", status="left", owner="", started_at="2026-01-01T10:00",
            updated_at="2026-01-01T10:00", ended_at=None, progress={"choices": ["a"] * n},
            ending_id=None, ending_title=None, outcome=None, final_trust=None,
            final_empowerment=None, debrief=None,
        )  # fmt: skip

    assert "unfinished after 1 choice" in run_entry(stored(1)).plain
    assert "1 choices" not in run_entry(stored(1)).plain
    assert "unfinished after 2 choices" in run_entry(stored(2)).plain


def test_the_list_is_in_the_order_that_names_the_weakest():
    """One slip at 0% does not sit above a pattern of four slips that is called the weakest."""
    runs = [
        _run(
            1,
            "intro",
            [{"boundaries": "undermines"}]
            + [{"active-listening": "undermines"}] * 4
            + [{"active-listening": "honours"}],
        )
    ]
    p = compute(runs, LIBRARY)
    assert p.weakest.id == "active-listening"
    assert [pr.id for pr in p.principles] == ["active-listening", "boundaries"]
    text = "\n".join(lines(p))
    flat = " ".join(text.split())
    assert "(neutral ones aside), lowest share first; a share from a line or two weighs" in flat


def test_progress_for_a_trainee_names_their_critical_slips(capsys) -> None:
    # `progress --trainee` listed principles only: a supervisor reading one trainee's
    # progress missed the safety slip the class report showed (trainer-test-7)
    from pathlib import Path

    two_slips = str(
        Path(__file__).resolve().parents[1] / "core" / "fixtures" / "why-two-slips.toml"
    )
    assert main(["play", two_slips, "--choices", "2,2", "--trainee", "Ben"]) == 0
    assert main(["play", two_slips, "--choices", "1,1", "--trainee", "Ben"]) == 0
    capsys.readouterr()
    assert main(["progress", "--trainee", "Ben"]) == 0
    out = capsys.readouterr().out
    slips = out.split("Critical slips (each caps its run's ending")[1].splitlines()[1:]
    assert slips == [
        "  a dual relationship at decision 1 of run 1, Two slips",
        "  a breach of confidentiality at decision 2 of run 1, Two slips",
    ]


def test_a_progress_with_no_critical_slip_says_nothing_of_them() -> None:
    run = _run(1, "intro", [{"active-listening": "undermines"}])
    run.debrief = {"slips": []}
    text = lines(compute([run], LIBRARY))
    assert any(t.startswith("Weakest so far") for t in text)
    assert not any("Critical slips" in line for line in text)


def test_a_tie_goes_to_the_principle_a_critical_slip_undermined_in_both_views(capsys):
    """First Meeting with critical slips at decisions 3 and 11: after this one run several
    principles stood at 0 of 2 and the alphabet put "Be present" ahead of "Keep warm,
    clear boundaries", the one both slips undermined and the summary opens with. The
    progress screen (read from the store in SQL) and the debrief now break the tie alike."""
    assert main(["play", "first-meeting", "--choices", "2,2,3,2,2,2,1,3,2,1,3,1"]) == 0
    debrief = " ".join(capsys.readouterr().out.split())
    assert "Critical slips" in debrief
    assert "A principle to practise: “Keep warm, clear boundaries” (undermined at 3 and 11;" in (
        debrief.replace("decisions 3", "3")
    )
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    # the slips named by their kinds (programme28)
    assert (
        "Weakest so far: Keep warm, clear boundaries (0% from 2 lines): stepping outside the peer "
        "role and "
        "a dual relationship undermined it in run 1." in " ".join(out.split())
    ), out
    listed = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    # the row a slip put first says so, as the app's progress screen does (trainee28)
    first = "Keep warm, clear boundaries: 0%, honoured 0, undermined 2; critical slip in run 1"
    assert listed.index(first) < listed.index("Be present: 0%, honoured 0, undermined 2")


def test_progress_for_a_trainee_gives_the_next_scenario_as_theirs(capsys) -> None:
    """ "your weakest principle so far" under "Trainee: Ben" told the supervisor reading it
    that the weakness was the supervisor's (programme24)."""
    from .conftest import play

    assert play("first-meeting", "poor", ("--trainee", "Ben")) == 0
    capsys.readouterr()
    assert main(["progress", "--trainee", "ben"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Ben's weakest principle so far" in out, out
    assert "your" not in out.split("Next:", 1)[1], out
    assert main(["progress"]) == 0  # the store owner's own progress still says "your"
    assert "Ben's" not in capsys.readouterr().out


def test_the_next_scenario_for_a_trainee_yet_to_complete_one_is_theirs() -> None:
    run = _run(1, "intro", [{"active-listening": "honours"}])
    assert (
        compute([run], LIBRARY, trainee="Ben").suggestion_reason == "Ben has not completed it yet"
    )
    assert compute([run], LIBRARY).suggestion_reason == "you have not completed it yet"


def test_progress_for_a_trainee_with_no_finished_run_names_the_runs_left(capsys) -> None:
    """ "No finished runs yet. Play a scenario to its ending ..." was said to the supervisor,
    with nothing of the run the trainee left (programme24)."""
    assert main(["play", "first-meeting", "--choices", "1", "--trainee", "Ben"]) == 1
    capsys.readouterr()
    assert main(["progress", "--trainee", "ben"]) == 0
    out = capsys.readouterr().out
    assert "No finished runs yet for Ben; unfinished: run 1 (`peer-sim export 1" in out, out
    assert "Play a scenario" not in out


def test_a_critical_slip_names_its_principle_first_until_a_later_run_honours_it(capsys):
    """Be My Sponsor with every first line: a dual relationship at decision 1, boundaries
    undermined 4 times (2 of 6), and the debrief's "A principle to practise" and the
    progress screen named "Listen actively" (0 of 2), under a debrief that opens with the
    boundary slip that capped the ending (trainee playtests 24 and 26)."""
    assert main(["play", "be-my-sponsor", "--choices", ",".join(["1"] * 12)]) == 0
    debrief = " ".join(capsys.readouterr().out.split())
    assert "A principle to practise: “Keep warm, clear boundaries”" in debrief
    assert main(["progress"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "Weakest so far: Keep warm, clear boundaries (33%): a dual relationship undermined it in "
        "run 1." in out
    )
    # the order in words a trainee can read: "weakest first; one a critical slip undermined
    # first" and "share of honoured among honoured and undermined" read as riddles, and
    # "weakest first" over 33% above 0% as a mistake (trainee35)
    assert (
        "Principle mastery, the share of lines on each principle that honoured it (neutral ones "
        "aside), listed with the principle each critical slip broke first (crisis referral for a "
        "safety slip, confidentiality for a breach of it, boundaries for a dual relationship or "
        "stepping outside the peer role; the others its line undermined count by their share) "
        "until a later run honours it, then the others, lowest share first;" in out
    )
    assert "weakest first" not in out
    # the title marked off: its comma ran into the sentence's (trainee35)
    assert (
        "Next: First Meeting (first-meeting), because it trains “Keep warm, clear boundaries”, "
        "your weakest principle so far." in out
    )
    # a later run that honours boundaries with no slip on them: the share leads again
    assert play("be-my-sponsor", "strong") == 0
    capsys.readouterr()
    assert main(["progress"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "critical slip undermined it" not in out
    assert "until a later run honours it" not in out
    assert "Weakest so far: Keep warm, clear boundaries" not in out


def test_a_whole_class_is_ordered_by_share_alone() -> None:
    """One trainee's later run says nothing of another's slip: the class-wide tally does
    not follow open slips."""
    from sim.records.progress import Tally

    run = _run(1, "limits", [{"boundaries": "undermines"}, {"boundaries": "honours"}])
    run.debrief = {"slips": [{"step": 1, "kind": "dual-relationship"}]}
    # boundaries undermined once at the slip, which is of the kind that breaks them
    run.tally = {"boundaries": [1, 1, 0, 1, 1], "active-listening": [0, 1, 0, 0, 0]}
    own, whole = Tally(), Tally(slips_first=False)
    own.add(run)
    whole.add(run)
    assert own.principles()[0].id == "boundaries"
    assert whole.principles()[0].id == "active-listening"


def test_next_says_a_run_of_it_left_unfinished_can_be_resumed():
    """ "Next: First Meeting … because you have not completed it yet" over a run of it the
    trainee had left unfinished, which starting it offers to resume (trainee35)."""
    from dataclasses import replace

    done = _run(1, "intro", [{"active-listening": "honours"}] * 3 + [{"boundaries": "honours"}])
    left = replace(
        _run(2, "limits", []), status="playing", progress={"choices": [1, 2]}, outcome=None
    )
    given_up = replace(left, id=3, status="left")
    p = compute([done, left, given_up], LIBRARY)
    assert p.suggestion.id == "limits"
    assert p.suggestion_reason == "you have not completed it yet"
    said = " ".join(lines(p))
    assert (
        "Next: Limits (limits), because you have not completed it yet. You left run 2 of it "
        "unfinished: starting it asks whether to resume where you left off." in said
    ), said
    assert "run 3" not in p.resume_words  # left for good: not offered again
    assert compute([done, left], LIBRARY, trainee="Ben").resume_words == (
        "Ben left run 2 of it unfinished, which may still be resumed."
    )
    assert compute([done, given_up], LIBRARY).resume_words == ""


def _slipped(rid: int, scenario: str, verdicts: list[dict[str, str]], slips: dict) -> StoredRun:
    run = _run(rid, scenario, verdicts)
    run.debrief = {"slips": [{"step": s, "kind": k} for s, k in slips.items()]}
    return run


def _bens_runs() -> list[StoredRun]:
    """Ben's store (records37): three runs each with a dual-relationship slip whose line also
    undermined harm reduction, harm reduction honoured often besides (22 of 25, 88%), then
    a run that honours boundaries with no slip (2 of 5, 40%)."""
    slip = {"boundaries": "undermines", "harm-reduction": "undermines"}
    runs = []
    for rid in (1, 2, 3):
        honours = [{"harm-reduction": "honours"}] * (8 if rid < 3 else 6)
        extra = [{"boundaries": "honours"}] if rid == 1 else []
        runs.append(_slipped(rid, "limits", [slip, *honours, *extra], {1: "dual-relationship"}))
    runs.append(_run(4, "limits-2", [{"boundaries": "honours"}]))
    return runs


BENS_LIBRARY = [
    ScenarioInfo("limits", "Limits", ("boundaries",)),
    ScenarioInfo("limits-2", "Limits Two", ("boundaries",)),
    ScenarioInfo("harm", "Harm", ("harm-reduction",)),
]


def test_a_slip_places_first_only_the_principle_its_kind_breaks():
    """ "harm reduction (88%)" was called the weakest, ahead of boundaries at 40%, and the
    next scenario followed it: each dual-relationship slip had also undermined harm
    reduction, and every principle a slip's line undermined was placed first until a later
    run honoured it (records37). Only the principle of the slip's kind is placed first;
    the others count as ordinary undermines."""
    titles = {"boundaries": "Keep warm, clear boundaries", "harm-reduction": "Harm reduction"}
    p = compute(_bens_runs(), BENS_LIBRARY, titles, trainee="Ben")
    harm = next(pr for pr in p.principles if pr.id == "harm-reduction")
    assert (harm.honoured, harm.undermined, harm.slip_run) == (22, 3, None)
    assert p.weakest is not None and p.weakest.id == "boundaries"
    assert [pr.id for pr in p.principles] == ["boundaries", "harm-reduction"]
    assert p.suggestion is not None and "harm-reduction" not in p.suggestion.trains
    text = " ".join(" ".join(lines(p)).split())
    assert "Weakest so far: Keep warm, clear boundaries (40%)." in text, text
    assert "critical slip in run" not in text  # boundaries honoured since, by run 4
    # before run 4, the slip's own principle is placed first and says which slip
    p = compute(_bens_runs()[:3], BENS_LIBRARY, titles)
    assert [pr.slip_run for pr in p.principles] == [3, None]
    text = " ".join(" ".join(lines(p)).split())
    assert (
        "Weakest so far: Keep warm, clear boundaries (25%): a dual relationship undermined it "
        "in run 3." in text
    ), text


def test_the_order_words_say_the_slip_rule_as_it_is():
    """ "listed with each principle a critical slip undermined first" stayed after the rule
    changed (records37): Ben's dual-relationship slips' lines undermined harm reduction too,
    and the words said it was placed first, where only boundaries was. The text, the app's
    order words and the README say which principle each kind places first (progress40)."""
    from pathlib import Path

    from sim.records.progress import order_words
    from sim.weakness import broken_words

    old = "each principle a critical slip undermined first"
    titles = {"boundaries": "Keep warm, clear boundaries", "harm-reduction": "Harm reduction"}
    p = compute(_bens_runs()[:3], BENS_LIBRARY, titles)
    text = " ".join(" ".join(lines(p)).split())
    assert old not in text
    assert (
        "listed with the principle each critical slip broke first (crisis referral for a safety "
        "slip, confidentiality for a breach of it, boundaries for a dual relationship or stepping "
        "outside the peer role; the others its line undermined count by their share) until a "
        "later run honours it" in text
    ), text
    assert "Harm reduction: 88%, honoured 22, undermined 3" in text  # no slip named on it
    # the app names the kinds of slip that placed one only (its rows say "critical slip in run N")
    assert order_words(p, rows_name_slips=True).startswith(
        "listed with the principle each critical slip broke first (boundaries for a dual "
        "relationship), then the others"
    )
    readme = " ".join(Path(__file__).resolve().parents[2].joinpath("README.md").read_text().split())
    assert old not in readme
    assert f"listed with the principle each critical slip broke first ({broken_words()};" in readme


def test_a_share_from_fewer_than_three_lines_says_how_few():
    """ "Weakest so far: Use person-first language (0%)" from a single line read as a firm
    verdict (progress40): below three lines judged, the share says how few it rests on."""
    from sim.weakness import few_lines, share_words

    assert [share_words(0, n) for n in (1, 2, 3)] == ["0% from 1 line", "0% from 2 lines", "0%"]
    assert share_words(1, 1) == "50% from 2 lines" and few_lines(0, 0) == ""
    one = [{"person-first-language": "undermines"}] + [{"active-listening": "honours"}] * 4
    p = compute([_run(1, "intro", one)], LIBRARY, {"person-first-language": "Use person-first"})
    text = " ".join(" ".join(lines(p)).split())
    assert (
        "Weakest so far: Use person-first (0% from 1 line, too few lines to judge yet)." in text
    ), text
    # three lines: a share to go by
    three = [{"person-first-language": "undermines"}] * 2 + [{"person-first-language": "honours"}]
    text = " ".join(" ".join(lines(compute([_run(1, "intro", three)], LIBRARY))).split())
    assert "Weakest so far: person-first-language (33%)." in text, text


def test_a_store_whose_weakest_rests_on_one_line_says_so_everywhere(capsys):
    """A trainee's strong First Meeting left one principle undermined once, at 0%: `progress`,
    `report` (text, CSV and JSON) called it the weakest with nothing to say it was one line
    (progress40; the app's screen: tests/tui/test_past_runs_and_progress.py)."""
    import csv
    import io
    import json
    import re

    assert play("first-meeting", "strong", ("--trainee", "Ben")) == 0
    capsys.readouterr()
    assert main(["progress", "--trainee", "Ben"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    said = re.search(r"Weakest so far: (.+?) \(0% from 1 line, too few lines to judge yet\)\.", out)
    assert said, out
    title = said.group(1)
    assert f"{title}: 0%, honoured 0, undermined 1 " in out  # its one line
    assert main(["report"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"weakest: {title} (0% from 1 line)" in out, out
    assert "a share from fewer than 3 lines says how few" in out
    # and the slip rule its weakest follows, as `progress` does (the report never said it)
    assert "weakest principle, one a critical slip broke coming first as in `progress`" in out
    assert main(["report", "--format", "csv"]) == 0
    (ben,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert (ben["weakest_honoured_pct"], ben["weakest_judged_lines"]) == ("0", "1")
    assert main(["report", "--format", "json"]) == 0
    (t,) = json.loads(capsys.readouterr().out)["trainees"]
    assert (t["weakest_principle"]["honoured"], t["weakest_principle"]["undermined"]) == (0, 1)


def test_figures_give_a_slip_run_only_where_a_slip_of_its_kind_could():
    """Test figures gave "Empower, don't direct" and "Respect each person's own journey" a
    critical slip's run, which no slip places first (only crisis referral, confidentiality
    and boundaries, each by its kind): made so, they are refused (progress40)."""
    import pytest

    from sim.records.progress import PrincipleProgress

    with pytest.raises(ValueError, match="places 'empowerment' first"):
        PrincipleProgress("empowerment", "Empower, don't direct", 1, 2, slip_run=4)
    with pytest.raises(ValueError, match="safety"):
        PrincipleProgress("boundaries", "Keep warm", 1, 2, slip_run=4, slip_kinds=("safety",))
    placed = PrincipleProgress(
        "boundaries", "Keep warm", 1, 2, slip_run=4, slip_kinds=("outside-role",)
    )
    assert placed.slip_run == 4

"""The debrief's summary on fixtures with known answers, and its shape on every bundled scenario.

why.toml: a strong ending that needs a flag (set by the best opening line), no
flag that the other opening line sets, trust 60 and empowerment 55; a mixed
ending at trust 40; a line that leads straight to the poor ending.
remember.toml: a dual-relationship slip capped at mixed.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from sim.debrief import build_debrief
from sim.debrief.lines import debrief_lines
from sim.debrief.outline import WHY_TITLE, Line, outline
from sim.engine import Run
from sim.loading import load_library, load_scenario
from sim.loading.library import catalogue_for_scenario
from tests.core.test_bundled_plain import RUNS

FIXTURES = Path(__file__).parent / "fixtures"


def play(name: str, *numbers: int):
    sc = load_scenario(FIXTURES / f"{name}.toml")
    run = Run.begin(sc)
    for n in numbers:
        run.settle()
        run.choose(n)
    run.settle()
    assert run.over
    return build_debrief(run)


def test_a_threshold_miss_names_the_threshold_and_the_final_meter():
    d = play("why", 1, 2)  # congratulate, then reassure: empowerment stays at 50
    assert d.ending_id == "steady"
    assert d.why == (
        "A strong ending (“Ready for Monday”) needs empowerment 55 or more (you finished at 50).",
        "“Steady enough” (mixed) applies at trust 40 or more, and you finished at trust 60.",
    )


def test_flags_are_named_by_the_decisions_that_set_them_never_by_id():
    d = play("why", 2, 1)  # the warning, then a plan
    assert d.why[0] == (
        "A strong ending (“Ready for Monday”) needs trust 60 or more (you finished at 50); "
        "what you said at decision 1 (“Careful, new jobs are stressful.”) also ruled it out."
    )
    text = "\n".join(debrief_lines(d))
    assert "celebrated" not in text and "warned" not in text


def test_a_critical_cap_says_the_meters_were_enough_but_the_slip_ruled_it_out():
    d = play("remember", 3, 1)  # offer to be Kim's sponsor: trust 85, capped at mixed
    assert d.outcome == "mixed"
    assert d.why[0] == (
        "Trust 85 was enough for a strong ending (“Strong”), but the critical slip at decision 1 "
        "(a dual relationship) ruled it out: a run with it can end no better than mixed."
    )
    (slip,) = d.slips
    assert (slip.step, slip.kind, slip.cap) == (1, "dual-relationship", "mixed")
    assert slip.said == "I'll be your sponsor, call me any time."
    # The summary comes first, in this order, and the slip is quoted there only.
    text = "\n".join(debrief_lines(d))
    order = [
        text.index(h)
        for h in (
            "Ending: Mixed",
            f"\n{WHY_TITLE}\n",
            "\nCritical slips\n",
            "\nTurning points\n",
            "\nPrinciples\n",
            "\nYour decisions\n",
        )
    ]
    assert order == sorted(order)
    assert text.count("“I'll be your sponsor, call me any time.”") == 1
    assert "You said: the line quoted above under Critical slips" in text


def test_a_direct_goto_says_the_line_decided_it():
    d = play("why", 1, 3)  # "Maybe you shouldn't take it." leads straight to the poor ending
    assert d.ending_id == "gave-up"
    assert d.why == (
        "This ending follows directly from what you said at decision 2; the meters did not "
        "decide it.",
    )


def test_a_line_straight_to_an_ending_the_slip_rules_out_says_so():
    d = play("why", 3, 5)  # lend money (critical), then a line that goes to the strong ending
    assert d.ending_id == "steady"
    assert d.why == (
        "What you said at decision 2 leads straight to a strong ending (“Ready for Monday”), "
        "but the critical slip at decision 1 (a dual relationship) ruled it out: a run with it "
        "can end no better than mixed.",
        "“Steady enough” (mixed) applies at trust 40 or more, and you finished at trust 70.",
    )


def test_a_slip_is_named_even_when_the_meters_fell_short_too():
    d = play("why", 3, 2)  # lend money, then reassure: the strong ending needed more anyway
    assert d.why == (
        "The critical slip at decision 1 (a dual relationship) ruled out any ending better "
        "than mixed.",
        # and what else stood in the way: without it, the slip reads as the whole story
        "Even without it, a strong ending (“Ready for Monday”) needs empowerment 55 or more "
        "(you finished at 50).",
        "“Steady enough” (mixed) applies at trust 40 or more, and you finished at trust 70.",
    )
    turns = next(s for s in outline(d) if s.title == "Turning points")
    # not "the conversation as a whole", which read as if the slip had not mattered
    assert [line.text for line in turns.lines] == [
        "Taking the stronger line at any one decision alone would not have changed this "
        "ending: it came from several of your decisions together, so more than one would "
        "need to change.",
        # which two, found by the engine
        "Changing two together would have done it: had you said “Congratulations! Tell me "
        "about it.” at decision 1, and “What would help you in the first week?” at decision "
        "2, this would have ended “Ready for Monday” (strong).",
        # and where to begin: a trainee could not act on "more than one" alone
        "Start with the critical slip at decision 1. Under Your decisions below, a stronger "
        "line is shown at decisions 1 and 2.",
    ]


def test_slips_of_two_kinds_are_named_in_the_plural_without_an_empty_kind():
    from sim.loading.folders import bundled_dir

    run = Run.begin(load_scenario(bundled_dir() / "house-rules.toml"))
    # the first line every time: a confidentiality and a dual-relationship slip, each capped
    # mixed; with Dev, the line that tells him both (the first offered there is the post, a
    # breach capped poor, and keeping the offer of your place from him is capped poor too)
    while not run.over:
        if not run.waits_for_choice:
            run.advance()
            continue
        run.choose(2 if run.state.scene == "dev" else 1)
    why = build_debrief(run, None).why
    assert why[0].startswith("The critical slips at decisions ")
    assert "()" not in " ".join(why) and "ruled out any ending better than mixed" in why[0]


def test_a_branching_next_names_its_threshold():
    d = play("why", 2, 4)  # trust 45 after the warning, then "Hm."
    assert d.ending_id == "gave-up"
    assert d.why == (
        "After decision 2, a run with trust 55 or less goes straight on to this ending; "
        "you had trust 45.",
    )
    assert play("why", 1, 4).ending_id == "steady"  # trust 60: the other branch, @outcome


def test_turning_points_are_counterfactuals_played_by_the_engine():
    d = play("why", 1, 2)
    (tp,) = d.turning_points
    assert (tp.step, tp.ending_id, tp.outcome, tp.outcome_gain) == (2, "thriving", "strong", 1)
    assert tp.say == "What would help you in the first week?"
    assert (
        "Had you said “What would help you in the first week?” at decision 2, this would have "
        in ("\n".join(line.text for s in outline(d) for line in s.lines))
    )
    # After the stronger line at decision 1, the counterfactual keeps the trainee's own
    # later line where it is still offered ("You'll be fine."), so nothing changes.
    assert play("why", 2, 2).turning_points == ()
    # Where the trainee's later line is not offered any more, it takes the stronger line.
    (tp,) = play("remember", 2, 1).turning_points
    assert (tp.step, tp.ending_id) == (1, "strong-end")
    assert tp.assumed == 1 and d.turning_points[0].assumed == 0  # said: "could have"
    # A critical slip's stronger alternative lifts the cap.
    (tp,) = play("remember", 3, 1).turning_points
    assert (tp.step, tp.ending_id, tp.outcome_gain) == (1, "strong-end", 1)


def test_a_turning_point_says_how_many_later_lines_it_took_for_granted():
    """Always the longest line ends First Meeting after two decisions; "had you said
    the reflection at decision 1, this would have ended strong" hid the twelve best
    lines the replay went on to say (trainee playtest 11)."""
    sc = load_scenario(Path("scenarios/first-meeting.toml"))
    run = Run.begin(sc)
    for _ in range(2):
        run.settle()
        run.choose(max(run.offers(), key=lambda o: len(o.choice.say)).number)
    run.settle()
    assert run.over and len(run.state.decisions) == 2
    d = build_debrief(run, catalogue_for_scenario(sc))
    first = d.turning_points[0]
    assert first.step == 1 and first.outcome == "strong" and first.assumed >= 10
    text = "\n".join(line.text for s in outline(d) for line in s.lines)
    assert (
        "at decision 1, this could have ended “A partnership begins” (strong). That line "
        f"leads to {first.assumed} moments this run did not reach; this assumes you pick the "
        "strongest line at each."
    ) in text


def test_a_strong_run_has_no_turning_points_and_says_what_it_met():
    d = play("why", 1, 1)
    assert d.outcome == "strong" and d.turning_points == ()
    assert d.why == (
        "“Ready for Monday” (strong) follows from what you said at decision 1, with trust 60 or "
        "more and empowerment 55 or more; you finished at trust 65 and empowerment 60.",
    )


def test_the_scorecard_refers_to_decisions_by_number():
    d = play("why", 2, 3)
    (p,) = d.principles
    assert p.scoreline() == "undermined 2 (at 1, 2)"
    d = play("remember", 2, 1)
    assert {p.id: p.scoreline() for p in d.principles} == {
        "active-listening": "honoured 1 (at 2); neutral 1 (at 1)"
    }


def quoted(text: str) -> list[str]:
    return re.findall(r"“([^”]*)”", text)


def random_runs(sc, count: int, rng: random.Random):
    for _ in range(count):
        run = Run.begin(sc)
        for _ in range(200):
            run.settle()
            if run.over or run.stuck:
                break
            run.choose(rng.randint(1, len(run.offers())))
        if run.over:
            yield run


@pytest.mark.parametrize("sc", load_library().scenarios, ids=lambda s: s.id)
def test_every_bundled_debrief_explains_itself_and_quotes_each_line_once(sc):
    catalogue = catalogue_for_scenario(sc)
    rng = random.Random(sc.id)
    for run in random_runs(sc, 15, rng):
        d = build_debrief(run, catalogue)
        text = "\n".join(debrief_lines(d))
        assert "\nWhy this ending\n" in text
        assert d.why
        # one text for every view, each line unwrapped once
        flat = "\n".join(line.text for s in outline(d) for line in s.lines)
        said = [r.said for r in d.decisions]
        for line in set(said):
            assert flat.count(f"“{line}”") == said.count(line), line
        stronger = [r.alternative.say for r in d.decisions if r.alternative]
        for line in set(stronger) - set(said):
            assert flat.count(f"“{line}”") == stronger.count(line), line
        assert len(d.turning_points) <= 3
        # no author ids of flags in the explanation
        for flag in {f for s in sc.scenes.values() for c in s.choices for f in c.sets}:
            if "-" in flag:
                assert flag not in " ".join(d.why), flag


@pytest.mark.parametrize(("name", "choices", "outcome"), RUNS)
def test_the_plain_debrief_keeps_to_a_length_budget(name, choices, outcome):
    # Before the summary, these runs' plain debriefs took 33-36 lines per decision
    # (measured with the renderer of ff82121 on today's scenarios: the 13-decision
    # mixed first-meeting run was 423 lines, the 14-decision poor one 497). Each line
    # is now quoted once and principles refer to decisions by number.
    sc = load_library().get(name)
    run = Run.begin(sc)
    for n in choices.split(","):
        run.settle()
        run.choose(int(n))
    run.settle()
    lines = debrief_lines(build_debrief(run, catalogue_for_scenario(sc)))
    decisions = len(run.state.decisions)
    # summary (with "To practise next", about 10 lines with its two on how it relates to
    # progress), story, reflections; 84: the principle placed by a critical slip names the
    # slip (two lines at most, trainee44)
    assert len(lines) <= 16 * decisions + 84, (len(lines), decisions)
    if (name, outcome, decisions) == ("first-meeting", "mixed", 13):
        # 0.46: lines no longer break after a hyphen, and "10. " items indent one more;
        # 0.48: the summary's "To practise next" (the decision to try first, a principle)
        assert len(lines) <= 0.48 * 423, len(lines)


def test_the_debrief_survives_the_records_round_trip():
    """Exports store the Debrief as JSON and read it back: every new part must survive."""
    import dataclasses
    import json

    from sim.debrief import Debrief
    from sim.records.record import revive

    d = play("remember", 3, 1)
    assert d.slips and d.turning_points and d.why
    back = revive(Debrief, json.loads(json.dumps(dataclasses.asdict(d))))
    assert back == d
    assert debrief_lines(back) == debrief_lines(d)


def test_a_long_line_is_quoted_by_as_many_closing_sentences_as_fit():
    """ "…Gone." alone loses the moment; the sentences before it that fit are kept."""
    from sim.debrief.words import SHORT, excerpt

    said = (
        "It wasn't one. I got a letter from the landlord this morning and I just... "
        "Seven weeks. Gone."
    )
    quoted = excerpt(said)
    assert (
        quoted == "…I got a letter from the landlord this morning and I just... Seven weeks. Gone."
    )
    assert len(quoted) <= SHORT + 1


def test_slips_of_two_kinds_in_a_fixture_are_named_by_their_decisions_alone():
    d = play("why-two-slips", 2, 2)  # lend money, then tell the new boss: trust 55 too
    assert d.ending_id == "steady"
    assert d.why[0] == (
        "The critical slips at decisions 1 and 2 ruled out any ending better than mixed."
    )


def test_a_coach_note_leads_with_what_the_line_undermined_or_honoured():
    """A tempting line's note can read as praise on its own; the lead says which way it points."""
    from sim.debrief.words import practice_note

    hello = load_scenario(FIXTURES / "mini.toml").scenes["hello"].choices
    middle = load_scenario(FIXTURES / "mini.toml").scenes["middle"].choices
    titles = {"active-listening": "Listen actively", "empowerment": "Empower, don't direct"}
    assert practice_note(hello[0], titles) == "Honours “Listen actively”. A reflection."
    assert practice_note(hello[1], titles) == (
        "Undermines “Empower, don't direct” and “Listen actively”. Directing before listening."
    )
    assert practice_note(middle[2], titles) == "Straight to the end."  # neutral: no lead
    # a title the catalogue lacks falls back to the id rather than dropping the verdict
    assert practice_note(hello[2], {}) == "Undermines “active-listening”. Shuts the door."
    mixed = hello[1].model_copy(
        update={"principles": {"empowerment": "honours", **{"x": "undermines"}}}
    )
    assert practice_note(mixed, titles) == (
        "Undermines “x”; honours “Empower, don't direct”. Directing before listening."
    )


def test_a_coach_note_says_what_a_line_without_a_why_honoured_or_undermined():
    """A line with principles and no `why` had no practice note at all (trainee playtest 9)."""
    from sim.debrief.words import practice_note

    hello = load_scenario(FIXTURES / "mini.toml").scenes["hello"].choices
    titles = {"active-listening": "Listen actively"}
    bare = hello[0].model_copy(update={"why": None, "note": None})
    assert practice_note(bare, titles) == "Honours “Listen actively”."
    neutral = bare.model_copy(update={"principles": {}})
    assert practice_note(neutral, titles) == ""


def test_a_safety_move_that_costs_trust_gets_its_whole_why_in_practice():
    """Asking about suicide by name honours every principle it touches, and in an author's
    scenario it may lower trust by 2: the first sentence of its why left "▼ -2 down"
    unexplained in practice; the rest of the why says the dip is the honest cost (trainee
    playtest 9). The bundled crisis moment no longer dips there (review 21a: a safety move
    costs no meter point, and since author26 `check` warns at such a dip, safety-meter), so
    the fixture's direct question, given the dip an author may still keep, stands in for it."""
    from sim.debrief.words import practice_note

    letter = load_scenario(FIXTURES / "the-letter.toml")
    asked = next(c for c in letter.scenes["hopes"].choices if c.best)
    honest = " That small dip in trust is the honest cost of asking."
    ask = asked.model_copy(update={"trust": -2, "why": asked.why + honest})
    assert ask.trust < 0 and set(ask.principles.values()) == {"honours"}
    note = practice_note(ask, {})
    assert ask.coach_note() != ask.why  # the whole why, not only its first sentence
    assert note.endswith(ask.why) and "small dip in trust is the honest cost" in note
    # a line that undermines something keeps the short note, as before
    hello = load_scenario(FIXTURES / "mini.toml").scenes["hello"].choices
    assert practice_note(hello[1], {}).endswith("Directing before listening.")


def test_taking_back_a_secrecy_promise_is_never_named_as_what_ruled_out_the_strong_ending():
    """Crisis Moment: promise secrecy (a safety slip at 6), take it back at once (7), then all
    the strong moves. "Why this ending" said the repair at decision 7 ruled the strong ending
    out, as if owning the promise were the mistake; the slip alone does (trainee playtest 9)."""
    from sim.debrief import build_debrief
    from sim.engine import Run
    from sim.loading import bundled_dir

    run = Run.begin(load_scenario(bundled_dir() / "crisis-moment.toml"))
    for n in [2, 1, 2, 3, 2, 1, 1, 4, 1, 1, 1]:
        run.settle()
        run.choose(n)
    run.settle()
    d = build_debrief(run)
    assert d.outcome == "mixed" and d.slips and d.slips[0].step == 6
    why = " ".join(d.why)
    assert "decision 7 ruled out" not in why
    assert "enough for a strong ending" in why and "the critical slip at decision 6" in why


def test_when_no_one_decision_would_do_the_two_that_together_would_are_named():
    """ "More than one would need to change" left a trainee to guess which (playtest 9):
    the pair is found by the engine, quoted once, and the decision boxes refer to it."""
    d = play("together", 2, 2)
    assert d.outcome == "mixed" and d.turning_points == ()
    pair = d.turning_pair
    assert pair is not None and pair.steps == (1, 2) and pair.ending_id == "back"
    flat = "\n".join(line.text for s in outline(d) for line in s.lines)
    assert (
        "Changing two together would have done it: had you said “I'm glad you did. What "
        "brought you back?” at decision 1, and “A hard month, and you still came. What got "
        "you through?” at decision 2, this would have ended “Back on track” (strong)."
    ) in flat
    assert flat.count("“I'm glad you did. What brought you back?”") == 1
    assert "Stronger here: the line in turning points above." in flat
    # one stronger line alone is enough: a turning point, and no pair
    d = play("together", 1, 2)
    assert d.turning_points and d.turning_pair is None
    # a strong run has neither
    strong = play("together", 1, 1)
    assert strong.outcome == "strong" and strong.turning_pair is None


def test_the_turning_pair_survives_the_records_round_trip():
    import dataclasses
    import json

    from sim.debrief import Debrief
    from sim.records.record import revive

    d = play("together", 2, 2)
    back = revive(Debrief, json.loads(json.dumps(dataclasses.asdict(d))))
    assert back.turning_pair == d.turning_pair
    older = dataclasses.asdict(d)
    del older["turning_pair"]  # a debrief kept before there were pairs
    assert revive(Debrief, json.loads(json.dumps(older))).turning_pair is None


def test_lines_that_ruled_an_ending_out_are_named_by_their_first_words():
    """ "what you said at decisions 1 and 8 also ruled it out" said which lines, not what
    they were (trainee playtest 11): one or two are quoted by their opening words."""
    from sim.text import first_words

    assert first_words("That's really generous of you, Sam. Really.", 6) == (
        "That's really generous of you, Sam…"
    )
    assert first_words("Short and whole.", 6) == "Short and whole."


def _bundled_debrief(name: str, choices: str):
    sc = load_library().get(name)
    run = Run.begin(sc)
    for n in choices.split(","):
        run.settle()
        run.choose(int(n))
    run.settle()
    return build_debrief(run, catalogue_for_scenario(sc))


def _practise(d) -> list[str]:
    """The items of To practise next (the line on how they relate to progress left out)."""
    return [
        line.text
        for s in outline(d)
        if s.title == "To practise next"
        for line in s.lines
        if line.item
    ]


def test_a_poor_debrief_says_what_to_practise_next_in_its_summary():
    """A trainee reading a poor debrief found why, but what to practise next only at its
    very end ("g shows your progress"), past a scorecard of ten principles: the summary
    now names the decision to try first and one principle, with how it can sound."""
    d = _bundled_debrief("first-meeting", "1,3")
    assert d.outcome == "poor" and d.turning_points[0].step == 1
    titles = [s.title for s in outline(d)]
    assert titles.index("To practise next") == titles.index("Turning points") + 1
    first, principle = _practise(d)
    assert first == "Play it again and try decision 1 differently first (turning point 1)."
    assert principle.startswith(
        "A principle to practise: “Listen actively” (undermined at decisions 1 and 2). "
        "In general, it can sound like: “"  # the catalogue's: every line offered was quoted
    )


def test_the_principle_to_practise_is_the_least_honoured_share():
    # A Check-In Call, mixed: two principles undermined twice; "Offer advice..." was never
    # honoured, "Offer emotional support" three times (the whole call told to Tasha, tasha#3:
    # "He's still using" after the missed cue is tasha#8 since Review 29a, a poor-capped slip)
    d = _bundled_debrief("check-in-call", "2,1,2,4,3,2,2,3,4,3,1,2")
    assert d.outcome == "mixed" and not d.turning_points and d.turning_pair is None
    # no single decision or pair to try: the critical slips first, as the turning points say
    replay, principle = _practise(d)
    assert replay == (
        "Play it again and try decisions 6 and 8 differently first "
        "(the critical slips that ruled out a better ending)."
    )
    # of the principles the slips undermined, the one the safety slip at 8 breaks leads
    # (sim.weakness.BROKEN_BY, programme28): it was "Offer advice ..." (5 and 6), the
    # outside-role slip's second principle, while a missed risk cue capped the run
    assert principle.startswith(
        "A principle to practise: “Recognise a crisis and connect to help” "
        "(undermined at decision 8; named because of your critical slip: a safety slip at "
        "decision 8)."
    )


def test_with_no_turning_point_the_decision_to_try_first_is_the_critical_slip():
    """Be My Sponsor, the first line everywhere but Jess's own Saturday choice (decision
    10): a critical slip at decision 1 and no one decision (or two) that changes the ending
    alone. The turning points said "Start with the critical slip at decision 1"; "To
    practise next" named only a principle. (Every first line now ends poor, under the
    empowerment floor of Follow-up 28, with turning points of its own.)"""
    d = _bundled_debrief("be-my-sponsor", "1,1,1,1,1,1,1,1,1,2,1,1")
    assert d.outcome == "mixed" and not d.turning_points and d.turning_pair is None
    assert [s.step for s in d.slips] == [1]
    first, principle = _practise(d)
    assert first == (
        "Play it again and try decision 1 differently first "
        "(the critical slip that ruled out a better ending)."
    )
    assert principle.startswith("A principle to practise: ")


def test_a_principle_placed_first_by_a_critical_slip_says_so():
    """Ending Well with a hidden Saturday arrangement (a dual relationship at decision 6):
    "A principle to practise: “Keep warm, clear boundaries” (undermined at decisions 2, 3
    and 6)" gave no reason, and a trainee who read the scorecard below wondered why this
    principle and not another; the slip rule had named it (trainee44). Without a slip the
    sentence is as before."""
    d = _bundled_debrief("ending-well", "2,1,3,3,2,2,2,3,1,2,2,3,2,1")
    assert [(s.step, s.kind) for s in d.slips] == [(6, "dual-relationship")]
    principle = [t for t in _practise(d) if t.startswith("A principle to practise")][0]
    assert principle.startswith(
        "A principle to practise: “Keep warm, clear boundaries” (undermined at decisions 2, 3 "
        "and 6; named because of your critical slip: a dual relationship at decision 6)."
    ), principle
    # two slips that broke it, both named
    d = _bundled_debrief("first-meeting", "2,2,3,2,2,2,1,3,2,1,3,1")
    principle = [t for t in _practise(d) if t.startswith("A principle to practise")][0]
    assert (
        "; named because of your critical slips: stepping outside the peer role at decision 3; "
        "a dual relationship at decision 11)." in principle
    ), principle
    # no slip: no reason given
    d = _bundled_debrief("first-meeting", "1,3")
    assert not d.slips
    assert "named because" not in " ".join(_practise(d))


def test_a_strong_run_names_no_decision_to_change():
    d = _bundled_debrief("first-meeting", "2,1,2,3,1,1,3,2,2,1,2,3,1")
    assert d.outcome == "strong"
    assert not any(t.startswith("Play it again") for t in _practise(d))


@pytest.mark.parametrize("sc", load_library().scenarios[:6], ids=lambda s: s.id)
def test_after_one_run_the_debrief_and_the_progress_screen_name_the_same_principle(sc):
    """After a first run the debrief said "Respect each person's own journey" and the
    progress screen's Next "Honour many pathways to recovery": two answers to one question."""
    from sim.records.progress import PrincipleProgress, weakest_of, weakness
    from sim.weakness import BROKEN_BY

    rng = random.Random(sc.id)
    for run in random_runs(sc, 6, rng):
        d = build_debrief(run, catalogue_for_scenario(sc))
        slips = {s.step for s in d.slips}  # what a critical slip undermined comes first
        table = [
            PrincipleProgress(
                p.id,
                p.title,
                p.honoured,
                p.undermined,
                at_slips=len(slips & set(p.undermined_at)),
                # as `Tally.add` sets them: the run of a slip of the kind that breaks it
                # (sim.weakness.BROKEN_BY), and those kinds; others' undermines are ordinary
                slip_run=1 if kinds else None,
                slip_kinds=kinds,
            )
            for p in d.principles
            for kinds in [
                tuple(
                    dict.fromkeys(
                        s.kind
                        for s in d.slips
                        if BROKEN_BY.get(s.kind) == p.id and s.step in p.undermined_at
                    )
                )
            ]
        ]
        weakest = weakest_of(sorted(table, key=weakness))
        said = [t for t in _practise(d) if t.startswith("A principle to practise")]
        if weakest is None:
            assert not said
        else:
            assert said[0].startswith(f"A principle to practise: “{weakest.title}”"), said


def test_the_decision_to_try_first_is_a_sure_turning_point_then_the_earliest():
    d = _bundled_debrief("first-meeting", "1,3")  # two turning points, both "could"
    assert [(t.step, t.assumed > 0) for t in d.turning_points] == [(1, True), (2, True)]
    assert _practise(d)[0].startswith("Play it again and try decision 1 differently")


def test_the_example_to_practise_is_a_line_from_a_moment_of_the_run():
    """Luis has a sponsor, yet "To practise next" told his coach boundaries can sound like
    "... not your sponsor. Can we look for a sponsor together?", the catalogue's first
    example (review 23b). A line that honours the principle at a decision the trainee met,
    and undermines nothing, now comes before the catalogue's lines."""
    d = _bundled_debrief("return-to-use", "3,2,3,1,2,2,1,1,3,1,3,1,1")
    (_, principle) = _practise(d)
    assert principle.startswith("A principle to practise: “Keep warm, clear boundaries”")
    assert "sponsor together" not in principle
    assert "It can sound like: “What happens with your sponsor is between the two of you." in (
        principle
    )


def test_the_example_to_practise_was_offered_to_this_trainee():
    """Ana's coach refused her gift coldly (gift#3) and was told boundaries can sound like
    "No. I told you we'd keep meeting on Saturdays, and I was wrong to ...": a line of a
    scene they met, but offered there only after an off-the-books promise they never made
    (review 24a). Only the lines offered at the run's decisions are its own examples."""
    d = _bundled_debrief("ending-well", "2,4,3,2,2,3,1,2,2,3,3,1")
    principle = [t for t in _practise(d) if t.startswith("A principle to practise")][0]
    assert principle.startswith("A principle to practise: “Keep warm, clear boundaries”")
    assert "It can sound like: “" in principle
    assert "Saturdays" not in principle


def test_the_catalogue_example_to_practise_does_not_send_a_smart_peer_to_a_sponsor():
    """Priya chose SMART Recovery, and the scenario scores "Have you thought about getting
    [a sponsor]?" as a slip; yet when her coach's boundary slips left no unquoted line of the
    run to show, "To practise next" fell back on the catalogue's first boundaries example,
    "... Can we look for a sponsor together?" (review 23a). The first example now fits anyone."""
    # the text-me boundary slip at 9, then no breach at 10 (with the breach, the principle to
    # practise is the one it breaks, confidentiality: programme28)
    d = _bundled_debrief("different-path", "4,1,3,2,3,1,2,4,1,1")
    principle = [t for t in _practise(d) if t.startswith("A principle to practise")][0]
    assert principle.startswith("A principle to practise: “Keep warm, clear boundaries”")
    assert "In general, it can sound like: “" in principle  # the catalogue's, said so
    assert "sponsor" not in principle


def test_every_example_to_practise_honours_its_principle_where_the_trainee_was():
    """Over random runs of every bundled scenario: the example is a line of this scenario
    offered at a decision of the run that honours the principle and undermines nothing, or,
    only when every such line was quoted already, one of the catalogue's own."""
    lib = load_library()
    rng = random.Random(23)
    own_seen = 0
    for listed in lib.scenarios:
        sc = lib.get(listed.id)
        catalogue = catalogue_for_scenario(sc)
        for _ in range(4):
            run = Run.begin(sc)
            while True:
                run.settle()
                if run.over or not run.waits_for_choice:
                    break
                run.choose(rng.randint(1, len(run.offers())))
            d = build_debrief(run, catalogue)
            said = [t for t in _practise(d) if "can sound like: “" in t]
            if not said:
                continue
            example = said[0].split("can sound like: “", 1)[1].rstrip("”")
            # the catalogue's line is said to be general, since it was written for no one
            # in particular (reviews 33a and 34b); the scenario's own is not
            general = "In general, it can sound like: “" in said[0]
            title = said[0].split("“", 1)[1].split("”", 1)[0]
            pid = next(p for p, q in catalogue.principles.items() if q.title == title)
            own = [
                c
                for x in run.state.decisions
                for c in (sc.scenes[x.scene].choices[i] for i in x.offered)
                if c.say == example
                and c.principles.get(pid) == "honours"
                and "undermines" not in c.principles.values()
            ]
            if own:
                own_seen += 1
                assert not general, (sc.id, said[0])
            else:
                assert example in catalogue.principles[pid].sounds_like, (sc.id, example)
                assert general, (sc.id, said[0])
    # 3 of these 48 runs show a line of their own (the rest quote their offered lines as a
    # stronger line already); 12 counted, before review 24a, lines of a scene met but never
    # offered there; 6 before a critical slip's principle came first (trainee26: the lines
    # that honour it are the slips' stronger lines, quoted already)
    assert own_seen >= 3, own_seen


def test_the_meters_curve_is_a_paragraph_of_its_own_under_the_ending():
    """ "Over the conversation:" ran on under the ending's last sentence in the plain and
    exported debrief, and the curve read as part of the story (author19)."""
    lines = debrief_lines(_bundled_debrief("first-meeting", "1,3"))
    at = lines.index("  Over the conversation:")
    assert lines[at - 1] == "" and lines[at - 2].strip(), lines[at - 3 : at + 2]
    assert lines[at + 1].strip().startswith("Trust:")


def test_a_meter_curve_that_wraps_goes_on_under_its_own_numbers():
    """Medication in the ED played to the end in the plain player at 80 columns: the trust
    curve's sixteenth value went on flush under "Trust:" ("    Trust:  20  28 ... 62" then
    "  66"), read as a number of its own (trainee playtest 28)."""
    lines = debrief_lines(_bundled_debrief("medication-in-the-ed", "3,2,2,1,2,1,4,1,1,1,3,1,4,2,3"))
    at = lines.index("  Over the conversation:")
    trust, more = lines[at + 1], lines[at + 2]
    assert trust.strip().startswith("Trust:") and not more.strip().startswith("Empowerment"), lines[
        at : at + 5
    ]
    first = trust.index(trust.split(":")[1].split()[0], trust.index(":"))  # the first value
    assert more[:first].strip() == "" and more[first : first + 1].strip(), (trust, more)


@pytest.mark.parametrize(
    ("name", "choices"),
    [("check-in-call", "2,1,2,4,3,2,2,3,4,3,1,2"), ("first-meeting", "2,1,3,3,1,1,3,2,2,1,2,3,1")],
)
def test_what_a_critical_slip_rules_out_is_said_once_and_referred_to_after(name, choices):
    """ "Can end no better than mixed" stood under Why this ending and again under each
    critical slip (and, with no turning point, a fourth time under To practise next): said
    once, where it answers why the run ended so, and referred to in the others."""
    d = _bundled_debrief(name, choices)
    assert d.outcome == "mixed" and d.capped_in_why == tuple(s.step for s in d.slips)
    text = " ".join(" ".join(debrief_lines(d)).split())
    assert text.count("better than mixed") == 1, text
    assert "ruled out any ending better than mixed" in " ".join(d.why)
    slips = next(s for s in outline(d) if s.title == "Critical slips")
    for slip in d.slips:
        kind = slip.kind_words[0].upper() + slip.kind_words[1:]
        assert Line(f"{kind}: it ruled out a better ending (see {WHY_TITLE}).", 1) in slips.lines


def test_a_debrief_stored_before_says_the_cap_under_each_slip_as_it_did():
    """A debrief kept before `capped_in_why` (read back from the records) has no field to
    say Why this ending named the cap: each slip keeps its own words, so nothing is lost."""
    import dataclasses

    d = dataclasses.replace(play("remember", 3, 1), capped_in_why=())
    slips = next(s for s in outline(d) if s.title == "Critical slips")
    assert (
        Line(
            "A dual relationship (a personal tie beside the coaching: sponsor, friend, host, "
            "money or gifts, or a personal 24/7 line): a run with it can end no better than "
            "mixed.",
            1,
        )
        in slips.lines
    )


def test_the_dual_relationship_gloss_names_what_the_bundled_slips_do():
    """A trainee who offered Tom their couch (First Days Out) or kept Ana's gift card (Ending
    Well) read "a dual relationship (sponsor, friend, money or a personal 24/7 line)" and
    found neither thing they did named (trainee40); the gloss says what a dual relationship
    is, then names those too."""
    from sim.debrief.words import slip_words

    for name, said, named in [
        ("first-days-out", "crash on my couch", "host"),
        ("ending-well", "I'll take both", "gifts"),
    ]:
        sc = load_library().get(name)
        kinds = {c.critical for scene in sc.scenes.values() for c in scene.choices if said in c.say}
        assert kinds == {"dual-relationship"}, name
        words = slip_words("dual-relationship")
        assert words.startswith("a dual relationship (a personal tie beside the coaching: ")
        assert named in words.split(": ", 1)[1], name


def test_slips_of_one_kind_are_counted_as_more_than_one():
    d = _bundled_debrief("crisis-moment", "1,2,1,1,2")
    # "the critical slips at decisions 4 and 5 (a safety slip)" counted two as one
    assert d.why[0] == (
        "The critical slips at decisions 4 and 5 (each a safety slip) ruled out any ending "
        "better than poor."
    )


def test_to_practise_next_says_it_is_this_run_s_and_how_progress_differs():
    """The debrief said "play it again" and one principle; progress said "Next: Medication
    in the ED" (another scenario), in time with another weakest principle. A trainee shown
    two suggestions needs to know why: the debrief says it speaks of this run alone."""
    d = _bundled_debrief("first-meeting", "2,1,3,3,1,1,3,2,2,1,2,3,1")
    (section,) = [s for s in outline(d) if s.title == "To practise next"]
    assert [line.item for line in section.lines] == [True, True, False]
    assert section.lines[-1].text == (
        "Both come from this run alone; your progress, across all your runs, may name "
        "another principle and suggests a scenario to play next."
    )
    d = _bundled_debrief("first-meeting", "2,1,1,3,1,1,3,2,2,1,1,2,3,1")  # strong, one slip
    (section,) = [s for s in outline(d) if s.title == "To practise next"]
    assert section.lines[-1].text.startswith("This comes from this run alone; your progress")


def test_with_no_pair_to_try_where_to_start_is_said_once_under_to_practise_next():
    """ "Start with the critical slips at decisions 6 and 8." closed Turning points, and the
    next line read "Play it again and try decisions 6 and 8 differently first": the same
    advice twice in a row. Said under To practise next only; with a pair (which To practise
    next names as "the two above") Turning points still says which of the two comes first."""
    d = _bundled_debrief("check-in-call", "2,1,2,4,3,2,2,3,4,3,1,2")
    assert not d.turning_points and d.turning_pair is None
    turns = " ".join(
        line.text for s in outline(d) if s.title == "Turning points" for line in s.lines
    )
    assert "Start with" not in turns
    assert "a stronger line is shown at decisions 2, 5, 6 and 8." in turns
    assert _practise(d)[0].startswith("Play it again and try decisions 6 and 8 differently first")


def test_a_breach_that_says_no_one_s_words_is_glossed_as_information_about_someone():
    """Family Pressure: "She's in really good hands here" (at-desk#4) repeats nothing Keisha
    said; it confirms she comes here. The confidentiality kind's gloss read "sharing what
    someone said without consent", which fits neither that nor a file sent on; the brief's
    principle is to share information only with consent (review 35b, changed in review 36)."""
    from sim.loading import bundled_dir

    run = Run.begin(load_scenario(bundled_dir() / "family-pressure.toml"))
    run.settle()
    run.choose(4)
    while not run.over:
        run.settle()
        if not run.over:
            run.choose(1)
    d = build_debrief(run)
    assert d.slips and d.slips[0].step == 1
    text = " ".join(" ".join(debrief_lines(d)).split()).lower()
    said = "a breach of confidentiality (sharing information about someone without consent)"
    assert said in text
    assert "what someone said" not in text


@pytest.mark.parametrize(
    ("reflections", "questions", "said"),
    [
        # trainee37: "0.5 (...; above 1, you reflected more often than you asked)" read as
        # praise at 0.5; the line says what the trainee's own number means
        (
            1,
            2,
            "0.5 (1 reflection to 2 questions; below 1: you asked more often than you reflected)",
        ),
        (
            3,
            2,
            "1.5 (3 reflections to 2 questions; above 1: you reflected more often than you asked)",
        ),
        (2, 2, "1.0 (2 reflections to 2 questions; 1: you reflected as often as you asked)"),
        # rounding never shows "1.0" beside "below 1"
        (29, 30, "0.97 (29 reflections to 30 questions; below 1: you asked more often"),
    ],
)
def test_the_ratio_says_what_the_trainee_s_own_number_means(reflections, questions, said):
    from sim.debrief.data import WordCounts
    from sim.debrief.outline import word_count_lines

    w = WordCounts(
        entries=5,
        open_questions=questions,
        closed_questions=0,
        reflections=reflections,
        directive=0,
    )
    (ratio,) = [ln.text for ln in word_count_lines(w) if "ratio" in ln.text]
    assert ratio.startswith(f"Reflection-to-question ratio: {said}")


def test_a_slip_in_a_run_that_ended_below_its_cap_is_not_called_the_cause():
    """First Days Out, a safety slip at decision 3 (capped at mixed) and a poor ending the
    meters and decision 10 decided too: under Critical slips "it ruled out a better ending"
    read as the reason for the poor ending (trainee40). It says how far the slip reaches."""
    d = _bundled_debrief("first-days-out", "2,1,3,1,2,4,4,3,4,1,1")
    assert d.outcome == "poor" and [(s.step, s.cap) for s in d.slips] == [(3, "mixed")]
    assert d.capped_in_why == (3,)
    slips = next(s for s in outline(d) if s.title == "Critical slips")
    texts = [line.text for line in slips.lines]
    assert any(
        t.endswith(
            ": it ruled out any ending better than mixed; Why this ending says what else "
            "this run missed."
        )
        for t in texts
    ), texts
    assert not any("it ruled out a better ending" in t for t in texts)


@pytest.mark.parametrize("safety", [0, 1])
def test_no_ratio_is_said_without_claiming_no_question_was_asked(safety):
    """A run with safety questions only (or questions no rule could place) read "no
    questions yet, so no ratio" under "Safety questions: 1", after the run had ended."""
    from sim.debrief.data import WordCounts
    from sim.debrief.outline import word_count_lines

    w = WordCounts(
        entries=4,
        open_questions=0,
        closed_questions=0,
        reflections=3,
        directive=0,
        safety_questions=safety,
    )
    (ratio,) = [ln.text for ln in word_count_lines(w) if ln.text.startswith("Reflection-to")]
    assert "no questions" not in ratio and "yet" not in ratio
    assert ratio.startswith(
        "Reflection-to-question ratio: none: these rules counted no open or closed questions"
    )
    assert ("safety questions are counted apart" in ratio) == bool(safety)

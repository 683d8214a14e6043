"""'Why this ending' names the moment an ending was decided at, when that was earlier.

A poor ending decided when low trust sent the person out of the room, three decisions
before the last, was explained as "After decision 12 the conversation goes straight on
to this ending": true, and no help to a trainee asking why it was poor.
"""

from __future__ import annotations

import re
from pathlib import Path

from sim.debrief import build_debrief
from sim.engine import Run
from sim.loading import catalogue_for_scenario, load_scenario

FIXTURE = Path(__file__).parent / "fixtures" / "why-reached.toml"


def _why(numbers: list[int]) -> tuple[str, ...]:
    scenario = load_scenario(FIXTURE)
    run = Run.begin(scenario)
    for n in numbers:
        while not run.waits_for_choice and not run.over:
            run.advance()
        run.choose(n)
    while not run.over:
        run.advance()
    return build_debrief(run, catalogue_for_scenario(scenario)).why


def test_the_branch_that_sent_the_run_out_is_named_with_its_threshold_and_the_meters_then():
    (why,) = _why([2, 1])  # trust 40 after "Jobs like that never last."
    # in the order it happened: the moment that decided it, then the ending; "After decision
    # 11, the conversation goes straight on to this ending, since after decision 9 you had
    # trust 43, and ..." read backwards (trainee20). The quote ends its own sentence: a colon
    # after it read '.”:' (review-16a)
    assert why == (
        "After decision 2 you had trust 40; with trust 44 or less the conversation turns to "
        "the moment “Lee is already half out of the chair.” From there, the conversation goes "
        "straight on to this ending."
    ), why


def test_a_moment_decided_earlier_than_the_last_decision_is_told_first():
    from sim.loading import bundled_dir

    scenario = load_scenario(bundled_dir() / "first-meeting.toml")
    run = Run.begin(scenario)
    for n in [2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]:
        while not run.waits_for_choice and not run.over:
            run.advance()
        if run.over:
            break
        run.choose(n)
    while not run.over:
        run.advance()
    (why,) = build_debrief(run, catalogue_for_scenario(scenario)).why
    decided = re.match(r"After decision (\d+) you had trust \d+; with trust \d+ or less the ", why)
    assert decided, why
    ended = re.search(r"From there, after decision (\d+), the conversation goes straight", why)
    assert ended and int(ended.group(1)) > int(decided.group(1)), why


def test_a_quoted_line_keeps_its_capitals_where_a_sentence_starts_with_it():
    # str.capitalize lower-cased the rest: "what you said at decision 3 (“i'm not a counselor…”)"
    from sim.debrief.words import upper_first

    said = "what you said at decision 3 (“I'm not a counselor, I'm a…”)"
    assert upper_first(said) == "What you said at decision 3 (“I'm not a counselor, I'm a…”)"
    assert upper_first("") == ""


def test_a_run_that_stayed_is_told_by_its_meters_as_before():
    why = " ".join(_why([1, 1]))
    assert "half out of the chair" not in why and "trust 55" in why


# A Check-In Call as a trainee played it: a good start, the offer to come over (a critical
# slip at decision 4) taken back, the direct suicide question, and all of it told to Tasha
# (tasha#5, first of the three lines offered there since Review 29a gave "He's still
# using" after a taken-back visit its own line, tasha#9, last; "No, it was fine" is tasha#7).
TOLD_TASHA = [2, 3, 2, 3, 3, 1, 3, 2, 1, 2, 4, 3, 1, 2]


def _bundled(numbers: list[int]):
    from sim.loading import load_library

    scenario = load_library().get("check-in-call")
    run = Run.begin(scenario)
    for n in numbers:
        run.settle()
        run.choose(n)
    run.settle()
    return run, build_debrief(run, catalogue_for_scenario(scenario))


def test_an_ending_held_by_one_clause_of_any_names_each_meter_once():
    """ "“A thin thread” (mixed) needs trust 20 or more and trust 40 or more" (min_trust 20
    and, of its `any`, min_trust 40): two thresholds on one meter, where one was meant."""
    _, d = _bundled(TOLD_TASHA)
    assert d.why[-1] == (
        "“A thin thread” (mixed) applies at trust 40 or more and empowerment 40 or more, and "
        "you finished at trust 82 and empowerment 69."
    )


def test_a_turning_point_says_plainly_what_the_replay_took_for_granted():
    """ "with the strongest line at 1 later decision your own lines do not reach" read as a
    riddle: the replay said the strongest line at a decision this run never came to."""
    from sim.debrief.outline import turning_sentence

    _, d = _bundled(TOLD_TASHA)
    said = turning_sentence(d, 0)
    assert said.endswith(
        "this could have ended “Still here” (strong). That line leads to one moment this "
        "run did not reach; this assumes you pick the strongest line there."
    ), said
    # "the one moment after it, which this run never reached": this run reached the moment
    # after decision 1 (trainee35); the moment meant is on the other path
    assert "the one moment after it" not in said and len(d.decisions) > d.turning_points[0].step


def test_a_run_that_told_tasha_is_not_told_to_take_it_to_supervision():
    """The ending said "What went wrong in that call belongs in supervision with Tasha" to a
    trainee who had just told Tasha all of it (tasha#5): it read as a rebuke."""
    run, _ = _bundled(TOLD_TASHA)
    told = " ".join(run.ending_text.split())
    assert "belongs in supervision with Tasha" not in told
    assert "You took what went wrong in that call to Tasha" in told
    kept_quiet = TOLD_TASHA[:-2] + [2, 2]  # "No, it was fine." to Tasha (tasha#7)
    run, _ = _bundled(kept_quiet)
    told = " ".join(run.ending_text.split())
    assert "belongs in supervision with Tasha" in told
    assert "You took what went wrong" not in told


def test_lines_at_unreached_moments_are_quoted_not_counted():
    """'two lines at moments this run did not reach' left a trainee nothing to look for."""
    from sim.debrief.words import Misses

    words = Misses(
        needs=("trust 80 or more (you finished at 50)",),
        unreached=("Would it help to meet someone there first?", "Who could you text?"),
    ).need_words()
    said = " ".join(words)
    assert "“Would it help to meet someone there first?”" in said
    assert "“Who could you text?”" in said
    assert "two lines" not in said
    many = Misses(unreached=tuple(f"Line {n}." for n in range(5))).need_words()
    assert many == ["five lines at moments this run did not reach"]


def test_a_pair_of_turning_lines_says_what_the_replay_assumed_of_both():
    """ "That counts the strongest line at one more moment along that path" read as a
    riddle after Crisis Moment's two changed lines (trainee33): what it counts, and whose
    path, went unsaid. It says what it assumes the trainee chooses, and after which lines."""
    from sim.debrief.data import TurningPair
    from sim.debrief.outline import pair_sentence

    pair = TurningPair((4, 5), ("Ask how.", "Be honest."), "held", "Held", "strong", 1)
    said = pair_sentence(pair)
    assert said.endswith(
        "this could have ended “Held” (strong). Those lines lead to one moment this run did "
        "not reach; this assumes you pick the strongest line there."
    ), said
    assert "counts" not in said


def test_the_ending_no_better_one_reached_is_said_in_the_trainee_s_terms():
    # trainee37: after "...the critical slip at decision 12 ... ruled it out", the line
    # "“No answer” (poor) is where a run ends when no better ending applies" read like a
    # rulebook; the line above has said why, so the last says only where the run ended
    scenario = load_scenario(Path(__file__).parents[2] / "scenarios" / "check-in-call.toml")
    run = Run.begin(scenario)
    run.settle()
    while not run.over:
        run.choose(min(4, len(run.offers())))
        run.settle()
    why = build_debrief(run, catalogue_for_scenario(scenario)).why
    assert scenario.endings[run.state.ending].when is None and len(why) > 1
    assert "ruled" in why[-2]
    assert (
        why[-1]
        == f"So this conversation ended with “{scenario.endings[run.state.ending].title}” (poor)."
    )
    assert "no better ending applies" not in " ".join(why)


def test_a_line_a_run_never_reached_is_quoted_from_the_advisable_setters(tmp_path: Path):
    """Of the lines that set a flag an ending needed, "Why this ending" quoted the first in
    the file: in crisis-moment a guilt line the strong ending itself rules out (review 43b).
    A best line comes first, a critical slip or an undermining line last."""
    from sim.debrief.words import Context

    toml = FIXTURE.read_text(encoding="utf-8").split("[scenes.news]")[0] + "\n".join(
        [
            "[scenes.news]",
            'text = "Lee waits."',
            "[[scenes.news.choices]]",
            'say = "You owe it to your kids."',
            'goto = "end"',
            'sets = ["asked"]',
            'critical = "safety"',
            'cap = "mixed"',
            'principles = { active-listening = "undermines" }',
            "[[scenes.news.choices]]",
            'say = "Just tell me."',
            'goto = "end"',
            'sets = ["asked"]',
            'principles = { active-listening = "undermines" }',
            "[[scenes.news.choices]]",
            'say = "How are you, really?"',
            'goto = "end"',
            'sets = ["asked"]',
            "best = true",
            'principles = { active-listening = "honours" }',
            "[endings.end]",
            'title = "End"',
            'outcome = "mixed"',
            'text = "Done."',
        ]
    )
    path = tmp_path / "setters.toml"
    path.write_text(toml, encoding="utf-8")
    scenario = load_scenario(path)
    assert Context(scenario, (), {}).setter("asked") == ("unreached", 0, "How are you, really?")

"""Words a trainee reads in the debrief, past runs and own-words counts (found in trainee play-through 7)."""

from __future__ import annotations

from sim.cues import cues
from sim.debrief.words import slip_short, slips_at


def test_slips_of_one_kind_share_one_phrase():
    # a past-runs row said "stepping outside the peer role at decision 6; stepping
    # outside the peer role at decision 10", which wrapped to a third line at 80 columns
    assert slips_at({6: "outside-role", 10: "outside-role"}) == (
        "stepping outside the peer role at decisions 6 and 10"
    )
    mixed = slips_at({2: "safety", 6: "outside-role", 9: "safety", 10: "outside-role"})
    assert mixed == (
        f"{slip_short('safety')} at decisions 2 and 9; "
        "stepping outside the peer role at decisions 6 and 10"
    )
    assert slips_at({1: "safety", 4: "safety", 7: "safety"}).endswith("at decisions 1, 4 and 7")
    assert slips_at({}) == ""


def test_a_question_that_drops_its_do_you_is_closed():
    # "Want to ask her now?" was "a question; its first word does not say whether it
    # is open or closed", though it asks for a yes or a no, as "Mind if I sit?" does
    for words in ("Want to ask her now?", "Mind if I sit?", "Want me to stay while you ask?"):
        (cue,) = cues(words)
        assert cue.kind == "closed-question", words
    assert cues("What do you want?")[0].kind == "open-question"
    assert [c.kind for c in cues("I want to help you.")] == ["statement"]


def test_the_own_words_counts_say_how_many_entries_were_empty():
    # "Counted over 11 entries" when 8 of them were left empty overstated the counts' base
    from sim.debrief import build_debrief
    from sim.debrief.outline import word_count_lines
    from sim.engine import Run
    from sim.loading import catalogue_for_scenario, load_library

    scenario = load_library().get("be-my-sponsor")
    run = Run.begin(scenario)
    run.own_words = True
    for n, words in ((2, "It sounds like this matters to you."), (3, ""), (1, "  ")):
        run.settle()
        run.choose(n, words)
    d = build_debrief(run, catalogue_for_scenario(scenario))
    said = word_count_lines(d.words)[-1].text
    assert said.startswith(
        "Counted over 3 answers in your own words (2 with nothing typed) by simple rules"
    ), said

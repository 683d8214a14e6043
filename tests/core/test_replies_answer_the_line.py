"""A reply answers the line the coach just said (review 40a, after review 30d's rule).

Medication in the ED `thinking#1` asks Marcus what he would want to know by Thursday, and
he went straight on to "So that's it? I just go home?" without a word of answer. Crisis
Moment `call-988#5` owns the secrecy promise and texts Lena where Sam can read it, and its
why says "It stings"; Sam then asked how to reach 988 as if nothing had been said. Each now
answers first; the lines beside them still meet the reply as before.
"""

from __future__ import annotations

from sim.engine import Run
from sim.loading import load_library


def _reply(scenario: str, ids: list[str]) -> tuple[str, str]:
    """Play the choice ids (scene#n, n as written) and return the next reply's (text, action)."""
    run = Run.begin(load_library().get(scenario))
    for cid in ids:
        run.settle()
        scene, n = cid.split("#")
        assert run.state.scene == scene, (cid, run.state.scene)
        (offer,) = [o for o in run.offers() if o.index == int(n) - 1]
        run.choose(offer.number)
    run.settle()
    return run.text


MED = [
    "hello#3",
    "sit#2",
    "why-stopped#1",
    "maybe-right#1",
    "offer-info#2",
    "his-view#1",
    "asks-you#4",
    "questions#1",
    "hallway#1",
    "ask-marcus#2",
    "waiting-room#3",
    "kit#1",
    "home-group#4",
]


def test_marcus_answers_what_he_would_want_to_know_by_thursday():
    text, _ = _reply("medication-in-the-ed", [*MED, "thinking#1"])
    assert text.startswith("What it would take to feel like me again"), text
    assert text.endswith("So that's it? I just go home?")
    # the model line's own reply, and the plain one after thinking#3's warning, are unchanged
    assert _reply("medication-in-the-ed", [*MED, "thinking#2"])[0].startswith("Wednesday's fine.")
    text, _ = _reply("medication-in-the-ed", [*MED, "thinking#3"])
    assert text.startswith("I know. I was there.")


CM = [
    "checkin#2",
    "problem#1",
    "yes#2",
    "not-now#3",
    "means#2",
    "secret#1",
]


def test_sam_answers_the_promise_owned_before_lena_is_texted():
    text, action = _reply("crisis-moment", [*CM, "promised#2", "call-988#5"])
    assert text.startswith("So you're telling her anyway."), text
    assert "jaw tightens" in action
    # the same step with no promise standing (it was taken back at `promised`) meets the plain reply
    text, _ = _reply("crisis-moment", [*CM, "promised#1", "call-988#4"])
    assert text.startswith("Can I text them instead?"), text


def _choice(scenario: str, cid: str):
    scene, n = cid.split("#")
    return load_library().get(scenario).scenes[scene].choices[int(n) - 1]


def test_a_slip_about_consent_or_role_says_in_its_coach_note_what_is_wrong():
    # Practice mode shows the note alone. "Keisha asked, so it feels like consent." (mom-call#3)
    # read as if it were consent; "A desperate parent may ask about this, and the pull to give
    # her something is strong." (the-place#4, a critical slip) said nothing of legal advice.
    loose = _choice("family-pressure", "mom-call#3").coach_note()
    assert "but" in loose and "release" in loose, loose
    court = _choice("family-pressure", "the-place#4").coach_note()
    assert "legal advice" in court and "role" in court, court


EW = ["science-fair#2", "news#4"]


def test_ana_answers_what_helps_her_notice_before_saying_she_may_skip_the_last_session():
    # ending-well `fall-apart#3`, the model line, asks "What helps you notice when that's
    # starting?"; Ana went straight on to "Honestly? Maybe I just won't come to the last one."
    # with no answer (review 43b). She answers first; the lines beside it keep their replies.
    text, _ = _reply("ending-well", [*EW, "fall-apart#3"])
    assert text.startswith("My sister, kind of."), text
    assert "Maybe I just won't come to the last one." in text
    assert _reply("ending-well", [*EW, "fall-apart#2"])[0].startswith("Block him.")
    assert _reply("ending-well", [*EW, "fall-apart#1"])[0].startswith("I don't know. Sorry.")


def test_marcus_asks_his_questions_when_the_coach_offers_to_stay_while_he_does():
    # restart#2, the model line, offers to stay while Marcus puts his questions to Dr.
    # Okafor; the papers came next as if he had not asked (review 43b). The doctor's return
    # after the question about his home group is shown cutting it off, not passing it by.
    restart = [c for c in MED if c not in ("maybe-right#1", "offer-info#2")]
    restart.insert(3, "maybe-right#2")  # his own account, not the facts, leads to `restart`
    text, action = _reply("medication-in-the-ed", [*restart, "restart#2"])
    assert "asks Dr. Okafor" in action, action
    assert text.endswith("So that's it? I just go home?")
    run = Run.begin(load_library().get("medication-in-the-ed"))
    for cid in MED:
        run.settle()
        (offer,) = [o for o in run.offers() if o.index == int(cid.split("#")[1]) - 1]
        run.choose(offer.number)
    assert run.state.scene == "okafor-back", run.state.scene
    assert run.text[0].startswith("He starts to answer"), run.text


def test_sam_answers_what_he_wants_lena_to_hear():
    # supervisor#2 asks "Anything you want her to hear from you?"; Lena walked in with no
    # word from Sam (review 43b). The same step under the table (supervisor#3) is unchanged.
    steps = [*CM[:5], "secret#3", "call-988#2", "how-reach#1"]
    _, action = _reply("crisis-moment", [*steps, "supervisor#2"])
    assert "Just that I'm talking to them." in action, action
    _, action = _reply("crisis-moment", [*steps, "supervisor#3"])
    assert "You told her" in action, action


def test_ana_answers_the_to_do_list_before_naming_her_supports():
    # strengths#3 hands Ana three things to do after today; she went on to her supports as
    # if nothing had been said (review 43b). The model line's reply is unchanged.
    steps = [*EW, "fall-apart#3", "skip-last#2", "last-session#2", "review#3"]
    assert _reply("ending-well", [*steps, "strengths#3"])[0].startswith("Sundays. Sure.")
    assert _reply("ending-well", [*steps, "strengths#1"])[0].startswith("So after this")


def test_dana_hears_the_corrected_promise_before_asking_for_the_coach_s_cell():
    # first-meeting limits#1 corrects the secrecy promise ("It stays with me and my
    # supervisor"); Dana asked for the coach's cell as if nothing had been said (review 43b).
    # The promise repeated (limits#2) meets the plain question as before.
    steps = [
        "hello#2",
        "not-my-idea#1",
        "role-question#1",
        "what-matters#3",
        "whats-on-mind#1",
        "sister#1",
        "what-now#3",
        "priorities#2",
        "start-point#2",
        "offer#1",
    ]
    text, _ = _reply("first-meeting", [*steps, "limits#1"])
    assert text.startswith("You and your supervisor."), text
    text, _ = _reply("first-meeting", [*steps, "limits#2"])
    assert text.startswith("So if it's like two in the morning"), text


def test_sam_takes_the_broken_promise_hard_when_lena_is_texted_in_the_open():
    # supervisor-promised#2 owns the secrecy promise and texts Lena where Sam can read it;
    # Lena walked in with no sign of how he took it (review 43b).
    steps = [*CM[:5], "secret#1", "promised#2", "call-988#2", "how-reach#1"]
    _, action = _reply("crisis-moment", [*steps, "supervisor-promised#2"])
    assert "jaw tight" in action, action
    _, action = _reply("crisis-moment", [*steps, "supervisor-promised#3"])
    assert "You told her" in action, action


def _said(scenario: str, ids: list[str]):
    """Play the choice ids and stop where the last one leads, before any `next` is followed."""
    run = Run.begin(load_library().get(scenario))
    for cid in ids:
        run.settle()
        scene, n = cid.split("#")
        assert run.state.scene == scene, (cid, run.state.scene)
        (offer,) = [o for o in run.offers() if o.index == int(n) - 1]
        run.choose(offer.number)
    return run


def test_tom_answers_the_offer_to_split_the_calls():
    # first-days-out handed-over#3 asks "How about you take the easy ones, like food
    # stamps?"; Tom went on to the shelter and Ray's couch without a word of it (review 44b).
    # The lines beside it keep their replies.
    text, _ = _reply("first-days-out", ["hello#1", "handed-over#3"])
    assert text.startswith("Food stamps."), text
    assert "Ray's where I used to cop." in text
    assert _reply("first-days-out", ["hello#1", "handed-over#2"])[0].startswith(
        "Honestly? I'm wiped."
    )
    assert _reply("first-days-out", ["hello#1", "handed-over#1"])[0].startswith("Honestly? Every")


FDO = [
    "holding-up#2",
    "tonight#4",
    "tolerance#1",
    "clinic#2",
    "what-first#3",
    "id-problem#1",
    "mom#2",
    "probation#4",
    "job#3",
]


def test_tom_answers_why_not_take_the_first_job_that_comes():
    # job-offer#2 asks "Why not take the first thing that comes: warehouse, kitchen,
    # whatever?"; Tom went on to "ID first" as if it had not been asked (review 44b), with or
    # without his list taken over. The options (job-offer#4) keep their own answer.
    text, _ = _reply("first-days-out", ["hello#3", *FDO, "job-offer#2"])
    assert text.startswith("Whatever comes, I guess. I was a roofer"), text
    took = ["hello#1", "handed-over#2", *FDO, "job-offer#2"]
    text, _ = _reply("first-days-out", took)
    assert text.startswith("Whatever comes") and "sorting some of the rest" in text, text
    assert _reply("first-days-out", ["hello#3", *FDO, "job-offer#4"])[0].startswith(
        "The temp agency"
    )
    assert _reply("first-days-out", ["hello#3", *FDO, "job-offer#1"])[0].startswith(
        "Okay. ID first"
    )


DP = [
    "opening#4",
    "why-asking#1",
    "what-works#3",
    "cba#2",
    "friday#3",
    "her-plan#1",
    "your-way#2",
    "doing-it-wrong#4",
]


def test_priya_answers_what_monday_is_for_and_the_meeting_to_compare():
    # different-path monday#3, the model line, asks "What would be useful to talk about?"
    # and monday#2 "maybe try one AA meeting this weekend too, just to compare?"; she left
    # for the bus with no word of either (review 44b). monday#1 meets the plain narration.
    text, _ = _said("different-path", [*DP, "monday#3"]).text
    assert '"How Friday went.' in text, text
    text, _ = _said("different-path", [*DP, "monday#2"]).text
    assert "I've compared." in text, text
    text, _ = _said("different-path", [*DP, "monday#1"]).text
    assert text.startswith('Priya zips her jacket and holds up the worksheet. "Homework,"'), text


def test_priya_caught_notices_the_coach_talked_like_an_aa_person_after_saying_no():
    # After "Not really, no." (opening#2) a line from inside the program (why-asking#4, "It
    # didn't click for me until month three") went unremarked until the coin fell out, and
    # then she asked only about the first answer (review 44b).
    rest = ["what-works#3", "cba#2", "friday#3", "her-plan#1"]
    text, _ = _reply("different-path", ["opening#2", "why-asking#4", *rest])
    assert text.endswith("You've been talking like one all afternoon."), text
    text, _ = _reply("different-path", ["opening#2", "why-asking#1", *rest])
    assert text == "I thought you said you weren't an AA person.", text


HR = [
    "curtis-look#4",
    "aside#2",
    "options#3",
    "decides#3",
    "prep#3",
    "offer#1",
    "gary-talk#3",
    "lockbox#3",
    "after-no#3",
    "tonight#3",
]


def test_curtis_answers_the_kit_and_the_check_in_before_monday():
    # house-rules sister#1, the model line at `sister`, asks whether he wants a naloxone kit
    # and whether you can check in tomorrow; the scene cut to Monday with no answer (review
    # 44b). The lines beside it keep their actions.
    _, action = _reply("house-rules", [*HR, "sister#1"])
    assert 'took the kit, said "Tomorrow\'s fine,"' in action, action
    _, action = _reply("house-rules", [*HR, "sister#2"])
    assert action.startswith("On Monday your supervisor Dev"), action
    _, action = _reply("house-rules", [*HR, "sister#3"])
    assert action.startswith("On Saturday Curtis shook his head"), action


def test_tom_does_not_answer_the_options_after_the_coach_spoke_of_ray_s_since():
    # first-days-out: after the options (job-offer#4) on a run that handed his list over and
    # missed the risk, `ray-again` comes between, and the coach's last line is about Ray's;
    # Tom still answered "Any of those worth a look?" ("The temp agency, maybe."), which the
    # `options` variant alone already waited out (review 44b).
    took = ["hello#1", "handed-over#2", "holding-up#2", "tonight#3", "what-first#3"]
    rest = ["id-problem#1", "mom#2", "probation#4", "job#3", "job-offer#4"]
    text, _ = _reply("first-days-out", [*took, *rest, "ray-again#1"])
    assert text.startswith("Okay. So you're sorting some of this out for me"), text
    # with no `ray-again` between, he answers the options first, as before
    took[3:4] = ["tonight#4", "tolerance#1", "clinic#2"]
    text, _ = _reply("first-days-out", [*took, *rest])
    assert text.startswith("The temp agency, maybe. And you're sorting"), text


CIC = ["pickup#2", "missed#3", "grief#2", "tonight#4", "in-place#1", "where#3", "nina#2"]


def test_reggie_answers_the_secrecy_promise_and_the_waved_off_remark():
    # check-in-call not-like-that#1 asks "you tell me first, okay? It'll stay just between the
    # two of us"; whatever#2 asks "Can we stay focused on the plan for tonight?" Reggie went
    # straight on to "Can I ask you something?" after each, as if nothing had been asked
    # (review 44a). He answers first; the model line's reply is unchanged.
    text, _ = _reply("check-in-call", [*CIC, "whatever#1", "not-like-that#1"])
    assert text.startswith("Yeah. Okay. Between us."), text
    for waved_off in ("whatever#2", "whatever#3"):
        text, _ = _reply("check-in-call", [*CIC, waved_off])
        assert text.startswith("Yeah. Sure. Whatever."), (waved_off, text)
    text, _ = _reply("check-in-call", [*CIC, "whatever#1", "not-like-that#2"])
    assert text.startswith("Can I ask you something?"), text


def test_jess_says_yes_before_the_ideas_she_was_asked_about():
    # be-my-sponsor sponsor-search#1 asks "Would it help if I shared a few ways ...?"; the
    # narration went straight into the ideas with no answer from her (review 44a).
    _, action = _reply("be-my-sponsor", ["ask#2", "role-explain#3", "why-me#3", "sponsor-search#1"])
    assert action.startswith("Jess shrugs: sure."), action

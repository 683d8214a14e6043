"""Cues on own words: each rule on examples, and agreement with the author lint."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.cues import SENTENCE, clean_words, count, cues
from sim.language import DIRECTIVE, STIGMA
from sim.text import shown

ROOT = Path(__file__).parents[2]


def kinds(words: str, crisis: bool = False) -> list[str]:
    return [c.kind for c in cues(words, crisis)]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("", ["empty"]),
        ("   \n\t ", ["empty"]),
        ("ok", ["one-word"]),
        ("What brings you in today?", ["open-question"]),
        ("How are things at home", ["open-question"]),
        ("Tell me about your week.", ["open-question"]),
        ("Do you have a sponsor?", ["closed-question"]),
        ("Are you going tonight?", ["closed-question"]),
        ("Is that right?", ["closed-question"]),
        ("Can you call them?", ["closed-question"]),
        ("Have you eaten?", ["closed-question"]),
        ("Do it.", ["statement"]),  # an instruction, not a question: the closed rule needs a "?"
        ("It sounds like you're exhausted.", ["reflection"]),
        ("You feel let down by them.", ["reflection"]),
        ("Part of you wants to go back.", ["reflection"]),
        ("So you're saying it helped.", ["reflection"]),
        ("Sounds like a hard week. What would help?", ["reflection", "open-question"]),
        # a reflection of feeling without "you" (trainee playtest 8)
        ("That sounds really hard.", ["reflection"]),
        ("That must have been frightening.", ["reflection"]),
        ("That's hard.", ["statement"]),  # no rule knows this shape: no cue claims it
        ("You went?", ["question"]),
        # one instruction, one cue: "you should" and "just go" run together (trainee33)
        ("you should just go to a meeting", ["directive"]),
        ("You need to. Just go.", ["directive", "directive"]),  # two sentences: two
        ("You need to call your sponsor.", ["directive"]),
        ("Just breathe.", ["directive"]),
        ("You just said that.", ["statement"]),  # "just" as in "only now" is not directive
        # a reflection of what the person needs is not an instruction (trainee playtest 10:
        # "reflection" and "directive" at once)
        ("It sounds like you need to know she is safe.", ["reflection"]),
        ("You feel you have to hold it all together.", ["reflection"]),
        ("It seems like you've got to be strong for everyone.", ["reflection"]),
        ("I think you should go.", ["directive"]),
        ("Sounds like a plan. You need to call them.", ["reflection", "directive"]),
        ("Are you still clean?", ["closed-question", "stigma"]),
        ("Lots of addicts feel that way.", ["stigma"]),
        # the verb casts it as a crime; asking directly is still the safety move
        # (asked directly, it is the safety question, not a closed one marked down)
        ("Are you thinking about committing suicide?", ["safety-question", "stigma"]),
        ("Are you thinking about killing yourself?", ["safety-question"]),
        ("Have you thought about ending your life?", ["safety-question"]),
        ("Do you have a plan to end your life?", ["safety-question"]),
        ("Do you want to die?", ["safety-question"]),
        ("Her brother died by suicide.", ["statement"]),
        ("Do you have access to the means?", ["safety-question"]),
        ("Is part of you wishing you would not be here?", ["safety-question"]),
        # everyday plans, means and endings are not the safety question: a trainee asking
        # about the bus was told they had asked about suicide
        ("Do you have a plan to get to work tomorrow?", ["closed-question"]),
        ("Do you have the means to pay rent?", ["closed-question"]),
        ("Do you want to end things with him?", ["closed-question"]),
        ("Are you going to not be here next week?", ["closed-question"]),
        # a closed start with a question mark asks for a yes or a no, whatever follows
        ("Do you feel safe right now?", ["closed-question"]),
        ("Is part of you worried?", ["closed-question"]),
        # an open start without a question mark that asks nothing
        ("How awful.", ["statement"]),
        ("What a week you have had.", ["statement"]),
        ("When you leave here, call me.", ["statement"]),
        ("What I hear is that you are tired.", ["reflection"]),
        ("Tell me about it.", ["open-question"]),  # a request asks however it ends
        # lead-in words are passed over
        ("So, what do you think?", ["open-question"]),
        ("And do you want that?", ["closed-question"]),
        ("You seem quieter than usual today.", ["reflection"]),
    ],
)
def test_each_rule(words, expected):
    assert kinds(words) == expected


def test_a_run_counts_one_directive_phrase_per_instruction():
    """The debrief said "Directive phrases: 5" to a trainee who had typed three
    instructions: "you should just go" counted as "you should" and "just go" (trainee33)."""
    typed = [
        "You should just go to a meeting tonight and call your sponsor.",
        "You need to avoid weddings with open bars for a while.",
        "you should just go to a meeting",
    ]
    assert count(typed).directive == 3


def test_directive_cue_names_the_phrase():
    messages = [c.message for c in cues("you should just go to a meeting")]
    assert messages[0].startswith("'you should just go' is directive wording")
    assert not any("wrong" in m for m in messages)  # a cue says what it saw, no more


def test_a_cue_after_a_lead_in_says_so():
    (cue,) = cues("So, what do you think?")
    assert cue.message == "This reads as an open question: it starts with 'what' (after 'so')."


def test_counts_and_ratio():
    c = count(["It sounds like you're worn out. What would help?", "Do you want a leaflet?", ""])
    assert (c.open_questions, c.closed_questions, c.reflections, c.directive) == (1, 1, 1, 0)
    assert c.ratio == 0.5
    assert count(["It sounds hard."]).ratio is None  # no question yet


def test_typed_words_are_plain_text():
    # the escape sequence goes whole (the gate's rule for prose), markup stays literal text
    assert clean_words("a\x1b[2Jb\x07 [bold]x[/bold]\u202e") == "ab [bold]x[/bold]"
    long = "word " * 10_000
    assert len(clean_words(long)) <= 2_000
    assert kinds("\x00\x01") == ["empty"]


def bundled_lines() -> list[str]:
    import tomli

    out = []
    for path in sorted((ROOT / "scenarios").glob("*.toml")):
        if path.name == "principles.toml":
            continue
        data = tomli.loads(path.read_text(encoding="utf-8"))
        for scene in data.get("scenes", {}).values():
            out += [c["say"] for c in scene.get("choices", [])]
    return out


def test_every_bundled_line_the_lint_calls_directive_gets_the_directive_cue():
    lines = bundled_lines()
    assert len(lines) > 200
    flagged = [line for line in lines if DIRECTIVE.search(line)]
    assert flagged  # the library has tempting directive lines
    for line in flagged:
        assert "directive" in kinds(line), line
    for line in (line for line in lines if STIGMA.search(line)):
        assert "stigma" in kinds(line), line


def test_a_cue_on_a_later_sentence_names_that_sentence() -> None:
    """'it starts with how' of "I'm so sorry about Tino. How are you holding up?" was untrue
    of the words as typed: the cue now says which sentence it read."""
    from sim.cues import cues

    (cue,) = cues("I'm so sorry about Tino. How are you holding up?")
    assert (
        cue.message == "“How are you holding up?” reads as an open question: it starts with 'how'."
    )
    (alone,) = cues("How are you holding up?")
    assert alone.message.startswith("This reads as an open question")


@pytest.mark.parametrize(
    "typed",
    [
        "\U0001f469\u200d\U0001f469\u200d\U0001f467 my family",  # an emoji sequence
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: the ZWNJ is spelling
        "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # a flag
    ],
)
def test_typed_words_keep_the_invisible_characters_writing_needs(typed):
    # adversarial-6: each joiner became a space, breaking words and emoji apart
    assert clean_words(typed) == typed


@given(st.text(max_size=60) | st.text(st.characters(codec="utf-8"), max_size=20))
def test_typed_words_hold_nothing_a_terminal_would_obey(typed):
    words = clean_words(typed)
    assert shown(words, newlines=True) == words and "\n" not in words and "\t" not in words
    assert words == words.strip() and "  " not in words


def test_committed_suicide_is_named_with_words_that_ask_as_directly() -> None:
    """The domain brief's wrong pattern; the cue must never discourage asking directly."""
    from sim.cues import cues

    (stigma,) = [c for c in cues("Are you going to commit suicide?") if c.kind == "stigma"]
    assert stigma.message == (
        "'commit suicide' is a stigmatising term; 'thinking about suicide' or 'killing "
        "yourself' asks just as directly."
    )


def test_asking_about_suicide_directly_is_never_counted_as_a_closed_question():
    # trainee playtest 13: the brief's safety move ("ask about suicide directly") was cued as
    # a closed question inviting a yes or a no, and counted against the open ones
    counted = count(["Are you thinking about killing yourself?", "Do you feel safe?"])
    assert counted.closed_questions == 1 and counted.open_questions == 0
    (cue,) = cues("Are you thinking about killing yourself?")
    assert "directly" in cue.message and "closed" not in cue.message


# -- safety follow-ups (sim/safety_questions.py) ----------------------------------------
# trainee playtest 15: in Crisis Moment "Do you have a plan?" and "Have you thought about
# how...?" were cued as closed questions and counted so ("Closed questions: 2"), while the
# brief says asking directly is the crisis practice. A cue must never discourage it.

RISK_FOLLOW_UPS = [
    "Do you have a plan?",
    "Have you thought about how you'd do it, or when?",  # Crisis Moment's own safety line
    "Is there anything at home you'd use?",  # and this one
    "Are you safe right now?",
    "Do you have pills at home?",
    "Will you sit with me?",
    "Would you tell them, with me right here?",
    "Is anyone with you tonight?",
    "Have you tried before?",
]


@pytest.mark.parametrize("words", RISK_FOLLOW_UPS)
def test_a_risk_follow_up_is_a_safety_question_where_a_crisis_is_on_the_table(words):
    (cue,) = cues(words, crisis=True)
    assert cue.kind == "safety-question"
    assert "yes-or-no question is right here" in cue.message and "not counted" in cue.message
    # the same words with no crisis on the table ask what they ask: a yes or a no
    assert kinds(words) == ["closed-question"]


def test_a_follow_up_after_the_direct_question_in_the_same_words_is_one_too():
    assert kinds("Are you thinking about killing yourself? Do you have a plan?") == [
        "safety-question",
        "safety-question",
    ]
    # the order matters: before the direct question nothing is on the table yet
    assert kinds("Do you have a plan? Are you thinking about suicide?") == [
        "closed-question",
        "safety-question",
    ]


@pytest.mark.parametrize("words", ["Will you reach out to 988 with me?", "Should I call 911?"])
def test_a_question_offering_crisis_help_by_name_is_a_safety_question_anywhere(words):
    (cue,) = cues(words)
    assert cue.kind == "safety-question" and "crisis help" in cue.message


@pytest.mark.parametrize(
    "words", ["Can I let my supervisor know?", "Is it okay if I tell my supervisor?"]
)
def test_a_question_bringing_in_the_supervisor_is_a_safety_question_anywhere(words):
    (cue,) = cues(words)
    assert cue.kind == "safety-question" and "involves your supervisor" in cue.message
    assert "crisis help" not in cue.message


# The supervisor brought in, in a trainee's question as in an author's line: one rule
# (sim.safety_questions.BRINGS_IN_SUPERVISOR) reads both, so these examples are shared with
# check's safety-untagged (tests/authoring/test_safety_meters.py). (words, what it quotes)
BRINGS_IN_SUPERVISOR_EXAMPLES = [
    ("Can I let my supervisor know?", "let my supervisor"),
    # testcodes40: "talk to" and "check with" were check's alone; a trainee who typed them
    # was told they had asked a closed question
    ("Can I talk to my supervisor about this?", "talk to my supervisor"),
    ("Is it okay if I check with my supervisor first?", "check with my supervisor"),
    ("Would it be alright if I take this to my supervisor?", "take this to my supervisor"),
    ("Can I run it by my supervisor and come back to you?", "run it by my supervisor"),
    ("Is it okay if I text Lena, my supervisor, from right here?", "text Lena, my supervisor"),
    ("Can what you tell me stay with me and my supervisor?", "me and my supervisor"),
]
# "My supervisor" named, no one brought in: a closed question like any other.
NAMES_SUPERVISOR_ONLY_EXAMPLES = [
    "Did you know my supervisor says you're a lost cause?",
    "Does my supervisor think you should slow down?",
    "Would it help if we asked my supervisor how the program handles this?",
]


@pytest.mark.parametrize(("words", "quoted"), BRINGS_IN_SUPERVISOR_EXAMPLES)
def test_a_question_bringing_in_the_supervisor_in_check_s_words_is_a_safety_question(words, quoted):
    (cue,) = cues(words)
    assert cue.kind == "safety-question", cue
    assert f"involves your supervisor (it says '{quoted.lower()}')" in cue.message
    assert count([cues(words)]).safety_questions == 1


@pytest.mark.parametrize("words", NAMES_SUPERVISOR_ONLY_EXAMPLES)
def test_a_question_that_only_names_the_supervisor_is_closed_outside_a_crisis(words):
    assert "closed-question" in kinds(words) and "safety-question" not in kinds(words)


def test_asking_the_supervisor_about_a_form_is_a_safety_question_only_in_a_crisis():
    # trainee37: about a form, "my supervisor" anywhere was cued "This offers crisis help"
    # and counted as a safety question in the debrief
    words = "Would it help if we asked my supervisor how the program handles this?"
    assert kinds(words) == ["closed-question"]
    assert count([cues(words)]).safety_questions == 0
    (cue,) = cues(words, crisis=True)
    assert cue.kind == "safety-question" and "involves your supervisor" in cue.message


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # the bundled line that steers away from the risk names "the plan", not "a plan"
        ("Can we stay focused on the plan for tonight?", ["closed-question"]),
        ("Will you promise me you won't do anything?", ["closed-question"]),
        ("Have you tried that?", ["closed-question"]),
        # an open question about risk stays an open question: only the yes-or-no shape
        # was at risk of being marked down
        ("What would you use?", ["open-question"]),
        ("How are you keeping yourself safe tonight?", ["open-question"]),
    ],
)
def test_in_a_crisis_other_questions_keep_their_shape(words, expected):
    assert kinds(words, crisis=True) == expected


def test_safety_questions_are_counted_apart_and_out_of_the_ratio():
    read = [
        cues("It sounds like you're exhausted. Are you thinking about suicide?"),
        cues("Do you have a plan?", crisis=True),
        cues("Do you want some water?", crisis=True),
    ]
    c = count(read)
    assert (c.safety_questions, c.closed_questions, c.reflections) == (2, 1, 1)
    assert c.ratio == 1.0  # one reflection to the one closed question


def _bundled_scenario(name: str):
    from sim.loading.library import load_scenario

    return load_scenario(ROOT / "scenarios" / f"{name}.toml")


def test_every_bundled_safety_question_reads_as_one_where_it_is_offered():
    """Each question a bundled crisis-referral line asks, read as if the trainee typed it
    where the line is offered, is no closed question, but for the three listed here: a
    permission ("Can I ask you something?") and two that carry no word of risk or help."""
    from sim.safety_questions import crisis_at

    not_by_shape = {
        "Can I ask you something?",
        "Can we talk it through?",  # to the supervisor
        "Want to save them now?",  # the 988 number, said in the sentence before
    }
    closed, safety = [], 0
    for path in sorted((ROOT / "scenarios").glob("*.toml")):
        if path.name == "principles.toml":
            continue
        scenario = _bundled_scenario(path.stem)
        for sid, scene in scenario.scenes.items():
            crisis = crisis_at(scenario, sid, [], range(len(scene.choices)))
            for choice in scene.choices:
                if choice.principles.get("crisis-referral") != "honours":
                    continue
                for cue_ in cues(choice.say, crisis):
                    safety += cue_.kind == "safety-question"
                said = [s.strip() for s in SENTENCE.findall(choice.say)]
                closed += [s for s in said if kinds(s, crisis) == ["closed-question"]]
    assert safety >= 15
    assert set(closed) == not_by_shape


def test_crisis_moment_s_follow_up_scene_is_a_crisis_and_a_planning_question_later_is_not():
    from sim.cues import last_cues, run_cues, typed_cues
    from sim.engine import Run

    run = Run.begin(_bundled_scenario("crisis-moment"))
    for n, words in [(1, ""), (1, ""), (2, "")]:
        run.choose(n, words)
        run.settle()
    assert run.state.scene == "not-now"  # Sam: "I'm not gonna do anything right now."
    (cue,) = typed_cues(run, "Do you have a plan?")
    assert cue.kind == "safety-question"
    run.choose(3, "Do you have a plan?")
    assert [c.kind for c in last_cues(run.scenario, run.state.decisions)] == ["safety-question"]
    assert count(run_cues(run.scenario, run.state.decisions)).closed_questions == 0

    # Return to Use: asked about suicide at low-sunday; the decision just after it reads a
    # plan question as a follow-up, a later one (the christening) as the planning question
    rtu = Run.begin(_bundled_scenario("return-to-use"))
    rtu.settle()
    while rtu.state.scene != "low-sunday":
        rtu.choose(1)
        rtu.settle()
    rtu.choose(2, "Are you having thoughts of killing yourself?")
    rtu.settle()
    assert typed_cues(rtu, "Do you have a plan?")[0].kind == "safety-question"
    while rtu.state.scene != "next-steps":
        rtu.choose(1)
        rtu.settle()
    assert [c.kind for c in typed_cues(rtu, "Do you have a plan?")] == ["closed-question"]


# -- question and reflection shapes (sim/cue_shapes.py) ---------------------------------
# trainee playtests 16-17: "Which of those sounds like you?" read as a reflection (it is a
# question); "You're trying to...", "I can hear...", "You've been..." got no cue; "How about
# I call her?" and "What's her number?" read as open questions. Most examples are bundled
# lines, as a trainee typing them in own words would see them read.


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # questions that leave the answer to the person
        ("Which of those sounds like you?", ["open-question"]),
        ("Which feels like the place to start?", ["open-question"]),
        ("Who could be around tonight?", ["open-question"]),
        ("Where do you want to start today?", ["open-question"]),
        ("Looking back, what do you notice about that day?", ["open-question"]),
        ("Okay, whenever you're ready: what led up to Saturday?", ["open-question"]),
        ("Before anyone else weighs in: what do you already know?", ["open-question"]),
        ("So, now that you've had a week, where are you at with treatment?", ["open-question"]),
        ("Sam, what's going on?", ["open-question"]),
        # a short fact, a yes-seeking tag, a dropped "do you": closed
        ("What's her number?", ["closed-question"]),
        ("How many drinks exactly?", ["closed-question"]),
        ("What were you using last night, and how much?", ["closed-question"]),
        ("What she doesn't know can't hurt her, right?", ["closed-question"]),
        ("That was a bit awkward, wasn't it?", ["closed-question"]),
        ("Wouldn't that make things easier between you two?", ["closed-question"]),
        ("If you do go, would you take a naloxone kit?", ["closed-question"]),
        ("Curtis, do you want a minute to talk?", ["closed-question"]),
        # the coach's idea or argument put as a question: a question, never an open one
        ("How about I call Nina myself and explain?", ["question"]),
        ("Why not skip the christening this time?", ["question"]),
        ("What's the worst that could happen?", ["question"]),
        ("What if something happens out there?", ["question"]),
        ("But tell me your count every Thursday?", ["question"]),
        # "which", "who", "where" ask only with a question mark
        ("Who cares", ["statement"]),
        # reflections
        ("You're trying to keep everyone happy.", ["reflection"]),
        ("I can hear how worried you are.", ["reflection"]),
        ("You've been carrying this on your own.", ["reflection"]),
        ("You're terrified of getting that call.", ["reflection"]),
        ("Ten years together, and you're carrying a lot.", ["reflection"]),
        ("After four years of being told you couldn't, you want a say.", ["reflection"]),
        ("Asking someone to know the real you sounds scary.", ["reflection"]),
        ("Everyone in your life seems to have a program for you.", ["reflection"]),
        ("That's a lonely place to be.", ["reflection"]),
        ("That landed hard.", ["reflection"]),
        ("That waiting sounds unbearable.", ["reflection"]),  # Family Pressure's own line
        ("I can see you're worried, though.", ["reflection"]),
        ("I can see you tomorrow.", ["statement"]),
        # "you" words that are not said back to the person, and labels: no reflection
        ("We'll work out why you feel this way.", ["statement"]),
        ("Sure, if you're feeling better, that's what matters.", ["statement"]),
        ("Don't let anybody make you feel like less for it.", ["statement"]),
        ("Go to whatever you want.", ["statement"]),
        ("Tell them you want to start.", ["statement"]),
        ("I'll mention to her that you're looking for a sponsor.", ["statement"]),
        ("It sounds like depression to me.", ["statement"]),
        ("What you're describing sounds like intergenerational trauma.", ["statement"]),
        ("I hear you.", ["statement"]),  # an acknowledgement names nothing back
        ("Nine years and funny sounds perfect!", ["statement"]),
    ],
)
def test_question_and_reflection_shapes(words, expected):
    assert kinds(words) == expected


def test_a_cue_names_the_opening_it_passed_over():
    (cue,) = cues("Looking back at this whole long year, what are you proudest of?")
    assert cue.message == (
        "This reads as an open question: it starts with 'what' "
        "(after 'looking back at this whole…')."
    )
    (fact,) = cues("How long since you two last talked?")
    assert fact.message == (
        "This reads as a closed question: it asks 'how long', which invites a short fact."
    )
    (heard,) = cues("I can hear how worried you are.")
    assert heard.message == "This reads as a reflection: it uses 'I can hear'."
    (tag,) = cues("You know that, right?")
    assert "ends with 'right?'" in tag.message


def test_bundled_listening_lines_mostly_read_as_reflections_or_open_questions():
    """The lines authors mark as honouring active listening, read as if typed: before
    these rules 28 of 51 read as a reflection or an open question; a reflection with no
    surface marker ("Eight months of doing good. And then something changed.") gets
    only the neutral statement note, since no rule here knows its shape."""
    read = []
    for path in sorted((ROOT / "scenarios").glob("*.toml")):
        if path.name == "principles.toml":
            continue
        scenario = _bundled_scenario(path.stem)
        for scene in scenario.scenes.values():
            for choice in scene.choices:
                if choice.principles.get("active-listening") == "honours":
                    got = set(kinds(choice.say))
                    read.append(bool(got & {"reflection", "open-question"}))
    assert len(read) > 40
    assert sum(read) / len(read) >= 0.75, f"{sum(read)} of {len(read)}"


@pytest.mark.parametrize(
    "words",
    [
        # bundled reflections with no surface marker (trainee playtest 17: no cue at all)
        "Eight months of doing good. And then something changed.",
        "You need somewhere to rest, and the one couch on offer comes with your old life.",
        "The circle felt like yours in a way the church basement hasn't.",
        "That's hard.",
    ],
)
def test_words_no_rule_knows_get_one_neutral_note_that_claims_nothing(words):
    """A trainee who wrote a good reflection with no marker heard nothing and could not
    tell a verdict from a broken rule: one note per entry says what the rules looked for
    and that they cannot judge it; never counted, never praise or blame."""
    (note,) = cues(words)
    assert note.kind == "statement"
    assert "'it sounds like'" in note.message and "cannot tell" in note.message
    for verdict in ("good", "well done", "wrong", "should", "not a reflection"):
        assert verdict not in note.message.lower()
    assert count([words]) == count([])  # no count moves for it


def test_the_statement_note_comes_only_when_no_rule_found_anything():
    assert kinds("Eight months of doing good. What changed?") == ["open-question"]
    assert kinds("You need to rest.") == ["directive"]
    assert kinds("ok") == ["one-word"]
    assert kinds("") == ["empty"]


def test_a_long_sentence_quoted_in_a_cue_is_cut_after_a_whole_word():
    """ "“You seem a bit quiet today, what's goin…” reads as a reflection": the quote
    that says which sentence a cue is about cut a word in two (trainee33)."""
    cue = cues("Hey Luis, no worries. You seem a bit quiet today and a little far away.")[0]
    assert cue.message.startswith("“You seem a bit quiet today and a little…” reads as a")
    (cue,) = cues("Okay. Thisisonewordlongerthanfortycharacterswithnospaceinit?")
    assert "“Thisisonewordlongerthanfortycharactersw…”" in cue.message


def test_one_rule_quotes_a_line_by_its_start_and_never_cuts_a_word_in_two():
    """`sim.cues` cut a cue's sentence after a whole word; `sim.text.first_words`, which the
    graph's labels use, cut at its character limit mid-word ("out, I rea ..."). One function
    now serves both, with the cue's rule."""
    from sim.authoring.graph import short
    from sim.text import first_words

    said = "Thanks for reaching out, I really appreciate you calling me"
    assert first_words(said, 7, 30) == "Thanks for reaching out, I…"
    assert short(said, 7, 30) == "Thanks for reaching out, I ..."
    assert first_words(said, chars=39) == "Thanks for reaching out, I really…"
    assert first_words("Thisisonewordlongerthanthirty!", chars=20) == "Thisisonewordlongert…"
    assert first_words(said, 4) == "Thanks for reaching out…"  # no trailing comma kept


def test_a_plain_explanation_gets_no_note_about_reflecting():
    """A plain explanation of confidentiality got "a statement without the reflection
    words": a note about reflecting to a trainee who was not reflecting (trainee35). The
    note says what the rules found none of, and that they cannot tell what it does."""
    (cue,) = cues("What you tell me stays between us, unless someone is in danger.")
    assert cue.kind == "statement"
    assert not cue.message.startswith("This reads as a statement without the reflection")
    assert "explains" in cue.message and "cannot tell" in cue.message
    # nor does it say it says nothing, and then say something (trainee40)
    assert "say nothing" not in cue.message
    assert cue.message.endswith(
        "so they cannot tell whether it says back what you heard, explains, or offers something."
    )


@pytest.mark.parametrize(
    ("words", "kinds"),
    [
        ("You seem a bit heavy tonight, what's going on?", ["reflection", "open-question"]),
        ("You seem tired; do you want to stop?", ["reflection", "closed-question"]),
        ("So staying alive matters to you.", ["reflection"]),
        ("You feel stuck, don't you?", ["closed-question"]),  # a tag: one closed question
        ("Looking back, what do you notice?", ["open-question"]),  # no reflection before it
        ("It sounds like you're tired, and what would help is rest.", ["reflection"]),
        ("What matters to you?", ["open-question"]),
    ],
)
def test_a_reflection_that_runs_on_into_a_question_is_read_as_both(words, kinds):
    assert [c.kind for c in cues(words)] == kinds


# trainee37: "...but tell me about day 71 here" got the neutral "no question" note, a
# request seen only at the start of a clause


@pytest.mark.parametrize(
    "words",
    [
        "I know it's been a hard week, but tell me about day 71 here",
        "I know it's been a hard week but tell me about day 71 here.",
        # the two bundled lines this changes, both requests
        "Sam, come back inside with us where it's quiet, and tell me what's going on.",
        "Anyway, tell me more about the volcano.",
    ],
)
def test_a_request_after_a_comma_or_a_conjunction_is_an_open_question(words):
    (cue,) = cues(words)
    assert cue.kind == "open-question" and "starts its later part" in cue.message


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # a later "how" also argues: a bundled line, left a question of no known shape
        ("This is a lot to carry, and how can you help her if you're falling apart?", "question"),
        ("It's fine and I know what you mean.", "statement"),
        ("I told him and he said tell me about it.", "statement"),
    ],
)
def test_only_a_request_counts_later_in_a_sentence(words, expected):
    assert kinds(words) == [expected]


@pytest.mark.parametrize(
    ("typed", "term", "instead"),
    [
        # a test result: the domain brief's "negative/positive, not clean/dirty"
        ("Was it a dirty urine?", "dirty urine", "a test result is 'negative' or 'positive'."),
        ("You had a clean screen.", "clean screen", "'negative' or 'positive'"),
        ("Your clean time still counts.", "clean time", "'time in recovery'"),
        ("So you're clean now.", "you're clean", "'in recovery', 'not using'"),
        ("Lots of addicts slip.", "addicts", "'person who uses drugs'"),
        # said of a death: words for asking did not fit it
        ("My friend committed suicide.", "committed suicide", "'died by suicide'"),
    ],
)
def test_the_stigma_cue_offers_words_that_fit_the_term(typed, term, instead):
    """The cue on "dirty urine" said "person-first language says 'person who uses drugs'",
    words for a person in place of a test result (ownwords40)."""
    (stigma,) = [c for c in cues(typed) if c.kind == "stigma"]
    assert stigma.message.startswith(f"'{term}' is a stigmatising term; ")
    assert instead in stigma.message
    if term != "addicts":
        assert "person who uses drugs" not in stigma.message

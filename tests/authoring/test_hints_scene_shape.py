"""The shape of a scene as authors first write it (headers, next and its branches, goto,
variants, keys written twice or under another name) and the messages it gets. Each test
makes the mistake as an author writing from the README alone made it and asserts the
message names the real cause; where the hint is a fix, the test follows it.
"""

from __future__ import annotations

import pytest

from tests.authoring.hints import LETTER, codes, line_of

# the same helpers as the other author-message tests: make the mistake, follow the hint
from tests.core.test_author_messages import MINI, loads, only, problems

BRANCHES = (
    '[[scenes.bridge.next]]\nwhen = { flags = ["reflected"] }\ngoto = "last"\n\n'
    '[[scenes.bridge.next]]\ngoto = "@outcome"\n'
)


BRANCHES_5 = (
    '[[scenes.bridge.next]]\nwhen = {}\ngoto = "last"\n\n'
    '[[scenes.bridge.next]]\ngoto = "@outcome"\n'
)

# An "ask again" line in 'middle' that leads back to 'middle', its `when` forgotten.
AGAIN = (
    '[[scenes.middle.choices]]\nsay = "Can I ask that again?"\ngoto = "middle"\ntrust = 3\n'
    'principles = { active-listening = "honours" }\nwhy = "Asking again."\n\n'
)


def test_next_as_a_list_of_names_is_one_error_with_both_forms_that_load(tmp_path):
    text = MINI.replace('next = "last"', 'next = ["last", "@outcome"]')
    p = only(tmp_path, text)
    assert p.key == "scenes.bridge.next"
    assert p.line == line_of(text, "next = [")
    assert "list of names" in p.message and "0 = {" not in p.hint
    assert 'write next = "last"' in p.hint
    assert loads(tmp_path, text.replace('next = ["last", "@outcome"]', 'next = "last"'))
    branches = p.hint.split("next = ", 2)[2]
    branches = branches.replace('["..."]', '["reflected"]').replace('"..."', '"@outcome"')
    fixed = loads(tmp_path, text.replace('next = ["last", "@outcome"]', "next = " + branches))
    assert [s.goto for s in fixed.scenes["bridge"].steps()] == ["last", "@outcome"]


@pytest.mark.parametrize(
    ("wrong", "right"),
    [("[[scene.last.choices]]", "[[scenes.last.choices]]"), ("[ending.mixed]", "[endings.mixed]")],
)
def test_a_misspelt_first_part_of_a_header_names_that_header_line(tmp_path, wrong, right):
    text = MINI.replace(right, wrong)
    found = [p for p in problems(tmp_path, text) if p.key == wrong.strip("[]").split(".")[0]]
    assert found, problems(tmp_path, text)
    assert found[0].line == line_of(text, wrong)
    assert "did you mean" in found[0].hint


@pytest.mark.parametrize("first", ['next = ["last"]', 'next = "last"'])
def test_next_written_then_branch_blocks_names_both_places(tmp_path, first):
    text = MINI.replace(
        'next = "last"',
        first + '\n\n[[scenes.bridge.next]]\nwhen = { flags = ["reflected"] }\ngoto = "last"'
        '\n\n[[scenes.bridge.next]]\ngoto = "@outcome"',
    )
    p = only(tmp_path, text)
    assert "immutable" not in p.message and "rename" not in p.hint
    assert p.line == line_of(text, "[[scenes.bridge.next]]")
    assert f"already set on line {line_of(text, first)}" in p.message
    # Either way the hint offers loads: here, delete the next = ... line.
    fixed = loads(tmp_path, text.replace(first + "\n", "", 1))
    assert [s.goto for s in fixed.scenes["bridge"].steps()] == ["last", "@outcome"]


def test_a_choice_key_written_twice_is_not_told_to_move_up_to_the_scene(tmp_path):
    text = MINI.replace("trust = 10\n", "trust = 10\ntrust = 8\n", 1)
    p = only(tmp_path, text)
    assert "move it up" not in p.hint
    first = line_of(text, "trust = 10")
    assert p.hint == f"keep only one of them: delete line {first} or line {first + 1}"
    assert loads(tmp_path, text.replace("trust = 8\n", "", 1))


def test_a_scene_key_written_twice_below_its_variants_is_still_told_to_move_up(tmp_path):
    text = MINI.replace(
        'text = "A pause."\nnext = "last"',
        'next = "last"\n\n[[scenes.bridge.variants]]\nwhen = { flags = ["reflected"] }\n'
        'text = "A long pause."\ntext = "A pause."',
    )
    p = only(tmp_path, text)
    assert "move it up, below [scenes.bridge]" in p.hint


def test_visited_naming_an_ending_says_it_is_an_ending(tmp_path):
    text = MINI.replace(
        'reflect = ["What did Kim want?"]',
        'reflect = [{ text = "Why?", when = { visited = ["poor"] } }]',
    )
    p = only(tmp_path, text)
    assert "'poor' is an ending, not a scene" in p.message
    assert "flag" in p.hint


def test_start_naming_an_ending_says_it_is_an_ending(tmp_path):
    p = only(tmp_path, MINI.replace('start = "hello"', 'start = "strong"'))
    assert "'strong' is an ending" in p.hint and "did you mean" not in p.hint


def test_next_written_in_a_branch_of_next_is_told_to_be_goto_not_moved_up(tmp_path):
    text = MINI.replace('next = "last"\n', BRANCHES.replace('goto = "last"', 'next = "last"'))
    p = only(tmp_path, text)  # one error: the goto it lacks is the same slip
    assert p.key == "scenes.bridge.next[1].next" and p.line == line_of(text, 'next = "last"')
    assert "a branch of next goes on with goto" in p.message
    assert p.hint == "rename next to goto" and "move it up" not in p.hint
    fixed = loads(tmp_path, text.replace('next = "last"', 'goto = "last"'))
    assert [b.goto for b in fixed.scenes["bridge"].steps()] == ["last", "@outcome"]


def test_a_branch_of_next_without_goto_is_not_called_a_choice(tmp_path):
    text = MINI.replace('next = "last"\n', BRANCHES.replace('goto = "last"\n', ""))
    p = only(tmp_path, text)
    assert p.key == "scenes.bridge.next[1].goto"
    assert "this branch leads to" in p.hint and "choice" not in p.hint


def test_a_choice_id_used_twice_names_where_it_was_first_used(tmp_path):
    text = MINI.replace('say = "Let\'s finish."', 'id = "reflect"\nsay = "Let\'s finish."')
    p = only(tmp_path, text)
    assert p.key == "scenes.middle.choices[3].id"
    assert "choice 1 of scene 'hello' has it too" in p.message
    assert loads(tmp_path, text.replace('id = "reflect"\nsay = "Let', 'id = "finish"\nsay = "Let'))


def test_a_verdict_used_as_a_key_is_shown_inside_principles(tmp_path):
    wrong = 'honours = ["active-listening"]'
    text = MINI.replace('principles = { active-listening = "neutral" }', wrong)
    p = only(tmp_path, text)
    assert p.key == "scenes.last.choices[1].honours" and p.line == line_of(text, wrong)
    fixed = loads(tmp_path, text.replace(wrong, p.hint.split(": ", 1)[1]))
    assert fixed.scenes["last"].choices[0].principles == {"active-listening": "honours"}


def test_a_variant_on_a_scene_never_seen_first_names_that_scene(tmp_path):
    variant = '[[scenes.middle.variants]]\nwhen = { visited = ["last"] }\ntext = "Again?"\n\n'
    text = MINI.replace("[[scenes.middle.choices]]", variant + "[[scenes.middle.choices]]", 1)
    (p,) = codes(tmp_path, text)["never-shown"]
    assert p.key == "scenes.middle.variants[1].when"
    assert "or an earlier variant" not in p.message  # it is not the order: say what it is
    assert p.hint == "scene 'last' is never seen on the way here"


def test_a_branch_behind_one_that_always_goes_first_says_which(tmp_path):
    first = '[[scenes.bridge.next]]\nwhen = { min_trust = 0 }\ngoto = "@outcome"\n\n'
    text = MINI.replace(
        'next = "last"\n', first + BRANCHES_5.replace("{}", '{ flags = ["reflected"] }')
    )
    (p,) = codes(tmp_path, text)["never-taken"]
    assert p.key == "scenes.bridge.next[2].when"
    assert "holds on some ways, but branch 1 always goes first" in p.message
    assert p.hint.startswith("put this branch before branch 1")


def test_a_choice_on_a_scene_never_seen_first_names_that_scene(tmp_path):
    text = MINI.replace("when = { max_trust = 30 }", 'when = { visited = ["last"] }')
    (p,) = codes(tmp_path, text)["never-offered"]
    assert p.key == "scenes.middle.choices[3].when"
    assert p.hint.startswith("scene 'last' is never seen on the way here")


def test_a_misspelt_key_does_not_hold_back_a_broken_link_elsewhere(tmp_path):
    from tests.core.test_author_messages import problems

    text = MINI.replace('say = "I can\'t help you."', 'sya = "I can\'t help you."')
    text = text.replace('goto = "bridge"', 'goto = "brige"', 1)
    found = {p.key: p for p in problems(tmp_path, text)}
    assert "scenes.hello.choices[3].sya" in found
    link = found["scenes.middle.choices[1].goto"]  # reported in the same round
    assert "'brige' is not a scene or an ending" in link.message
    assert "'bridge'" in link.hint


def test_a_scene_behind_a_choice_never_offered_names_that_choice(tmp_path):
    aside = '[scenes.aside]\ntext = "An aside."\nnext = "last"\n\n[scenes.last]'
    text = (
        MINI.replace("[scenes.last]", aside)
        .replace(
            'say = "Let\'s finish."\ngoto = "@outcome"', 'say = "Let\'s finish."\ngoto = "aside"'
        )
        .replace("max_trust = 30", "max_trust = 10")
    )  # trust is 25 or 60 in 'middle'
    found = codes(tmp_path, text)
    (p,) = found["unreachable-scene"]
    assert p.key == "scenes.aside"
    assert p.hint == "the only way here, choice middle#3, is never offered: see the error there"
    assert [q.key for q in found["never-offered"]] == ["scenes.middle.choices[3].when"]


def test_a_misspelt_scene_name_in_a_choices_header_names_the_scene_meant(tmp_path):
    text = MINI.replace("[[scenes.middle.choices]]", "[[scenes.midle.choices]]", 1)
    p = only(tmp_path, text)  # one message, not "add text" (which would make a second scene)
    assert p.key == "scenes.midle"
    assert "makes a new scene 'midle', with no text" in p.message
    assert "did you mean [[scenes.middle.choices]], for the scene 'middle' (line 47)?" in p.hint
    assert text.splitlines()[46] == "[scenes.middle]"
    fixed = loads(tmp_path, text.replace("[[scenes.midle.choices]]", "[[scenes.middle.choices]]"))
    assert len(fixed.scenes["middle"].choices) == 3  # following the hint loses nothing


def test_a_principle_written_without_one_of_its_words_is_suggested(tmp_path):
    text = MINI.replace(
        'principles = { active-listening = "honours" }', 'principles = { listening = "honours" }', 1
    )
    p = only(tmp_path, text)
    assert "'listening' is not a principle" in p.message
    assert "did you mean 'active-listening'?" in p.hint


def test_a_goto_to_a_scene_not_yet_written_says_how_to_play_the_draft(tmp_path):
    """Author test 7 wrote half the scenes first: play refused, and the hint said only what a
    goto names, not how to try the half already written."""
    old = 'goto = "bridge"\nempowerment = 8'
    text = MINI.replace(old, old.replace("bridge", "kit-in-drawer"))
    p = only(tmp_path, text)
    assert p.key == "scenes.middle.choices[1].goto"
    assert "add [scenes.kit-in-drawer]" in p.hint
    assert 'write goto = "@outcome" until then to play the rest' in p.hint
    loads(tmp_path, text.replace('goto = "kit-in-drawer"', 'goto = "@outcome"'))
    # a plain next names its own key
    p = only(tmp_path, MINI.replace('next = "last"', 'next = "kit-in-drawer"'))
    assert p.key == "scenes.bridge.next" and 'write next = "@outcome"' in p.hint


def test_a_speaker_written_as_a_full_name_is_given_the_characters_id(tmp_path):
    """`speaker = "Andrés Peña"` was told "did you mean 'andres-pena'?", which is no
    character: the round-1 fix for a name used as speaker fired only for id-shaped names."""
    text = MINI.replace('name = "Kim"', 'name = "Kim Peña"').replace(
        'speaker = "kim"\naction', 'speaker = "Kim Peña"\naction'
    )
    p = only(tmp_path, text)
    assert p.key == "scenes.hello.speaker"
    assert 'speaker takes the id, so write speaker = "kim"' in p.hint
    assert "kim-pena" not in p.hint
    loads(tmp_path, text.replace('speaker = "Kim Peña"', 'speaker = "kim"'))


def test_a_singular_scene_header_is_not_told_to_move_its_choices_elsewhere(tmp_path):
    """`[scene.middle]`: the choices under [[scenes.middle.choices]] belong to that scene; the
    hint pointed them at another scene."""
    text = MINI.replace("[scenes.middle]", "[scene.middle]")
    found = problems(tmp_path, text)
    stray = next(p for p in found if p.key == "scenes.middle")
    assert "[scene.middle]" in stray.hint and "[scenes.middle]" in stray.hint
    assert "did you mean [[scenes." not in stray.hint
    assert any(p.key == "scene" and "did you mean 'scenes'?" in p.hint for p in found)


def test_a_required_key_under_another_name_is_one_error_saying_rename(tmp_path):
    # was two: "'text' is required here but missing" and "'prompt' is not a key"
    text = MINI.replace(
        'reflect = ["What did Kim want?"]',
        'reflect = ["What did Kim want?", { prompt = "And next?", when = { min_trust = 1 } }]',
    )
    p = only(tmp_path, text)
    assert p.key == "debrief.reflect[2].prompt"
    assert p.hint == "rename prompt to text: text is required here and missing"
    loads(tmp_path, text.replace("prompt =", "text ="))  # the hint, followed
    # the same for a choice's words and an ending's title
    p = only(tmp_path, MINI.replace('say = "Thank you for coming."', 'words = "Thank you."'))
    assert p.hint.startswith("rename words to say:")
    p = only(tmp_path, MINI.replace('title = "Poor"', 'name = "Poor"'))
    assert p.hint.startswith("rename name to title:")


def test_an_unknown_key_of_another_kind_is_not_taken_for_the_missing_one(tmp_path):
    text = MINI.replace('say = "Thank you for coming."', 'words = ["Thank you."]')
    found = problems(tmp_path, text)
    assert {p.key for p in found} == {"scenes.last.choices[1].say", "scenes.last.choices[1].words"}
    assert not any("rename" in p.hint for p in found)


def test_a_fallback_branch_first_names_the_branches_after_it_in_words(tmp_path):
    two = '[[scenes.bridge.next]]\nwhen = { min_trust = 90 }\ngoto = "last"\n\n'
    fallback = '[[scenes.bridge.next]]\ngoto = "last"\n\n'
    base = MINI.replace('next = "last"\n', "")
    one = base.replace("[scenes.last]", fallback + two + "[scenes.last]", 1)
    assert only(tmp_path, one).message.endswith("holds and the branch after it can never be taken")
    both = base.replace("[scenes.last]", fallback + two + two + "[scenes.last]", 1)
    assert only(tmp_path, both).message.endswith("the 2 branches after it can never be taken")


def test_a_line_back_to_its_own_scene_offered_again_is_named(tmp_path):
    text = MINI.replace("[scenes.bridge]", AGAIN + "[scenes.bridge]", 1)
    (p,) = codes(tmp_path, text)["repeatable"]  # check said nothing: the file was "clean"
    assert p.key == "scenes.middle.choices[4]"
    assert "a trainee can say it over and over (trust +3 each time" in p.message
    assert p.hint.startswith(
        'take it off the offer once said (sets = ["asked-again"] and '
        'when = { not_flags = ["asked-again"] })'
    )
    # the hint, followed: said once, then no longer on offer, and no warning
    followed = text.replace(
        'why = "Asking again."\n',
        'why = "Asking again."\nsets = ["asked-again"]\nwhen = { not_flags = ["asked-again"] }\n',
    )
    assert "repeatable" not in codes(tmp_path, followed)
    from sim.engine import Run

    run = Run.begin(loads(tmp_path, followed))
    run.choose(1)
    run.settle()
    said = [o.choice.say for o in run.offers()]
    run.choose(said.index("Can I ask that again?") + 1)
    run.settle()
    assert run.state.scene == "middle"
    assert "Can I ask that again?" not in [o.choice.say for o in run.offers()]


def test_the_fixture_is_clean(tmp_path):
    assert codes(tmp_path, LETTER) == {}


def test_a_misspelt_outcome_is_not_told_that_at_is_no_letter(tmp_path):
    text = MINI.replace('goto = "@outcome"', 'goto = "@outcomes"', 1)
    p = only(tmp_path, text)
    # "'@' is not one of the letters a-z" beside "did you mean '@outcome'?" contradicted itself
    assert "not one of the letters" not in p.message
    assert "the one target that starts with '@' is \"@outcome\"" in p.message
    assert "did you mean '@outcome'?" in p.hint
    loads(tmp_path, text.replace("@outcomes", "@outcome"))


def test_a_speaker_in_a_variant_says_the_variant_keeps_the_scenes_speaker(tmp_path):
    """`speaker` written in a variant (to make it narration) was told to "move it up, below
    [scenes.last]", where the scene already has one: following that breaks the file."""
    variant = '[[scenes.last.variants]]\nwhen = { flags = ["reflected"] }\nspeaker = "narrator"\ntext = "Kim smiles."\n\n'
    text = MINI.replace("[[scenes.last.choices]]", variant + "[[scenes.last.choices]]")
    p = only(tmp_path, text)
    assert p.key == "scenes.last.variants[1].speaker"
    assert "keeps the speaker of [scenes.last] ('kim')" in p.message
    assert "move it" not in p.hint and "action" in p.hint
    fixed = text.replace(
        'speaker = "narrator"\ntext = "Kim smiles."', 'action = "Kim smiles."\ntext = "Thanks."'
    )
    assert loads(tmp_path, fixed).scenes["last"].variants[0].action == "Kim smiles."


def test_a_next_in_a_variant_of_a_scene_with_a_next_points_to_branches(tmp_path):
    variant = '\n[[scenes.bridge.variants]]\nwhen = { flags = ["reflected"] }\ntext = "A longer pause."\nnext = "@outcome"\n'
    text = MINI.replace('next = "last"\n', 'next = "last"\n' + variant, 1)
    p = only(tmp_path, text)
    assert "move it" not in p.hint
    assert "[[scenes.bridge.next]] branches" in p.hint


def test_a_dot_for_a_dash_in_a_scene_header_is_said_once_with_the_one_name_fix(tmp_path):
    """`[scenes.ray.goes-on]` (a '.' for the '-' of 'ray-goes-on', right below another scene)
    was also told "[[scenes.ray.goes-on]] makes a new scene 'ray', ... if you renamed 'ray'
    to 'bridge', rename this header too", with brackets never written and no rename made."""
    text = MINI.replace('next = "last"', 'next = "la-st"').replace(
        "[scenes.last]", '[scenes.la.st]\ntext = "Bye."\nnext = "@outcome"\n\n[scenes.last]'
    )
    found = problems(tmp_path, text)
    assert not any("renamed" in p.hint or "[[scenes.la.st]]" in p.message for p in found)
    assert "scenes.la" not in {p.key for p in found}
    dotted = next(p for p in found if p.key == "scenes.la.st")
    assert "write [scenes.la-st]" in dotted.hint
    assert loads(tmp_path, text.replace("[scenes.la.st]", "[scenes.la-st]"))


@pytest.mark.parametrize(
    ("edits", "key", "dotted"),
    [
        (
            [('next = "last"', 'next = "la-st"'), ("[scenes.last]", "[scenes.la.st]")]
            + [("[[scenes.last.choices]]", "[[scenes.la-st.choices]]")],
            "scenes.la-st",
            "[scenes.la.st]",
        ),
        (
            [("[endings.poor]", "[endings.po.or]")]
            + [
                (
                    "\n[debrief]",
                    '\n[[endings.po-or.also]]\nwhen = { flags = ["reflected"] }\n'
                    'text = "Also."\n\n[debrief]',
                )
            ],
            "endings.po-or",
            "[endings.po.or]",
        ),
    ],
)
def test_an_own_header_with_a_dot_says_this_header_is_right(tmp_path, edits, key, dotted):
    """`[scenes.la.st]` above `[[scenes.la-st.choices]]`: the block's header is the right
    one; it was told "did you mean [[scenes.middle.choices]]" or "if you renamed ...",
    both sending the author to break a header that was right."""
    text = MINI
    for old, new in edits:
        text = text.replace(old, new)
    p = next(p for p in problems(tmp_path, text) if p.key == key)
    assert f"own header is written {dotted}" in p.message
    right = "[" + key + "]"
    assert p.hint.startswith(f"write {right} on line {line_of(text, dotted)}")
    assert loads(tmp_path, text.replace(dotted, right))


def test_a_narrator_speaker_is_told_narration_has_no_speaker(tmp_path):
    """`speaker = "narrator"` was told only "add [characters.narrator] with a name": the
    README's narration is a scene with no speaker, shown without a name."""
    text = MINI.replace("[scenes.bridge]\n", '[scenes.bridge]\nspeaker = "narrator"\n')
    p = only(tmp_path, text)
    assert p.key == "scenes.bridge.speaker"
    assert p.hint.startswith("narration has no speaker: delete this line")
    assert (
        loads(tmp_path, text.replace('speaker = "narrator"\n', "")).scenes["bridge"].speaker is None
    )


@pytest.mark.parametrize("written", ["you", "coach"])
def test_the_coach_as_speaker_is_told_where_the_coach_s_words_go(tmp_path, written):
    """`speaker = "you"` was told "add [characters.you] with a name", and following it is an
    error of its own: a character whose name reads like 'You', the coach's label."""
    text = MINI.replace("[scenes.bridge]\n", f'[scenes.bridge]\nspeaker = "{written}"\n')
    p = only(tmp_path, text)
    assert p.key == "scenes.bridge.speaker"
    assert "[characters." not in p.hint
    assert 'say = "..." in a [[scenes.bridge.choices]] block' in p.hint
    assert p.hint.endswith("or delete this line for narration")
    assert loads(tmp_path, text.replace(f'speaker = "{written}"\n', ""))
    # the old advice, followed, was an error too
    named = text + f'\n[characters.{written}]\nname = "You"\n'
    assert "look-alike-names" in codes(tmp_path, named)


@pytest.mark.parametrize("written", ["Scenes", "scene"])
def test_a_misspelt_scenes_header_is_not_echoed_as_did_you_mean_at_every_goto(tmp_path, written):
    """`[Scenes.bridge]`: beside the right error ("did you mean 'scenes'?"), each goto to
    'bridge' was told "did you mean" another scene, which would break a right goto."""
    text = MINI.replace("[scenes.bridge]", f"[{written}.bridge]")
    p = only(tmp_path, text)
    assert p.key == written and "did you mean 'scenes'?" in p.hint
    assert loads(tmp_path, text.replace(f"[{written}.bridge]", "[scenes.bridge]"))


def test_a_new_scene_written_as_its_next_blocks_alone_is_told_to_add_its_header(tmp_path):
    """`[[scenes.after.next]]` blocks copied from the README for a scene not written yet:
    told "add text = ..." (which, written there, lands in the last branch), or, when the
    scene above was another such scene, "if you renamed 'after' to ..." it."""
    branches = (
        '[[scenes.after.next]]\nwhen = { flags = ["reflected"] }\ngoto = "last"\n\n'
        '[[scenes.after.next]]\ngoto = "@outcome"\n\n'
    )
    text = MINI.replace('next = "last"', 'next = "after"').replace(
        "[scenes.last]", branches + "[scenes.last]"
    )
    p = only(tmp_path, text)
    assert p.key == "scenes.after"
    assert "[[scenes.after.next]] makes a new scene 'after', with no text" in p.message
    assert "renamed" not in p.hint and 'add text = "..."' not in p.hint
    assert "above the first [[scenes.after.next]]: [scenes.after], with text" in p.hint
    fixed = text.replace(branches, '[scenes.after]\ntext = "Later."\n\n' + branches)
    assert loads(tmp_path, fixed).scenes["after"].text == "Later."


def test_a_scene_header_left_out_names_the_line_where_its_keys_landed(tmp_path):
    """[scenes.middle] left out: its speaker and text land in the last choice above. Those two
    were told "remove this one" (losing the scene's words) and the scene's error to put the
    header above [[scenes.middle.choices]], which leaves them where they landed."""
    text = MINI.replace("[scenes.middle]\n", "")
    found = problems(tmp_path, text)
    start = line_of(text, 'text = "So what now?"') - 1  # its speaker line
    assert text.split("\n")[start - 1] == 'speaker = "kim"'
    by_key = {p.key: p for p in found}
    assert set(by_key) == {
        "scenes.hello.choices[3].speaker",
        "scenes.hello.choices[3].text",
        "scenes.middle",
    }
    for p in found:
        assert f"write [scenes.middle] on a line of its own above line {start}" in p.hint
        assert "above the first [[scenes.middle.choices]]" not in p.hint
    lines = text.split("\n")
    lines.insert(start - 1, "[scenes.middle]")  # the hint, followed
    assert loads(tmp_path, "\n".join(lines)).scenes["middle"].text == "So what now?"


def test_a_choice_with_text_for_its_say_is_told_to_rename_it_not_remove_it(tmp_path):
    """author44 wrote a coach's line as `text = "..."` (a scene's words are its text): one
    error said say was missing, another that text "is a key of [scenes.last], which has its
    own text already: remove this one", which would have thrown the line away."""
    line = 'say = "Thank you for coming."'
    text = MINI.replace(line, line.replace("say", "text"))
    p = only(tmp_path, text)
    assert p.key == "scenes.last.choices[1].text"
    assert p.message == "'text' is not a key of [[scenes.last.choices]]"
    assert p.hint == "rename text to say: say is required here and missing"
    assert "remove" not in p.hint
    fixed = loads(tmp_path, MINI)  # the hint, followed: the line is the choice's say again
    assert fixed.scenes["last"].choices[0].say == "Thank you for coming."


def test_a_scenes_own_text_written_below_its_choices_is_still_told_to_move_up(tmp_path):
    """The rename is only for a table that lacks a key: a scene's text that landed in a
    choice (which has its say) still belongs to the scene."""
    text = MINI.replace('text = "Thanks."\n', "").replace(
        'say = "Thank you for coming."', 'say = "Thank you for coming."\ntext = "Thanks."'
    )
    p = only(tmp_path, text)
    assert p.key == "scenes.last.choices[1].text"
    assert "it is a key of [scenes.last]" in p.hint + p.message and "move it up" in p.hint


def test_a_scenes_character_key_is_told_to_be_speaker(tmp_path):
    """author44 wrote `character = "renee"` (the guide calls the people characters) and
    was given the list of keys allowed in a scene, speaker among six."""
    text = MINI.replace('speaker = "kim"\ntext = "Thanks."', 'character = "kim"\ntext = "Thanks."')
    p = only(tmp_path, text)
    assert p.key == "scenes.last.character"
    assert "keys allowed here" not in p.hint
    assert p.hint.endswith('rename character to speaker (speaker = "kim")')
    fixed = loads(tmp_path, text.replace('character = "kim"', 'speaker = "kim"'))
    assert fixed.scenes["last"].speaker == "kim"

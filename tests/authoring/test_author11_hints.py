"""Messages from author test 11 (a trainer writing a "housing form" scenario from the README
alone, with the newcomer's mistakes made on purpose).

Each test makes the mistake as that author made it, asserts the message names the real
cause, and follows the hint literally: the line it says to write must load.
"""

from __future__ import annotations

from tests.core.test_author_messages import MINI, loads, only

STRONG_WHEN = 'when = { min_trust = 60, flags = ["reflected"] }'
ASKED = "when = { max_trust = 30 }"  # the third choice of 'middle'


def _written(hint: str) -> str:
    """The TOML the hint says to write: everything after its last 'write '."""
    return hint[hint.rindex("write ") + len("write ") :]


def test_or_between_two_values_of_one_key_says_or_and_gives_any(tmp_path):
    """`flags = ["a"] or ["b"]` was told "an inline table is not closed (add the closing '}')",
    though the brace was there."""
    slip = 'when = { min_trust = 60, flags = ["reflected"] or ["asked"] }'
    text = MINI.replace(STRONG_WHEN, slip)
    p = only(tmp_path, text)
    assert p.message.startswith("'or' is not TOML")
    assert "closing" not in p.hint
    assert p.column == slip.index(" or ") + 2
    fix = _written(p.hint)
    assert fix == (
        'when = { min_trust = 60, any = [ { flags = ["reflected"] }, { flags = ["asked"] } ] }'
    )
    when = loads(tmp_path, text.replace(slip, fix)).endings["strong"].when
    assert when.min_trust == 60 and [c.flags for c in when.any] == [("reflected",), ("asked",)]


def test_and_between_two_lists_gives_one_list(tmp_path):
    slip = 'when = { min_trust = 60, flags = ["reflected"] and ["asked"] }'
    text = MINI.replace(STRONG_WHEN, slip)
    p = only(tmp_path, text)
    assert p.message.startswith("'and' is not TOML")
    fix = _written(p.hint)
    assert fix == 'when = { min_trust = 60, flags = ["reflected", "asked"] }'
    assert loads(tmp_path, text.replace(slip, fix)).endings["strong"].when.flags == (
        "reflected",
        "asked",
    )


def test_any_written_as_one_inline_table_gives_a_list_not_a_header(tmp_path):
    """The hint was "write each entry as [[...when.any]] with double brackets", which TOML
    refuses inside an inline table (and the author wrote no [table] at all)."""
    slip = 'when = { any = { flags = ["reflected"], min_trust = 60 } }'
    text = MINI.replace(STRONG_WHEN, slip)
    p = only(tmp_path, text)
    assert p.key == "endings.strong.when.any"
    assert "{ ... }" in p.message and "[table]" not in p.message
    assert "[[" not in p.hint
    written = p.hint[p.hint.index("any = [") :]
    assert written == 'any = [ { flags = ["reflected"] }, { min_trust = 60 } ]'
    when = loads(tmp_path, text.replace(slip, f"when = {{ {written} }}")).endings["strong"].when
    assert len(when.any) == 2


def test_reflect_written_as_one_inline_table_gets_its_square_brackets(tmp_path):
    slip = 'reflect = { text = "What did Kim want?", when = { flags = ["reflected"] } }'
    text = MINI.replace('reflect = ["What did Kim want?"]', slip)
    p = only(tmp_path, text)
    assert "[[" not in p.hint
    fix = p.hint[p.hint.index("reflect = [") :]
    scenario = loads(tmp_path, text.replace(slip, fix))
    assert scenario.debrief.reflect[0].when.flags == ("reflected",)


def test_a_flag_name_as_the_whole_when_goes_in_its_flags_list(tmp_path):
    slip = 'when = "reflected"'
    text = MINI.replace(ASKED, slip)
    p = only(tmp_path, text)
    fix = _written(p.hint)
    assert fix == 'when = { flags = ["reflected"] }'
    assert loads(tmp_path, text.replace(slip, fix)).scenes["middle"].choices[2].when.flags == (
        "reflected",
    )


def test_a_flag_name_as_an_entry_of_any_goes_in_a_flags_table(tmp_path):
    """The hint was "e.g. 0 = { min_trust = 10 }": a key no author can write."""
    slip = 'when = { any = [ "reflected", { min_trust = 60 } ] }'
    text = MINI.replace(STRONG_WHEN, slip)
    p = only(tmp_path, text)
    assert "0 =" not in p.hint
    entry = p.hint[p.hint.index("write ") + len("write ") : p.hint.index(" in any")]
    assert entry == '{ flags = ["reflected"] }'
    fixed = text.replace(slip, f"when = {{ any = [ {entry}, {{ min_trust = 60 }} ] }}")
    assert len(loads(tmp_path, fixed).endings["strong"].when.any) == 2


def test_flags_twice_in_one_when_offers_either_as_well_as_both(tmp_path):
    """Two `flags` in one when are as often meant as "either one": the hint named only the
    merged list, which silently turns an OR into an AND."""
    slip = 'when = { min_trust = 60, flags = ["reflected"], flags = ["asked"] }'
    text = MINI.replace(STRONG_WHEN, slip)
    p = only(tmp_path, text)
    either = p.hint[p.hint.index("any = [") : p.hint.index("];") + 1]
    assert either == 'any = [ { flags = ["reflected"] }, { flags = ["asked"] } ]'
    fixed = text.replace(slip, f"when = {{ min_trust = 60, {either} }}")
    assert len(loads(tmp_path, fixed).endings["strong"].when.any) == 2


def test_a_last_ending_with_no_when_never_reached_names_the_ending_above_that_takes_it(
    tmp_path,
):
    """The hint said "change its when" of an ending that has none; the when to change is
    that of the ending just above, which takes every run the ones before it leave."""
    from sim.authoring.lint import lint

    text = MINI.replace("when = { min_trust = 20 }", "when = { min_trust = 0 }")
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.key == "endings.poor"]
    assert "change its when" not in p.hint
    assert "ending 'mixed', written above it, takes every one of those runs" in p.hint
    assert "narrow the when of 'mixed'" in p.hint
    assert "'strong' does not take" in p.hint
    narrowed = loads(tmp_path, MINI)  # mixed at min_trust = 20 again: poor is reached
    assert not [p for p in lint(narrowed) if p.key == "endings.poor"]


def test_a_goto_to_an_ending_not_yet_written_offers_the_ending_header_too(tmp_path):
    """`goto = "walked-out"`, an ending still to write, was offered only [scenes.walked-out]."""
    slip = 'goto = "walked-out"'
    text = MINI.replace(
        'say = "I can\'t help you."\ngoto = "@outcome"', f'say = "I can\'t help you."\n{slip}'
    )
    p = only(tmp_path, text)
    assert "[scenes.walked-out]" in p.hint and "[endings.walked-out]" in p.hint
    ending = '\n[endings.walked-out]\ntitle = "Gone"\noutcome = "poor"\ntext = "Kim leaves."\n'
    added = text.replace("[endings.poor]", ending.lstrip("\n") + "\n[endings.poor]")
    assert "walked-out" in loads(tmp_path, added).endings


def test_a_reload_that_rewords_the_end_of_a_long_line_shows_the_words_that_changed(tmp_path):
    """The note showed the line's unchanged first words ("...It's your story, though....")
    after an edit at its end, so the author could not see what the reload had picked up."""
    from sim.authoring.watch import reload_run
    from sim.engine import Run

    was = "You made it in. Coming through that door takes something, and you did it today."
    text = MINI.replace('"You made it in."', f'"{was}"')
    path = tmp_path / "draft.toml"
    path.write_text(text, encoding="utf-8")
    run = Run.begin(loads(tmp_path, text))
    run.choose(1)
    path.write_text(text.replace("you did it today.", "you did it anyway."), encoding="utf-8")
    note = reload_run(path, run).run.replay_note
    assert "you did it anyway." in note
    quoted = note[note.index("reads '") + len("reads '") : note.index("', so")]
    assert quoted.startswith("...") and len(quoted) <= 60


def test_a_critical_slip_marked_best_is_an_error(tmp_path):
    """`best = true` on a critical slip passed check clean, and the debrief then offered the
    slip as the stronger line."""
    from tests.core.test_author_messages import problems

    best = 'why = "Kim sets the agenda."\nbest = true'
    slip = (
        'say = "Let\'s finish."\ngoto = "@outcome"\nprinciples = { empowerment = "undermines" }\n'
        'why = "Straight to the end."\ncritical = "outside-role"\nbest = true'
    )
    text = MINI.replace(best, 'why = "Kim sets the agenda."').replace(
        'say = "Let\'s finish."\ngoto = "@outcome"\nprinciples = { empowerment = "neutral" }\n'
        'why = "Straight to the end."',
        slip,
    )
    (p,) = problems(tmp_path, text)
    assert p.key == "scenes.middle.choices[3].best"
    assert "critical slip (outside-role)" in p.message and "model answer" in p.message
    loads(
        tmp_path,
        text.replace('critical = "outside-role"\nbest = true', 'critical = "outside-role"'),
    )


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


def test_characters_written_as_a_list_of_blocks_get_their_id_in_the_header(tmp_path):
    """`[[characters]]` with `id = "kim"` was told "write it as [characters] with keys below it,
    or inline: characters = { }", which makes each key a character."""
    from tests.core.test_author_messages import problems

    text = MINI.replace("[characters.kim]", '[[characters]]\nid = "kim"')
    p = next(p for p in problems(tmp_path, text) if p.key == "characters")
    assert "[characters.kim] table" in p.hint and "characters = { }" not in p.hint
    assert loads(tmp_path, MINI).characters["kim"].name == "Kim"  # as the hint writes it

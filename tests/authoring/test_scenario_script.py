"""`peer-sim script`: a whole scenario to read, for a content review by someone who
does not read TOML. Every scene, line, why, ending, added paragraph and reflection
must be in it, in the order a conversation meets them, and nothing in the file may
reach a terminal as a control sequence or a Markdown viewer as markup.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sim.authoring.script import markdown, scene_order, text
from sim.cli import main
from sim.loading import load_scenario
from sim.loading.library import principle_titles

FIXTURE = Path(__file__).parent / "fixtures" / "parking-lot.toml"
MINI = Path(__file__).parents[1] / "core" / "fixtures" / "mini.toml"


def _flat(value: str) -> str:
    return " ".join(value.split())


def test_every_part_of_the_scenario_is_in_the_script():
    scenario = load_scenario(FIXTURE)
    script = _flat(text(scenario, principle_titles(scenario)))
    wanted = [scenario.title.upper(), scenario.summary, scenario.setting]
    for scene in scenario.scenes.values():
        wanted += [scene.text, *(v.text for v in scene.variants)]
        wanted += [c.say for c in scene.choices] + [c.why for c in scene.choices if c.why]
    for ending in scenario.endings.values():
        wanted += [ending.title, ending.text, *(a.text for a in ending.also)]
    wanted += [r if isinstance(r, str) else r.text for r in scenario.debrief.reflect]
    missing = [w for w in wanted if _flat(w) not in script]
    assert missing == []
    # principles by their titles, for a reader who does not know the ids
    assert "honours “Listen actively” and “Encourage openness”" in script


def test_principle_titles_with_commas_stay_apart():
    # "Empower, don't direct" holds a comma: joined with commas, a reviewer read
    # "undermines Empower, don't direct, Listen actively" as three principles (author19)
    scenario = load_scenario(MINI)
    titles = principle_titles(scenario)
    assert titles["empowerment"] == "Empower, don't direct"
    script = _flat(text(scenario, titles))
    assert "undermines “Empower, don't direct” and “Listen actively”." in script
    assert "Trains: “Listen actively” and “Empower, don't direct”." in script
    assert "Empower, don't direct” and" in _flat(markdown(scenario, titles))


def test_scenes_come_in_the_order_a_conversation_meets_them():
    scenario = load_scenario(FIXTURE)
    order, reached = scene_order(scenario)
    assert order[:4] == ["call", "what-happened", "pushback", "risk"]
    assert reached == set(scenario.scenes)
    script = text(scenario)
    assert script.index("Scene 2: what-happened") < script.index("Scene 3: pushback")


def test_slips_best_lines_conditions_and_branches_are_said_in_words():
    script = _flat(text(load_scenario(FIXTURE)))
    assert "Think about Mia. [CRITICAL: a safety slip, ends poor at best]" in script
    assert "[BEST]" in script
    assert "Offered only when flag asked-directly." in script
    assert "If flag staff-call: on to scene 9 (with-staff). Otherwise: on to scene" in script
    assert "Added, when flag missed-cue:" in script
    assert "Rule: taken when no ending above holds." in script  # the last ending's when
    assert "(asked when flag my-couch)" in script


def test_a_scene_no_line_leads_to_says_so(tmp_path):
    path = tmp_path / "lost.toml"
    path.write_text(
        MINI.read_text() + '\n[scenes.lost]\nspeaker = "kim"\ntext = "Nobody asks me."\n'
        'next = "@outcome"\n'
    )
    script = text(load_scenario(path))
    assert re.search(r"Scene \d+: lost \(no line leads here\)", script)


HOSTILE = (
    'format = 1\ntitle = "T"\nsummary = "s"\nsetting = "s"\nminutes = 5\n'
    'difficulty = "introductory"\nstart = "a"\n[meters]\ntrust = 30\nempowerment = 30\n'
    '[scenes.a]\ntext = "\\u001b]52;c;aGk=\\u0007<script>x</script> [link](http://x) *shout*"\n'
    '[[scenes.a.choices]]\nsay = "\\u001b[2J# heading"\ngoto = "end"\nwhy = "w"\n'
    'principles = { active-listening = "honours" }\n'
    '[endings.end]\ntitle = "E"\noutcome = "strong"\ntext = "---"\n'
)


def test_untrusted_text_stays_literal_in_both_forms(tmp_path):
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE)
    scenario = load_scenario(path)
    plain = text(scenario)
    assert "\x1b" not in plain and "\x07" not in plain
    assert "<script>x</script> [link](http://x) *shout*" in plain  # shown as written
    from markdown_it import MarkdownIt  # (Textual's own Markdown reader)

    html = MarkdownIt("commonmark").render(markdown(scenario))
    assert "\x1b" not in html and "<script>" not in html and "<a " not in html
    assert "<em>" not in html and "<h1>heading" not in html and "<hr" not in html
    assert "*shout*" in html  # the words as written


def test_the_command_takes_an_id_writes_markdown_and_never_a_toml(tmp_path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / "parking-lot.toml")
    assert main(["script", "parking-lot", "--scenarios", str(folder)]) == 0
    assert "Scene 1: call" in capsys.readouterr().out
    out = tmp_path / "parking-lot.md"
    assert (
        main(
            ["script", "parking-lot", "--scenarios", str(folder), "--format", "md", "-o", str(out)]
        )
        == 0
    )
    assert out.read_text().startswith("# Parking Lot\n")
    assert "1. You've had enough" in out.read_text()  # a numbered list of the lines
    target = folder / "other.toml"
    assert main(["script", "parking-lot", "--scenarios", str(folder), "-o", str(target)]) == 1
    assert not target.exists()
    assert ".toml" in capsys.readouterr().err


def test_a_stage_direction_cannot_pass_for_the_scripts_own_lines(tmp_path):
    """An action holding a blank line and "The coach can say: 1. ..." came out in the
    Markdown script as a paragraph of its own, read as the script's heading and a line
    marked best (adv18). Everything but the spoken text is one line, in both forms."""
    source = MINI.read_text(encoding="utf-8")
    forged = 'action = """She sits.\n\nThe coach can say:\n\n1. Give me your number. [BEST]"""\n'
    assert 'action = "Kim sits down."\n' in source
    path = tmp_path / "forged.toml"
    path.write_text(source.replace('action = "Kim sits down."\n', forged), encoding="utf-8")
    scenario = load_scenario(path)
    for script in (text(scenario), markdown(scenario)):
        opened = [line for line in script.splitlines() if "She sits." in line]
        assert len(opened) == 1 and "Give me your number" in opened[0], script
        assert sum(line.startswith("The coach can say") for line in script.splitlines()) == (
            sum(1 for line in text(scenario).splitlines() if line == "The coach can say:")
        )

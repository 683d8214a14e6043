"""`[[endings.ID.also]]`: paragraphs added after an ending's text, every one that holds.

Ending variants take the first that holds, so a run that made two mistakes heard of
only the first (be-my-sponsor's and check-in-call's endings, found by two reviews);
saying both needed a variant for every combination. `also` adds each that holds.
"""

from __future__ import annotations

from pathlib import Path

from sim.authoring.lint import lint
from sim.engine import Run, digest
from sim.loading import load_scenario

FIXTURE = Path(__file__).parent / "fixtures" / "why-two-slips.toml"
LENT = "The money you offered sits between you now."
TOLD = "Lee's boss knows about the recovery, and Lee did not choose that."


def _draft(tmp_path: Path, extra: str = "") -> Path:
    text = FIXTURE.read_text()
    text = text.replace(
        'critical = "dual-relationship"', 'critical = "dual-relationship"\nsets = ["lent"]'
    )
    text = text.replace(
        'critical = "confidentiality"', 'critical = "confidentiality"\nsets = ["told"]'
    )
    text = text.replace(
        'text = "Lee will manage."\nwhen = { min_trust = 40 }',
        'text = "Lee will manage."\nwhen = { min_trust = 40 }\n\n'
        f'[[endings.steady.also]]\nwhen = {{ flags = ["lent"] }}\ntext = "{LENT}"\n\n'
        f'[[endings.steady.also]]\nwhen = {{ flags = ["told"] }}\ntext = "{TOLD}"\n{extra}',
    )
    path = tmp_path / "also.toml"
    path.write_text(text)
    return path


def _ending(path: Path, *numbers: int) -> str:
    run = Run.begin(load_scenario(path))
    for n in numbers:
        run.settle()
        run.choose(n)
    run.settle()
    assert run.over
    return run.ending_text


def test_every_paragraph_that_holds_is_added_in_the_order_written(tmp_path) -> None:
    path = _draft(tmp_path)
    assert _ending(path, 2, 2) == f"Lee will manage.\n\n{LENT}\n\n{TOLD}"  # both mistakes
    assert _ending(path, 2, 1) == f"Lee will manage.\n\n{LENT}"  # one of them
    assert _ending(path, 1, 2) == f"Lee will manage.\n\n{TOLD}"  # the other


def test_a_scenario_without_also_keeps_its_content_hash() -> None:
    # runs recorded before the key existed must not read as played on a changed scenario
    # (every bundled scenario has some now; a fixture written before the key has none)
    path = Path(__file__).parent / "fixtures" / "why-two-slips.toml"
    assert ".also]]" not in path.read_text(encoding="utf-8")
    scenario = load_scenario(path)
    assert '"also"' not in scenario.model_dump_json()
    assert digest(scenario) == digest(scenario.model_copy())


def test_check_names_a_paragraph_that_never_shows_and_an_empty_when(tmp_path) -> None:
    extra = (
        '\n[[endings.steady.also]]\nwhen = { flags = ["lnet"] }\ntext = "Never."\n'
        '\n[[endings.steady.also]]\nwhen = {}\ntext = "Always."\n'
    )
    path = _draft(tmp_path, extra)
    problems = {(p.code, p.key): p for p in lint(load_scenario(path))}
    never = problems[("never-shown", "endings.steady.also[3].when")]
    assert "never shows" in never.message and "did you mean 'lent'?" in never.hint
    text = path.read_text()
    assert never.line == text[: text.index('["lnet"]')].count("\n") + 1
    empty = next(p for (code, key), p in problems.items() if key == "endings.steady.also[4].when")
    assert "added to the ending's text every time" in empty.message

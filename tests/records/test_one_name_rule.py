"""One rule for a name peer-sim keeps: a trainee's, and the store's own name and programme.

`identity --name/--programme` had a check of its own beside the trainee names' (programme28):
a Persian name spelt with its zero-width non-joiner was a trainee's name but refused as the
store's name, and a tab typed inside a name was tidied in one and refused in the other.
"""

from __future__ import annotations

import pytest

from sim.cli import main

REFUSED = [
    ("Sa" + "\u0301" * 30 + "m", "a few accents at most"),
    ("\u3164", "blank space (U+3164) at the start"),
    ("Sam\u3164", "blank space (U+3164) after 'Sam'"),  # passed as a trainee's name
    ("Mehr\u200cnoush", "zero-width non-joiner (U+200C) after 'Mehr'"),  # not between Persian
    ("Ana\u202eB", "after 'Ana'"),
    ("x" * 201, "At most"),
]
KEPT = [
    ("\u0645\u0647\u0631\u200c\u0646\u0648\u0634", "\u0645\u0647\u0631\u200c\u0646\u0648\u0634"),
    ("Sam\tRivera", "Sam Rivera"),
    ("  Zoe\u0308  Ng ", "Zo\u00eb Ng"),  # one spelling of 'ë', spaces tidied
]


@pytest.mark.parametrize(("typed", "why"), REFUSED)
def test_a_name_refused_for_a_trainee_is_refused_for_the_store_alike(
    tmp_path, capsys, typed: str, why: str
) -> None:
    from sim.records.classroom import TraineeNameError, clean_name

    said = []
    if len(typed) <= 200:  # a trainee's name is held to 40 characters, the store's to 200
        with pytest.raises(TraineeNameError) as refused:
            clean_name(typed)
        said.append(str(refused.value))
    for option in ("--name", "--programme"):
        assert main(["--data-dir", str(tmp_path), "identity", option, typed]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"peer-sim: {option}: "), err
        said.append(err.split(": ", 2)[2].strip())
    assert all(why in s for s in said), said
    assert len(set(said)) == 1, said  # the same words
    assert not (tmp_path / "records.db").exists()  # refused before anything was written


@pytest.mark.parametrize(("typed", "kept"), KEPT)
def test_a_name_kept_for_a_trainee_is_kept_for_the_store_alike(
    tmp_path, capsys, typed: str, kept: str
) -> None:
    from sim.records.classroom import clean_name

    assert clean_name(typed) == kept
    assert main(["--data-dir", str(tmp_path), "identity", "--name", typed]) == 0
    assert f"Name: {kept}\n" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path), "identity", "--programme", typed]) == 0
    assert f"Programme: {kept}\n" in capsys.readouterr().out

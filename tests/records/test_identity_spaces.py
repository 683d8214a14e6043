"""`identity --name` keeps a name as a trainee's is kept: spaces tidied, a blank one
forgotten (adversarial-13: ' ' was kept as a name of one space, shown as "Name:  " and
sent as the actor's name)."""

from __future__ import annotations

from sim.cli import main
from sim.records import Store


def _name() -> str | None:
    store = Store.open()
    try:
        return store.actor().get("name")
    finally:
        store.close()


def test_a_name_is_kept_with_its_spaces_tidied(capsys):
    assert main(["identity", "--name", "  Sam   Rivera  "]) == 0
    assert _name() == "Sam Rivera"
    assert "Name: Sam Rivera\n" in capsys.readouterr().out


def test_a_blank_name_forgets_the_name(capsys):
    assert main(["identity", "--name", "Sam Rivera"]) == 0
    assert main(["identity", "--name", "   "]) == 0
    assert not _name()
    assert "Name: not given\n" in capsys.readouterr().out.split("Anonymous id")[-1]

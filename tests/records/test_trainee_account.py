"""A trainer finds one trainee's statements in a record store (programme26)."""

from __future__ import annotations

import base64
import json
import urllib.request

from sim.cli import main

from .conftest import play


def _get(lrs, query: str) -> list[dict]:
    token = base64.b64encode(f"{lrs.user}:{lrs.password}".encode()).decode()
    request = urllib.request.Request(
        f"{lrs.url}statements?{query}&limit=500",
        headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"},
    )
    with urllib.request.urlopen(request, timeout=15) as answer:
        return json.load(answer)["statements"]


def test_identity_for_a_trainee_gives_the_query_that_finds_their_statements(lrs, capsys):
    """A record store finds a person's statements by account, not by name, and a trainee's
    account id is made from the store's and their name: a trainer knowing the name alone
    had no way to ask the store for them but reading an exported statement."""
    assert play("first-meeting", extra=("--trainee", "Ana Souza")) == 0
    assert play("first-meeting", extra=("--trainee", "Bo Li")) == 0
    capsys.readouterr()
    assert main(["sync", "--lrs", lrs.url, "--user", lrs.user, "--password", lrs.password]) == 0
    capsys.readouterr()
    assert main(["identity", "--trainee", "ana souza"]) == 0  # names match as elsewhere
    out = capsys.readouterr().out
    assert out.startswith("Trainee: Ana Souza\nxAPI account: "), out
    query = out.split("GET statements?", 1)[1].strip()
    found = _get(lrs, query)
    assert main(["export", "last", "--trainee", "Ana Souza", "--format", "xapi"]) == 0
    theirs = json.loads(capsys.readouterr().out)
    assert {s["id"] for s in found} == {s["id"] for s in theirs}, (len(found), len(theirs))
    assert {s["actor"]["name"] for s in found} == {"Ana Souza"}


def test_identity_for_a_trainee_sets_nothing_and_refuses_a_name_not_held(capsys):
    assert play("first-meeting", extra=("--trainee", "Ana")) == 0
    capsys.readouterr()
    assert main(["identity", "--trainee", "Ana", "--name", "Sam"]) == 2
    assert "give them without --trainee" in capsys.readouterr().err
    assert main(["identity"]) == 0
    assert "Name: not given" in capsys.readouterr().out  # nothing was set
    assert main(["identity", "--trainee", "Anna"]) == 2
    assert "its trainees: Ana" in capsys.readouterr().err
